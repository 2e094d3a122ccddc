package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trial 74a F1: a station logging pressure in kPa for bar got one probability, p_yes 0.203579, for all its 200 sequences
 * (the network saturated), unmarked, and evaluate's accuracy rose. predict and evaluate now say when many different
 * sequences share one set of probabilities to 6 digits.
 */
class SameProbabilitiesTest {

    @TempDir
    Path dir;

    @Test
    void manyDifferentSequencesWithOneSetOfProbabilitiesAreFoundAndCopiesOrConfidentAnswersAreNot() {
        List<double[]> p = new ArrayList<>();
        List<Object> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Random r = new Random(1);
        for (int i = 0; i < 80; i++) { // 80 sequences of their own probabilities
            double y = r.nextDouble();
            p.add(new double[] {1 - y, y});
            inputs.add("in" + i);
            names.add("s" + i);
        }
        for (int i = 0; i < 20; i++) { // 20 different sequences, one answer (differing past the 6th digit)
            p.add(new double[] {0.7964210 + 1e-9 * i, 0.2035790 - 1e-9 * i});
            inputs.add("far" + i);
            names.add("k" + i);
        }
        SameProbabilities same = SameProbabilities.find(p, inputs, names).orElseThrow();
        assertThat(same.sequences()).isEqualTo(20);
        assertThat(same.inputs()).isEqualTo(20);
        assertThat(same.note(List.of("no", "yes"))).startsWith("20 of the 100 sequences got the same probabilities to 6 digits "
                + "(p_no 0.796421, p_yes 0.203579), from 20 different inputs, e.g. 'k0', 'k1', 'k2': a saturated model?");

        // the same 20 answers for 20 copies of one sequence: right, not said
        List<Object> copies = new ArrayList<>(inputs);
        for (int i = 80; i < 100; i++) {
            copies.set(i, "one");
        }
        assertThat(SameProbabilities.find(p, copies, names)).isEmpty();
        // a confident answer (1.000000 after rounding) shared by many: not said
        List<double[]> sure = new ArrayList<>(p);
        for (int i = 80; i < 100; i++) {
            sure.set(i, new double[] {1 - 1e-8, 1e-8});
        }
        assertThat(SameProbabilities.find(sure, inputs, names)).isEmpty();
        // under 5% of the sequences: not said
        List<double[]> more = new ArrayList<>(p);
        List<Object> moreInputs = new ArrayList<>(inputs);
        List<String> moreNames = new ArrayList<>(names);
        for (int i = 0; i < 400; i++) {
            double y = r.nextDouble();
            more.add(new double[] {1 - y, y});
            moreInputs.add("more" + i);
            moreNames.add("m" + i);
        }
        assertThat(SameProbabilities.find(more, moreInputs, moreNames)).isEmpty();
        // float sequences count as different by their values, not their identity
        List<Object> arrays = new ArrayList<>(inputs);
        for (int i = 80; i < 100; i++) {
            arrays.set(i, new float[][] {{1f, 2f}});
        }
        assertThat(SameProbabilities.find(p, arrays, names)).isEmpty();
    }

    /** {@code n} sequences of 6 steps, 'yes' (a rising) or 'no' (flat), noisy; the first {@code far} of them at x 1e5. */
    static String sequences(int n, long seed, int far) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder("id,t,a,b,label\n");
        for (int i = 0; i < n; i++) {
            boolean yes = r.nextDouble() < 0.3;
            double scale = i < far ? 1e5 : 1;
            for (int t = 0; t < 6; t++) {
                double a = scale * (5 + (yes ? 0.3 * t : 0) + r.nextGaussian());
                double b = scale * (3 + 0.5 * r.nextGaussian());
                s.append("s").append(i).append(',').append(t).append(',').append(String.format(Locale.ROOT, "%.4f,%.4f", a, b))
                        .append(yes ? ",yes" : ",no").append('\n');
            }
        }
        return s.toString();
    }

    @Test
    void predictAndEvaluateSayWhenSaturatedSequencesShareOneAnswer() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), sequences(300, 1, 0));
        Path out = dir.resolve("run");
        TrainEvaluatePredictTest.Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--set", "validationFraction=0.2", "--set", "testFraction=0.1", "--cell", "rnn",
                "--hidden", "4", "--epochs", "2", "--seed", "3", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = out.resolve("model.rnnlab").toString();

        // 40 of 200 sequences a hundred thousand times too large: tanh units at their limits, one answer for all
        Path far = Files.writeString(dir.resolve("far.csv"), sequences(200, 2, 40));
        TrainEvaluatePredictTest.Run predicted = run("predict", "--model", model, "--input", far.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        List<String> rows = predicted.out().lines().skip(1).toList();
        // the probabilities most of the far sequences got (a unit or two may stay off its limit), and how many got them
        java.util.Map<String, Long> counts = rows.stream().map(row -> row.split(",", 3)[2]).collect(
                java.util.stream.Collectors.groupingBy(x -> x, java.util.stream.Collectors.counting()));
        String shared = rows.get(0).split(",", 3)[2];
        long same = counts.get(shared);
        assertThat(same).as(predicted.out()).isBetween(30L, 40L);
        assertThat(predicted.err()).contains("predict: note: " + same + " of the 200 sequences got the same probabilities to 6 "
                + "digits (p_no " + shared.split(",")[0] + ", p_yes " + shared.split(",")[1] + "), from " + same
                + " different inputs, e.g. 's0', 's1', 's2': a saturated model?");

        TrainEvaluatePredictTest.Run evaluated = run("evaluate", "--model", model, "--input", far.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.err()).contains("evaluate: note: " + same + " of the 200 sequences got the same probabilities to 6 digits");

        // the same data at their own scale: nothing to say
        Path clean = Files.writeString(dir.resolve("clean.csv"), sequences(200, 2, 0));
        TrainEvaluatePredictTest.Run plain = run("predict", "--model", model, "--input", clean.toString());
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.err()).doesNotContain("same probabilities");
    }
}

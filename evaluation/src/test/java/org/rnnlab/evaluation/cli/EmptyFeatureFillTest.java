package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.csv.EmptyFeatureFill;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;

/**
 * {@code --set emptyFeature=mean}: a feature with no value at all in a sequence (a heart-rate strap dead for a whole match),
 * which {@code --missing ffill} has nothing to fill from, is written as the training data's mean, stored with the model and
 * used by predict and the Java API on new data; without it training refuses such a sequence, naming the setting.
 */
class EmptyFeatureFillTest {
    static final String[] COLUMNS = {"--set", "sequenceId=id", "--set", "time=t", "--set", "label=label"};

    /**
     * Sequences {@code prefix}00.. of 8 steps, features a, b, hr; class B has higher a and hr. Every 5th row's b is empty
     * (ffill fills it); the sequences in {@code dead} have hr empty throughout.
     */
    static List<String> rows(String prefix, int sequences, List<Integer> dead) {
        List<String> lines = new ArrayList<>();
        lines.add("id,t,a,b,hr,label");
        int row = 0;
        for (int s = 0; s < sequences; s++) {
            boolean b = s % 2 == 1;
            for (int t = 0; t < 8; t++) {
                double a = (b ? 1.0 : 0.0) + 0.1 * Math.sin(s + t);
                double bv = 0.5 * Math.cos(s * 3 + t);
                double hr = (b ? 150 : 120) + (s * 7 + t * 3) % 11;
                lines.add(String.format(Locale.ROOT, "%s%02d,%d,%.4f,%s,%s,%s", prefix, s, t, a,
                        row++ % 5 == 4 ? "" : String.format(Locale.ROOT, "%.4f", bv),
                        dead.contains(s) ? "" : String.format(Locale.ROOT, "%.1f", hr), b ? "B" : "A"));
            }
        }
        return lines;
    }

    /** Runs {@code command}, adding to {@code messages} what the CSV reader logged meanwhile. */
    static Run csvLog(List<String> messages, java.util.concurrent.Callable<Run> command) throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.rnnlab.datasets.csv.CsvSequenceDataset.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            return command.call();
        } finally {
            logger.detachAppender(logged);
            logged.list.forEach(e -> messages.add(e.getFormattedMessage()));
        }
    }

    /** The mean of column {@code column} over the rows with a value, as a float. */
    static float mean(List<String> lines, int column) {
        double sum = 0;
        int n = 0;
        for (String l : lines.subList(1, lines.size())) {
            String v = l.split(",", -1)[column];
            if (!v.isEmpty()) {
                sum += Float.parseFloat(v);
                n++;
            }
        }
        return (float) (sum / n);
    }

    @Test
    void aFeatureWithNoValueInASequenceIsWrittenAsTheStoredTrainingMean(@TempDir Path dir) throws Exception {
        List<String> trainRows = rows("s", 24, List.of(3, 10));
        Path train = Files.write(dir.resolve("train.csv"), trainRows);
        Path test = Files.write(dir.resolve("test.csv"), rows("t", 6, List.of()));
        // the default refuses, naming the fallback as the remedy
        Run refused = run(TrainEvaluatePredictTest.concat(new String[] {"train", "--dataset", "csv", "--train", train.toString(),
            "--test", test.toString(), "--missing", "ffill", "--cell", "gru", "--hidden", "4", "--epochs", "1", "--quiet",
            "--out", dir.resolve("refused").toString()}, COLUMNS));
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("column 'hr' of sequence 's03' has no value at all").contains("--set emptyFeature=mean");
        // the fallback is for ffill and interpolate
        Run alone = run(TrainEvaluatePredictTest.concat(new String[] {"train", "--dataset", "csv", "--train", train.toString(),
            "--missing", "zero", "--cell", "gru", "--hidden", "4", "--epochs", "1", "--quiet", "--out", dir.resolve("zero").toString()},
                TrainEvaluatePredictTest.concat(COLUMNS, "--set", "emptyFeature=mean")));
        assertThat(alone.code()).isNotZero();
        assertThat(alone.err()).contains("--set emptyFeature=mean").contains("give --missing ffill or interpolate");

        Path runDir = dir.resolve("mean");
        List<String> trainMessages = new ArrayList<>();
        Run trained = csvLog(trainMessages, () -> run(TrainEvaluatePredictTest.concat(new String[] {"train", "--dataset", "csv",
            "--train", train.toString(), "--test", test.toString(), "--missing", "ffill", "--cell", "gru", "--hidden", "4", "--epochs",
            "2", "--quiet", "--out", runDir.toString()}, TrainEvaluatePredictTest.concat(COLUMNS, "--set", "emptyFeature=mean"))));
        assertThat(trained.code()).as(trained.err()).isZero();
        long emptyB = trainRows.stream().skip(1).filter(l -> l.split(",", -1)[3].isEmpty()).count();
        // the fallback's cells (2 sequences x 8 steps of hr) are counted by its own line, not as ffill's (a review: ffill's
        // line counted them, "each from the last observed value")
        assertThat(trainMessages).anyMatch(m -> m.contains("train.csv: 2 sequence(s) had a feature with no value at all")
                && m.contains("16 value(s)") && m.contains("'hr' in 2"));
        assertThat(trainMessages).anyMatch(m -> m.contains("train.csv: filled " + emptyB + " missing value(s)")
                && m.contains("by column: 'b' " + emptyB + " of 192") && !m.contains("'hr'"));
        // the hr the mean was written into is constant by that fill: not named a flat line to leave out
        assertThat(trainMessages).noneMatch(m -> m.contains("one value over all their steps") && (m.contains("'s03'") || m.contains("'s10'")));
        Path model = runDir.resolve("model.rnnlab");
        SequenceClassifier classifier = ModelBundle.load(model);
        EmptyFeatureFill stored = classifier.card().dataSchema().emptyFeature();
        assertThat(stored.policy()).isEqualTo("mean");
        float hrMean = mean(trainRows, 4);
        // the training file's observed values, raw units (about 140, not the 0 of standardised data)
        assertThat(stored.values().get(2)).isCloseTo(hrMean, within(1e-3));
        assertThat(stored.values().get(0)).isCloseTo(mean(trainRows, 2), within(1e-4));
        float written = stored.values().get(2).floatValue();

        // new data: one sequence with hr dead throughout, and the same sequence with hr written as the stored mean
        List<String> fresh = rows("n", 4, List.of(1));
        List<String> asMean = new ArrayList<>();
        for (String l : fresh) {
            String[] c = l.split(",", -1);
            if (c[0].equals("n01")) {
                c[4] = Float.toString(written);
            }
            asMean.add(String.join(",", c));
        }
        Path dead = Files.write(dir.resolve("dead.csv"), fresh);
        Path filled = Files.write(dir.resolve("filled.csv"), asMean);
        List<String> deadMessages = new ArrayList<>();
        Run predictedDead = csvLog(deadMessages, () -> run("predict", "--model", model.toString(), "--input", dead.toString()));
        Run predictedFilled = run("predict", "--model", model.toString(), "--input", filled.toString());
        assertThat(predictedDead.code()).as(predictedDead.err()).isZero();
        assertThat(predictedFilled.code()).as(predictedFilled.err()).isZero();
        String line = predictedDead.out().lines().filter(l -> l.startsWith("n01,")).findFirst().orElseThrow();
        assertThat(predictedFilled.out().lines()).contains(line);
        assertThat(deadMessages)
                .anyMatch(m -> m.contains("dead.csv: 1 sequence(s) had a feature with no value at all") && m.contains("'hr' in 1")
                        && m.contains("--set emptyFeature=mean"));

        // the Java API: the dead feature as NaN gives the prediction of the stored mean written in
        float[][] nan = new float[8][];
        float[][] meanWritten = new float[8][];
        for (int t = 0; t < 8; t++) {
            String[] c = fresh.get(1 + 8 + t).split(",", -1);
            float b = c[3].isEmpty() ? Float.NaN : Float.parseFloat(c[3]);
            nan[t] = new float[] {Float.parseFloat(c[2]), b, Float.NaN};
            meanWritten[t] = new float[] {Float.parseFloat(c[2]), b, written};
        }
        assertThat(classifier.predict(nan).probabilities()).containsExactly(classifier.predict(meanWritten).probabilities());
    }

    @Test
    void withoutAFallbackTheSequenceGetsNoPredictionAndItsCellsAreNotCountedAsFilled(@TempDir Path dir) throws Exception {
        Path train = Files.write(dir.resolve("train.csv"), rows("s", 24, List.of()));
        Path runDir = dir.resolve("run");
        Run trained = run(TrainEvaluatePredictTest.concat(new String[] {"train", "--dataset", "csv", "--train", train.toString(),
            "--missing", "ffill", "--cell", "gru", "--hidden", "4", "--epochs", "1", "--quiet", "--out", runDir.toString()}, COLUMNS));
        assertThat(trained.code()).as(trained.err()).isZero();
        Path dead = Files.write(dir.resolve("dead.csv"), rows("n", 4, List.of(1)));
        List<String> messages = new ArrayList<>();
        Run predicted = csvLog(messages, () -> run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input",
                dead.toString()));
        assertThat(predicted.code()).isEqualTo(PredictCommand.EXIT_FILES_SKIPPED);
        assertThat(predicted.out()).doesNotContain("n01,");
        assertThat(messages).anyMatch(m -> m.contains("column 'hr' of sequence 'n01' has no value at all")
                && m.contains("a model trained with --set emptyFeature=mean or zero fills such a feature"));
        // n01 (given no prediction) held 8 empty hr cells and 2 empty b cells: none of them was filled (a trial's per-column
        // counts summed to more than the headline's)
        assertThat(messages).anyMatch(m -> m.contains("dead.csv: filled 4 missing value(s) in 3 sequence(s)")
                && m.contains("by column: 'b' 4 of 32") && !m.contains("'hr'"));
    }

    /**
     * A column with no value anywhere in the training file (a sensor not yet installed): a trial's was written as "the
     * training data's mean" 0.0 and trained on; it is refused, named with the features that leave it out.
     */
    @Test
    void aFeatureWithNoValueInTheWholeTrainingFileIsRefusedNotFilledWithAMeanOfNothing(@TempDir Path dir) throws Exception {
        List<String> trainRows = rows("s", 12, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
        Path train = Files.write(dir.resolve("train.csv"), trainRows);
        for (String policy : new String[] {"mean", "zero"}) {
            Run refused = run(TrainEvaluatePredictTest.concat(new String[] {"train", "--dataset", "csv", "--train", train.toString(),
                "--missing", "ffill", "--cell", "gru", "--hidden", "4", "--epochs", "1", "--quiet", "--out",
                dir.resolve(policy).toString()}, TrainEvaluatePredictTest.concat(COLUMNS, "--set", "emptyFeature=" + policy)));
            assertThat(refused.code()).as(refused.err()).isNotZero();
            assertThat(refused.err()).contains("train.csv: feature(s) 'hr' have no value anywhere in the training file",
                    "--set emptyFeature=" + policy, "leave them out with --set features=a,b").doesNotContain("mean 0.0");
            assertThat(dir.resolve(policy).resolve("model.rnnlab")).doesNotExist();
        }
    }
}

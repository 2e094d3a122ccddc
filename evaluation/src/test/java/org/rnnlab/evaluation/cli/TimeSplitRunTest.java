package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.compare.TrainAgain;

/**
 * A quant's trial (findings 3 to 5): {@code train --set splitBy=time} tests on the latest windows, splits.csv says so and
 * {@code train --config} of the run carves the same; the test quarter's drifted class shares are warned of into
 * data-warnings.txt; groups shared by a split by time read as the same groups later on the result line.
 */
class TimeSplitRunTest {

    /** 60 daily windows of 3 one-minute rows; 'up' three in four of the first 45 days, one in four after. */
    private static Path days(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("id,time,a,label\n");
        for (int i = 0; i < 60; i++) {
            for (int t = 0; t < 3; t++) {
                csv.append("d").append(i).append(',').append(java.time.LocalDate.of(2024, 1, 1).plusDays(i)).append("T09:3").append(t)
                        .append(":00,").append(i * 3 + t * 0.5 + (i * 7 % 11) * 0.1).append(',')
                        .append((i < 45) == (i % 4 != 0) ? "up" : "down").append('\n');
            }
        }
        return Files.writeString(dir.resolve("days.csv"), csv);
    }

    private static List<String> ids(Path run, String split) throws Exception {
        return Files.readAllLines(run.resolve("splits.csv")).stream().filter(l -> l.contains("," + split + ","))
                .map(l -> l.substring(0, l.indexOf(','))).sorted().toList();
    }

    @Test
    void aCarveByTimeIsRecordedAndReplayedAndItsDriftWarnedOf(@TempDir Path dir) throws Exception {
        Path data = days(dir);
        Path run = dir.resolve("run");
        TrainEvaluatePredictTest.Run first = TrainEvaluatePredictTest.run("train", "--dataset", "csv", "--train", data.toString(),
                "--set", "sequenceId=id", "--set", "features=a", "--set", "splitBy=time", "--set", "testFraction=0.25",
                "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--threads", "1", "--quiet", "--out", run.toString());
        assertThat(first.code()).as(first.err()).isZero();
        // the latest 15 days are the test, the 9 before them validation (round(60 x 0.15))
        assertThat(ids(run, "test")).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(45, 60).mapToObj(i -> "d" + i).toList());
        assertThat(ids(run, "validation")).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(36, 45).mapToObj(i -> "d" + i).toList());
        assertThat(Files.readString(run.resolve("data-warnings.txt"))).contains("the class shares of the test data differ")
                .contains("'up' 75.0% of training, 20.0% of test")
                .contains("another period or population");
        Path again = dir.resolve("again");
        TrainEvaluatePredictTest.Run repeat = TrainEvaluatePredictTest.run("train", "--config", run.resolve("config.json").toString(),
                "--quiet", "--out", again.toString());
        assertThat(repeat.code()).as(repeat.err()).isZero();
        assertThat(Files.readString(again.resolve("splits.csv"))).isEqualTo(Files.readString(run.resolve("splits.csv")));
    }

    /**
     * Sequences of 3 one-minute rows of machines {@code from} to {@code to - 1}, 10 each: m0-m2 on days 0-9, the others over
     * 40 days (day 4k + 1).
     */
    private static Path machines(Path dir, String name, int from, int to) throws Exception {
        StringBuilder csv = new StringBuilder("id,time,machine,a,label\n");
        for (int i = from * 10; i < to * 10; i++) {
            java.time.LocalDate day = java.time.LocalDate.of(2024, 1, 1).plusDays(i < 30 ? i % 10 : 4L * (i % 10) + 1);
            for (int t = 0; t < 3; t++) {
                csv.append("s").append(i).append(',').append(day).append("T09:3").append(t).append(":00,m").append(i / 10)
                        .append(',').append(i % 2 + t * 0.5 + (i * 7 % 11) * 0.1).append(',').append(i % 2 == 0 ? "up" : "down")
                        .append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void aValidationSplitEmptiedByTheGroupRuleIsWarnedOfAndCalibrateAdvisesWhatWorks(@TempDir Path dir) throws Exception {
        // trial 68e, finding 5: the validation carved by time belongs to machines that run on into the test period, so the group
        // rule empties it; early stopping turned off with a note, and --calibrate's "--set validationFraction=0.2" led to
        // another refusal
        Path data = machines(dir, "machines.csv", 0, 6);
        String[] common = {"train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "features=a",
                "--set", "splitBy=time", "--set", "group=machine", "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--threads", "1",
                "--quiet"};
        java.util.function.Function<String[], TrainEvaluatePredictTest.Run> train = extra -> {
            List<String> a = new java.util.ArrayList<>(List.of(common));
            a.addAll(List.of(extra));
            try {
                return TrainEvaluatePredictTest.run(a.toArray(String[]::new));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        TrainEvaluatePredictTest.Run plain = train.apply(new String[] {"--out", dir.resolve("plain").toString()});
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.err()).contains("train: warning: the validation split is empty although validationFraction=0.15 asked "
                + "for one (with --set splitBy=time and a group column, validation keeps only groups without test sequences")
                .contains("so early stopping is off").contains("give a validation file (--validation FILE), or leave out --set "
                + "splitBy=time (new groups carved at random) or the group column (later times)")
                .doesNotContain("train: no validation data: early stopping is off");
        for (String fraction : new String[] {"0.15", "0.2", "0"}) {
            TrainEvaluatePredictTest.Run calibrated = train.apply(new String[] {"--calibrate", "temperature", "--set",
                    "validationFraction=" + fraction, "--out", dir.resolve("cal" + fraction).toString()});
            assertThat(calibrated.code()).as(calibrated.err()).isEqualTo(2);
            assertThat(calibrated.err()).as(fraction).contains("--calibrate temperature fits its temperature on the validation split")
                    .contains("give a validation file (--validation FILE), or leave out --set splitBy=time")
                    .doesNotContain("(--set validationFraction=0.2");
        }
        // the advice works: a validation file of other machines, or the carve of new groups at random
        Path validation = machines(dir, "validation.csv", 6, 8);
        TrainEvaluatePredictTest.Run withFile = train.apply(new String[] {"--calibrate", "temperature", "--validation",
                validation.toString(), "--out", dir.resolve("file").toString()});
        assertThat(withFile.code()).as(withFile.err()).isZero();
        TrainEvaluatePredictTest.Run random = TrainEvaluatePredictTest.run("train", "--dataset", "csv", "--train", data.toString(),
                "--set", "sequenceId=id", "--set", "features=a", "--set", "group=machine", "--cell", "rnn", "--hidden", "4",
                "--epochs", "1", "--threads", "1", "--quiet", "--calibrate", "temperature", "--out", dir.resolve("random").toString());
        assertThat(random.code()).as(random.err()).isZero();
    }

    @Test
    void groupsSharedBySplitByTimeAreTheSameGroupsLater() {
        String later = "csv: 40 of the 40 groups of group column instrument have sequences in the training file and in the test data, "
                + "e.g. [A, B], and every test sequence starts after every training sequence (a split by time): the test scores are "
                + "for these groups at later times, as for a model kept for the same groups, not for new groups";
        assertThat(TrainAgain.sharedGroupsWords(List.of(later))).hasValueSatisfying(w -> assertThat(w)
                .startsWith("for the same groups at later times: 40 groups of group column instrument").doesNotContain("optimistic"));
        String mixed = "csv: 3 of the 20 groups of group column speaker have sequences in the training file and in the test data, "
                + "e.g. [a]: the given split does not keep groups apart, so the test score includes groups the model trained or was "
                + "selected on";
        assertThat(TrainAgain.sharedGroupsWords(List.of(mixed))).hasValueSatisfying(w -> assertThat(w).startsWith("optimistic for new groups"));
    }
}

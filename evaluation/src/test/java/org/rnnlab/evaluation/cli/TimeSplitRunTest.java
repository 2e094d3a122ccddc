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

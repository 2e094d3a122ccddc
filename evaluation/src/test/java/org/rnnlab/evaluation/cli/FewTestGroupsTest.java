package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.csv.Column;
import org.rnnlab.datasets.csv.CsvOptions;
import org.rnnlab.datasets.csv.CsvSequenceDataset;

/** A test split of a few patients is said to be so (a trial's 150 segments of 6 patients were reported as any other). */
class FewTestGroupsTest {

    private static Path patients(Path dir, int patients) throws Exception {
        StringBuilder csv = new StringBuilder("sequence_id,patient,x,label\n");
        for (int i = 0; i < patients * 5; i++) {
            for (int t = 0; t < 3; t++) {
                csv.append('s').append(i).append(",p").append(i / 5).append(',').append(t + i % 7).append(',')
                        .append(i % 2 == 0 ? "normal" : "af").append('\n');
            }
        }
        return Files.writeString(dir.resolve("p" + patients + ".csv"), csv);
    }

    @Test
    void aTestSplitOfFewGroupsIsNamedWithTheCrossValidationThatScoresEveryGroup(@TempDir Path dir) throws Exception {
        CsvOptions byPatient = CsvOptions.defaults().withGroupColumn(Column.named("patient"));
        CsvSequenceDataset few = CsvSequenceDataset.fromLongCsv(patients(dir, 20), byPatient);
        assertThat(BudgetOptions.fewTestGroups(few).orElseThrow()).contains("come from only 3 group(s) of patient", "compare --cv K "
                + "--group-column patient scores every group once");
        assertThat(BudgetOptions.fewTestGroups(CsvSequenceDataset.fromLongCsv(patients(dir, 80), byPatient))).isEmpty();
        // train says it, and so does train --config of that run (a trial's repeat was silent), also into data-warnings.txt
        Path data = patients(dir, 20);
        Path run = dir.resolve("run");
        TrainEvaluatePredictTest.Run first = TrainEvaluatePredictTest.run("train", "--dataset", "csv", "--train", data.toString(),
                "--set", "group=patient", "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--quiet", "--out", run.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).contains("come from only 3 group(s) of patient");
        Path again = dir.resolve("again");
        TrainEvaluatePredictTest.Run repeat = TrainEvaluatePredictTest.run("train", "--config", run.resolve("config.json").toString(),
                "--quiet", "--out", again.toString());
        assertThat(repeat.code()).as(repeat.err()).isZero();
        assertThat(repeat.err()).contains("come from only 3 group(s) of patient");
        assertThat(Files.readString(again.resolve("data-warnings.txt"))).contains("come from only 3 group(s) of patient");
        // without a group column nothing is known of groups
        assertThat(BudgetOptions.fewTestGroups(CsvSequenceDataset.fromLongCsv(patients(dir, 20), CsvOptions.defaults()
                .withFeatures(java.util.List.of(Column.named("x")))))).isEmpty();
    }
}

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
        // without a group column nothing is known of groups
        assertThat(BudgetOptions.fewTestGroups(CsvSequenceDataset.fromLongCsv(patients(dir, 20), CsvOptions.defaults()
                .withFeatures(java.util.List.of(Column.named("x")))))).isEmpty();
    }
}

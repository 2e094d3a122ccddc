package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * A feature of one value in training whose held-out sequences hold other values (a parcel carrier's trial, finding 4: a
 * hub only December had was 0 in every training shipment and 1 in 103 of the 675 test ones, and training called it "no
 * information; leave it out"): the warning counts those sequences and does not advise leaving the feature out.
 */
class HeldOutValuesOfTrainingConstantsTest {

    private static final LocalDateTime START = LocalDateTime.of(2025, 7, 1, 8, 0);

    @TempDir
    Path dir;

    /** 100 sequences a day apart, 3 steps each; {@code hub_new} is 1 in the sequences {@code newHub} picks, else 0. */
    private Path file(String name, IntPredicate newHub) throws Exception {
        StringBuilder csv = new StringBuilder("id,time,a,hub_new,label\n");
        for (int i = 0; i < 100; i++) {
            for (int t = 0; t < 3; t++) {
                csv.append('s').append(i).append(',').append(START.plusDays(i).plusMinutes(t)).append(":00,")
                        .append(i % 7 + t * 0.5).append(',').append(newHub.test(i) ? 1 : 0).append(',')
                        .append(i % 3 == 0 ? "late" : "on_time").append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static DatasetOptions byTime(Path f) {
        return DatasetOptions.defaults().withFiles(f, null).with("sequenceId", "id").with("features", "a,hub_new")
                .with("splitBy", "time");
    }

    @Test
    void aFeatureConstantInTrainingButNotInTheLatestSequencesCountsThemAndKeepsTheFeature() throws Exception {
        // the new hub in the latest 10 sequences: test is the latest 15, validation the 15 before
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", byTime(file("hub.csv",
                i -> i >= 90 || i == 80))));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("feature 'hub_new' (input feature 2 of 2) has the value 0.0 at "
                + "every training time step", "but 1 of the 15 validation and 10 of the 15 test sequences hold other values (e.g. 1.0)",
                "the feature is the only trace of them, so rather than leave it out").doesNotContain("leave it out with"));
    }

    @Test
    void aFeatureConstantEverywhereIsStillAdvisedOut() throws Exception {
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", byTime(file("flat.csv",
                i -> false))));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("feature 'hub_new' (input feature 2 of 2) has the value 0.0 at "
                + "every training time step", "leave it out with --set features=...").doesNotContain("hold other values"));
    }
}

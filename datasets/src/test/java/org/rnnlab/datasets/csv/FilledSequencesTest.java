package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * {@link FilledSequences}: a fall-detection trial (75c) was told "filled 6402 missing value(s) in 161 sequence(s), e.g."
 * three windows, with {@code --set group=participant} given, and found no list of the 161 to count dropouts by participant.
 */
class FilledSequencesTest {
    @TempDir
    Path dir;

    private static final List<String> FEATURES = List.of("acc_x", "acc_y", "acc_z");

    @Test
    void fillsAreCountedByParticipantAndEachFilledWindowIsListed() throws Exception {
        Random r = new Random(5);
        StringBuilder csv = new StringBuilder("window_id,participant,t,label," + String.join(",", FEATURES) + "\n");
        int[] gapsOf = new int[8];
        long cells = 0;
        for (int i = 0; i < 8 * 24; i++) {
            int p = i / 24;
            // all-channel gaps of 3 steps: participant P03 in 6 windows, P05 in 2, the others none
            boolean gap = p == 2 && i % 4 == 0 || p == 4 && i % 12 == 0;
            int from = 30 + r.nextInt(20);
            gapsOf[p] += gap ? 1 : 0;
            for (int t = 0; t < 100; t++) {
                boolean missing = gap && t >= from && t < from + 3;
                csv.append(String.format(Locale.ROOT, "w%03d,P%02d,%d,%s", i, p + 1, t, i % 3 == 1 ? "fall" : "no_fall"));
                for (int f = 0; f < FEATURES.size(); f++) {
                    csv.append(',').append(missing ? "" : String.format(Locale.ROOT, "%.4f", r.nextGaussian()));
                }
                cells += missing ? FEATURES.size() : 0;
                csv.append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("falls.csv"), csv);
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("window_id"), Column.named("t"), Column.named("label"))
                .withGroupColumn(Column.named("participant")).withMissing(MissingValues.INTERPOLATE);
        CsvSequenceDataset[] loaded = new CsvSequenceDataset[1];
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> loaded[0] = CsvSequenceDataset.fromLongCsv(file, o));
        assertThat(gapsOf[2]).isEqualTo(6);
        assertThat(gapsOf[4]).isEqualTo(2);
        long allCells = cells;
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("filled " + allCells + " missing value(s) in 8 sequence(s)",
                "; by participant: 'P03' 6 sequence(s), 'P05' 2; every one is listed with its group and cells and steps "
                        + "filled in filled-sequences.csv of the run folder train or compare writes (--missing interpolate"));
        List<FilledSequences.Filled> filled = loaded[0].filledSequences();
        assertThat(filled).hasSize(8).allSatisfy(f -> {
            assertThat(f.cells()).isEqualTo(3L * FEATURES.size());
            assertThat(f.steps()).isEqualTo(3);
            assertThat(f.file()).endsWith("falls.csv"); // as given
            assertThat(f.group()).isEqualTo("P0" + (Integer.parseInt(f.id().substring(1)) / 24 + 1));
        });
        String text = FilledSequences.csv(filled);
        assertThat(text.lines().toList()).hasSize(9).first().isEqualTo("id,group,cells_filled,steps_filled,file");
        assertThat(text.lines().skip(1)).allMatch(l -> l.matches("w\\d{3},P0[35]," + 3 * FEATURES.size() + ",3,.*falls\\.csv"));
        // without a group column: no count by group, the list without groups
        List<String> plain = LoggedWarnings.of(CsvSequenceDataset.class, () -> loaded[0] = CsvSequenceDataset.fromLongCsv(file,
                CsvOptions.defaults().withColumns(Column.named("window_id"), Column.named("t"), Column.named("label"))
                        .withFeatures(FEATURES.stream().map(Column::named).toList()).withMissing(MissingValues.INTERPOLATE)));
        assertThat(plain).anySatisfy(w -> assertThat(w).contains("filled " + allCells + " missing value(s) in 8 sequence(s)",
                "every one is listed with its cells and steps filled in filled-sequences.csv").doesNotContain("by participant"));
        assertThat(loaded[0].filledSequences()).hasSize(8).allSatisfy(f -> assertThat(f.group()).isNull());
    }

    @Test
    void theByGroupCountNamesTheTopFewAndCountsTheRest() {
        List<FilledSequences.Filled> filled = new ArrayList<>();
        int[] counts = {1, 9, 3, 7, 5, 5, 2};
        for (int g = 0; g < counts.length; g++) {
            for (int k = 0; k < counts[g]; k++) {
                filled.add(new FilledSequences.Filled("f.csv", "s" + g + "_" + k, "G" + g, 6, 1));
            }
        }
        assertThat(FilledSequences.byGroup(filled, "device")).isEqualTo("by device: 'G1' 9 sequence(s), 'G3' 7, 'G4' 5, 'G5' 5, "
                + "'G2' 3, and 2 more device value(s) with 3 sequence(s)");
        assertThat(FilledSequences.byGroup(filled.stream().map(f -> f.inGroup(null)).toList(), "device")).isEmpty();
    }
}

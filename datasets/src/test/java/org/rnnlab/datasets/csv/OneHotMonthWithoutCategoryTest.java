package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * A monthly retraining on van trips whose road type is one-hot encoded (pd.get_dummies): a month without gravel roads
 * (trial 74d). Read with the features of the earlier month ({@code --set features}, or a {@code --config} replay's recorded
 * list), the file without the road_type_gravel column is told that the column is one category of the group road_type_* no
 * row has, with the fix (F1); the file with the column added as 0s is told to keep it, not to leave it out with --set
 * features (F6).
 */
class OneHotMonthWithoutCategoryTest {

    private static final String[] ROADS = {"gravel", "highway", "rural", "urban"};
    private static final String FEATURES = "speed_kmh,road_type_gravel,road_type_highway,road_type_rural,road_type_urban";

    @TempDir
    Path dir;

    /** 60 trips of 8 steps; {@code gravel}: whether trips drive on gravel; {@code gravelColumn}: whether the file has its column. */
    private Path month(String name, boolean gravel, boolean gravelColumn) throws Exception {
        StringBuilder csv = new StringBuilder("trip_id,time,speed_kmh");
        for (String r : ROADS) {
            if (gravelColumn || !r.equals("gravel")) {
                csv.append(",road_type_").append(r);
            }
        }
        csv.append(",style\n");
        for (int trip = 0; trip < 60; trip++) {
            for (int t = 0; t < 8; t++) {
                String road = ROADS[gravel ? (trip + t / 4) % 4 : 1 + (trip + t / 4) % 3];
                csv.append(String.format(Locale.ROOT, "t%03d,%d,%.1f", trip, t * 10, 30.0 + (trip * 7 + t * 3) % 50 + (trip % 3) * 5));
                for (String r : ROADS) {
                    if (gravelColumn || !r.equals("gravel")) {
                        csv.append(',').append(r.equals(road) ? 1 : 0);
                    }
                }
                csv.append(',').append(trip % 3 == 0 ? "aggressive" : "calm").append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static DatasetOptions options(Path file) {
        return DatasetOptions.defaults().withFiles(file, null).with("sequenceId", "trip_id").with("label", "style")
                .with("features", FEATURES);
    }

    /** F1: the missing column is named as a category of its group, with the column of 0s as the fix and the pandas line. */
    @Test
    void aMissingCategoryOfTheChosenFeaturesIsToldAsOneWithTheFix() throws Exception {
        Path file = month("month2.csv", false, false);
        assertThatThrownBy(() -> Datasets.open("csv", options(file))).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("no column named 'road_type_gravel'")
                .hasMessageContaining("the missing road_type_gravel (of the one-hot group road_type_* of the features, which "
                        + "encodes 'road_type'; the file has its road_type_highway, road_type_rural, road_type_urban) look(s) like "
                        + "a category no row of this file has: pandas get_dummies writes a column only for the categories present; "
                        + "a column of 0s is the fix")
                .hasMessageContaining("pandas: df['road_type_gravel'] = 0");
        // the file as the line writes it is read (the column appended, after the label)
        Path fixed = Files.writeString(dir.resolve("month2-fixed.csv"), String.join("\n", Files.readAllLines(file).stream()
                .map(l -> l + (l.startsWith("trip_id") ? ",road_type_gravel" : ",0")).toList()) + "\n");
        assertThat(Datasets.open("csv", options(fixed)).csvSchema().orElseThrow().featureNames()).containsExactly(FEATURES.split(","));
    }

    /** No hint where the missing feature is no category: its namesakes hold other values than 0 and 1, or another is missing. */
    @Test
    void aMissingFeatureThatIsNoCategoryGetsNoOneHotHint() throws Exception {
        StringBuilder csv = new StringBuilder("trip_id,time,speed_front,speed_rear,style\n");
        for (int trip = 0; trip < 20; trip++) {
            for (int t = 0; t < 5; t++) {
                csv.append(String.format(Locale.ROOT, "t%d,%d,%.1f,%.1f,%s%n", trip, t, 30 + trip + t * 0.5, 31 + trip - t * 0.5,
                        trip % 2 == 0 ? "calm" : "aggressive"));
            }
        }
        Path speeds = Files.writeString(dir.resolve("speeds.csv"), csv);
        assertThatThrownBy(() -> Datasets.open("csv", DatasetOptions.defaults().withFiles(speeds, null).with("sequenceId", "trip_id")
                .with("label", "style").with("features", "speed_front,speed_rear,speed_side")))
                .hasMessageContaining("no column named 'speed_side'").hasMessageNotContaining("get_dummies");
        // beside the missing category, a missing feature that is none: no hint that would tell half the story
        Path file = month("month2.csv", false, false);
        assertThatThrownBy(() -> Datasets.open("csv", options(file).with("features", FEATURES + ",load_kg")))
                .hasMessageContaining("no column named 'road_type_gravel'").hasMessageNotContaining("get_dummies");
    }

    /** F6: a one-hot category 0 at every step is told as one, to keep, with no --set advice (which a --config replay refuses). */
    @Test
    void aCategoryWithNoRowThisMonthIsToldToBeKept() throws Exception {
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv",
                options(month("month2-fixed.csv", false, true))));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("feature(s) 'road_type_gravel', one category of the one-hot "
                + "group road_type_* (which encodes 'road_type'), is 0 at every training time step: no training row of this file "
                + "is of that category", "keep the column(s) all the same, so that the layout stays the same"));
        assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("road_type_gravel").contains("--set features"));
        // a month with gravel roads: no word of it
        List<String> full = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv",
                options(month("month1.csv", true, true))));
        assertThat(full).noneSatisfy(w -> assertThat(w).contains("road_type_gravel"));
    }

    /**
     * F3: the depot kept as text beside its one-hot columns, which are constant per trip: the refusal's list leaves the
     * depot columns out, and gives a second list that keeps them (encoded on purpose), so they need not be typed.
     */
    @Test
    void theTextRefusalAlsoListsTheFeaturesWithThePerSequenceColumns() throws Exception {
        List<String> lines = Files.readAllLines(month("month1.csv", true, true));
        StringBuilder csv = new StringBuilder(lines.get(0) + ",depot_name,depot_east,depot_west\n");
        for (String line : lines.subList(1, lines.size())) {
            boolean east = Integer.parseInt(line.substring(1, 4)) % 2 == 0;
            csv.append(line).append(east ? ",east,1,0" : ",west,0,1").append('\n');
        }
        Path file = Files.writeString(dir.resolve("with-depot.csv"), csv);
        DatasetOptions o = DatasetOptions.defaults().withFiles(file, null).with("sequenceId", "trip_id").with("label", "style");
        assertThatThrownBy(() -> Datasets.open("csv", o)).hasMessageContaining("'depot_name'")
                .hasMessageContaining("--set features=" + FEATURES + " (left out: 'depot_east', 'depot_west', one value per sequence")
                .hasMessageContaining("; or, to keep the per-sequence column(s) as features (encoded on purpose, and known for new "
                        + "sequences): --set features=" + FEATURES + ",depot_east,depot_west");
    }
}

package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * A depot logging engine_temp_c in °F (x · 9/5 + 32 of about 89 °C: 192, 2.16 times the others) is named as °F against
 * °C with the conversion, never as "pounds against kilograms" (a trial's training warning did, where predict on the same
 * file said °F); and the advice is the conversion, not per-sequence scaling.
 */
class GroupScalesTemperatureTest {
    @TempDir
    Path dir;

    /** 12 vehicles of 5 trips each; {@code inFahrenheit} of them (HA-*) log the temperature column {@code column} in °F. */
    private static String trips(String column, int inFahrenheit) {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("trip_id,vehicle,speed_kmh," + column + ",style\n");
        for (int v = 0; v < 12; v++) {
            boolean fahrenheit = v < inFahrenheit;
            String vehicle = (fahrenheit ? "HA-" : "NO-") + String.format(Locale.ROOT, "%02d", v);
            for (int k = 0; k < 5; k++) {
                boolean aggressive = k % 2 == 0;
                for (int t = 0; t < 40; t++) {
                    double celsius = 89 + (aggressive ? 1.8 : -1.8) + 2.3 * random.nextGaussian();
                    csv.append(String.format(Locale.ROOT, "v%dk%d,%s,%.2f,%.3f,%s%n", v, k, vehicle, 50 + 10 * random.nextGaussian(),
                            fahrenheit ? celsius * 9 / 5 + 32 : celsius, aggressive ? "aggressive" : "calm"));
                }
            }
        }
        return csv.toString();
    }

    private static final CsvOptions TRIPS = CsvOptions.defaults().withColumns(Column.named("trip_id"), null, Column.named("style"))
            .withGroupColumn(Column.named("vehicle"));

    @Test
    void aDepotInFahrenheitIsNamedSoWithTheConversionAndNotAsPounds() throws Exception {
        Path mixed = Files.writeString(dir.resolve("trips.csv"), trips("engine_temp_c", 3));
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(mixed, TRIPS));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("3 of the 12 groups of group column vehicle", "'HA-00': "
                        + "engine_temp_c 2.1", "another temperature scale? engine_temp_c: °F against °C: (x − 32) / 1.8 brings the "
                        + "level of 'HA-00', ", "(the groups' usual: 89.", "convert engine_temp_c in 'HA-00' before training (pandas: "
                        + "df.loc[df['vehicle'] == 'HA-00', 'engine_temp_c'] = (df.loc[df['vehicle'] == 'HA-00', 'engine_temp_c'] - 32) "
                        + "/ 1.8)", "'HA-02': ", "no remedy for a unit")
                .doesNotContain("pounds").doesNotContain("--set sequenceScaling=standardize").doesNotContain("speed_kmh"));
        assertThat(warned).noneMatch(w -> w.contains("pounds against kilograms"));
        // one scale for all: nothing
        Path one = Files.writeString(dir.resolve("one.csv"), trips("engine_temp_c", 0));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(one, TRIPS)))
                .noneMatch(w -> w.contains("another level"));
    }

    @Test
    void theSameLevelsOfAFeatureNotNamedAsATemperatureStillNameTheFactor() throws Exception {
        // not a temperature by its name: the factor rule judges it as before (whole pounds among kilograms fit 2.2)
        Path load = Files.writeString(dir.resolve("load.csv"), trips("load_kg", 3));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(load, TRIPS)))
                .anySatisfy(w -> assertThat(w).contains("3 of the 12 groups", "pounds against kilograms",
                        "--set sequenceScaling=standardize").doesNotContain("°F"));
    }

    @Test
    void celsiusAmongFahrenheitIsWordedTheOtherWay() {
        assertThat(GroupScales.temperature("temp_f", "S1", 37.0, 98.6, 0.5)).contains("°C against °F: x · 1.8 + 32 brings the "
                + "level of 'S1', 37.00, to 98.60");
        assertThat(GroupScales.temperature("temp_f", "S1", 60, 98.6, 0.5)).isEmpty(); // another level, no scale's
        assertThat(GroupScales.temperature("speed", "S1", 37.0, 98.6, 0.5)).isEmpty(); // not a temperature by its name
    }
}

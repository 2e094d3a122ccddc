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
 * A ward charting temperature in °F among ICU units in °C (a trial's: 639 of 3,215 values at 97-100, not a word in
 * training) is named with the sequences, groups and conversion; clean °C data and a feature of two levels are not.
 */
class TemperatureUnitsTest {
    @TempDir
    Path dir;

    private static final CsvOptions STAYS = CsvOptions.defaults().withColumns(Column.named("stay_id"), Column.named("hour"),
            Column.named("died")).withGroupColumn(Column.named("patient_id")).withMissing(MissingValues.FFILL);

    /**
     * 60 stays of 24 hours of 30 patients (2 stays each): heart rate hourly, temperature every 4 hours (empty between, as
     * charted), in °F for the patients in {@code fahrenheit}; {@code pump} a setting of 10 or 50 by stay, with a little noise
     * when {@code noisyPump} (10 °C is 50 °F: two levels that merely fit the relation, but from one value per stay).
     */
    private Path stays(String name, List<Integer> fahrenheit) throws Exception {
        Random r = new Random(9);
        StringBuilder csv = new StringBuilder("stay_id,patient_id,hour,heart_rate,temp,pump,died\n");
        for (int s = 0; s < 60; s++) {
            int patient = s / 2;
            double body = 36.6 + 0.8 * r.nextDouble() + (s % 5 == 0 ? 1.5 : 0);
            double pump = s % 3 == 0 ? 50 : 10;
            for (int t = 0; t < 24; t++) {
                double c = body + 0.3 * r.nextGaussian();
                String temp = t % 4 == 0 ? String.format(Locale.ROOT, "%.1f", fahrenheit.contains(patient) ? 1.8 * c + 32 : c) : "";
                csv.append(String.format(Locale.ROOT, "S%03d,P%02d,%d,%.0f,%s,%.0f,%d%n", s, patient, t, 80 + 10 * r.nextGaussian(),
                        temp, pump, s % 5 == 0 ? 1 : 0));
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void aWardInFahrenheitAmongCelsiusIsNamedWithItsStaysPatientsAndTheConversion() throws Exception {
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(stays("mixed.csv",
                List.of(3, 11, 12, 20, 27)), STAYS));
        assertThat(warned).filteredOn(w -> w.contains("°F")).singleElement().satisfies(w -> assertThat(w).contains(
                "mixed.csv: feature 'temp' looks like °F in some sequences among °C in the others: ",
                "of 5 group(s) of group column patient_id ('P03', 'P11', 'P12', 'P20', 'P27')", "(°F = 1.8 × °C + 32)",
                "- 32) / 1.8").containsPattern("\\d+ of the \\d+ training sequences \\('S00[67]'").doesNotContain("'pump'"));
    }

    @Test
    void cleanCelsiusAndASettingOfTwoLevelsThatFitTheRelationAreNotNamed() throws Exception {
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(stays("clean.csv",
                List.of()), STAYS));
        assertThat(warned).noneMatch(w -> w.contains("°F"));
    }

    @Test
    void twoLevelsOfAFeatureThatIsNoTemperatureAreNotNamedThoughTheyFitTheRelation() throws Exception {
        // a review's trips: city speeds around 20 km/h and highway ones around 67 (1.8 x 20 + 32 = 68), which are the classes
        Random r = new Random(5);
        StringBuilder csv = new StringBuilder("trip,t,speed_kmh,road\n");
        for (int s = 0; s < 80; s++) {
            boolean highway = s % 2 == 0;
            double level = highway ? 64 + 6 * r.nextDouble() : 17 + 6 * r.nextDouble();
            for (int t = 0; t < 10; t++) {
                csv.append(String.format(Locale.ROOT, "T%02d,%d,%.1f,%s%n", s, t, level + r.nextGaussian(), highway ? "highway" : "city"));
            }
        }
        Path trips = Files.writeString(dir.resolve("trips.csv"), csv);
        CsvOptions options = CsvOptions.defaults().withColumns(Column.named("trip"), Column.named("t"), Column.named("road"));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(trips, options)))
                .noneMatch(w -> w.contains("°F"));
        assertThat(TemperatureUnits.temperatureName("speed_kmh")).isFalse();
        assertThat(TemperatureUnits.temperatureName("Temp_C")).isTrue();
    }

    @Test
    void twoClustersNotRelatedAsFahrenheitToCelsiusAreNotNamed() {
        // per-sequence levels around 20 and around 80 (1.8 x 20 + 32 = 68): two levels, not two units
        Random r = new Random(2);
        List<CsvSequence> train = new java.util.ArrayList<>();
        java.util.Map<String, double[]> medians = new java.util.HashMap<>();
        for (int s = 0; s < 30; s++) {
            train.add(new CsvSequence("q" + s, new float[][] {{0}, {0}}, "a", null, null, null, 1));
            medians.put("q" + s, new double[] {(s % 4 == 0 ? 80 : 20) + r.nextGaussian(), (s % 4 == 0 ? 68 : 20) + r.nextGaussian()});
        }
        assertThat(TemperatureUnits.find(train, medians, 2)).extracting(TemperatureUnits::feature).containsExactly(1);
    }
}

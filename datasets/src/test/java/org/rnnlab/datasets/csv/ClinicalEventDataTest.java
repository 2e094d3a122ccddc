package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.ClassShareDrift;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * What a clinical trial's long-format vitals (one row per charting event, irregular times, '---' for an outage, typed
 * temperatures of 370, SpO2 of 0, a GCS of 15 on most rows) were read with: {@link FarValues}, the marker among numbers
 * of {@code requireNumbers}, events in {@link TimeSpacing} as a warning, {@link GroupScales} on a time since admission,
 * {@link ClippedRuns} on a scale's top under interpolation, and {@link ClassShareDrift#rareClassShares}.
 */
class ClinicalEventDataTest {
    @TempDir
    Path dir;

    private static final CsvOptions ADMISSIONS = CsvOptions.defaults()
            .withColumns(Column.named("admission"), Column.named("charttime"), Column.named("label"))
            .withGroupColumn(Column.named("patient"));

    /**
     * 160 admissions of 80 patients, 20-40 events each at irregular times (exponential gaps); temp around 37 (missing on
     * half the rows), spo2 around 96, gcs 15 on most rows with dips, hours since admission; {@code typos} temperatures
     * written 10 times too large and {@code zeros} SpO2 of 0; {@code marker} written for a missing sbp (first row too).
     */
    private Path vitals(String name, int typos, int zeros, String marker) throws Exception {
        Random r = new Random(71);
        StringBuilder csv = new StringBuilder("admission,patient,charttime,temp_c,spo2,gcs,sbp,hours_since_admit,label\n");
        List<String[]> rows = new ArrayList<>();
        for (int a = 0; a < 160; a++) {
            int events = 20 + r.nextInt(21);
            double hours = 0;
            boolean sick = a % 10 == 0;
            for (int e = 0; e < events; e++) {
                hours += e == 0 ? 0 : -Math.log(1 - r.nextDouble()) * (r.nextBoolean() ? 0.25 : 4);
                long minutes = Math.round(hours * 60);
                String time = String.format(Locale.ROOT, "2026-09-%02dT%02d:%02d:00Z", 1 + a / 8 + (int) (minutes / 1440),
                        (minutes / 60) % 24, minutes % 60);
                String temp = r.nextBoolean() ? "" : String.format(Locale.ROOT, "%.1f", 37 + 0.5 * r.nextGaussian() + (sick ? 0.8 : 0));
                String spo2 = Long.toString(Math.min(100, Math.round(96 + 2 * r.nextGaussian() - (sick ? 3 : 0))));
                String gcs = r.nextDouble() < 0.5 ? "" : e > 5 && sick ? Integer.toString(9 + r.nextInt(6)) : "15";
                String sbp = e == 0 && a == 0 || r.nextDouble() < 0.05 ? marker : Long.toString(Math.round(120 + 15 * r.nextGaussian()));
                rows.add(new String[] {"A" + (1000 + a), "P" + (100 + a / 2), time, temp, spo2, gcs, sbp,
                        String.format(Locale.ROOT, "%.3f", hours), sick ? "Y" : "N"});
            }
        }
        for (int k = 0, i = 7; k < typos; i += 97) {
            if (!rows.get(i)[3].isEmpty()) {
                rows.get(i)[3] = String.format(Locale.ROOT, "%.1f", 10 * Double.parseDouble(rows.get(i)[3]));
                k++;
            }
        }
        for (int k = 0, i = 11; k < zeros; i += 89, k++) {
            rows.get(i)[4] = "0";
        }
        rows.forEach(row -> csv.append(String.join(",", row)).append('\n'));
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void typedTemperaturesAndSpo2ZerosAreNamedWithLinesAndTheRemedyAndCleanVitalsAreNot() throws Exception {
        Path file = vitals("typos.csv", 20, 25, "");
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file,
                ADMISSIONS.withMissing(MissingValues.FFILL)));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("feature 'temp_c': 20 of its", "far above all the others",
                "typos.csv:", "about 10 times the usual values", "fix them in the file, or mark them missing", "--missing"));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("feature 'spo2': 25 of its", "are of 0, far below all the others",
                "typos.csv:", "df.loc[df['spo2'] <"));
        List<String> clean = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(
                vitals("clean.csv", 0, 0, ""), ADMISSIONS.withMissing(MissingValues.FFILL)));
        assertThat(clean).noneMatch(w -> w.contains("far above all the others") || w.contains("far below all the others"));
    }

    /** Heavy-tailed genuine values (lognormal, Cauchy, Pareto, exponential, Student t) are no far values; typos among them are. */
    @Test
    void heavyTailedValuesAreNotFarValues() {
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            int n = 20_000;
            double[][] kinds = new double[6][n];
            for (int i = 0; i < n; i++) {
                double g = r.nextGaussian();
                kinds[0][i] = Math.exp(g);                      // lognormal, sigma 1
                kinds[1][i] = Math.exp(2 * g);                  // lognormal, sigma 2
                kinds[2][i] = Math.tan(Math.PI * (r.nextDouble() - 0.5)); // Cauchy
                kinds[3][i] = Math.pow(1 - r.nextDouble(), -1 / 0.7);    // Pareto, exponent 0.7 (no mean)
                kinds[4][i] = -Math.log(1 - r.nextDouble());    // exponential (a time between events)
                double chi = 0;
                for (int k = 0; k < 2; k++) {
                    double z = r.nextGaussian();
                    chi += z * z;
                }
                kinds[5][i] = g / Math.sqrt(chi / 2);           // Student t, 2 degrees of freedom
            }
            for (int k = 0; k < kinds.length; k++) {
                assertThat(FarValues.find(k, kinds[k], null)).as("kind %d, seed %d", k, seed).isEmpty();
            }
        }
        // and 30 values typed 10 times too large among normal temperatures are
        Random r = new Random(3);
        double[] temps = new double[20_000];
        for (int i = 0; i < temps.length; i++) {
            temps[i] = (37 + 0.5 * r.nextGaussian()) * (i % 667 == 5 ? 10 : 1);
        }
        List<FarValues.Found> found = FarValues.find(0, temps, null);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(30);
            assertThat(f.above()).isTrue();
            assertThat(f.sdWithout()).isLessThan(0.6);
        });
    }

    @Test
    void anOutageMarkerFirstInAColumnOfNumbersIsAdvisedAsNaValuesNotLeftOut() throws Exception {
        Path file = vitals("outage.csv", 0, 0, "---");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file, ADMISSIONS))
                .hasMessageContaining("'sbp' hold numbers and, for the rest, only '---'")
                .hasMessageContaining("--set naValues='---'")
                .hasMessageNotContaining("--set features=");
        // beside a column of text: that one is left out of the features suggested, the marker's column kept
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file, CsvOptions.defaults()
                .withColumns(Column.named("admission"), Column.named("charttime"), Column.named("label"))))
                .hasMessageContaining("'patient' ('P100', line 2)")
                .hasMessageContaining("--set features=temp_c,spo2,gcs,sbp,hours_since_admit")
                .hasMessageContaining("--set naValues='---'");
    }

    @Test
    void eventTimesAreAWarningAndInterpolationSaysItGoesByRow() throws Exception {
        Path file = vitals("events.csv", 0, 0, "");
        List<String> ffill = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file,
                ADMISSIONS.withMissing(MissingValues.FFILL)));
        assertThat(ffill).anySatisfy(w -> assertThat(w).contains("events, not samples at a rate",
                "does not use the time between rows unless it is a feature").doesNotContain("by row position"));
        List<String> interpolated = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file,
                ADMISSIONS.withMissing(MissingValues.INTERPOLATE)));
        assertThat(interpolated).anySatisfy(w -> assertThat(w).contains("events, not samples at a rate",
                "--missing interpolate fills a missing value on the straight line by row position"));
        // a scale's top held on most rows (GCS 15) is no ceiling, also when interpolation invents values between
        assertThat(interpolated).noneMatch(w -> w.contains("ceiling"));
    }

    /** A time since admission rises within each admission: short stays spread it less, which is no unit. */
    @Test
    void aTimeSinceAdmissionOfShortStaysIsNotAnotherUnit() {
        Random r = new Random(8);
        List<CsvSequence> sequences = new ArrayList<>();
        for (int g = 0; g < 12; g++) {
            int hours = g < 2 ? 10 : 36; // two patients discharged early
            for (int k = 0; k < 3; k++) {
                float[][] v = new float[hours][2];
                for (int t = 0; t < hours; t++) {
                    v[t][0] = t + 0.1f * r.nextFloat();
                    v[t][1] = (float) (80 + 5 * r.nextGaussian());
                }
                sequences.add(new CsvSequence("S" + g + "_" + k, v, k % 2 == 0 ? "N" : "Y", null, "P" + g, Path.of("x.csv"), 1));
            }
        }
        assertThat(GroupScales.find(sequences, List.of("hours_since_admit", "heart_rate"))).isEmpty();
        assertThat(GroupScales.clock(List.of(sequences.stream().map(CsvSequence::values).toList()), 0)).isTrue();
        assertThat(GroupScales.clock(List.of(sequences.stream().map(CsvSequence::values).toList()), 1)).isFalse();
    }

    /** A score whose top most steps hold (with 20 or more values) is no ceiling; a signal's rare flat top still is. */
    @Test
    void aScalesTopThatMostStepsHoldIsNoCeiling() {
        Random r = new Random(9);
        List<float[][]> sequences = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[][] v = new float[30][1];
            for (int t = 0; t < v.length; t++) {
                v[t][0] = i % 4 == 0 && t > 10 && t < 20 ? (float) (5 + 20 * r.nextDouble()) : 30; // dips of a 0-30 scale
            }
            sequences.add(v);
            ids.add("s" + i);
        }
        assertThat(ClippedRuns.mostCommon(sequences, 0, 30)).isTrue();
        assertThat(ClippedRuns.find(sequences, ids, null, 1, true, 3)).isEmpty();
    }

    @Test
    void aRareClassWhoseShareTheGroupCarveMovedIsSaidWithEveryPartsCount() {
        String w = ClassShareDrift.rareClassShares(List.of("N", "Y"), new long[] {961, 89},
                Map.of("validation", new long[] {218, 7}), "The carve by group column patient_id", "another --data-seed");
        assertThat(w).contains("'Y' is 8.5% of training (89 of 1050), 3.1% of validation (7 of 225)",
                "The carve by group column patient_id moves whole groups", "another --data-seed");
        // shares within chance of training's, or a common class: nothing
        assertThat(ClassShareDrift.rareClassShares(List.of("N", "Y"), new long[] {961, 89},
                Map.of("validation", new long[] {206, 19}), "c", "r")).isNull();
        assertThat(ClassShareDrift.rareClassShares(List.of("N", "Y"), new long[] {961, 89},
                Map.of("test", new long[] {212, 13}), "c", "r")).isNull();
        assertThat(ClassShareDrift.rareClassShares(List.of("a", "b"), new long[] {500, 500},
                Map.of("test", new long[] {140, 85}), "c", "r")).isNull();
    }

    @Test
    void withManyClassesRareIsRelativeToTheirNumberSoTheTrulyRareAreNamedAndOrdinaryOnesNot() {
        // a handwriting trial, 36 classes: '2' at 2.3% of training (about 1/36) was called rare, 'x' at 1.1% was not named
        int k = 36;
        List<String> labels = new ArrayList<>();
        long[] train = new long[k];
        long[] test = new long[k];
        for (int c = 0; c < k; c++) {
            labels.add("c" + c);
            train[c] = 125;
            test[c] = 30;
        }
        train[0] = 104; // 2.3% of training, 4.2% of test: ordinary for 36 classes
        test[0] = 45;
        train[1] = 50; // 1.1% of training, 0.1% of test: rare
        test[1] = 1;
        String w = ClassShareDrift.rareClassShares(labels, train, Map.of("test", test), "The carve by group column writer", "r");
        assertThat(w).isNotNull().contains("'c1' is 1.1% of training").doesNotContain("'c0'");
        assertThat(ClassShareDrift.rareShare(36)).isEqualTo(1.0 / 72);
        assertThat(ClassShareDrift.rareShare(3)).isEqualTo(0.2); // few classes: 20% as before
    }
}

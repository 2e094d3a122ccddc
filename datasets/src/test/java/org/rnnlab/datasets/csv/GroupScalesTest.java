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

/** Athletes recorded in g among athletes in m/s² are named with the factor (a trial's trained without a word). */
class GroupScalesTest {
    @TempDir
    Path dir;

    /** 8 athletes of 6 trials each: acc_z carries gravity, gyro_x is a signal around zero; athletes in {@code inG} in g. */
    private Path trials(String name, List<Integer> inG) throws Exception {
        Random random = new Random(4);
        StringBuilder csv = new StringBuilder("trial,athlete,acc_z,acc_y,gyro_x,label\n");
        for (int a = 0; a < 8; a++) {
            double unit = inG.contains(a) ? 1 / 9.81 : 1;
            for (int k = 0; k < 6; k++) {
                for (int t = 0; t < 30; t++) {
                    double acc = (9.81 + 2 * Math.sin(t * (k % 2 == 0 ? 0.5 : 0.9)) + 0.3 * random.nextGaussian()) * unit;
                    csv.append(String.format(Locale.ROOT, "a%dt%d,A%02d,%.5f,%.5f,%.4f,%s%n", a, k, a, acc,
                            2 * unit * random.nextGaussian(), random.nextGaussian(),
                            k % 2 == 0 ? "squat" : "jump"));
                }
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static final CsvOptions ATHLETES = CsvOptions.defaults().withColumns(Column.named("trial"), null, Column.named("label"))
            .withGroupColumn(Column.named("athlete"));

    @Test
    void athletesInGAmongOthersInMetresPerSecondSquaredAreNamedWithTheFactor() throws Exception {
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(trials("mixed.csv",
                List.of(2, 5)), ATHLETES));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("2 of the 8 groups of group column athlete hold features at "
                + "another level or spread than the other groups'; the model reads them as other data. 'A02': acc_z 1/9.", "'A05': acc_z 1/9.",
                "a factor near 9.81: acceleration in g against m/s²", "acc_y 1/", "the groups' usual spread",
                "multiply acc_z, acc_y in 'A02' by 9.80665", "multiply acc_z, acc_y in 'A05' by 9.80665", "no remedy for a unit")
                .doesNotContain("or scale each sequence")
                .doesNotContain("gyro_x"));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(trials("one-unit.csv", List.of()),
                ATHLETES))).noneMatch(w -> w.contains("another level"));
        // a level per group that varies by nature (a price per product, 9.81 times apart by chance): not a unit
        StringBuilder prices = new StringBuilder("trial,athlete,acc_z,gyro_x,label\n");
        Random random = new Random(5);
        double[] levels = {1, 2, 4, 9.81, 0.5, 3, 7, 1.5};
        for (int a = 0; a < 8; a++) {
            for (int k = 0; k < 6; k++) {
                for (int t = 0; t < 30; t++) {
                    prices.append(String.format(Locale.ROOT, "a%dt%d,A%02d,%.5f,%.4f,%s%n", a, k, a, levels[a] * (10 + 0.2
                            * random.nextGaussian()), random.nextGaussian(), k % 2 == 0 ? "squat" : "jump"));
                }
            }
        }
        Path varied = Files.writeString(dir.resolve("varied.csv"), prices);
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(varied, ATHLETES)))
                .noneMatch(w -> w.contains("another level"));
    }

    /**
     * ECG leads around zero whose amplitude varies by nature from patient to patient (0.45x to 2.2x): two patients exported
     * in µV among mV are named whatever the scatter (a trial's were not: the spreads scattered by more than 25%, and the
     * model learnt nothing), and a patient at 2.2x the usual amplitude, in mV like the others, is not called pounds against
     * kilograms (the same trial's false alarm).
     */
    @Test
    void microvoltPatientsAmongMillivoltsAreNamedThroughTheNaturalScatterAndAWidePatientIsNot() throws Exception {
        double[] amplitude = {1, 0.45, 1.3, 0.8, 2.2, 1.1, 0.6, 1.6, 0.9, 1.2, 0.7, 1.4};
        CsvOptions patients = CsvOptions.defaults().withColumns(Column.named("record"), null, Column.named("label"))
                .withGroupColumn(Column.named("patient"));
        for (List<Integer> microvolts : List.of(List.of(3, 7), List.of(0, 2, 4, 6, 8, 10), List.<Integer>of())) {
            Random random = new Random(6);
            // a one-hot column that patient 5 alone uses rarely: its spread there is tiny, but it is no unit (a review)
            StringBuilder csv = new StringBuilder("record,patient,lead_ii,pacer,label\n");
            for (int p = 0; p < amplitude.length; p++) {
                double unit = microvolts.contains(p) ? 1000 : 1;
                for (int k = 0; k < 4; k++) {
                    for (int t = 0; t < 40; t++) {
                        double beat = Math.exp(-Math.pow((t % 20 - 10) / 1.5, 2)) - 0.1 + 0.05 * random.nextGaussian();
                        csv.append(String.format(Locale.ROOT, "p%dr%d,P%02d,%.6f,%d,%s%n", p, k, p, amplitude[p] * unit * beat,
                                p == 5 ? (k == 0 && t == 3 ? 1 : 0) : t % 2, k % 2 == 0 ? "normal" : "afib"));
                    }
                }
            }
            Path file = Files.writeString(dir.resolve("ecg-" + microvolts.size() + ".csv"), csv);
            List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, patients));
            if (microvolts.size() == 2) {
                assertThat(warned).anySatisfy(w -> assertThat(w).contains("2 of the 12 groups of group column patient hold features "
                        + "at another level or spread", "'P03': lead_ii ", "'P07': lead_ii ", "times the groups' usual spread",
                        // 764 and 1440 times: within 0.2 decades of 1000 (trial 75a), beyond 12%
                        "a factor near 1.00e+03: milli- against base units", "divide lead_ii in 'P03' by 1000",
                        "divide lead_ii in 'P07' by 1000").doesNotContain("'P04'").doesNotContain("pacer"));
            } else if (microvolts.size() == 6) {
                // half of them: the gap between the two scales names the side above it, whatever the share
                assertThat(warned).anySatisfy(w -> assertThat(w).contains("6 of the 12 groups of group column patient", "'P00': lead_ii ",
                        "'P02': lead_ii ", " And 1 more, not detailed here: 'P10'.").doesNotContain("'P01'").doesNotContain("pacer"));
            } else {
                assertThat(warned).noneMatch(w -> w.contains("another level or spread"));
            }
        }
    }

    /**
     * 30 students of 2 enrolments of 60 days, as a trial's daily clickstream: {@code page_views} counts (0 to about 10 a
     * day, but 0 or 1 for student S3, who barely looks: a spread near 1/8 of the others', "bits against bytes"), {@code score}
     * 0 but on quiz days (a result of 50-100, on 15-25% of the days, but on one day of each enrolment for student S5: a
     * spread near 1/3.6 of the others', "km/h against m/s"), {@code weight} a body weight in whole kilograms, in whole pounds
     * for the students in {@code pounds}.
     */
    private static List<CsvSequence> students(List<Integer> pounds, long seed) {
        Random r = new Random(seed);
        List<CsvSequence> out = new java.util.ArrayList<>();
        for (int s = 0; s < 30; s++) {
            int most = 9 + r.nextInt(3);
            double quizzes = 0.15 + 0.1 * r.nextDouble();
            double kg = 74 + 6 * r.nextDouble();
            for (int e = 0; e < 2; e++) {
                float[][] days = new float[60][3];
                for (int t = 0; t < days.length; t++) {
                    float[] day = days[t];
                    day[0] = s == 3 ? (r.nextDouble() < 0.2 ? 1 : 0) : r.nextInt(most + 1);
                    boolean quiz = s == 5 ? t == 10 : r.nextDouble() < quizzes;
                    day[1] = quiz ? (float) (50 + Math.round(500 * r.nextDouble()) / 10.0) : 0;
                    day[2] = Math.round(pounds.contains(s) ? kg * 2.20462 : kg);
                }
                out.add(new CsvSequence("S" + s + "-C" + e, days, e == 0 ? "pass" : "withdrawn", null, "S" + s, null, 1));
            }
        }
        return out;
    }

    private static final List<String> ACTIVITY = List.of("page_views", "score", "weight");

    @Test
    void countsAndAZeroInflatedScoreAreNoUnitsButWholePoundsAmongKilogramsAre() {
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(GroupScales.find(students(List.of(), seed), ACTIVITY)).as("seed " + seed).isEmpty();
        }
        List<GroupScales.Shifted> pounds = GroupScales.find(students(List.of(4, 17), 1), ACTIVITY);
        assertThat(pounds).extracting(GroupScales.Shifted::group).containsExactly("S4", "S17");
        assertThat(pounds).allSatisfy(s -> assertThat(s.features()).containsExactly("weight"));
        assertThat(GroupScales.warning(pounds, "student_id", 30)).contains("a factor near 2.20: pounds against kilograms");
    }

    /**
     * 40 households of 10 days of quarter-hours in kW, as a trial's smart meters: a base load and morning and evening peaks
     * scaled by 0.8-1.25 per household; the 5 of class {@code has_ev_charger} also charge 7.5-8.5 kW from 18 to 22 h on one
     * day of the 10 (a spread near 3.6 times the others'). Household {@code kwh} (class none) is in kWh per quarter-hour
     * (a quarter of kW) and household {@code watts} (an EV household) in W, when given.
     */
    private static List<CsvSequence> households(String kwh, String watts) {
        return households(kwh, watts, 8);
    }

    /** As {@link #households(String, String)}, with the EV households every {@code evEvery}-th (14: 3 of the 40). */
    private static List<CsvSequence> households(String kwh, String watts, int evEvery) {
        Random r = new Random(64);
        List<CsvSequence> out = new java.util.ArrayList<>();
        for (int h = 0; h < 40; h++) {
            String name = String.format(Locale.ROOT, "HH%d", 1000 + h);
            String label = h % evEvery == 0 ? "has_ev_charger" : h % 8 == 1 ? "has_heat_pump" : h % 8 == 2 ? "has_pv_solar" : "none";
            double scale = 0.8 + 0.45 * r.nextDouble();
            double charger = 7.5 + r.nextDouble();
            double unit = name.equals(kwh) ? 0.25 : name.equals(watts) ? 1000 : 1;
            for (int d = 0; d < 10; d++) {
                float[][] day = new float[96][1];
                for (int t = 0; t < 96; t++) {
                    int hour = t / 4;
                    boolean peak = hour >= 7 && hour < 9 || hour >= 18 && hour < 21;
                    double kw = scale * (0.3 + (peak ? 0.7 : 0)) + 0.05 * r.nextGaussian();
                    kw += label.equals("has_ev_charger") && d == 3 && hour >= 18 && hour < 22 ? charger : 0;
                    day[t][0] = (float) (kw * unit);
                }
                out.add(new CsvSequence(name + "_d" + d, day, label, null, name, null, 1));
            }
        }
        return out;
    }

    @Test
    void householdsWhoseSpreadGoesWithTheirClassAreNotAnotherUnitWhileAHouseholdInAnotherUnitIs() throws Exception {
        // a trial's clean kW data: every run named the EV households (their charging blocks are the signal) "km/h against
        // m/s", while households really in another unit went unnamed
        assertThat(GroupScales.find(households(null, null), List.of("kw"))).isEmpty();
        // judged among the groups of their class, a household of each class in another unit still stands out
        List<GroupScales.Shifted> mixed = GroupScales.find(households("HH1003", "HH1008"), List.of("kw"));
        assertThat(mixed).extracting(GroupScales.Shifted::group).containsExactly("HH1003", "HH1008");
        assertThat(mixed.get(0).ratios().get(0)).isBetween(0.2, 0.3);
        assertThat(mixed.get(1).ratios().get(0)).isGreaterThan(300.0);
    }

    @Test
    void threeEvHouseholdsTooFewToBeTheirOwnPeersAreTheirClassesSignalNotAUnit() {
        // review 64b: the trial's own case, 3 EV households (fewer than PEERS), was still called "km/h against m/s"
        assertThat(GroupScales.find(households(null, null, 14), List.of("kw"))).isEmpty();
        // a household of another class in another unit is still named among them
        List<GroupScales.Shifted> mixed = GroupScales.find(households("HH1003", null, 14), List.of("kw"));
        assertThat(mixed).extracting(GroupScales.Shifted::group).containsExactly("HH1003");
        assertThat(mixed.get(0).ratios().get(0)).isBetween(0.2, 0.3);
    }

    /**
     * 20 air-quality stations of 4 windows of 48 hours, as a trial's: {@code temp} near 11 °C (sd 4), {@code pm10} a
     * concentration in µg/m³ whose level varies by station (15-50); in the 18 stations but S05 and S12 about 1% of the
     * temperatures are an undeclared -9999, and 3% of the cells are empty (filled by --missing interpolate, also beside a
     * -9999); station {@code mg} has its PM10 in mg/m³ (1/1000), when given.
     */
    private Path stations(String name, String mg) throws Exception {
        Random r = new Random(65);
        StringBuilder csv = new StringBuilder("window,station,label,temp,pm10\n");
        for (int s = 0; s < 20; s++) {
            String station = String.format(Locale.ROOT, "S%02d", s);
            double level = 15 + 35 * r.nextDouble();
            boolean codes = s != 5 && s != 12;
            for (int w = 0; w < 4; w++) {
                for (int t = 0; t < 48; t++) {
                    double temp = 11 + 3 * Math.sin(2 * Math.PI * t / 24) + 2.5 * r.nextGaussian();
                    double pm = level * Math.exp(0.5 * r.nextGaussian()) * (station.equals(mg) ? 0.001 : 1);
                    String tempCell = codes && r.nextDouble() < 0.01 ? "-9999" : r.nextDouble() < 0.03 ? ""
                            : String.format(Locale.ROOT, "%.1f", temp);
                    String pmCell = r.nextDouble() < 0.03 ? "" : String.format(Locale.ROOT, "%.4f", pm);
                    csv.append(String.format(Locale.ROOT, "%s_w%d,%s,%s,%s,%s%n", station, w, station, s % 4 == 0 ? "rural"
                            : w % 2 == 0 ? "urban" : "traffic", tempCell, pmCell));
                }
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static final CsvOptions STATIONS = CsvOptions.defaults().withColumns(Column.named("window"), null, Column.named("label"))
            .withGroupColumn(Column.named("station")).withMissing(MissingValues.INTERPOLATE);

    @Test
    void anUndeclaredCodeInMostStationsMakesNoCleanStationAnotherUnitAndTheStationInMilligramsIsNamed() throws Exception {
        // trial 65a: the two stations without -9999 were "1/228 of the groups' usual spread", the mg/m³ station unnamed
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(stations("mg.csv",
                "S07"), STATIONS));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("code for a missing value", "temp", "naValues=-9999"));
        assertThat(warned).filteredOn(w -> w.contains("groups of group column station")).singleElement().satisfies(w -> assertThat(w)
                .contains("1 of the 20 groups of group column station", "'S07': pm10 1/", "judged without the value -9999.0 in 'temp'",
                        "would remove each sequence's level")
                .doesNotContain("'S05'").doesNotContain("'S12'").doesNotContain("temp 1/"));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(stations("clean.csv", null),
                STATIONS))).noneMatch(w -> w.contains("groups of group column station"));
    }

    /**
     * 20 stations' NO2 in µg/m³ of 8 windows, each station's level by nature between 6 and 67 (30 times 1/2.2 to 2.2) (lognormal hourly values,
     * spread growing with the level), as a trial's episode task (both labels in every station); station {@code quiet} a
     * clean rural station at 1/8 of the usual level (mean about 5, as Harz-Wurmberg), station {@code mg} in mg/m³.
     */
    private static List<CsvSequence> no2(String quiet, String mg) {
        Random r = new Random(51);
        List<CsvSequence> out = new java.util.ArrayList<>();
        for (int s = 0; s < 20; s++) {
            String station = "N" + s;
            double level = (station.equals(quiet) ? 1 / 8.0 : 1) * 30 * Math.exp(0.4 * (s % 5 - 2) * (s % 2 == 0 ? 1 : -1));
            for (int w = 0; w < 8; w++) {
                float[][] hours = new float[48][1];
                for (int t = 0; t < 48; t++) {
                    hours[t][0] = (float) (level * Math.exp(0.6 * r.nextGaussian()) * (station.equals(mg) ? 0.001 : 1));
                }
                out.add(new CsvSequence(station + "_w" + w, hours, w % 2 == 0 ? "episode" : "none", null, station, null, 1));
            }
        }
        return out;
    }

    @Test
    void aQuietStationsConcentrationIsNoUnitButOneInMilligramsIsNamedWithoutOfferingToScaleItsLevelAway() {
        // trial 65a: Harz-Wurmberg's NO2 (mean 5.1, sd 3.2) was "1/7.69 ... a factor near 8.00: bits against bytes", and the
        // advice (each sequence scaled by its own statistics) would have erased the concentration level
        assertThat(GroupScales.find(no2(null, null), List.of("no2"))).isEmpty();
        assertThat(GroupScales.find(no2("N2", null), List.of("no2"))).isEmpty();
        List<GroupScales.Shifted> mg = GroupScales.find(no2("N2", "N12"), List.of("no2"));
        assertThat(mg).extracting(GroupScales.Shifted::group).containsExactly("N12");
        assertThat(mg.get(0).ratios().get(0)).isBetween(1 / 1500.0, 1 / 700.0);
        assertThat(GroupScales.warning(mg, "station", 20)).contains("'N12': no2 1/", "a factor near 1.00e+03",
                "multiply no2 in 'N12' by 1000", "no remedy for a unit: it would erase every sequence's level")
                .doesNotContain("or scale each sequence");
    }

    @Test
    void aClassOfThreeGroupsAtItsOwnLevelIsItsSignalEvenWhenOneIsOffTheFactorTable() {
        // a review: 3 rural stations at about 1/4 of 12 urban stations' NO2; two near a table factor were "km/h against m/s",
        // the third, off the table, was not flagged and so kept its class from counting as the signal
        Random r = new Random(3);
        List<CsvSequence> out = new java.util.ArrayList<>();
        for (int s = 0; s < 15; s++) {
            boolean rural = s < 3;
            double level = rural ? 10 * (1 + 0.1 * (s - 1)) : 40;
            for (int w = 0; w < 6; w++) {
                float[][] hours = new float[24][1];
                for (int t = 0; t < 24; t++) {
                    hours[t][0] = (float) (level * (1 + 0.2 * r.nextGaussian()));
                }
                out.add(new CsvSequence("st" + s + "w" + w, hours, rural ? "rural" : "urban", null, "st" + s, null, 1));
            }
        }
        assertThat(GroupScales.find(out, List.of("no2"))).isEmpty();
    }

    /**
     * 300 ICU patients of one stay of 24 hours, as a trial's: heart rate around 85, and lactate at a level of the patient's
     * own (log-normal around 1.6 mmol/l, 0.3 wide), from two draws forward-filled. The levels scatter continuously, so the
     * patients in the tails at 1/2.2 or 3.6 times the median are no unit (the trial's 23 of 657 "km/h against m/s", with
     * advice that would erase each patient's lactate level); 3 patients at the usual level whose values are 9.81 times, beyond an empty gap, are.
     */
    private static List<CsvSequence> icuPatients(List<Integer> scaled) {
        Random r = new Random(8);
        List<CsvSequence> out = new java.util.ArrayList<>();
        for (int p = 0; p < 300; p++) {
            double level = Math.exp(Math.log(1.6) + 0.3 * r.nextGaussian());
            level = scaled.contains(p) ? 1.6 : level; // at the usual level, 9.81 times in another unit
            double first = Math.round(10 * level * (1 + 0.05 * r.nextGaussian())) / 10.0;
            double second = Math.round(10 * level * (1 + 0.05 * r.nextGaussian())) / 10.0;
            float[][] hours = new float[24][2];
            for (int t = 0; t < 24; t++) {
                hours[t][0] = (float) (85 + 8 * r.nextGaussian());
                hours[t][1] = (float) ((t < 12 ? first : second) * (scaled.contains(p) ? 9.81 : 1));
            }
            out.add(new CsvSequence("stay" + p, hours, p % 11 == 0 ? "1" : "0", null, "P" + p, null, 1));
        }
        return out;
    }

    @Test
    void patientsLactateScatteringContinuouslyIsNoUnitButPatientsBeyondAnEmptyGapAre() {
        List<String> features = List.of("heart_rate", "lactate");
        List<CsvSequence> clean = icuPatients(List.of());
        assertThat(GroupScales.find(clean, features)).isEmpty();
        List<GroupScales.Shifted> scaled = GroupScales.find(icuPatients(List.of(5, 50, 150)), features);
        assertThat(scaled).extracting(GroupScales.Shifted::group).containsExactly("P5", "P50", "P150");
        assertThat(GroupScales.warning(scaled, "patient_id", 300)).contains("a factor near 9.81");
    }

    /**
     * A trial's leak column {@code hours_to_death}: -1 for every survivor, hours for those who died; a patient whose stays
     * all ended in death sat at -2.05 times the groups' usual level and was called "pounds against kilograms". A unit keeps
     * the sign: a level of the other sign is other data (here a leak, which its own warning names).
     */
    @Test
    void aGroupAtALevelOfTheOtherSignIsNoUnit() {
        Random r = new Random(3);
        List<CsvSequence> stays = new java.util.ArrayList<>();
        for (int p = 0; p < 20; p++) {
            float[][] hours = new float[12][1];
            for (int t = 0; t < 12; t++) {
                hours[t][0] = (float) ((p == 7 ? 2.2 : -1) + 0.01 * r.nextGaussian());
            }
            stays.add(new CsvSequence("stay" + p, hours, p == 7 ? "1" : "0", null, "P" + p, null, 1));
        }
        assertThat(GroupScales.find(stays, List.of("hours_to_death"))).isEmpty();
    }

    /**
     * 40 pumps of 4 stations, each at a base pressure of its own (3.5-6 bar), 10 sequences each; station S2's pumps
     * ({@code kpa}) logged in kPa. A trial's: their levels lay 68-106 times the groups' usual one, and only the 5 within 12% of
     * 100 were named ("5 of the 40 groups"); every pump of the station is, whatever its own factor.
     */
    private static List<CsvSequence> pumps(boolean kpa) {
        Random r = new Random(11);
        List<CsvSequence> out = new java.util.ArrayList<>();
        for (int p = 0; p < 40; p++) {
            double base = 3.5 + 2.5 * ((p * 7) % 40) / 39.0;
            double unit = kpa && p >= 10 && p < 20 ? 100 : 1;
            for (int k = 0; k < 10; k++) {
                float[][] steps = new float[40][2];
                for (int t = 0; t < 40; t++) {
                    steps[t][0] = (float) ((base + 0.15 * r.nextGaussian()) * unit);
                    steps[t][1] = (float) (110 + 5 * r.nextGaussian());
                }
                out.add(new CsvSequence(String.format(Locale.ROOT, "P%02d_%d", p + 1, k), steps, k == 3 ? "yes" : "no", null,
                        String.format(Locale.ROOT, "P%02d", p + 1), null, 1));
            }
        }
        return out;
    }

    @Test
    void everyPumpOfAStationInKilopascalsIsNamedWhateverItsOwnFactorNotOnlyThoseNearOneHundred() {
        List<String> features = List.of("pressure_bar", "flow_m3h");
        assertThat(GroupScales.find(pumps(false), features)).isEmpty();
        List<GroupScales.Shifted> kpa = GroupScales.find(pumps(true), features);
        assertThat(kpa).extracting(GroupScales.Shifted::group).containsExactlyInAnyOrder("P11", "P12", "P13", "P14", "P15", "P16",
                "P17", "P18", "P19", "P20");
        // the levels' own scatter puts some of them well off 100 times the usual level
        assertThat(kpa).anySatisfy(s -> assertThat(s.ratios().get(0)).isLessThan(85));
        assertThat(kpa).anySatisfy(s -> assertThat(s.ratios().get(0)).isBetween(89.0, 112.0));
        assertThat(GroupScales.warning(kpa, "pump", 40)).startsWith("10 of the 40 groups of group column pump hold features at "
                + "another level").contains("a factor near 100", " And 5 more, not detailed here: ");
    }

    /**
     * The pumps in kPa trained from a file with a text column {@code station} (not a feature): the warning says that all
     * the pumps it names are station S2's, every pump of it (the trial's user found it with pandas); pumps of one station
     * among several named, no station.
     */
    @Test
    void thePumpsNamedAreSaidToBeAllOfOneStationWhenTheyAre() throws Exception {
        CsvOptions options = CsvOptions.defaults().withColumns(Column.named("sequence_id"), null, Column.named("label"))
                .withGroupColumn(Column.named("pump")).withFeatures(List.of(Column.named("pressure_bar"), Column.named("flow_m3h")));
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(pumpFile("kpa.csv",
                p -> p >= 10 && p < 20 ? "S2" : "S" + (p / 10 + 1)), options));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("10 of the 40 groups of group column pump hold features",
                "; all 10 are station 'S2' (every group of it); the model reads them as other data. 'P"));
        // station S2 holds two more pumps at the usual level: the 10 named are 10 of its 12
        warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(pumpFile("kpa12.csv",
                p -> p >= 8 && p < 20 ? "S2" : p < 8 ? "S1" : "S" + (p / 10 + 1)), options));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("all 10 are station 'S2' (10 of its 12 groups)"));
        // the named pumps spread over the four stations: none said
        warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(pumpFile("kpa2.csv",
                p -> "S" + (p % 4 + 1)), options));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("10 of the 40 groups").doesNotContain("all 10 are"));
    }

    private Path pumpFile(String name, java.util.function.IntFunction<String> station) throws Exception {
        StringBuilder csv = new StringBuilder("sequence_id,pump,station,pressure_bar,flow_m3h,label\n");
        for (CsvSequence q : pumps(true)) {
            int p = Integer.parseInt(q.group().substring(1)) - 1;
            for (float[] step : q.values()) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.4f,%.3f,%s%n", q.id(), q.group(), station.apply(p), step[0], step[1],
                        q.label()));
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }
}

package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.UnitFactors;

/**
 * {@link GroupScales} names a unit ("a factor near 9.81: acceleration in g against m/s²") only on strong evidence: a trial's
 * machine recalibrated midway (acc_y 0, then 0.5 + 3 x) was called g against m/s² one line above the right diagnosis (a
 * step, {@link LevelShifts}), and another trial's recording site whose background noise spread mfcc_2 3.35 times wider was
 * called km/h against m/s. The group is still named; the unit is not. An honest g against m/s² still is.
 */
class GroupScalesUnitNameTest {

    @TempDir
    Path dir;

    private static final String[] KINDS = {"imbalance", "misalignment", "bearing", "false_alarm"};

    /**
     * 8 machines of 24 windows of 50 steps at 50 Hz (acc_x, acc_y around zero with 8 Hz shaft vibration, acc_z about 1 g),
     * classes in turn; machine P-104's acc_y recalibrated to 0.5 + 3 x from window {@code stepAt} on (none when negative);
     * machine P-106 wholly in m/s² when {@code metres}.
     */
    private static String machines(int stepAt, boolean metres) {
        Random r = new Random(70);
        StringBuilder b = new StringBuilder("window,machine,acc_x,acc_y,acc_z,label\n");
        for (int m = 1; m <= 8; m++) {
            double amp = 0.02 * (0.8 + 0.4 * r.nextDouble());
            double phase = r.nextDouble() * 6.28;
            double unit = metres && m == 6 ? 9.80665 : 1;
            for (int k = 0; k < 24; k++) {
                String kind = KINDS[(k + m) % 4];
                double start = k * 20;
                for (int t = 0; t < 50; t++) {
                    double time = start + t / 50.0;
                    double x = amp * Math.sin(2 * Math.PI * 8 * time + phase) + 0.012 * r.nextGaussian();
                    double y = amp * Math.cos(2 * Math.PI * 8 * time + phase) + 0.012 * r.nextGaussian();
                    double z = 1 + 0.3 * amp * Math.sin(2 * Math.PI * 8 * time) + 0.012 * r.nextGaussian();
                    if (kind.equals("imbalance")) {
                        x += 0.06 * Math.sin(2 * Math.PI * 8 * time + 1);
                        y += 0.06 * Math.cos(2 * Math.PI * 8 * time + 1);
                    } else if (kind.equals("misalignment")) {
                        x += 0.05 * Math.sin(2 * Math.PI * 16 * time);
                        z += 0.06 * Math.sin(2 * Math.PI * 16 * time + 1);
                    } else if (kind.equals("bearing")) {
                        double ph = time % (1 / 5.3);
                        double ring = 0.12 * Math.exp(-ph * 40) * Math.sin(2 * Math.PI * 19 * ph);
                        x += ring;
                        y += 0.7 * ring;
                        z += 0.5 * ring;
                    }
                    if (m == 4 && stepAt >= 0 && k >= stepAt) {
                        y = 0.5 + 3 * y;
                    }
                    b.append(String.format(Locale.ROOT, "P-10%d-w%d,P-10%d,%.5f,%.5f,%.5f,%s%n", m, k, m, unit * x, unit * y, unit * z,
                            kind));
                }
            }
        }
        return b.toString();
    }

    private static final CsvOptions MACHINES = CsvOptions.defaults().withColumns(Column.named("window"), null, Column.named("label"))
            .withGroupColumn(Column.named("machine"));

    private static List<CsvSequence> sequences(String csv) {
        List<CsvSequence> out = new ArrayList<>();
        String[] lines = csv.split("\n");
        String id = null;
        List<float[]> steps = new ArrayList<>();
        String group = null;
        String label = null;
        for (int i = 1; i <= lines.length; i++) {
            String[] c = i < lines.length ? lines[i].split(",") : null;
            if (id != null && (c == null || !c[0].equals(id))) {
                out.add(new CsvSequence(id, steps.toArray(new float[0][]), label, null, group, null, 1));
                steps = new ArrayList<>();
            }
            if (c != null) {
                id = c[0];
                group = c[1];
                label = c[5];
                steps.add(new float[] {Float.parseFloat(c[2]), Float.parseFloat(c[3]), Float.parseFloat(c[4])});
            }
        }
        return out;
    }

    @Test
    void aMachineRecalibratedMidwayIsNamedButNotCalledAnotherUnit() throws Exception {
        List<GroupScales.Shifted> shifted = GroupScales.find(sequences(machines(12, false)), List.of("acc_x", "acc_y", "acc_z"));
        assertThat(shifted).extracting(GroupScales.Shifted::group).containsExactly("P-104");
        GroupScales.Shifted s = shifted.get(0);
        assertThat(s.features()).containsExactly("acc_y's spread");
        // the spread's ratio alone lies near a unit's factor (here 8, bits against bytes; the trial's 9.69, g against m/s²),
        // and the old rule named the unit from it ...
        assertThat(UnitFactors.named(s.ratios().get(0))).isPresent();
        // ... but its level sits far from where a unit would put it (the usual level times the factor)
        assertThat(s.unitLike()).containsExactly(false);
        String warning = GroupScales.warning(shifted, "machine", 8);
        assertThat(warning).contains("'P-104': acc_y ").doesNotContain("a factor near").doesNotContain("against m/s");
        // and a step the step check names names no unit either, even with the level rule aside
        GroupScales.Shifted asIfLike = new GroupScales.Shifted(s.group(), s.features(), List.of(9.8), s.amounts(), List.of(true));
        assertThat(GroupScales.warning(List.of(asIfLike), "machine", 8)).contains("a factor near");
        assertThat(GroupScales.warning(List.of(asIfLike), "machine", 8, java.util.Map.of(), Set.of(List.of("P-104", "acc_y"))))
                .doesNotContain("a factor near");

        // through the CSV reader: the step is named by the step check, and no unit anywhere
        Path file = Files.writeString(dir.resolve("midcal.csv"), machines(12, false));
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, MACHINES));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("'P-104'").contains("acc_y"));
        assertThat(warned).noneMatch(w -> w.contains("a factor near"));
    }

    @Test
    void aMachineWhollyInMetresPerSecondSquaredIsStillCalledGAgainstMetres() throws Exception {
        List<GroupScales.Shifted> shifted = GroupScales.find(sequences(machines(-1, true)), List.of("acc_x", "acc_y", "acc_z"));
        assertThat(shifted).extracting(GroupScales.Shifted::group).containsExactly("P-106");
        assertThat(GroupScales.warning(shifted, "machine", 8)).contains("'P-106': ", "acc_z 9.",
                "(a factor near 9.81: acceleration in g against m/s²)");
        Path file = Files.writeString(dir.resolve("metres.csv"), machines(-1, true));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, MACHINES)))
                .anySatisfy(w -> assertThat(w).contains("'P-106'", "a factor near 9.81: acceleration in g against m/s²"));
    }

    /** 12 recording sites of 8 clips of 40 frames: two cepstral features around zero; site S05's second 3.6 times wider. */
    private static List<CsvSequence> sites(double wider) {
        Random r = new Random(35);
        List<CsvSequence> out = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            for (int k = 0; k < 8; k++) {
                float[][] frames = new float[40][2];
                for (int t = 0; t < 40; t++) {
                    frames[t][0] = (float) (r.nextGaussian() + (k % 2 == 0 ? 0.5 : -0.5));
                    frames[t][1] = (float) ((s == 5 ? wider : 1) * (r.nextGaussian() + Math.sin(t * (k % 2 == 0 ? 0.3 : 0.7))));
                }
                out.add(new CsvSequence(String.format(Locale.ROOT, "S%02d-c%d", s, k), frames, k % 2 == 0 ? "Turdus" : "Oriolus", null,
                        String.format(Locale.ROOT, "S%02d", s), null, 1));
            }
        }
        return out;
    }

    @Test
    void aSiteWhoseMfccsSpreadWiderIsNamedWithoutAUnitWhileASpeedSoSpreadIsKmPerHour() {
        List<GroupScales.Shifted> mfcc = GroupScales.find(sites(3.6), List.of("mfcc_1", "mfcc_2"));
        assertThat(mfcc).extracting(GroupScales.Shifted::group).containsExactly("S05");
        assertThat(GroupScales.warning(mfcc, "site", 12)).contains("'S05': mfcc_2 3.").doesNotContain("a factor near")
                .doesNotContain("km/h");
        // the same numbers as a signed speed: a unit may be named (the name and the factor fit)
        List<GroupScales.Shifted> speed = GroupScales.find(sites(3.6), List.of("accel_x", "velocity_x"));
        assertThat(GroupScales.warning(speed, "site", 12)).contains("'S05': velocity_x 3.", "a factor near 3.60: km/h against m/s");
        // a factor 7% off the unit's (the trial's 3.35) names none, whatever the name
        List<GroupScales.Shifted> off = GroupScales.find(sites(3.35), List.of("accel_x", "velocity_x"));
        assertThat(off).extracting(GroupScales.Shifted::group).containsExactly("S05");
        assertThat(GroupScales.warning(off, "site", 12)).doesNotContain("a factor near");
        assertThat(UnitFactors.unitless("mfcc_2")).isTrue();
        assertThat(UnitFactors.unitless("pc3")).isTrue();
        assertThat(UnitFactors.unitless("log_power")).isTrue();
        assertThat(UnitFactors.unitless("acc_y_g")).isFalse();
        assertThat(UnitFactors.unitless("catalog_views")).isFalse();
    }
}

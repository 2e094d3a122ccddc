package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A refrigerated truck's temperatures typed 10 times too large (a trial's: 8 cells of 38-91 °C among 12,000 of 2.6-12 °C)
 * were missed by {@link FarValues}: the bulk is wide for its median (door-open and compressor-fault trips warm to 12 °C),
 * so on the asinh scale the gap was 0.379 of their distance where 0.4 is needed. The decimal slip test names them.
 */
class FarValuesDecimalSlipTest {

    /** 300 trips of 40 steps, shaped as the trial's: most near 4 °C, a third warming by 3-7 °C after a fault or an open door. */
    private static double[][] reefer(long seed) {
        Random r = new Random(seed);
        List<double[]> rows = new ArrayList<>();
        for (int trip = 0; trip < 300; trip++) {
            int kind = trip % 20 < 13 ? 0 : trip % 20 < 16 ? 1 : trip % 20 < 19 ? 2 : 3; // ok, door, compressor, drift
            int start = 5 + r.nextInt(10);
            double warm = kind == 1 ? 4 + 3 * r.nextDouble() : kind == 2 ? 3 + 2 * r.nextDouble() : 0;
            double drift = kind == 3 ? 2.5 + 1.5 * r.nextDouble() : 0;
            double fault = 0.2 + 0.8 * r.nextDouble();
            for (int t = 0; t < 40; t++) {
                double temp = 4 + 0.3 * r.nextGaussian() + 0.3 * Math.sin(t / 6.0) + drift * t / 39.0
                        + (t >= start ? warm * (t - start) / (39.0 - start) : 0);
                double amps = kind == 2 && t >= start ? fault + 0.1 * r.nextGaussian() : 5 + 0.2 * r.nextGaussian();
                rows.add(new double[] {Math.round(temp * 100) / 100.0, Math.round(amps * 1000) / 1000.0});
            }
        }
        double[][] columns = new double[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            columns[0][i] = rows.get(i)[0];
            columns[1][i] = rows.get(i)[1];
        }
        return columns;
    }

    @Test
    void fridgeTemperaturesTypedTenTimesTooLargeAreNamed() {
        double[][] clean = reefer(72);
        assertThat(FarValues.find(0, clean[0], null)).isEmpty();
        double[] temps = clean[0].clone();
        int[] typed = {1244, 2881, 4359, 5203, 6888, 7075, 7350, 9268};
        for (int i : typed) {
            temps[i] = Math.round(temps[i] * 100) / 10.0;
        }
        List<FarValues.Found> found = FarValues.find(0, temps, null);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(typed.length);
            assertThat(f.above()).isTrue();
            assertThat(f.warning("train.csv", List.of("temp_c"))).contains("feature 'temp_c': 8 of its 12000",
                    "far above all the others", "about 10 times the usual values: a decimal point lost?");
        });
        // 6 compressor currents of 0, within the faulted compressors' 0.2-1.0 A and their noise: no far values
        double[] amps = clean[1].clone();
        for (int i = 0; i < 6; i++) {
            amps[1000 + 1700 * i] = 0;
        }
        assertThat(FarValues.find(1, amps, null)).isEmpty();
    }

    @Test
    void aDecimalSlipIsJudgedOnlyInABulkOfOneSignSpanningLessThanAFactorOfTen() {
        assertThat(FarValues.decimalSlip(38.1, 91.0, 3.22, 9.79)).isTrue();      // x10 in a fridge
        assertThat(FarValues.decimalSlip(3.6, 3.9, 35.5, 41)).isTrue();          // /10 in body temperatures
        assertThat(FarValues.decimalSlip(-250, -180, -25, -15)).isTrue();        // x10 in a freezer
        assertThat(FarValues.decimalSlip(38.1, 200, 3.22, 9.79)).isFalse();      // not all of them
        assertThat(FarValues.decimalSlip(300, 900, 0.1, 104)).isFalse();         // a lognormal's bulk spans 1000x
        assertThat(FarValues.decimalSlip(40, 60, -5, 6)).isFalse();              // a bulk around 0
    }
}

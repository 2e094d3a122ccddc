package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FarFromTraining#farCells}: cells over the far limit counted over the file, the decimal point slip judged against
 * the card's training percentiles or, in a card written before them, its training range (trial 73a's own model).
 */
class FarCellsTest {

    /** 30 sequences of 40 steps of CO2 about 560 (sd 60); {@code slipped} cells x{@code factor} in sequences 4 and 9. */
    private static List<float[][]> co2(int seed, int slipped, double factor) {
        Random random = new Random(seed);
        List<float[][]> out = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            float[][] q = new float[40][1];
            for (int t = 0; t < 40; t++) {
                q[t][0] = (float) (560 + 60 * random.nextGaussian());
                if ((s == 4 || s == 9) && t < slipped) {
                    q[t][0] = (float) (factor * (540 + 40 * random.nextDouble()));
                }
            }
            out.add(q);
        }
        return out;
    }

    @Test
    void slippedCellsAreCountedAndCalledASlipWithPercentilesOrAnOlderCardsRange() {
        List<float[][]> training = co2(1, 0, 1);
        TrainingRange range = TrainingRange.of(training, 1);
        assertThat(range.hasPercentiles()).isTrue();
        assertThat(range.p01()[0]).isGreaterThan(range.low()[0]).isLessThan(560);
        float[] mean = {560};
        float[] std = {60};
        List<float[][]> slipped = co2(2, 3, 10);
        List<String> ids = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "s" + i).toList();
        List<FarFromTraining.FarCells> found = FarFromTraining.farCells(slipped, mean, std, range);
        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.cells()).isEqualTo(6);
            assertThat(c.sequences()).isEqualTo(2);
            assertThat(c.slip()).isEqualTo(10);
            assertThat(c.describe("co2", ids, 30, mean[0], std[0], range)).contains("6 cell(s)", "in 2 of the 30 sequences",
                    "'s4' (3), 's9' (3)", "Divided by 10 they all fall within the training values (", "; 1st to 99th percentiles ",
                    "a decimal point lost?");
        });
        // a card without the percentiles: judged against its smallest and largest training values
        TrainingRange older = new TrainingRange(range.low(), range.high());
        assertThat(FarFromTraining.farCells(slipped, mean, std, older)).singleElement().satisfies(c -> assertThat(c.describe("co2",
                ids, 30, mean[0], std[0], older)).contains("Divided by 10 they all fall within the training values (").doesNotContain("percentiles"));
        // 30 times the usual values: counted, no slip
        assertThat(FarFromTraining.farCells(co2(2, 3, 30), mean, std, range)).singleElement().satisfies(c -> {
            assertThat(c.slip()).isZero();
            assertThat(c.describe("co2", ids, 30, mean[0], std[0], range)).doesNotContain("decimal point");
        });
        // the training data themselves: nothing
        assertThat(FarFromTraining.farCells(training, mean, std, range)).isEmpty();
    }
}

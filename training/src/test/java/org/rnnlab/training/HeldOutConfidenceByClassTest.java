package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;

/**
 * The held-out confidence quantiles per predicted class ({@code byClass}): a purchase trial (4% buyers) had 31 of its 55
 * buyers and 39 of its top-50 sessions below the one global p05, since a rare class's predictions are less sure than the
 * majority's. Each class predicted on the held-out split gets its own quantiles, used from
 * {@value HeldOutConfidence#MIN_PER_CLASS} predictions on; a class predicted less often, and every class of an older card,
 * is compared with the quantiles over all classes.
 */
class HeldOutConfidenceByClassTest {

    /** 90 'no' predictions at 0.90..0.99 (step 0.001), 12 'buy' at 0.55..0.66, 3 'other' at 0.40..0.42. */
    private static double[][] probabilities() {
        double[][] p = new double[105][];
        for (int i = 0; i < 90; i++) {
            double top = 0.90 + i * 0.001;
            p[i] = new double[] {top, 1 - top, 0};
        }
        for (int i = 0; i < 12; i++) {
            double top = 0.55 + i * 0.01;
            p[90 + i] = new double[] {1 - top, top, 0};
        }
        for (int i = 0; i < 3; i++) {
            double top = 0.40 + i * 0.01;
            p[102 + i] = new double[] {0.30, 0.30 - i * 0.01, top};
        }
        return p;
    }

    private static final List<String> LABELS = List.of("no", "buy", "other");

    @Test
    void eachPredictedClassGetsItsOwnQuantilesAndARareOneIsNoLongerBelowTheMajoritys() {
        double[][] p = probabilities();
        HeldOutConfidence c = HeldOutConfidence.of(p, new int[105], LABELS);
        assertThat(c.byClass().keySet()).containsExactly("no", "buy", "other");
        assertThat(c.byClass().get("no").sequences()).isEqualTo(90);
        assertThat(c.byClass().get("buy").sequences()).isEqualTo(12);
        assertThat(c.byClass().get("other").sequences()).isEqualTo(3);
        // numpy.percentile(linear) of 0.55, 0.56, ..., 0.66 at 5: h = 11 * 0.05 = 0.55 -> 0.55 + 0.55 * 0.01
        assertThat(c.byClass().get("buy").quantiles().get("p05")).isCloseTo(0.5555, offset(1e-9));
        // of the 90 'no' at 0.900..0.989: h = 89 * 0.05 = 4.45 -> 0.904 + 0.45 * 0.001
        assertThat(c.byClass().get("no").quantiles().get("p05")).isCloseTo(0.90445, offset(1e-9));
        // over all 105 the p05 lies among the 'buy' predictions: every 'buy' but one would be below it
        double global = c.quantile("p05");
        assertThat(global).isGreaterThan(0.56);
        // the class's own where predicted 10 times or more, else the one over all
        assertThat(c.perClass("buy")).isTrue();
        assertThat(c.perClass("other")).isFalse();
        assertThat(c.cutOff("p05", "buy")).isCloseTo(0.5555, offset(1e-9));
        assertThat(c.cutOff("p05", "other")).isEqualTo(global);
        double[] cutOffs = c.cutOffs("p05", LABELS);
        assertThat(cutOffs[0]).isEqualTo(c.cutOff("p05", "no"));
        assertThat(cutOffs[1]).isCloseTo(0.5555, offset(1e-9));
        assertThat(cutOffs[2]).isEqualTo(global);
        long buysBelowOwn = java.util.Arrays.stream(p).limit(102).skip(90).filter(q -> q[1] < c.cutOff("p05", "buy")).count();
        long buysBelowGlobal = java.util.Arrays.stream(p).limit(102).skip(90).filter(q -> q[1] < global).count();
        assertThat(buysBelowOwn).isEqualTo(1);
        assertThat(buysBelowGlobal).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theCardWritesAndReadsThemAndAnOlderCardKeepsTheOneCutOff() throws Exception {
        HeldOutConfidence c = HeldOutConfidence.of(probabilities(), new int[105], LABELS);
        String json = Json.write(c);
        assertThat(Json.mapper().readTree(json).at("/byClass/buy/sequences").asInt()).isEqualTo(12);
        HeldOutConfidence back = Json.mapper().readValue(json, HeldOutConfidence.class);
        assertThat(back).isEqualTo(c);
        // an older card: no byClass, written and read without one; every class compared with the quantile over all
        HeldOutConfidence old = HeldOutConfidence.of(probabilities(), new int[105]);
        assertThat(old.byClass()).isEmpty();
        String oldJson = Json.write(old);
        assertThat(oldJson).doesNotContain("byClass");
        HeldOutConfidence read = Json.mapper().readValue(oldJson, HeldOutConfidence.class);
        assertThat(read.byClass()).isEmpty();
        assertThat(read.cutOffs("p05", LABELS)).containsOnly(read.quantile("p05"));
        assertThat(read.perClass("buy")).isFalse();
    }

    @Test
    void theCardRefusesQuantilesOfAClassItDoesNotHave() {
        HeldOutConfidence c = new HeldOutConfidence(20, Map.of("p01", 0.5, "p05", 0.6, "p10", 0.7, "p25", 0.8, "p50", 0.9), 20,
                Map.of("p01", 0.5, "p05", 0.6, "p10", 0.7, "p25", 0.8, "p50", 0.9),
                Map.of("cat", new HeldOutConfidence.ClassConfidence(20, Map.of("p01", 0.5, "p05", 0.6, "p10", 0.7, "p25", 0.8, "p50", 0.9))));
        assertThatThrownBy(() -> card().withHeldOutPredictions("validation", new long[] {10, 10}, c))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'heldOutPredictions.confidence.byClass' names 'cat', which is not one of the labelNames");
    }

    private static ModelCard card() {
        return new ModelCard(ModelBundle.FORMAT_VERSION, org.rnnlab.core.ModelSpec.of(org.rnnlab.core.CellType.GRU), List.of("up", "down"),
                org.rnnlab.datasets.InputDescription.dense(List.of("x"), 4), 1, 4, TrainingConfig.defaults(), 1, Map.of(), false,
                "csv", null, null, null);
    }
}

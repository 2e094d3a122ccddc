package org.rnnlab.core.bptt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient norm over all parameters and Pascanu et al.'s norm clipping (what {@code ClippingExperiment} and
 * the gradient study apply), on a gradient whose entries are chosen by hand.
 */
class RnnGradientsTest {

    /** The squares of the entries sum to 9 (dWh) + 41 (dWx) + 49 (db) + 100 (dWy) + 144 (dby) = 343. */
    private static RnnGradients known() {
        return new RnnGradients(Nd4j.createFromArray(new double[][] {{1, -2}, {0, 2}}), Nd4j.createFromArray(new double[][] {{4}, {-5}}),
                Nd4j.createFromArray(7.0, 0.0), Nd4j.createFromArray(new double[][] {{10, 0}, {0, 0}}), Nd4j.createFromArray(0.0, -12.0));
    }

    /** Every entry, parameter by parameter. */
    private static double[] entries(RnnGradients g) {
        return Nd4j.concat(0, g.dWh().reshape(-1), g.dWx().reshape(-1), g.db().reshape(-1), g.dWy().reshape(-1), g.dby().reshape(-1))
                .toDoubleVector();
    }

    @Test
    void theNormCountsEveryParameter() {
        assertThat(known().l2Norm()).isCloseTo(Math.sqrt(343), within(1e-12));
    }

    @Test
    void clippingRescalesALargeGradientToTheThresholdAndKeepsItsDirection() {
        RnnGradients g = known();
        double[] before = entries(g);
        RnnGradients clipped = g.clipNorm(7.0);
        assertThat(clipped.l2Norm()).isCloseTo(7.0, within(1e-12));
        double[] after = entries(clipped);
        double factor = 7.0 / Math.sqrt(343);
        for (int i = 0; i < before.length; i++) {
            assertThat(after[i]).as("entry %s", i).isCloseTo(before[i] * factor, within(1e-12));
        }
        assertThat(entries(g)).as("the clipped gradient is a new one").containsExactly(before);
    }

    @Test
    void aGradientWithinTheThresholdOrNotFiniteIsKeptAsItIs() {
        RnnGradients g = known();
        assertThat(entries(g.clipNorm(18.6))).containsExactly(entries(g)); // ||g|| = 18.52
        assertThat(entries(g.clipNorm(100))).containsExactly(entries(g));
        RnnGradients exploded = new RnnGradients(g.dWh().putScalar(0, 0, Double.POSITIVE_INFINITY), g.dWx(), g.db(), g.dWy(), g.dby());
        assertThat(exploded.clipNorm(1.0).dWh().getDouble(0, 0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> g.clipNorm(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold must be > 0");
        assertThatThrownBy(() -> g.clipNorm(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scaleMultipliesEveryParameter() {
        RnnGradients g = known();
        double[] before = entries(g);
        double[] scaled = entries(g.scale(-0.5));
        for (int i = 0; i < before.length; i++) {
            assertThat(scaled[i]).as("entry %s", i).isEqualTo(-0.5 * before[i]);
        }
    }

    @Test
    void theRecordOwnsItsArrays() {
        INDArray dWh = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
        RnnGradients g = new RnnGradients(dWh, Nd4j.zeros(DataType.DOUBLE, 2, 1), Nd4j.zeros(DataType.DOUBLE, 2),
                Nd4j.zeros(DataType.DOUBLE, 2, 2), Nd4j.zeros(DataType.DOUBLE, 2));
        dWh.putScalar(0, 0, 100);
        g.dWh().putScalar(1, 1, 100);
        assertThat(g.dWh().toDoubleMatrix()).isEqualTo(new double[][] {{1, 2}, {3, 4}});
        assertThatThrownBy(() -> new RnnGradients(null, dWh, dWh, dWh, dWh)).hasMessageContaining("must all be given");
    }
}

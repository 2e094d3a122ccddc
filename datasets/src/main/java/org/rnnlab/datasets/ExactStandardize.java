package org.rnnlab.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.dataset.api.DataSetUtil;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStrategy;
import org.nd4j.linalg.dataset.api.preprocessor.stats.DistributionStats;
import org.nd4j.linalg.dataset.api.preprocessor.stats.NormalizerStats;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's {@link NormalizerStandardize}, {@code (x - mean) / std} per feature, with the deviations used exactly as given.
 *
 * <p>ND4J M2.1 guards against dividing by zero twice, and both guards reach small deviations that are not zero: its
 * {@code DistributionStats} raises every deviation below {@code Nd4j.EPS_THRESHOLD} (1e-5) in place, and its
 * {@code StandardizeStrategy} replaces, in place and at every transform, each deviation that its {@code equals(0)}
 * condition (which compares within about 1e-5) takes for zero by 1. A user's feature in microvolts (deviation 1.4e-6) was
 * so divided by 1, reached the network as about 0 and was stored as deviation 1 in the model file, without a word (test
 * accuracy 0.36 against 1.00 for the same data in volts). rnnlab needs neither guard: a feature of one value gets
 * {@link FeatureStandardizer#CONSTANT_STD}, and deviations without float precision are refused when fitted. Models saved
 * before hold the deviation ND4J had replaced (1) and so transform as they did. Its equality is ND4J's (statistics and
 * strategy); ND4J's own {@code NormalizerSerializer} writes and restores it as a plain {@link NormalizerStandardize}, with
 * ND4J's guards: rnnlab's model files store the deviations themselves.
 */
public final class ExactStandardize extends NormalizerStandardize {

    /**
     * @param mean per-feature means, {@code [1, features]}
     * @param std  per-feature standard deviations, {@code [1, features]}, all positive
     */
    public ExactStandardize(INDArray mean, INDArray std) {
        super(mean, positive(std).dup()); // ND4J's constructor raises small deviations in place: it gets a copy
        getStd().assign(std);
        this.strategy = new Exact();
    }

    /** The deviations, if none is zero, negative or infinite (ND4J's guards took zero; without them it would divide by it). */
    private static INDArray positive(INDArray std) {
        for (long i = 0; i < std.length(); i++) {
            double d = std.getDouble(i);
            if (d <= 0 || Double.isInfinite(d)) { // NaN (data with NaN, from the Java API) passes: training's divergence guard names it
                throw new IllegalArgumentException("standard deviation " + d + " of feature " + (i + 1) + " of " + std.length()
                        + ": expected a positive finite number (a feature of one value: FeatureStandardizer.CONSTANT_STD)");
            }
        }
        return std;
    }

    /** {@code StandardizeStrategy} without its replacement of small deviations. */
    private static final class Exact implements NormalizerStrategy<DistributionStats> {
        private static final long serialVersionUID = 1L;

        @Override
        public void preProcess(INDArray array, INDArray maskArray, DistributionStats stats) {
            INDArray mean = stats.getMean().castTo(array.dataType());
            INDArray std = stats.getStd().castTo(array.dataType());
            if (array.rank() <= 2) {
                array.subiRowVector(mean);
                array.diviRowVector(std);
            } else {
                Nd4j.getExecutioner().execAndReturn(new BroadcastSubOp(array, mean, array, 1));
                Nd4j.getExecutioner().execAndReturn(new BroadcastDivOp(array, std, array, 1));
            }
            if (maskArray != null) {
                DataSetUtil.setMaskedValuesToZero(array, maskArray);
            }
        }

        @Override
        public void revert(INDArray array, INDArray maskArray, DistributionStats stats) {
            INDArray mean = stats.getMean().castTo(array.dataType());
            INDArray std = stats.getStd().castTo(array.dataType());
            if (array.rank() <= 2) {
                array.muliRowVector(std);
                array.addiRowVector(mean);
            } else {
                Nd4j.getExecutioner().execAndReturn(new BroadcastMulOp(array, std, array, 1));
                Nd4j.getExecutioner().execAndReturn(new BroadcastAddOp(array, mean, array, 1));
            }
            if (maskArray != null) {
                DataSetUtil.setMaskedValuesToZero(array, maskArray);
            }
        }

        @Override
        public NormalizerStats.Builder newStatsBuilder() {
            return new DistributionStats.Builder();
        }

        // stateless, as StandardizeStrategy: two standardisers of the same statistics are equal (ND4J's equality compares
        // the strategies too)
        @Override
        public boolean equals(Object o) {
            return o instanceof Exact;
        }

        @Override
        public int hashCode() {
            return Exact.class.hashCode();
        }
    }
}

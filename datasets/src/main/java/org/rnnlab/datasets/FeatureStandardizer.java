package org.rnnlab.datasets;

import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fits the per-feature standardiser {@code (x - mean) / std} of dense sequences: mean and population
 * standard deviation over every time step of every sequence, as ND4J's {@link NormalizerStandardize#fit}
 * defines them (masked padding ignored, a zero deviation raised to ND4J's epsilon), but computed in
 * double and in two passes (the mean, then the squared deviations from it).
 *
 * <p>Why not ND4J's fit: it computes in the batches' float. One value of 1e30 (any |x| above about
 * 1.8e19) squares beyond the float range, the deviation becomes infinite, every value of that feature
 * standardises to 0, and the saved model is refused as damaged when read back. In double the squares
 * of float values never overflow. What must still fit in float is what the model computes with: the
 * mean, the deviation and {@code x - mean} of every training value; when a feature's values spread
 * beyond that (values near +-3.4e38), fitting is refused with the feature named.
 */
public final class FeatureStandardizer {

    private FeatureStandardizer() {
    }

    /**
     * The standardiser of these sequences (float arrays shaped {@code [1, features]}, as ND4J fits them).
     *
     * @param sequences    the training sequences
     * @param featureNames one name per feature, for the error
     * @throws IllegalArgumentException when there is no time step at all, or a feature's values spread
     *                                  beyond the float range
     */
    public static NormalizerStandardize fit(SequenceSet sequences, List<String> featureNames) {
        int features = featureNames.size();
        double[] sum = new double[features];
        long steps = 0;
        for (Sequence s : sequences.examples()) {
            for (float[] step : s.values()) {
                for (int f = 0; f < features; f++) {
                    sum[f] += step[f];
                }
                steps++;
            }
        }
        if (steps == 0) {
            throw new IllegalArgumentException("no training sequences to fit the feature standardiser on");
        }
        float[] mean = new float[features];
        for (int f = 0; f < features; f++) {
            mean[f] = (float) (sum[f] / steps);
        }
        double[] squares = new double[features];
        double[] farthest = new double[features];
        for (Sequence s : sequences.examples()) {
            for (float[] step : s.values()) {
                for (int f = 0; f < features; f++) {
                    double d = (double) step[f] - mean[f];
                    squares[f] += d * d;
                    farthest[f] = Math.max(farthest[f], Math.abs(d));
                }
            }
        }
        float[] std = new float[features];
        for (int f = 0; f < features; f++) {
            std[f] = (float) Math.sqrt(squares[f] / steps);
            // the deviation is at most the farthest distance from the mean: a finite float farthest bounds both
            if (Float.isInfinite((float) farthest[f]) || Float.isInfinite(std[f])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "feature '%s' (input feature %d of %d) of the "
                        + "training data: its values lie up to %.3g from their mean %.3g, beyond the float range (|x| <= 3.4e38) in "
                        + "which the model standardises them as (x - mean) / std (standard deviation %.3g); rescale the column "
                        + "(e.g. divide it by a power of 10) and train again", featureNames.get(f), f + 1, features,
                        farthest[f], (double) mean[f], Math.sqrt(squares[f] / steps)));
            }
        }
        return new NormalizerStandardize(Nd4j.create(mean, new long[] {1, features}, DataType.FLOAT),
                Nd4j.create(std, new long[] {1, features}, DataType.FLOAT));
    }
}

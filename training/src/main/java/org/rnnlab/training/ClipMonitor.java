package org.rnnlab.training;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whether gradient clipping changed the last update: a DL4J listener that reads the gradients after back-propagation
 * and before the updater ({@code onGradientCalculation}) and applies the test of DL4J's {@code BaseMultiLayerUpdater.preApply}
 * to each layer, on the gradients as the updater sees them there, divided by the minibatch size:
 * <ul>
 *   <li>{@code ClipL2PerLayer} ({@code l2:T}): the layer's gradient has L2 norm {@code > T};</li>
 *   <li>{@code ClipL2PerParamType} ({@code l2param:T}): one of its parameter types' gradients (input weights,
 *       recurrent weights, bias, ...) has L2 norm {@code > T};</li>
 *   <li>{@code ClipElementWiseAbsoluteValue} ({@code value:T}): one of its elements has {@code |g| > T}.</li>
 * </ul>
 * The renormalizing modes rescale every update, so "clipped" does not apply to them ({@link #clips}). The count tells a
 * user whether a threshold engaged at all: a clip setting that never changed an update trains exactly like none, and
 * one that changed every update acts as a smaller learning rate with a fixed step length (Pascanu, Mikolov and Bengio,
 * "On the difficulty of training recurrent neural networks", ICML 2013, section 3.2).
 */
final class ClipMonitor extends BaseTrainingListener {

    private boolean clipped;

    /** Whether {@code mode} clips against a threshold (so that an update may or may not be clipped). */
    static boolean clips(GradientNormalization mode) {
        return mode == GradientNormalization.ClipL2PerLayer || mode == GradientNormalization.ClipL2PerParamType
                || mode == GradientNormalization.ClipElementWiseAbsoluteValue;
    }

    /** Whether clipping changed the gradient of the last update. */
    boolean clippedLastUpdate() {
        return clipped;
    }

    @Override
    public void onGradientCalculation(Model model) {
        clipped = model instanceof MultiLayerNetwork net && clipped(net);
    }

    static boolean clipped(MultiLayerNetwork net) {
        long minibatch = net.batchSize();
        Gradient gradient = net.gradient();
        if (minibatch <= 0 || gradient == null) {
            return false;
        }
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            Layer layer = layers[i];
            TrainingConfig config = layer.getConfig();
            if (layer.numParams() == 0 || config == null || !clips(config.getGradientNormalization())) {
                continue;
            }
            double threshold = config.getGradientNormalizationThreshold() * minibatch; // the updater divides first
            boolean layerClipped = switch (config.getGradientNormalization()) {
                case ClipL2PerLayer -> layer.getGradientsViewArray().norm2Number().doubleValue() > threshold;
                case ClipElementWiseAbsoluteValue -> layer.getGradientsViewArray().amaxNumber().doubleValue() > threshold;
                default -> anyParameterTypeAbove(gradient, i, threshold);
            };
            if (layerClipped) {
                return true;
            }
        }
        return false;
    }

    /** Whether a gradient of layer {@code index} (keys {@code "<index>_<parameter>"} in the network's gradient) has L2 norm above. */
    private static boolean anyParameterTypeAbove(Gradient gradient, int index, double threshold) {
        String prefix = index + "_";
        for (Map.Entry<String, INDArray> e : gradient.gradientForVariable().entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getValue().norm2Number().doubleValue() > threshold) {
                return true;
            }
        }
        return false;
    }
}

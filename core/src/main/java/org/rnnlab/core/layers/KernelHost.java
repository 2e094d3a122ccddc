package org.rnnlab.core.layers;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The DL4J layer a {@link RecurrentDriver} computes, with the parts of DL4J's layer machinery the driver
 * needs that DL4J keeps protected in its base layer classes ({@code LstmLayer} and {@code GruLayer} extend
 * {@code BaseRecurrentLayer}, {@code RnnLayer} extends {@code SimpleRnn}, so they cannot share a base class
 * of rnnlab's own): each layer hands them over as method references when it creates its driver.
 *
 * @param layer            the layer (its public API: input, mask, configuration, index)
 * @param applyDropout     DL4J's {@code applyDropOutIfNecessary(training, mgr)}: input dropout on the layer's input
 * @param paramWithNoise   DL4J's {@code getParamWithNoise(key, training, mgr)}
 * @param gradientViews    the gradient views by parameter key, which back-propagation fills (DL4J sets them
 *                         after the layer is built, hence a supplier)
 * @param gradientFlat     the flattened gradient view they are parts of
 * @param weightNoise      the parameters with weight noise of the current pass, dropped after back-propagation
 * @param dropoutBackprop  DL4J's {@code backpropDropOutIfPresent}: dL/d(input) through the input dropout's mask
 */
record KernelHost(Layer layer, BiConsumer<Boolean, LayerWorkspaceMgr> applyDropout, ParamLookup paramWithNoise,
                  Supplier<Map<String, INDArray>> gradientViews, Supplier<INDArray> gradientFlat,
                  Supplier<Map<String, INDArray>> weightNoise, UnaryOperator<INDArray> dropoutBackprop) {

    /**
     * The layer's gradient after back-propagation filled the views, as DL4J's layers return it: the flattened
     * gradient view with each parameter's block under its key; the weight noise of the pass is dropped.
     */
    Gradient finishedGradient() {
        weightNoise.get().clear();
        return KernelPasses.gradient(gradientFlat.get(), gradientViews.get());
    }

    /** DL4J's {@code getParamWithNoise}. */
    @FunctionalInterface
    interface ParamLookup {
        INDArray get(String key, boolean training, LayerWorkspaceMgr mgr);
    }
}

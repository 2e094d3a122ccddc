package org.rnnlab.core.layers;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J layer computed by a {@link RecurrentDriver}: the parts of DL4J's layer machinery the driver needs
 * that DL4J keeps protected in its base layer classes ({@code LstmLayer} and {@code GruLayer} extend
 * {@code BaseRecurrentLayer}, {@code RnnLayer} extends {@code SimpleRnn}, so they cannot share a base class
 * of rnnlab's own), each exposed by one line of the layer.
 */
interface KernelHost extends KernelDirection {

    /** The layer's input as set, after input dropout when {@code training} (DL4J's {@code applyDropOutIfNecessary}). */
    INDArray inputAfterDropout(boolean training, LayerWorkspaceMgr mgr);

    /** Parameter {@code key}, with weight noise in training (DL4J's {@code getParamWithNoise}). */
    INDArray paramWithNoise(String key, boolean training, LayerWorkspaceMgr mgr);

    /** The gradient view of parameter {@code key}, which back-propagation fills. */
    INDArray gradientView(String key);

    /**
     * The layer's gradient after back-propagation filled the gradient views, as DL4J's layers return it; the
     * weight noise of the pass is dropped.
     */
    Gradient finishedGradient();

    /** dL/d(input) through the input dropout's mask, in place (DL4J's {@code backpropDropOutIfPresent}). */
    INDArray backpropInputDropout(INDArray inputGradient);
}

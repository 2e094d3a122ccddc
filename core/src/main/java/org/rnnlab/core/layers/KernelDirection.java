package org.rnnlab.core.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A recurrent layer whose CPU kernel can run either direction over the same input and write its output
 * into, or take its gradient from, part of a larger array: what {@link KernelBidirectionalLayer} needs
 * to run both directions of a bidirectional layer without reversed copies or a concatenation.
 * Implemented by {@link LstmLayer} and {@link GruLayer}. Arrays here are NCW ({@code [mb, size, T]});
 * the input is the layer's own (set with {@code setInput}, in the layer's format).
 */
interface KernelDirection extends Layer {

    /** Whether the kernel runs in this process (ND4J's CPU backend; the GRU not switched to ND4J ops). */
    boolean kernelAvailable();

    /**
     * Runs the layer over its input and mask, from the last step back to the first if {@code reversed};
     * in training the pass is kept for {@link #backwardPass}.
     */
    void forwardPass(boolean training, boolean reversed, LayerWorkspaceMgr workspaceMgr);

    /**
     * Writes (or with {@code accumulate} adds) the outputs of the last {@link #forwardPass} into
     * {@code target} ({@code [mb, H, T]}, any strides), in the input's time order.
     */
    void writeOutput(INDArray target, boolean reversed, boolean accumulate);

    /**
     * Back-propagates {@code epsilon} ({@code [mb, H, T]}, the input's time order) through the pass kept
     * by {@link #forwardPass} with the same {@code reversed}, fills the layer's gradient views and writes
     * (or with {@code accumulate} adds) dL/d(input) into {@code epsOut} ({@code [mb, nIn, T]}).
     */
    Gradient backwardPass(INDArray epsilon, boolean reversed, INDArray epsOut, boolean accumulate,
                          LayerWorkspaceMgr workspaceMgr);
}

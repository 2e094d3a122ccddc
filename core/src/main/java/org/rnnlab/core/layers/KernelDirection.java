package org.rnnlab.core.layers;

import org.deeplearning4j.nn.api.Layer;

/**
 * A recurrent layer whose CPU kernel can run either direction over the same input and write its output
 * into, or take its gradient from, part of a larger array: what {@link KernelBidirectionalLayer} needs
 * to run both directions of a bidirectional layer without reversed copies or a concatenation. Implemented by
 * {@link LstmLayer}, {@link GruLayer} and {@link RnnLayer}; the passes themselves are their
 * {@link RecurrentDriver}'s ({@link RecurrentDriver#forwardPass}, {@link RecurrentDriver#writeOutput},
 * {@link RecurrentDriver#backwardPass}).
 */
interface KernelDirection extends Layer {

    /** Whether the kernel computes this layer here ({@link KernelSupport}). */
    boolean kernelAvailable();

    /** The driver that runs this layer's kernel. */
    RecurrentDriver driver();
}

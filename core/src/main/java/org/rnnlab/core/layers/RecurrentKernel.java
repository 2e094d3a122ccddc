package org.rnnlab.core.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A recurrent cell's forward and backward sweeps over host memory, as {@link RecurrentDriver} runs them for
 * every kernel layer: {@link CellKernel} (LSTM, RNN: the step's recurrent product adds into the
 * pre-activations) and {@link GruKernel} (the GRU's reset gate multiplies its recurrent projection, so that
 * one is kept apart). A forward pass kept for back-propagation is consumed by {@link #backward}.
 */
interface RecurrentKernel {

    /**
     * Runs the cell over {@code input} ({@code [mb, nIn, T]}; a time-reversed view runs it from the end).
     *
     * @param mask         the mask as a sequence ({@link SequenceView#ofMask}, reversed with the input), or null
     * @param initialState the state before the first step, one {@code [mb, H]} array per state array of the cell
     *                     ({@link #lastState}), or null for zero
     * @param weights      the parameters
     * @param forBackprop  whether {@link #backward} will follow
     * @param outputRows   where the caller wants the outputs: {@code [T·mb, H]} rows of one stride (at least H) and unit
     *                     column stride (a contiguous time-major {@code [T, mb, H]} array, or one half of a {@code [T,
     *                     mb, 2H]} one), in the time order of the array the input views (for a reversed view, the
     *                     reverse of the view's order); or null. A kernel that can write them there during the pass does
     *                     so (saving {@link #writeOutput}'s copy) and returns true.
     * @return whether the outputs are in {@code outputRows}; if false, {@link #writeOutput} gives them
     */
    boolean forward(SequenceView input, SequenceView mask, INDArray[] initialState, CellWeights weights, boolean forBackprop,
                    INDArray outputRows);

    /** Writes (or with {@code accumulate} adds) the outputs of the last forward pass into {@code target} {@code [mb, H, T]}. */
    void writeOutput(SequenceView target, boolean accumulate);

    /**
     * The state after the last step of the last forward pass, outside any workspace: {output} for the RNN and
     * GRU, {output, cell} for the LSTM.
     */
    INDArray[] lastState();

    /**
     * Multiply-adds per example and step of the cell's recurrent product ({@code h_{t-1}} times the recurrent
     * weights: blocks x H x H), what {@link KernelThreads#parts} weighs before splitting a minibatch.
     */
    long stepMultiplyAdds();

    /** Whether a forward pass kept for back-propagation is waiting. */
    boolean backpropReady();

    /**
     * Back-propagation through the steps {@code [firstStep, T)} of the last forward pass (run with
     * {@code forBackprop}); gradients do not flow into earlier steps.
     *
     * @param epsilon    dL/d(output), {@code [mb, H, T]} (reversed if the input was)
     * @param weights    the parameters of the forward pass
     * @param gradients  receive dL/d(each parameter)
     * @param epsOut     receives dL/d(input), {@code [mb, nIn, T]} (reversed if the input was); null to keep it
     *                   in the kernel for {@link #writeInputGradient}
     * @param accumulate whether dL/d(input) is added to {@code epsOut} instead of written
     */
    void backward(SequenceView epsilon, long firstStep, CellWeights weights, CellWeights gradients, SequenceView epsOut,
                  boolean accumulate);

    /**
     * Writes (or with {@code accumulate} adds) dL/d(input) of the last {@link #backward} (run with a null
     * {@code epsOut}) into {@code epsOut} ({@code [mb, nIn, T]}): how {@link BatchSplitKernel} copies the
     * input gradients of its parts one after the other, since the parts' views of one array may span
     * overlapping memory.
     */
    void writeInputGradient(SequenceView epsOut, boolean accumulate);
}

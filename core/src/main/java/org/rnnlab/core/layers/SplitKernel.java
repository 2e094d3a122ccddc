package org.rnnlab.core.layers;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a recurrent layer's pass is spread over {@code --threads}: a training pass (forward kept for back-propagation,
 * then backward) of a layer wide enough ({@link UnitSplitKernel#splits()}) splits its units across the threads; every
 * other pass, inference included, splits the minibatch's examples ({@link BatchSplitKernel}, which runs the single kernel
 * when one thread or a small minibatch gives nothing to split). Inference stays split by examples because each part then
 * runs the LSTM's whole fused oneDNN pass ({@link OneDnnLstm}) on its own, with no barrier per step. The kernel that ran
 * a forward pass also answers its output, state and backward pass.
 */
final class SplitKernel implements RecurrentKernel {

    private final BatchSplitKernel byExamples;
    private final Supplier<UnitSplitKernel> newByUnits;
    private UnitSplitKernel byUnits;
    private RecurrentKernel last;

    /**
     * @param newKernel  the single kernel ({@link BatchSplitKernel} makes one per part)
     * @param newByUnits the unit-split kernel of the same cell, or null for a cell without one (GRU)
     */
    SplitKernel(Supplier<RecurrentKernel> newKernel, Supplier<UnitSplitKernel> newByUnits) {
        this.byExamples = new BatchSplitKernel(newKernel);
        this.newByUnits = newByUnits;
    }

    @Override
    public boolean forward(SequenceView input, SequenceView mask, INDArray[] initialState, CellWeights weights,
                           boolean forBackprop, INDArray outputRows) {
        RecurrentKernel k = byExamples;
        if (forBackprop && newByUnits != null && KernelThreads.threads() > 1) {
            if (byUnits == null) {
                byUnits = newByUnits.get();
            }
            if (byUnits.splits()) {
                k = byUnits;
            }
        }
        last = k;
        return k.forward(input, mask, initialState, weights, forBackprop, outputRows);
    }

    private RecurrentKernel last() {
        if (last == null) {
            throw new IllegalStateException("recurrent kernel: no forward pass yet");
        }
        return last;
    }

    @Override
    public void writeOutput(SequenceView target, boolean accumulate) {
        last().writeOutput(target, accumulate);
    }

    @Override
    public INDArray[] lastState() {
        return last().lastState();
    }

    @Override
    public long stepMultiplyAdds() {
        return byExamples.stepMultiplyAdds();
    }

    @Override
    public boolean backpropReady() {
        return last != null && last.backpropReady();
    }

    @Override
    public void backward(SequenceView epsilon, long firstStep, CellWeights weights, CellWeights gradients, SequenceView epsOut,
                         boolean accumulate) {
        last().backward(epsilon, firstStep, weights, gradients, epsOut, accumulate);
    }

    @Override
    public void writeInputGradient(SequenceView epsOut, boolean accumulate) {
        last().writeInputGradient(epsOut, accumulate);
    }
}

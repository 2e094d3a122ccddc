package org.rnnlab.core.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link RecurrentKernel} that splits the minibatch across threads ({@code --threads}): the recurrences of
 * different examples are independent, so examples {@code [0, mb/2)} and {@code [mb/2, mb)} (with two threads)
 * each go to a kernel of their own ({@link CellKernel} or {@link GruKernel}, one per part, each with its own
 * buffers and element-wise state), and each part runs a whole sweep (input projection, every step's recurrent
 * product and element-wise math, the weight-gradient products) on its own thread, with no synchronisation
 * between steps; only the parameters are shared, read-only. This divides everything a sweep does, the per-step
 * products that are too small for multi-threaded BLAS and the element-wise loops alike, where multi-threaded
 * BLAS inside one kernel can divide only the products (and gains nothing on the per-step ones).
 *
 * <p>Writing the outputs and the input gradient into the layer's arrays runs concurrently too where those arrays
 * are laid out time-major (as rnnlab's layers create them: a part's rows of a step are one block, and its write
 * touches nothing else, {@link SequenceView#writesStepBlocks()}); into other layouts (the halves of a bidirectional
 * layer's concatenated output, written row by row, where two threads were slower at hidden 64; arrays DL4J hands
 * over, whose views' writes copy their whole span back) the parts write one after the other on the calling thread. Also on the calling thread: the carried state ({@link #lastState}, the parts' states stacked) and the sum of the parts'
 * weight gradients (part 0 writes into the layer's gradient arrays, the others into their own, added to them).
 *
 * <p>Results: every example's forward pass is the same arithmetic as unsplit (its rows of the same products and
 * loops), so outputs agree with one thread up to whatever the BLAS kernels' choice by matrix size changes in
 * the last bits; weight gradients are sums over examples taken in a different order and agree to float rounding.
 * With one thread, or fewer than two parts' worth of examples ({@link KernelThreads#parts}), the single kernel runs
 * directly, exactly as without this class.
 */
final class BatchSplitKernel implements RecurrentKernel {

    private final Supplier<RecurrentKernel> newKernel;
    private final List<RecurrentKernel> kernels = new ArrayList<>();
    private final List<KernelBuffers> gradientBuffers = new ArrayList<>();
    /** Example ranges of the last forward pass: part p is {@code [bounds[p], bounds[p + 1])}. */
    private int[] bounds = {0, 0};

    BatchSplitKernel(Supplier<RecurrentKernel> newKernel) {
        this.newKernel = newKernel;
    }

    private int parts() {
        return bounds.length - 1;
    }

    private RecurrentKernel kernel(int part) {
        while (kernels.size() <= part) {
            kernels.add(newKernel.get());
            gradientBuffers.add(new KernelBuffers());
        }
        return kernels.get(part);
    }

    @Override
    public boolean forward(SequenceView input, SequenceView mask, INDArray[] initialState, CellWeights weights,
                           boolean forBackprop, INDArray outputRows) {
        int parts = KernelThreads.parts(input.mb, kernel(0).stepMultiplyAdds());
        bounds = KernelThreads.bounds(input.mb, parts);
        if (parts == 1) {
            RecurrentKernel k = kernel(0);
            boolean[] written = new boolean[1];
            KernelThreads.run(new Runnable[] {() -> written[0] = k.forward(input, mask, initialState, weights, forBackprop, outputRows)});
            return written[0];
        }
        // a part's rows of each step are not one contiguous block of outputRows: the parts keep their outputs
        Runnable[] tasks = new Runnable[parts];
        for (int p = 0; p < parts; p++) {
            int from = bounds[p];
            int to = bounds[p + 1];
            RecurrentKernel k = kernel(p);
            SequenceView in = input.examples(from, to);
            SequenceView m = mask == null ? null : mask.examples(from, to);
            INDArray[] state = rows(initialState, from, to);
            tasks[p] = () -> k.forward(in, m, state, weights, forBackprop, null);
        }
        KernelThreads.run(tasks);
        return false;
    }

    /** Rows {@code [from, to)} of each {@code [mb, H]} state array (views), or null. */
    private static INDArray[] rows(INDArray[] state, int from, int to) {
        if (state == null) {
            return null;
        }
        INDArray[] part = new INDArray[state.length];
        for (int i = 0; i < state.length; i++) {
            part[i] = state[i] == null ? null : state[i].get(interval(from, to), interval(0, state[i].size(1)));
        }
        return part;
    }

    @Override
    public void writeOutput(SequenceView target, boolean accumulate) {
        Runnable[] writes = new Runnable[parts()];
        for (int p = 0; p < parts(); p++) {
            RecurrentKernel k = kernel(p);
            SequenceView part = target.examples(bounds[p], bounds[p + 1]);
            writes[p] = () -> k.writeOutput(part, accumulate);
        }
        runWrites(target, writes);
    }

    /**
     * Fewest values written for the parts' writes to run concurrently: 2^18 (1 MiB of floats). A smaller write takes
     * less time than handing a task to another thread (0.2-0.35 ms): the last steps' outputs a classifier keeps
     * ({@link SequenceView#lastStepOutputs}, {@code mb·H} values), written concurrently, cost the vanilla RNN at hidden
     * 128 and two threads 0.2 ms per forward pass (about 5% of its split forward sweep); a layer's input gradient at 9
     * features and 128 steps (74k values for 64 examples) likewise.
     */
    static final long CONCURRENT_WRITE_VALUES = 1L << 18;

    /** Whether {@code parts} parts' writes into {@code target} run concurrently ({@link #runWrites}). */
    static boolean writesConcurrently(SequenceView target, int parts) {
        return parts > 1 && target.writesStepBlocks() && target.writtenValues() >= CONCURRENT_WRITE_VALUES;
    }

    /**
     * Runs the parts' writes into {@code target}: concurrently where each part's write touches only its own
     * examples' elements ({@link SequenceView#writesStepBlocks()}: the time-major arrays rnnlab's layers create for
     * their outputs and input gradients) and there is enough to write ({@link #CONCURRENT_WRITE_VALUES}), else one
     * after the other on the calling thread.
     */
    private static void runWrites(SequenceView target, Runnable[] writes) {
        if (writesConcurrently(target, writes.length)) {
            KernelThreads.run(writes);
            return;
        }
        for (Runnable w : writes) {
            w.run();
        }
    }

    @Override
    @SuppressWarnings("try")
    public INDArray[] lastState() {
        if (parts() == 1) {
            return kernel(0).lastState();
        }
        INDArray[][] states = new INDArray[parts()][];
        for (int p = 0; p < parts(); p++) {
            states[p] = kernel(p).lastState();
        }
        INDArray[] joined = new INDArray[states[0].length];
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int i = 0; i < joined.length; i++) {
                INDArray[] pieces = new INDArray[parts()];
                for (int p = 0; p < parts(); p++) {
                    pieces[p] = states[p][i];
                }
                joined[i] = Nd4j.concat(0, pieces);
            }
        }
        return joined;
    }

    @Override
    public long stepMultiplyAdds() {
        return kernel(0).stepMultiplyAdds();
    }

    @Override
    public boolean backpropReady() {
        for (int p = 0; p < parts(); p++) {
            if (!kernel(p).backpropReady()) {
                return false;
            }
        }
        return parts() > 0;
    }

    @Override
    public void backward(SequenceView epsilon, long firstStep, CellWeights weights, CellWeights gradients, SequenceView epsOut,
                         boolean accumulate) {
        int parts = parts();
        if (parts == 1) {
            RecurrentKernel k = kernel(0);
            KernelThreads.run(new Runnable[] {() -> k.backward(epsilon, firstStep, weights, gradients, epsOut, accumulate)});
            return;
        }
        CellWeights[] partGradients = new CellWeights[parts];
        Runnable[] tasks = new Runnable[parts];
        for (int p = 0; p < parts; p++) {
            RecurrentKernel k = kernel(p);
            SequenceView eps = epsilon.examples(bounds[p], bounds[p + 1]);
            CellWeights g = p == 0 ? gradients : privateGradients(gradientBuffers.get(p), gradients);
            partGradients[p] = g;
            tasks[p] = () -> k.backward(eps, firstStep, weights, g, null, false);
        }
        KernelThreads.run(tasks);
        writeInputGradient(epsOut, accumulate);
        for (int p = 1; p < parts; p++) {
            CellWeights g = partGradients[p];
            gradients.input().addi(g.input());
            gradients.recurrent().addi(g.recurrent());
            gradients.bias().addi(g.bias());
            if (gradients.recurrentBias() != null) {
                gradients.recurrentBias().addi(g.recurrentBias());
            }
        }
    }

    @Override
    public void writeInputGradient(SequenceView epsOut, boolean accumulate) {
        Runnable[] writes = new Runnable[parts()];
        for (int p = 0; p < parts(); p++) {
            RecurrentKernel k = kernel(p);
            SequenceView part = epsOut.examples(bounds[p], bounds[p + 1]);
            writes[p] = () -> k.writeInputGradient(part, accumulate);
        }
        runWrites(epsOut, writes);
    }

    /**
     * Arrays of the gradients' shapes and orders (DL4J's gradient views are 'f'-order), in a part's own buffers: the
     * sum into the layer's arrays is then a linear loop (into a 'c'-order buffer it was a strided one, about 2% of a
     * two-thread training step at hidden 128).
     */
    private static CellWeights privateGradients(KernelBuffers buffers, CellWeights like) {
        return new CellWeights(
                like(buffers, "dW", like.input()),
                like(buffers, "dRW", like.recurrent()),
                like(buffers, "db", like.bias()),
                like.recurrentBias() == null ? null : like(buffers, "dbh", like.recurrentBias()));
    }

    private static INDArray like(KernelBuffers buffers, String name, INDArray array) {
        char order = array.ordering() == 'f' && !array.isVector() ? 'f' : 'c';
        return buffers.get(name, array.dataType(), order, array.shape());
    }
}

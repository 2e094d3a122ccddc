package org.rnnlab.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.ConvexOptimizer;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.deeplearning4j.optimize.solvers.StochasticGradientDescent;
import org.deeplearning4j.optimize.stepfunctions.NegativeGradientStepFunction;
import org.slf4j.LoggerFactory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;

/**
 * DL4J's {@link MultiLayerUpdater} (the same updater blocks, state, gradient normalization and regularization), made to
 * take its standard path for the network's own gradients.
 *
 * <p>DL4J 1.0.0-M2.1's updater tells a gradient computed by the network from one computed elsewhere (its "external"
 * case) by object identity: {@code gradient.gradient() != network.getFlattenedGradients()}. But {@link
 * DefaultGradient#gradient()} returns a new reshaped view of the flattened gradient on every call, so every update of
 * a {@link MultiLayerNetwork} takes the external path: it slices the network's gradient and parameter arrays again for
 * every parameter of every layer, twice a minibatch, to apply a list of regularizations that is usually empty, and
 * recomputes which parts of the gradient to divide by the minibatch size. async-profiler put that at 4-5% of a default
 * LSTM minibatch (docs/PERFORMANCE.md, <i>The updater's standard path</i>). The standard path reads the same memory
 * through views the updater made once, so the results are the same to the bit ({@code ViewGradientUpdaterTest}).
 *
 * <p>This updater hands DL4J's code the network's gradient view itself when the gradient it is given lies in that
 * view's memory (the case of {@code fit}); any other gradient, or a network whose gradient array was replaced since
 * this updater was made, takes DL4J's external path unchanged. The updater's state is DL4J's ({@link
 * #getStateViewArray()}), so checkpoints hold the same bytes as before. The element-wise work of a step runs as Java
 * loops over float vectors with ND4J's own float arithmetic (the same bits, without ND4J's fixed cost per operation):
 * the division by the minibatch size, Adam ({@link FloatAdam}) and {@code params -= update} ({@link FloatStep}).
 */
public final class ViewGradientUpdater extends MultiLayerUpdater {

    /** Updates that took the standard path in this process (tests check that training takes it). */
    private static final AtomicLong STANDARD_UPDATES = new AtomicLong();

    private final INDArray gradientsView;
    private float[] divided = new float[0];

    /**
     * Replaces the network's updater with this one, keeping its state (the same array, not a copy). The network must
     * be initialised. Only where rnnlab's CPU kernels run ({@link Nd4jRuntime#kernelsEnabled()}: the CPU backend, kernels
     * not switched off): elsewhere DL4J's updater stays.
     *
     * @return the installed updater, or null where DL4J's stays
     */
    public static ViewGradientUpdater install(MultiLayerNetwork net) {
        if (!Nd4jRuntime.kernelsEnabled()) { // another backend (its arrays' host memory is not theirs to read), or kernels off
            return null;
        }
        INDArray state = net.getUpdater().getStateViewArray();
        ViewGradientUpdater updater = new ViewGradientUpdater(net, state);
        net.setUpdater(updater);
        installFloatStep(net.getOptimizer());
        return updater;
    }

    /**
     * Gives the network's stochastic gradient descent {@link FloatStep} in place of DL4J's {@code params -= update}
     * ({@code NegativeGradientStepFunction}). DL4J builds the step function from a closed list in the configuration,
     * so the optimizer's field is set by reflection; where that fails (another DL4J version), DL4J's stays.
     */
    static void installFloatStep(ConvexOptimizer optimizer) {
        if (!(optimizer instanceof StochasticGradientDescent sgd) || !(sgd.getStepFunction() instanceof NegativeGradientStepFunction)) {
            return;
        }
        try {
            java.lang.reflect.Field field = BaseOptimizer.class.getDeclaredField("stepFunction");
            field.setAccessible(true);
            field.set(sgd, new FloatStep());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(ViewGradientUpdater.class).debug("DL4J's step function kept: {}", e.toString());
        }
    }

    /**
     * DL4J's division of the gradient by the minibatch size (the parts it divides), as a Java loop where a part is a
     * float vector: the same float division, without an ND4J operation per part.
     */
    @Override
    protected void divideByMinibatch(boolean isExternal, Gradient gradient, int batchSize) {
        if (isExternal) {
            super.divideByMinibatch(true, gradient, batchSize);
            return;
        }
        if (!initializedMinibatchDivision) {
            gradientsForMinibatchDivision = getMinibatchDivisionSubsets(getFlattenedGradientsView());
            initializedMinibatchDivision = true;
        }
        float divisor = batchSize;
        for (INDArray part : gradientsForMinibatchDivision) {
            if (!FloatVectors.applies(part)) {
                part.divi(batchSize);
                continue;
            }
            long n = part.length();
            if (divided.length < Math.min(FloatVectors.CHUNK, n)) {
                divided = new float[(int) Math.min(FloatVectors.CHUNK, n)];
            }
            org.bytedeco.javacpp.FloatPointer p = FloatVectors.pointer(part);
            for (long from = 0; from < n; from += FloatVectors.CHUNK) {
                int len = (int) Math.min(FloatVectors.CHUNK, n - from);
                FloatVectors.read(p, from, divided, len);
                for (int i = 0; i < len; i++) {
                    divided[i] /= divisor;
                }
                FloatVectors.write(divided, p, from, len);
            }
        }
    }

    private ViewGradientUpdater(MultiLayerNetwork net, INDArray state) {
        super(net, state);
        this.gradientsView = getFlattenedGradientsView();
        for (UpdaterBlock block : updaterBlocks) {
            if (FloatAdam.applies(block.getGradientUpdater())) {
                block.setGradientUpdater(new FloatAdam((AdamUpdater) block.getGradientUpdater()));
            }
        }
    }

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize, LayerWorkspaceMgr workspaceMgr) {
        if (gradient instanceof DefaultGradient && network.getFlattenedGradients() == gradientsView) {
            INDArray g = gradient.gradient();
            if (g != null && sameMemory(g, gradientsView)) {
                STANDARD_UPDATES.incrementAndGet();
                super.update(new OwnView(gradient, gradientsView), iteration, epoch, batchSize, workspaceMgr);
                return;
            }
        }
        super.update(gradient, iteration, epoch, batchSize, workspaceMgr);
    }

    /** Updates that took the standard path in this process. */
    public static long standardUpdates() {
        return STANDARD_UPDATES.get();
    }

    private static boolean sameMemory(INDArray a, INDArray b) {
        return a.length() == b.length() && a.dataType() == b.dataType() && a.offset() == b.offset() && a.elementWiseStride() == 1
                && b.elementWiseStride() == 1 && a.data().addressPointer().address() == b.data().addressPointer().address();
    }

    @Override
    public MultiLayerUpdater clone() {
        return new ViewGradientUpdater(network, null);
    }

    /** A gradient whose flattened array is the network's gradient view itself; everything else is the original's. */
    private static final class OwnView implements Gradient {
        private static final long serialVersionUID = 1L;
        private final transient Gradient original;
        private final transient INDArray view;

        OwnView(Gradient original, INDArray view) {
            this.original = original;
            this.view = view;
        }

        @Override
        public Map<String, INDArray> gradientForVariable() {
            return original.gradientForVariable();
        }

        @Override
        public INDArray gradient(List<String> order) {
            return original.gradient(order);
        }

        @Override
        public INDArray gradient() {
            return view;
        }

        @Override
        public void clear() {
            original.clear();
        }

        @Override
        public INDArray getGradientFor(String variable) {
            return original.getGradientFor(variable);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient) {
            return original.setGradientFor(variable, gradient);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient, Character flatteningOrder) {
            return original.setGradientFor(variable, gradient, flatteningOrder);
        }

        @Override
        public Character flatteningOrderForVariable(String variable) {
            return original.flatteningOrderForVariable(variable);
        }
    }
}

package org.rnnlab.core.layers;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The computation of an {@link Rnn} layer: DL4J's {@code SimpleRnn} layer with its forward and backward
 * passes on {@link CellKernel} with {@link RnnMath} (one product for the input projection of all steps, one per step, the
 * weight gradients as single products after the sweep), so that it also runs either direction of a
 * {@link KernelBidirectional} layer. Same state key ({@value SimpleRnn#STATE_KEY_PREV_ACTIVATION}) for
 * {@code rnnTimeStep} and truncated BPTT; in truncated BPTT the backward pass starts from the state the
 * segment started with (DL4J's {@code SimpleRnn} recomputes the segment from zero). The glue between DL4J and
 * the kernel is {@link RecurrentDriver}'s. Where the kernel cannot run ({@link KernelSupport}: a backend other
 * than ND4J's CPU one, a network in HALF or BFLOAT16, kernels switched off), every call goes to DL4J's
 * implementation.
 */
public class RnnLayer extends SimpleRnn implements KernelDirection {

    private static final CellWeights.Keys KEYS = new CellWeights.Keys(SimpleRnnParamInitializer.WEIGHT_KEY,
            SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, SimpleRnnParamInitializer.BIAS_KEY, null);

    private final transient RecurrentDriver driver;

    public RnnLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        driver = new RecurrentDriver(host(), dataType, KEYS, List.of(STATE_KEY_PREV_ACTIVATION),
                () -> new CellKernel(layerConf().getNIn(), layerConf().getNOut(), 1, RnnMath::of));
    }

    /** Whether the kernel computes this layer here ({@link KernelSupport}); DL4J's {@code SimpleRnn} code otherwise. */
    @Override
    public boolean kernelAvailable() {
        return KernelSupport.decide(layerConf(), dataType).kernel();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return kernelAvailable() ? driver.activate(training, workspaceMgr) : super.activate(training, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        if (!kernelAvailable()) {
            return super.rnnTimeStep(input, workspaceMgr);
        }
        setInput(input, workspaceMgr);
        return driver.rnnTimeStep(stateMap, workspaceMgr);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        if (!kernelAvailable()) {
            return super.rnnActivateUsingStoredState(input, training, storeLastForTBPTT, workspaceMgr);
        }
        setInput(input, workspaceMgr);
        return driver.activateUsingStoredState(tBpttStateMap, training, storeLastForTBPTT, workspaceMgr);
    }

    @Override
    public void rnnClearPreviousState() {
        super.rnnClearPreviousState();
        driver.clearState();
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return kernelAvailable() ? driver.backprop(epsilon, workspaceMgr) : super.backpropGradient(epsilon, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr workspaceMgr) {
        return kernelAvailable() ? driver.tbpttBackprop(epsilon, tbpttBackLength, workspaceMgr)
                : super.tbpttBackpropGradient(epsilon, tbpttBackLength, workspaceMgr);
    }

    @Override
    public RecurrentDriver driver() {
        return driver;
    }

    /** This layer and its protected DL4J machinery, for the driver. */
    private KernelHost host() {
        return new KernelHost(this, this::applyDropOutIfNecessary, this::getParamWithNoise, () -> gradientViews,
                () -> gradientsFlattened, () -> weightNoiseParams, this::backpropDropOutIfPresent);
    }
}

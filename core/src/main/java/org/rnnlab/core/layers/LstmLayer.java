package org.rnnlab.core.layers;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The computation of an {@link Lstm} layer, as a DL4J recurrent layer with explicit back-propagation
 * through time: {@link CellKernel} with {@link LstmMath}, run by {@link RecurrentDriver}, so that it works
 * inside {@code LastTimeStep} and {@code Bidirectional}, with masks, {@code rnnTimeStep}, truncated BPTT,
 * input dropout, weight noise, workspaces and model serialization.
 *
 * <p>Input {@code [mb, nIn, T]} (NCW) or {@code [mb, T, nIn]} (NWC, per the configuration), output
 * {@code [mb, H, T]} / {@code [mb, T, H]}. A forward pass in training keeps its intermediates for the
 * backward pass that follows (as DL4J's {@code LSTM} does); a backward pass without one recomputes it.
 *
 * <p>State: {@code rnnTimeStep} and truncated BPTT carry the last output and cell under DL4J's
 * {@code LSTM} keys {@value #STATE_KEY_PREV_ACTIVATION} and {@value #STATE_KEY_PREV_MEMCELL}; in
 * truncated BPTT gradients do not flow into earlier segments.
 *
 * <p>Built only where the kernel runs ({@link KernelSupport}); elsewhere {@link Lstm#instantiate} builds
 * DL4J's {@code LSTM} layer with the same settings and parameters instead.
 */
public class LstmLayer extends BaseRecurrentLayer<Lstm> implements KernelDirection {

    /** State key of the last output (DL4J's {@code LSTM} uses the same). */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";
    /** State key of the last cell (DL4J's {@code LSTM} uses the same). */
    public static final String STATE_KEY_PREV_MEMCELL = "prevMem";

    private static final CellWeights.Keys KEYS = new CellWeights.Keys(LstmParamInitializer.INPUT_WEIGHT_KEY,
            LstmParamInitializer.RECURRENT_WEIGHT_KEY, LstmParamInitializer.BIAS_KEY, null);

    private final transient RecurrentDriver driver;

    public LstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        if (!KernelSupport.decide(conf.getLayer(), dataType).kernel()) {
            throw new IllegalStateException("rnnlab's LstmLayer runs its CPU kernel only; here "
                    + KernelSupport.decide(conf.getLayer(), dataType).reason() + " (Lstm.instantiate builds DL4J's LSTM then)");
        }
        driver = new RecurrentDriver(host(), dataType, KEYS, List.of(STATE_KEY_PREV_ACTIVATION, STATE_KEY_PREV_MEMCELL),
                () -> new CellKernel(layerConf().getNIn(), layerConf().getNOut(), 4, LstmMath::of));
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean kernelAvailable() {
        return true;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return driver.activate(training, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return driver.rnnTimeStep(stateMap, workspaceMgr);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
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
        return driver.backprop(epsilon, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr workspaceMgr) {
        return driver.tbpttBackprop(epsilon, tbpttBackLength, workspaceMgr);
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

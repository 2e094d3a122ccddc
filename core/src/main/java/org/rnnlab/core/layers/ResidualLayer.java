package org.rnnlab.core.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The computation of a {@link Residual} layer: {@code y = (S x + f(x)) ⊙ m}, with {@code f} the wrapped
 * layer (instantiated by its own configuration, so rnnlab's kernels run underneath), {@code S} the
 * identity or the projection {@code P^T} applied at every step, and {@code m} the feature mask
 * (broadcast over the features; none: all ones).
 *
 * <p>Back-propagation, with {@code e = dL/dy ⊙ m}: the wrapped layer receives {@code e} and returns
 * its input gradient and its parameter gradients (under its own keys); the layer's input gradient is
 * that plus {@code e} (identity) or {@code P e_t} at every step (projection), and
 * {@code dL/dP = sum_t x_t e_t^T}.
 *
 * <p>State ({@code rnnTimeStep}, truncated BPTT) is the wrapped layer's: {@code y_t = S x_t +
 * f.rnnTimeStep(x_t)}, and the state calls go to it. The skip path has no state.
 *
 * <p>{@link #conf()} is the wrapped layer's (as for DL4J's wrappers, so that {@code LastTimeStep} reads
 * the sequence format from it); {@link #getConfig()} is the {@link Residual} configuration, which gives
 * the updater and regularisation of the projection too.
 */
public class ResidualLayer extends BaseWrapperLayer implements RecurrentLayer {

    private final NeuralNetConfiguration residualConf;
    private final Residual residual;
    private final RNNFormat format;
    private INDArray paramsView;
    private INDArray gradientsView;
    /** Projection [nIn, nOut] and its gradient: views of the two arrays above; null without a projection. */
    private INDArray projection;
    private INDArray projectionGradient;
    private INDArray input;
    private INDArray mask;
    private Gradient gradient;

    /**
     * @param conf       the network's configuration of this layer (its layer a {@link Residual})
     * @param underlying the wrapped layer, instantiated over the first part of this layer's parameters
     * @param dataType   the network's data type
     */
    public ResidualLayer(NeuralNetConfiguration conf, Layer underlying, DataType dataType) {
        super(underlying);
        this.residualConf = conf;
        this.residual = (Residual) conf.getLayer();
        this.format = TimeSeriesUtils.getFormatFromRnnLayer(residual.getUnderlying());
        // the skip path reads the input after the wrapped layer: it must not overwrite it (input dropout)
        underlying.allowInputModification(false);
    }

    /** Whether the skip path has a learned projection. */
    public boolean projected() {
        return residual.projected();
    }

    // ---- configuration -------------------------------------------------------------------------------

    @Override
    public TrainingConfig getConfig() {
        return residual;
    }

    /** The network's configuration of this layer (its layer the {@link Residual}); {@link #conf()} is the wrapped one's. */
    public NeuralNetConfiguration residualConf() {
        return residualConf;
    }

    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return Residual.PROJECTION_KEY.equals(paramName) || underlying.updaterDivideByMinibatch(paramName);
    }

    // ---- parameters ----------------------------------------------------------------------------------

    private long wrappedParams() {
        return ResidualParamInitializer.wrappedParams(residual);
    }

    @Override
    public long numParams() {
        return wrappedParams() + residual.projectionParams();
    }

    @Override
    public long numParams(boolean backwards) {
        return numParams();
    }

    @Override
    public INDArray params() {
        return paramsView;
    }

    @Override
    public void setParams(INDArray params) {
        if (params == paramsView) {
            return;
        }
        if (params.length() != numParams()) {
            throw new IllegalArgumentException("Residual layer: expected " + numParams() + " parameters, got " + params.length());
        }
        paramsView.assign(params.reshape(paramsView.shape()));
    }

    @Override
    public void setParamsViewArray(INDArray params) {
        if (params.length() != numParams()) {
            throw new IllegalArgumentException("Residual layer: parameter view of " + params.length() + " values, expected " + numParams());
        }
        bindParams(params, true);
    }

    /** Takes {@code params} as this layer's parameter view; the wrapped layer's part goes to it if {@code wrapped}. */
    void bindParams(INDArray params, boolean wrapped) {
        INDArray row = params.reshape(params.length());
        paramsView = row;
        if (wrapped) {
            underlying.setParamsViewArray(row.get(interval(0, wrappedParams())));
        }
        projection = projected() ? ResidualParamInitializer.projectionView(residual, row) : null;
    }

    @Override
    public INDArray getGradientsViewArray() {
        return gradientsView;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray gradients) {
        if (gradients.length() != numParams()) {
            throw new IllegalArgumentException("Residual layer: gradient view of " + gradients.length() + " values, expected " + numParams());
        }
        INDArray row = gradients.reshape(gradients.length());
        gradientsView = row;
        underlying.setBackpropGradientsViewArray(row.get(interval(0, wrappedParams())));
        projectionGradient = projected() ? ResidualParamInitializer.projectionView(residual, row) : null;
    }

    @Override
    public INDArray getParam(String param) {
        return Residual.PROJECTION_KEY.equals(param) ? projection : underlying.getParam(param);
    }

    @Override
    public Map<String, INDArray> paramTable() {
        return paramTable(false);
    }

    @Override
    public Map<String, INDArray> paramTable(boolean backpropParamsOnly) {
        Map<String, INDArray> out = new LinkedHashMap<>(underlying.paramTable(backpropParamsOnly));
        if (projected()) {
            out.put(Residual.PROJECTION_KEY, projection);
        }
        return out;
    }

    @Override
    public void setParamTable(Map<String, INDArray> paramTable) {
        Map<String, INDArray> wrapped = new LinkedHashMap<>(paramTable);
        INDArray p = wrapped.remove(Residual.PROJECTION_KEY);
        underlying.setParamTable(wrapped);
        if (p != null) {
            setParam(Residual.PROJECTION_KEY, p);
        }
    }

    @Override
    public void setParam(String key, INDArray val) {
        if (!Residual.PROJECTION_KEY.equals(key)) {
            underlying.setParam(key, val);
            return;
        }
        if (projection == null) {
            throw new IllegalArgumentException("this Residual layer has no projection (its input and output widths are equal)");
        }
        if (!Arrays.equals(projection.shape(), val.shape())) {
            throw new IllegalArgumentException("Residual projection has shape " + Arrays.toString(projection.shape())
                    + ", got " + Arrays.toString(val.shape()));
        }
        projection.assign(val);
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        double score = underlying.calcRegularizationScore(backpropParamsOnly);
        if (projection != null) {
            List<Regularization> regs = residual.getRegularizationByParam(Residual.PROJECTION_KEY);
            if (regs != null) {
                for (Regularization r : regs) {
                    score += r.score(projection, getIterationCount(), getEpochCount());
                }
            }
        }
        return score;
    }

    @Override
    public Gradient gradient() {
        return gradient;
    }

    // ---- input and mask ------------------------------------------------------------------------------

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        this.input = input;
        underlying.setInput(input, workspaceMgr);
    }

    @Override
    public INDArray input() {
        return input;
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        this.mask = maskArray;
        underlying.setMaskArray(maskArray);
    }

    @Override
    public INDArray getMaskArray() {
        return mask;
    }

    /** The mask goes to the wrapped layer and comes back unchanged: the sequence keeps its length. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        this.mask = maskArray;
        return underlying.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
    }

    @Override
    public void allowInputModification(boolean allow) {
        underlying.allowInputModification(false);
    }

    @Override
    public void clear() {
        underlying.clear();
        input = null;
        mask = null;
    }

    // ---- forward -------------------------------------------------------------------------------------

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        requireInput();
        return combine(underlying.activate(training, workspaceMgr), input, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return combine(recurrent("rnnTimeStep").rnnTimeStep(input, workspaceMgr), input, workspaceMgr);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return combine(recurrent("truncated BPTT").rnnActivateUsingStoredState(input, training, storeLastForTBPTT, workspaceMgr),
                input, workspaceMgr);
    }

    /** {@code (S x + fx) ⊙ m} in the format of the wrapped layer's output, as a new activations array. */
    private INDArray combine(INDArray fx, INDArray x, LayerWorkspaceMgr workspaceMgr) {
        INDArray fNcw = ncw(fx);
        INDArray xNcw = ncw(x);
        if (fNcw.rank() != 3 || xNcw.rank() != 3 || fNcw.size(0) != xNcw.size(0) || fNcw.size(2) != xNcw.size(2)
                || xNcw.size(1) != residual.getNIn() || fNcw.size(1) != residual.getNOut()) {
            throw new IllegalStateException("Residual layer (index " + getIndex() + "): input " + Arrays.toString(x.shape())
                    + " and wrapped output " + Arrays.toString(fx.shape()) + " do not fit nIn=" + residual.getNIn()
                    + ", nOut=" + residual.getNOut() + " (" + format + ")");
        }
        INDArray out = workspaceMgr.dup(ArrayType.ACTIVATIONS, fNcw);
        if (projected()) {
            out.addi(project(xNcw, projection, false));
        } else {
            out.addi(xNcw.castTo(out.dataType()));
        }
        applyMask(out);
        return format == RNNFormat.NWC ? out.permute(0, 2, 1) : out;
    }

    // ---- backward ------------------------------------------------------------------------------------

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        requireInput();
        INDArray e = maskedEpsilon(epsilon);
        return combineGradients(underlying.backpropGradient(fromNcw(e), workspaceMgr), e, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr workspaceMgr) {
        requireInput();
        INDArray e = maskedEpsilon(epsilon);
        return combineGradients(recurrent("truncated BPTT").tbpttBackpropGradient(fromNcw(e), tbpttBackLength, workspaceMgr),
                e, workspaceMgr);
    }

    /** {@code dL/dy ⊙ m}, NCW, a copy. */
    private INDArray maskedEpsilon(INDArray epsilon) {
        INDArray e = ncw(epsilon).dup();
        applyMask(e);
        return e;
    }

    /** The wrapped layer's gradients plus the skip path's: input gradient, and dL/dP. */
    private Pair<Gradient, INDArray> combineGradients(Pair<Gradient, INDArray> inner, INDArray e, LayerWorkspaceMgr workspaceMgr) {
        INDArray xNcw = ncw(input);
        INDArray dx = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, ncw(inner.getSecond()));
        Gradient g = new DefaultGradient(gradientsView);
        for (Map.Entry<String, INDArray> entry : inner.getFirst().gradientForVariable().entrySet()) {
            g.setGradientFor(entry.getKey(), entry.getValue(), inner.getFirst().flatteningOrderForVariable(entry.getKey()));
        }
        if (projected()) {
            dx.addi(project(e, projection, true));
            long mb = xNcw.size(0);
            long steps = xNcw.size(2);
            INDArray x2d = toRows(xNcw.castTo(e.dataType()), mb, steps);
            INDArray e2d = toRows(e, mb, steps);
            projectionGradient.assign(x2d.transpose().mmul(e2d));
            g.setGradientFor(Residual.PROJECTION_KEY, projectionGradient, 'f');
        } else {
            dx.addi(e);
        }
        this.gradient = g;
        return new Pair<>(g, format == RNNFormat.NWC ? dx.permute(0, 2, 1) : dx);
    }

    // ---- state (the wrapped layer's) -----------------------------------------------------------------

    private RecurrentLayer recurrent(String what) {
        if (underlying instanceof RecurrentLayer r) {
            return r;
        }
        throw new UnsupportedOperationException("Residual: " + what + " needs a recurrent wrapped layer, got "
                + underlying.getClass().getSimpleName());
    }

    @Override
    public Map<String, INDArray> rnnGetPreviousState() {
        return recurrent("rnnGetPreviousState").rnnGetPreviousState();
    }

    @Override
    public void rnnSetPreviousState(Map<String, INDArray> stateMap) {
        recurrent("rnnSetPreviousState").rnnSetPreviousState(stateMap);
    }

    @Override
    public void rnnClearPreviousState() {
        if (underlying instanceof RecurrentLayer r) {
            r.rnnClearPreviousState();
        }
    }

    @Override
    public Map<String, INDArray> rnnGetTBPTTState() {
        return recurrent("truncated BPTT").rnnGetTBPTTState();
    }

    @Override
    public void rnnSetTBPTTState(Map<String, INDArray> state) {
        recurrent("truncated BPTT").rnnSetTBPTTState(state);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private void requireInput() {
        if (input == null) {
            throw new IllegalStateException("Residual layer (index " + getIndex() + "): no input set");
        }
    }

    /** Multiplies {@code a} [mb, n, T] in place by the mask [mb, T], if there is one. */
    private void applyMask(INDArray a) {
        if (mask == null) {
            return;
        }
        long mb = a.size(0);
        long steps = a.size(2);
        INDArray m = mask;
        if (m.rank() != 2 || m.size(0) != mb || m.size(1) != steps) {
            if (m.length() != mb * steps) {
                throw new IllegalStateException("Residual layer (index " + getIndex() + "): mask " + Arrays.toString(m.shape())
                        + " does not fit a sequence of " + mb + " x " + steps + " steps");
            }
            m = m.reshape(mb, steps);
        }
        Broadcast.mul(a, m.castTo(a.dataType()), a, 0, 2);
    }

    /**
     * The projection at every step of an NCW sequence: {@code P^T a_t} ([mb, nIn, T] -> [mb, nOut, T]), or
     * with {@code transposed}, {@code P a_t} ([mb, nOut, T] -> [mb, nIn, T]).
     */
    private static INDArray project(INDArray a, INDArray p, boolean transposed) {
        long mb = a.size(0);
        long steps = a.size(2);
        INDArray rows = toRows(a.castTo(p.dataType()), mb, steps);
        INDArray out = transposed ? rows.mmul(p.transpose()) : rows.mmul(p);
        return out.reshape('c', mb, steps, out.size(1)).permute(0, 2, 1);
    }

    /** [mb, n, T] -> [mb * T, n], row b * T + t holding a_{b,:,t}. */
    private static INDArray toRows(INDArray a, long mb, long steps) {
        return a.permute(0, 2, 1).dup('c').reshape('c', mb * steps, a.size(1));
    }

    private INDArray ncw(INDArray a) {
        return format == RNNFormat.NWC && a.rank() == 3 ? a.permute(0, 2, 1) : a;
    }

    private INDArray fromNcw(INDArray a) {
        return format == RNNFormat.NWC ? a.permute(0, 2, 1) : a;
    }
}

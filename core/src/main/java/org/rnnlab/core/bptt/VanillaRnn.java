package org.rnnlab.core.bptt;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A vanilla (Elman 1990) recurrent network with a softmax read-out, whose forward pass and
 * backpropagation through time (Werbos 1990) are written by hand on ND4J DOUBLE arrays, so that every
 * factor of the gradient can be looked at.
 *
 * <h2>Forward pass</h2>
 * For t = 0 .. T-1, with h_{-1} = 0:
 * <pre>
 *   u_t = W_h h_{t-1} + W_x x_t + b          (pre-activation, H)
 *   h_t = f(u_t)                              (f = tanh, relu or identity)
 *   z_t = W_y h_t + b_y,  p_t = softmax(z_t)  (C classes)
 * </pre>
 * Loss of one sequence: l = sum over the scored steps S of -log p_t[label_t], where S = {T-1} for
 * {@link LossMode#LAST_STEP} and S = {0..T-1} for {@link LossMode#EVERY_STEP}. The loss of a minibatch
 * of B sequences is the MEAN over the batch, L = (1/B) sum_b l_b; every gradient here is of that mean
 * (as DL4J's score and parameter gradients are).
 *
 * <h2>Backward pass (BPTT)</h2>
 * With delta_t = dL/du_t and the convention delta_T = 0:
 * <pre>
 *   dL/dz_t  = (p_t - onehot(label_t)) / B        for t in S, else 0
 *   dL/dh_t  = W_y^T dL/dz_t + W_h^T delta_{t+1}  (the recursion: the only path from h_t to later losses is u_{t+1})
 *   delta_t  = dL/dh_t * f'(u_t)                   (element-wise)
 *   dL/dx_t  = W_x^T delta_t
 *   dL/dW_h  = sum_t delta_t h_{t-1}^T,  dL/dW_x = sum_t delta_t x_t^T,  dL/db = sum_t delta_t
 *   dL/dW_y  = sum_t dL/dz_t h_t^T,      dL/db_y = sum_t dL/dz_t
 * </pre>
 * Unrolling the recursion for a loss at the last step gives dL/dh_k = (dh_{T-1}/dh_k)^T dL/dh_{T-1} with
 * the Jacobian product dh_{T-1}/dh_k = prod_{j=k+1}^{T-1} diag(f'(u_j)) W_h, whose norm is at most
 * (max|f'| sigma_max(W_h))^(T-1-k): it vanishes geometrically when that base is below 1 (Bengio, Simard
 * and Frasconi 1994; Pascanu, Mikolov and Bengio 2013). {@link GradientAnalysis} measures each factor.
 *
 * <p>Array layout follows DL4J: inputs [B, D, T], per-step labels [B, C, T], per-sequence labels [B, C],
 * states [B, H, T]. Immutable and thread-safe.
 *
 * <h2>References</h2>
 * <ul>
 *   <li>J. L. Elman, "Finding structure in time", Cognitive Science 14(2), 1990.</li>
 *   <li>P. J. Werbos, "Backpropagation through time: what it does and how to do it", Proc. IEEE 78(10), 1990.</li>
 *   <li>Y. Bengio, P. Simard, P. Frasconi, "Learning long-term dependencies with gradient descent is
 *       difficult", IEEE Trans. Neural Networks 5(2), 1994.</li>
 *   <li>R. Pascanu, T. Mikolov, Y. Bengio, "On the difficulty of training recurrent neural networks",
 *       ICML 2013.</li>
 * </ul>
 */
public final class VanillaRnn {

    private final RnnParameters params;
    private final RnnActivation activation;
    private final LossMode lossMode;
    private final INDArray wh;
    private final INDArray whT;
    private final INDArray wx;
    private final INDArray wxT;
    private final INDArray b;
    private final INDArray wy;
    private final INDArray wyT;
    private final INDArray by;

    /**
     * @param params     the weights (copied)
     * @param activation the hidden non-linearity f
     * @param lossMode   where the loss is taken
     */
    public VanillaRnn(RnnParameters params, RnnActivation activation, LossMode lossMode) {
        if (params == null || activation == null || lossMode == null) {
            throw new IllegalArgumentException("VanillaRnn needs params, activation and lossMode (non-null)");
        }
        this.params = params;
        this.activation = activation;
        this.lossMode = lossMode;
        this.wh = params.wh();
        this.whT = wh.transpose().dup('c');
        this.wx = params.wx();
        this.wxT = wx.transpose().dup('c');
        this.b = params.b();
        this.wy = params.wy();
        this.wyT = wy.transpose().dup('c');
        this.by = params.by();
    }

    public RnnParameters params() {
        return params;
    }

    public RnnActivation activation() {
        return activation;
    }

    public LossMode lossMode() {
        return lossMode;
    }

    /** The same network with other parameters. */
    public VanillaRnn withParams(RnnParameters p) {
        return new VanillaRnn(p, activation, lossMode);
    }

    /** Forward pass only. @param x inputs [B, D, T] */
    public ForwardPass forward(INDArray x) {
        checkInput(x);
        Steps s = run(x.castTo(DataType.DOUBLE));
        return s.toRecord();
    }

    /**
     * Loss (mean over the minibatch) and all gradients.
     *
     * @param x      inputs [B, D, T]
     * @param labels one-hot labels: [B, C] for {@link LossMode#LAST_STEP}, [B, C, T] for
     *               {@link LossMode#EVERY_STEP}
     */
    public BpttResult lossAndGradients(INDArray x, INDArray labels) {
        checkInput(x);
        INDArray xd = x.castTo(DataType.DOUBLE);
        int batch = (int) xd.size(0);
        int steps = (int) xd.size(2);
        INDArray y = checkLabels(labels, batch, steps);
        Steps s = run(xd);

        int hidden = params.hidden();
        double loss = 0;
        INDArray dWh = Nd4j.zeros(DataType.DOUBLE, hidden, hidden);
        INDArray dWx = Nd4j.zeros(DataType.DOUBLE, hidden, params.inputs());
        INDArray db = Nd4j.zeros(DataType.DOUBLE, hidden);
        INDArray dWy = Nd4j.zeros(DataType.DOUBLE, params.classes(), hidden);
        INDArray dby = Nd4j.zeros(DataType.DOUBLE, params.classes());
        INDArray[] dh = new INDArray[steps];
        INDArray[] du = new INDArray[steps];
        INDArray[] dx = new INDArray[steps];
        INDArray deltaNext = null;
        for (int t = steps - 1; t >= 0; t--) {
            INDArray dht = deltaNext == null ? Nd4j.zeros(DataType.DOUBLE, batch, hidden) : deltaNext.mmul(wh);
            if (scored(t, steps)) {
                INDArray yt = lossMode == LossMode.LAST_STEP ? y : y.get(all(), all(), point(t)).dup('c');
                loss += -yt.mul(s.logProbs[t]).sumNumber().doubleValue() / batch;
                INDArray dz = s.probs[t].sub(yt).divi(batch);
                dWy.addi(dz.transpose().mmul(s.h[t]));
                dby.addi(dz.sum(0));
                dht.addi(dz.mmul(wy));
            }
            INDArray delta = dht.mul(activation.derivative(s.u[t], s.h[t]));
            if (t > 0) {
                dWh.addi(delta.transpose().mmul(s.h[t - 1]));
            }
            dWx.addi(delta.transpose().mmul(s.x[t]));
            db.addi(delta.sum(0));
            dx[t] = delta.mmul(wx);
            dh[t] = dht;
            du[t] = delta;
            deltaNext = delta;
        }
        return new BpttResult(loss, s.toRecord(), new RnnGradients(dWh, dWx, db, dWy, dby),
                Nd4j.stack(2, dh), Nd4j.stack(2, du), Nd4j.stack(2, dx));
    }

    /** The loss alone (mean over the minibatch), by a forward pass. */
    public double loss(INDArray x, INDArray labels) {
        checkInput(x);
        INDArray xd = x.castTo(DataType.DOUBLE);
        int batch = (int) xd.size(0);
        int steps = (int) xd.size(2);
        INDArray y = checkLabels(labels, batch, steps);
        Steps s = run(xd);
        double loss = 0;
        for (int t = 0; t < steps; t++) {
            if (scored(t, steps)) {
                INDArray yt = lossMode == LossMode.LAST_STEP ? y : y.get(all(), all(), point(t)).dup('c');
                loss += -yt.mul(s.logProbs[t]).sumNumber().doubleValue() / batch;
            }
        }
        return loss;
    }

    private boolean scored(int t, int steps) {
        return lossMode == LossMode.EVERY_STEP || t == steps - 1;
    }

    private Steps run(INDArray x) {
        int batch = (int) x.size(0);
        int steps = (int) x.size(2);
        Steps s = new Steps(steps);
        INDArray hPrev = null;
        for (int t = 0; t < steps; t++) {
            INDArray xt = x.get(all(), all(), point(t)).dup('c');
            INDArray u = xt.mmul(wxT);
            if (hPrev != null) {
                u.addi(hPrev.mmul(whT));
            }
            u.addiRowVector(b);
            INDArray h = activation.apply(u);
            INDArray z = h.mmul(wyT).addiRowVector(by);
            INDArray logp = logSoftmax(z, batch);
            s.x[t] = xt;
            s.u[t] = u;
            s.h[t] = h;
            s.logProbs[t] = logp;
            s.probs[t] = Transforms.exp(logp, true);
            hPrev = h;
        }
        return s;
    }

    /** Row-wise log-softmax, shifted by the row maximum for stability. */
    private static INDArray logSoftmax(INDArray z, int batch) {
        INDArray shifted = z.subColumnVector(z.max(1).reshape(batch, 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(1), false).reshape(batch, 1);
        return shifted.subiColumnVector(logSum);
    }

    private void checkInput(INDArray x) {
        if (x == null || x.rank() != 3 || x.size(1) != params.inputs() || x.size(0) < 1 || x.size(2) < 1) {
            throw new IllegalArgumentException("x must be [batch >= 1, D=" + params.inputs() + ", T >= 1], got "
                    + (x == null ? "null" : Arrays.toString(x.shape())));
        }
    }

    private INDArray checkLabels(INDArray labels, int batch, int steps) {
        int c = params.classes();
        boolean ok = labels != null && (lossMode == LossMode.LAST_STEP
                ? labels.rank() == 2 && labels.size(0) == batch && labels.size(1) == c
                : labels.rank() == 3 && labels.size(0) == batch && labels.size(1) == c && labels.size(2) == steps);
        if (!ok) {
            String expected = lossMode == LossMode.LAST_STEP ? "[" + batch + ", " + c + "]"
                    : "[" + batch + ", " + c + ", " + steps + "]";
            throw new IllegalArgumentException("labels must be one-hot " + expected + " for " + lossMode + ", got "
                    + (labels == null ? "null" : Arrays.toString(labels.shape())));
        }
        return labels.castTo(DataType.DOUBLE);
    }

    /** Per-step arrays of one forward pass. */
    private static final class Steps {
        final INDArray[] x;
        final INDArray[] u;
        final INDArray[] h;
        final INDArray[] logProbs;
        final INDArray[] probs;

        Steps(int steps) {
            x = new INDArray[steps];
            u = new INDArray[steps];
            h = new INDArray[steps];
            logProbs = new INDArray[steps];
            probs = new INDArray[steps];
        }

        ForwardPass toRecord() {
            return new ForwardPass(Nd4j.stack(2, u), Nd4j.stack(2, h), Nd4j.stack(2, probs));
        }
    }
}

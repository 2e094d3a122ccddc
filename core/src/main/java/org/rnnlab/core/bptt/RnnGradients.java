package org.rnnlab.core.bptt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient of the loss with respect to every parameter of {@link RnnParameters}, same shapes.
 * Immutable (copied in, copied out).
 *
 * @param dWh dL/dW_h, [H, H]
 * @param dWx dL/dW_x, [H, D]
 * @param db  dL/db, [H]
 * @param dWy dL/dW_y, [C, H]
 * @param dby dL/db_y, [C]
 */
public record RnnGradients(INDArray dWh, INDArray dWx, INDArray db, INDArray dWy, INDArray dby) {

    public RnnGradients {
        if (dWh == null || dWx == null || db == null || dWy == null || dby == null) {
            throw new IllegalArgumentException("RnnGradients.dWh, dWx, db, dWy and dby must all be given (non-null)");
        }
        dWh = dWh.castTo(DataType.DOUBLE).dup('c');
        dWx = dWx.castTo(DataType.DOUBLE).dup('c');
        db = db.castTo(DataType.DOUBLE).dup('c');
        dWy = dWy.castTo(DataType.DOUBLE).dup('c');
        dby = dby.castTo(DataType.DOUBLE).dup('c');
    }

    @Override
    public INDArray dWh() {
        return dWh.dup();
    }

    @Override
    public INDArray dWx() {
        return dWx.dup();
    }

    @Override
    public INDArray db() {
        return db.dup();
    }

    @Override
    public INDArray dWy() {
        return dWy.dup();
    }

    @Override
    public INDArray dby() {
        return dby.dup();
    }

    /** The L2 norm of the whole gradient (all parameters as one vector). */
    public double l2Norm() {
        double s = sq(dWh) + sq(dWx) + sq(db) + sq(dWy) + sq(dby);
        return Math.sqrt(s);
    }

    private static double sq(INDArray a) {
        double n = a.norm2Number().doubleValue();
        return n * n;
    }

    /** Every entry multiplied by {@code factor}. */
    public RnnGradients scale(double factor) {
        return new RnnGradients(dWh.mul(factor), dWx.mul(factor), db.mul(factor), dWy.mul(factor), dby.mul(factor));
    }

    /**
     * Gradient-norm clipping (Pascanu et al. 2013, Algorithm 1): if ||g|| > threshold, g is rescaled to
     * threshold * g / ||g||; otherwise it is returned unchanged. A non-finite norm is returned unchanged.
     */
    public RnnGradients clipNorm(double threshold) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be > 0, got " + threshold);
        }
        double n = l2Norm();
        return Double.isFinite(n) && n > threshold ? scale(threshold / n) : this;
    }
}

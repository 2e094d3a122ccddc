package org.rnnlab.core.bptt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The element-wise non-linearity f of {@link VanillaRnn}, with its derivative f' and the bound
 * gamma = max |f'| that enters the Pascanu et al. (2013) bound (gamma * sigma_max(W_h))^d.
 */
public enum RnnActivation {
    /** f(u) = tanh(u), f'(u) = 1 - tanh(u)^2 in (0, 1]; gamma = 1, and f' is small where |u| is large (saturation). */
    TANH,
    /**
     * f(u) = max(0, u), f'(u) = 1 for u &gt; 0 else 0 (the derivative at 0 is taken as 0); gamma = 1. f'(NaN) is NaN, not 0:
     * a forward state that overflowed the double range (W_h times Infinity gives NaN) would otherwise make the Jacobian
     * product exactly 0 and read as a vanished gradient (a user's try: radius 50 over 400 steps, reported as "fell").
     */
    RELU,
    /** f(u) = u, f'(u) = 1; gamma = 1. The Jacobian product is then exactly W_h^d. */
    LINEAR;

    /** f(u) as a new array. */
    public INDArray apply(INDArray u) {
        return switch (this) {
            case TANH -> Transforms.tanh(u, true);
            case RELU -> Transforms.relu(u, true);
            case LINEAR -> u.dup();
        };
    }

    /**
     * f'(u) as a new array, given the pre-activation u and the activation h = f(u); NaN where u is NaN (for TANH through h,
     * for RELU explicitly: {@code u > 0} alone is false there and would give 0).
     */
    public INDArray derivative(INDArray u, INDArray h) {
        return switch (this) {
            case TANH -> h.mul(h).rsubi(1.0);
            case RELU -> {
                INDArray d = u.gt(0.0).castTo(DataType.DOUBLE);
                if (BooleanIndexing.or(u, Conditions.isNan())) {
                    double[] v = u.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                    for (int i = 0; i < v.length; i++) {
                        v[i] = derivative(v[i]);
                    }
                    d = Nd4j.create(v, u.shape(), 'c');
                }
                yield d;
            }
            case LINEAR -> u.ulike().assign(1.0);
        };
    }

    /** f(u) for one number. */
    public double apply(double u) {
        return switch (this) {
            case TANH -> Math.tanh(u);
            case RELU -> Math.max(0.0, u);
            case LINEAR -> u;
        };
    }

    /** f'(u) for one number; NaN for a NaN u (see {@link #RELU}). */
    public double derivative(double u) {
        return switch (this) {
            case TANH -> {
                double t = Math.tanh(u);
                yield 1.0 - t * t;
            }
            case RELU -> u > 0 ? 1.0 : u <= 0 ? 0.0 : Double.NaN;
            case LINEAR -> 1.0;
        };
    }

    /** gamma = sup |f'(u)| over all u (1 for all three). */
    public double maxDerivative() {
        return 1.0;
    }
}

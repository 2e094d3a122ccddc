package org.rnnlab.core.bptt;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The element-wise non-linearity f of {@link VanillaRnn}, with its derivative f' and the bound
 * gamma = max |f'| that enters the Pascanu et al. (2013) bound (gamma * sigma_max(W_h))^d.
 */
public enum RnnActivation {
    /** f(u) = tanh(u), f'(u) = 1 - tanh(u)^2 in (0, 1]; gamma = 1, and f' is small where |u| is large (saturation). */
    TANH,
    /** f(u) = max(0, u), f'(u) = 1 for u > 0 else 0 (the derivative at 0 is taken as 0); gamma = 1. */
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
     * f'(u) as a new array, given the pre-activation u and the activation h = f(u).
     */
    public INDArray derivative(INDArray u, INDArray h) {
        return switch (this) {
            case TANH -> h.mul(h).rsubi(1.0);
            case RELU -> u.gt(0.0).castTo(DataType.DOUBLE);
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

    /** f'(u) for one number. */
    public double derivative(double u) {
        return switch (this) {
            case TANH -> {
                double t = Math.tanh(u);
                yield 1.0 - t * t;
            }
            case RELU -> u > 0 ? 1.0 : 0.0;
            case LINEAR -> 1.0;
        };
    }

    /** gamma = sup |f'(u)| over all u (1 for all three). */
    public double maxDerivative() {
        return 1.0;
    }
}

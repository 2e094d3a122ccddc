package org.rnnlab.core.bptt;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loss, forward states and every gradient of one forward and backward pass of {@link VanillaRnn}.
 *
 * @param loss      mean over the minibatch of the per-sequence cross-entropy (summed over the scored steps)
 * @param forward   u_t, h_t and the output probabilities
 * @param gradients dL/d(parameters)
 * @param dLdh      dL/dh_t for every t (the total derivative, through all later steps), [B, H, T]
 * @param dLdu      dL/du_t = dL/dh_t * f'(u_t) (the BPTT "delta"), [B, H, T]
 * @param dLdx      dL/dx_t for every t, [B, D, T]
 */
public record BpttResult(double loss, ForwardPass forward, RnnGradients gradients, INDArray dLdh, INDArray dLdu,
                         INDArray dLdx) {

    public BpttResult {
        if (forward == null || gradients == null || dLdh == null || dLdu == null || dLdx == null) {
            throw new IllegalArgumentException("BpttResult.forward, gradients, dLdh, dLdu and dLdx must be non-null");
        }
    }
}

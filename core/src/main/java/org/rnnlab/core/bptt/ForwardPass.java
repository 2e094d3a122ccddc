package org.rnnlab.core.bptt;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The states of one forward pass of {@link VanillaRnn} over a minibatch, time on the last axis
 * (DL4J's NCW layout). Arrays are copies owned by this record.
 *
 * @param preActivations u_t = W_h h_{t-1} + W_x x_t + b, [B, H, T]
 * @param hidden         h_t = f(u_t), [B, H, T]
 * @param probabilities  softmax(W_y h_t + b_y), [B, C, T]
 */
public record ForwardPass(INDArray preActivations, INDArray hidden, INDArray probabilities) {

    public ForwardPass {
        if (preActivations == null || hidden == null || probabilities == null) {
            throw new IllegalArgumentException("ForwardPass.preActivations, hidden and probabilities must be non-null");
        }
    }

    /** Sequence length T. */
    public int length() {
        return (int) hidden.size(2);
    }
}

/**
 * Why a vanilla RNN loses long-range gradients, shown on a hand-written network.
 *
 * <p>{@link VanillaRnn} is an Elman (1990) network,
 * h_t = f(W_h h_{t-1} + W_x x_t + b) with a softmax read-out, whose forward pass and backpropagation
 * through time (Werbos 1990) are written by hand on ND4J DOUBLE arrays and checked against central
 * finite differences and DL4J's {@code SimpleRnn}. The gradient that reaches step k from a loss at step T
 * goes through the Jacobian product dh_T/dh_k = prod_j diag(f'(u_j)) W_h, whose norm is at most
 * (max|f'| sigma_max(W_h))^(T-k) (Bengio, Simard and Frasconi 1994; Pascanu, Mikolov and Bengio 2013).
 *
 * <ul>
 *   <li>{@link GradientAnalysis}: per step, ||dL/dh_k||, the Jacobian product and its
 *       spectral norm, its two factors (||W_h^d|| and the product of f'), the bound, and step k's share of
 *       dL/dW_h ({@link AnalysisBenchmark} times it at T = 1000, H = 128);</li>
 *   <li>{@link SpectralSweep}: vanishing below spectral radius 1, explosion above;</li>
 *   <li>{@link SaturationExperiment}: tanh saturation speeds up the decay;</li>
 *   <li>{@link ClippingExperiment}: gradient-norm clipping keeps SGD finite on a
 *       long-lag task ({@link LongLagTask}) where plain SGD diverges.</li>
 * </ul>
 * Everything is deterministic by seed; results are records.
 */
package org.rnnlab.core.bptt;

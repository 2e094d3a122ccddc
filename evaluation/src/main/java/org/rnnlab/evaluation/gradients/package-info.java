/**
 * Gradient flow through time in trained or untrained classifiers.
 *
 * <p>{@link org.rnnlab.evaluation.gradients.GradientFlow} measures, for any network built by
 * {@code NetworkFactory} and for the hand-written {@link org.rnnlab.core.bptt.VanillaRnn}, the norm of the
 * gradient of the last-step loss with respect to the input at every step, against the distance to the last
 * step (the vanishing-gradient curve; Bengio, Simard and Frasconi 1994; Pascanu, Mikolov and Bengio 2013).
 * {@link org.rnnlab.evaluation.gradients.GradientStudy} runs it for several architectures together with the
 * spectral-radius sweep and the clipping experiment of {@code org.rnnlab.core.bptt}, and
 * {@link org.rnnlab.evaluation.gradients.GradientReport} writes CSVs, XChart PNGs and an {@code index.html}.
 * Inputs come from a {@link org.rnnlab.evaluation.gradients.GradientDataSource}.
 */
package org.rnnlab.evaluation.gradients;

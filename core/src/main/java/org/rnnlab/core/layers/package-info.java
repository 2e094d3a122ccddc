/**
 * Recurrent layers rnnlab adds to DL4J. {@link org.rnnlab.core.layers.Gru} is a gated recurrent unit (Cho
 * et al. 2014, EMNLP) with PyTorch's {@code nn.GRU} equations and parameter layout, written as a native DL4J
 * layer: the configuration {@link org.rnnlab.core.layers.Gru} (a {@code BaseRecurrentLayer}, stored by class
 * name in saved models, so never renamed or moved), the computation {@link org.rnnlab.core.layers.GruLayer}
 * (explicit back-propagation through time; works in {@code LastTimeStep} and {@code Bidirectional}, with
 * masks, {@code rnnTimeStep}, truncated BPTT, dropout, workspaces, float and double) and the parameters
 * {@link org.rnnlab.core.layers.GruParamInitializer} ({@code W}, {@code RW}, {@code b}, {@code rb}, mapped
 * one to one to PyTorch's {@code weight_ih_l0ᵀ}, {@code weight_hh_l0ᵀ}, {@code bias_ih_l0},
 * {@code bias_hh_l0}). DL4J's SameDiff GRU is not used: its gradient is wrong in 1.0.0-M2.1.
 */
package org.rnnlab.core.layers;

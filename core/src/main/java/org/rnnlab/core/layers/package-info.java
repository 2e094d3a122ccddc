/**
 * Recurrent layers rnnlab adds to DL4J, each a native DL4J layer (configuration stored by class name in
 * saved models, so never renamed or moved; explicit back-propagation through time; works in
 * {@code LastTimeStep} and {@code Bidirectional}, with masks, {@code rnnTimeStep}, truncated BPTT,
 * dropout, workspaces, float and double):
 * <ul>
 *   <li>{@link Lstm} / {@link LstmLayer} /
 *       {@link LstmParamInitializer}: DL4J's {@code LSTM} equations and parameters,
 *       equal to it to 1e-6 in double precision, about eight times faster on the CPU;</li>
 *   <li>{@link Gru} / {@link GruLayer} /
 *       {@link GruParamInitializer}: a gated recurrent unit (Cho et al. 2014, EMNLP)
 *       with PyTorch's {@code nn.GRU} equations and parameter layout ({@code W}, {@code RW}, {@code b},
 *       {@code rb} = {@code weight_ih_l0ᵀ}, {@code weight_hh_l0ᵀ}, {@code bias_ih_l0}, {@code bias_hh_l0}).
 *       DL4J's SameDiff GRU is not used: its gradient is wrong in 1.0.0-M2.1.</li>
 *   <li>{@link Rnn} / {@link RnnLayer}: DL4J's {@code SimpleRnn}
 *       (extended: same configuration, parameters and results) computed by the kernel;</li>
 *   <li>{@link KernelBidirectional} / {@link KernelBidirectionalLayer}:
 *       DL4J's {@code Bidirectional} for the layers above; the backward direction runs from the last step
 *       inside the kernel ({@link KernelDirection}) and both directions write
 *       straight into the merged output;</li>
 *   <li>{@link KernelLastTimeStep} / {@link KernelLastTimeStepLayer}: DL4J's {@code LastTimeStep} ({@code y = h_T}, each
 *       sequence's last valid step) whose backward pass hands a kernel layer the last steps' gradient alone
 *       ({@link SequenceView#lastSteps}) instead of a {@code [mb, H, T]} array that is zero elsewhere;</li>
 *   <li>{@link Residual} / {@link ResidualLayer} / {@link ResidualParamInitializer}: a residual (skip)
 *       connection around any of the layers above, bidirectional or not, {@code y = x + f(x)}, or
 *       {@code y = P^T x + f(x)} with a learned projection where the widths differ (He et al. 2016; Wu et
 *       al. 2016, GNMT), for residual stacks ({@code ModelSpec.residual}).</li>
 * </ul>
 * and two sequence heads, also native DL4J layers stored by class name:
 * <ul>
 *   <li>{@link BidirectionalLastStep} / {@link BidirectionalLastStepLayer}: the {@code last} head of a bidirectional
 *       top layer, {@code y = [→h_{L-1} ; ←h_0]} (or the two merged by ADD, MUL, AVERAGE): the forward direction at each
 *       sequence's last valid step and the backward one at step 0, each direction's final state (PyTorch's {@code h_n};
 *       Schuster and Paliwal 1997); no parameters, the mask consumed;</li>
 *   <li>{@link AttentionPooling} / {@link AttentionPoolingLayer} / {@link AttentionPoolingParamInitializer}:
 *       attention pooling over the valid steps, {@code y = Σ_t softmax(u · tanh(W h_t + b))_t h_t}
 *       (Yang et al. 2016, NAACL; Raffel and Ellis 2016), after the top recurrent layer; ND4J operations,
 *       no kernel.</li>
 * </ul>
 * {@link KernelSupport} alone decides how each is computed here: the CPU kernel, a fallback that computes
 * the same (DL4J's layers, the GRU's ND4J operations), or a refusal; the layers delegate to one
 * {@link RecurrentDriver}. With the kernel they compute over host memory ({@link CellKernel}
 * for LSTM and RNN, {@link GruKernel}): one BLAS product for the input projection of
 * all steps, one per step for the recurrence, fused element-wise loops on Java arrays that the JIT
 * vectorizes ({@link LstmMath}, {@link RnnMath},
 * {@link GruMath}), and the weight gradients as single large products after the
 * backward sweep; buffers are reused across steps and minibatches
 * ({@link KernelBuffers}, {@link HostArray}); sequences move
 * between DL4J's arrays and the kernels' time-major layout through {@link SequenceView}. An LSTM's inference pass
 * (single precision, unmasked) goes through oneDNN's LSTM primitive instead ({@link OneDnnLstm}, {@link OneDnn}); the
 * per-step and whole-sequence products of the other sweeps through oneDNN's {@code matmul} ({@link StepProduct},
 * {@link SweepProduct}; {@link StepProductRoute} lets {@code bench --gemm} time the former). The classifier head
 * ({@link SoftmaxOutput}, {@link SoftmaxOutputLayer}) is DL4J's {@code OutputLayer} with an inference pass of its own
 * ({@code softmax(x W + b)}: one BLAS product and a loop), without ND4J's per-operation overhead.
 */
package org.rnnlab.core.layers;

/**
 * rnnlab's DJL peer: the work of {@code bench/peer_pytorch.py} (random sequences, a recurrent stack, the last
 * step into one linear layer, softmax cross-entropy, Adam) on DJL's PyTorch engine (libtorch CPU, from the
 * native jar on the class path; nothing is downloaded). {@link org.rnnlab.djlpeer.DjlPeer} prints the
 * peer script's JSON line per cell; {@code rnnlab bench --vs-peer --peer djl} runs it in a child JVM.
 */
package org.rnnlab.djlpeer;

/**
 * Export of trained rnnlab models to other runtimes: {@link org.rnnlab.export.OnnxExporter} writes a model bundle as an
 * ONNX model (standard RNN/LSTM/GRU operators with {@code sequence_lens}, dynamic batch and time axes, the normaliser
 * inside the graph, labels, feature names and the text encoder as metadata), built on the ONNX protobuf classes that
 * ND4J ships ({@code onnx.Onnx}) through the small graph builder {@code OnnxGraph}. The tests run every exported
 * architecture with ONNX Runtime (test scope only) against rnnlab's own predictions, and the ONNX checker where the
 * {@code onnx} Python package is installed.
 */
package org.rnnlab.export;

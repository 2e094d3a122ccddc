package org.rnnlab.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.GravesBidirectionalLSTM;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.core.layers.AttentionPooling;
import org.rnnlab.core.layers.BidirectionalLastStep;
import org.rnnlab.core.layers.Gru;
import org.rnnlab.core.layers.Residual;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.csv.SequenceScaling;

/**
 * A loaded model's network as plain Java arrays, for {@link PredictionStream}s to step one sample at a time: the feature
 * standardiser's means and deviations, each one-directional recurrent layer's weights (LSTM, GRU or vanilla RNN; residual
 * too), the head (last step, a running mean or maximum, or attention pooling as a running softmax) and the softmax
 * classifier. Immutable, built once per classifier
 * and shared by all its streams (and their threads); a stream holds only its state.
 *
 * <p>Why not the network itself: DL4J's {@code rnnTimeStep} on rnnlab's networks fails at the {@code last} head (its
 * wrapper passes the recurrent layer's {@code [1, H, 1]} step to the dense output layer, a trial's wearables service:
 * {@code DL4JInvalidInputException ... rank 3 array}), and stepping the wrapped layer by hand through ND4J cost 399 µs of
 * CPU per sample, more than predicting a whole 64-step window (ND4J's per-operation overhead dominates arrays of 16
 * values). A step here is a few small matrix-vector products in Java loops.
 *
 * <p>What cannot be streamed is refused when the stream is asked for, saying why ({@link #refusal}): a bidirectional
 * layer (its backward direction reads the sequence from its end, so every new sample changes all of it), text models,
 * causal convolutions (strided windows of steps), per-sequence scaling (each sequence scaled by statistics of all its
 * steps). The attention head is streamed: a step's score {@code e_t = u · tanh(h_t W + b)} depends on that step alone, so
 * its softmax-weighted mean over the steps so far is a running sum rescaled by the running maximum score (the "online
 * softmax"), exact as the mean and max heads are.
 */
final class StreamingNetwork {

    /** The recurrent cells a stream steps. */
    enum Cell {
        /** Gate blocks candidate, forget, output, input (rnnlab's and DL4J's order). */
        LSTM(4),
        /** Gate blocks reset, update, candidate; PyTorch's equations ({@link Gru}). */
        GRU(3),
        /** Elman: {@code h = tanh(x W + h RW + b)}. */
        RNN(1);

        final int gates;

        Cell(int gates) {
            this.gates = gates;
        }
    }

    /**
     * One recurrent layer's parameters, row-major: {@code w [in][gates·h]}, {@code rw [h][gates·h]}, {@code b} and for the
     * GRU its recurrent bias {@code rb} ({@code [gates·h]}); a residual layer's skip, {@code identity} ({@code y = x + f(x)})
     * or the projection {@code p [in][h]} ({@code y = x P + f(x)}).
     */
    record Recurrent(Cell cell, int in, int h, float[] w, float[] rw, float[] b, float[] rb, boolean residual, float[] p) {
    }

    /** The head over the top layer's outputs. */
    enum Head {
        LAST, MEAN, MAX, ATTENTION
    }

    final int features;
    /** Standardiser: {@code (x − mean) / std} per feature, or null for a model without one. */
    final float[] mean;
    final float[] std;
    final List<Recurrent> layers;
    final Head head;
    /** Classifier: {@code logits = y W + b}, {@code W [top][classes]} row-major. */
    final float[] outW;
    final float[] outB;
    final int classes;
    /**
     * Attention head ({@link Head#ATTENTION}): {@code e = u · tanh(y W + b)}, {@code W [top][size]} row-major; else null.
     */
    final Attention attention;

    /** The attention head's parameters (as {@code OnnxExporter} reads them): {@code w [n][size]} row-major, {@code b}, {@code u}. */
    record Attention(int size, float[] w, float[] b, float[] u) {
    }

    private StreamingNetwork(int features, float[] mean, float[] std, List<Recurrent> layers, Head head, Attention attention,
                             float[] outW, float[] outB, int classes) {
        this.attention = attention;
        this.features = features;
        this.mean = mean;
        this.std = std;
        this.layers = List.copyOf(layers);
        this.head = head;
        this.outW = outW;
        this.outB = outB;
        this.classes = classes;
    }

    /** The width of the top layer's output (the head's input). */
    int top() {
        return layers.get(layers.size() - 1).h();
    }

    /**
     * Why a model cannot be streamed, from its card alone, or null: checked first so that the common refusals name the
     * model's setting rather than a layer class.
     */
    static String refusal(ModelCard card) {
        String what = "this model (" + card.spec().label() + ") cannot be streamed: ";
        String instead = "; predict sliding windows instead (keep the last N samples per device and call predict on them, "
                + "as often as an answer is needed)";
        if (card.input().kind() == InputDescription.Kind.TOKENS) {
            return what + "it reads text (token ids); classify whole texts with predictTexts";
        }
        if (card.spec().bidirectional()) {
            return what + "it is bidirectional, and its backward direction reads each sequence from its last step, so every "
                    + "new sample changes what it computed for all earlier ones: a fixed state per stream cannot give predict's "
                    + "answer" + instead;
        }
        if (!card.spec().convolutions().isEmpty()) {
            return what + "its causal convolution reads windows of several samples (with a stride, not every sample gives "
                    + "the recurrent layers a step); streaming it is not implemented" + instead;
        }
        if (card.dataSchema() != null && card.dataSchema().sequenceScaling() != SequenceScaling.NONE) {
            return what + "it scales each sequence by its own statistics over all its steps (--set sequenceScaling="
                    + card.dataSchema().sequenceScaling() + "), so every new sample changes how all earlier ones are read: a "
                    + "fixed state per stream cannot give predict's answer" + instead;
        }
        return null;
    }

    /**
     * The streaming form of a classifier's network.
     *
     * @throws UnsupportedOperationException saying why the model cannot be streamed and what to do instead
     */
    static StreamingNetwork of(MultiLayerNetwork net, NormalizerStandardize normalizer, ModelCard card) {
        String refused = refusal(card);
        if (refused != null) {
            throw new UnsupportedOperationException(refused);
        }
        int features = card.input().featureCount();
        float[] mean = null;
        float[] std = null;
        if (normalizer != null) {
            NormalizerStandardize exact = ModelBundle.asExact(normalizer); // the deviations the network's input is divided by
            mean = flat(exact.getMean());
            std = flat(exact.getStd());
        }
        List<Recurrent> layers = new ArrayList<>();
        Head head = null;
        Attention attention = null;
        float[] outW = null;
        float[] outB = null;
        int classes = 0;
        int in = features;
        for (int i = 0; i < net.getnLayers(); i++) {
            NeuralNetConfiguration conf = net.getLayerWiseConfigurations().getConf(i);
            Layer layer = conf.getLayer();
            String where = "this model cannot be streamed: layer " + i + " (" + layer.getClass().getSimpleName() + ")";
            if (outW != null) {
                throw new UnsupportedOperationException(where + " follows the output layer");
            }
            Map<String, INDArray> p = params(net, i, conf);
            if (layer instanceof EmbeddingSequenceLayer || layer instanceof Convolution1DLayer || layer instanceof Bidirectional
                    || layer instanceof BidirectionalLastStep) {
                throw new UnsupportedOperationException(where + " reads more than one step at a time: only one-directional "
                        + "LSTM, GRU and RNN layers with the last, mean, max or attention head are streamed; predict sliding "
                        + "windows instead");
            } else if (layer instanceof AttentionPooling att) {
                requireNoHead(head, where);
                if (layers.isEmpty()) {
                    throw new UnsupportedOperationException(where + ": an attention head without a recurrent layer before it");
                }
                int size = (int) att.getAttentionSize();
                float[] w = matrix(require(p, "W", where), in, size, where);
                float[] b = flat(require(p, "b", where));
                float[] u = flat(require(p, "u", where));
                if (b.length != size || u.length != size) {
                    throw new UnsupportedOperationException(where + ": attention bias or query of " + b.length + " and " + u.length
                            + " values, expected " + size);
                }
                attention = new Attention(size, w, b, u);
                head = Head.ATTENTION;
            } else if (layer instanceof LastTimeStep last) {
                requireNoHead(head, where);
                Recurrent r = recurrent(last.getUnderlying(), p, in, where);
                layers.add(r);
                in = r.h();
                head = Head.LAST;
            } else if (layer instanceof GlobalPoolingLayer pool) {
                requireNoHead(head, where);
                if (layers.isEmpty()) {
                    throw new UnsupportedOperationException(where + ": a pooling head without a recurrent layer before it");
                }
                if (pool.getPoolingType() == PoolingType.AVG) {
                    head = Head.MEAN;
                } else if (pool.getPoolingType() == PoolingType.MAX) {
                    head = Head.MAX;
                } else {
                    throw new UnsupportedOperationException(where + ": pooling " + pool.getPoolingType()
                            + " (streamed: mean and max)");
                }
            } else if (layer instanceof OutputLayer out) {
                if (head == null) {
                    throw new UnsupportedOperationException(where + ": an output layer that reads every step (no sequence head)");
                }
                if (!(out.getActivationFn() instanceof ActivationSoftmax)) {
                    throw new UnsupportedOperationException(where + ": output activation " + out.getActivationFn()
                            + " (streamed: softmax)");
                }
                float[][] w = require(p, "W", where).castTo(DataType.FLOAT).toFloatMatrix();
                if (w.length != in) {
                    throw new UnsupportedOperationException(where + ": " + w.length + " inputs, the layer below gives " + in);
                }
                classes = w[0].length;
                outW = rowMajor(w);
                outB = out.hasBias() ? flat(require(p, "b", where)) : new float[classes];
            } else {
                requireNoHead(head, where);
                Recurrent r = recurrent(layer, p, in, where);
                layers.add(r);
                in = r.h();
            }
        }
        if (outW == null) {
            throw new UnsupportedOperationException("this model cannot be streamed: its network does not end in a softmax "
                    + "output layer");
        }
        return new StreamingNetwork(features, mean, std, layers, head, attention, outW, outB, classes);
    }

    private static void requireNoHead(Head head, String where) {
        if (head != null) {
            throw new UnsupportedOperationException(where + " follows the sequence head (only the classifier may)");
        }
    }

    private static Recurrent recurrent(Layer layer, Map<String, INDArray> p, int in, String where) {
        boolean residual = false;
        float[] projection = null;
        if (layer instanceof Residual res) {
            residual = true;
            if (res.projected()) {
                projection = rowMajor(require(p, Residual.PROJECTION_KEY, where).castTo(DataType.FLOAT).toFloatMatrix());
            }
            layer = res.getUnderlying();
        }
        if (layer instanceof Bidirectional || layer instanceof LastTimeStep || layer instanceof Residual) {
            throw new UnsupportedOperationException(where + ": nested wrappers cannot be streamed");
        }
        Cell cell;
        if (layer instanceof GravesLSTM || layer instanceof GravesBidirectionalLSTM) {
            throw new UnsupportedOperationException(where + ": Graves' LSTM with peephole connections is not streamed");
        } else if (layer instanceof AbstractLSTM lstm) {
            requireActivation(lstm.getGateActivationFn(), ActivationSigmoid.class, "gate", where);
            requireActivation(lstm.getActivationFn(), ActivationTanH.class, "cell", where);
            cell = Cell.LSTM;
        } else if (layer instanceof Gru gru) {
            requireActivation(gru.getGateActivationFn(), ActivationSigmoid.class, "gate", where);
            requireActivation(gru.getActivationFn(), ActivationTanH.class, "cell", where);
            cell = Cell.GRU;
        } else if (layer instanceof SimpleRnn rnn) {
            if (rnn.hasLayerNorm()) {
                throw new UnsupportedOperationException(where + ": SimpleRnn with layer normalisation is not streamed");
            }
            requireActivation(rnn.getActivationFn(), ActivationTanH.class, "cell", where);
            cell = Cell.RNN;
        } else {
            throw new UnsupportedOperationException(where + " is not streamed (streamed: one-directional LSTM, GRU and RNN "
                    + "layers, residual too, with the last, mean, max or attention head)");
        }
        int h = (int) ((BaseRecurrentLayer) layer).getNOut();
        if (((FeedForwardLayer) layer).getNIn() != in) {
            throw new UnsupportedOperationException(where + ": " + ((FeedForwardLayer) layer).getNIn() + " inputs, the layer below "
                    + "gives " + in);
        }
        int width = cell.gates * h;
        float[] w = matrix(require(p, "W", where), in, width, where);
        float[] rw = matrix(require(p, "RW", where), h, width, where);
        float[] b = flat(require(p, "b", where));
        float[] rb = cell == Cell.GRU ? flat(require(p, "rb", where)) : null;
        if (b.length != width || rb != null && rb.length != width) {
            throw new UnsupportedOperationException(where + ": bias of " + b.length + " values, expected " + width);
        }
        if (residual && projection == null && in != h) {
            throw new UnsupportedOperationException(where + ": a residual layer of " + in + " inputs and " + h
                    + " outputs without a projection");
        }
        return new Recurrent(cell, in, h, w, rw, b, rb, residual, projection);
    }

    private static void requireActivation(IActivation fn, Class<?> expected, String which, String where) {
        if (!expected.isInstance(fn)) {
            throw new UnsupportedOperationException(where + ": " + which + " activation " + fn + " (streamed: sigmoid gates, "
                    + "tanh cells)");
        }
    }

    /** The layer's parameters by key, as views of its flat parameters (how {@code OnnxExporter} reads them). */
    private static Map<String, INDArray> params(MultiLayerNetwork net, int i, NeuralNetConfiguration conf) {
        INDArray flat = net.getLayer(i).params();
        if (flat == null || flat.length() == 0) {
            return Map.of();
        }
        return conf.getLayer().initializer().init(conf.clone(), flat.reshape(1, flat.length()).dup(), false);
    }

    private static INDArray require(Map<String, INDArray> p, String key, String where) {
        INDArray a = p.get(key);
        if (a == null) {
            throw new UnsupportedOperationException(where + ": no parameter '" + key + "' (has " + p.keySet() + ")");
        }
        return a;
    }

    private static float[] matrix(INDArray a, int rows, int cols, String where) {
        float[][] m = a.castTo(DataType.FLOAT).toFloatMatrix();
        if (m.length != rows || m[0].length != cols) {
            throw new UnsupportedOperationException(where + ": weights of shape [" + m.length + ", " + m[0].length
                    + "], expected [" + rows + ", " + cols + "]");
        }
        return rowMajor(m);
    }

    private static float[] rowMajor(float[][] m) {
        int cols = m[0].length;
        float[] out = new float[m.length * cols];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, out, r * cols, cols);
        }
        return out;
    }

    private static float[] flat(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').reshape(a.length()).toFloatVector();
    }
}

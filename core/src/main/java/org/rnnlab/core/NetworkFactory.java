package org.rnnlab.core;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.rnnlab.core.layers.AttentionPooling;
import org.rnnlab.core.layers.BidirectionalLastStep;
import org.rnnlab.core.layers.CausalConvolution1D;
import org.rnnlab.core.layers.Gru;
import org.rnnlab.core.layers.KernelBidirectional;
import org.rnnlab.core.layers.KernelLastTimeStep;
import org.rnnlab.core.layers.Lstm;
import org.rnnlab.core.layers.Residual;
import org.rnnlab.core.layers.Rnn;
import org.rnnlab.core.layers.SoftmaxOutput;

/**
 * Builds an initialised DL4J {@link MultiLayerNetwork} for sequence classification from a
 * {@link ModelSpec}: (embedding) -> recurrent layers -> the sequence head ({@link SequenceHead}: the last
 * time step (of a bidirectional layer: the forward direction at the last valid step and the backward one at step 0,
 * {@link BidirectionalLastStep}), mean or max pooling over time, or attention pooling ({@link AttentionPooling}); mask-aware, so
 * each sequence of a padded minibatch is read
 * over its own real steps) -> softmax with cross-entropy.
 *
 * <p>Input: {@code [batch, features, time]} (DL4J's NCW), or {@code [batch, time]} token ids for
 * {@link InputSpec.Kind#TOKENS}; an optional feature mask {@code [batch, time]} marks real steps.
 * Labels: {@code [batch, classes]} one-hot.
 */
public final class NetworkFactory {

    private NetworkFactory() {
    }

    /** Builds in single precision (training and inference). */
    public static MultiLayerNetwork build(ModelSpec spec, int features, int classes) {
        return build(spec, features, classes, DataType.FLOAT);
    }

    /**
     * Builds and initialises the network, with DL4J's updater fed its own gradient view ({@link ViewGradientUpdater}).
     *
     * @param spec     the model
     * @param features input features per step (dense input); ignored for token input
     * @param classes  number of classes, at least 2
     * @param dataType FLOAT for training, DOUBLE for gradient checks
     */
    public static MultiLayerNetwork build(ModelSpec spec, int features, int classes, DataType dataType) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec, features, classes, dataType));
        net.init();
        ViewGradientUpdater.install(net);
        return net;
    }

    /**
     * {@code net.setLearningRate(rate)}, keeping rnnlab's updater: DL4J's {@code setLearningRate} rebuilds the network's
     * updater as its own {@code MultiLayerUpdater} (carrying the state over), so {@link ViewGradientUpdater} is installed
     * again over that state.
     */
    public static void setLearningRate(MultiLayerNetwork net, double rate) {
        boolean ours = net.getUpdater() instanceof ViewGradientUpdater;
        net.setLearningRate(rate);
        if (ours) {
            ViewGradientUpdater.install(net);
        }
    }

    /**
     * The number of parameters {@link #build} would give the network, computed from the configuration
     * without allocating the network: lets a loader refuse a model file that describes an absurdly large
     * network before anything is allocated.
     */
    public static long parameterCount(ModelSpec spec, int features, int classes) {
        MultiLayerConfiguration conf = configuration(spec, features, classes, DataType.FLOAT);
        long n = 0;
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            n += layer.getLayer().initializer().numParams(layer);
        }
        return n;
    }

    /** The DL4J configuration that {@link #build} initialises. */
    public static MultiLayerConfiguration configuration(ModelSpec spec, int features, int classes, DataType dataType) {
        if (spec.input().kind() == InputSpec.Kind.DENSE && features < 1) {
            throw new IllegalArgumentException("features must be >= 1 for dense input, got " + features);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
        Nd4jRuntime.ensureConfigured();
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(dataType)
                .updater(spec.updater().create(spec.learningRate()))
                .weightInit(spec.weightInit());
        if (spec.weightDecay() > 0) {
            global.weightDecay(spec.weightDecay(), true);
        }
        if (spec.clipped()) {
            global.gradientNormalization(spec.gradientNormalization())
                    .gradientNormalizationThreshold(spec.gradientThreshold());
        } else {
            global.gradientNormalization(GradientNormalization.None);
        }
        NeuralNetConfiguration.ListBuilder list = global.list();

        int layerIndex = 0;
        long nIn = features;
        if (spec.input().kind() == InputSpec.Kind.TOKENS) {
            list.layer(layerIndex++, new EmbeddingSequenceLayer.Builder()
                    .nIn(spec.input().vocabularySize())
                    .nOut(spec.input().embeddingSize())
                    .build());
            nIn = spec.input().embeddingSize();
        }
        for (Conv1d conv : spec.convolutions()) {
            // causal: output step j reads input steps j*stride-kernel+1 .. j*stride, so it never reads padding after a
            // sequence's end, and a padded sequence gives what it gives alone; [mb, nIn, T] -> [mb, channels, ceil(T/stride)],
            // the mask reduced alike
            list.layer(layerIndex++, CausalConvolution1D.of(conv, nIn));
            nIn = conv.channels();
        }
        double retain = 1.0 - spec.dropout();
        List<Integer> sizes = spec.hiddenSizes();
        boolean perDirectionHead = perDirectionLastHead(spec);
        for (int i = 0; i < sizes.size(); i++) {
            int hidden = sizes.get(i);
            boolean top = i == sizes.size() - 1;
            boolean dropInput = i > 0 && spec.dropout() > 0;
            Layer layer = recurrentLayer(spec, nIn, hidden, dropInput ? retain : 0);
            if (spec.bidirectional()) {
                // under the per-direction last head the top layer keeps its directions apart (CONCAT) and the head merges
                // them by the spec's mode: a merged output cannot be split again; the parameters do not depend on the mode
                Bidirectional.Mode mode = top && perDirectionHead ? Bidirectional.Mode.CONCAT : spec.bidirectionalMode();
                layer = layer instanceof Lstm || layer instanceof Gru || layer instanceof Rnn
                        ? new KernelBidirectional(mode, layer)
                        : new Bidirectional(mode, layer);
            }
            if (spec.residual() && i > 0) {
                // y = x + f(x) around every layer above the first (a projection P^T x where widths differ)
                layer = Residual.wrap(global, layer);
            }
            if (top && spec.head().readsLastStep() && !perDirectionHead) {
                // one direction: its last valid step; LAST_STEP of a bidirectional layer: both directions there (legacy)
                // DL4J's LastTimeStep, whose backward pass hands rnnlab's kernels the last steps' gradient alone
                layer = new KernelLastTimeStep(layer);
            }
            list.layer(layerIndex++, layer);
            nIn = spec.bidirectional() && spec.bidirectionalMode() == Bidirectional.Mode.CONCAT ? 2L * hidden : hidden;
        }
        if (perDirectionHead) {
            // the forward direction at each sequence's last valid step, the backward one at step 0, merged by the mode
            list.layer(layerIndex++, new BidirectionalLastStep(spec.hiddenSizes().get(sizes.size() - 1), spec.bidirectionalMode()));
        }
        if (spec.head() == SequenceHead.ATTENTION) {
            // attention pooling over the valid steps (the feature mask reaches it and stops there), [mb, n, T] -> [mb, n];
            // attention size a = n
            list.layer(layerIndex++, new AttentionPooling.Builder().nIn(nIn).attentionSize(nIn).build());
        } else if (!spec.head().readsLastStep()) {
            // pooling over the valid steps (the feature mask reaches it), [mb, n, T] -> [mb, n]
            list.layer(layerIndex++, new GlobalPoolingLayer.Builder(spec.head().pooling()).collapseDimensions(true).build());
        }
        if (!spec.classWeights().isEmpty() && spec.classWeights().size() != classes) {
            throw new IllegalArgumentException("classWeights has " + spec.classWeights().size()
                    + " entries but the data have " + classes + " classes: give one weight per class, in label order");
        }
        OutputLayer.Builder out = new OutputLayer.Builder()
                .lossFunction(spec.classWeights().isEmpty() ? new LossMCXENT()
                        : new LossMCXENT(Nd4j.create(spec.classWeights().stream().mapToDouble(Double::doubleValue).toArray(),
                        new long[]{1, classes}, dataType)))
                .nIn(nIn).nOut(classes).activation(Activation.SOFTMAX);
        if (spec.dropout() > 0) {
            out.dropOut(retain);
        }
        // rnnlab's head computes DL4J's OutputLayer, its inference pass without ND4J's per-operation overhead; --impl dl4j
        // keeps DL4J's own
        list.layer(layerIndex, spec.implementation().resolve() == Implementation.RNNLAB ? SoftmaxOutput.of(out) : out.build());
        return list.build();
    }

    /**
     * Whether the network reads a bidirectional top layer through {@link BidirectionalLastStep} (head {@link SequenceHead#LAST}
     * of a bidirectional spec): each direction at its own final step.
     *
     * @throws IllegalArgumentException for a residual top layer merging its directions by ADD, MUL or AVERAGE: its skip
     *                                  connection adds the merged output, which cannot be split into the directions
     */
    static boolean perDirectionLastHead(ModelSpec spec) {
        if (!spec.bidirectional() || spec.head() != SequenceHead.LAST) {
            return false;
        }
        if (spec.residual() && spec.bidirectionalMode() != Bidirectional.Mode.CONCAT) {
            throw new IllegalArgumentException("head last of a residual bidirectional " + spec.bidirectionalMode() + " layer: the "
                    + "skip connection adds x to the merged directions, which the last head cannot read at their own final steps "
                    + "(forward at the last valid step, backward at step 0); use bidirectionalMode CONCAT, head mean, max or "
                    + "attention, or head last-step (both directions at the last valid step)");
        }
        return true;
    }

    /** One recurrent layer of the spec's cell; {@code retain > 0} sets input dropout (retain probability). */
    static BaseRecurrentLayer recurrentLayer(ModelSpec spec, long nIn, int hidden, double retain) {
        BaseRecurrentLayer.Builder<?> b = switch (spec.cell()) {
            case RNN -> spec.implementation().resolve() == Implementation.RNNLAB
                    ? new Rnn.Builder().activation(Activation.TANH)
                    : new SimpleRnn.Builder().activation(Activation.TANH);
            case LSTM -> spec.implementation().resolve() == Implementation.RNNLAB
                    ? new Lstm.Builder()
                    .activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID)
                    .forgetGateBiasInit(spec.forgetGateBias())
                    : new LSTM.Builder()
                    .activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID)
                    .forgetGateBiasInit(spec.forgetGateBias());
            case GRU -> new Gru.Builder()
                    .activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID);
        };
        b.nIn(nIn).nOut(hidden);
        if (retain > 0) {
            b.dropOut(retain);
        }
        return (BaseRecurrentLayer) b.build();
    }

    /**
     * The part of a token network after its embedding, as a network of its own that reads the
     * embedded sequence {@code [batch, embeddingSize, time]}: same layers, same parameters (copied).
     * For a dense network, the network itself. Used to measure gradients with respect to the
     * recurrent layers' inputs, which token ids do not have.
     *
     * @param net  a network built by this factory from {@code spec}
     * @param spec its spec
     */
    public static MultiLayerNetwork afterEmbedding(MultiLayerNetwork net, ModelSpec spec) {
        if (spec.input().kind() == InputSpec.Kind.DENSE) {
            return net;
        }
        DataType dataType = net.params().dataType();
        ModelSpec dense = spec.withInput(InputSpec.dense());
        MultiLayerNetwork twin = build(dense, spec.input().embeddingSize(), (int) net.getLayer(net.getnLayers() - 1)
                .getParam("W").size(1), dataType);
        for (int i = 0; i < twin.getnLayers(); i++) {
            if (twin.getLayer(i).numParams() > 0) { // pooling heads have none (params() is null)
                twin.getLayer(i).setParams(net.getLayer(i + 1).params().dup());
            }
        }
        return twin;
    }

    /** The embedded input {@code [batch, embeddingSize, time]} of token ids {@code [batch, time]} (token networks only). */
    public static INDArray embed(MultiLayerNetwork net, INDArray tokens) {
        return net.getLayer(0).activate(tokens, false, LayerWorkspaceMgr.noWorkspaces());
    }

    /**
     * Parameters of each layer of a network, in layer order; the counts add up to the network's
     * {@code numParams()}.
     */
    public static List<LayerParameters> parameterCounts(MultiLayerNetwork net) {
        List<LayerParameters> out = new ArrayList<>();
        org.deeplearning4j.nn.api.Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            Layer conf = net.getLayerWiseConfigurations().getConf(i).getLayer();
            out.add(new LayerParameters(i, describe(conf), layers[i].numParams()));
        }
        return out;
    }

    /**
     * Whether padding a minibatch changes this network's outputs: a bidirectional LSTM computed by DL4J's own
     * {@code Bidirectional} code reads its backward direction over the padding differently from the unpadded sequence
     * (docs/dl4j-findings.md), so a sequence's result would depend on the sequences beside it. That is DL4J's layer
     * ({@code --impl dl4j}, {@link ModelSpec#needsEqualLengthBatches}), and rnnlab's {@code KernelBidirectional} where its
     * kernels cannot run (another backend than the CPU, {@code -Drnnlab.kernels=off}, half precision), which falls back to
     * DL4J's code. Such a network is fed minibatches of one length ({@code SequenceClassifier}, {@code Evaluator}).
     */
    public static boolean paddingChangesOutputs(MultiLayerNetwork net) {
        boolean kernels = Nd4jRuntime.kernelsEnabled() && net.getLayerWiseConfigurations().getDataType() != DataType.HALF;
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer conf = net.getLayerWiseConfigurations().getConf(i).getLayer();
            while (conf instanceof LastTimeStep || conf instanceof Residual) {
                conf = conf instanceof LastTimeStep lts ? lts.getUnderlying() : ((Residual) conf).getUnderlying();
            }
            if (conf instanceof Bidirectional bi && bi.getFwd() instanceof org.deeplearning4j.nn.conf.layers.AbstractLSTM
                    && (!(bi instanceof KernelBidirectional) || !kernels)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBidirectional(Layer conf) {
        return conf instanceof Bidirectional || conf instanceof Residual res && res.getUnderlying() instanceof Bidirectional;
    }

    private static String describe(Layer conf) {
        if (conf instanceof LastTimeStep lts) {
            return describe(lts.getUnderlying()) + (isBidirectional(lts.getUnderlying()) ? " (last step, both directions)" : " (last step)");
        }
        if (conf instanceof BidirectionalLastStep head) {
            return "BidirectionalLastStep[" + head.getMerge() + "](forward at the last valid step, backward at step 0)";
        }
        if (conf instanceof AttentionPooling att) {
            return "AttentionPooling(" + att.getNIn() + ", attention " + att.getAttentionSize() + " over time)";
        }
        if (conf instanceof GlobalPoolingLayer pool) {
            return "GlobalPooling(" + pool.getPoolingType() + " over time)";
        }
        if (conf instanceof Residual res) {
            return "Residual(" + describe(res.getUnderlying())
                    + (res.projected() ? ", projection " + res.getNIn() + "->" + res.getNOut() : "") + ")";
        }
        if (conf instanceof Bidirectional bi) {
            return "Bidirectional[" + bi.getMode() + "](" + describe(bi.getFwd()) + ")";
        }
        String name = conf.getClass().getSimpleName();
        if (conf instanceof FeedForwardLayer ff) {
            return name + "(" + ff.getNIn() + "->" + ff.getNOut() + ")";
        }
        return name;
    }

    /**
     * Parameter count of one layer.
     *
     * @param index      layer index in the network
     * @param layer      what the layer is, e.g. {@code LSTM(9->64) (last step)}
     * @param parameters number of trainable parameters
     */
    public record LayerParameters(int index, String layer, long parameters) {
    }
}

package org.rnnlab.core;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * Everything that defines a recurrent sequence classifier, independent of the data it is trained on
 * (the input width and the number of classes are given to {@link NetworkFactory}). Immutable; the
 * compact constructor rejects invalid values with a message naming the field and its allowed range;
 * written to JSON by {@link Json} and read back equal.
 *
 * @param cell                  recurrent cell of every layer
 * @param hiddenSizes           units per recurrent layer, bottom first; several entries stack layers
 * @param bidirectional         whether each layer reads the sequence in both directions
 * @param bidirectionalMode     how the two directions are merged (CONCAT doubles the width)
 * @param dropout               probability of dropping an activation between layers, in [0, 1)
 * @param gradientNormalization DL4J's per-layer gradient normalization or clipping ({@code None} for none)
 * @param gradientThreshold     threshold of the clipping modes (> 0); ignored by the others
 * @param updater               optimiser
 * @param learningRate          learning rate, in (0, 10]
 * @param weightInit            weight initialisation scheme
 * @param forgetGateBias        initial bias of the LSTM forget gate (LSTM only; finite)
 * @param seed                  seed of the weight initialisation and dropout
 * @param input                 dense features or embedded token ids
 * @param implementation        who computes LSTM and RNN layers: rnnlab's kernels (default) or DL4J's {@code LSTM}
 *                              and {@code SimpleRnn} (see {@link Implementation}; GRU is always rnnlab's);
 *                              null, as read from files written before this field existed, means what those
 *                              were built with (DL4J's LSTM and SimpleRnn)
 * @param head                  how the classifier reads the output sequence ({@link SequenceHead}); null, as read
 *                              from files written before this field existed, means {@link SequenceHead#LAST}
 * @param residual              skip connections around every recurrent layer above the first:
 *                              {@code y = x + f(x)}, with a learned projection of {@code x} where the widths differ
 *                              (He et al. 2016, "Deep Residual Learning for Image Recognition", CVPR; Wu et al. 2016,
 *                              "Google's Neural Machine Translation System", arXiv:1609.08144, for recurrent stacks)
 * @param convolutions          1-D convolutions over time before the recurrent stack, bottom first (empty: none): over
 *                              the features (the DeepConvLSTM family: Ordóñez and Roggen 2016, Sensors 16(1):115) or
 *                              over the token embeddings (Kim 2014, "Convolutional Neural Networks for Sentence
 *                              Classification", EMNLP)
 * @param weightDecay           decoupled weight decay per update, as a fraction of the learning rate times the weight
 *                              (Loshchilov and Hutter 2019, "Decoupled Weight Decay Regularization", ICLR); 0 = none
 * @param classWeights          weight of each class in the cross-entropy loss, in label order (empty: all 1); for
 *                              imbalanced data, e.g. n / (k n_c), "balanced"
 */
public record ModelSpec(
        CellType cell,
        List<Integer> hiddenSizes,
        boolean bidirectional,
        Bidirectional.Mode bidirectionalMode,
        double dropout,
        GradientNormalization gradientNormalization,
        double gradientThreshold,
        UpdaterKind updater,
        double learningRate,
        WeightInit weightInit,
        double forgetGateBias,
        long seed,
        InputSpec input,
        Implementation implementation,
        SequenceHead head,
        boolean residual,
        List<Conv1d> convolutions,
        double weightDecay,
        List<Double> classWeights) {

    /** Default hidden size of one layer. */
    public static final int DEFAULT_HIDDEN = 64;
    /** Default learning rate (Adam). */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** Default clipping threshold when a clipping mode is chosen without one. */
    public static final double DEFAULT_CLIP_THRESHOLD = 1.0;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42;

    public ModelSpec {
        require(cell != null, "cell must be one of RNN, LSTM, GRU, got null");
        require(hiddenSizes != null && !hiddenSizes.isEmpty(), "hiddenSizes must hold at least one layer size, got " + hiddenSizes);
        hiddenSizes = Json.requireList(hiddenSizes, "hiddenSizes", "a list of layer sizes", "a layer size");
        for (int i = 0; i < hiddenSizes.size(); i++) {
            int h = hiddenSizes.get(i);
            require(h >= 1 && h <= 65_536, "hiddenSizes[" + i + "] must be in [1, 65536], got " + h);
        }
        require(bidirectionalMode != null, "bidirectionalMode must be one of CONCAT, ADD, MUL, AVERAGE, got null");
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(gradientNormalization != null, "gradientNormalization must be a DL4J GradientNormalization (None for none), got null");
        require(Double.isFinite(gradientThreshold) && gradientThreshold > 0,
                "gradientThreshold must be a finite number > 0, got " + gradientThreshold);
        require(updater != null, "updater must be one of ADAM, SGD, RMSPROP, NESTEROVS, got null");
        require(Double.isFinite(learningRate) && learningRate > 0 && learningRate <= 10,
                "learningRate must be in (0, 10], got " + learningRate);
        require(weightInit != null, "weightInit must be a DL4J WeightInit, got null");
        require(Double.isFinite(forgetGateBias), "forgetGateBias must be finite, got " + forgetGateBias);
        require(input != null, "input must be given (InputSpec.dense() or InputSpec.tokens(...)), got null");
        if (implementation == null) {
            implementation = cell == CellType.GRU ? Implementation.RNNLAB : Implementation.DL4J;
        }
        if (head == null) {
            head = SequenceHead.LAST;
        }
        convolutions = convolutions == null ? List.of() : Json.requireList(convolutions, "convolutions", "a list of convolutions",
                "a convolution");
        require(!residual || hiddenSizes.size() >= 2,
                "residual needs at least 2 stacked recurrent layers (the skip connections go around layers 2..n), got "
                        + hiddenSizes.size());
        require(Double.isFinite(weightDecay) && weightDecay >= 0 && weightDecay < 1,
                "weightDecay must be in [0, 1), got " + weightDecay);
        classWeights = classWeights == null ? List.of() : Json.requireList(classWeights, "classWeights", "a list of weights",
                "a weight");
        for (int i = 0; i < classWeights.size(); i++) {
            double w = classWeights.get(i);
            require(Double.isFinite(w) && w > 0, "classWeights[" + i + "] must be a finite number > 0, got " + w);
        }
    }

    /**
     * Reads a spec from JSON; {@code implementation} and {@code head} may be absent (files written before they
     * existed) and are then null, which the constructor reads as what those files were built with; so may the later
     * {@code residual}, {@code convolutions}, {@code weightDecay} and {@code classWeights} (absent: none).
     */
    @JsonCreator
    static ModelSpec fromJson(
            @JsonProperty("cell") CellType cell,
            @JsonProperty("hiddenSizes") List<Integer> hiddenSizes,
            @JsonProperty("bidirectional") boolean bidirectional,
            @JsonProperty("bidirectionalMode") Bidirectional.Mode bidirectionalMode,
            @JsonProperty("dropout") double dropout,
            @JsonProperty("gradientNormalization") GradientNormalization gradientNormalization,
            @JsonProperty("gradientThreshold") double gradientThreshold,
            @JsonProperty("updater") UpdaterKind updater,
            @JsonProperty("learningRate") double learningRate,
            @JsonProperty("weightInit") WeightInit weightInit,
            @JsonProperty("forgetGateBias") double forgetGateBias,
            @JsonProperty("seed") long seed,
            @JsonProperty("input") InputSpec input,
            @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
            @JsonProperty("implementation") Implementation implementation,
            @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
            @JsonProperty("head") SequenceHead head,
            @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
            @JsonProperty("residual") Boolean residual,
            @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
            @JsonProperty("convolutions") List<Conv1d> convolutions,
            @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
            @JsonProperty("weightDecay") Double weightDecay,
            @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
            @JsonProperty("classWeights") List<Double> classWeights) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, forgetGateBias, seed, input, implementation, head,
                residual != null && residual, convolutions, weightDecay == null ? 0.0 : weightDecay, classWeights);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("ModelSpec." + message);
        }
    }

    /** One layer of {@link #DEFAULT_HIDDEN} units of the given cell, Adam at 1e-3, no clipping, dense input. */
    public static ModelSpec of(CellType cell) {
        return new ModelSpec(cell, List.of(DEFAULT_HIDDEN), false, Bidirectional.Mode.CONCAT, 0.0,
                GradientNormalization.None, DEFAULT_CLIP_THRESHOLD, UpdaterKind.ADAM, DEFAULT_LEARNING_RATE,
                WeightInit.XAVIER, 1.0, DEFAULT_SEED, InputSpec.dense(), Implementation.RNNLAB, SequenceHead.LAST,
                false, List.of(), 0.0, List.of());
    }

    /** Defaults of {@link #of(CellType)} for an architecture such as {@code bilstm}. */
    public static ModelSpec of(Architecture architecture) {
        return of(architecture.cell()).withBidirectional(architecture.bidirectional());
    }

    /** The architecture (cell and direction). */
    public Architecture architecture() {
        return new Architecture(cell, bidirectional);
    }

    /** Number of stacked recurrent layers. */
    public int layers() {
        return hiddenSizes.size();
    }

    /** Whether a gradient clipping or renormalization mode is active. */
    public boolean clipped() {
        return gradientNormalization != GradientNormalization.None;
    }

    /** Width of one recurrent layer's output as the next layer sees it (doubled by a bidirectional CONCAT). */
    public int layerOutputWidth(int layer) {
        int h = hiddenSizes.get(layer);
        return bidirectional && bidirectionalMode == Bidirectional.Mode.CONCAT ? 2 * h : h;
    }

    /** Width of the last recurrent layer's output as the classifier sees it. */
    public int outputWidth() {
        int last = hiddenSizes.get(hiddenSizes.size() - 1);
        return bidirectional && bidirectionalMode == Bidirectional.Mode.CONCAT ? 2 * last : last;
    }

    /** A number as a user writes it: {@code 1.0}, {@code 0.0001} (not Java's {@code 1.0E-4}), {@code 50000000.0}. */
    public static String plain(double value) {
        String s = Double.toString(value);
        if (!s.contains("E") || !Double.isFinite(value)) {
            return s;
        }
        String plain = java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        if (plain.length() > 12) { // 1e-30 or 1e+25: positional notation would run to dozens of digits (a user's table)
            String sci = java.math.BigDecimal.valueOf(value).stripTrailingZeros().toString().replace("E+", "e").replace("E", "e");
            return sci;
        }
        return plain.contains(".") ? plain : plain + ".0";
    }

    /**
     * A gradient normalization in the form {@code --clip} takes: {@code none}, {@code l2:1.0}, {@code l2param:T},
     * {@code value:T}, {@code renorm}, {@code renormparam}.
     */
    public static String clipId(GradientNormalization mode, double threshold) {
        return switch (mode) {
            case None -> "none";
            case ClipL2PerLayer -> "l2:" + plain(threshold);
            case ClipL2PerParamType -> "l2param:" + plain(threshold);
            case ClipElementWiseAbsoluteValue -> "value:" + plain(threshold);
            case RenormalizeL2PerLayer -> "renorm";
            case RenormalizeL2PerParamType -> "renormparam";
        };
    }

    /** A short human-readable name, e.g. {@code bilstm-64x2-clip(l2:1.0)} or {@code gru-64-mean}. */
    public String label() {
        StringBuilder sb = new StringBuilder(architecture().id()).append('-');
        boolean uniform = hiddenSizes.stream().distinct().count() == 1;
        if (uniform) {
            sb.append(hiddenSizes.get(0));
            if (layers() > 1) {
                sb.append('x').append(layers());
            }
        } else {
            sb.append(String.join("-", hiddenSizes.stream().map(String::valueOf).toList()));
        }
        if (clipped()) {
            sb.append("-clip(").append(clipId(gradientNormalization, gradientThreshold)).append(')');
        }
        if (residual) {
            sb.append("-res");
        }
        if (!convolutions.isEmpty()) {
            sb.insert(0, "conv" + convolutions.size() + "-");
        }
        if (head != SequenceHead.LAST) {
            sb.append('-').append(head.id());
        }
        if (cell != CellType.GRU && implementation == Implementation.DL4J) {
            sb.append("-dl4j");
        }
        return sb.toString();
    }

    /**
     * Whether a padded minibatch changes this network's outputs: DL4J M2.1's own {@code Bidirectional(LSTM)}
     * ({@code --impl dl4j}) reads its backward direction over the padding differently from the unpadded sequence
     * (docs/dl4j-findings.md), so a sequence's prediction would depend on the other sequences of its minibatch. Such a
     * network is not trained on sequences of different lengths, and is fed minibatches of one length when it predicts
     * ({@link NetworkFactory#paddingChangesOutputs}, which also covers rnnlab's bidirectional LSTM where its kernels cannot run).
     */
    public boolean needsEqualLengthBatches() {
        return bidirectional && cell == CellType.LSTM && implementation == Implementation.DL4J;
    }

    public ModelSpec withCell(CellType v) {
        return new ModelSpec(v, hiddenSizes, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, forgetGateBias, seed, input, implementation,
                head, residual, convolutions, weightDecay, classWeights);
    }

    public ModelSpec withHiddenSizes(List<Integer> v) {
        return new ModelSpec(cell, v, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, forgetGateBias, seed, input, implementation,
                head, residual, convolutions, weightDecay, classWeights);
    }

    public ModelSpec withBidirectional(boolean v) {
        return new ModelSpec(cell, hiddenSizes, v, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, forgetGateBias, seed, input, implementation,
                head, residual, convolutions, weightDecay, classWeights);
    }

    public ModelSpec withBidirectionalMode(Bidirectional.Mode v) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, v, dropout, gradientNormalization, gradientThreshold,
                updater, learningRate, weightInit, forgetGateBias, seed, input, implementation, head, residual,
                convolutions, weightDecay, classWeights);
    }

    public ModelSpec withDropout(double v) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, v, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, forgetGateBias, seed, input, implementation,
                head, residual, convolutions, weightDecay, classWeights);
    }

    public ModelSpec withWeightInit(WeightInit v) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, v, forgetGateBias, seed, input, implementation, head,
                residual, convolutions, weightDecay, classWeights);
    }

    public ModelSpec withForgetGateBias(double v) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, v, seed, input, implementation, head, residual,
                convolutions, weightDecay, classWeights);
    }

    public ModelSpec withSeed(long v) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, forgetGateBias, v, input, implementation, head,
                residual, convolutions, weightDecay, classWeights);
    }

    public ModelSpec withImplementation(Implementation v) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, forgetGateBias, seed, input, v, head, residual,
                convolutions, weightDecay, classWeights);
    }

    /**
     * This spec as rnnlab built it before the {@code last} head of a bidirectional layer read each direction at its own
     * final step: a bidirectional spec with head {@link SequenceHead#LAST} becomes {@link SequenceHead#LAST_STEP} (both
     * directions at the last valid step); every other spec is returned as it is. For model bundles of format 2 and
     * older and checkpoints of format 2, whose networks were trained that way.
     */
    public ModelSpec asBuiltBeforeBidirectionalLastHead() {
        return bidirectional && head == SequenceHead.LAST ? withHead(SequenceHead.LAST_STEP) : this;
    }

    public ModelSpec withHead(SequenceHead v) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, forgetGateBias, seed, input, implementation, v,
                residual, convolutions, weightDecay, classWeights);
    }

    public ModelSpec withInput(InputSpec v) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, forgetGateBias, seed, v, implementation, head,
                residual, convolutions, weightDecay, classWeights);
    }

    public ModelSpec withResidual(boolean v) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, forgetGateBias, seed, input, implementation,
                head, v, convolutions, weightDecay, classWeights);
    }

    public ModelSpec withConvolutions(List<Conv1d> v) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, forgetGateBias, seed, input, implementation,
                head, residual, v, weightDecay, classWeights);
    }

    public ModelSpec withWeightDecay(double v) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, forgetGateBias, seed, input, implementation,
                head, residual, convolutions, v, classWeights);
    }

    public ModelSpec withClassWeights(List<Double> v) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, updater, learningRate, weightInit, forgetGateBias, seed, input, implementation,
                head, residual, convolutions, weightDecay, v);
    }

    public ModelSpec withGradientNormalization(GradientNormalization mode, double threshold) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, dropout, mode, threshold, updater,
                learningRate, weightInit, forgetGateBias, seed, input, implementation, head, residual, convolutions,
                weightDecay, classWeights);
    }

    public ModelSpec withUpdater(UpdaterKind kind, double rate) {
        return new ModelSpec(cell, hiddenSizes, bidirectional, bidirectionalMode, dropout, gradientNormalization,
                gradientThreshold, kind, rate, weightInit, forgetGateBias, seed, input, implementation, head,
                residual, convolutions, weightDecay, classWeights);
    }
}

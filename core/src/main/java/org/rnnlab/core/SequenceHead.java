package org.rnnlab.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * How a classifier reads the recurrent stack's output sequence: the last step, or a pooling over all valid
 * steps. With a feature mask, pooling ignores padded steps, so a padded sequence gets the same result as the
 * unpadded one.
 * <ul>
 *   <li>{@link #LAST}: {@code y = h_T}, the output at the last valid step (DL4J's {@code LastTimeStep}); the
 *       classifier of the gradient-flow experiments, where all of the loss enters at step T. Of a bidirectional
 *       layer, each direction's final state: {@code y = [→h_T ; ←h_1]}, the forward direction at the last valid step
 *       and the backward one at the first, after it has read the whole sequence backwards (PyTorch's {@code h_n},
 *       Keras' {@code Bidirectional(return_sequences=False)}; {@code org.rnnlab.core.layers.BidirectionalLastStep}).</li>
 *   <li>{@link #MEAN}: {@code y = (1/T) Σ_t h_t} over the valid steps: every step gets a direct share of the
 *       gradient (temporal average pooling, as in the DeepConvLSTM-style and InferSent baselines; Conneau et al.
 *       2017, "Supervised Learning of Universal Sentence Representations from Natural Language Inference Data",
 *       EMNLP).</li>
 *   <li>{@link #MAX}: {@code y_j = max_t h_{t,j}} over the valid steps (max pooling over time; Collobert et al.
 *       2011, "Natural Language Processing (Almost) from Scratch", JMLR 12; Conneau et al. 2017).</li>
 *   <li>{@link #ATTENTION}: {@code e_t = u · tanh(W h_t + b)}, {@code α = softmax(e)} over the valid steps,
 *       {@code y = Σ_t α_t h_t}: attention pooling with a learned query {@code u} (Yang et al. 2016, "Hierarchical
 *       Attention Networks for Document Classification", NAACL; Raffel and Ellis 2016, "Feed-Forward Networks with
 *       Attention Can Solve Some Long-Term Memory Problems", ICLR workshop).</li>
 *   <li>{@link #LAST_STEP}: the legacy last head, {@code y = h_T} of the merged output even for a bidirectional layer
 *       (DL4J's {@code LastTimeStep} around the whole layer), whose backward direction has then read one step only.
 *       What {@code last} built before rnnlab read bidirectional layers per direction (bundle format 2 and older,
 *       checkpoint format 2): such models are loaded with this head, so they predict as they were trained. Equal to
 *       {@link #LAST} for one-directional layers.</li>
 * </ul>
 */
public enum SequenceHead {
    /** The output of the last valid step. */
    LAST("last", null),
    /** The mean of the outputs over the valid steps. */
    MEAN("mean", PoolingType.AVG),
    /** The element-wise maximum of the outputs over the valid steps. */
    MAX("max", PoolingType.MAX),
    /**
     * A learned query's softmax-weighted mean of the outputs over the valid steps (rnnlab's
     * {@code org.rnnlab.core.layers.AttentionPooling}, attention size = the top layer's output width).
     */
    ATTENTION("attention", null),
    /**
     * The merged output at the last valid step, for bidirectional layers too (both directions at step T): the head
     * {@code last} built before rnnlab read a bidirectional layer's directions at their own final steps; kept for the
     * models trained with it.
     */
    LAST_STEP("last-step", null);

    private final String id;
    private final PoolingType pooling;

    SequenceHead(String id, PoolingType pooling) {
        this.id = id;
        this.pooling = pooling;
    }

    /**
     * The name on the command line and in labels: {@code last}, {@code mean}, {@code max}, {@code attention},
     * {@code last-step}.
     */
    public String id() {
        return id;
    }

    /** DL4J's global pooling type over time, or null for {@link #LAST}, {@link #ATTENTION} and {@link #LAST_STEP}. */
    PoolingType pooling() {
        return pooling;
    }

    /**
     * The head named {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SequenceHead parse(String name) {
        for (SequenceHead h : values()) {
            if (h.id.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown sequence head '" + name + "': expected one of "
                + Arrays.stream(values()).map(SequenceHead::id).collect(Collectors.joining(", ")));
    }

    /** Whether the head reads a step of the sequence ({@link #LAST}, {@link #LAST_STEP}), not a pooling over all steps. */
    public boolean readsLastStep() {
        return this == LAST || this == LAST_STEP;
    }

    @Override
    public String toString() {
        return id.toUpperCase(Locale.ROOT);
    }
}

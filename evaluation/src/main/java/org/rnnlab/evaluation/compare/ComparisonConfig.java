package org.rnnlab.evaluation.compare;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.List;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.CrossValidation;
import org.rnnlab.datasets.TagBands;
import org.rnnlab.evaluation.tune.TuningConfig;
import org.rnnlab.training.TrainingConfig;

/**
 * One comparison: every architecture x clip setting is trained once per seed with the same data and
 * the same training budget, then evaluated on the test split and probed for gradient flow.
 *
 * @param architectures  architectures to compare
 * @param clips          gradient normalization settings to compare
 * @param base           the model settings shared by all (hidden sizes, updater, learning rate, ...)
 * @param training       the training budget and settings shared by all
 * @param seeds          number of seeds; seed i uses {@code firstSeed + i} for weights and data order
 * @param firstSeed      first seed
 * @param probeExamples  test examples used for the gradient-flow probe (0 = no probe)
 * @param crossValidation k-fold cross-validation (every configuration and seed is trained once per fold and tested on
 *                       the fold's test part), or null to train on the dataset's training split and test on its test split
 * @param tuning         per-architecture tuning before the runs ({@code clips} then do not apply: clipping is tuned), or null
 * @param bands          bands of a tag (e.g. agreement's distance): every configuration and seed is trained and tested once per
 *                       band, on only the examples in it ({@link TagBands#select}); null to train on all examples at once
 * @param foldClassWeights with cross-validation and {@code --class-weights balanced}: the class weights of each fold's runs
 *                       (index = fold; {@link org.rnnlab.evaluation.train.ClassWeights#balancedPerFold}), from the sequences
 *                       that fold trains on, none of its test part; {@code base}'s weights are then those of all the pooled
 *                       sequences, which only tuning trials and a final model trained from this file use. Null when every
 *                       run trains with {@code base}'s weights (no weights, a file of weights, or no cross-validation), and in
 *                       files written before the weights were per fold (their runs used {@code base}'s, from the training
 *                       split carved before folding)
 * @param layers         the depths to compare, each crossed with every architecture and clip setting on the same seeds, folds
 *                       and bands, as {@code --layers 1,2} gives them ({@link #depths}); every layer of a depth has
 *                       {@code base}'s width, and {@code base} has the first depth. A depth other than 1 is named in the
 *                       configurations' names ({@code gru x2}; a user's one- and two-layer comparisons both named their GRU
 *                       {@code gru}). Null in files written before it (their runs have {@code base}'s depth, and their names
 *                       carry none) and for a tuned comparison, whose tuning chooses the depth
 */
public record ComparisonConfig(List<Architecture> architectures, List<ClipSetting> clips, ModelSpec base,
                               TrainingConfig training, int seeds, long firstSeed, int probeExamples,
                               CrossValidation crossValidation, TuningConfig tuning, TagBands bands,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<List<Double>> foldClassWeights,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> layers) {

    /** A comparison at {@code base}'s depth only, named without it (as files written before {@link #layers}). */
    public ComparisonConfig(List<Architecture> architectures, List<ClipSetting> clips, ModelSpec base,
                            TrainingConfig training, int seeds, long firstSeed, int probeExamples,
                            CrossValidation crossValidation, TuningConfig tuning, TagBands bands,
                            List<List<Double>> foldClassWeights) {
        this(architectures, clips, base, training, seeds, firstSeed, probeExamples, crossValidation, tuning, bands,
                foldClassWeights, null);
    }

    /** A comparison whose runs all train with {@code base}'s class weights. */
    public ComparisonConfig(List<Architecture> architectures, List<ClipSetting> clips, ModelSpec base,
                            TrainingConfig training, int seeds, long firstSeed, int probeExamples,
                            CrossValidation crossValidation, TuningConfig tuning, TagBands bands) {
        this(architectures, clips, base, training, seeds, firstSeed, probeExamples, crossValidation, tuning, bands, null);
    }

    /** A comparison without bands. */
    public ComparisonConfig(List<Architecture> architectures, List<ClipSetting> clips, ModelSpec base,
                            TrainingConfig training, int seeds, long firstSeed, int probeExamples,
                            CrossValidation crossValidation, TuningConfig tuning) {
        this(architectures, clips, base, training, seeds, firstSeed, probeExamples, crossValidation, tuning, null);
    }

    /** A comparison without cross-validation, tuning or bands. */
    public ComparisonConfig(List<Architecture> architectures, List<ClipSetting> clips, ModelSpec base,
                            TrainingConfig training, int seeds, long firstSeed, int probeExamples) {
        this(architectures, clips, base, training, seeds, firstSeed, probeExamples, null, null, null);
    }

    /** Reads a config; {@code crossValidation}, {@code tuning} and {@code bands} are absent in files written before they existed (none). */
    @JsonCreator
    static ComparisonConfig fromJson(@JsonProperty("architectures") List<Architecture> architectures,
                                     @JsonProperty("clips") List<ClipSetting> clips,
                                     @JsonProperty("base") ModelSpec base,
                                     @JsonProperty("training") TrainingConfig training,
                                     @JsonProperty("seeds") int seeds,
                                     @JsonProperty("firstSeed") long firstSeed,
                                     @JsonProperty("probeExamples") int probeExamples,
                                     @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                     @JsonProperty("crossValidation") CrossValidation crossValidation,
                                     @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                     @JsonProperty("tuning") TuningConfig tuning,
                                     @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                     @JsonProperty("bands") TagBands bands,
                                     @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                     @JsonProperty("bidirectionalLast") String bidirectionalLast,
                                     @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                     @JsonProperty("foldClassWeights") List<List<Double>> foldClassWeights,
                                     @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                     @JsonProperty("layers") List<Integer> layers,
                                     @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                     @JsonProperty("tunedFields") List<String> writtenTunedFields,
                                     @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                                     @JsonProperty("tuned") com.fasterxml.jackson.databind.JsonNode writtenTuned) {
        // tunedFields and tuned are written for readers of the file; the tuning's settings and trials say the same
        // a file written before the bidirectional last head read each direction's final state: its bidirectional runs read
        // both at the last step (last-step), which is the same network for one-directional cells; so --resume and --config
        // train what it trained, not a mix of the two heads
        boolean before = bidirectionalLast == null && base != null && base.head() == org.rnnlab.core.SequenceHead.LAST
                && architectures != null && architectures.stream().anyMatch(Architecture::bidirectional);
        return new ComparisonConfig(architectures, clips, before ? base.withHead(org.rnnlab.core.SequenceHead.LAST_STEP) : base,
                training, seeds, firstSeed, probeExamples, crossValidation, tuning, bands, foldClassWeights, layers);
    }

    /**
     * The fields of {@code base} (and {@code clips}) a tuning chooses for each architecture, written in a tuned comparison's
     * config.json (null otherwise): there {@code base} holds compare's defaults before tuning, which no run used (trial 78d
     * F2: a user reading "what did the runs use" in config.json read hidden 64 and lr 0.005 where the runs had 1 x 16 at
     * 0.0186 and 2 x 32 at 0.00394). The values chosen are in tuning.json ({@code architectures[].chosen}) and, once the
     * comparison has ended, in config.json's {@value #TUNED} beside these ({@link ComparisonFiles#recordTuned}).
     */
    @JsonProperty("tunedFields")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public List<String> tunedFields() {
        return tuning == null ? null : TUNED_FIELDS;
    }

    /** The fields of {@link #tunedFields}. */
    public static final List<String> TUNED_FIELDS = List.of("base.learningRate", "base.hiddenSizes", "base.dropout",
            "base.gradientNormalization", "base.gradientThreshold", "base.head", "base.residual", "clips");

    /** The key of config.json's {@code comparison} object under which a tuned comparison records each architecture's chosen settings. */
    public static final String TUNED = "tuned";

    /** Written in every file: see {@link org.rnnlab.evaluation.train.TrainRequest#bidirectionalLast}. */
    @JsonProperty("bidirectionalLast")
    public String bidirectionalLast() {
        return org.rnnlab.evaluation.train.TrainRequest.PER_DIRECTION_LAST;
    }

    public ComparisonConfig {
        architectures = List.copyOf(architectures);
        clips = List.copyOf(clips);
        if (architectures.isEmpty()) {
            throw new IllegalArgumentException("ComparisonConfig.architectures must name at least one architecture");
        }
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("ComparisonConfig.clips must hold at least one setting (none for no clipping)");
        }
        if (seeds < 1 || seeds > 1000) {
            throw new IllegalArgumentException("ComparisonConfig.seeds must be in [1, 1000], got " + seeds);
        }
        if (probeExamples < 0) {
            throw new IllegalArgumentException("ComparisonConfig.probeExamples must be >= 0, got " + probeExamples);
        }
        if (foldClassWeights != null) {
            if (crossValidation == null || foldClassWeights.size() != crossValidation.folds()) {
                throw new IllegalArgumentException("ComparisonConfig.foldClassWeights must hold one list of weights per "
                        + "cross-validation fold, got " + foldClassWeights.size() + (crossValidation == null ? " without folds"
                        : " for " + crossValidation.folds() + " folds"));
            }
            foldClassWeights = foldClassWeights.stream().map(List::copyOf).toList();
        }
        if (layers != null) {
            layers = List.copyOf(layers);
            if (layers.isEmpty() || layers.stream().anyMatch(l -> l < 1 || l > MAX_LAYERS) || layers.stream().distinct().count() < layers.size()) {
                throw new IllegalArgumentException("ComparisonConfig.layers must hold distinct depths in [1, " + MAX_LAYERS + "], got "
                        + layers);
            }
            if (tuning != null) {
                throw new IllegalArgumentException("ComparisonConfig.layers " + layers + " cannot be combined with tuning, which "
                        + "chooses the depth");
            }
            if (base.hiddenSizes().size() != layers.get(0) || base.hiddenSizes().stream().distinct().count() != 1) {
                throw new IllegalArgumentException("ComparisonConfig.layers " + layers + " needs a base of " + layers.get(0)
                        + " layer(s) of one width, got hidden sizes " + base.hiddenSizes());
            }
            if (base.residual() && layers.stream().anyMatch(l -> l < 2)) {
                throw new IllegalArgumentException("ComparisonConfig.layers " + layers + ": skip connections (residual) need 2 "
                        + "layers or more in every depth");
            }
        }
        if (bands != null && (crossValidation != null || tuning != null)) {
            throw new IllegalArgumentException("bands (" + bands.describe() + ") cannot be combined with "
                    + (crossValidation != null ? "cross-validation" : "tuning") + ": each band is its own train and test split");
        }
    }

    /** The most stacked layers a depth may have (as {@code --layers}). */
    public static final int MAX_LAYERS = 100;

    /** Number of training runs after tuning (one clip setting and depth per architecture when tuned: its chosen ones). */
    public int runs() {
        return architectures.size() * (tuning == null ? clips.size() * depths().size() : 1) * seeds * folds()
                * (bands == null ? 1 : bands.size());
    }

    /** The depths compared ({@link #layers}), or {@code base}'s alone. */
    public List<Integer> depths() {
        return layers == null ? List.of(base.hiddenSizes().size()) : layers;
    }

    /** {@code spec} with {@code depth} layers of {@code base}'s width (unchanged at {@code base}'s depth). */
    public ModelSpec atDepth(ModelSpec spec, int depth) {
        return depth == spec.hiddenSizes().size() ? spec
                : spec.withHiddenSizes(java.util.Collections.nCopies(depth, spec.hiddenSizes().get(0)));
    }

    /**
     * The depth as configurations' names carry it ({@link Comparison#configurationName(Architecture, int, ClipSetting, boolean)}):
     * whenever {@link #layers} is recorded and the depth is not 1.
     */
    public boolean namesDepth(int depth) {
        return layers != null && depth != 1;
    }

    /** Folds per configuration and seed: 1 without cross-validation. */
    public int folds() {
        return crossValidation == null ? 1 : crossValidation.folds();
    }

    /** The same comparison with cross-validation (null for none). */
    public ComparisonConfig withCrossValidation(CrossValidation cv) {
        return new ComparisonConfig(architectures, clips, base, training, seeds, firstSeed, probeExamples, cv, tuning, bands,
                cv == null ? null : foldClassWeights, layers);
    }

    /** The same comparison with {@code t} training every run ({@code compare --config}: the tie rule of an older comparison). */
    public ComparisonConfig withTraining(TrainingConfig t) {
        return new ComparisonConfig(architectures, clips, base, t, seeds, firstSeed, probeExamples, crossValidation, tuning, bands,
                foldClassWeights, layers);
    }

    /** The same comparison with tuning (null for none). */
    public ComparisonConfig withTuning(TuningConfig t) {
        return new ComparisonConfig(architectures, clips, base, training, seeds, firstSeed, probeExamples, crossValidation, t, bands,
                foldClassWeights, t == null ? layers : null);
    }

    /** The same comparison with each fold's class weights ({@link #foldClassWeights}; null: {@code base}'s for every run). */
    public ComparisonConfig withFoldClassWeights(List<List<Double>> weights) {
        return new ComparisonConfig(architectures, clips, base, training, seeds, firstSeed, probeExamples, crossValidation, tuning,
                bands, weights, layers);
    }

    /** The model of fold {@code fold}'s runs: {@code spec} with that fold's class weights ({@link #foldClassWeights}), if any. */
    public ModelSpec withFoldWeights(ModelSpec spec, Integer fold) {
        return foldClassWeights == null || fold == null ? spec : spec.withClassWeights(foldClassWeights.get(fold));
    }

    /** The same comparison with bands (null for none). */
    public ComparisonConfig withBands(TagBands b) {
        return new ComparisonConfig(architectures, clips, base, training, seeds, firstSeed, probeExamples, crossValidation, tuning, b,
                foldClassWeights, layers);
    }

    /**
     * The model and training settings every configuration shares, in words, e.g. {@code 2 recurrent layers of 16 units,
     * last-step head, adam at lr 0.005 times 0.5 every 2 epochs, weight decay 0.001, minibatches of 32}: the front end
     * (embedding, convolutions), depth and width, skip connections, head, dropout, updater, learning rate and its schedule,
     * weight decay, minibatch size, augmentation, the epoch selection when it is not accuracy and DL4J's layers; class
     * weights with {@link #describeModel(List)}. The configurations' names give only the cell and clip (a user's two reports
     * at depths 1 and 2 looked alike, and another's left out weight decay and the schedule). The epoch budget is said beside
     * it (the runs, and {@link TrainingLengths#describe}).
     */
    public String describeModel() {
        List<Integer> h = base.hiddenSizes();
        boolean uniform = h.stream().distinct().count() == 1;
        StringBuilder sb = new StringBuilder();
        if (base.input().embeddingSize() > 0) {
            sb.append("an embedding of ").append(base.input().embeddingSize()).append(", then ");
        }
        if (!base.convolutions().isEmpty()) {
            sb.append("causal convolution(s) ").append(String.join(",", base.convolutions().stream().map(Object::toString).toList()))
                    .append(", then ");
        }
        List<Integer> depths = depths();
        sb.append(depths.size() > 1 ? depths.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" or "))
                + " recurrent layers of " + h.get(0) + " units (the depth by configuration)"
                : h.size() == 1 ? "1 recurrent layer of " + h.get(0) + " units"
                : uniform ? h.size() + " recurrent layers of " + h.get(0) + " units" : h.size() + " recurrent layers of " + h + " units");
        if (base.residual()) {
            sb.append(" with skip connections");
        }
        sb.append(", ").append(base.head().id()).append(" head");
        if (base.head() == org.rnnlab.core.SequenceHead.LAST && architectures.stream().anyMatch(Architecture::bidirectional)) {
            sb.append(" (bidirectional: forward at the last step, backward at the first)");
        }
        if (base.head() == org.rnnlab.core.SequenceHead.LAST_STEP && architectures.stream().anyMatch(a -> !a.bidirectional())) {
            List<String> one = architectures.stream().filter(a -> !a.bidirectional()).map(Architecture::id).toList();
            sb.append(one.size() == architectures.size() ? " (the same as last for one-directional cells)"
                    : " (for " + String.join(", ", one) + " the same as last)");
        }
        if (base.dropout() > 0) {
            sb.append(", dropout ").append(base.dropout());
        }
        sb.append(", ").append(base.updater().name().toLowerCase(java.util.Locale.ROOT)).append(" at lr ")
                .append(org.rnnlab.core.ModelSpec.plain(base.learningRate()));
        // the other settings that change the runs (a user's line left out weight decay and the schedule)
        org.rnnlab.training.LearningRateSchedule schedule = training.schedule();
        if (schedule.kind() == org.rnnlab.training.LearningRateSchedule.Kind.COSINE) {
            sb.append(" with cosine decay");
        } else if (schedule.kind() == org.rnnlab.training.LearningRateSchedule.Kind.STEP) {
            sb.append(" times ").append(org.rnnlab.core.ModelSpec.plain(schedule.factor())).append(" every ").append(schedule.every())
                    .append(schedule.every() == 1 ? " epoch" : " epochs");
        }
        if (base.weightDecay() > 0) {
            sb.append(", weight decay ").append(org.rnnlab.core.ModelSpec.plain(base.weightDecay()));
        }
        sb.append(", minibatches of ").append(training.batchSize());
        if (training.augmentation().enabled()) {
            sb.append(", augmentation ").append(training.augmentation());
        }
        if (training.selection() != org.rnnlab.training.EpochSelection.ACCURACY) {
            sb.append(", epoch kept by validation ").append(training.selection().label());
        }
        if (base.implementation() == org.rnnlab.core.Implementation.DL4J
                && architectures.stream().anyMatch(a -> a.cell() != org.rnnlab.core.CellType.GRU)) {
            sb.append(", DL4J's LSTM and RNN layers (--impl dl4j)");
        }
        return sb.toString();
    }

    /**
     * {@link #describeModel(List)} of a tuned comparison: the settings a trial takes from the search space given as the space
     * holds them ({@link org.rnnlab.evaluation.tune.SearchSpace#describe}), not the base's values, which no run used when the
     * space replaces them (trial 78j F3); then the base's settings that stay (updater, schedule, minibatches, class weights).
     * {@link #describeModel(List)} itself without a tuning.
     */
    public String describeTunedModel(List<String> labelNames) {
        String all = describeModel(labelNames);
        if (tuning == null) {
            return all;
        }
        String rate = " at lr " + org.rnnlab.core.ModelSpec.plain(base.learningRate());
        int at = all.indexOf(rate);
        String prefix = (base.input().embeddingSize() > 0 ? "an embedding of " + base.input().embeddingSize() + ", then " : "")
                + (base.convolutions().isEmpty() ? "" : "causal convolution(s) " + String.join(",",
                base.convolutions().stream().map(Object::toString).toList()) + ", then ");
        return prefix + "tuned: " + tuning.space().describe() + "; " + base.updater().name().toLowerCase(java.util.Locale.ROOT)
                + (at < 0 ? "" : all.substring(at + rate.length()));
    }

    /**
     * The training budget every run is given, e.g. {@code up to 20 epochs, early stopping after 5 epochs without validation
     * gain, time budget 2 s} (the terminal's line beside {@link #describeModel}; the report says it with what the runs used
     * of it, {@link TrainingLengths#describe}).
     */
    public String describeBudget() {
        StringBuilder sb = new StringBuilder("up to ").append(training.epochs()).append(training.epochs() == 1 ? " epoch" : " epochs");
        if (training.patience() > 0) {
            sb.append(", early stopping after ").append(training.patience()).append(" epochs without validation gain");
        }
        if (training.timeBudgetSeconds() > 0) {
            sb.append(", time budget ").append(TrainAgain.seconds(training.timeBudgetSeconds()));
        }
        if (training.lengthBatches()) {
            sb.append(", minibatches of similar lengths (--batching by-length)");
        }
        return sb.toString();
    }

    /**
     * {@link #describeModel()} with the class weights of the loss when they are not all 1, by label as the terminal printed
     * them, e.g. {@code ..., adam at lr 0.005, class weights bearing_wear=5.21, misalignment=9.26, ok=0.370} (a user's report
     * of a --class-weights comparison did not say the loss was weighted).
     *
     * @param labelNames the data's classes, in the order of the weights
     */
    public String describeModel(List<String> labelNames) {
        List<Double> w = base.classWeights();
        if (foldClassWeights != null) {
            return describeModel() + ", class weights balanced per fold, from each fold's training part (config.json, "
                    + "comparison.foldClassWeights)";
        }
        if (w.isEmpty() || w.size() != labelNames.size()) {
            return describeModel();
        }
        return describeModel() + ", class weights " + org.rnnlab.evaluation.train.ClassWeights.describe(labelNames, w);
    }
}

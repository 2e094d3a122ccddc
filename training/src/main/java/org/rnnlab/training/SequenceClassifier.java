package org.rnnlab.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceBatchIterator;
import org.rnnlab.datasets.text.TextEncoder;
import org.rnnlab.datasets.text.UnknownWords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded model that classifies raw sequences: it checks their shape, prepares their values as {@code rnnlab predict} reads
 * a file of them (a model trained on CSV data: its codes for a missing value, {@code --set naValues}, read as missing; its
 * {@code --missing} policy; its per-sequence scaling, {@code --set sequenceScaling}: {@link InputPreparation}), applies
 * the stored normaliser and returns labelled probabilities (a trial's Java program got chance-level answers from a model
 * trained with sequence scaling, where rnnlab predict got 1.0). Safe to call from many threads at once: each call borrows a copy of the network
 * from the classifier's own pool and gives it back when done (DL4J networks are not thread-safe), so there are at most as
 * many copies as calls that ran at the same time, and they belong to the classifier: once the classifier is unreachable
 * so are they (no thread keeps one).
 *
 * <p>{@link #close()} releases the copies and the network now, with their native memory, rather than at the next garbage
 * collection: a program that loads many models (or the same one again and again) should close each when done, e.g. with
 * try-with-resources. After {@code close()} every prediction is an {@link IllegalStateException}.
 *
 * <p>Samples that arrive one at a time (one sequence per device) are classified by {@link #stream()}'s
 * {@link PredictionStream}s, each step equal to {@code predict} of the prefix read so far, at a constant cost per sample.
 */
public final class SequenceClassifier implements AutoCloseable {
    private static final int BATCH = 256;
    private static final Logger LOG = LoggerFactory.getLogger(SequenceClassifier.class);

    private final MultiLayerNetwork network;
    private final NormalizerStandardize normalizer;
    private final ModelCard card;
    /**
     * Copies of the network that no call is using (a network's layers keep their working arrays between calls, so calls
     * at the same time cannot share one): a call takes one, or copies the network when there is none, and gives it back.
     * They belong to this classifier, not to the threads that used them: they were each thread's own (ThreadLocal), and
     * a program that loaded the same model hundreds of times and predicted on a pool of 4 threads kept 339 networks and
     * 1.0-1.6 GB of native memory alive in the pool's threads after dropping every classifier (a user's program).
     * Held softly: a copy keeps arrays as large as the largest request it classified, and a server whose idle copies had
     * each once classified 256 sequences of 2,000 steps held 210 MB apiece for good and ran out of heap (a user's
     * service). The JVM clears soft references before it runs out of memory; a call then copies the network again
     * (milliseconds).
     */
    private final java.util.concurrent.ConcurrentLinkedDeque<java.lang.ref.SoftReference<MultiLayerNetwork>> idle =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile boolean closed;
    private final Optional<TextEncoder> encoder;
    /** Whether padding changes the network's outputs: then each minibatch holds sequences of one length. */
    private final boolean equalLengthBatches;
    /** The lengths the model was trained on: {@link #predict} warns of sequences far outside them. */
    private final TrainedLengths lengths;
    /** What {@link #predict} does to raw values before the normaliser: the model's missing-value codes, policy and scaling. */
    private final InputPreparation preparation;
    /** The standardiser's training mean and sd of each feature (null without one), which the far-values checks judge by. */
    private final float[] mean;
    private final float[] std;

    SequenceClassifier(MultiLayerNetwork network, NormalizerStandardize normalizer, ModelCard card) {
        this.network = network;
        this.normalizer = normalizer;
        this.card = card;
        this.encoder = card.encoder();
        this.equalLengthBatches = NetworkFactory.paddingChangesOutputs(network);
        this.lengths = TrainedLengths.of(card);
        this.preparation = InputPreparation.of(card);
        this.mean = normalizer == null ? null : normalizer.getMean().toFloatVector();
        this.std = normalizer == null ? null : normalizer.getStd().toFloatVector();
        this.lowConfidenceCutOffs = card.heldOutConfidence()
                .map(c -> c.cutOffs(HeldOutConfidence.DEFAULT_CUT_OFF, card.labelNames())).orElse(null);
    }

    /**
     * The card's held-out p05 of the top-class probability for a sequence predicted as each class, in label order
     * ({@link Prediction#lowConfidence()}): the class's own where the card records it, else the one over all classes; null
     * without quantiles.
     */
    private final double[] lowConfidenceCutOffs;

    /** Whether this model reads text (it carries a tokenizer and vocabulary). */
    public boolean readsText() {
        return encoder.isPresent();
    }

    /**
     * Classifies texts with the stored tokenizer, vocabulary and length limit. Texts with no word of the vocabulary, and texts
     * with far more unknown words than new text like the model's training texts holds ({@link TextEncoder#manyUnknownWords}:
     * another alphabet, another kind of text), are classified all the same and logged as a warning (SLF4J, logger
     * {@code org.rnnlab.training.SequenceClassifier}) naming their indexes, as {@code rnnlab predict} warns of them.
     *
     * @throws InvalidSequenceException for a null text or one without tokens (empty or white space only), naming its index
     *                                   ({@link InvalidSequenceException#sequence()})
     */
    public List<Prediction> predictTexts(List<String> texts) {
        return predictTexts(texts, true);
    }

    /**
     * Classifies as {@link #predictTexts} does, without logging texts with no word of the vocabulary or with many unknown
     * words: for callers that
     * report them their own way (each text's {@code encoding(text).unknownOnly()} and {@code manyUnknownWords(encoding)} of
     * {@code card().encoder().orElseThrow()}), as
     * {@link #predictUnwarned(List)} is for sequences.
     */
    public List<Prediction> predictTextsUnwarned(List<String> texts) {
        return predictTexts(texts, false);
    }

    private List<Prediction> predictTexts(List<String> texts, boolean warn) {
        if (texts == null) {
            throw new IllegalArgumentException("texts is null (expected a list of texts)");
        }
        TextEncoder e = encoder.orElseThrow(() -> new IllegalStateException("this model reads sequences of "
                + card.input().featureCount() + " features " + card.input().featureNames() + ", not text (it has no tokenizer or "
                + "vocabulary): classify them with predict(sequences), each [time][feature]"));
        List<float[][]> encoded = new ArrayList<>();
        UnknownWords.Tally unknown = new UnknownWords.Tally(e);
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw InvalidSequenceException.of("text " + i + " is null (expected a string with some words)", i);
            }
            if (!e.hasTokens(texts.get(i))) {
                throw InvalidSequenceException.of("text " + i + " has no tokens: it is empty or white space only (expected some words)", i);
            }
            TextEncoder.Encoding encoding = e.encoding(texts.get(i));
            if (warn) {
                unknown.add(Integer.toString(i), texts.get(i), encoding);
            }
            encoded.add(encoding.values());
        }
        if (warn) {
            // as rnnlab predict warns and serve flags (noKnownWord, unknownWordShare): a Java program's user saw a plain answer
            unknown.noKnownWordWarning("text(s) at index").ifPresent(LOG::warn);
            unknown.manyUnknownWarning("text(s) at index").ifPresent(LOG::warn);
        }
        return predictUnwarned(encoded);
    }

    /** Classifies one text (refused as {@link #predictTexts} refuses it, as text 0). */
    public Prediction predictText(String text) {
        return predictTexts(Collections.singletonList(text)).get(0);
    }

    /**
     * One prediction. A value: {@code equals} and {@code hashCode} compare the probabilities' contents, and the record keeps
     * its own copy of them ({@code probabilities()} returns a fresh copy each call, so changing it changes no prediction).
     *
     * @param index         predicted class index
     * @param label         predicted class name
     * @param probabilities probability of each class, in label order
     * @param lowConfidence whether the top-class probability is below the {@code p05} of the model's held-out split
     *                      predicted as the same class (over all classes for a class predicted fewer than
     *                      {@value HeldOutConfidence#MIN_PER_CLASS} times there, and in older cards)
     *                      ({@link HeldOutConfidence}: less confident than 95% of the sequences the model was checked on, so
     *                      the sequence may be unlike the training data: a class the model does not know, another device).
     *                      A confidence heuristic, not open-set recognition. Null when the card records no such quantiles
     *                      (older models) and for a {@link PredictionStream}'s steps (prefixes, not whole sequences)
     * @param constantFeatures the names of the features the sequence holds at one value over all its steps (at least
     *                      {@value TrainingRange#CONSTANT_STEPS} values, steps of 0 in every feature not counted) where under
     *                      1% of the training sequences did ({@link TrainingRange#constantFeatures}): a frozen sensor, a dead
     *                      channel, a repeated frame, which the model reads as data (serve's {@code "constantFeatures"}, the
     *                      same rule). Empty when none, for a card without the training shares (older models, text models)
     *                      and for a {@link PredictionStream}'s steps
     * @param farFromTraining the names of the features, in the model's order, whose values in this sequence, judged alone,
     *                      lie far outside the training data: what {@code rnnlab predict}'s {@code far_from_training} column
     *                      and serve's {@code "farFromTraining"} name for it ({@link FarFromTraining#ofSequence} of the values
     *                      as the model reads them: a tenth of them over 10 training sd out, every value within 1/100 of
     *                      the training data's magnitude, a code for a missing value; for a model that scales each sequence
     *                      by its own statistics also {@link WrittenValues#ofSequence} of the values as written: a code or
     *                      spikes the scaling hides). A service can return it with the answer (trial 76a: the API's only
     *                      trace of gyroscopes in rad/s for a model trained in deg/s was a log line). The same whatever
     *                      else is in the call. Empty when none, for text models, models without a standardiser, from
     *                      {@link #predictPrepared} (its callers judge the values as they read them) and for a
     *                      {@link PredictionStream}'s steps
     * @param farReasons    why: for each feature of {@code farFromTraining}, one reason or more ({@link FarReason}: the check
     *                      that marked it, {@link FarReason.Kind#UNIT} another unit or scale, with the °F/°C words for a
     *                      temperature; {@link FarReason.Kind#TINY}; {@link FarReason.Kind#CODE} a code for a missing value;
     *                      {@link FarReason.Kind#SPIKES}, and the words of {@code predict}'s warning for this sequence), in
     *                      feature order: a service can tell a unit from a code without reading the log (trial 76e: a leg in
     *                      °F and a leg with -99 codes had the same marks). Empty where {@code farFromTraining} is
     */
    public record Prediction(int index, String label, double[] probabilities, Boolean lowConfidence,
                             List<String> constantFeatures, List<String> farFromTraining, List<FarReason> farReasons) {
        public Prediction {
            probabilities = probabilities == null ? null : probabilities.clone();
            constantFeatures = constantFeatures == null ? List.of() : List.copyOf(constantFeatures);
            farFromTraining = farFromTraining == null ? List.of() : List.copyOf(farFromTraining);
            farReasons = farReasons == null ? List.of() : List.copyOf(farReasons);
        }

        /** A prediction without reasons for its far-from-training marks ({@code farReasons} empty). */
        public Prediction(int index, String label, double[] probabilities, Boolean lowConfidence, List<String> constantFeatures,
                          List<String> farFromTraining) {
            this(index, label, probabilities, lowConfidence, constantFeatures, farFromTraining, List.of());
        }

        /** A prediction without a far-from-training mark ({@code farFromTraining} empty). */
        public Prediction(int index, String label, double[] probabilities, Boolean lowConfidence, List<String> constantFeatures) {
            this(index, label, probabilities, lowConfidence, constantFeatures, List.of());
        }

        /**
         * Whether the prediction is marked less confident than 95% of the model's held-out sequences: {@link #lowConfidence()}
         * with false for a model whose card has no quantiles (where {@code if (p.lowConfidence())} throws a
         * NullPointerException); {@code lowConfidence()} tells "not judged" (null) apart.
         */
        public boolean isLowConfidence() {
            return Boolean.TRUE.equals(lowConfidence);
        }

        /** A prediction without a constant-feature mark ({@code constantFeatures} empty). */
        public Prediction(int index, String label, double[] probabilities, Boolean lowConfidence) {
            this(index, label, probabilities, lowConfidence, List.of());
        }

        /** A prediction without a confidence mark ({@code lowConfidence} null). */
        public Prediction(int index, String label, double[] probabilities) {
            this(index, label, probabilities, null);
        }

        /** A copy of the probabilities of each class, in label order. */
        @Override
        public double[] probabilities() {
            return probabilities == null ? null : probabilities.clone();
        }

        /** The probability of the predicted class. */
        public double topProbability() {
            return probabilities[index];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Prediction p && index == p.index && java.util.Objects.equals(label, p.label)
                    && Arrays.equals(probabilities, p.probabilities) && java.util.Objects.equals(lowConfidence, p.lowConfidence)
                    && constantFeatures.equals(p.constantFeatures) && farFromTraining.equals(p.farFromTraining)
                    && farReasons.equals(p.farReasons);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * index + java.util.Objects.hashCode(label)) + Arrays.hashCode(probabilities))
                    + java.util.Objects.hashCode(lowConfidence) + 37 * constantFeatures.hashCode() + 41 * farFromTraining.hashCode()
                    + 43 * farReasons.hashCode();
        }

        @Override
        public String toString() {
            return "Prediction[index=" + index + ", label=" + label + ", probabilities=" + Arrays.toString(probabilities)
                    + (lowConfidence == null ? "" : ", lowConfidence=" + lowConfidence)
                    + (constantFeatures.isEmpty() ? "" : ", constantFeatures=" + constantFeatures)
                    + (farFromTraining.isEmpty() ? "" : ", farFromTraining=" + farFromTraining)
                    + (farReasons.isEmpty() ? "" : ", farReasons=" + farReasons) + "]";
        }
    }

    /**
     * A new stream: one sequence read a sample at a time, each {@link PredictionStream#step} returning what
     * {@link #predict(float[][])} gives for the samples read so far, in constant time and memory per sample (one stream per
     * device of a service that receives samples one by one). Cheap: the model's parameters are copied into plain arrays
     * once per classifier, on the first call, and shared by its streams; a stream holds only its state.
     *
     * @throws UnsupportedOperationException for a model that cannot be streamed (bidirectional, text, convolutions,
     *                                       per-sequence scaling), saying why and to predict sliding windows instead
     * @throws IllegalStateException         when the classifier is closed
     */
    public PredictionStream stream() {
        ensureOpen();
        StreamingNetwork s = streaming;
        if (s == null) {
            String refused = StreamingNetwork.refusal(card); // before the network is read: the model's setting, not a layer
            if (refused != null) {
                throw new UnsupportedOperationException(refused);
            }
            cloning.readLock().lock(); // close() frees the network under the write lock
            try {
                ensureOpen();
                synchronized (cloning) {
                    s = streaming;
                    if (s == null) {
                        s = StreamingNetwork.of(network, normalizer, card);
                        streaming = s;
                    }
                }
            } finally {
                cloning.readLock().unlock();
            }
        }
        return new PredictionStream(this, s, preparation);
    }

    /** The network as plain arrays for {@link PredictionStream}s, made by the first {@link #stream()}. */
    private volatile StreamingNetwork streaming;

    /**
     * The model card (spec, labels, input description, metrics, provenance). {@link ModelCard#notAboveMajorityBaseline()}
     * says when the model did not beat always predicting its most frequent training class on its run's test split, as
     * {@code rnnlab predict} warns and {@code serve} logs (nothing is logged here: a program decides what to do with it).
     */
    public ModelCard card() {
        return card;
    }

    /**
     * The model as its messages name it: {@code SequenceClassifier[gru-16, 6 features [acc_x, ...], labels [compensated,
     * good, unsafe]]}, {@code , closed} once closed (a service logging its classifier printed {@code SequenceClassifier@21ca139c}).
     */
    @Override
    public String toString() {
        return "SequenceClassifier[" + card.spec().label() + ", " + (readsText() ? "text" : card.input().featureCount()
                + " features " + card.input().featureNames()) + ", labels " + card.labelNames() + (closed ? ", closed" : "") + "]";
    }

    /** Class names, in the model's order: sorted, not as a training file first held them (probabilities come in this order). */
    public List<String> labelNames() {
        return card.labelNames();
    }

    /**
     * The time axis of a wide model whose step columns are named by numbers ({@code --set layout=wide}, e.g. a spectrum's
     * wavelengths {@code 908.1, 914.3, ...}): the column names in step order, so that step {@code t} of a sequence given to
     * {@link #predict(float[][])} is the value of column {@code stepColumns().get(t)} (of feature {@code value}). Neither this
     * API nor the ONNX graph checks the columns (predict refuses a file without exactly these names in this order): read
     * your values in this order. Empty for other models (long layouts, and wide files of {@code FEATURE<step>} columns).
     */
    public List<String> stepColumns() {
        return card.csvSchema().map(org.rnnlab.datasets.csv.CsvSchema::wide).map(org.rnnlab.datasets.csv.WideLayout::axis)
                .map(List::copyOf).orElse(List.of());
    }

    /** The feature standardiser stored with the model, or null. */
    public NormalizerStandardize normalizer() {
        return normalizer;
    }

    /**
     * The network (shared; do not call it from several threads). Its {@code rnnTimeStep} fails at the {@code last} head
     * (the wrapper passes a {@code [1, H, 1]} step to the output layer): step samples with {@link #stream()}.
     */
    public MultiLayerNetwork network() {
        return network;
    }

    /** Classifies one sequence, {@code [time][feature]}. */
    public Prediction predict(float[][] sequence) {
        return predict(Collections.singletonList(sequence)).get(0); // a null sequence is refused by check, as sequence 0
    }

    /**
     * Classifies sequences of any lengths ({@code [time][feature]} each), in minibatches. Raw values are prepared first as
     * {@code rnnlab predict} reads a file ({@link InputPreparation}). What {@code rnnlab predict} warns of is logged as a
     * warning (SLF4J, logger {@code org.rnnlab.training.SequenceClassifier}), the sequences named by their place in
     * {@code sequences}, and predicted all the same: sequences of a sequence model over twice as long as the longest it was
     * trained on, or under half the shortest ({@link TrainedLengths}); features far outside the training data over the call
     * ({@link FarFromTraining#judge}: another unit); each sequence's marks ({@link Prediction#farFromTraining}: every value
     * tiny, a code for a missing value, and for a model that scales each sequence by its own statistics codes and spikes as
     * written, {@link WrittenValues}), judged sequence by sequence so that they do not depend on how the caller batches;
     * missing values the model's policy filled; under {@code sequenceScaling=standardize} a sequence flat in every feature;
     * features held at one value ({@link Prediction#constantFeatures}). The checks of a whole file's level or spread
     * ({@link FeatureDrift}) are {@code rnnlab predict}'s, not run here: a service runs them over a window of requests with
     * {@link FeatureDrift#judge(SequenceClassifier, List)}. The log names sequences by their place in the call ({@code
     * sequence 0} for each one-sequence call); {@link #predictUnwarned} with the marks, and the public checks these lines
     * come from ({@link #prepare}), give the same as data.
     *
     * @throws InvalidSequenceException for a sequence this model cannot read (null or empty, a step of the wrong width, a
     *                                  value that is not finite, a missing value its policy does not fill), with the
     *                                  sequence, step and feature as accessors as well as in the message: the caller's input
     *                                  is at fault (a service's HTTP 400)
     * @throws IllegalArgumentException for a null list
     */
    public List<Prediction> predict(List<float[][]> sequences) {
        List<Sequence> batch = checked(sequences);
        List<float[][]> written = written(sequences);
        List<Prediction> out = classify(batch, written, 0, true);
        if (!readsText() && LOG.isWarnEnabled()) {
            int[] steps = batch.stream().mapToInt(Sequence::length).toArray();
            List<String> names = java.util.stream.IntStream.range(0, steps.length).mapToObj(i -> "sequence " + i).toList();
            lengths.warnings(names, steps).forEach(LOG::warn);
            warnFilled(sequences);
            if (normalizer != null) {
                warnFar(batch.stream().map(Sequence::values).toList(), written, out);
            }
            warnFlat(batch);
            // as rnnlab predict warns, and each prediction says which (constantFeatures)
            List<Integer> frozen = java.util.stream.IntStream.range(0, out.size())
                    .filter(i -> !out.get(i).constantFeatures().isEmpty()).boxed().toList();
            if (!frozen.isEmpty()) {
                LOG.warn("{} of these {} sequence(s) hold a feature at one value over all their steps, which under 1% of the "
                        + "training sequences did: e.g. sequence {} ({}): a frozen sensor, a dead channel, a repeated frame? Their "
                        + "predictions read it as data (Prediction.constantFeatures names them)", frozen.size(), out.size(),
                        frozen.get(0), out.get(frozen.get(0)).constantFeatures());
            }
        }
        return out;
    }

    /**
     * The sequences' values as the model reads them, before its standardiser: checked and prepared as {@link #predict}
     * prepares raw values ({@link InputPreparation}: the model's codes for a missing value, its {@code --missing} policy,
     * its per-sequence scaling, {@code --set sequenceScaling}), for a service's own checks of a window of requests, such as
     * {@link FeatureDrift#judge(SequenceClassifier, List)}: the card's statistics ({@code normalizer()}, {@code
     * card().trainingRange()}) are those of these values. A trial's service judged a per-sequence-scaled model's raw values
     * against them and had every window named, the normal ones too (its temperatures 7.3 training sd above the scaled
     * training mean 0), with no public call that prepared them. Copies where the model changes something; a sequence it
     * leaves as it is (no code, no missing value, no scaling) is the given array itself: do not modify it. Nothing is
     * logged; the marks are {@link #predict}'s.
     *
     * @throws IllegalArgumentException as {@link #predict} refuses a sequence, naming it by its place in {@code sequences}
     */
    public List<float[][]> prepare(List<float[][]> sequences) {
        return checked(sequences).stream().map(Sequence::values).toList();
    }

    /** {@code sequence 3, sequence 7 and 2 more}: the first few of {@code indexes}. */
    private static String named(List<Integer> indexes) {
        int shown = Math.min(indexes.size(), FarFromTraining.FAR_CELLS_SHOWN);
        return indexes.subList(0, shown).stream().map(i -> "sequence " + i).collect(java.util.stream.Collectors.joining(", "))
                + (indexes.size() > shown ? " and " + (indexes.size() - shown) + " more" : "");
    }

    /**
     * Logs the missing values (NaN, or the model's codes for one) that the model's {@code --missing} policy filled in, as
     * {@code rnnlab predict} notes them (trial 76a: the API filled 100 codes without a trace).
     */
    private void warnFilled(List<float[][]> sequences) {
        if (!preparation.missing().fillsIn()) {
            return;
        }
        long cells = 0;
        List<Integer> filled = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            int here = preparation.missingCells(sequences.get(i));
            if (here > 0) {
                cells += here;
                filled.add(i);
            }
        }
        if (!filled.isEmpty()) {
            LOG.warn("filled {} missing value(s) (NaN{}) in {} of these {} sequence(s): {} (--missing {}: {})", cells,
                    preparation.codes().isEmpty() ? "" : ", or the model's codes for a missing value " + preparation.codes(),
                    filled.size(), sequences.size(), named(filled), preparation.missing(), preparation.fillWords());
        }
    }

    /**
     * Logs what {@code rnnlab predict} warns of values far outside the training data: the features of the whole call
     * ({@link FarFromTraining#judge}, as predict judges a file); per feature the sequences whose every value is tiny next to
     * the training data's, each judged alone ({@link FarFromTraining#narrow}; judged over the whole call it depended on the
     * batching: trial 76a's gyroscope in rad/s in 3 of 40 sequences was logged for each predicted alone and not at all in
     * the batch); codes for a missing value, as the model reads the values, or as written for a model that scales each
     * sequence by its own statistics ({@link WrittenValues}: the scaling bends a -999 into the sequence's own mean and sd),
     * with the spikes such a model hides; and the sequences marked ({@link Prediction#farFromTraining}).
     *
     * @param values  the sequences as the model reads them
     * @param written the sequences as written, for a model that scales each sequence; else null
     */
    private void warnFar(List<float[][]> values, List<float[][]> written, List<Prediction> out) {
        List<String> features = card.input().featureNames();
        TrainingRange range = card.trainingRange(); // null in older cards: the sd rule alone
        // as rnnlab predict warns (a trial's temperatures in Fahrenheit went through the Java API without a word)
        for (FarFromTraining.Feature far : values.size() == 1 ? FarFromTraining.judgeOne(values.get(0), mean, std, range)
                : FarFromTraining.judge(values, mean, std, range)) {
            if (far.outside()) { // every value beyond the training range, under 10 sd (a wide feature in °F)
                LOG.warn("feature {} of this sequence lies far outside the training data: {}: another unit or scale? The "
                        + "prediction is an extrapolation", features.get(far.index()), far.describe(features.get(far.index()),
                        mean[far.index()], std[far.index()], range).substring(features.get(far.index()).length() + 4));
                continue;
            }
            LOG.warn("feature {} of these {} sequence(s) lies far outside the training data: {}% of its values over {} "
                    + "training sd from the training mean {} (sd {}); here {} to {}: another unit or scale? The predictions "
                    + "are extrapolations", features.get(far.index()), values.size(),
                    Math.round(100.0 * far.beyond() / far.values()), FarFromTraining.FAR, mean[far.index()],
                    std[far.index()], far.low(), far.high());
        }
        // every value tiny (volts for microvolts), each sequence judged alone as predict's far_from_training judges it
        java.util.Map<Integer, List<Integer>> narrowIn = new java.util.TreeMap<>();
        java.util.Map<Integer, double[]> largest = new java.util.HashMap<>(); // the largest |value| of those, and the scale
        for (int i = 0; i < values.size(); i++) {
            for (FarFromTraining.Narrow narrow : FarFromTraining.narrow(List.<float[][]>of(values.get(i)), mean, std, range)) {
                narrowIn.computeIfAbsent(narrow.index(), f -> new ArrayList<>()).add(i);
                double[] m = largest.computeIfAbsent(narrow.index(), f -> new double[] {0, narrow.scale()});
                m[0] = Math.max(m[0], narrow.maxAbs());
            }
        }
        narrowIn.forEach((f, in) -> {
            double[] m = largest.get(f);
            LOG.warn("feature {} lies far outside the training data in {} of these {} sequence(s), each judged alone: every value "
                    + "within {} of 0, 1/{} of the training data's magnitude {} (mean {}, sd {}) or less: {}: another unit (volts "
                    + "for microvolts)? The predictions are extrapolations (Prediction.farFromTraining names the feature)",
                    features.get(f), in.size(), values.size(), String.format(java.util.Locale.ROOT, "%.2g", m[0]),
                    new FarFromTraining.Narrow(f, 0, m[0], m[1]).ratioText(), String.format(java.util.Locale.ROOT, "%.4g", m[1]),
                    mean[f], std[f], named(in));
        });
        if (written == null) {
            // codes for a missing value in a few cells, which the share above does not reach (a trial's -999 in 0.5%)
            for (FarFromTraining.Code code : FarFromTraining.codes(values, mean, std, range)) {
                LOG.warn("feature {} of these {} sequence(s) holds {} in {} cell(s) of {} sequence(s) (e.g. sequence {}), far outside "
                        + "the training data (training mean {}, sd {}): it looks like a code for a missing value, and is read as a "
                        + "number; {}", features.get(code.index()), values.size(), code.value(), code.count(), code.sequences(),
                        code.first(), mean[code.index()], std[code.index()], preparation.codeAdvice(codeText(code.value())));
            }
        } else {
            // scaled, a code or spike lies a few sd out as a peak does: judged on the values as written, as predict judges them
            for (FarFromTraining.Code code : WrittenValues.codes(written, std)) {
                LOG.warn("feature {} of these {} sequence(s) holds {} in {} cell(s) of {} sequence(s) (e.g. sequence {}), over {} sd "
                        + "of its sequence's other values from their mean (judged on the values as written, before each sequence's "
                        + "own scaling, sequenceScaling {}, which a code bends: it moves the whole sequence's mean and sd): it looks "
                        + "like a code for a missing value, and is read as a number; {}", features.get(code.index()), values.size(),
                        code.value(), code.count(), code.sequences(), code.first(), FarFromTraining.FAR, preparation.scaling(),
                        preparation.codeAdvice(codeText(code.value())));
            }
            warnSpikes(written, range, features);
        }
        List<Integer> marked = java.util.stream.IntStream.range(0, out.size()).filter(i -> !out.get(i).farFromTraining().isEmpty())
                .boxed().toList();
        if (!marked.isEmpty() && marked.size() < out.size()) { // all of them: the lines above name the features
            LOG.warn("{} of these {} sequence(s) have values far outside the training data, each judged alone as rnnlab predict's "
                    + "far_from_training column marks it: e.g. sequence {} ({}): their predictions are extrapolations "
                    + "(Prediction.farFromTraining names the features)", marked.size(), out.size(), marked.get(0),
                    out.get(marked.get(0)).farFromTraining());
        }
    }

    /** {@code -999} for a whole number, else the float as Java writes it. */
    private static String codeText(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Float.toString(v);
    }

    /**
     * Logs the spikes of {@code written} (sequences as written, of a model that scales each by its own statistics), per
     * feature, as {@code rnnlab predict} counts them over a file ({@link WrittenValues#spikes}; codes are named as codes).
     */
    private void warnSpikes(List<float[][]> written, TrainingRange range, List<String> features) {
        for (int f = 0; f < std.length; f++) {
            long cells = 0;
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            List<Integer> holding = new ArrayList<>();
            for (int i = 0; i < written.size(); i++) {
                boolean[][] spikes = WrittenValues.spikes(written.get(i), mean, std, range);
                long here = 0;
                for (int t = 0; t < spikes.length; t++) {
                    float x = written.get(i)[t][f];
                    if (spikes[t][f] && !org.rnnlab.datasets.csv.MissingValues.codeLike(x)) {
                        here++;
                        low = Math.min(low, x);
                        high = Math.max(high, x);
                    }
                }
                if (here > 0) {
                    cells += here;
                    holding.add(i);
                }
            }
            if (cells > 0) {
                LOG.warn("feature {}: {} cell(s) in {} of these {} sequence(s) are spikes, {} as written: each a run of up to {} steps "
                        + "(or of one value held) beyond both its neighbours, by over {} times its sequence's usual step-to-step "
                        + "change, that scaled by the rest of its sequence lies over {} training sd out; each sequence's own scaling "
                        + "(sequenceScaling {}) bends around them and hides them: {}. Their predictions read them as data",
                        features.get(f), cells, holding.size(), written.size(), low == high ? String.format(java.util.Locale.ROOT,
                        "%.4g", low) : String.format(java.util.Locale.ROOT, "%.4g to %.4g", low, high), WrittenValues.SPIKE_STEPS,
                        FarFromTraining.FAR, FarFromTraining.FAR, preparation.scaling(), named(holding));
            }
        }
    }

    /**
     * Logs the sequences that {@code sequenceScaling=standardize} reads as 0 at every step: one value over all their steps
     * in every feature (a dead or saturated sensor, a blank row), as {@code rnnlab predict} warns of them (trial 76a: an
     * all-zero IMU sequence came back a confident 'unsafe' without a word).
     */
    private void warnFlat(List<Sequence> batch) {
        List<Integer> flat = java.util.stream.IntStream.range(0, batch.size())
                .filter(i -> preparation.scaling().flattens(batch.get(i).values())).boxed().toList();
        if (!flat.isEmpty()) {
            LOG.warn("{} of these {} sequence(s) have one value over all their steps in every feature: {}; the model standardises "
                    + "each sequence by its own standard deviation (sequenceScaling standardize), 0 for these, so it reads 0 at "
                    + "every step whatever their value, and answers as for any flat line: a dead or saturated sensor, a blank "
                    + "row? Their predictions read it as data", flat.size(), batch.size(), named(flat));
        }
    }

    /**
     * Classifies as {@link #predict(List)} does, without logging untested lengths: for callers that report them their own
     * way, per sequence (rnnlab predict names each sequence's id, serve flags each answer, the latency benchmark would log
     * one warning per timed call).
     */
    public List<Prediction> predictUnwarned(List<float[][]> sequences) {
        return predictUnwarned(sequences, 0);
    }

    /**
     * {@link #predictUnwarned(List)} for a part of a longer input that starts at sequence {@code first} of it: errors name
     * the sequence by its place in the whole input (rnnlab predict classifies a large input part by part, writing each
     * part's predictions as they come).
     */
    public List<Prediction> predictUnwarned(List<float[][]> sequences, int first) {
        if (first < 0) {
            throw new IllegalArgumentException("first is " + first + " (expected the 0-based place of the first sequence in the "
                    + "whole input, >= 0)");
        }
        return classify(checked(sequences, first), written(sequences), first, true);
    }

    /**
     * Classifies sequences as the model reads them, already prepared as {@link #predict} prepares raw values (the model's
     * codes for a missing value, its missing-value policy and its per-sequence scaling, {@link InputPreparation}): for
     * callers that did that while reading (rnnlab predict reads files, serve reads JSON), so that it is not done twice.
     * Without logging untested lengths; errors name the sequence by its place from {@code first}.
     */
    public List<Prediction> predictPrepared(List<float[][]> sequences, int first) {
        if (first < 0) {
            throw new IllegalArgumentException("first is " + first + " (expected the 0-based place of the first sequence in the "
                    + "whole input, >= 0)");
        }
        return classify(checked(sequences, first, false), null, first, false);
    }

    /** {@link #checkInputs} of sequences already prepared ({@link #predictPrepared}). */
    public void checkPreparedInputs(List<float[][]> sequences) {
        checked(sequences, 0, false);
    }

    /**
     * Checks every sequence as {@link #predict} would (shape, finite values), naming the first that fails: for callers that
     * classify an input part by part and write each part's answers as they come, so that bad input fails before anything
     * is written.
     *
     * @throws InvalidSequenceException naming the sequence (0-based) and what is wrong
     */
    public void checkInputs(List<float[][]> sequences) {
        checked(sequences);
    }

    /** The sequences, each checked ({@link #check}), as unlabelled {@link Sequence}s. */
    private List<Sequence> checked(List<float[][]> sequences) {
        return checked(sequences, 0);
    }

    private List<Sequence> checked(List<float[][]> sequences, int first) {
        return checked(sequences, first, true);
    }

    private List<Sequence> checked(List<float[][]> sequences, int first, boolean prepare) {
        ensureOpen();
        if (sequences == null) {
            throw new IllegalArgumentException("sequences is null (expected a list of sequences, [time][feature] each)");
        }
        InputDescription in = card.input();
        List<Sequence> batch = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            batch.add(new Sequence(check(first + i, sequences.get(i), in, prepare), 0));
        }
        return batch;
    }

    /**
     * The sequences as written ({@link InputPreparation#written}: the model's codes as NaN), for a model that scales each
     * sequence by its own statistics and has a standardiser to judge them by ({@link WrittenValues}); null for other models.
     * Call after the sequences were checked.
     */
    private List<float[][]> written(List<float[][]> sequences) {
        if (readsText() || normalizer == null || preparation.scaling() == org.rnnlab.datasets.csv.SequenceScaling.NONE) {
            return null;
        }
        return sequences.stream().map(preparation::written).toList();
    }

    /**
     * @param written the sequences as written ({@link #written}), or null
     * @param judge   whether to mark each prediction's {@link Prediction#farFromTraining}
     */
    private List<Prediction> classify(List<Sequence> batch, List<float[][]> written, int first, boolean judge) {
        MultiLayerNetwork net = borrow();
        List<Prediction> out;
        try {
            out = classify(net, batch, first);
        } finally {
            giveBack(net);
        }
        if (judge && !readsText() && normalizer != null) {
            for (int i = 0; i < out.size(); i++) {
                float[][] asWritten = written == null ? null : written.get(i);
                List<String> far = farFromTraining(batch.get(i).values(), asWritten);
                if (!far.isEmpty()) {
                    Prediction p = out.get(i);
                    out.set(i, new Prediction(p.index(), p.label(), p.probabilities(), p.lowConfidence(), p.constantFeatures(), far,
                            FarReason.ofSequence(batch.get(i).values(), asWritten, mean, std, card.trainingRange(),
                                    card.input().featureNames())));
                }
            }
        }
        return out;
    }

    /**
     * The features one sequence is marked far outside the training data for, as {@code rnnlab predict}'s
     * {@code far_from_training} column marks it: {@link FarFromTraining#ofSequence} of {@code values} (as the model reads
     * them) and, for a model that scales each sequence, {@link WrittenValues#ofSequence} of {@code written}.
     */
    private List<String> farFromTraining(float[][] values, float[][] written) {
        TrainingRange range = card.trainingRange();
        java.util.SortedSet<Integer> marked = FarFromTraining.ofSequence(values, mean, std, range);
        if (written != null) {
            marked.addAll(WrittenValues.ofSequence(written, mean, std, range));
        }
        return marked.stream().map(card.input().featureNames()::get).toList();
    }

    /**
     * The names of the features {@code values} (as the model reads them) holds at one value where training (almost) never
     * did ({@link TrainingRange#constantFeatures}, serve's rule); empty for a card without the shares or a text model.
     */
    private List<String> constantFeatures(float[][] values) {
        TrainingRange range = card.trainingRange();
        if (readsText() || range == null || !range.hasConstantShares() || range.size() != card.input().featureCount()) {
            return List.of();
        }
        return range.constantFeatures(values, categoryFeatures()).stream().map(f -> card.input().featureNames().get(f)).toList();
    }

    /**
     * The features that are categories, not measurements: the columns of the card's recorded one-hot groups
     * ({@link org.rnnlab.datasets.csv.OneHotGroup}) and 0/1 flags (training values 0 to 1, with the variance of a 0/1 column,
     * mean · (1 − mean), in the standardiser). Held at one value over a sequence they are a category not in use, not a
     * frozen sensor ({@link TrainingRange#constantFeatures(float[][], java.util.Set)}); empty for a text model.
     */
    public java.util.Set<Integer> categoryFeatures() {
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        if (readsText()) {
            return out;
        }
        card.csvSchema().map(org.rnnlab.datasets.csv.CsvSchema::oneHot).ifPresent(groups -> groups.forEach(g -> out.addAll(g.features())));
        TrainingRange range = card.trainingRange();
        NormalizerStandardize n = normalizer();
        if (range != null && n != null) {
            out.addAll(range.flagFeatures(n.getMean().toFloatVector(), n.getStd().toFloatVector()));
        }
        return out;
    }

    private List<Prediction> classify(MultiLayerNetwork net, List<Sequence> batch, int first) {
        InputDescription in = card.input();
        Prediction[] out = new Prediction[batch.size()];
        for (List<Integer> chunk : SequenceBatchIterator.minibatches(batch, BATCH, equalLengthBatches)) {
            DataSet ds = SequenceBatchIterator.batch(chunk.stream().map(batch::get).toList(), in.featureCount(), card.labelNames().size());
            if (normalizer != null) {
                normalizer.preProcess(ds);
            }
            INDArray probs = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
            for (int i = 0; i < probs.rows(); i++) {
                double[] p = probs.getRow(i).toDoubleVector();
                if (!Arrays.stream(p).allMatch(Double::isFinite)) {
                    throw new OutputNotANumber(first + chunk.get(i), notANumber(ds.getFeatures().slice(i), normalizer != null,
                            in.featureNames()));
                }
                // train --calibrate prior / temperature: the card's prior correction and T applied here, so that predict,
                // evaluate and serve agree (the prior correction may move the predicted class: the argmax is taken after it)
                p = card.calibrated(p);
                int best = 0;
                for (int c = 1; c < p.length; c++) {
                    if (p[c] > p[best]) {
                        best = c;
                    }
                }
                // less confident than 95% of the held-out sequences predicted as the same class (the card's p05 of that class,
                // else over all): null for a card without them
                out[chunk.get(i)] = new Prediction(best, card.labelNames().get(best), p,
                        lowConfidenceCutOffs == null ? null : p[best] < lowConfidenceCutOffs[best],
                        constantFeatures(batch.get(chunk.get(i)).values()));
            }
        }
        return new ArrayList<>(Arrays.asList(out));
    }

    /**
     * Why a sequence's probabilities are not numbers: its values ({@code features}, as the network reads them: standardised
     * when {@code standardised}) are so large that its products overflow 32-bit floats (a user's 3e38, within the float range, came back as a
     * confident first label with NaN probabilities, and as the string "NaN" from the server).
     */
    public static String notANumber(INDArray features, boolean standardised, List<String> featureNames) {
        double largest = features.amaxNumber().doubleValue();
        return "the model's output is not a number: its values reach " + String.format(java.util.Locale.ROOT, "%.3g", largest)
                + (standardised ? " after standardisation with the model's means and standard deviations" : "")
                + ", too large for the network's 32-bit arithmetic (" + featureNames.size() + " features " + featureNames
                + "); values on the scale of the training data are expected";
    }

    /**
     * A sequence whose probabilities are not numbers (its values overflow the network's float arithmetic): bad input, as
     * the other errors of {@link #predict}, with the sequence's place in the input for callers that name it their own way.
     */
    public static final class OutputNotANumber extends InvalidSequenceException {
        private static final long serialVersionUID = 1L;
        private final int index;

        private final String reason;

        OutputNotANumber(int index, String reason) {
            super("sequence " + index + ": " + reason, index, -1, null);
            this.index = index;
            this.reason = reason;
        }

        /** Why, without the sequence: {@link #notANumber}. */
        public String reason() {
            return reason;
        }

        /** The sequence's place in the input (0-based). */
        public int index() {
            return index;
        }
    }

    /** An idle copy of the network, or a new one when there is none (or the JVM reclaimed them). */
    MultiLayerNetwork borrow() {
        ensureOpen();
        for (java.lang.ref.SoftReference<MultiLayerNetwork> ref; (ref = idle.pollFirst()) != null; ) {
            MultiLayerNetwork net = ref.get();
            if (net != null) {
                return net;
            }
        }
        // under the read lock: close() frees the network under the write lock, never while a copy of it is being made
        cloning.readLock().lock();
        try {
            ensureOpen();
            return network.clone();
        } finally {
            cloning.readLock().unlock();
        }
    }

    /** Held (shared) while the network is copied, (exclusively) while close() frees it. */
    private final java.util.concurrent.locks.ReadWriteLock cloning = new java.util.concurrent.locks.ReentrantReadWriteLock();

    /** Gives a borrowed copy back to the pool; closes it instead when the classifier was closed meanwhile. */
    void giveBack(MultiLayerNetwork net) {
        idle.addFirst(new java.lang.ref.SoftReference<>(net));
        if (closed) {
            releaseIdle();
        }
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this SequenceClassifier (" + card.spec().label() + ") is closed: load the model "
                    + "again (ModelBundle.load) to classify with it");
        }
    }

    private void releaseIdle() {
        for (java.lang.ref.SoftReference<MultiLayerNetwork> ref; (ref = idle.pollFirst()) != null; ) {
            MultiLayerNetwork net = ref.get();
            if (net != null) {
                net.close();
            }
        }
    }

    /**
     * Releases the classifier's copies of the network and the network itself, with their native memory (DL4J's
     * {@code MultiLayerNetwork.close()}): for a program that loads many models, without waiting for the garbage collector.
     * Calls still running finish; their copies are released as they end. Afterwards every {@code predict...} call is an
     * {@link IllegalStateException}, and {@link #network()} must not be used. Closing twice does nothing. A classifier
     * that is not closed is still reclaimed with its copies once unreachable.
     */
    @Override
    public void close() {
        synchronized (idle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        releaseIdle();
        cloning.writeLock().lock(); // after any copy being made from it
        try {
            network.close();
        } finally {
            cloning.writeLock().unlock();
        }
    }

    /** For a text model: where its texts go (predict takes token ids, which predictTexts makes). */
    private static String textHint(InputDescription in) {
        return in.kind() == InputDescription.Kind.TOKENS
                ? "; this model reads text: classify strings with predictTexts(texts), which turns them into token ids" : "";
    }

    private float[][] check(int index, float[][] seq, InputDescription in, boolean prepare) {
        if (seq == null) {
            throw InvalidSequenceException.of("sequence " + index + " is null (expected [time][feature] values)", index);
        }
        if (seq.length == 0) {
            throw InvalidSequenceException.of("sequence " + index + " is empty: expected at least one time step", index);
        }
        for (int t = 0; t < seq.length; t++) {
            if (seq[t] == null) {
                throw new InvalidSequenceException("sequence " + index + ", step " + t + " is null (expected " + in.featureCount()
                        + " values " + in.featureNames() + ")", index, t, null);
            }
            if (seq[t].length != in.featureCount()) {
                throw new InvalidSequenceException("sequence " + index + ", step " + t + ": " + seq[t].length
                        + " values, expected " + in.featureCount() + " " + in.featureNames() + textHint(in), index, t, null);
            }
        }
        if (prepare) {
            preparation.refuseInfinite(index, seq, in.featureNames()); // before scaling turns a feature holding one into NaN
            seq = preparation.prepare(index, seq, in.featureNames());
        }
        for (int t = 0; t < seq.length; t++) {
            for (int f = 0; f < seq[t].length; f++) {
                float v = seq[t][f];
                if (!Float.isFinite(v)) {
                    throw new InvalidSequenceException("sequence " + index + ", step " + t + ", "
                            + preparation.feature(t, f, in.featureNames()) + ": " + v + " is not a finite number" + (Float.isNaN(v) && preparation.refusesMissing()
                            ? " (a missing value: the model fills none, it was trained with --missing error)" : ""), index, t,
                            in.featureNames().get(f));
                }
                if (in.kind() == InputDescription.Kind.TOKENS && (v < 0 || v >= in.vocabularySize() || v != Math.rint(v))) {
                    throw new InvalidSequenceException("sequence " + index + ", step " + t + ": token id " + v
                            + (v != Math.rint(v) ? " is not a whole number (expected an id of the vocabulary [0, "
                            : " outside the vocabulary [0, ") + in.vocabularySize() + (v != Math.rint(v) ? "))" : ")") + textHint(in),
                            index, t, null);
                }
            }
        }
        return seq;
    }
}

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

    SequenceClassifier(MultiLayerNetwork network, NormalizerStandardize normalizer, ModelCard card) {
        this.network = network;
        this.normalizer = normalizer;
        this.card = card;
        this.encoder = card.encoder();
        this.equalLengthBatches = NetworkFactory.paddingChangesOutputs(network);
        this.lengths = TrainedLengths.of(card);
        this.preparation = InputPreparation.of(card);
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
     * @throws IllegalArgumentException for a null text or one without tokens (empty or white space only), naming its index
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
                throw new IllegalArgumentException("text " + i + " is null (expected a string with some words)");
            }
            if (!e.hasTokens(texts.get(i))) {
                throw new IllegalArgumentException("text " + i + " has no tokens: it is empty or white space only (expected some words)");
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
     */
    public record Prediction(int index, String label, double[] probabilities, Boolean lowConfidence,
                             List<String> constantFeatures) {
        public Prediction {
            probabilities = probabilities == null ? null : probabilities.clone();
            constantFeatures = constantFeatures == null ? List.of() : List.copyOf(constantFeatures);
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
                    && constantFeatures.equals(p.constantFeatures);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * index + java.util.Objects.hashCode(label)) + Arrays.hashCode(probabilities))
                    + java.util.Objects.hashCode(lowConfidence) + 37 * constantFeatures.hashCode();
        }

        @Override
        public String toString() {
            return "Prediction[index=" + index + ", label=" + label + ", probabilities=" + Arrays.toString(probabilities)
                    + (lowConfidence == null ? "" : ", lowConfidence=" + lowConfidence)
                    + (constantFeatures.isEmpty() ? "" : ", constantFeatures=" + constantFeatures) + "]";
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

    /** Class names. */
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
     * Classifies sequences of any lengths ({@code [time][feature]} each), in minibatches. Sequences of a sequence model
     * over twice as long as the longest it was trained on, or under half the shortest ({@link TrainedLengths}), and
     * features far outside the training data ({@link FarFromTraining}: another unit), are predicted all the same and
     * logged as a warning (SLF4J, logger {@code org.rnnlab.training.SequenceClassifier}), as {@code rnnlab predict} warns of
     * them. Raw values are prepared first as {@code rnnlab predict} reads a file ({@link InputPreparation}).
     */
    public List<Prediction> predict(List<float[][]> sequences) {
        List<Sequence> batch = checked(sequences);
        if (!readsText() && LOG.isWarnEnabled()) {
            int[] steps = batch.stream().mapToInt(Sequence::length).toArray();
            List<String> names = java.util.stream.IntStream.range(0, steps.length).mapToObj(i -> "sequence " + i).toList();
            lengths.warnings(names, steps).forEach(LOG::warn);
            if (normalizer != null) {
                // as rnnlab predict warns (a trial's temperatures in Fahrenheit went through the Java API without a word)
                List<float[][]> values = batch.stream().map(Sequence::values).toList();
                float[] mean = normalizer.getMean().toFloatVector();
                float[] std = normalizer.getStd().toFloatVector();
                TrainingRange range = card.trainingRange(); // null in older cards: the sd rule alone
                for (FarFromTraining.Feature far : values.size() == 1 ? FarFromTraining.judgeOne(values.get(0), mean, std, range)
                        : FarFromTraining.judge(values, mean, std, range)) {
                    LOG.warn("feature {} of these {} sequence(s) lies far outside the training data: {}% of its values over {} "
                            + "training sd from the training mean {} (sd {}); here {} to {}: another unit or scale? The predictions "
                            + "are extrapolations", card.input().featureNames().get(far.index()), values.size(),
                            Math.round(100.0 * far.beyond() / far.values()), FarFromTraining.FAR, mean[far.index()],
                            std[far.index()], far.low(), far.high());
                }
                for (FarFromTraining.Narrow narrow : FarFromTraining.narrow(values, mean, std, range)) { // volts for microvolts
                    LOG.warn("feature {} of these {} sequence(s) lies far outside the training data: every value within {} of 0, "
                            + "1/{} of the training data's magnitude {} (mean {}, sd {}): another unit (volts for microvolts)? The "
                            + "predictions are extrapolations", card.input().featureNames().get(narrow.index()), values.size(),
                            narrow.maxAbs(), narrow.ratioText(), narrow.scale(),
                            mean[narrow.index()], std[narrow.index()]);
                }
                // codes for a missing value in a few cells, which the share above does not reach (a trial's -999 in 0.5%)
                for (FarFromTraining.Code code : FarFromTraining.codes(values, mean, std, range)) {
                    LOG.warn("feature {} of these {} sequence(s) holds {} in {} cell(s) of {} sequence(s), far outside the training data "
                            + "(training mean {}, sd {}): it looks like a code for a missing value, and is read as a number; if it means "
                            + "missing, give NaN there (InputPreparation fills it by the model's --missing policy)",
                            card.input().featureNames().get(code.index()), values.size(), code.value(), code.count(), code.sequences(),
                            mean[code.index()], std[code.index()]);
                }
            }
        }
        List<Prediction> out = classify(batch);
        if (LOG.isWarnEnabled()) {
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
        return classify(checked(sequences, first), first);
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
        return classify(checked(sequences, first, false), first);
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
     * @throws IllegalArgumentException naming the sequence (0-based) and what is wrong
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

    private List<Prediction> classify(List<Sequence> batch) {
        return classify(batch, 0);
    }

    private List<Prediction> classify(List<Sequence> batch, int first) {
        MultiLayerNetwork net = borrow();
        try {
            return classify(net, batch, first);
        } finally {
            giveBack(net);
        }
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
    public static final class OutputNotANumber extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int index;

        private final String reason;

        OutputNotANumber(int index, String reason) {
            super("sequence " + index + ": " + reason);
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
            throw new IllegalArgumentException("sequence " + index + " is null (expected [time][feature] values)");
        }
        if (seq.length == 0) {
            throw new IllegalArgumentException("sequence " + index + " is empty: expected at least one time step");
        }
        for (int t = 0; t < seq.length; t++) {
            if (seq[t] == null) {
                throw new IllegalArgumentException("sequence " + index + ", step " + t + " is null (expected " + in.featureCount()
                        + " values " + in.featureNames() + ")");
            }
            if (seq[t].length != in.featureCount()) {
                throw new IllegalArgumentException("sequence " + index + ", step " + t + ": " + seq[t].length
                        + " values, expected " + in.featureCount() + " " + in.featureNames() + textHint(in));
            }
        }
        if (prepare) {
            seq = preparation.prepare(index, seq, in.featureNames());
        }
        for (int t = 0; t < seq.length; t++) {
            for (int f = 0; f < seq[t].length; f++) {
                float v = seq[t][f];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("sequence " + index + ", step " + t + ", "
                            + preparation.feature(t, f, in.featureNames()) + ": " + v + " is not a finite number" + (Float.isNaN(v) && preparation.refusesMissing()
                            ? " (a missing value: the model fills none, it was trained with --missing error)" : ""));
                }
                if (in.kind() == InputDescription.Kind.TOKENS && (v < 0 || v >= in.vocabularySize() || v != Math.rint(v))) {
                    throw new IllegalArgumentException("sequence " + index + ", step " + t + ": token id " + v
                            + (v != Math.rint(v) ? " is not a whole number (expected an id of the vocabulary [0, "
                            : " outside the vocabulary [0, ") + in.vocabularySize() + (v != Math.rint(v) ? "))" : ")") + textHint(in));
                }
            }
        }
        return seq;
    }
}

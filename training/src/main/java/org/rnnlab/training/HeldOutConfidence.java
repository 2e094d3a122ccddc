package org.rnnlab.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How confident a trained model was on its run's held-out split: quantiles of each sequence's top-class probability (the
 * probability of the class it predicts, after the card's temperature), of all held-out sequences and of those it predicted
 * right, kept in the card's {@link HeldOutPredictions} ({@code heldOutPredictions.confidence}). A new sequence less confident
 * than {@value #DEFAULT_CUT_OFF} of them (below {@code p05}) is marked {@code low_confidence} by predict, {@code lowConfidence}
 * by serve and {@link SequenceClassifier.Prediction#lowConfidence()} by the Java API: it may be unlike the training data (a
 * class the model does not know, another device). A heuristic, not open-set recognition: a stranger the model is sure of is
 * not marked, and about 5% of sequences like the held-out ones are (a keystroke trial's 3 unenrolled typists were each
 * labelled as an enrolled user, with nothing to tell them apart).
 *
 * <p>The same quantiles are kept per predicted class ({@code byClass}, for each class the model predicted on the held-out
 * split, with how often), and a new sequence is compared with those of the class it is predicted as
 * ({@link #cutOff(String, String)}) when that class was predicted for at least {@value #MIN_PER_CLASS} held-out sequences;
 * a class predicted less often falls back to the quantiles over all. Predictions of a rare class are naturally less sure
 * than the majority's: a purchase trial (4% buyers) had 31 of its 55 buyers and 39 of its top-50 sessions below the one
 * global p05, and {@code --reject-below p05} made them unknown (its buyer class was predicted for 16 of its 764
 * validation sessions, hence a floor of {@value #MIN_PER_CLASS}, not more). Cards written before have no {@code byClass}:
 * one cut-off for all classes, as then.
 *
 * <p>The quantiles are linear between order statistics: numpy's default {@code percentile}, R's type 7.
 *
 * @param sequences        the held-out sequences the quantiles are of
 * @param quantiles        the top-class probability's quantiles over all of them, by name ({@link #NAMES}: p01 = 1%)
 * @param correct          how many of them the model predicted right
 * @param correctQuantiles the same quantiles over those predicted right (empty when none was)
 * @param byClass          the quantiles over the held-out sequences predicted as each class, by label, for each class
 *                         predicted there (empty in older cards: not written then)
 */
public record HeldOutConfidence(int sequences, Map<String, Double> quantiles, int correct, Map<String, Double> correctQuantiles,
                                @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                                Map<String, ClassConfidence> byClass) {
    /** The quantiles recorded, by name: {@code pNN} is the NN% quantile. */
    public static final List<String> NAMES = List.of("p01", "p05", "p10", "p25", "p50");
    /** The quantile below which predict, serve and the Java API mark a sequence as less confident than the held-out ones. */
    public static final String DEFAULT_CUT_OFF = "p05";
    /** The held-out predictions of a class needed to use its own quantiles: fewer, and it is compared with those over all. */
    public static final int MIN_PER_CLASS = 10;

    /**
     * The top-class probability quantiles of the held-out sequences predicted as one class.
     *
     * @param sequences the held-out sequences predicted as the class (1 or more; used from {@value #MIN_PER_CLASS} on)
     * @param quantiles their top-class probability's quantiles, by name ({@link #NAMES})
     */
    public record ClassConfidence(int sequences, Map<String, Double> quantiles) {
        public ClassConfidence {
            if (sequences < 1) {
                throw new IllegalArgumentException("'heldOutPredictions.confidence.byClass' counts " + sequences + " sequences for a "
                        + "class (expected 1 or more: the held-out sequences predicted as that class)");
            }
            quantiles = checked(quantiles, "byClass.quantiles", true);
        }

        @JsonCreator
        static ClassConfidence fromJson(@JsonProperty("sequences") int sequences, @JsonProperty("quantiles") Map<String, Double> quantiles) {
            return new ClassConfidence(sequences, quantiles);
        }
    }

    public HeldOutConfidence {
        if (sequences < 1 || correct < 0 || correct > sequences) {
            throw new IllegalArgumentException("'heldOutPredictions.confidence' counts " + sequences + " sequences, " + correct
                    + " correct (expected 1 or more sequences, 0 to all of them correct)");
        }
        quantiles = checked(quantiles, "quantiles", true);
        correctQuantiles = checked(correctQuantiles == null ? Map.of() : correctQuantiles, "correctQuantiles", correct > 0);
        Map<String, ClassConfidence> classes = new LinkedHashMap<>(byClass == null ? Map.of() : byClass);
        if (classes.containsKey(null) || classes.containsValue(null)) {
            throw new IllegalArgumentException("'heldOutPredictions.confidence.byClass' holds a null label or entry: " + classes);
        }
        byClass = java.util.Collections.unmodifiableMap(classes);
    }

    /** Quantiles over all held-out sequences only (cards written before {@code byClass}). */
    public HeldOutConfidence(int sequences, Map<String, Double> quantiles, int correct, Map<String, Double> correctQuantiles) {
        this(sequences, quantiles, correct, correctQuantiles, Map.of());
    }

    private static Map<String, Double> checked(Map<String, Double> q, String field, boolean needed) {
        if (q == null || (needed && !q.keySet().containsAll(NAMES)) || (!needed && !q.isEmpty())) {
            throw new IllegalArgumentException("'heldOutPredictions.confidence." + field + "' is " + q + " (expected "
                    + (needed ? "the probabilities " + NAMES : "none: no sequence") + ")");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : NAMES) {
            Double v = q.get(name);
            if (v == null) {
                continue;
            }
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("'heldOutPredictions.confidence." + field + "." + name + "' is " + v
                        + " (expected a probability from 0 to 1)");
            }
            out.put(name, v);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    @JsonCreator
    static HeldOutConfidence fromJson(@JsonProperty("sequences") int sequences, @JsonProperty("quantiles") Map<String, Double> quantiles,
                                      @JsonProperty("correct") int correct,
                                      @JsonProperty("correctQuantiles") Map<String, Double> correctQuantiles,
                                      @com.fasterxml.jackson.annotation.JacksonInject(value = org.rnnlab.core.Json.ABSENT,
                                              useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                      @JsonProperty("byClass") Map<String, ClassConfidence> byClass) {
        return new HeldOutConfidence(sequences, quantiles, correct, correctQuantiles, byClass);
    }

    /**
     * The quantiles of the top-class probabilities of held-out sequences, over all of them only (no {@code byClass}).
     *
     * @param probabilities each held-out sequence's class probabilities, as predict gives them (temperature applied)
     * @param actual        each one's true class
     */
    public static HeldOutConfidence of(double[][] probabilities, int[] actual) {
        return of(probabilities, actual, null);
    }

    /**
     * The quantiles of the top-class probabilities of held-out sequences, over all of them and per predicted class (each
     * class predicted at least once; {@link #perClass(String)} uses those predicted {@value #MIN_PER_CLASS} times or more).
     *
     * @param probabilities each held-out sequence's class probabilities, as predict gives them (temperature applied)
     * @param actual        each one's true class
     * @param labels        the model's labels, in the order of the probabilities (null: no per-class quantiles)
     */
    public static HeldOutConfidence of(double[][] probabilities, int[] actual, List<String> labels) {
        HeldOutConfidence all = overAll(probabilities, actual);
        if (labels == null) {
            return all;
        }
        Map<String, ClassConfidence> byClass = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            final int k = c;
            double[] top = Arrays.stream(probabilities).filter(p -> argmax(p) == k).mapToDouble(p -> p[k]).toArray();
            if (top.length > 0) {
                byClass.put(labels.get(c), new ClassConfidence(top.length, quantiles(top)));
            }
        }
        return new HeldOutConfidence(all.sequences, all.quantiles, all.correct, all.correctQuantiles, byClass);
    }

    private static HeldOutConfidence overAll(double[][] probabilities, int[] actual) {
        double[] all = new double[probabilities.length];
        double[] right = new double[probabilities.length];
        int correct = 0;
        for (int i = 0; i < probabilities.length; i++) {
            int best = argmax(probabilities[i]);
            all[i] = probabilities[i][best];
            if (best == actual[i]) {
                right[correct++] = all[i];
            }
        }
        return new HeldOutConfidence(all.length, quantiles(all), correct, correct == 0 ? Map.of()
                : quantiles(Arrays.copyOf(right, correct)));
    }

    /** The index of the largest probability (the first of equals), as the predicted class. */
    static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /** {@link #NAMES}' quantiles of {@code values}, linear between order statistics (numpy's default, R's type 7). */
    static Map<String, Double> quantiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : NAMES) {
            double h = (sorted.length - 1) * Integer.parseInt(name.substring(1)) / 100.0;
            int lo = (int) Math.floor(h);
            int hi = Math.min(sorted.length - 1, lo + 1);
            out.put(name, sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]));
        }
        return out;
    }

    /** The probability of the quantile {@code name} (one of {@link #NAMES}) over all held-out sequences. */
    public double quantile(String name) {
        Double q = quantiles.get(name);
        if (q == null) {
            throw new IllegalArgumentException("no quantile '" + name + "' (expected one of " + NAMES + ")");
        }
        return q;
    }

    /** The cut-off of {@link #DEFAULT_CUT_OFF}: a top-class probability below it is less confident than 95% of the held-out sequences. */
    public double cutOff() {
        return quantile(DEFAULT_CUT_OFF);
    }

    /** Whether {@code probabilities}' top-class probability is below {@code cutOff}. */
    public static boolean below(double[] probabilities, double cutOff) {
        return probabilities[argmax(probabilities)] < cutOff;
    }

    /**
     * The probability of the quantile {@code name} (one of {@link #NAMES}) for a sequence predicted as {@code label}: that
     * of the held-out sequences predicted as it ({@code byClass}), else over all ({@link #perClass(String)} false).
     */
    public double cutOff(String name, String label) {
        ClassConfidence c = byClass.get(label);
        if (c == null || c.sequences() < MIN_PER_CLASS) {
            return quantile(name);
        }
        Double q = c.quantiles().get(name);
        if (q == null) {
            throw new IllegalArgumentException("no quantile '" + name + "' (expected one of " + NAMES + ")");
        }
        return q;
    }

    /** Whether a sequence predicted as {@code label} is compared with that class's own quantiles (else those over all). */
    public boolean perClass(String label) {
        ClassConfidence c = byClass.get(label);
        return c != null && c.sequences() >= MIN_PER_CLASS;
    }

    /** How many held-out sequences were predicted as {@code label} (0 when none, or in an older card without {@code byClass}). */
    public int predictedAs(String label) {
        ClassConfidence c = byClass.get(label);
        return c == null ? 0 : c.sequences();
    }

    /**
     * The cut-off of quantile {@code name} for each of {@code labels}, in their order ({@link #cutOff(String, String)}): the
     * class's own where recorded, else the one over all.
     */
    public double[] cutOffs(String name, List<String> labels) {
        return labels.stream().mapToDouble(l -> cutOff(name, l)).toArray();
    }

    /** The quantile a name such as {@code p05} names, or empty for another word. */
    public Optional<Double> named(String name) {
        return Optional.ofNullable(quantiles.get(name));
    }
}

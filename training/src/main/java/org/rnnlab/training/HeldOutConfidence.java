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
 * @param sequences        the held-out sequences the quantiles are of
 * @param quantiles        the top-class probability's quantiles over all of them, by name ({@link #NAMES}: p01 = 1%)
 * @param correct          how many of them the model predicted right
 * @param correctQuantiles the same quantiles over those predicted right (empty when none was)
 */
public record HeldOutConfidence(int sequences, Map<String, Double> quantiles, int correct, Map<String, Double> correctQuantiles) {
    /** The quantiles recorded, by name: {@code pNN} is the NN% quantile. */
    public static final List<String> NAMES = List.of("p01", "p05", "p10", "p25", "p50");
    /** The quantile below which predict, serve and the Java API mark a sequence as less confident than the held-out ones. */
    public static final String DEFAULT_CUT_OFF = "p05";

    public HeldOutConfidence {
        if (sequences < 1 || correct < 0 || correct > sequences) {
            throw new IllegalArgumentException("'heldOutPredictions.confidence' counts " + sequences + " sequences, " + correct
                    + " correct (expected 1 or more sequences, 0 to all of them correct)");
        }
        quantiles = checked(quantiles, "quantiles", true);
        correctQuantiles = checked(correctQuantiles == null ? Map.of() : correctQuantiles, "correctQuantiles", correct > 0);
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
                                      @JsonProperty("correctQuantiles") Map<String, Double> correctQuantiles) {
        return new HeldOutConfidence(sequences, quantiles, correct, correctQuantiles);
    }

    /**
     * The quantiles of the top-class probabilities of held-out sequences.
     *
     * @param probabilities each held-out sequence's class probabilities, as predict gives them (temperature applied)
     * @param actual        each one's true class
     */
    public static HeldOutConfidence of(double[][] probabilities, int[] actual) {
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

    /** The quantile a name such as {@code p05} names, or empty for another word. */
    public Optional<Double> named(String name) {
        return Optional.ofNullable(quantiles.get(name));
    }
}

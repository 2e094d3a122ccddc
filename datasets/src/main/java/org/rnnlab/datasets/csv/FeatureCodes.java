package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A feature whose training values look like codes of categories rather than amounts: a few distinct whole numbers, each
 * used many times, far apart (a merchant category code such as 5411 or 7995, a port, a product or status code). Read as a
 * number, such a column tells the model that 5412 is like 5411 and that 7994 is nearly the gambling code 7995: a user's
 * trial scored every account at an unseen code 9999 with a third more fraud than at a seen one, without a word. Training
 * warns of these columns (one-hot them to read categories as categories), and the model keeps their codes so that
 * {@code predict} and {@code evaluate} name codes the training data never held.
 *
 * <p>A column is taken for codes when its non-missing training values are whole numbers of at most 2^24 (exact in float),
 * with {@value #MIN_CODES} to {@value #MAX_CODES} distinct values, each used {@value #MIN_USES} times on average or more,
 * and on average {@value #MIN_GAP} or more apart between the smallest and the largest: counts and levels (0 to 5, a year,
 * a floor) are consecutive numbers, and two values are a flag or one-hot column, not codes. A numeric setting of a few
 * spaced levels (a speed limit of 30, 50, 70, 100) is taken for codes too; the warning says to ignore it then.
 *
 * @param feature the feature's position in the model's features
 * @param codes   its distinct training values, ascending
 */
public record FeatureCodes(int feature, List<Long> codes) {

    /** Fewest distinct values of a code column (two are a flag). */
    public static final int MIN_CODES = 3;
    /** Most distinct values of a code column. */
    public static final int MAX_CODES = 50;
    /** Fewest values per distinct value, on average. */
    public static final int MIN_USES = 10;
    /** Smallest mean distance between neighbouring distinct values, (largest - smallest) / (distinct - 1). */
    public static final double MIN_GAP = 10;

    public FeatureCodes {
        if (feature < 0) {
            throw new IllegalArgumentException("FeatureCodes.feature must be 0 or more, got " + feature);
        }
        codes = org.rnnlab.datasets.InputDescription.nonNull(codes, "codes", "a list of whole numbers", "a code");
    }

    /** Whether {@code x} is one of the codes (a missing value is not judged: true). */
    public boolean knows(float x) {
        return Float.isNaN(x) || x == Math.rint(x) && java.util.Collections.binarySearch(codes, (long) x) >= 0;
    }

    /**
     * The features of {@code sequences} ({@code [time][feature]} each, {@code width} features) whose values look like
     * codes, by the rule above.
     */
    public static List<FeatureCodes> find(List<float[][]> sequences, int width) {
        List<FeatureCodes> found = new ArrayList<>();
        for (int f = 0; f < width; f++) {
            TreeSet<Long> distinct = new TreeSet<>();
            long values = 0;
            boolean codeLike = true;
            for (int s = 0; s < sequences.size() && codeLike; s++) {
                for (float[] step : sequences.get(s)) {
                    float x = step[f];
                    if (Float.isNaN(x)) {
                        continue;
                    }
                    if (x != Math.rint(x) || Math.abs(x) > (1 << 24)) {
                        codeLike = false;
                        break;
                    }
                    values++;
                    if (distinct.add((long) x) && distinct.size() > MAX_CODES) {
                        codeLike = false;
                        break;
                    }
                }
            }
            int k = distinct.size();
            if (codeLike && k >= MIN_CODES && values >= (long) MIN_USES * k
                    && (double) (distinct.last() - distinct.first()) / (k - 1) >= MIN_GAP) {
                found.add(new FeatureCodes(f, List.copyOf(distinct)));
            }
        }
        return found;
    }

    /** The codes in words, at most {@code shown} of them: {@code 4829, 5411, 5812 (and 5 more)}. */
    public String describe(int shown) {
        List<String> words = codes.subList(0, Math.min(shown, codes.size())).stream().map(String::valueOf).toList();
        return String.join(", ", words) + (codes.size() > shown ? " (and " + (codes.size() - shown) + " more)" : "");
    }
}

package org.rnnlab.evaluation.metrics;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.core.NanAsNull;

/**
 * The k sequences of the highest probability of one class, as a ranking user takes them (a retailer contacting the top 50
 * sessions of the day): how many of them are of the class (precision), what share of the class they hold (recall), and
 * the lift, precision over the class's share of all the sequences (how many times better than k drawn at random). An
 * e-commerce trial (3% buyers) had average precision and cut-offs, and computed its precision at the top 50 and 100 by hand.
 *
 * <p>Ties are counted deterministically, whatever the order of the data: when the k-th highest probability is shared by
 * sequences inside and outside the top k, those tied sequences count at the class's share among them (each of the {@code
 * k - above} places left holds, on average over the orders of the tie, that share of a sequence of the class), so that
 * {@code truePositives} may be fractional.
 *
 * @param k             how many sequences are taken
 * @param share         the share of the sequences k was given as ({@code "5%"}), or null for a count ({@code --top-k})
 * @param truePositives of the k, sequences of the class (tied ones counted at their share)
 * @param precision     truePositives / k
 * @param recall        truePositives / the class's sequences; undefined (NaN, null in JSON) when it has none
 * @param lift          precision / the class's share of all the sequences; undefined when it has none
 * @param tied          sequences sharing the k-th probability across the boundary (some in the top k, some not), 0 when
 *                      the top k end at a change of probability
 */
public record TopK(long k, String share, double truePositives,
                   @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                   double precision,
                   @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                   double recall,
                   @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                   double lift,
                   long tied) {

    /** The shares of the sequences evaluate takes the top k of by default. */
    public static final double[] SHARES = {0.01, 0.02, 0.05, 0.1, 0.2};

    /** The top {@code k} (1 <= k <= the sequences) of {@code score} for the sequences marked {@code positive}. */
    public static TopK of(boolean[] positive, double[] score, long k, String share) {
        int n = score.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("top " + k + " of " + n + " sequences");
        }
        double[] sorted = score.clone();
        Arrays.sort(sorted);
        double kth = sorted[n - (int) k]; // the k-th highest
        long positives = 0;
        long above = 0;
        long posAbove = 0;
        long at = 0;
        long posAt = 0;
        for (int i = 0; i < n; i++) {
            positives += positive[i] ? 1 : 0;
            if (score[i] > kth) {
                above++;
                posAbove += positive[i] ? 1 : 0;
            } else if (score[i] == kth) {
                at++;
                posAt += positive[i] ? 1 : 0;
            }
        }
        long take = k - above;
        double tp = posAbove + (take == at ? posAt : (double) posAt * take / at);
        double precision = tp / k;
        double base = (double) positives / n;
        return new TopK(k, share, tp, precision, positives == 0 ? Double.NaN : tp / positives,
                positives == 0 ? Double.NaN : precision / base, take == at ? 0 : at);
    }

    /**
     * The rows evaluate shows: k = each of {@link #SHARES} of the {@code score.length} sequences (rounded, at least 1), then
     * each of {@code counts}, by k, a k already shown once only; counts above the sequences are left out
     * (the caller warns of them).
     */
    public static List<TopK> table(boolean[] positive, double[] score, List<Long> counts) {
        int n = score.length;
        Map<Long, String> ks = new LinkedHashMap<>();
        if (n == 0) {
            return List.of();
        }
        for (double s : SHARES) {
            long k = Math.max(1, Math.round(s * n));
            ks.putIfAbsent(k, new java.math.BigDecimal(Double.toString(s * 100)).stripTrailingZeros().toPlainString() + "%");
        }
        for (long c : counts) {
            if (c <= n) {
                ks.putIfAbsent(c, null);
            }
        }
        List<TopK> out = new ArrayList<>();
        ks.forEach((k, share) -> out.add(of(positive, score, k, share)));
        out.sort(java.util.Comparator.comparingLong(TopK::k));
        return out;
    }
}

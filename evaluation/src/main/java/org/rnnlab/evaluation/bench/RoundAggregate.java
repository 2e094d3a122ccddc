package org.rnnlab.evaluation.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One cell's rounds against one peer reduced to what the comparison reports: each side's median rate and the
 * per-round ratios (rnnlab / peer of the same round, the two measured back to back), their median and range.
 * Rounds where a side has no rate (NaN) count for that side's median only where present and give no ratio.
 *
 * @param rnnlabSamplesPerS median rnnlab training samples/s over the rounds
 * @param peerSamplesPerS   median peer training samples/s over the rounds (NaN if none)
 * @param ratios            rnnlab / peer of each round that has both
 * @param ratio             median of {@code ratios} (NaN if none)
 * @param ratioMin          smallest per-round ratio (NaN if none)
 * @param ratioMax          largest per-round ratio (NaN if none)
 */
public record RoundAggregate(double rnnlabSamplesPerS, double peerSamplesPerS, List<Double> ratios, double ratio,
                             double ratioMin, double ratioMax) {

    public RoundAggregate {
        ratios = List.copyOf(ratios);
    }

    /**
     * Aggregates rounds given as two lists of the same length, round by round.
     *
     * @param rnnlab rnnlab samples/s of each round
     * @param peer   the peer's samples/s of each round (NaN where it did not run)
     */
    public static RoundAggregate of(List<Double> rnnlab, List<Double> peer) {
        if (rnnlab.size() != peer.size() || rnnlab.isEmpty()) {
            throw new IllegalArgumentException("expected one rnnlab and one peer rate per round (at least one round), got "
                    + rnnlab.size() + " and " + peer.size());
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rnnlab.size(); i++) {
            double r = rnnlab.get(i) / peer.get(i);
            if (Double.isFinite(r)) {
                ratios.add(r);
            }
        }
        return new RoundAggregate(median(rnnlab), median(peer), ratios, median(ratios),
                ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }

    /** The median of the finite values (mean of the middle two for an even count); NaN if there are none. */
    public static double median(List<Double> values) {
        List<Double> s = values.stream().filter(Double::isFinite).sorted().toList();
        int n = s.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}

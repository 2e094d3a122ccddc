package org.rnnlab.evaluation.compare;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment of p-values for testing several hypotheses at once (Holm, A simple sequentially rejective
 * multiple test procedure, Scand. J. Statist. 6, 1979): a comparison tests every pair of configurations at 5%, and with 3
 * pairs the chance that some verdict of "reliably" is chance is up to 14%, not 5%. Rejecting where the adjusted p is below
 * 0.05 keeps that familywise chance at 5% whatever the tests' dependence (trial 79g F1/F9: the main job's two "reliably
 * worse" at p = 0.031 became 0.094 each over its 3 pairs, and nothing said so).
 */
public final class Holm {

    private Holm() {
    }

    /**
     * The Holm-adjusted p of each of {@code p} (in its order): with the m p-values sorted ascending, the i-th (from 1)
     * becomes {@code min(1, max over j <= i of (m - j + 1) p_(j))}, so the adjusted values keep the order of the raw ones.
     * A NaN (a pair without runs to test) stays NaN and does not count in m.
     */
    public static double[] adjust(double[] p) {
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        Integer[] order = java.util.stream.IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        int m = order.length;
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1.0, (m - k) * p[order[k]]));
            out[order[k]] = running;
        }
        return out;
    }
}

package org.rnnlab.evaluation.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * The rungs of synchronous successive halving (Jamieson and Talwalkar, AISTATS 2016; Li et al., Hyperband,
 * JMLR 2018): rung 0 trains all n trials for the fewest epochs, each next rung keeps the best
 * {@code floor(n_i / eta)} (at least 1) and trains them {@code eta} times longer, the last rung for the
 * full epoch budget. The number of rungs is limited so that rung 0 still trains at least one epoch and
 * a rung never keeps fewer than one trial. Promoted trials are trained again from their initial weights
 * (same seed) for the longer budget rather than continued from a checkpoint, so every rung is a set of
 * independent tasks an engine can spread over a cluster, and the outcome does not depend on timing.
 * (ASHA, Li et al. MLSys 2020, promotes asynchronously to keep workers busy, at the price of an outcome
 * that depends on the order trials finish; rnnlab keeps the synchronous form for reproducibility.)
 */
public final class SuccessiveHalving {

    /**
     * One rung.
     *
     * @param index  rung number, from 0
     * @param trials trials trained in this rung
     * @param epochs epochs each trains
     */
    public record Rung(int index, int trials, int epochs) {
    }

    private SuccessiveHalving() {
    }

    /** The rungs for {@code trials} trials and a full budget of {@code maxEpochs}. */
    public static List<Rung> rungs(int trials, int eta, int maxEpochs) {
        if (trials < 1 || eta < 2 || maxEpochs < 1) {
            throw new IllegalArgumentException("successive halving needs trials >= 1, eta >= 2, maxEpochs >= 1; got " + trials + ", "
                    + eta + ", " + maxEpochs);
        }
        int last = 0; // index of the last rung = how many times we can divide both the trials and the epochs by eta
        long t = trials;
        long e = maxEpochs;
        while (t / eta >= 1 && e / eta >= 1) {
            t /= eta;
            e /= eta;
            last++;
        }
        List<Rung> out = new ArrayList<>();
        int n = trials;
        for (int i = 0; i <= last; i++) {
            int epochs = (int) Math.max(1, Math.round(maxEpochs / Math.pow(eta, last - i)));
            out.add(new Rung(i, n, i == last ? maxEpochs : epochs));
            n = Math.max(1, n / eta);
        }
        return out;
    }
}

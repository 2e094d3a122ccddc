package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a paired sign-flip verdict rests on, said beside it (trial 79g, a statistician's review of compare's tests: every
 * number recomputed, but what they were said to mean was not what they are): how many pairs are tested without a correction
 * and their Holm-adjusted p; pairs that tie exactly and the smallest p the others can give; that the interval is one for a
 * shift common to every pair (with bands, each band's own mean difference); and that with 6 pairs it is their range.
 */
public final class SignFlipNotes {

    private SignFlipNotes() {
    }

    /**
     * With 2 or more pairs of configurations of which one has {@link PairedDifference#MIN_PAIRS} pairs or more: the
     * Holm-adjusted p ({@link Holm}) of each pair of {@code accuracy}, how many are below 0.05 before and after, and that the
     * macro-F1 verdicts are no second confirmation (the same runs: the main job's repeated accuracy's to the digit of p).
     * Holm's m counts only the pairs that can get a verdict ({@link PairedDifference#MIN_PAIRS} pairs or more); the others
     * go in as NaN and are printed n/a (review 79 R6: a pair of configurations that lost runs has a finite p that can never
     * reject, and counting it raised every other pair's adjusted p for nothing). Empty otherwise.
     */
    public static Optional<String> holm(List<PairedDifference> accuracy) {
        if (accuracy.size() < 2 || accuracy.stream().noneMatch(d -> d.pairs() >= PairedDifference.MIN_PAIRS)) {
            return Optional.empty();
        }
        double[] adjusted = Holm.adjust(accuracy.stream()
                .mapToDouble(d -> d.pairs() >= PairedDifference.MIN_PAIRS ? d.pValue() : Double.NaN).toArray());
        List<String> each = new ArrayList<>();
        int after = 0;
        int tested = 0;
        for (int i = 0; i < adjusted.length; i++) {
            PairedDifference d = accuracy.get(i);
            if (Double.isNaN(adjusted[i])) {
                each.add(d.a() + " - " + d.b() + " n/a");
                continue;
            }
            tested++;
            each.add(String.format(Locale.ROOT, "%s - %s %.3f", d.a(), d.b(), adjusted[i]));
            if (adjusted[i] < PairedDifference.ALPHA) {
                after++;
            }
        }
        long before = accuracy.stream().filter(PairedDifference::reliable).count();
        String which = tested == accuracy.size() ? tested + " accuracy pairs"
                : tested + " of the " + accuracy.size() + " accuracy pairs that can get a verdict ("
                + PairedDifference.MIN_PAIRS + " pairs or more; n/a: fewer, no verdict and not counted)";
        return Optional.of(String.format(Locale.ROOT, "Holm-adjusted p of the %s (for a 5%% chance of any false "
                        + "\"reliably\" among them): %s; below 0.05 after the correction: %s of %d (before it: %d); the macro-F1 "
                        + "verdicts rest on the same runs and are no independent second confirmation", which,
                String.join(", ", each), after == 0 ? "none" : Integer.toString(after), tested, before));
    }

    /**
     * For each pair of {@code differences} with {@link PairedDifference#MIN_PAIRS} pairs or more some of which tie exactly
     * (difference 0: every model at 1.0 in a ceiling band, or the same sentences missed): how many, that the test rests on the
     * other m, and the smallest p those can give, 2/2<sup>m</sup> (the two all-one-sign assignments of the m, each with every
     * sign of the zeros), and where p is at that floor that it says every untied pair has one sign, not how large the
     * difference is (trial 79g F1/F7: the main job's p = 0.031 and 0.063 were the floors of 6 and 5 untied pairs, and one
     * sentence in 300 moved a pair from one to the other). Configurations whose pairs all tie have nothing to test, p = 1, and
     * are said so, with no floor and no sign (review 79 R5). Empty when no pair ties.
     */
    public static Optional<String> ties(ComparisonResult result, List<PairedDifference> differences) {
        List<String> each = new ArrayList<>();
        boolean atFloor = false;
        boolean belowVerdict = false;
        for (PairedDifference d : differences) {
            if (d.pairs() < PairedDifference.MIN_PAIRS) {
                continue;
            }
            double[] values = PairedDifference.unitDifferences(result, d);
            int tied = (int) java.util.Arrays.stream(values).filter(v -> Math.abs(v) < 1e-12).count();
            if (tied == 0) {
                continue;
            }
            int m = values.length - tied;
            if (m == 0) {
                // no untied pair: no floor 2/2^m (2/2^0 would be 2) and no sign to speak of (review 79 R5)
                each.add(String.format(Locale.ROOT, "%s - %s: all %d pairs tie exactly (difference 0): there is nothing to test, "
                        + "and p = 1", d.a(), d.b(), values.length));
                continue;
            }
            double floor = 2.0 / Math.pow(2, m);
            boolean reached = values.length <= PairedDifference.EXACT_PAIRS && d.pValue() <= floor * (1 + 1e-9);
            atFloor |= reached;
            belowVerdict |= floor >= PairedDifference.ALPHA;
            each.add(String.format(Locale.ROOT, "%s - %s: %d of %d pairs tie exactly (difference 0), the test rests on the other %d, "
                    + "whose smallest p is 2/2^%d = %.3f%s", d.a(), d.b(), tied, values.length, m, m, floor,
                    reached ? " (p here is that floor)" : ""));
        }
        if (each.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("ties in " + ComparisonSummary.label(result, differences.get(0).metric()) + ": " + String.join("; ", each)
                + (atFloor ? "; a p at that floor says only that every untied pair has the same sign, not how large the difference "
                + "is: it is the design's smallest p, and one more or one fewer tie moves it (more " + (differences.get(0).byFold()
                ? "folds" : "seeds") + " lower the floor)" : "") // by fold more seeds add no pairs (trial 79j F8)
                + (belowVerdict ? "; with fewer than 6 untied pairs no verdict of \"reliably\" is possible, whatever their size" : ""));
    }

    /**
     * Where a pair has exactly {@link PairedDifference#MIN_PAIRS} pairs and an interval: that the interval is the range of its
     * 6 differences (the sign-flip test at 6 pairs rejects only a shift beyond all of them: inside, the observed assignment,
     * its mirror and the two of one sign make 4 of 64 at least as extreme), not an interval fitted around the mean (trial 79g
     * F6: -0.0556 within [-0.1500, +0.2167]). Empty otherwise.
     */
    public static Optional<String> sixPairs(List<PairedDifference> differences) {
        if (differences.stream().noneMatch(d -> d.pairs() == PairedDifference.MIN_PAIRS && d.hasInterval())) {
            return Optional.empty();
        }
        return Optional.of("with " + PairedDifference.MIN_PAIRS + " pairs an interval is the range of the pair's "
                + PairedDifference.MIN_PAIRS + " differences, lowest to highest: at 6 pairs the sign-flip test rejects only a shift "
                + "beyond all of them, so the interval is no measure fitted around the mean difference");
    }

    /**
     * With bands: {@code d}'s mean difference in each band over the seeds, beside the pooled one, and that the interval assumes
     * one shift for all bands (trial 79g F2: the main job's 0 / -0.018 / -0.47 by band were pooled into -0.163 [-0.3517,
     * -0.0017], whose upper end was set by the ceiling band's zeros). Empty without bands.
     */
    public static Optional<String> byBand(ComparisonResult result, PairedDifference d) {
        Map<String, Double> means = PairedDifference.bandMeans(result, d);
        if (means.isEmpty() || !PairedDifference.SEED_X_BAND.equals(d.unit())) {
            return Optional.empty();
        }
        List<String> each = new ArrayList<>();
        means.forEach((band, mean) -> each.add(band + " " + PairedDifference.signed(mean)));
        return Optional.of(d.a() + " - " + d.b() + " by band, mean over seeds: " + String.join(", ", each) + "; the interval "
                + "assumes one shift for all bands");
    }
}

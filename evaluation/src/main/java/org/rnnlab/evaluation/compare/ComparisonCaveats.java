package org.rnnlab.evaluation.compare;

import java.util.List;
import java.util.Optional;

/**
 * What a comparison's numbers cannot claim, said where they are shown (the terminal, the report): conditions of the
 * comparison's design, not of its data.
 */
public final class ComparisonCaveats {

    private ComparisonCaveats() {
    }

    /**
     * With {@code --tune} and {@code --cv}: the tuner chose each architecture's settings on the validation split of the
     * dataset's own carve, and the folds pool every example, so those validation examples are also in the test parts of
     * the folds: the cross-validated scores of the tuned configurations are optimistic (nested cross-validation, tuning
     * inside each fold's training part, would not be). Empty otherwise.
     */
    public static Optional<String> tuningSawFoldTestData(ComparisonResult result) {
        if (result.tuning() == null || result.config().crossValidation() == null) {
            return Optional.empty();
        }
        return Optional.of("--tune chose each architecture's settings on the validation examples of the dataset's own split, "
                + "and --cv pooled every example into the folds, so those examples are also in the folds' test parts: the "
                + "cross-validated scores of the tuned settings are optimistic, and more so for an architecture whose tuning "
                + "fitted those examples better. For scores the tuning never saw, tune without --cv and cross-validate the "
                + "chosen settings (tuning.json) on data it did not use");
    }

    /**
     * With --cv and several seeds, what the verdicts rest on: the pairs are the K folds, each configuration's mean over the
     * seeds of a fold (the seeds of a fold share its test examples: a bioacoustics trial read "reliably worse" at p = 0.031
     * from 2 seeds x 4 site folds paired run by run, where the 4 fold means give 0.125), so a reliable difference is one
     * across these K folds; and each pair of configurations is tested on its own (a keyword trial: two configurations of
     * equal accuracy got different verdicts against a third). Empty otherwise, or when no pair has a verdict.
     */
    public static Optional<String> foldsShareTestData(ComparisonResult result, List<PairedDifference> differences) {
        if (result.config().crossValidation() == null || result.config().seeds() < 2
                || differences.stream().noneMatch(d -> d.pairs() >= PairedDifference.MIN_PAIRS)) {
            return Optional.empty();
        }
        int folds = result.config().crossValidation().folds();
        int seeds = result.config().seeds();
        return Optional.of("the verdicts pair the configurations by fold: each fold's difference is the mean over its " + seeds
                + " seeds, which share the fold's test examples, so the test's n is the " + folds + " folds, not " + folds * seeds
                + " runs; and each of the " + differences.size() + " pairs of configurations is tested on its own, with no "
                + "correction for how many are tested (borderline p values, near 0.05, may disagree between configurations that "
                + "score alike)");
    }

    /**
     * When no two configurations have {@link PairedDifference#MIN_PAIRS} pairs (the default 3 seeds without folds or
     * bands; with --cv, fewer than 6 folds whatever the seeds), how to get a verdict; empty when some pair has enough, or
     * there is one configuration. With folds it asks for more folds, not more seeds: the seeds of a fold share its test data,
     * and the pairs are the folds (the advice was "--cv 5 with --seeds 2", which only pseudo-replicated 5 folds).
     */
    public static Optional<String> tooFewPairs(List<PairedDifference> differences) {
        if (differences.isEmpty() || differences.stream().anyMatch(d -> d.pairs() >= PairedDifference.MIN_PAIRS)) {
            return Optional.empty();
        }
        int most = differences.stream().mapToInt(PairedDifference::pairs).max().orElse(0);
        if (differences.stream().anyMatch(PairedDifference::byFold)) {
            return Optional.of(String.format(java.util.Locale.ROOT, "no verdict of \"reliably\" is possible with %d folds: the "
                    + "pairs are the folds (the seeds of a fold share its test examples), and with %d folds even a difference of "
                    + "one sign in every fold has p = 2/%d = %.3f, above 0.05; give --cv %d or more (with a group column, as "
                    + "many groups or more) for a verdict: more --seeds do not add pairs", most, most, 1 << most,
                    2.0 / (1 << most), PairedDifference.MIN_PAIRS));
        }
        return Optional.of("no pair of configurations has the " + PairedDifference.MIN_PAIRS + " paired runs a verdict needs (at most "
                + most + " here): give --seeds " + PairedDifference.MIN_PAIRS + " or more, or --cv " + PairedDifference.MIN_PAIRS
                + " or more (the folds are then the pairs), to learn which differences are reliable");
    }

    /**
     * Without --cv, where the data have a group column: what a verdict of "reliably" covers, {@code on this test split (5
     * groups of the column site; the pairs are seeds; --cv K --group-column site for a verdict across groups)}. The pairs then
     * differ only in seed (initialisation and data order) on one test split of a few groups, so a reliable difference is one
     * across seeds on those groups, nothing about others (trial 76g: "lstm - lstm x2 reliably worse" at p = 0.031 from 6 seeds
     * on a split of 5 sites read as "depth 2 is better"). Empty with --cv (the pairs are then folds) or without groups.
     */
    public static Optional<String> verdictScope(ComparisonResult result) {
        if (result.config().crossValidation() != null) {
            return Optional.empty();
        }
        long groups = result.runs().stream().filter(r -> r.groups() != null).flatMap(r -> r.groups().stream())
                .map(org.rnnlab.evaluation.metrics.GroupTable.Row::group).distinct().count();
        if (groups == 0) {
            return Optional.empty();
        }
        // the CSV loader records its group column as "column NAME" (a folder level otherwise, which has no column to name)
        String group = result.data() == null || result.data().parameters() == null ? null : result.data().parameters().get("group");
        String column = group != null && group.startsWith("column ") ? group.substring("column ".length()) : null;
        return Optional.of(String.format(java.util.Locale.ROOT, "on this test split (%d %s of %s; the pairs are %s; --cv K%s for a "
                + "verdict across groups)", groups, groups == 1 ? "group" : "groups", column == null ? "the group column"
                : "the column " + column, result.config().bands() != null ? "seeds and bands" : "seeds",
                column == null ? "" : " --group-column " + column));
    }

    /**
     * The pairs of {@code d} as the verdict lines print them: {@link PairedDifference#nText}, and for seed pairs on one test
     * split (no folds, no bands) on how many test sequences they rest, {@code n=6 seed pairs on the same 146 test
     * sequences}: a seed-pair test holds the test split fixed, so its "reliably" is about those sequences (trial 81c F8: 146
     * sequences, 1-2 per class for 104 of 120 classes, said only two paragraphs above the verdict). Where the runs of the two
     * configurations tested different numbers of sequences (a stopped comparison resumed from another split), as {@code nText}.
     */
    public static String pairsText(ComparisonResult result, PairedDifference d) {
        if (d.byFold() || result.config() == null || result.config().bands() != null || result.config().crossValidation() != null) {
            return d.nText();
        }
        java.util.Set<Long> sizes = new java.util.HashSet<>();
        for (String configuration : List.of(d.a(), d.b())) {
            result.runsOf(configuration).stream().filter(r -> r.test() != null).forEach(r -> sizes.add(r.test().examples()));
        }
        if (sizes.size() != 1) {
            return d.nText();
        }
        long n = sizes.iterator().next();
        return String.format(java.util.Locale.ROOT, "%s seed %s on the same %d test %s", d.nText(), d.pairs() == 1 ? "pair" : "pairs", n,
                n == 1 ? "sequence" : "sequences");
    }

    /** {@link #verdictScope} where {@code d}'s verdict is "reliably ...", else empty. */
    public static Optional<String> verdictScope(ComparisonResult result, PairedDifference d) {
        return d.pairs() >= PairedDifference.MIN_PAIRS && d.reliable() ? verdictScope(result) : Optional.empty();
    }

    /** Above this ratio of two paired configurations' parameter counts, {@link #sizesDiffer} notes it. */
    public static final double SIZE_RATIO = 1.5;

    /**
     * Under the paired differences, the pairs whose parameter counts differ by more than {@value #SIZE_RATIO}x: at the same
     * width, learning rate and budget a second layer or another cell is also a bigger model, so their difference may be the
     * size's as much as the depth's or cell's (trial 76g F7: {@code lstm - lstm x2}, 452 against 996 parameters, was labelled
     * by depth only). At most 4 pairs named, then how many more; empty when none.
     */
    public static Optional<String> sizesDiffer(ComparisonResult result, List<PairedDifference> differences) {
        java.util.Map<String, Long> parameters = new java.util.HashMap<>();
        result.aggregates().forEach(a -> parameters.put(a.configuration(), a.parameters()));
        List<String> named = new java.util.ArrayList<>();
        for (PairedDifference d : differences) {
            Long a = parameters.get(d.a());
            Long b = parameters.get(d.b());
            if (a == null || b == null || a <= 0 || b <= 0) {
                continue;
            }
            double ratio = (double) Math.max(a, b) / Math.min(a, b);
            if (ratio > SIZE_RATIO) {
                named.add(String.format(java.util.Locale.ROOT, "%s %d vs %s %d (%.1fx)", d.a(), a, d.b(), b, ratio));
            }
        }
        if (named.isEmpty()) {
            return Optional.empty();
        }
        String listed = String.join(", ", named.subList(0, Math.min(4, named.size())))
                + (named.size() > 4 ? " and " + (named.size() - 4) + " more pairs" : "");
        return Optional.of("paired configurations of different size, in parameters: " + listed + "; at the same width and "
                + "budget a deeper layer stack or another cell is also a bigger model, so a difference between them may be the "
                + "size's as much as the depth's or cell's (the params column)");
    }

    /**
     * Above this many pairs, {@link #manyPairs} says that no correction is made for how many are tested: from 2 on, since
     * the main job's 3 pairs (and the same 3 on macro-F1) were each called at 5% without a word (trial 79g F9; it was 3).
     */
    public static final int FEW_PAIRS = 1;

    /**
     * In how many of their factors (cell, clip setting, depth) configurations {@code a} and {@code b} differ; 0 where a
     * configuration has no runs to tell.
     */
    static int factorsApart(ComparisonResult result, String a, String b) {
        List<RunResult> runsA = result.runsOf(a);
        List<RunResult> runsB = result.runsOf(b);
        if (runsA.isEmpty() || runsB.isEmpty()) {
            return 0;
        }
        java.util.Map<String, List<Integer>> sizes = result.hiddenSizes();
        List<Integer> sizesA = sizes.get(a);
        List<Integer> sizesB = sizes.get(b);
        return (runsA.get(0).architecture().equals(runsB.get(0).architecture()) ? 0 : 1)
                + (java.util.Objects.equals(runsA.get(0).clip(), runsB.get(0).clip()) ? 0 : 1)
                + (sizesA == null || sizesB == null || sizesA.size() == sizesB.size() ? 0 : 1);
    }

    /**
     * {@code differences} with the pairs that differ in one factor first (depth alone, clip alone, cell alone), the others
     * after them, each in its order: with crossed --cells, --clip and --layers most pairs change two or three factors at
     * once (trial 76g F3: 4 of 28 pairs compared the depths, buried among the rest).
     */
    public static List<PairedDifference> oneFactorFirst(ComparisonResult result, List<PairedDifference> differences) {
        List<PairedDifference> out = new java.util.ArrayList<>(differences);
        out.sort(java.util.Comparator.comparingInt(d -> factorsApart(result, d.a(), d.b()) <= 1 ? 0 : 1));
        return out;
    }

    /**
     * Under the paired differences, when more than {@value #FEW_PAIRS} pairs are tested: each is tested on its own at 5%, with
     * no correction for how many (fair-comparisons.md said so, the console did not), the Holm-adjusted p of each
     * ({@link SignFlipNotes#holm}), and which pairs are one-factor comparisons ({@link #oneFactorFirst}); where
     * {@link #foldsShareTestData} says the first already, the Holm-adjusted p alone; empty with one pair.
     */
    public static Optional<String> manyPairs(ComparisonResult result, List<PairedDifference> differences) {
        if (differences.size() <= FEW_PAIRS) {
            return Optional.empty();
        }
        Optional<String> holm = SignFlipNotes.holm(differences);
        if (foldsShareTestData(result, differences).isPresent()) {
            return holm;
        }
        long oneFactor = differences.stream().filter(d -> factorsApart(result, d.a(), d.b()) <= 1).count();
        return Optional.of("each of the " + differences.size() + " pairs is tested on its own, with no correction for how many "
                + "are tested (each at 5%): of several tests at the 0.05 level, some verdicts of \"reliably\" may be chance"
                + holm.map(h -> "; " + h).orElse("")
                + (oneFactor > 0 && oneFactor < differences.size() ? "; the " + oneFactor + " pairs that differ in one factor "
                + "(cell, clip or depth) are listed first, the others differ in two or more at once and are no controlled "
                + "comparison" : ""));
    }
}

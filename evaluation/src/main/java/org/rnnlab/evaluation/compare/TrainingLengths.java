package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.TrainingConfig;

/**
 * How long the runs of a comparison actually trained, against the budget they were given: early stopping
 * ({@code --patience}) can end one configuration's runs far sooner than another's, so "the same training budget" is
 * only the upper bound. Says so in the report's words and warns when a configuration was stopped while its training
 * loss was still falling (its score then measures a shorter training, not the architecture: a user's try had an RNN
 * stopped at epoch 6 of 10 at chance, which reached 0.98 trained for 40 epochs without early stopping).
 */
public final class TrainingLengths {

    private TrainingLengths() {
    }

    /** The epochs each run trained (the length of its history). */
    public static int epochsTrained(RunResult r) {
        return r.epochsTrained();
    }

    /**
     * The budget and what the runs used of it, e.g. {@code up to 10 epochs of batch 32; early stopping after 5 epochs
     * without validation gain; the runs trained 6-10 epochs}.
     */
    public static String describe(ComparisonResult result) {
        TrainingConfig t = result.config().training();
        StringBuilder b = new StringBuilder("up to ").append(t.epochs()).append(" epochs of batch ").append(t.batchSize());
        boolean validated = result.runs().stream().flatMap(r -> r.history().stream())
                .anyMatch(e -> Double.isFinite(e.validationAccuracy()));
        if (t.patience() > 0 && validated) {
            b.append("; early stopping after ").append(t.patience()).append(" epochs without validation gain");
        }
        int min = result.runs().stream().mapToInt(TrainingLengths::epochsTrained).min().orElse(0);
        int max = result.runs().stream().mapToInt(TrainingLengths::epochsTrained).max().orElse(0);
        if (!result.runs().isEmpty()) {
            b.append("; the runs trained ").append(min == max ? String.valueOf(min) : min + "-" + max).append(" epochs");
        }
        return b.toString();
    }

    /**
     * Whether early stopping ended a run trained under {@code training} before its epoch budget while its training loss was
     * still falling: early stopping on ({@code --patience} above 0) and no time budget (which may have ended the run instead),
     * fewer epochs than the budget but 2 or more, the last epoch's training loss the lowest of all, and no epoch with a
     * validation accuracy of 1.0 (a user's try: warned of runs whose validation accuracy was 1.0, which no more epochs could
     * raise). The rule of {@link #stoppedWhileLearning} for compare's runs and of {@code train}'s warning for its one run (a
     * trial's run stopped at epoch 8 of 15, its loss 1.855 falling to 1.694, with only an INFO line where compare warned).
     */
    public static boolean stoppedWhileFalling(TrainingConfig training, List<EpochStats> history) {
        if (training.patience() <= 0 || training.timeBudgetSeconds() > 0 || history.size() >= training.epochs()
                || history.size() < 2 || history.stream().anyMatch(e -> e.validationAccuracy() >= 1.0)) {
            return false;
        }
        double last = history.get(history.size() - 1).trainLoss();
        return Double.isFinite(last) && history.stream().mapToDouble(EpochStats::trainLoss).filter(Double::isFinite)
                .allMatch(v -> v >= last);
    }

    /**
     * A warning naming the configurations some of whose runs early stopping ended before the epoch budget while their
     * training loss was still at its lowest ({@link #stoppedWhileFalling}), with their epochs; empty if there are none, and when early
     * stopping is off or a time budget ({@code --time-budget}) may have ended the runs. A run whose validation accuracy
     * reached 1.0 is not named: early stopping ended it because no more epochs could raise it.
     */
    public static Optional<String> stoppedWhileLearning(ComparisonResult result) {
        TrainingConfig t = result.config().training();
        int budget = t.epochs();
        Map<String, List<String>> stopped = new LinkedHashMap<>();
        for (RunResult r : result.runs()) {
            List<EpochStats> h = r.history();
            if (stoppedWhileFalling(t, h)) {
                stopped.computeIfAbsent(r.configuration(), c -> new ArrayList<>()).add("seed " + r.seed()
                        + (r.fold() == null ? "" : " fold " + r.fold()) + " at epoch " + h.size() + " (best " + r.bestEpoch() + ")");
            }
        }
        if (stopped.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        stopped.forEach((c, runs) -> parts.add(c + ": " + String.join(", ", runs)));
        return Optional.of("early stopping ended runs whose training loss was still falling, before the " + budget
                + "-epoch budget (" + String.join("; ", parts) + "): their scores measure a shorter training, not only the"
                + " architecture; --patience 0 (or a larger --patience) gives every run the whole budget");
    }

    /** How many times its previous epoch's an epoch's training loss must be to be called a jump ({@link #lossJump}). */
    static final double LOSS_JUMP_RATIO = 2.0;

    /** How much an epoch's training loss must rise, at least, to be called a jump (small losses double by noise). */
    static final double LOSS_JUMP_RISE = 0.05;

    /**
     * The largest rise of the training loss from one epoch to the next in {@code history} that is more than
     * {@value #LOSS_JUMP_RATIO} times the previous epoch's and at least {@value #LOSS_JUMP_RISE} higher, in words
     * ({@code 4.8x in epoch 4 (0.1571 in epoch 3, then 0.7585)}); empty when there is none. Training that learns steadily
     * falls or wobbles a little; such a jump is a step that undid what was learnt (a trial's text run: 0.157 to 0.759, its
     * validation accuracy 0.946 to 0.786, where {@code --clip l2:1} trained smoothly to a test accuracy of 0.998 against 0.952).
     */
    public static Optional<String> lossJump(List<EpochStats> history) {
        int worst = -1;
        double ratio = 0;
        for (int i = 1; i < history.size(); i++) {
            double before = history.get(i - 1).trainLoss();
            double after = history.get(i).trainLoss();
            if (Double.isFinite(before) && Double.isFinite(after) && before > 0 && after > LOSS_JUMP_RATIO * before
                    && after - before >= LOSS_JUMP_RISE && after / before > ratio) {
                ratio = after / before;
                worst = i;
            }
        }
        if (worst < 0) {
            return Optional.empty();
        }
        EpochStats before = history.get(worst - 1);
        EpochStats after = history.get(worst);
        return Optional.of(String.format(java.util.Locale.ROOT, "%.1fx in epoch %d (%.4f in epoch %d, then %.4f)", ratio,
                after.epoch(), before.trainLoss(), before.epoch(), after.trainLoss()));
    }

    /** Whether a clip setting ({@code --clip}, as recorded) is none: no gradient clipping. */
    public static boolean noClipping(String clip) {
        return clip == null || clip.isBlank() || clip.strip().equalsIgnoreCase("none");
    }

    /**
     * A warning naming the runs trained without gradient clipping whose training loss jumped ({@link #lossJump}), with the
     * epochs and losses; empty if there are none.
     */
    public static Optional<String> lossJumped(ComparisonResult result) {
        Map<String, List<String>> jumped = new LinkedHashMap<>();
        for (RunResult r : result.runs()) {
            if (!noClipping(r.clip())) {
                continue;
            }
            lossJump(r.history()).ifPresent(j -> jumped.computeIfAbsent(r.configuration(), c -> new ArrayList<>()).add("seed "
                    + r.seed() + (r.fold() == null ? "" : " fold " + r.fold()) + " " + j));
        }
        if (jumped.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        jumped.forEach((c, runs) -> parts.add(c + ": " + String.join(", ", runs)));
        return Optional.of("the training loss of runs without gradient clipping rose more than " + (int) LOSS_JUMP_RATIO
                + "x from one epoch to the next (" + String.join("; ", parts) + "): a step too large (exploding gradients, "
                + "common in recurrent networks) undid what they had learnt, so their scores measure an unstable training, not "
                + "only the architecture; --clip l2:1 (or --clip none,l2:1 to compare both) or a lower --lr usually trains smoothly");
    }

    /**
     * Whether a run that kept epoch {@code bestEpoch} of {@code epochs} trained, at a validation score of {@code score}, kept
     * an early one: 5 or more epochs, the kept one in their first fifth, and a score below 1 (a perfect score had nothing
     * better to wait for; NaN, no validation score, chose nothing). The rule of {@code train}'s warning for one run and of
     * {@link #keptEarly(ComparisonResult)}.
     */
    public static boolean keptEarly(int bestEpoch, int epochs, double score) {
        return epochs >= 5 && bestEpoch * 5 <= epochs && score < 1;
    }

    /** The validation score of an epoch: its macro-F1 where recorded, else its accuracy. */
    private static double keptScore(EpochStats e) {
        return e.validationMacroF1() != null ? e.validationMacroF1() : e.validationAccuracy();
    }

    /**
     * A warning naming the runs that kept an epoch in the first fifth of 5 or more epochs trained, with a validation score
     * below 1 (as {@code train} warns of one run): no later epoch scored higher on validation, so the model kept trained
     * little (a trial's GRU runs kept epoch 3 of 23 at chance, while the architecture needed some 30 epochs to leave its first
     * plateau); empty if there are none.
     */
    public static Optional<String> keptEarly(ComparisonResult result) {
        Map<String, List<String>> early = new LinkedHashMap<>();
        for (RunResult r : result.runs()) {
            List<EpochStats> h = r.history();
            if (r.bestEpoch() < 1 || r.bestEpoch() > h.size() || !keptEarly(r.bestEpoch(), h.size(), keptScore(h.get(r.bestEpoch() - 1)))) {
                continue;
            }
            early.computeIfAbsent(r.configuration(), c -> new ArrayList<>()).add("seed " + r.seed()
                    + (r.fold() == null ? "" : " fold " + r.fold()) + " kept " + r.bestEpoch() + " of " + h.size());
        }
        if (early.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        early.forEach((c, runs) -> parts.add(c + ": " + String.join(", ", runs)));
        org.rnnlab.training.EpochSelection selection = result.config().training().selection();
        // a log-loss is lower-is-better: "scoring higher" named the wrong direction (a review; train's own warning said "lower")
        return Optional.of("runs kept an epoch in the first fifth of their training, no later epoch scoring " + (selection == null
                || selection.higherIsBetter() ? "higher on validation" : "a lower validation " + selection.label()) + " ("
                + String.join("; ", parts) + "): those models trained little; with a small or noisy validation "
                + "split a larger one (--set validationFraction=0.25) may serve better, and an architecture slow to start may need "
                + "more --epochs and --patience");
    }

    /**
     * A warning naming the configurations whose runs kept their last epoch of the whole budget with a validation score
     * below 1: still improving when the budget ended, so their scores measure an unfinished training (a trial's verdict
     * "lstm reliably better than gru" at 8 epochs, with 5 of gru's 6 runs keeping epoch 8, was "not reliably different" at
     * 10); empty if none did.
     */
    public static Optional<String> stillImproving(ComparisonResult result) {
        List<String> parts = new ArrayList<>();
        stillImprovingCounts(result).forEach((c, n) -> parts.add(c + ": " + n[0] + " of " + n[1] + " runs"));
        return parts.isEmpty() ? Optional.empty() : Optional.of("runs kept the last epoch of the " + result.config().training().epochs()
                + "-epoch budget, still improving when it ended (" + String.join("; ", parts) + "): their scores, and the differences "
                + "and verdicts involving them, measure an unfinished training; more --epochs gives a fairer comparison");
    }

    /**
     * The configurations {@link #stillImproving(ComparisonResult)} names, in the order of their runs: each with {runs that kept
     * the last epoch of the budget with a validation score below 1, its runs}; only those where that is half or more of its runs.
     */
    public static Map<String, int[]> stillImprovingCounts(ComparisonResult result) {
        int budget = result.config().training().epochs();
        Map<String, int[]> counts = new LinkedHashMap<>(); // configuration -> {runs still improving, runs}
        for (RunResult r : result.runs()) {
            int[] c = counts.computeIfAbsent(r.configuration(), k -> new int[2]);
            c[1]++;
            List<EpochStats> h = r.history();
            if (h.size() < budget || h.size() < 2 || r.bestEpoch() != h.size()) {
                continue;
            }
            if (keptScore(h.get(h.size() - 1)) < 1) {
                c[0]++;
            }
        }
        Map<String, int[]> named = new LinkedHashMap<>();
        counts.forEach((c, n) -> {
            if (n[0] * 2 >= n[1] && n[0] > 0) { // half or more of a configuration's runs
                named.put(c, n);
            }
        });
        return named;
    }

    /**
     * What qualifies a reliable verdict between configurations {@code a} and {@code b} when either was still improving at the
     * end of the budget ({@link #stillImprovingCounts}): {@code lstm still improving at its last epoch in 4 of 6 runs: the
     * difference may be the budget's}; empty for a verdict that is not reliable or involves neither. A trial's untuned
     * 6-epoch comparison read "gru reliably better than lstm (p=0.031)" in every saved file while only the terminal warned
     * that lstm kept its last epoch in 4 of 6 runs; tuned with 12 epochs the two were not reliably different.
     */
    public static Optional<String> unfinishedWords(ComparisonResult result, PairedDifference d) {
        if (!d.reliable()) {
            return Optional.empty();
        }
        return unfinishedWords(stillImprovingCounts(result), d.a(), d.b());
    }

    /** {@link #unfinishedWords(ComparisonResult, PairedDifference)} of the configurations {@code a} and {@code b}, whatever the verdict. */
    public static Optional<String> unfinishedWords(Map<String, int[]> counts, String a, String b) {
        List<String> parts = new ArrayList<>();
        for (String c : a.equals(b) ? List.of(a) : List.of(a, b)) {
            int[] n = counts.get(c);
            if (n != null) {
                parts.add(c + " still improving at its last epoch in " + n[0] + " of " + n[1] + " runs");
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts) + ": the difference may be the budget's");
    }

    /**
     * {@link PairedDifference#verdict()} with {@link #unfinishedWords(ComparisonResult, PairedDifference)} in brackets where they
     * apply: {@code reliably better (lstm still improving at its last epoch in 4 of 6 runs: the difference may be the budget's)},
     * and a reliable verdict's {@link ComparisonCaveats#verdictScope} ({@code reliably worse on this test split (5 groups of ...)}).
     */
    public static String qualifiedVerdict(ComparisonResult result, PairedDifference d) {
        return d.verdict() + ComparisonCaveats.verdictScope(result, d).map(s -> " " + s).orElse("") + unfinishedWords(result, d).map(w -> " (" + w + ")").orElse("");
    }

    /**
     * Every warning of how long the runs trained, in the order the terminal gives them: {@link #stoppedWhileLearning}, {@link
     * #keptEarly(ComparisonResult)}, {@link #stillImproving}, {@link #lossJumped}; the report, summary.md, results.json and
     * result-warnings.txt carry the same.
     */
    public static List<String> warnings(ComparisonResult result) {
        List<String> out = new ArrayList<>();
        stoppedWhileLearning(result).ifPresent(out::add);
        keptEarly(result).ifPresent(out::add);
        stillImproving(result).ifPresent(out::add);
        lossJumped(result).ifPresent(out::add);
        return out;
    }
}

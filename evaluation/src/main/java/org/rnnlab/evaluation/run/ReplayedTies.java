package org.rnnlab.evaluation.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rnnlab.core.Json;
import org.rnnlab.training.EpochSelection;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.SelectionTies;
import org.rnnlab.training.TrainingConfig;

/**
 * The epoch tie rule a {@code train --config} run replays with ({@link SelectionTies}). A config.json that records one is
 * replayed by it. One written before the rule was recorded (by an rnnlab before 2026-12-06, which kept the first epoch to
 * reach the best validation score, or by one since, which breaks such a tie by the lower validation log-loss) is read from
 * what its run folder proves: its {@code provenance.json}'s {@code gitCommit} dated (by this rnnlab's git) before or since
 * the rule came in ({@link #RULE_SINCE}, commit {@value #RULE_COMMIT}), or its {@code startedAt} before it, or else its
 * run's {@code results.json}, when the run kept the first of tied epochs although a later
 * tied epoch had a strictly lower validation log-loss (the epoch the current rule moves to), or kept the first of tied epochs
 * in a history that records no validation log-loss (written before {@value #LOG_LOSS_RECORDED}, which came before the rule).
 * Only such a run was made by the first-epoch rule, which the replay then applies too. A run that kept the first of tied epochs none of which had a lower
 * log-loss proves nothing: both rules keep that epoch (and count the same patience), so it is replayed by the current rule
 * without a note (review 78 R1: such runs of the last day were read as old ones, and a comparison of them was replayed with
 * the old rule, moving other runs' kept epochs). A run that kept a later tied epoch was made by the current rule. Without
 * this a replay of an older run kept another epoch with other test scores (trial 78a: epoch 6 for 3, test accuracy 0.9630
 * for 1.0000) and still said it repeated the run.
 *
 * <p>A run whose {@code gitCommit} is dated since the rule but before {@link #PATIENCE_SINCE} (commit {@value #PATIENCE_COMMIT},
 * since which such a tie is also a gain for {@code --patience}) was made by {@link SelectionTies#LOWER_LOG_LOSS_NO_PATIENCE_GAIN},
 * which its replay applies too, with a note: else a run of that window that stopped early during a tie was trained again for
 * more epochs, kept another one and was still called a repeat (trial 78j: epoch 12 of 12 for 3 of 3, test accuracy 0.9111 became
 * 0.9778).
 *
 * @param rule the rule to train with
 * @param note what was decided and why, for the console; null when there is nothing to say (the rule recorded, or no
 *             evidence of the old one)
 */
public record ReplayedTies(SelectionTies rule, String note) {

    /** The commit that brought in the log-loss tie rule. */
    public static final String RULE_COMMIT = "62dd0b01";
    /** When it was committed ({@code git log -1 --format=%ci 62dd0b01}): a run started before was made by the first-epoch rule. */
    public static final java.time.Instant RULE_SINCE = java.time.Instant.parse("2026-12-06T19:20:25Z");

    /** The commit since which a tie kept by the lower log-loss is a gain for {@code --patience} too. */
    public static final String PATIENCE_COMMIT = "35658db4";
    /** When it was committed ({@code git log -1 --format=%ci 35658db4}): a commit since {@link #RULE_SINCE} and before it counted no such gain. */
    public static final java.time.Instant PATIENCE_SINCE = java.time.Instant.parse("2026-12-07T12:55:04Z");

    /**
     * The commit since which a run's history records each epoch's validation log-loss ({@code EpochStats#validationLogLoss},
     * 2026-12-06 00:52 UTC), before {@value #RULE_COMMIT}: a tie in a history without it was kept by the first-epoch rule.
     */
    public static final String LOG_LOSS_RECORDED = "cdae6c33";

    private static final ReplayedTies CURRENT = new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null);

    /** The rule for training again what {@code config} (a run's config.json, {@code training} read from it) describes. */
    public static ReplayedTies of(TrainingConfig training, Path config) {
        if (training.selectionTies() != null) {
            return new ReplayedTies(training.selectionTies(), null);
        }
        Path results = config.toAbsolutePath().resolveSibling("results.json");
        ReplayedTies byHistory = CURRENT;
        boolean laterTieKept = false;
        if (Files.isRegularFile(results)) {
            try {
                JsonNode root = Json.mapper().readTree(results.toFile());
                List<EpochStats> history = history(root);
                int kept = root.path("bestEpoch").asInt(0);
                laterTieKept = keptLaterTie(training, history, kept);
                byHistory = ofHistory(training, history, kept, config, "its run", "this run");
            } catch (IOException | IllegalArgumentException e) {
                byHistory = CURRENT; // not a run's results.json: nothing to read it by
            }
        }
        Optional<ReplayedTies> byProvenance = byProvenance(training, config, "this run");
        return laterTieKept ? logLossRule(byProvenance) : decided(byHistory, byProvenance);
    }

    /**
     * The rule for comparing again what {@code config} (a comparison's config.json, {@code training} read from it) describes:
     * as {@link #of}, read from the comparison's provenance.json and every one of its kept runs ({@code runs/*.json}, each with
     * its history and kept epoch): the first-epoch rule when the comparison started before the rule came in, or when one of
     * them kept the first of tied epochs although a later one had a lower log-loss and none kept a later tied epoch (which
     * only the current rule does).
     */
    public static ReplayedTies ofComparison(TrainingConfig training, Path config) {
        if (training.selectionTies() != null) {
            return new ReplayedTies(training.selectionTies(), null);
        }
        Path runs = config.toAbsolutePath().resolveSibling("runs");
        ReplayedTies byHistory = CURRENT;
        if (Files.isDirectory(runs)) {
            try (var files = Files.list(runs)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                    JsonNode root = Json.mapper().readTree(f.toFile());
                    List<EpochStats> history = history(root);
                    int kept = root.path("bestEpoch").asInt(0);
                    if (keptLaterTie(training, history, kept)) {
                        // only a log-loss rule keeps a later tied epoch: the whole comparison was made by one
                        return logLossRule(byProvenance(training, config, "this comparison"));
                    }
                    ReplayedTies rule = ofHistory(training, history, kept, config, "its run " + runs.getParent().relativize(f),
                            "this comparison");
                    if (byHistory.note() == null && rule.rule() == SelectionTies.FIRST) {
                        byHistory = rule;
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                byHistory = CURRENT; // runs unreadable: nothing to read the rule by
            }
        }
        return decided(byHistory, byProvenance(training, config, "this comparison"));
    }

    /**
     * The rule of the runs' histories ({@code byHistory}) and of the provenance ({@code byProvenance}): the provenance's when it
     * proves one, with the history's note when both find the first-epoch rule (it names the tied epochs).
     */
    private static ReplayedTies decided(ReplayedTies byHistory, Optional<ReplayedTies> byProvenance) {
        if (byProvenance.isEmpty() || byProvenance.get().rule() == byHistory.rule()) {
            return byHistory;
        }
        return byProvenance.get();
    }

    /**
     * The rule of a run that kept a later tied epoch, which only a log-loss rule does: the one of the window before {@value
     * #PATIENCE_COMMIT} when {@code byProvenance} proves it, else the current one.
     */
    private static ReplayedTies logLossRule(Optional<ReplayedTies> byProvenance) {
        return byProvenance.filter(t -> t.rule() == SelectionTies.LOWER_LOG_LOSS_NO_PATIENCE_GAIN).orElse(CURRENT);
    }

    private static List<EpochStats> history(JsonNode root) throws IOException {
        List<EpochStats> history = new ArrayList<>();
        for (JsonNode e : root.path("history")) {
            history.add(Json.mapper().treeToValue(e, EpochStats.class));
        }
        return history;
    }

    /**
     * The rule the provenance.json beside {@code config} proves: by its {@code gitCommit}'s date in this rnnlab's git
     * ({@link Provenance#commitTime}), the first-epoch rule for a commit before {@link #RULE_SINCE}, {@link
     * SelectionTies#LOWER_LOG_LOSS_NO_PATIENCE_GAIN} for one before {@link #PATIENCE_SINCE} and the current one for a later
     * commit; else the first-epoch rule for a {@code startedAt} before it (no rnnlab had the log-loss rule then). Empty
     * when it proves neither (no such file, a commit this git does not hold and a later start, or unreadable).
     */
    static Optional<ReplayedTies> byProvenance(TrainingConfig training, Path config, String replay) {
        Path provenance = config.toAbsolutePath().resolveSibling("provenance.json");
        if (!Files.isRegularFile(provenance)) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.mapper().readTree(provenance.toFile());
            String commit = root.path("gitCommit").asText("");
            Optional<java.time.Instant> committed = Provenance.commitTime(commit);
            String when;
            if (committed.isPresent()) {
                if (!committed.get().isBefore(PATIENCE_SINCE)) {
                    return Optional.of(CURRENT); // a commit since the patience change: made by the current rule
                }
                if (!committed.get().isBefore(RULE_SINCE)) { // between the tie rule and the patience change
                    SelectionTies window = SelectionTies.LOWER_LOG_LOSS_NO_PATIENCE_GAIN;
                    return Optional.of(new ReplayedTies(window, String.format(Locale.ROOT, "%s records no epoch tie rule "
                            + "(written before it was recorded), and its provenance.json says it was made by rnnlab commit %s of "
                            + "%s, after rnnlab broke ties of the best validation %s by the lower log-loss (commit %s, %s) but "
                            + "before such a tie counted as a gain for --patience (commit %s, %s); %s keeps %s too, to repeat it "
                            + "(rnnlab since counts the tie as a gain, so a run may stop later; give the options instead of "
                            + "--config for that; config.json: selectionTies %s)", config, commit, committed.get(),
                            training.selection().label(), RULE_COMMIT, RULE_SINCE, PATIENCE_COMMIT, PATIENCE_SINCE, replay,
                            window.words(), window.name())));
                }
                when = "was made by rnnlab commit " + commit + " of " + committed.get();
            } else {
                java.time.Instant started = java.time.Instant.parse(root.path("startedAt").asText(""));
                if (!started.isBefore(RULE_SINCE)) {
                    return Optional.empty();
                }
                when = "started at " + started + (commit.isBlank() ? "" : " (rnnlab commit " + commit + ")");
            }
            return Optional.of(new ReplayedTies(SelectionTies.FIRST, String.format(Locale.ROOT, "%s records no epoch tie rule "
                    + "(written before it was recorded), and its provenance.json says it %s, before rnnlab broke ties of the "
                    + "best validation %s by the lower log-loss (commit %s, %s), so it was made by the rule of rnnlab before "
                    + "2026-12-06; %s keeps %s too, to repeat it (rnnlab since keeps %s; give the options instead of --config for "
                    + "that; config.json: selectionTies FIRST)", config, when, training.selection().label(), RULE_COMMIT,
                    RULE_SINCE, replay, SelectionTies.FIRST.words(), SelectionTies.LOWER_LOG_LOSS.words())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no readable commit or start time: the runs' histories decide
        }
    }

    /**
     * Whether {@code history}'s run kept a later epoch than the first to reach its best validation score, one that tied it:
     * what only the log-loss rule does.
     */
    static boolean keptLaterTie(TrainingConfig training, List<EpochStats> history, int kept) {
        EpochSelection selection = training.selection();
        Optional<EpochStats> first = firstBest(history, selection, training.minImprovement());
        return first.isPresent() && first.get().epoch() < kept && history.stream()
                .anyMatch(e -> e.epoch() == kept && e.validation(selection) == first.get().validation(selection));
    }

    /**
     * The rule by which {@code history}'s run kept {@code kept} (see the class): the first-epoch rule only when the run kept the
     * first of tied epochs although a later tied epoch had a strictly lower validation log-loss, or in a history without
     * validation log-loss (of an rnnlab before {@value #LOG_LOSS_RECORDED}); {@code config} names it in
     * the note, {@code run} the run ({@code its run}) and {@code replay} what repeats it ({@code this run}).
     */
    static ReplayedTies ofHistory(TrainingConfig training, List<EpochStats> history, int kept, Path config, String run,
                                  String replay) {
        EpochSelection selection = training.selection();
        Optional<EpochStats> first = firstBest(history, selection, training.minImprovement());
        if (first.isEmpty() || first.get().epoch() != kept) {
            return CURRENT; // no validation scores, or a tie broken by log-loss
        }
        double best = first.get().validation(selection);
        List<EpochStats> tied = history.stream().filter(e -> e.epoch() > kept && e.validation(selection) == best).toList();
        String because;
        if (tied.isEmpty()) {
            return CURRENT; // no tie: both rules keep the same epoch
        } else if (first.get().validationLogLoss() == null && tied.stream().allMatch(e -> e.validationLogLoss() == null)) {
            // written before rnnlab recorded the validation log-loss (commit LOG_LOSS_RECORDED), which was before the rule
            because = String.format(Locale.ROOT, "which epoch(s) %s tied, in a history without validation log-loss (recorded "
                    + "since commit %s, before rnnlab broke ties by it in %s)", epochs(tied), LOG_LOSS_RECORDED, RULE_COMMIT);
        } else {
            Double keptLoss = first.get().validationLogLoss();
            if (keptLoss == null || Double.isNaN(keptLoss)) {
                return CURRENT; // no log-loss to break a tie by: both rules keep the first
            }
            List<EpochStats> lower = tied.stream().filter(e -> e.validationLogLoss() != null && e.validationLogLoss() < keptLoss)
                    .toList();
            if (lower.isEmpty()) {
                return CURRENT; // none of lower log-loss: both rules keep the same epoch (and count the same patience)
            }
            because = String.format(Locale.ROOT, "which epoch(s) %s tied at a lower validation log-loss (%s against %.4f), the "
                    + "epoch rnnlab since commit %s keeps", epochs(lower), String.join(", ", lower.stream()
                    .map(e -> String.format(Locale.ROOT, "%.4f", e.validationLogLoss())).toList()), keptLoss, RULE_COMMIT);
        }
        return new ReplayedTies(SelectionTies.FIRST, String.format(Locale.ROOT, "%s records no epoch tie rule (written before "
                + "it was recorded): %s kept epoch %d, the first to reach its validation %s %.4f, %s, so it was made by the rule "
                + "of rnnlab before 2026-12-06; %s keeps %s too, to repeat it (rnnlab since keeps %s; give the options instead "
                + "of --config for that; config.json: selectionTies FIRST)", config, run, kept, selection.label(), best, because,
                replay, SelectionTies.FIRST.words(), SelectionTies.LOWER_LOG_LOSS.words()));
    }

    private static String epochs(List<EpochStats> epochs) {
        return String.join(", ", epochs.stream().map(e -> Integer.toString(e.epoch())).toList());
    }

    /** The epoch the first-epoch rule keeps: the first one to beat every earlier score by more than {@code minImprovement}. */
    private static Optional<EpochStats> firstBest(List<EpochStats> history, EpochSelection selection, double minImprovement) {
        EpochStats best = null;
        for (EpochStats e : history) {
            double score = e.validation(selection);
            if (Double.isNaN(score)) {
                return Optional.empty(); // an epoch without its validation score: not a run this rule can be read from
            }
            if (best == null || selection.oriented(score) > selection.oriented(best.validation(selection)) + minImprovement) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }
}

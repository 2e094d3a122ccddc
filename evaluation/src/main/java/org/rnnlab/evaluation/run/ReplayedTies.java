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
import org.rnnlab.training.SelectionTies;
import org.rnnlab.training.TrainingConfig;

/**
 * The epoch tie rule a {@code train --config} run replays with ({@link SelectionTies}). A config.json that records one is
 * replayed by it. One written before the rule was recorded (by an rnnlab before 2026-12-06, which kept the first epoch to
 * reach the best validation score, or by one since, which breaks such a tie by the lower validation log-loss) is read from
 * its run's {@code results.json}: when later epochs tied the best score and the run kept the first of them, the run was made
 * by the first-epoch rule, which the replay then applies too. Without this a replay of an older run kept another epoch with
 * other test scores (trial 78a: epoch 6 for 3, test accuracy 0.9630 for 1.0000) and still said it repeated the run.
 *
 * @param rule the rule to train with
 * @param note what was decided and why, for the console; null when there is nothing to say (the rule recorded, or no tie)
 */
public record ReplayedTies(SelectionTies rule, String note) {

    /** The rule for training again what {@code config} (a run's config.json, {@code training} read from it) describes. */
    public static ReplayedTies of(TrainingConfig training, Path config) {
        if (training.selectionTies() != null) {
            return new ReplayedTies(training.selectionTies(), null);
        }
        Path results = config.toAbsolutePath().resolveSibling("results.json");
        if (!Files.isRegularFile(results)) {
            return new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null);
        }
        try {
            JsonNode root = Json.mapper().readTree(results.toFile());
            List<EpochStats> history = new ArrayList<>();
            for (JsonNode e : root.path("history")) {
                history.add(Json.mapper().treeToValue(e, EpochStats.class));
            }
            return ofHistory(training, history, root.path("bestEpoch").asInt(0), config, "its run", "this run");
        } catch (IOException | IllegalArgumentException e) {
            return new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null); // not a run's results.json: nothing to read it by
        }
    }

    /**
     * The rule for comparing again what {@code config} (a comparison's config.json, {@code training} read from it) describes:
     * as {@link #of}, read from the comparison's kept runs ({@code runs/*.json}, each with its history and kept epoch): the
     * first-epoch rule when one of them kept the first of tied epochs.
     */
    public static ReplayedTies ofComparison(TrainingConfig training, Path config) {
        if (training.selectionTies() != null) {
            return new ReplayedTies(training.selectionTies(), null);
        }
        Path runs = config.toAbsolutePath().resolveSibling("runs");
        if (!Files.isDirectory(runs)) {
            return new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null);
        }
        try (var files = Files.list(runs)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = Json.mapper().readTree(f.toFile());
                List<EpochStats> history = new ArrayList<>();
                for (JsonNode e : root.path("history")) {
                    history.add(Json.mapper().treeToValue(e, EpochStats.class));
                }
                ReplayedTies rule = ofHistory(training, history, root.path("bestEpoch").asInt(0), config,
                        "its run " + runs.getParent().relativize(f), "this comparison");
                if (rule.rule() == SelectionTies.FIRST) {
                    return rule;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null); // runs unreadable: nothing to read the rule by
        }
        return new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null);
    }

    /**
     * The rule by which {@code history}'s run kept {@code kept} (see the class); {@code config} names it in the note, {@code
     * run} the run ({@code its run}) and {@code replay} what repeats it ({@code this run}).
     */
    static ReplayedTies ofHistory(TrainingConfig training, List<EpochStats> history, int kept, Path config, String run,
                                  String replay) {
        EpochSelection selection = training.selection();
        Optional<EpochStats> first = firstBest(history, selection, training.minImprovement());
        if (first.isEmpty() || first.get().epoch() != kept) {
            return new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null); // no validation scores, or a tie broken by log-loss
        }
        double best = first.get().validation(selection);
        List<String> tied = history.stream().filter(e -> e.epoch() > kept && e.validation(selection) == best)
                .map(e -> Integer.toString(e.epoch())).toList();
        if (tied.isEmpty()) {
            return new ReplayedTies(SelectionTies.LOWER_LOG_LOSS, null); // no tie: both rules keep the same epoch
        }
        return new ReplayedTies(SelectionTies.FIRST, String.format(Locale.ROOT, "%s records no epoch tie rule (written before "
                + "it was recorded): %s kept epoch %d, the first to reach its validation %s %.4f, which epoch(s) %s tied, so "
                + "it was made by the rule of rnnlab before 2026-12-06; %s keeps %s too, to repeat it (rnnlab since keeps %s; "
                + "give the options instead of --config for that; config.json: selectionTies FIRST)", config, run, kept,
                selection.label(), best, String.join(", ", tied), replay, SelectionTies.FIRST.words(),
                SelectionTies.LOWER_LOG_LOSS.words()));
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

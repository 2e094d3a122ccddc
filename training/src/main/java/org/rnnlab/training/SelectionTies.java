package org.rnnlab.training;

/**
 * Which epoch is kept when later epochs tie the best validation score exactly ({@link TrainingConfig#selectionTies}). The rule
 * changed on 2026-12-06 (commit 62dd0b01, trial 71c): before it, the first epoch to reach the best score was kept; since, a tied
 * epoch of lower validation log-loss is. It is recorded in {@code config.json} so that {@code train --config} of a run made
 * before the change keeps the epoch that run kept, not another one with other test scores (trial 78a: a replay kept epoch 6
 * instead of 3, test accuracy 0.9630 became 1.0000, and repeat-of.json said it was a repeat). Between that change and
 * 2026-12-07 12:55 UTC (commit 35658db4) such a tie was kept but was no gain for {@code --patience}: a run of that window that
 * stopped early during a tie stopped earlier than rnnlab since would, and is replayed by {@link #LOWER_LOG_LOSS_NO_PATIENCE_GAIN}
 * (trial 78j: a replay trained 12 epochs where its run stopped after 3, and still said it was a repeat).
 */
public enum SelectionTies {
    /** A tie of the best score goes to the epoch of lower validation log-loss (the rule since 2026-12-06, the default). */
    LOWER_LOG_LOSS("the tied epoch of lower validation log-loss"),
    /** A tie of the best score keeps the first epoch that reached it (the rule of rnnlab before 2026-12-06). */
    FIRST("the first of the tied epochs"),
    /**
     * A tie of the best score goes to the epoch of lower validation log-loss, but is no gain for {@code --patience}: the count
     * of epochs without one goes on (the rule of rnnlab from 2026-12-06 19:20 to 2026-12-07 12:55 UTC, commits 62dd0b01 to
     * 35658db4).
     */
    LOWER_LOG_LOSS_NO_PATIENCE_GAIN("the tied epoch of lower validation log-loss, without counting it as a gain for --patience");

    private final String words;

    SelectionTies(String words) {
        this.words = words;
    }

    /** The rule in words, for messages ({@code the first of the tied epochs}). */
    public String words() {
        return words;
    }
}

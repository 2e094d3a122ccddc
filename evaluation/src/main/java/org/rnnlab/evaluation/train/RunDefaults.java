package org.rnnlab.evaluation.train;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/**
 * The defaults of {@code train} and {@code compare}, one record for both, so the same option means
 * the same thing in either command. A dataset may have a recipe of its own (the built-in agreement task
 * is sized so the default comparison runs in well under a minute); every other dataset uses
 * {@link #GENERAL}. The training budget scales with the data: when the user does not set
 * {@code --epochs}, a small dataset gets more epochs so that training makes at least
 * {@code minUpdates} optimiser updates, and early stopping on validation accuracy (patience) ends it
 * sooner when it stops improving.
 *
 * @param hidden     units per recurrent layer
 * @param layers     stacked recurrent layers
 * @param batch      minibatch size
 * @param lr         Adam learning rate
 * @param epochs     epochs (at least; see minUpdates)
 * @param seed       model seed (compare: the first of its seeds)
 * @param patience   epochs without validation gain before stopping (0 = never)
 * @param minUpdates optimiser updates a run makes at least when the epochs are not given
 */
public record RunDefaults(int hidden, int layers, int batch, double lr, int epochs, long seed, int patience, int minUpdates) {

    /** For users' own data and the built-in datasets without a recipe. */
    public static final RunDefaults GENERAL = new RunDefaults(64, 1, 32, 0.005, 20, 1, 5, 400);

    /** Recipes of built-in datasets (measured: see docs/RESULTS.md). */
    private static final Map<String, RunDefaults> RECIPES = Map.of(
            "agreement", new RunDefaults(24, 1, 64, 0.02, 6, 1, 0, 0));

    /** The defaults for a dataset. */
    public static RunDefaults forDataset(String dataset) {
        return RECIPES.getOrDefault(dataset, GENERAL);
    }

    /** Help text for one option: the general default and any recipe's. */
    public static String help(String what, Function<RunDefaults, Object> value) {
        StringBuilder sb = new StringBuilder(what).append(" (default: ").append(value.apply(GENERAL));
        RECIPES.forEach((name, r) -> {
            if (!value.apply(r).equals(value.apply(GENERAL))) {
                sb.append("; ").append(value.apply(r)).append(" for ").append(name);
            }
        });
        return sb.append(")").toString();
    }

    /**
     * Refuses a dataset with no training or no test examples, saying where they come from.
     *
     * @throws IllegalArgumentException naming the empty split and how to fill it
     */
    public static void requireTrainAndTest(SequenceDataset data) {
        requireTrainAndTest(data, false);
    }

    /**
     * As {@link #requireTrainAndTest(SequenceDataset)}; with {@code withoutTest} (train's {@code --set testFraction=0}: a
     * final model fitted on all the labelled data) an empty test split is accepted.
     */
    public static void requireTrainAndTest(SequenceDataset data, boolean withoutTest) {
        if (data.split(Split.TRAIN).size() == 0) {
            throw new IllegalArgumentException("dataset " + data.name() + " has no train examples (give a --train file, or "
                    + "fractions that leave sequences to train on)");
        }
        if (data.split(Split.TEST).size() == 0 && !withoutTest) {
            throw new IllegalArgumentException("dataset " + data.name() + " has no test examples (give a --test file, test rows "
                    + "in a split column, or a testFraction > 0 with enough examples to carve from"
                    + (java.util.Set.of("csv", "text").contains(data.name()) ? "; train takes --set testFraction=0 to fit a "
                    + "final model without a test split or test scores" : "") + ")");
        }
    }

    /**
     * Whether {@code settings} (a run's {@code --set} options) ask for no test split: {@code testFraction} given as 0.
     */
    public static boolean testFractionZero(Map<String, String> settings) {
        String v = settings.get("testFraction");
        if (v == null) {
            return false;
        }
        try {
            return Double.parseDouble(v.trim()) == 0;
        } catch (NumberFormatException e) {
            return false; // the dataset refuses it with its own message
        }
    }

    /**
     * Patience for a run of {@code epochs} epochs: {@link #patience()} scaled up as the epochs were (never below it), so that
     * early stopping waits as many updates as it would over {@link #epochs()} epochs.
     */
    public int patienceFor(int epochs) {
        return patience == 0 ? 0 : Math.max(patience, (int) Math.ceil((double) patience * epochs / this.epochs));
    }

    /**
     * Epochs for a training split of {@code trainSize} examples: {@link #epochs()}, or more when that
     * would make fewer than {@link #minUpdates()} updates.
     */
    public int epochsFor(int trainSize, int batchSize) {
        int batches = Math.max(1, (trainSize + batchSize - 1) / batchSize);
        int needed = (minUpdates + batches - 1) / batches;
        return Math.min(10_000, Math.max(epochs, needed));
    }
}

package org.rnnlab.evaluation.compare;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rnnlab.evaluation.metrics.Metric;

/**
 * How to get the model of a comparison's best configuration: compare keeps no model, and {@code train} with the
 * comparison's data and model options and the run's cell, clip and seed trains the same run again (the same test
 * scores; verified on agreement for gru and rnn clip=l2:1.0), except under a {@code --time-budget}, whose stop depends on
 * the machine's speed and load (said with the hint). A user's try found no word of it.
 */
public final class TrainAgain {

    private TrainAgain() {
    }

    /**
     * The best configuration's best run and the {@code train} options that repeat it, as {@code results.json} ({@code best})
     * and {@code compare --json} carry them (a trial's {@code --json} dropped what the table printed), with how far the data
     * separate it from the others (a trial's comparison named a "best" where six configurations tied at 1.0, picked by the
     * order of {@code --cells}, and another where no difference was reliable).
     *
     * @param configuration the configuration of the highest mean test macro-F1
     * @param meanMacroF1   its mean test macro-F1
     * @param seed          its run of the highest test macro-F1
     * @param accuracy      that run's test accuracy
     * @param macroF1       that run's test macro-F1
     * @param trainOptions  the options to add to the comparison's data and model options: {@code --cell C --clip X --seed N}
     * @param note          what else {@code train} needs, and that the pick is optimistic
     * @param tiedWith      the other configurations of the same mean test macro-F1 (to 1e-9), in the table's order; the
     *                      pick among them is only that order
     * @param runnerUp      the configuration of the next highest mean test macro-F1 (the first tied one when there are ties),
     *                      or null with one configuration
     * @param versusRunnerUp the paired difference of test macro-F1, best minus runner-up ({@link PairedDifference}), or null
     */
    public record Best(String configuration, double meanMacroF1, long seed, double accuracy, double macroF1, List<String> trainOptions,
                       String note, List<String> tiedWith, String runnerUp, PairedDifference versusRunnerUp) {
        public Best {
            trainOptions = List.copyOf(trainOptions);
            tiedWith = List.copyOf(tiedWith);
        }

        /**
         * How the data separate the best from the rest, in words: tied, reliably better than the runner-up, not reliably
         * better, or too few paired runs for a verdict; empty with one configuration.
         */
        public String standing() {
            if (!tiedWith.isEmpty()) {
                return "tied with " + String.join(", ", tiedWith) + " (the same mean macro-F1): the pick among them is only the "
                        + "order of the configurations, not the data";
            }
            if (runnerUp == null || versusRunnerUp == null) {
                return "";
            }
            PairedDifference d = versusRunnerUp;
            String numbers = String.format(Locale.ROOT, "paired macro-F1 difference %+.4f [%+.4f, %+.4f], n=%d, p=%.3f",
                    d.meanDifference(), d.low(), d.high(), d.pairs(), d.pValue());
            if (d.pairs() < PairedDifference.MIN_PAIRS) {
                return "no verdict against the runner-up " + runnerUp + " (" + numbers + "): " + d.pairs() + " paired runs, a verdict "
                        + "needs " + PairedDifference.MIN_PAIRS + " (more --seeds)";
            }
            if (d.reliable() && d.meanDifference() < 0) { // a stopped comparison: the best's mean holds runs the runner-up lacks
                return "reliably worse than the runner-up " + runnerUp + " on the runs both have (" + numbers + "): its higher mean "
                        + "comes from runs the runner-up lacks";
            }
            return (d.reliable() ? "reliably better than the runner-up " : "not reliably better than the runner-up ") + runnerUp
                    + " (" + numbers + ")" + (d.reliable() ? "" : ": the data do not separate them");
        }
    }

    /**
     * The configuration of the highest mean test macro-F1 (which, unlike accuracy, a majority class does not carry) and its
     * best seed; empty with --cv, bands or tuning, whose runs train cannot repeat (a fold or band of the data; tuned
     * settings), and without runs.
     */
    public static Optional<Best> best(ComparisonResult result) {
        ComparisonConfig c = result.config();
        if (c.crossValidation() != null || c.bands() != null || c.tuning() != null || result.tuning() != null
                || result.aggregates().isEmpty()) {
            return Optional.empty();
        }
        Aggregate best = result.aggregates().stream().max(Comparator.comparingDouble(a -> a.mean(Metric.MACRO_F1))).orElseThrow();
        Optional<RunResult> run = result.runsOf(best.configuration()).stream()
                .max(Comparator.comparingDouble(r -> r.test().metric(Metric.MACRO_F1)));
        double top = best.mean(Metric.MACRO_F1);
        List<String> tied = result.aggregates().stream().filter(a -> a != best && Math.abs(a.mean(Metric.MACRO_F1) - top) <= 1e-9)
                .map(Aggregate::configuration).toList();
        Optional<Aggregate> second = tied.isEmpty()
                ? result.aggregates().stream().filter(a -> a != best).max(Comparator.comparingDouble(a -> a.mean(Metric.MACRO_F1)))
                : result.aggregates().stream().filter(a -> a.configuration().equals(tied.get(0))).findFirst();
        PairedDifference versus = second.map(s -> PairedDifference.of(best.configuration(), result.runsOf(best.configuration()),
                s.configuration(), result.runsOf(s.configuration()), Metric.MACRO_F1)).filter(d -> d.pairs() > 0).orElse(null);
        return run.map(r -> new Best(best.configuration(), top, r.seed(), r.test().metric(Metric.ACCURACY),
                r.test().metric(Metric.MACRO_F1), List.of("--cell", r.architecture(), "--clip", r.clip(), "--seed", Long.toString(r.seed())),
                timeBudget(c, r).map(w -> "rnnlab train --config with this comparison's config.json and these options trains this "
                        + "run again and saves the model (as does train with the comparison's data and model options and these), "
                        + "but not surely with the same test scores: " + w + "; the best seed on the test data, so an optimistic "
                        + "estimate").orElse(
                "rnnlab train --config with this comparison's config.json and these options trains this run again, with the same "
                        + "test scores, and saves the model (as does train with the comparison's data and model options and these); "
                        + "the best seed on the test data, so an optimistic estimate"),
                tied, second.map(Aggregate::configuration).orElse(null), versus));
    }

    /**
     * The hint for {@link #best}, e.g. {@code gru (mean macro-F1 0.6198): rnnlab train --config runs/x/config.json --cell gru
     * --clip none --seed 2 trains its run of seed 2 again (test accuracy 0.6300, macro-F1 0.6300) ...}; empty when there is no
     * best run to repeat.
     *
     * @param config the comparison's config.json as a shell word (quoted where needed), or null to name it in words
     */
    public static Optional<String> hint(ComparisonResult result, String config) {
        String where = config == null ? "RUN/config.json" : config;
        return best(result).map(b -> {
            Optional<String> budget = result.runsOf(b.configuration()).stream().filter(r -> r.seed() == b.seed()).findFirst()
                    .flatMap(r -> timeBudget(result.config(), r));
            return String.format(Locale.ROOT, "%s (mean macro-F1 %.4f%s): rnnlab train --config %s %s trains its "
                            + "run of seed %d again, %s (accuracy %.4f, macro-F1 %.4f; the best seed on the test data, "
                            + "so an optimistic estimate), and saves the model%s",
                    b.configuration(), b.meanMacroF1(), b.standing().isEmpty() ? "" : "; " + b.standing(), where,
                    String.join(" ", b.trainOptions()), b.seed(), budget.isEmpty() ? "the same test scores" : "the comparison's test scores",
                    b.accuracy(), b.macroF1(), budget.map(w -> "; but not surely with the same scores: " + w).orElse("")
                            + (config == null ? " (RUN: this comparison's folder)" : ""));
        });
    }

    /** A time budget in seconds as a person writes it: {@code 2 s}, {@code 0.5 s}. */
    public static String seconds(double seconds) {
        return (seconds == Math.rint(seconds) ? Long.toString((long) seconds) : org.rnnlab.core.ModelSpec.plain(seconds)) + " s";
    }

    /**
     * Why {@code train} may not repeat run {@code r} exactly when the comparison had a {@code --time-budget}: the epoch a run
     * stops after depends on the machine's speed and load (a user's train of the best run gave other scores); empty without
     * a time budget.
     */
    static Optional<String> timeBudget(ComparisonConfig config, RunResult r) {
        double seconds = config.training().timeBudgetSeconds();
        if (seconds <= 0) {
            return Optional.empty();
        }
        String budget = "--time-budget " + seconds(seconds);
        String how = "time budget".equals(r.stoppedBy())
                ? "the comparison's " + budget + " stopped this run after " + r.epochsTrained() + " epochs, and the epoch a run "
                        + "stops after depends on the machine's speed and load"
                : r.stoppedBy() != null
                ? "this run stopped by " + r.stoppedBy() + " after " + r.epochsTrained() + " epochs, within the comparison's "
                        + budget + ", which on a slower or busier machine may stop it sooner"
                : "with the comparison's " + budget + ", the epoch a run stops after depends on the machine's speed and load";
        return Optional.of(how + " (a comparison without --time-budget gives runs that train repeats exactly)");
    }

    /** {@link #hint(ComparisonResult, String)} naming the config.json in words. */
    public static Optional<String> hint(ComparisonResult result) {
        return hint(result, null);
    }

}

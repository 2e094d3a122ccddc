package org.rnnlab.evaluation.compare;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rnnlab.evaluation.metrics.Metric;

/**
 * How to get the model of a comparison's best configuration: compare keeps no model, and {@code train} with the
 * comparison's data and model options and the run's cell, clip and seed trains the same run again (the same test
 * scores; verified on agreement for gru and rnn clip=l2:1.0). A user's try found no word of it.
 */
public final class TrainAgain {

    private TrainAgain() {
    }

    /**
     * The best configuration's best run and the {@code train} options that repeat it, as {@code results.json} ({@code best})
     * and {@code compare --json} carry them (a trial's {@code --json} dropped what the table printed).
     *
     * @param configuration the configuration of the highest mean test macro-F1
     * @param meanMacroF1   its mean test macro-F1
     * @param seed          its run of the highest test macro-F1
     * @param accuracy      that run's test accuracy
     * @param macroF1       that run's test macro-F1
     * @param trainOptions  the options to add to the comparison's data and model options: {@code --cell C --clip X --seed N}
     * @param note          what else {@code train} needs, and that the pick is optimistic
     */
    public record Best(String configuration, double meanMacroF1, long seed, double accuracy, double macroF1, List<String> trainOptions,
                       String note) {
        public Best {
            trainOptions = List.copyOf(trainOptions);
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
        Optional<RunResult> run = result.runs().stream().filter(r -> r.configuration().equals(best.configuration()))
                .max(Comparator.comparingDouble(r -> r.test().metric(Metric.MACRO_F1)));
        return run.map(r -> new Best(best.configuration(), best.mean(Metric.MACRO_F1), r.seed(), r.test().metric(Metric.ACCURACY),
                r.test().metric(Metric.MACRO_F1), List.of("--cell", r.architecture(), "--clip", r.clip(), "--seed", Long.toString(r.seed())),
                "rnnlab train with the data and model options of this comparison and these options trains this run again, with "
                        + "the same test scores, and saves the model; the best seed on the test data, so an optimistic estimate"));
    }

    /**
     * The hint for {@link #best}, e.g. {@code gru (mean macro-F1 0.6198): rnnlab train with the data and model options of
     * this comparison and --cell gru --clip none --seed 2 trains its run of seed 2 again (test accuracy 0.6300, macro-F1
     * 0.6300)}; empty when there is no best run to repeat.
     */
    public static Optional<String> hint(ComparisonResult result) {
        return best(result).map(b -> String.format(Locale.ROOT, "%s (mean macro-F1 %.4f): rnnlab train with the data and model options of "
                        + "this comparison and %s trains its run of seed %d again, the same test scores "
                        + "(accuracy %.4f, macro-F1 %.4f; the best seed on the test data, so an optimistic estimate), and saves the model",
                b.configuration(), b.meanMacroF1(), String.join(" ", b.trainOptions()), b.seed(), b.accuracy(), b.macroF1()));
    }
}

package org.rnnlab.evaluation.compare;

import java.util.Comparator;
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
     * The hint for the configuration of the highest mean test macro-F1 (which, unlike accuracy, a majority class does not
     * carry), e.g. {@code gru (mean macro-F1 0.6198): rnnlab train with the data and model options of this comparison and
     * --cell gru --clip none --seed 2 trains its run of seed 2 again (test accuracy 0.6300, macro-F1 0.6300)}; empty with
     * --cv, bands or tuning, whose runs train cannot repeat (a fold or band of the data; tuned settings), and without runs.
     */
    public static Optional<String> hint(ComparisonResult result) {
        ComparisonConfig c = result.config();
        if (c.crossValidation() != null || c.bands() != null || c.tuning() != null || result.tuning() != null
                || result.aggregates().isEmpty()) {
            return Optional.empty();
        }
        Aggregate best = result.aggregates().stream().max(Comparator.comparingDouble(a -> a.mean(Metric.MACRO_F1))).orElseThrow();
        Optional<RunResult> run = result.runs().stream().filter(r -> r.configuration().equals(best.configuration()))
                .max(Comparator.comparingDouble(r -> r.test().metric(Metric.MACRO_F1)));
        return run.map(r -> String.format(Locale.ROOT, "%s (mean macro-F1 %.4f): rnnlab train with the data and model options of "
                        + "this comparison and --cell %s --clip %s --seed %d trains its run of seed %d again, the same test scores "
                        + "(accuracy %.4f, macro-F1 %.4f; the best seed on the test data, so an optimistic estimate), and saves the model",
                best.configuration(), best.mean(Metric.MACRO_F1), r.architecture(), r.clip(), r.seed(), r.seed(),
                r.test().metric(Metric.ACCURACY), r.test().metric(Metric.MACRO_F1)));
    }
}

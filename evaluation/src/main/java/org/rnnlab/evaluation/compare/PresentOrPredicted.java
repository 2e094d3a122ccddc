package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.Metric;

/**
 * A comparison's macro-F1 counting the classes a run predicted but its test part holds none of, F1 0 each, as scikit-learn's
 * {@code f1_score(average='macro')} does ({@link EvaluationResult#macroF1PresentOrPredicted}): rnnlab's macro-F1 averages the
 * classes present, which leaves such false predictions out. A wind-farm trial's model predicted a fault absent from the test
 * period 26 times and its 0.3397 read as beating the baseline's 0.3266, where scikit-learn said 0.2548; {@code evaluate}
 * gave both, compare and train only the higher. Given beside the table, in results.csv ({@code macro_f1_present_or_predicted})
 * and on the best line.
 *
 * <p>Every comparison of macro-F1 a comparison makes uses this figure on both sides ({@link #compared}): the paired
 * differences between configurations and their Holm correction ({@link PairedDifference}), the best line's pick on test
 * data and its test against the runner-up ({@link TrainAgain}), and the verdicts against both baselines, whose own
 * macro-F1 is scikit-learn's too ({@link MajorityBaseline}: always one class, so its two figures are equal; {@link
 * SummaryBaseline#judgedMacroF1}). A music trial (12 composers as groups, so some test parts lacked a style) read the paired
 * test on rnnlab's figure and the baseline verdict on scikit-learn's, a different macro-F1 for the same runs a line apart.
 * rnnlab's figure over the classes present stays the table's {@code macro-F1} column and results.csv's {@code macro_f1}.
 */
public final class PresentOrPredicted {

    private PresentOrPredicted() {
    }

    /** A run's scikit-learn macro-F1: rnnlab's where no class is predicted but absent (then the two are equal). */
    public static double of(RunResult r) {
        Double v = r.test().macroF1PresentOrPredicted();
        return v == null ? r.test().metric(Metric.MACRO_F1) : v;
    }

    /**
     * How the comparisons name the macro-F1 they compare where the two figures differ: {@value}; plain {@code macro-F1}
     * where no run predicted a class its test data hold none of ({@link #label}).
     */
    public static final String LABEL = "macro-F1 (scikit-learn's: classes present or predicted)";

    /**
     * The name of the macro-F1 a comparison's paired tests and verdicts compare: {@link #LABEL} where some run (or the
     * summary-feature baseline) predicted a class its test data hold none of, so that the reader of a table whose macro-F1
     * column is rnnlab's sees which one a verdict is on; plain {@code macro-F1} otherwise (then the two are equal).
     */
    public static String label(ComparisonResult result) {
        return differs(result) ? LABEL : "macro-F1";
    }

    /** Whether rnnlab's and scikit-learn's macro-F1 differ somewhere in this comparison: a run's, or the summary baseline's. */
    public static boolean differs(ComparisonResult result) {
        return any(result.runs()) || result.summaryBaseline() != null && result.summaryBaseline().differs();
    }

    /**
     * The value of {@code metric} of a run's test data that a comparison compares: for {@link Metric#MACRO_F1} the
     * scikit-learn figure ({@link #of}), else the metric as measured.
     */
    public static double compared(RunResult r, Metric metric) {
        return metric == Metric.MACRO_F1 ? of(r) : r.test().metric(metric);
    }

    /** The mean over these runs of their scikit-learn macro-F1 ({@link #of}), whether or not it differs from rnnlab's. */
    public static double judged(List<RunResult> runs) {
        return runs.stream().mapToDouble(PresentOrPredicted::of).average().orElse(Double.NaN);
    }

    /** {@link #judged} of one configuration's runs: the mean macro-F1 its verdicts against the baselines take. */
    public static double judged(ComparisonResult result, String configuration) {
        return judged(result.runsOf(configuration));
    }

    /** Whether some run among these predicted a class its test part holds none of. */
    public static boolean any(List<RunResult> runs) {
        return runs.stream().anyMatch(r -> r.test().macroF1PresentOrPredicted() != null);
    }

    /**
     * The mean over these runs of their scikit-learn macro-F1 ({@link #of}), or null when no run predicted a class its test
     * part holds none of (it then equals the mean macro-F1).
     */
    public static Double mean(List<RunResult> runs) {
        return any(runs) ? runs.stream().mapToDouble(PresentOrPredicted::of).average().orElse(Double.NaN) : null;
    }

    /** {@link #mean} of one configuration's runs. */
    public static Double mean(ComparisonResult result, String configuration) {
        return mean(result.runsOf(configuration));
    }

    /**
     * The lines the table adds after its rows, one per configuration some of whose runs predicted a class absent from their
     * test part, in {@code evaluate}'s words, e.g. {@code   gru: mean macro-F1 0.2548 counting the class(es) predicted here but
     * absent, F1 0 each, as scikit-learn's f1_score(average='macro') does; rnnlab's macro-F1 averages the classes present (2 of
     * its 4 runs predicted such a class: 'generator_bearing')}; "" when no run did.
     */
    public static String tableLines(ComparisonResult result) {
        StringBuilder sb = new StringBuilder();
        for (Aggregate a : result.aggregates()) {
            List<RunResult> runs = result.runsOf(a.configuration());
            Double mean = mean(runs);
            if (mean == null) {
                continue;
            }
            List<String> classes = new ArrayList<>();
            long with = 0;
            for (RunResult r : runs) {
                if (r.test().macroF1PresentOrPredicted() != null) {
                    with++;
                    for (int k = 0; k < r.test().perClass().size(); k++) {
                        String label = org.rnnlab.datasets.LabelCheck.quoted(r.test().labelNames().get(k));
                        if (r.test().perClass().get(k).support() == 0 && predicted(r.test(), k) > 0 && !classes.contains(label)) {
                            classes.add(label);
                        }
                    }
                }
            }
            sb.append(String.format(Locale.ROOT, "  %s: mean %s (%d of its %d run(s) predicted such a class: %s)%n", a.configuration(),
                    EvaluationResult.presentOrPredictedWords(mean), with, runs.size(), String.join(", ", classes)));
        }
        return sb.length() == 0 ? "" : "macro-F1 as scikit-learn computes it, where a run predicted a class its test data hold "
                + "none of (those predictions count for nothing in the macro-F1 above, which averages the classes present; the "
                + "paired macro-F1 differences and the verdicts against the baselines compare this figure):\n" + sb;
    }

    private static long predicted(EvaluationResult e, int k) {
        long n = 0;
        for (long[] row : e.confusion()) {
            n += k < row.length ? row[k] : 0;
        }
        return n;
    }
}

package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rnnlab.evaluation.metrics.ClassMetrics;

/**
 * Test precision, recall and F1 of every class for every configuration of a comparison, over its runs: what accuracy and
 * macro-F1 alone hide, such as a rare class that a configuration never predicts (a user's try: a class of 5% of the
 * windows, never predicted, behind an accuracy of 0.925). Written as {@code per-class.csv}, shown in the terminal and the
 * report, and warned of when a class with test examples is never predicted in some run.
 *
 * <p>Conventions, as scikit-learn's with {@code zero_division=0}: a class never predicted has precision 0 (0 of 0
 * predictions right) and F1 0; a run whose test data has no example of a class has no recall for it, and such runs are
 * left out of that class's statistics.
 */
public final class PerClassResults {
    /** Columns of {@code per-class.csv}. */
    public static final String CSV_HEADER = "configuration,label,runs,test_examples_per_run_min,test_examples_per_run_max,"
            + "precision_mean,recall_mean,recall_sd,recall_min,f1_mean,f1_sd,runs_never_predicted";

    /** Terminal and report tables show every class up to this many; beyond, only per-class.csv and the warnings. */
    public static final int TABLE_CLASSES = 12;

    /**
     * One configuration's results for one class.
     *
     * @param configuration      the configuration
     * @param label              the class
     * @param runs               runs whose test data held the class
     * @param fewestExamples     test examples of the class in the run that had fewest (with one test split, every run's)
     * @param mostExamples       test examples of the class in the run that had most (they differ between folds)
     * @param precision          precision over those runs
     * @param recall             recall over those runs
     * @param f1                 F1 over those runs
     * @param runsNeverPredicted runs that predicted the class for no test example although it had some
     */
    public record Row(String configuration, String label, int runs, long fewestExamples, long mostExamples, Aggregate.Stats precision,
                      Aggregate.Stats recall, Aggregate.Stats f1, int runsNeverPredicted) {
    }

    private PerClassResults() {
    }

    /** Every configuration's rows, in the order of the configurations and of the labels; classes no run's test data held are left out. */
    public static List<Row> of(ComparisonResult result) {
        List<Row> rows = new ArrayList<>();
        for (Aggregate a : result.aggregates()) {
            List<RunResult> runs = result.runs().stream().filter(r -> r.configuration().equals(a.configuration())).toList();
            for (int c = 0; c < result.labelNames().size(); c++) {
                List<Double> precision = new ArrayList<>();
                List<Double> recall = new ArrayList<>();
                List<Double> f1 = new ArrayList<>();
                long fewest = Long.MAX_VALUE;
                long most = 0;
                int never = 0;
                for (RunResult r : runs) {
                    if (c >= r.test().perClass().size()) {
                        continue;
                    }
                    ClassMetrics m = r.test().perClass().get(c);
                    if (m.support() == 0) {
                        continue;
                    }
                    fewest = Math.min(fewest, m.support());
                    most = Math.max(most, m.support());
                    boolean neverPredicted = r.test().neverPredicts(c);
                    never += neverPredicted ? 1 : 0;
                    precision.add(neverPredicted ? 0.0 : m.precision());
                    recall.add(m.recall());
                    f1.add(neverPredicted || !Double.isFinite(m.f1()) ? 0.0 : m.f1());
                }
                if (!recall.isEmpty()) {
                    rows.add(new Row(a.configuration(), result.labelNames().get(c), recall.size(), fewest, most, stats(precision),
                            stats(recall), stats(f1), never));
                }
            }
        }
        return rows;
    }

    private static Aggregate.Stats stats(List<Double> values) {
        return Aggregate.Stats.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A CSV cell of an sd: empty for one run, whose sd is undefined (not 0). */
    private static String sd(Aggregate.Stats stats) {
        return stats.sd() == null ? "" : String.valueOf(stats.sd().doubleValue());
    }

    /** The text of per-class.csv. */
    public static String csv(ComparisonResult result) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (Row r : of(result)) {
            sb.append(quote(r.configuration())).append(',').append(quote(r.label())).append(',').append(r.runs()).append(',')
                    .append(r.fewestExamples()).append(',').append(r.mostExamples()).append(',').append(r.precision().mean()).append(',').append(r.recall().mean()).append(',')
                    .append(sd(r.recall())).append(',').append(r.recall().min()).append(',').append(r.f1().mean()).append(',')
                    .append(sd(r.f1())).append(',').append(r.runsNeverPredicted()).append('\n');
        }
        return sb.toString();
    }

    /**
     * The terminal table of test recall by class (mean over runs), one row per configuration; empty with more than
     * {@value #TABLE_CLASSES} classes (per-class.csv has them).
     */
    public static String table(ComparisonResult result) {
        List<String> labels = result.labelNames();
        if (labels.size() > TABLE_CLASSES) {
            return String.format(Locale.ROOT, "%ntest recall by class: %d classes, see per-class.csv%n", labels.size());
        }
        List<Row> rows = of(result);
        int width = Math.max(7, labels.stream().mapToInt(String::length).max().orElse(0));
        width = Math.min(width, 14);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%ntest recall by class (mean over runs; per-class.csv also has precision and F1):%n"));
        sb.append(String.format(Locale.ROOT, "%-26s", "configuration"));
        for (String l : labels) {
            sb.append(' ').append(String.format(Locale.ROOT, "%" + width + "s", l.length() > width ? l.substring(0, width - 1) + "~" : l));
        }
        sb.append('\n');
        for (Aggregate a : result.aggregates()) {
            sb.append(String.format(Locale.ROOT, "%-26s", a.configuration()));
            for (String l : labels) {
                Optional<Row> row = rows.stream().filter(r -> r.configuration().equals(a.configuration()) && r.label().equals(l)).findFirst();
                sb.append(' ').append(String.format(Locale.ROOT, "%" + width + "s", row.map(r -> String.format(Locale.ROOT, "%.4f", r.recall().mean()))
                        .orElse("-")));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * One warning per configuration that, in some run, never predicted a class its test data held; empty when every
     * configuration predicted every class somewhere.
     */
    public static List<String> neverPredicted(ComparisonResult result) {
        List<String> out = new ArrayList<>();
        List<Row> rows = of(result);
        for (Aggregate a : result.aggregates()) {
            List<String> missed = new ArrayList<>();
            for (Row r : rows) {
                if (r.configuration().equals(a.configuration()) && r.runsNeverPredicted() > 0) {
                    missed.add(String.format(Locale.ROOT, "%s in %d of %d runs (%s test example%s per run)",
                            org.rnnlab.datasets.LabelCheck.quoted(r.label()),
                            r.runsNeverPredicted(), r.runs(), r.fewestExamples() == r.mostExamples() ? Long.toString(r.fewestExamples())
                                    : r.fewestExamples() + "-" + r.mostExamples(), r.mostExamples() == 1 ? "" : "s"));
                }
            }
            if (!missed.isEmpty()) {
                out.add(a.configuration() + " never predicted class " + String.join(", class ", missed)
                        + ": its recall there is 0, which accuracy hides (macro-F1 counts it); see the recall by class, per-class.csv, "
                        + "and --class-weights balanced for rare classes");
            }
        }
        return out;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

package org.rnnlab.evaluation.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.evaluation.compare.Aggregate;
import org.rnnlab.evaluation.compare.ComparisonResult;
import org.rnnlab.evaluation.compare.PairedDifference;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.metrics.BucketAccuracy;
import org.rnnlab.evaluation.metrics.Metric;
import org.rnnlab.evaluation.tune.TuningResult;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.Provenance;

/**
 * The human-readable side of a comparison: PNG charts (accuracy with seed spread, accuracy by tag
 * bucket, learning curves, gradient flow, confusion matrices) and a self-contained {@code index.html}
 * that shows them with a paragraph each, the results table and how the run was made.
 */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    /** Writes the charts and index.html into {@code dir}; returns the files written (relative names). */
    public static List<String> write(ComparisonResult result, Provenance provenance, Path dir) throws IOException {
        List<String> written = new ArrayList<>();
        StringBuilder html = new StringBuilder(Html.head("rnnlab compare: " + result.dataset()));
        html.append("<p>").append(result.config().runs()).append(" training runs: ")
                .append(result.config().architectures().size()).append(" architecture(s) x ")
                .append(result.config().tuning() != null ? "their tuned setting" : result.config().clips().size() + " clip setting(s)")
                .append(" x ").append(result.config().seeds()).append(" seed(s)")
                .append(result.config().crossValidation() != null ? " x " + result.config().folds() + " folds" : "")
                .append(", each with the same data and the same training budget (").append(result.config().training().epochs()).append(" epochs of batch ")
                .append(result.config().training().batchSize())
                .append(result.config().training().timeBudgetSeconds() > 0
                        ? String.format(Locale.ROOT, ", at most %.0f s", result.config().training().timeBudgetSeconds()) : "")
                .append("), evaluated on the test split. Wall time: ")
                .append(String.format(Locale.ROOT, "%.0f s", result.seconds())).append(".</p>\n");
        if (result.config().crossValidation() != null) {
            html.append("<p>Cross-validation: ").append(Html.escape(result.config().crossValidation().describe()))
                    .append(": every configuration and seed was trained once per fold and tested on that fold's held-out part; "
                            + "each row summarises seeds x folds.</p>\n");
        }
        html.append(table(result));
        html.append(differences(result));
        if (result.tuning() != null) {
            html.append(tuning(result.tuning()));
            Charts.writePng(trialsChart(result.tuning()), dir.resolve("tuning.png"));
            written.add("tuning.png");
            html.append(Html.figure("tuning.png", "validation accuracy of every trial by the epochs it trained",
                    "Each point is one trial in one rung of successive halving: the epochs it trained and its best validation "
                            + "accuracy. The trials that go on to the next rung are the best of theirs; the chosen one is the best of "
                            + "the last rung. All trials are in trials.csv, the choice in tuning.json."));
        }

        Charts.writePng(accuracyChart(result), dir.resolve("accuracy.png"));
        written.add("accuracy.png");
        html.append(Html.figure("accuracy.png", "test accuracy per configuration",
                "Test accuracy of each configuration: the bar is the mean over the seeds, the whisker one standard deviation. "
                        + "Bars that differ by less than their whiskers are not reliably different."));

        for (String tag : tags(result)) {
            String png = "accuracy-by-" + tag + ".png";
            Charts.writePng(bucketChart(result, tag), dir.resolve(png));
            written.add(png);
            html.append(Html.figure(png, "accuracy by " + tag, bucketText(tag, result.labelNames().size())));
        }

        Charts.writePng(learningCurves(result), dir.resolve("learning-curves.png"));
        written.add("learning-curves.png");
        html.append(Html.figure("learning-curves.png", "validation accuracy per epoch",
                "Validation accuracy after each epoch, averaged over the seeds. A curve that keeps rising wanted more epochs; one "
                        + "that stays flat near chance never found the signal. The model kept is the one of its best epoch: the highest "
                        + "validation accuracy or, for runs without validation data, the lowest training loss."));

        if (result.runs().stream().anyMatch(r -> !r.gradientNorms().isEmpty())) {
            Charts.writePng(gradientChart(result), dir.resolve("gradient-flow.png"));
            written.add("gradient-flow.png");
            html.append(Html.figure("gradient-flow.png", "relative gradient norm by distance",
                    "How strongly the loss at the last step reaches each earlier input of the trained models: the mean size (L2 "
                            + "norm) of dLoss/dx_t at each distance from the last step, divided by its value at the last step (log "
                            + "scale; results.json keeps the absolute values). Dividing removes the overall scale, which mostly says how "
                            + "confident a model is (a model with near-zero loss gets tiny gradients everywhere). A curve that falls "
                            + "steeply means early inputs barely change the prediction and barely receive any learning signal; bumps "
                            + "mark the positions where the deciding input (for agreement, the subject) tends to sit."));
        }

        html.append("<h2>Confusion matrices</h2>\n<p>Rows are the true classes, columns the predicted ones, summed over the seeds; "
                + "the diagonal holds the correct predictions.</p>\n");
        int i = 0;
        for (Aggregate a : result.aggregates()) {
            String png = "confusion-" + (++i) + "-" + a.configuration().replaceAll("[^A-Za-z0-9.]+", "_") + ".png";
            Charts.writePng(Charts.confusion(a.configuration(), result.labelNames(), summedConfusion(result, a.configuration())),
                    dir.resolve(png));
            written.add(png);
            html.append(Html.figure(png, "confusion matrix of " + a.configuration(), a.configuration()));
        }

        html.append("<h2>How this run was made</h2>\n<ul>\n")
                .append("<li>command: <code>").append(Html.escape(String.join(" ", provenance.commandLine()))).append("</code></li>\n")
                .append("<li>dataset: ").append(Html.escape(result.dataset())).append(" (checksum <code>")
                .append(Html.escape(result.data().checksum())).append("</code>)</li>\n")
                .append("<li>rnnlab ").append(Html.escape(provenance.rnnlabVersion())).append(", Deeplearning4j ")
                .append(Html.escape(provenance.dl4jVersion())).append(", Java ").append(Html.escape(provenance.javaVersion()))
                .append(", backend ").append(Html.escape(provenance.backend())).append(" with ").append(provenance.threads())
                .append(" thread(s), ").append(Html.escape(provenance.cpu())).append(" (").append(provenance.cores())
                .append(" cores), commit <code>").append(Html.escape(provenance.gitCommit())).append("</code></li>\n")
                .append("<li>every setting: <a href=\"config.json\">config.json</a>; provenance: <a href=\"provenance.json\">provenance.json</a>; "
                        + "results: <a href=\"results.json\">results.json</a>, <a href=\"results.csv\">results.csv</a></li>\n</ul>\n");
        html.append(Html.tail());
        AtomicFiles.writeString(dir.resolve("index.html"), html.toString());
        written.add("index.html");
        return written;
    }

    private static String tuning(TuningResult tuning) {
        StringBuilder sb = new StringBuilder("<h2>Tuning</h2>\n<p>").append(tuning.config().trials())
                .append(" trials per architecture, the same draws for each, raced by successive halving (eta ")
                .append(tuning.config().eta()).append(") on the validation split; rungs: ")
                .append(Html.escape(String.join(", ", tuning.rungs().stream().map(r -> r.trials() + " x " + r.epochs() + " epoch(s)").toList())))
                .append(". The chosen configuration of each architecture was then trained with every seed and tested.</p>\n")
                .append("<table>\n<tr><th>architecture</th><th>chosen hyperparameters</th><th>validation accuracy</th><th>trials trained</th>"
                        + "<th>training s</th></tr>\n");
        for (TuningResult.ArchitectureTuning a : tuning.architectures()) {
            sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%.4f</td><td>%d</td><td>%.0f%s</td></tr>%n",
                    Html.escape(a.architecture()), Html.escape(a.chosen().describe()), a.chosenAccuracy(), a.trials().size(),
                    a.trainSeconds(), a.stoppedByBudget() ? " (budget reached)" : ""));
        }
        return sb.append("</table>\n").toString();
    }

    private static XYChart trialsChart(TuningResult tuning) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (TuningResult.ArchitectureTuning a : tuning.architectures()) {
            double[] x = a.trials().stream().mapToDouble(TuningResult.TrialScore::epochs).toArray();
            double[] y = a.trials().stream().mapToDouble(TuningResult.TrialScore::validationAccuracy).toArray();
            series.put(a.architecture(), new double[][] {x, y});
        }
        XYChart chart = Charts.lines("tuning trials", "epochs trained (rung)", "validation accuracy", false, series);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        return chart;
    }

    private static String differences(ComparisonResult result) {
        List<PairedDifference> all = PairedDifference.all(result, Metric.ACCURACY);
        if (all.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<h2>Which differences are reliable</h2>\n<p>Each pair of configurations is compared run by "
                + "run: the runs with the same seed" + (result.config().crossValidation() != null ? " and fold" : "")
                + " saw the same data order and the same test examples, so their difference in test accuracy removes the luck of "
                + "the seed. The interval is the 95% bootstrap interval of the mean difference. If it does not contain 0 the two "
                + "differ reliably on this data and budget; if it does, this comparison cannot tell them apart. With fewer than "
                + PairedDifference.MIN_PAIRS + " pairs no verdict is given: the bootstrap is too optimistic with so few; add seeds "
                + "or folds.</p>\n<table>\n<tr><th>a</th><th>b</th><th>pairs</th><th>accuracy a − b</th><th>95% interval</th>"
                + "<th>verdict</th></tr>\n");
        for (PairedDifference d : all) {
            sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%+.4f</td><td>[%+.4f, %+.4f]</td><td>%s</td></tr>%n",
                    Html.escape(d.a()), Html.escape(d.b()), d.pairs(), d.meanDifference(), d.low(), d.high(), Html.escape(d.verdict())));
        }
        return sb.append("</table>\n").toString();
    }

    private static String table(ComparisonResult result) {
        StringBuilder sb = new StringBuilder("<table>\n<tr><th>configuration</th><th>runs</th><th>test accuracy (mean ± sd)</th>"
                + "<th>min – max</th><th>macro-F1</th><th>train s</th><th>samples/s</th><th>parameters</th><th title=\"largest JVM heap (after collections) plus ND4J off-heap memory a run added over its start\">run MiB (heap+native peak)</th></tr>\n");
        for (Aggregate a : result.aggregates()) {
            Aggregate.Stats acc = a.metrics().get(Metric.ACCURACY);
            Aggregate.Stats f1 = a.metrics().get(Metric.MACRO_F1);
            sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%.4f ± %.4f</td><td>%.4f – %.4f</td><td>%.4f ± %.4f</td>"
                            + "<td>%.1f</td><td>%.0f</td><td>%d</td><td>%s</td></tr>%n", Html.escape(a.configuration()), a.seeds(),
                    acc.mean(), acc.sd(), acc.min(), acc.max(), f1.mean(), f1.sd(), a.trainSeconds().mean(), a.samplesPerSecond().mean(),
                    a.parameters(), a.runMemoryMb() == null ? "–" : a.runMemoryMb().toString()));
        }
        return sb.append("</table>\n").toString();
    }

    private static CategoryChart accuracyChart(ComparisonResult result) {
        List<String> names = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> sds = new ArrayList<>();
        double min = 1;
        for (Aggregate a : result.aggregates()) {
            names.add(a.configuration());
            means.add(a.mean(Metric.ACCURACY));
            sds.add(a.metrics().get(Metric.ACCURACY).sd());
            min = Math.min(min, a.metrics().get(Metric.ACCURACY).min());
        }
        double floor = Math.max(0, Math.floor((min - 0.1) * 10) / 10);
        return Charts.bars("Test accuracy (mean ± sd over seeds)", "test accuracy", names, means, sds, floor, 1.0);
    }

    /** Tags present in the test results (e.g. distance, attractors). */
    static List<String> tags(ComparisonResult result) {
        TreeSet<String> tags = new TreeSet<>();
        for (RunResult r : result.runs()) {
            for (BucketAccuracy b : r.test().buckets()) {
                tags.add(b.tag());
            }
        }
        tags.remove("subject");
        return List.copyOf(tags);
    }

    private static XYChart bucketChart(ComparisonResult result, String tag) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (Aggregate a : result.aggregates()) {
            TreeMap<Integer, double[]> sums = new TreeMap<>();
            for (RunResult r : runsOf(result, a.configuration())) {
                for (BucketAccuracy b : r.test().buckets(tag)) {
                    double[] s = sums.computeIfAbsent(b.value(), v -> new double[2]);
                    s[0] += b.accuracy();
                    s[1]++;
                }
            }
            series.put(a.configuration(), xy(sums));
        }
        return Charts.lines("Test accuracy by " + tag + " (mean over seeds)", tag, "accuracy", false, series);
    }

    private static String bucketText(String tag, int classes) {
        String chance = String.format(Locale.ROOT, "%.0f%%", 100.0 / classes);
        if (tag.equals("distance")) {
            return "Test accuracy as a function of the distance between the word that decides the answer and the end of the "
                    + "sequence (for agreement: the words between the subject and the verb). A model that remembers only recent "
                    + "inputs is right at short distances and falls towards chance (" + chance + " here) as the distance grows.";
        }
        if (tag.equals("attractors")) {
            return "Test accuracy by the number of attractors: nouns between the subject and the verb whose number differs "
                    + "from the subject's. A model that guesses from the most recent noun is misled by each attractor.";
        }
        return "Test accuracy for each value of the example tag '" + tag + "' (chance is " + chance + ").";
    }

    private static XYChart learningCurves(ComparisonResult result) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (Aggregate a : result.aggregates()) {
            TreeMap<Integer, double[]> sums = new TreeMap<>();
            for (RunResult r : runsOf(result, a.configuration())) {
                for (EpochStats e : r.history()) {
                    if (!Double.isNaN(e.validationAccuracy())) {
                        double[] s = sums.computeIfAbsent(e.epoch(), v -> new double[2]);
                        s[0] += e.validationAccuracy();
                        s[1]++;
                    }
                }
            }
            series.put(a.configuration(), xy(sums));
        }
        return Charts.lines("Validation accuracy per epoch (mean over seeds)", "epoch", "validation accuracy", false, series);
    }

    private static XYChart gradientChart(ComparisonResult result) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (Aggregate a : result.aggregates()) {
            TreeMap<Integer, double[]> sums = new TreeMap<>();
            for (RunResult r : runsOf(result, a.configuration())) {
                List<Double> g = r.gradientNorms();
                for (int d = 0; d < g.size() && g.get(0) > 0; d++) {
                    double[] s = sums.computeIfAbsent(d, v -> new double[2]);
                    s[0] += g.get(d) / g.get(0);
                    s[1]++;
                }
            }
            if (!sums.isEmpty()) {
                series.put(a.configuration(), xy(sums));
            }
        }
        return Charts.lines("Gradient reaching each step after training, relative to the last step (mean over seeds)",
                "distance from the last step", "||dLoss/dx_t|| / ||dLoss/dx_last||", true, series);
    }

    private static double[][] xy(TreeMap<Integer, double[]> sums) {
        double[] x = new double[sums.size()];
        double[] y = new double[sums.size()];
        int i = 0;
        for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
            x[i] = e.getKey();
            y[i++] = e.getValue()[0] / e.getValue()[1];
        }
        return new double[][] {x, y};
    }

    private static List<RunResult> runsOf(ComparisonResult result, String configuration) {
        return result.runs().stream().filter(r -> r.configuration().equals(configuration)).toList();
    }

    private static long[][] summedConfusion(ComparisonResult result, String configuration) {
        int k = result.labelNames().size();
        long[][] sum = new long[k][k];
        for (RunResult r : runsOf(result, configuration)) {
            for (int a = 0; a < k; a++) {
                for (int p = 0; p < k; p++) {
                    sum[a][p] += r.test().confusion()[a][p];
                }
            }
        }
        return sum;
    }
}

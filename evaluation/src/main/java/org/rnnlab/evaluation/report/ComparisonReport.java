package org.rnnlab.evaluation.report;

import java.awt.image.BufferedImage;
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
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.datasets.TagBands;
import org.rnnlab.evaluation.compare.Aggregate;
import org.rnnlab.evaluation.compare.ComparisonFiles;
import org.rnnlab.evaluation.compare.ComparisonResult;
import org.rnnlab.evaluation.compare.PairedDifference;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.compare.SignFlipNotes;
import org.rnnlab.evaluation.compare.TrainingLengths;
import org.rnnlab.evaluation.metrics.BucketAccuracy;
import org.rnnlab.evaluation.metrics.Metric;
import org.rnnlab.evaluation.tune.TuningResult;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.Provenance;

/**
 * The human-readable side of a comparison: PNG charts and a self-contained {@code index.html} that shows them
 * with a paragraph each, the results table, the reliable differences and how the run was made.
 *
 * <p>The charts, each configuration in the same colour in all of them ({@link Palette}, in the order of the
 * results table; each also with its own marker shape and line dash): {@code accuracy.png} (test accuracy, bar = mean over
 * seeds, whisker = sd either side, cut at 0 and 1, a dashed line at the majority-class baseline),
 * {@code accuracy-by-TAG.png} for each example tag such as distance or attractors (test accuracy per tag value,
 * mean ± sd band over seeds), {@code learning-curves.png} (the validation score the kept epoch is chosen by, accuracy or macro-F1, per epoch, mean ± sd; for runs
 * without validation data the training loss per epoch, titled so), {@code gradient-flow.png} when the runs were
 * probed (relative input-gradient norm by distance from the last step, log scale), {@code tuning.png} with
 * {@code --tune} (every trial's validation accuracy by epochs trained) and {@code confusion-N-NAME.png} per
 * configuration (a grid of counts coloured by the share of the true class, titled with the number of runs its counts are
 * summed over, each row's total at its right, {@code n = 122 (61 sequences x 2 seeds)} where every seed tested the same
 * sequences, followed by the same counts as a table). A chart without any data is not written; the page says which and
 * why. For screen readers: a heading per section and chart, captioned tables with {@code scope}d column and row headers,
 * alt texts that carry each chart's numbers, and a link to the file that holds a chart's numbers where the page does not.
 */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    /**
     * One picture of the report: an XChart chart or a drawn image, the PNG it is written to, its alt text and
     * the paragraph under it.
     */
    private record Figure(String png, Chart<?, ?> chart, BufferedImage image, String alt, String caption, String heading, String data) {
        /** A figure without a heading of its own or a data file. */
        Figure(String png, Chart<?, ?> chart, BufferedImage image, String alt, String caption) {
            this(png, chart, image, alt, caption, null, null);
        }

        /** The same figure under a heading, with the file that holds its numbers (linked where it exists in the folder). */
        Figure titled(String h, String file) {
            return new Figure(png, chart, image, alt, caption, h, file);
        }

        void write(Path dir) throws IOException {
            if (chart != null) {
                Charts.writePng(chart, dir.resolve(png));
            } else {
                Charts.writePng(image, dir.resolve(png));
            }
        }

        String html(Path dir) {
            return Html.figure(heading, png, alt, caption, data != null && java.nio.file.Files.isRegularFile(dir.resolve(data)) ? data : null);
        }
    }

    /** Writes the charts and index.html into {@code dir}; returns the files written (relative names). */
    public static List<String> write(ComparisonResult result, Provenance provenance, Path dir) throws IOException {
        return write(result, provenance, dir, false);
    }

    /**
     * {@link #write(ComparisonResult, Provenance, Path)}; {@code resumed} says the comparison was resumed, so that its wall
     * time, that of the last session only, is not read as the whole comparison's.
     */
    public static List<String> write(ComparisonResult result, Provenance provenance, Path dir, boolean resumed) throws IOException {
        List<String> written = new ArrayList<>();
        Palette palette = palette(result);
        StringBuilder html = new StringBuilder(Html.head("rnnlab compare: " + result.dataset()));
        html.append("<p>").append(result.config().runs()).append(" training runs: ")
                .append(result.config().architectures().size()).append(" architecture(s) x ")
                .append(result.config().depths().size() > 1 ? result.config().depths().size() + " depths (layers "
                        + String.join(", ", result.config().depths().stream().map(String::valueOf).toList()) + ") x " : "")
                .append(result.config().tuning() != null ? "their tuned setting" : result.config().clips().size() + " clip setting(s)")
                .append(" x ").append(result.config().seeds()).append(" seed(s)")
                .append(result.config().crossValidation() != null ? " x " + result.config().folds() + " folds" : "")
                .append(result.config().bands() != null ? " x " + result.config().bands().size() + " bands of " + result.config().bands().tag() : "")
                .append(", each with the same data and the same training budget (").append(Html.escape(TrainingLengths.describe(result)))
                .append(result.config().training().timeBudgetSeconds() > 0
                        ? String.format(Locale.ROOT, ", time budget %.0f s: each run stops after the epoch that reaches it",
                                result.config().training().timeBudgetSeconds()) : "")
                .append(result.config().crossValidation() != null ? "), each evaluated on its fold's test part. "
                        : "), evaluated on the test split. ")
                .append(resumed ? "Wall time of the last session (the comparison was resumed; earlier sessions are not counted), "
                        + "of its runs only (reading the data not counted): " : "Wall time of the runs (reading and checking the data before them "
                        + "not counted): ")
                .append(String.format(Locale.ROOT, "%.0f s", result.seconds()))
                // the engine beside the wall time it explains (trial 76g F8: only the command line named it)
                .append(provenance == null || provenance.enginesSoFar().isEmpty() ? "" : "; the runs were trained "
                        + Html.escape(provenance.enginesSoFar().stream().map(org.rnnlab.evaluation.engine.RunEngine::where)
                                .collect(java.util.stream.Collectors.joining(", then "))))
                .append(".</p>\n");
        // tuned: what was tuned and what was not, as the console says it (trial 81f F7: the first line gave compare's defaults,
        // "(before tuning)", which no run used, and the chosen settings came further down)
        html.append("<p>Every configuration: ").append(Html.escape(result.config().tuning() != null
                        ? result.config().describeTunedModel(result.labelNames()) + " (each architecture's chosen settings: Tuning, below)"
                        : result.config().describeModel(result.labelNames()))).append(".</p>\n");
        if (result.runs().size() < result.config().runs()) {
            html.append("<p class=\"warning\"><b>Partial results:</b> ").append(result.runs().size()).append(" of ")
                    .append(result.config().runs()).append(" runs finished; the comparison was stopped before the others. "
                            + "<code>rnnlab compare --resume ").append(Html.escape(dir.toAbsolutePath().normalize().toString()))
                    .append("</code> trains them and rewrites this report.</p>\n");
        }
        for (String w : org.rnnlab.evaluation.run.DataWarnings.read(dir)) { // what the data's reader warned of when they opened
            html.append("<p class=\"warning\"><b>Data warning:</b> ").append(Html.escape(w)).append("</p>\n");
        }
        // every warning the terminal gave of the finished runs (a trial found "still improving" on the terminal only)
        for (String w : result.warnings()) {
            html.append("<p class=\"warning\"><b>Warning:</b> ").append(Html.escape(w)).append(".</p>\n");
        }
        for (String w : org.rnnlab.evaluation.compare.PerClassResults.fewSequences(result)) {
            html.append("<p><b>Note:</b> ").append(Html.escape(w)).append(".</p>\n");
        }
        if (result.config().crossValidation() != null) {
            html.append("<p>Cross-validation: ").append(Html.escape(result.config().crossValidation().describe()))
                    .append(": every configuration and seed was trained once per fold and tested on that fold's held-out part; "
                            + "each row summarises seeds x folds.</p>\n");
        }
        if (result.config().bands() != null) {
            String tag = Html.escape(result.config().bands().tag());
            html.append("<p>Bands of ").append(tag).append(" (").append(Html.escape(result.config().bands().describe()))
                    .append("): every configuration and seed was trained and tested once per band, on only the examples whose ")
                    .append(tag).append(" lies in it, with the same budget in every band; each row of the first table summarises "
                            + "seeds x bands. So the table by band (and the chart by ").append(tag).append(") says up to which ")
                    .append(tag).append(" an architecture <em>learns</em> the task from examples of that ").append(tag)
                    .append(" (Bengio, Simard and Frasconi, 1994), not how far one model trained on every ").append(tag)
                    .append(" carries what it learned from the easy ones.</p>\n");
        }
        html.append("<h2>Results</h2>\n");
        html.append(table(result));
        html.append(baseline(result));
        html.append(trainAgain(result, org.rnnlab.evaluation.run.DataWarnings.read(dir)));
        html.append(clipping(result));
        if (result.config().bands() != null) {
            html.append("<h3>Test accuracy by band of ").append(Html.escape(result.config().bands().tag())).append("</h3>\n");
            html.append(bandTable(result));
        }
        if (result.foldGroups() != null) {
            html.append("<h3>Test accuracy by fold: the groups each fold held out</h3>\n");
            html.append(foldTable(result));
        }
        html.append("<h3>Recall and F1 by class</h3>\n");
        html.append(perClassTable(result));
        html.append(differences(result));
        if (result.tuning() != null) {
            html.append(tuning(result.tuning(), result.config().training().selection()));
            org.rnnlab.training.EpochSelection ranking = result.config().training().selection();
            emit(trialsFigure(result.tuning(), ranking, palette), "tuning trials", "no trial has a validation " + ranking.label(), dir,
                    html, written);
        }
        html.append("<h2>Charts</h2>\n<p>Each configuration keeps one colour, marker shape and line dash in every chart below (so that "
                + "lines are told apart without colour too); shaded bands are the mean ± one standard "
                + "deviation over the " + over(result) + ".</p>\n");
        if (!result.aggregates().isEmpty()) {
            emit(accuracyFigure(result, palette), "test accuracy", "", dir, html, written);
        }
        for (String tag : tags(result)) {
            emit(bucketFigure(result, tag, palette), "accuracy by " + tag, "no test example has the tag '" + tag + "'", dir, html,
                    written);
        }
        emit(learningCurvesFigure(result, palette), "learning curves",
                "no run recorded a validation accuracy or a finite training loss for any epoch", dir, html, written);
        if (result.runs().stream().anyMatch(r -> !r.gradientNorms().isEmpty())) {
            boolean strided = result.config().base().convolutions().stream().anyMatch(c -> c.stride() > 1);
            emit(gradientFigure(result, palette), "gradient flow", (GradientScale.of(result).lastStep()
                    ? "every gradient norm at the last step was zero or not a number, so no relative norm can be drawn"
                    : "every gradient norm was zero or not a number at every step, so no relative norm can be drawn") + (strided
                            ? " (a strided convolution, --conv K x C/S with S > 1, reads steps 0, S, 2S, ... only, so the last input "
                            + "step may not reach the output at all: its gradient is zero)" : ""), dir, html, written);
        }

        html.append("<h2>Confusion matrices</h2>\n<p>Rows are the true classes, columns the predicted ones, summed over the "
                + over(result) + "; the diagonal holds the correct predictions. Each cell shows the count and its share of the row; the "
                + "colour is that share, so a class with few examples reads like a large one.</p>\n");
        List<String> undrawable = Charts.undrawable(result.labelNames());
        if (!undrawable.isEmpty()) {
            // a user's Japanese class name came out as empty boxes in every chart, on a machine without a font for it
            String names = String.join(", ", undrawable);
            org.slf4j.LoggerFactory.getLogger(ComparisonReport.class).warn("class name(s) {} have characters this machine's fonts "
                    + "cannot draw: they show as boxes in the PNG charts (the report's tables name them; a font such as Debian's "
                    + "fonts-noto-cjk draws them)", names);
            html.append("<p class=\"warn\">The class name(s) ").append(Html.escape(names)).append(" have characters this machine's "
                    + "fonts cannot draw: they show as boxes in these charts; the tables above name them.</p>\n");
        }
        int i = 0;
        for (Aggregate a : result.aggregates()) {
            String png = "confusion-" + (++i) + "-" + a.configuration().replaceAll("[^A-Za-z0-9.]+", "_") + ".png";
            long[][] counts = summedConfusion(result, a.configuration());
            int runs = result.runsOf(a.configuration()).size();
            String summed = "summed over " + runs + (runs == 1 ? " run" : " runs");
            long correct = 0;
            long total = 0;
            for (int t = 0; t < counts.length; t++) {
                for (int p = 0; p < counts.length; p++) {
                    total += counts[t][p];
                    correct += t == p ? counts[t][p] : 0;
                }
            }
            int seeds = seedsOfSameSequences(result, a.configuration());
            emit(new Figure(png, null, Charts.confusionGrid(confusionTitle(a.configuration(), runs), result.labelNames(), counts, seeds),
                    "Confusion matrix of " + a.configuration() + ", test counts " + summed + ": " + correct + " of " + total
                            + (seeds > 1 ? " test predictions (" + total / seeds + " sequences x " + seeds + " seeds)" : " test sequences")
                            + " on the diagonal (predicted right). The same counts are in the table below it.",
                    "Rows: true class; columns: predicted class; counts " + summed + " (" + over(result) + ").")
                    .titled(a.configuration(), null), "", "", dir, html, written);
            html.append(confusionTable(a.configuration(), summed, result.labelNames(), counts));
        }

        html.append("<h2>How this run was made</h2>\n<ul>\n")
                .append("<li>command: <code>").append(Html.escape(String.join(" ", provenance.commandLine()))).append("</code></li>\n")
                .append("<li>dataset: ").append(Html.escape(result.dataset())).append(" (checksum <code>")
                .append(Html.escape(result.data().checksum())).append("</code>)")
                .append(featureColumns(result.data())).append("</li>\n")
                .append("<li>rnnlab ").append(Html.escape(provenance.rnnlabVersion())).append(", Deeplearning4j ")
                .append(Html.escape(provenance.dl4jVersion())).append(", Java ").append(Html.escape(provenance.javaVersion()))
                .append(", backend ").append(Html.escape(provenance.backend())).append(" with ").append(provenance.threads())
                .append(" thread(s), ").append(Html.escape(provenance.cpu())).append(" (").append(provenance.cores())
                .append(" cores), commit <code>").append(Html.escape(provenance.gitCommit())).append("</code></li>\n")
                .append("<li>every setting: <a href=\"config.json\">config.json</a>; provenance: <a href=\"provenance.json\">provenance.json</a>; "
                        + "results: <a href=\"results.json\">results.json</a>, <a href=\"results.csv\">results.csv</a>"
                        + csvLinks(dir) + "</li>\n</ul>\n");
        html.append(Html.tail());
        AtomicFiles.writeString(dir.resolve("index.html"), html.toString());
        written.add("index.html");
        return written;
    }

    /**
     * The columns a CSV dataset's models read, and its group column, as its provenance records them (a user comparing on
     * their own file could not see in the report which columns were features); empty for other datasets.
     */
    static String featureColumns(org.rnnlab.datasets.DatasetProvenance data) {
        String features = data.parameters() == null ? null : data.parameters().get("features");
        // the columns decided from the file (the schema), where the option says "(all others)"
        java.util.regex.Matcher decided = java.util.regex.Pattern.compile("features=(\\[[^\\]]*\\])")
                .matcher(data.parameters() == null ? "" : data.parameters().getOrDefault("schema", ""));
        if (decided.find()) {
            features = decided.group(1);
        }
        if (features == null) {
            return "";
        }
        String group = data.parameters().get("group");
        return "; features " + Html.escape(features) + (group == null || !group.startsWith("column ") ? ""
                : "; group " + Html.escape(group));
    }

    private static String tuning(TuningResult tuning, org.rnnlab.training.EpochSelection selection) {
        StringBuilder sb = new StringBuilder("<h2>Tuning</h2>\n<p>").append(tuning.config().trials())
                .append(" trials per architecture, the same draws for each, raced by successive halving (eta ")
                .append(tuning.config().eta()).append(") on the validation split, ranked by validation ").append(selection.label())
                .append("; rungs: ")
                .append(Html.escape(String.join(", ", tuning.rungs().stream().map(r -> r.trials() + " x " + r.epochs() + " epoch(s)").toList())))
                .append(". The chosen configuration of each architecture was then trained with every seed and tested.</p>\n")
                .append(Html.tableStart("The tuned setting of each architecture", List.of("architecture", "chosen hyperparameters",
                        "validation " + selection.label() + " (ranked by)", "trials trained", "training s")));
        for (TuningResult.ArchitectureTuning a : tuning.architectures()) {
            // the score that ranked the trials, not always accuracy (a trial's imbalanced data were ranked by macro-F1)
            double score = a.trials().stream().filter(t -> t.trial().equals(a.chosen()))
                    .max(java.util.Comparator.comparingInt(TuningResult.TrialScore::rung)).map(t -> t.score(selection))
                    .orElse(a.chosenAccuracy());
            sb.append(String.format(Locale.ROOT, "<tr>%s<td>%s</td><td>%.4f</td><td>%d</td><td>%.0f%s</td></tr>%n",
                    Html.row(a.architecture()), Html.escape(a.chosen().describe()), score, a.trials().size(),
                    a.trainSeconds(), a.stoppedByBudget() || a.budgetNote() != null ? " (budget reached)" : ""));
        }
        sb.append("</table>\n");
        // what the budget did, said where the choice is (trial 81f F1: "57 (budget reached)" of a 30 s budget, from 1-epoch trials)
        for (TuningResult.ArchitectureTuning a : tuning.architectures()) {
            if (a.budgetNote() != null) {
                sb.append("<p><strong>").append(Html.escape(a.architecture())).append(":</strong> ").append(Html.escape(a.budgetNote()))
                        .append(".</p>\n");
            }
        }
        return sb.toString();
    }

    /** Writes a figure and its paragraph, or, when it has no data, a sentence saying which chart is missing and why. */
    private static void emit(Figure f, String what, String whyMissing, Path dir, StringBuilder html, List<String> written)
            throws IOException {
        if (f.chart() != null && !Charts.hasData(f.chart())) {
            html.append("<p><em>No ").append(Html.escape(what)).append(" chart: ").append(Html.escape(whyMissing)).append(".</em></p>\n");
            return;
        }
        f.write(dir);
        written.add(f.png());
        html.append(f.html(dir));
    }

    /** One colour per configuration, in the order of the results table. */
    static Palette palette(ComparisonResult result) {
        List<String> names = new ArrayList<>();
        for (Aggregate a : result.aggregates()) {
            names.add(a.configuration());
        }
        Palette palette = Palette.of(names);
        for (Aggregate a : result.aggregates()) {
            palette.alias(a.architecture(), a.configuration()); // the tuning chart's series are architectures
        }
        return palette;
    }

    /**
     * The XChart charts the report draws, by PNG name, including those it would leave out for want of data (the
     * confusion grids are drawn images, not charts). For tests that check every chart reads at a glance.
     */
    public static Map<String, Chart<?, ?>> charts(ComparisonResult result) {
        Palette palette = palette(result);
        List<Figure> figures = new ArrayList<>();
        if (result.tuning() != null) {
            figures.add(trialsFigure(result.tuning(), result.config().training().selection(), palette));
        }
        if (!result.aggregates().isEmpty()) {
            figures.add(accuracyFigure(result, palette));
        }
        for (String tag : tags(result)) {
            figures.add(bucketFigure(result, tag, palette));
        }
        figures.add(learningCurvesFigure(result, palette));
        if (result.runs().stream().anyMatch(r -> !r.gradientNorms().isEmpty())) {
            figures.add(gradientFigure(result, palette));
        }
        Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
        for (Figure f : figures) {
            charts.put(f.png(), f.chart());
        }
        return charts;
    }

    /**
     * tuning.png: each trial's best validation score by {@code selection}, the score that ranked and promoted the trials (a
     * review: a log-loss tuning plotted accuracy under a caption calling the promoted trials the best), against the epochs it
     * trained, one colour per architecture; trials without a recorded score (an older rnnlab's, resumed) are left out.
     */
    private static Figure trialsFigure(TuningResult tuning, org.rnnlab.training.EpochSelection selection, Palette palette) {
        List<Charts.Line> lines = new ArrayList<>();
        for (TuningResult.ArchitectureTuning a : tuning.architectures()) {
            List<TuningResult.TrialScore> scored = a.trials().stream().filter(t -> Double.isFinite(t.score(selection))).toList();
            double[] x = scored.stream().mapToDouble(TuningResult.TrialScore::epochs).toArray();
            double[] y = scored.stream().mapToDouble(t -> t.score(selection)).toArray();
            lines.add(Charts.Line.of(a.architecture(), x, y));
        }
        String metric = "validation " + selection.label();
        String column = selection == org.rnnlab.training.EpochSelection.ACCURACY ? "validation_accuracy"
                : "validation_" + selection.option().replace('-', '_');
        String better = selection.higherIsBetter() ? "" : " (lower is better)";
        XYChart chart = Charts.lines("Tuning trials: " + metric + " by epochs trained", "epochs trained (rung)",
                metric + better, false, palette, lines);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        for (XYSeries s : chart.getSeriesCollection()) {
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(palette.marker(s.getName())); // the architecture's shape, as its colour
        }
        return new Figure("tuning.png", chart, null, "Scatter chart of every tuning trial's best " + metric + better + " by the "
                + "epochs it trained, a colour and marker shape per architecture; every trial's numbers are in trials.csv.",
                "Each point is one trial in one rung of successive halving: the epochs it trained and its best " + metric + ", "
                        + "the score the trials were ranked by" + (selection.higherIsBetter() ? "" : ", lower is better") + ". The "
                        + "trials that go on to the next rung are the best of theirs by it (the " + selection.best() + "); the chosen "
                        + "one is the best of the last rung. All trials are in trials.csv (" + column
                        + (column.equals("validation_accuracy") ? "" : ", beside validation_accuracy") + "), the choice in tuning.json.")
                .titled("Tuning trials", "trials.csv");
    }

    /**
     * The majority-class baseline beside the results table, and which configurations do not beat its accuracy; nothing when
     * it was not measured.
     */
    private static String baseline(ComparisonResult result) {
        if (result.baseline() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<p>Majority-class baseline: ").append(Html.escape(result.baseline().describe()))
                .append(". A configuration must score above it to have learned anything; on imbalanced classes its accuracy is high "
                        + "and its macro-F1 low, so macro-F1 tells more.</p>\n");
        org.rnnlab.evaluation.compare.MajorityBaseline.warning(result).ifPresent(w -> sb.append("<p class=\"warning\"><b>Warning:</b> ")
                .append(Html.escape(w)).append(".</p>\n"));
        // the second baseline, as summary.md and the console give it (trial 79j F3: the report left it out, and a 6-input
        // regression at 0.9667 against networks at 0.49-0.67 went unsaid on the page a reader shares)
        org.rnnlab.evaluation.compare.SummaryBaseline summary = result.summaryBaseline();
        if (summary != null) {
            sb.append("<p>Summary-feature baseline: ").append(Html.escape(summary.describe())).append(". It sees no order of the "
                    + "steps: a configuration not above it has not shown that it uses the order, which is what a sequence model is "
                    + "for.</p>\n");
            org.rnnlab.evaluation.compare.SummaryBaseline.warning(result).ifPresent(w -> sb.append("<p class=\"warning\"><b>Warning:"
                    + "</b> ").append(Html.escape(w)).append(".</p>\n"));
        }
        return sb.toString();
    }

    /** How to get a model of the best configuration (compare saves none), where train can repeat its runs. */
    private static String trainAgain(ComparisonResult result, List<String> dataWarnings) {
        return org.rnnlab.evaluation.compare.TrainAgain.hint(result, null, dataWarnings).map(h -> "<p>To keep a model: compare saves none. Best: "
                + Html.escape(h) + ".</p>\n").orElse("");
    }

    private static String differences(ComparisonResult result) {
        List<PairedDifference> all = PairedDifference.all(result, Metric.ACCURACY);
        if (all.isEmpty()) {
            return "";
        }
        boolean folds = result.config().crossValidation() != null;
        StringBuilder sb = new StringBuilder("<h2>Which differences are reliable</h2>\n<p>Each pair of configurations is compared "
                + (folds
                ? "fold by fold: the runs of a fold were tested on the same examples, and each fold's difference in test accuracy "
                        + "is the mean over the seeds both ran on it" + (result.config().seeds() > 1 ? " (the seeds of a fold share "
                        + "its test examples, so they are averaged, not counted as pairs of their own: n is the number of folds)" : "")
                        + ", so the difference removes what the fold did to both"
                : "run by run: the runs with the same seed saw the same data order and the same test examples, so their "
                        + "difference in test accuracy removes the luck of the seed")
                + ". p is that of the paired sign-flip test (the share of the ways of flipping the pairs' signs that give a "
                + "mean at least as far from 0: how often two configurations that are alike would differ this much). The 95% "
                + "interval is the same test inverted: the shifts it would not reject at 5% when the same shift is taken from "
                + "every pair's difference, so it leaves out 0 exactly when p &lt; 0.05. It is a confidence set for one shift "
                + "common to all pairs, not an interval around the mean difference (with 6 pairs it is the range of their "
                + "differences; with bands it assumes the same effect in every band). If p &lt; 0.05, taken alone (uncorrected), the two differ "
                + "reliably on this data and budget; with several pairs a \"reliably\" needs Holm's adjusted p below 0.05 as well "
                + "(the note under the tables), and where it is not the verdict says \"uncorrected\" with the Holm p; otherwise this "
                + "comparison cannot tell them apart. With fewer than "
                + PairedDifference.MIN_PAIRS + " pairs no verdict and no interval (n/a) is given: 5 differences of one sign happen "
                + "by chance 2 times in 32; "
                + (folds ? "with folds, give more folds (--cv 6 or more): more seeds do not add pairs. " : "add seeds or folds. ")
                // trial 79j F7: "reliably" was said of p < 0.05 unconditionally, above the Holm note
                + "Each pair's p is that of its own test, uncorrected for how many pairs are tested. The same test on macro-F1 follows: with imbalanced classes accuracy moves with the majority class, "
                + "macro-F1 with the rare ones too.</p>\n");
        sb.append(differenceTable(result, "accuracy", all));
        sb.append(differenceTable(result, org.rnnlab.evaluation.compare.ComparisonSummary.label(result, Metric.MACRO_F1),
                PairedDifference.all(result, Metric.MACRO_F1)));
        Metric paired = org.rnnlab.evaluation.compare.ComparisonSummary.selectedPaired(result);
        if (paired != null) { // the score the comparison selected by (a purchase trial's average precision)
            sb.append(differenceTable(result, org.rnnlab.evaluation.compare.ComparisonSummary.label(result, paired)
                    + (paired == Metric.LOG_LOSS ? " (lower is better)" : ""), PairedDifference.all(result, paired)));
        }
        org.rnnlab.evaluation.compare.ComparisonCaveats.foldsShareTestData(result, all).ifPresent(w -> sb.append("<p>Note: ")
                .append(Html.escape(w)).append(".</p>\n"));
        // trial 79g: the correction, the ties, the 6-pairs range and the bands' own differences, as on the console
        SignFlipNotes.holm(all).ifPresent(w -> sb.append("<p>Note: ").append(Html.escape(w)).append(".</p>\n"));
        for (Metric m : List.of(Metric.ACCURACY, Metric.MACRO_F1)) {
            SignFlipNotes.ties(result, PairedDifference.all(result, m)).ifPresent(w -> sb.append("<p>Note: ")
                    .append(Html.escape(w)).append(".</p>\n"));
        }
        SignFlipNotes.sixPairs(all).ifPresent(w -> sb.append("<p>Note: ").append(Html.escape(w)).append(".</p>\n"));
        for (PairedDifference d : all) {
            SignFlipNotes.byBand(result, d).ifPresent(w -> sb.append("<p>Note: accuracy ").append(Html.escape(w)).append(".</p>\n"));
        }
        org.rnnlab.evaluation.compare.ComparisonCaveats.tooFewPairs(all).ifPresent(w -> sb.append("<p>").append(Html.escape(w))
                .append(".</p>\n"));
        return sb.toString();
    }

    /** The paired differences of one metric, {@code what} (e.g. "accuracy"), as a table. */
    private static String differenceTable(ComparisonResult result, String what, List<PairedDifference> differences) {
        StringBuilder sb = new StringBuilder(Html.tableStart("Paired differences in test " + what + " (a − b)",
                List.of("a", "b", "pairs", what + " a − b", "95% interval of a common shift", "p", "verdict")));
        for (PairedDifference d : differences) {
            sb.append(String.format(Locale.ROOT, "<tr>%s<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%.3f</td><td>%s</td></tr>%n",
                    Html.row(d.a()), Html.escape(d.b()), Html.escape(d.nText().substring(2)), d.meanText(), Html.escape(d.intervalText()), d.pValue(),
                    Html.escape(TrainingLengths.qualifiedVerdict(result, d))));
        }
        return sb.append("</table>\n").toString();
    }

    private static String table(ComparisonResult result) {
        boolean ranked = !result.aggregates().isEmpty()
                && result.aggregates().stream().allMatch(a -> a.metrics().containsKey(Metric.MACRO_ROC_AUC)
                && a.metrics().containsKey(Metric.MACRO_AVERAGE_PRECISION));
        // Cohen's kappa where every configuration has it (undefined where one class held and got every test sequence of a run,
        // and absent from runs of an older rnnlab resumed): the headline score of agreement on imbalanced classes (sleep stages)
        boolean kappa = !result.aggregates().isEmpty()
                && result.aggregates().stream().allMatch(a -> a.metrics().containsKey(Metric.COHEN_KAPPA));
        List<String> headers = new java.util.ArrayList<>(List.of("configuration", "runs", "test sequences per run",
                "test accuracy (mean ± sd)", "min – max", "macro-F1"));
        if (kappa) {
            headers.add("Cohen's kappa");
        }
        if (ranked) { // the ranking of the probabilities, each class against the rest: no cut-off, what a rare class needs
            headers.addAll(List.of("ROC AUC (macro)", "average precision (macro)"));
        }
        headers.addAll(List.of("train s", "samples/s", "parameters", "run MiB (largest of the runs: heap+native peak) *"));
        StringBuilder sb = new StringBuilder(Html.tableStart("Test results of each configuration over its " + over(result), headers));
        List<String> notAbove = org.rnnlab.evaluation.compare.MajorityBaseline.notAbove(result);
        for (Aggregate a : result.aggregates()) {
            Aggregate.Stats acc = a.metrics().get(Metric.ACCURACY);
            Aggregate.Stats f1 = a.metrics().get(Metric.MACRO_F1);
            sb.append(String.format(Locale.ROOT, "<tr>%s<td>%d</td><td>%s</td><td>%s%s</td><td>%.4f – %.4f</td><td>%s</td>%s%s"
                            + "<td>%.1f</td><td>%.0f</td><td>%d</td><td>%s</td></tr>%n", Html.row(a.configuration()), a.runs(),
                    testSequences(result.runsOf(a.configuration())),
                    meanSd(acc, a.runs()), notAbove.contains(a.configuration()) ? " (not above the baseline)" : "", acc.min(), acc.max(),
                    meanSd(f1, a.runs()), kappa ? "<td>" + meanSd(a.metrics().get(Metric.COHEN_KAPPA), a.runs()) + "</td>" : "", ranked ? "<td>" + meanSd(a.metrics().get(Metric.MACRO_ROC_AUC), a.runs()) + "</td><td>"
                            + meanSd(a.metrics().get(Metric.MACRO_AVERAGE_PRECISION), a.runs()) + "</td>" : "",
                    a.trainSeconds().mean(), a.samplesPerSecond().mean(),
                    a.parameters(), a.runMemoryMb() == null ? "–" : a.runMemoryMb().toString()));
        }
        sb.append("</table>\n<p>* run MiB: the largest JVM heap (after collections) plus ND4J off-heap memory that a run added "
                + "over its start, the largest of the configuration's runs; – where it was not measured.</p>\n");
        // a run predicted a class its test data hold none of: the table's macro-F1 is over the classes present, and the
        // paired differences and verdicts compare scikit-learn's, given here as under the console's table
        String lower = org.rnnlab.evaluation.compare.PresentOrPredicted.tableLines(result);
        if (!lower.isEmpty()) {
            sb.append("<p>").append(Html.escape(lower.strip()).replace("\n", "<br>\n")).append("</p>\n");
        }
        return sb.toString();
    }

    /** The test sequences of each run ("60"), or their range where runs were tested on different data ("18 – 22": folds, bands). */
    static String testSequences(List<RunResult> runs) {
        java.util.LongSummaryStatistics n = runs.stream().mapToLong(r -> java.util.Arrays.stream(r.test().confusion())
                .flatMapToLong(java.util.Arrays::stream).sum()).summaryStatistics();
        return n.getCount() == 0 ? "–" : n.getMin() == n.getMax() ? Long.toString(n.getMin()) : n.getMin() + " – " + n.getMax();
    }

    /** The share of updates gradient clipping changed, per configuration with a clip threshold; nothing without one. */
    private static String clipping(ComparisonResult result) {
        Map<String, double[]> shares = ComparisonFiles.clippedShares(result);
        if (shares.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<h3>Gradient clipping</h3>\n<p>Updates changed by gradient clipping (the share of each run's updates in which a "
                + "layer's gradient was above the threshold; mean and range over the runs):</p>\n");
        sb.append(Html.tableStart("Updates changed by gradient clipping, per configuration", List.of("configuration", "updates clipped",
                "min – max", "note")));
        shares.forEach((configuration, s) -> sb.append(String.format(Locale.ROOT,
                "<tr>%s<td>%.1f%%</td><td>%.1f – %.1f%%</td><td>%s</td></tr>%n", Html.row(configuration), 100 * s[0],
                100 * s[1], 100 * s[2], Html.escape(ComparisonFiles.clippingNote(s)))));
        sb.append("</table>\n");
        ComparisonFiles.adaptiveUpdaterNote(result).ifPresent(n -> sb.append("<p>Note: ").append(Html.escape(n)).append(".</p>\n"));
        return sb.toString();
    }

    /** {@code mean ± sd}; the mean alone for one run, whose spread is unknown (not 0). */
    private static String meanSd(Aggregate.Stats st, int runs) {
        return runs < 2 || st.sd() == null ? String.format(Locale.ROOT, "%.4f", st.mean()) : String.format(Locale.ROOT, "%.4f ± %.4f", st.mean(), st.sd());
    }

    /**
     * Test recall and F1 of each class, one row per configuration (mean over its runs; precision in per-class.csv), up to
     * {@link org.rnnlab.evaluation.compare.PerClassResults#TABLE_CLASSES} classes.
     */
    static String perClassTable(ComparisonResult result) {
        List<String> labels = result.labelNames();
        List<org.rnnlab.evaluation.compare.PerClassResults.Row> rows = org.rnnlab.evaluation.compare.PerClassResults.of(result);
        if (labels.size() > org.rnnlab.evaluation.compare.PerClassResults.TABLE_CLASSES) {
            // many classes: one row per class (a user's 17 classes were named only in per-class.csv and a chart whose font
            // could not draw one of them)
            StringBuilder sb = new StringBuilder("<p>Test recall / F1 of each of the ").append(labels.size()).append(" classes (mean over the ")
                    .append(over(result)).append("; a class never predicted has recall and F1 0; precision too in "
                            + "<code>per-class.csv</code>):</p>\n");
            List<String> columns = new ArrayList<>(List.of("class", "test sequences per run"));
            result.aggregates().forEach(a -> columns.add(a.configuration()));
            sb.append(Html.tableStart("Test recall / F1 of each class (rows) by configuration (columns)", columns));
            for (String l : labels) {
                sb.append("<tr>").append(Html.row(l)).append("<td>").append(support(rows, l)).append("</td>");
                for (Aggregate a : result.aggregates()) {
                    sb.append(rows.stream().filter(r -> r.configuration().equals(a.configuration()) && r.label().equals(l)).findFirst()
                            .map(r -> String.format(Locale.ROOT, "<td>%.3f / %.3f</td>", r.recall().mean(), r.f1().mean()))
                            .orElse("<td>–</td>"));
                }
                sb.append("</tr>\n");
            }
            return sb.append("</table>\n").toString();
        }
        StringBuilder sb = new StringBuilder("<p>Test recall / F1 of each class (mean over the ").append(over(result))
                .append("; a class never predicted has recall and F1 0; precision too in <code>per-class.csv</code>):</p>\n");
        List<String> columns = new ArrayList<>(List.of("configuration"));
        labels.forEach(l -> columns.add(l + " (" + support(rows, l) + ")"));
        sb.append(Html.tableStart("Test recall / F1 of each class (columns, with the test sequences of the class per run) by "
                + "configuration (rows)", columns));
        for (Aggregate a : result.aggregates()) {
            sb.append("<tr>").append(Html.row(a.configuration()));
            for (String l : labels) {
                sb.append(rows.stream().filter(r -> r.configuration().equals(a.configuration()) && r.label().equals(l)).findFirst()
                        .map(r -> String.format(Locale.ROOT, "<td>%.3f / %.3f</td>", r.recall().mean(), r.f1().mean())).orElse("<td>–</td>"));
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    /** The test sequences of a class per run, its support ("10", or "8 – 12" where runs were tested on different data). */
    private static String support(List<org.rnnlab.evaluation.compare.PerClassResults.Row> rows, String label) {
        long fewest = rows.stream().filter(r -> r.label().equals(label)).mapToLong(r -> r.fewestExamples()).min().orElse(0);
        long most = rows.stream().filter(r -> r.label().equals(label)).mapToLong(r -> r.mostExamples()).max().orElse(0);
        return fewest == most ? "n = " + fewest : "n = " + fewest + " – " + most;
    }

    /** Links to the other CSV files of the run folder that exist (per class, differences, accuracy by tag). */
    private static String csvLinks(Path dir) {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("per-class.csv", "differences.csv", org.rnnlab.evaluation.compare.ComparisonFiles.BUCKETS_CSV)) {
            if (java.nio.file.Files.isRegularFile(dir.resolve(f))) {
                sb.append(", <a href=\"").append(f).append("\">").append(f).append("</a>");
            }
        }
        return sb.toString();
    }

    /** Test accuracy of each configuration in each band (mean ± sd over seeds). */
    private static String bandTable(ComparisonResult result) {
        TagBands bands = result.config().bands();
        StringBuilder sb = new StringBuilder("<p>Test accuracy by band of ").append(Html.escape(bands.tag()))
                .append(" (mean ± sd over the seeds; each model trained and tested on its band only):</p>\n");
        List<String> columns = new ArrayList<>(List.of("configuration"));
        bands.bands().forEach(b -> columns.add(bands.tag() + " " + b.describe()));
        sb.append(Html.tableStart("Test accuracy by band of " + bands.tag() + " (mean ± sd over the seeds)", columns));
        for (Map.Entry<String, List<Aggregate.Stats>> e : ComparisonFiles.accuracyByBand(result).entrySet()) {
            sb.append("<tr>").append(Html.row(e.getKey()));
            for (Aggregate.Stats st : e.getValue()) {
                sb.append(st == null ? "<td>–</td>" : "<td>" + meanSd(st, result.config().seeds()) + "</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    /**
     * With cross-validation by group: one row per fold, the groups it held out ({@link
     * org.rnnlab.evaluation.compare.FoldGroups#text}) and each configuration's test accuracy on them (mean ± sd over the seeds),
     * the per-held-out-group table of a "does it work for new signers, patients, machines?" study (a trial joined folds.csv
     * to results.csv by hand to find its worst fold's signer).
     */
    static String foldTable(ComparisonResult result) {
        List<List<String>> groups = result.foldGroups();
        String group = result.config().crossValidation().group();
        StringBuilder sb = new StringBuilder("<p>Test accuracy of each fold (mean ± sd over the seeds) on the ")
                .append(Html.escape(org.rnnlab.evaluation.compare.ComparisonSummary.heldOutGroups(group))).append(" it held out, which no run of that fold trained on; folds.csv has "
                        + "every sequence's group and fold, results.csv each run's <code>test_groups</code>:</p>\n");
        List<String> columns = new ArrayList<>(List.of("fold", "test " + group));
        result.aggregates().forEach(a -> columns.add(a.configuration()));
        sb.append(Html.tableStart("Test accuracy by fold and held-out " + group + " (mean ± sd over the seeds)", columns));
        for (int k = 0; k < groups.size(); k++) {
            sb.append("<tr>").append(Html.row(Integer.toString(k))).append("<td>")
                    .append(Html.escape(org.rnnlab.evaluation.compare.FoldGroups.text(groups, k))).append("</td>");
            for (Aggregate a : result.aggregates()) {
                int fold = k;
                double[] accuracies = result.runsOf(a.configuration()).stream().filter(r -> r.fold() != null && r.fold() == fold)
                        .mapToDouble(r -> r.test().accuracy()).toArray();
                sb.append(accuracies.length == 0 ? "<td>–</td>"
                        : "<td>" + meanSd(Aggregate.Stats.of(accuracies), accuracies.length) + "</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    /**
     * accuracy.png: one bar per configuration, the mean test accuracy over seeds with a whisker of one sd, and the
     * majority-class baseline as a labelled dashed line when it was measured.
     */
    private static Figure accuracyFigure(ComparisonResult result, Palette palette) {
        List<String> names = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> sds = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Aggregate a : result.aggregates()) {
            names.add(a.configuration());
            means.add(a.mean(Metric.ACCURACY));
            sds.add(a.metrics().get(Metric.ACCURACY).sdOrZero()); // one run: no whisker
            values.add(a.configuration() + " " + String.format(Locale.ROOT, Charts.BAR_LABEL_PATTERN, a.mean(Metric.ACCURACY))
                    + (a.runs() < 2 || a.metrics().get(Metric.ACCURACY).sd() == null ? ""
                            : String.format(Locale.ROOT, " (sd " + Charts.BAR_LABEL_PATTERN + ")", a.metrics().get(Metric.ACCURACY).sd())));
        }
        Double baseline = result.baseline() == null ? null : result.baseline().accuracy();
        Charts.ReferenceLine line = baseline == null ? null
                : new Charts.ReferenceLine(baseline, String.format(Locale.ROOT, "majority-class baseline " + Charts.BAR_LABEL_PATTERN, baseline));
        // bars from 0: a bar's length is its value (a raised baseline made 0.875 look twice 0.583); the value is written in it
        CategoryChart chart = Charts.bars("Test accuracy (mean ± sd over " + over(result) + ")", "test accuracy", palette, names, means, sds,
                0, 1.0, line);
        org.rnnlab.evaluation.compare.SummaryBaseline summary = result.summaryBaseline();
        if (summary != null) { // the second baseline's line beside the first (trial 79j F3)
            Charts.addReferenceLine(chart, new Charts.ReferenceLine(summary.accuracy(), String.format(Locale.ROOT,
                    "summary-feature baseline " + Charts.BAR_LABEL_PATTERN, summary.accuracy())));
        }
        List<String> belowSummary = org.rnnlab.evaluation.compare.SummaryBaseline.notAboveAccuracy(result);
        String baselineText = baseline == null ? "" : String.format(Locale.ROOT, "; majority-class baseline " + Charts.BAR_LABEL_PATTERN, baseline);
        List<String> notAbove = org.rnnlab.evaluation.compare.MajorityBaseline.notAbove(result);
        // "every configuration is above it" only where no configuration is below the summary-feature baseline either: above a
        // constant answer says little where a regression on each feature's mean and sd is above them
        String alt = "Bar chart of mean test accuracy over the " + over(result) + ": " + String.join(", ", values) + baselineText
                + (baseline == null ? "" : !notAbove.isEmpty() ? " (not above it: " + String.join(", ", notAbove) + ")"
                        : belowSummary.isEmpty() ? " (every configuration is above it)" : "")
                + (summary == null ? "" : String.format(Locale.ROOT, "; summary-feature baseline " + Charts.BAR_LABEL_PATTERN,
                        summary.accuracy()) + (belowSummary.isEmpty() ? " (every configuration is above it)"
                        : " (not above it: " + String.join(", ", belowSummary) + ")"))
                + ". The same numbers are in the results table.";
        return new Figure("accuracy.png", chart, null, alt,
                "Test accuracy of each configuration: the bar is the mean over the " + over(result) + " (written in the bar), the whisker "
                        + "one standard deviation either side of it, cut at 0 and 1 (no accuracy lies beyond them; over few runs "
                        + "mean + sd can, as 0.978 + 0.031 over 2 seeds), none where the sd is 0 or there is one run"
                        + (baseline == null ? "" : String.format(Locale.ROOT, "; the dashed line is the majority-class baseline ("
                                + Charts.BAR_LABEL_PATTERN + ", always predicting the most frequent training class): a bar at or below "
                                + "it has learned nothing a constant answer would not", baseline))
                        + (summary == null ? "" : String.format(Locale.ROOT, "; the second dashed line, labelled at its left end, is "
                                + "the summary-feature baseline (" + Charts.BAR_LABEL_PATTERN + ", a logistic regression on each "
                                + "sequence's mean and sd of each feature, no step order): a bar at or below it has not shown that it "
                                + "uses the order of the steps", summary.accuracy()))
                        + ". Whiskers show the spread of single runs, not whether two configurations differ: that takes paired "
                        + "runs (same seed) and a test on their differences, as the paired differences' table gives where the "
                        + "comparison has two or more configurations; overlapping whiskers can still be reliably different.")
                .titled("Test accuracy", null);
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

    /**
     * accuracy-by-TAG.png: test accuracy per tag value, one line per configuration, mean ± sd over its runs. With bands,
     * the runs of different bands are different models: the band's own tag is drawn band by band, its line broken between
     * bands; any other tag (attractors, nouns) gets one line per configuration and band (same colour, a dash per band), so
     * that its effect is read at a fixed band: pooled, a tag whose values grow with the band's (more attractors fit in a
     * longer span) would show the band's effect as its own (a user's reading of the default report).
     */
    private static Figure bucketFigure(ComparisonResult result, String tag, Palette palette) {
        TagBands bands = result.config().bands();
        List<Charts.Styled> lines = new ArrayList<>();
        double low = 1;
        for (Aggregate a : result.aggregates()) {
            List<List<RunResult>> groups = new ArrayList<>();
            List<String> groupNames = new ArrayList<>();
            if (bands == null) {
                groups.add(result.runsOf(a.configuration()));
                groupNames.add(null);
            } else {
                for (int b = 0; b < bands.size(); b++) {
                    String label = bands.label(b);
                    groups.add(result.runsOf(a.configuration()).stream().filter(r -> label.equals(r.band())).toList());
                    groupNames.add(label);
                }
            }
            boolean named = false;
            for (int g = 0; g < groups.size(); g++) {
                TreeMap<Integer, List<Double>> values = new TreeMap<>();
                for (RunResult r : groups.get(g)) {
                    for (BucketAccuracy bucket : r.test().buckets(tag)) {
                        values.computeIfAbsent(bucket.value(), v -> new ArrayList<>()).add(bucket.accuracy());
                    }
                }
                if (values.isEmpty()) {
                    continue;
                }
                Charts.Styled line;
                if (bands == null) {
                    line = Charts.Styled.plain(meanAndSd(a.configuration(), values));
                } else if (tag.equals(bands.tag())) { // one line per configuration, broken between its bands' models
                    line = new Charts.Styled(meanAndSd(named ? a.configuration() + " (" + groupNames.get(g) + ")" : a.configuration(), values),
                            a.configuration(), Charts.PALETTE_DASH, !named);
                    named = true;
                } else {
                    line = new Charts.Styled(meanAndSd(a.configuration() + ", " + groupNames.get(g), values), a.configuration(), g, true);
                }
                lines.add(line);
                for (int i = 0; i < line.line().y().length; i++) {
                    low = Math.min(low, line.line().y()[i] - line.line().sd()[i]);
                }
            }
        }
        boolean withinBands = bands != null && !tag.equals(bands.tag());
        String title = withinBands ? "Test accuracy by " + tag + " within each band of " + bands.tag() + " (mean ± sd over seeds)"
                : "Test accuracy by " + tag + " (mean ± sd over " + (bands != null ? "seeds" : over(result)) + ")";
        XYChart chart = Charts.styledLines(title, tag, "test accuracy", false, palette, lines, 0, 1);
        Charts.yRange(chart, Math.max(0, Math.floor((Math.max(0, low) - 0.05) * 10) / 10), 1.0);
        String png = "accuracy-by-" + tag + ".png";
        String spread = bands == null ? " The line is the mean over the " + over(result) + ", the shaded band one standard deviation either side."
                : tag.equals(bands.tag()) ? " Each band's models were trained and tested on that band's examples only, so a configuration's line "
                        + "is broken between bands: a step from one band to the next compares different models. The line is the mean over the seeds, "
                        + "the shaded band one standard deviation either side."
                : " Each line is one configuration's models of one band of " + bands.tag() + " (a dash pattern per band; the configuration has its colour and marker shape), so the effect of "
                        + tag + " is read at a fixed " + bands.tag() + ": pooled over the bands, larger values of " + tag
                        + ", which fit only in the longer spans, would show the effect of " + bands.tag() + " as their own. The line is the mean "
                        + "over the seeds, the shaded band one standard deviation either side.";
        return new Figure(png, chart, null, "Line chart of test accuracy by " + tag + ", one line per "
                + (withinBands ? "configuration and band" : "configuration") + ": " + lineAlt(lines.stream().map(Charts.Styled::line).toList(),
                        tag, false) + ". Every run's accuracy at each value is in " + ComparisonFiles.BUCKETS_CSV + ".",
                bucketText(tag, result.labelNames().size()) + spread).titled("Test accuracy by " + tag, ComparisonFiles.BUCKETS_CSV);
    }

    private static String bucketText(String tag, int classes) {
        String chance = String.format(Locale.ROOT, "%.0f%%", 100.0 / classes);
        if (tag.equals("distance")) {
            return "Test accuracy as a function of the distance: how many steps before the end (for agreement: before the verb) "
                    + "the input that decides the answer sits; for agreement the verb's position minus the subject's, so \"the "
                    + "dancer clearly ___\" has distance 2 (one word between them). A model that remembers only recent "
                    + "inputs is right at short distances and falls towards chance (" + chance + " here) as the distance grows.";
        }
        if (tag.equals("attractors")) {
            return "Test accuracy by the number of attractors: nouns between the subject and the verb whose number differs "
                    + "from the subject's (\"the writer of the books ___\" has one: books). A model that guesses from the most recent "
                    + "noun is misled by each attractor.";
        }
        if (tag.equals("nouns")) {
            return "Test accuracy by the number of nouns between the subject and the verb, whatever their number (attractors "
                    + "are those of the other number).";
        }
        return "Test accuracy for each value of the example tag '" + tag + "' (chance is " + chance + ").";
    }

    /**
     * learning-curves.png: the validation score the kept epoch is chosen by ({@link org.rnnlab.training.EpochSelection}:
     * accuracy or macro-F1) after each epoch, mean ± sd over seeds, one line per configuration, so that the curve's peak is
     * the epoch kept; for runs without validation data (no finite validation score in any epoch) the training loss per epoch
     * instead, with a title and y title that say so. Results written before the validation macro-F1 was recorded have only
     * the validation accuracy: the chart then shows that, and its caption says it is not what chose the epoch.
     */
    private static Figure learningCurvesFigure(ComparisonResult result, Palette palette) {
        org.rnnlab.training.EpochSelection selection = result.config().training().selection();
        boolean selected = result.runs().stream().flatMap(r -> r.history().stream())
                .anyMatch(e -> Double.isFinite(e.validation(selection)));
        boolean validation = selected || result.runs().stream().flatMap(r -> r.history().stream())
                .anyMatch(e -> Double.isFinite(e.validationAccuracy()));
        org.rnnlab.training.EpochSelection shown = selected ? selection : org.rnnlab.training.EpochSelection.ACCURACY;
        List<Charts.Line> lines = new ArrayList<>();
        double low = 1;
        double high = 0;
        for (Aggregate a : result.aggregates()) {
            TreeMap<Integer, List<Double>> values = curveValues(result.runsOf(a.configuration()),
                    validation ? e -> e.validation(shown) : EpochStats::trainLoss);
            Charts.Line line = meanAndSd(a.configuration(), values);
            lines.add(line);
            for (int i = 0; i < line.y().length; i++) {
                low = Math.min(low, line.y()[i] - line.sd()[i]);
                high = Math.max(high, line.y()[i] + line.sd()[i]);
            }
        }
        if (validation) {
            String metric = "validation " + shown.label();
            XYChart chart = Charts.styledLines("V" + metric.substring(1) + " per epoch (mean ± sd over " + over(result) + ")", "epoch",
                    selected ? metric + " (selects the kept epoch)" : metric, false, palette,
                    lines.stream().map(Charts.Styled::plain).toList(), 0, 1);
            if (shown.higherIsBetter()) {
                Charts.yRange(chart, Math.max(0, Math.floor((low - 0.05) * 10) / 10), 1.0);
            } else { // a log-loss: from 0 up, unbounded (lower is better)
                Charts.yRange(chart, 0, Math.max(0.1, Math.ceil((high + 0.05) * 10) / 10));
            }
            String kept = selected
                    ? " The model kept is the one of its best epoch, the " + shown.best() + " " + metric + ": the score plotted here."
                    : " The model kept is the one of its best epoch, the " + selection.best() + " validation " + selection.label() + "; these results "
                            + "were written before the validation " + selection.label() + " of each epoch was recorded, so this chart "
                            + "shows the validation accuracy instead, whose peak need not be the epoch kept.";
            return new Figure("learning-curves.png", chart, null, "Line chart of the mean " + metric + " per epoch, one line per "
                    + "configuration: " + lineAlt(lines, "epoch", false, !shown.higherIsBetter()) + " (" + shown.best()
                    + " is best). Every run's history is in results.json.",
                    "V" + metric.substring(1) + " after each epoch, mean and spread over the " + over(result) + "; each curve ends at "
                            + "the last epoch all of its runs trained, so that runs stopped early do not leave the later points to the "
                            + "few still training (results.json keeps every run's history). " + (shown.higherIsBetter()
                            ? "A curve that keeps rising wanted more epochs; one that stays flat near chance never found the signal."
                            // a log-loss is lower-is-better: a rising curve is overfitting (a review)
                            : "A curve that keeps falling wanted more epochs; one that turns up again is overfitting, and the "
                            + "epoch kept is its lowest point.") + kept)
                    .titled("Learning curves", "results.json");
        }
        XYChart chart = Charts.lines("Training loss per epoch (mean ± sd over " + over(result) + "; no validation data)", "epoch",
                "training loss (no validation data)", false, palette, lines);
        return new Figure("learning-curves.png", chart, null, "Line chart of the mean training loss per epoch (the runs had no "
                + "validation data), one line per configuration: " + lineAlt(lines, "epoch", true) + ". Every run's history is in results.json.",
                "These runs had no validation data, so this chart shows the mean training loss of each epoch (mean and spread "
                        + "over the " + over(result) + ", each curve up to the last epoch all of its runs trained) instead of a validation score. A loss that is still falling wanted more epochs; one that "
                        + "stays flat never found the signal. The model kept is the one of its epoch with the lowest training loss, "
                        + "which says nothing about how well it generalises: the test accuracy above does.")
                .titled("Learning curves", "results.json");
    }

    /**
     * The values of one configuration's learning curve by epoch: validation accuracy (else training loss) of each run, up to
     * the last epoch all of the runs trained (when that is 2 or more).
     */
    static TreeMap<Integer, List<Double>> curveValues(List<RunResult> runs, boolean validation) {
        return curveValues(runs, validation ? EpochStats::validationAccuracy : EpochStats::trainLoss);
    }

    /**
     * The values of one configuration's learning curve by epoch: {@code score} of each run's epochs where finite, up to the
     * last epoch all of the runs trained (when that is 2 or more).
     */
    static TreeMap<Integer, List<Double>> curveValues(List<RunResult> runs, java.util.function.ToDoubleFunction<EpochStats> score) {
        TreeMap<Integer, List<Double>> values = new TreeMap<>();
        int allTrained = Integer.MAX_VALUE; // the last epoch every run of the configuration trained
        for (RunResult r : runs) {
            int last = 0;
            for (EpochStats e : r.history()) {
                double v = score.applyAsDouble(e);
                if (Double.isFinite(v)) {
                    values.computeIfAbsent(e.epoch(), x -> new ArrayList<>()).add(v);
                    last = Math.max(last, e.epoch());
                }
            }
            allTrained = Math.min(allTrained, last);
        }
        if (allTrained >= 2) {
            // a mean over fewer runs after some stopped early is a mean over the survivors (a trial read a late rise of
            // the few runs still training as the configuration's): each curve ends where its runs all trained
            values.tailMap(allTrained, false).clear();
        }
        return values;
    }

    /**
     * gradient-flow.png: the gradient of the loss with respect to each input, one line per configuration (log scale): the
     * geometric mean over seeds of each run's ratios, with a band from the lowest to the highest seed. (The arithmetic mean
     * of ratios that span decades is the largest seed's value over the number of seeds: a trial's rnn point at distance 13
     * was 7.0e-4 from seeds at 1.8e-5, 5.0e-4 and 1.6e-3, whose geometric mean is 2.4e-4.) Each run's norms are divided by
     * their value at the last step when every run reads the last step ({@link GradientScale}), else by their
     * largest value: a pooling head's loss does not sit at the last step, whose gradient was exactly 0 in 5 of a trial's 6
     * max-head runs, and rnn and gru vanished from its chart without a word. Configurations still without a point are named
     * under the chart ({@link #gradientNotDrawn}).
     */
    private static Figure gradientFigure(ComparisonResult result, Palette palette) {
        List<Charts.Line> lines = new ArrayList<>();
        TagBands bands = result.config().bands();
        String lastBand = bands == null ? null : bands.label(bands.size() - 1); // with bands: the models of the longest band
        GradientScale scale = GradientScale.of(result);
        int most = 0; // the most runs any configuration's line averages (1: a line is one run's, with no band to shade)
        for (Aggregate a : result.aggregates()) {
            TreeMap<Integer, List<Double>> ratios = gradientRatios(result, a.configuration(), lastBand, scale);
            most = Math.max(most, ratios.values().stream().mapToInt(List::size).max().orElse(0));
            lines.add(geometricMeanAndRange(a.configuration(), ratios));
        }
        boolean single = most <= 1;
        boolean last = scale.lastStep();
        // a trial's --seeds 1 chart said "geometric mean over seeds, shaded: lowest to highest" of one run and no band
        XYChart chart = Charts.lines((lastBand == null
                        ? "Gradient reaching each step after training, relative to " + scale.reference() + (single ? ""
                                : " (geometric mean over " + over(result) + ", shaded: lowest to highest)")
                        : "Gradient reaching each step after training, models of " + lastBand
                                + (last ? "" : ", relative to " + scale.reference())
                                + (single ? "" : " (geometric mean over seeds, shaded: lowest to highest)")),
                "distance from the last step", scale.axis(), true, palette, lines);
        String backward = backwardNote(result).orElse("");
        String notDrawn = gradientNotDrawn(result).map(n -> n + " ").orElse("");
        return new Figure("gradient-flow.png", chart, null, "Line chart, log scale, of the input gradient's norm at each distance from "
                + "the last step relative to " + (last ? "the last step's" : "each run's largest value after the first step") + ", one line per configuration (the geometric mean over its runs): "
                + lineAlt(lines, "distance", true, false, BELOW_FLOAT)
                + ". " + notDrawn + (backward.isEmpty() ? "" : backward + " ") + "Every run's absolute norms are in results.json.",
                (lastBand == null ? "" : "The models trained on the longest band (" + lastBand + "), probed on its test examples. ")
                        + (last ? "How strongly the loss at the last step reaches each earlier input of the trained models: the mean size (L2 "
                        + "norm) of dLoss/dx_t at each distance from the last step, divided by its value at the last step (log "
                        + "scale; results.json keeps the absolute values). "
                        : "How strongly the loss reaches each input of the trained models: the mean size (L2 norm) of dLoss/dx_t at each "
                        + "distance from the last step, divided by each run's largest value at any distance but the first step's "
                        + "(the largest distance; log scale; results.json keeps the absolute values). The " + scale.heads() + " head "
                        + "reads every step, so the loss does not sit at the last step, whose gradient can be exactly 0 (a max head "
                        + "reads each unit at the step of its maximum only), and it reaches every step directly: the curve says which "
                        + "positions the head reads, not how far back a cell carries memory, and 1 is where a run's inputs matter "
                        + "most. A peak at the first steps of the sequence (the right end of the chart, where the first step may lie "
                        + "above 1) is the start-up of the state, which starts from zeros and meets the first inputs there, in "
                        + "every run whatever the data: it is not where the event is, nor a sign that the first readings decide. ")
                        + (single ? "Each line is its configuration's one run (no band: one run per configuration). "
                        : "Each line is the geometric mean of its runs' ratios (the "
                        + "mean of their logarithms: runs that differ by decades would otherwise be drawn near the largest one), and "
                        + "the shaded band reaches from the lowest run's ratio to the highest's. ") + "Dividing removes the overall scale, which mostly says how "
                        + "confident a model is (a model with near-zero loss gets tiny gradients everywhere). A curve that falls "
                        + "steeply means early inputs barely change the prediction and barely receive any learning signal; bumps "
                        + "mark the positions where the deciding input (for agreement, the subject) tends to sit. On sequences of "
                        + "different lengths each distance averages only the probe sequences at least that long, so the curve can "
                        + "jump where sequences end; a norm below the 32-bit float range is 0 and not drawn (nor is the geometric "
                        + "mean at a distance where one run's is 0), so a curve may stop early."
                        + (notDrawn.isEmpty() ? "" : " " + notDrawn.strip())
                        + (backward.isEmpty() ? "" : " " + backward)).titled("Gradient flow", "results.json");
    }

    /**
     * What the gradient chart divides each run's norms by: the last step's (every run reads the last step only, so all of
     * its loss enters there) or the run's largest (a pooling or attention head, whose loss reaches every step directly).
     *
     * @param lastStep whether by the last step's norm
     * @param heads    the heads other than last that the runs read ({@code max}; {@code mean, max} after a tuning), empty with
     *                 {@code lastStep}
     */
    record GradientScale(boolean lastStep, String heads) {

        /** What the ratios are relative to, in the title and alt text. */
        String reference() {
            return lastStep ? "the last step" : "each run's largest after the first step";
        }

        /** The y axis's title. */
        String axis() {
            return lastStep ? "||dLoss/dx_t|| / ||dLoss/dx_last|| (log)" : "||dLoss/dx_t|| / largest over t after the first (log)";
        }

        /**
         * By the last step when every configuration reads it (head last or last-step: the comparison's, or each
         * architecture's tuned one), or the comparison's settings are unknown (files written before them); else by the largest.
         */
        static GradientScale of(ComparisonResult result) {
            java.util.Set<org.rnnlab.core.SequenceHead> heads = new java.util.LinkedHashSet<>();
            if (result.tuning() != null) {
                for (TuningResult.ArchitectureTuning a : result.tuning().architectures()) {
                    if (a.chosen() != null) {
                        heads.add(org.rnnlab.core.SequenceHead.parse(a.chosen().head()));
                    }
                }
            } else if (result.config().base() != null) {
                heads.add(result.config().base().head());
            }
            heads.remove(org.rnnlab.core.SequenceHead.LAST);
            heads.remove(org.rnnlab.core.SequenceHead.LAST_STEP);
            return new GradientScale(heads.isEmpty(), String.join(", ", heads.stream().map(org.rnnlab.core.SequenceHead::id).toList()));
        }
    }

    /**
     * One configuration's gradient ratios by distance (the runs of {@code band} only, unless null): each run's norms
     * divided by {@code scale}'s reference, for the runs whose reference is above 0.
     */
    private static TreeMap<Integer, List<Double>> gradientRatios(ComparisonResult result, String configuration, String band,
                                                                 GradientScale scale) {
        TreeMap<Integer, List<Double>> values = new TreeMap<>();
        for (RunResult r : result.runsOf(configuration)) {
            if (band != null && !band.equals(r.band())) {
                continue;
            }
            List<Double> g = r.gradientNorms();
            double reference = g.isEmpty() ? 0 : scale.lastStep() ? g.get(0) : largestAfterFirstStep(g);
            for (int d = 0; d < g.size() && reference > 0; d++) {
                values.computeIfAbsent(d, v -> new ArrayList<>()).add(g.get(d) / reference);
            }
        }
        return values;
    }

    /**
     * What a pooling head's gradient chart divides a run's norms by: their largest value, leaving out the first step (the
     * largest distance) where another step's is above 0. The state starts from zeros there and meets the first input, and the
     * gradient is highest there in every max-head run of a trial (77f F1: each cell at 1.00 at distance 287 of 288, read as
     * "the first readings of the day decide"); divided by it, every other step was drawn far below a step that says nothing
     * of where the event is. The first step is still drawn, above 1 where it is the largest.
     */
    static double largestAfterFirstStep(List<Double> norms) {
        double all = norms.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElse(0);
        if (norms.size() < 2) {
            return all;
        }
        double rest = norms.subList(0, norms.size() - 1).stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElse(0);
        return rest > 0 ? rest : all;
    }

    /**
     * The configurations the gradient chart has no point of, and why ("not drawn: rnn, gru (...)"), for under the chart and
     * the terminal: a trial's max-head comparison drew lstm alone, and nothing said rnn and gru were missing. Empty when
     * every configuration with a probe is drawn, or no run was probed.
     */
    public static java.util.Optional<String> gradientNotDrawn(ComparisonResult result) {
        TagBands bands = result.config().bands();
        String lastBand = bands == null ? null : bands.label(bands.size() - 1);
        GradientScale scale = GradientScale.of(result);
        List<String> noReference = new ArrayList<>();
        List<String> noCommonPoint = new ArrayList<>();
        for (Aggregate a : result.aggregates()) {
            boolean probed = result.runsOf(a.configuration()).stream()
                    .anyMatch(r -> !r.gradientNorms().isEmpty() && (lastBand == null || lastBand.equals(r.band())));
            if (!probed) {
                continue;
            }
            TreeMap<Integer, List<Double>> values = gradientRatios(result, a.configuration(), lastBand, scale);
            if (values.isEmpty()) {
                noReference.add(a.configuration());
                continue;
            }
            double[] y = geometricMeanAndRange(a.configuration(), values).y();
            if (java.util.Arrays.stream(y).noneMatch(v -> v > 0 && Double.isFinite(v))) {
                noCommonPoint.add(a.configuration());
            }
        }
        List<String> why = new ArrayList<>();
        if (!noReference.isEmpty()) {
            why.add(String.join(", ", noReference) + " (" + (scale.lastStep()
                    ? "the gradient at the last step was 0, below the 32-bit float range, in every run, so there is nothing to "
                    + "divide by" + (result.config().base() != null && result.config().base().convolutions().stream()
                            .anyMatch(c -> c.stride() > 1) ? " (a strided convolution may not read the last step at all)" : "")
                    : "the gradient was 0 at every step in every run") + ")");
        }
        if (!noCommonPoint.isEmpty()) {
            why.add(String.join(", ", noCommonPoint) + " (no distance where every run's gradient is above 0: the geometric mean "
                    + "of a 0 is 0, which a log axis does not draw)");
        }
        return why.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of("Not drawn in the gradient-flow chart: " + String.join("; ", why)
                        + "; results.json keeps every run's norms.");
    }

    /** What the gradient chart's alt text says of a value it does not draw (0: below the 32-bit float range). */
    static final String BELOW_FLOAT = "below float range (not drawn)";

    /**
     * For a comparison with bidirectional configurations (read by a head other than last-step, which reads the backward
     * direction at the last step): their backward direction reads the sequence from its end, so the first step is the last
     * it reads, next to the state the head takes; the gradient reaching the earliest steps comes that short way, and their
     * curve stays flat (or rises) toward the start by construction. A trial read bigru's flat curve, 2.61 at distance 394,
     * as the architecture that carries early inputs across the sequence. Empty without bidirectional configurations.
     */
    public static java.util.Optional<String> backwardNote(ComparisonResult result) {
        if (result.config().base() != null && result.config().base().head() == org.rnnlab.core.SequenceHead.LAST_STEP) {
            return java.util.Optional.empty();
        }
        List<String> bidirectional = result.aggregates().stream().filter(a -> result.runsOf(a.configuration()).stream()
                .anyMatch(r -> bidirectional(r.architecture()))).map(Aggregate::configuration).toList();
        if (bidirectional.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("For " + String.join(", ", bidirectional) + " (bidirectional), the backward direction reads "
                + "the first step last, next to the state the classifier reads: the gradient reaches the earliest steps through "
                + "that short path, so " + (bidirectional.size() == 1 ? "its curve is" : "their curves are") + " flat (or rising) "
                + "toward the start by construction, not evidence of memory across the sequence"
                + (bidirectional.size() < result.aggregates().size() ? "; the one-directional cells' curves are what say how far "
                        + "back a gradient carries." : "."));
    }

    /** Whether an architecture id reads both directions; false for an id this version does not know. */
    private static boolean bidirectional(String architecture) {
        try {
            return org.rnnlab.core.Architecture.parse(architecture).bidirectional();
        } catch (RuntimeException unknown) {
            return false;
        }
    }

    /**
     * What lines say, for an alt text: each line's first and last point and, where it is another, its highest ("rnn: 0.700 at
     * epoch 1, 0.814 at epoch 6, highest 0.820 at epoch 5"); {@code general} writes values to 3 significant digits (losses,
     * gradient ratios), else with 3 decimals.
     */
    public static String lineAlt(List<Charts.Line> lines, String xName, boolean general) {
        return lineAlt(lines, xName, general, false);
    }

    /**
     * As {@link #lineAlt(List, String, boolean)}; with {@code lowestBest} (a log-loss, lower is better) the point named
     * besides the ends is the lowest, the best epoch's: a log-loss curve's highest point is its worst epoch, which the alt
     * text of a log-loss comparison's learning curves named (a review).
     */
    public static String lineAlt(List<Charts.Line> lines, String xName, boolean general, boolean lowestBest) {
        return lineAlt(lines, xName, general, lowestBest, null);
    }

    /**
     * As {@link #lineAlt(List, String, boolean, boolean)}; with {@code notDrawn} (a log axis, which draws no 0) a value of 0 or
     * less is said in those words, not as {@code 0.00}, and a line that ends in one says its last drawn point too (a trial's
     * alt text gave gru "0.00 at distance 394", a point the chart does not show).
     */
    public static String lineAlt(List<Charts.Line> lines, String xName, boolean general, boolean lowestBest, String notDrawn) {
        List<String> parts = new ArrayList<>();
        for (Charts.Line l : lines) {
            List<Integer> finite = new ArrayList<>();
            for (int i = 0; i < l.y().length; i++) {
                if (Double.isFinite(l.y()[i]) && Double.isFinite(l.x()[i])) {
                    finite.add(i);
                }
            }
            if (finite.isEmpty()) {
                parts.add(l.name() + ": no value");
                continue;
            }
            int first = finite.get(0);
            int last = finite.get(finite.size() - 1);
            java.util.Comparator<Integer> byValue = java.util.Comparator.comparingDouble(i -> l.y()[i]);
            int top = (lowestBest ? finite.stream().min(byValue) : finite.stream().max(byValue)).orElseThrow();
            java.util.function.IntFunction<String> at = i -> String.format(Locale.ROOT, general ? "%.3g" : "%.3f", l.y()[i]) + " at "
                    + xName + " " + (l.x()[i] == Math.rint(l.x()[i]) ? Long.toString((long) l.x()[i]) : Double.toString(l.x()[i]));
            java.util.function.IntFunction<String> value = i -> String.format(Locale.ROOT, general ? "%.3g" : "%.3f", l.y()[i]);
            if (notDrawn != null) {
                java.util.function.IntFunction<String> drawn = at;
                at = i -> l.y()[i] > 0 ? drawn.apply(i) : notDrawn + " at " + xName + " "
                        + (l.x()[i] == Math.rint(l.x()[i]) ? Long.toString((long) l.x()[i]) : Double.toString(l.x()[i]));
            }
            // "highest" ("lowest") only where it reads apart from both ends (0.998 at epoch 3 beside 0.998 at epoch 6 says nothing)
            boolean peak = top != first && top != last && !value.apply(top).equals(value.apply(first))
                    && !value.apply(top).equals(value.apply(last));
            int lastDrawn = last;
            while (notDrawn != null && lastDrawn > first && !(l.y()[lastDrawn] > 0)) {
                lastDrawn--;
            }
            boolean sayLastDrawn = notDrawn != null && lastDrawn != last && l.y()[lastDrawn] > 0 && lastDrawn != first;
            parts.add(l.name() + ": " + at.apply(first) + (sayLastDrawn ? ", last drawn " + at.apply(lastDrawn) : "")
                    + (last == first ? "" : ", " + at.apply(last))
                    + (peak ? (lowestBest ? ", lowest " : ", highest ") + at.apply(top) : ""));
        }
        return String.join("; ", parts);
    }

    /**
     * The geometric mean of the (positive) values at each x, with a band from the lowest to the highest: ratios that span
     * decades, drawn on a log axis. Where a value is 0 or less (a norm that underflowed) the geometric mean is 0, which a log
     * axis does not draw.
     */
    static Charts.Line geometricMeanAndRange(String name, TreeMap<Integer, List<Double>> values) {
        double[] x = new double[values.size()];
        double[] mean = new double[values.size()];
        double[] low = new double[values.size()];
        double[] high = new double[values.size()];
        int i = 0;
        for (Map.Entry<Integer, List<Double>> e : values.entrySet()) {
            double logSum = 0;
            boolean positive = true;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : e.getValue()) {
                positive &= v > 0;
                logSum += positive ? Math.log(v) : 0;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            x[i] = e.getKey();
            mean[i] = positive ? Math.exp(logSum / e.getValue().size()) : 0;
            low[i] = lo;
            high[i++] = hi;
        }
        return Charts.Line.withRange(name, x, mean, low, high);
    }

    /** Mean and sample sd (0, no band, for one value) of the values at each x. */
    private static Charts.Line meanAndSd(String name, TreeMap<Integer, List<Double>> values) {
        double[] x = new double[values.size()];
        double[] mean = new double[values.size()];
        double[] sd = new double[values.size()];
        int i = 0;
        for (Map.Entry<Integer, List<Double>> e : values.entrySet()) {
            Aggregate.Stats s = Aggregate.Stats.of(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            x[i] = e.getKey();
            mean[i] = s.mean();
            sd[i++] = s.sdOrZero();
        }
        return new Charts.Line(name, x, mean, sd);
    }

    /**
     * What a configuration's runs are pooled over in its charts: its seeds, and the folds of cross-validation or the bands of
     * a band comparison when there are several runs per seed.
     */
    static String over(ComparisonResult result) {
        boolean more = result.aggregates().stream().map(a -> result.runsOf(a.configuration()))
                .anyMatch(runs -> runs.size() > runs.stream().map(RunResult::seed).distinct().count());
        return !more ? "seeds" : result.config().crossValidation() != null ? "seeds and folds" : "seeds and bands";
    }

    /** The title of a configuration's confusion grid: its name and how many runs its counts are summed over. */
    public static String confusionTitle(String configuration, int runs) {
        return configuration + ": test counts summed over " + runs + (runs == 1 ? " run" : " runs");
    }

    /** A confusion matrix as an HTML table: the numbers of its grid, for readers who cannot see the picture. */
    static String confusionTable(String configuration, String summed, List<String> labels, long[][] counts) {
        List<String> columns = new ArrayList<>(List.of("true class \\ predicted"));
        columns.addAll(labels);
        columns.add("total");
        StringBuilder sb = new StringBuilder(Html.tableStart("Confusion matrix of " + configuration + " (test counts " + summed
                + "; rows: true class, columns: predicted class)", columns));
        for (int t = 0; t < labels.size(); t++) {
            sb.append("<tr>").append(Html.row(labels.get(t)));
            long total = 0;
            for (int p = 0; p < labels.size(); p++) {
                sb.append("<td>").append(counts[t][p]).append("</td>");
                total += counts[t][p];
            }
            sb.append("<td>").append(total).append("</td></tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    /**
     * How many seeds a configuration's summed confusion counts every test sequence for: its seeds, when each seed's runs
     * tested the same number of sequences of every class (with --cv every sequence once per seed, without it the test split
     * once per seed), else 1. The confusion chart then writes a class's {@code n = 122} as {@code n = 122 (61 sequences x 2
     * seeds)}: trial 77f F11 read n = 122 as 122 'pre_swarm' days, of which there were 61.
     */
    static int seedsOfSameSequences(ComparisonResult result, String configuration) {
        int k = result.labelNames().size();
        java.util.Map<Long, long[]> bySeed = new java.util.TreeMap<>();
        for (RunResult r : result.runsOf(configuration)) {
            long[][] m = r.test() == null ? null : r.test().confusion();
            if (m == null) {
                return 1;
            }
            long[] rows = bySeed.computeIfAbsent(r.seed(), s -> new long[k]);
            for (int a = 0; a < k && a < m.length; a++) {
                rows[a] += java.util.Arrays.stream(m[a]).sum();
            }
        }
        List<long[]> totals = List.copyOf(bySeed.values());
        return totals.size() > 1 && totals.stream().allMatch(t -> java.util.Arrays.equals(t, totals.get(0))) ? totals.size() : 1;
    }

    private static long[][] summedConfusion(ComparisonResult result, String configuration) {
        int k = result.labelNames().size();
        long[][] sum = new long[k][k];
        for (RunResult r : result.runsOf(configuration)) {
            for (int a = 0; a < k; a++) {
                for (int p = 0; p < k; p++) {
                    sum[a][p] += r.test().confusion()[a][p];
                }
            }
        }
        return sum;
    }
}

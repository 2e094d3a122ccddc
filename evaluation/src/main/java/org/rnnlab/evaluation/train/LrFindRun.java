package org.rnnlab.evaluation.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.evaluation.report.Charts;
import org.rnnlab.evaluation.run.RunFiles;
import org.rnnlab.training.LearningRateFinder;
import org.rnnlab.training.LearningRateSweep;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.Trainer;

/**
 * {@code rnnlab train --find-lr} in a run folder: {@code config.json} and {@code provenance.json} as a training run
 * writes them, then the learning-rate sweep as {@code lr-find.csv} (rate,loss,smoothed), {@code lr-find.json} and
 * {@code lr-find.png} (loss against rate on a log axis, with the suggestion marked). No model is written.
 */
public final class LrFindRun {
    public static final String CSV = "lr-find.csv";
    public static final String JSON = "lr-find.json";
    public static final String PNG = "lr-find.png";

    private LrFindRun() {
    }

    /** Sweeps the rate for the request's model and data and writes the files into {@code dir}. */
    public static LearningRateSweep run(TrainRequest request, SequenceDataset data, Path dir, List<String> commandLine,
                                        LearningRateFinder.Range range) throws IOException {
        Provenance provenance = Trainer.provenance(request.spec(), request.training(), data, commandLine);
        RunFiles.start(dir, request, provenance);
        LearningRateSweep sweep = LearningRateFinder.sweep(request.spec(), request.training(), data, range);
        write(sweep, range, dir);
        return sweep;
    }

    /**
     * Writes the sweep's CSV, JSON and chart into {@code dir}; the JSON also holds the sweep's own options ({@code range}:
     * steps, min, max), which config.json (the model, data and training options) does not, so that the sweep can be run
     * again from the two files.
     */
    public static void write(LearningRateSweep sweep, LearningRateFinder.Range range, Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("rate,loss,smoothed\n");
        for (int i = 0; i < sweep.rates().size(); i++) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%s%n", sweep.rates().get(i), sweep.losses().get(i),
                    sweep.smoothedLosses().get(i)));
        }
        AtomicFiles.writeString(dir.resolve(CSV), csv.toString());
        com.fasterxml.jackson.databind.node.ObjectNode json = Json.mapper().valueToTree(sweep);
        json.set("range", Json.mapper().valueToTree(range));
        json.put("again", String.format(Locale.ROOT, "rnnlab train --find-lr --find-lr-steps %d --find-lr-range %s:%s with the options "
                + "of config.json", range.steps(), org.rnnlab.core.ModelSpec.plain(range.min()), org.rnnlab.core.ModelSpec.plain(range.max())));
        Json.writeFile(dir.resolve(JSON), json);
        Charts.writePng(chart(sweep), dir.resolve(PNG));
    }

    /** Loss and smoothed loss against the rate (log x axis), and a vertical line at the suggested rate. */
    static XYChart chart(LearningRateSweep sweep) {
        double[] rates = sweep.rates().stream().mapToDouble(Double::doubleValue).toArray();
        double[] losses = sweep.losses().stream().mapToDouble(Double::doubleValue).toArray();
        double[] smoothed = sweep.smoothedLosses().stream().mapToDouble(Double::doubleValue).toArray();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double[] ys : List.of(losses, smoothed)) {
            for (double y : ys) {
                low = Math.min(low, y);
                high = Math.max(high, y);
            }
        }
        String marker = "suggested " + format(sweep.suggested());
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("loss", new double[][] {rates, losses});
        series.put("smoothed loss", new double[][] {rates, smoothed});
        // the reason is a sentence or two: a chart title is one centred line, cut at both sides when longer than the
        // chart, so the title says the result and a panel beside the plot the reason, wrapped
        XYChart chart = Charts.lines("Learning-rate range test: " + marker, "learning rate (log)", "training loss", false, series);
        chart.getStyler().setXAxisLogarithmic(true);
        // labels at the decades only (XChart's own labels of a log axis below 1e-3 read as "15.5"), as the log y axes of reports
        chart.getStyler().setXAxisTickLabelsFormattingFunction(v -> {
            double e = Math.log10(v);
            return Math.abs(e - Math.rint(e)) < 1e-6 ? Charts.decadeLabel(Math.rint(e)) : "";
        });
        // in the column right of the plot, below the legend, where no curve runs (screen space: y is the panel's lower edge,
        // measured from the chart's bottom)
        chart.addAnnotation(new org.knowm.xchart.AnnotationTextPanel("why:\n" + wrap(sweep.reason(), 26), Charts.WIDTH - 178, 70, true));
        XYSeries line = chart.addSeries(marker, new double[] {sweep.suggested(), sweep.suggested()}, new double[] {low, high});
        line.setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /** {@code text} broken at spaces into lines of at most {@code width} characters (a longer word stays whole). */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String word : text.trim().split("\\s+")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > width) {
                out.append('\n');
                lineLength = 0;
            } else if (lineLength > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
        }
        return out.toString();
    }

    /** The command line without the --find-lr options and the run folder, with {@code --lr rate}: the training to run next. */
    public static List<String> trainCommand(List<String> command, String rate) {
        List<String> out = new ArrayList<>();
        Set<String> withValue = Set.of("--find-lr-steps", "--find-lr-range", "--out");
        for (int i = 0; i < command.size(); i++) {
            String a = command.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (a.equals("--find-lr") || a.equals("--overwrite")) {
                continue;
            }
            if (withValue.contains(name)) {
                if (!a.contains("=")) {
                    i++;
                }
                continue;
            }
            out.add(a);
        }
        out.add("--lr");
        out.add(rate);
        return out;
    }

    /** A rate as the messages print it: {@code 3.2e-03}. */
    public static String format(double rate) {
        return String.format(Locale.ROOT, "%.1e", rate);
    }
}

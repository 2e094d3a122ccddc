package org.rnnlab.evaluation.gradients;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.core.bptt.ClippingExperiment;
import org.rnnlab.core.bptt.SpectralSweep;
import org.rnnlab.evaluation.report.Charts;
import org.rnnlab.evaluation.report.ComparisonReport;
import org.rnnlab.evaluation.report.Html;
import org.rnnlab.evaluation.report.Palette;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the gradient report into a folder: three CSV tables, one PNG chart per table (see {@link #charts}: the
 * report style of {@link Charts}, log-scale y axis labelled at a few whole decades, one line per model / spectral
 * radius / clip setting) and an {@code index.html} that shows the charts with a paragraph each (or says that a
 * chart was not drawn because none of its values fits a log axis). Every file is written atomically
 * (temporary file and rename).
 */
public final class GradientReport {
    private static final Logger LOG = LoggerFactory.getLogger(GradientReport.class);

    public static final String FLOW_CSV = "gradient-flow.csv";
    public static final String SWEEP_CSV = "spectral-sweep.csv";
    public static final String CLIPPING_CSV = "clipping.csv";
    public static final String FLOW_PNG = "gradient-flow.png";
    public static final String SWEEP_PNG = "spectral-sweep.png";
    public static final String CLIPPING_PNG = "clipping.png";
    public static final String INDEX_HTML = "index.html";

    /** Losses above this are drawn at it (an exploding run reaches 1e150 and more, which would flatten the rest). */
    static final double CLIPPING_LOSS_CAP = 1e8;

    /**
     * The paths written.
     *
     * @param dir   the output folder
     * @param files every file written, relative to {@code dir}
     */
    public record ReportFiles(Path dir, List<String> files) {
        public ReportFiles {
            files = List.copyOf(files);
        }
    }

    /**
     * What the page says of the study besides its data: a shared report must be readable on its own.
     *
     * @param settings the study's settings in words (data, T, H, batch, trained or not, the sweep's activation, seed)
     * @param trained  whether the models were trained before the measurement ({@code --trained})
     * @param clipping the clipping experiment's outcome per threshold, one phrase each (e.g. {@code none: non-finite
     *                 (exploded) after 4 steps}), empty when not known
     * @param sweepActivation the spectral sweep's activation, named in its chart's title (e.g. {@code TANH}); null for none
     * @param notLearned one warning per model whose brief training ({@code --trained}) did not bring its loss clearly below
     *                   the loss of guessing, shown above the gradient chart; empty for none
     */
    public record About(String settings, boolean trained, List<String> clipping, String sweepActivation, List<String> notLearned) {
        public About {
            clipping = List.copyOf(clipping);
            notLearned = List.copyOf(notLearned);
        }

        /** Without warnings of models that did not learn. */
        public About(String settings, boolean trained, List<String> clipping, String sweepActivation) {
            this(settings, trained, clipping, sweepActivation, List.of());
        }

        /** This account with the given warnings of models that did not learn. */
        public About withNotLearned(List<String> warnings) {
            return new About(settings, trained, clipping, sweepActivation, warnings);
        }

        /** Without the sweep's activation (its chart's title names none). */
        public About(String settings, boolean trained, List<String> clipping) {
            this(settings, trained, clipping, null);
        }
    }

    private GradientReport() {
    }

    /** Writes all files into {@code dir} (created if needed). */
    public static ReportFiles write(Path dir, About about, List<GradientFlowRow> flow, List<SpectralSweep.Row> sweep,
                                    List<ClippingExperiment.Row> clipping) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> written = new ArrayList<>();
        AtomicFiles.writeString(dir.resolve(FLOW_CSV), csv(GradientFlowRow.CSV_HEADER, flow, GradientFlowRow::toCsvRow));
        AtomicFiles.writeString(dir.resolve(SWEEP_CSV), csv(SpectralSweep.Row.CSV_HEADER, sweep, SpectralSweep.Row::toCsvRow));
        AtomicFiles.writeString(dir.resolve(CLIPPING_CSV), csv(ClippingExperiment.Row.CSV_HEADER, clipping, ClippingExperiment.Row::toCsvRow));
        written.addAll(List.of(FLOW_CSV, SWEEP_CSV, CLIPPING_CSV));

        Map<String, List<Charts.Line>> lines = lines(flow, sweep, clipping);
        Map<String, XYChart> charts = charts(lines, about.sweepActivation());
        Map<String, Boolean> drawn = new LinkedHashMap<>();
        for (Map.Entry<String, XYChart> e : charts.entrySet()) {
            boolean has = Charts.hasData(e.getValue());
            drawn.put(e.getKey(), has);
            if (has) {
                Charts.writePng(e.getValue(), dir.resolve(e.getKey()));
                written.add(e.getKey());
            } else {
                LOG.warn("{} not written: no point a log axis can show", e.getKey());
            }
        }

        AtomicFiles.writeString(dir.resolve(INDEX_HTML), html(drawn, lines, about, flow, sweep));
        written.add(INDEX_HTML);
        LOG.info("gradient report written to {}", dir.toAbsolutePath());
        return new ReportFiles(dir, written);
    }

    private static <R> String csv(String header, List<R> rows, Function<R, String> line) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (R r : rows) {
            sb.append(line.apply(r)).append('\n');
        }
        return sb.toString();
    }

    private static <R> Map<String, List<R>> group(List<R> rows, Function<R, String> key) {
        Map<String, List<R>> m = new LinkedHashMap<>();
        for (R r : rows) {
            m.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    /**
     * The three charts, by PNG name: {@value #FLOW_PNG} (mean input-gradient norm against the distance to the last
     * step, one line per model), {@value #SWEEP_PNG} (norm of the Jacobian product over d steps, one line per
     * spectral radius) and {@value #CLIPPING_PNG} (minibatch loss per SGD step, with and without clipping). All
     * have a log y axis labelled at a few whole decades and whole-number x ticks; a chart none of whose points a log
     * axis can show has no series ({@link Charts#hasData}) and is not written.
     */
    public static Map<String, XYChart> charts(List<GradientFlowRow> flow, List<SpectralSweep.Row> sweep,
                                              List<ClippingExperiment.Row> clipping) {
        return charts(flow, sweep, clipping, null);
    }

    /** {@link #charts}, the sweep's title naming its activation (null: none named). */
    public static Map<String, XYChart> charts(List<GradientFlowRow> flow, List<SpectralSweep.Row> sweep,
                                              List<ClippingExperiment.Row> clipping, String sweepActivation) {
        return charts(lines(flow, sweep, clipping), sweepActivation);
    }

    /**
     * The lines of the three charts, by PNG name, as drawn (points a log axis cannot show left out, values above a cap at
     * it, the name saying how many of each): the charts and their alt texts are made from the same lines.
     */
    static Map<String, List<Charts.Line>> lines(List<GradientFlowRow> flow, List<SpectralSweep.Row> sweep,
                                                List<ClippingExperiment.Row> clipping) {
        Map<String, List<Charts.Line>> lines = new LinkedHashMap<>();
        // the geometric mean over the batch with a band from the lowest example to the highest, as compare draws its seeds
        lines.put(FLOW_PNG, lines(group(flow, GradientFlowRow::model), GradientFlowRow::distance, GradientFlowRow::geoMean,
                GradientFlowRow::min, GradientFlowRow::max, Double.POSITIVE_INFINITY));
        lines.put(SWEEP_PNG, lines(group(sweep, r -> "rho = " + r.spectralRadius()), SpectralSweep.Row::distance,
                SpectralSweep.Row::jacobianNorm, Double.POSITIVE_INFINITY));
        lines.put(CLIPPING_PNG, lines(withGuessing(group(clipping, r -> "clip " + r.clipLabel()), clipping), ClippingExperiment.Row::step,
                ClippingExperiment.Row::loss, CLIPPING_LOSS_CAP));
        return lines;
    }

    private static Map<String, XYChart> charts(Map<String, List<Charts.Line>> lines, String sweepActivation) {
        Map<String, XYChart> charts = new LinkedHashMap<>();
        charts.put(FLOW_PNG, chart("Gradient reaching each input step (loss at the last step; geometric mean over the batch, "
                        + "shaded: lowest to highest sequence)",
                "distance to the last step (T-1-t)", "||dLoss/dx_t||, geometric mean (log scale)", lines.get(FLOW_PNG)));
        charts.put(SWEEP_PNG, chart("Jacobian product vs spectral radius of W_h" + (sweepActivation == null ? "" : ", " + sweepActivation),
                "distance d", "||dh_T/dh_(T-d)||_2 (log scale)", lines.get(SWEEP_PNG)));
        XYChart clippingChart = chart("SGD on a long-lag task: with and without gradient clipping",
                "SGD step", "minibatch loss (log scale)", lines.get(CLIPPING_PNG));
        // a user's try: the page calls the guessing line "the dashed line", and the palette drew it solid; the clip settings'
        // lines have the palette's dashes too (the second one {9, 5}), so it is near-black, with longer dashes than any of
        // theirs, and without markers (the page says "the black dashed line")
        XYSeries guessing = clippingChart.getSeries(GUESSING);
        if (guessing != null) {
            guessing.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {16f, 6f}, 0f));
            guessing.setLineColor(GUESSING_INK);
            guessing.setMarkerColor(GUESSING_INK);
            guessing.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        }
        charts.put(CLIPPING_PNG, clippingChart);
        return charts;
    }

    /** The colour of the guessing line: near-black, as the comparison report's baseline. */
    static final java.awt.Color GUESSING_INK = new java.awt.Color(0x111111);

    /** The name of the clipping chart's line at the loss of guessing, drawn dashed. */
    static final String GUESSING = "guessing: ln 2";

    /** The clipping chart's lines and a flat line at the loss of guessing (ln 2) over the steps run (none without rows). */
    private static Map<String, List<ClippingExperiment.Row>> withGuessing(Map<String, List<ClippingExperiment.Row>> lines,
                                                                       List<ClippingExperiment.Row> rows) {
        int last = rows.stream().mapToInt(ClippingExperiment.Row::step).max().orElse(-1);
        if (last > 0 && rows.stream().anyMatch(r -> r.loss() > 0 && Double.isFinite(r.loss()))) { // beside a loss the chart draws
            double chance = Math.log(2);
            lines.put(GUESSING, List.of(new ClippingExperiment.Row(Double.NaN, 0, chance, Double.NaN),
                    new ClippingExperiment.Row(Double.NaN, last, chance, Double.NaN)));
        }
        return lines;
    }

    /**
     * The lines of a log-y chart: points that a log axis cannot show (zero, negative, NaN) are left out, values above
     * {@code cap} (including +Infinity) are drawn at the cap; the line's name (in the legend and the alt text) says how many
     * of each.
     */
    private static <R> List<Charts.Line> lines(Map<String, List<R>> series, ToDoubleFunction<R> x, ToDoubleFunction<R> y,
                                               double cap) {
        return lines(series, x, y, null, null, cap);
    }

    /** {@link #lines(Map, ToDoubleFunction, ToDoubleFunction, double)} with a band from {@code low} to {@code high} (null: none). */
    private static <R> List<Charts.Line> lines(Map<String, List<R>> series, ToDoubleFunction<R> x, ToDoubleFunction<R> y,
                                               ToDoubleFunction<R> low, ToDoubleFunction<R> high, double cap) {
        List<Charts.Line> lines = new ArrayList<>();
        for (Map.Entry<String, List<R>> e : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> lows = new ArrayList<>();
            List<Double> highs = new ArrayList<>();
            int capped = 0;
            int zeros = 0;
            for (R r : e.getValue()) {
                double v = y.applyAsDouble(r);
                if (v > cap) {
                    v = cap;
                    capped++;
                }
                if (v > 0 && Double.isFinite(v)) {
                    xs.add(x.applyAsDouble(r));
                    ys.add(v);
                    lows.add(low == null ? v : Math.min(cap, low.applyAsDouble(r)));
                    highs.add(high == null ? v : Math.min(cap, high.applyAsDouble(r)));
                } else if (v == 0) {
                    zeros++;
                }
            }
            int infinite = !Double.isInfinite(cap) ? 0 // a finite cap draws them at the cap
                    : (int) e.getValue().stream().filter(r -> y.applyAsDouble(r) == Double.POSITIVE_INFINITY).count();
            int otherDropped = e.getValue().size() - xs.size() - zeros - infinite;
            String name = e.getKey();
            if (capped > 0) {
                name += String.format(Locale.ROOT, " (%d above %.0e drawn at it)", capped, cap);
            }
            if (zeros > 0) {
                name += " (" + zeros + " at 0 not drawn)"; // e.g. a saturated network's loss: kept apart from a loss that broke
            }
            if (infinite > 0) {
                name += " (" + infinite + " beyond the double range not drawn)"; // the CSV's log10 columns have them
            }
            if (otherDropped > 0) {
                name += " (" + otherDropped + " NaN/negative not drawn)";
            }
            if (xs.isEmpty()) {
                LOG.warn("series '{}' has no point a log axis can show", e.getKey());
                continue;
            }
            // in the order of x (gradient-flow.csv lists the steps, so distance T-1 first): an alt text's first point is the
            // smallest distance
            Integer[] order = new Integer[xs.size()];
            java.util.Arrays.setAll(order, i -> i);
            java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(xs::get));
            double[] sortedX = java.util.Arrays.stream(order).mapToDouble(xs::get).toArray();
            double[] sortedY = java.util.Arrays.stream(order).mapToDouble(ys::get).toArray();
            lines.add(low == null ? Charts.Line.of(name, sortedX, sortedY) : Charts.Line.withRange(name, sortedX, sortedY,
                    java.util.Arrays.stream(order).mapToDouble(lows::get).toArray(),
                    java.util.Arrays.stream(order).mapToDouble(highs::get).toArray()));
        }
        return lines;
    }

    /**
     * A log-y line chart in the report style of {@link Charts}: each line its own colour, marker shape and dash
     * ({@link Palette}), as in the comparison report.
     */
    private static XYChart chart(String title, String xTitle, String yTitle, List<Charts.Line> lines) {
        return Charts.lines(title, xTitle, yTitle, true, Palette.of(lines.stream().map(Charts.Line::name).toList()), lines);
    }

    /**
     * A chart under its {@code <h3>} heading ({@link Html#figure}): the image with its alt text and a caption linking the CSV
     * that holds its numbers; or, when it was not drawn, the heading and a sentence saying so with the same link.
     */
    private static String figure(Map<String, Boolean> drawn, String heading, String png, String alt, String caption, String csv) {
        if (drawn.getOrDefault(png, false)) {
            return Html.figure(heading, png, alt, caption, csv);
        }
        return "<h3>" + Html.escape(heading) + "</h3>\n<p><em>No chart: none of its values can be shown on a log axis (all zero, "
                + "negative or not a number); <a href=\"" + Html.escape(csv) + "\">" + Html.escape(csv) + "</a> has them.</em></p>\n";
    }

    /**
     * What the measured lines did, in words: per model, the decades the gradient fell (or rose) from distance 0 to the
     * farthest step, so the page's reading follows this run's data rather than what gated cells usually do.
     */
    static String flowFindings(List<GradientFlowRow> flow, boolean trained) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<GradientFlowRow>> e : group(flow, GradientFlowRow::model).entrySet()) {
            List<GradientFlowRow> rows = e.getValue();
            int maxD = rows.stream().mapToInt(GradientFlowRow::distance).max().orElse(0);
            double first = at(rows, 0);
            double last = at(rows, maxD);
            String change;
            if (!(first > 0) || !Double.isFinite(first) || !Double.isFinite(last)) {
                change = "has no finite gradient at distance 0 or " + maxD;
            } else if (last == 0) {
                change = "falls to 0 (below the float range) by distance " + maxD;
            } else {
                double decades = Math.log10(first / last);
                change = String.format(Locale.ROOT, "%s %.1f decades from distance 0 to %d", decades >= 0 ? "falls" : "rises",
                        Math.abs(decades), maxD);
            }
            parts.add("<strong>" + Html.escape(e.getKey()) + "</strong> " + change);
        }
        String hand = flow.stream().anyMatch(r -> r.model().startsWith("vanilla-bptt-")) ? " <strong>vanilla-bptt-H</strong> is "
                + "rnnlab's hand-written vanilla RNN (package <code>core.bptt</code>: tanh, W_h drawn from N(0, 1/H), so its spectral "
                + "radius is near 1, backpropagation through time written by hand), beside the framework's rnn-H, which has the same "
                + "equations in DL4J with its own initialisation." + (trained ? " With <code>--trained</code> it took the same "
                + "minibatches by plain SGD at rate " + GradientStudy.VANILLA_RATE + " with its gradient clipped to norm 1, while the "
                + "framework models trained with their own updater (Adam) unclipped: its curve shows the mechanism, not a like-for-like "
                + "training comparison." : "") : "";
        // a user's try: untrained, the GRU fell 9.7 decades and the RNN 8.7 while the page said gated cells keep the line
        // flatter, and offered --trained, whose 50 minibatches taught no model the default task (measured with seed 42, H 32,
        // batch 32: at --steps 64 none of rnn, lstm, gru learned within 10000 minibatches at Adam's 1e-3, nor within 1000 at
        // 1e-2; at --steps 32, 1000 minibatches taught the LSTM only: it fell 1.6 decades (2.1 untrained) and rose again at
        // the deciding steps, the RNN and GRU 4.0 and 4.7 (4.4 and 4.9 untrained); at --steps 16, 1000 taught all three, and
        // then all three lines rose towards the deciding first steps, the RNN's too)
        String untrained = trained ? "" : " These models are untrained (random initial weights): a gate gives the gradient an "
                + "additive path only where it is open, so an untrained GRU (update gates near 0.5) can fall as fast as the vanilla "
                + "RNN or faster, and an untrained LSTM falls less only as far as its forget-gate bias of 1 holds its cell state. "
                + "<code>--trained</code> trains every model first, but only a model that has learned the task shows what training "
                + "does to its line, and the page warns of each one that has not: on the default random task (the answer in the "
                + "first 3 of 64 steps) none of rnn, lstm and gru learned within 10000 minibatches; with <code>--trained --steps 32 "
                + "--train-steps 1000</code> (seed 42) only the LSTM learned, and its line fell 1.6 decades (2.1 untrained) and rose "
                + "again at the first steps, which decide the answer, while the RNN's and GRU's fell 4.0 and 4.7; at <code>--steps "
                + "16</code> all three learned, and all three lines rose towards the deciding steps, the RNN's as well.";
        return "In this run: " + String.join("; ", parts) + "." + hand + untrained;
    }

    /** The warnings of models that did not learn in their brief training, one paragraph each, or nothing. */
    private static String notLearned(List<String> warnings) {
        StringBuilder sb = new StringBuilder();
        for (String w : warnings) {
            sb.append("<p class=\"warning\"><strong>Warning:</strong> ").append(Html.escape(w)).append(".</p>\n");
        }
        return sb.toString();
    }

    /**
     * The page, for screen readers as the comparison report's ({@link Html}): an {@code <h2>} per study and an {@code <h3>}
     * per chart, alt texts that give each line's first, last and (where another) highest point
     * ({@link ComparisonReport#lineAlt}), figcaptions linking the CSV of each chart, and the gradient norms at a few
     * distances as a captioned table with column and row headers.
     */
    private static String html(Map<String, Boolean> drawn, Map<String, List<Charts.Line>> lines, About about, List<GradientFlowRow> flow,
                               List<SpectralSweep.Row> sweep) {
        String clipping = about.clipping().isEmpty() ? ""
                : "<p>In this run: " + Html.escape(String.join("; ", about.clipping())) + ".</p>\n";
        List<Charts.Line> lossLines = lines.get(CLIPPING_PNG).stream().filter(l -> !l.name().equals(GUESSING)).toList();
        boolean guessing = lines.get(CLIPPING_PNG).size() > lossLines.size();
        StringBuilder html = new StringBuilder(Html.head("rnnlab gradients: gradient flow through time"));
        html.append("<p>Settings: ").append(Html.escape(about.settings()))
                .append(" (all of them in <a href=\"config.json\">config.json</a>).</p>\n");

        html.append("\n<h2>How much gradient reaches each input step</h2>\n").append(notLearned(about.notLearned()));
        html.append(figure(drawn, "Gradient reaching each input step", FLOW_PNG, "Line chart, log scale, of the geometric mean over "
                + "the batch of the norm of the gradient of the last step's loss with respect to the input at each distance to the last "
                + "step, one line per model: " + ComparisonReport.lineAlt(lines.get(FLOW_PNG), "distance", true) + ".",
                "||dLoss/dx_t|| against the distance to the last step, one line per model (log scale): the geometric mean over the "
                        + "batch's sequences (the mean of their logarithms, as the comparison report averages its seeds; a sequence "
                        + "whose norm is exactly 0, an underflow, is left out of it, and grad_norm_min shows the 0), the shaded "
                        + "band from the lowest sequence's norm to the highest's. The CSV's grad_norm column is the arithmetic mean, "
                        + "which far from the last step is set by the few largest sequences; grad_norm_geomean, grad_norm_min and "
                        + "grad_norm_max are what is drawn.", FLOW_CSV));
        html.append("""
                <p>Each line is one model. The loss is read at the last step only, and the chart shows how large the
                gradient of that loss is with respect to the input at each earlier step, averaged over the batch (geometrically:
                norms that span decades would otherwise be drawn near the largest one), against
                the distance to the last step. A line that falls steeply (note the log scale) means the model hardly
                learns from inputs far back: that is the vanishing gradient of the vanilla RNN. Gated cells such as the
                LSTM and GRU give the gradient an additive path wherever their gates are open, which training can learn to do;
                untrained, or trained without learning the task, a gated cell's line need not be flatter than the RNN's
                (the next paragraph reads this run's lines).</p>
                """).append("<p>").append(flowFindings(flow, about.trained())).append("</p>\n").append(flowTable(flow));

        html.append("\n<h2>The recurrent matrix and the activation decide: vanishing below 1, exploding above</h2>\n");
        html.append(figure(drawn, "Jacobian product by spectral radius", SWEEP_PNG, "Line chart, log scale, of the norm of the product "
                + "of the step-to-step Jacobians over d steps, one line per spectral radius of the recurrent matrix: "
                + ComparisonReport.lineAlt(lines.get(SWEEP_PNG), "distance", true) + ".",
                "||dh_T/dh_(T-d)||_2 against the distance d, one line per spectral radius (log scale).", SWEEP_CSV));
        html.append("""
                <p>One random recurrent matrix is rescaled to several spectral radii (its largest eigenvalue size). Each
                line shows the size of the product of the step-to-step Jacobians, diag(f'(u)) W, over d steps. Below 1 it
                shrinks geometrically, roughly like radius<sup>d</sup>, so a straight falling line on the log scale. With
                a linear activation (f' = 1) it stays roughly level at 1 and grows as fast above 1. tanh and ReLU multiply
                every step by their derivative as well (at most 1; 0 for an inactive ReLU unit), so at 1 the product still
                shrinks, and above 1 saturation can hold the growth back or turn it into decay. The sweep's activation is
                in the settings above. The CSV also gives the theoretical upper bound (largest singular value to the power d).
                Values beyond the range of a double (below about 1e-323 or above 1.8e308) are left empty in the CSV's
                <code>jacobian_norm</code> and <code>bound</code> columns; their <code>log10_</code> columns hold them.
                Where the network's forward state itself overflows the double range (ReLU or linear units at a large radius),
                the CSV's <code>forward_overflow_step</code> column gives the step, and the Jacobian norms that could not be
                computed beyond it read NaN: that radius explodes, it does not vanish.</p>
                """).append("<p>").append(Html.escape(sweepFindings(sweep))).append("</p>\n");

        html.append("\n<h2>Gradient clipping keeps training stable</h2>\n");
        html.append(figure(drawn, "Training loss with and without clipping", CLIPPING_PNG, "Line chart, log scale, of the minibatch "
                + "loss at each SGD step, one line per clip setting"
                + (guessing ? String.format(Locale.ROOT, ", and a black dashed line at the loss of guessing, ln 2 = %.3f", Math.log(2)) : "")
                + ": " + ComparisonReport.lineAlt(lossLines, "step", true) + ".",
                "Minibatch loss per SGD step of the hand-written RNN, with and without gradient clipping (log scale)"
                        + (guessing ? "; the black dashed line is the loss of guessing, ln 2." : "."), CLIPPING_CSV));
        html.append("""
                <p>The hand-written RNN, here with ReLU units (with tanh the states are bounded and this setting does not
                explode reliably), is trained by plain gradient descent on a task where the answer is given by the
                first input of a long sequence, starting from a recurrent matrix with a large spectral radius, so that its
                forward state has already blown up before the first update (a first loss far above guessing's). Without
                clipping, the first huge gradients throw the weights so far that the loss usually becomes infinite or
                undefined within a few steps (the line stops there), or jumps around and ends higher than it started. With
                clipping, every step is limited in size, so the loss stays finite and comes down from that huge start,
                in most seeds below the loss of guessing (ln 2 = 0.69, the black dashed line) within the 200 steps. The outcome
                below says which: <em>stable, learned</em> (the last 10 steps' mean loss below guessing's), <em>stable, above
                chance</em> (calm but not learned), <em>erratic</em> (in the second half the loss still rose from one step to
                the next by more than guessing's loss: a saturated network jumping between about 0 and large values),
                <em>diverged</em> or <em>non-finite</em>.
                The experiment has its own network and task (the settings are in config.json,
                <code>clippingExperiment</code>): --hidden, --steps and --batch do not change it, --seed does (it seeds the
                experiment's weights and batches as it seeds the rest of the study).</p>
                """).append(clipping);
        return html.append(Html.tail()).toString();
    }

    /**
     * The gradient norms of {@link #terminalTable} as an HTML table: per model (row header), the geometric mean over the
     * batch at distance 0, a
     * quarter and half of the farthest distance and T-1 ("-" beyond a model's T-1), and the first over the last; nothing
     * without rows.
     */
    static String flowTable(List<GradientFlowRow> flow) {
        if (flow.isEmpty()) {
            return "";
        }
        int farthest = flow.stream().mapToInt(GradientFlowRow::distance).max().orElse(0);
        int quarter = farthest / 4;
        int half = farthest / 2;
        StringBuilder sb = new StringBuilder(Html.tableStart("Gradient norm ||dLoss/dx_t|| of each model at a few distances to "
                + "the last step (geometric mean over the batch)", List.of("model", "distance 0", "distance " + quarter, "distance " + half, "distance T-1",
                "distance 0 / distance T-1")));
        for (Map.Entry<String, List<GradientFlowRow>> e : group(flow, GradientFlowRow::model).entrySet()) {
            List<GradientFlowRow> rows = e.getValue();
            int maxD = rows.stream().mapToInt(GradientFlowRow::distance).max().orElse(0);
            double first = at(rows, 0);
            double last = at(rows, maxD);
            sb.append("<tr>").append(Html.row(e.getKey())).append("<td>").append(cell(first)).append("</td><td>")
                    .append(quarter <= maxD ? cell(at(rows, quarter)) : "-").append("</td><td>")
                    .append(half <= maxD ? cell(at(rows, half)) : "-").append("</td><td>").append(cell(last) + " (" + maxD + ")")
                    .append("</td><td>").append(cell(first / last)).append("</td></tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    private static String cell(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * What this run's sweep shows, from its data: per radius, the Jacobian product's size at the farthest distance and
     * whether it fell or grew from distance 0 (the page's general text cannot know the activation's effect at radius 1).
     */
    /** A norm given by its log10: {@code 0.0312} within a few decades of 1, else {@code 3.1e-5} or {@code 1e-398}. */
    static String log10Text(double log10) {
        if (Double.isInfinite(log10)) {
            return log10 < 0 ? "0" : "infinite";
        }
        if (Math.abs(log10) < 300) {
            return String.format(Locale.ROOT, "%.3g", Math.pow(10, log10));
        }
        double exponent = Math.floor(log10);
        return String.format(Locale.ROOT, "%.2ge%d", Math.pow(10, log10 - exponent), (long) exponent);
    }

    static String sweepFindings(List<SpectralSweep.Row> sweep) {
        Map<Double, List<SpectralSweep.Row>> byRadius = new java.util.TreeMap<>();
        sweep.forEach(r -> byRadius.computeIfAbsent(r.spectralRadius(), k -> new ArrayList<>()).add(r));
        List<String> parts = new ArrayList<>();
        byRadius.forEach((radius, rows) -> {
            SpectralSweep.Row first = rows.stream().min(java.util.Comparator.comparingInt(SpectralSweep.Row::distance)).orElseThrow();
            SpectralSweep.Row last = rows.stream().max(java.util.Comparator.comparingInt(SpectralSweep.Row::distance)).orElseThrow();
            String overflow = overflowText(last);
            // a user's try: ReLU at radius 50 over 400 steps overflowed the forward state, W_h times Infinity gave NaN, and
            // f'(NaN) = 0 made the product exactly 0 at every distance: the page said "0 at distance 399 (fell)"
            if (!overflow.isEmpty() && (Double.isNaN(last.log10JacobianNorm()) || Double.isNaN(first.log10JacobianNorm()))) {
                parts.add(String.format(Locale.ROOT, "radius %s: %s", org.rnnlab.core.ModelSpec.plain(radius), overflow));
                return;
            }
            if (last.distance() == first.distance() || Double.isNaN(first.log10JacobianNorm()) || Double.isNaN(last.log10JacobianNorm())) {
                return;
            }
            // in log10, which the sweep keeps beyond the double range (1e-398 and 1e398 at radii 0.01 and 100 over 200 steps,
            // where the norms themselves read 0 and Infinity)
            double log10Ratio = last.log10JacobianNorm() - first.log10JacobianNorm();
            String trend = Double.isNaN(log10Ratio) ? "not finite" : log10Ratio < -Math.log10(2) ? "fell" : log10Ratio > Math.log10(2) ? "grew"
                    : "stayed within a factor of 2";
            // beyond the double range the CSV's plain column is empty: say where the value is (a user's try: "1.7e381" beside
            // a jacobian_norm of Infinity)
            String beyond = SpectralSweep.Row.beyondDoubleRange(last.jacobianNorm(), last.log10JacobianNorm())
                    ? String.format(Locale.ROOT, ", beyond the double range: log10 %.1f in log10_jacobian_norm", last.log10JacobianNorm()) : "";
            parts.add(String.format(Locale.ROOT, "radius %s: %s at distance %d (%s%s)%s", org.rnnlab.core.ModelSpec.plain(radius),
                    log10Text(last.log10JacobianNorm()), last.distance(), trend, beyond, overflow.isEmpty() ? ""
                            : ", and the forward state overflowed the double range at step " + last.forwardOverflowStep()));
        });
        return parts.isEmpty() ? "" : "In this run: " + String.join("; ", parts) + ".";
    }

    /**
     * {@code the forward state overflowed the double range at step k: exploding} for a radius whose forward state left the
     * double range (its row says where; given its farthest row, the text also says when the Jacobian norms read NaN), else
     * empty.
     */
    static String overflowText(SpectralSweep.Row farthest) {
        return farthest.forwardOverflowed() ? "the forward state overflowed the double range at step " + farthest.forwardOverflowStep()
                + ": exploding" + (Double.isNaN(farthest.log10JacobianNorm()) ? " (the Jacobian product is not computable in "
                + "doubles from there on: NaN in " + SWEEP_CSV + ", not 0)" : "") : "";
    }

    /**
     * One terminal line per sweep radius whose forward state overflowed the double range, e.g. {@code spectral sweep, radius
     * 50: the forward state overflowed the double range at step 180: exploding (...)}; empty when none did.
     */
    public static String sweepOverflowLines(List<SpectralSweep.Row> sweep) {
        Map<Double, SpectralSweep.Row> byRadius = new java.util.TreeMap<>();
        sweep.forEach(r -> byRadius.merge(r.spectralRadius(), r, (a, b) -> b.distance() > a.distance() ? b : a));
        StringBuilder sb = new StringBuilder();
        byRadius.forEach((radius, row) -> {
            if (row.forwardOverflowed()) {
                sb.append("spectral sweep, radius ").append(org.rnnlab.core.ModelSpec.plain(radius)).append(": ")
                        .append(overflowText(row)).append(System.lineSeparator());
            }
        });
        return sb.toString();
    }

    /**
     * A short terminal table: per model, the gradient norm (geometric mean over the batch) at distance 0, a quarter and half of the farthest distance and
     * T-1 (distances beyond a model's T-1 are shown as "-") and the ratio of the first column to the last.
     */
    public static String terminalTable(List<GradientFlowRow> flow) {
        Map<String, List<GradientFlowRow>> byModel = group(flow, GradientFlowRow::model);
        int width = Math.max(5, byModel.keySet().stream().mapToInt(String::length).max().orElse(5));
        int farthest = flow.stream().mapToInt(GradientFlowRow::distance).max().orElse(0);
        int quarter = farthest / 4;
        int half = farthest / 2;
        StringBuilder sb = new StringBuilder("input-gradient norm ||dLoss/dx_t|| by distance d to the last step, geometric mean over "
                + "the batch (" + FLOW_CSV + ": also the arithmetic mean, lowest and highest):" + System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "%-" + width + "s %11s %11s %11s %11s %13s%n", "model", "d=0", "d=" + quarter, "d=" + half,
                "d=T-1", "d0/d(T-1)"));
        for (Map.Entry<String, List<GradientFlowRow>> e : byModel.entrySet()) {
            List<GradientFlowRow> rows = e.getValue();
            int maxD = rows.stream().mapToInt(GradientFlowRow::distance).max().orElse(0);
            double first = at(rows, 0);
            double last = at(rows, maxD);
            sb.append(String.format(Locale.ROOT, "%-" + width + "s %11s %11s %11s %11s %13s%n", e.getKey(), fmt(first),
                    quarter <= maxD ? fmt(at(rows, quarter)) : "-", half <= maxD ? fmt(at(rows, half)) : "-", fmt(last) + "", fmt(first / last)));
        }
        return sb.toString();
    }

    private static double at(List<GradientFlowRow> rows, int d) {
        return rows.stream().filter(r -> r.distance() == d).mapToDouble(GradientFlowRow::geoMean).findFirst().orElse(Double.NaN);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3e", v);
    }
}

package org.rnnlab.evaluation.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.metrics.Metric;

/**
 * Writes a comparison's machine-readable results: {@code results.json} (the whole
 * {@link ComparisonResult}: per seed and aggregated) and {@code results.csv} (one row per
 * configuration and seed). Atomically, like every file rnnlab writes.
 */
public final class ComparisonFiles {
    /** Columns of {@code results.csv}. */
    public static final String CSV_HEADER = "configuration,architecture,clip,seed,accuracy,macro_f1,macro_precision,macro_recall,"
            + "best_epoch,train_seconds,samples_per_s,parameters,peak_rss_mb";

    private ComparisonFiles() {
    }

    /** Writes results.json and results.csv into {@code dir}. */
    public static void write(ComparisonResult result, Path dir) throws IOException {
        Json.writeFile(dir.resolve("results.json"), result);
        AtomicFiles.writeString(dir.resolve("results.csv"), csv(result));
    }

    /** The CSV text. */
    public static String csv(ComparisonResult result) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (RunResult r : result.runs()) {
            sb.append(quote(r.configuration())).append(',').append(r.architecture()).append(',').append(r.clip()).append(',')
                    .append(r.seed());
            for (Metric m : Metric.values()) {
                sb.append(',').append(fmt(r.test().metric(m)));
            }
            sb.append(',').append(r.bestEpoch()).append(',').append(fmt(r.trainSeconds())).append(',')
                    .append(fmt(r.samplesPerSecond())).append(',').append(r.parameters()).append(',').append(r.peakRssMb())
                    .append('\n');
        }
        return sb.toString();
    }

    /** A terminal table: one row per configuration with mean +- sd over seeds. */
    public static String table(ComparisonResult result) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-26s %5s %17s %17s %10s %10s %9s%n", "configuration", "seeds", "test accuracy",
                "macro-F1", "train s", "smp/s", "params"));
        for (Aggregate a : result.aggregates()) {
            sb.append(String.format(Locale.ROOT, "%-26s %5d %8.4f +- %.4f %8.4f +- %.4f %10.1f %10.0f %9d%n", a.configuration(),
                    a.seeds(), a.metrics().get(Metric.ACCURACY).mean(), a.metrics().get(Metric.ACCURACY).sd(),
                    a.metrics().get(Metric.MACRO_F1).mean(), a.metrics().get(Metric.MACRO_F1).sd(), a.trainSeconds().mean(),
                    a.samplesPerSecond().mean(), a.parameters()));
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.toString(v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import java.util.List;

/**
 * The pandas code a rate warning prints for the folder layout, where each sequence is a file of its own: a loop over the
 * folder's sequence files (its labels file left out) that resamples each file's rows to one row every given step and writes
 * the file back, as {@link PandasResample} does per sequence of a long-layout file (bins from the file's first time, the
 * mean of measurements, the first value of 0/1 and text columns; a time column of numbers read as seconds only to
 * resample, whatever its unit). The long layout's sketch, {@code df.set_index(time).groupby(id).resample(...).mean()}, was
 * printed for a folder before: a folder has no id column, and {@code time} and {@code ...} were placeholders, so a
 * process engineer had to write the per-file loop (trial 76f F12).
 *
 * @param folder  the folder of sequence files, as given
 * @param labels  its labels file (left out of the loop), or null
 * @param time    the time column's header name
 * @param numbers whether the time column holds numbers (else date-times)
 * @param rules   the files' columns' values as read, whose rules the code names ({@link ResampleRules}: a counter's last
 *                value, an event flag's max, an angle's circular mean; trial 77c F4, F7), or null: chosen at run time
 */
record FolderResample(Path folder, Path labels, String time, boolean numbers, ResampleRules rules) {

    /** The loop for one row every {@code step} (the time column's units; seconds for date-times). */
    String code(double step) {
        String rule = "pd.Timedelta(seconds=" + java.math.BigDecimal.valueOf(TimeStep.rounded(step, !numbers)).stripTrailingZeros()
                .toPlainString() + ")";
        String t = py(time);
        List<ResampleRules.Choice> choices = rules == null ? null : rules.choices();
        // the columns named where the folder's files all have them; else only those of each file
        String how = choices == null ? "num = df.select_dtypes(\"number\").columns; how = {c: \"mean\" if c in num and not "
                + "df[c].dropna().isin([0, 1]).all() else \"first\" for c in df.columns}"
                : ResampleRules.how(choices, null) + (rules.everywhere() ? "" : "; how = {c: r for c, r in how.items() if c in df}");
        String resampled = (choices == null ? "" : ResampleRules.before(choices)) + how + "; df = df.resample(" + rule
                + ", origin=\"start\").agg(how).reset_index()" + (choices == null ? "" : ResampleRules.after(choices)) + "; ";
        String body = numbers
                ? "df = pd.read_csv(f); t0 = df[" + t + "].min(); df[" + t + "] = pd.to_timedelta(df[" + t + "] - t0, unit='s'); "
                + "df = df.set_index(" + t + "); " + resampled + "df[" + t + "] = t0 + df[" + t + "].dt.total_seconds(); "
                : "df = pd.read_csv(f); df[" + t + "] = pd.to_datetime(df[" + t + "], utc=True); df = df.set_index(" + t + "); "
                + resampled;
        return "import pandas as pd, " + (choices != null && ResampleRules.numpy(choices) ? "numpy as np, " : "")
                + "pathlib, then: for f in " + files() + ": " + body + "df.to_csv(f, index=False)"
                + " (each file rewritten in place: keep a copy of the folder"
                + (numbers ? "; the numbers are read as seconds only to resample, so any unit works" : "")
                + (choices == null ? "" : "; " + ResampleRules.words(choices, false)) + ")";
    }

    /**
     * The code that fills in, within one file, the rows with empty cells that resampling to a finer step than the file's
     * writes: measurements interpolated, 0/1 and text columns from the row before (or after, at the start); run in the loop
     * before {@code df.to_csv}.
     */
    String interpolate() {
        if (rules != null && rules.everywhere() && !rules.choices().isEmpty()) { // each column by its rule (trial 77c F7)
            List<ResampleRules.Choice> choices = rules.choices();
            return "in the loop before df.to_csv: " + ResampleRules.fill(choices, null, "[" + py(time) + "]") + " ("
                    + ResampleRules.words(choices, true) + ")";
        }
        return "in the loop before df.to_csv: num = [c for c in df.select_dtypes(\"number\").columns if c != " + py(time)
                + " and not df[c].dropna().isin([0, 1]).all()]; df[num] = df[num].interpolate(limit_direction=\"both\"); "
                + "rest = [c for c in df.columns if c != " + py(time) + " and c not in num]; df[rest] = df[rest].ffill().bfill()";
    }

    /**
     * The folder's {@code .csv} files, sub-folders' too, its labels file and empty files left out (pandas refuses an empty
     * file, which stopped the loop halfway through a trial's folder), as a Python expression.
     */
    private String files() {
        return "[p for p in sorted(pathlib.Path(" + py(folder.toString()) + ").glob(\"**/*.csv\")) if p.read_text().strip()"
                + (labels == null ? "" : " and p.resolve() != pathlib.Path(" + py(labels.toString()) + ").resolve()") + "]";
    }

    /** A name or path as a Python string literal. */
    private static String py(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

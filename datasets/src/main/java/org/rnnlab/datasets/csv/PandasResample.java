package org.rnnlab.datasets.csv;

import java.util.List;

/**
 * The pandas code a rate warning prints to resample a long-layout file to one row every given step, for the columns as
 * rnnlab read them: it runs on the file as {@code df = pd.read_csv(...)} and keeps the sequence id, label, group and split
 * columns (the grouping keys), averaging the numeric columns within each step. Columns of 0s and 1s (one-hot groups,
 * flags) and text columns (a depot's name kept for {@code --keep-columns}) take each step's first value, and an
 * upsampling's empty rows are filled in with the row before (or after) in them, not interpolated: a trial's code averaged
 * and interpolated a one-hot group into 0.5/0.5 rows, which the next run blamed on a missing category, and
 * {@code mean(numeric_only=True)} dropped the text column that run's {@code --keep-columns} then asked for (trial 74d F8).
 * Each column's rule is chosen from the values rnnlab read ({@link ResampleRules}) and named in the code ({@code how =
 * {"speed": "mean", "stop_count": "last", "harsh_brake": "max", ...}}), with the reasons in words after it: a counter takes
 * the last value, an event flag the max, an angle the circular mean (trial 77c F4, F7: the code chose by 0/1 or not at run
 * time, and averaged a heading across north, a running count into fractions, and lost 2/3 of the brake events). Without
 * the values ({@code rules} null), the code chooses so at run time ({@code df[c].dropna().isin([0, 1]).all()}).
 *
 * <p>A time column of numbers has a unit rnnlab does not know (epoch microseconds, seconds, sample counts): each
 * sequence's times, less its first, are read as seconds only to resample (pandas resamples a time index, not numbers),
 * and written back in the column's own units, so the code works whatever the unit. Date-times are read as instants. A
 * trial's {@code df.set_index(time).groupby(id).resample(...).mean()} failed on epoch-microsecond integers and dropped
 * the label and substation columns (trial 72b F2).
 *
 * @param id       the sequence-id column's header name
 * @param time     the time column's header name
 * @param keys     the other columns to keep, one value per sequence (label, group, split)
 * @param numbers  whether the time column holds numbers (else date-times)
 * @param rules    the columns' values as read, whose rules the code names ({@link ResampleRules}), or null
 */
record PandasResample(String id, String time, List<String> keys, boolean numbers, ResampleRules rules) {

    /** The code for one row every {@code step} (the time column's units; seconds for date-times). */
    String code(double step) {
        StringBuilder by = new StringBuilder("[").append(py(id));
        keys.forEach(k -> by.append(", ").append(py(k)));
        by.append("]");
        // a Timedelta, not a string: pandas' rules take whole numbers only ("312.5s" is refused)
        // the step as the times were written (0.04, not the stored 0.0399999619 whose bins drift off the grid: trial 73c F5)
        String rule = "pd.Timedelta(seconds=" + java.math.BigDecimal.valueOf(TimeStep.rounded(step, !numbers)).stripTrailingZeros()
                .toPlainString() + ")";
        // origin="start": each sequence's bins start at its first time (pandas' default, the day's start, puts them off it)
        // the mean for measurements; the first value for 0/1 columns and text, which a mean would make fractions of or drop
        // each column's rule named, from its values (trial 77c F4), else chosen at run time
        List<ResampleRules.Choice> choices = rules == null ? null : rules.choices();
        String how = choices == null ? "num = df.select_dtypes(\"number\").columns; how = {c: \"mean\" if c in num and not "
                + "df[c].dropna().isin([0, 1]).all() else \"first\" for c in df.columns if c not in " + by + "}"
                : ResampleRules.how(choices, by.toString());
        String resampled = "; " + (choices == null ? "" : ResampleRules.before(choices)) + how + "; df = df.groupby(" + by
                + ", dropna=False, sort=False).resample(" + rule + ", origin=\"start\").agg(how).reset_index()"
                + (choices == null ? "" : ResampleRules.after(choices));
        String numpy = choices != null && ResampleRules.numpy(choices) ? "import numpy as np; " : "";
        String words = choices == null ? "" : "; " + ResampleRules.words(choices, false);
        if (!numbers) {
            return numpy + "df[" + py(time) + "] = pd.to_datetime(df[" + py(time) + "], utc=True); df = df.set_index(" + py(time)
                    + ")" + resampled + (words.isEmpty() ? "" : " (" + words.substring(2) + ")");
        }
        return numpy + "t0 = df.groupby(" + py(id) + ")[" + py(time) + "].min(); df[" + py(time) + "] = pd.to_timedelta(df["
                + py(time) + "] - df[" + py(id) + "].map(t0), unit='s'); df = df.set_index(" + py(time) + ")" + resampled + "; df["
                + py(time) + "] = df[" + py(id) + "].map(t0) + df[" + py(time) + "].dt.total_seconds() (the numbers are read "
                + "as seconds only to resample, so any unit works; a finer step than the data's leaves empty rows" + words + ")";
    }

    /**
     * The code that fills in, per sequence, the rows with empty cells that resampling to a finer step than the file's writes:
     * the measurements interpolated ({@code num = [c for c in df.select_dtypes("number").columns if c not in [keys] and not
     * df[c].dropna().isin([0, 1]).all()]; df[num] = df.groupby(id)[num].transform(lambda s: s.interpolate(limit_direction=
     * "both"))}), the 0/1 and text columns from the row before, or after at a sequence's start ({@code rest = [...];
     * df[rest] = df.groupby(id)[rest].ffill(); df[rest] = df.groupby(id)[rest].bfill()}), so that a one-hot group stays one 1
     * per row (trial 74d F8). With the columns' rules ({@link ResampleRules#fill}): the measurements listed, an angle
     * interpolated on its sine and cosine, an event flag's new rows 0, counters from the row before (trial 77c F7: a brake
     * copied into the new row after it was one brake read as two, a count interpolated to x.5, a heading from 44 to 359
     * filled in as 201.5).
     */
    String interpolate() {
        StringBuilder by = new StringBuilder("[").append(py(id)).append(", ").append(py(time));
        keys.forEach(k -> by.append(", ").append(py(k)));
        by.append("]");
        if (rules != null) { // each column as its rule says (trial 77c F7)
            List<ResampleRules.Choice> choices = rules.choices();
            return ResampleRules.fill(choices, id, by.toString()) + " (" + ResampleRules.words(choices, true) + ")";
        }
        return "num = [c for c in df.select_dtypes(\"number\").columns if c not in " + by + " and not df[c].dropna().isin([0, 1])"
                + ".all()]; df[num] = df.groupby(" + py(id) + ")[num].transform(lambda s: s.interpolate(limit_direction=\"both\")); "
                + "rest = [c for c in df.columns if c not in " + by + " + num]; df[rest] = df.groupby(" + py(id) + ")[rest].ffill(); "
                + "df[rest] = df.groupby(" + py(id) + ")[rest].bfill()";
    }

    /** A column name as a Python string literal. */
    private static String py(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

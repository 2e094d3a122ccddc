package org.rnnlab.datasets.csv;

import java.util.List;
import java.util.Optional;

/**
 * The time since the row before as a feature, for the events finding of {@link TimeSpacing}: the model reads one row per
 * event and knows the time between events only through such a feature. Its pandas line is given where no feature holds
 * it, and a feature that does is named instead of the advice (a fleet trial was told to compute one, with no code, and
 * was told so again once its {@code dt} column was a feature, trial 77c F9).
 *
 * <p>A feature holds it when, in every sequence read, each row's value after the first is the time from the row before
 * (in the time column's units, seconds for date-times), within a ten-thousandth: the first row's value (0, or missing) is
 * not judged, as {@code diff()} leaves nothing there.
 */
final class TimeSinceBefore {

    /** How far, relative to the step, a feature's value may be from it (a float holds 7 digits). */
    private static final double TOLERANCE = 1e-4;

    private final String id;
    private final String time;
    private final List<String> features;
    /** For each feature, whether it was the step in every row judged so far; null before the first sequence with a step. */
    private boolean[] holds;

    /**
     * @param id       the sequence id column's name, null for the folder layout (one sequence per file)
     * @param time     the time column's name
     * @param features the features' names, in the order of the values {@link #add} is given
     */
    TimeSinceBefore(String id, String time, List<String> features) {
        this.id = id;
        this.time = time;
        this.features = List.copyOf(features);
    }

    /** One sequence's times (in order, seconds for date-times) and its feature values as read (NaN: missing), row by row. */
    void add(double[] times, float[][] values) {
        if (values == null || values.length != times.length || times.length < 2) {
            return;
        }
        if (holds == null) {
            holds = new boolean[features.size()];
            java.util.Arrays.fill(holds, true);
        }
        for (int f = 0; f < holds.length; f++) {
            for (int t = 1; t < times.length && holds[f]; t++) {
                double step = times[t] - times[t - 1];
                float v = f < values[t].length ? values[t][f] : Float.NaN;
                holds[f] = !Float.isNaN(v) && Math.abs(v - step) <= TOLERANCE * Math.abs(step) + 1e-9;
            }
        }
    }

    /** The first feature that holds the time since the row before in every sequence, if any. */
    Optional<String> feature() {
        if (holds == null) {
            return Optional.empty();
        }
        for (int f = 0; f < holds.length; f++) {
            if (holds[f]) {
                return Optional.of(features.get(f));
            }
        }
        return Optional.empty();
    }

    /**
     * The pandas line that computes it, e.g. {@code df["dt"] = df.groupby("trip_id")["ts"].diff().fillna(0)} (date-times:
     * their difference in seconds), in each file for the folder layout; named {@code dt} unless a feature is so named.
     */
    String code(boolean dateTimes) {
        String name = "dt";
        while (features.contains(name) || name.equals(time) || name.equals(id)) {
            name = name + "_before";
        }
        String column = "df[" + py(time) + "]";
        String diff = dateTimes ? "pd.to_datetime(" + column + ", utc=True)" + (id == null ? "" : ".groupby(df[" + py(id) + "])")
                + ".diff().dt.total_seconds()" : id == null ? column + ".diff()" : "df.groupby(" + py(id) + ")[" + py(time)
                + "].diff()";
        return "df[" + py(name) + "] = " + diff + ".fillna(0)" + (id == null ? " in each sequence file" : "");
    }

    /** A column name as a Python string literal. */
    private static String py(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

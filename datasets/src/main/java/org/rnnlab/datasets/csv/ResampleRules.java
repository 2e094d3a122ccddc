package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the pandas code of a rate warning ({@link PandasResample}, {@link FolderResample}) resamples each column, chosen from
 * the values rnnlab read and named column by column in that code, with the reason in words so that the user checks them.
 * The code chose from the column's values at run time before, the mean for every number other than 0 and 1 and the first
 * value for 0/1 and text, and a fleet trial's code averaged a heading across north (the mean of 359 and 44 is 201.5, south,
 * where the circular mean is 21.5), averaged a running count of stops into 1.333, and took the first value of a harsh-brake
 * flag, losing 2/3 of the brakes; its upsampling copied each brake into the new row after it and made the count x.5
 * (trial 77c F4, F7). The rules:
 * <ul>
 *   <li>{@link Rule#MEAN}: measurements: the mean within a step, interpolated into an upsampling's new rows;</li>
 *   <li>{@link Rule#FIRST}: text, one-hot groups (the model's, or the file's by {@link OneHotGroup}'s rule) and other 0/1
 *       columns whose 1s last for runs of rows (states): the first value, the row before's in new rows;</li>
 *   <li>{@link Rule#MAX}: an event flag, a 0/1 column whose 1s are single rows ({@value #SINGLE_SHARE} of its runs of 1s or
 *       more, and {@value #MIN_EVENTS} runs or more): the max (any 1 within the step), and 0 in new rows (no event);</li>
 *   <li>{@link Rule#LAST}: a counter ({@link RunningCount}'s rule, which the clipped-sensor warning uses too), whole
 *       numbers that never fall within any sequence, rising somewhere and staying somewhere (a clock or a row number rises
 *       at every row, and is interpolated), its largest no ADC's full scale (a ramp held at 4095 is a clipped measurement):
 *       the last value, the row before's in new rows;</li>
 *   <li>{@link Rule#ANGLE}: an angle in degrees, a column named like one ({@link #ANGLE_NAMES}) whose values lie within
 *       0..360 or -180..180 and reach beyond 2&pi; (values within &plusmn;2&pi; could be radians): the circular mean
 *       (atan2 of the mean sine and cosine, averaged as columns of their own: {@link #before}, {@link #after}) and
 *       interpolation of sine and cosine, back in the column's own range.</li>
 * </ul>
 * Values are added sequence by sequence as written (before missing values are filled); a missing cell ends a run of 1s.
 */
final class ResampleRules {

    /** How a column is resampled. */
    enum Rule {
        MEAN, FIRST, MAX, LAST, ANGLE
    }

    /** Share of an event flag's runs of 1s that are single rows, at least. */
    static final double SINGLE_SHARE = 0.9;
    /** Runs of 1s an event flag has at least (fewer tell events from states by chance). */
    static final int MIN_EVENTS = 3;
    /** Words in a column's name (lower case, letters only) that, with its range, make it an angle. */
    static final List<String> ANGLE_NAMES = List.of("heading", "bearing", "course", "direction", "azimuth", "yaw", "winddir");
    /** Columns of one rule named in words at most (then how many more). */
    private static final int NAMED = 6;
    /** Measurement columns listed in the code at most; with more, the code takes the mean for every column not named. */
    static final int LISTED = 12;

    /** One column's rule, and why in words; {@code from180}: an angle written from -180 to 180 (else 0 to 360). */
    record Choice(String column, Rule rule, String why, boolean from180) {
    }

    private final List<String> features;
    /** The model's one-hot groups' columns, with the group as {@code road_*}. */
    private final Map<String, String> modelOneHot = new LinkedHashMap<>();
    private final OneHotGroup.Tally oneHot;
    private final Map<String, Tally> columns = new LinkedHashMap<>();
    private long sequences;

    /**
     * @param features    the feature columns' names, in the order of the values {@link #add(float[][])} receives
     * @param modelOneHot the model's one-hot groups (new data), else null: their columns keep the first value
     */
    ResampleRules(List<String> features, List<OneHotGroup> modelOneHot) {
        this.features = List.copyOf(features);
        if (modelOneHot != null) {
            modelOneHot.forEach(g -> g.features().stream().filter(f -> f < features.size())
                    .forEach(f -> this.modelOneHot.put(features.get(f), g.pattern())));
        }
        this.oneHot = new OneHotGroup.Tally(features);
        features.forEach(name -> columns.put(name, new Tally()));
    }

    /** One sequence's feature values ({@code [step][feature]}, as written; NaN: missing). */
    void add(float[][] values) {
        sequences++;
        oneHot.add(values);
        for (int f = 0; f < features.size(); f++) {
            Tally t = columns.get(features.get(f));
            t.start();
            for (float[] step : values) {
                t.add(f < step.length ? step[f] : Float.NaN);
            }
            t.end();
        }
    }

    /** One sequence's cells ({@code rows} of {@code table}) of a column that is not a feature ({@code column}). */
    void addCells(CsvTable table, List<Integer> rows, int column) {
        if (table.header().get(column).isBlank()) {
            return; // an unnamed column (pandas names it 'Unnamed: N')
        }
        Tally t = columns.computeIfAbsent(table.header().get(column), c -> new Tally());
        t.start();
        for (int r : rows) {
            String v;
            try {
                v = table.cell(r, column);
            } catch (IndexOutOfBoundsException shortRow) { // a row without the empty cells of unnamed last columns
                v = "";
            }
            if (t.text || MissingValues.isMissing(v)) {
                t.add(Double.NaN);
            } else if (CsvTable.isDecimal(v.trim())) {
                t.add(Double.parseDouble(v.trim()));
            } else {
                t.text = true;
            }
        }
        t.end();
    }

    /** Each column's rule, in the order first read. */
    List<Choice> choices() {
        Map<String, String> groups = new LinkedHashMap<>();
        oneHot.groups().forEach(g -> g.features().forEach(f -> groups.put(features.get(f), g.pattern())));
        List<Choice> out = new ArrayList<>();
        columns.forEach((name, t) -> out.add(choose(name, t, groups.get(name))));
        return out;
    }

    /** Whether every sequence (file) added had every column (a folder's files may differ). */
    boolean everywhere() {
        return columns.values().stream().allMatch(t -> t.sequences == sequences);
    }

    private Choice choose(String name, Tally t, String group) {
        if (t.text) {
            return new Choice(name, Rule.FIRST, "text", false);
        }
        if (modelOneHot.containsKey(name) || group != null) {
            return new Choice(name, Rule.FIRST, "one-hot group " + (group != null ? group : modelOneHot.get(name)), false);
        }
        if (t.values == 0) {
            return new Choice(name, Rule.MEAN, "measurements", false);
        }
        if (t.binary) {
            return t.runs >= MIN_EVENTS && t.single >= SINGLE_SHARE * t.runs
                    ? new Choice(name, Rule.MAX, "an event flag: " + t.single + " of its " + t.runs + " runs of 1s are single rows", false)
                    : new Choice(name, Rule.FIRST, "a 0/1 state: its 1s last for runs of rows", false);
        }
        String letters = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        boolean angleName = ANGLE_NAMES.stream().anyMatch(letters::contains);
        double reach = Math.max(Math.abs(t.min), Math.abs(t.max));
        if (angleName && reach > 2 * Math.PI && (t.min >= 0 && t.max <= 360 || t.min >= -180 && t.max <= 180)) {
            boolean from180 = t.min < 0;
            return new Choice(name, Rule.ANGLE, "an angle in degrees, by its name and its values from " + number(t.min) + " to "
                    + number(t.max) + ": the plain mean of " + (from180 ? "179 and -179 is 0, not 180" : "359 and 1 is 180, not 0"),
                    from180);
        }
        if (t.count.is()) {
            return new Choice(name, Rule.LAST, "a counter: whole numbers that never fall within a sequence", false);
        }
        return new Choice(name, Rule.MEAN, "measurements", false);
    }

    /**
     * The {@code how} dict's entries of a column: its name and aggregation; an angle's sine and cosine, each averaged (the
     * columns {@link #before} adds): a function of each bin's values ({@code agg(lambda s: ...)}) took 51 s instead of 6 s
     * on a trial's 21,960 rows.
     */
    static String agg(Choice c) {
        return switch (c.rule()) {
            case MEAN -> py(c.column()) + ": \"mean\"";
            case FIRST -> py(c.column()) + ": \"first\"";
            case MAX -> py(c.column()) + ": \"max\"";
            case LAST -> py(c.column()) + ": \"last\"";
            case ANGLE -> py(c.column() + "_sin") + ": \"mean\", " + py(c.column() + "_cos") + ": \"mean\"";
        };
    }

    /**
     * The {@code how} dict of the code: every column and its rule, or, with more than {@value #LISTED} measurements, the mean
     * for every column of the frame but {@code keys} (a Python list, or null: none) and the others named.
     */
    static String how(List<Choice> choices, String keys) {
        List<Choice> means = choices.stream().filter(c -> c.rule() == Rule.MEAN).toList();
        if (means.size() <= LISTED) {
            return "how = {" + choices.stream().map(ResampleRules::agg).collect(Collectors.joining(", ")) + "}";
        }
        List<Choice> others = choices.stream().filter(c -> c.rule() != Rule.MEAN).toList();
        return "how = {c: \"mean\" for c in df.columns" + (keys == null ? "" : " if c not in " + keys) + "}"
                + (others.isEmpty() ? "" : "; how.update({" + others.stream().map(ResampleRules::agg)
                .collect(Collectors.joining(", ")) + "})");
    }

    /** The code run before resampling: each angle's sine and cosine as columns of their own ({@link #agg}), or "". */
    static String before(List<Choice> choices) {
        return of(choices, Rule.ANGLE).stream().map(a -> "r = np.radians(df[" + py(a.column()) + "]); df[" + py(a.column() + "_sin")
                + "], df[" + py(a.column() + "_cos") + "] = np.sin(r), np.cos(r); ").collect(Collectors.joining());
    }

    /**
     * The code run after resampling: each angle from its averaged sine and cosine (the circular mean), in the column's own
     * range (0..360, or -180..180 as atan2 gives it), or "".
     */
    static String after(List<Choice> choices) {
        return of(choices, Rule.ANGLE).stream().map(a -> "; df[" + py(a.column()) + "] = np.degrees(np.arctan2(df.pop("
                + py(a.column() + "_sin") + "), df.pop(" + py(a.column() + "_cos") + ")))" + (a.from180() ? "" : " % 360"))
                .collect(Collectors.joining());
    }

    /** Whether the code needs numpy (an angle's rule). */
    static boolean numpy(List<Choice> choices) {
        return choices.stream().anyMatch(c -> c.rule() == Rule.ANGLE);
    }

    /**
     * The code that fills in an upsampling's empty rows, column by column: measurements interpolated, angles interpolated on
     * their sine and cosine, event flags 0, the rest from the row before (after, at the start); each sequence on its own
     * ({@code id}: the sequence id column of a long-layout file; null: a folder's file, one sequence); {@code keys} as for
     * {@link #how}, with the time column.
     */
    static String fill(List<Choice> choices, String id, String keys) {
        String interpolate = "interpolate(limit_direction=\"both\")";
        Function<String, String> series = x -> id == null ? x + "." + interpolate
                : x + ".groupby(df[" + py(id) + "]).transform(lambda s: s." + interpolate + ")";
        List<String> parts = new ArrayList<>();
        List<Choice> means = of(choices, Rule.MEAN);
        if (!means.isEmpty()) {
            List<String> named = choices.stream().filter(c -> c.rule() != Rule.MEAN).map(c -> py(c.column())).toList();
            String num = means.size() <= LISTED ? list(means) : "[c for c in df.columns if c not in " + keys + " + ["
                    + String.join(", ", named) + "]]";
            parts.add("num = " + num + "; df[num] = " + (id == null ? "df[num]." + interpolate
                    : "df.groupby(" + py(id) + ")[num].transform(lambda s: s." + interpolate + ")"));
        }
        for (Choice a : of(choices, Rule.ANGLE)) {
            parts.add("r = np.radians(df[" + py(a.column()) + "]); df[" + py(a.column()) + "] = np.degrees(np.arctan2("
                    + series.apply("np.sin(r)") + ", " + series.apply("np.cos(r)") + "))" + (a.from180() ? "" : " % 360"));
        }
        List<Choice> flags = of(choices, Rule.MAX);
        if (!flags.isEmpty()) {
            parts.add("flags = " + list(flags) + "; df[flags] = df[flags].fillna(0)");
        }
        List<Choice> rest = choices.stream().filter(c -> c.rule() == Rule.FIRST || c.rule() == Rule.LAST).toList();
        if (!rest.isEmpty()) {
            parts.add("rest = " + list(rest) + "; df[rest] = " + (id == null ? "df[rest].ffill().bfill()" : "df.groupby("
                    + py(id) + ")[rest].ffill(); df[rest] = df.groupby(" + py(id) + ")[rest].bfill()"));
        }
        return String.join("; ", parts);
    }

    /**
     * The rules in words, for the user to check: {@code speed, engine_temp: the mean (measurements); heading: the circular
     * mean ...}; {@code up}: as the fill code fills the new rows in.
     */
    static String words(List<Choice> choices, boolean up) {
        Map<String, List<String>> byWords = new LinkedHashMap<>();
        for (Choice c : choices) {
            byWords.computeIfAbsent(what(c, up) + " (" + c.why() + consequence(c, up) + ")", k -> new ArrayList<>()).add(c.column());
        }
        List<String> parts = new ArrayList<>();
        byWords.forEach((what, names) -> parts.add(String.join(", ", names.subList(0, Math.min(NAMED, names.size())))
                + (names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : "") + ": " + what));
        return (up ? "the new rows' values by column: " : "each column's rule, chosen from its values here: ")
                + String.join("; ", parts) + "; check them, and change a rule where it is wrong";
    }

    private static String what(Choice c, boolean up) {
        return switch (c.rule()) {
            case MEAN -> up ? "interpolated" : "the mean";
            case FIRST -> up ? "the row before's" : "the first value";
            case MAX -> up ? "0" : "the max, 1 if any row of the step has a 1";
            case LAST -> up ? "the row before's" : "the last value";
            case ANGLE -> up ? "interpolated on its sine and cosine" : "the circular mean, from its sine and cosine";
        };
    }

    private static String consequence(Choice c, boolean up) {
        return switch (c.rule()) {
            case MAX -> up ? "; a copy of the row before would count one event twice" : "; the first value would lose each 1 not "
                    + "first in its step";
            case LAST -> up ? "; interpolation makes fractions of them" : "; a mean makes fractions of them";
            default -> "";
        };
    }

    private static List<Choice> of(List<Choice> choices, Rule rule) {
        return choices.stream().filter(c -> c.rule() == rule).toList();
    }

    private static String list(List<Choice> choices) {
        return "[" + choices.stream().map(c -> py(c.column())).collect(Collectors.joining(", ")) + "]";
    }

    private static String number(double v) {
        return new java.math.BigDecimal(Float.toString((float) v)).stripTrailingZeros().toPlainString(); // as written
    }

    /** A name as a Python string literal. */
    static String py(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** One column's values across the sequences added. */
    private static final class Tally {
        private long sequences;
        private boolean text;
        private long values;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private boolean binary = true;
        /** Whether the column is a running count, judged on its values as written. */
        private final RunningCount count = new RunningCount(true);
        /** Runs of 1s, and those of one row. */
        private long runs;
        private long single;
        private int run;

        private void start() {
            sequences++;
            count.start();
            run = 0;
        }

        private void add(double v) {
            if (Double.isNaN(v)) {
                endRun();
                return;
            }
            values++;
            min = Math.min(min, v);
            max = Math.max(max, v);
            binary &= v == 0 || v == 1;
            count.add(v);
            if (v == 1) {
                run++;
            } else {
                endRun();
            }
        }

        private void end() {
            endRun();
        }

        private void endRun() {
            if (run > 0) {
                runs++;
                single += run == 1 ? 1 : 0;
            }
            run = 0;
        }
    }
}

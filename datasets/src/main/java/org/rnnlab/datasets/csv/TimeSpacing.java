package org.rnnlab.datasets.csv;

import org.rnnlab.datasets.LabelCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The spacing of a file's time column: a recurrent model reads one row per step, whatever the time between rows, so a
 * sequence sampled at another rate than the rest (a station reporting every 2 hours among hourly ones) or with rows
 * missing (a gap of 3 hours in hourly data) is read as if its steps were the others' (a trial: both trained without a
 * word, and only "shorter than any the model was trained on" hinted at it later).
 *
 * <p>Each sequence of 3 or more rows contributes the median of its steps (the time from one row to the next); a sequence
 * whose median step is more than 10% from the median of those medians is sampled at another rate, and a step over
 * 1.5 times a sequence's own median is a gap. Sequences at another rate are warned of with a count and an example (in new
 * data for a model trained at one step, at another rate than the model's: trial 74a F4). Gaps
 * are absent rows, warned of (and so kept in a run's data-warnings.txt) with how many rows are absent from how many
 * sequences, the largest gap and the fix, when more than 5% of the sequences have one (a sensor's rare dropped sample is
 * not worth a warning on every run). Gaps of a calendar are not missing rows: gaps in half the sequences or more that
 * recur at the same positions ({@link RecurringGaps}: the same clock time or weekday, the same step of each sequence; weekends
 * in daily business data, nights in trading hours) are said as information, and the hour that local times without an
 * offset skip where daylight saving time starts, on the nights it starts ({@link DaylightSavingStarts}), is not a gap (a
 * review: business days and local hourly data were told to write missing rows). A gap of {@value #OUTAGE} usual steps or more that no calendar explains is an outage, named
 * wherever it is (a trial: hourly sensor data with 2% of their hours absent at random had nearly all their gaps of one
 * size, 2 h, which the earlier rule of one size took for a calendar, at INFO, and a 12-hour hole in one window of 48 steps
 * was never named).
 * Rows whose steps vary within most sequences (fewer than half of a sequence's steps within 25% of its median step: samples
 * with gaps or business days keep most steps at the usual one) are events (packets, trades): said once as information, with
 * no rate or gap judged and no usual step stored. Where the spacing is irregular throughout short of that (most sequences
 * off the usual step within one even spread of steps, or a quarter of them or more with no usual step: keystrokes, each
 * session typed at its own pace), the warnings say events first (keep them, give the time between events as a feature)
 * and long pauses are said as pauses, not as absent rows or outages (a keystroke trial was told to resample 822 of 1144
 * sessions and that a 60 s key hold was "an outage?").
 */
final class TimeSpacing {

    private static final Logger LOG = LoggerFactory.getLogger(CsvSequenceDataset.class);

    /** A gap of this many usual steps or more is named wherever it is, as an outage (a trial's 12 hours in hourly data). */
    static final int OUTAGE = 6;
    /** The advice for rows that are events, whose spacing no resampling should even out. */
    static final String EVENTS = "If the steps are events (keystrokes, clicks, transactions), irregular spacing is their nature: "
            + "keep them, and give the time between events as a feature (the time since the row before)";
    /** {@link #EVENTS} as the alternative to resampling. */
    static final String EVENTS_TOO = "if the steps are events (keystrokes, clicks, transactions), irregular spacing is their "
            + "nature: keep them, and give the time between events as a feature";
    /** How many gaps or sequences a message names. */
    private static final int SHOWN = 5;

    private final List<String> ids = new ArrayList<>();
    private final List<Double> medians = new ArrayList<>();
    /** Sequences of 3 or more rows, and those of them less than half of whose steps are within 25% of their median step. */
    private int judged;
    private int irregular;
    private int sequences;
    private int withGaps;
    /**
     * Every gap found in the sequences sampled at a rate, in the order read: where they fall tells a calendar from absent
     * rows ({@link RecurringGaps}). A sequence of events keeps none.
     */
    private final List<RecurringGaps.Gap> gaps = new ArrayList<>();
    /**
     * Gaps longer than all the rest of their sequence together and than {@link #REJOINED_STEPS} usual steps, in words: rather
     * two recordings under one id (a trip's id reused 15 days later, trial 71f) than an outage within one.
     */
    private final java.util.Map<RecurringGaps.Gap, String> rejoined = new java.util.LinkedHashMap<>();
    /** How many usual steps a gap spans at least to be called two recordings under one id (with {@link #rejoined}'s rule). */
    static final int REJOINED_STEPS = 100;
    /**
     * Steps of sequences sampled at a rate, and those of them shorter than three quarters of their sequence's usual step
     * (rows of two devices interleaved by an outer join: 10, 20 and 30 ms among 40 ms ones, trial 73c F4), with the
     * shortest and longest of those and the first place one is.
     */
    private long allSteps;
    private long shortSteps;
    private double shortest = Double.POSITIVE_INFINITY;
    private double longestShort;
    private String shortExample;
    /** The share of steps shorter than the usual one over which {@link #warn} says so. */
    static final double SHORT_SHARE = 0.05;
    /** The most usual steps a sequence spans. */
    private long longest;
    /**
     * The shortest and longest step between distinct times of any sequence judged: the range of events' steps, said
     * against a model trained at one step (trial 77c F8: pings 2-90 s apart read by a model of rows 30 s apart).
     */
    private double shortestStep = Double.POSITIVE_INFINITY;
    private double longestStep;
    private final boolean local;

    /** @param local whether the times are date-times without an offset (their clocks skip an hour in spring) */
    TimeSpacing(boolean local) {
        this.local = local;
    }

    /**
     * The pandas code that resamples the file to one row every given step (in the time column's units, seconds for
     * date-times), as {@link PandasResample} writes it for the file's columns; without one, a sketch.
     */
    private java.util.function.DoubleFunction<String> pandas = step -> "df.set_index(time).groupby(id).resample(...).mean()";

    /** Sets {@link #pandas}. */
    TimeSpacing withPandas(java.util.function.DoubleFunction<String> code) {
        this.pandas = code;
        return this;
    }

    /**
     * The code that fills in the empty rows an upsampling writes ({@link PandasResample#interpolate}), if known; worded when
     * said, once the columns' values are read (their rules: trial 77c F7).
     */
    private java.util.function.Supplier<String> fillCode;
    /** The model's --missing policy (new data), if known, and whether it fills empty cells in. */
    private String missing;
    private boolean fills;

    /** Sets {@link #pandas} and {@link #fillCode} from the file's columns. */
    TimeSpacing withPandas(PandasResample code) {
        this.fillCode = code::interpolate;
        return withPandas(code::code);
    }

    /** Sets {@link #pandas} and {@link #fillCode} to the folder layout's per-file loop. */
    TimeSpacing withPandas(FolderResample code) {
        this.fillCode = code::interpolate;
        return withPandas(code::code);
    }

    /** Each sequence's value of the group column, by id, and the column's name ({@link #withGroupColumn}), if any. */
    private final java.util.Map<String, String> groups = new java.util.HashMap<>();
    private String groupColumn;

    /**
     * Sets the group column's name: the sequences at another step are then said with the one group they share, if they do,
     * as the far-values warning says the value its sequences share ({@link SharedValue}; trial 74d F7: 200 sequences of a
     * depot every 20 s among 10 s were counted, never named as the depot).
     */
    TimeSpacing withGroupColumn(String name) {
        this.groupColumn = name;
        return this;
    }

    /** {@link #add(String, double[], long[])}, with the sequence's value of the group column ({@link #withGroupColumn}). */
    void add(String id, String group, double[] times, long[] lines) {
        if (group != null) {
            groups.put(id, group);
        }
        add(id, times, lines);
    }

    /** At most this many groups are named with their counts when the sequences named do not share one ({@link #sharedGroup}). */
    static final int GROUPS_NAMED = 3;

    /**
     * {@code ; all 5 are depot 'airport' (5 of its 10 sequences)} when the sequences {@code named} share one group; when they
     * are of 2 or 3 groups, each with its count ({@code ; 46 are group column chamber 'C' (every sequence of it), 1 'c'
     * (every sequence of it)}: a trial's one chamber at 10 Hz, 46 wafers written 'C' and one 'c', was said as "47 wafers"
     * only, trial 76f F5); else "".
     */
    private String sharedGroup(List<String> named) {
        if (groupColumn == null) {
            return "";
        }
        java.util.Optional<SharedValue> one = SharedValue.of(named, java.util.Map.of(groupColumn, groups), "sequence");
        if (one.isPresent()) {
            return "; " + one.get().describe();
        }
        java.util.Map<String, Long> counts = named.stream().map(groups::get).filter(g -> g != null && !g.isBlank())
                .collect(java.util.stream.Collectors.groupingBy(g -> g, java.util.LinkedHashMap::new,
                        java.util.stream.Collectors.counting()));
        long withGroup = counts.values().stream().mapToLong(Long::longValue).sum();
        if (counts.size() < 2 || counts.size() > GROUPS_NAMED || withGroup < named.size()
                || groups.values().stream().distinct().count() <= counts.size()) {
            return ""; // many groups, some without one, or every group of the column: no group to name
        }
        StringBuilder out = new StringBuilder();
        counts.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> {
            long of = groups.values().stream().filter(e.getKey()::equals).count();
            out.append(out.length() == 0 ? "; " + e.getValue() + " are " + groupColumn + " " : ", " + e.getValue() + " ")
                    .append(LabelCheck.quoted(e.getKey())).append(of == e.getValue() ? " (every sequence of it)"
                            : " (" + e.getValue() + " of its " + of + " sequences)");
        });
        return out.toString();
    }

    /** Which feature, if any, is the time since the row before, and the pandas line for it ({@link TimeSinceBefore}). */
    private TimeSinceBefore sinceBefore;

    /** Sets {@link #sinceBefore}: the events finding then gives its pandas line, or names the feature that holds it. */
    TimeSpacing withTimeSinceBefore(TimeSinceBefore judge) {
        this.sinceBefore = judge;
        return this;
    }

    /** One sequence's feature values (as read, NaN for missing) with its times, for {@link #sinceBefore}. */
    void values(double[] times, float[][] values) {
        if (sinceBefore != null) {
            sinceBefore.add(times, values);
        }
    }

    /** Sets the model's --missing policy, said when the resampling code writes empty rows. */
    TimeSpacing withMissing(String policy, boolean fillsIn) {
        this.missing = policy;
        this.fills = fillsIn;
        return this;
    }

    /**
     * {@link #pandas} to {@code step}, and when {@code step} is shorter than the file's ({@code measured}), what fills the rows
     * with empty cells the code then writes (a trial's upsampled file worked only because its model's --missing was
     * interpolate; one trained with the default error refuses it, trial 73c F5).
     */
    private String resampleCode(double step, double measured) {
        return resampleCode(step, measured, "these rows'");
    }

    /**
     * {@link #resampleCode(double, double)} for a file of several steps: {@code measured} the longest of the sequences to
     * resample, {@code whose} whose rows those are in words (a trial's mixed file, 2 min among 1 min, ran the code and was
     * refused for the empty rows it wrote, trial 74a F2).
     */
    private String resampleCode(double step, double measured, String whose) {
        String code = pandas.apply(step);
        if (!(step * 1.1 < measured)) {
            return code;
        }
        String fill = fillCode == null ? "interpolate each sequence's numeric columns" : fillCode.get();
        return code + "; the step is shorter than " + whose + ", so the code writes rows with empty cells between them"
                + (missing == null ? ": the model's --missing policy must fill them (interpolate or ffill), or fill them in first: "
                + fill : fills ? ", which the model's --missing policy (" + missing + ") fills in (or fill them in first: " + fill + ")"
                : ": the model's --missing policy (" + missing + ") does not fill them in, so fill them in first: " + fill);
    }

    /**
     * Each sequence's median step by id (those of 3 rows or more, as {@link #warn} judges them), for {@link SplitRates}: the
     * steps of the training split and of the splits carved from the same file.
     */
    java.util.Map<String, Double> medianSteps() {
        java.util.Map<String, Double> out = new java.util.HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            out.putIfAbsent(ids.get(i), medians.get(i));
        }
        return out;
    }

    /** The resampling code {@link #withPandas} set (or the sketch), for {@link SplitRates}'s hint. */
    java.util.function.DoubleFunction<String> pandas() {
        return pandas;
    }

    /** How many gaps are kept for {@link #warn}. */
    int gapsKept() {
        return gaps.size();
    }

    /**
     * One sequence's times, in seconds for date-times (numbers as written), increasing, with each row's line; the gaps of a
     * sequence of events (fewer than half its steps within 25% of its median step) are not kept, nor is it counted as one
     * with gaps.
     */
    void add(String id, double[] times, long[] lines) {
        sequences++;
        if (times.length < 3) {
            return;
        }
        double[] steps = new double[times.length - 1];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = times[i + 1] - times[i];
        }
        double median = median(steps);
        for (double x : steps) {
            if (x > 0) {
                shortestStep = Math.min(shortestStep, x);
                longestStep = Math.max(longestStep, x);
            }
        }
        // within a quarter of the usual step: a phone's jittery sampling stays a rate (a review), packets' gaps do not
        long usual = Arrays.stream(steps).filter(x -> Math.abs(x - median) <= 0.25 * median).count();
        boolean events = usual * 2 < steps.length;
        irregular += events ? 1 : 0;
        judged++;
        if (!(median > 0)) {
            return;
        }
        ids.add(id);
        medians.add(median);
        if (!events) {
            allSteps += steps.length;
            for (int i = 0; i < steps.length; i++) {
                if (steps[i] > 0 && steps[i] < 0.75 * median) {
                    shortSteps++;
                    shortest = Math.min(shortest, steps[i]);
                    longestShort = Math.max(longestShort, steps[i]);
                    if (shortExample == null) {
                        shortExample = LabelCheck.quoted(id) + " at line " + lines[i + 1];
                    }
                }
            }
        }
        longest = Math.max(longest, Math.round((times[times.length - 1] - times[0]) / median));
        if (events) {
            // its steps have no usual one for a gap to be absent rows from, and a file of such sequences judges no gap: none is
            // kept (a review: a 2M-row packet capture kept 707,132 gaps, 52 MB, that warn then ignored)
            return;
        }
        boolean gap = false;
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] > 1.5 * median && !springForward(times[i], steps[i], median)) {
                RecurringGaps.Gap g = new RecurringGaps.Gap(id, times[i], (times[i] - times[0]) / median, steps[i] / median, steps[i],
                        median, lines[i], lines[i + 1]);
                gaps.add(g);
                gap = true;
                double rest = times[times.length - 1] - times[0] - steps[i];
                if (steps[i] / median >= REJOINED_STEPS && steps[i] > rest && rejoined.size() < 10_000) {
                    rejoined.put(g, LabelCheck.quoted(id) + " between lines " + lines[i] + " and " + lines[i + 1] + " (" + (i + 1)
                            + " row(s) before it, " + (times.length - i - 1) + " after)");
                }
            }
        }
        withGaps += gap ? 1 : 0;
    }

    /**
     * Whether a step of a local date-time is the usual one plus the hour clocks skip where daylight saving time starts, on
     * one of the nights it starts under a rule in use ({@link DaylightSavingStarts}; a review: any such step at 01:00-02:59
     * on any day of five months was excused, and fell out of the absent-row count).
     */
    private boolean springForward(double from, double step, double usual) {
        return local && DaylightSavingStarts.skipped(from, step, usual);
    }

    /**
     * The sequences' median steps grouped into rates: sorted, a step more than 10% above the one before it starts a new
     * group (the 10% by which a sequence is "at another rate"), so an even spread of rates is one. Each rate as {median step of its sequences, sequences}, the most
     * common first (on a tie, the one holding the median of all, then the shorter step).
     */
    static List<double[]> rates(List<Double> medians) {
        double[] sorted = medians.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double all = median(sorted);
        List<double[]> groups = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= sorted.length; i++) {
            // a new rate where neighbours jump by more than 10% (1 ms against 2 ms); an even spread of devices' rates (46-53 Hz)
            // has no such jump and stays one rate (a review: cut at 10% above each group's first, it was binned at random)
            if (i == sorted.length || sorted[i] > 1.1 * sorted[i - 1]) {
                double[] members = Arrays.copyOfRange(sorted, start, i);
                groups.add(new double[] {median(members), members.length, members[0], members[members.length - 1]});
                start = i;
            }
        }
        groups.sort(java.util.Comparator.<double[]>comparingDouble(g -> -g[1])
                .thenComparing(g -> all >= g[2] && all <= g[3] ? 0 : 1).thenComparingDouble(g -> g[0]));
        return groups;
    }

    /** The median of {@code values}, NaN for none. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /**
     * Whether one sequence's times ({@code times}, in order, ties allowed) are events rather than samples at a rate: fewer
     * than half of its steps between distinct times within 25% of their median, as {@link #add} judges a sequence irregular;
     * false for fewer than 3 distinct times (nothing to judge).
     */
    static boolean events(double[] times) {
        double[] steps = positiveSteps(times);
        if (steps.length < 2) {
            return false;
        }
        double median = median(steps);
        long usual = Arrays.stream(steps).filter(x -> Math.abs(x - median) <= 0.25 * median).count();
        return usual * 2 < steps.length;
    }

    /** The factor between units of time that {@code ratio} (either way) is within 10% of, in words, if any. */
    private static java.util.Optional<String> timeUnit(double ratio) {
        return java.util.stream.Stream.of(1000.0, 60.0, 3600.0)
                .filter(f -> Math.abs(Math.log(Math.max(ratio, 1 / ratio) / f)) < Math.log(1.1)).findFirst()
                .map(f -> f == 1000.0 ? "a factor near 1000: milliseconds against seconds, or seconds against milliseconds"
                        : f == 60.0 ? "a factor near 60: minutes against seconds, or hours against minutes"
                        : "a factor near 3600: hours against seconds");
    }

    /**
     * Whether one sequence's times have {@code steps} distinct steps or more for {@link #events} to judge: a few random
     * gaps often look regular by chance (2 Poisson gaps a quarter of the time, 4 half the time: a review).
     */
    static boolean judgeable(double[] times, int steps) {
        return positiveSteps(times).length >= steps;
    }

    private static double[] positiveSteps(double[] times) {
        return java.util.stream.IntStream.range(1, times.length).mapToDouble(i -> times[i] - times[i - 1]).filter(x -> x > 0)
                .toArray();
    }

    /**
     * Logs what was found in {@code file}, and returns its usual step.
     *
     * @param column    the time column's name, for messages
     * @param dateTimes whether the times are date-times (steps said as durations) or numbers
     * @param trained   the model's training data's usual step (new data, or a validation or test file), or null (training
     *                  data, a model saved before steps were recorded): a file whose usual step is another than it is warned of
     * @return the usual step: the median step of the most common rate's sequences ({@link #rates}), or null when no sequence
     *         has 3 or more rows in increasing time
     */
    TimeStep warn(Path file, String column, boolean dateTimes, TimeStep trained) {
        return warn(file, column, dateTimes, trained, false, false);
    }

    /**
     * {@link #warn(Path, String, boolean, TimeStep)}, saying too, when the data are events and {@code interpolated} (the
     * {@code --missing interpolate} policy), that gaps are filled by row position, not by time. Events in the training file
     * ({@code trainingFile}) are a warning (kept in a run's data-warnings.txt: a clinical trial's "is the time between events used?" was answered only
     * by an INFO line), in other data information.
     */
    TimeStep warn(Path file, String column, boolean dateTimes, TimeStep trained, boolean trainingFile, boolean interpolated) {
        if (irregular * 2 > judged) {
            // events (packets, clicks, trades) rather than samples at a rate: no rate to compare, no gap to fill (a trial's
            // packet captures were told to resample 946 of 1076 flows and to write missing rows in 1021)
            LOG.atLevel(trainingFile ? org.slf4j.event.Level.WARN : org.slf4j.event.Level.INFO).log("csv {}: the steps of the "
                    + "time column {} vary within most sequences ({} of {}: fewer than half of their steps are within 25% of their "
                    + "usual one): events, not samples at a rate; the model reads one row per event {}{}",
                    file, column, irregular, judged, timeBetween(dateTimes), interpolated ? "; --missing interpolate fills a missing value on the straight "
                    + "line by row position (the rows between), not by these times: between an event 5 minutes and one 6 hours "
                    + "away it takes the middle value (--missing ffill carries the last value measured, or give the times as a "
                    + "feature)" : "");
            if (trained != null && !medians.isEmpty()) {
                warnEventsAgainst(file, column, dateTimes, trained);
            }
            return null;
        }
        if (medians.isEmpty()) {
            return null;
        }
        List<double[]> rates = rates(medians);
        // the usual step: the median of the most common rate's sequences (one that some sequences have), not the median of all
        // (a plant's file, half its parts at 1 ms and half at 2 ms, was said to be at 0.0015, which no part had)
        double overall = rates.get(0)[0];
        // several rates and none of most sequences, or a few at another: each kept with the model, so that a test file at one
        // of them is told so rather than to resample to the commonest (trial 72b F1)
        TimeStep measured = new TimeStep(overall, dateTimes, rates.size() < 2 ? null : rates.stream().limit(10)
                .map(r -> new TimeStep.Rate(r[0], (long) r[1])).toList(), !local); // offsets: kept for date-times only
        if (!rejoined.isEmpty()) {
            // not a calendar's gap (windows of trading minutes that span a night or a weekend)
            RecurringGaps cal = RecurringGaps.find(gaps, overall, dateTimes, longest);
            List<RecurringGaps.Gap> two = rejoined.keySet().stream().filter(g -> cal == null || !cal.holds(g)).toList();
            if (!two.isEmpty()) {
                LOG.warn("csv {}: {} sequence(s) have a gap in the time column {} longer than all the rest of the sequence "
                        + "together and over {} times its usual step: two recordings under one id? e.g. {}: {}; the model reads "
                        + "such a sequence as one, and gives one prediction for both recordings: if they are two, give each its "
                        + "own id", file, two.size(), column, REJOINED_STEPS, two.stream().limit(SHOWN).map(rejoined::get)
                        .collect(java.util.stream.Collectors.joining(", ")), gap(two.get(0), dateTimes));
            }
        }
        if (trained != null && trained.dateTimes() != measured.dateTimes()) {
            // date-times against numbers: the numbers' unit is unknown, so the rates are compared as if they were seconds, and
            // said so (a trial's 500 Hz date-times for a model of 250 Hz seconds were scored without a word)
            double ratio = overall / trained.value();
            String times = trimmed(String.format(Locale.ROOT, "%.3g", Math.max(ratio, 1 / ratio)));
            boolean same = ratio <= 1.1 && ratio >= 1 / 1.1;
            org.slf4j.event.Level level = same ? org.slf4j.event.Level.INFO : org.slf4j.event.Level.WARN;
            LOG.atLevel(level).log("csv {}: its time column {} holds {} (rows {} apart, the median step), where the model's training data's held "
                    + "{} ({} apart): the rates cannot be compared for sure; {}", file, column, measured.dateTimes() ? "date-times"
                    : "numbers", measured.describe(), trained.dateTimes() ? "date-times" : "numbers", trained.describe(),
                    same ? "read as seconds, the numbers give the same rate" : "if the numbers are seconds, each step here stands for "
                    + (ratio > 1 ? times + " times" : "1/" + times + " of") + " the time it did in training: then resample these data "
                    + "to one row every " + step(trained.value(), true) + " first" + timeUnit(ratio).map(u -> "; or are the numbers "
                    + "in another unit (" + u + ")? Then write them in seconds, or as date-times like the others").orElse(""));
        } else if (trained != null && !trained.rates().isEmpty() && !trained.sameRate(measured)
                && (rates.size() < 2 || trained.dateTimes() != dateTimes)) {
            // training itself at several steps: which of them this file is at, not "the" training step (trial 72b F1); a file
            // of several steps is judged sequence by sequence below
            java.util.Optional<TimeStep.Rate> match = trained.matching(measured);
            LOG.warn("csv {}: its rows are {} apart in the time column {} (the median step); the model's training data were at "
                    + "{} different steps ({}), and this file {}: the model reads one row per step, so a step meant another time "
                    + "in different training sequences; {}", file, measured.describe(), column, trained.rates().size(),
                    trained.describeRates(), match.map(r -> "matches the one of " + r.sequences() + " sequences, every "
                    + TimeSpacing.step(r.step(), trained.dateTimes())).orElse("matches none of them"), match.isPresent()
                    ? "a model trained on data resampled to one rate, and these data resampled to it, reads each step as one time"
                    : "resample these data to one of them first, best the one the model was trained on most (one row every "
                    + trained.describe() + "; pandas: " + resampleCode(trained.value(), overall) + ")");
        } else if (trained != null && !trained.sameRate(measured)) {
            double ratio = overall / trained.value();
            String times = trimmed(String.format(Locale.ROOT, "%.3g", Math.max(ratio, 1 / ratio)));
            // a factor between units of time (ms against s, min against s) is more likely another unit than a rate 1000 times
            // another (a trial's milliseconds, 0, 4, 8, were told to resample to one row every 0.004)
            java.util.Optional<String> unit = measured.dateTimes() ? java.util.Optional.empty() : timeUnit(ratio);
            LOG.warn("csv {}: its rows are {} apart in the time column {} (the median step), where the model's training data's "
                    + "were {} apart{}: the model reads one row per step, so each step here stands for {} the time it did in "
                    + "training: {}resample these data to one row every {} first (pandas: {})", file, measured.describe(), column,
                    trained.describe(), unit.map(u -> " (or is the time written in another unit here, " + u + "?)").orElse(""),
                    ratio > 1 ? times + " times" : "1/" + times + " of", unit.isPresent() ? "if it is another unit, write the time "
                    + "column in the training data's unit (the rate may then be the same); else " : "", trained.describe(),
                    resampleCode(trained.value(), overall));
        }
        // new data (or a held-out file) for a model trained at one step: each sequence judged against the model's step, not
        // the file's commonest (trial 74a F4: 3 of 4 stations at 2 min, the fourth at the model's 1 min, and the 1-min
        // sequences were told to resample to 2 min right after the file was told to resample to 1 min)
        boolean byModel = trained != null && trained.dateTimes() == dateTimes && trained.rates().isEmpty();
        // a file of several steps for a model trained at several: each sequence against the model's steps, not the file's
        // commonest (trial 76f F9: 10 wafers of a chamber at 0.1 s, a rate of 47 training wafers, were told to resample to
        // the folder's 0.2 s, which would have made them unlike the ones the model trained on)
        boolean byRates = trained != null && trained.dateTimes() == dateTimes && !trained.rates().isEmpty() && rates.size() > 1;
        int untrained = 0;
        double slowestUntrained = 0;
        String untrainedExample = null;
        List<String> untrainedIds = new ArrayList<>();
        List<String> mostIds = new ArrayList<>();
        double target = byModel ? trained.value() : overall;
        boolean fileWarned = byModel && !trained.sameRate(measured);
        int other = 0;
        int otherThanMost = 0;
        double slowest = 0;
        String otherExample = null;
        String mostExample = null;
        List<String> otherIds = new ArrayList<>();
        for (int i = 0; i < medians.size(); i++) {
            double ratio = medians.get(i) / target;
            if (ratio > 1.1 || ratio < 1 / 1.1) {
                other++;
                otherIds.add(ids.get(i));
                slowest = Math.max(slowest, medians.get(i));
                if (otherExample == null) {
                    otherExample = LabelCheck.quoted(ids.get(i)) + " every " + step(medians.get(i), dateTimes);
                }
            }
            if (byRates && trained.matching(new TimeStep(medians.get(i), dateTimes)).isEmpty()) {
                untrained++;
                untrainedIds.add(ids.get(i));
                slowestUntrained = Math.max(slowestUntrained, medians.get(i));
                if (untrainedExample == null) {
                    untrainedExample = LabelCheck.quoted(ids.get(i)) + " every " + step(medians.get(i), dateTimes);
                }
            }
            double most = medians.get(i) / overall;
            if (most > 1.1 || most < 1 / 1.1) {
                mostIds.add(ids.get(i));
                otherThanMost++;
                if (mostExample == null) {
                    mostExample = LabelCheck.quoted(ids.get(i)) + " every " + step(medians.get(i), dateTimes);
                }
            }
        }
        String reads = "the model reads one row per step, whatever the time between rows";
        // the spacing irregular throughout: most sequences off the usual step within one even spread of steps, or a quarter
        // of them or more without a usual step of their own (events, whose long pauses are no outage); the file's own spread,
        // whatever the model's step
        boolean spread = irregular * 4 >= judged || otherThanMost * 2 > medians.size() && rates.get(0)[1] * 2 > medians.size();
        // to one step: the model's when it has one; the fill step when some sequences are slower than it (trial 74a F2)
        String toOne = resampleCode(target, slowest, "some of these sequences' steps");
        if (byRates && !spread) {
            // each of the file's steps, said as a rate the model trained at (with its training sequences) or not
            String each = rates.stream().limit(SHOWN).map(r -> String.format(Locale.ROOT, "%d every %s", (long) r[1],
                    step(r[0], dateTimes)) + trained.matching(new TimeStep(r[0], dateTimes)).map(m -> " (a rate of "
                    + m.sequences() + " training sequences)").orElse(" (a step the model did not train at)"))
                    .collect(java.util.stream.Collectors.joining(", ")) + (rates.size() > SHOWN ? ", and " + (rates.size() - SHOWN)
                    + " more rates" : "");
            String modelRates = trained.rates().size() + " steps: " + trained.describeRates();
            if (untrained > 0) {
                LOG.warn("csv {}: {} of the {} sequences are sampled at a step of the time column {} that the model's training "
                        + "data did not have (they were at {}): e.g. {}{}; {}, so their steps mean another time than in any "
                        + "training sequence: resample them to one row every {} first, the step the model trained on most "
                        + "(pandas: {}); the other {} are at steps the model trained at: leave them as they are (this file's "
                        + "steps: {}); {}", file, untrained, medians.size(), column, modelRates, untrainedExample,
                        sharedGroup(untrainedIds), reads, trained.describe(), resampleCode(trained.value(), slowestUntrained,
                        "some of these sequences' steps"), medians.size() - untrained, each, EVENTS_TOO);
            } else {
                LOG.warn("csv {}: the {} sequences are sampled at {} steps of the time column {}, each a step the model's "
                        + "training data had ({}): {}{}; {}, so a step means another time in different sequences, as it did in "
                        + "training: leave them as they are, not resampled to the commonest (a model trained on data resampled "
                        + "to one rate, and these data resampled to it, reads each step as one time)", file, medians.size(),
                        rates.size(), column, modelRates, each, sharedGroup(mostIds), reads);
            }
        } else if (other > 0 && rates.get(0)[1] * 2 <= medians.size()) {
            // no rate holds most sequences: each rate with its count, not "other than most"
            String each = rates.stream().limit(SHOWN).map(r -> String.format(Locale.ROOT, "%d every %s", (long) r[1],
                    step(r[0], dateTimes))).collect(java.util.stream.Collectors.joining(", ")) + (rates.size() > SHOWN ? ", and "
                    + (rates.size() - SHOWN) + " more rates" : "");
            LOG.warn("csv {}: the {} sequences are sampled at {} different steps of the time column {}, and no step holds "
                    + "most of them: {}; {}, so their steps mean different times: resample them to one rate first (pandas, to one "
                    + "row every {}{}: {}); {}", file, medians.size(), rates.size(), column, each,
                    reads, step(target, dateTimes), byModel ? ", the model's training step" : "", toOne, EVENTS_TOO);
        } else if (otherThanMost > 0 && spread) {
            // most sequences at a step of their own within one even spread, or many without a usual step: a typist's rhythm,
            // not a few devices' rates (a keystroke trial was told to resample 822 of 1144 sessions)
            LOG.warn("csv {}: {} of the {} sequences are spaced otherwise in the time column {} than the usual step (rows {} "
                    + "apart): e.g. {}; the spacing varies from sequence to sequence{} rather than at a few fixed rates. {}; {}, so "
                    + "a step means another time in each; if they are samples of a signal, resample them to one rate first "
                    + "(pandas: {})", file, otherThanMost, medians.size(), column,
                    step(overall, dateTimes), mostExample, irregular > 0 ? " and within " + irregular + " of the " + judged
                    + " sequences" : "", EVENTS, reads, pandas.apply(overall));
        } else if (byModel && other > 0 && !(fileWarned && other == medians.size())) {
            // against the model's step: the sequences at it are not told to move (all of them off it: said for the file above)
            LOG.warn("csv {}: {} of the {} sequences are sampled at another step of the time column {} than the model's training "
                    + "data (rows {} apart): e.g. {}{}; {}, so their steps mean another time than in training: resample them to one "
                    + "row every {} first (pandas: {}){}; {}", file, other, medians.size(), column, step(target, dateTimes),
                    otherExample, sharedGroup(otherIds), reads, step(target, dateTimes), toOne, other < medians.size() ? "; the other "
                    + (medians.size() - other) + " are at the model's step: leave them as they are" : "", EVENTS_TOO);
        } else if (!byModel && other > 0) {
            LOG.warn("csv {}: {} of the {} sequences are sampled at another step of the time column {} than most (rows {} apart): "
                    + "e.g. {}{}; {}, so their steps mean another time: resample them to one rate first (pandas: {}); {}", file,
                    other, medians.size(), column, step(overall, dateTimes), otherExample, sharedGroup(otherIds), reads, toOne,
                    EVENTS_TOO);
        }
        if (shortSteps > SHORT_SHARE * allSteps && !spread) {
            // every sequence at its usual step, with a share of rows in between: no other rate, no events, no gap, yet a
            // window of N rows spans less time than N steps (trial 73c F4: an outer join of a 25 Hz watch and a 4 Hz strap,
            // 21% of steps 10-30 ms, "60-s" windows of 53.5 s, trained without a word)
            LOG.warn("csv {}: {} of the {} steps ({}%) in the time column {} are shorter than three quarters of their sequence's "
                    + "usual step (rows {} apart), {} to {} (first at {}): rows of several sources interleaved (an outer join "
                    + "of two devices' rows)? {}, so a window of N rows spans less time than N usual steps and mixes rows of "
                    + "different kinds: resample onto one grid first (pandas: {})", file, shortSteps, allSteps,
                    trimmed(String.format(Locale.ROOT, "%.1f", 100.0 * shortSteps / allSteps)), column, step(overall, dateTimes),
                    step(shortest, dateTimes), step(longestShort, dateTimes), shortExample, reads, pandas.apply(overall));
        }
        if (gaps.isEmpty()) {
            return measured;
        }
        if (spread && RecurringGaps.find(gaps, overall, dateTimes, longest) == null) {
            if (withGaps * 20L > sequences) {
                // long pauses of events (a 60 s key hold) are their nature, no outage or absent rows (a keystroke trial)
                RecurringGaps.Gap worst = RecurringGaps.largestFirst(gaps).get(0);
                LOG.warn("csv {}: {} of the {} sequences have pauses in the time column {} over 1.5 times their own usual step, "
                        + "the longest: {}; the spacing is irregular throughout, as events' is, so a pause is no sign of missing "
                        + "rows. {}; {}, so a pause is read as one step; if the rows are samples of a signal, write "
                        + "the missing rows (their times with empty cells, which --missing interpolate or ffill then fills) or "
                        + "resample to one rate", file, withGaps, sequences, column, pause(worst, dateTimes), EVENTS, reads);
            }
            return measured;
        }
        String fix = reads + ", so a gap is read as one step: write the missing rows (their times with empty cells, which "
                + "--missing interpolate or ffill then fills) or resample to one rate";
        // judged whatever the share of sequences with a gap: windows of 1-minute bars cross the close in 20 of 260, and each such
        // gap follows 15:59 (a review: they were counted as 32,520 absent rows and outages); RecurringGaps needs 5 gaps or more
        RecurringGaps calendar = RecurringGaps.find(gaps, overall, dateTimes, longest);
        List<RecurringGaps.Gap> outages = RecurringGaps.largestFirst(gaps.stream()
                .filter(g -> g.span() >= OUTAGE && (calendar == null || !calendar.holds(g))).toList());
        String outagesText = outages.stream().limit(SHOWN).map(g -> gap(g, dateTimes)).collect(java.util.stream.Collectors.joining("; "))
                + (outages.size() > SHOWN ? "; and " + (outages.size() - SHOWN) + " more" : "");
        if (calendar != null) {
            // the size most of the recurring gaps have, as said before positions were judged
            var common = gaps.stream().filter(calendar::holds).collect(java.util.stream.Collectors.groupingBy(
                    g -> Math.round(g.step() * 1000), java.util.stream.Collectors.counting())).entrySet().stream()
                    .max(java.util.Map.Entry.<Long, Long>comparingByValue().thenComparing(java.util.Map.Entry.comparingByKey()))
                    .orElseThrow();
            LOG.info("csv {}: {} of the {} sequences have gaps in the time column {}, {} of the {} gaps {}, most of one size ({}): "
                    + "a calendar's (weekends, nights, sessions)? Each is read as one step", file, withGaps, sequences, column,
                    calendar.explained(), gaps.size(), calendar.where(), step(common.getKey() / 1000.0, dateTimes));
            if (!outages.isEmpty()) {
                // a calendar does not explain an outage elsewhere (a trial's 12 hours missing in one window were never named)
                LOG.warn("csv {}: {} gap(s) in the time column {} of {} steps or more away from those of the calendar ({}): {}; {}",
                        file, outages.size(), column, OUTAGE, calendar.where(), outagesText, fix);
            }
            return measured;
        }
        if (withGaps * 20L > sequences) {
            // rows a logger did not send: how many, where the worst is, and the fix (a trial's were said as a calendar at INFO)
            List<RecurringGaps.Gap> largest = RecurringGaps.largestFirst(gaps);
            RecurringGaps.Gap worst = largest.get(0);
            List<String> alike = largest.stream().filter(g -> g.absent() == worst.absent()).map(RecurringGaps.Gap::id)
                    .filter(i -> !i.equals(worst.id())).distinct().toList();
            long absent = gaps.stream().mapToLong(RecurringGaps.Gap::absent).sum();
            LOG.warn("csv {}: {} row(s) are absent from {} of the {} sequences: gaps in the time column {} (rows further apart "
                    + "than their usual step), not a calendar's ({}); the largest: {}{}{}; {}", file, absent, withGaps, sequences,
                    column, withGaps * 2L >= sequences ? "they recur at no clock time or step" : "under half the sequences have one",
                    gap(worst, dateTimes) + (worst.span() >= OUTAGE ? " (an outage?)"
                    : ""), alike.isEmpty() ? "" : "; as large in "
                    + alike.stream().limit(SHOWN).map(LabelCheck::quoted).collect(java.util.stream.Collectors.joining(", "))
                    + (alike.size() > SHOWN ? " and " + (alike.size() - SHOWN) + " more" : ""), outages.size() < 2 ? ""
                    : "; " + outages.size() + " gaps of " + OUTAGE + " steps or more (outages?): " + outagesText, fix);
        } else if (!outages.isEmpty()) {
            // too few sequences with gaps to warn of a dropped sample, but an outage is named wherever it is
            LOG.warn("csv {}: {} gap(s) in the time column {} of {} steps or more (an outage?): {}; {}", file, outages.size(),
                    column, OUTAGE, outagesText, fix);
        }
        return measured;
    }

    /**
     * How the model knows the time between events: {@code and does not use the time between rows unless it is a feature
     * (the time since the row before, computed before training and for new data alike: pandas df["dt"] = ...)}, or, where a
     * feature holds it in every sequence ({@link TimeSinceBefore}), that feature named instead of the advice (trial 77c F9:
     * a dt column was told to be made again).
     */
    private String timeBetween(boolean dateTimes) {
        java.util.Optional<String> held = sinceBefore == null ? java.util.Optional.empty() : sinceBefore.feature();
        if (held.isPresent()) {
            return "and uses the time between rows through feature " + LabelCheck.quoted(held.get()) + ", which holds the time "
                    + "since the row before in every sequence";
        }
        return "and does not use the time between rows unless it is a feature (the time since the row before, computed before "
                + "training and for new data alike" + (sinceBefore == null ? "" : ": pandas " + sinceBefore.code(dateTimes)) + ")";
    }

    /**
     * Warns that these rows are events while the model trained on rows at a step ({@code trained}): it reads each event as
     * one step of that time, however far apart the events are (trial 77c F8: a model of rows 30 s apart was given pings
     * 2-90 s apart, 46 s in the median sequence, with only the events line said as information, where a file at a steady
     * 60 s was warned of with the resampling code). Said with the range of the steps and the median sequence's step.
     */
    private void warnEventsAgainst(Path file, String column, boolean dateTimes, TimeStep trained) {
        double median = median(medians.stream().mapToDouble(Double::doubleValue).toArray());
        String model = trained.rates().isEmpty() ? "rows " + trained.describe() + " apart" : "rows at " + trained.rates().size()
                + " steps (" + trained.describeRates() + ")";
        LOG.warn("csv {}: the model's training data were {} in their time column, and these rows are events whose steps in the "
                + "time column {} vary from {} to {} ({} in the median sequence): the model reads one row per step, so each of "
                + "these rows is read as one step of {}, however far it is from the row before{}: resample them onto the "
                + "model's step first (one row every {}, see 'The time column's spacing' in docs/guide/your-data.md; pandas: {}), "
                + "or train a model on such events", file, model, column, step(shortestStep, dateTimes), step(longestStep, dateTimes),
                step(median, dateTimes), trained.describe(), trained.dateTimes() == dateTimes ? "" : " (compared as seconds: the "
                + "model's time column held " + (trained.dateTimes() ? "date-times" : "numbers") + ")", trained.describe(),
                resampleCode(trained.value(), longestStep, "some of these rows' steps"));
    }

    /**
     * A gap in words: {@code 'w5': 13 h (13 steps, 12 rows absent) between lines 30 and 31, where its rows are 1 h apart}.
     */
    private static String gap(RecurringGaps.Gap g, boolean dateTimes) {
        return LabelCheck.quoted(g.id()) + ": " + step(g.step(), dateTimes) + " (" + trimmed(String.format(Locale.ROOT, "%.3g",
                g.span())) + " steps, " + g.absent() + " row(s) absent) between lines " + g.from() + " and " + g.to()
                + ", where its rows are " + step(g.usual(), dateTimes) + " apart";
    }

    /** A pause of events in words: {@code 's15': 60064.1 between lines 468 and 469, 1010 times its usual step (59.6)}. */
    private static String pause(RecurringGaps.Gap g, boolean dateTimes) {
        return LabelCheck.quoted(g.id()) + ": " + step(g.step(), dateTimes) + " between lines " + g.from() + " and " + g.to() + ", "
                + trimmed(String.format(Locale.ROOT, "%.3g", g.step() / g.usual())) + " times its usual step ("
                + step(g.usual(), dateTimes) + ")";
    }

    /** A step: a duration for date-times (s, min, h, d), a number as written otherwise. */
    static String step(double value, boolean dateTimes) {
        if (!dateTimes) {
            return trimmed(String.format(Locale.ROOT, "%.6g", value));
        }
        double[] units = {86400, 3600, 60, 1};
        String[] names = {"d", "h", "min", "s"};
        for (int i = 0; i < units.length; i++) {
            if (value >= units[i] || i == units.length - 1) {
                return trimmed(String.format(Locale.ROOT, "%.3g", value / units[i])) + " " + names[i];
            }
        }
        throw new AssertionError();
    }

    /** A number as %g writes it without the zeros ending its fraction: 2.00 as 2, 1.50000e+06 as 1.5e+06, 100 as 100. */
    private static String trimmed(String g) {
        int e = g.indexOf('e');
        String mantissa = e < 0 ? g : g.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + g.substring(e);
    }
}

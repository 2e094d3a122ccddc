package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rnnlab.datasets.LabelCheck;

/**
 * A group (a station, a machine, a patient) whose level of a feature steps once, for good, partway through its
 * sequences: a sensor moved, replaced or recalibrated. A trial's air-quality station was relocated midway and read 0.45
 * times its NO2 from then on; training said nothing, and every window after the move was misclassified. {@link GroupScales}
 * compares whole groups with one another and cannot see it; this looks within each group.
 *
 * <p>A group of {@value #MIN_SEQUENCES} or more sequences is ordered by its sequences' first times when they are distinct
 * (else in file order, when all its sequences come from one file; else it is not judged). For each feature, the sequences'
 * means form a series, in logarithms when they are all positive (a move or a gain multiplies a level, and a
 * concentration's noise grows with it). The change point is where the ranks before it depart most from chance (a
 * Mann-Whitney statistic at each point, each side {@value #MIN_SEGMENT} sequences or more), then placed where one step fits
 * best nearby ({@link #refined}). It is a shift when the two sides' medians differ by {@value #MIN_SCORE} or more of the
 * series' sd around its sides' medians (the larger of 1.4826 times the median absolute residual and 1.2533 times the mean
 * one) and the levels as written by {@value #MIN_CHANGE} or more of the feature's scale (the larger level, or the group's
 * usual within-sequence sd if larger). Tested on generated 48-hour windows of hourly NO2 whose daily level scatters by
 * 25%: the 0.45x move scores 8.7 and clean stations under 4; a machine's +3.7 A offset on 10.7 A (27% of the level:
 * a threshold of 30% missed it) scores 8.6. A steady drift cannot pass: around the medians of its halves it spreads a
 * quarter of its size, and the step between them is half of it, under 3 sds whatever the noise.
 *
 * <p>False alarms are the risk. <b>Shared changes</b>: weather, season and the network's changes move every site at once.
 * With times, the groups' common course ({@code Network}: per bin of time, the median of the groups' centred log means)
 * is taken out of each positive feature's series first, and a step is named only when the other groups' median step over
 * the same span ({@value #MIN_OTHERS} or more groups with {@value #MIN_SIDE} sequences each side) goes its way by less than
 * {@value #SHARED} of it; a group that missed the others' step (its raw levels flat) is not named. Without times (or with
 * too few groups to compare at the time), a feature whose step half or more of the judged groups show one way is named in
 * none, and fewer than 4 judged groups name nothing. <b>Classes</b>: in a group of several classes (sleep stages, pollution
 * episodes), each value is taken from its class's mean in the group first ({@link #withinClass}), so a level that goes with
 * a class that starts at the point leaves no step. <b>Drift</b>: see above; it is not named, as step or drift. <b>Lengths</b>:
 * sequences over {@value #LENGTH_RATIO} times shorter or longer than their group's median are left out of its series (a
 * logger's 2-hour night-time starts among whole days read as a light level stepping x117).
 */
public final class LevelShifts {

    /** Sequences a group needs to be judged. */
    static final int MIN_SEQUENCES = 8;
    /** Sequences each side of a change point needs. */
    static final int MIN_SEGMENT = 4;
    /** Robust standard deviations of the series around its sides' medians a step needs. */
    static final double MIN_SCORE = 5;
    /** Share of the feature's scale a step needs. */
    static final double MIN_CHANGE = 0.2;
    /** Other groups comparable at the same time needed to judge a step against theirs. */
    static final int MIN_OTHERS = 3;
    /** Sequences another group needs each side of the time to be comparable. */
    static final int MIN_SIDE = 3;
    /** A step the other groups' median step matches by this share or more is shared (seasonal, global), not named. */
    static final double SHARED = 0.5;
    /**
     * How many times shorter or longer than its group's median length a sequence may be and still be judged: its mean over
     * another span of time (2 night hours against whole days) is no level of the same kind.
     */
    static final double LENGTH_RATIO = 3;

    private LevelShifts() {
    }

    /**
     * A group's step in one feature.
     *
     * @param group     the group's value
     * @param feature   the feature's name
     * @param firstId   the id of the first sequence after the change point
     * @param time      its first time as written, or null (file order)
     * @param position  its 1-based position among the group's sequences
     * @param sequences the group's sequences judged
     * @param before    the median of the sequences' means before the point
     * @param after     the median after it
     */
    public record Shift(String group, String feature, String firstId, String time, int position, int sequences, double before,
                        double after) {
    }

    /** One group's judged sequences in order: their means and sds per feature, first times (NaN without), labels, ids. */
    private record Ordered(String group, List<CsvSequence> sequences, double[] times, double[][] means, double[] usualSd) {
    }

    /** The groups' level shifts in {@code sequences} (after any per-sequence scaling none are found), in group order. */
    public static List<Shift> find(List<CsvSequence> sequences, List<String> features) {
        Map<String, List<CsvSequence>> byGroup = new LinkedHashMap<>();
        for (CsvSequence q : sequences) {
            if (q.group() != null) {
                byGroup.computeIfAbsent(q.group(), g -> new ArrayList<>()).add(q);
            }
        }
        if (byGroup.size() < 2) {
            return List.of();
        }
        int n = features.size();
        List<Ordered> groups = new ArrayList<>();
        for (Map.Entry<String, List<CsvSequence>> e : byGroup.entrySet()) {
            if (e.getValue().size() >= MIN_SEQUENCES) {
                Ordered o = ordered(e.getKey(), e.getValue(), n);
                if (o != null) {
                    groups.add(o);
                }
            }
        }
        List<Shift> shifts = new ArrayList<>();
        Map<String, List<Shift>> byGroupShifts = new LinkedHashMap<>();
        for (int f = 0; f < n; f++) {
            if (fewValues(sequences, f)) {
                continue; // a flag or one-hot column
            }
            // every judged group's best step, then each named unless shared
            Network network = Network.of(groups, f);
            List<Candidate> candidates = new ArrayList<>();
            for (Ordered g : groups) {
                Candidate c = candidate(g, f, network);
                if (c != null) {
                    candidates.add(c);
                }
            }
            if (candidates.isEmpty()) {
                continue;
            }
            long up = candidates.stream().filter(c -> c.step > 0).count();
            boolean widespread = 2 * Math.max(up, candidates.size() - up) >= groups.size();
            for (Candidate c : candidates) {
                Boolean shared = sharedAtTime(c, groups, f);
                if (shared == null) { // no time to compare at: the groups' count decides
                    shared = widespread || groups.size() < 4;
                }
                if (!shared) {
                    CsvSequence first = c.group.sequences.get(c.point);
                    byGroupShifts.computeIfAbsent(c.group.group, k -> new ArrayList<>()).add(new Shift(c.group.group, features.get(f),
                            first.id(), c.group.times == null ? null : first.start(), c.point + 1, c.group.sequences.size(), c.before, c.after));
                }
            }
        }
        byGroupShifts.values().forEach(shifts::addAll);
        return List.copyOf(shifts);
    }

    /**
     * A group's sequences with a mean in every feature, ordered by first time (or line in one file); null if they cannot be.
     * Only the sequences within {@value #LENGTH_RATIO} times the group's median length either way are judged: a 2-hour
     * sequence's mean is not a whole day's (a greenhouse trial's days the logger started late, 24 night-time steps among
     * days of 240-288, made light "step" x117 and CO2 x0.79 in two groups with no sensor moved).
     */
    private static Ordered ordered(String group, List<CsvSequence> sequences, int features) {
        double medianLength = TimeSpacing.median(sequences.stream().mapToDouble(q -> q.values().length).toArray());
        List<CsvSequence> list = new ArrayList<>(sequences.stream().filter(q -> q.values().length * LENGTH_RATIO >= medianLength
                && q.values().length <= LENGTH_RATIO * medianLength).toList());
        if (list.size() < MIN_SEQUENCES) {
            return null;
        }
        Map<CsvSequence, Double> time = new HashMap<>();
        boolean timed = true;
        for (CsvSequence q : list) {
            TimeStamps.Time t = q.start() == null ? null : TimeStamps.parse(q.start().trim());
            if (t == null || !Double.isFinite(t.value())) {
                timed = false;
                break;
            }
            time.put(q, t.kind() == TimeStamps.Kind.NUMBER ? t.value() : t.seconds() + t.nanos() * 1e-9);
        }
        // first times that do not tell the sequences apart (each sequence's own clock from 0) do not order them
        timed &= time.values().stream().distinct().count() == list.size();
        if (timed) {
            list.sort(Comparator.comparingDouble(time::get));
        } else if (list.stream().map(CsvSequence::file).distinct().count() == 1) {
            list.sort(Comparator.comparingLong(CsvSequence::line));
        } else {
            return null;
        }
        double[][] means = new double[list.size()][features];
        double[][] sds = new double[features][list.size()];
        for (int i = 0; i < list.size(); i++) {
            for (int f = 0; f < features; f++) {
                double sum = 0;
                double squares = 0;
                int count = 0;
                for (float[] step : list.get(i).values()) {
                    if (!Float.isNaN(step[f])) {
                        sum += step[f];
                        squares += (double) step[f] * step[f];
                        count++;
                    }
                }
                means[i][f] = count == 0 ? Double.NaN : sum / count;
                sds[f][i] = count == 0 ? Double.NaN : Math.sqrt(Math.max(0, squares / count - means[i][f] * means[i][f]));
            }
        }
        double[] usualSd = new double[features];
        for (int f = 0; f < features; f++) {
            usualSd[f] = TimeSpacing.median(Arrays.stream(sds[f]).filter(Double::isFinite).toArray());
        }
        double[] times = timed ? list.stream().mapToDouble(time::get).toArray() : null;
        return new Ordered(group, List.copyOf(list), times, means, usualSd);
    }

    /** A group's step in a feature: where (index of the first sequence after), its size in the series' terms, the levels. */
    private record Candidate(Ordered group, int point, double step, double before, double after, boolean log) {
    }

    /**
     * The groups' common course of a positive feature over time: per bin of time (the groups' usual step between their
     * sequences' starts), the median of the judged groups' log means there, each centred on its group's median; null
     * without times in every judged group, or with fewer than 4 such groups. Weather, season and the network's changes
     * move every site at once: taken out of each group's series, they neither hide a site's own step in their scatter (a
     * day's weather scattered 48-hour NO2 means by 18%) nor look like one.
     */
    private record Network(double origin, double width, Map<Long, Double> level) {

        static Network of(List<Ordered> groups, int f) {
            if (groups.size() < 4 || groups.stream().anyMatch(g -> g.times == null)) {
                return null;
            }
            List<Double> gaps = new ArrayList<>();
            double origin = Double.POSITIVE_INFINITY;
            for (Ordered g : groups) {
                double[] own = new double[g.times.length - 1];
                for (int i = 1; i < g.times.length; i++) {
                    own[i - 1] = g.times[i] - g.times[i - 1];
                }
                double gap = TimeSpacing.median(Arrays.stream(own).filter(x -> x > 0).toArray());
                if (gap > 0) {
                    gaps.add(gap);
                }
                origin = Math.min(origin, g.times[0]);
            }
            double width = TimeSpacing.median(gaps.stream().mapToDouble(Double::doubleValue).toArray());
            if (!(width > 0)) {
                return null;
            }
            Map<Long, List<Double>> bins = new HashMap<>();
            for (Ordered g : groups) {
                double[] logs = new double[g.means.length];
                boolean positive = true;
                for (int i = 0; i < logs.length && positive; i++) {
                    positive = g.means[i][f] > 0;
                    logs[i] = Math.log(g.means[i][f]);
                }
                if (!positive) {
                    continue;
                }
                double centre = TimeSpacing.median(logs);
                for (int i = 0; i < logs.length; i++) {
                    bins.computeIfAbsent(Math.round((g.times[i] - origin) / width), b -> new ArrayList<>()).add(logs[i] - centre);
                }
            }
            Map<Long, Double> level = new HashMap<>();
            bins.forEach((b, values) -> {
                if (values.size() >= MIN_OTHERS + 1) {
                    level.put(b, TimeSpacing.median(values.stream().mapToDouble(Double::doubleValue).toArray()));
                }
            });
            return new Network(origin, width, level);
        }

        /** The network's level at each of {@code times}, or null when a time has none. */
        double[] at(double[] times) {
            double[] out = new double[times.length];
            for (int i = 0; i < times.length; i++) {
                Double l = level.get(Math.round((times[i] - origin) / width));
                if (l == null) {
                    return null;
                }
                out[i] = l;
            }
            return out;
        }
    }

    /** The group's best step in feature {@code f} when it passes both thresholds, else null. */
    private static Candidate candidate(Ordered g, int f, Network network) {
        int n = g.sequences.size();
        for (double[] m : g.means) {
            if (!Double.isFinite(m[f])) {
                return null; // a sequence without a value of it (dropped by no policy): the order would have holes
            }
        }
        double[] raw = new double[n];
        boolean positive = true;
        for (int i = 0; i < n; i++) {
            raw[i] = g.means[i][f];
            positive &= raw[i] > 0;
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = positive ? Math.log(raw[i]) : raw[i];
        }
        double[] common = positive && network != null ? network.at(g.times) : null;
        if (common != null) {
            for (int i = 0; i < n; i++) {
                y[i] -= common[i];
            }
        }
        withinClass(y, g.sequences);
        int point = changePoint(y);
        if (point < 0) {
            return null;
        }
        point = refined(y, point);
        double stepBefore = TimeSpacing.median(Arrays.copyOfRange(y, 0, point));
        double stepAfter = TimeSpacing.median(Arrays.copyOfRange(y, point, n));
        double[] residuals = new double[n];
        for (int i = 0; i < n; i++) {
            residuals[i] = Math.abs(y[i] - (i < point ? stepBefore : stepAfter));
        }
        // the larger of two estimates of the series' sd around its sides: the median absolute residual (robust to odd
        // sequences) and the mean one (steadier in a short series: from 12 sequences the median alone, low by chance at the
        // best of the splits tried, had pure noise named a step)
        double spread = Math.max(1.4826 * TimeSpacing.median(residuals), 1.2533 * Arrays.stream(residuals).average().orElse(0));
        double step = stepAfter - stepBefore;
        // a series flat on its sides (a setting, a constant) has no spread and is not judged
        if (!(spread > 0) || Math.abs(step) / spread < MIN_SCORE) {
            return null;
        }
        double before = TimeSpacing.median(Arrays.copyOfRange(raw, 0, point));
        double after = TimeSpacing.median(Arrays.copyOfRange(raw, point, n));
        // the levels as written must step too, the same way (a station that missed the others' step is not named)
        if ((after - before) * step <= 0 || relative(before, after, g.usualSd[f]) < MIN_CHANGE) {
            return null;
        }
        return new Candidate(g, point, step, before, after, positive);
    }

    /** A change from {@code before} to {@code after} over the larger of the two levels and the usual within-sequence sd. */
    private static double relative(double before, double after, double usualSd) {
        double scale = Math.max(Math.max(Math.abs(before), Math.abs(after)), Double.isFinite(usualSd) ? usualSd : 0);
        return scale > 0 ? Math.abs(after - before) / scale : 0;
    }

    /**
     * Takes each value from its class's mean in the group, when the group holds several classes: a level that goes with
     * the class is the signal, and a class that starts at the point (a subject's later nights of another stage) leaves no
     * step. Each is scaled by sqrt(m / (m - 1)) for a class of m (a residual from m values' own mean is that much
     * narrower: from their median, it was often exactly 0, and a trial-sized test's subjects of 4 classes of 3 sequences
     * had their noise named a step); a class of one sequence says nothing and is set to 0. One class: unchanged (a
     * constant does not change a step).
     */
    private static void withinClass(double[] y, List<CsvSequence> sequences) {
        Map<String, List<Integer>> byClass = new LinkedHashMap<>();
        for (int i = 0; i < y.length; i++) {
            String label = sequences.get(i).label();
            byClass.computeIfAbsent(label == null ? "" : label, k -> new ArrayList<>()).add(i);
        }
        if (byClass.size() < 2) {
            return;
        }
        double[] copy = y.clone();
        for (List<Integer> members : byClass.values()) {
            int m = members.size();
            double mean = members.stream().mapToDouble(i -> copy[i]).average().orElse(0);
            double widen = m > 1 ? Math.sqrt(m / (m - 1.0)) : 0;
            members.forEach(i -> y[i] = (copy[i] - mean) * widen);
        }
    }

    /**
     * The index of the first value after the most likely change point of {@code y} (each side {@value #MIN_SEGMENT} values
     * or more): where the ranks before it sum furthest from their expectation, in standard deviations (a Mann-Whitney
     * statistic at each point); -1 if the series is too short.
     */
    static int changePoint(double[] y) {
        int n = y.length;
        if (n < 2 * MIN_SEGMENT) {
            return -1;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> y[i]));
        double[] rank = new double[n];
        for (int r = 0; r < n; r++) {
            rank[order[r]] = r + 1;
        }
        double sum = 0;
        int best = -1;
        double bestZ = -1;
        for (int k = 1; k < n; k++) {
            sum += rank[k - 1];
            if (k < MIN_SEGMENT || n - k < MIN_SEGMENT) {
                continue;
            }
            double z = Math.abs(sum - k * (n + 1) / 2.0) / Math.sqrt(k * (double) (n - k) * (n + 1) / 12.0);
            if (z > bestZ) {
                bestZ = z;
                best = k;
            }
        }
        return best;
    }

    /**
     * The point near {@code point} (within 3 + n/20, at most 28) where one step fits {@code y} best: the least sum of absolute
     * distances from each side's median. The rank statistic finds the step but leans to the middle (a station moved
     * before its 13th window of 20 was placed before its 12th); this places it.
     */
    static int refined(double[] y, int point) {
        int n = y.length;
        int reach = 3 + Math.min(n / 20, 25); // at most 57 candidates: each sorts both sides (a review: 16,000 sequences a group took 1.8 s a feature uncapped)
        int best = point;
        double least = Double.POSITIVE_INFINITY;
        for (int k = Math.max(MIN_SEGMENT, point - reach); k <= Math.min(n - MIN_SEGMENT, point + reach); k++) {
            double before = TimeSpacing.median(Arrays.copyOfRange(y, 0, k));
            double after = TimeSpacing.median(Arrays.copyOfRange(y, k, n));
            double cost = 0;
            for (int i = 0; i < n; i++) {
                cost += Math.abs(y[i] - (i < k ? before : after));
            }
            if (cost < least) {
                least = cost;
                best = k;
            }
        }
        return best;
    }

    /**
     * Whether candidate {@code c}'s step is shared by the other groups at its time: over its time span, the other groups
     * with {@value #MIN_SIDE} sequences or more each side of the time, their median step (as a share of the candidate's,
     * in the same direction) reaching {@value #SHARED}. Null without times or with fewer than {@value #MIN_OTHERS} such groups.
     */
    private static Boolean sharedAtTime(Candidate c, List<Ordered> groups, int f) {
        if (c.group.times == null) {
            return null;
        }
        double[] span = c.group.times;
        double from = span[0];
        double to = span[span.length - 1];
        double at = span[c.point];
        double own = change(c.before, c.after, c.log);
        List<Double> shares = new ArrayList<>();
        for (Ordered o : groups) {
            if (o == c.group || o.times == null) {
                continue;
            }
            List<Double> before = new ArrayList<>();
            List<Double> after = new ArrayList<>();
            for (int i = 0; i < o.times.length; i++) {
                double t = o.times[i];
                if (t >= from && t <= to && Double.isFinite(o.means[i][f])) {
                    (t < at ? before : after).add(o.means[i][f]);
                }
            }
            if (before.size() < MIN_SIDE || after.size() < MIN_SIDE) {
                continue;
            }
            double b = TimeSpacing.median(before.stream().mapToDouble(Double::doubleValue).toArray());
            double a = TimeSpacing.median(after.stream().mapToDouble(Double::doubleValue).toArray());
            shares.add(change(b, a, c.log && a > 0 && b > 0) / own);
        }
        if (shares.size() < MIN_OTHERS) {
            return null;
        }
        return TimeSpacing.median(shares.stream().mapToDouble(Double::doubleValue).toArray()) >= SHARED;
    }

    /** A change from level {@code before} to {@code after}: in logarithms, or relative to the larger level. */
    private static double change(double before, double after, boolean log) {
        if (log) {
            return Math.log(after / before);
        }
        double scale = Math.max(Math.abs(before), Math.abs(after));
        return scale > 0 ? (after - before) / scale : 0;
    }

    /** Whether feature {@code f} holds 2 distinct values or fewer over all the sequences (a flag, a one-hot column). */
    private static boolean fewValues(List<CsvSequence> sequences, int f) {
        Set<Float> seen = new HashSet<>();
        for (CsvSequence q : sequences) {
            for (float[] step : q.values()) {
                if (!Float.isNaN(step[f]) && seen.add(step[f]) && seen.size() > 2) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The warning for {@code shifts} in groups of group column {@code column} ({@code groups} in all), or null when there
     * are none: up to 5, each with the group, the feature, the first sequence after the point and its time, the levels
     * before and after; what it may be and what to do.
     */
    public static String warning(List<Shift> shifts, String column, int groups) {
        if (shifts.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Shift s : shifts.subList(0, Math.min(5, shifts.size()))) {
            String where = s.time() != null ? "time " + s.time().trim() : "sequence " + s.position() + " of the group's in file order";
            String ratio = s.before() > 0 && s.after() > 0 ? String.format(Locale.ROOT, "x%.2f, ", s.after() / s.before()) : "";
            parts.add(String.format(Locale.ROOT, "%s: %s from sequence %s (%s; %d of its %d sequences from there on) median %s -> %s (%s%s%s)",
                    LabelCheck.quoted(s.group()), LabelCheck.quoted(s.feature()), LabelCheck.quoted(s.firstId()), where,
                    s.sequences() - s.position() + 1, s.sequences(), number(s.before()), number(s.after()), ratio,
                    s.after() >= s.before() ? "+" : "", number(s.after() - s.before())));
        }
        Shift first = shifts.get(0);
        long named = shifts.stream().map(Shift::group).distinct().count();
        return String.format(Locale.ROOT, "the level of a feature steps once, for good, within %d of the %d groups of group column %s, "
                + "a step the other groups do not share (%s%s): a sensor moved, replaced or recalibrated? The model reads the sequences "
                + "after the step as other data (a relocated station's windows were all misclassified after the move). If it is "
                + "another site or machine from there on, give those sequences a group value of their own (e.g. %s); if the "
                + "calibration changed, correct the values; or leave the sequences after the step out", named, groups, column,
                String.join("; ", parts), shifts.size() > 5 ? "; and " + (shifts.size() - 5) + " more: " + String.join(", ",
                        shifts.subList(5, shifts.size()).stream().map(s -> LabelCheck.quoted(s.group()) + " "
                                + LabelCheck.quoted(s.feature())).toList()) : "", LabelCheck.quoted(first.group() + "-2"));
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, Math.abs(x) >= 100 || x == Math.rint(x) ? "%.0f" : "%.3g", x);
    }
}

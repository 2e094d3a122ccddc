package org.rnnlab.datasets.csv;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a file's gaps in the time column fall, to tell a calendar's gaps from absent rows: weekends in business-day data
 * start after the same weekday, nights in trading hours after the same clock time, a protocol's pause at the same step of
 * each session; rows a logger failed to send fall anywhere. A trial's hourly sensor data with 2% of the hours absent at
 * random were called "a calendar's (weekends, nights, sessions)?" because nearly all their gaps had one size (2 h), and a
 * 12-hour outage among them was never named ({@link TimeSpacing}).
 *
 * <p>A gap's position is the time of the row before it on the clock of a day or of a week (date-times, where the file's
 * usual step cuts the period into 4 positions or more), or its distance in steps from its sequence's first row. The gaps
 * recur when, for one of these, at most 3 positions (and at most a quarter of the positions there are) hold 80% or more
 * of the gaps, and 5 gaps or more: random absent hours spread over 24 clock positions, business days' weekends all start
 * on one of 7 weekdays.
 */
final class RecurringGaps {

    /** The share of the gaps the recurring positions must hold. */
    private static final double SHARE = 0.8;
    /** The fewest gaps at the recurring positions: 2 gaps at one position prove nothing. */
    private static final int FEWEST = 5;

    /**
     * One gap: its sequence, the time of the row before it, how many of its sequence's usual steps that row is from the
     * sequence's first, its size in usual steps ({@code span}) and in the time column's unit ({@code step}), the sequence's
     * usual step, and the lines of the rows around it.
     */
    record Gap(String id, double start, double offset, double span, double step, double usual, long from, long to) {
        /** The rows absent in this gap, if the sequence's usual step held: 1 for a step of 2, 12 for a step of 13. */
        long absent() {
            return Math.max(1, Math.round(span) - 1);
        }
    }

    /** The positions a gap can recur at. */
    private enum Kind {
        CLOCK(86400, "after a row at the same clock time"),
        WEEK(7 * 86400, "after a row at the same weekday and clock time"),
        STEP(0, "after the same step of their sequences");

        final double period;
        final String words;

        Kind(double period, String words) {
            this.period = period;
            this.words = words;
        }
    }

    private final Kind kind;
    private final double step;
    /** The recurring positions, most gaps first. */
    private final List<Integer> positions;
    /**
     * Per recurring position of a clock, the time on it (seconds into the day or week) that most of its gaps start at, as
     * written: a position is the phase rounded to the usual step, and printed as such, hourly bars at 09:30-15:30 were said
     * to pause at 16:00 (a review).
     */
    private final Map<Integer, Long> clockOf;
    private final int explained;

    private RecurringGaps(Kind kind, double step, List<Integer> positions, Map<Integer, Long> clockOf, int explained) {
        this.kind = kind;
        this.step = step;
        this.positions = positions;
        this.clockOf = clockOf;
        this.explained = explained;
    }

    /**
     * Whether {@code gaps} recur at a few positions, and which.
     *
     * @param step      the file's usual step (the median of its sequences' median steps)
     * @param dateTimes whether the times are seconds of date-times (the clock of a day and of a week then apply)
     * @param longest   the most usual steps any sequence spans (the positions a step from the first row can take)
     * @return the positions that explain the most gaps, or null when no kind of position holds 80% of them
     */
    static RecurringGaps find(List<Gap> gaps, double step, boolean dateTimes, long longest) {
        RecurringGaps best = null;
        for (Kind kind : Kind.values()) {
            long count = kind == Kind.STEP ? longest + 1 : dateTimes ? Math.round(kind.period / step) : 0;
            if (count < 4) {
                continue;
            }
            int allowed = (int) Math.max(1, Math.min(3, count / 4));
            Map<Integer, Integer> byPosition = new HashMap<>();
            for (Gap g : gaps) {
                byPosition.merge(position(kind, step, count, g), 1, Integer::sum);
            }
            List<Integer> top = byPosition.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(allowed).map(Map.Entry::getKey).toList();
            int explained = top.stream().mapToInt(byPosition::get).sum();
            if (explained >= FEWEST && explained >= SHARE * gaps.size() && (best == null || explained > best.explained)) {
                // only the positions needed: nights at 16:00 are not joined by a stray gap's 11:00
                List<Integer> needed = new ArrayList<>();
                int sum = 0;
                for (int p : top) {
                    if (sum >= SHARE * gaps.size()) {
                        break;
                    }
                    needed.add(p);
                    sum += byPosition.get(p);
                }
                best = new RecurringGaps(kind, step, needed, kind == Kind.STEP ? Map.of() : clocks(kind, step, count, gaps, needed), sum);
            }
        }
        return best;
    }

    /** Per position of {@code positions}, the commonest time on the clock (whole seconds) of its gaps' rows before them. */
    private static Map<Integer, Long> clocks(Kind kind, double step, long count, List<Gap> gaps, List<Integer> positions) {
        Map<Integer, Map<Long, Integer>> seen = new HashMap<>();
        for (Gap g : gaps) {
            int p = position(kind, step, count, g);
            if (positions.contains(p)) {
                seen.computeIfAbsent(p, k -> new HashMap<>()).merge(Math.floorMod(Math.round(phase(kind, g)), (long) kind.period),
                        1, Integer::sum);
            }
        }
        Map<Integer, Long> out = new HashMap<>();
        seen.forEach((p, times) -> out.put(p, times.entrySet().stream().max(Map.Entry.<Long, Integer>comparingByValue()
                .thenComparing(Map.Entry.<Long, Integer>comparingByKey().reversed())).orElseThrow().getKey()));
        return out;
    }

    private static double phase(Kind kind, Gap g) {
        return ((g.start() % kind.period) + kind.period) % kind.period;
    }

    private static int position(Kind kind, double step, long count, Gap g) {
        if (kind == Kind.STEP) {
            return (int) Math.round(g.offset());
        }
        return (int) Math.floorMod(Math.round(phase(kind, g) / step), count);
    }

    /** Whether {@code g} is at one of the recurring positions. */
    boolean holds(Gap g) {
        long count = kind == Kind.STEP ? Long.MAX_VALUE : Math.round(kind.period / step);
        return positions.contains(position(kind, step, count, g));
    }

    /** How many gaps are at the recurring positions. */
    int explained() {
        return explained;
    }

    /** The recurring positions in words: {@code after a row at the same clock time (15:30)}, the clock time as written. */
    String where() {
        return kind.words + " (" + positions.stream().map(this::named).collect(Collectors.joining(", ")) + ")";
    }

    private String named(int position) {
        if (kind == Kind.STEP) {
            return "step " + position + " from their first row";
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(clockOf.getOrDefault(position, Math.round(position * step)), 0, ZoneOffset.UTC);
        String clock = String.format(Locale.ROOT, step < 60 ? "%02d:%02d:%02d" : "%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        // the week's clock starts on 1970-01-01, a Thursday
        return kind == Kind.WEEK ? t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + clock : clock;
    }

    /** The gaps of {@code gaps} largest first (ties in the order of their lines). */
    static List<Gap> largestFirst(List<Gap> gaps) {
        return gaps.stream().sorted(Comparator.comparingDouble(Gap::span).reversed().thenComparing(Gap::from)).toList();
    }
}

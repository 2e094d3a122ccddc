package org.rnnlab.datasets.csv;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a long-layout CSV file's time column, which rnnlab reads only to check that each sequence's rows are in
 * increasing time (the time is not a feature): decimal numbers (seconds, milliseconds, a step counter) or ISO-8601
 * dates and date-times as databases and pandas export them: {@code 2024-03-22}, {@code 2024-03-22T17:00:00},
 * {@code 2024-03-22 17:00:00.125}, with an offset or not ({@code Z}, {@code +01:00}, {@code +0100}, {@code +01}; also
 * after a space, and {@code UTC} or {@code GMT} for offset 0, as BigQuery's CSV export writes a TIMESTAMP:
 * {@code 2026-11-02 00:33:04.391000 UTC}).
 *
 * <p>A column holds one kind: numbers, date-times with an offset (compared as instants), or dates and date-times
 * without one (compared as written, on one calendar). A mix is refused by the reader (a local time beside an instant
 * cannot be ordered without a time zone the file does not give). A user's try: a SQL export's ISO time column was refused,
 * and the advice ({@code --set time=none}) then let rows in descending time order ({@code ORDER BY ts DESC}) and
 * duplicated rows (a join) through unchecked: accuracy 0.68 instead of 0.98, no warning.
 */
public final class TimeStamps {

    /** What a time column holds. */
    enum Kind {
        NUMBER("numbers"),
        INSTANT("date-times with an offset"),
        LOCAL("dates or date-times without an offset");

        final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    /**
     * A time read: a number as written ({@code value}), or a date-time as whole seconds since 1970-01-01 and nanoseconds,
     * compared exactly (as a double, pandas' nanosecond times 1e-7 s apart compared equal). {@code value} is finite or not
     * for a number, 0 for a date-time.
     */
    record Time(double value, long seconds, int nanos, Kind kind) {

        /** Whether this time comes after {@code earlier} (null: the first). */
        boolean after(Time earlier) {
            if (earlier == null) {
                return true;
            }
            if (kind == Kind.NUMBER) {
                return value > earlier.value;
            }
            return seconds != earlier.seconds ? seconds > earlier.seconds : nanos > earlier.nanos;
        }

        /**
         * Whether this local date-time lies half an hour to an hour before {@code earlier}: a daylight-saving zone's autumn
         * hour, written twice in an export without an offset. A smaller step back is rows out of order (a file in descending
         * time went back by its sampling step and got the daylight-saving hint, a wrong lead).
         */
        boolean anHourBack(Time earlier) {
            // also the same time again (hourly data: 02:00, then 02:00 of the hour repeated; a trial got no hint), in the
            // small hours where clocks change
            java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC);
            int month = t.getMonthValue(); // clocks go back in October and November (north), March and April (south)
            boolean fallBackMonth = month == 3 || month == 4 || month == 10 || month == 11;
            return kind == Kind.LOCAL && earlier != null && earlier.kind == Kind.LOCAL && (earlier.seconds - seconds >= 1800
                    && earlier.seconds - seconds <= 3600 || earlier.seconds == seconds && t.getHour() >= 1 && t.getHour() <= 3
                    && fallBackMonth || inRepeatedHour(earlier, this));
        }
    }

    /** Zones whose autumn hour {@link #inRepeatedHour} knows: Europe's three, North America's, Australia's and New Zealand's. */
    private static final List<java.time.ZoneId> FALL_BACK_ZONES = java.util.stream.Stream.of("Europe/London", "Europe/Berlin",
            "Europe/Helsinki", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Halifax",
            "Australia/Sydney", "Australia/Adelaide", "Pacific/Auckland", "America/Santiago").map(java.time.ZoneId::of).toList();

    /**
     * Whether local date-times {@code earlier} then {@code later}, a step back of less than the repeated hour, both lie in
     * the hour that one of {@link #FALL_BACK_ZONES} repeats where daylight saving time ends (the later one from its start,
     * the earlier one up to its end). A trial's smart-meter export without offsets, with repeated times dropped, went back
     * from 02:45 to 02:30 on 2026-10-25 (Europe/Berlin's repeated hour) and got the advice to sort with
     * {@code pd.to_datetime(..., utc=True)}, which for local times mixes the two hours; the daylight-saving hint needed a
     * step back of half an hour or more.
     */
    static boolean inRepeatedHour(Time earlier, Time later) {
        if (later.kind != Kind.LOCAL || earlier == null || earlier.kind != Kind.LOCAL || earlier.seconds < later.seconds) {
            return false;
        }
        LocalDateTime from = LocalDateTime.ofEpochSecond(earlier.seconds, earlier.nanos, ZoneOffset.UTC);
        LocalDateTime to = LocalDateTime.ofEpochSecond(later.seconds, later.nanos, ZoneOffset.UTC);
        for (java.time.ZoneId zone : FALL_BACK_ZONES) {
            java.time.zone.ZoneOffsetTransition change = zone.getRules().getTransition(to);
            if (change != null && change.isOverlap() && !from.isAfter(change.getDateTimeBefore())) {
                return true; // to lies in [after, before), the repeated hour; from no later than its end
            }
        }
        return false;
    }

    private static final List<DateTimeFormatter> WITH_TIME = withTime();
    /** An ISO-8601 week date, extended or basic, with or without its day of the week (retail and ERP exports' weeks). */
    private static final java.util.regex.Pattern ISO_WEEK = java.util.regex.Pattern.compile("(\\d{4})-?W(\\d{2})(?:-?([1-7]))?");

    private TimeStamps() {
    }

    private static List<DateTimeFormatter> withTime() {
        List<DateTimeFormatter> out = new ArrayList<>();
        for (char separator : new char[] {'T', ' '}) {
            for (String offset : new String[] {"+HH:MM:ss", "+HHMMss", "+HH"}) {
                out.add(new DateTimeFormatterBuilder().parseCaseInsensitive().append(DateTimeFormatter.ISO_LOCAL_DATE)
                        .appendLiteral(separator).append(DateTimeFormatter.ISO_LOCAL_TIME)
                        .optionalStart().appendOffset(offset, "Z").optionalEnd().toFormatter()
                        .withResolverStyle(java.time.format.ResolverStyle.STRICT)); // 2024-02-30 refused, not read as 02-29
            }
        }
        return List.copyOf(out);
    }

    private static final java.util.regex.Pattern UTC_NAMED = java.util.regex.Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}[T ]\\d[\\d:.,]*)\\s*(?i:UTC|GMT)");
    private static final java.util.regex.Pattern SPACED_OFFSET = java.util.regex.Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}[T ]\\d[\\d:.,]*) ([+-]\\d{2}(?::?\\d{2})?)");

    /**
     * A date-time's offset as ISO-8601 writes it: a trailing {@code UTC} or {@code GMT} (after a space or not) as {@code Z},
     * an offset after a space ({@code 2026-11-02 00:33:04 +00:00}) without it; else {@code written} itself. BigQuery's
     * CSV export writes a TIMESTAMP as {@code 2026-11-02 00:33:04.391000 UTC}, which a trial's predict refused as "not a
     * number or an ISO-8601 date-time" (the guide promises date-times as SQL exports them). The windows reader uses it too.
     */
    public static String offsetAsIso(String written) {
        java.util.regex.Matcher m = UTC_NAMED.matcher(written);
        if (m.matches()) {
            return m.group(1) + "Z";
        }
        m = SPACED_OFFSET.matcher(written);
        return m.matches() ? m.group(1) + m.group(2) : written;
    }

    /** The time {@code written}, or null when it is neither a decimal number (finite or not) nor an ISO-8601 date(-time). */
    static Time parse(String written) {
        if (CsvTable.isDecimal(written)) {
            return new Time(Double.parseDouble(written), 0, 0, Kind.NUMBER);
        }
        java.util.regex.Matcher week = ISO_WEEK.matcher(written);
        if (week.matches()) { // an ISO-8601 week date (2024-W01, 2024W01, 2024-W01-3): its day, Monday without one
            try {
                LocalDate d = LocalDate.parse(week.group(1) + "-W" + week.group(2) + "-" + (week.group(3) == null ? "1"
                        : week.group(3)), DateTimeFormatter.ISO_WEEK_DATE);
                return new Time(0, d.toEpochDay() * 86400, 0, Kind.LOCAL);
            } catch (DateTimeParseException e) {
                return null; // a week 53 of a year of 52 weeks
            }
        }
        if (written.length() < 10 || written.charAt(4) != '-' || !Character.isDigit(written.charAt(0))) {
            return null;
        }
        written = offsetAsIso(written);
        if (written.length() == 10) {
            try {
                return new Time(0, LocalDate.parse(written).toEpochDay() * 86400, 0, Kind.LOCAL);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        for (DateTimeFormatter f : WITH_TIME) {
            TemporalAccessor t;
            try {
                t = f.parse(written);
            } catch (DateTimeParseException e) {
                continue;
            }
            LocalDateTime local = LocalDateTime.of(LocalDate.from(t), java.time.LocalTime.from(t));
            boolean zoned = t.isSupported(ChronoField.OFFSET_SECONDS);
            ZoneOffset offset = zoned ? ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
            return new Time(0, local.toEpochSecond(offset), local.getNano(), zoned ? Kind.INSTANT : Kind.LOCAL);
        }
        return null;
    }
}

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
 * {@code 2024-03-22 17:00:00.125}, with an offset or not ({@code Z}, {@code +01:00}, {@code +0100}, {@code +01}).
 *
 * <p>A column holds one kind: numbers, date-times with an offset (compared as instants), or dates and date-times
 * without one (compared as written, on one calendar). A mix is refused by the reader (a local time beside an instant
 * cannot be ordered without a time zone the file does not give). A user's try: a SQL export's ISO time column was refused,
 * and the advice ({@code --set time=none}) then let rows in descending time order ({@code ORDER BY ts DESC}) and
 * duplicated rows (a join) through unchecked: accuracy 0.68 instead of 0.98, no warning.
 */
final class TimeStamps {

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

    /** A time read: its value for ordering (a number as written; seconds since 1970-01-01 for a date or date-time). */
    record Time(double value, Kind kind) {
    }

    private static final List<DateTimeFormatter> WITH_TIME = withTime();

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

    /** The time {@code written}, or null when it is neither a finite-or-infinite decimal number nor an ISO-8601 date(-time). */
    static Time parse(String written) {
        if (CsvTable.isDecimal(written)) {
            return new Time(Double.parseDouble(written), Kind.NUMBER);
        }
        if (written.length() < 10 || written.charAt(4) != '-' || !Character.isDigit(written.charAt(0))) {
            return null;
        }
        if (written.length() == 10) {
            try {
                return new Time(LocalDate.parse(written).toEpochDay() * 86400.0, Kind.LOCAL);
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
            double seconds = local.toEpochSecond(offset) + local.getNano() / 1e9;
            return new Time(seconds, zoned ? Kind.INSTANT : Kind.LOCAL);
        }
        return null;
    }
}

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

    /**
     * The setting of a java.time pattern for date-times of another form than ISO-8601 ({@code --set
     * timeFormat='dd.MM.yyyy HH:mm:ss'}), as {@code data windows --time-format} reads them: recorded in the model's data
     * layout ({@link CsvSchema#timeFormat}) and used for new files too. Trial 81a F2: day-first spreadsheet date-times could
     * not be the time column, and the advised {@code --set time=none} dropped the order check.
     */
    public static final String SETTING = "timeFormat";

    /** The pattern and formatter of the read on this thread, or null. */
    private static final ThreadLocal<Object[]> FORMAT = new ThreadLocal<>();

    /**
     * The formatter of {@code pattern} (a java.time pattern, {@code Locale.ROOT}), a date or a date and time.
     *
     * @param option how it was given, for the message ({@code --set timeFormat})
     * @throws IllegalArgumentException for a pattern java.time does not read
     */
    public static DateTimeFormatter formatter(String pattern, String option) {
        try {
            return DateTimeFormatter.ofPattern(pattern, java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " '" + pattern + "' is not a java.time pattern (" + e.getMessage()
                    + "; expected e.g. 'dd.MM.yyyy HH:mm:ss': dd day, MM month, yyyy year, HH hour, mm minute, ss second)");
        }
    }

    /** Runs {@code body} with the time columns' date-times read by {@code pattern} too (null: ISO-8601 only), on this thread. */
    public static <T> T reading(String pattern, java.util.function.Supplier<T> body) {
        Object[] previous = FORMAT.get();
        FORMAT.set(pattern == null ? null : new Object[] {pattern, formatter(pattern, "--set " + SETTING)});
        try {
            return body.get();
        } finally {
            FORMAT.set(previous);
        }
    }

    /**
     * The strftime format (pandas' {@code to_datetime(..., format=...)}) of a java.time pattern made of the usual letters
     * ({@code yyyy yy MM M dd d HH H mm ss SSS} and quoted literals), or null for a pattern of others, or none.
     */
    static String strftime(String pattern) {
        if (pattern == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|yyyy|uuuu|yy|MM|M|dd|d|HH|H|mm|ss|SSSSSS|SSS|([A-Za-z])|(.)")
                .matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String t = m.group();
            if (m.group(1) != null) {
                out.append(m.group(1).replace("%", "%%"));
            } else if (m.group(2) != null) {
                return null; // a letter without a strftime equivalent here
            } else if (m.group(3) != null) {
                out.append(t.equals("%") ? "%%" : t.equals("'") ? "\\'" : t);
            } else {
                out.append(switch (t) {
                    case "yyyy", "uuuu" -> "%Y";
                    case "yy" -> "%y";
                    case "MM", "M" -> "%m";
                    case "dd", "d" -> "%d";
                    case "HH", "H" -> "%H";
                    case "mm" -> "%M";
                    case "ss" -> "%S";
                    default -> "%f"; // SSS, SSSSSS
                });
            }
        }
        return out.toString();
    }

    /** The pattern of this thread's read ({@link #reading}), or null. */
    public static String format() {
        Object[] f = FORMAT.get();
        return f == null ? null : (String) f[0];
    }

    /** {@code written} read by the pattern of this thread's read, as a local date-time; null without one, or when it does not fit. */
    private static Time byFormat(String written) {
        Object[] f = FORMAT.get();
        if (f == null) {
            return null;
        }
        try {
            TemporalAccessor t = ((DateTimeFormatter) f[1]).parseBest(written.strip(), LocalDateTime::from, LocalDate::from);
            LocalDateTime local = t instanceof LocalDateTime d ? d : ((LocalDate) t).atStartOfDay();
            return new Time(0, local.toEpochSecond(ZoneOffset.UTC), local.getNano(), Kind.LOCAL);
        } catch (DateTimeParseException | ClassCastException e) {
            return null;
        }
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

    /** A date-time followed by a time zone's abbreviation ({@code 2026-03-29 01:00:00 CET}), as building-management exports write. */
    private static final java.util.regex.Pattern ZONE_NAMED = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d[\\d:.,]*( ?)([A-Z]{3,5})");

    /**
     * The offsets of the zone abbreviations that name one offset each (CET is +01:00 wherever it is written; CST and IST
     * name zones of several offsets, and are not listed).
     */
    private static final java.util.Map<String, String> ZONE_OFFSETS = java.util.Map.ofEntries(
            java.util.Map.entry("CET", "+01:00"), java.util.Map.entry("CEST", "+02:00"),
            java.util.Map.entry("MEZ", "+01:00"), java.util.Map.entry("MESZ", "+02:00"),
            java.util.Map.entry("WET", "+00:00"), java.util.Map.entry("WEST", "+01:00"),
            java.util.Map.entry("EET", "+02:00"), java.util.Map.entry("EEST", "+03:00"),
            java.util.Map.entry("BST", "+01:00"), java.util.Map.entry("MSK", "+03:00"),
            java.util.Map.entry("EST", "-05:00"), java.util.Map.entry("EDT", "-04:00"), java.util.Map.entry("CDT", "-05:00"),
            java.util.Map.entry("MST", "-07:00"), java.util.Map.entry("MDT", "-06:00"),
            java.util.Map.entry("PST", "-08:00"), java.util.Map.entry("PDT", "-07:00"),
            java.util.Map.entry("JST", "+09:00"), java.util.Map.entry("AEST", "+10:00"), java.util.Map.entry("AEDT", "+11:00"),
            java.util.Map.entry("NZST", "+12:00"), java.util.Map.entry("NZDT", "+13:00"));

    /**
     * For a time refused as no ISO-8601 date-time ({@code written}) that is one followed by a zone's abbreviation
     * ({@code CET}, {@code CEST}): the offsets to write instead, with the pandas line that replaces every abbreviation
     * {@code cells} (the column's values) hold, for column {@code column}; "" for any other time. Trial 79c F5: a BMS
     * export's {@code 2026-03-29 01:00:00 CET} was refused with only {@code --set time=none}, which drops the order,
     * duplicate and gap checks, where CET and CEST name one offset each.
     */
    static String zoneNameAdvice(String written, Iterable<String> cells, String column) {
        if (!ZONE_NAMED.matcher(written.strip()).matches()) {
            return "";
        }
        java.util.Set<String> names = new java.util.TreeSet<>(java.util.Comparator.comparing(String::length).reversed()
                .thenComparing(java.util.Comparator.naturalOrder()));
        for (String cell : cells) {
            java.util.regex.Matcher m = ZONE_NAMED.matcher(cell.strip());
            if (m.matches()) {
                names.add(m.group(1) + m.group(2));
            }
        }
        List<String> known = names.stream().filter(n -> ZONE_OFFSETS.containsKey(n.strip())).toList();
        List<String> unknown = names.stream().map(String::strip).filter(n -> !ZONE_OFFSETS.containsKey(n)).distinct().toList();
        String py = "\"" + column.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        StringBuilder replace = new StringBuilder();
        for (String n : known) { // longest first: ' CEST' before ' CET'
            replace.append(".str.replace('").append(n).append("', '").append(ZONE_OFFSETS.get(n.strip())).append("', regex=False)");
        }
        return "; " + names.stream().map(String::strip).distinct().map(n -> "'" + n + "'").collect(java.util.stream.Collectors
                .joining(", ")) + " name time zones, which are not read: write the offset instead, as ISO-8601 does"
                + (known.isEmpty() ? "" : " (" + known.stream().map(String::strip).distinct().map(n -> n + " -> "
                + ZONE_OFFSETS.get(n)).collect(java.util.stream.Collectors.joining(", ")) + "; pandas: df[" + py + "] = df[" + py
                + "]" + replace + ")")
                + (unknown.isEmpty() ? "" : "; " + unknown.stream().map(n -> "'" + n + "'").collect(java.util.stream.Collectors
                .joining(", ")) + " name(s) no one offset known here (CST and IST name several zones): write those times with "
                + "their offset (+hh:mm) or in UTC")
                + ", and the order, duplicate and gap checks of the time column stay";
    }

    /** A day-first (or month-first) date with an optional time: {@code 08.12.2026 14:03:17}, {@code 8/12/2026 14:03}. */
    private static final java.util.regex.Pattern DAY_FIRST = java.util.regex.Pattern.compile(
            "(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4})(?:[ T](\\d{1,2}):(\\d{2})(:\\d{2})?)?");

    /**
     * For a time refused as no ISO-8601 date-time ({@code written}) that is a date written day first, as European
     * spreadsheets export them ({@code 08.12.2026 14:03:17}): the pandas line that rewrites column {@code column} in ISO-8601,
     * so that it stays the time column and its order check stays (trial 81a F2: the only advice was {@code --set time=none},
     * which drops the check, and rows out of order in new data were then scored without a word); "" for any other time.
     * {@code cells} are the column's values: one strftime format when they all have its form, else {@code dayfirst=True};
     * with '/' or '-' a first number above 12 says the day comes first, a second one the month. {@code read} is the
     * {@code pd.read_csv} that reads the file (empty for pandas' defaults), {@code layout} the arguments that write it back
     * so, {@code out} the file to write.
     */
    static String dayFirstAdvice(String written, Iterable<String> cells, String column, String read, String layout, String out) {
        java.util.regex.Matcher m = DAY_FIRST.matcher(written.strip());
        if (!m.matches()) {
            return "";
        }
        String separator = m.group(2);
        boolean dayFirst = separator.equals(".");
        boolean monthFirst = false;
        String shape = shape(m);
        boolean oneShape = true;
        for (String cell : cells) {
            java.util.regex.Matcher c = DAY_FIRST.matcher(cell.strip());
            if (!c.matches()) {
                continue; // refused on its own, or missing
            }
            oneShape &= shape(c).equals(shape) && c.group(2).equals(separator);
            dayFirst |= Integer.parseInt(c.group(1)) > 12;
            monthFirst |= !separator.equals(".") && Integer.parseInt(c.group(3)) > 12;
        }
        if (dayFirst && monthFirst) {
            return "";
        }
        boolean month = monthFirst; // else day first: '.' always, '/' and '-' unless a second number above 12 says otherwise
        String date = month ? "%m" + separator + "%d" + separator + "%Y" : "%d" + separator + "%m" + separator + "%Y";
        String between = m.group(5) == null ? "" : written.strip().substring(m.end(4), m.end(4) + 1); // ' ' or 'T'
        String format = date + (m.group(5) == null ? "" : between + "%H:%M" + (m.group(7) == null ? "" : ":%S"));
        String py = "\"" + column.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        String parse = oneShape ? "format='" + format + "'" : month ? "dayfirst=False" : "dayfirst=True";
        boolean time = m.group(5) != null || !oneShape;
        String day = m.group(1).length() == 2 ? "dd" : "d";
        String mon = m.group(3).length() == 2 ? "MM" : "M";
        String pattern = (month ? mon + separator + day : day + separator + mon) + separator + "yyyy" + (m.group(5) == null ? ""
                : (between.equals("T") ? "'T'" : between) + (m.group(5).length() == 2 ? "HH" : "H") + ":mm"
                + (m.group(7) == null ? "" : ":ss"));
        return "; '" + written.strip() + "' is a date written " + (month ? "month" : "day") + " first"
                + (dayFirst || monthFirst ? "" : " (or month first: then %m and %d swap)") + ", which is not read as a time "
                + "without its pattern: train with --set " + org.rnnlab.datasets.TextFiles.shellWord(SETTING + "=" + pattern)
                + " (a java.time pattern, recorded with the model and used for new files too) and the column stays the "
                + "time column, each sequence's time order checked; or write it as ISO-8601 (pandas: "
                + read + "df[" + py + "] = pd.to_datetime(df[" + py + "], " + parse + ").dt.strftime('" + (time ? "%Y-%m-%dT%H:%M:%S"
                : "%Y-%m-%d") + "'); df.to_csv(\"" + out.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" + layout
                + ", index=False), and read that file)";
    }

    /** The form of a {@link #DAY_FIRST} match: with a time or not, with seconds or not. */
    private static String shape(java.util.regex.Matcher m) {
        return (m.group(5) == null ? "date" : "time") + (m.group(7) == null ? "" : ":ss");
    }

    /**
     * The pandas line that reads local date-times of a known zone as instants, for the refusal of an hour repeated where
     * daylight saving time ends (trial 79c F8: a BMS exporting local times only was told to export offsets, and left to
     * work out the pandas): each sequence's times localised in their zone ({@code Europe/Berlin} stands for it), the repeated
     * hour told apart by the order of the rows ({@code ambiguous='infer'}), and written in UTC. Per sequence when there is an
     * id column ({@code id} null: the whole column).
     */
    static String localToUtc(String time, String id) {
        String t = "\"" + time.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        String local = "pd.to_datetime(s).dt.tz_localize('Europe/Berlin', ambiguous='infer').dt.tz_convert('UTC')";
        return "; local times of a known zone are converted with pandas (the zone for 'Europe/Berlin'; ambiguous='infer' tells "
                + "the repeated hour apart by the rows' order, so keep each sequence's rows in file order): df[" + t + "] = "
                + (id == null ? local.replace("(s)", "(df[" + t + "])") : "df.groupby(\"" + id.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\")[" + t + "].transform(lambda s: " + local + ")");
    }

    /** The time {@code written}, or null when it is neither a decimal number (finite or not) nor an ISO-8601 date(-time). */
    static Time parse(String written) {
        if (CsvTable.isDecimal(written)) {
            return new Time(Double.parseDouble(written), 0, 0, Kind.NUMBER);
        }
        Time formatted = byFormat(written);
        if (formatted != null) {
            return formatted;
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

package org.rnnlab.datasets.windows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.TextFiles;

/**
 * Cuts a long CSV series of several entities into windows of {@code length} rows and labels them.
 * <ul>
 *   <li>Rows are grouped by the entity column (they need not be contiguous) and sorted by time within each entity
 *       (stable; how many entities needed it is reported). Two rows of one entity at the same time are refused, naming
 *       both lines and whether they are identical (a historian's duplicated row).</li>
 *   <li>Times are numbers or ISO-8601 dates and date-times ({@code 2025-01-01T00:10:00Z}, {@code 2025-01-01 00:10:00},
 *       with or without an offset but one kind per column; local times are compared as written, no daylight saving
 *       time is applied). The events' times must be of the series' kind.</li>
 *   <li>Windows start at rows 0, stride, 2 stride, ... of each entity; rows after the last full window are left out
 *       (counted). A window whose consecutive rows lie further apart than {@code maxGap} is skipped (counted).</li>
 *   <li>Label: with an event log, the label of the entity's earliest event later than the window's last row and at
 *       most {@code horizon} after it (events at one time: the one first in the file), else the default label; without
 *       one, the label column's value at the window's last row (a window with it empty is skipped, counted).</li>
 * </ul>
 * Output: {@code sequence_id} (entity + "_" + the window's first time as written), the entity column under its own
 * name, {@code time} (as written), the feature columns (cells as written: empty cells and codes such as -9999 are left
 * for the reader's {@code --missing} and {@code naValues}), {@code label}.
 */
public final class SeriesWindows {

    /** The output's id, time and label column names: the CSV reader's defaults. */
    public static final String ID = "sequence_id";
    public static final String TIME = "time";
    public static final String LABEL = "label";

    /**
     * What to cut and how.
     *
     * @param input        the series
     * @param entity       entity column of the series (and of the events unless {@code eventEntity} is given)
     * @param time         time column of the series (and of the events unless {@code eventTime} is given)
     * @param length       rows per window, at least 1
     * @param stride       rows between window starts, at least 1
     * @param features     feature columns, or null for every column but the entity, time and label
     * @param label        the series' label column (without events), or null
     * @param events       event log, or null
     * @param eventEntity  the events' entity column, or null for {@code entity}
     * @param eventTime    the events' time column, or null for {@code time}
     * @param eventLabel   the events' label column
     * @param horizon      how far after a window's last row an event labels it (in seconds, or the time column's units)
     * @param defaultLabel label of a window without an event in its horizon
     * @param maxGap       longest step allowed inside a window (seconds or units); null: 1.5 times the median step;
     *                     infinite: no check
     * @param dropEventWindows whether a window with an event of its entity between its first and last row is skipped
     *                     (a fault in progress), rather than written and counted
     */
    public record Config(Path input, String entity, String time, int length, int stride, List<String> features, String label,
            Path events, String eventEntity, String eventTime, String eventLabel, double horizon, String defaultLabel,
            Double maxGap, boolean dropEventWindows) {
    }

    /** A skipped window, for the summary. */
    public record Skipped(String entity, String start, String reason) {
    }

    /**
     * What was cut.
     *
     * @param rows               rows read
     * @param features           the feature columns written
     * @param windowsPerLabel    windows written per label, most first
     * @param windowsPerEntity   windows written per entity, per label
     * @param unsortedEntities   entities whose rows were not in time order in the file (sorted)
     * @param firstUnsortedLine  the first line whose time went back within its entity, or -1
     * @param maxGap             the gap check's threshold (infinite: none)
     * @param medianStep         the median step between consecutive rows of an entity (NaN when none)
     * @param gapSkipped         windows skipped for a gap, in order
     * @param unlabelledSkipped  windows skipped for an empty label at their last row
     * @param tailRows           rows after each entity's last full window, summed
     * @param shortEntities      entities with fewer rows than one window
     * @param unknownEventEntities events of entities absent from the series, per entity
     * @param eventsRead         events read
     * @param windowsHoldingEvent windows with an event of their entity between their first and last row (written, or
     *                           skipped under {@code dropEventWindows})
     * @param tiedLabels         windows whose horizon's earliest time held events of different labels
     * @param kind               how the time column was read: number, local date-time or date-time with offset
     */
    public record Result(long rows, List<String> features, Map<String, Integer> windowsPerLabel,
            Map<String, Map<String, Integer>> windowsPerEntity, List<String> unsortedEntities, long firstUnsortedLine,
            double maxGap, double medianStep, List<Skipped> gapSkipped, int unlabelledSkipped, long tailRows,
            List<String> shortEntities, Map<String, Integer> unknownEventEntities, int eventsRead, int windowsHoldingEvent,
            int tiedLabels, Kind kind) {

        /** Windows written. */
        public int windows() {
            return windowsPerLabel.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** How a time column is written. */
    public enum Kind {
        NUMBER("numbers"), LOCAL("date-times without an offset"), OFFSET("date-times with an offset");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /** How messages name it. */
        public String words() {
            return words;
        }
    }

    private SeriesWindows() {
    }

    /** One parsed CSV file: header, rows and each row's 1-based line. */
    private record Table(Path file, List<String> header, List<String[]> rows, List<Long> lines) {
        int column(String name, String option) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new DatasetFormatException(file, 1, option + " '" + name + "' is not a column: the header has "
                        + String.join(", ", header));
            }
            return i;
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)([wdhms])");

    /**
     * A duration written {@code 7d}, {@code 12h}, {@code 30m}, {@code 90s}, {@code 2w} or combined ({@code 1d12h}), in
     * seconds; a plain number is seconds (or the units of a time column of numbers).
     */
    public static double duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+(\\.\\d+)?")) {
            return Double.parseDouble(t);
        }
        if (!t.matches("(\\d+(\\.\\d+)?[wdhms])+")) {
            throw new IllegalArgumentException("duration '" + text + "' must look like 7d, 12h, 30m, 90s, 2w, 1d12h or a number "
                    + "(seconds, or the units of a time column of numbers)");
        }
        double total = 0;
        Matcher m = DURATION.matcher(t);
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            total += v * switch (m.group(2)) {
                case "w" -> 604800;
                case "d" -> 86400;
                case "h" -> 3600;
                case "m" -> 60;
                default -> 1;
            };
        }
        return total;
    }

    /** A duration in seconds written back shortly: 7d, 12h, 10m, 1d12h, 90s. */
    public static String durationText(double seconds) {
        if (Double.isInfinite(seconds)) {
            return "none";
        }
        if (seconds != Math.rint(seconds) || seconds < 0) {
            return String.format(Locale.ROOT, "%.6gs", seconds);
        }
        long s = (long) seconds;
        if (s == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long[] units = {86400, 3600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (s >= units[i]) {
                b.append(s / units[i]).append(names[i]);
                s %= units[i];
            }
        }
        return b.toString();
    }

    private static final List<DateTimeFormatter> DATE_TIMES = dateTimes();

    private static List<DateTimeFormatter> dateTimes() {
        List<DateTimeFormatter> out = new ArrayList<>();
        for (char separator : new char[] {'T', ' '}) {
            for (String offset : new String[] {"+HH:MM:ss", "+HHMMss", "+HH"}) {
                out.add(new DateTimeFormatterBuilder().parseCaseInsensitive().append(DateTimeFormatter.ISO_LOCAL_DATE)
                        .appendLiteral(separator).append(DateTimeFormatter.ISO_LOCAL_TIME)
                        .optionalStart().appendOffset(offset, "Z").optionalEnd().toFormatter()
                        .withResolverStyle(ResolverStyle.STRICT));
            }
        }
        return List.copyOf(out);
    }

    /** A parsed time: seconds (since the epoch, local times as if UTC) and its kind. */
    private record Time(double seconds, Kind kind) {
    }

    /** The time {@code written}, or null when it is neither a decimal number nor an ISO-8601 date(-time). */
    static Time parseTime(String written) {
        if (written.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
            return new Time(Double.parseDouble(written), Kind.NUMBER);
        }
        if (written.length() < 10 || written.charAt(4) != '-') {
            return null;
        }
        if (written.length() == 10) {
            try {
                return new Time(LocalDate.parse(written).toEpochDay() * 86400.0, Kind.LOCAL);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        for (DateTimeFormatter f : DATE_TIMES) {
            TemporalAccessor t;
            try {
                t = f.parse(written);
            } catch (DateTimeParseException e) {
                continue;
            }
            LocalDateTime local = LocalDateTime.of(LocalDate.from(t), java.time.LocalTime.from(t));
            boolean zoned = t.isSupported(ChronoField.OFFSET_SECONDS);
            ZoneOffset offset = zoned ? ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
            return new Time(local.toEpochSecond(offset) + local.getNano() / 1e9, zoned ? Kind.OFFSET : Kind.LOCAL);
        }
        return null;
    }

    private static Table read(Path file, String what) {
        String text = TextFiles.readUtf8(file, what);
        int[] lineStarts = TextFiles.lineStarts(text);
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).build();
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                long line = lineOf(lineStarts, record.getCharacterPosition());
                String[] values = record.values();
                if (header == null) {
                    header = List.of(values);
                    for (int i = 0; i < values.length; i++) {
                        if (values[i].isEmpty()) {
                            throw new DatasetFormatException(file, line, "header column " + (i + 1) + " has no name");
                        }
                        if (header.indexOf(values[i]) != i) {
                            throw new DatasetFormatException(file, line, "header names column '" + values[i] + "' twice");
                        }
                    }
                    continue;
                }
                if (values.length != header.size()) {
                    throw new DatasetFormatException(file, line, values.length + " fields where the header has " + header.size()
                            + " (" + String.join(",", header) + ")");
                }
                rows.add(values);
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new DatasetFormatException(file, "not readable as CSV (RFC 4180, comma-separated): " + e.getMessage());
        }
        if (header == null) {
            throw new DatasetFormatException(file, "is empty: expected a header line and rows");
        }
        return new Table(file, header, rows, lines);
    }

    private static long lineOf(int[] lineStarts, long position) {
        int i = Arrays.binarySearch(lineStarts, (int) position);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** The times of a column, all of one kind. */
    private static double[] times(Table t, int column, String option, Kind expected, String expectedFrom) {
        double[] out = new double[t.rows.size()];
        Kind kind = expected;
        long kindLine = -1;
        for (int r = 0; r < out.length; r++) {
            String v = t.rows.get(r)[column];
            Time time = parseTime(v);
            if (time == null || Double.isNaN(time.seconds) || Double.isInfinite(time.seconds)) {
                throw new DatasetFormatException(t.file, t.lines.get(r), "time '" + v + "' in column '" + t.header.get(column)
                        + "' (" + option + ") is not a number nor an ISO-8601 date or date-time (2025-01-01T00:10:00Z, "
                        + "2025-01-01 00:10:00, 2025-01-01T00:10:00+01:00, 2025-01-01)");
            }
            if (kind == null) {
                kind = time.kind;
                kindLine = t.lines.get(r);
            } else if (kind != time.kind) {
                String before = kindLine >= 0 ? "line " + kindLine + " holds " + kind.words() : expectedFrom + " holds " + kind.words();
                throw new DatasetFormatException(t.file, t.lines.get(r), "time '" + v + "' in column '" + t.header.get(column)
                        + "' is one of " + time.kind.words() + " where " + before + ": write every time of one kind (convert "
                        + "local times to UTC, e.g. 2025-01-01T00:10:00Z, with pandas' tz_localize(...).tz_convert('UTC'))");
            }
            out[r] = time.seconds;
        }
        return out;
    }

    /**
     * Reads, cuts and labels; writes the windows to {@code out} (not closed).
     *
     * @throws DatasetFormatException when a file is malformed, naming its line and column
     * @throws IllegalArgumentException when the configuration does not fit the files (an output name taken twice)
     */
    public static Result cut(Config c, Writer out) throws IOException {
        if (c.length < 1 || c.stride < 1) {
            throw new IllegalArgumentException("length and stride must be at least 1");
        }
        Table s = read(c.input, "a CSV series file");
        int entityCol = s.column(c.entity, "--entity");
        int timeCol = s.column(c.time, "--time");
        if (entityCol == timeCol) {
            throw new IllegalArgumentException("--entity and --time name the same column '" + c.entity + "'");
        }
        int labelCol = c.label == null ? -1 : s.column(c.label, "--label");
        if (labelCol == entityCol || labelCol == timeCol) {
            throw new IllegalArgumentException("--label names the " + (labelCol == entityCol ? "--entity" : "--time") + " column");
        }
        List<Integer> featureCols = new ArrayList<>();
        if (c.features != null) {
            for (String f : c.features) {
                int i = s.column(f, "--features");
                if (i == entityCol || i == timeCol || i == labelCol || featureCols.contains(i)) {
                    throw new IllegalArgumentException("--features: column '" + f + "' is "
                            + (featureCols.contains(i) ? "named twice" : "the entity, time or label column"));
                }
                featureCols.add(i);
            }
        } else {
            for (int i = 0; i < s.header.size(); i++) {
                if (i != entityCol && i != timeCol && i != labelCol) {
                    featureCols.add(i);
                }
            }
        }
        if (featureCols.isEmpty()) {
            throw new DatasetFormatException(c.input, 1, "no feature column: the header has only the entity, time and label columns");
        }
        List<String> outHeader = new ArrayList<>(List.of(ID, s.header.get(entityCol), TIME));
        featureCols.forEach(i -> outHeader.add(s.header.get(i)));
        outHeader.add(LABEL);
        for (int i = 0; i < outHeader.size(); i++) {
            if (outHeader.indexOf(outHeader.get(i)) != i) {
                String name = outHeader.get(i);
                throw new IllegalArgumentException("the output would have two columns named '" + name + "': '" + ID + "', '"
                        + TIME + "' and '" + LABEL + "' are the output's id, time and label columns (the CSV reader's defaults), "
                        + "so the series' column '" + name + "' cannot keep its name"
                        + (c.label == null && LABEL.equals(name) ? "; give --label " + name + " if it holds the labels, or leave "
                        + "it out with --features" : "; leave it out with --features or rename it"));
            }
        }
        if (s.rows.isEmpty()) {
            throw new DatasetFormatException(c.input, "has a header but no rows");
        }
        double[] t = times(s, timeCol, "--time", null, null);
        Kind kind = parseTime(s.rows.get(0)[timeCol]).kind;

        // rows per entity, in first-appearance order, then sorted by time (stable)
        Map<String, List<Integer>> byEntity = new LinkedHashMap<>();
        for (int r = 0; r < s.rows.size(); r++) {
            String e = s.rows.get(r)[entityCol];
            if (e.isEmpty()) {
                throw new DatasetFormatException(c.input, s.lines.get(r), "empty entity in column '" + c.entity + "' (--entity)");
            }
            byEntity.computeIfAbsent(e, k -> new ArrayList<>()).add(r);
        }
        List<String> unsorted = new ArrayList<>();
        long firstUnsorted = -1;
        List<Double> steps = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> en : byEntity.entrySet()) {
            List<Integer> rows = en.getValue();
            for (int k = 1; k < rows.size(); k++) {
                if (t[rows.get(k)] < t[rows.get(k - 1)]) {
                    unsorted.add(en.getKey());
                    long line = s.lines.get(rows.get(k));
                    firstUnsorted = firstUnsorted < 0 ? line : Math.min(firstUnsorted, line);
                    rows.sort(Comparator.comparingDouble(r -> t[r]));
                    break;
                }
            }
            for (int k = 1; k < rows.size(); k++) {
                int a = rows.get(k - 1);
                int b = rows.get(k);
                if (t[a] == t[b]) {
                    boolean same = Arrays.equals(s.rows.get(a), s.rows.get(b));
                    throw new DatasetFormatException(c.input, s.lines.get(b), "time '" + s.rows.get(b)[timeCol] + "' of "
                            + c.entity + " '" + en.getKey() + "' (column '" + c.time + "') repeats line " + s.lines.get(a)
                            + (same ? ", every value the same: a duplicated row (drop duplicates first, e.g. pandas "
                            + "df.drop_duplicates())" : ", with other values: two readings at one time (a local hour repeated "
                            + "when daylight saving time ends? write times in UTC or with their offset)"));
                }
                steps.add(t[b] - t[a]);
            }
        }
        double median = Double.NaN;
        if (!steps.isEmpty()) {
            double[] sorted = steps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            median = sorted[(sorted.length - 1) / 2];
        }
        double maxGap = c.maxGap != null ? c.maxGap : Double.isNaN(median) ? Double.POSITIVE_INFINITY : 1.5 * median;

        // events per entity, sorted by time (stable: file order at equal times)
        Map<String, List<double[]>> eventTimes = new LinkedHashMap<>(); // {time, index into eventLabels}
        List<String> eventLabels = new ArrayList<>();
        Map<String, Integer> unknown = new TreeMap<>();
        int eventsRead = 0;
        if (c.events != null) {
            Table ev = read(c.events, "a CSV events file");
            String eEntity = c.eventEntity != null ? c.eventEntity : c.entity;
            String eTime = c.eventTime != null ? c.eventTime : c.time;
            int ee = ev.column(eEntity, "--event-entity (default: the --entity name)");
            int et = ev.column(eTime, "--event-time (default: the --time name)");
            int el = ev.column(c.eventLabel, "--event-label");
            double[] times = times(ev, et, "--event-time", kind, c.input + " (column '" + c.time + "')");
            for (int r = 0; r < ev.rows.size(); r++) {
                String[] row = ev.rows.get(r);
                if (row[el].isEmpty()) {
                    throw new DatasetFormatException(c.events, ev.lines.get(r), "empty label in column '" + c.eventLabel
                            + "' (--event-label)");
                }
                eventsRead++;
                if (!byEntity.containsKey(row[ee])) {
                    unknown.merge(row[ee], 1, Integer::sum);
                    continue;
                }
                eventLabels.add(row[el]);
                eventTimes.computeIfAbsent(row[ee], k -> new ArrayList<>()).add(new double[] {times[r], eventLabels.size() - 1});
            }
            eventTimes.values().forEach(l -> l.sort(Comparator.comparingDouble(x -> x[0])));
        }

        CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").build());
        printer.printRecord(outHeader);
        Map<String, Integer> perLabel = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> perEntity = new LinkedHashMap<>();
        List<Skipped> gapSkipped = new ArrayList<>();
        int unlabelled = 0;
        long tail = 0;
        List<String> shortEntities = new ArrayList<>();
        int holding = 0;
        int tied = 0;
        for (Map.Entry<String, List<Integer>> en : byEntity.entrySet()) {
            String entity = en.getKey();
            List<Integer> rows = en.getValue();
            if (rows.size() < c.length) {
                shortEntities.add(entity);
                continue;
            }
            List<double[]> events = eventTimes.getOrDefault(entity, List.of());
            int lastStart = -1;
            for (int start = 0; start + c.length <= rows.size(); start += c.stride) {
                lastStart = start;
                int first = rows.get(start);
                int last = rows.get(start + c.length - 1);
                boolean gap = false;
                for (int k = start + 1; k < start + c.length && !gap; k++) {
                    gap = t[rows.get(k)] - t[rows.get(k - 1)] > maxGap;
                }
                if (gap) {
                    gapSkipped.add(new Skipped(entity, s.rows.get(first)[timeCol], "gap"));
                    continue;
                }
                String label;
                if (c.events != null) {
                    double end = t[last];
                    int next = firstAfter(events, end);
                    label = c.defaultLabel;
                    if (next < events.size() && events.get(next)[0] <= end + c.horizon) {
                        label = eventLabels.get((int) events.get(next)[1]);
                        for (int k = next + 1; k < events.size() && events.get(k)[0] == events.get(next)[0]; k++) {
                            if (!eventLabels.get((int) events.get(k)[1]).equals(label)) {
                                tied++;
                                break;
                            }
                        }
                    }
                    int inside = firstAtOrAfter(events, t[first]);
                    if (inside < events.size() && events.get(inside)[0] <= end) {
                        holding++;
                        if (c.dropEventWindows) {
                            continue;
                        }
                    }
                } else {
                    label = s.rows.get(last)[labelCol];
                    if (label.isEmpty()) {
                        unlabelled++;
                        continue;
                    }
                }
                String id = entity + "_" + s.rows.get(first)[timeCol];
                for (int k = start; k < start + c.length; k++) {
                    String[] row = s.rows.get(rows.get(k));
                    List<String> cells = new ArrayList<>(outHeader.size());
                    cells.add(id);
                    cells.add(entity);
                    cells.add(row[timeCol]);
                    featureCols.forEach(i -> cells.add(row[i]));
                    cells.add(label);
                    printer.printRecord(cells);
                }
                perLabel.merge(label, 1, Integer::sum);
                perEntity.computeIfAbsent(entity, k -> new LinkedHashMap<>()).merge(label, 1, Integer::sum);
            }
            tail += rows.size() - (lastStart + c.length);
        }
        printer.flush();
        Map<String, Integer> sortedLabels = new LinkedHashMap<>();
        perLabel.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> sortedLabels.put(e.getKey(), e.getValue()));
        List<String> featureNames = featureCols.stream().map(s.header::get).toList();
        return new Result(s.rows.size(), featureNames, sortedLabels, perEntity, unsorted, firstUnsorted, maxGap, median,
                gapSkipped, unlabelled, tail, shortEntities, unknown, eventsRead, holding, tied, kind);
    }

    /** The index of the first event at or after {@code time} (events sorted by time). */
    private static int firstAtOrAfter(List<double[]> events, double time) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid)[0] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The index of the first event later than {@code time} (events sorted by time). */
    private static int firstAfter(List<double[]> events, double time) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid)[0] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

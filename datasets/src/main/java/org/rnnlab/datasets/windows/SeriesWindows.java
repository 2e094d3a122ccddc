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
import org.rnnlab.datasets.FileEncoding;
import org.rnnlab.datasets.TextFiles;

/**
 * Cuts a long CSV series of several entities into windows of {@code length} rows and labels them.
 * <ul>
 *   <li>Rows are grouped by the entity column (they need not be contiguous) and sorted by time within each entity
 *       (stable; how many entities needed it is reported). Where an entity's time goes back only where a device clock
 *       restarts (every increasing run at least {@value #MIN_SEGMENT_ROWS} rows, each backward jump landing inside the
 *       run before it), its rows stay in file order as clock segments that no window crosses ({@link Restart}); a time
 *       repeated with other values counts as such a jump (a drifting clock; warned of). Two rows of one segment at the
 *       same time are refused, naming both lines and whether they are identical (a historian's duplicated row).</li>
 *   <li>Times are numbers or ISO-8601 dates and date-times ({@code 2025-01-01T00:10:00Z}, {@code 2025-01-01 00:10:00},
 *       with or without an offset but one kind per column; local times are compared as written, no daylight saving
 *       time is applied), or another form of {@link Reading#timeFormat}; with {@link Reading#zone}, local times are taken
 *       in that zone as instants and written with their offset. The events' times must be of the series' kind, except
 *       that times with an offset and epoch seconds or milliseconds (both instants) are converted.</li>
 *   <li>Windows start at rows 0, stride, 2 stride, ... of each entity; rows after the last full window are left out
 *       (counted). A window whose consecutive rows lie further apart than {@code maxGap} is skipped (counted).</li>
 *   <li>With intervals, a row's label is that of the intervals covering it ({@code [start, end)}); a window's label
 *       follows by the {@link LabelRule}, windows without one skipped and counted by reason.</li>
 *   <li>Label: with an event log, the label of the entity's earliest event later than the window's last row and at
 *       most {@code horizon} after it (events at one time: the one first in the file), else the default label; without
 *       one, the label column's value at the window's last row (a window with it empty is skipped, counted; by the
 *       {@link LabelRule}, the windows whose rows hold two or more labels counted, {@link Result#mixedLabelWindows}). Without a
 *       default label, a window no event labels is skipped (counted). Without events, intervals or a label column, the
 *       windows are written without a label column (for predict).</li>
 *   <li>With {@code last}, only each entity's last windows are cut, aligned on its last row.</li>
 *   <li>With {@link Config#anchorEvents}, each event makes one window from its time + offset (ids and labels from the
 *       event), an event whose window does not fit a segment of rows skipped and counted by reason.</li>
 * </ul>
 * Output: {@code sequence_id} (entity + "_" + the window's first time as written), the entity column under its own
 * name, {@code time} (as written), the feature columns (cells as written: empty cells and codes such as -9999 are left
 * for the reader's {@code --missing} and {@code naValues}), {@code label} (when labelled).
 */
public final class SeriesWindows {

    /** The output's id, time and label column names: the CSV reader's defaults. */
    public static final String ID = "sequence_id";
    public static final String TIME = "time";
    public static final String LABEL = "label";
    /** The output's column of each window's file, relative to the input folder (folder input only). */
    public static final String SOURCE = "source";
    /** The entity level of the folder holding each file ({@link Config#entityFolder}). */
    public static final String FOLDER = "folder";

    /**
     * What to cut and how.
     *
     * @param input        the series
     * @param entity       entity column of the series (and of the events unless {@code eventEntity} is given)
     * @param time         time column of the series (and of the events unless {@code eventTime} is given)
     * @param length       rows per window, at least 1
     * @param stride       rows between window starts, at least 1
     * @param features     feature columns, or null for every column but the entity, time, label and kept columns (a
     *                     column of text only, no number, is then refused naming {@code --keep} and {@code --features})
     * @param label        the series' label column (without events), or null
     * @param events       event log, or null
     * @param eventEntity  the events' entity column, or null for {@code entity}
     * @param eventTime    the events' time column, or null for {@code time}
     * @param eventLabel   the events' label column
     * @param horizon      how far after a window's last row an event labels it (in the time column's units, or seconds
     *                     when {@code written} says it was written with a unit)
     * @param defaultLabel label of a window without an event in its horizon; null: such a window is skipped (counted)
     * @param maxGap       longest step allowed inside a window (as {@code horizon}); null: 2.5 times the median step (one
     *                     missing row passes, two in a row do not); infinite: no check
     * @param dropEventWindows whether a window with an event of its entity between its first and last row is skipped
     *                     (a fault in progress), rather than written and counted
     * @param keep         columns copied to every output row of a window (refused when they vary within one), or null
     * @param intervals    interval annotations labelling the windows, or null
     * @param labelRule    how a window's label follows from its rows' labels (intervals, label column); null: {@link
     *                     LabelRule#ALL} with intervals, {@link LabelRule#LAST} with a label column
     * @param last         keep only each entity's last {@code last} windows, aligned so that the last one ends at the
     *                     entity's last row (its last clock segment's); 0: every window, from each entity's first row
     * @param reading      how the files (series, events, intervals alike) are read: encoding, delimiter; null: {@link
     *                     Reading#DEFAULT}
     * @param entityFolder with a folder as {@code input}: {@value #FOLDER} (each file's entity is the name of the folder
     *                     holding it) or {@code folder:N} (the N-th folder level below {@code input}, 1 = the first), as
     *                     train's {@code --set groupFrom}; {@code entity} is then the output's name for that column (and
     *                     the events' or intervals' entity column by default); null: the entity is the column {@code
     *                     entity} of the files
     * @param anchorEvents whether each event makes one window ({@code --anchor events}), starting at the entity's first row
     *                     at or after the event's time + {@code offset}, labelled by the event's label ({@code eventLabel}
     *                     null: unlabelled), its id {@code eventId}'s value or entity + "_" + the event's time as written;
     *                     {@code stride}, {@code horizon}, {@code defaultLabel}, {@code dropEventWindows} and {@code last}
     *                     do not apply; events whose window would not fit a segment of rows are skipped, counted by reason
     * @param offset       with {@code anchorEvents}: the window's start relative to the event's time (as {@code horizon};
     *                     negative: before it)
     * @param eventId      with {@code anchorEvents}: the events' id column naming each window, or null
     * @param written      which of {@code horizon}, {@code offset} and {@code maxGap} were written with a unit (2s, 7d,
     *                     500ms) and so are seconds of real time, converted to the time column's units (epoch
     *                     milliseconds: times 1000); null: all are in the time column's units (seconds for date-times)
     */
    public record Config(Path input, String entity, String time, int length, int stride, List<String> features, String label,
            Path events, String eventEntity, String eventTime, String eventLabel, double horizon, String defaultLabel,
            Double maxGap, boolean dropEventWindows, List<String> keep, Intervals intervals, LabelRule labelRule, int last,
            Reading reading, String entityFolder, boolean anchorEvents, double offset, String eventId,
            Written written) {

        /** Durations in the time column's units (none written with a unit). */
        public Config(Path input, String entity, String time, int length, int stride, List<String> features, String label,
                Path events, String eventEntity, String eventTime, String eventLabel, double horizon, String defaultLabel,
                Double maxGap, boolean dropEventWindows, List<String> keep, Intervals intervals, LabelRule labelRule, int last,
                Reading reading, String entityFolder, boolean anchorEvents, double offset, String eventId) {
            this(input, entity, time, length, stride, features, label, events, eventEntity, eventTime, eventLabel, horizon,
                    defaultLabel, maxGap, dropEventWindows, keep, intervals, labelRule, last, reading, entityFolder,
                    anchorEvents, offset, eventId, null);
        }

        /** Windows on the stride grid (not anchored at the events). */
        public Config(Path input, String entity, String time, int length, int stride, List<String> features, String label,
                Path events, String eventEntity, String eventTime, String eventLabel, double horizon, String defaultLabel,
                Double maxGap, boolean dropEventWindows, List<String> keep, Intervals intervals, LabelRule labelRule, int last,
                Reading reading, String entityFolder) {
            this(input, entity, time, length, stride, features, label, events, eventEntity, eventTime, eventLabel, horizon,
                    defaultLabel, maxGap, dropEventWindows, keep, intervals, labelRule, last, reading, entityFolder, false, 0,
                    null);
        }

        /** The entity from a column of the series. */
        public Config(Path input, String entity, String time, int length, int stride, List<String> features, String label,
                Path events, String eventEntity, String eventTime, String eventLabel, double horizon, String defaultLabel,
                Double maxGap, boolean dropEventWindows, List<String> keep, Intervals intervals, LabelRule labelRule, int last,
                Reading reading) {
            this(input, entity, time, length, stride, features, label, events, eventEntity, eventTime, eventLabel, horizon,
                    defaultLabel, maxGap, dropEventWindows, keep, intervals, labelRule, last, reading, null);
        }

        /** Read as UTF-8, comma-separated. */
        public Config(Path input, String entity, String time, int length, int stride, List<String> features, String label,
                Path events, String eventEntity, String eventTime, String eventLabel, double horizon, String defaultLabel,
                Double maxGap, boolean dropEventWindows, List<String> keep, Intervals intervals, LabelRule labelRule, int last) {
            this(input, entity, time, length, stride, features, label, events, eventEntity, eventTime, eventLabel, horizon,
                    defaultLabel, maxGap, dropEventWindows, keep, intervals, labelRule, last, null);
        }

        /** Every window, from each entity's first row. */
        public Config(Path input, String entity, String time, int length, int stride, List<String> features, String label,
                Path events, String eventEntity, String eventTime, String eventLabel, double horizon, String defaultLabel,
                Double maxGap, boolean dropEventWindows, List<String> keep, Intervals intervals, LabelRule labelRule) {
            this(input, entity, time, length, stride, features, label, events, eventEntity, eventTime, eventLabel, horizon,
                    defaultLabel, maxGap, dropEventWindows, keep, intervals, labelRule, 0);
        }

        /** Whether the windows are labelled (events, intervals or a label column given): else written without a label. */
        public boolean labelled() {
            return events != null && (eventLabel != null || !anchorEvents) || intervals != null || label != null;
        }

        /** Without kept columns or intervals. */
        public Config(Path input, String entity, String time, int length, int stride, List<String> features, String label,
                Path events, String eventEntity, String eventTime, String eventLabel, double horizon, String defaultLabel,
                Double maxGap, boolean dropEventWindows) {
            this(input, entity, time, length, stride, features, label, events, eventEntity, eventTime, eventLabel, horizon,
                    defaultLabel, maxGap, dropEventWindows, null, null, null);
        }
    }

    /**
     * How the CSV files are read, the series, events and intervals alike (one portal exports them all).
     *
     * @param encoding  the files' encoding, or null: strict UTF-8 (with or without a byte order mark), refused with the
     *                  advice to declare one
     * @param delimiter the column separator
     * @param timeFormat a java.time pattern of the time columns ({@code dd.MM.yyyy HH:mm}), or null: numbers and ISO-8601
     *                  only; a cell that does not fit it is read as without it, and a date alone fits the pattern's part
     *                  before its first space (the day's start)
     * @param zone      the time zone of local times (with daylight saving time), or null: local times compared as written
     */
    public record Reading(FileEncoding encoding, char delimiter, String timeFormat, java.time.ZoneId zone) {
        /** UTF-8, comma-separated, times as written. */
        public static final Reading DEFAULT = new Reading(null, ',');

        /** Times as written. */
        public Reading(FileEncoding encoding, char delimiter) {
            this(encoding, delimiter, null, null);
        }

        /** Whether times are read otherwise than as written (and so written ISO-8601 in the output). */
        boolean convertsTimes() {
            return timeFormat != null || zone != null;
        }
    }

    /**
     * The durations of a {@link Config} as written on the command line, each null when not given or written as a bare
     * number (in the time column's units); one written with a unit ({@link #hasUnit}) is seconds of real time.
     *
     * @param horizon the horizon as written ({@code --horizon})
     * @param offset  the offset as written ({@code --offset})
     * @param maxGap  the longest step as written ({@code --max-gap})
     */
    public record Written(String horizon, String offset, String maxGap) {
        /** Each of {@code horizon}, {@code offset}, {@code maxGap} kept only when written with a unit. */
        public static Written of(String horizon, String offset, String maxGap) {
            return new Written(hasUnit(horizon) ? horizon.strip() : null, hasUnit(offset) ? offset.strip() : null,
                    hasUnit(maxGap) ? maxGap.strip() : null);
        }
    }

    /** Whether a duration is written with a unit (2s, 7d, 500ms, -2s), not as a bare number of the time column's units. */
    public static boolean hasUnit(String duration) {
        return duration != null && duration.strip().toLowerCase(Locale.ROOT).matches("[+-]?(\\d+(\\.\\d+)?(ms|[wdhms]))+");
    }

    /** A reading's time formats: the whole pattern and its date part (null without a pattern). */
    private record Formats(DateTimeFormatter full, DateTimeFormatter date) {
        static Formats of(Reading rd) {
            if (rd.timeFormat == null) {
                return new Formats(null, null);
            }
            DateTimeFormatter full = DateTimeFormatter.ofPattern(rd.timeFormat, Locale.ROOT);
            int space = rd.timeFormat.indexOf(' ');
            return new Formats(full, space > 0 ? DateTimeFormatter.ofPattern(rd.timeFormat.substring(0, space), Locale.ROOT) : null);
        }
    }

    /**
     * Interval annotations: one row per annotated bout, {@code [start, end)} (start inclusive, end exclusive), of one
     * entity.
     *
     * @param file   the CSV file
     * @param entity its entity column, or null for the series' entity column name
     * @param start  its start column
     * @param end    its end column
     * @param label  its label column (labels are taken as written, spaces included)
     */
    public record Intervals(Path file, String entity, String start, String end, String label) {
    }

    /** How a window's label follows from the labels of its rows. */
    public enum LabelRule {
        /** Every row holds the same one label (rows unlabelled, in conflicting intervals or of two labels: skipped). */
        ALL,
        /** The label of more than half of the rows. */
        MAJORITY,
        /** The label of the last row. */
        LAST
    }

    /**
     * A place where an entity's time went back, treated as a clock restart.
     *
     * @param entity the entity
     * @param line   the line of the first row after the jump
     * @param back   how far the time went back (in the time column's units: {@link Result#unitsPerSecond})
     * @param from   the time before the jump, as written
     * @param to     the time at {@code line}, as written
     * @param file   the file of {@code line}
     */
    public record Restart(String entity, long line, double back, String from, String to, Path file) {
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
     * @param firstUnsortedLine  the first line whose time went back within a sorted entity, or -1
     * @param maxGap             the gap check's threshold (infinite: none)
     * @param medianStep         the median step between consecutive rows of an entity (NaN when none)
     * @param gapSkipped         windows skipped for a gap, in order
     * @param unlabelledSkipped  windows skipped for an empty label column at their last row (label rule last)
     * @param tailRows           rows after each entity's (or clock segment's) last full window, summed (with {@code
     *                           last}: the rows before each entity's first window written)
     * @param shortEntities      entities with fewer rows than one window
     * @param unknownEventEntities events (or intervals) of entities absent from the series, per entity
     * @param eventsRead         events read
     * @param windowsHoldingEvent windows with an event of their entity between their first and last row (written, or
     *                           skipped under {@code dropEventWindows})
     * @param tiedLabels         windows whose horizon's earliest time held events of different labels
     * @param kind               how the time column was read: number, local date-time or date-time with offset
     * @param restarts           places where an entity's time went back and its rows were kept in file order as clock
     *                           segments (no window crosses one)
     * @param windowsWithDroppedRows written windows holding a step longer than 1.5 times the median step (a dropped row)
     * @param labelSkipped       windows skipped by the label rule, per reason
     * @param labelRule          the label rule applied (null with events)
     * @param intervalsRead      intervals read
     * @param conflictingOverlaps pairs of overlapping intervals of one entity with different labels
     * @param firstConflictLine  the file line of the later interval of the first such pair, or -1
     * @param labelSpellings     groups of labels that differ only by case or surrounding space
     * @param unannotatedEntities entities of the series with no interval
     * @param keep               the kept columns
     * @param noEventSkipped     windows skipped for no event in their horizon (no default label)
     * @param labelled           whether the windows were written with a label column
     * @param warnings           what was read otherwise than written (a trailing delimiter skipped), for standard error
     * @param dstGaps            of the windows skipped for a gap, those whose gap is a local time's step of one hour more
     *                           than the median, to 01:00-04:59 of a Sunday in March (daylight saving time starting)
     * @param files              with a folder as input, the .csv files read (0: one file)
     * @param firstUnsortedFile  the file of {@code firstUnsortedLine}, or null
     * @param relabelled         with a label map ({@link org.rnnlab.datasets.csv.LabelMap#applying}): per label it changed, how many
     *                           events, intervals or rows it read as another label (in the order first met); empty without one
     * @param anchored           whether each event made one window ({@link Config#anchorEvents})
     * @param eventsSkipped      anchored: the events that made no window, per reason (in the order first met)
     * @param eventsSkippedExamples anchored: per reason, up to 3 such events ({@code entity at time (line N)})
     * @param unitsPerSecond     the time column's units per second: 1 for date-times and epoch seconds, 1000 for epoch
     *                           milliseconds, that of a column name ending in _ms, _s, _min or _h for other numbers; 0
     *                           when unknown (plain numbers): {@link #durationText(double, double)} prints durations so
     * @param horizon            the horizon applied, in the time column's units
     * @param offset             the offset applied (anchored), in the time column's units
     * @param dstRestarts        of the places where the clock went back, those that look like daylight saving time
     *                           ending in local wall-clock times (back by about an hour, within a step, in the night of a
     *                           day clocks are put back in Europe or the US); not in {@code restarts}
     * @param unknownEntityLabels the labels (stripped, as written) of the events or intervals of entities absent from the
     *                           series, for a label map's check
     * @param dstRegion          where clocks change in the night of the first place a local time went back or skipped
     *                           an hour ({@link #dstNight}: "Europe" or "US"), or null
     * @param shortSegments      clock segments (of entities with a window's rows or more) shorter than one window: no
     *                           window could start in them (not with {@code last} or anchored)
     * @param shortSegmentRows   their rows, not in {@code tailRows}
     * @param emptyCells         per feature column with any, the empty cells written (a slower device's channel merged
     *                           onto a faster one's grid is mostly empty)
     * @param mixedLabelWindows  with the label rule {@link LabelRule#LAST} or {@link LabelRule#MAJORITY}: the windows
     *                           written whose rows hold two or more labels (each labelled by the rule, not of one label);
     *                           0 otherwise
     */
    public record Result(long rows, List<String> features, Map<String, Integer> windowsPerLabel,
            Map<String, Map<String, Integer>> windowsPerEntity, List<String> unsortedEntities, long firstUnsortedLine,
            double maxGap, double medianStep, List<Skipped> gapSkipped, int unlabelledSkipped, long tailRows,
            List<String> shortEntities, Map<String, Integer> unknownEventEntities, int eventsRead, int windowsHoldingEvent,
            int tiedLabels, Kind kind, List<Restart> restarts, int windowsWithDroppedRows, Map<String, Integer> labelSkipped,
            LabelRule labelRule, int intervalsRead, int conflictingOverlaps, long firstConflictLine,
            List<List<String>> labelSpellings, List<String> unannotatedEntities, List<String> keep, int noEventSkipped,
            boolean labelled, List<String> warnings, int dstGaps, int files, Path firstUnsortedFile,
            Map<String, Long> relabelled, boolean anchored, Map<String, Integer> eventsSkipped,
            Map<String, List<String>> eventsSkippedExamples, double unitsPerSecond, double horizon, double offset,
            List<Restart> dstRestarts, java.util.Set<String> unknownEntityLabels, String dstRegion, int shortSegments,
            long shortSegmentRows, Map<String, Long> emptyCells, int mixedLabelWindows) {

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

    /**
     * One parsed CSV file, or the files of a folder one after the other: header, rows (held by column, {@link Column}:
     * numbers compactly, every cell given back as written) and each row's 1-based line; the rows of file {@code k}
     * ({@code files}, {@code sources}: its path relative to the folder) start at row {@code fileStarts[k]}.
     */
    private static final class Table {
        final Path file;
        final List<String> header;
        final Column[] columns;
        private int[] lines = new int[16];
        private int size;
        List<Path> files;
        List<String> sources;
        int[] fileStarts;

        Table(Path file, List<String> header) {
            this.file = file;
            this.header = header;
            this.columns = new Column[header.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = new Column();
            }
            this.files = List.of(file);
            this.sources = List.of(file.toString());
            this.fileStarts = new int[] {0};
        }

        /** Appends a row read at {@code line}, with {@code extra} (non-null) as its last cell. */
        void add(String[] values, long line, String extra) {
            for (int i = 0; i < values.length; i++) {
                columns[i].add(values[i]);
            }
            if (extra != null) {
                columns[values.length].add(extra);
            }
            if (size == lines.length) {
                lines = Arrays.copyOf(lines, size * 2);
            }
            lines[size++] = (int) line;
        }

        /** The rows. */
        int size() {
            return size;
        }

        /** The cell of row {@code r}, column {@code c}, as written. */
        String cell(int r, int c) {
            return columns[c].get(r);
        }

        /** Row {@code r}'s cells, as written. */
        String[] row(int r) {
            String[] out = new String[columns.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = columns[i].get(r);
            }
            return out;
        }

        /** The file line of row {@code r}. */
        long line(int r) {
            return lines[r];
        }

        /** Whether rows {@code a} and {@code b} hold the same cells. */
        boolean sameRow(int a, int b) {
            for (Column col : columns) {
                if (!col.get(a).equals(col.get(b))) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether rows {@code a} and {@code b} (at one time) look like rows of two sources: no column but {@code except} is
         * filled in both with different values, and each fills a column the other leaves empty (a watch's acc_* on one,
         * a chest strap's heart_rate on the other: a union of two devices' rows, trial 73c F2).
         */
        boolean twoSources(int a, int b, int except) {
            boolean onlyA = false;
            boolean onlyB = false;
            for (int i = 0; i < columns.length; i++) {
                if (i == except) {
                    continue;
                }
                boolean inA = !columns[i].get(a).isBlank();
                boolean inB = !columns[i].get(b).isBlank();
                if (inA && inB && !columns[i].get(a).equals(columns[i].get(b))) {
                    return false;
                }
                onlyA |= inA && !inB;
                onlyB |= inB && !inA;
            }
            return onlyA && onlyB;
        }

        /** The index of the file holding row {@code r}. */
        int fileIndex(int r) {
            int i = Arrays.binarySearch(fileStarts, r);
            if (i < 0) {
                return -i - 2;
            }
            while (i + 1 < fileStarts.length && fileStarts[i + 1] == r) { // files without rows start where the next does
                i++;
            }
            return i;
        }

        /** The file holding row {@code r}. */
        Path fileOf(int r) {
            return files.get(fileIndex(r));
        }

        int column(String name, String option) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new DatasetFormatException(file, 1, option + " '" + name + "' is not a column: the header has "
                        + String.join(", ", header));
            }
            return i;
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|[wdhms])");

    /**
     * A duration written {@code 7d}, {@code 12h}, {@code 30m}, {@code 90s}, {@code 500ms}, {@code 2w} or combined ({@code
     * 1d12h}), in seconds; a plain number is returned as it is (the units of the time column: seconds for date-times).
     */
    public static double duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+(\\.\\d+)?")) {
            return Double.parseDouble(t);
        }
        if (!t.matches("(\\d+(\\.\\d+)?(ms|[wdhms]))+")) {
            throw new IllegalArgumentException("duration '" + text + "' must look like 7d, 12h, 30m, 90s, 500ms, 2w, 1d12h or "
                    + "a bare number (in the time column's units: seconds for date-times, milliseconds for epoch milliseconds)");
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
                case "ms" -> 0.001;
                default -> 1;
            };
        }
        return total;
    }

    /**
     * A duration in the time column's units written back in real units ({@link #durationText(double)}), with {@code
     * unitsPerSecond} 1000 for epoch milliseconds; 0 (unknown units): the bare number, "in the time column's units".
     */
    public static String durationText(double value, double unitsPerSecond) {
        if (Double.isInfinite(value)) {
            return "none";
        }
        if (unitsPerSecond > 0) {
            return durationText(value / unitsPerSecond);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(5)).stripTrailingZeros().toPlainString()
                + " (time column units)";
    }

    /** A duration in seconds written back shortly: 7d, 12h, 10m, 1d12h, 90s, 1.5s, 20ms. */
    public static String durationText(double seconds) {
        if (Double.isInfinite(seconds)) {
            return "none";
        }
        if (seconds > 0 && seconds < 1) {
            return new java.math.BigDecimal(seconds * 1000).round(new java.math.MathContext(5)).stripTrailingZeros()
                    .toPlainString() + "ms";
        }
        if (seconds != Math.rint(seconds) || seconds < 0) {
            // five significant digits, without trailing zeros: 0.1s for a step of 0.0999999 between two epoch times
            return new java.math.BigDecimal(seconds).round(new java.math.MathContext(5)).stripTrailingZeros().toPlainString()
                    + "s";
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

    /** The time {@code written} in the pattern of {@code f}, else as {@link #parseTime(String)} reads it. */
    private static Time parseTime(String written, Formats f) {
        if (f.full != null) {
            try {
                LocalDateTime local = LocalDateTime.parse(written, f.full);
                return new Time(local.toEpochSecond(ZoneOffset.UTC) + local.getNano() / 1e9, Kind.LOCAL);
            } catch (DateTimeParseException e) {
                // below
            }
            if (f.date != null) {
                try {
                    return new Time(LocalDate.parse(written, f.date).toEpochDay() * 86400.0, Kind.LOCAL);
                } catch (DateTimeParseException e) {
                    // below
                }
            }
        }
        return parseTime(written);
    }

    /** The time {@code written}, or null when it is neither a decimal number nor an ISO-8601 date(-time). */
    static Time parseTime(String written) {
        if (written.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
            return new Time(Double.parseDouble(written), Kind.NUMBER);
        }
        if (written.length() < 10 || written.charAt(4) != '-') {
            return null;
        }
        // BigQuery's TIMESTAMP in CSV, 2026-11-02 00:33:04.391000 UTC: offset 0 (and an offset after a space), as the long
        // layout's reader takes it
        written = org.rnnlab.datasets.csv.TimeStamps.offsetAsIso(written);
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

    /**
     * The delimiter an Excel first line {@code sep=X} names, as read with {@code delimiter}: {@code sep=} and an empty field
     * when X is the delimiter itself, {@code sep=X} in one field when it is another; 0 when the row is not such a line (as
     * train's CSV reader takes it).
     */
    static char excelSeparatorLine(String[] row, char delimiter) {
        if (row.length == 2 && row[0].strip().equalsIgnoreCase("sep=") && row[1].isBlank()) {
            return delimiter;
        }
        if (row.length == 1 && row[0].strip().length() == 5 && row[0].strip().regionMatches(true, 0, "sep=", 0, 4)) {
            return row[0].strip().charAt(4);
        }
        return 0;
    }

    /** The option that reads a file separated by {@code d}. */
    private static String delimiterOption(char d) {
        return "--delimiter " + (d == '\t' ? "tab" : "'" + d + "'");
    }

    /**
     * Reads a CSV file in the encoding and with the delimiter of {@code rd}. A delimiter at the end of every line (empty
     * last names in the header, empty last cells or none) is dropped, with a warning in {@code warnings}; a header read as
     * one column that holds another usual delimiter is refused naming the option that reads it.
     */
    private static Table read(Path file, String what, boolean trim, Reading rd, List<String> warnings) {
        Table[] made = new Table[1];
        parse(file, what, trim, rd, warnings, header -> made[0] = new Table(file, header), null);
        return made[0];
    }

    /**
     * Parses a CSV file as {@link #read} does, appending its rows (each with {@code extra} as a last cell, when not null)
     * to the table {@code sink} gives for its header (null: the rows are passed over); returns the header.
     */
    private static List<String> parse(Path file, String what, boolean trim, Reading rd, List<String> warnings,
            java.util.function.Function<List<String>, Table> sink, String extra) {
        Table into = null;
        String text = FileEncoding.reading(rd.encoding, () -> TextFiles.readText(file, what));
        int[] lineStarts = TextFiles.lineStarts(text);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(rd.delimiter).setIgnoreEmptyLines(true).setTrim(trim)
                .build();
        int trailing = 0;
        List<String> header = null;
        boolean excelLine = false;
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                long line = lineOf(lineStarts, record.getCharacterPosition());
                String[] values = record.values();
                if (header == null && !excelLine) {
                    char said = excelSeparatorLine(values, rd.delimiter);
                    if (said != 0) {
                        // Excel's first line naming the delimiter ("sep=;"), which Excel hides and train skips (a trial:
                        // "5 fields where the header has 1 (sep=)")
                        excelLine = true;
                        if (said != rd.delimiter) {
                            throw new DatasetFormatException(file, line, "'sep=" + (said == '\t' ? "<TAB>" : String.valueOf(said))
                                    + "' is Excel's line naming the file's delimiter, and the file is read with '" + rd.delimiter
                                    + "': read it with " + delimiterOption(said) + " (it applies to every file data windows reads)");
                        }
                        continue;
                    }
                }
                if (header == null) {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = values[i].strip();
                    }
                    int named = values.length;
                    while (named > 1 && values[named - 1].isEmpty()) {
                        named--;
                    }
                    trailing = values.length - named;
                    values = Arrays.copyOf(values, named);
                    if (values.length == 1) {
                        for (char d : new char[] {';', '\t', '|', ','}) {
                            if (d != rd.delimiter && values[0].indexOf(d) >= 0) {
                                throw new DatasetFormatException(file, line, "the header reads as one column but holds "
                                        + (d == '\t' ? "tabs" : "'" + d + "'") + ": is the file " + (d == '\t' ? "tab" : d)
                                        + "-separated? Read it with " + delimiterOption(d) + " (it applies to every file "
                                        + "data windows reads)");
                            }
                        }
                    }
                    header = List.of(values);
                    for (int i = 0; i < values.length; i++) {
                        if (values[i].isEmpty()) {
                            throw new DatasetFormatException(file, line, "header column " + (i + 1) + " has no name");
                        }
                        if (header.indexOf(values[i]) != i) {
                            throw new DatasetFormatException(file, line, "header names column '" + values[i] + "' twice");
                        }
                    }
                    into = sink.apply(header);
                    continue;
                }
                if (values.length > header.size() && values.length <= header.size() + trailing) {
                    for (int i = header.size(); i < values.length; i++) {
                        if (!values[i].isEmpty()) {
                            throw new DatasetFormatException(file, line, "column " + (i + 1) + " has no name in the header ("
                                    + String.join(",", header) + ") but holds '" + values[i] + "' here");
                        }
                    }
                    values = Arrays.copyOf(values, header.size());
                }
                if (values.length != header.size()) {
                    throw new DatasetFormatException(file, line, values.length + " fields where the header has " + header.size()
                            + " (" + String.join(String.valueOf(rd.delimiter), header) + ")");
                }
                if (into != null) {
                    into.add(values, line, extra);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new DatasetFormatException(file, "not readable as CSV (RFC 4180, " + (rd.delimiter == ',' ? "comma"
                    : delimiterOption(rd.delimiter)) + "-separated): " + e.getMessage());
        }
        if (header == null) {
            throw new DatasetFormatException(file, "is empty: expected a header line and rows");
        }
        text = null;
        if (trailing > 0) {
            warnings.add(file + ": the last " + (trailing == 1 ? "column" : trailing + " columns") + " of the header "
                    + (trailing == 1 ? "has" : "have") + " no name and no value on any line (a delimiter at the end of every "
                    + "line, as some exporters write): skipped");
        }
        return header;
    }

    /**
     * The level of an entity folder spec: 0 for {@value #FOLDER}, N for {@code folder:N} (N at least 1), -1 for anything
     * else.
     */
    public static int folderLevel(String spec) {
        String t = spec == null ? "" : spec.strip();
        if (t.equals(FOLDER)) {
            return 0;
        }
        if (t.startsWith(FOLDER + ":")) {
            try {
                int n = Integer.parseInt(t.substring(FOLDER.length() + 1).strip());
                return n >= 1 ? n : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * The series: one file, or every {@code .csv} file under a folder (recursively, sorted by their paths relative to
     * it, with '/' between folders; hidden files and folders, whose names start with '.', passed over), one after the
     * other, all with the first file's header (else refused naming the files that differ). With {@link
     * Config#entityFolder}, a last column named {@link Config#entity} holds each file's folder name at that level.
     */
    private static Table readSeries(Config c, Reading rd, List<String> warnings) {
        if (!java.nio.file.Files.isDirectory(c.input)) {
            if (c.entityFolder != null) {
                throw new IllegalArgumentException("the entity from the folders (" + c.entityFolder + ") needs a folder as "
                        + "input, not the file " + c.input);
            }
            return read(c.input, "a CSV series file", true, rd, warnings);
        }
        int level = c.entityFolder == null ? 0 : folderLevel(c.entityFolder);
        if (level < 0) {
            throw new IllegalArgumentException("the entity from the folders must be folder (the name of the folder holding "
                    + "each file) or folder:N (the N-th folder level below the input folder, 1 = the first), got '"
                    + c.entityFolder + "'");
        }
        List<List<String>> found = new ArrayList<>();
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(c.input)) {
            walk.filter(java.nio.file.Files::isRegularFile).forEach(p -> {
                List<String> parts = new ArrayList<>();
                c.input.relativize(p).forEach(part -> parts.add(part.toString()));
                if (parts.stream().noneMatch(x -> x.startsWith("."))
                        && parts.get(parts.size() - 1).toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    found.add(parts);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + c.input, e);
        }
        found.sort(Comparator.comparing(parts -> String.join("/", parts)));
        if (found.isEmpty()) {
            throw new DatasetFormatException(c.input, "no .csv files in the folder or its sub-folders (expected one CSV "
                    + "series file per entity and recording, e.g. DIR/cow07/2025-03-14.csv)");
        }
        List<Path> files = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (List<String> parts : found) {
            String rel = String.join("/", parts);
            int folders = parts.size() - 1;
            String name = c.entityFolder == null ? null : level == 0 ? (folders >= 1 ? parts.get(folders - 1) : null)
                    : folders >= level ? parts.get(level - 1) : null;
            if (c.entityFolder != null && name == null) {
                long outside = found.stream().filter(q -> level == 0 ? q.size() < 2 : q.size() - 1 < level).count();
                throw new DatasetFormatException(c.input, "--entity " + c.entityFolder + " names each file's entity by its "
                        + "folder, but " + outside + " file(s) lie outside such a folder, e.g. " + rel + ", "
                        + (folders == 0 ? "directly in the input folder" : folders + " folder level" + (folders == 1 ? "" : "s")
                        + " below the input folder") + " (expected every .csv file " + (level == 0
                        ? "in a folder below the input folder" : "at least " + level + " folder level(s) below the input folder")
                        + ": move such files into a folder or out of " + c.input + ")");
            }
            files.add(c.input.resolve(String.join(java.io.File.separator, parts)));
            sources.add(rel);
            names.add(name);
        }
        // every file's rows appended to one table, held by column; a file of another header is passed over and named
        Table[] all = new Table[1];
        List<List<String>> headers = new ArrayList<>();
        List<Integer> differ = new ArrayList<>();
        int[] starts = new int[files.size()];
        for (int k = 0; k < files.size(); k++) {
            int file = k;
            starts[k] = all[0] == null ? 0 : all[0].size();
            headers.add(parse(files.get(k), "a CSV series file", true, rd, warnings, h -> {
                if (all[0] == null) {
                    List<String> header = new ArrayList<>(h);
                    if (c.entityFolder != null) {
                        if (header.contains(c.entity)) {
                            throw new IllegalArgumentException("the files have a column '" + c.entity + "', the name given to "
                                    + "the entity from the folders (--entity " + c.entityFolder + "): take the entity from that "
                                    + "column (--entity " + c.entity + ") or rename it");
                        }
                        header.add(c.entity);
                    }
                    all[0] = new Table(c.input, List.copyOf(header));
                    return all[0];
                }
                if (!h.equals(headers.get(0))) {
                    differ.add(file);
                    return null;
                }
                return all[0];
            }, c.entityFolder != null ? names.get(k) : null));
        }
        if (!differ.isEmpty()) {
            int k = differ.get(0);
            List<String> differing = differ.stream().map(i -> sources.get(i) + " (" + String.join(",", headers.get(i))
                    + ")").toList();
            throw new DatasetFormatException(files.get(k), 1, "header " + String.join(",", headers.get(k))
                    + " differs from the first file's, " + sources.get(0) + " (" + String.join(",", headers.get(0))
                    + "): every .csv file under " + c.input + " must have the same columns in the same order; "
                    + differing.size() + " of " + files.size() + " file(s) differ: " + String.join(", ",
                    differing.stream().limit(5).toList()) + (differing.size() > 5 ? ", ..." : "")
                    + severalDevices(sources, headers));
        }
        Table t = all[0];
        t.files = List.copyOf(files);
        t.sources = List.copyOf(sources);
        t.fileStarts = starts;
        return t;
    }

    /** Header kinds up to which files of several headers, one of each per folder, are taken for several devices. */
    static final int MAX_DEVICES = 4;

    /**
     * The hint for files of several headers that look like several devices per entity: 2 to {@value #MAX_DEVICES} header
     * kinds and every folder holding exactly one file of each (a trial's dev/pNN/watch.csv and strap.csv, two devices per
     * participant, were refused with "must have the same columns" and no word on joining them); else "".
     *
     * @param sources each file's path below the input folder, '/'-separated
     * @param headers each file's header, in the same order
     */
    static String severalDevices(List<String> sources, List<List<String>> headers) {
        List<List<String>> kinds = headers.stream().distinct().toList();
        if (kinds.size() < 2 || kinds.size() > MAX_DEVICES) {
            return "";
        }
        Map<String, List<Integer>> byFolder = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            int slash = sources.get(i).lastIndexOf('/');
            byFolder.computeIfAbsent(slash < 0 ? "" : sources.get(i).substring(0, slash), f -> new ArrayList<>())
                    .add(kinds.indexOf(headers.get(i)));
        }
        for (List<Integer> inFolder : byFolder.values()) {
            if (inFolder.size() != kinds.size() || inFolder.stream().distinct().count() != kinds.size()) {
                return "";
            }
        }
        String folder = byFolder.keySet().iterator().next();
        List<String> example = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            int slash = sources.get(i).lastIndexOf('/');
            if ((slash < 0 ? "" : sources.get(i).substring(0, slash)).equals(folder)) {
                example.add(sources.get(i));
            }
        }
        return String.format(Locale.ROOT, ". These look like several devices per entity (%d kinds of header, one file of each "
                        + "in every one of the %d folder(s), e.g. %s): rnnlab does not join them. Merge each entity's files onto "
                        + "one time grid first (pandas merge_asof, or resample each onto one rate; correct any known clock "
                        + "offset between the devices first), leaving slower channels empty between their samples, and train "
                        + "with --missing interpolate; see docs/guide/your-data.md#several-devices-or-sampling-rates",
                kinds.size(), byFolder.size(), String.join(" and ", example));
    }

    private static long lineOf(int[] lineStarts, long position) {
        int i = Arrays.binarySearch(lineStarts, (int) position);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /**
     * The times of a column, all of one kind. With a time zone, local times become instants (kind {@link Kind#OFFSET}): a
     * time in the hour skipped when daylight saving time starts is refused; one in the hour repeated when it ends takes the
     * earlier offset, or the later one when an earlier row of its entity ({@code entityCol}, -1: none) in file order lies
     * at or after it with the earlier (the clock went back an hour); such rows are counted in {@code warnings}.
     */
    private static double[] times(Table t, int column, String option, Kind expected, String expectedFrom, double epochUnits,
            Reading rd, Formats f, int entityCol, List<String> warnings) {
        return times(t, column, option, expected, expectedFrom, epochUnits, rd, f, entityCol, warnings, null);
    }

    /**
     * As above; with {@code nonexistent} (not null), a local time that does not exist in the zone (the hour skipped when
     * daylight saving time starts) is not refused: its row is added to {@code nonexistent} and its time is NaN.
     */
    private static double[] times(Table t, int column, String option, Kind expected, String expectedFrom, double epochUnits,
            Reading rd, Formats f, int entityCol, List<String> warnings, List<Integer> nonexistent) {
        double[] out = new double[t.size()];
        int converted = 0;
        long firstConverted = -1;
        Kind kind = expected;
        long kindLine = -1;
        Map<String, Double> lastOfEntity = new java.util.HashMap<>();
        int repeated = 0;
        long firstRepeated = -1;
        int firstRepeatedRow = -1;
        for (int r = 0; r < out.length; r++) {
            String v = t.cell(r, column);
            Time time = parseTime(v, f);
            if (time == null || Double.isNaN(time.seconds) || Double.isInfinite(time.seconds)) {
                throw new DatasetFormatException(t.fileOf(r), t.line(r), "time '" + v + "' in column '" + t.header.get(column)
                        + "' (" + option + ") is not " + (rd.timeFormat != null ? "a date-time of --time-format '"
                        + rd.timeFormat + "', " : "") + "a number nor an ISO-8601 date or date-time (2025-01-01T00:10:00Z, "
                        + "2025-01-01 00:10:00, 2025-01-01T00:10:00+01:00, 2025-01-01)"
                        + (rd.timeFormat == null ? "; other forms are read with --time-format (e.g. 'dd.MM.yyyy HH:mm')" : ""));
            }
            if (rd.zone != null && time.kind == Kind.LOCAL) {
                long sec = (long) Math.floor(time.seconds);
                double frac = time.seconds - sec;
                LocalDateTime local = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
                List<ZoneOffset> offsets = rd.zone.getRules().getValidOffsets(local);
                if (offsets.isEmpty() && nonexistent != null) {
                    nonexistent.add(r);
                    out[r] = Double.NaN;
                    continue;
                }
                if (offsets.isEmpty()) {
                    throw new DatasetFormatException(t.fileOf(r), t.line(r), "time '" + v + "' in column '"
                            + t.header.get(column) + "' does not exist in time zone " + rd.zone + " (--time-zone): its clocks "
                            + "skip that hour when daylight saving time starts (a clock that was not put forward? or "
                            + "another zone)");
                }
                double instant = local.toEpochSecond(offsets.get(0)) + frac;
                String entity = entityCol >= 0 ? t.cell(r, entityCol) : null;
                if (offsets.size() == 2) {
                    repeated++;
                    firstRepeatedRow = firstRepeated < 0 ? r : firstRepeatedRow;
                    firstRepeated = firstRepeated < 0 ? t.line(r) : firstRepeated;
                    Double before = entity == null ? null : lastOfEntity.get(entity);
                    if (before != null && instant <= before) {
                        instant = local.toEpochSecond(offsets.get(1)) + frac;
                    }
                }
                if (entity != null) {
                    lastOfEntity.put(entity, instant);
                }
                time = new Time(instant, Kind.OFFSET);
            }
            if (kind == null) {
                kind = time.kind;
                kindLine = t.line(r);
            } else if (kind != time.kind) {
                // an instant against epoch numbers (both instants): converted, not refused
                if (kind == Kind.NUMBER && time.kind == Kind.OFFSET && epochUnits > 0) {
                    time = new Time(time.seconds * epochUnits, Kind.NUMBER);
                    converted++;
                    firstConverted = firstConverted < 0 ? t.line(r) : firstConverted;
                } else if (kind == Kind.OFFSET && time.kind == Kind.NUMBER && expected == Kind.OFFSET
                        && epochUnitsOf(time.seconds) > 0) {
                    time = new Time(time.seconds / epochUnitsOf(time.seconds), Kind.OFFSET);
                    converted++;
                    firstConverted = firstConverted < 0 ? t.line(r) : firstConverted;
                } else {
                    String before = kindLine >= 0 ? "line " + kindLine + " holds " + kind.words() : expectedFrom + " holds "
                            + kind.words();
                    boolean numbers = kind == Kind.NUMBER || time.kind == Kind.NUMBER;
                    boolean local = kind == Kind.LOCAL || time.kind == Kind.LOCAL;
                    throw new DatasetFormatException(t.fileOf(r), t.line(r), "time '" + v + "' in column '" + t.header.get(column)
                            + "' is one of " + time.kind.words() + " where " + before + ": write every time of one kind ("
                            // --time-zone reads the local times as instants, which fixes it (trial 73c F6: only pandas was named)
                            + (!numbers ? "give --time-zone ZONE, the zone the local times were written in (e.g. "
                            + "--time-zone Europe/Berlin), to read them as instants; or convert local times to UTC, e.g. "
                            + "2025-01-01T00:10:00Z, with pandas' tz_localize(...).tz_convert('UTC'))"
                            : local ? "date-times without an offset are local wall-clock times, not instants: if the numbers "
                            + "are epoch seconds, write the date-times with their offset, e.g. 2025-01-01T00:10:00Z for UTC "
                            + "(pandas' tz_localize('UTC')), and they are converted; or write both as numbers)"
                            : "these numbers are not epoch seconds or milliseconds (1e8 to 1e11 s, 1e11 to 1e14 ms), so they "
                            + "cannot be compared with instants: write both as numbers of one unit, e.g. epoch seconds with "
                            + "pandas' pd.to_datetime(df[" + "'" + t.header.get(column).replace("\\", "\\\\").replace("'", "\\'") + "'"
                            + "], utc=True).astype('int64') / 1e9)"));
                }
            }
            out[r] = time.seconds;
        }
        if (converted > 0) {
            warnings.add(converted + " time(s) of " + t.file + " (column '" + t.header.get(column) + "', first at line "
                    + firstConverted + ") " + (expected == Kind.NUMBER ? "with an offset were read as epoch "
                    + (epochUnits == 1 ? "seconds" : "milliseconds") + ", as " + expectedFrom + " holds them"
                    : "written as numbers were read as epoch " + "seconds (or milliseconds from 1e11 on), as " + expectedFrom
                    + " holds date-times with an offset") + ": both are instants");
        }
        if (repeated > 0) {
            warnings.add(repeated + " time(s) of " + t.file + " (column '" + t.header.get(column) + "', first at line "
                    + firstRepeated + (t.files.size() > 1 ? " of " + t.fileOf(firstRepeatedRow) : "") + ") fall in an hour "
                    + "repeated in " + rd.zone + " when daylight saving time ends: read "
                    + (entityCol >= 0 ? "in file order per entity, the earlier offset first and the later once the time "
                    + "goes back" : "with the earlier offset") + "; write times with their offset if that is wrong");
        }
        return out;
    }

    /**
     * The units per second of epoch times of this size: 1 for seconds (1e8 to 1e11: 1973 to 5138), 1000 for milliseconds
     * (1e11 to 1e14), 0 for other numbers.
     */
    static double epochUnitsOf(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        double a = Math.abs(v);
        return a >= 1e8 && a < 1e11 ? 1 : a >= 1e11 && a < 1e14 ? 1000 : 0;
    }

    private static final Pattern UNIT_NAME = Pattern.compile(
            "(?:^|.*[^a-z])(ms|millis|milliseconds|s|sec|secs|seconds|min|mins|minutes|h|hr|hrs|hours)[)\\]]?");

    /**
     * The units per second a time column's name declares by its last word (ts_ms, millis: 1000; time_s, t_sec, seconds:
     * 1; t_min: 1/60; elapsed_h, hours: 1/3600), or 0.
     */
    static double unitsOfName(String name) {
        Matcher m = UNIT_NAME.matcher(name.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return 0;
        }
        return switch (m.group(1)) {
            case "ms", "millis", "milliseconds" -> 1000;
            case "min", "mins", "minutes" -> 1.0 / 60;
            case "h", "hr", "hrs", "hours" -> 1.0 / 3600;
            default -> 1;
        };
    }

    /**
     * Where clocks are put back or forward in the night of this local time (seconds as if UTC), between 00:00 and 04:59:
     * "Europe" on the last Sunday of March or October, "US" on the second Sunday of March or the first of November, else
     * null.
     */
    static String dstNight(double seconds) {
        LocalDateTime at = LocalDateTime.ofEpochSecond((long) Math.floor(seconds), 0, ZoneOffset.UTC);
        if (at.getDayOfWeek() != java.time.DayOfWeek.SUNDAY || at.getHour() >= 5) {
            return null;
        }
        int day = at.getDayOfMonth();
        return switch (at.getMonth()) {
            case MARCH -> day + 7 > 31 ? "Europe" : day > 7 && day <= 14 ? "US" : null;
            case OCTOBER -> day + 7 > 31 ? "Europe" : null;
            case NOVEMBER -> day <= 7 ? "US" : null;
            default -> null;
        };
    }

    /** The zone to suggest for daylight saving time changes of a region of {@link #dstNight}. */
    public static String dstZoneExample(String region) {
        return "US".equals(region) ? "America/New_York" : "Europe/Berlin";
    }

    /** Fewest rows of each increasing run for an entity's backward jumps to be taken as clock restarts. */
    public static final int MIN_SEGMENT_ROWS = 10;

    private static final int UNLABELLED = -1;
    private static final int CONFLICT = -2;

    /** The skip reasons of the label rules, as the summary says them. */
    public static final String MIXED = "straddle rows of different labels";
    public static final String UNANNOTATED = "hold rows no interval covers";
    public static final String CONFLICTING = "hold rows in overlapping intervals of different labels";
    public static final String NO_MAJORITY = "have no label on more than half of their rows";
    public static final String LAST_UNANNOTATED = "end with a row no interval covers";
    public static final String LAST_CONFLICTING = "end with a row in overlapping intervals of different labels";

    /** The reasons an anchored event makes no window ({@link Config#anchorEvents}), as the summary says them. */
    public static final String EVENT_OUTSIDE = "fall outside the series (before its first row, after its last, or between "
            + "two files or clock segments)";
    public static final String EVENT_IN_GAP = "start in a gap (no row within --max-gap after the event's time + offset)";
    public static final String EVENT_PAST_FILE = "run past the end of their file";
    public static final String EVENT_PAST_SERIES = "run past the end of the series";
    public static final String EVENT_PAST_SEGMENT = "run past the end of a clock segment (the clock went back or repeated a "
            + "time)";
    public static final String EVENT_ACROSS_GAP = "cross a gap longer than --max-gap";
    public static final String EVENT_SAME_ID = "repeat the window id of an earlier event";
    public static final String EVENT_NO_SUCH_TIME = "start from a local time that does not exist in the --time-zone (in the "
            + "hour its clocks skip when daylight saving time starts: a catalogue time not put forward?)";

    private static boolean isNumber(String v) {
        return v.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?") || v.equalsIgnoreCase("nan");
    }

    /**
     * Reads, cuts and labels; writes the windows to {@code out} (not closed).
     *
     * @throws DatasetFormatException when a file is malformed, naming its line and column
     * @throws IllegalArgumentException when the configuration does not fit the files (an output name taken twice)
     */
    public static Result cut(Config c, Writer out) throws IOException {
        org.rnnlab.datasets.csv.LabelMap labelMap = org.rnnlab.datasets.csv.LabelMap.current();
        Map<String, Long> relabelled = new LinkedHashMap<>();
        java.util.function.UnaryOperator<String> mapped = v -> {
            String to = labelMap == null ? v : labelMap.apply(v);
            if (!to.equals(v)) {
                relabelled.merge(v.strip(), 1L, Long::sum);
            }
            return to;
        };
        if (c.length < 1 || c.stride < 1) {
            throw new IllegalArgumentException("length and stride must be at least 1");
        }
        if (c.intervals != null && (c.events != null || c.label != null)) {
            throw new IllegalArgumentException("intervals, events and a label column each label the windows: give one");
        }
        if (c.labelRule != null && (c.events != null || !c.labelled())) {
            throw new IllegalArgumentException("a label rule applies to intervals or a label column, not to events");
        }
        if (c.last < 0) {
            throw new IllegalArgumentException("last must be at least 1 (0: every window)");
        }
        if (c.anchorEvents && (c.events == null || c.last > 0 || c.dropEventWindows)) {
            throw new IllegalArgumentException(c.events == null ? "windows anchored at events need an event log"
                    : "windows anchored at events are one per event: last and dropEventWindows do not apply");
        }
        if (!c.anchorEvents && c.eventId != null) {
            throw new IllegalArgumentException("an event id column names windows anchored at events only");
        }
        boolean labelled = c.labelled();
        LabelRule rule = c.events != null || !labelled ? null : c.labelRule != null ? c.labelRule
                : c.intervals != null ? LabelRule.ALL : LabelRule.LAST;
        Reading rd = c.reading != null ? c.reading : Reading.DEFAULT;
        List<String> warnings = new ArrayList<>();
        Table s = readSeries(c, rd, warnings);
        boolean folder = s.files.size() > 1 || !s.files.get(0).equals(c.input);
        int entityCol = s.column(c.entity, "--entity");
        int timeCol = s.column(c.time, "--time");
        if (entityCol == timeCol) {
            throw new IllegalArgumentException("--entity and --time name the same column '" + c.entity + "'");
        }
        int labelCol = c.label == null ? -1 : s.column(c.label, "--label");
        if (labelCol == entityCol || labelCol == timeCol) {
            throw new IllegalArgumentException("--label names the " + (labelCol == entityCol ? "--entity" : "--time") + " column");
        }
        List<Integer> keepCols = new ArrayList<>();
        for (String k : c.keep == null ? List.<String>of() : c.keep) {
            int i = s.column(k, "--keep");
            if (i == entityCol || i == timeCol || i == labelCol || keepCols.contains(i)) {
                throw new IllegalArgumentException("--keep: column '" + k + "' is "
                        + (keepCols.contains(i) ? "named twice" : "the entity, time or label column (written anyway)"));
            }
            keepCols.add(i);
        }
        // a ';' or tab file holding decimal commas (any column but the entity, time and label) writes its numbers so
        // throughout, and '.' groups thousands in it (Excel's #.##0: 120.002 is 120002, 1.200,5 is 1200.5), as train's
        // decimal=comma reads it; a trial's bottle counter reached training a thousand times too small
        DecimalCommas commas = DecimalCommas.find(s, rd.delimiter, java.util.Set.of(entityCol, timeCol, labelCol));
        // yes/no columns of a spreadsheet (TRUE/FALSE, German WAHR/FALSCH, French VRAI/FAUX, ...; with 0/1 from another
        // export): written as 1 and 0, which train reads (a trial's valve flag passed through as text, refused one command later)
        Map<Integer, String> booleans = new java.util.HashMap<>();
        for (int i = 0; i < s.header.size(); i++) {
            if (i != entityCol && i != timeCol && i != labelCol && !keepCols.contains(i) && !s.columns[i].numeric()) {
                String pair = booleanColumn(s, i);
                if (pair != null) {
                    booleans.put(i, pair);
                }
            }
        }
        List<Integer> featureCols = new ArrayList<>();
        if (c.features != null) {
            for (String f : c.features) {
                int i = s.column(f, "--features");
                if (i == entityCol || i == timeCol || i == labelCol || featureCols.contains(i) || keepCols.contains(i)) {
                    throw new IllegalArgumentException("--features: column '" + f + "' is "
                            + (featureCols.contains(i) ? "named twice" : keepCols.contains(i) ? "a --keep column"
                            : "the entity, time or label column"));
                }
                featureCols.add(i);
            }
        } else {
            for (int i = 0; i < s.header.size(); i++) {
                if (i != entityCol && i != timeCol && i != labelCol && !keepCols.contains(i)) {
                    featureCols.add(i);
                }
            }
            // a column of text only (a second id such as a cow's name) is no feature: say so rather than write it as one
            for (int i : featureCols) {
                if (s.columns[i].numeric()) {
                    continue;
                }
                long firstText = -1;
                int textRow = -1;
                String text = null;
                boolean number = false;
                for (int r = 0; r < s.size() && !number; r++) {
                    String v = s.cell(r, i);
                    if (v.isEmpty()) {
                        continue;
                    }
                    if (isNumber(v) || commas.file() && commas.number(v) || booleans.containsKey(i)) { // written as a number
                        number = true;
                    } else if (firstText < 0) {
                        firstText = s.line(r);
                        textRow = r;
                        text = v;
                    }
                }
                if (!number && firstText >= 0) {
                    throw new DatasetFormatException(s.fileOf(textRow), firstText, "column '" + s.header.get(i) + "' holds text ('" + text
                            + "') and no number, and would be a feature (without --features every column but the entity, "
                            + "time and label is one): give --keep " + s.header.get(i) + " to copy it to every row of its "
                            + "window (an id such as a group), or --features to name the feature columns");
                }
            }
        }
        if (featureCols.isEmpty()) {
            throw new DatasetFormatException(s.files.get(0), 1, "no feature column: the header has only the entity, time, label and kept "
                    + "columns");
        }
        if (commas.file()) {
            for (int i : featureCols) {
                commas.check(s, i);
            }
        } else if (rd.delimiter != ',') {
            for (int i : featureCols) {
                String grouped = DecimalCommas.groupedOnly(s, i);
                if (grouped != null) {
                    warnings.add("column '" + s.header.get(i) + "' of the " + (rd.delimiter == '\t' ? "tab" : "'" + rd.delimiter
                            + "'") + "-separated input writes every number with a '.' three digits from its end (e.g. '"
                            + grouped + "'), and no cell of the input has a decimal comma: written as decimals (" + grouped
                            + "); if '.' groups thousands there (Excel's #.##0: " + grouped.replace(".", "") + "), export the "
                            + "column without thousands separators");
                }
            }
        }
        List<String> outHeader = new ArrayList<>(List.of(ID, s.header.get(entityCol)));
        keepCols.forEach(i -> outHeader.add(s.header.get(i)));
        if (folder) {
            outHeader.add(SOURCE);
        }
        outHeader.add(TIME);
        featureCols.forEach(i -> outHeader.add(s.header.get(i)));
        outHeader.add(LABEL); // checked even when unlabelled: a feature named 'label' would be read as the label
        for (int i = 0; i < outHeader.size(); i++) {
            if (outHeader.indexOf(outHeader.get(i)) != i) {
                String name = outHeader.get(i);
                throw new IllegalArgumentException("the output would have two columns named '" + name + "': '" + ID + "', '"
                        + TIME + "' and '" + LABEL + "' are the output's id, time and label columns (the CSV reader's defaults)" + (folder ? ", '" + SOURCE
                        + "' its column of each window's file" : "") + ", "
                        + "so the series' column '" + name + "' cannot keep its name"
                        + (c.label == null && LABEL.equals(name) ? "; give --label " + name + " if it holds the labels, or leave "
                        + "it out with --features" : "; leave it out with --features or rename it"));
            }
        }
        if (!labelled) {
            outHeader.remove(outHeader.size() - 1);
        }
        if (s.size() == 0) {
            throw new DatasetFormatException(c.input, folder ? "its " + s.files.size() + " .csv file(s) have a header but no "
                    + "rows" : "has a header but no rows");
        }
        Formats formats = Formats.of(rd);
        double[] t = times(s, timeCol, "--time", null, null, 0, rd, formats, entityCol, warnings);
        Kind firstKind = parseTime(s.cell(0, timeCol), formats).kind;
        Kind kind = rd.zone != null && firstKind == Kind.LOCAL ? Kind.OFFSET : firstKind;
        // numbers that are epoch seconds (or milliseconds), first and last row alike: events with an offset convert to them
        double epochUnits = kind == Kind.NUMBER && epochUnitsOf(t[0]) == epochUnitsOf(t[t.length - 1]) ? epochUnitsOf(t[0]) : 0;
        // a duration written with a unit (2s, 7d) is real time: in the column's units, known for date-times (seconds),
        // epoch numbers and a column named with its unit (ts_ms); refused for other numbers
        double unitsPerSecond = kind != Kind.NUMBER ? 1 : epochUnits > 0 ? epochUnits : unitsOfName(c.time);
        Written written = c.written != null ? c.written : new Written(null, null, null);
        String[][] withUnit = {{"--horizon", written.horizon()}, {"--offset", written.offset()},
                {"--max-gap", written.maxGap()}};
        double[] inSeconds = {c.horizon, c.offset, c.maxGap == null ? 0 : c.maxGap};
        for (int i = 0; i < withUnit.length; i++) {
            if (withUnit[i][1] != null && unitsPerSecond == 0) {
                String bare = new java.math.BigDecimal(inSeconds[i]).round(new java.math.MathContext(6)).stripTrailingZeros()
                        .toPlainString();
                throw new IllegalArgumentException(withUnit[i][0] + " " + withUnit[i][1] + " is written with a unit, but the "
                        + "time column '" + c.time + "' holds plain numbers of unknown unit (" + s.cell(0, timeCol) + " to "
                        + s.cell(s.size() - 1, timeCol) + ": not epoch seconds or milliseconds, and the column's name ends in "
                        + "no unit such as _ms or _s): give " + withUnit[i][0] + " as a bare number in the column's units (e.g. "
                        + withUnit[i][0] + " " + bare + " if they are seconds)");
            }
        }
        double horizonUnits = written.horizon() != null ? c.horizon * unitsPerSecond : c.horizon;
        double offsetUnits = written.offset() != null ? c.offset * unitsPerSecond : c.offset;
        Double maxGapGiven = written.maxGap() != null && c.maxGap != null ? Double.valueOf(c.maxGap * unitsPerSecond)
                : c.maxGap;
        // with a time format or zone, the output's times are written ISO-8601 (train reads them), the instant in the zone
        // (made when written, not held: a series of millions of rows)
        java.util.function.IntFunction<String> shown = r -> {
            if (!rd.convertsTimes() || kind == Kind.NUMBER) {
                return s.cell(r, timeCol);
            }
            long sec = (long) Math.floor(t[r]);
            java.time.Instant at = java.time.Instant.ofEpochSecond(sec, Math.round((t[r] - sec) * 1e9));
            return rd.zone != null ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(rd.zone))
                    : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
        };

        // rows per entity, in first-appearance order
        Map<String, List<Integer>> byEntity = new LinkedHashMap<>();
        for (int r = 0; r < s.size(); r++) {
            String e = s.cell(r, entityCol);
            if (e.isEmpty()) {
                throw new DatasetFormatException(s.fileOf(r), s.line(r), "empty entity in column '" + c.entity + "' (--entity)");
            }
            byEntity.computeIfAbsent(e, k -> new ArrayList<>()).add(r);
        }
        // each entity's clock segments: its rows in file order when its time goes back only where a clock restarts (every
        // increasing run at least MIN_SEGMENT_ROWS rows, each jump landing inside the span of the run before it, so that
        // sorting would interleave two runs), else one segment sorted by time (stable); with a folder, each file's rows
        // of an entity apart (no window joins two files), the rule applied within each file
        Map<String, List<List<Integer>>> segments = new LinkedHashMap<>();
        List<Restart> restarts = new ArrayList<>();
        List<Double> restartTimes = new ArrayList<>(); // per restart, the time after the jump
        Map<String, List<Integer>> repeats = new LinkedHashMap<>(); // per entity, the rows repeating the time before them
        Map<String, Integer> twoSourceRepeats = new LinkedHashMap<>(); // of those, the ones whose columns look like two sources
        List<String> unsorted = new ArrayList<>();
        long firstUnsorted = -1;
        Path firstUnsortedFile = null;
        double[] steps = new double[Math.max(16, s.size())]; // each step between consecutive rows of a segment
        int stepCount = 0;
        for (Map.Entry<String, List<Integer>> entityRows : byEntity.entrySet()) {
            List<List<Integer>> segs = new ArrayList<>();
            List<Integer> all = entityRows.getValue();
            Map.Entry<String, List<Integer>> en = entityRows;
            for (int from = 0; from < all.size(); ) {
                int fileIndex = s.fileIndex(all.get(from));
                int to = from + 1;
                while (to < all.size() && s.fileIndex(all.get(to)) == fileIndex) {
                    to++;
                }
                List<Integer> rows = all.subList(from, to);
                from = to;
                List<Integer> runStarts = new ArrayList<>(List.of(0));
                // a run ends where the time goes back, or repeats with other values (a drifting or reset clock; a
                // duplicated row, every value the same, is refused below)
                for (int k = 1; k < rows.size(); k++) {
                    double now = t[rows.get(k)];
                    double before = t[rows.get(k - 1)];
                    if (now < before || now == before && !s.sameRow(rows.get(k), rows.get(k - 1))) {
                        runStarts.add(k);
                    }
                }
                runStarts.add(rows.size());
                int segsBefore = segs.size();
                if (runStarts.size() == 2) {
                    segs.add(rows);
                } else {
                    boolean restart = true;
                    for (int j = 0; j + 1 < runStarts.size() && restart; j++) {
                        restart = runStarts.get(j + 1) - runStarts.get(j) >= MIN_SEGMENT_ROWS
                                && (j == 0 || t[rows.get(runStarts.get(j))] >= t[rows.get(runStarts.get(j - 1))]);
                    }
                    if (restart) {
                        for (int j = 0; j + 1 < runStarts.size(); j++) {
                            segs.add(rows.subList(runStarts.get(j), runStarts.get(j + 1)));
                            if (j > 0) {
                                int before = rows.get(runStarts.get(j) - 1);
                                int after = rows.get(runStarts.get(j));
                                if (t[before] == t[after]) {
                                    repeats.computeIfAbsent(en.getKey(), k -> new ArrayList<>()).add(after);
                                    if (s.twoSources(before, after, timeCol)) {
                                        twoSourceRepeats.merge(en.getKey(), 1, Integer::sum);
                                    }
                                    continue;
                                }
                                restartTimes.add(t[after]);
                                restarts.add(new Restart(en.getKey(), s.line(after), t[before] - t[after],
                                        s.cell(before, timeCol), s.cell(after, timeCol), s.fileOf(after)));
                            }
                        }
                    } else {
                        if (!unsorted.contains(en.getKey())) {
                            unsorted.add(en.getKey());
                        }
                        int at = rows.get(runStarts.get(1));
                        // the first in file order (the files in path order)
                        if (firstUnsorted < 0 || s.fileOf(at).equals(firstUnsortedFile) && s.line(at) < firstUnsorted
                                || s.files.indexOf(s.fileOf(at)) < s.files.indexOf(firstUnsortedFile)) {
                            firstUnsorted = s.line(at);
                            firstUnsortedFile = s.fileOf(at);
                        }
                        rows.sort(Comparator.comparingDouble(r -> t[r]));
                        segs.add(rows);
                    }
                }
                for (List<Integer> seg : segs.subList(segsBefore, segs.size())) {
                    for (int k = 1; k < seg.size(); k++) {
                        int a = seg.get(k - 1);
                        int b = seg.get(k);
                        if (t[a] == t[b]) {
                            boolean same = s.sameRow(a, b);
                            // a local wall-clock time may repeat when daylight saving time ends; numbers (epoch seconds) and
                            // times with an offset cannot: their clock repeated
                            boolean wallClock = kind == Kind.LOCAL;
                            throw new DatasetFormatException(s.fileOf(b), s.line(b), "time '" + s.cell(b, timeCol) + "' of "
                                    + c.entity + " '" + en.getKey() + "' (column '" + c.time + "') repeats line " + s.line(a)
                                    + (same ? ", every value the same: a duplicated row (drop duplicates first, e.g. pandas "
                                    + "df.drop_duplicates())" : ", with other values: two readings at one time ("
                                    + (s.twoSources(a, b, timeCol) ? "each fills columns the other leaves empty: rows of two "
                                    + "sources at one time? merge them into one row per time (pandas groupby(time).first()) or "
                                    + "resample onto one grid; or else " : "")
                                    + (wallClock ? "a local hour repeated when daylight saving time ends? write times in UTC or "
                                    + "with their offset, or give --time-zone" + (segs.size() - segsBefore == 1
                                    && unsorted.contains(en.getKey()) ? "; or a device clock that went back close to a jump: "
                                    + "a clock restart is kept in file order only when every run of increasing times holds at "
                                    + "least " + MIN_SEGMENT_ROWS + " rows" : "")
                                    : "the clock of " + c.entity + " '" + en.getKey() + "' repeats at line " + s.line(b)
                                    + ": a drifting or reset device clock? a repeated time starts a new clock segment, as a "
                                    + "clock going back does, only when every run of increasing times holds at least "
                                    + MIN_SEGMENT_ROWS + " rows, not so here: fix or drop such rows") + ")"));
                        }
                        steps[stepCount++] = t[b] - t[a];
                    }
                }
            }
            segments.put(entityRows.getKey(), segs);
        }
        repeats.forEach((entity, at) -> warnings.add("the clock of " + c.entity + " '" + entity + "' repeats a time " + at.size()
                + " time(s) with other values (first at line " + s.line(at.get(0)) + (folder ? " of " + s.fileOf(at.get(0)) : "")
                + ": '" + s.cell(at.get(0), timeCol) + "' again): "
                // rows of two devices at one instant, each filling columns the other leaves empty, are no clock fault
                + (twoSourceRepeats.getOrDefault(entity, 0) * 2 > at.size() ? twoSourceRepeats.get(entity) + " of them fill "
                + "columns the row before leaves empty and leave empty those it fills: rows of two sources at one time? merge "
                + "them into one row per time (pandas groupby(time).first()) or resample onto one grid; or else "
                : "")
                + "a drifting or reset device clock? "
                + (kind == Kind.LOCAL ? "(or a local hour repeated when daylight saving time ends: --time-zone) " : "")
                + "each repeat starts a new clock segment that no window crosses, as a clock going back does"));
        double median = Double.NaN;
        if (stepCount > 0) {
            double[] sorted = Arrays.copyOf(steps, stepCount);
            steps = null;
            Arrays.sort(sorted);
            median = sorted[(sorted.length - 1) / 2];
            // rows of two devices interleaved by an outer join: the usual step, and a share of much shorter ones between
            // (trial 73c F4: 21% of steps 10-30 ms among 40 ms ones, "60-s" windows of 53.5 s, without a word)
            double m = median;
            long shorter = Arrays.stream(sorted).filter(x -> x > 0 && x < 0.75 * m).count();
            if (m > 0 && shorter > 0.05 * sorted.length) {
                double lo = Arrays.stream(sorted).filter(x -> x > 0).findFirst().orElse(m);
                lo = kind == Kind.NUMBER ? lo : Math.round(lo * 1e6) / 1e6; // epoch seconds in binary: 4.9999 ms is 5
                warnings.add(String.format(Locale.ROOT, "%d of the %d steps (%.1f%%) between consecutive rows of one %s are "
                        + "shorter than three quarters of the median step (%s), from %s: rows of several sources interleaved (an "
                        + "outer join of two devices' rows)? a window of --length rows then spans less time than that many median "
                        + "steps and mixes rows of different kinds: resample onto one grid first (see 'Several devices or "
                        + "sampling rates' in docs/guide/your-data.md)", shorter, sorted.length, 100.0 * shorter / sorted.length,
                        c.entity, durationText(m, unitsPerSecond), durationText(lo, unitsPerSecond)));
            }
        }
        double maxGap = maxGapGiven != null ? maxGapGiven : Double.isNaN(median) ? Double.POSITIVE_INFINITY : 2.5 * median;
        double dropped = Double.isNaN(median) ? Double.POSITIVE_INFINITY : 1.5 * median;
        // local wall-clock times going back by about an hour (within a step) in the night clocks are put back: daylight
        // saving time ending, said once with the zone to give, not as device restarts
        List<Restart> dstRestarts = new ArrayList<>();
        if (kind == Kind.LOCAL && !Double.isNaN(median)) {
            for (int i = restarts.size() - 1; i >= 0; i--) {
                Restart x = restarts.get(i);
                if (Math.abs(x.back() - 3600) <= median + 1 && dstNight(restartTimes.get(i)) != null) {
                    dstRestarts.add(0, x);
                    restarts.remove(i);
                }
            }
        }
        String dstRegion = null;
        for (int i = 0; i < restartTimes.size() && dstRegion == null; i++) {
            if (kind == Kind.LOCAL && dstNight(restartTimes.get(i)) != null) {
                dstRegion = dstNight(restartTimes.get(i));
            }
        }

        // events per entity, sorted by time (stable: file order at equal times)
        Map<String, List<double[]>> eventTimes = new LinkedHashMap<>(); // {time, index into eventLabels}
        List<String> eventLabels = new ArrayList<>();
        List<String> eventWritten = new ArrayList<>(); // per index into eventLabels: its time as written, line, window id
        List<Long> eventLines = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        List<String> eventEntities = new ArrayList<>();
        Map<String, Integer> unknown = new TreeMap<>();
        java.util.Set<String> unknownEntityLabels = new java.util.TreeSet<>();
        List<Integer> noSuchTimeEvents = new ArrayList<>(); // events at a local time the zone does not have
        int eventsRead = 0;
        if (c.events != null) {
            Table ev = read(c.events, "a CSV events file", true, rd, warnings);
            String eEntity = c.eventEntity != null ? c.eventEntity : c.entity;
            String eTime = c.eventTime != null ? c.eventTime : c.time;
            int ee = ev.column(eEntity, "--event-entity (default: the --entity name)");
            int et = ev.column(eTime, "--event-time (default: the --time name)");
            int el = c.eventLabel == null && c.anchorEvents ? -1 : ev.column(c.eventLabel, "--event-label");
            int eid = c.eventId == null ? -1 : ev.column(c.eventId, "--event-id");
            List<Integer> noSuchTime = new ArrayList<>();
            double[] times = times(ev, et, "--event-time", kind, c.input + " (column '" + c.time + "')", epochUnits, rd,
                    formats, -1, warnings, noSuchTime);
            // event times of numbers that are epoch numbers of another unit than the series' (seconds against milliseconds)
            int otherEpoch = 0;
            int firstOtherEpoch = -1;
            for (int r = 0; r < ev.size(); r++) {
                if (epochUnits > 0 && epochUnitsOf(times[r]) > 0 && epochUnitsOf(times[r]) != epochUnits) {
                    otherEpoch++;
                    firstOtherEpoch = firstOtherEpoch < 0 ? r : firstOtherEpoch;
                }
            }
            if (otherEpoch > 0) {
                boolean seconds = epochUnitsOf(times[firstOtherEpoch]) == 1;
                warnings.add(otherEpoch + " of the " + ev.size() + " event time(s) of " + c.events + " (column '" + eTime
                        + "', first '" + ev.cell(firstOtherEpoch, et) + "' at line " + ev.line(firstOtherEpoch) + ") look like "
                        + "epoch " + (seconds ? "seconds" : "milliseconds") + " while " + c.input + " (column '" + c.time
                        + "') holds epoch " + (seconds ? "milliseconds" : "seconds") + ": a factor of 1000 apart, so they meet "
                        + "no row of the series; " + (seconds ? "multiply them by 1000" : "divide them by 1000")
                        + " (e.g. pandas df['" + eTime + "'] " + (seconds ? "* 1000" : "/ 1000") + ")");
            }
            Map<String, Integer> firstAt = new java.util.HashMap<>(); // entity + time -> the first event's index
            List<String> conflicting = new ArrayList<>();
            int conflicts = 0;
            for (int r = 0; r < ev.size(); r++) {
                String[] row = ev.row(r);
                if (el >= 0 && row[el].isEmpty()) {
                    throw new DatasetFormatException(c.events, ev.line(r), "empty label in column '" + c.eventLabel
                            + "' (--event-label)");
                }
                eventsRead++;
                if (!byEntity.containsKey(row[ee])) {
                    unknown.merge(row[ee], 1, Integer::sum);
                    if (el >= 0) {
                        unknownEntityLabels.add(row[el].strip());
                    }
                    continue;
                }
                if (eid >= 0 && row[eid].isEmpty()) {
                    throw new DatasetFormatException(c.events, ev.line(r), "empty id in column '" + c.eventId + "' (--event-id)");
                }
                eventLabels.add(el < 0 ? "" : mapped.apply(row[el]));
                eventWritten.add(row[et]);
                eventLines.add(ev.line(r));
                eventIds.add(eid >= 0 ? row[eid] : row[ee] + "_" + row[et]);
                eventEntities.add(row[ee]);
                int idx = eventLabels.size() - 1;
                if (Double.isNaN(times[r])) {
                    noSuchTimeEvents.add(idx);
                    continue;
                }
                Integer earlier = firstAt.putIfAbsent(row[ee] + "\u0000" + times[r], idx);
                if (earlier != null && !eventLabels.get(earlier).equals(eventLabels.get(idx))) {
                    conflicts++;
                    if (conflicting.size() < 3) {
                        conflicting.add("line " + eventLines.get(earlier) + " '" + eventLabels.get(earlier) + "' and line "
                                + eventLines.get(idx) + " '" + eventLabels.get(idx) + "' (" + row[ee] + " at " + row[et] + ")");
                    }
                }
                eventTimes.computeIfAbsent(row[ee], k -> new ArrayList<>()).add(new double[] {times[r], idx,
                    dateOnly(row[et]) ? 1 : 0});
            }
            eventTimes.values().forEach(l -> l.sort(Comparator.comparingDouble(x -> x[0])));
            if (conflicts > 0) {
                warnings.add(conflicts + " event(s) of " + c.events + " repeat the " + eEntity + " and time of an earlier one "
                        + "with another label: " + String.join("; ", conflicting) + (conflicts > 3 ? "; ..." : "") + ": "
                        + (c.anchorEvents ? "the same rows, two labels (a later one with the same window id is skipped, the "
                        + "first label kept; with other ids both are written, identical windows labelled differently)"
                        : "the one first in the file labels the windows") + "; which is right? fix or drop the other");
            }
            if (!noSuchTime.isEmpty() && !c.anchorEvents) {
                warnings.add(noSuchTime.size() + " event(s) of " + c.events + " at a local time that does not exist in "
                        + rd.zone + " (--time-zone; the hour skipped when daylight saving time starts) were skipped: "
                        + noSuchTime.stream().limit(3).map(r -> "'" + ev.cell(r, et) + "' at line " + ev.line(r))
                                .collect(java.util.stream.Collectors.joining(", ")) + (noSuchTime.size() > 3 ? ", ..." : ""));
            }
        }

        // each row's label (an index into rowLabelNames, UNLABELLED or CONFLICT): from intervals or the label column
        List<String> rowLabelNames = new ArrayList<>();
        int[] rowLabel = null;
        int intervalsRead = 0;
        int conflicts = 0;
        long firstConflict = -1;
        List<List<String>> spellings = new ArrayList<>();
        List<String> unannotatedEntities = new ArrayList<>();
        if (c.intervals != null) {
            Intervals iv = c.intervals;
            Table it = read(iv.file, "a CSV file of intervals", false, rd, warnings);
            int ie = it.column(iv.entity != null ? iv.entity : c.entity, "--interval-entity (default: the --entity name)");
            int is = it.column(iv.start, "--interval-start");
            int iend = it.column(iv.end, "--interval-end");
            int il = it.column(iv.label, "--interval-label");
            for (int r = 0; r < it.size(); r++) {
                for (int col : new int[] {ie, is, iend}) {
                    it.columns[col].set(r, it.cell(r, col).strip());
                }
            }
            String from = c.input + " (column '" + c.time + "')";
            double[] starts = times(it, is, "--interval-start", kind, from, epochUnits, rd, formats, -1, warnings);
            double[] ends = times(it, iend, "--interval-end", kind, from, epochUnits, rd, formats, -1, warnings);
            Map<String, Integer> labelIndex = new LinkedHashMap<>();
            Map<String, List<int[]>> perEntity = new LinkedHashMap<>(); // interval rows per entity
            for (int r = 0; r < it.size(); r++) {
                String[] row = it.row(r);
                if (row[il].isBlank()) {
                    throw new DatasetFormatException(iv.file, it.line(r), "empty label in column '" + iv.label
                            + "' (--interval-label)");
                }
                if (!(ends[r] > starts[r])) {
                    throw new DatasetFormatException(iv.file, it.line(r), "interval ends at '" + row[iend] + "', not after "
                            + "its start '" + row[is] + "' (columns '" + iv.start + "', '" + iv.end + "'; an interval covers "
                            + "the rows from its start up to, not including, its end)");
                }
                intervalsRead++;
                if (!byEntity.containsKey(row[ie])) {
                    unknown.merge(row[ie], 1, Integer::sum);
                    unknownEntityLabels.add(row[il].strip());
                    continue;
                }
                int label = labelIndex.computeIfAbsent(mapped.apply(row[il]), k -> labelIndex.size());
                perEntity.computeIfAbsent(row[ie], k -> new ArrayList<>()).add(new int[] {r, label});
            }
            rowLabelNames.addAll(labelIndex.keySet());
            rowLabel = new int[s.size()];
            Arrays.fill(rowLabel, UNLABELLED);
            for (Map.Entry<String, List<Integer>> en : byEntity.entrySet()) {
                List<int[]> ivs = perEntity.get(en.getKey());
                if (ivs == null) {
                    unannotatedEntities.add(en.getKey());
                    continue;
                }
                ivs.sort(Comparator.comparingDouble(x -> starts[x[0]]));
                int n = ivs.size();
                double[] st = new double[n];
                double longest = 0;
                for (int k = 0; k < n; k++) {
                    st[k] = starts[ivs.get(k)[0]];
                    longest = Math.max(longest, ends[ivs.get(k)[0]] - st[k]);
                    for (int j = k - 1; j >= 0 && st[k] - st[j] < longest; j--) {
                        if (ends[ivs.get(j)[0]] > st[k] && ivs.get(j)[1] != ivs.get(k)[1]) {
                            conflicts++;
                            long line = Math.max(it.line(ivs.get(j)[0]), it.line(ivs.get(k)[0]));
                            firstConflict = firstConflict < 0 ? line : Math.min(firstConflict, line);
                        }
                    }
                }
                for (int r : en.getValue()) {
                    double x = t[r];
                    int lo = 0;
                    int hi = n;
                    while (lo < hi) { // intervals starting at or before x: [0, lo)
                        int mid = (lo + hi) >>> 1;
                        if (st[mid] <= x) {
                            lo = mid + 1;
                        } else {
                            hi = mid;
                        }
                    }
                    int code = UNLABELLED;
                    for (int k = lo - 1; k >= 0 && x - st[k] < longest; k--) {
                        if (ends[ivs.get(k)[0]] > x) {
                            int l = ivs.get(k)[1];
                            code = code == UNLABELLED || code == l ? l : CONFLICT;
                        }
                    }
                    rowLabel[r] = code;
                }
            }
        } else if (labelCol >= 0) {
            Map<String, Integer> labelIndex = new LinkedHashMap<>();
            rowLabel = new int[s.size()];
            for (int r = 0; r < rowLabel.length; r++) {
                String v = s.cell(r, labelCol);
                rowLabel[r] = v.isEmpty() ? UNLABELLED : labelIndex.computeIfAbsent(mapped.apply(v), k -> labelIndex.size());
            }
            rowLabelNames.addAll(labelIndex.keySet());
        }

        // labels that differ only by case, surrounding space, separators, an umlaut written out or accents (train's
        // LabelCheck.nearDuplicates): warned of, never merged (labels are data; --label-map merges them)
        spellings.addAll(org.rnnlab.datasets.LabelCheck.nearDuplicates(
                c.events != null ? eventLabels.stream().distinct().toList() : rowLabelNames));

        long[] decimalCommas = {0};
        long[] grouped = {0};
        String[] groupedExample = {null};
        Map<String, Long> booleanCells = new LinkedHashMap<>();
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").build());
        printer.printRecord(outHeader);
        Map<String, Integer> perLabel = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> perEntity = new LinkedHashMap<>();
        Map<String, Integer> labelSkipped = new LinkedHashMap<>();
        List<Skipped> gapSkipped = new ArrayList<>();
        int unlabelled = 0;
        int mixedWritten = 0; // windows written (rule last or majority) whose rows hold two or more labels
        long tail = 0;
        long shortSegmentRows = 0;
        Map<String, Long> emptyCells = new LinkedHashMap<>(); // per feature column, the empty cells written
        int shortSegments = 0;
        List<String> shortEntities = new ArrayList<>();
        int holding = 0;
        int tied = 0;
        int withDropped = 0;
        int noEvent = 0;
        int dstGaps = 0;
        int[] votes = new int[rowLabelNames.size()];
        Map<String, Integer> eventsSkipped = new LinkedHashMap<>();
        Map<String, List<String>> eventsSkippedExamples = new LinkedHashMap<>();
        java.util.function.BiConsumer<String, Integer> skipEvent = (reason, idx) -> {
            eventsSkipped.merge(reason, 1, Integer::sum);
            List<String> ex = eventsSkippedExamples.computeIfAbsent(reason, k -> new ArrayList<>());
            if (ex.size() < 3) {
                ex.add(eventEntities.get(idx) + " at " + eventWritten.get(idx) + " (line " + eventLines.get(idx) + ")");
            }
        };
        if (c.anchorEvents) {
            noSuchTimeEvents.forEach(idx -> skipEvent.accept(EVENT_NO_SUCH_TIME, idx));
        }
        java.util.Set<String> anchoredIds = new java.util.HashSet<>();
        Map<String, String> idEntity = new java.util.HashMap<>(); // each window id written: its entity
        int idAcrossEntities = 0;
        String idAcrossExample = null;
        for (Map.Entry<String, List<List<Integer>>> en : segments.entrySet()) {
            String entity = en.getKey();
            if (!c.anchorEvents && byEntity.get(entity).size() < c.length) {
                shortEntities.add(entity);
                continue;
            }
            List<double[]> events = eventTimes.getOrDefault(entity, List.of());
            // each segment's window starts: from its first row on, or (last) the entity's last windows, aligned on its end,
            // or (anchored) at each event's time + offset, with the event (an index into eventLabels) in planEvents
            List<List<Integer>> segs = en.getValue();
            List<List<Integer>> plan = new ArrayList<>();
            List<List<Integer>> planEvents = new ArrayList<>();
            int budget = c.last;
            if (c.anchorEvents) {
                for (int j = 0; j < segs.size(); j++) {
                    plan.add(new ArrayList<>());
                    planEvents.add(new ArrayList<>());
                }
                double early = Double.isInfinite(maxGap) ? 0 : maxGap; // an event this little before a segment's first row
                for (double[] e : events) {
                    int idx = (int) e[1];
                    double target = e[0] + offsetUnits;
                    String reason = null;
                    // first the segments whose span holds the target, else one it lies just before (an event in the
                    // hour's first samples, read from the file of that hour)
                    for (int j = 0; j < 2 * segs.size() && reason == null; j++) {
                        List<Integer> rows = segs.get(j % segs.size());
                        double from = t[rows.get(0)] - (j < segs.size() ? 0 : early);
                        if (target < from || target > t[rows.get(rows.size() - 1)]) {
                            continue;
                        }
                        int lo = 0;
                        int hi = rows.size() - 1;
                        while (lo < hi) { // the first row at or after target
                            int mid = (lo + hi) >>> 1;
                            if (t[rows.get(mid)] < target) {
                                lo = mid + 1;
                            } else {
                                hi = mid;
                            }
                        }
                        String r;
                        if (t[rows.get(lo)] - target > maxGap) {
                            r = EVENT_IN_GAP;
                        } else if (lo + c.length > rows.size()) {
                            int next = j % segs.size() + 1;
                            r = next < segs.size() && s.fileIndex(segs.get(next).get(0)) == s.fileIndex(rows.get(0))
                                    ? EVENT_PAST_SEGMENT : folder ? EVENT_PAST_FILE : EVENT_PAST_SERIES;
                        } else {
                            plan.get(j % segs.size()).add(lo);
                            planEvents.get(j % segs.size()).add(idx);
                            r = "";
                        }
                        reason = r;
                    }
                    if (reason == null || !reason.isEmpty()) {
                        skipEvent.accept(reason == null ? EVENT_OUTSIDE : reason, idx);
                    }
                }
            }
            for (int j = segs.size() - 1; j >= 0 && !c.anchorEvents; j--) {
                List<Integer> starts = new ArrayList<>();
                int size = segs.get(j).size();
                if (c.last > 0) {
                    for (int start = size - c.length; start >= 0 && budget > 0; start -= c.stride, budget--) {
                        starts.add(0, start);
                    }
                } else {
                    for (int start = 0; start + c.length <= size; start += c.stride) {
                        starts.add(start);
                    }
                }
                plan.add(0, starts);
            }
            int segment = 0;
            int segmentFile = -1;
            int segmentInFile = 0;
            for (List<Integer> rows : segs) {
                List<Integer> starts = plan.get(segment);
                List<Integer> startEvents = c.anchorEvents ? planEvents.get(segment) : null;
                segment++;
                int fileIndex = s.fileIndex(rows.get(0));
                segmentInFile = fileIndex == segmentFile ? segmentInFile + 1 : 1;
                segmentFile = fileIndex;
                String source = s.sources.get(fileIndex);
                if (c.anchorEvents) {
                    // no tail: rows outside every event's window are not windows to be
                } else if (starts.isEmpty() && c.last == 0 && rows.size() < c.length) {
                    // a clock segment shorter than one window: no window could start in it (trial 73c F2: 1000+ segments
                    // between repeated times were all counted as rows after the last full window)
                    shortSegmentRows += rows.size();
                    shortSegments++;
                    continue;
                } else if (starts.isEmpty()) {
                    tail += rows.size();
                    continue;
                } else {
                    tail += c.last > 0 ? starts.get(0) : rows.size() - (starts.get(starts.size() - 1) + c.length);
                }
                for (int si = 0; si < starts.size(); si++) {
                    int start = starts.get(si);
                    int event = c.anchorEvents ? startEvents.get(si) : -1;
                    int first = rows.get(start);
                    int last = rows.get(start + c.length - 1);
                    boolean gap = false;
                    boolean droppedRow = false;
                    for (int k = start + 1; k < start + c.length && !gap; k++) {
                        double step = t[rows.get(k)] - t[rows.get(k - 1)];
                        gap = step > maxGap;
                        droppedRow |= step > dropped;
                        if (gap && kind == Kind.LOCAL && step == median + 3600 && springForward(t[rows.get(k)])) {
                            dstGaps++;
                            dstRegion = dstRegion != null ? dstRegion : dstNight(t[rows.get(k)]);
                        }
                    }
                    if (gap && c.anchorEvents) {
                        skipEvent.accept(EVENT_ACROSS_GAP, event);
                        continue;
                    }
                    if (gap) {
                        gapSkipped.add(new Skipped(entity, shown.apply(first), "gap"));
                        continue;
                    }
                    if (c.anchorEvents && !anchoredIds.add(eventIds.get(event))) {
                        skipEvent.accept(EVENT_SAME_ID, event);
                        String owner = idEntity.get(eventIds.get(event));
                        if (!entity.equals(owner)) {
                            idAcrossEntities++;
                            idAcrossExample = idAcrossExample != null ? idAcrossExample : "'" + eventIds.get(event) + "' of '"
                                    + entity + "' (line " + eventLines.get(event) + ") after '" + owner + "'";
                        }
                        continue;
                    }
                    if (c.anchorEvents) {
                        idEntity.put(eventIds.get(event), entity);
                    }
                    String label;
                    if (c.anchorEvents) {
                        label = labelled ? eventLabels.get(event) : "";
                    } else if (c.events != null) {
                        double end = t[last];
                        int next = firstAfter(events, end);
                        // a date-only event (a visit on 11.05.2024, read as its midnight) at the last row's own time happened
                        // later that day: it labels the window (a timed event at the last row's time is inside the window)
                        for (int k = firstAtOrAfter(events, end); k < next; k++) {
                            if (events.get(k)[2] == 1) {
                                next = k;
                                break;
                            }
                        }
                        label = c.defaultLabel;
                        if (next < events.size() && events.get(next)[0] <= end + horizonUnits) {
                            label = eventLabels.get((int) events.get(next)[1]);
                            for (int k = next + 1; k < events.size() && events.get(k)[0] == events.get(next)[0]; k++) {
                                if (!eventLabels.get((int) events.get(k)[1]).equals(label)) {
                                    tied++;
                                    break;
                                }
                            }
                        }
                        int inside = firstAtOrAfter(events, t[first]);
                        if (inside < events.size() && (events.get(inside)[0] < end
                                || events.get(inside)[0] == end && events.get(inside)[2] == 0)) {
                            holding++;
                            if (c.dropEventWindows) {
                                continue;
                            }
                        }
                        if (label == null) {
                            noEvent++;
                            continue;
                        }
                    } else if (!labelled) {
                        label = "";
                    } else {
                        String reason = null;
                        int code = UNLABELLED;
                        if (rule == LabelRule.LAST) {
                            code = rowLabel[last];
                            if (code == UNLABELLED && c.intervals == null) {
                                unlabelled++;
                                continue;
                            }
                            reason = code == UNLABELLED ? LAST_UNANNOTATED : code == CONFLICT ? LAST_CONFLICTING : null;
                        } else if (rule == LabelRule.ALL) {
                            boolean conflict = false;
                            boolean none = false;
                            boolean mixed = false;
                            code = rowLabel[first];
                            for (int k = start; k < start + c.length; k++) {
                                int l = rowLabel[rows.get(k)];
                                conflict |= l == CONFLICT;
                                none |= l == UNLABELLED;
                                mixed |= l != code;
                            }
                            reason = conflict ? CONFLICTING : none ? (c.intervals != null ? UNANNOTATED
                                    : "hold rows with an empty '" + c.label + "'") : mixed ? MIXED : null;
                        } else {
                            Arrays.fill(votes, 0);
                            for (int k = start; k < start + c.length; k++) {
                                int l = rowLabel[rows.get(k)];
                                if (l >= 0 && 2 * ++votes[l] > c.length) {
                                    code = l;
                                }
                            }
                            reason = code < 0 ? NO_MAJORITY : null;
                        }
                        if (reason != null) {
                            labelSkipped.merge(reason, 1, Integer::sum);
                            continue;
                        }
                        if (rule != LabelRule.ALL) {
                            // a window of two activities labelled by one of them (trial 81b F1: 38% of a segmentation
                            // file's windows, said nowhere): counted for the summary
                            int seen = UNLABELLED;
                            for (int k = start; k < start + c.length; k++) {
                                int l = rowLabel[rows.get(k)];
                                if (l >= 0 && seen >= 0 && l != seen) {
                                    mixedWritten++;
                                    break;
                                }
                                seen = l >= 0 ? l : seen;
                            }
                        }
                        label = rowLabelNames.get(code);
                    }
                    String firstTime = shown.apply(first);
                    // with a folder: the file's path without .csv first (cow07/2025-03-14_2025-03-14T08:35:00.000), unique
                    // as a file's segment holds one row per time
                    // anchored: the event's id, or its entity and time as written (predictions join back to the events)
                    // a file named as its entity's value (p01.csv of participant p01) gives it once: p01_<time>, not p01_p01_<time>
                    String stem = folder ? source.substring(0, source.length() - 4) : null;
                    boolean stemIsEntity = stem != null && stem.substring(stem.lastIndexOf('/') + 1).equals(entity);
                    String id = c.anchorEvents ? eventIds.get(event) : (folder ? stem + "_"
                            + (c.entityFolder == null && !stemIsEntity ? entity + "_" : "") : entity + "_") + firstTime
                            + (segmentInFile > 1 ? "_seg" + segmentInFile : "");
                    String[] firstRow = s.row(first);
                    for (int k = start; k < start + c.length; k++) {
                        String[] row = s.row(rows.get(k));
                        List<String> cells = new ArrayList<>(outHeader.size());
                        cells.add(id);
                        cells.add(entity);
                        for (int i : keepCols) {
                            if (!row[i].equals(firstRow[i])) {
                                throw new DatasetFormatException(s.fileOf(rows.get(k)), s.line(rows.get(k)), "--keep column '"
                                        + s.header.get(i) + "' is '" + row[i] + "' here but '" + firstRow[i] + "' at line "
                                        + s.line(first) + ", in one window of " + c.entity + " '" + entity + "' (from "
                                        + firstTime + "): a kept column must not vary within a window (an id of the entity, "
                                        + "such as its group); make it a feature with --features, or leave it out");
                            }
                            cells.add(row[i]);
                        }
                        if (folder) {
                            cells.add(source);
                        }
                        cells.add(shown.apply(rows.get(k)));
                        for (int i : featureCols) {
                            String v = row[i];
                            if (v.isBlank()) {
                                emptyCells.merge(s.header.get(i), 1L, Long::sum);
                            }
                            if (commas.file() && !v.isEmpty()) {
                                // the output is comma-separated: "3,8" there would be a quoted text train refuses, and
                                // "120.002" (120002) would read as 120.002
                                String read = commas.read(v);
                                if (read != null) {
                                    if (v.indexOf('.') >= 0) {
                                        grouped[0]++;
                                        if (groupedExample[0] == null) {
                                            groupedExample[0] = s.header.get(i) + "\u0000" + v + "\u0000" + read;
                                        }
                                    }
                                    if (v.indexOf(',') >= 0) {
                                        decimalCommas[0]++;
                                    }
                                    v = read;
                                }
                            }
                            String pair = booleans.get(i);
                            if (pair != null) {
                                Integer b = org.rnnlab.datasets.csv.BooleanWords.value(v);
                                if (b != null) {
                                    v = b.toString();
                                    booleanCells.merge(s.header.get(i), 1L, Long::sum);
                                }
                            }
                            cells.add(v);
                        }
                        if (labelled) {
                            cells.add(label);
                        }
                        printer.printRecord(cells);
                    }
                    if (droppedRow) {
                        withDropped++;
                    }
                    perLabel.merge(label, 1, Integer::sum);
                    perEntity.computeIfAbsent(entity, k -> new LinkedHashMap<>()).merge(label, 1, Integer::sum);
                }
            }
        }
        printer.flush();
        if (idAcrossEntities > 0) {
            String eEntity = c.eventEntity != null ? c.eventEntity : c.entity;
            warnings.add(idAcrossEntities + " of the events skipped for repeating the window id of an earlier event repeat the "
                    + "id of another " + eEntity + " (e.g. " + idAcrossExample + "): are the --event-id '" + c.eventId + "' "
                    + "values counted per " + eEntity + "? a window id must be unique in the whole catalogue: combine " + eEntity
                    + " and id in a column, e.g. pandas df['window_id'] = df['" + eEntity + "'].astype(str) + '_' + df['"
                    + c.eventId + "'].astype(str), and give --event-id window_id");
        }
        Map<String, Integer> sortedLabels = new LinkedHashMap<>();
        perLabel.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> sortedLabels.put(e.getKey(), e.getValue()));
        List<String> featureNames = featureCols.stream().map(s.header::get).toList();
        return new Result(s.size(), featureNames, sortedLabels, perEntity, unsorted, firstUnsorted, maxGap, median,
                gapSkipped, unlabelled, tail, shortEntities, unknown, eventsRead, holding, tied, kind, restarts, withDropped,
                labelSkipped, rule, intervalsRead, conflicts, firstConflict, spellings, unannotatedEntities,
                keepCols.stream().map(s.header::get).toList(), noEvent, labelled,
                List.copyOf(withBooleans(withDecimalCommas(warnings, decimalCommas[0], rd.delimiter, grouped[0], groupedExample[0]),
                        booleanCells, booleans, s.header)), dstGaps, folder ? s.files.size() : 0,
                firstUnsortedFile, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(relabelled)), c.anchorEvents,
                java.util.Collections.unmodifiableMap(eventsSkipped), java.util.Collections.unmodifiableMap(eventsSkippedExamples),
                unitsPerSecond, horizonUnits, offsetUnits, List.copyOf(dstRestarts),
                java.util.Collections.unmodifiableSet(unknownEntityLabels), dstRegion, shortSegments, shortSegmentRows,
                java.util.Collections.unmodifiableMap(emptyCells), mixedWritten);
    }

    /** Whether a local time (seconds as if UTC) lies in 01:00-04:59 of a Sunday in March, when clocks are put forward. */
    private static boolean springForward(double seconds) {
        LocalDateTime at = LocalDateTime.ofEpochSecond((long) Math.floor(seconds), 0, ZoneOffset.UTC);
        return at.getMonth() == java.time.Month.MARCH && at.getDayOfWeek() == java.time.DayOfWeek.SUNDAY
                && at.getHour() >= 1 && at.getHour() < 5;
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

    /** Whether an event's time is written as a date alone (no time of day, and not a number of seconds). */
    private static boolean dateOnly(String written) {
        String w = written.strip();
        return !w.isEmpty() && w.indexOf(':') < 0 && !w.matches("[+-]?\\d+(\\.\\d*)?([eE][+-]?\\d+)?");
    }

    /**
     * The warnings, and one for the feature cells written with a decimal point for their decimal comma, and one for those
     * written without the '.' grouping their thousands ({@code groupedExample}: the column, the cell as written and as
     * written out, separated by U+0000), if any.
     */
    private static List<String> withDecimalCommas(List<String> warnings, long cells, char delimiter, long grouped,
            String groupedExample) {
        if (cells == 0 && grouped == 0) {
            return warnings;
        }
        List<String> all = new ArrayList<>(warnings);
        String input = (delimiter == '\t' ? "tab" : "'" + delimiter + "'") + "-separated input";
        if (cells > 0) {
            all.add(cells + " feature cell(s) written with a decimal comma in the " + input + " (e.g. 3,8) are written with a "
                    + "decimal point (3.8): the output is comma-separated, and train reads it so without --set decimal");
        }
        if (grouped > 0) {
            String[] e = groupedExample.split("\u0000", -1);
            all.add(grouped + " feature cell(s) of the " + input + " written with '.' grouping thousands (e.g. '" + e[1]
                    + "' in column '" + e[0] + "') are written without it (" + e[2] + "): the input writes its numbers with "
                    + "decimal commas, where '.' groups thousands (Excel's #.##0), as train's decimal=comma reads them");
        }
        return all;
    }

    /** The warnings, and one per yes/no column whose words were written as 1 and 0, if any. */
    private static List<String> withBooleans(List<String> warnings, Map<String, Long> cells, Map<Integer, String> pairs,
            List<String> header) {
        if (cells.isEmpty()) {
            return warnings;
        }
        List<String> all = new ArrayList<>(warnings);
        for (Map.Entry<String, Long> e : cells.entrySet()) {
            String pair = pairs.get(header.indexOf(e.getKey()));
            all.add("column '" + e.getKey() + "': " + e.getValue() + " feature cell(s) " + pair + " (a spreadsheet's "
                    + "TRUE/FALSE) are written as 1 and 0, as train reads a yes/no column");
        }
        return all;
    }

    /**
     * The yes/no words of column {@code i} as a pair ({@code WAHR/FALSCH}) when every cell of it is empty, 0, 1 or such a
     * word ({@link org.rnnlab.datasets.csv.BooleanWords}) and one is a word; else null.
     */
    private static String booleanColumn(Table s, int i) {
        String pair = null;
        for (int r = 0; r < s.size(); r++) {
            String v = s.cell(r, i);
            if (v.isEmpty() || v.equals("0") || v.equals("1")) {
                continue;
            }
            if (!org.rnnlab.datasets.csv.BooleanWords.is(v)) {
                return null;
            }
            if (pair == null) {
                pair = org.rnnlab.datasets.csv.BooleanWords.pair(v);
            }
        }
        return pair;
    }

    /**
     * Whether the series is a ';'- or tab-separated file of numbers written with decimal commas, and so with '.' grouping
     * thousands (Excel's {@code #.##0,0} in a German locale), as train's {@code decimal=comma} reads it; and the first cell
     * that said so.
     *
     * @param file   whether it is such a file
     * @param where  the first decimal-comma number ({@code '3,95' in column 'T' at line 2 of F}), or null
     */
    private record DecimalCommas(boolean file, String where) {

        /** A number with a decimal comma: digits or '.'-grouped thousands, a comma, digits, an optional exponent. */
        private static final java.util.regex.Pattern COMMA_NUMBER = java.util.regex.Pattern.compile(
                "[-+]?(\\d+|[1-9]\\d{0,2}(\\.\\d{3})+)?,\\d+([eE][-+]?\\d+)?");
        /** A whole number with '.' grouping thousands ({@code 120.002}, {@code -1.234.567}). */
        private static final java.util.regex.Pattern GROUPED_WHOLE = java.util.regex.Pattern.compile(
                "[-+]?[1-9]\\d{0,2}(\\.\\d{3})+");

        /** Finds a decimal comma in the columns of {@code s} but {@code skipped}, for a file not separated by ','. */
        static DecimalCommas find(Table s, char delimiter, java.util.Set<Integer> skipped) {
            if (delimiter == ',') {
                return new DecimalCommas(false, null);
            }
            for (int i = 0; i < s.header.size(); i++) {
                if (skipped.contains(i) || s.columns[i].numeric()) {
                    continue; // a column held as numbers holds plain decimals only
                }
                for (int r = 0; r < s.size(); r++) {
                    String v = s.cell(r, i);
                    if (v.indexOf(',') >= 0 && COMMA_NUMBER.matcher(v).matches()) {
                        return new DecimalCommas(true, "'" + v + "' in column '" + s.header.get(i) + "' at line " + s.line(r)
                                + " of " + org.rnnlab.datasets.InputNames.shown(s.fileOf(r)));
                    }
                }
            }
            return new DecimalCommas(false, null);
        }

        /**
         * The first cell of column {@code i} when each of its cells with a '.' is a whole number grouped in threes
         * ({@code 120.002}) and one is: thousands, or decimals of three digits, in a file without a decimal comma; else null.
         */
        static String groupedOnly(Table s, int i) {
            String first = null;
            for (int r = 0; r < s.size(); r++) {
                String v = s.cell(r, i);
                if (v.indexOf('.') >= 0) {
                    if (!GROUPED_WHOLE.matcher(v).matches()) {
                        return null;
                    }
                    first = first == null ? v : first;
                }
            }
            return first;
        }

        /** Whether {@code v} is a number of such a file. */
        boolean number(String v) {
            return COMMA_NUMBER.matcher(v).matches() || GROUPED_WHOLE.matcher(v).matches();
        }

        /** {@code v} with a decimal point and no grouping ({@code 1.200,5} as {@code 1200.5}), or null when it is no such number. */
        String read(String v) {
            if (v.indexOf(',') >= 0) {
                return COMMA_NUMBER.matcher(v).matches() ? v.replace(".", "").replace(',', '.') : null;
            }
            return v.indexOf('.') >= 0 && GROUPED_WHOLE.matcher(v).matches() ? v.replace(".", "") : null;
        }

        /**
         * Refuses a number written with a decimal point ({@code 3.8}, {@code 0.500}) in feature column {@code i}: in a file of
         * decimal commas it is another export's, and neither reading is sure (train's decimal=comma refuses it too).
         */
        void check(Table s, int i) {
            for (int r = 0; r < s.size(); r++) {
                String v = s.cell(r, i);
                if (v.indexOf('.') >= 0 && isNumber(v) && !GROUPED_WHOLE.matcher(v).matches()) {
                    throw new DatasetFormatException(s.fileOf(r), s.line(r), "value '" + v + "' in column '" + s.header.get(i)
                            + "' is written with a decimal point, but the input writes its numbers with decimal commas (e.g. "
                            + where + "), where '.' groups thousands in threes (1.234,5 is 1234.5; 120.002 is 120002): a column "
                            + "from another export? write its numbers with decimal commas (" + v.replace('.', ',') + "), or "
                            + "leave it out with --features");
                }
            }
        }
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
}

package org.rnnlab.evaluation.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.datasets.FileEncoding;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.windows.SeriesWindows;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnnlab data windows}: cuts a continuous series of several entities (10-minute SCADA rows per turbine, vitals
 * per ICU stay) into windows of a fixed number of rows, labels them from an event log (or a label column), and writes
 * them in the long CSV layout training reads ({@link SeriesWindows}). The output is written through a temporary file and
 * a rename; the summary says windows per label and entity, what was skipped and why, and, with events, that a window
 * whose horizon reaches past a later time split leaks label information.
 */
@Command(name = "windows", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.WINDOWS_ERROR, ExitCodes.USAGE, ExitCodes.OTHER_SIGNALS, ExitCodes.PIPE},
        description = {"Cut a long CSV series of several entities (one row per entity and time) into labelled windows, "
                + "written in the long CSV layout train reads (sequence_id, <entity>, time, <features>, label).",
            "--input DIR reads every .csv file under DIR (sorted by path, sub-folders too), each file its own series: "
                + "no window joins two files; all must have the same header; the entity is a column (--entity COLUMN) or "
                + "the folder holding each file (--entity folder, or folder:N: the N-th folder level below DIR, 1 = the "
                + "first, as train's --set groupFrom), then written in a column 'entity'; a 'source' column after the "
                + "entity (and --keep) columns holds each window's file, relative to DIR, and the id starts with it.",
            "Each entity's rows are sorted by time (said when they were not); two rows of one entity at one time are "
                + "refused, unless the time repeats with other values where a clock segment would start (below: a "
                + "drifting clock, warned of). Where an entity's time only goes back at a few places (a device restart: every run of increasing "
                + "times at least 10 rows, each jump landing inside the run before it), its rows are kept in file order as "
                + "clock segments that no window crosses, with a warning naming the line and the jump. Windows of --length "
                + "rows start every --stride rows; a window spanning a gap longer than --max-gap is skipped and counted; rows "
                + "after an entity's (or segment's) last full window are left out and counted.",
            "Label: with --events, the label of the entity's earliest event after the window's last row (a date-only "
                + "event at the last row's own time, its midnight, counts as after it) and at most "
                + "--horizon after it (events at one time: the first in the file), else --default-label; with --intervals, "
                + "the label of the intervals covering the window's rows (--label-rule, default all: every row in intervals "
                + "of one label); with --label, the column's value at the window's last row (--label-rule last); with none "
                + "of them, the windows are written without a label column, for predict (--last N: each entity's last N "
                + "windows, the last ending at its last row).",
            "--anchor events: one window per event instead, from its time + --offset, labelled and named by it (see "
                + "--anchor).",
            "Times: numbers, or ISO-8601 dates and date-times (2025-01-01T00:10:00Z, 2025-01-01 00:10:00), one kind per "
                + "column, or another form with --time-format; local times are compared as written unless --time-zone "
                + "names their zone (then daylight saving time is applied).",
            "Feature cells are copied as written (empty cells and codes such as -9999 are for train's --missing and "
                + "--set naValues).",
            "Example: rnnlab data windows --input scada.csv --entity turbine --time timestamp --length 144 "
                + "--events faults.csv --event-time fault_time --event-label fault_type --horizon 7d --out windows.csv"})
final class DataWindowsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE|DIR",
            description = "The series: a comma-separated CSV file with a header, one row per entity and time; or a folder: "
                    + "every .csv file under it (sorted by path, sub-folders too; names starting with '.' passed over), each "
                    + "file a series of its own (no window joins two files, a clock restart is looked for within each file), "
                    + "all with one header (collars/cow07/2025-03-14.csv); required.")
    Path input;

    @Option(names = "--entity", required = true, paramLabel = "COLUMN|folder|folder:N",
            description = "Column naming the entity (turbine, stay, machine); with a folder as --input also folder (the "
                    + "name of the folder holding each file) or folder:N (the N-th folder level below the input folder, "
                    + "1 = the first, as train's --set groupFrom=folder:N), written in a column 'entity' (the events' and "
                    + "intervals' entity column by default); required.")
    String entity;

    /** The folder level naming the entity ({@code folder}, {@code folder:N}), or null: a column. */
    private String entityFolder;

    @Option(names = "--time", required = true, paramLabel = "COLUMN", description = "Time column; required.")
    String time;

    @Option(names = "--length", required = true, paramLabel = "N", description = "Rows per window; required.")
    int length;

    @Option(names = "--stride", paramLabel = "S",
            description = "Rows between the starts of consecutive windows (default: --length, windows that do not overlap).")
    Integer stride;

    @Option(names = "--features", paramLabel = "COLUMNS", split = ",",
            description = "Feature columns to write (default: every column but the entity, time, --label and --keep columns; "
                    + "a column of text only, no number, is then refused: name it in --keep or leave it out with --features).")
    List<String> features;

    @Option(names = "--keep", paramLabel = "COLUMNS", split = ",",
            description = "Columns copied to every output row of a window, after the entity column: another id such as the "
                    + "cow of a collar segment, for --set group=cow (default: none). A kept column that varies within a "
                    + "window is refused with its file and line.")
    List<String> keep;

    @Option(names = "--label-map", paramLabel = "FILE",
            description = "A CSV file with header from,to: each 'from' label of the events, intervals or --label column is "
                    + "read as 'to' (spellings of one class: 'lying down' as 'lying'; compared with surrounding spaces "
                    + "stripped), as train's --set labelMap=FILE (default: none). Rows whose label occurs nowhere are warned of.")
    Path labelMap;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "Without --events: the series' label column, taken at each window's last row (default: none; "
                    + "without --events, --intervals and --label the windows are written unlabelled, for predict).")
    String label;

    @Option(names = "--intervals", paramLabel = "FILE",
            description = "Interval annotations: a CSV file with a header and an entity, a start, an end and a label column "
                    + "per annotated bout (video annotations); a row is covered from an interval's start up to, not including, "
                    + "its end; times as the series' (2025-03-14 08:40:12 and 2025-03-14T08:40:12.300 are both local "
                    + "date-times); labels as written (default: none).")
    Path intervals;

    @Option(names = "--interval-entity", paramLabel = "COLUMN",
            description = "The intervals' entity column (default: the --entity name).")
    String intervalEntity;

    @Option(names = "--interval-start", paramLabel = "COLUMN", defaultValue = "start",
            description = "The intervals' start column (default: ${DEFAULT-VALUE}).")
    String intervalStart;

    @Option(names = "--interval-end", paramLabel = "COLUMN", defaultValue = "end",
            description = "The intervals' end column (default: ${DEFAULT-VALUE}).")
    String intervalEnd;

    @Option(names = "--interval-label", paramLabel = "COLUMN", defaultValue = "label",
            description = "The intervals' label column (default: ${DEFAULT-VALUE}).")
    String intervalLabel;

    @Option(names = "--label-rule", paramLabel = "RULE",
            description = "With --intervals or --label: all (every row of the window has the same one label; windows "
                    + "straddling two labels, holding unlabelled rows or rows in overlapping intervals of different labels "
                    + "are skipped and counted by reason), majority (the label of more than half of the rows) or last (the "
                    + "last row's label) (default: all with --intervals, last with --label).")
    String labelRule;

    @Option(names = "--events", paramLabel = "FILE",
            description = "Event log: a CSV file with a header and an entity, a time and a label column per event "
                    + "(default: none).")
    Path events;

    @Option(names = "--event-entity", paramLabel = "COLUMN",
            description = "The events' entity column (default: the --entity name).")
    String eventEntity;

    @Option(names = "--event-time", paramLabel = "COLUMN", description = "The events' time column (default: the --time name).")
    String eventTime;

    @Option(names = "--event-label", paramLabel = "COLUMN", defaultValue = "label",
            description = "The events' label column (default: ${DEFAULT-VALUE}).")
    String eventLabel;

    @Option(names = "--horizon", paramLabel = "DURATION",
            description = "With --events: how long after a window's last row an event labels it, e.g. 7d, 12h, 30m, 1d12h, "
                    + "90s, 500ms (real time, also for epoch seconds or milliseconds; a bare number: in the time column's "
                    + "units); required with --events.")
    String horizon;

    @Option(names = "--default-label", paramLabel = "LABEL", defaultValue = "normal",
            description = "With --events: the label of a window with no event in its horizon, or none to skip such windows "
                    + "(counted), keeping only the windows an event labels (a scouting visit) (default: ${DEFAULT-VALUE}).")
    String defaultLabel;

    @Option(names = "--anchor", paramLabel = "grid|events", defaultValue = "grid",
            description = "Where windows start: grid (every --stride rows from each entity's first row) or events (one "
                    + "window per event of --events: from the entity's first row at or after the event's time + --offset, "
                    + "--length rows, labelled by the event's --event-label, or unlabelled with --event-label none; its id "
                    + "the --event-id column's value, else <entity>_<event time as written>, so predictions join back to "
                    + "the events; an event whose window would start in a gap, cross one (--max-gap), run past the end of "
                    + "its file, series or clock segment, or that falls outside the series makes no window, counted by "
                    + "reason with examples; --stride, --horizon, --default-label, --drop-event-windows and --last do not "
                    + "apply) (default: ${DEFAULT-VALUE}).")
    String anchor;

    @Option(names = "--offset", paramLabel = "DURATION",
            description = "With --anchor events: where each window starts relative to its event's time, e.g. -2s (before "
                    + "it), -500ms, 1m (real time, also for epoch seconds or milliseconds; a bare number: in the time "
                    + "column's units, -2000 for 2 s before on epoch milliseconds) (default: 0).")
    String offset;

    @Option(names = "--event-id", paramLabel = "COLUMN",
            description = "With --anchor events: the events' id column, each window's sequence_id (default: <entity>_<the "
                    + "event's time as written>).")
    String eventId;

    @Option(names = "--drop-event-windows",
            description = "With --events: skip a window with an event of its entity between its first and last row (a "
                    + "fault in progress, often unlike both normal operation and its precursors) (default: such windows are "
                    + "written, labelled by the events after their end, and counted).")
    boolean dropEventWindows;

    @Option(names = "--max-gap", paramLabel = "DURATION", defaultValue = "auto",
            description = "A window whose consecutive rows lie further apart than this is skipped: a duration (10m, 1h, "
                    + "0.5s, 500ms: real time; a bare number: in the time column's units), auto (2.5 times the median step "
                    + "between an entity's rows: one missing row passes, two in a row do not) or none: not checked (default: "
                    + "${DEFAULT-VALUE}).")
    String maxGap;

    @Option(names = "--last", paramLabel = "N",
            description = "Keep only each entity's last N windows, aligned so that the last one ends at the entity's last "
                    + "row (the last 7 days of each station, to predict now); a window of them spanning a gap is skipped and "
                    + "counted as usual (default: every window, from each entity's first row).")
    Integer last;

    @Option(names = "--encoding", paramLabel = "NAME",
            description = "The encoding of every file read (series, events, intervals): utf-8, windows-1252 (cp1252, Excel's "
                    + "CSV on Windows, portal exports with °C), iso-8859-1 (latin1), utf-16 or another Java charset name, as "
                    + "train's --set encoding; a byte invalid in it is an error naming its line and byte offset (default: "
                    + "UTF-8, with or without a byte order mark; a file with UTF-8's byte order mark is read as UTF-8).")
    String encoding;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "The column separator of every file read (series, events, intervals): one character, or tab "
                    + "(';' for a German or Austrian portal export). A delimiter at the end of every line, and Excel's first "
                    + "line sep=;, are skipped; the output is comma-separated, numbers of a ';' or tab input with decimal "
                    + "commas written with a point and without '.' grouping thousands (1.200,5 as 1200.5) (default: ',').")
    String delimiter;

    @Option(names = "--time-format", paramLabel = "PATTERN",
            description = "A java.time pattern of the time columns of every file, e.g. 'dd.MM.yyyy HH:mm' (a cell that does "
                    + "not fit it is read as a number or ISO-8601; a date alone fits the pattern's part before its first "
                    + "space: the day's start; optional sections in [...] read times with and without seconds alike: "
                    + "'dd.MM.yyyy HH:mm[:ss[,SSS]]'); the output's times are then written ISO-8601 (default: numbers and "
                    + "ISO-8601 only).")
    String timeFormat;

    @Option(names = "--time-zone", paramLabel = "ZONE",
            description = "The time zone of local times, e.g. Europe/Vienna: they become instants, so the hour skipped when "
                    + "daylight saving time starts is no gap (a time in it is refused) and the repeated autumn hour is read "
                    + "in file order per entity (the earlier offset first, the later once the time goes back; warned of); "
                    + "the output's times are written with their offset (default: none, local times compared as written).")
    String timeZone;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output CSV file, written through a temporary file and a rename; required.")
    Path out;

    @Option(names = "--overwrite", description = "Replace an existing --out file (default: refused).")
    boolean overwrite;

    @Option(names = "--verbose", description = "List every entity's windows in the summary (default: one line per entity up to "
            + PER_ENTITY_LINES + " entities; above, the counts' range and median and the " + FEWEST_SHOWN + " entities of fewest "
            + "windows).")
    boolean verbose;

    /** Most entities listed one per line in the summary without --verbose. */
    static final int PER_ENTITY_LINES = 20;

    /** Entities of fewest windows listed when the summary does not list them all. */
    static final int FEWEST_SHOWN = 5;

    @Override
    public Integer call() {
        int s = stride != null ? stride : length;
        if (length < 1 || s < 1) {
            throw usage((length < 1 ? "--length " + length : "--stride " + s) + " must be at least 1");
        }
        if (last != null && last < 1) {
            throw usage("--last " + last + " must be at least 1");
        }
        if ((events != null ? 1 : 0) + (label != null ? 1 : 0) + (intervals != null ? 1 : 0) > 1) {
            throw usage((intervals == null ? "--label and --events" : events == null ? "--intervals and --label"
                    : label == null ? "--intervals and --events" : "--intervals, --events and --label")
                    + " each label the windows: give one");
        }
        if (intervals == null && intervalEntity != null) {
            throw usage("--interval-entity applies to --intervals only");
        }
        SeriesWindows.LabelRule rule = null;
        if (labelRule != null) {
            if (events != null || label == null && intervals == null) {
                throw usage("--label-rule applies to --intervals and --label, not to " + (events != null ? "--events"
                        : "unlabelled windows"));
            }
            try {
                rule = SeriesWindows.LabelRule.valueOf(labelRule.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw usage("--label-rule '" + labelRule + "' must be all, majority or last");
            }
        }
        boolean folder = java.nio.file.Files.isDirectory(input);
        if (!folder && !java.nio.file.Files.isRegularFile(input)) {
            throw usage("--input " + input + ": no such file or folder (expected a CSV series file, or a folder of them)");
        }
        String entitySpec = entity.strip();
        if (entitySpec.equals(SeriesWindows.FOLDER) && folder || entitySpec.startsWith(SeriesWindows.FOLDER + ":")) {
            if (SeriesWindows.folderLevel(entitySpec) < 0) {
                throw usage("--entity " + entity + " must be folder (the name of the folder holding each file) or folder:N "
                        + "(the N-th folder level below the input folder, 1 = the first)");
            }
            if (!folder) {
                throw usage("--entity " + entity + " takes each file's entity from its folders: give a folder as --input "
                        + "(" + input + " is a file; its entity column is named with --entity COLUMN)");
            }
            entityFolder = entitySpec;
            entity = "entity";
        }
        String anchorMode = anchor.strip().toLowerCase(Locale.ROOT);
        if (!anchorMode.equals("grid") && !anchorMode.equals("events")) {
            throw usage("--anchor '" + anchor + "' must be grid (windows every --stride rows) or events (one window per "
                    + "event of --events)");
        }
        boolean anchored = anchorMode.equals("events");
        if (anchored) {
            if (events == null) {
                throw usage("--anchor events needs --events FILE: one window per event");
            }
            for (String[] given : new String[][] {{"--stride", stride == null ? null : ""},
                    {"--horizon", horizon}, {"--drop-event-windows", dropEventWindows ? "" : null},
                    {"--last", last == null ? null : ""},
                    {"--default-label", spec.findOption("--default-label").originalStringValues().isEmpty() ? null : ""}}) {
                if (given[1] != null) {
                    throw usage(given[0] + " does not apply under --anchor events: each event makes one window of --length "
                            + "rows from its time + --offset, labelled by the event");
                }
            }
        } else {
            for (String[] given : new String[][] {{"--offset", offset}, {"--event-id", eventId}}) {
                if (given[1] != null) {
                    throw usage(given[0] + " applies to --anchor events only");
                }
            }
        }
        if (events != null && horizon == null && !anchored) {
            throw usage("--events needs --horizon DURATION (e.g. 7d): how long after a window's end an event labels it");
        }
        if (events == null) {
            for (String[] given : new String[][] {{"--horizon", horizon}, {"--event-entity", eventEntity},
                    {"--event-time", eventTime}, {"--drop-event-windows", dropEventWindows ? "" : null},
                    {"--default-label", spec.findOption("--default-label").originalStringValues().isEmpty() ? null : ""}}) {
                if (given[1] != null) {
                    throw usage(given[0] + " applies to --events only");
                }
            }
        }
        double horizonSeconds;
        double offsetSeconds;
        Double gap;
        SeriesWindows.Reading reading;
        try {
            if (timeFormat != null) {
                try {
                    java.time.format.DateTimeFormatter.ofPattern(timeFormat, Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--time-format '" + timeFormat + "' is not a java.time pattern ("
                            + e.getMessage() + "; e.g. 'dd.MM.yyyy HH:mm')");
                }
            }
            java.time.ZoneId zone = null;
            if (timeZone != null) {
                try {
                    zone = java.time.ZoneId.of(timeZone.strip());
                } catch (java.time.DateTimeException e) {
                    throw new IllegalArgumentException("--time-zone '" + timeZone + "' is not a time zone Java knows (a region "
                            + "such as Europe/Vienna, America/New_York, or an offset such as +01:00)");
                }
            }
            reading = new SeriesWindows.Reading(encoding == null ? null : FileEncoding.parse(encoding, "--encoding"),
                    delimiter == null ? ',' : CsvSchema.parseDelimiter("--delimiter", delimiter), timeFormat, zone);
            horizonSeconds = horizon == null ? 0 : SeriesWindows.duration(horizon);
            String o = offset == null ? "0" : offset.strip();
            offsetSeconds = o.startsWith("-") ? -SeriesWindows.duration(o.substring(1)) : SeriesWindows.duration(
                    o.startsWith("+") ? o.substring(1) : o);
            String g = maxGap.trim().toLowerCase(Locale.ROOT);
            gap = g.equals("auto") ? null : g.equals("none") ? Double.POSITIVE_INFINITY : SeriesWindows.duration(g);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        try {
            OutputFile.check("--out " + out, out, "windows.csv", overwrite);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        SeriesWindows.Config config = new SeriesWindows.Config(input, entity, time, length, s, features, label, events,
                eventEntity, eventTime, anchored && eventLabel.strip().equalsIgnoreCase("none") ? null : eventLabel,
                horizonSeconds,
                defaultLabel.strip().equalsIgnoreCase("none") ? null : defaultLabel, gap, dropEventWindows, keep,
                intervals == null ? null : new SeriesWindows.Intervals(intervals, intervalEntity, intervalStart, intervalEnd,
                        intervalLabel), rule, last == null ? 0 : last, reading, entityFolder, anchored, offsetSeconds,
                eventId, SeriesWindows.Written.of(horizon, offset, gap == null || gap.isInfinite() ? null : maxGap));
        if (labelMap != null && events == null && intervals == null && label == null) {
            throw usage("--label-map maps the labels of --events, --intervals or --label; none is given");
        }
        return DataCommand.run(spec, () -> {
            org.rnnlab.datasets.csv.LabelMap map = labelMap == null ? null : org.rnnlab.datasets.csv.LabelMap.read(labelMap);
            SeriesWindows.Result[] result = new SeriesWindows.Result[1];
            AtomicFiles.write(out, stream -> {
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                java.io.IOException[] failed = new java.io.IOException[1];
                result[0] = org.rnnlab.datasets.csv.LabelMap.applying(map, () -> {
                    try {
                        return SeriesWindows.cut(config, w);
                    } catch (java.io.IOException e) {
                        failed[0] = e;
                        return null;
                    }
                });
                if (failed[0] != null) {
                    throw failed[0];
                }
                w.flush();
            });
            if (map != null && anchored && config.eventLabel() == null) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf("label map %s: not applied (--event-label none: no labels read)%n", labelMap);
                err.flush();
            } else if (map != null) {
                PrintWriter err = spec.commandLine().getErr();
                String what = events != null ? "event(s)" : intervals != null ? "interval(s)" : "row(s)";
                err.printf("label map %s: %s%n", labelMap, result[0].relabelled().isEmpty() ? "no label changed"
                        : result[0].relabelled().entrySet().stream().map(e -> org.rnnlab.datasets.LabelCheck.quoted(e.getKey())
                        + " read as " + org.rnnlab.datasets.LabelCheck.quoted(map.apply(e.getKey())) + " in " + e.getValue() + " "
                        + what).collect(java.util.stream.Collectors.joining(", ")));
                List<String> unused = map.mapping().keySet().stream().filter(f -> !result[0].relabelled().containsKey(f)).toList();
                // labels only of entities not in the series (a held-out folder) are no misspelling: said apart
                List<String> elsewhere = unused.stream().filter(f -> result[0].unknownEntityLabels().contains(f.strip())).toList();
                List<String> nowhere = unused.stream().filter(f -> !elsewhere.contains(f)).toList();
                if (!elsewhere.isEmpty()) {
                    err.printf("label map %s: %s occur(s) only in %s of %s(s) not in %s (not read: no windows of them)%n",
                            labelMap, elsewhere.stream().map(org.rnnlab.datasets.LabelCheck::quoted)
                                    .collect(java.util.stream.Collectors.joining(", ")), what, entity, input);
                }
                if (!nowhere.isEmpty()) {
                    err.printf("warning: label map %s: %s occur(s) in none of the %s read (a misspelt map?)%n", labelMap,
                            nowhere.stream().map(org.rnnlab.datasets.LabelCheck::quoted).collect(java.util.stream.Collectors.joining(", ")),
                            what);
                }
                err.flush();
            }
            summary(result[0], s);
            if (result[0].windows() == 0) {
                // nothing to train on is no success (trial 73c F2: 0 windows of a naive union of two devices' rows exited 0)
                PrintWriter err = spec.commandLine().getErr();
                err.println("error: no window written (" + out + " holds the header only): " + noWindowWhy(result[0]));
                err.flush();
                return 1;
            }
            return 0;
        });
    }

    /** Why no window was made, from the counts of what was skipped (the largest first in each kind). */
    private String noWindowWhy(SeriesWindows.Result r) {
        List<String> why = new java.util.ArrayList<>();
        if (r.shortSegmentRows() > 0) {
            why.add(String.format("%d row(s) are in %d clock segment(s) shorter than --length %d (a time going back or repeating "
                    + "starts a segment, and no window crosses one)%s", r.shortSegmentRows(), r.shortSegments(), length,
                    r.warnings().stream().anyMatch(w -> w.contains("rows of two sources")) ? ": merge the rows of one time into "
                    + "one first (warning below)" : ""));
        }
        if (!r.shortEntities().isEmpty()) {
            why.add(String.format("%d %s(s) have fewer than %d rows", r.shortEntities().size(), entity, length));
        }
        if (!r.gapSkipped().isEmpty()) {
            why.add(String.format("%d window(s) spanned a gap over --max-gap", r.gapSkipped().size()));
        }
        if (r.tailRows() > 0 && r.shortSegmentRows() == 0 && r.shortEntities().isEmpty()) {
            why.add(String.format("%d row(s) after the last full window", r.tailRows()));
        }
        if (r.anchored()) {
            why.add(String.format("%d of the %d event(s) read made no window", r.eventsRead(), r.eventsRead()));
        }
        return (why.isEmpty() ? "every window was skipped (see skipped above)" : String.join("; ", why))
                + "; a shorter --length, or fewer rows per window after resampling, may make some";
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private void summary(SeriesWindows.Result r, int s) {
        // durations are held in the time column's units (epoch milliseconds: 1000 a second) and said in real time
        java.util.function.DoubleFunction<String> dur = v -> SeriesWindows.durationText(v, r.unitsPerSecond());
        double horizonSeconds = r.horizon();
        double offsetSeconds = r.offset();
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        o.printf("read %d rows from %s (time: %s); features: %s%n", r.rows(), r.files() > 0 ? r.files() + " .csv file(s) under "
                + input : input, r.kind().words(), String.join(", ", r.features()));
        if (r.files() > 0) {
            o.printf("files: each its own series, no window joins two; %s; column '%s' names each window's file, and its id "
                    + "starts with the file's path without .csv%n", entityFolder == null ? "entity from column '" + entity + "'"
                    : "entity from " + (entityFolder.equals(SeriesWindows.FOLDER) ? "the folder holding each file"
                    : "folder level " + SeriesWindows.folderLevel(entityFolder) + " below " + input) + " (column '" + entity
                    + "')", SeriesWindows.SOURCE);
        }
        if (!r.unsortedEntities().isEmpty()) {
            o.printf("sorted by time: the rows of %d %s(s) were not in time order (first at line %s, %s '%s'); each entity's "
                    + "rows were sorted by %s%n", r.unsortedEntities().size(), entity, r.firstUnsortedLine()
                    + (r.files() > 0 ? " of " + r.firstUnsortedFile() : ""), entity, r.unsortedEntities().get(0), time);
        }
        if (!r.keep().isEmpty()) {
            o.println("kept: " + String.join(", ", r.keep()) + " (copied to every row of each window)");
        }
        if (Double.isInfinite(r.maxGap())) {
            o.println("gaps: not checked (--max-gap " + maxGap + ")");
        } else {
            o.printf("gaps: a window with a step longer than %s is skipped (%s)%n", dur.apply(r.maxGap()),
                    maxGap.equalsIgnoreCase("auto") ? "--max-gap auto: 2.5 times the median step, "
                            + dur.apply(r.medianStep()) + ": one missing row passes, two in a row do not"
                            : "--max-gap " + maxGap);
        }
        if (!Double.isNaN(r.medianStep())) {
            o.printf("dropped rows: %d of the %d window(s) written hold a step longer than 1.5 times the median step (%s): "
                    + "a missing row%n", r.windowsWithDroppedRows(), r.windows(), dur.apply(r.medianStep()));
        }
        if (r.anchored()) {
            int skippedEvents = r.eventsSkipped().values().stream().mapToInt(Integer::intValue).sum();
            int unknownEvents = r.unknownEventEntities().values().stream().mapToInt(Integer::intValue).sum();
            o.printf("wrote %s: %d windows of %d rows, one per event (--anchor events), each from the first row at or after "
                    + "its event's time%s; %d of the %d events read made no window (%d skipped below, %d whose %s is not in "
                    + "the series)%n", out, r.windows(), length, offsetSeconds == 0 ? ""
                    : (offsetSeconds < 0 ? " - " : " + ") + dur.apply(Math.abs(offsetSeconds)) + " (--offset)",
                    r.eventsRead() - r.windows(), r.eventsRead(), skippedEvents, unknownEvents, entity);
        } else {
            o.printf("wrote %s: %d windows of %d rows (stride %d)%s%s%n", out, r.windows(), length, s,
                    s < length ? ", overlapping: consecutive windows share " + (length - s) + " rows" : "",
                    last == null ? "" : "; each " + entity + "'s last " + last + ", the last ending at its last row (--last)");
        }
        if (r.labelled()) {
            o.println("windows per label: " + counts(r.windowsPerLabel()));
            if (label != null) {
                o.println("labels: the '" + label + "' column " + (r.labelRule() == SeriesWindows.LabelRule.ALL
                        ? "on every row of a window, one label throughout" : r.labelRule() == SeriesWindows.LabelRule.LAST
                        ? "at each window's last row" : "on more than half of a window's rows") + " (--label-rule "
                        + r.labelRule().name().toLowerCase(Locale.ROOT) + (labelRule == null ? ", the default with --label" : "")
                        + ")" + mixedLabels(r));
            }
        } else if (!r.anchored()) {
            o.println("no labels: for predict (no --events, --intervals or --label: written without a label column)");
        }
        printPerEntity(o, r);
        StringBuilder skipped = new StringBuilder();
        if (!r.gapSkipped().isEmpty()) {
            skipped.append(String.format("  %d window(s) spanning a gap longer than %s: %s%n", r.gapSkipped().size(),
                    dur.apply(r.maxGap()), r.gapSkipped().stream().limit(5)
                            .map(k -> k.entity() + " from " + k.start()).collect(Collectors.joining(", "))
                            + (r.gapSkipped().size() > 5 ? ", ..." : "")));
            if (r.dstGaps() > 0) {
                skipped.append(String.format("    %d of them across a step of one hour more than the median to a Sunday "
                        + "night in March: daylight saving time starting? give --time-zone (e.g. %s) to read "
                        + "local times as instants%n", r.dstGaps(), SeriesWindows.dstZoneExample(r.dstRegion())));
            }
        }
        if (dropEventWindows && r.windowsHoldingEvent() > 0) {
            skipped.append(String.format("  %d window(s) holding an event of their %s (--drop-event-windows)%n",
                    r.windowsHoldingEvent(), entity));
        }
        if (r.noEventSkipped() > 0) {
            skipped.append(String.format("  %d window(s) with no event within %s after their last row (--default-label "
                    + "none)%n", r.noEventSkipped(), dur.apply(horizonSeconds)));
        }
        r.eventsSkipped().forEach((reason, n) -> skipped.append(String.format("  %d event(s) whose window would %s: %s%s%n",
                n, reason.replace("--max-gap", "--max-gap " + dur.apply(r.maxGap())),
                String.join(", ", r.eventsSkippedExamples().get(reason)), n > 3 ? ", ..." : "")
                + (reason.equals(SeriesWindows.EVENT_ACROSS_GAP) && r.dstGaps() > 0 ? String.format("    %d of them across a "
                + "step of one hour more than the median to a Sunday night in March: daylight saving time starting? give "
                + "--time-zone (e.g. %s) to read local times as instants%n", r.dstGaps(),
                SeriesWindows.dstZoneExample(r.dstRegion())) : "")));
        r.labelSkipped().forEach((reason, n) -> skipped.append(String.format("  %d window(s) that %s (--label-rule %s)%n", n,
                reason, r.labelRule().name().toLowerCase(Locale.ROOT))));
        if (r.unlabelledSkipped() > 0) {
            skipped.append(String.format("  %d window(s) with an empty '%s' at their last row%n", r.unlabelledSkipped(), label));
        }
        if (!r.shortEntities().isEmpty()) {
            skipped.append(String.format("  %d %s(s) with fewer than %d rows: %s%n", r.shortEntities().size(), entity, length,
                    String.join(", ", r.shortEntities())));
        }
        if (r.shortSegmentRows() > 0) {
            skipped.append(String.format("  %d row(s) in %d clock segment(s) shorter than %d rows (no window fits in one)%n",
                    r.shortSegmentRows(), r.shortSegments(), length));
        }
        if (r.tailRows() > 0 && last != null) {
            skipped.append(String.format("  %d row(s) before the first of the last %d window(s) of their %s (--last)%n",
                    r.tailRows(), last, entity));
        } else if (r.tailRows() > 0) {
            skipped.append(String.format("  %d row(s) after the last full window of their %s%s%n", r.tailRows(), entity,
                    r.restarts().isEmpty() ? "" : " or clock segment"));
        }
        o.print(skipped.length() == 0 ? "skipped: none\n" : "skipped:\n" + skipped);
        if (r.anchored()) {
            o.printf("labels: %s; ids: %s (predictions join back to the events)%n", r.labelled() ? "each window's event's ('"
                    + eventLabel + "', " + r.eventsRead() + " events read)" : "none (--event-label none: for predict)",
                    eventId != null ? "the events' '" + eventId + "'" : entity + "_<the event's time as written>");
        } else if (events != null) {
            o.printf("labels: the earliest event of the %s within %s after a window's last row (%d events read)%n", entity,
                    dur.apply(horizonSeconds), r.eventsRead());
            if (r.windowsHoldingEvent() > 0 && !dropEventWindows) {
                o.printf("note: %d window(s) hold an event of their %s between their first and last row; each is labelled by "
                        + "the events after its end only (--drop-event-windows skips them)%n", r.windowsHoldingEvent(), entity);
            }
            if (r.tiedLabels() > 0) {
                o.printf("note: %d window(s) had events of different labels at the same earliest time; the one first in %s "
                        + "was taken%n", r.tiedLabels(), events);
            }
            o.printf("note: a window's label looks up to %s past its last row. Split by time (--set splitBy=time) and the "
                    + "last windows before the boundary take their labels from events in the later split: leave out the "
                    + "windows that end within %s before the boundary (or accept a slightly optimistic score)%n",
                    dur.apply(horizonSeconds), dur.apply(horizonSeconds));
        }
        if (intervals != null) {
            o.printf("labels: the intervals covering a window's rows (--label-rule %s; %d intervals read)%s%n",
                    r.labelRule().name().toLowerCase(Locale.ROOT), r.intervalsRead(), mixedLabels(r));
        }
        if (s < length) {
            o.println("note: overlapping windows share rows: split by " + entity + " (--set group=" + entity + ") or by time "
                    + "with a gap, not at random");
        }
        // a column mostly empty (a slower device's channel on a faster one's grid): train refuses it without a policy, so
        // the command says --missing interpolate (trial 73c F3: 96% empty cells copied, the command without --missing)
        long cells = (long) r.windows() * length;
        List<String> sparse = r.emptyCells().entrySet().stream().filter(e -> cells > 0 && e.getValue() * 2 > cells)
                .map(e -> "'" + e.getKey() + "' " + Math.round(100.0 * e.getValue() / cells) + "%").toList();
        String missing = sparse.isEmpty() ? "" : " --missing interpolate";
        if (r.labelled()) {
            o.printf("train on it: rnnlab train --dataset csv --train %s --set group=%s%s%s%n", out, entity,
                    r.files() > 0 ? " --set features=" + String.join(",", r.features()) + missing + " ... (features named: the '"
                    + SeriesWindows.SOURCE + "' column holds text)" : missing + " ...", sparse.isEmpty() ? ""
                    : String.format(" (empty cells: %s; interpolate fills a slower channel's rows between its samples, ffill "
                    + "holds each value)", String.join(", ", sparse)));
        } else {
            o.printf("predict on it: rnnlab predict --model MODEL --input %s (a model trained on windows of %d rows of the "
                    + "same features)%n", out, length);
        }
        o.flush();
        int unknownEvents = r.unknownEventEntities().values().stream().mapToInt(Integer::intValue).sum();
        String fallback = defaultLabel.strip().equalsIgnoreCase("none") ? null : defaultLabel;
        if (!r.anchored() && events != null && r.windows() > 0 && r.eventsRead() > unknownEvents && fallback != null
                && r.windowsPerLabel().keySet().equals(java.util.Set.of(fallback))) {
            // every event missed: a horizon too short (5 read as 5 ms on epoch milliseconds) or events off the series
            err.printf("warning: no window was labelled by an event: all %d are '%s' (%d events of %s(s) in the series "
                    + "read; --horizon %s, the median step %s): a horizon too short, or event times that miss the series?%n",
                    r.windows(), fallback, r.eventsRead() - unknownEvents, entity, dur.apply(horizonSeconds),
                    dur.apply(r.medianStep()));
        }
        if (!r.unknownEventEntities().isEmpty()) {
            int n = r.unknownEventEntities().values().stream().mapToInt(Integer::intValue).sum();
            err.printf("warning: %d %s of %d %s(s) not in %s ignored: %s%s%n", n, intervals != null ? "interval(s)" : "event(s)",
                    r.unknownEventEntities().size(), entity, input, counts(r.unknownEventEntities()),
                    nearEntities(r.unknownEventEntities().keySet(), r.windowsPerEntity().keySet(), entity));
        }
        r.warnings().forEach(w -> err.println("warning: " + w));
        if (!r.dstRestarts().isEmpty()) {
            SeriesWindows.Restart x = r.dstRestarts().get(0);
            long entities = r.dstRestarts().stream().map(SeriesWindows.Restart::entity).distinct().count();
            String region = r.dstRegion();
            err.printf("warning: the local times of %d %s(s) go back by about an hour (%d place(s), first %s '%s' at line %d "
                    + "of %s: %s after %s) in the night clocks are put back when daylight saving time ends (%s): this looks "
                    + "like daylight saving time, not a device restart; give --time-zone %s (or your zone) to read local "
                    + "times as instants. Until then each such jump splits the rows into clock segments that no window "
                    + "crosses%n", entities, entity, r.dstRestarts().size(), entity, x.entity(), x.line(), x.file(), x.to(),
                    x.from(), "US".equals(region) ? "the first Sunday of November in the US"
                    : "the last Sunday of October in Europe", SeriesWindows.dstZoneExample(region));
        }
        int shown = 0;
        for (SeriesWindows.Restart x : r.restarts()) {
            if (shown++ == 10) {
                err.printf("warning: ... %d more clock restart(s)%n", r.restarts().size() - 10);
                break;
            }
            err.printf("warning: the clock of %s '%s' went back by %s at line %d of %s (%s after %s): a device restart? its "
                    + "rows are kept in file order and no window crosses the jump%n", entity, x.entity(),
                    dur.apply(x.back()), x.line(), x.file(), x.to(), x.from());
        }
        if (r.conflictingOverlaps() > 0) {
            err.printf("warning: %d pair(s) of overlapping intervals of one %s have different labels (first at line %d of %s): "
                    + "rows covered by both take no label%s%n", r.conflictingOverlaps(), entity, r.firstConflictLine(),
                    intervals, r.labelRule() == SeriesWindows.LabelRule.MAJORITY ? "" : " and their windows are skipped");
        }
        for (List<String> g : r.labelSpellings()) {
            String how = org.rnnlab.datasets.LabelCheck.howTheyDiffer(g);
            err.printf("warning: labels %s differ only %s: fix %s if they are one %s, or read them as one with --label-map FILE "
                    + "(labels are taken as written)%n", g.stream().map(x -> "'" + x + "'").collect(Collectors.joining(" and ")),
                    how,
                    intervals != null ? "the annotation file" : events != null ? events : input,
                    intervals != null ? "behaviour" : "class");
        }
        if (!r.unannotatedEntities().isEmpty()) {
            err.printf("warning: %d %s(s) of %s have no interval, so no labelled window: %s%n", r.unannotatedEntities().size(),
                    entity, input, String.join(", ", r.unannotatedEntities().stream().limit(10).toList())
                            + (r.unannotatedEntities().size() > 10 ? ", ..." : ""));
        }
        err.flush();
    }

    /**
     * The windows per entity: a line each up to {@value #PER_ENTITY_LINES} entities (or with --verbose), else one line of
     * the counts' range and median and the entities of fewest windows (trial 81b F8: 300 lines pushed the skip counts and
     * the train command off the screen).
     */
    private void printPerEntity(PrintWriter o, SeriesWindows.Result r) {
        Map<String, Map<String, Integer>> per = r.windowsPerEntity();
        java.util.function.Function<Map<String, Integer>, Integer> total = m -> m.values().stream().mapToInt(Integer::intValue).sum();
        java.util.function.Function<Map.Entry<String, Map<String, Integer>>, String> line = e -> String.format("%s: %d%s",
                e.getKey(), total.apply(e.getValue()), r.labelled() ? " (" + counts(e.getValue()) + ")" : "");
        if (verbose || per.size() <= PER_ENTITY_LINES) {
            o.println("windows per " + entity + ":");
            per.entrySet().forEach(e -> o.println("  " + line.apply(e)));
            return;
        }
        int[] sorted = per.values().stream().mapToInt(total::apply).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        o.printf("windows per %s: %d %ss with windows, %d to %d each (median %s); fewest: %s, ...; --verbose lists every %s%n",
                entity, n, entity, sorted[0], sorted[n - 1], median == Math.rint(median) ? Long.toString((long) median)
                        : Double.toString(median), per.entrySet().stream().sorted(java.util.Comparator.comparingInt(
                                (Map.Entry<String, Map<String, Integer>> e) -> total.apply(e.getValue())))
                        .limit(FEWEST_SHOWN).map(line).collect(Collectors.joining(", ")), entity);
    }

    /**
     * How many of the windows written hold rows of two or more labels, labelled by the rule {@code last} or {@code
     * majority} all the same, and the rules that differ ("" under {@code all}, which skips them): a segmentation file's
     * windows of two activities were 38% of those written and said nowhere (trial 81b F1).
     */
    static String mixedLabels(SeriesWindows.Result r) {
        if (r.labelRule() == null || r.labelRule() == SeriesWindows.LabelRule.ALL || r.windows() == 0) {
            return "";
        }
        boolean last = r.labelRule() == SeriesWindows.LabelRule.LAST;
        if (r.mixedLabelWindows() == 0) {
            // not "one label" (review 81b R7: with --intervals a window may hold rows of no label beside its one)
            return "; no window written holds rows of two labels";
        }
        return String.format(Locale.ROOT, "; %d of the %d windows written (%s) hold rows of two or more labels, each "
                + "labelled by %s: not windows of one label each; --label-rule all skips them, %s", r.mixedLabelWindows(),
                r.windows(), percent(r.mixedLabelWindows(), r.windows()), last ? "its last row"
                        : "the label of more than half of its rows", last
                        ? "majority takes the label of more than half of the rows" : "last takes the last row's");
    }

    /** A share as a whole percent, "<1%" for a few of many and at most "99%" for all but a few (review 81b R7: 999 of 1000). */
    static String percent(int part, int whole) {
        long p = Math.round(100.0 * part / whole);
        return p == 0 ? "<1%" : p == 100 && part < whole ? "99%" : p + "%";
    }

    /**
     * "Did you mean" for the unknown event entities that differ from an entity of the series only by case, spaces, '-',
     * '_' or '.' ({@code 'Linie 3'} for {@code Linie3}, a hand-kept shift book): their windows were all given the default
     * label; "" when none does.
     */
    static String nearEntities(java.util.Set<String> unknown, java.util.Set<String> series, String entity) {
        Map<String, String> byKey = new java.util.HashMap<>();
        for (String e : series) {
            byKey.putIfAbsent(entityKey(e), e);
        }
        List<String> near = new java.util.ArrayList<>();
        for (String u : unknown) {
            String e = byKey.get(entityKey(u));
            if (e != null) {
                near.add("'" + u + "' is " + entity + " '" + e + "'?");
            }
        }
        return near.isEmpty() ? "" : "; did you mean: " + String.join(", ", near) + " (names must match exactly; the "
                + "windows of such an entity got no event; write the names alike in both files)";
    }

    private static String entityKey(String name) {
        return name.replaceAll("[\\s_.-]", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String counts(Map<String, Integer> m) {
        // a label with surrounding space (an annotation's 'grazing ') is quoted, so that it is told from 'grazing'
        return m.entrySet().stream().map(e -> (e.getKey().isEmpty() || !e.getKey().strip().equals(e.getKey())
                ? "'" + e.getKey() + "'" : e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}

package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rnnlab.datasets.DatasetFormatException;

/**
 * The wide layout ({@code --set layout=wide}): one row per sequence, its time steps in columns, as the UCR/UEA archive's
 * {@code .tsv} and {@code .csv} files hold them. A wide file is reshaped right after it is read into the long layout's
 * table ({@link #reshape}): a synthesised sequence-id column, the per-sequence columns (label, group, split, others)
 * repeated on each step, and one column per feature, each row keeping its source line, so that every check, warning,
 * missing-value policy, scaling and split of the long layout applies unchanged. Stored with a model in its {@link
 * CsvSchema} ({@link CsvSchema#wide}), so that new files are read the same way.
 * <ul>
 *   <li>Without a header (UCR's files, {@code --set header=false}, or a first line of numbers only): column {@link #label}
 *       (0 unless chosen) is the label, every other column (but a chosen sequence id, group or split column) is one time
 *       step of the single feature {@value #VALUE}, in column order. Empty or NaN cells at the end of a row end a shorter
 *       series (UCR 2018 pads variable-length series with NaN); one before the end is a missing value (--missing).</li>
 *   <li>With a header: columns named {@code <feature><sep><step>} ({@code ax_0}, {@code ax_1}, ..., {@code ay_0}, ..., or
 *       {@code t0, t1, ...}; sep one of {@code _ . - :} or none) are grouped by feature and ordered by step; each feature
 *       must have the same steps. The label, sequence id, group and split columns, and any column not so named, hold one
 *       value per sequence.</li>
 *   <li>Sequence ids: the {@link #sequenceId} column's, else the row's 1-based line number in the file (a column named
 *       {@value #LINE}).</li>
 * </ul>
 *
 * @param header     whether the wide files have a header line
 * @param label      the label column (by name with a header, else by index)
 * @param sequenceId the sequence-id column, or null: ids are the rows' line numbers
 * @param group      the group column, or null
 * @param split      the split column, or null
 */
public record WideLayout(boolean header, Column label, Column sequenceId, Column group, Column split) {

    public WideLayout {
        if (label == null) {
            throw new IllegalArgumentException("WideLayout.label must not be null (expected the label column of the wide files)");
        }
        if (!header) {
            for (Column c : new Column[] {label, sequenceId, group, split}) {
                if (c != null && c.name() != null) {
                    throw new IllegalArgumentException("WideLayout: files without a header take columns by index, got '" + c + "'");
                }
            }
        }
    }

    /** The single feature of a headerless wide file. */
    public static final String VALUE = "value";
    /** The name of the id column when ids are line numbers. */
    public static final String LINE = "line";
    /** The names a headerless file's per-sequence columns get in the long table. */
    static final String LABEL = "label";
    static final String ID = "sequence_id";
    static final String GROUP = "group";
    static final String SPLIT = "split";

    /** A step column's name: the feature, an optional separator, the step. */
    private static final Pattern STEP = Pattern.compile("(.*?)([_.:-]?)(\\d{1,9})");

    /**
     * The layout of a training file read with {@code o}'s header and delimiter: its columns resolved in {@code table}
     * (by name when it has a header). With a header, the sequence id is {@code o.sequenceId()} when the file has that
     * column or it was chosen ({@code explicitId}), else the line numbers; without one, a chosen index, else line numbers.
     */
    static WideLayout resolve(CsvTable table, CsvOptions o, boolean explicitId) {
        List<String> h = table.header();
        int width = table.width();
        if (h == null) {
            Column label = Column.at(o.label().resolve(null, width, table.file()));
            Column id = explicitId ? Column.at(o.sequenceId().resolve(null, width, table.file())) : null;
            Column group = o.group() == null ? null : Column.at(o.group().resolve(null, width, table.file()));
            Column split = o.split() == null || o.split() == CsvOptions.NO_SPLIT ? null
                    : Column.at(o.split().resolve(null, width, table.file()));
            return new WideLayout(false, label, id, group, split);
        }
        Column label = o.label().name() != null ? o.label() : Column.named(h.get(o.label().resolve(h, width, table.file())));
        Column id = null;
        if (explicitId || o.sequenceId().name() != null && h.contains(o.sequenceId().name())) {
            id = Column.named(h.get(o.sequenceId().resolve(h, width, table.file())));
        }
        Column group = o.group() == null ? null : Column.named(h.get(o.group().resolve(h, width, table.file())));
        Column split = o.split() == null || o.split() == CsvOptions.NO_SPLIT ? null
                : Column.named(h.get(o.split().resolve(h, width, table.file())));
        return new WideLayout(true, label, id, group, split);
    }

    /** The header names of the per-sequence role columns (with a header): never read as step columns. */
    Set<String> roleNames() {
        Set<String> names = new HashSet<>();
        for (Column c : new Column[] {label, sequenceId, group, split}) {
            if (c != null && c.name() != null) {
                names.add(c.name());
            }
        }
        if (split == null) {
            names.add(CsvOptions.DEFAULT_SPLIT_NAME);
        }
        return names;
    }

    /** The name of the label column in the long table. */
    String labelName() {
        return label.name() != null ? label.name() : LABEL;
    }

    /** The name of the group column in the long table (null: none). */
    String groupName() {
        return group == null ? null : group.name() != null ? group.name() : GROUP;
    }

    /** The name of the split column in the long table (null: none chosen). */
    String splitName() {
        return split == null ? null : split.name() != null ? split.name() : SPLIT;
    }

    /**
     * Reads a wide file with this layout (codes for missing values, {@code --set naValues}, apply to every cell but the
     * role columns') and reshapes it ({@link #reshape}).
     *
     * @param idName    the long table's id column name (a model's), or null to choose one
     * @param notSteps  header names never read as step columns beside the roles (a model's columns it does not read)
     */
    CsvTable read(Path file, char delimiter, String idName, Set<String> notSteps) {
        // a header where the training file had none, or none where it had one: refused, not guessed (trial 66a)
        WideFirstLine.of(file, delimiter).requireLayout(this);
        CsvTable.NaScope previous = CsvTable.NA_SCOPE.get();
        CsvTable.NA_SCOPE.set(new CsvTable.NaScope(null, java.util.Arrays.asList(label, sequenceId, group, split)));
        CsvTable wide;
        try {
            wide = readRows(() -> CsvTable.readWithLayout(file, delimiter, header, roleNames()));
        } finally {
            CsvTable.NA_SCOPE.set(previous);
        }
        Set<String> skip = new HashSet<>(roleNames());
        skip.addAll(notSteps);
        return reshape(wide, idName, skip, null).table();
    }

    /**
     * A wide file read by {@code reading}, rows of unequal length told with the padding that is read: a UCR trial's
     * rows of 120 and 150 values were refused with the counts only, although trailing empty or NaN cells end a series.
     */
    static CsvTable readRows(java.util.function.Supplier<CsvTable> reading) {
        Boolean previous = CsvTable.WIDE_ROWS.get();
        CsvTable.WIDE_ROWS.set(true);
        try {
            return reading.get();
        } finally {
            CsvTable.WIDE_ROWS.set(previous);
        }
    }

    /**
     * A wide file's long table ({@link #reshape}) and its feature columns' names, in order.
     *
     * @param table    the long table
     * @param features the names of its feature columns (its last columns)
     */
    record Reshaped(CsvTable table, List<String> features) {
    }

    /** A step column: its feature, separator, step and index in the wide file. */
    private record StepColumn(String feature, String separator, int step, int column) {
        String name() {
            return (feature.equals(VALUE) ? "" : feature) + separator + step;
        }
    }

    /**
     * The long table of a wide one: a row per step of each row, in order, each with the source row's line; its columns the
     * sequence id ({@code idName}, or {@value #LINE} for line numbers, or the chosen id column's name), the per-sequence
     * columns in file order, then one column per feature in order of first appearance.
     *
     * @param idName   the id column's name (a model's), or null to choose it
     * @param notSteps header names never read as step columns (the roles, and a model's columns not read)
     * @param features the features to group step columns of (training's --set features), or null for every feature: a
     *                 column of another feature is then a per-sequence column
     */
    Reshaped reshape(CsvTable wide, String idName, Set<String> notSteps, Set<String> features) {
        Path file = wide.file();
        int width = wide.width();
        List<String> h = wide.header();
        int idColumn = sequenceId == null ? -1 : h == null ? sequenceId.index() : h.indexOf(sequenceId.name());
        if (sequenceId != null && (idColumn < 0 || idColumn >= width)) {
            sequenceId.resolve(h, width, file); // the error naming the column
        }
        List<Integer> perSequence = new ArrayList<>();
        List<String> perSequenceNames = new ArrayList<>();
        Map<String, TreeMap<Integer, StepColumn>> steps = new LinkedHashMap<>();
        for (int c = 0; c < width; c++) {
            if (c == idColumn) {
                continue;
            }
            if (h == null) {
                String role = label.index() == c ? LABEL : group != null && group.index() == c ? GROUP
                        : split != null && split.index() == c ? SPLIT : null;
                if (role != null) {
                    perSequence.add(c);
                    perSequenceNames.add(role);
                } else {
                    steps.computeIfAbsent(VALUE, k -> new TreeMap<>()).put(c, new StepColumn(VALUE, "", c, c));
                }
                continue;
            }
            String name = h.get(c);
            Matcher m = STEP.matcher(name);
            String feature = m.matches() ? (m.group(1).isEmpty() ? VALUE : m.group(1)) : null;
            if (feature == null || notSteps.contains(name) || features != null && !features.contains(feature)) {
                perSequence.add(c);
                perSequenceNames.add(name);
                continue;
            }
            int step = Integer.parseInt(m.group(3));
            StepColumn previous = steps.computeIfAbsent(feature, k -> new TreeMap<>())
                    .put(step, new StepColumn(feature, m.group(2), step, c));
            if (previous != null) {
                throw new DatasetFormatException(file, 1, "--set layout=wide: columns '" + h.get(previous.column()) + "' and '"
                        + name + "' are both step " + step + " of feature '" + feature + "' (expected one column per feature "
                        + "and step, named <feature><sep><step>, e.g. " + feature + "_" + step + ")");
            }
        }
        if (steps.isEmpty()) {
            throw new DatasetFormatException(file, 1, "--set layout=wide: no column holds time steps ("
                    + (h == null ? "the file has only its label, id, group or split columns"
                    : "expected columns named <feature><sep><step>, such as ax_0, ax_1, ... or t0, t1, ...; the header is "
                    + CsvSequenceDataset.shortList(h)) + ")");
        }
        if (h != null) {
            refuseUnequalSteps(file, steps);
        }
        // the steps in order: position k of every feature
        List<String> featureNames = new ArrayList<>(steps.keySet());
        int length = steps.values().iterator().next().size();
        int[][] columns = new int[featureNames.size()][];
        for (int f = 0; f < columns.length; f++) {
            columns[f] = steps.get(featureNames.get(f)).values().stream().mapToInt(StepColumn::column).toArray();
        }
        String id = idName != null ? idName : sequenceId != null ? (h == null ? ID : sequenceId.name()) : freeName(h);
        List<String> header = new ArrayList<>();
        header.add(id);
        header.addAll(perSequenceNames);
        for (String f : featureNames) {
            if (header.contains(f)) {
                throw new DatasetFormatException(file, 1, "--set layout=wide: feature '" + f + "' (its step columns "
                        + steps.get(f).firstEntry().getValue().name() + ", ...) has the name of another column '" + f
                        + "' (expected feature names that are no other column's: rename one of them)");
            }
            header.add(f);
        }
        if (idName != null && sequenceId == null && header.subList(1, header.size()).contains(idName)) {
            throw new DatasetFormatException(file, 1, "--set layout=wide: the file has a column '" + idName + "', the name of the "
                    + "column of sequence ids this layout makes of the rows' line numbers (expected no column of that name: rename "
                    + "it, or leave it out)");
        }
        List<String[]> rows = new PackedRows();
        List<Long> lines = new LongList();
        Map<String, Long> idLines = new HashMap<>();
        for (int r = 0; r < wide.rows().size(); r++) {
            String[] source = wide.rows().get(r);
            long line = wide.lines().get(r);
            String rowId = idColumn >= 0 ? source[idColumn] : Long.toString(line);
            Long before = idLines.putIfAbsent(rowId, line);
            if (before != null && idColumn >= 0) {
                throw new DatasetFormatException(file, line, "sequence id '" + CsvTable.abbreviate(rowId) + "' of line " + line
                        + " is the id of line " + before + " too (expected one row per sequence in the wide layout, each with "
                        + "its own id)");
            }
            // trailing empty or NaN cells of every feature end a shorter series (UCR pads them so)
            int n = 0;
            for (int k = length - 1; k >= 0 && n == 0; k--) {
                for (int[] featureColumns : columns) {
                    if (!MissingValues.isMissing(source[featureColumns[k]])) {
                        n = k + 1;
                        break;
                    }
                }
            }
            n = Math.max(n, 1); // a row of no value: one step of missing values, which --missing refuses, drops or fills
            for (int[] featureColumns : columns) {
                for (int k = 0; k < n; k++) {
                    String cell = source[featureColumns[k]];
                    if (!CsvTable.isDecimal(cell) && !MissingValues.isMissing(cell)) {
                        wide.number(r, featureColumns[k]); // refused here, naming the step column as written ('ax_2', #5)
                    }
                }
            }
            for (int k = 0; k < n; k++) {
                String[] row = new String[header.size()];
                int i = 0;
                row[i++] = rowId;
                for (int c : perSequence) {
                    row[i++] = source[c];
                }
                for (int[] featureColumns : columns) {
                    row[i++] = source[featureColumns[k]];
                }
                rows.add(row);
                lines.add(line);
            }
        }
        return new Reshaped(new CsvTable(file, List.copyOf(header), rows, lines), List.copyOf(featureNames));
    }

    /** Refuses features whose steps differ, naming each feature and the step columns it lacks. */
    private static void refuseUnequalSteps(Path file, Map<String, TreeMap<Integer, StepColumn>> steps) {
        TreeSet<Integer> all = new TreeSet<>();
        steps.values().forEach(s -> all.addAll(s.keySet()));
        List<String> lacking = new ArrayList<>();
        for (var e : steps.entrySet()) {
            List<Integer> absent = all.stream().filter(s -> !e.getValue().containsKey(s)).toList();
            if (!absent.isEmpty()) {
                StepColumn any = e.getValue().firstEntry().getValue();
                List<String> names = absent.stream().map(s -> new StepColumn(any.feature(), any.separator(), s, -1).name()).toList();
                lacking.add("feature '" + e.getKey() + "' has no column " + CsvSequenceDataset.shortList(names));
            }
        }
        if (!lacking.isEmpty()) {
            throw new DatasetFormatException(file, 1, "--set layout=wide: " + String.join("; ", lacking) + " (expected the same "
                    + "steps for every feature: " + steps.size() + " features, steps " + all.first() + " to " + all.last() + " in "
                    + all.size() + " columns each)");
        }
    }

    /** {@value #LINE}, or with underscores before it until it is no column of the header. */
    private static String freeName(List<String> header) {
        String name = LINE;
        while (header != null && header.contains(name)) {
            name = "_" + name;
        }
        return name;
    }

    /**
     * Whether the first line that holds anything is data, not a header (a headerless wide file, UCR's, when {@code --set
     * header} is not given): numbers (or missing-value markers) only, or but for its first cell (a label written as text)
     * when the others are not the names 0, 1, 2, ... that pandas gives a NumPy array's columns ({@link WideFirstLine}).
     */
    public static boolean numericFirstLine(Path file, char delimiter) {
        return WideFirstLine.of(file, delimiter).kind() == WideFirstLine.Kind.DATA;
    }

    /**
     * Whether a wide training file has a header ({@link WideFirstLine#decideHeader}): {@code header} when given, else
     * judged by its first line. A first line of one column that holds another delimiter, and (without {@code --set
     * header}) one of pandas' column numbers {@code 0 1 2 ... N-1}, are refused with the setting that reads them.
     *
     * @param header     the {@code --set header} setting, or null
     * @param labelGiven whether {@code --set label} was given
     */
    public static boolean headerOf(Path file, char delimiter, Boolean header, boolean labelGiven) {
        WideFirstLine first = WideFirstLine.of(file, delimiter);
        first.refuseOtherDelimiter();
        return first.decideHeader(header, labelGiven);
    }
}

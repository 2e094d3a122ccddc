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
 *   <li>With a header whose step columns are named by numbers ({@code sample_id;polymer;4000.0;3996.1;...;1274.9}: a
 *       spectrum's wavenumbers, wavelengths, times), every column not of a role (id, label, group, split) whose name is a
 *       number is one step of the single feature {@value #VALUE}, in file order, not split at its '.' into a feature
 *       {@code 4000} and step {@code 0}; the names in order are the {@link #axis}, stored with the model, and a new file
 *       must have the same names in the same order ({@link #numericSteps}). Not so for names that are the whole numbers
 *       {@code 0, 1, 2, ...} in rising order (pandas' array columns): those are steps by their number, as before. Under
 *       {@code --set decimal=comma} ({@link DecimalSeparator}) names written with a decimal comma ({@code 908,1;914,3})
 *       are such numbers too, stored in the axis with a point ({@code 908.1}), so that a comma export and a point export
 *       of one grid have the same axis; without it, such names are refused naming {@code --set decimal=comma}.</li>
 *   <li>Sequence ids: the {@link #sequenceId} column's, else the row's 1-based line number in the file (a column named
 *       {@value #LINE}).</li>
 * </ul>
 *
 * @param header     whether the wide files have a header line
 * @param label      the label column (by name with a header, else by index)
 * @param sequenceId the sequence-id column, or null: ids are the rows' line numbers
 * @param group      the group column, or null
 * @param split      the split column, or null
 * @param axis       the names of the step columns when they are numbers (a spectrum's wavenumbers), in file order: the
 *                   steps of feature {@value #VALUE}, which new files must have in that order; null when the steps are
 *                   {@code <feature><sep><step>} columns or positions (and in models saved before it was recorded)
 */
public record WideLayout(boolean header, Column label, Column sequenceId, Column group, Column split, List<String> axis) {

    /** From a card's JSON: {@code axis} is absent from cards saved before it existed (read as null). */
    @com.fasterxml.jackson.annotation.JsonCreator
    static WideLayout fromJson(@com.fasterxml.jackson.annotation.JsonProperty("header") boolean header,
                               @com.fasterxml.jackson.annotation.JsonProperty("label") Column label,
                               @com.fasterxml.jackson.annotation.JsonProperty("sequenceId") Column sequenceId,
                               @com.fasterxml.jackson.annotation.JsonProperty("group") Column group,
                               @com.fasterxml.jackson.annotation.JsonProperty("split") Column split,
                               @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                       useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                               @com.fasterxml.jackson.annotation.JsonProperty("axis") List<String> axis) {
        return new WideLayout(header, label, sequenceId, group, split, axis);
    }

    /** A layout whose steps are named {@code <feature><sep><step>} or are positions (no numeric {@link #axis}). */
    public WideLayout(boolean header, Column label, Column sequenceId, Column group, Column split) {
        this(header, label, sequenceId, group, split, null);
    }

    /** The same layout with the step columns' names {@code a} as its {@link #axis} (null: none). */
    WideLayout withAxis(List<String> a) {
        return new WideLayout(header, label, sequenceId, group, split, a);
    }

    public WideLayout {
        axis = axis == null ? null : List.copyOf(axis);
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

    /**
     * A cell's column as messages name it in a wide file: the long table's column (a feature, such as {@value #VALUE}) and the
     * wide file's step column it was read from ({@code 'value' (step column '1218.1')}); the column alone when {@code step}
     * is null. Predict's and evaluate's errors ({@code CsvTable.cellColumn}) and the Java API's say it alike.
     *
     * @param column the column or feature, as the message shows it
     * @param step   the step column as the message shows it (quoted name, or {@code #index}), or null
     */
    public static String withStepColumn(String column, String step) {
        return column + (step == null ? "" : " (step column " + step + ")");
    }

    /**
     * The step column of step {@code t} of this layout's {@link #axis} (quoted, as {@link #withStepColumn} shows it), or null
     * without an axis or beyond it.
     */
    public String stepColumn(int t) {
        return axis == null || t < 0 || t >= axis.size() ? null : "'" + axis.get(t) + "'";
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
        return reshape(wide, idName, skip, null, false).table();
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
     * @param axis     the step columns' names when they are numbers ({@link #axis}), in file order; else null
     */
    record Reshaped(CsvTable table, List<String> features, List<String> axis) {
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
        return reshape(wide, idName, notSteps, features, true);
    }

    /**
     * {@link #reshape(CsvTable, String, Set, Set)}; {@code training}: whether step columns named by numbers are found here
     * (a training file) or only read as {@link #axis} says (a model's: a model without one reads them as before).
     */
    private Reshaped reshape(CsvTable wide, String idName, Set<String> notSteps, Set<String> features, boolean training) {
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
        List<Integer> numbered = h == null ? null : numericSteps(file, h, idColumn, notSteps, features, training);
        for (int c = 0; c < width; c++) {
            if (c == idColumn) {
                continue;
            }
            if (numbered != null) { // step columns named by numbers: one feature, its steps in file order
                int k = numbered.indexOf(c);
                if (k >= 0) {
                    steps.computeIfAbsent(VALUE, x -> new TreeMap<>()).put(k, new StepColumn(VALUE, "", k, c));
                } else {
                    perSequence.add(c);
                    perSequenceNames.add(h.get(c));
                }
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
                int first = steps.get(f).firstEntry().getValue().column();
                throw new DatasetFormatException(file, 1, "--set layout=wide: feature '" + f + "' (its step columns "
                        + (h == null ? "#" + first : h.get(first)) + ", ...) has the name of another column '" + f
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
        Map<Integer, List<String>> stepNames = new HashMap<>(); // each feature column's step columns, for messages
        for (int f = 0; f < columns.length; f++) {
            stepNames.put(header.size() - columns.length + f, java.util.Arrays.stream(columns[f])
                    .mapToObj(c -> h == null ? "#" + c : "'" + h.get(c) + "'").toList());
        }
        CsvTable.WideSteps stepOfRows = new CsvTable.WideSteps(stepNames);
        // per feature, whether its pooled column of the long table will be a yes/no column (CsvTable#yesNoColumn), judged
        // at its first True/False: there those are read as 1 and 0, anywhere else refused here, naming the step column
        Boolean[] yesNo = new Boolean[columns.length];
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
            for (int f = 0; f < columns.length; f++) {
                for (int k = 0; k < n; k++) {
                    String cell = source[columns[f][k]];
                    if (CsvTable.isDecimal(cell) || MissingValues.isMissing(cell)) {
                        continue;
                    }
                    if (!CsvTable.yesNoWord(cell)) {
                        wide.number(r, columns[f][k]); // refused here, naming the step column as written ('ax_2', #5)
                    }
                    if (yesNo[f] == null) {
                        yesNo[f] = yesNoFeature(wide, columns[f]);
                    }
                    if (!yesNo[f]) { // a True among 3.5, 12 (review 79 R7: refused later under the feature's name, not 'ax_2')
                        throw new DatasetFormatException(file, line, "value '" + CsvTable.abbreviate(cell) + "' in column "
                                + wide.columnName(columns[f][k]) + " is not a number (expected a finite decimal number"
                                + CsvTable.yesNoHint("its feature '" + featureNames.get(f) + "' (its step columns "
                                + stepNames.get(header.size() - columns.length + f).get(0) + ", ...)") + ")");
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
                stepOfRows.add(k);
            }
        }
        return new Reshaped(new CsvTable(file, List.copyOf(header), rows, lines, stepOfRows), List.copyOf(featureNames),
                numbered == null ? null : numbered.stream().map(c -> DecimalSeparator.axisName(h.get(c))).toList());
    }

    /**
     * Whether every cell of a feature's step columns {@code featureColumns} is 0, 1, True/False or missing: its pooled column
     * of the long table is then a yes/no column ({@link CsvTable#yesNoColumn}), whose words are read as 1 and 0.
     */
    private static boolean yesNoFeature(CsvTable wide, int[] featureColumns) {
        for (int r = 0; r < wide.rows().size(); r++) {
            for (int c : featureColumns) {
                if (!CsvTable.yesNoCell(wide.cell(r, c))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The step columns named by numbers, in file order (a spectrum's {@code 4000.0;3996.1;...;1274.9}), or null when the
     * steps are {@code <feature><sep><step>} columns. A model's layout with an {@link #axis} requires the same names in the
     * same order, refusing the first that differs; one without reads no such columns. A training file has them when two
     * or more columns that hold no role (and are read as features: {@code --set features} absent or naming {@value #VALUE})
     * are named by decimal numbers, unless these are whole numbers in rising order ({@code 0,1,2}, pandas' array columns,
     * or {@code 400,402,...}), which are steps by their number as before (the same steps in the same order).
     */
    private List<Integer> numericSteps(Path file, List<String> h, int idColumn, Set<String> notSteps, Set<String> features,
                                       boolean training) {
        List<Integer> numbered = new ArrayList<>();
        List<String> commaNamed = new ArrayList<>(); // named by decimal-comma numbers, not read so (no decimal=comma)
        for (int c = 0; c < h.size(); c++) {
            if (c != idColumn && !notSteps.contains(h.get(c))) {
                if (CsvTable.isDecimal(DecimalSeparator.axisName(h.get(c)).strip())) {
                    numbered.add(c);
                } else if (DecimalSeparator.commaNumber(h.get(c))) {
                    commaNamed.add(h.get(c));
                }
            }
        }
        String commaHint = commaNamed.size() < 2 ? "" : "column names like '" + CsvTable.abbreviate(commaNamed.get(0))
                + "' look like decimal-comma numbers: add --set decimal=comma";
        if (axis != null) {
            requireAxis(file, numbered.stream().map(c -> DecimalSeparator.axisName(h.get(c))).toList(), commaNamed);
            return numbered;
        }
        if (training && !commaHint.isEmpty() && (features == null || features.contains(VALUE))) {
            // '908,1;914,3;...' were split into a feature '908,' and step 1 (trial 69f)
            throw new DatasetFormatException(file, 1, "--set layout=wide: " + commaHint + " (with the file's own delimiter, e.g. "
                    + "--set 'delimiter=;'), which reads them as the numbers of one axis ('" + CsvTable.abbreviate(commaNamed.get(0))
                    + "' as " + commaNamed.get(0).strip().replace(".", "").replace(',', '.') + ") and the cells' decimal commas too ("
                    + commaNamed.size() + " such columns: " + CsvSequenceDataset.shortList(commaNamed) + "; or rename the columns "
                    + "with a decimal point)");
        }
        if (!training || numbered.size() < 2 || features != null && !features.contains(VALUE)) {
            return null;
        }
        long previous = -1;
        for (int c : numbered) {
            String name = DecimalSeparator.axisName(h.get(c));
            if (!name.chars().allMatch(Character::isDigit) || name.length() > 9 || Long.parseLong(name) <= previous) {
                return numbered; // not whole numbers rising: an axis in file order
            }
            previous = Long.parseLong(name);
        }
        return null;
    }

    /**
     * Refuses a file whose step columns named by numbers ({@code names}, in file order) are not this layout's {@link #axis}:
     * the first that differs is named with its place, so that a spectrum measured on another axis (another instrument,
     * resolution or range) is not read as if its k-th column were the model's.
     */
    private void requireAxis(Path file, List<String> names, List<String> commaNamed) {
        int n = Math.min(names.size(), axis.size());
        int k = 0;
        while (k < n && names.get(k).equals(axis.get(k))) {
            k++;
        }
        if (k == axis.size() && k == names.size()) {
            return;
        }
        String what;
        if (k < n) {
            boolean sameNumber = new java.math.BigDecimal(names.get(k).strip()).compareTo(new java.math.BigDecimal(axis.get(k).strip())) == 0;
            what = "its step column " + (k + 1) + " is '" + CsvTable.abbreviate(names.get(k)) + "' where the model's is '"
                    + CsvTable.abbreviate(axis.get(k)) + "'" + (sameNumber ? " (the same number written otherwise: names are "
                    + "compared as written)" : "");
        } else if (k < axis.size()) {
            what = names.isEmpty() ? "where the model's steps are the columns '" + CsvTable.abbreviate(axis.get(0)) + "', ..."
                    : "it ends after step column " + k + " ('" + CsvTable.abbreviate(names.get(k - 1)) + "'): no column '"
                    + CsvTable.abbreviate(axis.get(k)) + "' (the model's step column " + (k + 1) + ")";
        } else {
            what = "it has a step column " + (k + 1) + " '" + CsvTable.abbreviate(names.get(k)) + "' after the model's last ('"
                    + CsvTable.abbreviate(axis.get(k - 1)) + "')";
        }
        throw new DatasetFormatException(file, 1, "--set layout=wide: the model's steps are the " + axis.size() + " columns named "
                + axisText() + ", in that order, but this file has " + (names.isEmpty() ? "no column named by a number, "
                : names.size() + " columns named by numbers, and ") + what + (commaNamed.size() < 2 ? "" : "; its column names "
                + "like '" + CsvTable.abbreviate(commaNamed.get(0)) + "' look like decimal-comma numbers: read the file with "
                + "--decimal comma (predict, evaluate; train's and compare's held-out files: --set decimal=comma), which reads "
                + "'" + CsvTable.abbreviate(commaNamed.get(0)) + "' as " + commaNamed.get(0).strip().replace(".", "").replace(',', '.'))
                + " (expected the same column names in the same order: data measured on another axis must be resampled onto "
                + "the model's first, e.g. with numpy.interp; names with a decimal comma are read as with a point under "
                + "decimal=comma)");
    }

    /** The {@link #axis} as shown in messages: its first names, the count, its last. */
    String axisText() {
        return axis.size() <= 6 ? String.join(", ", axis) : String.join(", ", axis.subList(0, 3)) + ", ... ("
                + (axis.size() - 4) + " more), " + axis.get(axis.size() - 1);
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
            // a few features named: a header of hundreds of them ran the message past the CLI's 2000 characters (trial 68b)
            String shown = lacking.size() <= 3 ? String.join("; ", lacking) : String.join("; ", lacking.subList(0, 3)) + "; ... ("
                    + (lacking.size() - 3) + " more features lack steps)";
            throw new DatasetFormatException(file, 1, "--set layout=wide: " + shown + " (expected the same "
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
        return headerOf(file, delimiter, header, labelGiven, null);
    }

    /**
     * {@link #headerOf(Path, char, Boolean, boolean)}; without {@code --set header}, a first line of one text cell then
     * numbers whose text is {@code labelName} (the label column's name, {@code label} by default) is a header, not a series
     * of that label: {@code polymer,4000.0,3996.1,...}, a spectrum's wavenumbers beside the label column's name.
     *
     * @param labelName the label column's name (given or default), or null
     */
    public static boolean headerOf(Path file, char delimiter, Boolean header, boolean labelGiven, String labelName) {
        WideFirstLine first = WideFirstLine.of(file, delimiter);
        first.refuseOtherDelimiter();
        if (header == null && first.startsWithName(labelName)) {
            return true;
        }
        return first.decideHeader(header, labelGiven);
    }
}

package org.rnnlab.datasets.csv;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnnlab.datasets.StratifiedSplitter;

/**
 * How to read users' CSV sequences ({@link CsvSequenceDataset}).
 *
 * @param header             whether sequence files (and the long-format file) start with a header line
 * @param delimiter          column separator
 * @param features           feature columns, each at most once; empty = every column not used otherwise
 *                           (id, time, label, split)
 * @param label              label column of the long format (the folder format takes labels from
 *                           its labels file)
 * @param sequenceId         sequence-id column of the long format
 * @param time               time column of the long format (must increase within a sequence; not a
 *                           feature), or null for none (row order is time order)
 * @param split              column holding {@code train}, {@code validation} or {@code test} (long
 *                           format: per row, constant within a sequence), or null: then a column
 *                           named {@code split} is used if there is one, else the data is split by seed
 * @param group              column naming each sequence's group (e.g. subject), constant within a
 *                           sequence: carved validation and test sets then take whole groups; or null
 * @param labelNames         label names in index order; empty = the sorted distinct labels of the data
 * @param validationFraction fraction of each class for validation when splitting by seed, in [0, 1)
 * @param testFraction       fraction of each class for test when splitting by seed, in [0, 1)
 * @param seed               seed of the split
 * @param missing            what to do with missing values (empty, {@code ?}, {@code NA}, {@code NaN}, ...)
 * @param file               the folder layout's labels file column of file names, or null for {@value #DEFAULT_FILE_NAME}
 * @param sequenceScaling    scaling of each sequence by its own per-feature statistics (null: {@link SequenceScaling#NONE})
 * @param naValues           codes that mean a missing value in feature cells, beside the usual markers (pandas' na_values:
 *                           {@code -9999}), as written or as the same number with zeros after its decimal point; null: none
 * @param wide               the wide layout ({@code --set layout=wide}, {@link WideLayout}): one row per sequence, its steps in
 *                           columns; false: the long layout (or the folder layout)
 * @param splitByTime        {@code --set splitBy=time}: carved validation and test sets are the latest sequences by their first
 *                           time (test the latest {@code testFraction}, validation the {@code validationFraction} before it), not
 *                           drawn at random per class: a forecaster is tested on later dates than it trained on (a quant's
 *                           trial: two years of daily windows carved at random tested on dates before training ones)
 * @param folderLabels       the folder layout's labels (and groups) from the folders holding the files ({@code --set
 *                           labelFrom=folder}, {@code groupFrom=folder:1}; {@link FolderLabels}), not from a labels file; or null
 */
public record CsvOptions(boolean header, char delimiter, List<Column> features, Column label, Column sequenceId,
                         Column time, Column split, Column group, List<String> labelNames, double validationFraction,
                         double testFraction, long seed, MissingValues missing, Column file, SequenceScaling sequenceScaling,
                         List<String> naValues, boolean wide, boolean splitByTime, FolderLabels folderLabels) {

    /** Options of the long (or folder) layout, whose carved sets are drawn at random (stratified, or by group). */
    public CsvOptions(boolean header, char delimiter, List<Column> features, Column label, Column sequenceId,
                      Column time, Column split, Column group, List<String> labelNames, double validationFraction,
                      double testFraction, long seed, MissingValues missing, Column file, SequenceScaling sequenceScaling,
                      List<String> naValues) {
        this(header, delimiter, features, label, sequenceId, time, split, group, labelNames, validationFraction, testFraction, seed,
                missing, file, sequenceScaling, naValues, false, false, null);
    }

    /** With the wide layout ({@code --set layout=wide}) or not. */
    public CsvOptions withWide(boolean w) {
        return new CsvOptions(header, delimiter, features, label, sequenceId, time, split, group, labelNames, validationFraction,
                testFraction, seed, missing, file, sequenceScaling, naValues, w, splitByTime, folderLabels);
    }

    /** With carved validation and test sets taken as the latest sequences by time ({@code --set splitBy=time}) or at random. */
    public CsvOptions withSplitByTime(boolean byTime) {
        return new CsvOptions(header, delimiter, features, label, sequenceId, time, split, group, labelNames, validationFraction,
                testFraction, seed, missing, file, sequenceScaling, naValues, wide, byTime, folderLabels);
    }

    /** With labels (and groups) from the folders holding the files ({@link FolderLabels}), or from a labels file (null). */
    public CsvOptions withFolderLabels(FolderLabels f) {
        return new CsvOptions(header, delimiter, features, label, sequenceId, time, split, group, labelNames, validationFraction,
                testFraction, seed, missing, file, sequenceScaling, naValues, wide, splitByTime, f);
    }

    /** The name of the labels file's column of file names when {@code --set file=} does not name another. */
    public static final String DEFAULT_FILE_NAME = "file";

    /** Options with the labels file's column of file names {@value #DEFAULT_FILE_NAME}. */
    public CsvOptions(boolean header, char delimiter, List<Column> features, Column label, Column sequenceId,
                      Column time, Column split, Column group, List<String> labelNames, double validationFraction,
                      double testFraction, long seed, MissingValues missing) {
        this(header, delimiter, features, label, sequenceId, time, split, group, labelNames, validationFraction, testFraction, seed,
                missing, null);
    }

    /** Options without per-sequence scaling. */
    public CsvOptions(boolean header, char delimiter, List<Column> features, Column label, Column sequenceId,
                      Column time, Column split, Column group, List<String> labelNames, double validationFraction,
                      double testFraction, long seed, MissingValues missing, Column file) {
        this(header, delimiter, features, label, sequenceId, time, split, group, labelNames, validationFraction, testFraction, seed,
                missing, file, SequenceScaling.NONE);
    }

    /** Options without codes for missing values beside the usual markers. */
    public CsvOptions(boolean header, char delimiter, List<Column> features, Column label, Column sequenceId,
                      Column time, Column split, Column group, List<String> labelNames, double validationFraction,
                      double testFraction, long seed, MissingValues missing, Column file, SequenceScaling sequenceScaling) {
        this(header, delimiter, features, label, sequenceId, time, split, group, labelNames, validationFraction, testFraction, seed,
                missing, file, sequenceScaling, List.of());
    }

    /** With codes that mean a missing value ({@code --set naValues=-9999,-999}). */
    public CsvOptions withNaValues(List<String> codes) {
        return new CsvOptions(header, delimiter, features, label, sequenceId, time, split, group, labelNames, validationFraction,
                testFraction, seed, missing, file, sequenceScaling, codes, wide, splitByTime, folderLabels);
    }

    /** With each sequence scaled by its own statistics ({@code --set sequenceScaling=}). */
    public CsvOptions withSequenceScaling(SequenceScaling scaling) {
        return new CsvOptions(header, delimiter, features, label, sequenceId, time, split, group, labelNames, validationFraction,
                testFraction, seed, missing, file, scaling, naValues, wide, splitByTime, folderLabels);
    }

    /** With the labels file's column of file names (folder layout; null for {@value #DEFAULT_FILE_NAME}). */
    public CsvOptions withFileColumn(Column f) {
        return new CsvOptions(header, delimiter, features, label, sequenceId, time, split, group, labelNames, validationFraction,
                testFraction, seed, missing, f, sequenceScaling, naValues, wide, splitByTime, folderLabels);
    }

    /**
     * The header names these settings give columns by (features, label, sequence id, time, split, group): a first column
     * a setting names is read, not skipped as pandas' row index ({@link CsvTable#read(java.nio.file.Path, char, boolean,
     * java.util.Set)}).
     */
    java.util.Set<String> namedColumns() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Column c : features) {
            if (c.name() != null) {
                names.add(c.name());
            }
        }
        for (Column c : new Column[] {label, sequenceId, time, split, group}) {
            if (c != null && c.name() != null) {
                names.add(c.name());
            }
        }
        return names;
    }

    /** The labels file's column of file names. */
    public Column fileColumn() {
        return file == null ? Column.named(DEFAULT_FILE_NAME) : file;
    }

    /** The default time column: used when the file has a column of that name, else row order is time order. */
    public static final Column DEFAULT_TIME = Column.named("time");

    /**
     * Whether a time column was chosen ({@code --set time=NAME}, also {@code --set time=time}) rather than left at the default:
     * the default is the constant {@link #DEFAULT_TIME} itself, and a setting makes a column of its own. The folder layout
     * reads a time column of its sequence files only when chosen (its rows' order checked, its steps judged): a column
     * {@code time} of files read before, not chosen, stays what it was (a feature, unless {@code --set features=} leaves
     * it out), where the long layout reads a column of the default name as its time either way.
     */
    public boolean timeChosen() {
        return time != null && time != DEFAULT_TIME;
    }
    /** The column read as the split when there is one of this name and none is chosen. */
    public static final String DEFAULT_SPLIT_NAME = "split";
    /**
     * {@code --set split=none}: no split column, not even one named {@value #DEFAULT_SPLIT_NAME} (then read as a feature);
     * compared by identity.
     */
    public static final Column NO_SPLIT = Column.named("split=none");

    public CsvOptions {
        features = List.copyOf(features);
        labelNames = List.copyOf(labelNames);
        if (label == null || sequenceId == null) {
            throw new IllegalArgumentException("CsvOptions.label and sequenceId must not be null");
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("CsvOptions.delimiter must not be a quote or line break, got '" + delimiter + "'");
        }
        if (labelNames.size() == 1) {
            throw new IllegalArgumentException("CsvOptions.labelNames must be empty or hold at least 2 names, got " + labelNames);
        }
        String twice = firstRepeated(labelNames);
        if (twice != null) {
            throw new IllegalArgumentException("CsvOptions.labelNames must be distinct: '" + twice + "' is given twice in "
                    + labelNames);
        }
        Column repeated = firstRepeated(features);
        if (repeated != null) {
            throw new IllegalArgumentException("CsvOptions.features must name each column once: '" + repeated + "' is given twice in "
                    + features);
        }
        // each fraction on its own; their sum is checked where both are carved (a fraction whose data is given does not count)
        new StratifiedSplitter(validationFraction, 0, seed);
        new StratifiedSplitter(0, testFraction, seed);
        if (missing == null) {
            missing = MissingValues.ERROR;
        }
        if (sequenceScaling == null) {
            sequenceScaling = SequenceScaling.NONE;
        }
        naValues = naValues == null ? List.of() : List.copyOf(naValues);
        for (String code : naValues) {
            if (code.isBlank()) {
                throw new IllegalArgumentException("CsvOptions.naValues must not hold an empty code (empty cells are missing anyway): "
                        + naValues);
            }
        }
    }

    private static <T> T firstRepeated(List<T> items) {
        Set<T> seen = new HashSet<>();
        for (T item : items) {
            if (!seen.add(item)) {
                return item;
            }
        }
        return null;
    }

    /**
     * Defaults: a header line, commas, all remaining columns as features, columns {@code label},
     * {@code sequence_id} and {@code time} if present (long format), a {@code split} column if present,
     * no group column, label names from the data, 15% validation and 15% test per class, seed 42,
     * missing values are an error.
     */
    public static CsvOptions defaults() {
        return new CsvOptions(true, ',', List.of(), Column.named("label"), Column.named("sequence_id"), DEFAULT_TIME,
                null, null, List.of(), 0.15, 0.15, 42, MissingValues.ERROR);
    }

    /** With or without header line. */
    public CsvOptions withHeader(boolean h) {
        return new CsvOptions(h, delimiter, features, label, sequenceId, time, split, group, labelNames, validationFraction, testFraction, seed, missing, file, sequenceScaling, naValues, wide, splitByTime, folderLabels);
    }

    /** With these feature columns. */
    public CsvOptions withFeatures(List<Column> f) {
        return new CsvOptions(header, delimiter, f, label, sequenceId, time, split, group, labelNames, validationFraction, testFraction, seed, missing, file, sequenceScaling, naValues, wide, splitByTime, folderLabels);
    }

    /** With these long-format columns (time may be null). */
    public CsvOptions withColumns(Column newSequenceId, Column newTime, Column newLabel) {
        return new CsvOptions(header, delimiter, features, newLabel, newSequenceId, newTime, split, group, labelNames, validationFraction, testFraction, seed, missing, file, sequenceScaling, naValues, wide, splitByTime, folderLabels);
    }

    /** With an explicit split column (or null to split by seed). */
    public CsvOptions withSplitColumn(Column s) {
        return new CsvOptions(header, delimiter, features, label, sequenceId, time, s, group, labelNames, validationFraction, testFraction, seed, missing, file, sequenceScaling, naValues, wide, splitByTime, folderLabels);
    }

    /** With given label names. */
    public CsvOptions withLabelNames(List<String> names) {
        return new CsvOptions(header, delimiter, features, label, sequenceId, time, split, group, names, validationFraction, testFraction, seed, missing, file, sequenceScaling, naValues, wide, splitByTime, folderLabels);
    }

    /** With another seed. */
    public CsvOptions withSeed(long s) {
        return new CsvOptions(header, delimiter, features, label, sequenceId, time, split, group, labelNames, validationFraction, testFraction, s, missing, file, sequenceScaling, naValues, wide, splitByTime, folderLabels);
    }

    /** With a group column (or null for none). */
    public CsvOptions withGroupColumn(Column g) {
        return new CsvOptions(header, delimiter, features, label, sequenceId, time, split, g, labelNames, validationFraction,
                testFraction, seed, missing, file, sequenceScaling, naValues, wide, splitByTime, folderLabels);
    }

    /** With a missing-value policy. */
    public CsvOptions withMissing(MissingValues m) {
        return new CsvOptions(header, delimiter, features, label, sequenceId, time, split, group, labelNames, validationFraction,
                testFraction, seed, m, file, sequenceScaling, naValues, wide, splitByTime, folderLabels);
    }

    /** With other split fractions. */
    public CsvOptions withFractions(double validation, double test) {
        return new CsvOptions(header, delimiter, features, label, sequenceId, time, split, group, labelNames, validation, test, seed, missing, file, sequenceScaling, naValues, wide, splitByTime, folderLabels);
    }

    Map<String, String> asParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("header", Boolean.toString(header));
        p.put("delimiter", Character.toString(delimiter));
        p.put("features", features.isEmpty() ? "(all others)" : features.toString());
        p.put("split", split == null ? "column 'split' if present, else by seed" : split == NO_SPLIT
                ? "none (a column named split is read as a feature), by seed" : "column " + split);
        p.put("group", group == null ? "(none)" : "column " + group);
        p.put("missing", missing.toString());
        p.put("labelNames", labelNames.isEmpty() ? "(from data)" : labelNames.toString());
        p.put("validationFraction", Double.toString(validationFraction));
        p.put("testFraction", Double.toString(testFraction));
        if (file != null && !file.equals(Column.named(DEFAULT_FILE_NAME))) { // recorded only when chosen: older runs' checksums hold
            p.put("fileColumn", file.toString());
        }
        if (sequenceScaling != SequenceScaling.NONE) { // it changes the data as read; recorded only when chosen, as fileColumn
            p.put("sequenceScaling", sequenceScaling.toString());
        }
        if (!naValues.isEmpty()) { // the same
            p.put("naValues", String.join(",", naValues));
        }
        if (wide) { // the same
            p.put("layout", "wide");
        }
        if (splitByTime) { // another carve: recorded only when chosen, as the others (a run of the random carve keeps its checksum)
            p.put("splitBy", "time");
        }
        if (folderLabels != null) { // labels from the folders: recorded only when chosen, as the others
            p.put("labelFrom", folderLabels.label());
            if (folderLabels.group() != null) {
                p.put("groupFrom", folderLabels.group());
            }
        }
        return p;
    }
}

package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.rnnlab.datasets.DatasetFormatException;

/**
 * The data contract of a model trained on CSV sequences, decided when the training file is read and
 * stored in the model bundle, so that {@code evaluate} and {@code predict} read new files the same way:
 * the layout, delimiter and header, the role of each column (sequence id, time, label, split, group,
 * features), and the missing-value policy. With a header, columns are matched by name, so new files may
 * order their columns differently; a feature the model needs that is missing, or a column the model does
 * not know, is an error naming them. Without a header, columns are matched by position and the file
 * must have the training file's {@code width}.
 *
 * @param layout     {@code long} (one file, one row per time step) or {@code folder} (one file per
 *                   sequence plus a labels file with columns {@code file,label[,split][,group]})
 * @param delimiter  the column separator
 * @param header     whether files start with a header line (sequence files, in the folder layout)
 * @param width      columns of a headerless training file (0 with a header)
 * @param sequenceId sequence-id column (long layout; null for folder)
 * @param time       time column (long layout), or null when row order is time order
 * @param label      label column (long layout; the labels file's {@code label} for folder)
 * @param split      split column ({@code train|validation|test}), or null
 * @param group      group column (e.g. subject), or null
 * @param features   feature columns in model order
 * @param missing    missing-value policy
 * @param ignored    header names of columns the training files had but the model does not use (a
 *                   warning at training time; new files may have them too)
 * @param sequenceScaling each sequence scaled by its own per-feature statistics after missing values are handled
 *                   ({@link SequenceScaling}; null or absent in cards saved before it: {@link SequenceScaling#NONE})
 * @param naValues   codes read as missing values beside the usual markers ({@code --set naValues=-9999}); empty for none
 * @param timeStep   the training data's usual time between rows ({@link TimeStep}), measured from a time column (the
 *                   long layout's, or the folder layout's files' {@code time}); null without one, and in cards saved
 *                   before it was recorded
 * @param codes      the features whose training values look like codes of categories, with their codes ({@link
 *                   FeatureCodes}: new data's codes never seen in training are named); null before the data are read, and in
 *                   cards saved before it was recorded
 * @param wide       with the long layout: how files of one sequence per row ({@code --set layout=wide}) are reshaped into the
 *                   long layout this schema's columns name ({@link WideLayout}: the long table has a header, so
 *                   {@code header} is true and the wide files' own is {@link WideLayout#header}); null for long files
 * @param folderLabels with the folder layout: labels (and groups) from the folders holding the files ({@code --set
 *                   labelFrom=folder}, {@link FolderLabels}): a folder of new data is read as such a tree; null for a labels file
 * @param decimal    {@code comma} when the files write numbers with a decimal comma ({@code --set decimal=comma}, {@link
 *                   DecimalSeparator}): new files are read so too unless {@code --decimal} says otherwise; null for a decimal
 *                   point (the default, and cards saved before it was recorded)
 * @param labelMap   the label map the training data were read through ({@code --set labelMap=FILE}, {@link LabelMap}): new
 *                   files' labels are read through it too; null without one, and in cards saved before it existed
 * @param emptyFeature what {@code --missing ffill|interpolate} writes into a feature with no value at all in a sequence
 *                   ({@code --set emptyFeature=mean|zero}, {@link EmptyFeatureFill}); null: such a sequence is refused (training)
 *                   or given no prediction (the default, and cards saved before it existed)
 * @param oneHot     the features that one-hot encode a column of categories ({@link OneHotGroup}: new data's rows with none
 *                   of a group at 1, a category the model has not seen, are counted, and a file without one category's
 *                   column is told it is one); null before the data are read, and in cards saved before they were recorded
 * @param timeFormat a java.time pattern the time column's date-times are written in ({@code --set timeFormat='dd.MM.yyyy
 *                   HH:mm:ss'}, {@link TimeStamps#SETTING}: day-first spreadsheet exports keep their order check); new files
 *                   are read so too; null: numbers and ISO-8601 only (the default, and cards saved before it existed)
 */
public record CsvSchema(String layout, String delimiter, boolean header, int width, Column sequenceId, Column time, Column label,
                        Column split, Column group, List<Column> features, MissingValues missing, List<String> ignored,
                        SequenceScaling sequenceScaling, List<String> naValues, TimeStep timeStep, List<FeatureCodes> codes,
                        WideLayout wide, FolderLabels folderLabels, String decimal, LabelMap labelMap,
                        EmptyFeatureFill emptyFeature, List<OneHotGroup> oneHot, String timeFormat) {

    /** From a card's JSON: {@code sequenceScaling} is absent from cards saved before it existed (read as none). */
    @com.fasterxml.jackson.annotation.JsonCreator
    static CsvSchema fromJson(@com.fasterxml.jackson.annotation.JsonProperty("layout") String layout,
                              @com.fasterxml.jackson.annotation.JsonProperty("delimiter") String delimiter,
                              @com.fasterxml.jackson.annotation.JsonProperty("header") boolean header,
                              @com.fasterxml.jackson.annotation.JsonProperty("width") int width,
                              @com.fasterxml.jackson.annotation.JsonProperty("sequenceId") Column sequenceId,
                              @com.fasterxml.jackson.annotation.JsonProperty("time") Column time,
                              @com.fasterxml.jackson.annotation.JsonProperty("label") Column label,
                              @com.fasterxml.jackson.annotation.JsonProperty("split") Column split,
                              @com.fasterxml.jackson.annotation.JsonProperty("group") Column group,
                              @com.fasterxml.jackson.annotation.JsonProperty("features") List<Column> features,
                              @com.fasterxml.jackson.annotation.JsonProperty("missing") MissingValues missing,
                              @com.fasterxml.jackson.annotation.JsonProperty("ignored") List<String> ignored,
                              @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                      useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                              @com.fasterxml.jackson.annotation.JsonProperty("sequenceScaling") SequenceScaling sequenceScaling,
                              @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                      useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                              @com.fasterxml.jackson.annotation.JsonProperty("naValues") List<String> naValues,
                              @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                      useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                              @com.fasterxml.jackson.annotation.JsonProperty("timeStep") TimeStep timeStep,
                              @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                      useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                              @com.fasterxml.jackson.annotation.JsonProperty("codes") List<FeatureCodes> codes,
                              @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                      useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                              @com.fasterxml.jackson.annotation.JsonProperty("wide") WideLayout wide,
                              @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                      useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                              @com.fasterxml.jackson.annotation.JsonProperty("folderLabels") FolderLabels folderLabels,
                              @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                      useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                              @com.fasterxml.jackson.annotation.JsonProperty("decimal") String decimal,
                              @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                      useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                              @com.fasterxml.jackson.annotation.JsonProperty("labelMap") LabelMap labelMap,
                              @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                      useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                              @com.fasterxml.jackson.annotation.JsonProperty("emptyFeature") EmptyFeatureFill emptyFeature,
                              @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                      useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                              @com.fasterxml.jackson.annotation.JsonProperty("oneHot") List<OneHotGroup> oneHot,
                              @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                      useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                              @com.fasterxml.jackson.annotation.JsonProperty("timeFormat") String timeFormat) {
        return new CsvSchema(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored,
                sequenceScaling, naValues, timeStep, codes, wide, folderLabels, decimal, labelMap, emptyFeature, oneHot, timeFormat);
    }

    /** A schema whose time column holds numbers or ISO-8601 date-times (no {@link #timeFormat}; cards saved before it). */
    public CsvSchema(String layout, String delimiter, boolean header, int width, Column sequenceId, Column time, Column label,
                     Column split, Column group, List<Column> features, MissingValues missing, List<String> ignored,
                     SequenceScaling sequenceScaling, List<String> naValues, TimeStep timeStep, List<FeatureCodes> codes,
                     WideLayout wide, FolderLabels folderLabels, String decimal, LabelMap labelMap,
                     EmptyFeatureFill emptyFeature, List<OneHotGroup> oneHot) {
        this(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored, sequenceScaling,
                naValues, timeStep, codes, wide, folderLabels, decimal, labelMap, emptyFeature, oneHot, null);
    }

    /**
     * The same contract with the time column's values read by the java.time pattern {@code pattern} ({@code --set
     * timeFormat='dd.MM.yyyy HH:mm:ss'}, {@link TimeStamps#SETTING}), or as numbers and ISO-8601 only (null).
     */
    public CsvSchema withTimeFormat(String pattern) {
        return new CsvSchema(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored,
                sequenceScaling, naValues, timeStep, codes, wide, folderLabels, decimal, labelMap, emptyFeature, oneHot, pattern);
    }

    /** A schema without one-hot groups found (before the data are read, and in cards saved before they were recorded). */
    public CsvSchema(String layout, String delimiter, boolean header, int width, Column sequenceId, Column time, Column label,
                     Column split, Column group, List<Column> features, MissingValues missing, List<String> ignored,
                     SequenceScaling sequenceScaling, List<String> naValues, TimeStep timeStep, List<FeatureCodes> codes,
                     WideLayout wide, FolderLabels folderLabels, String decimal, LabelMap labelMap,
                     EmptyFeatureFill emptyFeature) {
        this(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored, sequenceScaling,
                naValues, timeStep, codes, wide, folderLabels, decimal, labelMap, emptyFeature, null);
    }

    /** The same schema with the one-hot groups of the training data's features ({@link OneHotGroup}). */
    public CsvSchema withOneHot(List<OneHotGroup> found) {
        return new CsvSchema(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored,
                sequenceScaling, naValues, timeStep, codes, wide, folderLabels, decimal, labelMap, emptyFeature, found, timeFormat);
    }

    /** A schema read without a label map. */
    public CsvSchema(String layout, String delimiter, boolean header, int width, Column sequenceId, Column time, Column label,
                     Column split, Column group, List<Column> features, MissingValues missing, List<String> ignored,
                     SequenceScaling sequenceScaling, List<String> naValues, TimeStep timeStep, List<FeatureCodes> codes,
                     WideLayout wide, FolderLabels folderLabels, String decimal) {
        this(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored, sequenceScaling,
                naValues, timeStep, codes, wide, folderLabels, decimal, null);
    }

    /** A schema without a fallback for a feature empty in a whole sequence ({@link EmptyFeatureFill}). */
    public CsvSchema(String layout, String delimiter, boolean header, int width, Column sequenceId, Column time, Column label,
                     Column split, Column group, List<Column> features, MissingValues missing, List<String> ignored,
                     SequenceScaling sequenceScaling, List<String> naValues, TimeStep timeStep, List<FeatureCodes> codes,
                     WideLayout wide, FolderLabels folderLabels, String decimal, LabelMap labelMap) {
        this(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored, sequenceScaling,
                naValues, timeStep, codes, wide, folderLabels, decimal, labelMap, null);
    }

    /** The same schema with a fallback for a feature empty in a whole sequence ({@link EmptyFeatureFill}), or none (null). */
    public CsvSchema withEmptyFeature(EmptyFeatureFill e) {
        return new CsvSchema(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored,
                sequenceScaling, naValues, timeStep, codes, wide, folderLabels, decimal, labelMap, e, oneHot, timeFormat);
    }

    /** The same schema with the label map its data were read through ({@link LabelMap}), or none (null). */
    public CsvSchema withLabelMap(LabelMap m) {
        return new CsvSchema(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored,
                sequenceScaling, naValues, timeStep, codes, wide, folderLabels, decimal, m, emptyFeature, oneHot, timeFormat);
    }

    /** A schema of long or folder files (no {@link WideLayout}). */
    public CsvSchema(String layout, String delimiter, boolean header, int width, Column sequenceId, Column time, Column label,
                     Column split, Column group, List<Column> features, MissingValues missing, List<String> ignored,
                     SequenceScaling sequenceScaling, List<String> naValues, TimeStep timeStep, List<FeatureCodes> codes) {
        this(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored, sequenceScaling,
                naValues, timeStep, codes, null, null, null, null);
    }

    /** The same schema reading files of the wide layout ({@code --set layout=wide}) as {@code w} says. */
    public CsvSchema withWide(WideLayout w) {
        return new CsvSchema(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored,
                sequenceScaling, naValues, timeStep, codes, w, folderLabels, decimal, labelMap, emptyFeature, oneHot, timeFormat);
    }

    /** The same schema reading labels (and groups) from the folders holding the files ({@link FolderLabels}), or not (null). */
    public CsvSchema withFolderLabels(FolderLabels f) {
        return new CsvSchema(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored,
                sequenceScaling, naValues, timeStep, codes, wide, f, decimal, labelMap, emptyFeature, oneHot, timeFormat);
    }

    /** A schema without codes found (before the data are read, and in models saved before they were recorded). */
    public CsvSchema(String layout, String delimiter, boolean header, int width, Column sequenceId, Column time, Column label,
                     Column split, Column group, List<Column> features, MissingValues missing, List<String> ignored,
                     SequenceScaling sequenceScaling, List<String> naValues, TimeStep timeStep) {
        this(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored, sequenceScaling,
                naValues, timeStep, null);
    }

    /** The same schema with the features of the training data that look like codes ({@link FeatureCodes}). */
    public CsvSchema withCodes(List<FeatureCodes> found) {
        return new CsvSchema(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored,
                sequenceScaling, naValues, timeStep, found, wide, folderLabels, decimal, labelMap, emptyFeature, oneHot, timeFormat);
    }

    /** A schema without a measured time step (as models saved before it was recorded, and before the data are read). */
    public CsvSchema(String layout, String delimiter, boolean header, int width, Column sequenceId, Column time, Column label,
                     Column split, Column group, List<Column> features, MissingValues missing, List<String> ignored,
                     SequenceScaling sequenceScaling, List<String> naValues) {
        this(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored, sequenceScaling,
                naValues, null);
    }

    /**
     * The same schema with the training data's usual time step ({@link TimeStep}; null: none measured), which new data's
     * is compared with.
     */
    public CsvSchema withTimeStep(TimeStep step) {
        return new CsvSchema(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored,
                sequenceScaling, naValues, step, codes, wide, folderLabels, decimal, labelMap, emptyFeature, oneHot, timeFormat);
    }

    /** A schema without codes for missing values beside the usual markers (as models saved before they were recorded). */
    public CsvSchema(String layout, String delimiter, boolean header, int width, Column sequenceId, Column time, Column label,
                     Column split, Column group, List<Column> features, MissingValues missing, List<String> ignored,
                     SequenceScaling sequenceScaling) {
        this(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored, sequenceScaling,
                List.of());
    }

    /**
     * As a record writes itself, without {@code naValues} when there are none and without {@code timeStep} (measured from
     * the data, not a setting): the text is part of a dataset's provenance (its {@code schema} parameter), which runs saved
     * before these existed must still match.
     */
    @Override
    public String toString() {
        return "CsvSchema[layout=" + layout + ", delimiter=" + delimiter + ", header=" + header + ", width=" + width + ", sequenceId="
                + sequenceId + ", time=" + time + ", label=" + label + ", split=" + split + ", group=" + group + ", features="
                + features + ", missing=" + missing + ", ignored=" + ignored + ", sequenceScaling=" + sequenceScaling
                + (naValues.isEmpty() ? "" : ", naValues=" + naValues) + (wide == null ? "" : ", wide=" + wide)
                + (folderLabels == null ? "" : ", folderLabels=" + folderLabels) + (decimal == null ? "" : ", decimal=" + decimal)
                + (emptyFeature == null ? "" : ", emptyFeature=" + emptyFeature.policy())
                + (timeFormat == null ? "" : ", timeFormat=" + timeFormat) + "]";
    }

    /** A schema without per-sequence scaling (as models saved before it was recorded). */
    public CsvSchema(String layout, String delimiter, boolean header, int width, Column sequenceId, Column time, Column label,
                     Column split, Column group, List<Column> features, MissingValues missing, List<String> ignored) {
        this(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored, SequenceScaling.NONE);
    }

    /** Long layout. */
    public static final String LONG = "long";
    /** Folder layout. */
    public static final String FOLDER = "folder";

    public CsvSchema {
        features = org.rnnlab.datasets.InputDescription.nonNull(features, "features", "a list of feature columns", "a column");
        ignored = ignored == null ? List.of() : org.rnnlab.datasets.InputDescription.nonNull(ignored, "ignored", "a list of column names",
                "a column name");
        if (!LONG.equals(layout) && !FOLDER.equals(layout)) {
            throw new IllegalArgumentException("CsvSchema.layout must be long or folder, got " + layout);
        }
        if (delimiter == null || delimiter.length() != 1) {
            throw new IllegalArgumentException("CsvSchema.delimiter must be one character, got " + delimiter);
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("CsvSchema.features must not be empty");
        }
        if (new java.util.HashSet<>(features).size() != features.size()) {
            throw new IllegalArgumentException("CsvSchema.features must name each column once, got " + features);
        }
        if (missing == null) {
            missing = MissingValues.ERROR;
        }
        if (sequenceScaling == null) {
            sequenceScaling = SequenceScaling.NONE;
        }
        naValues = naValues == null ? List.of() : List.copyOf(naValues);
        codes = codes == null ? null : List.copyOf(codes);
        oneHot = oneHot == null ? null : List.copyOf(oneHot);
        if (decimal != null) {
            decimal = DecimalSeparator.parse(decimal, "CsvSchema.decimal") ? DecimalSeparator.COMMA : null; // a point: as before
        }
    }

    /** Whether the files write numbers with a decimal comma ({@link #decimal}). */
    public boolean decimalComma() {
        return DecimalSeparator.COMMA.equals(decimal);
    }

    /** The same contract with numbers read with a decimal comma ({@code true}) or a decimal point ({@link DecimalSeparator}). */
    public CsvSchema withDecimalComma(boolean comma) {
        return new CsvSchema(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored,
                sequenceScaling, naValues, timeStep, codes, wide, folderLabels, comma ? DecimalSeparator.COMMA : null, labelMap, emptyFeature, oneHot, timeFormat);
    }

    private static String levelWords(String level) {
        int n = FolderLabels.level(level, "");
        return n == 0 ? "folder" : "folder level " + n + " below the data folder";
    }

    /** The delimiter as a char. */
    public char delimiterChar() {
        return delimiter.charAt(0);
    }

    /** Feature names for the model's input description. */
    public List<String> featureNames() {
        return features.stream().map(c -> c.name() != null ? c.name() : "column" + c.index()).toList();
    }

    /**
     * Which column plays which role, in words for the log: {@code sequence id 'seq', time 'ts', label 'label', 3 features:
     * ax, ay, az} (at most 12 feature names, then how many more), and the columns not read.
     */
    public String describeColumns() {
        List<String> parts = new java.util.ArrayList<>();
        if (FOLDER.equals(layout) && folderLabels != null) {
            parts.add("one sequence per file under the folder, label the name of its " + levelWords(folderLabels.label())
                    + (folderLabels.group() == null ? "" : ", group the name of its " + levelWords(folderLabels.group()))
                    + " (no labels file)");
            parts.add(folderTime());
        } else if (FOLDER.equals(layout)) {
            parts.add("one sequence per file, label " + quoted(label) + " of the labels file");
            parts.add(folderTime());
        } else if (wide != null) {
            parts.add("one sequence per row (wide layout" + (wide.header() ? "" : ", no header") + "), sequence id "
                    + (wide.sequenceId() == null ? "the row's line number" : quoted(wide.sequenceId())));
            parts.add("label " + quoted(wide.label()));
            if (wide.axis() != null) {
                parts.add("steps the " + wide.axis().size() + " columns named by numbers " + wide.axisText() + ", in that order");
            }
        } else {
            parts.add("sequence id " + quoted(sequenceId));
            parts.add(time == null ? "no time column (the rows' order)" : "time " + quoted(time));
            parts.add("label " + quoted(label));
        }
        if (split != null) {
            parts.add("split " + quoted(split));
        }
        if (group != null && folderLabels == null) {
            parts.add("group " + quoted(group));
        }
        List<String> names = featureNames();
        String shown = String.join(", ", names.subList(0, Math.min(12, names.size())))
                + (names.size() > 12 ? ", ... (" + (names.size() - 12) + " more)" : "");
        parts.add(names.size() + (names.size() == 1 ? " feature: " : " features: ") + shown);
        if (!ignored.isEmpty()) {
            parts.add("not read: " + String.join(", ", ignored));
        }
        if (sequenceScaling != SequenceScaling.NONE) {
            parts.add("each sequence scaled by its own statistics (sequenceScaling " + sequenceScaling + ")");
        }
        return String.join("; ", parts);
    }

    /** The folder layout's time, as the long layout's columns line says it (stop 76: the folder's line did not name it). */
    private String folderTime() {
        return time == null ? "no time column (each file's row order)" : "time " + quoted(time) + " of each file";
    }

    private static String quoted(Column c) {
        return c == null ? "(none)" : c.name() != null ? "'" + c.name() + "'" : "column " + c.index();
    }

    /**
     * The same contract with more columns not read ({@code --ignore-columns} of predict and evaluate: columns of new data
     * the model was not trained on). A column the model reads, as a feature or a role, cannot be left out.
     */
    public CsvSchema withIgnored(List<String> more) {
        // the time, split and group columns are optional in new data (rows in file order, no split, no group): leaving one
        // out reads the file as if it had none (a user's try: --ignore-columns patient_id was refused as read by the model)
        boolean isLong = LONG.equals(layout);
        Column t = isLong && time != null && more.contains(time.name()) ? null : time;
        Column s = isLong && split != null && more.contains(split.name()) ? null : split;
        Column g = isLong && group != null && more.contains(group.name()) ? null : group;
        List<String> read = new ArrayList<>(featureNames());
        if (isLong) {
            for (Column c : new Column[] {sequenceId, t, label, s, g}) {
                if (c != null && c.name() != null) {
                    read.add(c.name());
                }
            }
        }
        List<String> clash = more.stream().filter(read::contains).toList();
        if (!clash.isEmpty()) {
            throw new IllegalArgumentException("--ignore-columns " + String.join(",", more) + ": the model reads " + clash
                    + " (it reads " + read + "); only columns it does not read, and its time, split or group column, can be left "
                    + "out" + (label != null && clash.contains(label.name()) ? " (a label column is optional in new data: predict "
                    + "reads a file without one, and evaluate needs it)" : ""));
        }
        if (!header && !more.isEmpty()) {
            throw new IllegalArgumentException("--ignore-columns names columns by header name, but this model reads files without "
                    + "a header (columns by position)");
        }
        List<String> all = new ArrayList<>(ignored);
        more.stream().filter(n -> !all.contains(n)).forEach(all::add);
        return new CsvSchema(layout, delimiter, header, width, sequenceId, t, label, s, g, features, missing, all, sequenceScaling, naValues, timeStep,
                codes, wide, folderLabels, decimal, labelMap, emptyFeature, oneHot, timeFormat);
    }

    /**
     * The header names of the columns this contract reads (features and, in the long layout, the roles): never skipped as
     * pandas' row index when a file is read ({@link CsvTable#readWithLayout(Path, char, boolean, java.util.Set)}).
     */
    public java.util.Set<String> readNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Column c : features) {
            if (c.name() != null) {
                names.add(c.name());
            }
        }
        for (Column c : new Column[] {sequenceId, time, label, split, group}) {
            if (c != null && c.name() != null) {
                names.add(c.name());
            }
        }
        return names;
    }

    /**
     * The same contract read with another column separator ({@code --delimiter} of predict and evaluate: new data exported
     * as TSV or with ';' where the training files were comma-separated, or the other way round).
     */
    public CsvSchema withDelimiter(char d) {
        if (d == '"' || d == '\n' || d == '\r') {
            throw new IllegalArgumentException("--delimiter must not be a quote or line break");
        }
        return new CsvSchema(layout, Character.toString(d), header, width, sequenceId, time, label, split, group, features, missing,
                ignored, sequenceScaling, naValues, timeStep, codes, wide, folderLabels, decimal, labelMap, emptyFeature, oneHot, timeFormat);
    }

    /**
     * A column separator as given on a command line: one character, or {@code tab} / {@code \t} for a tab; the option's name
     * in the error.
     */
    public static char parseDelimiter(String option, String given) {
        String d = given.equals("\\t") || given.equalsIgnoreCase("tab") ? "\t" : given;
        if (d.length() != 1 || d.equals("\"") || d.equals("\n") || d.equals("\r")) {
            throw new IllegalArgumentException(option + " must be one character (or tab, or \\t), not a quote or line break, got '"
                    + given + "'");
        }
        return d.charAt(0);
    }

    /**
     * The same contract reading {@code more} codes as missing values too, beside the model's own ({@code --na-values} of predict
     * and evaluate: new data exported with -999 for a dropout, for a model trained on empty cells).
     */
    public CsvSchema withNaValues(List<String> more) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(naValues);
        for (String code : more) {
            if (code.isBlank()) {
                throw new IllegalArgumentException("--na-values must not hold an empty code (empty cells are missing anyway): " + more);
            }
            all.add(code.trim());
        }
        return new CsvSchema(layout, delimiter, header, width, sequenceId, time, label, split, group, features, missing, ignored,
                sequenceScaling, List.copyOf(all), timeStep, codes, wide, folderLabels, decimal, labelMap, emptyFeature, oneHot, timeFormat);
    }

    /** The same contract with another missing-value policy. */
    public CsvSchema withMissing(MissingValues m) {
        return new CsvSchema(layout, delimiter, header, width, sequenceId, time, label, split, group, features, m, ignored, sequenceScaling, naValues, timeStep,
                codes, wide, folderLabels, decimal, labelMap, emptyFeature, oneHot, timeFormat);
    }

    /**
     * Where each role is in one table of a sequence file (long layout: the whole data file).
     *
     * @param id       sequence id column, -1 for none
     * @param time     time column, -1 for none
     * @param label    label column, -1 for none
     * @param split    split column, -1 for none
     * @param group    group column, -1 for none
     * @param features feature columns in model order
     */
    record Located(int id, int time, int label, int split, int group, int[] features) {
    }

    /**
     * Finds the columns in a table read with this contract.
     *
     * @param table         the table
     * @param labelRequired whether the label column must be there (training and evaluation) or may be
     *                      absent (prediction)
     */
    Located locate(CsvTable table, boolean labelRequired) {
        Path file = table.file();
        if (!header) {
            if (table.header() == null && LONG.equals(layout) && table.width() < width && otherDelimiter(table).isEmpty()) {
                Located shifted = withoutOptionalColumns(table, labelRequired);
                refuseHeaderRow(table, shifted);
                return shifted;
            }
            if (table.header() != null || table.width() != width) {
                throw new DatasetFormatException(file, "the file has " + table.width() + " columns; the model was trained on "
                        + "headerless files of " + width + " columns, matched by position (expected the same layout"
                        + (optionalColumns(labelRequired).isEmpty() ? "" : ", or without its " + describe(optionalColumns(
                                labelRequired))) + ")" + otherDelimiter(table));
            }
            Located located = new Located(index(sequenceId), index(time), index(label), index(split), index(group),
                    features.stream().mapToInt(Column::index).toArray());
            refuseHeaderRow(table, located);
            return located;
        }
        List<String> names = table.header();
        List<String> numbers = table.headerNumbers();
        if (!numbers.isEmpty() && names.stream().noneMatch(layoutNames()::contains)) {
            throw noHeaderLine(table, numbers, layoutNames());
        }
        Map<String, String> roles = new LinkedHashMap<>();
        boolean longLayout = LONG.equals(layout);
        if (longLayout && sequenceId != null && sequenceId.name() != null && !names.contains(sequenceId.name())
                && Column.caseHint(sequenceId.name(), names, false).isEmpty()
                && Column.encodingMatches(sequenceId.name(), names).isEmpty()) {
            // the id under another name: renaming it is the way, not a column of one value (a review: the one-sequence hint
            // would have merged 40 recordings into one)
            // not one of the model's other columns: a forward-filled or slower feature comes in blocks too (a review)
            java.util.Set<String> others = new java.util.HashSet<>();
            features.stream().map(Column::name).filter(java.util.Objects::nonNull).forEach(others::add);
            java.util.stream.Stream.of(time, label, split, group).filter(c -> c != null && c.name() != null).map(Column::name)
                    .forEach(others::add);
            String other = idLikeName(table, names.stream().filter(n -> !others.contains(n)).toList());
            if (other != null) {
                throw new DatasetFormatException(file, 1, "no sequence id column '" + sequenceId.name() + "' (the model's data "
                        + "layout names it; the file has " + names + "); column " + idLike(table, List.of(other)) + ", as a "
                        + "sequence id does: if it is the id, rename it (pandas: df.rename(columns={'" + other + "': '"
                        + sequenceId.name() + "'}))");
            }
        }
        int id = longLayout ? find(names, sequenceId, true, "sequence id", file) : -1;
        int t = longLayout ? find(names, time, false, "time", file) : -1;
        if (t < 0 && longLayout && time != null && time.name() != null && !Column.encodingMatches(time.name(), names).isEmpty()) {
            // a trial: new data's time column garbled by a wrong conversion was an unknown column, and --ignore-columns, as
            // advised, then read each sequence's rows in file order without a word
            // a review: when the garbling is the user's own declared encoding on a UTF-8 file, the remedy is to leave it out
            String declared = org.rnnlab.datasets.FileEncoding.utf8ReadAsDeclared(file);
            throw new DatasetFormatException(file, 1, "no time column '" + time.name() + "' (the model orders each sequence's "
                    + "rows by it; the file has " + names + ")" + Column.encodingHint(time.name(), names, file) + (declared != null
                    ? " (leaving the column out with --ignore-columns would read the rows in file order)" : "; rename the "
                    + "file's column to '" + time.name() + "', or convert the file from its source's own encoding (leaving the "
                    + "column out with --ignore-columns would read the rows in file order)"));
        }
        int l = longLayout ? find(names, label, labelRequired, "label", file) : -1;
        int s = longLayout ? find(names, split, false, "split", file) : -1;
        int g = longLayout ? find(names, group, false, "group", file) : -1;
        for (Column c : new Column[] {sequenceId, time, label, split, group}) {
            if (longLayout && c != null) {
                roles.put(c.name(), "role");
            }
        }
        List<String> missingFeatures = new ArrayList<>();
        int[] f = new int[features.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = names.indexOf(features.get(i).name());
            if (f[i] < 0) {
                missingFeatures.add(features.get(i).name());
            }
            roles.put(features.get(i).name(), "feature");
        }
        TreeSet<String> unknown = new TreeSet<>(names);
        unknown.removeAll(roles.keySet());
        unknown.removeAll(ignored);
        if (longLayout && split == null) {
            unknown.remove(CsvOptions.DEFAULT_SPLIT_NAME); // a split column marks rows for training; new data need none, and a
        }                                                  // model trained without one reads such a file all the same
        if (!missingFeatures.isEmpty()) {
            List<String> otherCase = new ArrayList<>();
            List<String> close = new ArrayList<>(); // a letter or two off, or separators: 'numpoints' for 'num_points'
            List<org.rnnlab.datasets.Mojibake.Mismatch> garbled = new ArrayList<>();
            List<String> prefixes = oneHotPrefixes();
            java.util.Set<String> rawColumns = new java.util.HashSet<>();
            for (String m : missingFeatures) {
                // not 'tcp_flags' for 'tcp_flags_A' when the file holds the raw column of the group tcp_flags_* (trial 74b F5:
                // renaming it would make a 0/1 column of flags; the one-hot hint says what to do)
                String raw = rawSource(m, names, prefixes);
                boolean encodedFromRaw = raw != null;
                if (raw != null) {
                    rawColumns.add(raw);
                }
                names.stream().filter(n -> n.equalsIgnoreCase(m.strip()) || n.strip().equalsIgnoreCase(m.strip())).findFirst()
                        .ifPresentOrElse(n -> otherCase.add("'" + n + "' for '" + m + "'"), () -> {
                            String c = encodedFromRaw ? null : Column.closest(m, names);
                            // nor 'plant_P4' for 'plant_P1': another category of the same one-hot group is a new category,
                            // not a misspelling (trial 74c F4: renaming it would say the rows come from plant P1; the
                            // one-hot hint says what it is)
                            if (c != null && !features.stream().map(Column::name).toList().contains(c)
                                    && prefixes.stream().noneMatch(p -> m.startsWith(p) && c.startsWith(p))) {
                                close.add("'" + c + "' for '" + m + "'");
                            }
                        });
                garbled.addAll(Column.encodingMatches(m, names));
            }
            throw new DatasetFormatException(file, 1, "feature column(s) " + missingFeatures + " missing (the model reads the features "
                    + featureNames() + " by header name; the file has " + names
                    + (otherCase.isEmpty() ? "" : ", with " + String.join(", ", otherCase) + ": names must match as written") + ")"
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "? (rename the file's column to the "
                    + "model's name)")
                    + (garbled.isEmpty() ? "" : "; " + org.rnnlab.datasets.Mojibake.explained(garbled, file))
                    + oneHotSourceHint(missingFeatures, names, roles.keySet())
                    + missingCategoryHint(missingFeatures, names)
                    // a new category's column in the same message, not in a second run once the missing one is added (F6)
                    // (a raw column, told above to be encoded, is no category: 'tcp_flags' of an older card's tcp_*)
                    + unseenCategoryHint(unknown.stream().filter(u -> !rawColumns.contains(u)).toList()));
        }
        if (!unknown.isEmpty()) {
            List<String> known = new ArrayList<>(roles.keySet());
            known.addAll(ignored);
            List<org.rnnlab.datasets.Mojibake.Mismatch> garbled = known.stream()
                    .flatMap(k -> Column.encodingMatches(k, List.copyOf(unknown)).stream()).toList();
            throw new DatasetFormatException(file, 1, "column(s) " + unknown + " are not part of the model's data layout "
                    + "(expected only the columns " + known + "; remove the others, leave them out with --ignore-columns "
                    + String.join(",", unknown) + " (predict, evaluate), copy them beside the predictions with predict --keep-columns "
                    + String.join(",", unknown) + " (one value per sequence; NAME@last copies the last row's value of a column that changes "
                    + "along a sequence), or retrain with them as features)" + (garbled.isEmpty() ? ""
                    : "; " + org.rnnlab.datasets.Mojibake.explained(garbled, file)) + unseenCategoryHint(unknown));
        }
        return new Located(id, t, l, s, g, f);
    }

    /** Most columns written out in a one-hot hint's pandas line ({@link #reindexed}); beyond them, the list is shortened. */
    static final int SHOWN_COLUMNS = 30;

    /**
     * For missing features that look like a one-hot of a column the file holds as it was before encoding ({@code
     * event_type_*} and a column {@code event_type}: {@link OneHotGroup}, stored or, in older cards, by the names), a hint
     * with the pandas line that encodes it with the training's categories; empty otherwise (a trial's raw export was told
     * only that 14 feature columns were missing).
     *
     * @param missing the missing features
     * @param names   the file's header names
     * @param layout  the model's columns, roles and features, in order
     */
    private String oneHotSourceHint(List<String> missing, List<String> names, java.util.Collection<String> layout) {
        java.util.Set<String> sources = new java.util.LinkedHashSet<>();
        List<String> featureNames = featureNames();
        List<String> prefixes = oneHotPrefixes();
        for (String m : missing) {
            String source = rawSource(m, names, prefixes);
            if (source != null) {
                sources.add(source);
            }
        }
        if (sources.isEmpty()) {
            return "";
        }
        List<String> columns = layout.stream().filter(c -> names.contains(c) && !sources.contains(c) || featureNames.contains(c))
                .toList();
        String groups = sources.stream().map(c -> c + "_*").collect(java.util.stream.Collectors.joining(", "));
        return "; the model's features " + groups + " look like a one-hot encoding of the column(s) " + sources.stream()
                .map(c -> "'" + c + "'").collect(java.util.stream.Collectors.joining(", ")) + ", which the file holds as written: "
                + "encode them as in training, with the training's categories (a category the model has not seen then has no column, "
                + "and predict warns of its rows), e.g. pandas: df = pd.get_dummies(df, columns=[" + sources.stream()
                .map(CsvSchema::pythonString).collect(java.util.stream.Collectors.joining(", ")) + "], dtype=int)."
                + reindexed(columns);
    }

    /**
     * The prefixes of the model's one-hot groups: the stored {@link OneHotGroup}s', or, for a card saved before they were
     * recorded, the candidates its feature names give ({@link OneHotGroup#candidates}).
     */
    private List<String> oneHotPrefixes() {
        return oneHot != null ? oneHot.stream().map(OneHotGroup::prefix).toList()
                : List.copyOf(OneHotGroup.candidates(featureNames()).keySet());
    }

    /**
     * The column of {@code names} that a missing feature looks like a one-hot category of: the raw {@code tcp_flags} for
     * {@code tcp_flags_A} of the group {@code tcp_flags_*}, the longest of {@code prefixes} whose column the file holds;
     * null when none.
     */
    private static String rawSource(String missing, List<String> names, List<String> prefixes) {
        return prefixes.stream().filter(missing::startsWith).sorted(java.util.Comparator.comparingInt(String::length).reversed())
                .map(p -> p.substring(0, p.length() - 1)).filter(names::contains).findFirst().orElse(null);
    }

    /**
     * {@code reindex(columns=['flow_id', ...], fill_value=0)}: pandas' call that gives a frame {@code columns}, in order, a
     * missing one all 0s; shortened beyond {@link #SHOWN_COLUMNS}.
     */
    private static String reindexed(List<String> columns) {
        String listed = (columns.size() <= SHOWN_COLUMNS ? columns : columns.subList(0, SHOWN_COLUMNS)).stream()
                .map(CsvSchema::pythonString).collect(java.util.stream.Collectors.joining(", "));
        return "reindex(columns=[" + listed + (columns.size() > SHOWN_COLUMNS ? ", ... (" + (columns.size() - SHOWN_COLUMNS)
                + " more: the model's columns, as listed above)" : "") + "], fill_value=0)";
    }

    /**
     * For missing features that are categories of a stored one-hot group ({@link OneHotGroup}) whose other columns the file
     * has and whose raw column it does not ({@code protocol_icmp} beside {@code protocol_tcp}, {@code protocol_udp}): a hint
     * that get_dummies writes a column only for the categories present, so a file with no row of one lacks its column, and
     * that a column of 0s is the fix, with the pandas line that adds it ({@code df['protocol_icmp'] = 0}, which leaves the
     * file's other columns as they are: a reindex to the model's columns dropped a --keep-columns column, trial 74d F2);
     * empty otherwise. A trial's new day without an icmp flow
     * was told only that {@code protocol_icmp} was missing (74b F6). Stored groups only: in an older card, names alone
     * ({@code temp_in}, {@code temp_out}) do not show that a column is a category.
     *
     * @param missing the missing features
     * @param names   the file's header names
     */
    private String missingCategoryHint(List<String> missing, List<String> names) {
        if (oneHot == null) {
            return "";
        }
        List<String> featureNames = featureNames();
        Map<OneHotGroup, List<String>> byGroup = new LinkedHashMap<>();
        for (String m : missing) {
            oneHot.stream().filter(g -> m.startsWith(g.prefix()) && !names.contains(g.source())
                    && g.features().stream().anyMatch(f -> names.contains(featureNames.get(f)))).findFirst()
                    .ifPresent(g -> byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(m));
        }
        if (byGroup.isEmpty()) {
            return "";
        }
        List<String> said = new ArrayList<>();
        byGroup.forEach((g, categories) -> said.add(String.join(", ", categories) + " (of the model's one-hot group "
                + g.pattern() + ", which encodes '" + g.source() + "'; the file has its " + g.features().stream()
                .map(featureNames::get).filter(names::contains).collect(java.util.stream.Collectors.joining(", ")) + ")"));
        // a column added, nothing else touched: a reindex to the model's columns also dropped the text column the same
        // predict's --keep-columns asked for, which then failed (trial 74d F2)
        String added = byGroup.values().stream().flatMap(List::stream).map(c -> "df[" + pythonString(c) + "] = 0")
                .collect(java.util.stream.Collectors.joining("; "));
        return "; the missing " + String.join(", ", said) + " " + OneHotGroup.NO_ROW_OF_IT + ", e.g. pandas: " + added + " (the model reads its columns by header name, so the file's other "
                + "columns, those for --keep-columns, --group-column or --baseline-column among them, stay as they are)";
    }

    /** A name as a Python string literal, in single quotes. */
    public static String pythonString(String name) {
        return "'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * For columns not part of the layout that share the prefix of a one-hot group of the model's features ({@link OneHotGroup}:
     * {@code event_type_add_to_wishlist} beside {@code event_type_*}), a hint that they look like categories the model has
     * not seen, whose rows, left out, have no category of the group; empty otherwise.
     */
    private String unseenCategoryHint(java.util.Collection<String> unknown) {
        List<String> featureNames = featureNames();
        Map<String, List<String>> byPrefix = new LinkedHashMap<>();
        for (String u : unknown) {
            String prefix = OneHotGroup.siblingPrefix(u, featureNames, oneHot);
            if (prefix != null) {
                byPrefix.computeIfAbsent(prefix, k -> new ArrayList<>()).add(u);
            }
        }
        if (byPrefix.isEmpty()) {
            return "";
        }
        List<String> said = new ArrayList<>();
        byPrefix.forEach((prefix, columns) -> {
            OneHotGroup group = oneHot == null ? null : oneHot.stream().filter(g -> g.prefix().equals(prefix)).findFirst().orElse(null);
            said.add(String.join(", ", columns) + " look(s) like a category of " + prefix + "* the model has not seen (its "
                    + "features " + prefix + "* one-hot encode '" + prefix.substring(0, prefix.length() - 1) + "'): left out with "
                    + "--ignore-columns, its rows will have no category of that group, " + (group != null && group.none() > 0
                    ? String.format(java.util.Locale.ROOT, "read as the training's rows of an empty category (%.1f%% of them) were",
                    100 * group.noneShare()) : "an input the model never had (predict and evaluate count such rows)"));
        });
        return "; " + String.join("; ", said);
    }

    /**
     * Among columns of {@code names}: one whose values come in blocks of consecutive rows, each value in one block only, with
     * at least 2 blocks averaging 2 rows or more (a sequence id), said as {@code 'utterance_id' holds 256 values, each on
     * consecutive rows}; null when there is none.
     */
    static String idLike(CsvTable table, java.util.Collection<String> names) {
        String name = idLikeName(table, names);
        if (name == null) {
            return null;
        }
        int c = table.header().indexOf(name);
        long values = java.util.stream.IntStream.range(0, table.rows().size()).mapToObj(r -> table.cell(r, c)).distinct().count();
        return "'" + name + "' holds " + values + " values, each on consecutive rows";
    }

    /**
     * Of {@code names}, the one whose values come in the most blocks of consecutive rows, each value in one block only, with
     * at least 2 blocks averaging 2 rows or more, and whose name is not a time's (a time in whole seconds, 0, 0, 1, 1, ...,
     * a review); the first of equals; null when there is none. The most blocks, not the first such column: a trial's file
     * had machine_id (4 pumps) before cycle_id (12 cycles), and renaming machine_id to the id, as the hint said, merged each
     * pump's 3 cycles into one sequence.
     */
    static String idLikeName(CsvTable table, java.util.Collection<String> names) {
        String best = null;
        int most = 0;
        for (String name : names) {
            int c = table.header() == null ? -1 : table.header().indexOf(name);
            if (c < 0 || table.rows().size() < 4) {
                continue;
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            String previous = null;
            boolean blocks = true;
            for (int r = 0; r < table.rows().size() && blocks; r++) {
                String v = table.cell(r, c);
                if (!v.equals(previous)) {
                    blocks = seen.add(v);
                    previous = v;
                }
            }
            if (blocks && !CsvSequenceDataset.timeLikeName(name) && seen.size() >= 2 && seen.size() * 2 <= table.rows().size()
                    && seen.size() > most) {
                best = name;
                most = seen.size();
            }
        }
        return best;
    }

    /**
     * The roles new data of this headerless long layout may lack, in column order: the label (unless required), the time
     * (rows in file order are then their time order), the split and the group.
     */
    private List<Map.Entry<String, Column>> optionalColumns(boolean labelRequired) {
        List<Map.Entry<String, Column>> optional = new ArrayList<>();
        if (!labelRequired && label != null) {
            optional.add(Map.entry("label", label));
        }
        for (Map.Entry<String, Column> e : List.of(Map.entry("time", time == null ? NONE : time),
                Map.entry("split", split == null ? NONE : split), Map.entry("group", group == null ? NONE : group))) {
            if (e.getValue() != NONE) {
                optional.add(e);
            }
        }
        optional.sort(java.util.Comparator.comparingInt(e -> e.getValue().index()));
        return optional;
    }

    /** A stand-in for an absent role in {@link #optionalColumns} (Map.entry takes no null). */
    private static final Column NONE = Column.named("(none)");

    private static String describe(List<Map.Entry<String, Column>> columns) {
        return String.join(" and ", columns.stream().map(e -> e.getKey() + " column " + e.getValue().index()).toList());
    }

    /**
     * Where the roles are in a headerless file of fewer columns than the model's training file. Such files are matched by
     * position, so a column left out can only be told from the count: when the file lacks exactly all the columns new
     * data may do without (its label, unless required, time, split and group), the others keep their order and are read
     * so; any other count is refused, naming the columns, since which ones are missing is then a guess (a user's try: a
     * model of {@code id,label,time,value} given a file without its time column read it as one without its label, so the
     * label was read as the time: "time -1 of sequence 'te0000' does not increase"). One column fewer where the label may
     * be absent (prediction) is the file without its label, unlabelled new data, the common case saved models were
     * promised (a review: it was refused as "cannot be told" when the model also had a time column) - unless the model
     * has a time column and the column read as the time then does not increase within every sequence while, read
     * without the time column, the label would be: then it is the file without its time column (a label is constant
     * within a sequence, a time increases).
     */
    private Located withoutOptionalColumns(CsvTable table, boolean labelRequired) {
        List<Map.Entry<String, Column>> optional = optionalColumns(labelRequired);
        int missing = width - table.width();
        if (!labelRequired && label != null && missing == 1) {
            List<Map.Entry<String, Column>> labelOnly = List.of(Map.entry("label", label));
            List<Map.Entry<String, Column>> timeOnly = time == null ? null : List.of(Map.entry("time", time));
            boolean withoutLabel = time == null || timeIncreases(table, labelOnly);
            if (withoutLabel && timeOnly != null && labelConstant(table, timeOnly, CsvSequenceDataset.knownLabels())) {
                // both readings fit (a user's cumulative counter read as the time, every column after it shifted): refused
                int shiftedTime = without(labelOnly).applyAsInt(index(time));
                int shiftedLabel = without(timeOnly).applyAsInt(index(label));
                throw new DatasetFormatException(table.file(), "the file has " + table.width() + " columns, one fewer than the "
                        + "model's headerless training files of " + width + " (label column " + label.index() + ", time column "
                        + time.index() + "), matched by position, and it reads both ways: as the file without its label (column "
                        + shiftedTime + " then the time, and it increases within every sequence) and as the file without its time "
                        + "(column " + shiftedLabel + " then the label, and it has one value within every sequence); give all "
                        + width + " columns in the training file's order (a blank or NA label reads as unlabelled)"
                        + otherDelimiter(table));
            }
            optional = withoutLabel ? labelOnly : timeOnly;
        }
        if (optional.isEmpty() || missing != optional.size()) {
            List<String> layoutWords = new ArrayList<>();
            layoutWords.add("sequence id column " + sequenceId.index());
            for (Map.Entry<String, Column> e : optionalColumns(false)) {
                layoutWords.add(e.getKey() + " column " + e.getValue().index());
            }
            layoutWords.add((features.size() == 1 ? "feature column " : "feature columns ") + String.join(", ",
                    features.stream().map(c -> Integer.toString(c.index())).toList()));
            throw new DatasetFormatException(table.file(), "the file has " + table.width() + " columns; the model was trained on "
                    + "headerless files of " + width + " columns (" + String.join(", ", layoutWords) + "), matched by position"
                    + (optional.isEmpty() ? ": give" : ", so which " + (missing == 1 ? "column is" : missing + " columns are")
                    + " missing cannot be told from the count: give") + " all " + width + " columns in the training file's order"
                    + (!labelRequired && label != null ? " (a blank or NA label reads as unlabelled)" : "")
                    + (optional.isEmpty() ? "" : ", or leave out all of its " + describe(optional) + " (" + (width - optional.size())
                    + " columns, the others in their order)") + otherDelimiter(table));
        }
        int[] dropped = optional.stream().mapToInt(e -> e.getValue().index()).toArray();
        IntUnaryOperator shift = i -> {
            if (i < 0 || IntStream.of(dropped).anyMatch(d -> d == i)) {
                return -1;
            }
            return i - (int) IntStream.of(dropped).filter(d -> d < i).count();
        };
        return new Located(shift.applyAsInt(index(sequenceId)), shift.applyAsInt(index(time)), shift.applyAsInt(index(label)),
                shift.applyAsInt(index(split)), shift.applyAsInt(index(group)),
                features.stream().mapToInt(c -> shift.applyAsInt(c.index())).toArray());
    }

    /** Where a column of the training layout is once the {@code dropped} roles' columns are left out. */
    private static IntUnaryOperator without(List<Map.Entry<String, Column>> dropped) {
        int[] gone = dropped.stream().mapToInt(e -> e.getValue().index()).toArray();
        return i -> i - (int) IntStream.of(gone).filter(d -> d < i).count();
    }

    /**
     * Whether, with the {@code dropped} roles' columns left out of {@code table}, the time column holds numbers that
     * increase within every sequence (rows of one sequence id in file order).
     */
    private boolean timeIncreases(CsvTable table, List<Map.Entry<String, Column>> dropped) {
        IntUnaryOperator shift = without(dropped);
        int id = shift.applyAsInt(index(sequenceId));
        int t = shift.applyAsInt(index(time));
        Map<String, TimeStamps.Time> last = new java.util.HashMap<>();
        TimeStamps.Kind kind = null;
        for (String[] row : table.rows()) {
            TimeStamps.Time v = t >= row.length || id >= row.length ? null : TimeStamps.parse(row[t]);
            if (v == null || kind != null && v.kind() != kind) { // numbers or ISO date-times, one kind, as training reads them
                return false;
            }
            kind = v.kind();
            TimeStamps.Time before = last.put(row[id], v);
            if (before != null && !v.after(before)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether, with the {@code dropped} roles' columns left out of {@code table}, the label column holds one value within
     * every sequence (rows of one sequence id), and some sequence has more than one row (else any column would); with the
     * model's label names known ({@code labels}, else null), only if every value is one of them (a review: a feature with
     * one value per sequence, such as a device setting, at that place made the file without its label ambiguous).
     */
    private boolean labelConstant(CsvTable table, List<Map.Entry<String, Column>> dropped, java.util.Set<String> labels) {
        IntUnaryOperator shift = without(dropped);
        int id = shift.applyAsInt(index(sequenceId));
        int l = shift.applyAsInt(index(label));
        Map<String, String> first = new java.util.HashMap<>();
        boolean repeated = false;
        for (String[] row : table.rows()) {
            if (l >= row.length || id >= row.length) {
                return false;
            }
            if (labels != null && !labels.contains(row[l].trim())) {
                return false;
            }
            String before = first.putIfAbsent(row[id], row[l]);
            if (before != null) {
                if (!before.equals(row[l])) {
                    return false;
                }
                repeated = true;
            }
        }
        return repeated;
    }

    /** The names of the columns this layout reads by header name: the roles of the long layout, then the features. */
    List<String> layoutNames() {
        List<String> names = new ArrayList<>();
        if (LONG.equals(layout)) {
            for (Column c : new Column[] {sequenceId, time}) {
                if (c != null && c.name() != null) {
                    names.add(c.name());
                }
            }
        }
        names.addAll(featureNames());
        if (LONG.equals(layout) && label != null && label.name() != null) {
            names.add(label.name());
        }
        return names;
    }

    /**
     * The error for a file whose first line holds numbers where this layout reads a header: a file without its header
     * line (a headerless export of data whose training file had one), which no setting of predict or evaluate changes.
     */
    static DatasetFormatException noHeaderLine(CsvTable table, List<String> numbers, List<String> expected) {
        return new DatasetFormatException(table.file(), 1, "the first line holds numbers (" + String.join(", ",
                numbers.subList(0, Math.min(3, numbers.size()))) + (numbers.size() > 3 ? ", ..." : "") + ") where a header "
                + "naming the columns " + expected + " was expected, as the training file had: this file seems to have no "
                + "header line; add that line first (columns are matched by name)");
    }

    /**
     * Refuses a file read without a header (this layout matches columns by position) whose first row holds names where
     * the time and feature columns hold numbers: a header line, which the training files did not have.
     */
    private static void refuseHeaderRow(CsvTable table, Located located) {
        if (table.header() != null || table.rows().isEmpty()) {
            return;
        }
        refuseHeaderRow(table, IntStream.concat(IntStream.of(located.time()), IntStream.of(located.features())).toArray());
    }

    /**
     * Refuses a headerless file whose first row holds a name (not a number, not a missing-value marker, beginning with a
     * letter or '_') in every one of the numeric {@code columns}, where a later row holds a number in one of them (else the
     * columns hold text throughout, which the usual errors name).
     */
    static void refuseHeaderRow(CsvTable table, int[] columns) {
        String[] row = table.rows().get(0);
        boolean numbersBelow = false;
        for (int r = 1; r < Math.min(table.rows().size(), 100) && !numbersBelow; r++) {
            for (int c : columns) {
                if (c >= 0 && c < table.rows().get(r).length && CsvTable.isDecimal(table.rows().get(r)[c])) {
                    numbersBelow = true;
                    break;
                }
            }
        }
        if (!numbersBelow) {
            return;
        }
        boolean any = false;
        for (int c : columns) {
            if (c < 0 || c >= row.length) {
                continue;
            }
            String v = row[c];
            if (v.isEmpty() || CsvTable.isDecimal(v) || MissingValues.isMissing(v)
                    || !(Character.isLetter(v.codePointAt(0)) || v.charAt(0) == '_')) {
                return;
            }
            any = true;
        }
        if (any) {
            throw new DatasetFormatException(table.file(), table.lines().get(0), "this line looks like a header (" + CsvTable.abbreviate(
                    String.join(",", row)) + ") where a file without one was expected (the data layout matches columns by "
                    + "position: --set header=false when training): remove the line, e.g. tail -n +2 " + table.file().getFileName()
                    + " > without-header.csv, or for training data leave out --set header=false");
        }
    }

    /**
     * When a file read as one column holds another usual separator than this contract's (a headerless model trained on
     * ';'-separated files given a comma-separated one), says so; else empty.
     */
    private String otherDelimiter(CsvTable table) {
        if (table.width() != 1 || table.rows().isEmpty()) {
            return "";
        }
        String row = table.rows().get(0)[0];
        for (String d : List.of(",", ";", "\t", "|")) {
            if (!d.equals(delimiter) && row.contains(d)) {
                return ": its rows hold '" + (d.equals("\t") ? "\\t" : d) + "' where it was read with '"
                        + (delimiter.equals("\t") ? "\\t" : delimiter) + "' as the separator (the model's, unless --delimiter was given); "
                        + "read it with --delimiter " + (d.equals("\t") ? "tab" : "'" + d + "'");
            }
        }
        return "";
    }

    /**
     * The same features read from a folder of one file per sequence (for new data given as a folder to
     * a model trained on the long layout): the id, time, label, split and group columns may be in the
     * files and are not used.
     */
    public CsvSchema asFolder() {
        if (FOLDER.equals(layout)) {
            return this;
        }
        List<String> skip = new ArrayList<>(ignored);
        List<Column> fs = features;
        if (header) {
            for (Column c : new Column[] {sequenceId, time, label, split, group}) {
                if (c != null) {
                    skip.add(c.name());
                }
            }
        } else {
            fs = IntStream.range(0, features.size()).mapToObj(Column::at).toList();
        }
        return new CsvSchema(FOLDER, delimiter, header, 0, null, null, Column.named("label"), null, null, fs, missing, skip, sequenceScaling, naValues, timeStep,
                codes, null, null, decimal, labelMap, emptyFeature, oneHot, timeFormat);
    }

    /** Header names of a folder-layout sequence file that are neither features nor ignored. */
    List<String> unknownSequenceColumns(List<String> names) {
        TreeSet<String> unknown = new TreeSet<>(names);
        features.forEach(c -> unknown.remove(c.name()));
        unknown.removeAll(ignored);
        if (time != null) { // the folder layout's time column (--set time=), in every file, is no feature
            unknown.remove(time.name());
        }
        return List.copyOf(unknown);
    }

    private static int index(Column c) {
        return c == null ? -1 : c.index();
    }

    private int find(List<String> names, Column c, boolean required, String role, Path file) {
        if (c == null) {
            return -1;
        }
        int i = names.indexOf(c.name());
        if (i < 0 && required) {
            String caseHint = Column.caseHint(c.name(), names, false) + Column.encodingHint(c.name(), names, file);
            String other = otherDelimiter(names);
            throw new DatasetFormatException(file, 1, "no " + role + " column '" + c.name() + "' (the model's data layout names it; "
                    + "the file has " + names + ")" + caseHint + other
                    // a trial's new data named the label column 'label' where the model's was 'activity': say what to do
                    + (caseHint.isEmpty() && other.isEmpty() ? Column.closeHint(c.name(), names) + "; the model reads columns by the "
                    + "names it was trained with: " + (role.equals("sequence id") ? "rename the file's id column to '" + c.name()
                    + "', or add one" : "rename the file's column for the " + role + " to '" + c.name() + "'") : "")
                    // a file of one utterance, without the id (a trial): the column is still needed
                    + (role.equals("sequence id") && caseHint.isEmpty() ? "; a file of one sequence "
                    + "needs it too, the same value on every row (pandas: df.insert(0, '" + c.name() + "', 'my-sequence'))" : ""));
        }
        return i;
    }

    /**
     * When a header read with the model's delimiter is one column holding another usual delimiter: a sentence saying so
     * (the model reads the delimiter it was trained with; {@code predict} and {@code evaluate} have no setting for it).
     */
    String otherDelimiter(List<String> names) {
        return otherDelimiter(names, delimiterChar());
    }

    /**
     * {@link #otherDelimiter(List)} for a file read with {@code delimiter}, a layout decided already: also the hint of
     * {@link CsvTable} for rows of another width than such a header (a user's text file to a CSV model was told to "read it
     * with --set 'delimiter= '", an option predict does not have). Spaces count too: a space-separated copy of the
     * model's CSV got no hint at all, where tabs and ';' got one.
     */
    static String otherDelimiter(List<String> names, char delimiter) {
        String comment = Column.commentHint(names);
        if (!comment.isEmpty()) {
            return comment.replaceFirst("^: ", "; ");
        }
        if (names == null || names.size() != 1) {
            return "";
        }
        for (char d : new char[] {';', '\t', '|', ',', ' '}) {
            String only = d == ' ' ? names.get(0).strip() : names.get(0);
            if (d != delimiter && only.indexOf(d) >= 0) {
                return "; the header reads as one column but holds " + (d == '\t' ? "tabs" : d == ' ' ? "spaces" : "'" + d + "'")
                        + ": it was read with " + (delimiter == '\t' ? "tab" : "'" + delimiter + "'") + " as the separator (the "
                        + "training file's, unless predict or evaluate were given --delimiter): write the file with that separator, "
                        + "or give predict and evaluate --delimiter " + (d == '\t' ? "tab" : d == ' ' ? "' '" : "'" + d + "'");
            }
        }
        return "";
    }
}

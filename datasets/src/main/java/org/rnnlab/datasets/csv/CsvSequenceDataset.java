package org.rnnlab.datasets.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.rnnlab.datasets.ClassShareDrift;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.FeatureStandardizer;
import org.rnnlab.datasets.FileChecksums;
import org.rnnlab.datasets.ForwardingSequenceDataset;
import org.rnnlab.datasets.GroupSplitter;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.LabelCheck;
import org.rnnlab.datasets.OneGroupClasses;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.StratifiedSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' own numeric sequences from CSV (RFC 4180, UTF-8 with or without BOM), in one of two layouts:
 * <ul>
 *   <li><b>long</b>: one file, one row per time step: {@code sequence_id[,time],feature...,label}
 *       (any column order; more columns: {@code split}, a group column). Rows of a sequence in
 *       increasing time (they need not be contiguous); label, split and group the same on all rows of a
 *       sequence.</li>
 *   <li><b>folder</b>: one CSV file per sequence (rows = time steps, optional header), plus a labels
 *       file with a header naming the columns {@code file} and {@code label}, and optionally
 *       {@code split} and a group column; {@code file} is relative to the folder. Every {@code .csv}
 *       file of the folder other than the labels files must be listed, and every listed file must
 *       exist.</li>
 * </ul>
 * Splits: validation and test data come, in this order of preference, from their own files
 * ({@link CsvSources}), from the split column ({@code train|validation|test}), or are carved from the
 * training data by seed (stratified by class; by whole groups when a group column is named). A
 * fraction setting that cannot apply (validation data given) is an error, as are empty training or
 * test sets. Label names are the sorted distinct training labels unless given; a validation or test
 * label the training data lacks is an error. Sequences may differ in length (the batch iterator masks
 * the padding). The decided layout is the dataset's {@link CsvSchema}, stored with a trained model.
 * Training data that read without error but probably not as meant are warned of: every training
 * sequence one step long (a wide file), and, for features not chosen, feature columns named like a
 * role or holding one value per sequence.
 */
public final class CsvSequenceDataset extends ForwardingSequenceDataset {
    private static final Logger LOG = LoggerFactory.getLogger(CsvSequenceDataset.class);

    /** Dataset name. */
    public static final String NAME = "csv";
    /**
     * Cells filled by --missing ffill, interpolate or zero while this thread reads data ({@link #load}, {@link #readAll}): per file,
     * {cells, sequences}, in reading order.
     */
    private static final ThreadLocal<Map<Path, long[]>> FILLED = new ThreadLocal<>();
    /** The lines said through the checks of a large training file after its reading (CheckProgress), while they run. */
    private static final ThreadLocal<CheckProgress> CHECKS = new ThreadLocal<>();
    /**
     * Within {@link #readAllCollecting} (predict, evaluate): false until the file's checks start ({@link #CHECKS}, ended
     * there), then true; null elsewhere.
     */
    private static final ThreadLocal<Boolean> NEW_DATA_CHECKS = new ThreadLocal<>();
    /**
     * Per file and column, the new-data sequences without any value in that column (no prediction for them): the first
     * {@link #UNFILLED_SHOWN} are warned of one by one, the rest in one line at the end of the read (a trial's dead sensor gave
     * 859 identical lines).
     */
    private static final ThreadLocal<Map<String, int[]>> UNFILLED = ThreadLocal.withInitial(LinkedHashMap::new);
    private static final int UNFILLED_SHOWN = 3;
    /**
     * Per file of {@link #FILLED} under --missing ffill, interpolate or zero, every sequence filled in, with the cells and
     * steps filled (its group resolved once the file is read): what the warning counts by group, and train's run folder lists
     * ({@link FilledSequences}).
     */
    private static final ThreadLocal<Map<Path, List<FilledSequences.Filled>>> FILLED_SEQUENCES = ThreadLocal.withInitial(LinkedHashMap::new);
    /** Per file of {@link #FILLED}, the first few sequences filled in, each with the line of its first missing value. */
    private static final ThreadLocal<Map<Path, List<String>>> FILLED_WHERE = ThreadLocal.withInitial(LinkedHashMap::new);
    /**
     * Per file of {@link #FILLED}, the lengths (as in the file, with their padding) of the sequences that end in steps whose
     * every feature is missing: padding pads series up to one length, so several lengths say such steps are gaps that happen
     * to fall at the end (a sleep-lab user's channels, each missing at some steps, all missing at 17 sequences' last step,
     * were called end padding, and the --missing trim it suggested then refused them).
     */
    private static final ThreadLocal<Map<Path, java.util.Set<Integer>>> PADDED_LENGTHS = ThreadLocal.withInitial(LinkedHashMap::new);
    /**
     * Per file of {@link #FILLED} under --missing ffill, interpolate or zero, the values filled per feature column and the time steps
     * read: a channel mostly filled in is a channel mostly invented (a sleep-lab trial's skin temperature, sampled every fifth
     * step, was 80% filled, said only as part of one total).
     */
    private static final ThreadLocal<Map<Path, ColumnFills>> FILLED_COLUMNS = ThreadLocal.withInitial(LinkedHashMap::new);
    /**
     * Per file read, per feature column, the sequences where it had no value at all and was filled with the fallback of
     * {@code --set emptyFeature} ({@link EmptyFeatureFill}); and under the key "" the sequences so filled.
     */
    private static final ThreadLocal<Map<Path, Map<String, long[]>>> FELL_BACK = ThreadLocal.withInitial(LinkedHashMap::new);
    /** The fallback given to {@link #load} ({@code --set emptyFeature}), while it reads the training data. */
    private static final ThreadLocal<EmptyFeatureFill> EMPTY_FEATURE_SETTING = new ThreadLocal<>();
    /**
     * While the training file is read with {@code --set emptyFeature=mean}: the sequences whose features with no value were
     * given a placeholder (the means are known once the whole file is read), with those features, to be written over.
     */
    private static final ThreadLocal<Map<float[][], List<Integer>>> PENDING_FALLBACK = new ThreadLocal<>();
    /**
     * While the training data are read with {@code --set emptyFeature}: each sequence given the fallback, with the features
     * that took it, so that the checks of the training data do not call the constant the fill wrote a flat line (a review:
     * the six sequences filled with the heart rate's mean were named "a dead sensor? leave them out" by the next warning).
     */
    private static final ThreadLocal<Map<float[][], List<Integer>>> FELL_BACK_SEQUENCES = new ThreadLocal<>();

    /** Records in {@link #PADDED_LENGTHS} a sequence of {@code length} steps of {@code source} that ends in end-padding-like steps. */
    private static void notePadded(Path source, int length) {
        PADDED_LENGTHS.get().computeIfAbsent(source, f -> new java.util.HashSet<>()).add(length);
    }

    /** The values filled per feature column of one file, and its time steps. */
    private static final class ColumnFills {
        final Map<String, long[]> byColumn = new LinkedHashMap<>();
        long steps;

        /** A share as a percentage, under 1% with one significant digit (a trial's 672 of 290862 read "0%"). */
        static String percent(long part, long whole) {
            double p = 100.0 * part / Math.max(1, whole);
            return p >= 1 || p == 0 ? String.format(Locale.ROOT, "%.0f%%", p) : p >= 0.1 ? String.format(Locale.ROOT, "%.1f%%", p)
                    : "under 0.1%";
        }

        /**
         * Up to {@value #COLUMNS_SHOWN} columns with values filled, most first: {@code skin_temp 9000 of 11935 (75%)}, and
         * how many more columns and values there are (a trial's sixth feature, 557 filled, was left out without a word).
         */
        String text() {
            List<Map.Entry<String, long[]>> filled = byColumn.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                    .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).toList();
            String shown = filled.stream().limit(COLUMNS_SHOWN)
                    .map(e -> String.format(Locale.ROOT, "%s %d of %d (%s)", e.getKey(), e.getValue()[0], steps,
                            percent(e.getValue()[0], steps)))
                    .collect(java.util.stream.Collectors.joining(", "));
            if (filled.size() <= COLUMNS_SHOWN) {
                return shown;
            }
            long rest = filled.stream().skip(COLUMNS_SHOWN).mapToLong(e -> e.getValue()[0]).sum();
            return shown + String.format(Locale.ROOT, " and %d more column(s) (%d value(s))", filled.size() - COLUMNS_SHOWN, rest);
        }

        /** How many columns {@link #text} names. */
        static final int COLUMNS_SHOWN = 5;
    }
    /** How many sequences {@link #warnFilled} names per file. */
    private static final int FILLED_SHOWN = 3;
    /** Per feature column, its values' spread against their float rounding, while this thread reads data ({@link #load}, {@link #readAll}). */
    private static final ThreadLocal<Map<String, CsvTable.Spread>> SPREADS = new ThreadLocal<>();
    /** The labels file's column of file names in training ({@code --set file=}, else {@code file}); null while reading new data. */
    private static final ThreadLocal<Column> FILE_COLUMN = new ThreadLocal<>();
    /**
     * While a folder is read for training with its features chosen ({@code --set features=}): each sequence file's columns
     * that are neither features nor the first file's other columns, by file name. They are left out with one warning per
     * labels file ({@link #warnExtraColumns}), as the first file's columns outside the features are: a trial's one file of
     * 250 with an operator_note column stopped training, its hint the option already given.
     */
    private static final ThreadLocal<Map<String, List<String>>> EXTRA_COLUMNS = new ThreadLocal<>();
    /** Sequence files of the folder layout skipped as empty while this thread reads data ({@link #load}, {@link #readAll}). */
    private static final ThreadLocal<List<String>> EMPTY_FILES = new ThreadLocal<>();
        /** The labels file whose listed sequence files this thread reads (folder layout), or null. */
    private static final ThreadLocal<Path> FILL_SOURCE = new ThreadLocal<>();
    /** What {@link #readAll(Path, CsvSchema, boolean, List, List, Reading)} collects besides the sequences, or null. */
    private static final ThreadLocal<Reading> READING = new ThreadLocal<>();
    /**
     * While {@link #load} reads training data whose sequences are each scaled by their own statistics: each sequence's step
     * hashes as written (filled in, not yet scaled), keyed by the identity of its scaled values, for {@link SplitOverlap},
     * whose overlapping windows no longer share a step once each is scaled (a trial's windows sharing 45 of 60 bars passed
     * silently with {@code --set sequenceScaling=standardize}). 8 bytes a step; null otherwise.
     */
    private static final ThreadLocal<Map<float[][], long[]>> WRITTEN_STEPS = new ThreadLocal<>();

    /**
     * Under {@code --missing interpolate}, each training sequence's values as written (missing as NaN), by its filled array
     * (identity): the clipped-runs check judges these, since interpolation invents in-between values that make a scale's top
     * (a GCS of 15, an SpO2 of 100) look like a pile-up at a ceiling (a clinical trial was told to leave those patients out).
     */
    private static final ThreadLocal<Map<float[][], float[][]>> INTERPOLATED_WRITTEN = new ThreadLocal<>();
    /**
     * How many "does not increase" refusals this JVM has worded ({@link #notIncreasing}): a test reads a sequence of many
     * accepted ties and checks that none was, which no timing would check reliably on a shared machine.
     */
    static final java.util.concurrent.atomic.AtomicLong TIME_REFUSALS_WORDED = new java.util.concurrent.atomic.AtomicLong();

    /** The label names of the model whose new data this thread reads ({@link Reading#labels}), or null when not known. */
    static java.util.Set<String> knownLabels() {
        Reading r = READING.get();
        return r == null ? null : r.labels;
    }

    /**
     * What a read of new data collects besides the sequences: the header names of the files actually read (what
     * {@code --ignore-columns} may name), and, when the data are read with another missing-value policy than the model's,
     * each filled sequence's fingerprint ({@link SplitIdsFile#fingerprint}) as the model's own policy reads it (the values
     * train recorded in splits.csv), keyed by the identity of the values array read.
     */
    /** A consumer of a sequence's values as written, with where its steps are ({@link Reading#rows}). */
    @FunctionalInterface
    public interface RawRows {
        /**
         * @param id     the sequence's id
         * @param values its values, {@code [time][feature]}, as written (NaN: missing)
         * @param file   the file read, as messages name it
         * @param lines  the 1-based line of each step
         */
        void accept(String id, float[][] values, String file, long[] lines);
    }

    public static final class Reading {
        private final MissingValues trainedPolicy;
        private final java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>();
        private final Map<float[][], String> asTrained = new java.util.IdentityHashMap<>();

        private java.util.Set<String> labels;
        private SequenceColumns.Request keep = SequenceColumns.Request.none();
        private java.util.function.Consumer<float[][]> raw;
        private RawRows rawRows;
        private final Map<String, List<String>> kept = new LinkedHashMap<>();

        /** @param trainedPolicy the model's missing-value policy, or null when the data are read with it */
        public Reading(MissingValues trainedPolicy) {
            this.trainedPolicy = trainedPolicy;
        }

        /**
         * The model's label names, by which a headerless file one column short is told apart as the file without its time
         * (its label column then holds them) or without its label ({@link CsvSchema}); this reading, for chaining.
         */
        public Reading labels(List<String> names) {
            this.labels = names == null ? null : java.util.Set.copyOf(names);
            return this;
        }

        /**
         * Header names of columns of a long-layout file whose one value per sequence {@link #kept()} receives
         * ({@code predict --keep-columns}); this reading, for chaining.
         */
        public Reading keep(List<String> names) {
            return keep(SequenceColumns.Request.keepColumns(names));
        }

        /**
         * As {@link #keep(List)}, the columns named by another option (e.g. {@code evaluate --baseline-column}), whose errors
         * name that option; this reading, for chaining.
         */
        public Reading keep(SequenceColumns.Request request) {
            this.keep = request;
            return this;
        }

        /**
         * Gives each sequence's values as written, before missing values are filled and sequences scaled, to {@code c}
         * (new data's codes, {@link FeatureCodes.Unseen}); this reading, for chaining.
         */
        public Reading raw(java.util.function.Consumer<float[][]> c) {
            this.raw = c;
            return this;
        }

        /**
         * Gives each sequence's values as written, with its id, file and the line of each step, to {@code c} (new data's
         * one-hot groups, {@link OneHotGroup.Check}); this reading, for chaining.
         */
        public Reading rows(RawRows c) {
            this.rawRows = c;
            return this;
        }

        /** Per sequence id (all read, dropped ones too), the values of the columns of {@link #keep(List)}, in that order. */
        public Map<String, List<String>> kept() {
            return java.util.Collections.unmodifiableMap(kept);
        }

        /** Header names of the files read (labels and sequence files), in order of first appearance. */
        public List<String> columns() {
            return List.copyOf(columns);
        }

        /**
         * The fingerprint of a sequence's values as the model's own policy reads them: differs from that of {@code values}
         * only for a sequence the policy given filled in, which the model's policy fills otherwise.
         */
        public String fingerprintAsTrained(float[][] values) {
            String f = asTrained.get(values);
            return f != null ? f : SplitIdsFile.fingerprint(values);
        }

        private void header(List<String> header) {
            if (header != null) {
                columns.addAll(header);
            }
        }
    }

    /**
     * Whether a time column is written finer than whole seconds, judged on its first 2,000 rows: a number with a fraction,
     * a whole number of 1e11 or more (epoch milli- or microseconds), or a date-time with a fraction of a second; then two
     * rows of one sequence at the same time are events of one instant rather than a duplicated or repeated time. Per
     * column, not per value (a review: a tie at .000 was refused where one at .123 of the same column was accepted).
     */
    private static boolean fineTimes(CsvTable table, int column) {
        for (int r = 0; r < Math.min(2000, table.rows().size()); r++) {
            TimeStamps.Time t = TimeStamps.parse(table.rows().get(r)[column]);
            if (t != null && (t.kind() == TimeStamps.Kind.NUMBER ? t.value() != Math.rint(t.value()) || Math.abs(t.value()) >= 1e11
                    : t.nanos() != 0)) {
                return true;
            }
        }
        return false;
    }

    /** Whether two rows hold the same feature cells as written (a duplicated row). */
    private static boolean sameFeatures(CsvTable table, CsvSchema.Located loc, int a, int b) {
        for (int f : loc.features()) {
            if (!table.rows().get(a)[f].equals(table.rows().get(b)[f])) {
                return false;
            }
        }
        return true;
    }

    /** An IPv4 address (with a port or not). */
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(:\\d{1,5})?");
    /** Hexadecimal groups and colons, as an IPv6 address is written (with {@code ::} or 4 colons or more: not a time). */
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("\\[?[0-9A-Fa-f:]+(%\\w+)?\\]?(:\\d{1,5})?");

    /** Whether a value is a network address: IPv4, or IPv6 with {@code ::} or 4 colons or more (12:30:00 is a time). */
    private static boolean isAddress(String v) {
        String a = v.strip();
        return IPV4.matcher(a).matches() || IPV6.matcher(a).matches() && (a.contains("::") || a.chars().filter(ch -> ch == ':').count() >= 4);
    }

    /**
     * Whether a table is a labels file whose file column is named otherwise: it lacks some of the model's feature columns
     * (a sequence file has them all), and one column names a file in {@code folder} on 80% or more of its first 50 rows
     * (a review: a sequence file's first value 1, in a folder of 0.csv, 1.csv, ..., would name a file).
     */
    private static boolean namesFilesBeside(CsvTable table, Path folder, CsvSchema schema) {
        if (table.rows().isEmpty() || folder == null || table.header() == null
                || table.header().containsAll(schema.featureNames())) {
            return false;
        }
        int rows = Math.min(50, table.rows().size());
        for (int c = 0; c < table.width(); c++) {
            int naming = 0;
            for (int r = 0; r < rows; r++) {
                String v = table.rows().get(r)[c].strip();
                if (!v.isEmpty() && !v.contains("/") && !v.contains("\\") && (Files.isRegularFile(folder.resolve(v))
                        || Files.isRegularFile(folder.resolve(v + ".csv")))) {
                    naming++;
                }
            }
            if (naming * 5 >= rows * 4) {
                return true;
            }
        }
        return false;
    }

    /** Default name of the folder layout's labels file. */
    public static final String LABELS_FILE = "labels.csv";

    private final CsvSchema schema;
    private final Map<Split, List<String>> ids;
    private final Map<Split, List<String>> groups;
    private final Map<Split, List<String>> fingerprints;
    private final Map<Split, List<Double>> starts;
    private final Map<Split, List<Double>> ends;
    private final boolean dateTimes;
    /** Whether the date-times were written with an offset, counted in UTC (shown with "UTC"). */
    private final boolean utcTimes;
    /** The sequences the missing-value policy filled in, in reading order ({@link #filledSequences()}). */
    private final List<FilledSequences.Filled> filled;

    private CsvSequenceDataset(InMemorySequenceDataset data, CsvSchema schema, Map<Split, List<String>> ids,
                               Map<Split, List<String>> groups, Map<Split, List<String>> fingerprints,
                               Map<Split, List<Double>> starts, Map<Split, List<Double>> ends, boolean dateTimes,
                               boolean utcTimes, List<FilledSequences.Filled> filled) {
        super(data);
        this.filled = filled;
        this.schema = schema;
        this.ids = ids;
        this.groups = groups;
        this.fingerprints = fingerprints;
        this.starts = starts;
        this.ends = ends;
        this.dateTimes = dateTimes;
        this.utcTimes = utcTimes;
    }

    @Override
    public Map<Split, List<Double>> sequenceEnds() {
        return ends;
    }

    @Override
    public Map<Split, List<Double>> sequenceStarts() {
        return starts;
    }

    @Override
    public String showTime(double time) {
        return TimeOrder.show(time, dateTimes, utcTimes);
    }

    /** Whether {@link #sequenceStarts()} are date-times (seconds since the epoch), not plain numbers. */
    public boolean startsAreDateTimes() {
        return dateTimes;
    }

    @Override
    public Map<Split, List<String>> sequenceFingerprints() {
        return fingerprints;
    }

    @Override
    public Map<Split, List<String>> sequenceIds() {
        return ids;
    }

    @Override
    public Map<Split, List<String>> sequenceGroups() {
        return groups;
    }

    /**
     * The sequences of the files read (training, and any validation or test file) whose gaps {@code --missing ffill},
     * {@code interpolate} or {@code zero} filled in, each with its group and the cells and steps filled, in reading order:
     * what train and compare write as {@value FilledSequences#FILE}. Empty when none was.
     */
    public List<FilledSequences.Filled> filledSequences() {
        return filled;
    }

    /** The data contract decided from the training file. */
    public CsvSchema schema() {
        return schema;
    }

    @Override
    public Optional<CsvSchema> csvSchema() {
        return Optional.of(schema);
    }

    /** The group column's tag (its values number the group names in sorted order). */
    @Override
    public java.util.Set<String> nominalTags() {
        return schema.group() == null ? java.util.Set.of() : java.util.Set.of(groupTag(schema.group()));
    }

    @Override
    public CsvSequenceDataset limit(int maxPerSplit) {
        // the ids follow the examples: the first maxPerSplit of each split (what a run then trains and selects on)
        Map<Split, List<String>> kept = new EnumMap<>(Split.class);
        ids.forEach((split, list) -> kept.put(split, List.copyOf(list.subList(0, Math.min(maxPerSplit, list.size())))));
        Map<Split, List<String>> keptGroups = new EnumMap<>(Split.class);
        groups.forEach((split, list) -> keptGroups.put(split, List.copyOf(list.subList(0, Math.min(maxPerSplit, list.size())))));
        Map<Split, List<String>> keptFingerprints = new EnumMap<>(Split.class);
        fingerprints.forEach((split, list) -> keptFingerprints.put(split, List.copyOf(list.subList(0, Math.min(maxPerSplit, list.size())))));
        Map<Split, List<Double>> keptStarts = new EnumMap<>(Split.class);
        starts.forEach((split, list) -> keptStarts.put(split, List.copyOf(list.subList(0, Math.min(maxPerSplit, list.size())))));
        Map<Split, List<Double>> keptEnds = new EnumMap<>(Split.class);
        ends.forEach((split, list) -> keptEnds.put(split, List.copyOf(list.subList(0, Math.min(maxPerSplit, list.size())))));
        return new CsvSequenceDataset((InMemorySequenceDataset) data.limit(maxPerSplit), schema, kept, keptGroups, keptFingerprints,
                keptStarts, keptEnds, dateTimes, utcTimes, filled);
    }

    /** The folder layout with its {@value #LABELS_FILE}, split by seed unless it has a split column. */
    public static CsvSequenceDataset fromFolder(Path folder, CsvOptions options) {
        return load(CsvSources.folder(folder, null), options);
    }

    /** The folder layout with the given labels file. */
    public static CsvSequenceDataset fromFolder(Path folder, Path labelsFile, CsvOptions options) {
        return load(CsvSources.folder(folder, labelsFile), options);
    }

    /** The long layout, one file, split by seed unless it has a split column. */
    public static CsvSequenceDataset fromLongCsv(Path file, CsvOptions options) {
        return load(CsvSources.longFile(file), options);
    }

    /**
     * The feature cells read as missing on this thread for holding a code for a missing value ({@code --set naValues},
     * {@code --na-values}) since the last call, which starts the count again: for predict's and evaluate's note of how many
     * cells their codes blanked (a review: the note was printed when no cell held the code).
     */
    public static long codeCellsRead() {
        long n = CsvTable.NA_CELLS.get()[0];
        CsvTable.NA_CELLS.get()[0] = 0;
        return n;
    }

    /** Reads the training (and any validation and test) files and builds the splits. */
    public static CsvSequenceDataset load(CsvSources sources, CsvOptions options) {
        return load(sources, options, null);
    }

    /**
     * As {@link #load(CsvSources, CsvOptions)}, with a fallback for a feature with no value at all in a sequence ({@code --set
     * emptyFeature=mean|zero}, {@link EmptyFeatureFill}; null: none, such a sequence is refused), stored in the schema.
     */
    public static CsvSequenceDataset load(CsvSources sources, CsvOptions options, EmptyFeatureFill emptyFeature) {
        if (emptyFeature != null && options.missing() != MissingValues.FFILL && options.missing() != MissingValues.INTERPOLATE) {
            throw new IllegalArgumentException("csv: --set " + EmptyFeatureFill.SETTING + "=" + emptyFeature.policy() + " says what "
                    + "--missing ffill or interpolate writes into a feature with no value at all in a sequence, but the missing-value "
                    + "policy is " + options.missing() + (options.missing() == MissingValues.ZERO ? ", which writes 0 there anyway"
                    : options.missing() == MissingValues.DROP ? ", which drops such a sequence" : ", which fills nothing in")
                    + ": give --missing ffill or interpolate, or leave " + EmptyFeatureFill.SETTING + " out");
        }
        EMPTY_FEATURE_SETTING.set(emptyFeature);
        if (emptyFeature != null) {
            FELL_BACK_SEQUENCES.set(new java.util.IdentityHashMap<>());
        }
        try {
            return loadWithSetting(sources, options);
        } finally {
            EMPTY_FEATURE_SETTING.remove();
            PENDING_FALLBACK.remove();
            FELL_BACK_SEQUENCES.remove();
        }
    }

    private static CsvSequenceDataset loadWithSetting(CsvSources sources, CsvOptions options) {
        FILLED.set(new LinkedHashMap<>());
        EMPTY_STEPS.set(new LinkedHashMap<>());
        if (options.sequenceScaling() != null && options.sequenceScaling() != SequenceScaling.NONE) {
            WRITTEN_STEPS.set(new java.util.IdentityHashMap<>());
        }
        SPREADS.set(new LinkedHashMap<>());
        if (options.missing() == MissingValues.INTERPOLATE) {
            INTERPOLATED_WRITTEN.set(new java.util.IdentityHashMap<>());
        }
        EMPTY_FILES.set(new ArrayList<>());
        FILE_COLUMN.set(options.fileColumn());
        if (sources.folder() != null && !options.features().isEmpty()) {
            EXTRA_COLUMNS.set(new LinkedHashMap<>());
        }
        CsvTable.NA_CODES.set(CsvTable.naCodes(options.naValues()));
        // codes are missing feature values: an id, time, label, group or split cell holding one stays as written
        CsvTable.NA_SCOPE.set(new CsvTable.NaScope(null, java.util.Arrays.asList(options.sequenceId(), options.time(),
                options.label(), options.split(), options.group(), options.file())));
        boolean collecting = CsvTable.collectSkippedIndex();
        try {
            CsvSequenceDataset loaded = loadCountingFills(sources, options);
            warnBlurred();
            if (collecting) {
                CsvTable.warnSkippedIndex();
            }
            if (CHECKS.get() != null) {
                CHECKS.get().done();
            }
            return loaded;
        } finally {
            if (CHECKS.get() != null) {
                CHECKS.get().close();
                CHECKS.remove();
            }
            FILLED.remove(); // also when the data are refused
            EMPTY_STEPS.remove();
            DROPPING.remove();
            WRITTEN_STEPS.remove();
            TRAIN_STEPS.remove();
            INTERPOLATED_WRITTEN.remove();
            FILLED_WHERE.remove();
            FILLED_SEQUENCES.remove();
            PADDED_LENGTHS.remove();
            FILLED_COLUMNS.remove();
            FELL_BACK.remove();
            SPREADS.remove();
            EMPTY_FILES.remove();
            FILE_COLUMN.remove();
            EXTRA_COLUMNS.remove();
            CsvTable.NA_CODES.remove();
            CsvTable.NA_SCOPE.remove();
            if (collecting) {
                CsvTable.endSkippedIndex();
            }
        }
    }

    private static CsvSequenceDataset loadCountingFills(CsvSources sources, CsvOptions options) {
        boolean folderLayout = sources.folder() != null;
        if (folderLayout && !Files.isDirectory(sources.folder())) {
            // absolute, as missing files are named (a user's 'Aufnahmen März\\' was named as given, relative)
            throw DatasetFormatException.wrongPath(sources.folder().toAbsolutePath(), Files.isRegularFile(sources.folder())
                    ? "is a file, not a folder: --data takes the folder layout's folder (one CSV file per sequence and its "
                    + LABELS_FILE + "); pass one long-layout file with --train"
                    : "folder not found (expected a folder of one CSV file per sequence)"
                    + org.rnnlab.datasets.TextFiles.backslashHint(sources.folder().toAbsolutePath()));
        }
        FolderLabels byFolder = folderLayout ? options.folderLabels() : null;
        if (byFolder != null && Files.exists(sources.folder().resolve(LABELS_FILE))) {
            // the labels would come from two places (the folder names, the labels file), which may disagree
            throw new IllegalArgumentException("csv: --set labelFrom=" + byFolder.label() + " takes every file's label from its folder, "
                    + "but the data folder holds the labels file " + sources.folder().resolve(LABELS_FILE) + " too: move the labels "
                    + "file out of the folder, or leave out labelFrom to read it");
        }
        Path trainFile = byFolder != null ? sources.folder() // the tree itself lists the files
                : folderLayout && sources.train() == null ? sources.folder().resolve(LABELS_FILE) : sources.train();
        if (folderLayout && byFolder == null && sources.train() == null && !Files.exists(trainFile)) {
            String other = otherLabelsFile(sources.folder(), options.delimiter());
            if (!other.isEmpty()) {
                throw DatasetFormatException.wrongPath(trainFile.toAbsolutePath(), "file not found (expected the labels file of the "
                        + "folder layout, listing each sequence file); " + other + " in the folder looks like a labels file (a column '"
                        + options.fileColumn() + "')" + (other.equalsIgnoreCase(LABELS_FILE) ? ", its name differing in case (names are "
                        + "matched exactly)" : "") + ": read it with --train '" + other + "' beside --data, or rename it to "
                        + LABELS_FILE);
            }
        }
        if (trainFile == null) {
            throw new IllegalArgumentException("csv: needs a training file (--train FILE, long layout) or a folder (--data DIR)");
        }
        if (!folderLayout && Files.isDirectory(trainFile)) {
            throw new IllegalArgumentException("csv: " + trainFile + " is a folder; pass it with --data for the folder layout");
        }
        refuseSameFile(trainFile, sources.validation(), "--train", "--validation");
        refuseSameFile(trainFile, sources.test(), "--train", "--test");
        refuseSameFile(sources.validation(), sources.test(), "--validation", "--test");
        List<DatasetProvenance.FileChecksum> checksums = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        CsvSchema resolved;
        List<CsvSequence> train;
        MEASURED_STEP.remove();
        TRAIN_STEPS.remove();
        FeatureCodes.Tally[] tally = new FeatureCodes.Tally[1]; // made once the features are known (the first sequence's width)
        // the one-hot groups of the features, made once their names are known (the schema resolved, before its rows are read)
        OneHotGroup.Tally[] oneHot = new OneHotGroup.Tally[1];
        List<String>[] featureNames = new List[1];
        Map<String, double[]> rawMedians = new HashMap<>(); // each training sequence's levels as written (TemperatureUnits)
        RAW_MEDIANS.set(rawMedians);
        EmptyFeatureFill emptyFeature = EMPTY_FEATURE_SETTING.get();
        double[][] observed = new double[1][]; // per feature: the sum of its observed values as written, then their count
        if (emptyFeature != null && emptyFeature.pending()) {
            PENDING_FALLBACK.set(new java.util.IdentityHashMap<>());
        }
        RAW_VALUES.set(values -> {
            if (tally[0] == null && values.length > 0) {
                tally[0] = new FeatureCodes.Tally(values[0].length);
            }
            if (tally[0] != null) {
                tally[0].add(values);
            }
            if (oneHot[0] == null && featureNames[0] != null) {
                oneHot[0] = new OneHotGroup.Tally(featureNames[0]);
            }
            if (oneHot[0] != null) {
                oneHot[0].add(values);
            }
            if (emptyFeature != null && values.length > 0) { // the training data's means, for --set emptyFeature=mean
                if (observed[0] == null) {
                    observed[0] = new double[2 * values[0].length];
                }
                int n = values[0].length;
                for (float[] step : values) {
                    for (int f = 0; f < Math.min(n, step.length); f++) {
                        if (!Float.isNaN(step[f])) {
                            observed[0][f] += step[f];
                            observed[0][n + f]++;
                        }
                    }
                }
            }
        });
        // columns such as a speaker or subject, judged once the split is known (a split column's or given files' too)
        GroupLikeColumns groupLike;
        try {
            if (folderLayout) {
                CsvTable labels = byFolder != null ? byFolder.table(sources.folder(), true)
                        : withCsvNames(CsvTable.read(trainFile, options.delimiter(), true), sources.folder(), options.delimiter());
                // the table of the tree names its columns file, label (and group), as a labels file would
                CsvOptions listed = byFolder == null ? options : options.withColumns(options.sequenceId(), options.time(),
                        Column.named("label")).withGroupColumn(byFolder.group() == null ? null : Column.named("group"))
                        .withFileColumn(null);
                resolved = resolveFolder(labels, sources.folder(), listed);
                if (byFolder != null) {
                    resolved = resolved.withFolderLabels(byFolder);
                }
                resolved = resolved.withEmptyFeature(emptyFeature);
                featureNames[0] = resolved.featureNames();
                train = LabelMap.relabel(readFolder(labels, sources.folder(), resolved, true, checksums, dropped), LabelMap.current());
                groupLike = folderGroupLike(labels, sources.folder(), resolved, options);
            } else {
                CsvTable read = options.wide()
                        ? WideLayout.readRows(() -> CsvTable.read(trainFile, options.delimiter(), options.header(), options.namedColumns()))
                        : CsvTable.read(trainFile, options.delimiter(), options.header(), options.namedColumns());
                CHECKS.set(CheckProgress.start(trainFile, read.rows().size())); // ended in loadWithSetting, as the checks are
                // the wide layout reshaped into the long one, whose checks then all apply (WideLayout)
                WideLayout wide = options.wide() ? WideLayout.resolve(read, options,
                        !options.sequenceId().equals(CsvOptions.defaults().sequenceId())) : null;
                WideLayout.Reshaped reshaped = wide == null ? null : wide.reshape(read, null, wide.roleNames(),
                        options.features().isEmpty() ? null : options.features().stream().map(Column::toString).collect(Collectors.toSet()));
                if (reshaped != null && reshaped.axis() != null) { // step columns named by numbers: stored, new files must match
                    wide = wide.withAxis(reshaped.axis());
                    LOG.info("csv {}: --set layout=wide: the {} columns named by numbers ({}) are the steps of one feature '{}', "
                            + "in file order; the model stores their names and reads new files with the same columns in the same "
                            + "order", trainFile, wide.axis().size(), wide.axisText(), WideLayout.VALUE);
                }
                CsvTable table = wide == null ? read : reshaped.table();
                CsvOptions longOptions = wide == null ? options : wideAsLong(options, wide, reshaped);
                List<String> byIndex = new ArrayList<>(); // the settings read as 0-based indices, for the errors they may cause
                try {
                    List<GroupLikeColumns> found = new ArrayList<>(1);
                    resolved = resolveLong(table, longOptions, found, byIndex);
                    if (wide != null) {
                        resolved = resolved.withWide(wide);
                    }
                    groupLike = found.isEmpty() ? GroupLikeColumns.none() : found.get(0);
                    resolved = resolved.withEmptyFeature(emptyFeature);
                    featureNames[0] = resolved.featureNames();
                    train = LabelMap.relabel(readLong(table, resolved, true, dropped), LabelMap.current());
                    // a few values far from all the others, as written (a clinical trial's 44 temperatures of 361-384 typed for
                    // 36-38 and 186 SpO2 values of 0 were read as data without a word; the model's temperature sd became 17.3)
                    for (FarValues.Found far : FarValues.find(table, resolved.locate(table, true).features())) {
                        LOG.warn("csv {}: {}", trainFile, far.warning(trainFile.getFileName().toString(), resolved.featureNames()));
                    }
                } catch (DatasetFormatException e) {
                    throw byIndex.isEmpty() ? e : e.withHint(String.join("; ", byIndex));
                } catch (IllegalArgumentException e) {
                    throw byIndex.isEmpty() ? e : new IllegalArgumentException(e.getMessage() + " (" + String.join("; ", byIndex) + ")", e);
                }
                checksums.add(FileChecksums.of(trainFile));
            }
        } finally {
            RAW_VALUES.remove();
            RAW_MEDIANS.remove();
        }
        TRAIN_MEDIANS.set(rawMedians);
        // the training data's usual time step, stored with the model: held-out files and new data are compared with it
        // and its columns of codes (categories written as numbers), whose unseen codes predict and evaluate name; judged on
        // the values as written (a filled-in gap between 5411 and 7995 would be a code 6703)
        List<FeatureCodes> codes = tally[0] == null ? List.of() : tally[0].codes();
        warnCodes(trainFile, codes, resolved);
        warnLikelyCodes(trainFile, tally[0] == null ? List.of() : tally[0].likely(resolved.featureNames(), codes), resolved);
        warnTransposed(trainFile, train, resolved);
        CsvSchema schema = resolved.withTimeStep(MEASURED_STEP.get()).withCodes(codes).withLabelMap(LabelMap.current())
                .withOneHot(oneHot[0] == null ? List.of() : oneHot[0].groups())
                .withEmptyFeature(measuredFallback(emptyFeature, observed[0], resolved, trainFile));
        MEASURED_STEP.remove();
        List<CsvSequence> validation = null;
        List<CsvSequence> test = null;
        List<String> droppedValidation = new ArrayList<>();
        List<String> droppedTest = new ArrayList<>();
        if (sources.validation() != null) {
            validation = heldOut(() -> read(sources.validation(), sources.folder(), schema, true, checksums, droppedValidation,
                    groupLike), "--validation");
        }
        if (sources.test() != null) {
            test = heldOut(() -> read(sources.test(), sources.folder(), schema, true, checksums, droppedTest, groupLike), "--test");
        }
        List<String> droppedTrain = List.copyOf(dropped);
        dropped.addAll(droppedValidation);
        dropped.addAll(droppedTest);
        if (folderLayout && byFolder == null) { // a tree read by its folders lists every file
            List<Path> labelsFiles = Stream.of(trainFile, sources.validation(), sources.test()).filter(p -> p != null).toList();
            // dropped files (--missing drop) and empty ones are listed too: they hold names as listed
            requireAllListed(sources.folder(), labelsFiles, Stream.of(Stream.of(train, validation, test).filter(l -> l != null)
                    .flatMap(List::stream).map(CsvSequence::id), dropped.stream(), EMPTY_FILES.get().stream()).flatMap(x -> x)
                    .collect(Collectors.toSet()), options.delimiter());
        }
        warnSharedIds(train, validation, "validation", "training");
        warnSharedIds(train, test, "test", "training");
        if (validation != null) {
            // a validation file that holds test sequences picks the kept epoch on the test data
            warnSharedIds(validation, test, "test", "validation");
        }
        // each file's own count: a user's two dropped test sequences were hidden among 53 training ones ("e.g." training ids),
        // and the test scores were on 18 of the 20 sequences of the test file without a word
        String carved = sources.validation() == null && sources.test() == null ? "validation or test split"
                : sources.validation() == null ? "validation split" : sources.test() == null ? "test split" : null;
        DROPPING.set(options.missing());
        warnDropped(trainFile, droppedTrain, train.size(), "they do not train the model"
                + (carved == null ? "" : " nor enter the " + carved + " carved from it"));
        if (sources.validation() != null) {
            warnDropped(sources.validation(), droppedValidation, validation.size(), "the epoch is chosen on the "
                    + validation.size() + " left");
        }
        if (sources.test() != null) {
            warnDropped(sources.test(), droppedTest, test.size(), "the test scores are on the " + test.size() + " left, not on the "
                    + "whole test file");
        }
        warnFilled(options.missing(), schema.emptyFeature(), groupsById(Stream.of(train, validation, test)),
                schema.group() == null ? null : schema.group().toString(), true);
        Map<String, String> params = options.asParameters();
        if (!dropped.isEmpty()) { // in dataset-provenance.json: what the scores do not cover
            params.put("droppedSequences", "train file " + droppedTrain.size()
                    + (sources.validation() == null ? "" : ", validation file " + droppedValidation.size())
                    + (sources.test() == null ? "" : ", test file " + droppedTest.size() + (droppedTest.isEmpty() ? ""
                    : " (" + String.join(", ", droppedTest.subList(0, Math.min(20, droppedTest.size())))
                    + (droppedTest.size() > 20 ? ", ..." : "") + ")")));
        }
        if (sources.validation() != null) {
            params.put("validationFraction", "(validation file " + sources.validation().getFileName() + ")");
        }
        if (sources.test() != null) {
            params.put("testFraction", "(test file " + sources.test().getFileName() + ")");
        }
        params.put("layout", schema.wide() != null ? "wide" : schema.layout());
        params.put("schema", schema.toString());
        if (LabelMap.current() != null && LabelMap.current().file() != null) {
            // the label map read is part of the data: a run repeated or resumed with a changed map is told so (dataset-provenance.json)
            checksums.add(FileChecksums.of(Path.of(LabelMap.current().file())));
        }
        return assemble(trainFile, train, validation, test, schema, options, sources, params, checksums, groupLike);
    }

    /**
     * The options that read the long table of a wide file ({@link WideLayout#reshape}): its id column, no time column (rows
     * in step order), the label, group and split by their names there, and the features: those chosen, else every feature
     * of the step columns (the other per-sequence columns are not read, and said so).
     */
    private static CsvOptions wideAsLong(CsvOptions o, WideLayout wide, WideLayout.Reshaped reshaped) {
        List<String> header = reshaped.table().header();
        List<Column> features = o.features().isEmpty() ? reshaped.features().stream().map(Column::named).toList()
                : o.features().stream().map(c -> Column.named(c.toString())).toList();
        return o.withHeader(true).withFeatures(features).withColumns(Column.named(header.get(0)), null, Column.named(wide.labelName()))
                .withGroupColumn(wide.groupName() == null ? null : Column.named(wide.groupName()))
                .withSplitColumn(o.split() == CsvOptions.NO_SPLIT ? o.split() : wide.splitName() == null ? null
                        : Column.named(wide.splitName()));
    }

    private static void refuseSameFile(Path a, Path b, String optionA, String optionB) {
        if (a != null && b != null && sameFile(a, b)) {
            throw new IllegalArgumentException("csv: " + optionA + " and " + optionB + " name the same file " + a
                    + " (held-out data must be other sequences than the training data)");
        }
    }

    /**
     * Whether two paths name one file as the operating system resolves them (symbolic links, then {@code ..}): by
     * {@link Files#isSameFile} where both exist; otherwise by their absolute spelling, not normalized (with a
     * symbolic link before it, {@code link/..} is not the folder holding {@code link}).
     */
    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return a.toAbsolutePath().equals(b.toAbsolutePath());
    }

    /**
     * Warns when the given splits put a group (the user's --set group column) in an earlier split ({@code earlierWhat}:
     * the training file, validation carved from it or not yet, or validation) and in a held-out one (a user's try: groups of
     * the validation carved from the training file were said to be "in training").
     */
    private static void warnSharedGroups(Object column, List<CsvSequence> train, List<CsvSequence> heldOut, String what,
                                         String earlierWhat, boolean later) {
        Set<String> trainGroups = new HashSet<>();
        for (CsvSequence q : train) {
            if (q.group() != null) {
                trainGroups.add(q.group());
            }
        }
        Set<String> shared = new TreeSet<>();
        for (CsvSequence q : heldOut) {
            if (q.group() != null && trainGroups.contains(q.group())) {
                shared.add(q.group());
            }
        }
        if (!shared.isEmpty() && later) {
            // a split by time of a fixed universe (40 instruments, later dates): the design, not a flaw to undo (a quant's trial)
            LOG.warn("csv: {} of the {} groups of group column {} have sequences in the {} and in the {} data, e.g. {}, and "
                    + "every {} sequence starts after every {} sequence (" + TIME_ORDERED + "): the {} scores are for "
                    + "these groups at later times, as for a model kept for the same groups, not for new groups",
                    shared.size(), trainGroups.size(), column, earlierWhat, what, shared.stream().limit(5).toList(), what,
                    earlierWhat.startsWith("training") ? "training" : earlierWhat, what);
        } else if (!shared.isEmpty()) {
            LOG.warn("csv: {} of the {} groups of group column {} have sequences in the {} and in the {} data, e.g. {}: the "
                    + "given split does not keep groups apart, so the {} score includes groups the model {} on",
                    shared.size(), trainGroups.size(), column, earlierWhat, what, shared.stream().limit(5).toList(), what,
                    earlierWhat.startsWith("training") ? "trained or was selected" : "was selected");
        }
    }

    /**
     * The words of a data warning of groups shared by training and a test part that starts after all training: a split by
     * time, whose scores are for the same groups later (the result lines read it, {@code TrainAgain.sharedGroupsWords}).
     */
    public static final String TIME_ORDERED = "a split by time";

    /**
     * The words of the data warning that a carve at random of sequences spanning months tests on dates before training ones
     * ({@code TimeOrder#warnRandomCarve}): the result lines read it ({@code TrainAgain.randomCarveWords}) to qualify the
     * test score, which a parcel carrier's trial read unqualified beside an INFO line.
     */
    public static final String RANDOM_CARVE_OF_DATES = "the test holds dates before some training dates";

    /** Refuses {@code --set splitBy=time} where it carves nothing or where another source gives the split. */
    private static void refuseSplitByTime(Path trainFile, CsvSchema schema, CsvSources sources, boolean nothingCarved) {
        if (schema.split() != null) {
            throw new IllegalArgumentException("csv: --set splitBy=time carves the latest sequences of " + trainFile + ", but the split "
                    + "column " + schema.split() + " gives the split (leave out splitBy to keep it, or --set split=none to carve "
                    + "its rows by time instead)");
        }
        if (nothingCarved) {
            throw new IllegalArgumentException("csv: --set splitBy=time does not apply: the validation and test sequences are given"
                    + (sources.validation() != null ? " (" + sources.validation() + ", " + sources.test() + ")" : ""));
        }
        if (schema.wide() != null) { // the wide layout's steps are columns: no time column to carve by (a review: it said --set time=)
            throw new IllegalArgumentException("csv: --set splitBy=time carves the latest sequences by the time column, but the wide "
                    + "layout (--set layout=wide) of " + trainFile + " has none (its steps are columns): give a split column "
                    + "(--set split=COLUMN, e.g. train/validation/test by date), or leave out splitBy to carve at random");
        }
        if (sources.folder() != null || schema.time() == null) {
            throw new IllegalArgumentException("csv: --set splitBy=time carves the latest sequences by the time column, but "
                    + trainFile + " is read without one (" + (sources.folder() != null ? "the folder layout; the long layout, "
                    + "--train FILE with --set time=COLUMN, has one" : "--set time=none, or no column named time: name it with "
                    + "--set time=COLUMN") + "); or leave out splitBy to carve at random");
        }
    }

    /**
     * Warns when the test data's class shares differ clearly from the carved training data's ({@link ClassShareDrift}): the
     * majority baseline and the accuracy move with them. {@code group}: the group column the test was carved by (null: given,
     * marked by a split column, carved at random or by time), whose groups per class the warning counts.
     */
    /** Sequences per class of {@code labelNames} (labels not among them left out). */
    private static long[] classCounts(List<String> labelNames, List<CsvSequence> sequences) {
        long[] counts = new long[labelNames.size()];
        for (CsvSequence q : sequences) {
            int k = labelNames.indexOf(q.label());
            if (k >= 0) {
                counts[k]++;
            }
        }
        return counts;
    }

    private static void warnClassShareDrift(Path trainFile, List<String> labelNames, List<CsvSequence> train,
                                            List<CsvSequence> validation, List<CsvSequence> test, Column group) {
        if (test == null || test.isEmpty()) {
            return;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < labelNames.size(); k++) {
            index.put(labelNames.get(k), k);
        }
        long[] trainCounts = new long[labelNames.size()];
        long[] testCounts = new long[labelNames.size()];
        train.forEach(q -> { Integer k = index.get(q.label()); if (k != null) { trainCounts[k]++; } });
        test.forEach(q -> { Integer k = index.get(q.label()); if (k != null) { testCounts[k]++; } });
        ClassShareDrift.ByGroup byGroup = null;
        if (group != null) {
            long[] inTest = new long[labelNames.size()];
            long[] groups = new long[labelNames.size()];
            Set<String> seen = new HashSet<>();
            Set<String> seenInTest = new HashSet<>();
            List<CsvSequence> all = new ArrayList<>(train);
            all.addAll(validation == null ? List.of() : validation);
            all.addAll(test);
            for (CsvSequence q : all) {
                Integer k = index.get(q.label());
                if (k != null && seen.add(k + "\t" + q.group())) {
                    groups[k]++;
                }
            }
            for (CsvSequence q : test) {
                Integer k = index.get(q.label());
                if (k != null && seenInTest.add(k + "\t" + q.group())) {
                    inTest[k]++;
                }
            }
            byGroup = new ClassShareDrift.ByGroup(group.toString(), inTest, groups);
        }
        String w = ClassShareDrift.warning(labelNames, trainCounts, testCounts, "test", byGroup);
        if (w != null) {
            LOG.warn("csv {}: {}", trainFile, w);
        }
    }

    /**
     * Warns when a held-out file holds sequences of an earlier one (training, or validation): the same values (the
     * fingerprint splits.csv records), under the same id or another. Ids alone said too much: UCR/UEA files converted one by
     * one number their series 0, 1, ... per file, and a trial's separate TRAIN and TEST files, entirely different values,
     * were always warned of "100 test sequence id(s) also occur in the training data". Ids that recur with other values are
     * said as information (different sequences, not a leak), and a copy under a new id, which ids alone missed, is warned of.
     */
    private static void warnSharedIds(List<CsvSequence> earlier, List<CsvSequence> heldOut, String what, String earlierWhat) {
        if (heldOut == null) {
            return;
        }
        Map<String, String> byId = new HashMap<>();
        Map<String, String> byValues = new HashMap<>();
        for (CsvSequence c : earlier) {
            String fingerprint = SplitIdsFile.fingerprint(c.values());
            byId.putIfAbsent(c.id(), fingerprint);
            byValues.putIfAbsent(fingerprint, c.id());
        }
        List<String> sameId = new ArrayList<>();
        List<String> otherId = new ArrayList<>();
        List<String> reused = new ArrayList<>();
        for (CsvSequence q : heldOut) {
            String fingerprint = SplitIdsFile.fingerprint(q.values());
            String earlierValues = byId.get(q.id());
            if (fingerprint.equals(earlierValues)) {
                sameId.add(q.id());
            } else if (byValues.containsKey(fingerprint)) {
                otherId.add(q.id() + " = " + byValues.get(fingerprint));
            } else if (earlierValues != null) {
                reused.add(q.id());
            }
        }
        if (!sameId.isEmpty() || !otherId.isEmpty()) {
            LOG.warn("csv: {} {} sequence(s) are also in the {} data with the same values ({}{}{}): {}",
                    sameId.size() + otherId.size(), what, earlierWhat,
                    sameId.isEmpty() ? "" : sameId.size() + " under the same sequence id, e.g. " + String.join(", ", sameId.subList(0, Math.min(3, sameId.size()))),
                    sameId.isEmpty() || otherId.isEmpty() ? "" : "; ",
                    otherId.isEmpty() ? "" : otherId.size() + " under another id, e.g. " + String.join(", ", otherId.subList(0, Math.min(3, otherId.size()))),
                    SplitOverlap.copiesConsequence(sameId.size() + otherId.size(), heldOut.size(), what));
        }
        if (!reused.isEmpty()) {
            LOG.info("csv: {} {} sequence id(s) also occur in the {} data with other values, e.g. {}: different sequences under reused "
                    + "ids (ids numbered per file?), not counted as shared; ids unique across the files name each sequence once "
                    + "(e.g. prefix them with the file's name)", reused.size(), what, earlierWhat, String.join(", ", reused.subList(0, Math.min(3, reused.size()))));
        }
    }

    /** Clipped features (or groups' features) warned of one by one ({@link ClippedRuns}); the rest are counted. */
    private static final int CLIPPED_SHOWN = 10;

    /** Per file read: {steps whose every feature is missing between steps with values, sequences holding them} that a fill filled. */
    private static final ThreadLocal<Map<Path, long[]>> EMPTY_STEPS = new ThreadLocal<>();

    /** The policy that dropped the sequences {@link #warnDropped} names (drop, or drop-steps that left no step). */
    private static final ThreadLocal<MissingValues> DROPPING = new ThreadLocal<>();

    /** Warns of the sequences of one file dropped for missing values ({@code --missing drop}), naming the file. */
    private static void warnDropped(Path file, List<String> dropped, int kept, String consequence) {
        if (!dropped.isEmpty()) {
            // a fifth or more of the data gone for a few gaps (a trial: 95 of 150 runs for 2% of the cells) is worth a word
            String much = dropped.size() * 5 >= dropped.size() + kept && DROPPING.get() != MissingValues.DROP_STEPS ? "; that is " + Math.round(100.0 * dropped.size()
                    / (dropped.size() + kept)) + "% of the sequences: --missing ffill or interpolate keeps them, filling each gap from "
                    + "the same feature's values in the sequence" : "";
            boolean steps = DROPPING.get() == MissingValues.DROP_STEPS;
            LOG.warn("csv {}: dropped {} of {} sequences with missing values ({}): {}{}; {}{}", file, dropped.size(),
                    dropped.size() + kept, steps ? "--missing drop-steps: every step of each held a missing value"
                    : "--missing drop", String.join(", ", dropped.subList(0, Math.min(10, dropped.size()))),
                    dropped.size() > 10 ? ", ..." : "", consequence, much);
        }
    }

    /**
     * Every sequence of a file or folder, read with a trained model's contract (for evaluate and predict):
     * a long-layout file, a labels file of the folder layout (files relative to its folder), or a folder
     * (its {@value #LABELS_FILE} if there is one, else every {@code .csv} file in it, labels absent).
     *
     * @param input         the file or folder
     * @param schema        the model's contract
     * @param labelRequired whether every sequence needs a label (evaluation)
     * @param dropped       receives the ids of sequences dropped for missing values ({@link MissingValues#DROP})
     */
    public static List<CsvSequence> readAll(Path input, CsvSchema schema, boolean labelRequired, List<String> dropped) {
        return readAll(input, schema, labelRequired, dropped, new ArrayList<>());
    }

    /**
     * As {@link #readAll(Path, CsvSchema, boolean, List)}; {@code emptyFiles} receives the sequence files of a folder that
     * were skipped as empty (0 bytes or blank: a recording that holds nothing), each warned of by name. When every sequence
     * file is empty, that is an error.
     */
    public static List<CsvSequence> readAll(Path input, CsvSchema schema, boolean labelRequired, List<String> dropped,
                                            List<String> emptyFiles) {
        return readAll(input, schema, labelRequired, dropped, emptyFiles, null);
    }

    /**
     * As {@link #readAll(Path, CsvSchema, boolean, List, List)}; {@code reading}, when not null, receives the header names
     * of the files read and the sequences' fingerprints as the model's own missing-value policy reads them.
     */
    public static List<CsvSequence> readAll(Path input, CsvSchema schema, boolean labelRequired, List<String> dropped,
                                            List<String> emptyFiles, Reading reading) {
        Reading previousReading = READING.get();
        if (reading != null) {
            READING.set(reading);
        }
        Set<String> previousCodes = CsvTable.NA_CODES.get();
        CsvTable.NaScope previousScope = CsvTable.NA_SCOPE.get();
        CsvTable.NA_CODES.set(CsvTable.naCodes(schema.naValues())); // the model's codes for missing values
        // in the feature cells only (a review: predict --na-values 0 made a time of 0 missing and 0/1 labels empty)
        CsvTable.NA_SCOPE.set(schema.features() == null || schema.features().isEmpty() ? new CsvTable.NaScope(null,
                java.util.Arrays.asList(schema.sequenceId(), schema.time(), schema.label(), schema.split(), schema.group()))
                : new CsvTable.NaScope(schema.features(), null));
        try {
            // with the model's decimal separator (--set decimal=comma), or the one predict and evaluate --decimal gave
            return TimeStamps.reading(schema.timeFormat(), () -> DecimalSeparator.reading(DecimalSeparator.given() != null
                    ? DecimalSeparator.given() : schema.decimalComma(), () -> readAllCollecting(input, schema, labelRequired, dropped,
                    emptyFiles)));
        } finally {
            READING.set(previousReading);
            CsvTable.NA_CODES.set(previousCodes);
            CsvTable.NA_SCOPE.set(previousScope);
        }
    }

    private static List<CsvSequence> readAllCollecting(Path input, CsvSchema schema, boolean labelRequired, List<String> dropped,
                                                       List<String> emptyFiles) {
        boolean outermost = FILLED.get() == null; // a folder is read through this method again, file by file
        if (outermost) {
            FILLED.set(new LinkedHashMap<>());
            EMPTY_STEPS.set(new LinkedHashMap<>());
            SPREADS.set(new LinkedHashMap<>());
            EMPTY_FILES.set(new ArrayList<>());
        }
        boolean collecting = CsvTable.collectSkippedIndex();
        boolean ownChecks = outermost && CHECKS.get() == null && NEW_DATA_CHECKS.get() == null;
        if (ownChecks) {
            NEW_DATA_CHECKS.set(Boolean.FALSE);
        }
        try {
            // labels as the model's label map and any given to evaluate read them (LabelMap)
            List<CsvSequence> read = LabelMap.relabel(readAllCountingFills(input, schema, labelRequired, dropped),
                    LabelMap.currentThen(schema.labelMap()));
            if (outermost) {
                warnUnfilled();
                warnFilled(schema.missing(), schema.emptyFeature(), groupsById(Stream.of(read)),
                        schema.group() == null ? null : schema.group().toString(), false); // predict and evaluate say how much of the new data they filled in, as train does
                warnBlurred();
                emptyFiles.addAll(EMPTY_FILES.get());
                if (read.isEmpty() && dropped.isEmpty() && !emptyFiles.isEmpty()) {
                    throw new DatasetFormatException(input, "every sequence file is empty (" + emptyFiles.size() + ", e.g. "
                            + emptyFiles.get(0) + "): nothing to read (expected a header line, then one row per time step)");
                }
            }
            if (collecting) {
                CsvTable.warnSkippedIndex(FILE_COLUMN.get() == null); // new data: columns are the model's
            }
            if (ownChecks && Boolean.TRUE.equals(NEW_DATA_CHECKS.get())) {
                CHECKS.get().done();
            }
            return read;
        } finally {
            if (ownChecks) {
                if (Boolean.TRUE.equals(NEW_DATA_CHECKS.get())) {
                    CHECKS.get().close();
                    CHECKS.remove();
                }
                NEW_DATA_CHECKS.remove();
            }
            if (outermost) {
                UNFILLED.remove();
                FILLED.remove();
                EMPTY_STEPS.remove();
                FILLED_WHERE.remove();
                FILLED_SEQUENCES.remove();
                PADDED_LENGTHS.remove();
                FILLED_COLUMNS.remove();
                FELL_BACK.remove();
                SPREADS.remove();
                EMPTY_FILES.remove();
            }
            if (collecting) {
                CsvTable.endSkippedIndex();
            }
        }
    }

    /**
     * The fallback of {@code --set emptyFeature} with its values, once the training file is read: for {@code mean} the mean of
     * each feature's observed values as written ({@code sums}: per feature the sum, then per feature the count), written over
     * the placeholders of the training sequences that took it ({@link #PENDING_FALLBACK}); for {@code zero} zeros. Null
     * without one. A feature with no value anywhere in the training file ({@code file}) is refused, naming it and the {@code
     * --set features=...} without it: there is no mean of no values.
     */
    private static EmptyFeatureFill measuredFallback(EmptyFeatureFill setting, double[] sums, CsvSchema schema, Path file) {
        if (setting == null) {
            return null;
        }
        int n = schema.features().size();
        if (sums != null && sums.length == 2 * n) {
            // a column with no value anywhere in the training file (a sensor not yet installed): there is no mean to write,
            // and nothing to learn from; a trial's was written as "the training data's mean" 0.0 and trained on as read
            List<String> names = schema.featureNames();
            List<String> empty = IntStream.range(0, n).filter(f -> sums[n + f] == 0).mapToObj(names::get).toList();
            if (!empty.isEmpty()) {
                List<String> others = names.stream().filter(name -> !empty.contains(name)).toList();
                throw new DatasetFormatException(file, "feature(s) " + empty.stream().map(name -> "'" + name + "'")
                        .collect(Collectors.joining(", ")) + " have no value anywhere in the training file, so --set "
                        + EmptyFeatureFill.SETTING + "=" + setting.policy() + " has " + (EmptyFeatureFill.MEAN.equals(setting.policy())
                        ? "no mean to write" : "only its 0 to write") + " and the model nothing to learn from them (expected "
                        + "at least one value of each feature in the training file): " + (others.isEmpty() ? "no feature has a value"
                        : "leave them out with " + setFeatures(others)));
            }
        }
        List<Double> values = new ArrayList<>(n);
        for (int f = 0; f < n; f++) {
            boolean mean = EmptyFeatureFill.MEAN.equals(setting.policy()) && sums != null && f < sums.length / 2 && sums[n + f] > 0;
            values.add(mean ? (double) (float) (sums[f] / sums[n + f]) : 0.0);
        }
        EmptyFeatureFill measured = setting.withValues(values);
        Map<float[][], List<Integer>> pending = PENDING_FALLBACK.get();
        if (pending != null) {
            float[] written = measured.array(n);
            // a sequence scaled by its own statistics makes a constant feature 0 whatever its value: nothing to write over
            if (schema.sequenceScaling() == SequenceScaling.NONE) {
                pending.forEach((sequence, features) -> {
                    for (int f : features) {
                        for (float[] step : sequence) {
                            step[f] = written[f];
                        }
                    }
                });
            }
            PENDING_FALLBACK.remove();
        }
        if (EmptyFeatureFill.MEAN.equals(setting.policy())) {
            List<String> names = schema.featureNames();
            LOG.info("csv: --set {}=mean: a feature with no value at all in a sequence is written as the training data's mean, "
                    + "stored with the model: {}", EmptyFeatureFill.SETTING, IntStream.range(0, n).mapToObj(f -> names.get(f) + " "
                    + values.get(f).floatValue()).collect(Collectors.joining(", ")));
        }
        return measured;
    }

    /** Each sequence's group by id, of the lists given (null ones skipped; the first of an id kept), for {@link #warnFilled}. */
    private static Map<String, String> groupsById(Stream<List<CsvSequence>> lists) {
        Map<String, String> out = new HashMap<>();
        lists.filter(l -> l != null).flatMap(List::stream).filter(q -> q.group() != null && q.id() != null)
                .forEach(q -> out.putIfAbsent(q.id(), q.group()));
        return out;
    }

    /** The sequences filled in while this thread read data ({@link #FILLED_SEQUENCES}), each with its group of {@code groupOf}. */
    private static List<FilledSequences.Filled> filledSequences(Map<String, String> groupOf) {
        return FILLED_SEQUENCES.get().values().stream().flatMap(List::stream).map(f -> f.inGroup(groupOf.get(f.id()))).toList();
    }

    /**
     * Warns, per file, of the cells the missing-value policy filled in while this thread read data, and how many of them were
     * end padding (steps at a sequence's end whose every feature is missing), which --missing trim removes instead of
     * inventing values for (a trial's ffill filled 49,095 values, every series made as long as the longest, and said nothing
     * of where they were); with trim, says (as information) how many steps it removed; with drop, how many sequences were
     * dropped for their end padding alone. Under ffill, interpolate or zero, the sequences filled are counted by group of
     * {@code groupColumn} ({@code groupOf}: each sequence's group by id; null without a group column), and, where {@code
     * listed} (the training data, which train and compare keep), said listed in the run folder's {@value FilledSequences#FILE}.
     */
    private static void warnFilled(MissingValues policy, EmptyFeatureFill fallback, Map<String, String> groupOf, String groupColumn,
                                   boolean listed) {
        if (fallback != null) {
            FELL_BACK.get().forEach((file, byFeature) -> {
                List<String> features = byFeature.entrySet().stream().filter(e -> !e.getKey().isEmpty())
                        .map(e -> e.getKey() + " in " + e.getValue()[0]).toList();
                LOG.warn("csv: {}: {} sequence(s) had a feature with no value at all, which --missing {} cannot fill from the "
                        + "sequence: written as {} (--set {}={}; {} value(s)), by feature: {}", org.rnnlab.datasets.InputNames.shown(file),
                        byFeature.get("")[0], policy, fallback.words(), EmptyFeatureFill.SETTING, fallback.policy(),
                        byFeature.get("")[1], String.join(", ", features));
            });
        }
        FILLED.get().forEach((file, count) -> {
            String shown = org.rnnlab.datasets.InputNames.shown(file);
            // end padding pads the shorter series up to one length, or holds most of the missing values: a few all-missing
            // last steps of sequences of several lengths, among gaps everywhere, are gaps that fall at the end
            // (one length needs two padded sequences to say anything; drop fills nothing, so only its lengths can say it)
            boolean oneLength = PADDED_LENGTHS.get().getOrDefault(file, java.util.Set.of()).size() == 1 && count[3] >= 2;
            boolean padded = oneLength || policy != MissingValues.DROP && count[0] > 0 && count[2] * 2 >= count[0];
            switch (policy) {
                case TRIM -> LOG.info("csv: {}: removed {} time step(s) at the end of {} sequence(s) whose every feature was missing "
                        + "(--missing trim: end padding)", shown, count[0], count[1]);
                case DROP_STEPS -> LOG.warn("csv: {}: removed {} time step(s) holding a missing value from {} sequence(s) (--missing "
                        + "drop-steps: each sequence keeps its other steps, which the model reads as consecutive{})", shown, count[0],
                        count[1], count[3] == 0 ? "" : String.format(java.util.Locale.ROOT, "; %d of these sequences now have gaps in "
                                + "the time column, a step removed between kept ones, that no warning of gaps counts", count[2]));
                case DROP -> {
                    if (count[3] > 0 && padded) {
                        LOG.warn("csv: {}: {} sequence(s) were dropped (--missing drop) only for time steps at their end whose every "
                                + "feature is missing: that looks like end padding, as UEA/sktime exports pad shorter series up to the "
                                + "longest; --missing trim keeps them, without those steps", shown, count[3]);
                    }
                }
                default -> {
                    if (count[0] > 0) {
                        List<String> where = FILLED_WHERE.get().getOrDefault(file, List.of());
                        String named = where.isEmpty() ? "" : (count[1] > where.size() ? ", e.g. " : ": ") + String.join(", ", where);
                        // by group, and where all are listed: a trial's 161 windows of 40 participants, 3 named (trial 75c)
                        List<FilledSequences.Filled> sequences = FILLED_SEQUENCES.get().getOrDefault(file, List.of()).stream()
                                .map(f -> f.inGroup(groupOf == null ? null : groupOf.get(f.id()))).toList();
                        String byGroup = groupColumn == null ? "" : FilledSequences.byGroup(sequences, groupColumn);
                        named += byGroup.isEmpty() ? "" : "; " + byGroup;
                        // more than those named: where the rest are (every one is, in the file)
                        named += listed && count[1] > where.size() ? "; every one is listed with its " + (groupColumn == null ? ""
                                : "group and ") + "cells and steps filled in " + FilledSequences.FILE + " of the run folder train "
                                + "or compare writes" : "";
                        String filledColumns = FILLED_COLUMNS.get().containsKey(file) ? FILLED_COLUMNS.get().get(file).text() : "";
                        String byColumn = filledColumns.isEmpty() ? "" : "; by column: " + filledColumns;
                        long[] empty = EMPTY_STEPS.get() == null ? null : EMPTY_STEPS.get().get(file);
                        String emptySteps = empty == null || empty[0] == 0 ? "" : "; " + empty[0] + " time step(s) of " + empty[1]
                                + " sequence(s), between steps with values, hold no value in any feature: placeholder rows for steps "
                                + "without a reading (empty frames)? this invents them; --missing drop-steps removes such steps "
                                + "instead";
                        LOG.warn("csv: {}: filled {} missing value(s) in {} sequence(s){} (--missing {}: {}){}{}{}", shown, count[0], count[1], named,
                                policy, policy == MissingValues.ZERO ? "each set to 0, in the file's units"
                                        : policy == MissingValues.INTERPOLATE ? "each on the straight line between the observed values "
                                        + "of its feature and sequence around it, or the nearest one at a sequence's start or end"
                                        : "each from the last observed value of its feature and sequence, or the first one before it",
                                byColumn, count[2] == 0 || !padded ? "" : "; " + (count[2] == count[0] ? "all" : count[2] + " of them") + " in time steps at the "
                                        + "end of " + count[3] + " sequence(s) whose every feature is missing: that looks like end "
                                        + "padding (as UEA/sktime exports pad shorter series up to the longest), which this makes part of "
                                        + "each series; --missing trim removes those steps instead", emptySteps);
                    }
                }
            }
        });
    }

    /** Whether the first row of a file read without a header holds a field {@code file} (a labels file's header). */
    private static boolean firstRowHasFileColumn(Path file, char delimiter) {
        CsvTable table = CsvTable.readWithLayout(file, delimiter, false);
        return !table.rows().isEmpty() && java.util.Arrays.stream(table.rows().get(0)).anyMatch(f -> f.trim().equals("file"));
    }

    /**
     * Reads a --validation or --test file at training time; its columns the training file lacks are refused with what
     * applies here (the contract's message names predict's and evaluate's --ignore-columns, which train has not: a trial
     * was pointed to an option it could not give).
     */
    private static List<CsvSequence> heldOut(java.util.function.Supplier<List<CsvSequence>> read, String option) {
        try {
            return read.get();
        } catch (DatasetFormatException e) {
            if (e.getMessage() != null && e.getMessage().contains("are not part of the model's data layout")) {
                throw e.withHint("at training, the " + option + " file is read with the columns of the --train file: give both "
                        + "files the same columns, or leave the extra ones out of the " + option + " file; --ignore-columns is for "
                        + "predict and evaluate on a trained model");
            }
            throw e;
        }
    }

    private static List<CsvSequence> readAllCountingFills(Path input, CsvSchema schema, boolean labelRequired, List<String> dropped) {
        if (CsvSchema.FOLDER.equals(schema.layout())) {
            if (Files.isDirectory(input) && schema.folderLabels() != null) {
                return readTree(input, schema, labelRequired, dropped);
            }
            if (Files.isDirectory(input)) {
                Path labels = input.resolve(LABELS_FILE);
                if (Files.isRegularFile(labels)) {
                    List<CsvSequence> listed = readFolder(CsvTable.read(labels, schema.delimiterChar(), true), input, schema,
                            labelRequired, new ArrayList<>(), dropped);
                    Set<String> names = new HashSet<>(dropped);
                    names.addAll(EMPTY_FILES.get());
                    listed.forEach(c -> names.add(c.id()));
                    requireAllListed(input, List.of(labels), names, schema.delimiterChar());
                    return listed;
                }
                // a labels file by another name (Labels.csv, 'labels - Kopie.csv' as Windows names a copy) would be read as a
                // sequence file, refused for "feature column(s) missing"
                String predictions = predictionsFile(input, schema.delimiterChar());
                if (!predictions.isEmpty()) {
                    // a trial renamed its predictions to labels.csv as this message advised, and evaluate scored 1.0
                    throw new DatasetFormatException(input.resolve(predictions), 1, "looks like rnnlab's predictions (columns id, "
                            + "label and p_ of each class, as predict writes them), not a sequence file: move it out of the "
                            + "folder" + (labelRequired ? "; evaluate needs the true labels (file,label), not a model's predictions"
                            : ""));
                }
                String other = otherLabelsFile(input, schema.delimiterChar());
                if (!other.isEmpty()) {
                    throw new DatasetFormatException(input.resolve(other), 1, "looks like a labels file (a column 'file'), not a "
                            + "sequence file, but the folder's labels file is read only as " + LABELS_FILE
                            + (other.equalsIgnoreCase(LABELS_FILE) ? " (names are matched exactly, in case too)" : "") + ": rename it to "
                            + LABELS_FILE + ", or give it as --input " + input.toAbsolutePath().resolve(other)
                            + (labelRequired ? "" : ", or move it out of the folder to classify every other file"));
                }
                if (labelRequired) {
                    throw new DatasetFormatException(input, "no " + LABELS_FILE + " in the folder (expected the labels file "
                            + "'file,label' of the folder layout the model was trained on)");
                }
                return readUnlabelledFolder(input, schema, dropped);
            }
            // a labels file has a header with a column 'file'; a sequence file of a model trained without header lines has
            // none, and its first row is data (reading it as a header would warn of numbers as names, or refuse repeated ones)
            CsvTable labels = schema.header() || firstRowHasFileColumn(input, schema.delimiterChar())
                    ? CsvTable.read(input, schema.delimiterChar(), true) : null;
            Path parent = input.toAbsolutePath().getParent();
            // a labels file lists files by its 'file' column, or (a model trained with --set file=trial_id) by another column
            // whose first value names a file beside it, as a folder's labels file is read (a trial's own labels file was refused)
            if (labels == null || !labels.header().contains("file") && !namesFilesBeside(labels, parent, schema)) { // one sequence file
                if (labelRequired) {
                    throw new DatasetFormatException(input, 1, "no column 'file': evaluating a model of the folder layout needs its "
                            + "labels file (file,label) or the folder holding " + LABELS_FILE);
                }
                return readUnlabelledFiles(List.of(input), schema, dropped);
            }
            return readFolder(labels, parent, schema, labelRequired, new ArrayList<>(), dropped);
        }
        if (Files.isDirectory(input) && schema.wide() != null) {
            throw new DatasetFormatException(input, "is a folder, and this model reads files of the wide layout (one sequence per "
                    + "row, its time steps in columns, as it was trained with --set layout=wide): give one such file");
        }
        if (Files.isDirectory(input)) {
            // a long-layout model names sequences by id: a folder's files are <id>.csv, so the id is the name without .csv;
            // their labels come from the folder's labels file or, without one, from each file's own label column
            boolean labelsFile = Files.isRegularFile(input.resolve(LABELS_FILE));
            // a file holding several of the model's sequence ids is refused before anything is read as one sequence per
            // file: its label check and gap warnings would name labels and outages, not the ids (trial 72b F3)
            requireOneIdPerFile(input, schema);
            int droppedBefore = dropped.size();
            // each file's time column is the model's (not read as a feature): the files' rate is judged against training's
            List<CsvSequence> read = schema.time() != null && schema.time().name() != null && schema.header()
                    ? longModelFolder(input, schema.time().name(), schema.timeStep(), () -> readAll(input, schema.asFolder(),
                    labelRequired && labelsFile, dropped)) : readAll(input, schema.asFolder(), labelRequired && labelsFile, dropped);
            // the dropped are named by id as the predictions are (a trial: predict wrote 'te0', the dropped 'te1.csv')
            for (int i = droppedBefore; i < dropped.size(); i++) {
                dropped.set(i, withoutCsvExtension(dropped.get(i)));
            }
            Reading reading = READING.get();
            if (reading != null && !reading.kept.isEmpty()) {
                // the labels file's columns (--keep-columns, --group-column), keyed by the ids the sequences get here: the file
                // names without .csv (trial 77c F6: a long-layout model refused evaluate --group-column of the labels file)
                Map<String, List<String>> byId = new LinkedHashMap<>();
                reading.kept.forEach((file, values) -> byId.put(withoutCsvExtension(file), values));
                reading.kept.clear();
                reading.kept.putAll(byId);
            }
            Map<Path, String> fileLabels = requireOneSequencePerFile(read, schema);
            List<CsvSequence> out = new ArrayList<>();
            for (CsvSequence c : read) {
                String own = fileLabels.get(sequenceFile(c));
                if (c.label() != null && own != null && !own.equals(c.label())) {
                    throw new DatasetFormatException(sequenceFile(c), 1, "its label column '" + schema.label() + "' says " + LabelCheck.quoted(clip(own))
                            + ", but " + input.resolve(LABELS_FILE) + " lists it as " + LabelCheck.quoted(clip(c.label())) + " (expected one label "
                            + "per sequence: correct one of them, or remove the column from the files)");
                }
                String label = c.label() != null ? c.label() : own;
                if (labelRequired && label == null) {
                    throw new DatasetFormatException(c.file(), 1, "no label: the folder has no " + LABELS_FILE + " and the file "
                            + "no label column '" + schema.label() + "' (expected the model's label column in each file, or a "
                            + "labels file 'file,label' in the folder)");
                }
                out.add(new CsvSequence(withoutCsvExtension(c.id()), c.values(), label, c.split(), c.group(), c.file(), c.line(),
                        c.start(), c.times()));
            }
            return out;
        }
        CsvTable table = readLongTable(input, schema);
        if (Boolean.FALSE.equals(NEW_DATA_CHECKS.get())) {
            // predict's and evaluate's checks say that they run as train's do (trial 78c F4: a 192 MB file's 160 s of checks
            // passed without a line); ended in readAllCollecting
            CHECKS.set(CheckProgress.start(input, table.rows().size(), CheckProgress.NEW_DATA_CHECKS, CheckProgress.period));
            NEW_DATA_CHECKS.set(true);
        }
        return readLong(table, schema, labelRequired, dropped);
    }

    /**
     * A long-layout file read with a model's (or the training file's) schema: as written, or a wide file ({@code --set
     * layout=wide}) reshaped into the long layout, its ids the model's (line numbers, or its id column).
     */
    private static CsvTable readLongTable(Path file, CsvSchema schema) {
        if (schema.wide() == null) {
            return CsvTable.readWithLayout(file, schema.delimiterChar(), schema.header(), schema.readNames());
        }
        return schema.wide().read(file, schema.delimiterChar(), schema.wide().sequenceId() == null ? schema.sequenceId().name()
                : null, new HashSet<>(schema.ignored()));
    }

    private static List<CsvSequence> read(Path file, Path folder, CsvSchema schema, boolean labelRequired,
                                          List<DatasetProvenance.FileChecksum> checksums, List<String> dropped) {
        return read(file, folder, schema, labelRequired, checksums, dropped, GroupLikeColumns.none());
    }

    /** A validation or test file, whose values of the training file's group-like columns {@code groupLike} records. */
    private static List<CsvSequence> read(Path file, Path folder, CsvSchema schema, boolean labelRequired,
                                          List<DatasetProvenance.FileChecksum> checksums, List<String> dropped,
                                          GroupLikeColumns groupLike) {
        if (folder != null) {
            CsvTable labels = withCsvNames(CsvTable.read(file, schema.delimiterChar(), true), folder, schema.delimiterChar());
            List<CsvSequence> out = LabelMap.relabel(readFolder(labels, folder, schema, labelRequired, checksums, dropped),
                    LabelMap.currentThen(schema.labelMap()));
            if (!groupLike.isEmpty()) {
                groupLike.addFile(labels, fileColumn(labels, folder, schema.delimiterChar()));
            }
            return out;
        }
        CsvTable table = readLongTable(file, schema);
        List<CsvSequence> out = LabelMap.relabel(readLong(table, schema, labelRequired, dropped), LabelMap.currentThen(schema.labelMap()));
        if (!groupLike.isEmpty()) {
            Column id = schema.sequenceId();
            groupLike.addFile(table, id.name() == null ? id.index() : table.header() == null ? -1 : table.header().indexOf(id.name()));
        }
        checksums.add(FileChecksums.of(file));
        return out;
    }

    /**
     * The group-like columns of a folder layout's labels file ({@link GroupLikeColumns}): one row per sequence, so a
     * column of fewer values than rows, each of several rows, whatever its name (a trial's {@code speaker} got no word,
     * where {@code subject} got the name's hint).
     */
    private static GroupLikeColumns folderGroupLike(CsvTable labels, Path folder, CsvSchema schema, CsvOptions o) {
        int fileCol = fileColumn(labels, folder, o.delimiter());
        int labelCol = schema.label() == null || schema.label().name() == null ? -1 : labels.header().indexOf(schema.label().name());
        int splitCol = schema.split() == null ? -1 : labels.header().indexOf(schema.split().name());
        int groupCol = schema.group() == null || schema.group().name() == null ? -1 : labels.header().indexOf(schema.group().name());
        return GroupLikeColumns.find(labels, fileCol, labelCol, c -> c == splitCol || c == groupCol, c -> false);
    }

    // ---- deciding the contract from the training file ----

    /**
     * Words for time or date in column names of other languages (German, French, Spanish, Italian, Dutch, Portuguese), as
     * lab software and spreadsheets in those locales write them (a user's try: 'Zeit_s' became a feature without a word,
     * where 'time_s' was warned of).
     */
    private static final java.util.regex.Pattern OTHER_TIME_WORDS = java.util.regex.Pattern.compile(
            "zeit|datum|uhrzeit|temps|horodat|tiempo|fecha|tempo|tijd|hora|data_ora|sekunde|zeitpunkt");

    /**
     * Julian dates as astronomy writes them (MJD, JD, HJD, BJD, ...: a trial's light curves had an 'mjd' column read as a
     * feature without a word; irregular cadence kept it from the rising-column check too), alone or as a name's part.
     */
    private static final java.util.regex.Pattern JULIAN_DATES = java.util.regex.Pattern.compile(
            "(^|[_ .-])(b|h|r)?m?jd([_ .(-]|$)|julian");

    /** Whether a column's name says time, date or step (in English, {@link #OTHER_TIME_WORDS}, {@link #JULIAN_DATES}). */
    static boolean timeLikeName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("t") || n.contains("time") || n.contains("date") || n.equals("step") || n.equals("index") || n.equals("ts")
                || n.equals("second") || n.equals("seconds") || n.equals("sec") || n.equals("secs") // units of time
                || JULIAN_DATES.matcher(n).find()
                // audio and video frames (a frame's energy, frame_energy, is a feature)
                || n.equals("frame") || n.equals("frame_id") || n.equals("frame_idx") || n.equals("frame_index") || n.equals("frame_no")
                || n.equals("epoch") || n.endsWith("_ts") || n.startsWith("ts_") || OTHER_TIME_WORDS.matcher(n).find();
    }

    private static CsvSchema resolveLong(CsvTable table, CsvOptions o, List<GroupLikeColumns> groupLike, List<String> byIndex) {
        List<String> header = table.header();
        int id;
        int label;
        try {
            id = role(o.sequenceId(), table, "sequenceId", "the sequence id", byIndex);
            label = role(o.label(), table, "label", "the class label", byIndex);
        } catch (DatasetFormatException e) {
            String suggested = suggestedRoles(header, o);
            throw suggested == null || !e.getMessage().contains("no column named") ? e : e.withHint(suggested);
        }
        int time = -1;
        if (o.time() != null) {
            boolean optional = o.time().equals(CsvOptions.DEFAULT_TIME);
            if (!optional || header == null || header.contains(o.time().name())) {
                time = header == null && optional ? -1 : chosenColumn(o.time(), table, "time", byIndex);
            }
        }
        int split = o.split() == CsvOptions.NO_SPLIT ? -1 : o.split() != null ? chosenColumn(o.split(), table, "split", byIndex)
                : header != null ? header.indexOf("split") : -1;
        int group = o.group() == null ? -1 : chosenColumn(o.group(), table, "group", byIndex);
        List<Integer> roles = new ArrayList<>();
        for (int c : new int[] {id, label, time, split, group}) {
            if (c >= 0) {
                if (roles.contains(c)) {
                    throw new IllegalArgumentException("csv: column " + table.columnName(c) + " is given two roles (sequence id, "
                            + "label, time, split and group must be different columns)");
                }
                roles.add(c);
            }
        }
        List<String> setAside = new ArrayList<>(); // split names under --set split=none: not read, and allowed in new data
        if (o.split() == CsvOptions.NO_SPLIT && o.features().isEmpty()) {
            // --set split=none pools the rows of a split column (a final fit of a comparison's data, whatever the column's
            // name): a column of split names is no feature either (a column named split that holds numbers is one), and new
            // data may carry the column as they may for any model
            for (int c = 0; c < table.width(); c++) {
                if (!roles.contains(c) && splitMarkers(table, c)) {
                    roles.add(c);
                    if (header != null) {
                        setAside.add(header.get(c));
                    }
                    LOG.info("csv {}: column {} holds split names and is not read (--set split=none: its rows are carved by "
                            + "the fractions)", table.file(), table.columnName(c));
                }
            }
        }
        int[] features = featureColumns(table, o.features(), roles, byIndex, roles.isEmpty() ? -1 : roles.get(0),
                new GivenRoles(group >= 0, time >= 0));
        List<String> ignored = new ArrayList<>(unused(table, roles, features));
        ignored.addAll(setAside);
        // judged once the split is known (assemble); with a group column too, whose carve keeps only its own values apart
        groupLike.add(groupLike(table, id, label, roles, features));
        refuseSplitDecimalCommas(table, features, o.delimiter(), !o.features().isEmpty());
        warnThousandsGrouping(table, features);
        if (header != null && time < 0) {
            for (int f : features) {
                if (timeLikeName(header.get(f))) {
                    // epoch seconds as a feature: 32-bit floats near 1.7e9 are 128 apart, so a flow's microseconds are lost
                    // (a trial's 1,100 of 1,200 flows read as one time each)
                    double largest = 0;
                    for (int r = 0; r < table.rows().size() && r < 10_000; r++) {
                        String v = table.rows().get(r)[f];
                        if (CsvTable.isDecimal(v)) {
                            largest = Math.max(largest, Math.abs(Double.parseDouble(v)));
                        }
                    }
                    float ulp = Math.ulp((float) largest);
                    LOG.warn("csv {}: column '{}' is used as a feature; if it is the time (or step) of the rows, name it with "
                            + "--set time={} (a time column is not a feature){}", table.file(), header.get(f), header.get(f),
                            ulp >= 1 ? String.format(Locale.ROOT, "; as a feature its values (up to %.3g) are read as 32-bit floats "
                            + "%.0f apart, so differences smaller than that within a sequence are lost (subtract each "
                            + "sequence's first value to keep them)", largest, (double) ulp) : "");
                }
            }
        }
        return new CsvSchema(CsvSchema.LONG, Character.toString(o.delimiter()), header != null, header == null ? table.width() : 0,
                column(table, id), column(table, time), column(table, label), column(table, split), column(table, group),
                IntStream.of(features).mapToObj(c -> column(table, c)).toList(), o.missing(), ignored, o.sequenceScaling(), o.naValues())
                .withDecimalComma(DecimalSeparator.comma()) // the read's --set decimal, for new files
                .withTimeFormat(TimeStamps.format()); // and its --set timeFormat
    }

    /**
     * The columns other than the roles that hold one value per sequence, shared by several sequences: a subject, machine or
     * session, which {@code --set group} would keep in one split ({@link GroupLikeColumns}; a user's try: 23 of 30 machines
     * were in training and test, with no word but "column(s) ['machine_id'] are not used"). A class column beside the label
     * has its own warning; a feature named as a group is warned of by its name and judged here too.
     */
    private static GroupLikeColumns groupLike(CsvTable table, int id, int label, List<Integer> roles, int[] features) {
        java.util.Set<Integer> isFeature = IntStream.of(features).boxed().collect(Collectors.toSet());
        return GroupLikeColumns.find(table, id, label, c -> {
            String name = table.header() == null ? "" : table.header().get(c).trim().toLowerCase(Locale.ROOT);
            // a feature named as a group (user_id) is judged too: its name's warning says nothing of how many of its values
            // the split shares, nor marks the scores optimistic, as an unknown name's check does (trial 72d F2)
            return roles.contains(c) || "label".equals(ROLE_NAMES.get(name));
        }, isFeature::contains);
    }

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");
    private static final java.util.regex.Pattern LEADING_ZERO = java.util.regex.Pattern.compile("0\\d+");

    /**
     * Refuses two neighbouring feature columns of a comma-separated file that read as one column of numbers with decimal
     * commas cut at the comma: whole numbers, then digits only, some of them with a leading zero ({@code 0,03} read as
     * {@code 0} and {@code 03}). A header counts the columns in a file with one, so such a file is refused for its width
     * ({@link CsvTable}); without a header every row has the same number of fields, and a user's try trained on the two
     * halves as two features without a word. Only headerless files, and only when the features were not chosen: whole
     * numbers such as an hour and its minutes ({@code 14,05}) are read as written once {@code --set features} names them.
     */
    private static void refuseSplitDecimalCommas(CsvTable table, int[] features, char delimiter, boolean chosen) {
        if (delimiter != ',' || table.header() != null || chosen) {
            return;
        }
        java.util.Set<Integer> isFeature = IntStream.of(features).boxed().collect(Collectors.toSet());
        for (int c : features) {
            if (!isFeature.contains(c + 1)) {
                continue;
            }
            int zeroRow = -1;
            boolean fits = true;
            boolean any = false;
            for (int r = 0; r < table.rows().size() && fits; r++) {
                String whole = table.cell(r, c).trim();
                String fraction = table.cell(r, c + 1).trim();
                if (MissingValues.isMissing(whole) && MissingValues.isMissing(fraction)) {
                    continue;
                }
                fits = WHOLE.matcher(whole).matches() && DIGITS.matcher(fraction).matches();
                any = true;
                if (fits && zeroRow < 0 && LEADING_ZERO.matcher(fraction).matches()) {
                    zeroRow = r;
                }
            }
            if (fits && any && zeroRow >= 0) {
                String whole = table.cell(zeroRow, c).trim();
                String fraction = table.cell(zeroRow, c + 1).trim();
                throw new DatasetFormatException(table.file(), table.lines().get(zeroRow), "columns " + table.columnName(c) + " and "
                        + table.columnName(c + 1) + " (0-based) look like one column of numbers with decimal commas, cut in two at the comma "
                        + "by the ',' delimiter: '" + whole + "' and '" + fraction + "' here (" + whole + "," + fraction + "); every "
                        + "row holds a whole number, then digits with leading zeros in some rows, which no number is written with "
                        + "(expected numbers with '.' as the decimal separator: export the file so, e.g. from a spreadsheet in an "
                        + "English locale; if they are two columns of whole numbers, such as an hour and its minutes, name the features "
                        + "with --set features=... to read them as written)");
            }
        }
    }

    private static final java.util.regex.Pattern GROUPED = java.util.regex.Pattern.compile("[-+]?[1-9]\\d{0,2}(\\.\\d{3})+");
    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("[-+]?\\d+");

    /**
     * Warns of a feature column of whole numbers where some are written like {@code 1.118}: '.' grouping thousands, as
     * German and other locales write 1118, reads as 1.118, a thousand times too small beside the {@code 930} of another
     * row (a user's try: a height in mm, off by 1000 between rows, trained without a word). Whole numbers written as
     * codes for a missing value are ({@link MissingValues#codeLike}: -9999, 65535) do not count: a current logged with three
     * decimals and -9999 for a dropout was warned of as thousands grouping (trial 68e).
     */
    private static void warnThousandsGrouping(CsvTable table, int[] features) {
        for (int c : features) {
            String grouped = null;
            long groupedLine = 0;
            String whole = null;
            long wholeLine = 0;
            boolean other = false;
            for (int r = 0; r < table.rows().size() && !other; r++) {
                String v = table.cell(r, c).trim();
                if (MissingValues.isMissing(v)) {
                    continue;
                }
                if (GROUPED.matcher(v).matches()) {
                    if (grouped == null) {
                        grouped = v;
                        groupedLine = table.lines().get(r);
                    }
                } else if (WHOLE.matcher(v).matches()) {
                    if (v.length() <= 8 && MissingValues.codeLike(Float.parseFloat(v))) {
                        continue; // -9999 as a missing-value code among 11.468-like readings (trial 68e): no thousands
                    }
                    if (whole == null || v.replaceFirst("^[-+]", "").length() > whole.replaceFirst("^[-+]", "").length()) {
                        whole = v;
                        wholeLine = table.lines().get(r);
                    }
                } else {
                    other = true;
                }
            }
            if (!other && grouped != null && whole != null && whole.replaceFirst("^[-+]", "").length() >= 3) {
                LOG.warn("csv {}: column {} holds whole numbers (e.g. {} at line {}) and numbers with three digits after a '.' (e.g. "
                        + "{} at line {}): if '.' groups thousands there ({} = {}), those values are read a thousand times too small; "
                        + "export the file without thousands separators", table.file(), table.columnName(c), whole, wholeLine,
                        grouped, groupedLine, grouped, grouped.replace(".", ""));
            }
        }
    }

    private static CsvSchema resolveFolder(CsvTable labels, Path folder, CsvOptions o) {
        if (!o.sequenceId().equals(CsvOptions.defaults().sequenceId())) {
            throw new IllegalArgumentException("csv: --set sequenceId=" + o.sequenceId() + " applies to the long layout (--train FILE);"
                    + " in the folder layout (--data DIR) each file is one sequence, named in the '" + o.fileColumn() + "' column of "
                    + labels.file() + (labels.header().contains(o.sequenceId().toString()) ? " (--set file=" + o.sequenceId()
                    + " names the column of file names)" : ""));
        }
        if (o.timeChosen() && !o.header()) {
            throw new IllegalArgumentException("csv: --set time=" + o.time() + " names the time column of every sequence file by its "
                    + "header name, and --set header=false reads files without one (expected files with a header naming the time "
                    + "column, or no --set time: each file's rows are then its steps in file order)");
        }
        int fileCol = fileColumn(labels, folder, o.delimiter());
        // the labels file has a header: each role is stored by the name of the column read, so that reading the files (here
        // and in predict and evaluate) finds the column training chose, whether it was given by name or by index (a split
        // or group given by index was not found by name when the files were read, and so not used)
        int labelCol = chosenColumn(o.label(), labels, "label", null);
        Column label = Column.named(labels.header().get(labelCol));
        List<Integer> read = new ArrayList<>(List.of(fileCol, labelCol));
        Column split = null;
        if (o.split() != CsvOptions.NO_SPLIT && (o.split() != null || labels.header().contains("split"))) {
            int c = o.split() != null ? chosenColumn(o.split(), labels, "split", null) : labels.header().indexOf("split");
            read.add(c);
            split = Column.named(labels.header().get(c));
        }
        Column group = null;
        if (o.group() != null) {
            int c = chosenColumn(o.group(), labels, "group", null);
            read.add(c);
            group = Column.named(labels.header().get(c));
        }
        warnUnusedLabelColumns(labels, read);
        // the features: those chosen, or every column of the first listed sequence file
        int firstRow = 0; // the first listed file that holds anything: an empty one is skipped when the files are read
        while (firstRow + 1 < labels.rows().size() && (isBlankFile(folder.resolve(labels.rows().get(firstRow)[fileCol]))
                || isHeaderOnly(folder.resolve(labels.rows().get(firstRow)[fileCol]), o))) {
            firstRow++;
        }
        Path first = folder.resolve(labels.rows().get(firstRow)[fileCol]);
        if (!Files.isRegularFile(first)) {
            throw new DatasetFormatException(labels.file(), labels.lines().get(firstRow), "listed file '"
                    + labels.rows().get(firstRow)[fileCol] + "' not found in " + folder + " (expected one CSV file per listed sequence"
                    + nearMatch(folder, labels.rows().get(firstRow)[fileCol]) + ")");
        }
        CsvTable table = CsvTable.read(first, o.delimiter(), o.header(), o.namedColumns());
        // numbers with a decimal point or exponent in every header field: data, not names (plain integers may be channel names)
        if (o.header() && table.header().stream().allMatch(CsvSequenceDataset::looksNumeric)
                && table.header().stream().anyMatch(h -> h.contains(".") || h.toLowerCase(Locale.ROOT).contains("e"))) {
            throw new DatasetFormatException(first, 1, "the header " + table.header() + " looks like numbers: the features of the folder"
                    + " are the columns of its first listed file, and this one seems to have no header row (files without one:"
                    + " --set header=false, columns by position)");
        }
        // numpy's savetxt writes its header after "# ": read as names, the first feature would be '# c0', and every file
        // written without it refused at predict (a trial's keyword-spotting folder)
        // (with the features chosen and that column not among them, it is read as chosen: '# of packets' may be a name)
        if (o.header() && !Column.commentHint(table.header()).isEmpty() && (o.features().isEmpty()
                || o.features().stream().anyMatch(c -> table.header().get(0).equals(c.name())))) {
            throw new DatasetFormatException(first, 1, "the header " + LabelCheck.listed(table.header().subList(0,
                    Math.min(4, table.header().size()))) + (table.header().size() > 4 ? " (and " + (table.header().size() - 4)
                    + " more)" : "") + " starts with '#', a comment line? The features of the folder are the columns of its first "
                    + "listed file, and names are read as written, so the first would be '" + table.header().get(0).strip()
                    + "' (numpy's savetxt writes its header so: write it plain with np.savetxt(..., header=..., comments=''), or "
                    + "remove the '# ', e.g. sed -i '1s/^# //' FILE)");
        }
        // the time column chosen (--set time=NAME): each file's, not a feature; its order and steps are checked as files are read
        int timeCol = o.timeChosen() ? chosenColumn(o.time(), table, "time", null) : -1;
        Column time = timeCol < 0 ? null : Column.named(table.header().get(timeCol));
        int[] cols = featureColumns(table, o.features(), timeCol < 0 ? List.of() : List.of(timeCol), null, -1,
                new GivenRoles(o.group() != null, timeCol >= 0));
        refuseSplitDecimalCommas(table, cols, o.delimiter(), !o.features().isEmpty());
        List<String> ignored = unused(table, timeCol < 0 ? List.of() : List.of(timeCol), cols);
        if (time == null) {
            noteUnreadTimes(table, ignored);
        }
        return new CsvSchema(CsvSchema.FOLDER, Character.toString(o.delimiter()), o.header(), 0, null, time, label,
                split, group, IntStream.of(cols).mapToObj(c -> column(table, c)).toList(), o.missing(), ignored, o.sequenceScaling(), o.naValues())
                .withDecimalComma(DecimalSeparator.comma()) // the read's --set decimal, for new files
                .withTimeFormat(TimeStamps.format()); // and its --set timeFormat
    }

    /**
     * Warns of columns of the folder layout's labels file that nothing reads (only file, label, split and group are):
     * a subject or session column there is the group that keeps a person's recordings in one split only when chosen.
     */
    private static void warnUnusedLabelColumns(CsvTable labels, List<Integer> read) {
        List<String> unused = new ArrayList<>();
        String groupLike = null;
        for (int c = 0; c < labels.width(); c++) {
            if (!read.contains(c)) {
                unused.add(labels.columnName(c));
                String name = labels.header() == null ? "" : labels.header().get(c).trim().toLowerCase(Locale.ROOT);
                if (groupLike == null && "group".equals(ROLE_NAMES.get(name))) {
                    groupLike = labels.header().get(c).trim();
                }
            }
        }
        if (!unused.isEmpty()) {
            LOG.warn("csv {}: column(s) {} are not used (a labels file gives each sequence's file, label, split and group only){}",
                    labels.file(), unused, groupLike == null ? "" : "; if '" + groupLike + "' names who or which session a "
                            + "sequence comes from, --set group=" + groupLike + " keeps each of its values in one split (else "
                            + "the same subject may be in training and test)");
        }
    }

    /**
     * Header names (lower case) that usually hold a sequence id: the default {@code sequence_id} first (found in any case:
     * {@code SEQUENCE_ID}), then others.
     */
    private static final List<String> ID_NAMES = List.of("sequence_id", "id", "series_id", "seq", "seq_id", "sequence", "series", "window",
            "window_id", "recording", "recording_id", "run_id", "sample_id", "instance_id", "case_id",
            // speech and audio (utterances, clips), trials and episodes, segments and records
            "utterance_id", "utterance", "utt_id", "clip_id", "trial_id", "episode_id", "segment_id", "record_id");
    /**
     * Header names (lower case) that usually hold the class: the default {@code label} first, found in any case (an upper-case
     * header, {@code Id,TIME,...,LABEL} as SQL exports write it, was told of sequenceId and time but not of {@code LABEL},
     * and met a second refusal), then others.
     */
    private static final List<String> LABEL_NAMES = List.of("label", "class", "target", "activity", "category", "outcome", "labels",
            "class_label", "target_class");

    /**
     * When the default columns of the roles are not in the header, the settings its names suggest, all at once (a user of
     * rnnlab's own example files, {@code series_id,timestamp,...,class}, met one refusal per role): e.g. {@code the header's
     * names suggest --set sequenceId=series_id --set time=timestamp --set label=class}; null when they suggest nothing.
     */
    static String suggestedRoles(List<String> header, CsvOptions o) {
        if (header == null) {
            return null;
        }
        List<String> settings = new ArrayList<>();
        if (o.sequenceId().name() != null && !header.contains(o.sequenceId().name())) {
            java.util.Optional<String> named = firstNamed(header, ID_NAMES);
            if (named.isPresent()) {
                settings.add("--set sequenceId=" + shellWord(named.get()));
            } else {
                // names of other words ending in an id: 'Sensor ID', 'device_id', 'SessionId' (a user's 'Sensor ID' got no hint)
                List<String> ids = header.stream().filter(CsvSequenceDataset::endsInIdWord).toList();
                if (ids.size() == 1) {
                    settings.add("--set sequenceId=" + shellWord(ids.get(0)));
                } else if (ids.size() > 1) {
                    settings.add("--set sequenceId=" + String.join(" or ", ids.stream().map(CsvSequenceDataset::shellWord).toList())
                            + " (the one whose value names one sequence; another id may be --set group=NAME)");
                }
            }
        }
        if (o.time() != null && o.time().equals(CsvOptions.DEFAULT_TIME) && !header.contains(o.time().name())) {
            header.stream().filter(h -> timeLikeName(h) && !h.equalsIgnoreCase("index")).findFirst()
                    .ifPresent(h -> settings.add("--set time=" + shellWord(h)));
        }
        if (o.label().name() != null && !header.contains(o.label().name())) {
            firstNamed(header, LABEL_NAMES).ifPresent(h -> settings.add("--set label=" + shellWord(h)));
        }
        return settings.isEmpty() ? null : "the header's names suggest " + String.join(" ", settings);
    }

    /** Whether a header name's last word is "id" ({@code Sensor ID}, {@code device_id}, {@code SessionId}, {@code patient-id}). */
    static boolean endsInIdWord(String name) {
        String[] words = name.trim().split("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");
        return words.length > 1 && words[words.length - 1].equalsIgnoreCase("id");
    }

    /**
     * The header's column named by the first of {@code names} (in their order of preference, any case) that it has: a
     * file's {@code x,y,z,class} gave {@code y}, its first match in header order, for the label.
     */
    private static java.util.Optional<String> firstNamed(List<String> header, List<String> names) {
        for (String name : names) {
            for (String h : header) {
                if (h.equalsIgnoreCase(name)) {
                    return java.util.Optional.of(h);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** A header name as one shell word: as written when it is plain, else in single quotes. */
    private static String shellWord(String name) {
        return name.matches("[A-Za-z0-9_.:+-]+") ? name : "'" + name.replace("'", "'\\''") + "'";
    }

    /** The column of a role, with a hint naming the setting that chooses it when it is not found. */
    private static int role(Column c, CsvTable table, String setting, String what, List<String> byIndex) {
        try {
            return chosenColumn(c, table, setting, byIndex);
        } catch (DatasetFormatException e) {
            if ("sequenceId".equals(setting)) {
                String wide = wideLayout(table);
                if (c.name() != null && c.name().equalsIgnoreCase("none")) {
                    // a user's try: --set sequenceId=none, by analogy with time=none, was looked up as a column named "none"
                    throw new DatasetFormatException(table.file(), "--set sequenceId=" + c.name() + ": a sequence id column is "
                            + "needed (no column is named '" + c.name() + "'): rnnlab reads one row per time step, and the id says "
                            + "which rows form a sequence (--set sequenceId=" + (table.header() == null ? "INDEX" : "NAME")
                            + "); 'none' is for the time column only (--set time=none: each sequence's rows in file order)"
                            + (wide != null ? "; " + wide : "; a file of one series per row (the wide layout of UCR/UEA files) "
                            + "is read with --set layout=wide, its ids the rows' line numbers"));
                }
                if (wide != null) {
                    throw new DatasetFormatException(table.file(), wide + "; if the rows are time steps, " + (table.header() == null
                            ? "choose" : "the file has no header: give --set header=false and choose") + " the column of the "
                            + "sequence id with --set sequenceId=INDEX (0-based)");
                }
                String axis = c.name() == null ? null : numberedHeader(table);
                if (axis != null) {
                    throw new DatasetFormatException(table.file(), 1, "no column named '" + c.name() + "', the sequence id (expected "
                            + "one of " + Column.shownHeader(table.header()) + "): " + axis + "; if the rows are time steps, choose "
                            + "the column of the sequence id with --set sequenceId=NAME");
                }
            }
            throw new DatasetFormatException(table.file(), e.line() > 0 ? e.line() : 1, e.getMessage().substring(
                    e.getMessage().indexOf(": ", String.valueOf(table.file()).length()) + 2) + "; choose the column of " + what
                    + " with --set " + setting + (table.header() == null ? "=INDEX (0-based: the file has no header)" : "=NAME")
                    // a trial's labels were in a file of their own, as many catalogues keep them
                    + ("label".equals(setting) && table.header() != null && firstNamed(table.header(), LABEL_NAMES).isEmpty()
                    && !e.getMessage().contains("did you mean")
                    ? "; this layout reads each row's label from a column of the file itself: labels kept "
                    + "in a separate file are joined in first (pandas: df.merge(labels, on='THE_ID_COLUMN')), or the files go in the folder layout, one file per sequence beside a labels.csv (--data FOLDER)" : ""));
        }
    }

    /**
     * When the training file's header names many columns by numbers beside a few named ones ({@code
     * sample_id;replicate;polymer;4000.0;3996.1;...}: a spectrum per row, its wavenumbers the names), and the first rows
     * hold numbers under them: a sentence naming {@code --set layout=wide} ({@link CsvTable#wideHint}); else null.
     */
    private static String numberedHeader(CsvTable table) {
        List<String> header = table.header();
        if (header == null) {
            return null;
        }
        List<String> numbers = header.stream().filter(CsvTable::isDecimal).toList();
        String hint = CsvTable.wideHint(header, numbers);
        if (hint == null) {
            return null;
        }
        for (int r = 0; r < Math.min(table.rows().size(), 20); r++) {
            String[] row = table.rows().get(r);
            for (int c = 0; c < header.size() && c < row.length; c++) {
                if (CsvTable.isDecimal(header.get(c)) && !CsvTable.isDecimal(row[c]) && !MissingValues.isMissing(row[c])) {
                    return null;
                }
            }
        }
        return "the header names " + numbers.size() + " of its " + header.size() + " columns by numbers (" + String.join(", ",
                numbers.subList(0, 3)) + ", ..., " + numbers.get(numbers.size() - 1) + "), each row holding numbers under them: "
                + hint;
    }

    /**
     * When the training file looks like the wide layout of the UCR/UEA archive (its {@code .tsv} and {@code .csv} files:
     * one series per row, the label then the values, no header and no id column): a sentence saying so, else null. Such a
     * file is numbers only, in many columns (10 or more; a header of numbers is its first row read as names); without it
     * a user met one hint after another (--set label=60 where UCR's label is column 0, then --set sequenceId=INDEX, for a
     * file that has no id at all).
     */
    private static String wideLayout(CsvTable table) {
        if (table.width() < 10 || table.header() != null && !table.header().stream().allMatch(CsvTable::isDecimal)) {
            return null;
        }
        for (int r = 0; r < Math.min(table.rows().size(), 200); r++) {
            for (String v : table.rows().get(r)) {
                if (!CsvTable.isDecimal(v) && !MissingValues.isMissing(v)) {
                    return null;
                }
            }
        }
        int rows = table.rows().size() + (table.header() != null ? 1 : 0);
        return "the file holds only numbers, " + rows + " rows of " + table.width() + " each" + (table.header() != null
                ? " (its first line, read as the header, too)" : "") + ": if each row is one series (the wide layout of the "
                + "UCR/UEA archive's .tsv and .csv files: the label, then the values), read it with --set layout=wide (the label "
                + "in column 0 unless --set label=INDEX, every other column one time step; ids are the rows' line numbers); the "
                + "long layout read here takes one row per time step with a sequence id column";
    }

    /**
     * The column a {@code --set} reference of training chooses in {@code table}. A reference of digits names a header
     * column when the file has a header holding that name: pandas writes a NumPy array's columns as {@code 0, 1, 2}
     * ({@code id,t,0,1,2,label}), and {@code --set features=2} then means the column named 2, not the third column (a
     * user's try: the column named 0 was read, and {@code label=3} on {@code id,t,0,1,2,3} read a feature as the label);
     * when the index would have chosen another column this is said (an info line: with a header every column can be
     * chosen by its name, so no choice is lost). Otherwise digits are a 0-based index, which {@code byIndex} (when not
     * null) records in words, for the errors a wrong column then causes. Only the training file's settings are read so:
     * the schema stores the columns read by header name (or by index for headerless files), and models read new files
     * through {@link Column#resolve}, which takes an index as an index, so a model keeps reading what it trained on.
     */
    private static int chosenColumn(Column c, CsvTable table, String setting, List<String> byIndex) {
        List<String> header = table.header();
        if (c.name() != null || header == null) {
            return c.resolve(header, table.width(), table.file());
        }
        String written = Integer.toString(c.index());
        int named = header.indexOf(written);
        if (named >= 0) {
            if (named != c.index() && c.index() < table.width()) {
                LOG.info("csv {}: '{}' of --set {} is read as the header column named '{}' (column {}, from 0), not as the 0-based "
                        + "index {} (column '{}'): with a header a name wins, and every column can be chosen by its name",
                        table.file(), written, setting, written, named, written, header.get(c.index()));
            }
            return named;
        }
        if (c.index() >= table.width()) {
            throw new DatasetFormatException(table.file(), 1, "'" + written + "' of --set " + setting + " names no column: the header "
                    + header + " has no column of that name, and as a 0-based index it is outside the file's " + table.width()
                    + " columns (expected a name of the header or an index 0.." + (table.width() - 1) + ")");
        }
        if (byIndex != null) {
            String note = "'" + written + "' of --set " + setting + " was read as the 0-based index " + written + ", column '"
                    + header.get(c.index()) + "', as no header column is named '" + written + "'";
            if (!byIndex.contains(note)) {
                byIndex.add(note);
            }
        }
        return c.index();
    }

    private static Column column(CsvTable table, int c) {
        if (c < 0) {
            return null;
        }
        return table.header() != null ? Column.named(table.header().get(c)) : Column.at(c);
    }

    /**
     * {@code chosen} with each glob ({@code mfcc_*}, {@code acc_?}: {@code *} any characters, {@code ?} one) that names no
     * column as written replaced by the header's columns it matches, in header order, the reserved ones (id, time, label,
     * split, group) left out; one that matches none is refused naming it (a bird-song trial had to list 20 MFCC columns,
     * 40 with their deltas).
     */
    static List<Column> expandGlobs(CsvTable table, List<Column> chosen, List<Integer> reserved) {
        List<String> header = table.header();
        if (header == null || chosen.stream().noneMatch(c -> isGlob(c.name()))) {
            return chosen;
        }
        List<Column> out = new ArrayList<>();
        for (Column c : chosen) {
            if (!isGlob(c.name()) || header.contains(c.name())) {
                out.add(c);
                continue;
            }
            StringBuilder regex = new StringBuilder();
            for (String part : c.name().split("(?=[*?])|(?<=[*?])")) {
                regex.append(part.equals("*") ? ".*" : part.equals("?") ? "." : java.util.regex.Pattern.quote(part));
            }
            java.util.regex.Pattern glob = java.util.regex.Pattern.compile(regex.toString());
            List<Integer> matched = IntStream.range(0, header.size()).filter(i -> !reserved.contains(i)
                    && glob.matcher(header.get(i)).matches()).boxed().toList();
            if (matched.isEmpty()) {
                boolean reservedOnly = IntStream.range(0, header.size()).anyMatch(i -> glob.matcher(header.get(i)).matches());
                throw new DatasetFormatException(table.file(), 1, "--set features: '" + c.name() + "' matches no "
                        + (reservedOnly ? "feature " : "") + "column of the header " + Column.shownHeader(header) + " (a glob: * "
                        + "stands for any characters, ? for one; names are matched as written, case-sensitively"
                        + (reservedOnly ? "; the id, time, label, split and group columns are never features" : "") + ")");
            }
            matched.forEach(i -> out.add(Column.named(header.get(i))));
        }
        return out;
    }

    private static boolean isGlob(String name) {
        return name != null && (name.indexOf('*') >= 0 || name.indexOf('?') >= 0);
    }

    /**
     * Whether a group column and a time column are given (or found by their default names), for the refusal of text
     * columns ({@link #requireNumbers}): it offers a column as the group only when none is given, and an ISO-8601 date-time
     * column as the time first when no time is read.
     */
    private record GivenRoles(boolean group, boolean time) {
    }

    /**
     * The feature columns, the roles' columns {@code reserved}; {@code id} is the sequence id's column (-1: none, the folder
     * layout, whose reserved column is at most the time); {@code roles} says which other roles are given.
     */
    private static int[] featureColumns(CsvTable table, List<Column> given, List<Integer> reserved, List<String> byIndex, int id,
                                        GivenRoles roles) {
        int[] cols;
        List<Column> chosen = expandGlobs(table, given, reserved);
        if (chosen.isEmpty()) {
            cols = IntStream.range(0, table.width()).filter(i -> !reserved.contains(i)).toArray();
            requireNumbers(table, cols, id, roles);
        } else {
            try {
                cols = chosen.stream().mapToInt(c -> chosenColumn(c, table, "features", byIndex)).toArray();
            } catch (DatasetFormatException e) {
                // a category no row of this file has, as predict tells it (a monthly replay's month without gravel roads)
                String hint = chosen.stream().allMatch(c -> c.name() != null) && e.getMessage().contains("no column named")
                        ? OneHotGroup.missingCategoryHint(table, chosen.stream().map(Column::name).toList()) : "";
                throw hint.isEmpty() ? e : e.withHint(hint);
            }
            for (int i = 0; i < cols.length; i++) {
                for (int j = 0; j < i; j++) {
                    if (cols[i] == cols[j]) {
                        throw new IllegalArgumentException("csv: feature column " + table.columnName(cols[i]) + " is chosen twice, as "
                                + chosen.get(j) + " and as " + chosen.get(i) + " (features " + chosen + "; expected each column once)");
                    }
                }
            }
            for (int c : cols) {
                if (reserved.contains(c)) {
                    throw new IllegalArgumentException("csv: feature column " + table.columnName(c) + " is also the sequence id, "
                            + "label, time, split or group column");
                }
            }
        }
        if (cols.length == 0) {
            throw new DatasetFormatException(table.file(), "no feature columns (expected at least one numeric column besides "
                    + "the id, time, label, split and group columns)");
        }
        return cols;
    }

    /**
     * Whether column {@code c} holds one value in each sequence of column {@code id} (a day, a device), some sequence having
     * two rows or more.
     */
    static boolean constantPerSequence(CsvTable table, int id, int c) {
        Map<String, String> valueById = new HashMap<>();
        boolean longer = false;
        for (int r = 0; r < table.rows().size(); r++) {
            String value = table.cell(r, c).trim();
            String before = valueById.putIfAbsent(table.cell(r, id), value);
            if (before != null) {
                if (!before.equals(value)) {
                    return false;
                }
                longer = true;
            }
        }
        return longer;
    }

    /**
     * Whether column {@code c} holds a different whole number on every row (at least 3 rows) of more than one sequence of
     * column {@code id}: a row number or counter of the whole file, as training's check of chosen features reads one
     * ({@code wholeNumberPerRow}).
     */
    static boolean rowNumber(CsvTable table, int id, int c) {
        Set<Long> seen = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int r = 0; r < table.rows().size(); r++) {
            String v = table.cell(r, c).trim();
            if (!v.matches("[-+]?\\d{1,15}") || !seen.add(Long.parseLong(v))) {
                return false;
            }
            ids.add(table.cell(r, id));
        }
        return seen.size() >= 3 && ids.size() >= 2;
    }

    /**
     * Whether column {@code c} counts the rows of each sequence of column {@code id}, in file order, from 0 or 1 by 1 (an
     * event index), some sequence having 3 rows or more.
     */
    static boolean stepCounter(CsvTable table, int id, int c) {
        Map<String, Long> next = new HashMap<>();
        boolean long3 = false;
        for (int r = 0; r < table.rows().size(); r++) {
            String v = table.cell(r, c).trim();
            if (!v.matches("\\d{1,9}")) {
                return false;
            }
            long x = Long.parseLong(v);
            Long expected = next.get(table.cell(r, id));
            if (expected == null ? x > 1 : x != expected) {
                return false;
            }
            long3 |= expected != null && x >= 2;
            next.put(table.cell(r, id), x + 1);
        }
        return long3;
    }

    /**
     * A value of a column of categories: a word (not True/False, read as 1 and 0), such as get_dummies makes columns of;
     * its column is named in the refusal's {@code pd.get_dummies(df, columns=['screen'], dtype=int)}.
     */
    private static final java.util.regex.Pattern CATEGORY_WORD = java.util.regex.Pattern.compile(
            "(?!(?i)(true|false)$)\\p{L}[\\p{L}\\p{N} _./-]*");

    /**
     * With the features left to default (every column without a role), refuses the columns whose first value is text, by
     * name and with the setting that places them: a subject or session column is the group (when none is given), an
     * ISO-8601 date-time column the time (when none is read), a column of categories one-hot features, anything else is left
     * out by choosing the features. Before, the first such cell failed as "not a number", with no word of how to leave it
     * out. A column of categories constant within each sequence (an operating mode per window) is offered as one-hot
     * features too, and as the group only when its name or its values say who or which session
     * ({@link GroupLikeColumns#namesWho}): trial 79c F1's {@code hvac_mode} was offered only as the group, beside the
     * group given.
     */
    private static void requireNumbers(CsvTable table, int[] cols, int id, GivenRoles roles) {
        if (table.header() == null) { // --set header=false on a file with a header: its first row holds the names
            CsvSchema.refuseHeaderRow(table, cols);
        }
        List<String> text = new ArrayList<>();
        List<String> textValues = new ArrayList<>(); // the values of `text`, whole
        List<String> featureText = new ArrayList<>(); // those of columns whose names give them no role
        Map<Integer, String> categoryColumns = new LinkedHashMap<>(); // of those, the columns of categories, as pandas names them
        String groupLike = null;
        Map<Integer, String> offending = new HashMap<>(); // each column's first value that is text, for the hints below
        boolean textFirstAny = false;
        java.util.Set<String> leftOut = new java.util.HashSet<>(); // the columns the features suggested leave out
        int done = -1;
        for (int c : cols) {
            done++;
            // the whole column, not its first value: a trial's amounts were numbers until '$26.18' on line 5, so the features
            // this message suggested failed there, one column per run (7 runs for one file)
            int first = -1;
            long values = 0;
            long texts = 0;
            boolean textFirst = false;
            for (int r = 0; r < table.rows().size(); r++) {
                if ((r & 0xFFFF) == 0) {
                    CheckProgress.at("numbers in the feature columns", (long) done * table.rows().size() + r,
                            (long) cols.length * table.rows().size(), "cells");
                }
                // one cell decoded, not the whole packed row (for each column: 15 s of a 600,000-row file, trial 78c F2)
                String v = table.cell(r, c);
                if (MissingValues.isMissing(v)) {
                    continue;
                }
                values++;
                if (!CsvTable.isDecimal(v) && !v.matches("[-+]?(\\d*,\\d+|\\d{1,3}(\\.\\d{3})+,\\d+|Infinity|[0-9.]+[fFdD])")
                        && !CsvTable.yesNoWord(v)) { // those get their own message; True/False are read in a yes/no column
                    texts++;
                    if (first < 0) {
                        first = r;
                        textFirst = values == 1;
                    }
                } else if (textFirst) {
                    break; // a column of text: its first value decides, as before
                }
            }
            if (first < 0) {
                continue;
            }
            String v = table.rows().get(first)[c];
            offending.put(c, v);
            textFirstAny |= textFirst;
            if (textFirst || texts * 100 >= values) {
                leftOut.add(table.columnName(c)); // a column of numbers with a stray marker or two stays suggested (a review)
            }
            text.add(table.columnName(c) + " ('" + CsvTable.abbreviate(v) + "', line " + table.lines().get(first)
                    + (textFirst ? "" : ": " + texts + " of its " + values + " values are not numbers, the rest are") + ")");
            textValues.add(v);
            String name = table.header() == null ? "" : table.header().get(c).trim().toLowerCase(Locale.ROOT);
            // one value per sequence, shared by several (a speaker, by content whatever its name: a trial's
            // 'speaker' was told to become one-hot features, which would encode who is speaking)
            boolean sharedPerSequence = id >= 0 && table.header() != null && GroupLikeColumns.sharedPerSequence(table, id, c);
            boolean who = "group".equals(ROLE_NAMES.get(name)) || sharedPerSequence && GroupLikeColumns.namesWho(table, c);
            if (!ROLE_NAMES.containsKey(name) && !who) { // a subject, label or time column: no one-hot feature
                featureText.add(v);
                if (CATEGORY_WORD.matcher(v).matches()) { // named in get_dummies' columns=[...] (trial 79h F1: [...] is Ellipsis)
                    categoryColumns.put(c, table.header() == null ? Integer.toString(c) : pyString(table.header().get(c)));
                }
            }
            if (groupLike == null && who && !roles.group()) {
                groupLike = table.header().get(c).trim();
            }
        }
        // refused here only for a column of text from its first value: text further down a column of numbers alone is left to
        // the reader, whose message for that one value says more (a NULL marker, a dash, hexadecimal), and is named here beside
        // a text column, so that the features suggested leave it out
        if (!text.isEmpty() && textFirstAny) {
            // numbers with an outage marker ('---', 'n/a', 'ERR') as the only text, first in some columns: the marker is a missing
            // value to declare, not a reason to drop the column (a clinical trial was told to leave out 5 of its 7 vitals)
            Map<Integer, java.util.Set<String>> markers = new LinkedHashMap<>();
            String markerAdvice = "";
            for (int c : offending.keySet()) {
                java.util.Set<String> tokens = markerAmongNumbers(table, c);
                if (tokens != null) {
                    markers.put(c, tokens);
                }
            }
            if (!markers.isEmpty()) {
                java.util.Set<String> tokens = new java.util.LinkedHashSet<>();
                markers.values().forEach(tokens::addAll);
                String names = markers.keySet().stream().sorted().map(table::columnName).collect(Collectors.joining(", "));
                String advice = "column(s) " + names + " hold numbers and, for the rest, only " + tokens.stream().map(t -> "'" + t
                        + "'").collect(Collectors.joining(", ")) + ": if " + (tokens.size() == 1 ? "it marks" : "they mark") + " a "
                        + "value that was not measured (an outage, a device off), read " + (tokens.size() == 1 ? "it" : "them")
                        + " as missing with --set naValues='" + String.join(",", tokens) + "' and choose a --missing policy "
                        + "(predict and evaluate: --na-values='" + String.join(",", tokens) + "')";
                if (markers.size() == offending.size()) {
                    throw new DatasetFormatException(table.file(), advice + "; " + String.join(", ", text) + " (expected numbers "
                            + "in every feature column)");
                }
                for (int c : markers.keySet()) { // kept among the features suggested
                    leftOut.remove(table.columnName(c));
                    categoryColumns.remove(c); // a marker of a value not measured ('ERR') is no category
                }
                markerAdvice = "; " + advice;
            }
            // network addresses (10.0.0.1, fe80::1) are identifiers, not dates (a trial's src_ip was said to hold dates or times)
            String addresses = firstValuesThat(table, cols, offending, CsvSequenceDataset::isAddress);
            String dates = firstValuesThat(table, cols, offending, v -> DATE_OR_TIME.matcher(v).find() && !CsvTable.isDecimal(v)
                    && !isAddress(v));
            String commas = firstValuesThat(table, cols, offending, v -> v.matches("[-+]?(\\d*|\\d{1,3}(\\.\\d{3})+),\\d+"));
            // numbers written for people: thousands grouped by ',' ("1,009.5", quoted in the file) or followed by a unit ("12 bar")
            String thousands = firstValuesThat(table, cols, offending, v -> v.matches("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?"));
            String units = firstValuesThat(table, cols, offending,
                    v -> v.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?(\\s+[\\p{L}%°µ][\\p{L}%°µ/·²³]*|\\s*%)"));
            List<Integer> moneyColumns = columnsThat(table, cols, offending, v -> v.matches("[-+]?[$€£¥]\\s?[-+]?\\d[\\d,.]*"));
            String money = moneyColumns.stream().map(table::columnName).collect(Collectors.joining(", "));
            String joined = dates.isEmpty() && commas.isEmpty() && thousands.isEmpty() ? joinedNumbers(textValues) : null;
            List<String> withoutText = IntStream.of(cols).mapToObj(table::columnName).filter(n -> !leftOut.contains(n)).toList();
            List<String> numeric = withoutText;
            // a frame or step counter among them is the time, not a feature (a trial followed the suggestion and trained on it)
            List<String> timeLike = table.header() == null ? List.of() : withoutText.stream().filter(n -> n.startsWith("'")
                    && timeLikeName(n.substring(1, n.length() - 1))).toList();
            if (!timeLike.isEmpty() && timeLike.size() < numeric.size()) {
                List<String> times = timeLike;
                numeric = withoutText.stream().filter(n -> !times.contains(n)).toList();
            } else {
                timeLike = List.of();
            }
            String timeAdvice = timeLike.isEmpty() ? "" : " (and " + timeLike.get(0) + ", by its name the time or step of the "
                    + "rows, with --set time=" + timeLike.get(0).substring(1, timeLike.get(0).length() - 1) + " rather than as a feature)";
            // a column constant within every sequence (a day, a device) or counting each sequence's steps (0, 1, 2, ...) is no
            // measurement of the steps: said apart, not suggested (a keystroke trial was offered 'day' and 'event_idx')
            Map<String, Integer> byName = new HashMap<>();
            for (int c : cols) {
                byName.put(table.columnName(c), c);
            }
            List<String> perSequence = id < 0 ? List.of() : numeric.stream().filter(n -> byName.containsKey(n)
                    && constantPerSequence(table, id, byName.get(n))).toList();
            List<String> stepCounters = id < 0 ? List.of() : numeric.stream().filter(n -> byName.containsKey(n)
                    && !perSequence.contains(n) && stepCounter(table, id, byName.get(n))).toList();
            // a row number of the whole file (a different whole number on every row) is no measurement either: training warns
            // of it when it picks the features, but not of a list it suggested (a trial's row_no was offered and trained on)
            List<String> rowNumbers = id < 0 ? List.of() : numeric.stream().filter(n -> byName.containsKey(n)
                    && !perSequence.contains(n) && !stepCounters.contains(n) && rowNumber(table, id, byName.get(n))).toList();
            List<String> counters = Stream.concat(stepCounters.stream(), rowNumbers.stream()).toList();
            if (!perSequence.isEmpty() || !counters.isEmpty()) {
                List<String> measured = numeric.stream().filter(n -> !perSequence.contains(n) && !counters.contains(n)).toList();
                if (!measured.isEmpty()) {
                    // the per-sequence columns kept, as a second list: one-hot columns of a depot, encoded on purpose, are
                    // features when new sequences have them too, and typing 13 names to keep them is the user's (74d F3)
                    List<String> kept = numeric.stream().filter(n -> !counters.contains(n)).toList();
                    numeric = measured;
                    timeAdvice += " (left out: " + String.join("; ", java.util.stream.Stream.of(perSequence.isEmpty() ? null
                            : String.join(", ", perSequence) + ", one value per sequence: a per-sequence attribute, a feature only "
                            + "if known for new sequences, and a split by it leaves held-out values unseen in training",
                            stepCounters.isEmpty() ? null : String.join(", ", stepCounters) + ", counting each sequence's steps "
                            + "(0, 1, 2, ...): the step, not a measurement",
                            rowNumbers.isEmpty() ? null : String.join(", ", rowNumbers) + ", a different whole number on every "
                            + "row (a row number or counter): where a row is in the file, not a measurement")
                            .filter(java.util.Objects::nonNull).toList()) + ")"
                            + (perSequence.isEmpty() ? "" : "; or, to keep the per-sequence column(s) as features (encoded on "
                            + "purpose, and known for new sequences): " + setFeatures(kept.stream().map(n -> n.startsWith("'")
                            ? n.substring(1, n.length() - 1) : n.substring(1)).toList()));
                }
            }
            boolean categories = !categoryColumns.isEmpty();
            // an ISO-8601 date-time column where no time column is read: named first, by its name (trial 79c F7: the generic
            // --set time=NAME came last, after a features list that trains in file order without any time check)
            String isoTimes = roles.time() || table.header() == null ? "" : firstValuesThat(table, cols, offending, v -> {
                TimeStamps.Time t = TimeStamps.parse(v.strip());
                return t != null && t.kind() != TimeStamps.Kind.NUMBER;
            });
            String timeFirst = isoTimes.isEmpty() ? "" : "; " + isoTimes + " hold(s) ISO-8601 date-times: --set time="
                    + shellWord(isoTimes.split(", ")[0].replaceAll("^'|'$", "")) + " reads it as the time column" + (id < 0
                    ? " of every sequence file" : "") + " (not a feature), which checks each sequence's order (a time that goes "
                    + "back, a duplicated row) and its steps";
            if (!isoTimes.isEmpty() && isoTimes.equals(dates)) {
                dates = ""; // said first
            }
            throw new DatasetFormatException(table.file(), "column(s) " + String.join(", ", text) + " hold text, and every column "
                    + "without a role is read as a feature (expected numbers)" + timeFirst
                    + (categories ? "; to use a column of categories as a feature, write it as one 0/1 column per category "
                    + "(pandas: pd.get_dummies(df, columns=[" + String.join(", ", categoryColumns.values()) + "], dtype=int))" : "")
                    + (groupLike == null ? ""
                    : "; if '" + groupLike + "' names who or which session a sequence comes from, --set group=" + groupLike
                    + " keeps each of its values in one split") + (numeric.isEmpty() ? "; no column without a role holds numbers"
                    : "; to leave columns out, choose the features: " + setFeatures(numeric.stream()
                    .map(n -> n.startsWith("'") ? n.substring(1, n.length() - 1) : n.substring(1)).toList()) + timeAdvice)
                    + (joined == null ? "" : "; the values are numbers joined by " + joined + ": is the file " + joined
                    + "-separated? One --set delimiter is read for every file of the data, the labels file and the sequence "
                    + "files alike")
                    + (addresses.isEmpty() ? "" : "; " + addresses + " hold(s) network addresses, identifiers rather than "
                    + "measurements: leave them out of the features (or, if one names the host a sequence comes from, keep its "
                    + "sequences in one split with --set group=NAME)")
                    + (dates.isEmpty() ? "" : id < 0 && table.header() != null ? "; " + dates + " hold(s) dates or times, which "
                    + "are not features: --set time=" + shellWord(dates.split(", ")[0].replaceAll("^'|'$", "")) + " reads it as "
                    + "the time column of every sequence file (not a feature): a file whose times go back is refused, naming its "
                    + "line, and files sampled at another step than most are named (at predict and evaluate too, against the "
                    + "model's step)"
                    : "; " + dates + " hold(s) dates or times, which are not features: a time column "
                    + "(--set time=NAME, one per file) holds numbers (e.g. seconds) or ISO-8601 date-times (2024-03-22T17:00:00Z) and is "
                    + "read to check each sequence's order; rows already in time order need none (their order is their time)")
                    + (commas.isEmpty() ? "" : "; " + commas + " hold(s) numbers with decimal commas, which are not read either "
                    + "with decimal points: read them with " + CsvTable.DECIMAL_COMMA_REMEDY + " (and no thousands separators)")
                    + (thousands.isEmpty() ? "" : "; " + thousands + " hold(s) numbers with ',' grouping thousands (1,009.5), "
                    + "which are not read: export them without thousands separators (pandas writes none; read_csv(..., "
                    + "thousands=',') reads such a file)")
                    + (money.isEmpty() ? "" : "; " + money + " hold(s) amounts with a currency sign ($26.18), which are not "
                    + "read: write the number alone (pandas: " + moneyAsNumbers(table, moneyColumns) + ", where ',' groups "
                    + "thousands)")
                    + (units.isEmpty() ? "" : "; " + units + " hold(s) numbers followed by a unit (12 bar), which are not "
                    + "read: write the number alone, and the unit in the column's name (pressure_bar)") + markerAdvice);
        }
    }

    /**
     * The text tokens of column {@code c} when they look like markers of a value not measured among its numbers: at least one
     * number, and besides numbers and missing-value markers at most 3 distinct short tokens (up to 12 characters, no digit,
     * no letter-only yes/no); else null. A column of categories has no number, a column of amounts or units has digits in its
     * text.
     */
    static java.util.Set<String> markerAmongNumbers(CsvTable table, int c) {
        java.util.Set<String> tokens = new java.util.LinkedHashSet<>();
        long numbers = 0;
        for (String[] row : table.rows()) {
            String v = c < row.length ? row[c].strip() : "";
            if (MissingValues.isMissing(v)) {
                continue;
            }
            if (CsvTable.isDecimal(v)) {
                numbers++;
            } else if (v.length() > 12 || v.chars().anyMatch(Character::isDigit) || v.matches("(?i)true|false")
                    || tokens.add(v) && tokens.size() > 3) {
                return null;
            }
        }
        return numbers > 0 && !tokens.isEmpty() ? tokens : null;
    }

    /**
     * The names of the columns among {@code cols} whose first value that is not missing, or first text value ({@code
     * offending}, by column), passes {@code test}, comma-joined.
     */
    private static String firstValuesThat(CsvTable table, int[] cols, Map<Integer, String> offending,
                                          java.util.function.Predicate<String> test) {
        return columnsThat(table, cols, offending, test).stream().map(table::columnName).collect(Collectors.joining(", "));
    }

    /** The columns {@link #firstValuesThat} names. */
    private static List<Integer> columnsThat(CsvTable table, int[] cols, Map<Integer, String> offending,
                                             java.util.function.Predicate<String> test) {
        return IntStream.of(cols).filter(c -> offending.containsKey(c) && test.test(offending.get(c)) || table.rows().stream()
                        .map(r -> r[c]).filter(v -> !MissingValues.isMissing(v)).findFirst().map(test::test).orElse(false))
                .boxed().toList();
    }

    /**
     * The pandas line that writes the amounts of {@code columns} as numbers alone, naming them (trial 79h F2: the
     * {@code df[col]} printed before was a NameError): one assignment for one column, a loop over their names for more.
     */
    private static String moneyAsNumbers(CsvTable table, List<Integer> columns) {
        String strip = ".str.replace(r'[$€£¥,]', '', regex=True).astype(float)";
        if (columns.size() == 1) {
            String c = table.pandasColumn(columns.get(0));
            return c + " = " + c + strip;
        }
        return "for c in " + columns.stream().map(c -> table.header() == null ? Integer.toString(c) : pyString(table.header().get(c)))
                .collect(Collectors.joining(", ", "[", "]")) + ": df[c] = df[c]" + strip;
    }

    /** A date ({@code 03.12.2026}, {@code 2026-12-03}, {@code 12/3/2026}) or a time of day ({@code 14:05}) in a value. */
    private static final java.util.regex.Pattern DATE_OR_TIME = java.util.regex.Pattern.compile(
            "\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|\\d{1,2}:\\d{2}");

    /** The separator ({@code ','}, {@code ';'}, tabs, {@code '|'}) joining numbers in one of these values, or null. */
    private static String joinedNumbers(List<String> values) {
        for (String v : values) {
            for (String d : new String[] {",", ";", "\t", "|"}) {
                String[] parts = v.split(java.util.regex.Pattern.quote(d), -1);
                if (parts.length > 1 && java.util.Arrays.stream(parts).allMatch(p -> CsvTable.isDecimal(p.trim()))) {
                    return d.equals("\t") ? "tabs" : "'" + d + "'";
                }
            }
        }
        return null;
    }

    /** Header names of columns with no role; warns about them (any column, headerless too). */
    private static List<String> unused(CsvTable table, List<Integer> roles, int[] features) {
        List<String> unused = new ArrayList<>();
        for (int c = 0; c < table.width(); c++) {
            final int col = c;
            if (!roles.contains(c) && IntStream.of(features).noneMatch(f -> f == col)) {
                unused.add(table.columnName(c));
            }
        }
        if (!unused.isEmpty()) {
            LOG.warn("csv {}: column(s) {} are not used (not chosen as features, nor id, time, label, split or group)",
                    table.file(), unused);
        }
        return table.header() == null ? List.of() : unused.stream().map(n -> n.substring(1, n.length() - 1)).toList();
    }

    // ---- reading sequences with a contract ----

    /**
     * The sequences of a long-layout table, each id's rows in file order, checked against the contract. With a time column,
     * each sequence's rows must be in increasing time; a row at the time of the row before (a tie) is read in file order
     * where that is events of one instant: always in a time column finer than whole seconds; in one of whole seconds, in a
     * sequence of events (irregular times: {@link TimeSpacing#events}), where a sequence sampled at a rate has the time
     * written twice (refused). A sequence of 8 or more distinct steps is judged alone, a shorter one by the file; and one
     * judged sampled at a rate alone is read as events too (with a warning naming it) when more than half of the file's
     * sequences of 2 or more distinct steps are events: the same vote that decides the short ones, and that makes
     * {@link TimeSpacing#warn} call the file's rows events (a learning-analytics trial: one enrolment of 22 clicks whose gaps
     * looked regular by chance refused a file of which rnnlab itself called 304 of 306 sequences events). Among samples at
     * a rate, such a tie stays refused.
     */
    private static List<CsvSequence> readLong(CsvTable table, CsvSchema schema, boolean labelRequired, List<String> dropped) {
        Path file = table.file();
        if (READING.get() != null) {
            READING.get().header(table.header());
        }
        if (READING.get() != null && !READING.get().keep.isEmpty() && table.header() != null
                && table.header().containsAll(schema.featureNames())) {
            // a file that fits the model but lacks a kept column is told so, not that the column meant is unknown (a file
            // that does not fit, e.g. ';'-separated, gets the contract's own error below)
            SequenceColumns.columns(table, READING.get().keep);
        }
        CsvSchema.Located loc = schema.locate(table, labelRequired);
        if (schema.time() != null && loc.time() < 0) {
            // a trial's new file without the frame column, its rows reversed, was read in row order without a word
            LOG.warn("csv {}: no time column '{}' (the model was trained with one): the rows are read in file order as each "
                    + "sequence's time order{}", file, schema.time(), Column.encodingHint(schema.time().name(), table.header(), file));
        }
        Map<String, List<Integer>> rowsById = new LinkedHashMap<>();
        for (int r = 0; r < table.rows().size(); r++) {
            if ((r & 0xFFFF) == 0) {
                CheckProgress.at("sequence ids", r, table.rows().size(), "rows");
            }
            String id = table.cell(r, loc.id()); // one cell decoded, not the whole packed row
            if (id.isEmpty()) {
                throw new DatasetFormatException(file, table.lines().get(r), "empty sequence id (expected an id in column "
                        + table.columnName(loc.id()) + ")");
            }
            requireNoControlCharacter(id, file, table.lines().get(r), "sequence id in column " + table.columnName(loc.id()));
            rowsById.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
        if (READING.get() != null && !READING.get().keep.isEmpty()) {
            READING.get().kept.putAll(SequenceColumns.collect(table, rowsById, READING.get().keep));
        }
        warnSplitBlocks(table, rowsById, loc.time() >= 0);
        if (table.rows().size() >= 1_000_000) { // the checks below take seconds on such a file: said, not silent
            LOG.info("csv {}: {} rows form {} sequences; checking and converting them", file.getFileName(), table.rows().size(),
                    rowsById.size());
        }
        List<CsvSequence> out = new ArrayList<>();
        CsvTable.Underflow underflow = new CsvTable.Underflow();
        TimeStamps.Kind timeKind = null; // what the time column holds (its first row's kind), and where that was read
        long timeKindLine = 0;
        TimeSpacing spacing = null; // rates and gaps of the time column, which the model does not read (made at the first time)
        ResampleRules resampleRules = null; // each column's values, whose rules its resampling code names (trial 77c F4)
        boolean fineTimes = loc.time() >= 0 && fineTimes(table, loc.time()); // ties are events of one instant only then
        long tiedRows = 0; // rows with the time of the row before, read in file order
        int tiedSequences = 0;
        // the first whole-second tie of a sequence too short to judge (refusals are worded only when thrown: notIncreasing)
        java.util.function.Supplier<DatasetFormatException> undecidedTie = null;
        // the first whole-second tie of a sequence of 8 or more distinct steps that looks sampled at a rate alone, and those
        // sequences (their ids and first tie's line): refused or read as events once the file's sequences are counted
        java.util.function.Supplier<DatasetFormatException> regularTie = null;
        List<String> regularTied = new ArrayList<>();
        int judgedSequences = 0; // sequences of 2 or more distinct steps, and of them those of events (irregular times)
        int eventSequences = 0;
        String tieExample = null;
        int converted = 0;
        for (Map.Entry<String, List<Integer>> e : rowsById.entrySet()) {
            if ((converted++ & 0x3F) == 0) {
                CheckProgress.at("converting sequences", converted - 1, rowsById.size(), "sequences");
            }
            String id = e.getKey();
            List<Integer> rows = e.getValue();
            int first = rows.get(0);
            long firstLine = table.lines().get(first);
            String[] firstRow = table.rows().get(first);
            if (loc.label() >= 0 && labelRequired && optionalLabel(firstRow[loc.label()]) == null) {
                requireLabelOnEveryRow(table, rows, loc, id);
            }
            // new data to classify (predict): a label column may be blank, NA or vary; it is read only where it holds one label
            String label = loc.label() < 0 ? null : labelRequired ? requireLabel(firstRow[loc.label()], file, firstLine, id,
                    table.header() == null ? "label" : table.header().get(loc.label()), () -> unlabelledSequences(table, rowsById, loc))
                    : optionalLabel(firstRow[loc.label()]);
            boolean oneLabel = true;
            String splitName = loc.split() < 0 ? null : firstRow[loc.split()];
            String group = loc.group() < 0 ? null : firstRow[loc.group()];
            float[][] values = new float[rows.size()][loc.features().length];
            TimeStamps.Time previousTime = null;
            long previousLine = firstLine;
            double[] times = loc.time() >= 0 ? new double[rows.size()] : null;
            long[] timeLines = loc.time() >= 0 ? new long[rows.size()] : null;
            int ties = 0; // rows of the time of the row before, and the first of them
            java.util.function.Supplier<DatasetFormatException> firstTie = null;
            java.util.function.Supplier<DatasetFormatException> coarseTie = null; // the first tie of a time column of whole seconds
            long firstTieLine = 0;
            for (int t = 0; t < rows.size(); t++) {
                int r = rows.get(t);
                long line = table.lines().get(r);
                String[] row = table.rows().get(r);
                if (labelRequired) {
                    try {
                        same(loc.label(), row, label, "label", id, file, line, firstLine);
                    } catch (DatasetFormatException bad) {
                        // ids reused (numbered per subject): the time restarts within the "sequence", which says so better
                        // than a label per step (a review)
                        String restarts = loc.time() >= 0 && optionalLabel(row[loc.label()]) != null ? channelBlocks(table, loc, rows) : "";
                        // or several sequences under one id (a student's courses), whose labels differ by sequence
                        restarts = restarts.isEmpty() && loc.time() >= 0 && optionalLabel(row[loc.label()]) != null
                                ? severalSequences(table, loc, rows) : restarts;
                        if (!restarts.isEmpty()) {
                            throw bad.withHint(restarts.replaceFirst("^; ", ""));
                        }
                        // a label on the first row only (the rest blank): the same pandas line as for one on the last row
                        throw optionalLabel(row[loc.label()]) == null && table.header() != null && loc.id() >= 0
                                ? bad.withHint("a label written on only some rows is copied to all with pandas: df["
                                + pyName(table.header().get(loc.label())) + "] = df.groupby(" + pyName(table.header().get(loc.id()))
                                + ")[" + pyName(table.header().get(loc.label())) + "].transform('first')")
                                // a label per row (a trial's hourly states): said for what it is, not only as bad data
                                : optionalLabel(row[loc.label()]) != null // another label, not the first written otherwise
                                && LabelCheck.readsAsOneOf(row[loc.label()], List.of(label)).isEmpty()
                                ? perStepLabels(bad, table, loc, rowsById, rows, t) : bad;
                    }
                } else if (loc.label() >= 0 && !row[loc.label()].equals(firstRow[loc.label()])) {
                    oneLabel = false;
                }
                try {
                    same(loc.split(), row, splitName, "split", id, file, line, firstLine);
                } catch (DatasetFormatException bad) {
                    throw splitByName(bad, table, loc.split());
                }
                same(loc.group(), row, group, "group", id, file, line, firstLine);
                if (loc.time() >= 0) {
                    String written = row[loc.time()];
                    TimeStamps.Time read = TimeStamps.parse(written);
                    double time = read == null ? Double.NaN : read.kind() == TimeStamps.Kind.NUMBER ? read.value() : 0;
                    if (Double.isNaN(time) && written.matches("[-+]?\\d*,\\d+")) {
                        throw new DatasetFormatException(file, line, "time '" + written + "' in column " + table.columnName(loc.time())
                                + " has a decimal comma, which is not read with decimal points (expected numbers with '.' as the "
                                + "decimal separator; read decimal commas with " + CsvTable.DECIMAL_COMMA_REMEDY + ")");
                    }
                    if (MissingValues.isMissing(written)) { // a trial's NaN time was called "not a number or a date-time"
                        throw new DatasetFormatException(file, line, "the time in column " + table.columnName(loc.time()) + " is missing ("
                                + (written.isBlank() ? "empty, or a code of --set naValues" : "'" + written + "'") + "; expected each row's time: the rows of a "
                                + "sequence are put in time order by it): drop such rows" + (table.header() == null ? ""
                                : " (pandas: df.dropna(subset=['" + table.header().get(loc.time()) + "']))") + " or fill in their "
                                + "times; --missing applies to features, not to the time");
                    }
                    if (!Double.isFinite(time)) {
                        throw new DatasetFormatException(file, line, "time '" + CsvTable.abbreviate(written) + "' in column "
                                + table.columnName(loc.time()) + " is not a " + (Double.isNaN(time) ? (TimeStamps.format() == null
                                ? "" : "date-time of --set " + TimeStamps.SETTING + " '" + TimeStamps.format() + "', nor a ")
                                + "number or an ISO-8601 date-time" : "finite number") + " (expected increasing decimal numbers such as seconds, or ISO-8601 dates or "
                                + "date-times such as 2024-03-22T17:00:00Z or 2024-03-22 17:00:00.5, or ISO weeks such as 2024-W01"
                                + (Double.isNaN(time) ? TimeStamps.zoneNameAdvice(written, () -> IntStream.range(0, table.rows().size())
                                .mapToObj(k -> table.cell(k, loc.time())).iterator(), table.header() == null ? "time"
                                : table.header().get(loc.time())) : "")
                                + (Double.isNaN(time) && table.header() != null && TimeStamps.format() == null
                                ? TimeStamps.dayFirstAdvice(written,
                                () -> IntStream.range(0, table.rows().size()).mapToObj(k -> table.cell(k, loc.time())).iterator(),
                                table.header().get(loc.time()), pandasRead(schema, table.file()), pandasLayout(schema),
                                withSuffix(table.file(), "-iso")) : "")
                                + "; another form of date-time is read with --set " + TimeStamps.SETTING + "=PATTERN (a "
                                + "java.time pattern such as 'dd.MM.yyyy HH:mm:ss', recorded with the model)"
                                + "; for another time format in rows already in time order, train with --set time=none (which "
                                + "no longer checks the order: rows out of order, in training or in new data, are then read as "
                                + "they stand, without a word) and leave the column out of the features: "
                                + featureList(table, loc.features()) + "; a trained model's predict or evaluate reads the file "
                                + "without its time column too, the rows' order being their time order)");
                    }
                    if (timeKind == null) {
                        timeKind = read.kind();
                        timeKindLine = line;
                    } else if (read.kind() != timeKind) {
                        throw new DatasetFormatException(file, line, "time '" + CsvTable.abbreviate(written) + "' in column "
                                + table.columnName(loc.time()) + " is one of " + read.kind().words + ", where line " + timeKindLine
                                + " holds " + timeKind.words + " (expected one kind in the column: "
                                + (timeKind == TimeStamps.Kind.NUMBER || read.kind() == TimeStamps.Kind.NUMBER
                                ? "numbers or date-times, not both" : "date-times without an offset cannot be ordered against "
                                + "ones with an offset; export them all in UTC, e.g. 2024-03-22T17:00:00Z") + ")");
                    }
                    if (!read.after(previousTime)) {
                        // worded only when thrown (notIncreasing reads the whole sequence again): an accepted tie costs nothing
                        TimeStamps.Time before = previousTime;
                        long beforeLine = previousLine;
                        java.util.function.Supplier<DatasetFormatException> notAfter = () -> notIncreasing(table, schema, loc, rowsById, rows, id,
                                written, line, read, beforeLine, before);
                        // the time of the row before: events of one instant (packets of one microsecond) are read in file
                        // order; a time of whole seconds (a repeated local hour) or a duplicated row stays refused
                        if (previousTime.after(read)) {
                            String duplicates = String.join("; ", Stream.of(otherDefects(table, loc, rowsById, false),
                                    fineTimes ? "" : repeatedTimes(table, loc, rowsById)).filter(d -> !d.isEmpty()).toList());
                            throw duplicates.isEmpty() ? notAfter.get() : notAfter.get().withHint(duplicates);
                        }
                        if (sameFeatures(table, loc, rows.get(t - 1), r)) { // a truck trial: "does not increase" named no duplicate
                            String others = Stream.of(otherDefects(table, loc, rowsById, true), fineTimes ? ""
                                    : repeatedTimes(table, loc, rowsById)).filter(d -> !d.isEmpty()).map(d -> "; " + d)
                                    .collect(Collectors.joining());
                            throw notAfter.get().withHint("line " + line + " repeats line " + previousLine + ", every feature the same: a "
                                    + "duplicated row (a join or an export written twice); drop duplicates first, e.g. pandas "
                                    + "df.drop_duplicates()" + otherDuplicatedRows(table, loc, rowsById, line) + others);
                        }
                        if (!fineTimes && coarseTie == null) {
                            // whole seconds: judged once the sequence is read, by whether it is events (card transactions of
                            // one second, a fraud trial's, refused with the advice to keep one) or samples at a rate (a time
                            // written twice, a repeated local hour)
                            coarseTie = () -> notAfter.get().withHint("two rows of the sequence at the same time, with other values, in a "
                                    + "sequence sampled at a rate: rows of one instant are read in file order in a time column finer "
                                    + "than whole seconds, or in a sequence of events (irregular times); if they are two readings "
                                    + "of one time, keep one (or their mean) per time" + keepOnePerTime(table, loc));
                        }
                        ties++;
                        firstTie = firstTie == null ? notAfter : firstTie;
                        firstTieLine = firstTieLine == 0 ? line : firstTieLine;
                    }
                    previousTime = read;
                    previousLine = line;
                    times[t] = read.kind() == TimeStamps.Kind.NUMBER ? read.value() : read.seconds() + read.nanos() * 1e-9;
                    timeLines[t] = line;
                }
                for (int f = 0; f < values[t].length; f++) {
                    try {
                        values[t][f] = table.missing(r, loc.features()[f]) ? Float.NaN : table.feature(r, loc.features()[f], underflow);
                    } catch (DatasetFormatException refused) { // every cell of text named at once (CsvTable#withTextCells)
                        throw table.withTextCells(refused, r, loc.features()[f], loc.features());
                    }
                }
            }
            if (times != null && TimeSpacing.judgeable(times, 2)) {
                judgedSequences++;
                eventSequences += TimeSpacing.events(times) ? 1 : 0;
            }
            if (coarseTie != null && !TimeSpacing.events(times)) {
                if (TimeSpacing.judgeable(times, 8)) {
                    if (ties * 2 >= rows.size()) { // half its rows tied: refused at once, as before (not the ties of events)
                        throw coarseTie.get();
                    }
                    // it looks sampled at a rate alone, which irregular gaps do by chance now and then: refused at the file's
                    // end unless most of its sequences are events (a learning-analytics trial: one enrolment of 22 clicks, 9
                    // of its 18 gaps within 25% of their median, refused a file whose sequences rnnlab called events, 304 of 306)
                    regularTie = regularTie != null ? regularTie : coarseTie;
                    regularTied.add(LabelCheck.quoted(id) + " at line " + firstTieLine);
                } else {
                    // under 8 distinct steps (an account's few transactions): too few to tell events from samples alone, so
                    // the file's sequences decide, at its end (a review: a short account's two purchases in one second, or
                    // four Poisson gaps that looked regular by chance, were refused)
                    undecidedTie = undecidedTie != null ? undecidedTie : coarseTie;
                }
            }
            if (firstTie != null) {
                if (ties * 2 >= rows.size()) { // half the rows or more repeat a time: channels or several recordings, not ties
                    throw firstTie.get();
                }
                tiedRows += ties;
                tiedSequences++;
                tieExample = tieExample != null ? tieExample : LabelCheck.quoted(id) + " at line " + firstTieLine;
            }
            if (times != null) {
                if (spacing == null) {
                    spacing = new TimeSpacing(timeKind == TimeStamps.Kind.LOCAL)
                            .withMissing(schema.missing().toString(), schema.missing().fillsIn())
                            .withGroupColumn(loc.group() >= 0 && table.header() != null
                                    ? "group column " + table.header().get(loc.group()) : null);
                    if (table.header() != null && loc.id() >= 0) { // the resampling code for these columns (trial 72b F2)
                        List<String> keys = IntStream.of(loc.label(), loc.group(), loc.split()).filter(c -> c >= 0)
                                .mapToObj(c -> table.header().get(c)).toList();
                        resampleRules = new ResampleRules(IntStream.of(loc.features()).mapToObj(c -> table.header().get(c)).toList(),
                                schema.oneHot());
                        spacing.withPandas(new PandasResample(table.header().get(loc.id()), table.header().get(loc.time()), keys,
                                timeKind == TimeStamps.Kind.NUMBER, resampleRules));
                        // the events finding's pandas line for the time since the row before, or the feature that holds it
                        spacing.withTimeSinceBefore(new TimeSinceBefore(table.header().get(loc.id()), table.header().get(loc.time()),
                                IntStream.of(loc.features()).mapToObj(c -> table.header().get(c)).toList()));
                    }
                }
                spacing.add(id, group, times, timeLines);
                spacing.values(times, values);
                if (resampleRules != null) {
                    resampleRules.add(values);
                }
            }
            Split split;
            try {
                split = splitName == null ? null : parseSplit(splitName, file, firstLine, table.columnName(loc.split()));
            } catch (DatasetFormatException bad) {
                throw splitByName(bad, table, loc.split());
            }
            float[][] filled = fillMissing(values, schema, table, rows, loc.features(), id,
                    () -> paddingHint(table, rowsById.values(), loc.features()));
            if (filled == null) {
                dropped.add(id);
                continue;
            }
            out.add(new CsvSequence(id, filled, oneLabel ? label : null, split, group, file, firstLine,
                    loc.time() >= 0 ? table.rows().get(first)[loc.time()] : null, times == null ? null
                    : new CsvSequence.Times(times[0], times[times.length - 1], timeKind != TimeStamps.Kind.NUMBER,
                    timeKind == TimeStamps.Kind.INSTANT)));
        }
        boolean mostlyEvents = eventSequences * 2 > judgedSequences;
        if (regularTie != null && !mostlyEvents) {
            throw regularTie.get(); // samples at a rate, as the sequence alone says: refused first, as it was where read
        }
        if (undecidedTie != null && !mostlyEvents) {
            throw undecidedTie.get(); // the file's sequences are samples at a rate (or none could be judged)
        }
        if (!regularTied.isEmpty()) {
            LOG.warn("csv {}: {} sequence(s) with rows of the same time in the time column {} look sampled at a rate alone (half "
                    + "or more of their steps within 25% of their usual one), e.g. {}, where {} of the {} sequences judged (2 or "
                    + "more steps between distinct times) are events (irregular times): read as events too, rows of one time in "
                    + "file order (irregular gaps look regular by chance now and then); if {} sampled at a rate, its rows of one "
                    + "time are two readings: keep one (or their mean) per time{}", file, regularTied.size(), table.columnName(loc.time()),
                    String.join(", ", regularTied.subList(0, Math.min(3, regularTied.size()))), eventSequences, judgedSequences,
                    regularTied.size() == 1 ? "it is" : "one is", keepOnePerTime(table, loc));
        }
        warnUnderflow(file, underflow, table);
        Map<String, java.util.Collection<String>> named = new LinkedHashMap<>();
        named.put("sequence id column " + table.columnName(loc.id()), rowsById.keySet());
        if (loc.label() >= 0) {
            named.put("label column " + table.columnName(loc.label()), out.stream().map(CsvSequence::label).toList());
        }
        if (loc.group() >= 0) {
            named.put("group column " + table.columnName(loc.group()), out.stream().map(CsvSequence::group).toList());
        }
        GarbledNames.warn(file, table.header(), named);
        if (tiedRows > 0) {
            LOG.warn("csv {}: {} row(s) of {} sequence(s) have the time of the row before in the time column {} (e.g. {}): they are "
                    + "read in file order; events of one instant (packets of one microsecond, transactions of one second) are so, but duplicated rows or rows of "
                    + "another sequence under the same id are not: check them", file, tiedRows, tiedSequences,
                    table.columnName(loc.time()), tieExample);
        }
        if (resampleRules != null) { // the columns that are no feature, key or time: text kept for --keep-columns, ignored ones
            Set<Integer> used = new java.util.HashSet<>(IntStream.of(loc.id(), loc.time(), loc.label(), loc.group(), loc.split())
                    .boxed().toList());
            IntStream.of(loc.features()).forEach(used::add);
            for (int c = 0; c < table.header().size(); c++) {
                if (!used.contains(c)) {
                    for (List<Integer> rows : rowsById.values()) {
                        resampleRules.addCells(table, rows, c);
                    }
                }
            }
        }
        String otherKind = otherTimeKind(schema.timeStep(), timeKind);
        if (otherKind != null) {
            LOG.warn("csv {}: time column {}: {}", file, table.columnName(loc.time()), otherKind);
        }
        if (spacing != null) {
            MEASURED_STEP.set(spacing.warn(file, table.columnName(loc.time()), timeKind != TimeStamps.Kind.NUMBER,
                    schema.timeStep(), RAW_MEDIANS.get() != null, schema.missing() == MissingValues.INTERPOLATE));
            if (RAW_MEDIANS.get() != null) { // the training file: its splits' steps are judged once carved
                TRAIN_STEPS.set(new SplitRates.Steps(spacing.medianSteps(), timeKind != TimeStamps.Kind.NUMBER, spacing.pandas()));
            }
        }
        if (out.isEmpty()) {
            throw new DatasetFormatException(file, "no sequences left after dropping those with missing values (--missing "
                    + schema.missing() + "): " + missingByColumn(table, rowsById.values(), loc.features())
                    + (schema.missing() == MissingValues.DROP ? "; --missing ffill or interpolate fills each gap in from the values "
                    + "around it instead" : "; a column without any value in a sequence cannot be filled in from it: if a sensor is "
                    + "dead in these data, a model trained without that column (--set features=... without it) can predict them"));
        }
        return out;
    }

    /**
     * The refusal of a sequence's time {@code written} at {@code line} that does not increase after {@code previous} at
     * {@code previousLine}, with what the sequence's blocks and the kind of step back suggest (channels, ids numbered per
     * subject, rows out of order, a repeated local hour). Worded only where it is thrown: {@link #channelBlocks} reads the
     * whole sequence's times again, so wording it for every tie that is then accepted made reading quadratic in a
     * sequence's length (a learning-analytics trial: one enrolment of 20,000 events, 6% of them in the second of the event
     * before, took 137 s to read instead of 5).
     */
    private static DatasetFormatException notIncreasing(CsvTable table, CsvSchema schema, CsvSchema.Located loc,
            Map<String, List<Integer>> rowsById,
            List<Integer> rows, String id, String written, long line, TimeStamps.Time read, long previousLine,
            TimeStamps.Time previous) {
        TIME_REFUSALS_WORDED.incrementAndGet();
        String blocks = channelBlocks(table, loc, rows);
        if (blocks.isEmpty() && previous.after(read)) { // said before the sort hint, which would merge the sequences
            blocks = severalSequences(table, loc, rows);
        }
        // back to before the sequence's first row, and increasing again from there: a second recording appended under the
        // same id, which sorting by id and time would interleave into one (trial 71f: the sort hint made it worse)
        String appended = blocks.isEmpty() && previous.after(read) ? appendedRecording(table, loc, rows, line, read, previous) : "";
        return new DatasetFormatException(table.file(), line, "time " + written + " of sequence " + LabelCheck.quoted(id)
                + " does not increase after line " + previousLine
                + " (expected the rows of a sequence in increasing time)" + blocks + appended
                + (!appended.isEmpty() ? ""
                : previous.after(read) && table.header() != null
                && (read.kind() == TimeStamps.Kind.NUMBER || !read.anHourBack(previous))
                ? "; rows only out of order are sorted with pandas" + pandasSort(table, loc, read.kind(), pandasRead(schema, table.file()))
                + ".to_csv(" + pyName(sortedName(table.file())) + pandasLayout(schema) + ", index=False)"
                + othersOutOfOrder(table, loc, rowsById, id) : "")
                + (read.anHourBack(previous) ? "; date-times without an offset repeat an hour where "
                + "daylight saving time ends: if that is the cause, export them with their offset or in UTC"
                + (table.header() == null ? "" : TimeStamps.localToUtc(table.header().get(loc.time()),
                loc.id() >= 0 ? table.header().get(loc.id()) : null)) : ""));
    }

    /**
     * {@code file} with {@code -sorted} before its extension ({@code data/train-sorted.csv}): where the sort's pandas line
     * writes, a name that runs as printed (trial 79h F2: {@code to_csv(..., index=False)} failed on Python's Ellipsis).
     */
    static String sortedName(Path file) {
        return withSuffix(file, "-sorted");
    }

    /** {@code file} with {@code suffix} before its extension ({@code data/train-iso.csv}), for a printed line's output. */
    static String withSuffix(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix).toString();
    }

    /**
     * After the sort's line for the sequence {@code refused}: how many other sequences of the file have rows out of order
     * too, with the first, or that none has, so that one can tell whether one sort puts the whole file in order (trial 79h
     * F2: 4 sessions were out of order, and the refusal named only the first).
     */
    private static String othersOutOfOrder(CsvTable table, CsvSchema.Located loc, Map<String, List<Integer>> rowsById,
            String refused) {
        long count = 0;
        String example = null;
        for (Map.Entry<String, List<Integer>> e : rowsById.entrySet()) {
            if (e.getKey().equals(refused)) {
                continue;
            }
            TimeStamps.Time previous = null;
            for (int r : e.getValue()) {
                TimeStamps.Time t = TimeStamps.parse(table.cell(r, loc.time()).strip());
                if (t != null && previous != null && previous.kind() == t.kind() && previous.after(t)) {
                    count++;
                    example = example != null ? example : LabelCheck.quoted(e.getKey()) + " line " + table.lines().get(r);
                    break;
                }
                previous = t != null ? t : previous;
            }
        }
        return count == 0 ? " (no other sequence of the file has rows out of order)" : " (" + count + " other "
                + (count == 1 ? "sequence has" : "sequences have") + " rows out of order too, e.g. " + example + ": the one sort "
                + "puts them all in order)";
    }

    /**
     * The other kind of time defect in the whole file, counted where one kind is refused, so that one run shows all (trial
     * 77c F2: a duplicated ping was refused, and only the run after its fix refused a trip's swapped pings): with
     * {@code outOfOrder}, the sequences whose time goes back somewhere ({@code "also: 1 sequence with rows out of order, e.g.
     * 'T0077' line 4203"}), else the rows that repeat the row before, time and every feature; each with its pandas line.
     * Empty when there is none.
     */
    private static String otherDefects(CsvTable table, CsvSchema.Located loc, Map<String, List<Integer>> rowsById, boolean outOfOrder) {
        long count = 0;
        Set<String> sequences = new HashSet<>();
        String example = null;
        TimeStamps.Kind kind = TimeStamps.Kind.NUMBER;
        for (Map.Entry<String, List<Integer>> e : rowsById.entrySet()) {
            TimeStamps.Time previous = null;
            int previousRow = -1;
            for (int r : e.getValue()) {
                TimeStamps.Time t = TimeStamps.parse(table.rows().get(r)[loc.time()]);
                if (t == null || previous != null && previous.kind() != t.kind()) {
                    continue; // refused on its own where it is read
                }
                kind = t.kind() != TimeStamps.Kind.NUMBER ? t.kind() : kind;
                boolean found = outOfOrder ? previous != null && previous.after(t)
                        : previous != null && !t.after(previous) && !previous.after(t) && sameFeatures(table, loc, previousRow, r);
                if (found && (!outOfOrder || !sequences.contains(e.getKey()))) {
                    count++;
                    sequences.add(e.getKey());
                    example = example != null ? example : LabelCheck.quoted(e.getKey()) + " line " + table.lines().get(r);
                }
                previous = t;
                previousRow = r;
            }
        }
        if (count == 0) {
            return "";
        }
        return outOfOrder
                ? "also: " + count + (count == 1 ? " sequence" : " sequences") + " with rows out of order, e.g. " + example
                + (table.header() != null ? ", sorted with pandas" + pandasSort(table, loc, kind, "") : "")
                : "also: " + count + " duplicated row(s) in " + sequences.size() + " sequence(s), each repeating the row before "
                + "(time and every feature), e.g. " + example + ": df.drop_duplicates()";
    }

    /**
     * The pandas line (from its colon on) that sorts a long file's rows by time within each id and keeps the ids in the
     * order they first appear, with what it keeps said when there is an id column: {@code predict} writes its rows in that
     * order, so the plain {@code df.sort_values([id, time])} suggested before sorted the ids too, and a competitor who
     * followed it got a submission in sorted-id order instead of the test file's (trial 79a F1). Date-times are parsed
     * first, so that they sort as date-times and not as text: those with an offset as instants ({@code utc=True}), local ones
     * as local (trial 81a F3: {@code utc=True} wrote {@code +00:00} onto a model's local times, which it then warned of).
     * {@code read} ({@link #pandasRead}) goes first.
     */
    private static String pandasSort(CsvTable table, CsvSchema.Located loc, TimeStamps.Kind kind, String read) {
        String time = pyName(table.header().get(loc.time()));
        String strftime = TimeStamps.strftime(TimeStamps.format());
        if (strftime != null) { // --set timeFormat: sorted by the times read with it, the column written back as it was
            String key = "_t=pd.to_datetime(df[" + time + "], format='" + strftime + "')";
            return loc.id() < 0 ? ": " + read + "df.assign(" + key + ").sort_values([\"_t\"], kind='stable').drop(columns=\"_t\")"
                    : " (the ids kept in the order they first appear, the order predict writes them): " + read + "df.assign(_o=df"
                    + ".groupby(" + pyName(table.header().get(loc.id())) + ", sort=False).ngroup(), " + key + ").sort_values([\"_o\", "
                    + "\"_t\"], kind='stable').drop(columns=[\"_o\", \"_t\"])";
        }
        String parse = read + (kind == TimeStamps.Kind.NUMBER ? "" : "df[" + time + "] = pd.to_datetime(df[" + time + "]"
                + (kind == TimeStamps.Kind.INSTANT ? ", utc=True" : "") + "); ");
        if (loc.id() < 0) {
            return ": " + parse + "df.sort_values([" + time + "], kind='stable')";
        }
        return " (the ids kept in the order they first appear, the order predict writes them): " + parse
                + "df.assign(_o=df.groupby(" + pyName(table.header().get(loc.id())) + ", sort=False).ngroup())"
                + ".sort_values([\"_o\", " + time + "], kind='stable').drop(columns=\"_o\")";
    }

    /**
     * The note for new data whose date-times are of the other kind than the model's training data ({@link TimeStep#offsets}):
     * local wall-clock times where training had offsets, or the reverse; null when they are of one kind, or the model's
     * kind was not recorded (models saved before it), or either holds numbers. They are read as written (trial 79c F6: a
     * model trained on offset times predicted a file of local times without a word; a file of another zone would pass too).
     */
    static String otherTimeKind(TimeStep trained, TimeStamps.Kind kind) {
        if (trained == null || trained.offsets() == null || kind == null || kind == TimeStamps.Kind.NUMBER
                || trained.offsets() == (kind == TimeStamps.Kind.INSTANT)) {
            return null;
        }
        return trained.offsets()
                ? "the model was trained on date-times with an offset (instants), this file has local date-times without one: "
                + "they are read as written, as the clock shows them, which repeats an hour where daylight saving time ends and "
                + "skips one where it starts, and may be another zone's; write them with their offset, or in UTC, as the "
                + "training data were"
                : "the model was trained on local date-times without an offset, this file has date-times with one: they are "
                + "read as instants, ordered and spaced in real time, where training read its times as the clock showed them; "
                + "if the steps differ around a daylight-saving change, write them as the training data were";
    }

    /**
     * The file's other rows that repeat the row before them, time and every feature, counted for the refusal of the first
     * ("" when there is none; {@code " (3 other duplicated rows in 3 sequences, e.g. 'tr0100' line 57: drop_duplicates() removes them all)"}), as
     * the refusal of rows out of order counts the other sequences (trial 81b F6).
     */
    private static String otherDuplicatedRows(CsvTable table, CsvSchema.Located loc, Map<String, List<Integer>> rowsById,
            long refusedLine) {
        long count = 0;
        Set<String> sequences = new HashSet<>();
        String example = null;
        for (Map.Entry<String, List<Integer>> e : rowsById.entrySet()) {
            TimeStamps.Time previous = null;
            int previousRow = -1;
            for (int r : e.getValue()) {
                TimeStamps.Time t = TimeStamps.parse(table.rows().get(r)[loc.time()]);
                if (t == null || previous != null && previous.kind() != t.kind()) {
                    previous = null;
                    continue;
                }
                if (previous != null && !t.after(previous) && !previous.after(t) && sameFeatures(table, loc, previousRow, r)
                        && table.lines().get(r) != refusedLine) {
                    count++;
                    sequences.add(e.getKey());
                    example = example != null ? example : LabelCheck.quoted(e.getKey()) + " line " + table.lines().get(r);
                }
                previous = t;
                previousRow = r;
            }
        }
        return count == 0 ? "" : " (" + count + " other duplicated row(s) in "
                + sequences.size() + " sequence(s), e.g. " + example + ": drop_duplicates() removes them all)";
    }

    /**
     * The rows of the whole file at the time of the row before with other values (two readings of one time), counted where a
     * duplicated row or rows out of order are refused, so that one run shows them too ({@code "also: 1 time(s) repeated with
     * other values ..., e.g. 'B1-w05' line 87"}); empty when there is none. Trial 79c F4: a duplicated row at line 486 was
     * refused, and only the run after {@code drop_duplicates()} refused line 87, whose sequence (sampled at a rate, one tie in
     * 16 rows) is judged at the file's end. Counted for a time column of whole seconds only, where such rows are refused in
     * a sequence sampled at a rate; rows out of order are skipped (counted on their own).
     */
    private static String repeatedTimes(CsvTable table, CsvSchema.Located loc, Map<String, List<Integer>> rowsById) {
        long count = 0;
        String example = null;
        for (Map.Entry<String, List<Integer>> e : rowsById.entrySet()) {
            TimeStamps.Time previous = null;
            int previousRow = -1;
            for (int r : e.getValue()) {
                TimeStamps.Time t = TimeStamps.parse(table.rows().get(r)[loc.time()]);
                if (t == null || previous != null && previous.kind() != t.kind()) {
                    continue; // refused on its own where it is read
                }
                if (previous != null && !t.after(previous) && !previous.after(t) && !sameFeatures(table, loc, previousRow, r)) {
                    count++;
                    example = example != null ? example : LabelCheck.quoted(e.getKey()) + " line " + table.lines().get(r);
                }
                previous = t;
                previousRow = r;
            }
        }
        return count == 0 ? "" : "also: " + count + " time(s) repeated with other values, e.g. " + example + " (two readings of "
                + "one time, refused in a sequence sampled at a rate): keep one (or their mean) per time" + keepOnePerTime(table, loc);
    }

    /**
     * The pandas lines that keep one row per time of each sequence, or their mean, for the refusals of two readings of one
     * time: {@code drop_duplicates} on the id and time, or a {@code groupby} on them and the columns constant per sequence
     * (label, group, split) that {@code mean(numeric_only=True)} would drop, in file order ({@code sort=False}: sorting the
     * time as text misorders offsets across a DST change). Empty without a header.
     */
    static String keepOnePerTime(CsvTable table, CsvSchema.Located loc) {
        if (table.header() == null || loc.time() < 0) {
            return "";
        }
        List<String> keys = IntStream.of(loc.id(), loc.time()).filter(c -> c >= 0).mapToObj(c -> table.header().get(c)).toList();
        List<String> perSequence = IntStream.of(loc.label(), loc.group(), loc.split()).filter(c -> c >= 0)
                .mapToObj(c -> table.header().get(c)).toList();
        String subset = keys.stream().map(CsvSequenceDataset::pyName).collect(Collectors.joining(", ", "[", "]"));
        String by = Stream.concat(keys.stream(), perSequence.stream()).map(CsvSequenceDataset::pyName)
                .collect(Collectors.joining(", ", "[", "]"));
        return " (pandas: df.drop_duplicates(subset=" + subset + ") keeps the first; df.groupby(" + by + ", as_index=False, "
                + "sort=False).mean(numeric_only=True) their mean)";
    }

    /**
     * When the time at {@code line} goes back to before the sequence's first row and increases again for at least two rows
     * from there: a sentence saying that this looks like a second recording under the same id, which sorting would interleave
     * with the first; else empty.
     */
    private static String appendedRecording(CsvTable table, CsvSchema.Located loc, List<Integer> rows, long line,
                                            TimeStamps.Time read, TimeStamps.Time previous) {
        if (loc.time() < 0 || rows.isEmpty()) {
            return "";
        }
        TimeStamps.Time first = TimeStamps.parse(table.rows().get(rows.get(0))[loc.time()]);
        if (first == null || first.kind() != read.kind() || !first.after(read)) {
            return "";
        }
        int at = -1;
        for (int j = 0; j < rows.size(); j++) {
            if (table.lines().get(rows.get(j)) == line) {
                at = j;
                break;
            }
        }
        if (at < 0 || at + 1 >= rows.size()) {
            return "";
        }
        TimeStamps.Time next = TimeStamps.parse(table.rows().get(rows.get(at + 1))[loc.time()]);
        // and the row after it still before the row the time went back from: one misplaced row is followed by a time past
        // that row's (it is only out of order), a second recording by its own next step
        if (next == null || next.kind() != read.kind() || !next.after(read) || !previous.after(next)) {
            return "";
        }
        // and the sequence's times form few increasing runs of several rows each: rows scattered through the file (an
        // export without ORDER BY) go back and forth many times, and sorting is their fix (trial 72d F3)
        if (!fewIncreasingRuns(table, loc, rows)) {
            return "";
        }
        return "; the time goes back to before the sequence's first row (line " + table.lines().get(rows.get(0)) + ") and increases "
                + "again from here: two recordings under one id (one appended after the other)? Sorting by id and time would "
                + "interleave them into one sequence: give each recording its own id";
    }

    /**
     * When the label of the sequence's {@code rows} changes once, at row {@code changed}, and keeps its new value to the
     * last row, which are few ({@link #OUTCOME_TAIL_ROWS} or at most a quarter of the rows, and fewer than before the
     * change): the hint to give every row the sequence's outcome (an outcome flag set on a session's purchase event, trial
     * 72d F8), ending in "; else "; otherwise empty.
     */
    private static String outcomeAtEnd(CsvTable table, CsvSchema.Located loc, List<Integer> rows, int changed) {
        if (table.header() == null || loc.id() < 0) {
            return "";
        }
        String outcome = table.rows().get(rows.get(changed))[loc.label()].strip();
        for (int j = changed + 1; j < rows.size(); j++) {
            if (!table.rows().get(rows.get(j))[loc.label()].strip().equals(outcome)) {
                return "";
            }
        }
        int tail = rows.size() - changed;
        if (tail >= changed || (tail > OUTCOME_TAIL_ROWS && 4 * tail > rows.size())) {
            return "";
        }
        String labelName = pyName(table.header().get(loc.label()));
        return "if the label is an outcome marked on a sequence's last row(s) only (here it changes once, to "
                + LabelCheck.quoted(outcome) + " on the last " + tail + " of " + rows.size() + " rows, line "
                + table.lines().get(rows.get(changed)) + " on), give every row its sequence's outcome, e.g. pandas: df[" + labelName
                + "] = df.groupby(" + pyName(table.header().get(loc.id())) + ")[" + labelName + "].transform('last'); else ";
    }

    /**
     * How many of the file's sequences change label along them, with a second example beside the one refused ("" when
     * only that one does): every recording of a segmentation file (300 of 300) is told from one stray typo (trial 81b F7).
     */
    private static String changingSequences(CsvTable table, CsvSchema.Located loc, Map<String, List<Integer>> rowsById) {
        int changing = 0;
        String second = null;
        for (Map.Entry<String, List<Integer>> e : rowsById.entrySet()) {
            String first = null;
            for (int r : e.getValue()) {
                String l = optionalLabel(table.rows().get(r)[loc.label()]);
                if (l == null) {
                    continue;
                }
                if (first == null) {
                    first = l;
                } else if (!l.equals(first)) {
                    if (++changing == 2) {
                        second = e.getKey();
                    }
                    break;
                }
            }
        }
        return changing < 2 ? " (no other sequence of the file changes label)" : " (" + changing + " of the " + rowsById.size()
                + " sequences change label along them, e.g. also " + LabelCheck.quoted(second) + ")";
    }

    /**
     * The {@code data windows} command that cuts the file into windows of one label each ({@code --label-rule all}: the
     * default rule, last, labels a window of two labels by its last row), with the file's own columns; "" without a header,
     * an id or a time column.
     */
    private static String windowsCommand(CsvTable table, CsvSchema.Located loc, boolean perRowNumbers) {
        if (table.header() == null || loc.id() < 0 || loc.time() < 0) {
            return "";
        }
        String command = ", e.g. rnnlab data windows --input " + table.file() + " --entity " + table.header().get(loc.id())
                + " --time " + table.header().get(loc.time()) + " --length N --label " + table.header().get(loc.label());
        // a number per row: binned first, each window labelled by its last row's class (all would skip most windows)
        return perRowNumbers ? command + "_class --out windows.csv (each window labelled by its last row's class)"
                : command + " --label-rule all --out windows.csv (all skips the windows whose rows hold two labels; without it "
                + "each takes its last row's label)";
    }

    /**
     * The refusal {@code bad} of a label that changes along a sequence, with what it is and what to do: a number per row
     * said first ({@link #perRowNumbers}), how many sequences change label, an outcome marked at the end, and the windows.
     */
    private static DatasetFormatException perStepLabels(DatasetFormatException bad, CsvTable table, CsvSchema.Located loc,
            Map<String, List<Integer>> rowsById, List<Integer> rows, int changed) {
        String perRow = perRowNumbers(table, loc);
        return bad.withHint(perRow + "rnnlab classifies whole sequences, one label each: a label that changes along a sequence "
                + "is a label per time step, which it does not learn (nor a number to regress)"
                + changingSequences(table, loc, rowsById) + "; " + outcomeAtEnd(table, loc, rows, changed)
                + "cut each recording into windows with one label each, every window its own sequence id"
                + windowsCommand(table, loc, !perRow.isEmpty()));
    }

    /**
     * For a label that changes along sequences: when the label column holds numbers, more than {@value
     * #NUMERIC_LABELS_REFUSED_OVER} distinct, it is a number per row (a forecast target such as the next hour's load), said
     * first with what to do, else "" (trial 81b F7: a per-row forecast target got the advice of windows only, which would
     * have made 500 classes).
     */
    private static String perRowNumbers(CsvTable table, CsvSchema.Located loc) {
        java.util.TreeSet<Double> values = new java.util.TreeSet<>();
        for (String[] row : table.rows()) {
            String l = optionalLabel(row[loc.label()]);
            if (l == null) {
                continue;
            }
            if (!CsvTable.isDecimal(l.strip())) {
                return "";
            }
            values.add(Double.parseDouble(l.strip()));
        }
        if (values.size() <= NUMERIC_LABELS_REFUSED_OVER) {
            return "";
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        String name = table.header() == null ? "label" : table.header().get(loc.label());
        return "the label column '" + name + "' holds " + sorted.length + " distinct numbers (" + numberRange(sorted)
                + ") that change from row to row: a number per row, a forecasting or regression target, which rnnlab does not "
                + "do; to classify windows instead, group the values into a few classes (e.g. pandas: df[" + pyName(name
                + "_class") + "] = " + cutLine(name, sorted) + ") and cut windows labelled by their last row; ";
    }

    /** A label changing once this many rows or fewer before a sequence's end is read as an outcome marked at its end. */
    static final int OUTCOME_TAIL_ROWS = 2;

    /** At most this many increasing runs of a sequence's times are read as recordings appended under one id. */
    static final int MAX_APPENDED_RUNS = 3;

    /** Each of those runs holds at least this many rows (a run of one or two rows is a row out of order). */
    static final int MIN_APPENDED_RUN_ROWS = 3;

    /**
     * Whether the times of the sequence's {@code rows} form at most {@link #MAX_APPENDED_RUNS} increasing runs (a new run
     * starting where the time does not increase) of at least {@link #MIN_APPENDED_RUN_ROWS} rows each: recordings appended
     * one after the other, not rows in no order.
     */
    private static boolean fewIncreasingRuns(CsvTable table, CsvSchema.Located loc, List<Integer> rows) {
        int runs = 1;
        int runRows = 0;
        TimeStamps.Time before = null;
        for (int row : rows) {
            TimeStamps.Time time = TimeStamps.parse(table.rows().get(row)[loc.time()]);
            if (time == null) {
                return false;
            }
            if (before != null && !time.after(before)) {
                if (runRows < MIN_APPENDED_RUN_ROWS || ++runs > MAX_APPENDED_RUNS) {
                    return false;
                }
                runRows = 0;
            }
            runRows++;
            before = time;
        }
        return runRows >= MIN_APPENDED_RUN_ROWS;
    }

    /**
     * When the time of a sequence starts again in blocks of two or more rows, and another column is constant within each
     * block and changes from one to the next (a channel): a sentence naming them, with the pivot that writes one row per
     * time step; else empty. That is sktime's long layout ({@code case_id,dim_id,reading_id,value}: one row per case,
     * channel and reading), whose time repeats once per channel (a user's try: "time 0 of sequence '0' does not increase
     * after line 59", no word of the channels).
     */
    private static String channelBlocks(CsvTable table, CsvSchema.Located loc, List<Integer> rows) {
        List<Integer> starts = new ArrayList<>(List.of(0)); // the first row of each block, as indices into rows
        TimeStamps.Time previous = null;
        for (int j = 0; j < rows.size(); j++) {
            TimeStamps.Time time = TimeStamps.parse(table.rows().get(rows.get(j))[loc.time()]);
            if (time == null) {
                return "";
            }
            if (j > 0 && !time.after(previous)) {
                starts.add(j);
            }
            previous = time;
        }
        starts.add(rows.size());
        for (int b = 1; b < starts.size(); b++) {
            if (starts.get(b) - starts.get(b - 1) < 2) {
                return ""; // blocks of one row: a time that does not increase at all, not channels
            }
        }
        if (starts.size() < 3) {
            return "";
        }
        for (int c = 0; c < table.width(); c++) {
            if (c == loc.time() || c == loc.id() || c == loc.label()) {
                continue;
            }
            boolean channel = true;
            for (int b = 0; b + 1 < starts.size() && channel; b++) {
                String value = table.rows().get(rows.get(starts.get(b)))[c];
                for (int j = starts.get(b); j < starts.get(b + 1) && channel; j++) {
                    channel = table.rows().get(rows.get(j))[c].equals(value);
                }
                channel &= b == 0 || !value.equals(table.rows().get(rows.get(starts.get(b - 1)))[c]);
            }
            final int column = c;
            long otherValues = IntStream.of(loc.features()).filter(f -> f != column).count();
            // several value columns beside it: not sktime's one value per row, but windows of several stations under one id
            // (a trial's ids 2021-10-04T01 at 8 stations were told to pivot on 'station_code')
            if (channel && (c == loc.group() || "group".equals(roleOf(table, c)) || otherValues > 1)) {
                // a subject or session column changing with the blocks: ids numbered per subject, not channels (a fresh-user
                // trial's windows w0000... in each subject were told to pivot on 'subject')
                String name = table.columnName(c);
                return "; the time starts again at line " + table.lines().get(rows.get(starts.get(1))) + " (" + (starts.size() - 1)
                        + " blocks in this sequence), where column " + name + " changes, constant within each block: the "
                        + "ids seem to be numbered per " + name + ", so different recordings share one id; make the ids unique "
                        + "(e.g. " + name + " and id joined into one id"
                        + (table.header() == null || loc.id() < 0 ? ")" : ", in pandas df[" + pyName(table.header().get(loc.id()))
                        + "] = df[" + pyName(table.header().get(c)) + "].astype(str) + '_' + df[" + pyName(table.header().get(loc.id()))
                        + "].astype(str))");
            }
            if (channel) {
                return channelAdvice(table, loc, c, starts.size() - 1, table.lines().get(rows.get(starts.get(1))));
            }
        }
        return "";
    }

    /**
     * When the time of a sequence goes back where another column changes value (not a feature, nor the id, time or label
     * column), that column constant within each piece between the steps back, each piece of 2 rows or more with a value of
     * its own: a sentence saying that the id seems to hold several sequences, naming that column, with the pandas join of
     * the two into a new id column (or that column as the id, where each of its values occurs under one id only); else
     * empty. Rows at the time of the row before do not part pieces (events of one second, whose blocks of one row
     * {@link #channelBlocks} does not read). A learning-analytics trial's {@code --set sequenceId=student_id}, students'
     * rows of several courses sorted by student, course and time, was told to sort by student and time, which merged each
     * student's courses and then met a label that changed along the "sequence".
     */
    private static String severalSequences(CsvTable table, CsvSchema.Located loc, List<Integer> rows) {
        if (loc.id() < 0 || loc.time() < 0) {
            return "";
        }
        List<Integer> starts = new ArrayList<>(List.of(0)); // the first row of each piece, as indices into rows
        TimeStamps.Time previous = null;
        for (int j = 0; j < rows.size(); j++) {
            TimeStamps.Time time = TimeStamps.parse(table.rows().get(rows.get(j))[loc.time()]);
            if (time == null || previous != null && time.kind() != previous.kind()) {
                return ""; // refused for itself where read
            }
            if (previous != null && previous.after(time)) {
                starts.add(j);
            }
            previous = time;
        }
        starts.add(rows.size());
        if (starts.size() < 3) {
            return "";
        }
        for (int b = 1; b < starts.size(); b++) {
            if (starts.get(b) - starts.get(b - 1) < 2) {
                return ""; // pieces of one row: rows out of order (a file in descending time), not sequences
            }
        }
        List<Integer> columns = new ArrayList<>(); // those constant within each piece, with a value of its own
        for (int c = 0; c < table.width(); c++) {
            final int column = c;
            if (c == loc.id() || c == loc.time() || c == loc.label() || IntStream.of(loc.features()).anyMatch(f -> f == column)) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            boolean pieces = true;
            for (int b = 0; b + 1 < starts.size() && pieces; b++) {
                String value = table.rows().get(rows.get(starts.get(b)))[c];
                pieces = seen.add(value); // a value of its own: not a flag that alternates
                for (int j = starts.get(b); j < starts.get(b + 1) && pieces; j++) {
                    pieces = table.rows().get(rows.get(j))[c].equals(value);
                }
            }
            if (pieces) {
                columns.add(c);
            }
        }
        if (columns.isEmpty()) {
            return "";
        }
        // one whose values each occur under one id only names the sequences alone (the trial's enrolment_id beside
        // student_id and course_id): read as the id, no join needed
        int c = columns.stream().filter(k -> namesAlone(table, loc.id(), k)).findFirst().orElse(columns.get(0));
        boolean alone = namesAlone(table, loc.id(), c);
        String name = table.columnName(c);
        int back = starts.get(1);
        String advice;
        if (alone) {
            advice = "column " + name + " names each alone: " + (table.header() == null ? "read it as the sequence id"
                    : "--set sequenceId=" + table.header().get(c));
        } else if (table.header() == null) {
            advice = "join the two columns into a new id column and read that as the sequence id";
        } else {
            String joined = table.header().get(loc.id()) + "_" + table.header().get(c);
            advice = "e.g. in pandas df[" + pyName(joined) + "] = df[" + pyName(table.header().get(loc.id())) + "].astype(str) + "
                    + "'_' + df[" + pyName(table.header().get(c)) + "].astype(str), then --set sequenceId=" + joined;
        }
        return "; the time goes back at line " + table.lines().get(rows.get(back)) + ", where column " + name + " changes ('"
                + CsvTable.abbreviate(table.rows().get(rows.get(back - 1))[c]) + "' to '"
                + CsvTable.abbreviate(table.rows().get(rows.get(back))[c]) + "'), constant within each of the "
                + (starts.size() - 1) + " pieces that the time parts this sequence into: the id column "
                + table.columnName(loc.id()) + " seems to hold several sequences, one per " + name + ", read as one; give each "
                + "its own id first (" + advice + ")";
    }

    /** Whether each value of column {@code column} occurs under one value of the id column only, in the whole table. */
    private static boolean namesAlone(CsvTable table, int id, int column) {
        Map<String, String> idOf = new HashMap<>();
        for (String[] row : table.rows()) {
            String before = idOf.putIfAbsent(row[column], row[id]);
            if (before != null && !before.equals(row[id])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The words of {@link #channelBlocks} (and of the warning when the same file is read without a time column): the
     * channel column, the layout it suggests, and the pandas pivot that gives each channel a column.
     */
    private static String channelAdvice(CsvTable table, CsvSchema.Located loc, int channel, int blocks, long restart) {
        String name = table.columnName(channel);
        String advice = "; the time starts again at line " + restart + " (" + blocks + " blocks in this sequence), where column "
                + name + " changes, constant within each block: a channel, so the file seems to hold one row per sequence, "
                + "channel and time step (sktime's long layout, case_id,dim_id,reading_id,value), where rnnlab reads one row "
                + "per time step with a column per channel";
        List<String> values = new ArrayList<>();
        for (int c : loc.features()) {
            if (c != channel && table.header() != null) {
                values.add("'" + table.header().get(c) + "'");
            }
        }
        if (table.header() == null || values.size() != 1) {
            return advice + ": give each channel a column first (" + CsvTable.CONVERSION + ")";
        }
        List<String> index = new ArrayList<>();
        for (int c : new int[] {loc.id(), loc.time(), loc.label()}) {
            if (c >= 0) {
                index.add("'" + table.header().get(c) + "'");
            }
        }
        return advice + ": pivot it first, e.g. " + pivot(index, table.header().get(channel), values.get(0));
    }

    /** The pandas pivot that gives each channel a column, with where the README shows it. */
    private static String pivot(List<String> index, String channel, String value) {
        return "df.pivot(index=[" + String.join(", ", index) + "], columns='" + channel + "', values=" + value
                + ").add_prefix('" + channel + "_').reset_index() (" + CsvTable.CONVERSION + ")";
    }

    /**
     * Warns of sequences whose rows come in separate blocks of the file, other sequences' rows between, when there is no
     * time column: the rows' order is then their time order, and the blocks are joined end to end into one sequence. Ids
     * that restart per subject, machine or file do that to different recordings (a user's try: 150 recordings numbered 1 to
     * 15 per subject became 15 sequences of 10 subjects each, with no word but a warning of their length).
     */
    private static void warnSplitBlocks(CsvTable table, Map<String, List<Integer>> rowsById, boolean timed) {
        List<String> split = new ArrayList<>();
        int count = 0;
        for (Map.Entry<String, List<Integer>> e : rowsById.entrySet()) {
            List<Integer> rows = e.getValue();
            int blocks = 1;
            int firstGap = -1; // the first row index after a gap
            for (int j = 1; j < rows.size(); j++) {
                if (rows.get(j) - rows.get(j - 1) != 1) {
                    blocks++;
                    firstGap = firstGap < 0 ? j : firstGap;
                }
            }
            // with a time column, rows of several sequences interleaved one by one (a log sorted by time) are ordinary;
            // blocks of several rows each are recordings (a user's try: ids restarting per patient, with epoch-second times
            // rising across them, merged 76 recordings into 5 sequences without a word)
            if (blocks == 1 || timed && rows.size() < 3 * blocks) {
                continue;
            }
            count++;
            if (split.size() < 3) {
                split.add("'" + e.getKey() + "': " + blocks + " blocks, lines " + table.lines().get(rows.get(0)) + "-"
                        + table.lines().get(rows.get(firstGap - 1)) + ", then from line " + table.lines().get(rows.get(firstGap)));
            }
        }
        if (count > 0) {
            LOG.warn("csv {}: the rows of {} of the {} sequences come in separate blocks with other sequences' rows between (e.g. {}): "
                    + (timed ? "each sequence's blocks are joined in the file's order, so its times must go on increasing from one block "
                    + "to the next; " : "with no time column the rows' order is their time order, so each sequence's blocks are "
                    + "joined end to end; ")
                    + "if its ids restart (per subject, machine or file), different recordings are merged into one sequence: make "
                    + "the ids unique (e.g. subject and number joined into one id); if the blocks belong together, nothing is wrong",
                    org.rnnlab.datasets.InputNames.shown(table.file()), count, rowsById.size(), String.join("; ", split));
        }
    }

    private static void same(int col, String[] row, String expected, String what, String id, Path file, long line, long firstLine) {
        if (col >= 0 && !row[col].equals(expected)) {
            throw new DatasetFormatException(file, line, "sequence " + LabelCheck.quoted(id) + " has " + what + " "
                    + LabelCheck.quoted(CsvTable.abbreviate(row[col])) + " (expected " + LabelCheck.quoted(expected)
                    + " as on its first row, line " + firstLine + ")");
        }
    }

    /**
     * The index of the labels file's column of file names: in training the one {@code --set file=} names (default
     * {@code file}), refused with the column that holds file names when there is none of that name; in new data (predict,
     * evaluate: the model does not record the name) {@code file}, else the first column whose first value names a file of
     * the folder (a model trained with {@code --set file=}), said once.
     */
    /**
     * The labels file {@code labels} with the listed names of its file column that lack {@code .csv} completed (a
     * historian's batch ids, which never carry it: a trial had to rewrite a labels file of 249 rows) where the folder holds
     * exactly {@code NAME.csv} and no file {@code NAME}: the sequence is then read, named and matched (unlisted files,
     * duplicates) by its file name as every other one, and this is said once in a note; the same table when there is none.
     * A name with no such file, or one whose {@code .csv} file exists only in another case, stays as written, refused where
     * the files are read with the name that file has.
     */
    private static CsvTable withCsvNames(CsvTable labels, Path folder, char delimiter) {
        if (folder == null || !Files.isDirectory(folder) || labels.header() == null || labels.rows().isEmpty()) {
            return labels;
        }
        int c = fileColumn(labels, folder, delimiter);
        List<String[]> rows = null;
        int completed = 0;
        String example = null;
        Map<Path, Map<String, Long>> namesIn = new HashMap<>(); // per folder: its entries' names in lower case, counted
        for (int r = 0; r < labels.rows().size(); r++) {
            String name = labels.cell(r, c).strip();
            if (name.isEmpty() || name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                continue;
            }
            try {
                Path file = folder.resolve(name + ".csv");
                if (Files.exists(folder.resolve(name)) || !Files.isRegularFile(file)
                        || !file.getFileName().toString().equals(file.toRealPath().getFileName().toString())
                        || namesIn.computeIfAbsent(file.getParent(), CsvSequenceDataset::lowerCaseNames)
                        .getOrDefault(file.getFileName().toString().toLowerCase(Locale.ROOT), 0L) != 1) {
                    continue; // the name is a file itself, NAME.csv is not there (or only in another case), or another
                    // file differs from it in case only (NAME.CSV beside it): ambiguous, refused as not found
                }
            } catch (IOException | java.nio.file.InvalidPathException | UncheckedIOException e) {
                continue;
            }
            if (rows == null) {
                rows = new ArrayList<>(labels.rows().size());
                for (int k = 0; k < labels.rows().size(); k++) {
                    rows.add(labels.rows().get(k).clone());
                }
            }
            rows.get(r)[c] = name + ".csv";
            completed++;
            if (example == null) {
                example = name;
            }
        }
        if (rows == null) {
            return labels;
        }
        LOG.info("csv {}: {} listed name(s) in column {} lack '.csv' (e.g. '{}'): each is read as the file of that name with "
                + ".csv in {} ({}.csv), the one file there by that name, and the sequence is named by its file name",
                labels.file(), completed, labels.columnName(c), example, folder, example);
        return new CsvTable(labels.file(), labels.header(), rows, labels.lines(), labels.steps());
    }

    /** The names of a folder's entries in lower case, each with how many entries have it. */
    private static Map<String, Long> lowerCaseNames(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT))
                    .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + folder, e);
        }
    }

    private static int fileColumn(CsvTable labels, Path folder, char delimiter) {
        Column chosen = FILE_COLUMN.get();
        Column wanted = chosen != null ? chosen : Column.named(CsvOptions.DEFAULT_FILE_NAME);
        if (wanted.name() == null || labels.header().contains(wanted.name())) {
            return chosenColumn(wanted, labels, "file", null);
        }
        int holding = -1;
        for (int c = 0; c < labels.width() && holding < 0 && !labels.rows().isEmpty(); c++) {
            String value = labels.rows().get(0)[c];
            if (!value.isBlank() && (Files.isRegularFile(folder.resolve(value)) || !nearMatch(folder, value).isEmpty())) {
                holding = c;
            }
        }
        if (chosen == null && holding >= 0) {
            LOG.info("csv {}: no column '{}': its column {} names the files of {}, read as the file names", labels.file(),
                    CsvOptions.DEFAULT_FILE_NAME, labels.columnName(holding), folder);
            return holding;
        }
        // training names its column (the default 'file' when not set); new data are read with the model's contract, which
        // has no --set (a user's evaluate of a folder was told "--set file=COLUMN names it", an option evaluate refuses)
        boolean training = chosen != null;
        String otherDelimiter = labelsDelimiterHint(labels.header(), delimiter, training);
        throw new DatasetFormatException(labels.file(), 1, "no column named '" + wanted + "' "
                + "(expected the column of file names, one of " + labels.header() + ")" + (!otherDelimiter.isEmpty() ? otherDelimiter
                : !training ? "; the labels file of the folder layout names the files in a column '" + CsvOptions.DEFAULT_FILE_NAME
                + "': rename the column of file names to that"
                : holding < 0 ? "; --set file=COLUMN names it"
                : "; column " + labels.columnName(holding) + " holds file names of the folder: --set file="
                + labels.header().get(holding) + " reads it"));
    }

    /**
     * When a labels file's header reads as one column holding another usual delimiter (a ';'-separated labels file beside
     * comma-separated sequence files, as a spreadsheet of a German or French locale saves it): a sentence saying so, with what
     * {@code training} or new data (the model's delimiter, no setting) can do about it; else empty.
     */
    static String labelsDelimiterHint(List<String> header, char delimiter, boolean training) {
        if (header == null || header.size() != 1) {
            return "";
        }
        for (char d : new char[] {';', '\t', '|', ',', ' '}) {
            String only = d == ' ' ? header.get(0).strip() : header.get(0);
            if (d == delimiter || only.indexOf(d) < 0) {
                continue;
            }
            String holds = d == '\t' ? "tabs" : d == ' ' ? "spaces" : "'" + d + "'";
            String own = delimiter == '\t' ? "tab" : "'" + delimiter + "'";
            return "; the header reads as one column but holds " + holds + ": the labels file is read with the delimiter of "
                    + (training ? "the data, " + own + ", as the sequence files are: write the labels file with " + own
                    + (d == ',' ? " (or, if the sequence files are ','-separated too, leave out --set delimiter)"
                    : ", or, if the sequence files are " + (d == '\t' ? "tab" : d == ' ' ? "space" : Character.toString(d))
                    + "-separated too, read all with --set 'delimiter=" + (d == '\t' ? "tab" : Character.toString(d)) + "'")
                    : "the data, " + own + " (the model's training files', unless --delimiter was given): write the labels file "
                    + "with " + own);
        }
        return "";
    }

    /**
     * A note naming the file of {@code folder} that a listed name that is not there probably means: the name with
     * {@code .csv} added, or a name differing in case only (macOS and Windows file systems ignore case, Linux does not);
     * empty when there is none.
     */
    static String nearMatch(Path folder, String name) {
        List<String> entries;
        try (Stream<Path> s = Files.list(folder)) {
            entries = s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
        if (name.indexOf('\\') >= 0) { // a labels file written on Windows: 'Tag 2\\Messung_20.csv' for Tag 2/Messung_20.csv
            String slashed = name.replace('\\', '/');
            boolean there;
            try {
                there = Files.isRegularFile(folder.resolve(slashed));
            } catch (java.nio.file.InvalidPathException e) {
                there = false;
            }
            return "; the name holds '\\', which is part of a file name on this system, not a folder separator" + (there
                    ? ": " + slashed + " is there, list it as '" + slashed + "'" : " (write sub-folders with '/')");
        }
        for (String candidate : List.of(name + ".csv", name)) {
            if (entries.contains(candidate) && !candidate.equals(name)) {
                return "; " + candidate + " is there: the labels file must list each file by its whole name, with .csv";
            }
            for (String e : entries) {
                if (e.equalsIgnoreCase(candidate) && !e.equals(name)) {
                    return "; " + e + " is there, its name differing in case" + (e.equalsIgnoreCase(name) ? "" : " and with .csv")
                            + ": names are matched exactly, so list it as '" + e + "'";
                }
            }
        }
        return "";
    }

    private static List<CsvSequence> readFolder(CsvTable listed, Path folder, CsvSchema schema, boolean labelRequired,
                                                List<DatasetProvenance.FileChecksum> checksums, List<String> dropped) {
        // predict's and evaluate's labels files too (completed once: a table completed before is returned as it is)
        CsvTable labels = schema.folderLabels() != null ? listed : withCsvNames(listed, folder, schema.delimiterChar());
        Path previous = FILL_SOURCE.get();
        FILL_SOURCE.set(labels.file()); // fills are counted per labels file (the training, validation, test lists of one folder)
        try {
            List<CsvSequence> read = readListedFiles(labels, folder, schema, labelRequired, checksums, dropped);
            warnExtraColumns(labels.file(), schema);
            Map<String, java.util.Collection<String>> named = new LinkedHashMap<>();
            named.put("sequence files listed", read.stream().map(CsvSequence::id).toList());
            named.put("labels", read.stream().map(CsvSequence::label).toList());
            named.put("groups", read.stream().map(CsvSequence::group).toList());
            if (schema.features() != null) { // the sequence files' column names
                named.put("column names of the sequence files (features)", schema.features().stream().map(Column::name).toList());
            }
            GarbledNames.warn(labels.file(), labels.header(), named);
            return read;
        } finally {
            FILL_SOURCE.set(previous);
        }
    }

    /** Warns of the columns {@link #EXTRA_COLUMNS} gathered while {@code labelsFile}'s files were read, and forgets them. */
    private static void warnExtraColumns(Path labelsFile, CsvSchema schema) {
        Map<String, List<String>> extra = EXTRA_COLUMNS.get();
        if (extra == null || extra.isEmpty()) {
            return;
        }
        Map<List<String>, List<String>> filesByColumns = new LinkedHashMap<>();
        extra.forEach((file, columns) -> filesByColumns.computeIfAbsent(columns, k -> new ArrayList<>()).add(file));
        List<String> each = new ArrayList<>();
        filesByColumns.forEach((columns, files) -> each.add(columns + " in " + shortList(files)));
        LOG.warn("csv {}: column(s) of {} sequence file(s) are not features and are left out (not chosen with --set features=, "
                + "which reads {}): {}", labelsFile, extra.size(), shortList(schema.featureNames()), String.join("; ", each));
        extra.clear();
    }

    private static List<CsvSequence> readListedFiles(CsvTable labels, Path folder, CsvSchema schema, boolean labelRequired,
                                                     List<DatasetProvenance.FileChecksum> checksums, List<String> dropped) {
        int groupCol = schema.group() == null || labels.header() == null ? -1 : labels.header().indexOf(schema.group().name());
        return timedFolder(labels.file(), folder, folderTime(schema), schema.time() != null, schema.timeStep(), () -> {
            if (groupCol >= 0 && FOLDER_SPACING.get() != null && FOLDER_SPACING.get().spacing == null) {
                // each file's group, for the files at another step ({@link TimeSpacing#withGroupColumn})
                FolderTimes times = FOLDER_SPACING.get();
                times.groupColumn = "group column " + labels.header().get(groupCol);
                int fileCol = fileColumn(labels, folder, schema.delimiterChar());
                for (int r = 0; r < labels.rows().size(); r++) {
                    times.groups.put(labels.cell(r, fileCol), labels.cell(r, groupCol));
                }
            }
            List<CsvSequence> read = readListedFilesTimed(labels, folder, schema, labelRequired, checksums, dropped);
            if (READING.get() != null && !READING.get().keep.isEmpty()) {
                // predict --keep-columns of a folder model: the labels file's columns, one row per sequence file
                int fileCol = fileColumn(labels, folder, schema.delimiterChar());
                Map<String, List<Integer>> rowsById = new LinkedHashMap<>();
                for (int r = 0; r < labels.rows().size(); r++) {
                    rowsById.put(labels.cell(r, fileCol), List.of(r));
                }
                READING.get().kept.putAll(SequenceColumns.collect(labels, rowsById, READING.get().keep));
            }
            return read;
        });
    }

    /**
     * Runs {@code read} of a folder of a long-layout model's sequences, one per file, with their times gathered
     * ({@link #addFolderTimes}: the model's time column {@code column} of each file), then measures their usual step and
     * warns of one other than {@code trained}, naming {@code where}. A file whose numeric times do not increase is refused
     * where it is read, so that the folder reader lists every such file in one message with the unreadable ones
     * ({@link BadFiles}), a duplicated row said as such (trial 77c F3: one run named the first of three files with a
     * duplicated ping, as several sequences, and the files' spacing was said before, counting only the 397 others).
     */
    private static List<CsvSequence> longModelFolder(Path where, String column, TimeStep trained,
                                                     java.util.function.Supplier<List<CsvSequence>> read) {
        return timedFolder(where, null, column, false, true, trained, read);
    }

    /**
     * As {@link #timedFolder(Path, String, TimeStep, java.util.function.Supplier)}; {@code chosen}: the column is the folder
     * layout's time column chosen with {@code --set time=} ({@link CsvSchema#time()}), which every file must have, each
     * file's times increasing (as the long layout's sequences'), rather than a column judged where a file has it.
     * {@code folder}: the folder layout's folder, whose per-file resampling loop the warnings print ({@link FolderResample};
     * null: the long layout's sketch). While the training data are read, each file's median step is kept for the splits
     * ({@link #TRAIN_STEPS}, {@link SplitRates}), as the long layout's are: the model's rates count the training split only,
     * and a held-out split at another step is warned of (trial 76f F3, F4: chamber C's 46 wafers at 0.1 s were the whole
     * test split of a model trained at 0.2 s without a word, and the card listed 0.1 s as a training rate).
     */
    private static List<CsvSequence> timedFolder(Path where, Path folder, String column, boolean chosen, TimeStep trained,
                                                 java.util.function.Supplier<List<CsvSequence>> read) {
        return timedFolder(where, folder, column, chosen, false, trained, read);
    }

    /** As {@link #timedFolder(Path, Path, String, boolean, TimeStep, java.util.function.Supplier)}; {@code longModel}: {@link FolderTimes#longModel}. */
    private static List<CsvSequence> timedFolder(Path where, Path folder, String column, boolean chosen, boolean longModel,
                                                 TimeStep trained, java.util.function.Supplier<List<CsvSequence>> read) {
        if (FOLDER_SPACING.get() != null) {
            return read.get();
        }
        FolderTimes times = new FolderTimes(column, chosen, longModel, trained);
        FOLDER_SPACING.set(times);
        try {
            List<CsvSequence> out = read.get();
            if (times.spacing != null) {
                if (folder != null) {
                    times.spacing.withPandas(new FolderResample(folder, Files.isRegularFile(where) ? where : null, column,
                            !times.dateTimes, times.rules));
                }
                // events in the training data are a warning (kept in data-warnings.txt) as the long layout's training file's
                // are (trial 77c F5: the same 400 trips were a WARN as one file, an INFO as a folder)
                MEASURED_STEP.set(times.spacing.warn(where, "'" + column + "' of its sequence files", times.dateTimes, trained,
                        RAW_MEDIANS.get() != null, false));
                if (RAW_MEDIANS.get() != null) { // the training data: their splits' steps are judged once carved
                    TRAIN_STEPS.set(new SplitRates.Steps(times.spacing.medianSteps(), times.dateTimes, times.spacing.pandas()));
                }
            }
            return out;
        } finally {
            FOLDER_SPACING.remove();
        }
    }

    private static List<CsvSequence> readListedFilesTimed(CsvTable labels, Path folder, CsvSchema schema, boolean labelRequired,
                                                          List<DatasetProvenance.FileChecksum> checksums, List<String> dropped) {
        Path labelsFile = labels.file();
        if (READING.get() != null) {
            READING.get().header(labels.header());
        }
        if (labelRequired && looksLikePredictions(labels.header())) {
            // predictions renamed to labels.csv: scored against themselves, a trial's accuracy was 1.0
            throw new DatasetFormatException(labelsFile, 1, "looks like rnnlab's predictions (columns id, label and p_ of each "
                    + "class, as predict writes them), not a labels file: its labels are a model's, and scoring against them "
                    + "measures nothing (expected the true labels: file,label)");
        }
        int fileCol = fileColumn(labels, folder, schema.delimiterChar());
        Column labelColumn = schema.label() != null ? schema.label() : Column.named("label");
        int labelCol = labelColumn.name() != null ? labels.header().indexOf(labelColumn.name()) : labelColumn.index();
        if (labelCol < 0 && labelRequired) {
            labelColumn.resolve(labels.header(), labels.width(), labelsFile);
        }
        int splitCol = schema.split() == null ? -1 : labels.header().indexOf(schema.split().name());
        int groupCol = schema.group() == null ? -1 : labels.header().indexOf(schema.group().name());
        if (!Files.isDirectory(labelsFile)) { // a tree read by its folders (FolderLabels) has no labels file
            checksums.add(FileChecksums.of(labelsFile));
        }
        List<CsvSequence> out = new ArrayList<>();
        Set<String> listed = new TreeSet<>();
        BadFiles bad = new BadFiles(folder);
        FolderProgress progress = FolderProgress.start(folder, labels.rows().size()); // trial 78c F5: 5,000 files, 170 s silent
        for (int r = 0; r < labels.rows().size(); r++) {
            progress.read(r);
            String[] row = labels.rows().get(r);
            long line = labels.lines().get(r);
            String name = row[fileCol];
            if (!listed.add(name)) {
                throw new DatasetFormatException(labelsFile, line, "file '" + name + "' is listed twice (expected each sequence file once)");
            }
            Path file = folder.resolve(name);
            if (!file.toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize()) || Path.of(name).isAbsolute()) {
                throw new DatasetFormatException(labelsFile, line, "listed file '" + name + "' is outside the folder " + folder
                        + " (expected the name of a file in it, relative to it)");
            }
            if (!Files.isRegularFile(file)) {
                throw new DatasetFormatException(labelsFile, line, "listed file '" + name + "' not found in " + folder
                        + " (expected one CSV file per listed sequence" + nearMatch(folder, name) + ")");
            }
            requireNoControlCharacter(name, labelsFile, line, "the listed file name " + LabelCheck.show(List.of(name)));
            checksums.add(FileChecksums.of(file));
            if (skippedAsEmpty(file, name)) {
                continue;
            }
            float[][] values;
            try {
                values = readSequenceFile(file, name, schema, bad);
            } catch (DatasetFormatException e) {
                bad.add(e, name);
                continue;
            }
            if (values == null) {
                dropped.add(name);
                continue;
            }
            String label = labelCol < 0 ? null : labelRequired ? requireLabel(row[labelCol], labelsFile, line, name,
                    labels.header() == null ? "label" : labels.header().get(labelCol), () -> unlabelledFiles(labels, fileCol, labelCol))
                    : optionalLabel(row[labelCol]);
            Split split = splitCol < 0 ? null : parseSplit(row[splitCol], labelsFile, line, labels.columnName(splitCol));
            out.add(new CsvSequence(name, values, label, split, groupCol < 0 ? null : row[groupCol], labelsFile, line));
        }
        progress.done();
        bad.finish();
        return out;
    }

    /**
     * The sequence files of a folder that could not be read, collected so that one run names them all (a fresh-user trial's
     * tree of 1920 recordings held 4 truncated and 3 header-only files: each run named one, ~25 s a run): {@link #finish}
     * throws the one problem as it was, or several at once (up to {@link #SHOWN}, each with its file, line and message), after
     * every file was read (a file whose columns are not the features is refused at once, as before); nothing is built from the folder either way. A header-only file (a header line and no rows: a
     * recorder that crashed at the start) whose header is the other files' is skipped as an empty file is
     * ({@link #EMPTY_FILES}, with a warning); with another header, or when no file of the folder was read, it is refused.
     */
    private static final class BadFiles {
        /** How many problems the message of several lists; the rest are counted. */
        static final int SHOWN = 20;
        private final Path where;
        private final List<DatasetFormatException> problems = new ArrayList<>();
        /** Each header-only file: its name, its refusal, and where it goes in {@link #EMPTY_FILES} (the files' order). */
        private final List<Object[]> headerOnly = new ArrayList<>();
        private List<String> header;
        /**
         * Whether the file being read is having its columns checked against the features: a file whose columns are not the
         * features' is refused at once when no file's columns were right yet and {@link #COLUMNS_AT_ONCE} were refused so, or
         * at the end when none was right (every file is refused alike when the model or an option is wrong, and the message of
         * one says what to do); else it is listed with the other files' problems (a trial, 76f F10: one wafer file with an
         * extra column was refused alone, and a newest-first file came up only on the next run).
         */
        boolean checkingColumns;
        /** How many files' columns were the features' ({@link #columnsRead}). */
        private int columnsRight;
        /** The first file refused for its columns, and how many were. */
        private DatasetFormatException firstColumns;
        private int columnsRefused;
        /** Files refused for their columns, none right before them, after which the first is thrown at once. */
        static final int COLUMNS_AT_ONCE = 3;

        BadFiles(Path where) {
            this.where = where;
        }

        /** The header of a file read: the first one is what a header-only file's is compared with. */
        void header(List<String> read) {
            if (header == null && read != null) {
                header = read;
            }
        }

        /** The file being read has the features' columns: its other problems, if any, are listed with the others. */
        void columnsRead() {
            checkingColumns = false;
            columnsRight++;
        }

        void add(DatasetFormatException e, String name) {
            if (checkingColumns) {
                checkingColumns = false;
                firstColumns = firstColumns == null ? e : firstColumns;
                if (columnsRight == 0 && ++columnsRefused >= COLUMNS_AT_ONCE) {
                    throw firstColumns; // every file alike so far: a wrong model or option, which the first's message says
                }
                problems.add(e);
                return;
            }
            if (e instanceof CsvTable.HeaderOnly h) {
                headerOnly.add(new Object[] {name, h, EMPTY_FILES.get() == null ? 0 : EMPTY_FILES.get().size()});
            } else {
                problems.add(e);
            }
        }

        void finish() {
            if (columnsRight == 0 && firstColumns != null) {
                throw firstColumns; // no file had the features' columns: the message of one says what to do
            }
            List<DatasetFormatException> all = new ArrayList<>();
            int inserted = 0;
            for (Object[] e : headerOnly) {
                CsvTable.HeaderOnly h = (CsvTable.HeaderOnly) e[1];
                if (header == null) {
                    all.add(h); // no file with rows to compare with: refused as before
                } else if (normalized(h.header()).equals(normalized(header))) {
                    LOG.warn("csv {}: empty file (a header line and no data rows, as a recording stopped at its start leaves): skipped,"
                            + " no sequence read from it", h.file());
                    if (EMPTY_FILES.get() != null) {
                        EMPTY_FILES.get().add((int) e[2] + inserted++, (String) e[0]);
                    }
                } else {
                    all.add(new DatasetFormatException(h.file(), 1, "empty file: no data rows after the header, and its header "
                            + shortList(h.header()) + " is not the other files' " + shortList(header) + " (expected one row per "
                            + "time step; a file holding only the other files' header is skipped as empty)"));
                }
            }
            all.addAll(problems);
            // new data (predict, evaluate) of a folder: said that no file was predicted, and why an unreadable file is not
            // skipped as an empty one is (a trial, 76d F10: two unreadable batches of 46 stopped predict, exit 1, where an empty
            // one was skipped with exit 4, and neither the message nor the docs said which)
            boolean newData = FILE_COLUMN.get() == null && Files.isDirectory(where);
            String none = "no file of the folder was predicted or scored (exit 1): unlike an empty file, which holds nothing and "
                    + "is skipped (exit 4), an unreadable file holds data that would be lost or misread, so fix "
                    + (all.size() == 1 ? "it" : "these") + (all.stream().anyMatch(p -> p.getMessage().contains("--na-values="))
                    ? " (status text in numeric cells: --na-values, as said)" : "") + " or move "
                    + (all.size() == 1 ? "it" : "them") + " out of the folder, and run again"
                    + (all.stream().anyMatch(p -> p.getMessage().contains("--delimiter") || p.getMessage().contains("--decimal"))
                    ? "; --delimiter and --decimal apply to every file of the folder: convert a file written otherwise alone, e.g. "
                    + "pandas: pd.read_csv(f, sep=';', decimal=',').to_csv(f, index=False)" : "");
            if (all.size() == 1) {
                throw newData ? all.get(0).withHint(none) : all.get(0);
            }
            if (all.isEmpty()) {
                return;
            }
            String codes = textCodes(all);
            String head = where + ": " + all.size() + " sequence files could not be read (every file was read; "
                    + (newData ? none : "fix or remove these and run again, nothing was built from the folder") + "):";
            StringBuilder listed = new StringBuilder();
            if (codes != null) {
                listed.append(System.lineSeparator()).append("  ").append(codes);
            }
            // one file a line, whole: the command line cuts a long message at a line's end and counts the files left out
            // (a trial, 76f F1: the third file's advice was cut mid-sentence)
            all.stream().limit(SHOWN).forEach(p -> listed.append(System.lineSeparator()).append("  ").append(
                    codes != null && p instanceof CsvTable.TextCells t ? t.file() + ":" + t.line() + ": " + t.first() + "; "
                            + t.cells() : p.getMessage()));
            if (all.size() > SHOWN) {
                listed.append(System.lineSeparator()).append("  and ").append(all.size() - SHOWN).append(" more file(s)");
            }
            throw new DatasetFormatException(where, head.substring((where + ": ").length()) + listed);
        }

        /**
         * The status text of several files summed up in one line, when each file's text cells were judged status codes
         * ({@link CsvTable.TextCells#codes()}) and all fit in one {@code naValues}: each text with its cells and files, and the
         * one option that reads them all as missing; else null, and each file's message gives its own advice. A trial (76f F1):
         * three wafer files held 'OVF' and '---', each file's message named only its first code, and the list was cut in the
         * third file's advice: the naValues given were refused again on the next run.
         */
        private static String textCodes(List<DatasetFormatException> all) {
            List<CsvTable.TextCells> texts = all.stream().filter(CsvTable.TextCells.class::isInstance)
                    .map(CsvTable.TextCells.class::cast).toList();
            if (texts.size() < 2 || !texts.stream().allMatch(CsvTable.TextCells::codes)) {
                return null;
            }
            Map<String, long[]> byText = new LinkedHashMap<>(); // {cells, files}
            for (CsvTable.TextCells t : texts) {
                t.texts().forEach((text, n) -> {
                    long[] c = byText.computeIfAbsent(text, k -> new long[2]);
                    c[0] += n;
                    c[1]++;
                });
            }
            if (!CsvTable.listable(byText.keySet())) {
                return null;
            }
            List<String> named = new ArrayList<>();
            byText.forEach((text, c) -> named.add("'" + text + "' x" + c[0] + " in " + c[1] + " file(s)"));
            return texts.size() + " of these files hold text in feature columns, few among the numbers of their columns, as the "
                    + "status codes a historian or logger writes for a value not measured: " + String.join(", ", named) + "; "
                    + CsvTable.naValuesAdvice(String.join(",", byText.keySet())) + " (every file's codes in one list)";
        }

        private static List<String> normalized(List<String> names) {
            return names.stream().map(n -> java.text.Normalizer.normalize(n.replace("\uFEFF", "").strip(),
                    java.text.Normalizer.Form.NFC)).toList();
        }
    }

    /**
     * Whether a sequence file of the folder layout is empty (0 bytes, or white space only: a recording that holds nothing,
     * such as one a logger created and never wrote): it is skipped with a warning naming it, in training and in predict and
     * evaluate, rather than stopping the whole run (a fresh-user trial: one empty recording of 87 stopped train, and predict
     * classified none of the others); the files skipped are collected in {@link #EMPTY_FILES} for the caller.
     */
    private static boolean skippedAsEmpty(Path file, String name) {
        return skippedAsEmpty(file, name, null);
    }

    /** {@link #skippedAsEmpty(Path, String)} of a file that the labels file {@code unlistedIn} does not list (null: listed). */
    private static boolean skippedAsEmpty(Path file, String name, Path unlistedIn) {
        if (!isBlankFile(file)) {
            return false; // also unreadable or not UTF-8: the reader says why
        }
        LOG.warn("csv {}: empty file ({} bytes, no header and no rows){}: skipped, no sequence read from it", file, fileSize(file),
                unlistedIn == null ? "" : ", not listed in " + unlistedIn.getFileName() + " either");
        if (EMPTY_FILES.get() != null) {
            EMPTY_FILES.get().add(name);
        }
        return true;
    }

    /**
     * Whether a small sequence file holds a header line and no rows: not the first file to take the features from (it is
     * skipped when the files are read if its header is the others').
     */
    private static boolean isHeaderOnly(Path file, CsvOptions o) {
        try {
            if (!o.header() || !Files.isRegularFile(file) || Files.size(file) > 65536) {
                return false;
            }
            CsvTable.read(file, o.delimiter(), true, o.namedColumns());
            return false;
        } catch (CsvTable.HeaderOnly e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // the reader says why when the file is read
        }
    }

    private static boolean isBlankFile(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) <= 4096
                    && Files.readString(file, org.rnnlab.datasets.FileEncoding.peekCharset()).replace("\uFEFF", "").replace("\u001A", "")
                    .isBlank(); // a byte order mark or a DOS end-of-file mark (Ctrl-Z) alone: empty too
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

        private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * A folder of new data for a model trained with labels from the folders ({@link FolderLabels}): every {@code .csv} file
     * under it, its id its relative path; evaluate's labels (and groups) from the folders as in training, predict's files in
     * any folder (labels not needed). A labels file there is refused, as in training.
     */
    private static List<CsvSequence> readTree(Path input, CsvSchema schema, boolean labelRequired, List<String> dropped) {
        FolderLabels byFolder = schema.folderLabels();
        if (Files.exists(input.resolve(LABELS_FILE))) {
            throw new DatasetFormatException(input.resolve(LABELS_FILE), "this model reads each file's label from its folder "
                    + "(trained with --set labelFrom=" + byFolder.label() + "), so every .csv file under " + input + " is a sequence"
                    + " and a labels file is none: move " + LABELS_FILE + " out of the folder");
        }
        String predictions = predictionsFile(input, schema.delimiterChar());
        if (!predictions.isEmpty()) {
            throw new DatasetFormatException(input.resolve(predictions), 1, "looks like rnnlab's predictions (columns id, label and "
                    + "p_ of each class, as predict writes them), not a sequence file: move it out of the folder");
        }
        return readFolder(byFolder.table(input, labelRequired), input, schema, labelRequired, new ArrayList<>(), dropped);
    }

    private static List<CsvSequence> readUnlabelledFolder(Path folder, CsvSchema schema, List<String> dropped) {
        List<Path> files;
        List<String> skipped;
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> all = s.sorted().toList();
            files = all.stream().filter(CsvSequenceDataset::isSequenceFileName).toList();
            skipped = all.stream().filter(p -> !isSequenceFileName(p) && !p.getFileName().toString().startsWith("."))
                    .map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + folder, e);
        }
        if (!skipped.isEmpty() && !files.isEmpty()) { // a sub-folder of more sequences, or files of another extension
            LOG.warn("csv {}: {} entr(ies) not read (only the folder's own .csv files are sequences; sub-folders are not "
                    + "searched): {}", folder, skipped.size(), skipped.subList(0, Math.min(5, skipped.size())));
        }
        if (files.isEmpty()) {
            throw new DatasetFormatException(folder, "no .csv files in the folder (expected one CSV file per sequence)");
        }
        return readUnlabelledFiles(files, schema, dropped);
    }

    /**
     * Refuses a sequence id (a value of the id column, or a file name of a folder) with a control character: ids reach
     * predict's standard output, terminals and every CSV rnnlab writes, as labels do ({@link LabelCheck#controlCharacter}).
     */
    private static void requireNoControlCharacter(String id, Path file, long line, String what) {
        int at = LabelCheck.controlCharacter(id);
        if (at >= 0) {
            String message = what + " holds the control character " + String.format("U+%04X", (int) id.charAt(at)) + " (expected "
                    + "an id without tab, line break, escape or other C0/C1 code: ids reach predict's output, terminals and every "
                    + "CSV rnnlab writes)";
            throw line > 0 ? new DatasetFormatException(file, line, message) : new DatasetFormatException(file, message);
        }
    }

    private static List<CsvSequence> readUnlabelledFiles(List<Path> files, CsvSchema schema, List<String> dropped) {
        // the rate of a folder without a labels file is judged too (a trial's 500 Hz file in a folder for a 250 Hz model got
        // no word, where the same file alone was warned of)
        return timedFolder(files.size() == 1 ? files.get(0) : files.get(0).getParent(), files.get(0).getParent(),
                folderTime(schema), schema.time() != null, schema.timeStep(), () -> readUnlabelledFilesTimed(files, schema, dropped));
    }

    /**
     * The time column of a folder-layout model's sequence files: the one chosen in training ({@code --set time=}), else a
     * column named {@code time} where a file has one (its steps judged only).
     */
    private static String folderTime(CsvSchema schema) {
        return schema.time() != null && schema.time().name() != null ? schema.time().name() : CsvOptions.DEFAULT_TIME.name();
    }

    private static List<CsvSequence> readUnlabelledFilesTimed(List<Path> files, CsvSchema schema, List<String> dropped) {
        List<CsvSequence> out = new ArrayList<>();
        BadFiles bad = new BadFiles(files.size() == 1 ? files.get(0) : files.get(0).getParent());
        for (Path f : files) {
            String id = f.getFileName().toString(); // as a labels file lists it (file column), so ids match either way
            requireNoControlCharacter(id, f.getParent(), 0, "the file name " + LabelCheck.show(List.of(id)));
            if (skippedAsEmpty(f, id)) {
                continue;
            }
            float[][] values;
            try {
                values = readSequenceFile(f, id, schema, bad);
            } catch (DatasetFormatException e) {
                bad.add(e, id);
                continue;
            }
            if (values == null) {
                dropped.add(id);
            } else {
                out.add(new CsvSequence(id, values, null, null, null, f, 1));
            }
        }
        bad.finish();
        return out;
    }

    /**
     * Warns of labels that would read as one ({@link LabelCheck#nearDuplicates}: {@code up} and {@code Up}, {@code 1} and
     * {@code 1.0}, a no-break space): each is a class of its own, which a typo in a few rows makes silently.
     */
    /** A label as a field of a label map's line: quoted (RFC 4180) when it holds a comma, a quote or white space at its ends. */
    private static String labelMapField(String label) {
        return label.contains(",") || label.contains("\"") || !label.equals(label.strip())
                ? "\"" + label.replace("\"", "\"\"") + "\"" : label;
    }

    /** Above this many groups of labels that differ only in case, {@link #warnNearDuplicateLabels} gives them one warning. */
    static final int CASE_GROUPS_SEPARATE = 3;

    /** The warnings of labels written several ways, joined, or one letter apart; {@code named}: the user named the classes. */
    private static void warnNearDuplicateLabels(Path trainFile, List<String> labelNames, List<CsvSequence> train, boolean named) {
        List<List<String>> near = LabelCheck.nearDuplicates(labelNames);
        List<List<String>> caseOnly = near.stream().filter(same -> LabelCheck.howTheyDiffer(same).equals("in case")).toList();
        if (caseOnly.size() > CASE_GROUPS_SEPARATE) {
            // a handwriting trial: one writer's upper-case labels gave 26 warnings of ~330 characters, one per letter
            LOG.warn("csv {}: {}", trainFile, caseOnlySummary(caseOnly, train));
            near = near.stream().filter(same -> !caseOnly.contains(same)).toList();
        }
        for (List<String> same : near) {
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            same.forEach(n -> counts.put(LabelCheck.quoted(n), train.stream().filter(c -> n.equals(c.label())).count()));
            // the tool's own fix beside the file edit (a bird-song trial's 'TURDUS MERULA' / 'turdus merula' got no pointer to it):
            // each rarer spelling mapped onto the commonest
            String commonest = same.stream().max(java.util.Comparator.comparingLong(n -> train.stream()
                    .filter(c -> n.equals(c.label())).count())).orElseThrow();
            String example = same.stream().filter(n -> !n.equals(commonest)).findFirst().map(n -> labelMapField(n) + ","
                    + labelMapField(commonest)).orElseThrow();
            LOG.warn("csv {}: {}, or map them onto one with --set labelMap=FILE (a UTF-8 CSV with the header from,to and lines such "
                    + "as {})", trainFile, LabelCheck.nearDuplicateWarning(same, "training sequences: " + counts)
                    + minoritySpellingGroups(List.of(same), train), example);
        }
        Map<String, Long> perLabel = new java.util.LinkedHashMap<>();
        labelNames.forEach(n -> perLabel.put(n, train.stream().filter(c -> n.equals(c.label())).count()));
        if (!named) { // classes named with --set labelNames are single classes, said so (a trial's 'Doe, John' was still warned of)
            org.rnnlab.datasets.JoinedLabels.warning(perLabel, "training sequences").ifPresent(w -> LOG.warn("csv {}: {}", trainFile, w));
        }
        List<String> typos = LabelCheck.likelyTypos(perLabel);
        if (!typos.isEmpty()) {
            LOG.warn("csv {}: label(s) one letter from a far more common one, by their training sequences: {}: a typo? Each is a "
                    + "class of its own; correct the labels", trainFile, String.join(", ", typos));
        }
    }

    /**
     * Warns of values of the group column that would read as one group to a person ({@link LabelCheck#nearDuplicates}, as
     * labels are: {@code L1} and {@code l1}, a space at an end): each is a group of its own, which a carve by group may put in
     * two splits, the leak the group column is given to prevent (trial 76d F15: one batch of production line L1 written
     * {@code l1} went to validation, the other L1 batches to training, without a word, while a label written two ways was
     * warned of). Names each spelling with its sequences by split and where its first is written, and the rewrite that merges
     * them onto the commonest spelling.
     */
    static void warnNearDuplicateGroups(Path trainFile, Column group, List<CsvSequence> train, List<CsvSequence> validation,
                                        List<CsvSequence> test) {
        Map<String, Map<String, Long>> splitsOf = new LinkedHashMap<>(); // each group value: its sequences by split
        Map<String, CsvSequence> firstOf = new LinkedHashMap<>();
        Map<String, List<CsvSequence>> parts = new LinkedHashMap<>();
        parts.put("training", train);
        parts.put("validation", validation == null ? List.of() : validation);
        parts.put("test", test == null ? List.of() : test);
        parts.forEach((split, sequences) -> sequences.stream().filter(q -> q.group() != null).forEach(q -> {
            splitsOf.computeIfAbsent(q.group(), g -> new LinkedHashMap<>()).merge(split, 1L, Long::sum);
            firstOf.merge(q.group(), q, (a, b) -> b.line() < a.line() ? b : a); // the first written (splits are shuffled)
        }));
        java.util.function.ToLongFunction<String> count = g -> splitsOf.get(g).values().stream().mapToLong(Long::longValue).sum();
        for (List<String> written : LabelCheck.nearDuplicates(List.copyOf(splitsOf.keySet()))) {
            // the commonest spelling first
            List<String> same = written.stream().sorted(java.util.Comparator.comparingLong((String g) -> -count.applyAsLong(g))
                    .thenComparing(g -> g)).toList();
            String commonest = same.get(0);
            List<String> each = same.stream().map(g -> {
                CsvSequence first = firstOf.get(g);
                return LabelCheck.quoted(g) + " " + count.applyAsLong(g) + " sequence(s), " + splitsOf.get(g).entrySet().stream()
                        .map(e -> e.getValue() + " in " + e.getKey()).collect(Collectors.joining(", ")) + " (first "
                        + LabelCheck.quoted(first.id()) + (first.file() == null ? "" : ", " + first.file().getFileName()
                        + (first.line() > 0 ? ":" + first.line() : "")) + ")";
            }).toList();
            Set<String> splits = new TreeSet<>();
            same.forEach(g -> splits.addAll(splitsOf.get(g).keySet()));
            String rarer = same.stream().filter(g -> !g.equals(commonest)).map(g -> "'" + g.replace("'", "\\'") + "': '"
                    + commonest.replace("'", "\\'") + "'").collect(Collectors.joining(", "));
            LOG.warn("csv {}: the values {} of group column {} differ only {} and are separate groups ({}){}: if they are one "
                    + "group, write it one way (pandas: df[{}] = df[{}].replace({{}}))", trainFile, LabelCheck.show(same),
                    LabelCheck.quoted(group.toString()),
                    LabelCheck.howTheyDiffer(same), String.join("; ", each), splits.size() > 1 ? ", so one group is in "
                    + splits.size() + " splits: its sequences held out are scored on a group the model trained on, the leak a "
                    + "group column is given to prevent" : "", pyName(group.toString()), pyName(group.toString()), rarer);
        }
    }

    /** The spelling of {@code same} that most training sequences have (the first of them on a tie). */
    private static String commonestSpelling(List<String> same, Map<String, Long> counts) {
        return same.stream().max(java.util.Comparator.comparingLong((String n) -> counts.getOrDefault(n, 0L))
                .thenComparing(n -> -same.indexOf(n))).orElseThrow();
    }

    /**
     * One warning for many groups of labels that differ only in case ({@value #CASE_GROUPS_SEPARATE} or more), each group with
     * its training counts ({@code 'A'/'a' 11/168}), the groups of the group column that hold the rarer spellings where a few
     * do ({@link #minoritySpellingGroups}: a whole writer or export written in upper case is the usual cause), and the label
     * map that merges them.
     */
    static String caseOnlySummary(List<List<String>> caseOnly, List<CsvSequence> train) {
        Map<String, Long> counts = new java.util.HashMap<>();
        train.forEach(c -> counts.merge(c.label(), 1L, Long::sum));
        List<String> pairs = new ArrayList<>();
        String example = null;
        for (List<String> same : caseOnly) {
            pairs.add(String.join("/", same.stream().map(LabelCheck::quoted).toList()) + " "
                    + String.join("/", same.stream().map(n -> Long.toString(counts.getOrDefault(n, 0L))).toList()));
            if (example == null) {
                String commonest = commonestSpelling(same, counts);
                example = same.stream().filter(n -> !n.equals(commonest)).findFirst().map(n -> labelMapField(n) + ","
                        + labelMapField(commonest)).orElseThrow();
            }
        }
        boolean allPairs = caseOnly.stream().allMatch(same -> same.size() == 2);
        return caseOnly.size() + (allPairs ? " pairs" : " groups") + " of labels differ only in case and are separate classes "
                + "(training sequences): " + String.join(", ", pairs) + minoritySpellingGroups(caseOnly, train)
                + ": if each is one class, write it one way, or map them onto one with --set labelMap=FILE (a UTF-8 CSV with the "
                + "header from,to and one line per rarer spelling, such as " + example + ")";
    }

    /**
     * {@code "; all 165 sequences of the rarer spellings (upper case) are in group 'w07'"} when the sequences of the rarer
     * spellings of {@code groups} (all but each group's commonest) have a group column value and at most 3 groups hold 90%
     * of them or more; else "".
     */
    static String minoritySpellingGroups(List<List<String>> groups, List<CsvSequence> train) {
        Map<String, Long> counts = new java.util.HashMap<>();
        train.forEach(c -> counts.merge(c.label(), 1L, Long::sum));
        java.util.Set<String> rarer = new java.util.HashSet<>();
        for (List<String> same : groups) {
            String commonest = commonestSpelling(same, counts);
            same.stream().filter(n -> !n.equals(commonest)).forEach(rarer::add);
        }
        List<CsvSequence> minority = train.stream().filter(c -> rarer.contains(c.label())).toList();
        if (minority.isEmpty() || minority.stream().anyMatch(c -> c.group() == null)) {
            return "";
        }
        Map<String, Long> byGroup = new java.util.HashMap<>();
        minority.forEach(c -> byGroup.merge(c.group(), 1L, Long::sum));
        List<Map.Entry<String, Long>> top = byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey())).limit(3).toList();
        long inTop = top.stream().mapToLong(Map.Entry::getValue).sum();
        if (inTop < 0.9 * minority.size()) {
            return "";
        }
        boolean upper = rarer.stream().allMatch(n -> n.equals(n.toUpperCase(Locale.ROOT)) && !n.equals(n.toLowerCase(Locale.ROOT)));
        boolean lower = rarer.stream().allMatch(n -> n.equals(n.toLowerCase(Locale.ROOT)) && !n.equals(n.toUpperCase(Locale.ROOT)));
        String what = upper ? " (upper case)" : lower ? " (lower case)" : "";
        String where = top.size() == 1 ? "group " + LabelCheck.quoted(top.get(0).getKey())
                : "groups " + String.join(", ", top.stream().map(e -> LabelCheck.quoted(e.getKey()) + " (" + e.getValue() + ")").toList());
        return (inTop == minority.size() ? "; all " + minority.size() : "; " + inTop + " of the " + minority.size())
                + " sequences of the rarer spelling" + (rarer.size() == 1 ? "" : "s") + what + " are in " + where
                + ", of " + byGroup.size() + " group" + (byGroup.size() == 1 ? "" : "s") + " holding any";
    }

    private static boolean looksNumeric(String field) {
        try {
            Double.parseDouble(field.trim());
            return !field.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A long-layout model reads a folder as one sequence per file (its id the file name). A file that still holds the
     * model's sequence-id column with a second id in it is several sequences: refused, naming the file and line, instead of
     * being read as one long sequence (a numeric time column that does not increase is refused where the file is read:
     * {@link #requireIncreasingNumbers}).
     */
    private static Map<Path, String> requireOneSequencePerFile(List<CsvSequence> read, CsvSchema longSchema) {
        Map<Path, String> labels = new HashMap<>();
        if (!longSchema.header()) {
            return labels;
        }
        String labelName = longSchema.label() == null ? null : longSchema.label().name();
        String idName = longSchema.sequenceId() == null ? null : longSchema.sequenceId().name();
        Set<Path> checked = new HashSet<>();
        for (CsvSequence c : read) {
            Path f = sequenceFile(c);
            if (f == null || !checked.add(f)) {
                continue;
            }
            CsvTable table = CsvTable.read(f, longSchema.delimiterChar(), true);
            int label = labelName == null ? -1 : table.header().indexOf(labelName);
            if (label >= 0) { // the file's own label: one value (blank or NA: none), else refused as in a long file
                String first = null;
                for (int r = 0; r < table.rows().size(); r++) {
                    String v = table.rows().get(r)[label].trim();
                    if (first == null) {
                        first = v;
                    } else if (!v.equals(first)) {
                        throw new DatasetFormatException(f, table.lines().get(r), "label " + LabelCheck.quoted(clip(v)) + " after "
                                + LabelCheck.quoted(clip(first)) + " in column '" + labelName + "' (expected one label per sequence: a folder given to a model of "
                                + "the long layout holds one sequence per file)");
                    }
                }
                if (first != null && !first.isEmpty() && !MissingValues.isMissing(first)) {
                    labels.put(f, first);
                }
            }
            int id = idName == null ? -1 : table.header().indexOf(idName);
            if (id < 0) {
                continue;
            }
            // the time column's order is checked where each file is read (requireIncreasingNumbers), every file listed
            String firstId = null;
            for (int r = 0; r < table.rows().size(); r++) {
                String[] row = table.rows().get(r);
                if (id < row.length) {
                    String v = row[id].trim();
                    if (firstId == null) {
                        firstId = v;
                    } else if (!v.equals(firstId)) {
                        throw new DatasetFormatException(f, table.lines().get(r), "a second sequence id "
                                + LabelCheck.quoted(clip(v)) + " after " + LabelCheck.quoted(clip(firstId)) + " in column '" + idName
                                + "'" + ONE_SEQUENCE_PER_FILE);
                    }
                }
            }
        }
        return labels;
    }

    /**
     * Refuses the first of a folder's sequence files (its own {@code .csv} files) that holds the long-layout model's
     * sequence-id column with a second id in it, naming the file and line, before the folder is read as one sequence per
     * file. Files without a header, the column or rows are left to the reading that follows.
     */
    private static void requireOneIdPerFile(Path folder, CsvSchema longSchema) {
        String idName = longSchema.sequenceId() == null ? null : longSchema.sequenceId().name();
        if (!longSchema.header() || idName == null) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(CsvSequenceDataset::isSequenceFileName).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + folder, e);
        }
        for (Path f : files) {
            CsvTable table;
            try {
                if (Files.size(f) == 0) {
                    continue;
                }
                table = CsvTable.read(f, longSchema.delimiterChar(), true);
            } catch (IOException | RuntimeException unreadable) {
                continue; // refused, or skipped as empty, where the folder is read
            }
            int id = table.header() == null ? -1 : table.header().indexOf(idName);
            if (id < 0) {
                continue;
            }
            String firstId = null;
            for (int r = 0; r < table.rows().size(); r++) {
                String[] row = table.rows().get(r);
                if (id >= row.length) {
                    continue;
                }
                String v = row[id].trim();
                if (firstId == null) {
                    firstId = v;
                } else if (!v.equals(firstId)) {
                    throw new DatasetFormatException(f, table.lines().get(r), "a second sequence id " + LabelCheck.quoted(clip(v))
                            + " after " + LabelCheck.quoted(clip(firstId)) + " in column '" + idName + "'" + ONE_SEQUENCE_PER_FILE);
                }
            }
        }
    }

    /** The way out when a folder given to a long-layout model holds files of several sequences. */
    private static final String ONE_SEQUENCE_PER_FILE = ": a folder given to a model of the long layout holds one sequence per "
            + "file (named by the file); give a file of the long layout itself (--input FILE) to classify each of its sequences";

    /** The file a sequence of the folder layout was read from: the file its labels file lists, or the file itself. */
    private static Path sequenceFile(CsvSequence c) {
        Path f = c.file();
        return f != null && f.getFileName().toString().equals(LABELS_FILE) ? f.resolveSibling(c.id()) : f;
    }

    private static String clip(String field) {
        return field.length() <= 40 ? field : field.substring(0, 40) + "...";
    }

    private static String withoutCsvExtension(String name) {
        return name.replaceFirst("(?i)\\.csv$", "");
    }

    /** A folder-layout sequence file; null when dropped for missing values. Resolves the features on first use. */
    /**
     * The spacing of the sequence files' time column while a labels file's files are read ({@link TimeSpacing}): the folder
     * layout reads each file's rows in order, and its time column, not read, said nothing of a 500 Hz file among 250 Hz ones
     * (a trial). Holds a spacing per labels file, made at its first file with a time column.
     */
    private static final ThreadLocal<FolderTimes> FOLDER_SPACING = new ThreadLocal<>();

    /**
     * The usual time step of the last file (or labels file's files) read on this thread with a time column, else null:
     * the training file's is stored with the model ({@link CsvSchema#timeStep()}) and new data's compared with it.
     */
    private static final ThreadLocal<TimeStep> MEASURED_STEP = new ThreadLocal<>();

    /**
     * The training file's sequences' median steps, while {@link #load} reads it and carves its splits ({@link SplitRates}:
     * the model's time step counts the training split only, and a held-out split at another step is warned of).
     */
    private static final ThreadLocal<SplitRates.Steps> TRAIN_STEPS = new ThreadLocal<>();

    /** Receives each training sequence's values as written (before filling and scaling), while the training file is read. */
    private static final ThreadLocal<java.util.function.Consumer<float[][]>> RAW_VALUES = new ThreadLocal<>();

    /** Receives each training sequence's medians of its values as written, by sequence id, while the training file is read. */
    private static final ThreadLocal<Map<String, double[]>> RAW_MEDIANS = new ThreadLocal<>();

    /** The medians {@link #RAW_MEDIANS} gathered, for the checks of the training sequences once the split is known. */
    private static final ThreadLocal<Map<String, double[]>> TRAIN_MEDIANS = new ThreadLocal<>();

    /**
     * The spacing of one labels file's sequence files, and whether their times are date-times; {@code chosen}: the column is
     * the time column chosen with {@code --set time=}, checked in every file ({@link #addFolderTimes}).
     */
    private static final class FolderTimes {
        private final String column;
        private final boolean chosen;
        /**
         * The files are a long-layout model's sequences, one per file ({@link #longModelFolder}): numeric times that do not
         * increase are refused ({@link #notOneSequence}), not left unjudged.
         */
        private final boolean longModel;
        private TimeSpacing spacing;
        private boolean dateTimes;
        /** The first file read with times, and their kind: the others' must be of the same kind. */
        private String firstFile;
        private TimeStamps.Kind kind;
        /**
         * Each file's value of the labels file's group column, by its listed name, and the column's name (null: none): the
         * files at another step are said with their groups (trial 76f F5: 47 wafers every 0.1 s were one chamber, unsaid).
         */
        private final Map<String, String> groups = new HashMap<>();
        private String groupColumn;
        /** Which feature of these files, if any, is the time since the row before (made at the first file with times). */
        private TimeSinceBefore sinceBefore;
        /** The files' columns' values, whose rules the resampling loop names ({@link ResampleRules}; trial 77c F4). */
        private ResampleRules rules;
        /** The model's time step, whose kind of date-times the files' are compared with ({@link #noteKind}); null in training. */
        private final TimeStep trained;
        /** Whether a file of the other kind was noted ({@link #noteKind}): once for the folder. */
        private boolean kindNoted;

        /** The spacing of these files, made at the first file with times. */
        private TimeSpacing spacing(boolean local) {
            if (spacing == null) {
                spacing = new TimeSpacing(local);
                if (groupColumn != null) {
                    spacing.withGroupColumn(groupColumn);
                }
            }
            return spacing;
        }

        private FolderTimes(String column, boolean chosen, boolean longModel, TimeStep trained) {
            this.column = column;
            this.chosen = chosen;
            this.longModel = longModel;
            this.trained = trained;
        }

        /**
         * Notes, once for the folder, its first file {@code file} whose date-times are of the other kind ({@code kind}) than
         * the model's ({@link #otherTimeKind}), as the long layout notes a file (review 79 R4: a folder-layout model, or a
         * long model predicting a folder of its sequences, kept the kind and said nothing of files of the other).
         */
        private void noteKind(Path file, TimeStamps.Kind kind) {
            String other = kindNoted ? null : otherTimeKind(trained, kind);
            if (other != null) {
                kindNoted = true;
                LOG.warn("csv {}: time column '{}': {} (said once, for the folder's first such file)", file, column, other);
            }
        }
    }

    /**
     * Adds a sequence file's times to {@link #FOLDER_SPACING}: its time column ({@code time}, or a long-layout model's time
     * column for a folder of its sequences) that is not a feature, if any, with its feature values ({@code values}, of the
     * columns {@code cols}) for {@link TimeSinceBefore}.
     */
    private static void addFolderTimes(CsvTable table, int[] cols, String name, float[][] values) {
        FolderTimes spacing = FOLDER_SPACING.get();
        if (spacing != null && spacing.chosen && table.header() != null) {
            double[] times = addChosenTimes(spacing, table, name);
            sinceBefore(spacing, table, cols, times, values);
            return;
        }
        if (spacing == null || table.header() == null) {
            return;
        }
        int c = table.header().indexOf(spacing.column);
        if (c < 0 || IntStream.of(cols).anyMatch(f -> f == c)) {
            return;
        }
        if (spacing.longModel) {
            requireIncreasingNumbers(table, cols, c);
        }
        if (table.rows().size() < 3) {
            return;
        }
        double[] times = new double[table.rows().size()];
        long[] lines = new long[times.length];
        TimeStamps.Time previous = null;
        for (int r = 0; r < times.length; r++) {
            TimeStamps.Time t = TimeStamps.parse(table.cell(r, c));
            if (t == null || !t.after(previous)) {
                return; // not a time (or not in order): nothing to judge
            }
            times[r] = t.kind() == TimeStamps.Kind.NUMBER ? t.value() : t.seconds() + t.nanos() * 1e-9;
            lines[r] = table.lines().get(r);
            previous = t;
        }
        spacing.noteKind(table.file(), previous.kind());
        if (spacing.spacing == null) {
            spacing.spacing(previous.kind() == TimeStamps.Kind.LOCAL);
            spacing.dateTimes = previous.kind() != TimeStamps.Kind.NUMBER;
        }
        spacing.spacing.add(name, spacing.groups.get(name), times, lines);
        sinceBefore(spacing, table, cols, times, values);
    }

    /**
     * Gives one sequence file's times and feature values to the folder's {@link TimeSinceBefore} (made at the first, with
     * the names of its columns {@code cols}), so that the events finding names a feature that is the time since the row
     * before, or gives the pandas line for one (trial 77c F9).
     */
    private static void sinceBefore(FolderTimes spacing, CsvTable table, int[] cols, double[] times, float[][] values) {
        if (spacing.spacing == null || times == null || table.header() == null) {
            return;
        }
        if (spacing.sinceBefore == null) {
            spacing.sinceBefore = new TimeSinceBefore(null, spacing.column, IntStream.of(cols).mapToObj(c -> table.header().get(c))
                    .toList());
            spacing.spacing.withTimeSinceBefore(spacing.sinceBefore);
        }
        spacing.spacing.values(times, values);
    }

    /**
     * Refuses a file of a long-layout model's folder whose numeric times in column {@code c} do not increase: a row that
     * repeats the row before in its time and every feature ({@code cols}) as a duplicated row, with the long layout's words
     * and pandas fix; any other as several sequences or rows out of order. The times are said as written (a trial's
     * {@code 1.798201069E9} beside {@code 1798201069}). Date-times and columns that are not numbers are not checked here.
     */
    private static void requireIncreasingNumbers(CsvTable table, int[] cols, int c) {
        String name = table.header().get(c);
        String before = null;
        for (int r = 0; r < table.rows().size(); r++) {
            String written = table.cell(r, c).trim();
            TimeStamps.Time t = TimeStamps.parse(written);
            if (t == null || t.kind() != TimeStamps.Kind.NUMBER || !Double.isFinite(t.value())) {
                return; // not a number (a timestamp, a blank): its order is not checked here
            }
            if (before != null && !t.after(TimeStamps.parse(before))) {
                throw notOneSequence(table, cols, c, r, written, before, name);
            }
            before = written;
        }
    }

    /** The refusal of {@link #requireIncreasingNumbers} at row {@code r}, whose time {@code written} follows {@code before}. */
    private static DatasetFormatException notOneSequence(CsvTable table, int[] cols, int c, int r, String written, String before,
                                                         String name) {
        long line = table.lines().get(r);
        long previousLine = table.lines().get(r - 1);
        boolean duplicated = written.equals(before) || TimeStamps.parse(written).value() == TimeStamps.parse(before).value();
        for (int f : cols) {
            duplicated &= table.cell(r, f).equals(table.cell(r - 1, f));
        }
        if (duplicated) { // the long layout's words (trial 77c F3: a duplicated ping was said to be several sequences)
            return new DatasetFormatException(table.file(), line, "time " + written + " in column '" + name + "' does not increase "
                    + "after line " + previousLine + " (expected the rows of each sequence file in increasing time): line " + line
                    + " repeats line " + previousLine + ", every feature the same: a duplicated row (a join or an export written "
                    + "twice); drop duplicates first, e.g. pandas df.drop_duplicates(), for each file f: "
                    + "pd.read_csv(f).drop_duplicates().to_csv(f, index=False)");
        }
        return new DatasetFormatException(table.file(), line, "time " + written + " in column '" + name + "' does not increase "
                + "(the row before has " + before + "), so the file holds more than one sequence or its rows are out of order"
                + ONE_SEQUENCE_PER_FILE);
    }

    /**
     * Adds a sequence file's values ({@code values}, of the features at {@code cols}) and its other columns but the time
     * column to the rules of the folder's resampling loop ({@link FolderTimes#rules}), while its times are gathered.
     */
    private static void addFolderColumns(CsvTable table, int[] cols, float[][] values, CsvSchema schema) {
        FolderTimes spacing = FOLDER_SPACING.get();
        if (spacing == null || table.header() == null) {
            return;
        }
        if (spacing.rules == null) {
            spacing.rules = new ResampleRules(schema.featureNames(), schema.oneHot());
        }
        spacing.rules.add(values);
        Set<Integer> features = IntStream.of(cols).boxed().collect(Collectors.toSet());
        List<Integer> rows = IntStream.range(0, table.rows().size()).boxed().toList();
        for (int c = 0; c < table.header().size(); c++) {
            if (!features.contains(c) && !table.header().get(c).equals(spacing.column)) {
                spacing.rules.addCells(table, rows, c);
            }
        }
    }

    /**
     * Reads the time column chosen for the folder layout ({@code --set time=NAME}) of one sequence file, as the long layout
     * reads a sequence's: every row has a number or an ISO-8601 date-time there, of the kind of the first file's, each
     * after the row before (a newest-first export, read as it is written, reversed a trial's one out-of-spec batch into a
     * confident in-spec one without a word); refused otherwise, naming the file and line. The times are then added to the
     * folder's spacing ({@link TimeSpacing}: files sampled at another step than most, and new files at another step than
     * the model's, are warned of), and returned (in seconds for date-times).
     */
    private static double[] addChosenTimes(FolderTimes spacing, CsvTable table, String name) {
        Path file = table.file();
        int c = table.header().indexOf(spacing.column);
        if (c < 0) {
            throw new DatasetFormatException(file, 1, "no time column '" + spacing.column + "' (--set time=" + spacing.column
                    + " names the time column of every sequence file; the file has " + shortList(table.header()) + ")"
                    + Column.caseHint(spacing.column, table.header(), false));
        }
        double[] times = new double[table.rows().size()];
        long[] lines = new long[times.length];
        TimeStamps.Time previous = null;
        long previousLine = 0;
        for (int r = 0; r < times.length; r++) {
            String written = table.cell(r, c).trim();
            long line = table.lines().get(r);
            TimeStamps.Time t = MissingValues.isMissing(written) ? null : TimeStamps.parse(written);
            if (t == null) {
                throw new DatasetFormatException(file, line, (MissingValues.isMissing(written) ? "the time in column '"
                        + spacing.column + "' is missing" : "time '" + CsvTable.abbreviate(written) + "' in column '"
                        + spacing.column + "' is not a number or an ISO-8601 date-time") + " (expected each row's time in the "
                        + "time column of every sequence file, --set time=" + spacing.column + (MissingValues.isMissing(written) ? ""
                        : TimeStamps.zoneNameAdvice(written, () -> IntStream.range(0, table.rows().size())
                        .mapToObj(k -> table.cell(k, c)).iterator(), spacing.column)) + ")");
            }
            if (spacing.kind == null) {
                spacing.kind = t.kind();
                spacing.firstFile = name;
            } else if ((spacing.kind == TimeStamps.Kind.NUMBER) != (t.kind() == TimeStamps.Kind.NUMBER)) {
                throw new DatasetFormatException(file, line, "time '" + CsvTable.abbreviate(written) + "' in column '"
                        + spacing.column + "' is one of " + t.kind().words + ", where " + spacing.firstFile + "'s are "
                        + spacing.kind.words + " (expected one kind of time in every sequence file: their steps are compared)");
            }
            if (previous != null && previous.after(t)) {
                throw new DatasetFormatException(file, line, "time " + written + " in column '" + spacing.column + "' does not "
                        + "increase after line " + previousLine + " (" + table.cell(r - 1, c).trim() + "; expected the rows of each "
                        + "sequence file in increasing time, as --set time=" + spacing.column + " reads them: the model reads "
                        + "the rows in file order, and a file written newest first would be read backwards)"
                        + (t.anHourBack(previous) ? "; date-times without an offset repeat an hour where daylight saving time "
                        + "ends: if that is the cause, export them with their offset or in UTC"
                        + TimeStamps.localToUtc(spacing.column, null)
                        : "; rows only out of order are sorted with pandas: df" + (t.kind() == TimeStamps.Kind.NUMBER ? ""
                        : "[" + pyName(spacing.column) + "] = pd.to_datetime(df[" + pyName(spacing.column) + "], utc=True); df")
                        + ".sort_values(" + pyName(spacing.column) + ", kind='stable').to_csv(" + pyName(file.toString())
                        + ", index=False), df being the file as pd.read_csv reads it, written back in place"));
            }
            times[r] = t.kind() == TimeStamps.Kind.NUMBER ? t.value() : t.seconds() + t.nanos() * 1e-9;
            lines[r] = line;
            previous = t;
            previousLine = line;
        }
        if (previous != null) {
            spacing.noteKind(file, previous.kind());
        }
        if (times.length < 3) {
            return times;
        }
        if (spacing.spacing == null) {
            spacing.spacing(spacing.kind == TimeStamps.Kind.LOCAL);
            spacing.dateTimes = spacing.kind != TimeStamps.Kind.NUMBER;
        }
        spacing.spacing.add(name, spacing.groups.get(name), times, lines);
        return times;
    }

    /**
     * Says once, for the folder layout's first sequence file read without a chosen time column, that a column left out of
     * the features ({@code unused}, by name) holds ISO-8601 date-times or increasing numbers, and what {@code --set time=}
     * would check with it (a trial's 30 s and 60 s batches, and a newest-first export, were read step by step as if alike,
     * while the column that said so was left out unread).
     */
    private static void noteUnreadTimes(CsvTable table, List<String> unused) {
        if (table.header() == null) {
            return;
        }
        for (String name : unused) {
            int c = table.header().indexOf(name);
            if (c < 0) {
                continue;
            }
            TimeStamps.Kind kind = null;
            TimeStamps.Time previous = null;
            int read = 0;
            boolean increasing = true;
            boolean times = true;
            for (int r = 0; r < table.rows().size() && times; r++) {
                String v = table.cell(r, c).trim();
                if (MissingValues.isMissing(v)) {
                    continue;
                }
                TimeStamps.Time t = TimeStamps.parse(v);
                times = t != null && (kind == null || kind == t.kind());
                if (times) {
                    kind = t.kind();
                    increasing &= t.after(previous);
                    previous = t;
                    read++;
                }
            }
            if (!times || read < 3 || kind == TimeStamps.Kind.NUMBER && !increasing) {
                continue; // numbers that do not increase are no time
            }
            LOG.warn("csv {}: column '{}' holds {}{} and is left out (not a feature): the folder layout reads each file's rows in "
                    + "file order as its steps, without checking their order or their sampling step; --set time={} reads it as "
                    + "the time column of every sequence file: a file whose times go back is refused (naming the file and line), "
                    + "files sampled at another step than most are warned of, and predict and evaluate compare new files' step "
                    + "with the model's", table.file(), name, kind == TimeStamps.Kind.NUMBER ? "increasing numbers"
                    : "ISO-8601 " + kind.words, kind != TimeStamps.Kind.NUMBER && !increasing ? " (not increasing in this file)" : "",
                    shellWord(name));
            return;
        }
    }

    /** For a file of more columns than rows, 20 features or more: the hint that it may be written transposed; else "". */
    private static String transposedHint(CsvSchema schema, CsvTable table) {
        return schema.features().size() >= 20 && table.rows().size() < table.width() ? "; the file has more columns than rows: is "
                + "each sequence written transposed, a row per feature (numpy: np.savetxt(f, X.T))? A sequence file holds a row per "
                + "time step and a column per feature" : "";
    }

    /** A list for a message: whole up to 12 entries, else its first 8, how many more, and its last. */
    static String shortList(List<String> names) {
        if (names.size() <= 12) {
            return names.toString();
        }
        return "[" + String.join(", ", names.subList(0, 8)) + ", ... (" + (names.size() - 9) + " more), " + names.get(names.size() - 1)
                + "]";
    }

    /**
     * One sequence file of the folder layout, {@code id} as its labels file lists it (its name relative to the folder): its
     * times are kept by that id, as the sequence is, so that the steps of the splits carved by id ({@link SplitRates}) find
     * them (a file in a sub-folder, {@code day2/s20.csv}, has another file name).
     */
    private static float[][] readSequenceFile(Path file, String id, CsvSchema schema, BadFiles bad) {
        CsvTable table = CsvTable.readWithLayout(file, schema.delimiterChar(), schema.header(), schema.readNames());
        bad.header(table.header());
        bad.checkingColumns = true; // the file's columns against the features: a wrong model or option refuses every file
        if (READING.get() != null) {
            READING.get().header(table.header());
        }
        int[] cols;
        if (schema.header()) {
            List<String> missing = new ArrayList<>();
            cols = new int[schema.features().size()];
            for (int i = 0; i < cols.length; i++) {
                Column c = schema.features().get(i);
                cols[i] = c.name() != null ? table.header().indexOf(c.name()) : c.index();
                if (cols[i] < 0 || cols[i] >= table.width()) {
                    missing.add(c.toString());
                }
            }
            List<String> numbers = table.headerNumbers();
            if (!missing.isEmpty() && !numbers.isEmpty() && table.header().stream().noneMatch(schema.featureNames()::contains)) {
                throw CsvSchema.noHeaderLine(table, numbers, schema.featureNames());
            }
            if (!missing.isEmpty()) {
                // lists of a hundred names (a transposed file's time steps) are cut to a few: a trial's message was 3 KB
                throw new DatasetFormatException(file, 1, "feature column(s) " + shortList(missing) + " missing (expected the columns "
                        + shortList(schema.featureNames()) + ", matched by header name; the file has " + shortList(table.header()) + ")"
                        + schema.otherDelimiter(table.header())
                        + (CsvSchema.FOLDER.equals(schema.layout()) ? "; the features are those of the first file listed in"
                        + " the labels file (or --set features=...), so check that file too" : "")
                        + transposedHint(schema, table));
            }
            List<String> unknown = schema.unknownSequenceColumns(table.header());
            if (!unknown.isEmpty()) {
                boolean training = FILE_COLUMN.get() != null; // new data are read with the model's contract, and may leave columns out
                String blocks = CsvSchema.idLike(table, unknown);
                if (blocks != null) {
                    // a long-layout file given to a folder model: following the --ignore-columns advice read a trial's 256
                    // utterances as one sequence of 20485 steps, exit 0
                    List<String> quoted = schema.featureNames().stream().map(n -> "'" + n + "'").toList();
                    throw new DatasetFormatException(file, 1, "column " + blocks + ", as a sequence id does in the long layout "
                            + "(many sequences in one file); " + (training ? "the folder layout reads" : "this model was trained on "
                            + "the folder layout, and reads") + " one sequence per file: this file would be one sequence of "
                            + table.rows().size() + " steps (expected one file per sequence, with the columns " + schema.featureNames()
                            + ": write each sequence to a file of its own, e.g. pandas: for k, g in df.groupby(ID): g[" + quoted
                            + "].to_csv(f'{k}.csv', index=False), and give the folder; if the column is no sequence id, leave it out "
                            + (training ? "with --set features=..." : "with --ignore-columns " + String.join(",", unknown)) + ")");
                }
                if (training && EXTRA_COLUMNS.get() != null) { // the features chosen: other columns left out, with a warning
                    EXTRA_COLUMNS.get().put(file.getFileName().toString(), unknown);
                    unknown = List.of();
                }
            }
            if (!unknown.isEmpty()) {
                boolean training = FILE_COLUMN.get() != null;
                throw new DatasetFormatException(file, 1, "column(s) " + shortList(unknown) + " are not features of this data (expected only "
                        + shortList(schema.featureNames()) + transposedHint(schema, table)
                        + (CsvSchema.FOLDER.equals(schema.layout()) ? "; the folder layout has one sequence per"
                        + " file, its rows the time steps, and no sequence id column" + (schema.time() == null ? " (a time column "
                        + "only when chosen, --set time=NAME)" : "") : "") + (training
                        ? "; the features are the columns of the first listed file: --set features=... chooses them"
                        : "; leave them out with --ignore-columns " + String.join(",", unknown) + " (predict, evaluate)") + ")");
            }
        } else {
            if (table.width() != schema.features().size()) {
                throw new DatasetFormatException(file, table.lines().get(0), table.width() + " columns (expected "
                        + schema.features().size() + " feature columns, matched by position, as in the training files)");
            }
            cols = IntStream.range(0, table.width()).toArray();
            CsvSchema.refuseHeaderRow(table, cols);
        }
        bad.columnsRead();
        float[][] values = new float[table.rows().size()][cols.length];
        CsvTable.Underflow underflow = new CsvTable.Underflow();
        for (int t = 0; t < values.length; t++) {
            for (int f = 0; f < cols.length; f++) {
                try {
                    values[t][f] = table.missing(t, cols[f]) ? Float.NaN : table.feature(t, cols[f], underflow);
                } catch (DatasetFormatException e) { // every cell of text named at once (CsvTable#withTextCells)
                    throw table.withTextCells(e, t, cols[f], cols);
                }
            }
        }
        warnUnderflow(file, underflow, table);
        addFolderTimes(table, cols, id, values);
        addFolderColumns(table, cols, values, schema);
        return fillMissing(values, schema, table, IntStream.range(0, values.length).boxed().toList(), cols,
                file.getFileName().toString(), () -> {
                    int trailing = MissingValues.trailingMissingSteps(values);
                    boolean padded = trailing > 0 && trailing < values.length; // no value at all is not padding
                    return paddingHint(MissingValues.missingCount(values), padded ? (long) trailing * cols.length : 0, padded ? 1 : 0, 1);
                });
    }

    /**
     * One warning per file for feature values that are not 0 as written but read as 0 in float (they are kept, as 0), and
     * one for the yes/no columns whose True/False were read as 1 and 0 ({@link CsvTable#yesNoColumn}): the same rule at
     * train, evaluate and predict, said rather than silent.
     */
    private static void warnUnderflow(Path file, CsvTable.Underflow underflow, CsvTable table) {
        String yesNo = underflow.yesNoWarning(table);
        if (yesNo != null) {
            LOG.warn("csv {}: {}", file, yesNo);
        }
        if (underflow.count() > 0) {
            LOG.warn("csv {}: {} value(s) are not 0 but below the float range (|x| < 1.4e-45) and read as 0, first at {}",
                    file, underflow.count(), underflow.first());
        }
        Map<String, CsvTable.Spread> spreads = SPREADS.get();
        underflow.spreads(table).forEach((column, spread) -> {
            if (spreads != null) {
                spreads.computeIfAbsent(column, c -> new CsvTable.Spread()).merge(spread); // warned of once the whole read is done
            } else if (spread.blurred()) {
                LOG.warn("csv {}: {}", file, spread.warning(column));
            }
        });
    }

    /** Warns of the feature columns that float rounding blurs ({@link CsvTable.Spread}), over every file this thread read. */
    private static void warnBlurred() {
        SPREADS.get().forEach((column, spread) -> {
            if (spread.blurred()) {
                LOG.warn("csv: {}", spread.warning(column));
            }
        });
    }

    /**
     * Applies the missing-value policy to one sequence (NaN marks a missing cell); null when the sequence is to be dropped,
     * a shorter array when {@link MissingValues#TRIM} removed its end padding. {@code padding} says, when the error policy
     * refuses a value, what share of the file's missing values are end padding (computed only then, over the whole file):
     * a user with UEA-style padded series was offered ffill, zero and drop, which all change the data.
     */
    private static float[][] fillMissing(float[][] values, CsvSchema schema, CsvTable table, List<Integer> rows, int[] cols, String id,
                                         java.util.function.Supplier<String> padding) {
        // the values as written, before gaps are filled and sequences scaled: what codes are judged on (FeatureCodes)
        java.util.function.Consumer<float[][]> raw = RAW_VALUES.get() != null ? RAW_VALUES.get()
                : READING.get() != null ? READING.get().raw : null;
        if (raw != null) {
            raw.accept(values);
        }
        RawRows rawRows = RAW_VALUES.get() == null && READING.get() != null ? READING.get().rawRows : null;
        if (rawRows != null) {
            rawRows.accept(id, values, org.rnnlab.datasets.InputNames.shown(table.file()),
                    rows.stream().mapToLong(r -> r < table.lines().size() ? table.lines().get(r) : -1).toArray());
        }
        Map<String, double[]> medians = RAW_MEDIANS.get();
        if (medians != null && id != null) {
            medians.put(id, TemperatureUnits.medians(values));
        }
        Map<float[][], float[][]> interpolated = medians != null ? INTERPOLATED_WRITTEN.get() : null; // training file only
        float[][] asWritten = interpolated == null ? null : java.util.Arrays.stream(values).map(float[]::clone).toArray(float[][]::new);
        float[][] filled = fillMissingUnscaled(values, schema, table, rows, cols, id, padding);
        if (filled != null && asWritten != null) {
            interpolated.put(filled, asWritten);
        }
        if (filled != null) {
            Map<float[][], long[]> written = WRITTEN_STEPS.get();
            if (written != null && schema.sequenceScaling() != SequenceScaling.NONE) {
                written.put(filled, SplitOverlap.stepHashes(filled)); // as written: what the overlap check compares
            }
            schema.sequenceScaling().apply(filled); // in place: the fingerprint recorded as trained (asTrained) is keyed by identity
        }
        return filled;
    }

    /**
     * How many feature cells of the whole file are missing, by column, for the refusal of the first one under {@code --missing
     * error}: {@code ; the file holds 3534 missing value(s) in its feature columns, in 2911 of its 18641 rows: 'NO2' 571, ...}
     * (a trial: only the first missing cell was named, and the user could not tell how bad the export was before choosing a
     * policy). Empty when the first is the only one.
     */
    static String missingInFile(CsvTable table, int[] cols) {
        long[] byColumn = new long[cols.length];
        long rows = 0;
        for (String[] row : table.rows()) {
            boolean any = false;
            for (int j = 0; j < cols.length; j++) {
                if (cols[j] < row.length && MissingValues.isMissing(row[cols[j]].strip())) {
                    byColumn[j]++;
                    any = true;
                }
            }
            rows += any ? 1 : 0;
        }
        long total = java.util.Arrays.stream(byColumn).sum();
        if (total <= 1) {
            return "";
        }
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < cols.length; j++) {
            if (byColumn[j] > 0) {
                order.add(j);
            }
        }
        order.sort((a, b) -> Long.compare(byColumn[b], byColumn[a]));
        return "; the file holds " + total + " missing value(s) in its feature columns, in " + rows + " of its " + table.rows().size()
                + " rows: " + String.join(", ", order.stream().map(j -> table.columnName(cols[j]) + " " + byColumn[j]).toList());
    }

    /** {@link #fillMissing} before the per-sequence scaling of the schema. */
    private static float[][] fillMissingUnscaled(float[][] values, CsvSchema schema, CsvTable table, List<Integer> rows, int[] cols,
                                                 String id, java.util.function.Supplier<String> padding) {
        if (schema.missing() == MissingValues.ERROR) {
            int[] at = MissingValues.firstMissing(values);
            if (at != null) {
                int r = rows.get(at[0]);
                throw new DatasetFormatException(table.file(), table.lines().get(r), "missing value "
                        + CsvTable.shownMissing(table.rows().get(r)[cols[at[1]]]) + " in column " + table.cellColumn(r, cols[at[1]]) + " of sequence "
                        + LabelCheck.quoted(id) + " (expected a number; or choose a policy with --missing trim|ffill|interpolate|zero|drop-steps|drop)"
                        + padding.get() + missingInFile(table, cols));
            }
            return values;
        }
        MissingValues trained = READING.get() != null ? READING.get().trainedPolicy : null;
        boolean otherPolicy = trained != null && (trained.fillsIn() || trained == MissingValues.TRIM
                || trained == MissingValues.DROP_STEPS);
        float[][] raw = otherPolicy && trained != schema.missing() && MissingValues.missingCount(values) > 0
                ? copy(values) : null; // NaN kept, for the model's policy
        int trailing = MissingValues.trailingMissingSteps(values);
        int emptyInside = schema.missing().fillsIn() ? MissingValues.interiorMissingSteps(values) : 0; // before filling in place
        // a sequence with no value at all is not padded: trim refuses it too
        long paddingCells = trailing < values.length ? (long) trailing * cols.length : 0;
        Map<Path, long[]> counts = FILLED.get();
        float[][] result;
        long filled;
        if (schema.missing() == MissingValues.TRIM) {
            result = MissingValues.trimmed(values);
            if (result.length == 0) {
                throw new DatasetFormatException(table.file(), table.lines().get(rows.get(0)), "sequence " + LabelCheck.quoted(id)
                        + " has no value at all: every feature of its " + values.length + " step(s) is missing, so --missing trim, which removes the "
                        + "steps at a sequence's end whose every feature is missing, leaves nothing (expected at least one step "
                        + "with values; leave the sequence out of the file, or --missing drop drops such sequences)");
            }
            int[] at = MissingValues.firstMissing(result);
            if (at != null) {
                int r = rows.get(at[0]);
                throw new DatasetFormatException(table.file(), table.lines().get(r), "missing value "
                        + CsvTable.shownMissing(table.rows().get(r)[cols[at[1]]]) + " in column " + table.cellColumn(r, cols[at[1]]) + " of sequence "
                        + LabelCheck.quoted(id) + " is not end padding (expected a number: --missing trim removes only the time steps at a sequence's end "
                        + "whose every feature is missing" + (trailing > 0 ? ", here the last " + trailing + " step(s) of this "
                        + "sequence" : "") + "; a gap inside a sequence, or a step where only some features are missing, needs "
                        + "--missing ffill|interpolate|zero|drop-steps|drop)");
            }
            filled = trailing;
        } else if (schema.missing() == MissingValues.DROP_STEPS) {
            result = MissingValues.withoutMissingSteps(values);
            if (result.length == 0) {
                return null; // no step left: dropped, as --missing drop drops a sequence (named per file by the caller)
            }
            filled = values.length - result.length;
            if (counts != null && filled > 0) {
                // a step removed between kept ones leaves a gap in the time the model reads as consecutive steps (trial 71d
                // F7: the same rows deleted from the file got the time spacing's gap warning, drop-steps said nothing)
                long[] count = counts.computeIfAbsent(fillSource(schema, table), f -> new long[4]);
                count[2] += hasInteriorPartialStep(values) ? 1 : 0;
                count[3] = schema.time() != null ? 1 : 0;
            }
        } else {
            List<String> where = counts == null ? null : FILLED_WHERE.get().computeIfAbsent(fillSource(schema, table), f -> new ArrayList<>());
            int[] firstGapByColumn = where != null && where.size() < FILLED_SHOWN ? firstMissingByColumn(values) : null;
            long[] missingByColumn = null; // counted before filling in place, added once the sequence is known to be filled
            if (counts != null && schema.missing().fillsIn()) {
                ColumnFills columns = FILLED_COLUMNS.get().computeIfAbsent(fillSource(schema, table), f -> new ColumnFills());
                columns.steps += values.length;
                missingByColumn = new long[cols.length];
                for (int j = 0; j < cols.length; j++) {
                    columns.byColumn.computeIfAbsent(table.columnName(cols[j]), c -> new long[1]);
                    for (float[] step : values) {
                        missingByColumn[j] += Float.isNaN(step[j]) ? 1 : 0;
                    }
                }
            }
            EmptyFeatureFill fallback = schema.emptyFeature();
            // where the gaps are, before filling in place: the steps filled of each sequence ({@link FilledSequences})
            boolean[][] gaps = counts != null && schema.missing().fillsIn() ? missingCells(values) : null;
            MissingValues.Filled done = schema.missing().fill(values, fallback == null ? null : fallback.array(cols.length));
            // the cells the fallback wrote are counted by its own warning, not as the policy's fills (a review: "filled 172
            // missing value(s) ... each from the last observed value" counted the 172 values the mean was written into)
            long fellBackCells = (long) done.fellBack().size() * values.length;
            if (missingByColumn != null) {
                for (int f : done.fellBack()) {
                    missingByColumn[f] = 0;
                }
            }
            int[] gap = firstGapByColumn == null ? null : firstGap(firstGapByColumn, done.fellBack());
            if (missingByColumn != null && !done.dropped() && done.emptyFeature() < 0) {
                // only the cells of sequences actually filled: a sequence then dropped, or given no prediction, fills none (a
                // trial's per-column counts summed to 94 beside the headline's 54)
                ColumnFills columns = FILLED_COLUMNS.get().get(fillSource(schema, table));
                for (int j = 0; j < cols.length; j++) {
                    columns.byColumn.get(table.columnName(cols[j]))[0] += missingByColumn[j];
                }
            }
            if (!done.fellBack().isEmpty() && !done.dropped() && done.emptyFeature() < 0) {
                if (fallback.pending() && PENDING_FALLBACK.get() != null) {
                    PENDING_FALLBACK.get().put(values, done.fellBack()); // the training means are written once known
                }
                Map<String, long[]> byFeature = FELL_BACK.get().computeIfAbsent(fillSource(schema, table), f -> new LinkedHashMap<>());
                long[] all = byFeature.computeIfAbsent("", k -> new long[2]);
                all[0]++;
                all[1] += fellBackCells;
                if (FELL_BACK_SEQUENCES.get() != null) {
                    FELL_BACK_SEQUENCES.get().put(values, done.fellBack());
                }
                for (int f : done.fellBack()) {
                    byFeature.computeIfAbsent(table.columnName(cols[f]), k -> new long[1])[0]++;
                }
            }
            if (gap != null && !done.dropped() && done.emptyFeature() < 0 && done.filled() - fellBackCells > 0) {
                // in the folder layout the warning is per folder or labels file: each sequence's own file named with its line
                boolean ownFile = !fillSource(schema, table).equals(table.file());
                where.add(LabelCheck.quoted(id) + " (" + (ownFile ? org.rnnlab.datasets.InputNames.shown(table.file().getFileName())
                        + " " : "") + "line " + table.lines().get(rows.get(gap[0])) + ", column " + table.cellColumn(rows.get(gap[0]), cols[gap[1]]) + ")");
            }
            if (done.dropped()) {
                if (counts != null && paddingCells > 0 && paddingCells == MissingValues.missingCount(values)) {
                    notePadded(fillSource(schema, table), values.length);
                    // dropped only for its end padding: --missing trim would have kept it (the trial's drop kept 1 of 479)
                    counts.computeIfAbsent(fillSource(schema, table), f -> new long[4])[3]++;
                }
                return null;
            }
            if (done.emptyFeature() >= 0 && READING.get() != null) {
                // new data (predict, evaluate): this sequence cannot be filled in, the others can; it gets no prediction,
                // named here and in the command's last line (exit 4), rather than the whole file none
                String key = org.rnnlab.datasets.InputNames.shown(fillSource(schema, table)) + "\u0000" + table.columnName(cols[done.emptyFeature()])
                        + "\u0000" + schema.missing();
                if (++UNFILLED.get().computeIfAbsent(key, k -> new int[1])[0] <= UNFILLED_SHOWN) {
                    LOG.warn("csv {}:{}: column {} of sequence {} has no value at all, which --missing {} cannot fill in (it fills "
                            + "from a feature's observed values in the same sequence): no prediction for this sequence (a model "
                            + "trained with --set " + EmptyFeatureFill.SETTING + "=mean or zero fills such a feature)",
                            org.rnnlab.datasets.InputNames.shown(table.file()), table.lines().get(rows.get(0)),
                            table.columnName(cols[done.emptyFeature()]), LabelCheck.quoted(id), schema.missing());
                }
                return null;
            }
            if (done.emptyFeature() >= 0 && MissingValues.missingCount(values) == (long) values.length * cols.length) {
                // an empty recording: no feature has a value, so leaving one feature out (the hint below) would not help (an
                // ECG trial's all-NaN recording was blamed on its first lead)
                List<String> names = IntStream.of(cols).mapToObj(c -> table.header() == null ? Integer.toString(c)
                        : table.header().get(c)).toList();
                String idColumn = schema.sequenceId() == null ? null : schema.sequenceId().name();
                throw new DatasetFormatException(table.file(), table.lines().get(rows.get(0)), "sequence " + LabelCheck.quoted(id)
                        + " has no value at all in any of its features (" + String.join(", ", names.subList(0, Math.min(6,
                        names.size()))) + (names.size() > 6 ? ", ..." : "") + " over its " + values.length + " step(s)): an empty "
                        + "recording, which --missing " + schema.missing() + " cannot fill in (expected at least one value per "
                        + "feature and sequence; leave the sequence out of the file" + (idColumn == null || table.header() == null
                        ? "" : ", e.g. " + pandasFilter(schema, table, cols, "g[" + names.stream().map(CsvSequenceDataset::pyString)
                        .collect(Collectors.joining(", ", "[", "]")) + "].notna().any().all()"))
                        + "; --missing drop drops it, but also every sequence with any missing value; --set "
                        + EmptyFeatureFill.SETTING + "=mean|zero fills a feature with no value in a sequence whose other features "
                        + "have values, not a sequence with none)");
            }
            if (done.emptyFeature() >= 0) {
                // how much of the file lacks the column: a column measured at one station of eight stopped training at the
                // first window with no word of leaving it out (a trial)
                int col = cols[done.emptyFeature()];
                long missingRows = IntStream.range(0, table.rows().size()).filter(r -> table.missing(r, col)).count();
                List<String> others = IntStream.of(cols).filter(c -> c != col).mapToObj(c -> table.header() == null
                        ? Integer.toString(c) : table.header().get(c)).toList();
                throw new DatasetFormatException(table.file(), table.lines().get(rows.get(0)), "column "
                        + table.columnName(col) + " of sequence " + LabelCheck.quoted(id) + " has no value at all (--missing "
                        + schema.missing() + " needs at least one observed value per feature and sequence, or a fallback: "
                        + EmptyFeatureFill.REMEDY + "); the column is empty in "
                        + missingRows + " of the file's " + table.rows().size() + " rows ("
                        + ColumnFills.percent(missingRows, table.rows().size()) + ")" + (others.isEmpty() ? "" : ": if it was not "
                        + "measured for most sequences, leave it out with --set features=" + String.join(",", others)
                        + "; --missing drop drops the sequences without it, and every other sequence with a missing value")
                        + unfillableFilter(schema, table, col));
            }
            result = values;
            filled = done.filled() - fellBackCells;
            if (gaps != null && filled > 0) {
                FILLED_SEQUENCES.get().computeIfAbsent(fillSource(schema, table), f -> new ArrayList<>()).add(new FilledSequences.Filled(
                        org.rnnlab.datasets.InputNames.shown(table.file()), id, null, filled, stepsWithGaps(gaps, done.fellBack())));
            }
        }
        if (raw != null) {
            // the values as the model's policy reads them: what train fingerprinted (a policy that errs or drops kept no
            // sequence with a gap in training, so such a sequence keeps the fingerprint of its values as read here)
            float[][] asTrained = trained == MissingValues.TRIM ? MissingValues.trimmed(raw)
                    : trained == MissingValues.DROP_STEPS ? MissingValues.withoutMissingSteps(raw) : raw;
            boolean kept = trained == MissingValues.TRIM || trained == MissingValues.DROP_STEPS
                    ? asTrained.length > 0 && MissingValues.firstMissing(asTrained) == null
                    : !trained.fill(asTrained, schema.emptyFeature() == null ? null : schema.emptyFeature().array(cols.length)).dropped()
                    && MissingValues.firstMissing(asTrained) == null;
            if (kept) {
                schema.sequenceScaling().apply(asTrained); // as the training data were scaled
                READING.get().asTrained.put(result, SplitIdsFile.fingerprint(asTrained));
            }
        }
        if (counts != null && filled > 0) {
            // per file: {values filled (trim: steps removed), sequences, of the values filled those of end padding, sequences
            // with end padding (drop: dropped for it alone)}
            long[] count = counts.computeIfAbsent(fillSource(schema, table), f -> new long[4]);
            count[0] += filled;
            count[1]++;
            if (schema.missing().fillsIn() && EMPTY_STEPS.get() != null) {
                int empty = emptyInside;
                if (empty > 0) {
                    long[] e = EMPTY_STEPS.get().computeIfAbsent(fillSource(schema, table), f -> new long[2]);
                    e[0] += empty;
                    e[1]++;
                }
            }
            if (schema.missing() != MissingValues.TRIM && schema.missing() != MissingValues.DROP_STEPS && paddingCells > 0) {
                notePadded(fillSource(schema, table), values.length);
                count[2] += paddingCells;
                count[3]++;
            }
        }
        return result;
    }

    /** Which cells of {@code values} are missing (NaN), step by step. */
    private static boolean[][] missingCells(float[][] values) {
        boolean[][] out = new boolean[values.length][];
        for (int t = 0; t < values.length; t++) {
            out[t] = new boolean[values[t].length];
            for (int f = 0; f < values[t].length; f++) {
                out[t][f] = Float.isNaN(values[t][f]);
            }
        }
        return out;
    }

    /** The steps with a missing cell ({@code gaps}) in a feature other than {@code fellBack} (written by --set emptyFeature). */
    private static int stepsWithGaps(boolean[][] gaps, List<Integer> fellBack) {
        int steps = 0;
        for (boolean[] step : gaps) {
            for (int f = 0; f < step.length; f++) {
                if (step[f] && !fellBack.contains(f)) {
                    steps++;
                    break;
                }
            }
        }
        return steps;
    }

    /** Per feature, the first step where its value is missing, or -1. */
    private static int[] firstMissingByColumn(float[][] values) {
        int features = values.length == 0 ? 0 : values[0].length;
        int[] first = new int[features];
        java.util.Arrays.fill(first, -1);
        for (int t = values.length - 1; t >= 0; t--) {
            for (int f = 0; f < features; f++) {
                if (Float.isNaN(values[t][f])) {
                    first[f] = t;
                }
            }
        }
        return first;
    }

    /**
     * The first missing cell {step, feature} in step order (then feature order), of the features other than {@code skipped}
     * (those the {@code --set emptyFeature} fallback wrote), from {@link #firstMissingByColumn}; null for none.
     */
    private static int[] firstGap(int[] firstByColumn, List<Integer> skipped) {
        int[] gap = null;
        for (int f = 0; f < firstByColumn.length; f++) {
            if (firstByColumn[f] >= 0 && !skipped.contains(f) && (gap == null || firstByColumn[f] < gap[0])) {
                gap = new int[] {firstByColumn[f], f};
            }
        }
        return gap;
    }

    /**
     * Whether a step holding a missing value in any feature lies between two steps holding none: where {@link
     * MissingValues#DROP_STEPS} leaves a gap inside the sequence (steps removed at its start or end leave none).
     */
    static boolean hasInteriorPartialStep(float[][] values) {
        int first = -1;
        int last = -1;
        for (int t = 0; t < values.length; t++) {
            if (!stepHasMissing(values[t])) {
                first = first < 0 ? t : first;
                last = t;
            }
        }
        for (int t = first + 1; first >= 0 && t < last; t++) {
            if (stepHasMissing(values[t])) {
                return true;
            }
        }
        return false;
    }

    private static boolean stepHasMissing(float[] step) {
        for (float v : step) {
            if (Float.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How to leave out only the sequences where a column has no value at all, keeping the others to be filled (a maintenance
     * trial's one dead sensor over one cycle stopped training, and --missing drop would have dropped 58% of its sequences):
     * the pandas line, or "" without a header or id column.
     */
    static String unfillableFilter(CsvSchema schema, CsvTable table, int col) {
        if (table.header() == null || schema.sequenceId() == null) {
            return "";
        }
        return "; to leave out only the sequences where it has no value and fill the others, " + pandasFilter(schema, table,
                new int[] {col}, "g[" + pyString(table.header().get(col)) + "].notna().any()");
    }

    /**
     * rnnlab's markers of a missing value ({@link MissingValues#MARKERS}) that pandas' {@code read_csv} does not read as
     * NaN by default: a column of them is "not na" to pandas.
     */
    static final List<String> NOT_PANDAS_MARKERS = List.of("?", "NAN", "-NAN", "nan(ind)", "-nan(ind)", "nan(snan)", "-nan(snan)",
            "NaT");

    /**
     * The pandas line that keeps the sequences (grouped by the id column) for which {@code keep} (a Python expression of
     * {@code g}) holds, read as rnnlab reads the file: {@code notna()} counts only what {@code read_csv} read as NaN, while
     * rnnlab also reads {@code ?}, {@code NAN}, {@code nan(ind)} ... ({@link #NOT_PANDAS_MARKERS}) and the schema's
     * {@code --set naValues} codes as missing. A review: a sequence whose column was all {@code ?} (common in UCI files) or
     * all -999 was kept by the line, and training refused again with the same message. So when columns {@code cols} hold
     * such markers, or the schema has codes, the line starts with {@code pd.read_csv(..., na_values={'column': [...]})}, per
     * column of {@code cols} as rnnlab applies codes to feature cells only (a list would make a 0 id, time or label NaN too), and
     * with {@code sep=} when the file's delimiter is not a comma. Names are Python string literals (quotes and backslashes
     * escaped).
     */
    static String pandasFilter(CsvSchema schema, CsvTable table, int[] cols, String keep) {
        // per column: rnnlab reads the codes in feature cells only (NaScope), while a list na_values would make a 0 or -1 id,
        // time or label NaN as well (a review: ids 0-7, times from 0 and labels 0/1 with --set naValues=0)
        Map<String, java.util.LinkedHashSet<String>> na = new LinkedHashMap<>();
        for (int c : cols) {
            int column = c;
            java.util.LinkedHashSet<String> codes = new java.util.LinkedHashSet<>();
            for (String marker : NOT_PANDAS_MARKERS) {
                if (IntStream.range(0, table.rows().size()).anyMatch(r -> marker.equals(table.cell(r, column).trim()))) {
                    codes.add(marker);
                }
            }
            if (schema.naValues() != null) {
                schema.naValues().forEach(code -> codes.add(code.trim()));
            }
            if (!codes.isEmpty()) {
                na.put(table.header().get(c), codes);
            }
        }
        char delimiter = schema.delimiterChar();
        String sep = delimiter == ',' ? "" : ", sep=" + (delimiter == '\t' ? "'\\t'" : pyString(Character.toString(delimiter)));
        String read = na.isEmpty() && sep.isEmpty() ? "" : "df = pd.read_csv(" + pyString(table.file().getFileName().toString()) + sep
                + (na.isEmpty() ? "" : ", na_values=" + na.entrySet().stream().map(e -> pyString(e.getKey()) + ": " + e.getValue().stream()
                .map(CsvSequenceDataset::pyString).collect(Collectors.joining(", ", "[", "]"))).collect(Collectors.joining(", ", "{", "}")))
                + "); ";
        return "pandas: " + read + "df = df.groupby(" + pyString(schema.sequenceId().name()) + ").filter(lambda g: " + keep + ")";
    }

    /**
     * {@code df = pd.read_csv(FILE, sep=..., decimal=',', encoding=...); } where pandas' defaults would not read {@code file} as
     * this read does (another delimiter than ',', decimal commas, a declared encoding other than UTF-8), else empty: the start
     * of a printed pandas line that works on the file. Trial 81a F3: a sort line presupposed a DataFrame read so without saying.
     */
    static String pandasRead(CsvSchema schema, Path file) {
        String layout = pandasLayout(schema);
        boolean trailing = endsInDelimiter(file, schema.delimiterChar());
        return layout.isEmpty() && !trailing ? "" : "df = pd.read_csv(" + pyName(file.toString()) + layout + "); "
                // pandas names the empty columns of a delimiter at each line's end 'Unnamed: N' and writes them back as such
                + (trailing ? "df = df.loc[:, ~df.columns.str.startswith('Unnamed: ')]; " : "");
    }

    /** Whether {@code file}'s first line ends in {@code delimiter} (Excel's blank last column); false if it cannot be read. */
    private static boolean endsInDelimiter(Path file, char delimiter) {
        try (java.io.BufferedReader r = org.rnnlab.datasets.TextFiles.newReader(file, org.rnnlab.datasets.FileEncoding.peekCharset())) {
            String first = r.readLine();
            return first != null && first.stripTrailing().endsWith(Character.toString(delimiter));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The arguments of pandas' {@code read_csv} and {@code to_csv} (each after a ", ") for the layout of the file being read:
     * its delimiter, decimal commas, and a declared encoding other than UTF-8 ({@link org.rnnlab.datasets.FileEncoding});
     * empty for pandas' defaults. A printed {@code to_csv} with them writes a file the model reads as it read this one (trial
     * 81a F3: a {@code ;}/decimal-comma model refused the {@code ,}/decimal-point file its own sort line wrote).
     */
    static String pandasLayout(CsvSchema schema) {
        char delimiter = schema.delimiterChar();
        org.rnnlab.datasets.FileEncoding declared = org.rnnlab.datasets.FileEncoding.declared();
        return (delimiter == ',' ? "" : ", sep=" + (delimiter == '\t' ? "'\\t'" : pyString(Character.toString(delimiter))))
                + (DecimalSeparator.comma() ? ", decimal=','" : "")
                + (declared == null || declared.charset().equals(java.nio.charset.StandardCharsets.UTF_8) ? ""
                : ", encoding=" + pyString(declared.charset().name().toLowerCase(java.util.Locale.ROOT)));
    }

    /** {@code s} as a single-quoted Python string literal. */
    private static String pyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The one line for the new-data sequences without any value in a column beyond the first few warned of ({@link #UNFILLED}). */
    private static void warnUnfilled() {
        UNFILLED.get().forEach((key, count) -> {
            if (count[0] > UNFILLED_SHOWN) {
                String[] parts = key.split("\u0000");
                LOG.warn("csv {}: column {} has no value at all in {} sequences ({} named above), which --missing {} cannot fill in: "
                        + "no prediction for them; if the sensor is dead in these data, a model trained without the column "
                        + "(--set features=... without it) can predict them", parts[0], parts[1], count[0], UNFILLED_SHOWN, parts[2]);
            }
        });
    }

    /**
     * Where filled values are counted: per file; in the folder layout (one file per sequence) per labels file, or per folder
     * without one; a copy of standard input (a file shown by another name) by itself, not by the temporary folder holding it.
     */
    private static Path fillSource(CsvSchema schema, CsvTable table) {
        boolean aliased = !org.rnnlab.datasets.InputNames.shown(table.file()).equals(table.file().toString());
        return FILL_SOURCE.get() != null ? FILL_SOURCE.get()
                : CsvSchema.FOLDER.equals(schema.layout()) && table.file().getParent() != null && !aliased ? table.file().getParent()
                : table.file();
    }

    /**
     * Which feature columns the missing values of a long-layout file are in: per column, how many sequences miss a value
     * there (the most first, up to 5 columns), e.g. "every one of the 5 sequences misses values, in column y (5 sequences)".
     */
    static String missingByColumn(CsvTable table, java.util.Collection<List<Integer>> sequences, int[] cols) {
        int[] count = new int[cols.length];
        for (List<Integer> rows : sequences) {
            for (int j = 0; j < cols.length; j++) {
                for (int r : rows) {
                    if (table.missing(r, cols[j])) {
                        count[j]++;
                        break;
                    }
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < cols.length; j++) {
            if (count[j] > 0) {
                order.add(j);
            }
        }
        order.sort((a, b) -> Integer.compare(count[b], count[a]));
        StringBuilder text = new StringBuilder("every one of the " + sequences.size() + " sequence(s) misses values, in column(s) ");
        for (int k = 0; k < Math.min(5, order.size()); k++) {
            int j = order.get(k);
            text.append(k > 0 ? ", " : "").append(table.columnName(cols[j])).append(" (").append(count[j])
                    .append(k == 0 ? " sequence(s))" : ")");
        }
        return order.size() > 5 ? text.append(" and ").append(order.size() - 5).append(" more").toString() : text.toString();
    }

    /**
     * When most of a file's missing values (half or more) are end padding ({@link MissingValues#trailingMissingSteps}), what
     * the error message adds: that it looks like padding and that --missing trim removes it; else nothing.
     *
     * @param missing          the file's missing values
     * @param padding          those in time steps at a sequence's end whose every feature is missing
     * @param paddedSequences  sequences with such steps
     * @param sequences        the file's sequences
     */
    static String paddingHint(long missing, long padding, int paddedSequences, int sequences) {
        if (padding == 0 || padding * 2 < missing) {
            return "";
        }
        return "; " + (padding == missing ? "all " + missing : padding + " of the " + missing) + " missing value(s) of this file are "
                + "in time steps at the end of a sequence whose every feature is missing (" + paddedSequences + " of " + sequences
                + " sequence(s)): that looks like end padding, as UEA/sktime exports pad shorter series up to the longest; "
                + "--missing trim removes those steps" + (padding == missing ? " and changes no value read"
                : ", and refuses the other " + (missing - padding) + " as here") + ", where ffill, interpolate and zero would fill them in and "
                + "drop would drop every padded sequence";
    }

    /** {@link #paddingHint} of a long-layout file: its sequences are the row lists, its features the columns. */
    private static String paddingHint(CsvTable table, java.util.Collection<List<Integer>> sequences, int[] cols) {
        long missing = 0;
        long padding = 0;
        int padded = 0;
        for (List<Integer> rows : sequences) {
            int trailing = 0;
            for (int t = rows.size() - 1; t >= 0 && cols.length > 0 && allMissing(table, rows.get(t), cols); t--) {
                trailing++;
            }
            if (trailing < rows.size()) { // a sequence with no value at all is not padded: trim refuses it too
                padding += (long) trailing * cols.length;
                padded += trailing > 0 ? 1 : 0;
            }
            for (int r : rows) {
                for (int c : cols) {
                    missing += table.missing(r, c) ? 1 : 0;
                }
            }
        }
        return paddingHint(missing, padding, padded, sequences.size()) + firstStepHint(table, sequences, cols)
                + slowChannelHint(table, sequences, cols);
    }

    /** 2nd, 3rd, 11th, 25th. */
    private static String ordinal(int n) {
        return n + (n % 100 >= 11 && n % 100 <= 13 ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th");
    }

    /**
     * The feature columns filled on a regular every-k-th-row pattern (k of 2 or more, 9 in 10 of the runs between values
     * k or k + 1 rows: a 4 Hz strap in 25 Hz rows is every 6th or 7th) and empty between: channels sampled at a lower rate
     * and merged into one table, for which interpolate or ffill fill the rows between (trial 73c F3: heart_rate on every
     * 25th row was refused with the six policies and no word of the pattern); empty when none is.
     */
    static String slowChannelHint(CsvTable table, java.util.Collection<List<Integer>> sequences, int[] cols) {
        List<String> found = new ArrayList<>();
        for (int c : cols) {
            java.util.Map<Integer, Long> runs = new java.util.HashMap<>();
            long present = 0;
            long all = 0;
            for (List<Integer> rows : sequences) {
                int last = -1;
                for (int i = 0; i < rows.size(); i++) {
                    all++;
                    if (!table.missing(rows.get(i), c)) {
                        present++;
                        if (last >= 0) {
                            runs.merge(i - last, 1L, Long::sum);
                        }
                        last = i;
                    }
                }
            }
            long total = runs.values().stream().mapToLong(Long::longValue).sum();
            if (total < 4 || present * 2 > all) {
                continue;
            }
            List<Integer> common = runs.entrySet().stream().sorted(java.util.Map.Entry.<Integer, Long>comparingByValue().reversed())
                    .limit(2).map(java.util.Map.Entry::getKey).sorted().toList();
            int k = common.size() == 2 && common.get(1) == common.get(0) + 1 ? common.get(0) : runs.entrySet().stream()
                    .max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
            long regular = runs.getOrDefault(k, 0L) + runs.getOrDefault(k + 1, 0L);
            if (k >= 2 && regular * 10 >= total * 9) {
                boolean two = runs.getOrDefault(k + 1, 0L) * 10 > total && runs.getOrDefault(k, 0L) * 10 > total;
                found.add(table.columnName(c) + " on every " + (two ? ordinal(k) + " or " + ordinal(k + 1) : ordinal(k)) + " row");
            }
        }
        if (found.isEmpty()) {
            return "";
        }
        return "; " + String.join(", ", found) + " (empty between): the pattern of a channel sampled at a lower rate and merged "
                + "into one table? --missing interpolate fills the rows between its samples on a straight line, ffill holds "
                + "each value until the next (a staircase)";
    }

    /**
     * The feature columns missing only at the first row of sequences, 2 of them or more (a keystroke's time since the key
     * before: none for the first key), in words with the fix: {@code ; 'flight_ms' is missing only at the first step of 1144
     * sequences (of 1144): a difference to the previous event? ...}; empty when none is.
     */
    static String firstStepHint(CsvTable table, java.util.Collection<List<Integer>> sequences, int[] cols) {
        List<String> found = new ArrayList<>();
        for (int c : cols) {
            long first = 0;
            boolean elsewhere = false;
            for (List<Integer> rows : sequences) {
                for (int i = 0; i < rows.size() && !elsewhere; i++) {
                    if (table.missing(rows.get(i), c)) {
                        if (i == 0 && rows.size() > 1) {
                            first++;
                        } else {
                            elsewhere = true;
                        }
                    }
                }
                if (elsewhere) {
                    break;
                }
            }
            if (!elsewhere && first >= 2) {
                String name = table.columnName(c);
                String bare = name.startsWith("'") ? name.substring(1, name.length() - 1) : name;
                found.add(name + " is missing only at the first step of " + first + " sequences (of " + sequences.size()
                        + "): a difference to the previous event (none before the first)? Fill it with --missing zero (0 for "
                        + "every missing value) or ffill (the sequence's next value), or write 0 there (pandas: df['" + bare
                        + "'] = df['" + bare + "'].fillna(0))");
            }
        }
        return found.isEmpty() ? "" : "; " + String.join("; ", found);
    }

    private static boolean allMissing(CsvTable table, int row, int[] cols) {
        for (int c : cols) {
            if (!table.missing(row, c)) {
                return false;
            }
        }
        return true;
    }

    private static float[][] copy(float[][] values) {
        float[][] c = new float[values.length][];
        for (int t = 0; t < values.length; t++) {
            c[t] = values[t].clone();
        }
        return c;
    }

    // ---- splits ----

    private static CsvSequenceDataset assemble(Path trainFile, List<CsvSequence> rawTrain, List<CsvSequence> validationFile,
                                               List<CsvSequence> testFile, CsvSchema schema, CsvOptions options, CsvSources sources,
                                               Map<String, String> params, List<DatasetProvenance.FileChecksum> checksums,
                                               GroupLikeColumns groupLike) {
        Map<Split, List<CsvSequence>> bySplit = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            bySplit.put(s, new ArrayList<>());
        }
        for (CsvSequence c : rawTrain) {
            bySplit.get(c.split() == null ? Split.TRAIN : c.split()).add(c);
        }
        if (schema.split() != null) {
            LOG.info("csv: split column {} gives {} train / {} validation / {} test sequences", schema.split(),
                    bySplit.get(Split.TRAIN).size(), bySplit.get(Split.VALIDATION).size(), bySplit.get(Split.TEST).size());
        }
        List<CsvSequence> train = bySplit.get(Split.TRAIN);
        List<CsvSequence> validation = given(bySplit.get(Split.VALIDATION), validationFile, "validation", sources.validation(), trainFile);
        List<CsvSequence> test = given(bySplit.get(Split.TEST), testFile, "test", sources.test(), trainFile);
        if (validation != null && sources.validationFractionGiven()) {
            throw new IllegalArgumentException("csv: validationFraction does not apply: the validation sequences are given by "
                    + (validationFile != null ? "the file " + sources.validation() : "the split column " + schema.split()));
        }
        if (test != null && sources.testFractionGiven()) {
            throw new IllegalArgumentException("csv: testFraction does not apply: the test sequences are given by "
                    + (testFile != null ? "the file " + sources.test() : "the split column " + schema.split() + " (--set split=none "
                    + "reads no split column: its rows are then carved by the fractions)"));
        }
        if (train.isEmpty()) {
            throw new DatasetFormatException(trainFile, "no training sequences (the split column marks none 'train')");
        }
        if (options.splitByTime()) {
            refuseSplitByTime(trainFile, schema, sources, validation != null && test != null);
        }
        warnOneStepSequences(trainFile, train, schema);
        List<CsvSequence> groupScaled = null; // every sequence, for GroupScales (with a group column)
        if (options.features().isEmpty()) {
            warnSuspectFeatures(trainFile, train, schema, options.split() == CsvOptions.NO_SPLIT);
            warnCopiedFeatures(trainFile, train, schema);
        }
        warnLabelInFeatures(trainFile, train, schema); // chosen features too: the leak a list of features brings in
        Map<String, double[]> writtenLevels = TRAIN_MEDIANS.get();
        TRAIN_MEDIANS.remove();
        Set<String> inFahrenheit = new HashSet<>(); // features named below, whose groups GroupScales does not name again as °F
        if (writtenLevels != null) { // °F sequences among °C (a trial's ICU ward), on the levels as written
            for (TemperatureUnits t : TemperatureUnits.find(train, writtenLevels, schema.featureNames().size())) {
                if (!TemperatureUnits.temperatureName(schema.featureNames().get(t.feature()))) {
                    continue; // two levels of any quantity fit 1.8 x + 32 somewhere (a review: city and highway speeds, the labels)
                }
                LOG.warn(t.warning(trainFile, schema.featureNames(), schema.group() == null ? null : schema.group().toString()));
                inFahrenheit.add(schema.featureNames().get(t.feature()));
            }
        }
        warnZeroPadding(trainFile, train);
        if (schema.sequenceScaling() == null || schema.sequenceScaling() == SequenceScaling.NONE) {
            // a running total (an energy register) in some sequences among interval values (a smart-meter trial)
            for (CumulativeSequences.Found c : CumulativeSequences.find(train, schema.featureNames())) {
                LOG.warn("csv {}: {}", trainFile, CumulativeSequences.warning(c, schema.sequenceId() == null ? "sequence_id"
                        : schema.sequenceId().toString(), schema.group() == null ? null : schema.group().toString()));
            }
        }
        // values after each sequence's own scaling (if any): a flat feature's value is then 0, not the file's
        // a feature the --set emptyFeature fallback wrote is constant by that fill, not a flat line to leave out
        Map<float[][], List<Integer>> fellBack = FELL_BACK_SEQUENCES.get() == null ? Map.of() : FELL_BACK_SEQUENCES.get();
        FlatSequences.Found flat = FlatSequences.find(train.stream().map(CsvSequence::values).toList(),
                train.stream().map(CsvSequence::id).toList(), schema.featureNames(), 3,
                schema.sequenceScaling() == null || schema.sequenceScaling() == SequenceScaling.NONE,
                (q, f) -> fellBack.getOrDefault(q, List.of()).contains(f));
        if (flat.count() > 0) {
            LOG.warn("csv {}: {} of the {} training sequences have a feature with one value over all their steps, where it varies "
                    + "within most sequences: {}{}: a flat line, an electrode off, a dead sensor? The model learns them as any "
                    + "others; leave them out if they are not data", trainFile, flat.count(), train.size(), String.join(", ", flat.named()),
                    flat.count() > flat.named().size() ? " and " + (flat.count() - flat.named().size()) + " more" : "");
        }
        // rows of 0 in every feature inside sequences: empty frames written as zeros (a radar trial's 2759 rows, called a ceiling)
        PlaceholderRows.Found placeholders = PlaceholderRows.find(train.stream().map(CsvSequence::values).toList(),
                train.stream().map(CsvSequence::id).toList(), schema.featureNames(), 3);
        if (placeholders != null && (schema.sequenceScaling() == null || schema.sequenceScaling() == SequenceScaling.NONE)) {
            LOG.warn("csv {}: {}", trainFile, placeholders.describe(schema.featureNames(), "The model learns them as readings of 0"));
        }
        // runs at a feature's top: a detector's or an ADC's ceiling (a chemist's trial: 37 spectra clipped at 65535, not a word)
        boolean asWritten = schema.sequenceScaling() == null || schema.sequenceScaling() == SequenceScaling.NONE;
        Map<float[][], float[][]> interpolatedWritten = INTERPOLATED_WRITTEN.get(); // values as written, under interpolate
        // at the bottom too (a +-8 g sensor), and each group's own (one participant's +-8 g device among 16 g ones: trial 75c)
        List<ClippedRuns.Found> clipped = ClippedRuns.find(train.stream().map(q -> interpolatedWritten == null ? q.values()
                        : interpolatedWritten.getOrDefault(q.values(), q.values())).toList(),
                train.stream().map(CsvSequence::id).toList(), schema.group() == null ? null : train.stream().map(CsvSequence::group)
                        .toList(), schema.featureNames().size(), asWritten, 3);
        for (ClippedRuns.Found c : clipped.subList(0, Math.min(CLIPPED_SHOWN, clipped.size()))) {
            LOG.warn("csv {}: {}; the model learns the flat {} as data: leave those sequences out, or measure them again within "
                    + "the sensor's range", trainFile, c.describe(schema.featureNames(), train.size(), null,
                    schema.group() == null ? null : schema.group().toString()), c.bottom() ? "bottoms" : "tops");
        }
        if (clipped.size() > CLIPPED_SHOWN) {
            LOG.warn("csv {}: and {} more feature(s) or group(s) clipped alike", trainFile, clipped.size() - CLIPPED_SHOWN);
        }
        if (asWritten) { // none (the default; the schema does not keep whether it was given)
            // a scale that spreads within classes of alike shapes (a chemist's trial: 0.72 without per-spectrum scaling, 0.93 with)
            List<ScaleSpread.Found> spread = ScaleSpread.find(train.stream().map(CsvSequence::values).toList(),
                    train.stream().map(CsvSequence::label).toList(), schema.featureNames().size());
            if (!spread.isEmpty()) {
                LOG.info("csv {}: hint: {}{}", trainFile, spread.get(0).hint(schema.featureNames().get(spread.get(0).feature())),
                        spread.size() > 1 ? " (and " + (spread.size() - 1) + " more feature(s) alike)" : "");
            }
        }
        if (schema.group() != null) {
            // a blank group is no group: 250 segments of 10 patients without an id became one "patient" in training (a trial)
            List<CsvSequence> blank = Stream.of(train, validation, test).filter(l -> l != null).flatMap(List::stream)
                    .filter(q -> q.group() == null || q.group().isBlank() || MissingValues.isMissing(q.group().trim())).toList();
            if (!blank.isEmpty()) {
                throw new DatasetFormatException(blank.get(0).file(), blank.get(0).line(), "sequence "
                        + LabelCheck.quoted(blank.get(0).id()) + " has no value in group column " + schema.group() + " ("
                        + blank.size() + " sequence(s) in all; expected a group on every sequence: blanks would be one group of "
                        + "their own; give each its group, e.g. its own id where it is unknown: pandas df[" + pyName(schema.group().toString())
                        + "] = df[" + pyName(schema.group().toString()) + "].fillna(df[ID])" + ")");
            }
            // judged below, once the training features' own warnings have named their codes (GroupScales leaves them out)
            groupScaled = Stream.of(train, validation, test).filter(l -> l != null).flatMap(List::stream).toList();
            if (validation != null && test != null) {
                LOG.info("csv: group column {} carves nothing (the validation and test sequences are given); it is kept as each "
                        + "sequence's tag, for cross-validation by group (compare --cv N --group-column {})", schema.group(), schema.group());
            }
            // a given file is not carved by group: say when it shares groups with the training file (a carved split cannot)
            if (validation != null) {
                warnSharedGroups(schema.group(), train, validation, "validation", "training file", TimeOrder.startsAfter(train, validation));
            }
            if (test != null) {
                warnSharedGroups(schema.group(), train, test, "test", "training file", TimeOrder.startsAfter(train, test));
            }
            if (validation != null && test != null) {
                warnSharedGroups(schema.group(), validation, test, "test", "validation", TimeOrder.startsAfter(validation, test));
            }
        }
        List<String> labelNames = options.labelNames().isEmpty()
                ? LabelOrder.of(train.stream().map(CsvSequence::label).toList()) : options.labelNames();
        if (options.labelNames().isEmpty() && LabelOrder.differsFromText(labelNames)) {
            // a rule added later (DatasetProvenance.LATER_RULES): a model or run of an rnnlab before it ordered these classes as
            // text, its outputs and the stratified carve so; its data are told apart, not read into another order silently
            params.put(LabelOrder.PROVENANCE_KEY, LabelOrder.PROVENANCE_VALUE);
        }
        if (labelNames.size() < 2) {
            throw new DatasetFormatException(trainFile, "only the label(s) " + LabelCheck.listed(labelNames) + " occur in the training data (expected at "
                    + "least 2 distinct labels, or give the label names)");
        }
        warnNearDuplicateLabels(trainFile, labelNames, train, !options.labelNames().isEmpty());
        if (schema.group() != null) { // labels written in two schemes, each in groups of its own (a sleep-staging trial's sites)
            String schemes = LabelSchemes.warning(LabelSchemes.find(train), schema.group().toString());
            if (schemes != null) {
                LOG.warn("csv {}: {}", trainFile, schemes);
            }
        }
        List<String> allIds = new ArrayList<>();
        for (List<CsvSequence> part : java.util.Arrays.asList(train, validation, test)) {
            if (part != null) {
                part.forEach(c -> allIds.add(c.id()));
            }
        }
        LabelCheck.formulaWarning(labelNames, allIds).ifPresent(w -> LOG.warn("csv {}: {}", trainFile, w));
        if (!options.labelNames().isEmpty()) {
            Set<String> present = new HashSet<>(train.stream().map(CsvSequence::label).toList());
            List<String> absent = labelNames.stream().filter(n -> !present.contains(n)).toList();
            if (!absent.isEmpty()) {
                LOG.warn("csv {}: the label(s) {} of --set labelNames have no sequence in the training data: the model has an "
                        + "output for each but cannot learn to predict them", trainFile, LabelCheck.listed(absent));
            }
        }
        if (LabelCheck.looksLikeNoLabel(labelNames.size(), train.size())) {
            if (labelNames.stream().allMatch(CsvTable::isDecimal)) {
                // numbers all: a quantity to regress more often than a wrong column (a trial's remaining life in hours, 90
                // values in 112 sequences, was asked only "is it the right column?", where 25 values got pd.cut)
                double[] values = labelNames.stream().mapToDouble(Double::parseDouble).sorted().toArray();
                throw new DatasetFormatException(trainFile, "the label column '" + schema.label() + "' has " + labelNames.size()
                        + " distinct values in " + train.size() + " training sequences, all numbers (" + numberRange(values) + "): a "
                        + "measured quantity, a target to regress, which rnnlab does not do (it classifies each sequence into one "
                        + "of a few classes), or not the label column (expected a class label shared by many sequences: "
                        + groupIntoClasses(schema.label(), values) + "; or choose the label column with --set label=NAME)");
            }
            throw new DatasetFormatException(trainFile, "the label column " + schema.label() + " has " + labelNames.size()
                    + " distinct values in " + train.size() + " training sequences: is it the right column? (expected a class label "
                    + "shared by many sequences; choose the label column with --set label=NAME)");
        }
        warnNumericLabels(trainFile, schema.label(), labelNames, options.labelNames(), train.size());
        Map<String, Integer> groupIds = new TreeMap<>();
        if (schema.group() != null) {
            for (List<CsvSequence> part : Arrays.asList(train, validation, test)) {
                if (part != null) {
                    part.forEach(raw -> groupIds.put(raw.group(), 0));
                }
            }
            int id = 0;
            for (Map.Entry<String, Integer> e : groupIds.entrySet()) {
                e.setValue(id++);
            }
        }
        String groupTag = schema.group() == null ? null : groupTag(schema.group());
        List<Sequence> trainSeqs = index(train, labelNames, groupTag, groupIds, !options.labelNames().isEmpty());
        List<CsvSequence> carvedTrain = train;
        List<Sequence> validationSeqs = validation == null ? null : index(validation, labelNames, groupTag, groupIds, !options.labelNames().isEmpty());
        List<Sequence> testSeqs = test == null ? null : index(test, labelNames, groupTag, groupIds, !options.labelNames().isEmpty());
        boolean validationCarved = validationSeqs == null;
        boolean testCarved = testSeqs == null;
        if (validationSeqs == null || testSeqs == null) {
            double vf = validationSeqs == null ? options.validationFraction() : 0;
            double tf = testSeqs == null ? options.testFraction() : 0;
            new StratifiedSplitter(vf, tf, options.seed()); // the fractions carved here must leave training data (a setting's error)
            StratifiedSplitter.Parts<Integer> parts;
            List<Integer> indices = IntStream.range(0, trainSeqs.size()).boxed().toList();
            List<Sequence> all = trainSeqs;
            if (options.splitByTime()) {
                parts = TimeOrder.carve(trainFile, train, vf, tf, options.seed(), String.valueOf(schema.time()));
                if (schema.group() != null) { // later times and new groups: a clinic's later patients (a trial)
                    parts = TimeOrder.newGroupsOnly(trainFile, train, parts, schema.group().toString(), vf,
                            i -> labelNames.get(all.get(i).label()));
                }
            } else if (schema.group() != null) {
                GroupSplitter.Result<Integer, Integer> byGroup;
                try {
                    byGroup = new GroupSplitter(vf, tf, options.seed()).split(indices, i -> train.get(i).group(), i -> all.get(i).label());
                } catch (IllegalArgumentException e) {
                    throw new DatasetFormatException(trainFile, "group column " + schema.group() + ": " + e.getMessage());
                }
                if (!byGroup.untrainedClasses().isEmpty()) {
                    throw new DatasetFormatException(trainFile, "group column " + schema.group() + ": class(es) "
                            + byGroup.untrainedClasses().stream().map(labelNames::get).toList() + " would have no training sequences: "
                            + "every group holding them had to go to validation or test (" + new HashSet<>(indices.stream()
                            .map(i -> train.get(i).group()).toList()).size() + " groups in all); give more groups, fewer carved "
                            + "splits (--set validationFraction=0 or testFraction=0) or validation and test data of your own");
                }
                parts = byGroup.parts();
                warnOneGroupClasses(trainFile, schema.group(), parts, i -> train.get(i).group(), i -> labelNames.get(all.get(i).label()));
                if (vf > 0) { // for cross-validation's folds (CrossValidation.askedShare); a report, not part of the checksum
                    params.put(DatasetProvenance.VALIDATION_SHARE_ASKED, Double.toString(vf / (1 - tf)));
                }
                if (!parts.equals(new GroupSplitter(vf, tf, options.seed()).split(indices, i -> train.get(i).group()))) {
                    // the split differs from the one rnnlab carved before it kept every class in training: so do the data's
                    // checksum, so that a run or model of the old split is not resumed or evaluated on this one unawares
                    params.put("groupCarving", "keeps a training group for every class");
                    LOG.info("csv: group column {}: groups holding a class's last training group were left in training", schema.group());
                }
                // only what is carved (a trial with a test file read "850 / 160 / 0", then "850 / 160 / 250")
                LOG.info("csv: carved by group column {}: {} training{}{} sequences", schema.group(), parts.train().size(),
                        vf > 0 ? " / " + parts.validation().size() + " validation" : "",
                        tf > 0 ? " / " + parts.test().size() + " test" : "");
            } else {
                StratifiedSplitter splitter = new StratifiedSplitter(vf, tf, options.seed());
                parts = splitter.split(indices, i -> all.get(i).label());
                if (splitter.differsFromPerClassRounding(indices, i -> all.get(i).label())) {
                    params.put(StratifiedSplitter.PROVENANCE_KEY, StratifiedSplitter.PROVENANCE_VALUE);
                }
            }
            if (validation == null) {
                validation = parts.validation().stream().map(train::get).toList();
            }
            if (test == null) {
                test = parts.test().stream().map(train::get).toList();
            }
            carvedTrain = parts.train().stream().map(train::get).toList();
            if (validationSeqs == null) {
                validationSeqs = parts.validation().stream().map(all::get).toList();
                if (!options.splitByTime()) { // TimeOrder.carve said its own
                    logCarved("validation", validationSeqs.size(), all.size(), vf, "validationFraction", schema.group());
                }
            }
            if (testSeqs == null) {
                testSeqs = parts.test().stream().map(all::get).toList();
                if (!options.splitByTime()) {
                    logCarved("test", testSeqs.size(), all.size(), tf, "testFraction", schema.group());
                }
                if (schema.split() != null && !sources.testFractionGiven() && !test.isEmpty()) {
                    LOG.warn("csv {}: {}", trainFile, carvedFromSplitColumn(schema.split(), test, schema.group(), tf));
                }
            }
            if (!options.splitByTime() && vf + tf > 0) { // dates of two years carved at random (a quant's trial)
                // only what was carved is said so: a test file of the next season was called "carved at random" (a trial)
                if (schema.group() == null) {
                    TimeOrder.warnRandomCarve(trainFile, train, String.valueOf(schema.time()), validationCarved, testCarved,
                            carvedTrain, test);
                } else { // groups drawn at random: new groups, but on the training groups' dates when they run over the same
                    // period (a trial's 2 test machines of 12, all over the same 40 days, were not warned of)
                    List<CsvSequence> heldOut = new ArrayList<>();
                    if (validationCarved) {
                        parts.validation().forEach(i -> heldOut.add(train.get(i)));
                    }
                    if (testCarved) {
                        parts.test().forEach(i -> heldOut.add(train.get(i)));
                    }
                    TimeOrder.warnRandomGroupCarve(trainFile, train, carvedTrain, heldOut, String.valueOf(schema.time()),
                            schema.group().toString(), validationCarved, testCarved, test);
                }
            }
            trainSeqs = parts.train().stream().map(all::get).toList();
        } else {
            trainSeqs = new SequenceSet(trainSeqs).shuffled(options.seed()).examples();
        }
        if (trainSeqs.isEmpty()) {
            throw new DatasetFormatException(trainFile, "no training sequences left after carving validation and test sets");
        }
        if (schema.group() != null) {
            warnNearDuplicateGroups(trainFile, schema.group(), carvedTrain, validation, test);
        }
        // copies and overlapping windows across the split, labels in conflict
        List<SplitOverlap.Part> heldOut = List.of(
                new SplitOverlap.Part("validation", validation, validationCarved ? SplitOverlap.Source.CARVED
                        : sources.validation() != null ? SplitOverlap.Source.FILE : SplitOverlap.Source.SPLIT_COLUMN),
                new SplitOverlap.Part("test", test, testCarved ? SplitOverlap.Source.CARVED
                        : sources.test() != null ? SplitOverlap.Source.FILE : SplitOverlap.Source.SPLIT_COLUMN));
        Map<float[][], long[]> written = WRITTEN_STEPS.get();
        SplitOverlap.warn(trainFile, carvedTrain, heldOut, schema.group(), values -> written != null && written.containsKey(values)
                ? written.get(values) : SplitOverlap.stepHashes(values)); // the values as written, before each sequence's scaling
        warnClassShareDrift(trainFile, labelNames, carvedTrain, validation, test,
                testCarved && !options.splitByTime() ? schema.group() : null);
        if (schema.group() != null && !options.splitByTime() && (validationCarved || testCarved)) {
            // a rare class's share moved by the carve by group (a clinical trial: 8.5% / 3.1% / 5.8%, without a word)
            Map<String, long[]> carvedParts = new LinkedHashMap<>();
            if (validationCarved) {
                carvedParts.put("validation", classCounts(labelNames, validation));
            }
            if (testCarved) {
                carvedParts.put("test", classCounts(labelNames, test));
            }
            String rare = ClassShareDrift.rareClassShares(labelNames, classCounts(labelNames, carvedTrain), carvedParts,
                    "The carve by group column " + schema.group(), "another --data-seed carves other groups, a larger --set "
                    + "validationFraction (or testFraction) holds more of them, or a split column (--set split=NAME) sets the "
                    + "parts; compare --cv N --group-column " + schema.group() + " balances the classes over its folds");
            if (rare != null) {
                LOG.warn("csv {}: {}", trainFile, rare);
            }
        }
        // a speaker or subject column shared across the split (with a group column too: its carve keeps only its own values apart)
        groupLike.warn(trainFile, carvedTrain, heldOut, schema.group() == null ? null : schema.group().toString(),
                options.splitByTime());
        try { // the standardiser training will fit: refused now, with the file named, rather than after the run started
            FeatureStandardizer.fit(new SequenceSet(trainSeqs), schema.featureNames());
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(trainFile, e.getMessage());
        }
        // a feature of one value in training is judged against the held-out parts too (a carrier's hub only December had)
        Map<String, List<Sequence>> heldOutSeqs = new LinkedHashMap<>();
        heldOutSeqs.put("validation", validationSeqs == null ? List.of() : validationSeqs);
        heldOutSeqs.put("test", testSeqs == null ? List.of() : testSeqs);
        // a one-hot category no training row is of is told as one, to be kept (a month without gravel roads)
        Map<Integer, String> oneHotMembers = new LinkedHashMap<>();
        if (schema.oneHot() != null) {
            schema.oneHot().forEach(g -> g.features().forEach(f -> oneHotMembers.put(f, g.prefix())));
        }
        FeatureStandardizer.Findings oddities = FeatureStandardizer.check(new SequenceSet(trainSeqs), schema.featureNames(),
                heldOutSeqs, oneHotMembers);
        for (String oddity : oddities.messages()) {
            LOG.warn("csv {}: {}", trainFile, oddity);
        }
        if (groupScaled != null) { // without the codes just named (a trial's -9999 made two clean stations "another unit")
            Map<String, Float> codes = new LinkedHashMap<>();
            oddities.farValues().forEach((f, v) -> codes.put(schema.featureNames().get(f), v));
            // a group's level stepping midway, for good (a trial's station relocated: NO2 x0.45, every window after misread)
            List<LevelShifts.Shift> stepShifts = schema.sequenceScaling() == null || schema.sequenceScaling() == SequenceScaling.NONE
                    ? LevelShifts.find(groupScaled, schema.featureNames()) : List.of();
            // a step names no unit for its group's feature (a trial's machine recalibrated midway was "g against m/s²" too)
            Set<List<String>> stepped = stepShifts.stream().map(q -> List.of(q.group(), q.feature())).collect(Collectors.toSet());
            List<GroupScales.Shifted> shiftedGroups = GroupScales.withoutScales(GroupScales.find(groupScaled, schema.featureNames(),
                    oddities.farValues()), inFahrenheit);
            // the one value of another text column every group named holds (trial 74a: all 10 pumps were station S2's)
            Optional<SharedValue> shared = shiftedGroups.isEmpty() ? Optional.empty() : SharedValue.of(shiftedGroups.stream()
                    .map(GroupScales.Shifted::group).toList(), groupLike.valuesByGroup(groupScaled, schema.group().toString()), "group");
            String levels = GroupScales.warning(shiftedGroups, schema.group().toString(),
                    (int) groupScaled.stream().map(CsvSequence::group).distinct().count(), codes, stepped, shared);
            if (levels != null) {
                LOG.warn("csv {}: {}", trainFile, levels);
            }
            String steps = LevelShifts.warning(stepShifts, schema.group().toString(),
                    (int) groupScaled.stream().map(CsvSequence::group).distinct().count());
            if (steps != null) {
                // named by the file(s) the stepping groups' sequences come from: a --test file's groups are not train.csv's
                // (trial 73a: two test-only greenhouses were said to step within train.csv)
                Set<String> stepGroups = stepShifts.stream().map(LevelShifts.Shift::group).collect(Collectors.toSet());
                String stepFiles = groupScaled.stream().filter(q -> stepGroups.contains(q.group())).map(CsvSequence::file)
                        .filter(java.util.Objects::nonNull).map(Path::toString).distinct().collect(Collectors.joining(", "));
                LOG.warn("csv {}: {}", stepFiles.isEmpty() ? trainFile : stepFiles, steps);
            }
        }
        CsvSchema kept = splitRates(trainFile, schema, options, sources, carvedTrain, validation, validationCarved, test, testCarved);
        int maxLength = Stream.of(trainSeqs, validationSeqs, testSeqs).flatMap(List::stream).mapToInt(Sequence::length).max().orElse(1);
        DatasetProvenance provenance = new DatasetProvenance(NAME, trainFile.toString(), params, checksums, options.seed());
        LOG.info("csv {}: columns: {}", trainFile, schema.describeColumns());
        LOG.info("csv {}: {} / {} / {} sequences (train / validation / test), {} feature{}, lengths up to {}, labels {}", trainFile,
                trainSeqs.size(), validationSeqs.size(), testSeqs.size(), schema.features().size(),
                schema.features().size() == 1 ? "" : "s", maxLength, "[" + LabelCheck.show(labelNames) + "]");
        InMemorySequenceDataset data = new InMemorySequenceDataset(NAME, InputDescription.dense(schema.featureNames(), maxLength),
                labelNames, new SequenceSet(trainSeqs), new SequenceSet(validationSeqs), new SequenceSet(testSeqs), provenance);
        Map<Split, List<String>> ids = new EnumMap<>(Split.class);
        ids.put(Split.TRAIN, carvedTrain.stream().map(CsvSequence::id).toList());
        ids.put(Split.VALIDATION, validation.stream().map(CsvSequence::id).toList());
        ids.put(Split.TEST, test.stream().map(CsvSequence::id).toList());
        Map<Split, List<String>> groups = new EnumMap<>(Split.class);
        if (schema.group() != null) {
            groups.put(Split.TRAIN, carvedTrain.stream().map(q -> q.group() == null ? "" : q.group()).toList());
            groups.put(Split.VALIDATION, validation.stream().map(q -> q.group() == null ? "" : q.group()).toList());
            groups.put(Split.TEST, test.stream().map(q -> q.group() == null ? "" : q.group()).toList());
        }
        Map<Split, List<String>> fingerprints = new EnumMap<>(Split.class);
        fingerprints.put(Split.TRAIN, carvedTrain.stream().map(q -> SplitIdsFile.fingerprint(q.values())).toList());
        fingerprints.put(Split.VALIDATION, validation.stream().map(q -> SplitIdsFile.fingerprint(q.values())).toList());
        fingerprints.put(Split.TEST, test.stream().map(q -> SplitIdsFile.fingerprint(q.values())).toList());
        Map<Split, List<Double>> starts = new EnumMap<>(Split.class);
        boolean timed = Stream.of(carvedTrain, validation, test).flatMap(List::stream).allMatch(q -> q.times() != null);
        if (timed) { // each sequence's first time: walk-forward cross-validation orders them by it
            starts.put(Split.TRAIN, carvedTrain.stream().map(q -> q.times().first()).toList());
            starts.put(Split.VALIDATION, validation.stream().map(q -> q.times().first()).toList());
            starts.put(Split.TEST, test.stream().map(q -> q.times().first()).toList());
        }
        Map<Split, List<Double>> ends = new EnumMap<>(Split.class);
        if (timed) {
            ends.put(Split.TRAIN, carvedTrain.stream().map(q -> q.times().last()).toList());
            ends.put(Split.VALIDATION, validation.stream().map(q -> q.times().last()).toList());
            ends.put(Split.TEST, test.stream().map(q -> q.times().last()).toList());
        }
        boolean dateTimes = timed && !carvedTrain.isEmpty() && carvedTrain.get(0).times().dateTimes();
        return new CsvSequenceDataset(data, kept, Map.copyOf(ids), Map.copyOf(groups), Map.copyOf(fingerprints),
                Map.copyOf(starts), Map.copyOf(ends), dateTimes, dateTimes && carvedTrain.get(0).times().utc(),
                filledSequences(groupsById(Stream.of(rawTrain, validationFile, testFile))));
    }

    /**
     * The time steps of the training file's splits ({@link SplitRates}): warns of a validation or test split carved from it
     * (or marked by its split column) at another step than the training split, and returns {@code schema} with the time step
     * of the training split's sequences (the model's card; a trial's listed the 10-minute rate of a held-out greenhouse as a
     * training rate). {@code validationCarved}, {@code testCarved}: whether those splits were carved here (else given by a
     * file, not judged here, or marked by the split column).
     */
    private static CsvSchema splitRates(Path trainFile, CsvSchema schema, CsvOptions options, CsvSources sources,
            List<CsvSequence> train, List<CsvSequence> validation, boolean validationCarved, List<CsvSequence> test,
            boolean testCarved) {
        SplitRates.Steps steps = TRAIN_STEPS.get();
        TRAIN_STEPS.remove();
        boolean folder = CsvSchema.FOLDER.equals(schema.layout());
        if (steps == null || schema.timeStep() == null || schema.time() == null && !folder) {
            return schema;
        }
        // the folder layout's: the column chosen, else a column 'time' judged where a file has one
        String timeColumn = LabelCheck.quoted(folder ? folderTime(schema) : schema.time().toString()) + (folder
                ? " of its sequence files" : "");
        String group = schema.group() == null ? null : LabelCheck.quoted(schema.group().toString());
        String each = "a split column (--set split=NAME) that gives every split sequences of each step";
        String how = options.splitByTime() ? "carved by time" : group != null ? "carved by group column " + group
                : "carved at random within each class";
        String hint = options.splitByTime() ? "the carve by time put the later sequences there: " + each + " keeps that step in training"
                : group != null ? "the carve by group column " + group + " put them there: " + each + ", or another --data-seed (other "
                + "groups held out), keeps that step in training" : "another --data-seed, or " + each + ", keeps that step in training";
        String marked = schema.split() == null ? null : "marked by the split column " + LabelCheck.quoted(schema.split().toString());
        String markedHint = "mark sequences of each step in every split";
        List<SplitRates.Part> parts = new ArrayList<>();
        if (validationCarved || marked != null && sources.validation() == null) {
            parts.add(new SplitRates.Part("validation", validation, validationCarved ? how : marked,
                    validationCarved ? hint : markedHint));
        }
        if (testCarved || marked != null && sources.test() == null) {
            parts.add(new SplitRates.Part("test", test, testCarved ? how : marked, testCarved ? hint : markedHint));
        }
        for (String w : SplitRates.warnings(steps, train, parts, timeColumn)) {
            LOG.warn("csv {}: {}", trainFile, w);
        }
        TimeStep trained = SplitRates.of(steps, train);
        return trained == null || trained.dateTimes() != schema.timeStep().dateTimes() ? schema
                : schema.withTimeStep(trained.withOffsets(schema.timeStep().offsets()));
    }

    /**
     * Warns when many training sequences end (or begin) with rows of 0 in every feature: sequences padded to one length
     * before export (Keras' pad_sequences pads in front by default), whose padded rows rnnlab reads as time steps; it pads
     * and masks sequences of different lengths itself (a trial padded every utterance to 120 frames without a word).
     * Two features or more, 2 such rows or more, in 3 sequences and a tenth of them or more, and rows of zeros inside the
     * sequences no more than a tenth as many (data whose zeros fall anywhere, such as rain or counts, are not padded).
     */
    private static void warnZeroPadding(Path trainFile, List<CsvSequence> train) {
        if (train.isEmpty() || train.get(0).values().length == 0 || train.get(0).values()[0].length < 2) {
            return;
        }
        int[] padded = new int[2]; // at the end, at the start
        long[] edgeRows = new long[2];
        long interior = 0; // rows of zeros between a sequence's first and last non-zero row: count data, not padding
        String[] example = new String[2];
        for (CsvSequence q : train) {
            float[][] v = q.values();
            int end = 0;
            while (end < v.length && allZero(v[v.length - 1 - end])) {
                end++;
            }
            int start = 0;
            while (start < v.length && allZero(v[start])) {
                start++;
            }
            if (end == v.length) {
                continue; // all zero: a sequence of its own kind, not padding
            }
            for (int t = start; t < v.length - end; t++) {
                if (allZero(v[t])) {
                    interior++;
                }
            }
            int[] rows = {end, start};
            for (int k = 0; k < 2; k++) {
                if (rows[k] >= 2) {
                    padded[k]++;
                    edgeRows[k] += rows[k];
                    if (example[k] == null) {
                        example[k] = LabelCheck.quoted(q.id()) + ": its " + (k == 0 ? "last " : "first ") + rows[k] + " of " + v.length
                                + " rows";
                    }
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            // padding sits at the ends only; rows of zeros inside the sequences too are the data's (rain on dry hours, a
            // review: told it was padding)
            if (padded[k] >= 3 && padded[k] * 10 >= train.size() && interior * 10 <= edgeRows[k]) {
                LOG.warn("csv {}: {} of the {} training sequences {} with 2 or more rows of 0 in every feature (e.g. {}): padding "
                        + "to one length? rnnlab reads such rows as time steps; it pads and masks sequences of different lengths "
                        + "itself, so give each sequence its own rows only (padding written as empty values is removed by "
                        + "--missing trim at the end)", trainFile, padded[k], train.size(), k == 0 ? "end" : "begin", example[k]);
            }
        }
    }

    private static boolean allZero(float[] row) {
        for (float x : row) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Warns of a feature that is constant within each training sequence (of more than one step) and whose value alone gives
     * nearly every sequence's label: each sequence read as the label of its nearest neighbour in that value (leave one out),
     * right for 90% or more of the sequences and putting right at least half of what always the most frequent label gets
     * wrong. Such a feature is
     * usually derived from the label or known only after the sequence (a trial listed the next day's peak level, the
     * source of its flood classes, among the features: test accuracy 0.97 without a word, since the one-value-per-sequence
     * check ran on default features only). A feature that varies within sequences is judged by {@link LabelSentinels}: one
     * value filling whole sequences of one label and never seen in the others' (a countdown to death, -1 for survivors).
     */
    private static void warnLabelInFeatures(Path trainFile, List<CsvSequence> train, CsvSchema schema) {
        List<String> names = schema.featureNames();
        List<CsvSequence> judged = train.stream().filter(q -> q.values().length > 1 && q.label() != null).toList();
        if (judged.size() < 20) {
            return;
        }
        Map<String, Long> classes = judged.stream().collect(Collectors.groupingBy(CsvSequence::label, Collectors.counting()));
        double baseline = (double) java.util.Collections.max(classes.values()) / judged.size();
        java.util.Set<Integer> constants = new java.util.HashSet<>();
        for (int f = 0; f < names.size(); f++) {
            double[] value = new double[judged.size()];
            boolean constant = true;
            for (int i = 0; i < judged.size() && constant; i++) {
                float[][] v = judged.get(i).values();
                value[i] = v[0][f];
                for (int t = 1; t < v.length && constant; t++) {
                    constant = Float.compare(v[t][f], v[0][f]) == 0;
                }
            }
            if (!constant) {
                continue;
            }
            constants.add(f);
            Integer[] order = IntStream.range(0, judged.size()).boxed().toArray(Integer[]::new);
            java.util.Arrays.sort(order, (a, b) -> Double.compare(value[a], value[b]));
            // each sequence's label read from its nearest neighbour by this value (leave one out): equal values first, by
            // their most frequent label; else the closer of the two neighbours in value order
            double right = 0;
            int start = 0;
            while (start < order.length) {
                int end = start + 1;
                while (end < order.length && value[order[end]] == value[order[start]]) {
                    end++;
                }
                Map<String, Integer> tied = new HashMap<>();
                for (int k = start; k < end; k++) {
                    tied.merge(judged.get(order[k]).label(), 1, Integer::sum);
                }
                for (int k = start; k < end; k++) {
                    String label = judged.get(order[k]).label();
                    if (end - start > 1) {
                        int same = tied.get(label) - 1;
                        int other = tied.entrySet().stream().filter(e -> !e.getKey().equals(label)).mapToInt(Map.Entry::getValue)
                                .max().orElse(0);
                        right += same > other ? 1 : same == other ? 0.5 : 0;
                    } else {
                        double below = start > 0 ? value[order[k]] - value[order[start - 1]] : Double.POSITIVE_INFINITY;
                        double above = end < order.length ? value[order[end]] - value[order[k]] : Double.POSITIVE_INFINITY;
                        boolean belowRight = start > 0 && judged.get(order[start - 1]).label().equals(label);
                        boolean aboveRight = end < order.length && judged.get(order[end]).label().equals(label);
                        right += below < above ? (belowRight ? 1 : 0) : above < below ? (aboveRight ? 1 : 0)
                                : ((belowRight ? 1 : 0) + (aboveRight ? 1 : 0)) / 2.0;
                    }
                }
                start = end;
            }
            double share = (double) right / judged.size();
            // half or more of what the majority class gets wrong put right (at 95:5, 97.5% right), and 90% or more right
            if (share >= 0.9 && share - baseline >= (1 - baseline) / 2) {
                LOG.warn(String.format(Locale.ROOT, "csv %s: feature '%s' is constant within each training sequence, and its value "
                        + "alone gives the label of %.0f%% of them (each read as the label of the sequence nearest to it in this "
                        + "value; always the most frequent label: %.0f%%): if it is derived from the label, or known only after the "
                        + "sequence (what the label measures), it leaks the label into the input and the scores are optimistic; "
                        + "leave it out of --set features", trainFile, names.get(f), 100 * share, 100 * baseline));
            }
        }
        // features that vary within sequences: a value filling one label's sequences only (a trial's hours_to_death, -1
        // for every survivor's stay, a countdown for the others)
        for (LabelSentinels leak : LabelSentinels.find(judged, names.size(), constants)) {
            LOG.warn(leak.warning(trainFile, names));
        }
    }

    /**
     * Warns when every training sequence has exactly one time step: the file then reads as one row per
     * sequence (a "wide" file, such as {@code id,label,ax_0,...,ax_29}), which trains without error as
     * sequences of length 1, the time steps taken for features, and the sequence model has nothing to
     * recur over.
     */
    private static void warnOneStepSequences(Path trainFile, List<CsvSequence> train, CsvSchema schema) {
        if (train.size() < 2 || train.stream().anyMatch(c -> c.values().length > 1)) {
            return;
        }
        LOG.warn("csv {}: every training sequence has one time step ({} sequences of one row each, {} features): the file reads "
                + "as one row per sequence. rnnlab reads a sequence from several rows: in the long layout one row per time step, "
                + "the sequence id repeated on each (--set sequenceId=NAME), or in the folder layout one file per sequence "
                + "(--data DIR with its labels.csv). A file with one row per sequence and the steps in columns (such as ax_0,ax_1,"
                + "...,ay_0,ay_1,... or t0,t1,...) is read with --set layout=wide", trainFile, train.size(), schema.features().size());
    }

    /**
     * Role names: a feature column with one of these header names (any case) probably holds the role,
     * not a measurement per time step. The defaults of {@link CsvOptions} ({@code sequence_id},
     * {@code time}, {@code label}, {@code split}) and the names such columns usually have.
     */
    private static final Map<String, String> ROLE_NAMES = Map.ofEntries(
            Map.entry("label", "label"), Map.entry("class", "label"), Map.entry("target", "label"),
            Map.entry("sequence_id", "sequence id"), Map.entry("id", "sequence id"), Map.entry("series_id", "sequence id"),
            Map.entry("time", "time"), Map.entry("timestamp", "time"), Map.entry("ts", "time"), Map.entry("datetime", "time"),
            Map.entry("epoch", "time"), Map.entry("split", "split"),
            Map.entry("group", "group"), Map.entry("subject", "group"), Map.entry("session", "group"),
            Map.entry("participant", "group"), Map.entry("user", "group"), Map.entry("subject_id", "group"),
            Map.entry("participant_id", "group"), Map.entry("user_id", "group"), Map.entry("patient", "group"),
            Map.entry("patient_id", "group"), Map.entry("machine", "group"), Map.entry("machine_id", "group"),
            Map.entry("device", "group"), Map.entry("device_id", "group"), Map.entry("person", "group"),
            // German, French, Spanish, Italian and Dutch words for a study's subject or participant
            Map.entry("proband", "group"), Map.entry("probandin", "group"), Map.entry("teilnehmer", "group"),
            Map.entry("versuchsperson", "group"), Map.entry("sujet", "group"), Map.entry("participant_e", "group"),
            Map.entry("sujeto", "group"), Map.entry("participante", "group"), Map.entry("soggetto", "group"),
            Map.entry("deelnemer", "group"),
            Map.entry("index", "row index"), Map.entry("level_0", "row index"));

    /** A column name as a Python string literal, for pandas advice: {@code "subject"}. */
    private static String pyName(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The role a column's header name suggests ({@link #ROLE_NAMES}: "group", "time", ...), or null (no header, other names). */
    private static String roleOf(CsvTable table, int column) {
        return table.header() == null ? null : ROLE_NAMES.get(table.header().get(column).trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** What a column of each role would do as a feature. */
    private static final Map<String, String> ROLE_HARM = Map.of(
            "label", "if it holds the class (or anything derived from it), the label leaks into the input",
            "sequence id", "an id says which sequence, not what it is",
            "time", "a time stamp is not a measurement (the rows' order is their time order)",
            "split", "a split marker is not a measurement",
            "group", "a subject or session number says who, not what (--set group=NAME keeps groups apart when carving)",
            "row index", "a row number says where a row is in the file, not what was measured (in a file sorted by class it "
                    + "gives the class away)");

    /**
     * For features not chosen explicitly ({@code --set features}), warns of feature columns that look
     * like something other than a measurement per time step, which a model would silently learn from:
     * <ul>
     *   <li>a column named like a role rnnlab knows (a numeric {@code label} next to the chosen label
     *       column, {@code id}, {@code subject}, ...; time-like names when the time column is chosen, the
     *       other case having its own warning);</li>
     *   <li>a column that holds one value per sequence: constant within every training sequence of more
     *       than one step, with at least two different values across them (a label, subject or session
     *       per sequence: nothing per step, and a label leaks). A feature that is merely constant in some
     *       sequences, or the same everywhere, is not warned of.</li>
     * </ul>
     * Each warning names the columns and the {@code --set features=...} that leaves them out.
     */
    /**
     * Warns of feature columns that hold the same values as an earlier one at every training step (a trial's 'pressure2', an
     * export's copy of 'pressure', went unremarked): a copy tells the model nothing new and weighs its channel twice.
     * Columns constant in training are warned of elsewhere and not compared here.
     */
    private static void warnCopiedFeatures(Path trainFile, List<CsvSequence> train, CsvSchema schema) {
        List<String> names = schema.featureNames();
        int features = names.size();
        if (features < 2 || features > 500 || train.isEmpty()) {
            return;
        }
        boolean[] copy = new boolean[features];
        List<String> pairs = new ArrayList<>();
        for (int a = 0; a < features; a++) {
            if (copy[a] || constantColumn(train, a)) {
                continue;
            }
            for (int b = a + 1; b < features; b++) {
                if (!copy[b] && sameColumn(train, a, b)) {
                    copy[b] = true;
                    pairs.add("'" + names.get(b) + "' = '" + names.get(a) + "'");
                }
            }
        }
        if (!pairs.isEmpty()) {
            List<String> kept = IntStream.range(0, features).filter(f -> !copy[f]).mapToObj(names::get).toList();
            LOG.warn("csv {}: feature column(s) hold the same values as another at every training step: {}: a copy tells the "
                    + "model nothing new and weighs its channel twice; choose the features without the copies: {}", trainFile,
                    String.join(", ", pairs), setFeatures(kept));
        }
    }

    private static boolean constantColumn(List<CsvSequence> train, int f) {
        float first = train.get(0).values().length == 0 ? 0 : train.get(0).values()[0][f];
        for (CsvSequence s : train) {
            for (float[] step : s.values()) {
                if (Float.compare(step[f], first) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean sameColumn(List<CsvSequence> train, int a, int b) {
        for (CsvSequence s : train) {
            for (float[] step : s.values()) {
                if (Float.compare(step[a], step[b]) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Warns of feature columns that look like codes of categories ({@link FeatureCodes}): read as numbers, neighbouring codes
     * are alike to the model and an unseen code scores like its numeric neighbours (a trial's merchant category codes, which
     * the refusal of a text column had itself suggested as features).
     */
    private static void warnCodes(Path trainFile, List<FeatureCodes> codes, CsvSchema schema) {
        if (codes.isEmpty()) {
            return;
        }
        List<String> names = schema.featureNames();
        List<String> described = codes.stream().map(c -> "'" + names.get(c.feature()) + "' (" + c.codes().size() + " values: "
                + c.describe(6) + ")").toList();
        LOG.warn("csv {}: feature column(s) {} hold a few distinct whole numbers, far apart and each used many times: codes of "
                + "categories (a merchant, product, port or status code)? Read as numbers, the model takes neighbouring codes for "
                + "alike and scores a code it never saw like its numeric neighbours (predict and evaluate name such codes). If they "
                + "are categories, one-hot them (pandas: pd.get_dummies(df, columns={}, dtype=int)) and choose the new 0/1 columns "
                + "as features; if they are amounts or levels, ignore this", trainFile, String.join(", ", described),
                codes.stream().map(c -> "'" + names.get(c.feature()) + "'").collect(Collectors.joining(", ", "[", "]")));
    }

    /**
     * Warns of feature columns of whole numbers that look like label-encoded categories ({@link FeatureCodes.Tally#likely}:
     * {@code cat.codes} 0..23, or a column named {@code key} or {@code device_id}), which {@link #warnCodes} leaves to counts
     * because their values are consecutive: read as amounts, key 7 is between keys 6 and 8 to the model (a keystroke trial
     * lost 5 points of accuracy without a word).
     */
    private static void warnLikelyCodes(Path trainFile, List<FeatureCodes.LikelyCodes> likely, CsvSchema schema) {
        List<String> names = schema.featureNames();
        for (FeatureCodes.LikelyCodes c : likely) {
            String name = names.get(c.feature());
            long[] middle = c.middle();
            LOG.warn("csv {}: feature '{}' holds only whole numbers {}..{} ({} distinct values) that jump from step to step: if "
                    + "they are codes of categories (keys, devices, states), not amounts, the model reads {} as between {} and {}: "
                    + "give one 0/1 column per code (pandas: pd.get_dummies(df, columns=['{}'], dtype=int)) and choose the new 0/1 "
                    + "columns as features; if they are amounts or levels, ignore this", trainFile, name, c.low(), c.high(),
                    c.distinct(), middle[1], middle[0], middle[2], name);
        }
    }

    /**
     * Warns when every training sequence has the same length (2 steps or more) and more features than steps, 20 features or
     * more, named by counting ({@code t0, t1, ...}) or not named: sequences written transposed, a row per feature and a column
     * per time step (a keyword-spotting trial's 98-frame MFCC clips saved
     * as {@code X.T} trained on 26 "steps" of 98 "features" named t0..t97 without a word).
     */
    private static void warnTransposed(Path trainFile, List<CsvSequence> train, CsvSchema schema) {
        int features = schema.features().size();
        if (train.size() < 2 || features < 20) {
            return;
        }
        int steps = train.get(0).values().length;
        // two signs: a fixed length under the feature count, and names that count like steps (t0, t1, ...) or no names at
        // all; 64 EEG channels named Fp1, F3, ... in 50-sample windows are no transposed file (a review)
        if (steps < 2 || steps >= features || train.stream().anyMatch(q -> q.values().length != steps)
                || schema.header() && !countingNames(schema.featureNames())) {
            return;
        }
        LOG.warn("csv {}: every one of the {} training sequences has {} steps and {} features ({}), more features than steps: is "
                + "each written transposed, a row per feature and a column per time step (numpy: np.savetxt(f, X.T))? A sequence is "
                + "read as a row per time step, a column per feature; if so, write each as X (frames as rows)", trainFile,
                train.size(), steps, features, shortList(schema.featureNames()));
    }

    private static final java.util.regex.Pattern COUNTED = java.util.regex.Pattern.compile("(.*?)(\\d+)");

    /** Whether names are one prefix and consecutive numbers ({@code t0, t1, ...}, {@code 0, 1, ...}, {@code frame_1, ...}). */
    static boolean countingNames(List<String> names) {
        String prefix = null;
        long previous = Long.MIN_VALUE;
        for (String n : names) {
            java.util.regex.Matcher m = COUNTED.matcher(n.strip());
            if (!m.matches() || m.group(2).length() > 9 || prefix != null && !prefix.equals(m.group(1))) {
                return false;
            }
            long k = Long.parseLong(m.group(2));
            if (previous != Long.MIN_VALUE && k != previous + 1) {
                return false;
            }
            prefix = m.group(1);
            previous = k;
        }
        return true;
    }

    private static void warnSuspectFeatures(Path trainFile, List<CsvSequence> train, CsvSchema schema, boolean splitIsFeature) {
        List<Column> features = schema.features();
        boolean timeWarned = CsvSchema.LONG.equals(schema.layout()) && schema.time() == null; // resolveLong's time-like warning
        Map<Column, String> named = new LinkedHashMap<>();
        for (Column c : features) {
            String role = c.name() == null ? null : ROLE_NAMES.get(c.name().toLowerCase(Locale.ROOT));
            // --set split=none: the user reads the column named split as a feature, asked for
            if (role != null && !(role.equals("time") && timeWarned) && !(role.equals("split") && splitIsFeature
                    && CsvOptions.DEFAULT_SPLIT_NAME.equals(c.name()))) {
                named.put(c, role);
            }
        }
        List<Column> perSequence = new ArrayList<>();
        List<Column> perRow = new ArrayList<>();
        List<Column> rising = new ArrayList<>();
        float largest = 0;
        int[] channel = CsvSchema.LONG.equals(schema.layout()) && schema.time() == null ? channelAndCounter(train) : null;
        if (channel != null) {
            warnChannels(trainFile, train, schema, channel);
        }
        for (int f = 0; f < features.size(); f++) {
            if (channel != null && (f == channel[0] || f == channel[1])) {
                continue; // warned of as a channel and its counter: not a time column to suggest
            }
            if (onePerSequence(train, f)) {
                perSequence.add(features.get(f));
                largest = Math.max(largest, largestMagnitude(train, f));
            } else if (!named.containsKey(features.get(f)) && wholeNumberPerRow(train, f)) {
                perRow.add(features.get(f));
            } else if (!named.containsKey(features.get(f)) && !(timeWarned && features.get(f).name() != null
                    && timeLikeName(features.get(f).name())) && risesInEverySequence(train, f)) { // not warned of twice
                rising.add(features.get(f));
            }
        }
        Set<Column> suspect = new HashSet<>(named.keySet());
        suspect.addAll(perSequence);
        suspect.addAll(perRow);
        suspect.addAll(rising);
        if (timeWarned) { // a time-like name, warned of in resolveLong: not in the features the warnings suggest either
            features.stream().filter(c -> c.name() != null && timeLikeName(c.name())).forEach(suspect::add);
        }
        List<String> others = features.stream().filter(c -> !suspect.contains(c))
                .map(c -> c.name() != null ? c.name() : Integer.toString(c.index())).toList();
        String choose = others.isEmpty() ? "--set features=COLUMNS (the measurement columns)" : setFeatures(others);
        named.forEach((c, role) -> {
            Column chosen = !CsvSchema.LONG.equals(schema.layout()) ? null : switch (role) {
                case "label" -> schema.label();
                case "sequence id" -> schema.sequenceId();
                case "time" -> schema.time();
                case "split" -> schema.split();
                case "group" -> schema.group();
                default -> null;
            };
            LOG.warn("csv {}: column '{}' is used as a feature, but its name is that of a {} column{}: {}; if it is not a "
                    + "measurement per time step, choose the features without it: {}", trainFile, c.name(), role,
                    chosen == null ? "" : " (the " + role + " of this run is column '" + chosen + "')", ROLE_HARM.get(role), choose);
        });
        if (!perSequence.isEmpty()) {
            long multiStep = train.stream().filter(c -> c.values().length > 1).count();
            // beyond 2^24 neighbouring floats are 2 or more apart: a time stamp in milliseconds (1.7e12, floats 131072 apart)
            // that rises by 20 within a sequence reads as one value, so the column is constant only as read
            String rounded = Math.ulp(largest) < 1 ? "" : String.format(Locale.ROOT, "; that is as read: values reach %.3g, where "
                    + "32-bit floats are %.0f apart, so in the file a column may vary within a sequence by less than that, as a "
                    + "time stamp in milliseconds does: give that as the time column, --set time=NAME, or subtract an offset",
                    (double) largest, (double) Math.ulp(largest));
            LOG.warn("csv {}: feature column(s) {} hold one value per sequence (constant within each of the {} sequences of the "
                    + "training data with more than one step, not the same in all of them{}): a per-sequence attribute. One known "
                    + "for new sequences too (a machine type, a setting, one-hot or numeric) can help the model; a label or anything "
                    + "derived from it leaks into the input, and a subject or session id lets it learn who rather than what; if "
                    + "they are such, choose the features without them: {}", trainFile,
                    perSequence.stream().map(Column::toString).toList(), multiStep, rounded, choose);
        }
        if (!rising.isEmpty()) {
            String time = CsvSchema.LONG.equals(schema.layout()) ? schema.time() == null
                    ? "; if one is the time of the rows, give it as the time column, --set time=" + rising.get(0).name()
                    + " (rows are then ordered by it, and it is not a feature)" : "; the time of this run is column '"
                    + schema.time() + "'" : "";
            LOG.warn("csv {}: feature column(s) {} never fall within any of the {} sequences of 3 or more steps read for training "
                    + "(before validation and test sequences are carved from them), and "
                    + "rise within them, as a time stamp, step number or counter does: such a column says when, not what was "
                    + "measured, and new data will hold other values{}; if it is not a measurement, choose the features without "
                    + "it: {}", trainFile, rising.stream().map(Column::toString).toList(),
                    train.stream().filter(c -> c.values().length >= 3).count(), time, choose);
        }
        if (!perRow.isEmpty()) {
            LOG.warn("csv {}: feature column(s) {} hold a different whole number on every row of the training data (a row "
                    + "number, a counter or a time stamp): not a measurement per time step; a row number says where a row is in "
                    + "the file (in a file sorted by class it gives the class away) and a time stamp when, which new data will not "
                    + "repeat; if they are not measurements, choose the features without them: {}", trainFile,
                    perRow.stream().map(Column::toString).toList(), choose);
        }
    }

    /**
     * Feature columns {@code {channel, counter}} when, read without a time column, every training sequence that holds
     * several blocks (two or more such sequences) is made of blocks of 2 or more rows in which {@code channel} is constant
     * (changing from block to block) and {@code counter} rises, starting again at each block: sktime's long layout (a
     * channel {@code dim_id} and a reading counter {@code reading_id}), whose channels were joined into one sequence; else
     * null. A user's try was advised {@code --set time=dim_id}, the channel, since it never falls within a sequence.
     */
    private static int[] channelAndCounter(List<CsvSequence> train) {
        int width = train.isEmpty() ? 0 : train.get(0).values()[0].length;
        for (int ch = 0; ch < width; ch++) {
            for (int r = 0; r < width; r++) {
                if (r == ch) {
                    continue;
                }
                int withBlocks = 0;
                boolean holds = true;
                for (CsvSequence c : train) {
                    float[][] v = c.values();
                    int changes = 0;
                    int blockLength = 1;
                    for (int t = 1; t < v.length && holds; t++) {
                        boolean change = Float.compare(v[t][ch], v[t - 1][ch]) != 0;
                        boolean restart = !(v[t][r] > v[t - 1][r]);
                        holds = change == restart && !(change && blockLength < 2);
                        changes += change ? 1 : 0;
                        blockLength = change ? 1 : blockLength + 1;
                    }
                    holds &= changes == 0 || blockLength >= 2;
                    withBlocks += changes > 0 ? 1 : 0;
                    if (!holds) {
                        break;
                    }
                }
                if (holds && withBlocks >= 2) {
                    return new int[] {ch, r};
                }
            }
        }
        return null;
    }

    /** The warning of {@link #channelAndCounter}'s columns, with the pivot that gives each channel a column. */
    private static void warnChannels(Path trainFile, List<CsvSequence> train, CsvSchema schema, int[] channel) {
        List<Column> features = schema.features();
        String ch = features.get(channel[0]).toString();
        String counter = features.get(channel[1]).toString();
        List<String> values = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            if (f != channel[0] && f != channel[1]) {
                values.add("'" + features.get(f) + "'");
            }
        }
        List<String> index = new ArrayList<>();
        index.add("'" + schema.sequenceId() + "'");
        index.add("'" + counter + "'");
        if (schema.label() != null) {
            index.add("'" + schema.label() + "'");
        }
        int longest = train.stream().mapToInt(c -> c.values().length).max().orElse(0);
        LOG.warn("csv {}: feature column '{}' is constant in blocks of rows within each sequence, changing from block to block, "
                + "and '{}' rises within each block and starts again with the next: a channel and its reading counter, so the "
                + "file seems to hold one row per sequence, channel and time step (sktime's long layout, case_id,dim_id,"
                + "reading_id,value), and each sequence was read as its channels one after the other (lengths up to {}); rnnlab "
                + "reads one row per time step with a column per channel: {}, then train with --set time={}", trainFile, ch,
                counter, longest, values.size() == 1 && schema.header() ? "pivot it first, e.g. " + pivot(index, ch, values.get(0))
                : "give each channel a column first (" + CsvTable.CONVERSION + ")", counter);
    }

    /**
     * Whether feature {@code f} never falls within a training sequence and ends higher than it starts in most of those of 3
     * or more steps (at least 2 such sequences), by steps mostly alike: a time stamp or counter. Large time stamps read as 32-bit floats can repeat a
     * value between steps (epoch milliseconds are 131072 apart there), so equal neighbours do not count against it, and
     * at such magnitudes one sequence that rises is enough (a user's try: epoch milliseconds of 150 sequences, flat as read
     * in all but one, were a feature warned of only for its spread); a column constant within every sequence is
     * {@link #onePerSequence}'s case.
     */
    private static boolean risesInEverySequence(List<CsvSequence> train, int f) {
        int counted = 0;
        int rises = 0;
        int steps = 0;
        int regular = 0;
        int flat = 0; // sequences in which it mostly stays the same: a step function (a channel number), not a counter
        float largest = 0;
        for (CsvSequence c : train) {
            float[][] v = c.values();
            if (v.length < 3) {
                continue;
            }
            counted++;
            double[] increments = new double[v.length - 1];
            for (int t = 1; t < v.length; t++) {
                if (!(v[t][f] >= v[t - 1][f])) { // NaN (a missing value left as is) counts as a fall
                    return false;
                }
                increments[t - 1] = (double) v[t][f] - v[t - 1][f];
            }
            double[] sorted = increments.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            flat += median > 0 ? 0 : 1;
            for (double d : increments) {
                regular += Math.abs(d - median) <= 0.1 * Math.abs(median) ? 1 : 0;
            }
            steps += increments.length;
            rises += v[v.length - 1][f] > v[0][f] ? 1 : 0;
            largest = Math.max(largest, Math.max(Math.abs(v[0][f]), Math.abs(v[v.length - 1][f])));
        }
        // where floats are 1 or more apart, rounding may have flattened a time stamp's steps: one rising sequence is enough
        if (counted >= 2 && rises >= 1 && Math.ulp(largest) >= 1) {
            return true;
        }
        // else most sequences rise, by steps mostly alike (a sampling interval, a counter's 1), not as a cumulative
        // measurement does (a distance or energy, whose steps vary: a reviewer's try called an odometer a time stamp)
        return counted >= 2 && rises * 2 >= counted && regular >= 0.8 * steps && flat == 0;
    }

    private static float largestMagnitude(List<CsvSequence> train, int f) {
        float largest = 0;
        for (CsvSequence c : train) {
            for (float[] step : c.values()) {
                largest = Math.max(largest, Math.abs(step[f]));
            }
        }
        return largest;
    }

    /**
     * Whether feature {@code f} holds a whole number on every training row, no two rows alike (at least 3 rows, and more
     * than one sequence: within one recording a counter may be what is measured).
     */
    private static boolean wholeNumberPerRow(List<CsvSequence> train, int f) {
        if (train.size() < 2) {
            return false;
        }
        Set<Float> seen = new HashSet<>();
        for (CsvSequence c : train) {
            for (float[] step : c.values()) {
                float v = step[f];
                if (v != Math.rint(v) || !seen.add(v)) {
                    return false;
                }
            }
        }
        return seen.size() >= 3;
    }

    /**
     * Whether feature {@code f} is constant within every training sequence of more than one step and
     * takes at least two different values across them (sequences of one step say nothing either way).
     */
    private static boolean onePerSequence(List<CsvSequence> train, int f) {
        Set<Float> values = new HashSet<>();
        boolean any = false;
        for (CsvSequence c : train) {
            float[][] v = c.values();
            if (v.length < 2) {
                continue;
            }
            for (float[] step : v) {
                if (Float.compare(step[f], v[0][f]) != 0) {
                    return false;
                }
            }
            values.add(v[0][f]);
            any = true;
        }
        return any && values.size() >= 2;
    }

    private static List<CsvSequence> given(List<CsvSequence> fromColumn, List<CsvSequence> fromFile, String what, Path file,
                                           Path trainFile) {
        if (!fromColumn.isEmpty() && fromFile != null) {
            throw new DatasetFormatException(trainFile, "the split column marks " + fromColumn.size() + " sequences '" + what
                    + "' and a " + what + " file " + file + " is given too (expected one source of " + what + " data)");
        }
        return fromFile != null ? fromFile : fromColumn.isEmpty() ? null : fromColumn;
    }

    /**
     * Whether a logged message is {@link #logCarved}'s warning of a carved split's size (or the text reader's, with its
     * warning of splits of one or a few groups, {@link org.rnnlab.datasets.GroupCarve}), or {@link #carvedFromSplitColumn}'s
     * of a test split carved beside a split column, or {@link SplitRates}' of a split at another step than the training
     * split: a comparison that cross-validates pools the splits into folds, so it drops these.
     */
    public static boolean isCarveWarning(String message) {
        return SplitRates.isWarning(message) || (message.startsWith("csv: the ") || message.startsWith("text: the ")) && org.rnnlab.datasets.GroupCarve.isShareWarning(message)
                || message.startsWith("text ") && org.rnnlab.datasets.GroupCarve.isFewGroupsWarning(message)
                // a text test split sharing groups with training (--set splitBy=class): --cv folds by the group column instead
                || message.startsWith("text ") && message.contains(org.rnnlab.datasets.text.TextDataset.SHARED_GROUPS)
                || message.contains(": the split column ")
                && message.contains(" marks no sequence 'test': ") && message.contains(" were carved as a test split ");
    }

    /**
     * The warning that a split column without {@code test} rows had its test split carved from its {@code train} rows by
     * the default test fraction: a trial's column of {@code train} and {@code validation} lost 3 of its 20 training stations
     * to a test split said only at INFO, where the user wanted a final model on all of them.
     */
    static String carvedFromSplitColumn(Column split, List<CsvSequence> test, Column group, double fraction) {
        String groups = "";
        if (group != null) {
            List<String> names = test.stream().map(CsvSequence::group).distinct().toList();
            groups = " (" + names.size() + " group(s) of group column " + group + ": " + names.stream().limit(5)
                    .map(LabelCheck::quoted).collect(java.util.stream.Collectors.joining(", "))
                    + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "") + ")";
        }
        return "the split column " + split + " marks no sequence 'test': " + test.size() + " of its 'train' sequences" + groups
                + " were carved as a test split (testFraction " + fraction + " by default) and are not trained on; for a final "
                + "model trained on all of them, --set testFraction=0; or mark the rows to test on 'test' in the split column";
    }

    /**
     * Whether a logged message is the warning of test class shares that differ from training's ({@link ClassShareDrift}):
     * a comparison that cross-validates pools the splits into folds, so it drops it with the carve's.
     */
    public static boolean isClassShareWarning(String message) {
        return message.contains(ClassShareDrift.WORDS);
    }

    /**
     * Warns of each class whose training sequences the carve by group left in one group, of {@value
     * OneGroupClasses#GROUPS} or more in all ({@link OneGroupClasses}: a trial's rural class was learnt from 1 of its 4
     * stations, unsaid).
     */
    static <T> void warnOneGroupClasses(Path file, Column group, StratifiedSplitter.Parts<T> parts, java.util.function.Function<T, String> groupOf,
                                        java.util.function.Function<T, String> labelOf) {
        for (OneGroupClasses.Found<String> f : OneGroupClasses.find(parts, groupOf, labelOf)) {
            LOG.warn("csv {}: class {} keeps 1 of its {} groups of group column {} in training ({}); {} went to validation and {} "
                    + "to test: the model learns the class from one group, and takes that group's own traits for the class's; "
                    + "carve again with another --data-seed, or give a split column (--set split=NAME) that keeps most of each "
                    + "class's groups in training", file, LabelCheck.quoted(f.label()), f.groups(), group, LabelCheck.quoted(f.kept()),
                    f.validation(), f.test());
        }
    }

    /**
     * Says how many sequences a carved split took, as the fraction of the training data it is; by group, whole groups
     * make the fraction coarse, so one far from the asked-for fraction (below 2/3 or above 3/2 of it) is a warning
     * ({@link org.rnnlab.datasets.GroupCarve#logShare}, which the text reader says alike).
     */
    static void logCarved(String split, int carved, int of, double asked, String setting, Column group) {
        org.rnnlab.datasets.GroupCarve.logShare(LOG, "csv", split, carved, of, asked, setting, group == null ? null : group.toString(),
                "sequences");
    }

    /**
     * The tag a sequence's group is kept under: the group column's header name, or {@code group} for a
     * column chosen by index. Its value numbers the distinct group values in sorted order.
     */
    public static String groupTag(Column group) {
        return group.name() != null ? group.name() : "group";
    }

    /**
     * {@link LabelCheck#readsAsOneOf} with the fix: the label map that reads the file's spelling as training's (trial 81b F4:
     * {@code 3} in a test file against training's {@code 3.0} got no fix, where evaluate's message gives its label map).
     */
    private static String writtenOtherwise(String label, List<String> labelNames) {
        return LabelCheck.knownAs(label, labelNames).map(known -> LabelCheck.readsAsOneOf(label, labelNames) + "; or read it as "
                + "training's with --set labelMap=FILE (a UTF-8 CSV with the header from,to and lines such as " + labelMapField(label) + "," + labelMapField(known) + ")").orElse("");
    }

    private static List<Sequence> index(List<CsvSequence> raws, List<String> labelNames, String groupTag,
                                        Map<String, Integer> groupIds, boolean named) {
        List<Sequence> out = new ArrayList<>(raws.size());
        for (CsvSequence raw : raws) {
            int label = labelNames.indexOf(raw.label());
            if (label < 0) {
                throw new DatasetFormatException(raw.file(), raw.line(), "label "
                        + LabelCheck.quoted(CsvTable.abbreviate(raw.label())) + " of sequence " + LabelCheck.quoted(raw.id()) + " is not one of " + (named ? "the classes of --set labelNames " + LabelCheck.listed(labelNames) + " (add it there, "
                        + "or leave its sequences out)" : "the training labels (expected one of " + LabelCheck.listed(labelNames) + ")")
                        + writtenOtherwise(raw.label(), labelNames));
            }
            out.add(groupTag == null ? new Sequence(raw.values(), label)
                    : new Sequence(raw.values(), label, Map.of(groupTag, groupIds.get(raw.group()))));
        }
        return out;
    }

    /** {@code --set features=} with the feature columns: names if the file has a header, else 0-based indices. */
    private static String featureList(CsvTable table, int[] features) {
        List<String> names = new ArrayList<>();
        for (int f : features) {
            String name = table.columnName(f);
            names.add(name.startsWith("'") ? name.substring(1, name.length() - 1) : String.valueOf(f));
        }
        return setFeatures(names);
    }

    /**
     * {@code --set features=...} naming {@code names} so that it can be pasted into a shell as it is: a name holding a comma
     * or a double quote in double quotes (as the setting reads it), the whole argument in single quotes when it holds
     * anything a shell would read otherwise (a user's try: the hint '--set features=Temperatur (°C, Sensor 1),...' failed
     * pasted, as a shell syntax error unquoted and as "no column named 'Temperatur (°C'" quoted).
     */
    static String setFeatures(List<String> names) {
        return setList("features", names);
    }

    /** {@code --set KEY=...} naming {@code names}, quoted as {@link #setFeatures} quotes them ({@code labelNames} too). */
    static String setList(String key, List<String> names) {
        String list = names.stream().map(n -> n.indexOf(',') >= 0 || n.indexOf('"') >= 0 ? '"' + n.replace("\"", "\"\"") + '"' : n)
                .collect(Collectors.joining(","));
        String argument = key + "=" + list;
        return "--set " + (argument.matches("[\\p{L}\\p{N}_.,/:=@%+-]*") ? argument : "'" + argument.replace("'", "'\\''") + "'");
    }

    /** A label of new data to classify, or null where it is blank or a missing-value marker (the sequence is unlabelled). */
    private static String optionalLabel(String label) {
        return label.isBlank() || MissingValues.isMissing(label.trim()) ? null : label;
    }

    /** The first three of {@code labels} quoted, then "..." if there are more: {@code '0.0', '1.0', '2.0', ...}. */
    private static String fewQuoted(List<String> labels) {
        return labels.stream().limit(3).map(n -> LabelCheck.quoted(CsvTable.abbreviate(n)))
                .collect(java.util.stream.Collectors.joining(", ")) + (labels.size() > 3 ? ", ..." : "");
    }

    /** Whether a label (a number) is written as a float: with a decimal point or an exponent ({@code 2.0}, {@code 2e0}). */
    private static boolean writtenAsFloat(String label) {
        return label.contains(".") || label.toLowerCase(Locale.ROOT).contains("e");
    }

    /** Fewest distinct labels, all whole numbers, that are warned of as a quantity rather than classes (fractional ones: 2). */
    static final int NUMERIC_CLASSES = 12;

    /** Most distinct numbers a label column may hold before a quantity's signs refuse it ({@link #warnNumericLabels}). */
    static final int NUMERIC_LABELS_REFUSED_OVER = 20;

    /**
     * Fewest training sequences per distinct whole number, on average, that read as classes rather than a quantity: below it
     * (and over {@value #NUMERIC_LABELS_REFUSED_OVER} values that are not codes) whole numbers are refused as a target to regress.
     */
    static final int SEQUENCES_PER_CODE = 10;

    /**
     * Warns when the labels are {@value #NUMERIC_CLASSES} or more distinct numbers: a measured quantity (a quality score
     * rounded to whole numbers) trains as that many unordered classes, each with few sequences, where a regression or a
     * few bins were meant (a trial's score of 29 values trained 29 classes, test accuracy 0.09, with no word on it).
     * Refuses (unless {@code --set labelNames} names them) more than {@value #NUMERIC_LABELS_REFUSED_OVER} distinct numbers
     * that are mostly fractional, or mostly whole numbers with fewer than {@value #SEQUENCES_PER_CODE} training sequences per
     * value on average that are not class codes ({@link #classCodes}): a trial's remaining life in whole cycles, 25 values
     * 20 to 300 over 112 sequences, trained 25 classes to test accuracy 0.0000 with one warning among eight, where the same
     * values with a fractional part were refused.
     */
    private static void warnNumericLabels(Path trainFile, Column label, List<String> labelNames, List<String> given, int sequences) {
        if (given.isEmpty() && !labelNames.isEmpty() && labelNames.stream().allMatch(CsvTable::isDecimal)
                && labelNames.stream().allMatch(n -> Double.parseDouble(n) == Math.rint(Double.parseDouble(n)))
                && labelNames.stream().anyMatch(CsvSequenceDataset::writtenAsFloat)) {
            // whole numbers written as floats (numpy's savetxt: 7.000000000000000000e+00): class names as written, in every
            // output, and new data writing 7 hold another label (a keyword trial's)
            String column = label.name() != null ? label.name() : label.toString();
            String astype = label.name() == null ? "" : "pandas: df['" + label.name() + "'] = df['" + label.name() + "'].astype(int); ";
            List<String> floats = labelNames.stream().filter(CsvSequenceDataset::writtenAsFloat).toList();
            List<String> integers = labelNames.stream().filter(n -> !writtenAsFloat(n)).toList();
            String example = floats.get(0);
            if (integers.isEmpty()) {
                LOG.warn("csv {}: the labels of column '{}' are whole numbers written as floats ({}): each is a class named as written, "
                        + "so predict's columns read p_{} and new data that write {} hold a label the model does not know; write "
                        + "them as integers ({}numpy: np.savetxt(..., fmt='%d') for that column)",
                        trainFile, column, CsvTable.abbreviate(example), CsvTable.abbreviate(example),
                        trimNumber(Double.parseDouble(example)), astype);
            } else {
                // a file mixing 2 and 2.0 (trial 81b F3: the example was the integer '0', and new data writing 0 were said
                // to hold an unknown label, though '0' is a class of the model)
                long numbers = labelNames.stream().mapToDouble(Double::parseDouble).distinct().count();
                String twin = integers.stream().filter(n -> Double.parseDouble(n) == Double.parseDouble(example)).findFirst()
                        .orElse(trimNumber(Double.parseDouble(example)));
                LOG.warn("csv {}: the labels of column '{}' write whole numbers two ways, {} as floats ({}) and {} as integers "
                        + "({}): each way is a class of its own, {} classes for {} numbers (predict's columns read p_{} and p_{}, "
                        + "and new data must write each class as its training sequences did); write them all as integers ({}numpy: "
                        + "np.savetxt(..., fmt='%d') for that column), or read the floats as the integers with --set labelMap=FILE "
                        + "(a UTF-8 CSV with the header from,to and lines such as {},{})", trainFile, column, floats.size(),
                        fewQuoted(floats), integers.size(), fewQuoted(integers), labelNames.size(), numbers, CsvTable.abbreviate(twin),
                        CsvTable.abbreviate(example), astype, labelMapField(example), labelMapField(twin));
            }
        }
        if (!labelNames.stream().allMatch(CsvTable::isDecimal)) {
            return;
        }
        double[] values = labelNames.stream().mapToDouble(Double::parseDouble).sorted().toArray();
        long fractional = java.util.Arrays.stream(values).filter(v -> v != Math.rint(v)).count();
        // numbers with a fraction are rarely class codes (pH 6.5 to 7.4): warned of at any count (trial 81b F2: 10 trained
        // silently as 10 unordered classes, where 12 numbers were warned of)
        if (values.length < NUMERIC_CLASSES && (fractional == 0 || values.length < 2)) {
            return;
        }
        if (values.length > NUMERIC_LABELS_REFUSED_OVER && fractional * 2 >= values.length && given.isEmpty()) {
            // a measured quantity (a trial's next-day peak level, 413 values) trained as 413 classes at accuracy 0.03 with
            // exit 0, its warning lost among hundreds of per-class lines
            throw new DatasetFormatException(trainFile, "the label column '" + label + "' holds " + values.length + " distinct "
                    + "numbers (" + numberRange(values) + "), most with a fractional part: a measured quantity, a target to regress, "
                    + "which rnnlab does not do: it classifies each sequence into one of a few classes (expected a class label: "
                    + groupIntoClasses(label, values) + "; to train on these values as classes all the same, name them with --set "
                    + "labelNames=...)");
        }
        if (values.length > NUMERIC_LABELS_REFUSED_OVER && given.isEmpty() && sequences < SEQUENCES_PER_CODE * values.length
                && !classCodes(values)) {
            // whole numbers are as often a quantity (a remaining life in cycles, as C-MAPSS gives it) as the fractional ones
            // the setting to type, whole: a trial's 24 codes left the user to build '101,102,...,124' by hand
            long span = (long) (values[values.length - 1] - values[0] + 1);
            throw new DatasetFormatException(trainFile, String.format(Locale.ROOT, "the label column '%s' holds %d distinct "
                    + "numbers (%s), mostly whole: more than %d values, with %.1f of the %d training sequences each on average "
                    + "(under %d), and not codes that fill most of the whole numbers from the smallest to the largest (they fill "
                    + "%d of %d, under 3 in 4) as class codes do: a count or measured quantity (a remaining life in cycles, an "
                    + "age), a target to regress, which rnnlab does not do: it classifies each sequence into one of a few classes "
                    + "(expected a class label: %s; to train on these values as classes all the same, name them: --set "
                    + "labelNames=%s)", label, values.length, numberRange(values), NUMERIC_LABELS_REFUSED_OVER,
                    sequences / (double) values.length, sequences, SEQUENCES_PER_CODE, values.length, span,
                    groupIntoClasses(label, values), java.util.Arrays.stream(values).mapToObj(CsvSequenceDataset::trimNumber)
                            .collect(java.util.stream.Collectors.joining(","))));
        }
        if (!given.isEmpty()) {
            // the user named the classes: these are codes, said so (a trial's 24 named codes were still asked "a measured quantity?")
            return;
        }
        String name = label.name() != null ? label.name() : "label";
        String far = values.length < 3 ? "" : " (" + CsvTable.abbreviate(trimNumber(values[0])) + " is as far from "
                + CsvTable.abbreviate(trimNumber(values[1])) + " as from " + CsvTable.abbreviate(trimNumber(values[values.length - 1]))
                + ")";
        LOG.warn("csv {}: the label column '{}' holds {} distinct numbers ({} to {}){}: each is a class of its own, unordered{}; {}if "
                + "it is a measured quantity rather than a code, this is not a classification task: group it into a few classes "
                + "first (pandas: df[{}] = {}); if these are codes of classes, --set labelNames=... listing them says so and "
                + "dismisses this warning", trainFile, label, values.length, CsvTable.abbreviate(trimNumber(values[0])),
                CsvTable.abbreviate(trimNumber(values[values.length - 1])), fractional == 0 ? "" : ", " + (fractional
                == values.length ? "all" : fractional + " of them") + " with a fractional part", far, fractional == 0 ? ""
                : "numbers with a fractional part are seldom class codes: ", pyName(name + "_class"), cutLine(name, values));
    }

    /**
     * Whether sorted distinct {@code values} read as class codes: whole numbers that fill at least 3 in 4 of the whole numbers
     * from the smallest to the largest, from any start (0 to k-1 as label encoders write them, product categories 101 to 124,
     * codes 1 to 30 with 6 unused), where a quantity (cycles 20 to 300 in steps of 10: 25 of 281) leaves most of its range
     * empty. A trial's warehouse codes 101 to 124 were refused as a quantity when only 0 or 1 could start codes.
     */
    static boolean classCodes(double[] values) {
        if (values.length == 0 || java.util.Arrays.stream(values).anyMatch(v -> v != Math.rint(v))) {
            return false;
        }
        return values.length >= CODES_FILL * (values[values.length - 1] - values[0] + 1);
    }

    /** The least share of the whole numbers from the smallest label to the largest that class codes fill ({@link #classCodes}). */
    static final double CODES_FILL = 0.75;

    /** {@code 20 to 300}: the smallest and largest of sorted {@code values}, as written in messages. */
    private static String numberRange(double[] values) {
        return CsvTable.abbreviate(trimNumber(values[0])) + " to " + CsvTable.abbreviate(trimNumber(values[values.length - 1]));
    }

    /**
     * The pandas line that groups label column {@code label}'s numbers (sorted distinct {@code values}) into three classes of
     * equal ranges (its real name where it has one), runnable as printed: a trial's {@code bins=[...]} was Python's Ellipsis
     * (trial 81b F5).
     */
    private static String groupIntoClasses(Column label, double[] values) {
        String name = label.name() != null ? label.name() : "label";
        return "group the values into a few classes first, e.g. pandas: df[" + pyName(name + "_class") + "] = "
                + cutLine(name, values);
    }

    /**
     * {@code pd.cut(df["load_kw"], bins=[150.42, 400, 649.5, 898.97], labels=['low', 'mid', 'high'], include_lowest=True)}:
     * three classes of equal ranges from the smallest to the largest of sorted {@code values} (at least two distinct), the
     * inner edges rounded to the fewest significant digits that keep them in order; and the {@code pd.qcut} of equal counts.
     */
    static String cutLine(String name, double[] values) {
        double lo = values[0];
        double hi = values[values.length - 1];
        List<String> edges = new ArrayList<>(List.of(trimNumber(lo)));
        double before = lo;
        for (int k = 1; k <= 2; k++) {
            double edge = lo + k * (hi - lo) / 3;
            String written = null;
            for (int digits = 3; digits <= 17 && written == null; digits++) {
                java.math.BigDecimal rounded = new java.math.BigDecimal(edge).round(new java.math.MathContext(digits));
                if (rounded.doubleValue() > before && rounded.doubleValue() < hi) {
                    written = rounded.stripTrailingZeros().toPlainString();
                    before = rounded.doubleValue();
                }
            }
            if (written == null) {
                written = Double.toString(edge);
                before = edge;
            }
            edges.add(written);
        }
        edges.add(trimNumber(hi));
        return "pd.cut(df[" + pyName(name) + "], bins=[" + String.join(", ", edges) + "], labels=['low', 'mid', 'high'], "
                + "include_lowest=True) (three equal ranges; pd.qcut(df[" + pyName(name) + "], 3, labels=['low', 'mid', "
                + "'high']) for three of about equal counts)";
    }

    private static String trimNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The ids of {@code rowsById}'s sequences with no label on any row (blank or a missing-value marker), in file order. */
    private static List<String> unlabelledSequences(CsvTable table, Map<String, List<Integer>> rowsById, CsvSchema.Located loc) {
        return rowsById.entrySet().stream().filter(e -> e.getValue().stream()
                .allMatch(r -> optionalLabel(table.rows().get(r)[loc.label()]) == null)).map(Map.Entry::getKey).toList();
    }

    /** The file names of the labels file's rows with no label (blank or a missing-value marker), in file order. */
    private static List<String> unlabelledFiles(CsvTable labels, int fileCol, int labelCol) {
        return labels.rows().stream().filter(r -> optionalLabel(r[labelCol]) == null).map(r -> r[fileCol]).toList();
    }

    /**
     * Refuses a sequence whose first row has no label while a later row has one, naming that row: a label written once per
     * sequence (on its last row, as some exports write an outcome) was refused as "empty label of sequence", though the
     * sequence has one. The long layout wants the label on every row; pandas copies it there.
     */
    private static void requireLabelOnEveryRow(CsvTable table, List<Integer> rows, CsvSchema.Located loc, String id) {
        for (int r : rows) {
            String label = table.rows().get(r)[loc.label()];
            if (optionalLabel(label) != null) {
                int first = rows.get(0);
                throw new DatasetFormatException(table.file(), table.lines().get(first), "sequence " + LabelCheck.quoted(id)
                        + " has no label on this row, its first, but " + LabelCheck.quoted(label) + " at line " + table.lines().get(r)
                        + " (expected the sequence's label on every one of its rows; a label written on only some rows, e.g. the "
                        + "last, is copied to all with pandas: df[" + pyName(table.header() == null ? "label" : table.header().get(loc.label()))
                        + "] = df.groupby(" + pyName(table.header() == null ? "id" : table.header().get(loc.id())) + ")["
                        + pyName(table.header() == null ? "label" : table.header().get(loc.label())) + "].transform('last'))");
            }
        }
    }

    /**
     * The label of sequence {@code id}, refused when empty or a missing-value marker: the refusal names label column
     * {@code column} in its pandas line and, of {@code unlabelled} (the ids of the file's sequences without a label on any
     * row, computed only then), how many there are and the first few (a trial's file of 2 unlabelled sequences named one,
     * with pandas' {@code df['label']} for its column 'mode', so the user fixed one and ran again).
     */
    private static String requireLabel(String label, Path file, long line, String id, String column,
                                       java.util.function.Supplier<List<String>> unlabelled) {
        if (label.isEmpty() || MissingValues.isMissing(label.trim())) {
            List<String> ids = unlabelled.get();
            String others = ids.size() <= 1 ? "" : ids.size() + " sequences have no label: " + LabelCheck.show(ids.subList(0,
                    Math.min(5, ids.size()))) + (ids.size() > 5 ? ", ..." : "") + "; ";
            String keep = "df[df[" + pyName(column) + "].notna()]";
            if (label.isEmpty()) {
                throw new DatasetFormatException(file, line, "empty label of sequence " + LabelCheck.quoted(id) + " (" + others
                        + "expected a label on every sequence of labelled data, to train or evaluate on; sequences not yet labelled "
                        + "are for predict, which takes blank labels: keep the labelled rows, e.g. pandas " + keep + ", and predict "
                        + "the others)");
            }
            throw new DatasetFormatException(file, line, "missing label " + LabelCheck.quoted(label.trim()) + " of sequence " + LabelCheck.quoted(id)
                    + " (" + others + "expected a"
                    + " label on every sequence; " + MissingValues.markersText() + " read as missing, in labels as in values:"
                    + " train on the labelled sequences, e.g. pandas " + keep + ", and give the others to predict, "
                    + "which takes blank labels; or rename a class of that name)");
        }
        if (LabelCheck.controlCharacter(label) >= 0) {
            throw new DatasetFormatException(file, line, "the label of sequence " + LabelCheck.quoted(id) + " "
                    + LabelCheck.controlCharacterProblem(label));
        }
        return label;
    }

    /**
     * What an error in a column named {@code split} adds: that it is read as the split column for its name (a trial's feature
     * of that name was refused for holding numbers, with no way out), and the setting that reads it as a feature instead.
     */
    private static DatasetFormatException splitByName(DatasetFormatException bad, CsvTable table, int column) {
        return table.header() != null && CsvOptions.DEFAULT_SPLIT_NAME.equals(table.header().get(column)) 
                ? bad.withHint("a column named 'split' is read as each row's split (train, validation or test); if it is a feature, "
                + "--set split=none reads it as one") : bad;
    }

    /** Whether every value of column {@code c} is a split's name ({@link #parseSplit}), none missing. */
    private static boolean splitMarkers(CsvTable table, int c) {
        for (int r = 0; r < table.rows().size(); r++) {
            String v = table.cell(r, c).trim().toLowerCase(Locale.ROOT);
            if (!Set.of("train", "training", "validation", "valid", "val", "dev", "test", "testing").contains(v)) {
                return false;
            }
        }
        return true;
    }

    private static Split parseSplit(String value, Path file, long line, String column) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "train", "training" -> Split.TRAIN;
            case "validation", "valid", "val", "dev" -> Split.VALIDATION;
            case "test", "testing" -> Split.TEST;
            default -> throw new DatasetFormatException(file, line, "split '" + CsvTable.abbreviate(value) + "' in column " + column
                    + " (expected train, validation or test; also read: training, valid, val, dev, testing)");
        };
    }

    /**
     * Refuses {@code .csv} files of the folder that no labels file lists (a sequence without a label). Files with a
     * {@code file} column in their header are labels files (another label set or split kept beside the data), not
     * sequences, and are passed over. An empty file no labels file lists is skipped and named as a listed one is
     * ({@link #skippedAsEmpty}): it holds no sequence to label, and a dead wafer left out of the label sheet was refused as
     * "not listed" (exit 1) where, once listed, it was skipped (trial 76f F14).
     */
    private static void requireAllListed(Path folder, List<Path> labelsFiles, Set<String> listed, char delimiter) {
        Set<Path> labels = new HashSet<>();
        labelsFiles.forEach(p -> labels.add(p.toAbsolutePath().normalize()));
        List<String> unlisted;
        try (Stream<Path> files = Files.list(folder)) {
            // the header is read only of files no labels file lists (not of every sequence file again)
            unlisted = files.filter(CsvSequenceDataset::isSequenceFileName)
                    .filter(p -> !labels.contains(p.toAbsolutePath().normalize()))
                    .filter(p -> !listed.contains(folder.relativize(p).toString()))
                    .sorted()
                    .filter(p -> !skippedAsEmpty(p, folder.relativize(p).toString(), labelsFiles.get(0)))
                    .filter(p -> !isLabelsFile(p, delimiter, folder))
                    .map(p -> folder.relativize(p).toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + folder, e);
        }
        if (!unlisted.isEmpty()) {
            throw new DatasetFormatException(labelsFiles.get(0), unlisted.size() + " CSV file(s) of " + folder + " are not listed, e.g. "
                    + unlisted.get(0) + " (expected every sequence file to have a label)");
        }
        // sub-folders: a labels file may list files there (day2/s20.csv); those it does not list are not read, which is said
        // rather than passed over (a fresh-user trial's day2/ recordings were left out without a word)
        List<String> unlistedBelow;
        try (Stream<Path> files = Files.walk(folder, 4)) {
            unlistedBelow = files.filter(p -> !folder.equals(p.getParent()) && Files.isRegularFile(p)) // `data`: the walk's first entry has no parent
                    .filter(CsvSequenceDataset::isSequenceFileName)
                    .filter(p -> java.util.stream.StreamSupport.stream(folder.relativize(p).spliterator(), false)
                            .noneMatch(part -> part.toString().startsWith(".")))
                    .filter(p -> !labels.contains(p.toAbsolutePath().normalize()))
                    .filter(p -> !listed.contains(folder.relativize(p).toString()))
                    .filter(p -> !isLabelsFile(p, delimiter, folder))
                    .map(p -> folder.relativize(p).toString())
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            unlistedBelow = List.of();
        }
        if (!unlistedBelow.isEmpty()) {
            LOG.warn("csv {}: {} CSV file(s) in sub-folders of {} are not listed, so not read: {}{} (list them as SUBFOLDER/NAME.csv "
                    + "to read them)", labelsFiles.get(0), unlistedBelow.size(), folder, unlistedBelow.subList(0, Math.min(5,
                    unlistedBelow.size())), unlistedBelow.size() > 5 ? " ..." : "");
        }
    }

    /**
     * The first {@code .csv} file of {@code folder} (in name order) other than {@value #LABELS_FILE} that is a labels file by
     * {@link #isLabelsFile(Path, char, Path)}, for a folder that has no {@value #LABELS_FILE}; empty when there is none.
     */
    /** A {@code .csv} file of the folder whose header is rnnlab's predictions' ({@link #looksLikePredictions}), or "". */
    private static String predictionsFile(Path folder, char delimiter) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> isSequenceFileName(p) && Files.isRegularFile(p)).sorted()
                    .filter(p -> looksLikePredictions(firstLine(p), delimiter)).map(p -> p.getFileName().toString()).findFirst()
                    .orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static String firstLine(Path p) {
        try (java.io.BufferedReader r = org.rnnlab.datasets.TextFiles.newReader(p, org.rnnlab.datasets.FileEncoding.peekCharset())) {
            String line = r.readLine();
            return line == null ? "" : line.replace("\uFEFF", "");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** Whether a header line, split at {@code delimiter}, is that of rnnlab's predictions ({@link #looksLikePredictions(List)}). */
    static boolean looksLikePredictions(String header, char delimiter) {
        return looksLikePredictions(java.util.Arrays.stream(header.split(java.util.regex.Pattern.quote(Character.toString(delimiter)),
                -1)).map(n -> n.trim().replace("\"", "")).toList());
    }

    /** Whether header names are those of rnnlab's predictions: {@code id}, {@code label} and two or more {@code p_} columns. */
    static boolean looksLikePredictions(List<String> names) {
        return names.size() >= 4 && names.get(0).equals("id") && names.get(1).equals("label")
                && names.stream().filter(n -> n.startsWith("p_")).count() >= 2;
    }

    private static String otherLabelsFile(Path folder, char delimiter) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> isSequenceFileName(p) && Files.isRegularFile(p)).sorted()
                    .filter(p -> !p.getFileName().toString().equals(LABELS_FILE) && isLabelsFile(p, delimiter, folder))
                    .map(p -> p.getFileName().toString()).findFirst().orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /**
     * Whether a folder entry can be a sequence file: a {@code .csv} name that is not hidden (macOS writes {@code ._name.csv}
     * metadata files beside copied ones).
     */
    private static boolean isSequenceFileName(Path p) {
        String name = p.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") && !name.startsWith(".");
    }

    /**
     * Whether a file is a labels file of the folder layout: its first line, read as a header (fields split at the delimiter,
     * a comma, semicolon, tab or bar), has a column named {@code file} or the configured column of file names
     * ({@code --set file=COLUMN}, in training).
     */
    public static boolean isLabelsFile(Path file, char delimiter) {
        return isLabelsFile(file, delimiter, null);
    }

    /**
     * As {@link #isLabelsFile(Path, char)}; where no other column than {@code file} is named (new data, whose model does not
     * record the column, or the default), also a file whose first data row has a field naming a {@code .csv} file of
     * {@code folder}, as {@link #fileColumn} then takes such a column (null: by the header alone). A second label set kept
     * beside the data ({@code labels_coarse.csv}) is thus not taken for an unlisted sequence file.
     */
    static boolean isLabelsFile(Path file, char delimiter, Path folder) {
        Column chosen = FILE_COLUMN.get();
        String named = chosen != null && chosen.name() != null ? chosen.name() : null;
        try (java.io.BufferedReader r = org.rnnlab.datasets.TextFiles.newReader(file, org.rnnlab.datasets.FileEncoding.peekCharset())) {
            String first = r.readLine();
            if (first == null) {
                return false;
            }
            // the data's delimiter or any other common one: a labels file kept beside the data may be written otherwise
            String separators = "[" + java.util.regex.Pattern.quote(Character.toString(delimiter)) + ",;\t|]";
            for (String field : first.replace("\uFEFF", "").split(separators, -1)) {
                String name = unquoted(field);
                if (name.equals(CsvOptions.DEFAULT_FILE_NAME) || name.equals(named)) {
                    return true;
                }
            }
            if (named != null && !named.equals(CsvOptions.DEFAULT_FILE_NAME) || folder == null) {
                return false; // training names its column: a file without it is no labels file of this run
            }
            String row = r.readLine();
            while (row != null && row.isBlank()) {
                row = r.readLine();
            }
            if (row == null) {
                return false;
            }
            Path root = folder.toAbsolutePath().normalize();
            for (String field : row.split(separators, -1)) {
                String value = unquoted(field);
                if (!value.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    continue;
                }
                Path listed = root.resolve(value).normalize();
                if (listed.startsWith(root) && !listed.equals(file.toAbsolutePath().normalize()) && Files.isRegularFile(listed)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
            return false; // not readable as UTF-8 text: reported as a sequence file if it is one
        }
    }

    private static String unquoted(String field) {
        String name = field.trim();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).trim();
        }
        return name;
    }
}

package org.rnnlab.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rnnlab.datasets.csv.Column;
import org.rnnlab.datasets.csv.CsvOptions;
import org.rnnlab.datasets.csv.CsvSequenceDataset;
import org.rnnlab.datasets.csv.CsvSources;
import org.rnnlab.datasets.csv.FolderLabels;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.datasets.har.HarDownloader;
import org.rnnlab.datasets.har.HarLayout;
import org.rnnlab.datasets.har.UciHar;
import org.rnnlab.datasets.synthetic.Agreement;
import org.rnnlab.datasets.synthetic.TemporalOrder;
import org.rnnlab.datasets.text.SentimentDomain;
import org.rnnlab.datasets.text.TextDataset;
import org.rnnlab.datasets.text.Tokenizer;
import org.rnnlab.datasets.text.Truncation;

/**
 * Opens a dataset by name. The seed and limit of {@link DatasetOptions} apply to all; the settings
 * each dataset understands (anything else is an error, to catch typos):
 * <ul>
 *   <li>{@code agreement}: trainSize, validationSize, testSize, minDistance, maxDistance,
 *       trainMaxDistance (default: maxDistance), maxAttractors, distanceHalfLife (training and validation distances
 *       weighted 2^(-(d - minDistance) / halfLife); 0 = uniform; the test split is always uniform), leadingPhrase
 *       (fraction of sentences opened by a prepositional phrase with a noun of random number, in every split)
 *       (defaults {@link Agreement.Config#defaults()});</li>
 *   <li>{@code temporal-order}: trainSize, validationSize, testSize, minDistance, maxDistance, maxLead
 *       (defaults {@link TemporalOrder.Config#defaults()});</li>
 *   <li>{@code sentiment} (dataDir, domain) and {@code text} (file, optional testFile): maxLength,
 *       truncation ({@code KEEP_HEAD|KEEP_TAIL}), minFrequency, validationFraction, testFraction, encoding (as csv's)
 *       (defaults {@link TextDataset.Config#defaults()});</li>
 *   <li>{@code csv}: dataDir (folder layout, file = its labels file) or file (long format), optional
 *       validation and test files in the same layout; header ({@code true|false}), delimiter, features
 *       (comma-separated names, globs such as {@code mfcc_*}, or 0-based indices, each column once), sequenceId, time ({@code none} for no time column),
 *       label, split (column), group (column), labelNames (comma-separated), validationFraction,
 *       testFraction, missing ({@code error|trim|ffill|interpolate|zero|drop-steps|drop}), emptyFeature ({@code error|mean|zero}:
 *       what ffill and interpolate write into a feature with no value at all in a sequence, {@link
 *       org.rnnlab.datasets.csv.EmptyFeatureFill}), sequenceScaling
 *       ({@code none|center|standardize}), naValues, layout ({@code long|wide}: {@code wide} reads one sequence per row, its
 *       steps in columns, {@link org.rnnlab.datasets.csv.WideLayout}), splitBy ({@code random|time}: carved validation and
 *       test sets at random, or the latest sequences by time), labelFrom and groupFrom ({@code folder|folder:N}: the folder
 *       layout's labels and groups from the folders holding the files, no labels file, {@link
 *       org.rnnlab.datasets.csv.FolderLabels}), encoding (of the data files, {@link FileEncoding}: a Java
 *       charset name such as {@code windows-1252}; default strict UTF-8 with detection), decimal ({@code point|comma}: numbers
 *       written {@code 12,4}, {@link org.rnnlab.datasets.csv.DecimalSeparator}, recorded in the model's data layout) (defaults {@link
 *       CsvOptions#defaults()}).</li>
 * </ul>
 */
public final class Datasets {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Datasets.class);

    /** The synthetic agreement task. */
    public static final String AGREEMENT = Agreement.NAME;
    /** The synthetic temporal-order task. */
    public static final String TEMPORAL_ORDER = TemporalOrder.NAME;
    /** UCI HAR windows (the official folder, or one re-cut from raw recordings). */
    public static final String HAR = "har";
    /** The UCI sentiment sentences. */
    public static final String SENTIMENT = TextDataset.SENTIMENT_NAME;
    /** A user TSV file. */
    public static final String TEXT = TextDataset.TSV_NAME;
    /** User CSV sequences. */
    public static final String CSV = CsvSequenceDataset.NAME;

    private static final Set<String> SIZES = Set.of("trainSize", "validationSize", "testSize", "minDistance", "maxDistance");
    /** The setting of the data files' encoding ({@link FileEncoding}), for the datasets read from users' files. */
    public static final String ENCODING = "encoding";
    private static final Set<String> TEXT_KEYS = Set.of("maxLength", "truncation", "minFrequency", "validationFraction", "testFraction",
            ENCODING, "tokenize", "lowerCase", "normalization", "group", "splitBy", org.rnnlab.datasets.text.TextColumns.ID_COLUMN_SETTING);
    private static final Set<String> CSV_KEYS = Set.of("header", "delimiter", "features", "sequenceId", "time", "label", "split",
            "group", "labelNames", "validationFraction", "testFraction", "missing", "file", "sequenceScaling", "naValues", "layout",
            "splitBy", "labelFrom", "groupFrom", ENCODING, org.rnnlab.datasets.csv.DecimalSeparator.SETTING, org.rnnlab.datasets.csv.TimeStamps.SETTING,
            org.rnnlab.datasets.csv.LabelMap.SETTING, org.rnnlab.datasets.csv.EmptyFeatureFill.SETTING);

    private Datasets() {
    }

    /** The names {@link #open} knows. */
    public static List<String> names() {
        return List.of(AGREEMENT, TEMPORAL_ORDER, HAR, SENTIMENT, TEXT, CSV);
    }

    /**
     * The settings ({@code --set KEY=VALUE}) that dataset {@code name} accepts; empty for an unknown name.
     */
    public static Set<String> settings(String name) {
        return switch (name == null ? "" : name) {
            case Agreement.NAME -> union(SIZES, Set.of("trainMaxDistance", "maxAttractors", "distanceHalfLife", "leadingPhrase"));
            case TemporalOrder.NAME -> union(SIZES, Set.of("maxLead"));
            case HAR -> Set.of("validationFraction");
            case TextDataset.SENTIMENT_NAME, TextDataset.TSV_NAME -> TEXT_KEYS;
            case CsvSequenceDataset.NAME -> CSV_KEYS;
            default -> Set.of();
        };
    }

    /**
     * The dataset of that name.
     *
     * @throws IllegalArgumentException for an unknown name, an unknown setting or a bad setting value
     * @throws DatasetFormatException   when its files are missing or malformed
     */
    public static SequenceDataset open(String name, DatasetOptions options) {
        refuseUnknown(name, options);
        refuseUnused(name, options);
        SequenceDataset d;
        try {
            String encoding = settings(name).contains(ENCODING) ? options.settings().get(ENCODING) : null; // else refused as unknown
            // every file of this dataset in the declared encoding (a trial's Windows-1252 Excel exports), none else
            d = FileEncoding.readingRun(encoding == null ? null : FileEncoding.parse(encoding, "--set " + ENCODING),
                    () -> switch (name) {
                        case Agreement.NAME -> agreement(options);
                        case TemporalOrder.NAME -> temporalOrder(options);
                        case TextDataset.SENTIMENT_NAME -> sentiment(options);
                        case TextDataset.TSV_NAME -> text(options);
                        case CsvSequenceDataset.NAME -> csvWithDecimal(options);
                        case HAR -> har(options);
                        default -> throw new IllegalArgumentException("unknown dataset '" + name + "', expected one of " + names());
                    });
        } catch (IllegalArgumentException e) {
            // a setting out of range: say it in the user's terms (the settings are named like the fields)
            String message = String.valueOf(e.getMessage());
            String stripped = message.replaceFirst("^[A-Z][A-Za-z]*(\\.[A-Z][A-Za-z]*)*\\.(?=[a-z])", "");
            if (stripped.equals(message)) {
                throw e;
            }
            throw new IllegalArgumentException("dataset " + name + ": setting " + stripped, e); // the command adds its --help hint
        }
        if (options.limit() <= 0) {
            return d;
        }
        SequenceDataset limited = d.limit(options.limit());
        warnOfClassesLeftOut(d, limited, options.limit());
        return limited;
    }

    /**
     * The csv dataset read with its decimal separator ({@code --set decimal=point|comma}, {@link
     * org.rnnlab.datasets.csv.DecimalSeparator}), which the model's data layout records.
     */
    private static SequenceDataset csvWithDecimal(DatasetOptions options) {
        String decimal = options.settings().get(org.rnnlab.datasets.csv.DecimalSeparator.SETTING);
        boolean comma = decimal != null && org.rnnlab.datasets.csv.DecimalSeparator.parse(decimal,
                "--set " + org.rnnlab.datasets.csv.DecimalSeparator.SETTING);
        // and its time column's date-times by --set timeFormat too, which the layout records as well
        String timeFormat = options.settings().get(org.rnnlab.datasets.csv.TimeStamps.SETTING);
        return org.rnnlab.datasets.csv.TimeStamps.reading(timeFormat == null || timeFormat.isBlank() ? null : timeFormat.strip(),
                () -> org.rnnlab.datasets.csv.DecimalSeparator.reading(comma, () -> csv(options)));
    }

    /**
     * {@code --limit N} keeps the first N sequences of each split in file order; from a file sorted by class that can leave
     * whole classes out of a split (a test "accuracy" of one class). Says so, naming the split and the classes.
     */
    static List<String> warnOfClassesLeftOut(SequenceDataset full, SequenceDataset limited, int limit) {
        List<String> warnings = new ArrayList<>();
        int classes = full.labelNames().size();
        for (Split split : Split.values()) {
            int[] before = full.split(split).classCounts(classes);
            int[] after = limited.split(split).classCounts(classes);
            List<String> missing = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                if (before[c] > 0 && after[c] == 0) {
                    missing.add(full.labelNames().get(c));
                }
            }
            if (!missing.isEmpty()) {
                // the split's order is the data seed's shuffle for users' files, not the file's (a trial was told to shuffle it)
                String w = "--limit " + limit + " keeps the first " + limit + " sequences of the " + split.name().toLowerCase(Locale.ROOT)
                        + " split in its order (for users' files, the order --data-seed shuffles them into), which leave out the "
                        + "class(es) " + missing + ": its results cover only the other classes (give a larger --limit, or another "
                        + "--data-seed)";
                LOG.warn(w);
                warnings.add(w);
            }
        }
        return warnings;
    }

    /**
     * An unknown name is said first, before what its options could not apply to: {@link #refuseUnused} took every name other
     * than the file-reading ones for a generated dataset ({@code --dataset ts --train F} was told "--train do(es) not apply to
     * dataset ts (ts is generated ...)"), which sent a user with a file looking for a dataset called ts. With files given,
     * the message says where users' own files go.
     */
    private static void refuseUnknown(String name, DatasetOptions o) {
        if (names().contains(name)) {
            return;
        }
        boolean files = o.file() != null || o.validationFile() != null || o.testFile() != null || o.dataDir() != null;
        throw new IllegalArgumentException("unknown dataset '" + name + "', expected one of " + names() + (files
                ? " (your own files go with --dataset csv: numbers per time step, in a long CSV file (--train FILE) or a folder of "
                + "one CSV per sequence (--data DIR); or --dataset text: label<TAB>text lines)" : ""));
    }

    /** Files and options a dataset cannot use are an error, never silently ignored. */
    private static void refuseUnused(String name, DatasetOptions o) {
        boolean files = name.equals(TEXT) || name.equals(CSV);
        List<String> unused = new ArrayList<>();
        if (!files) {
            if (o.file() != null) {
                unused.add("--train");
            }
            if (o.validationFile() != null) {
                unused.add("--validation");
            }
            if (o.testFile() != null) {
                unused.add("--test");
            }
        }
        if (o.dataDir() != null && (name.equals(AGREEMENT) || name.equals(TEMPORAL_ORDER) || name.equals(TEXT))) {
            unused.add("--data");
        }
        if (o.domain() != null && !name.equals(SENTIMENT)) {
            unused.add("--domain");
        }
        if (!unused.isEmpty()) {
            String how = switch (name) {
                case HAR -> "har reads the train/ and test/ windows of its --data folder";
                case SENTIMENT -> "sentiment reads the UCI folder (--data) and splits it by seed";
                case TEXT -> "text reads --train FILE (and --validation, --test)";
                case CSV -> "csv reads --train FILE (and --validation, --test) or a --data folder; --domain names a sentiment domain";
                default -> name + " is generated; size it with --set";
            };
            throw new IllegalArgumentException(String.join(", ", unused) + " do(es) not apply to dataset " + name + " (" + how
                    + "; the files of users' own data go with --dataset csv or text)");
        }
    }

    private static Agreement agreement(DatasetOptions o) {
        Settings s = new Settings(o.settings(), settings(Agreement.NAME));
        Agreement.Config d = Agreement.Config.defaults();
        int maxDistance = s.integer("maxDistance", d.maxDistance());
        return Agreement.generate(new Agreement.Config(s.integer("trainSize", d.trainSize()),
                s.integer("validationSize", d.validationSize()), s.integer("testSize", d.testSize()),
                s.integer("minDistance", d.minDistance()), maxDistance, s.integer("trainMaxDistance", maxDistance),
                s.integer("maxAttractors", d.maxAttractors()), s.decimal("distanceHalfLife", d.distanceHalfLife()),
                s.decimal("leadingPhrase", d.leadingPhrase()), o.seed()));
    }

    private static TemporalOrder temporalOrder(DatasetOptions o) {
        Settings s = new Settings(o.settings(), settings(TemporalOrder.NAME));
        TemporalOrder.Config d = TemporalOrder.Config.defaults();
        return TemporalOrder.generate(new TemporalOrder.Config(s.integer("trainSize", d.trainSize()),
                s.integer("validationSize", d.validationSize()), s.integer("testSize", d.testSize()),
                s.integer("minDistance", d.minDistance()), s.integer("maxDistance", d.maxDistance()),
                s.integer("maxLead", d.maxLead()), o.seed()));
    }

    private static SequenceDataset har(DatasetOptions o) {
        Settings s = new Settings(o.settings(), settings(HAR));
        UciHar.Options d = UciHar.Options.defaults();
        Path dir = o.dataDir();
        if (dir == null) {
            Path cached = HarDownloader.defaultCacheDir().resolve(HarLayout.FOLDER_NAME);
            if (!Files.isDirectory(cached)) {
                throw new IllegalArgumentException("har: no --data folder given and no copy in " + cached + ". Get one with "
                        + "'rnnlab data fetch har' (needs internet), or re-cut the windows from the raw recordings with "
                        + "'rnnlab data har-from-raw --raw ../shared/data/hapt --out DIR' and pass --data DIR");
            }
            dir = cached;
        }
        return UciHar.load(dir, new UciHar.Options(s.decimal("validationFraction", d.validationFraction()), o.seed()));
    }

    /**
     * A text file's group column ({@code --set group=lang}): scored apart, and carved whole (as a CSV group column is) unless
     * {@code splitBy=class} asks for the carve stratified by class.
     */
    private static final String TEXT_GROUP = "group";

    private static TextDataset.Config textConfig(DatasetOptions o) {
        if (o.settings().containsKey(org.rnnlab.datasets.csv.LabelMap.SETTING)) {
            // trial 77b F2: the guide's label map led a text user here, to "unknown setting": say what text data do instead
            throw new IllegalArgumentException("labelMap reads the labels of CSV data (--dataset csv) and is not read for text: a "
                    + "text's label is read as written (white space around it dropped, said per label), so labels spelled several "
                    + "ways are classes of their own until the label column is rewritten, e.g. with pandas: df['label'] = "
                    + "df['label'].replace({'Sci-Fi': 'scifi'}), in the training file and in the files given to evaluate alike");
        }
        Settings s = new Settings(o.settings(), TEXT_KEYS);
        TextDataset.Config d = TextDataset.Config.defaults();
        Tokenizer tokenizer = d.tokenizer().withLowerCase(s.bool("lowerCase", d.tokenizer().lowerCase()));
        String unit = s.string("tokenize", null);
        tokenizer = unit == null ? tokenizer : tokenizer.withUnit(Tokenizer.Unit.parse(unit));
        String normalization = s.string("normalization", null);
        tokenizer = normalization == null ? tokenizer
                : tokenizer.withNormalization(org.rnnlab.datasets.text.TextNormalization.parse(normalization));
        return new TextDataset.Config(tokenizer, s.integer("minFrequency", d.minFrequency()),
                s.integer("maxLength", d.maxLength()), s.truncation(d.truncation()),
                s.decimal("validationFraction", d.validationFraction()), s.decimal("testFraction", d.testFraction()), o.seed());
    }

    private static TextDataset sentiment(DatasetOptions o) {
        TextDataset.Config c = textConfig(o);
        if (o.settings().containsKey(TEXT_GROUP) || o.settings().containsKey("splitBy")) {
            throw new IllegalArgumentException("sentiment: group and splitBy do not apply: the UCI files have no group column "
                    + "(--dataset text reads one from a file's header, --set group=COLUMN)");
        }
        if (o.settings().containsKey(org.rnnlab.datasets.text.TextColumns.ID_COLUMN_SETTING)) {
            throw new IllegalArgumentException("sentiment: idColumn does not apply: the UCI files have no id column (--dataset text "
                    + "reads one from a file's header, --set idColumn=COLUMN)");
        }
        Path dir = o.dataDir() != null ? o.dataDir() : SharedDataDirectory.locate("sentiment-labelled-sentences")
                .orElseThrow(() -> new IllegalArgumentException("sentiment: the UCI Sentiment Labelled Sentences folder is needed: give it "
                        + "with --data DIR (the unzipped 'sentiment labelled sentences' folder, with amazon_cells_labelled.txt, "
                        + "imdb_labelled.txt and yelp_labelled.txt); no shared/data/sentiment-labelled-sentences was found in the working "
                        + "directory, rnnlab's checkout or a folder above them (or set " + SharedDataDirectory.ENVIRONMENT
                        + " to the shared data folder holding it)"));
        return TextDataset.sentiment(dir, o.domain() == null ? SentimentDomain.ALL : SentimentDomain.parse(o.domain()), c);
    }

    private static TextDataset text(DatasetOptions o) {
        TextDataset.Config c = textConfig(o);
        if (o.file() == null) {
            throw new IllegalArgumentException("text: needs --train FILE (label<TAB>text per line)");
        }
        if (o.validationFile() != null && o.settings().containsKey("validationFraction")) {
            throw new IllegalArgumentException("text: validationFraction does not apply: the validation examples are given by "
                    + o.validationFile());
        }
        if (o.testFile() != null && o.settings().containsKey("testFraction")) {
            throw new IllegalArgumentException("text: testFraction does not apply: the test examples are given by " + o.testFile());
        }
        String group = o.settings().get(TEXT_GROUP);
        String splitBy = o.settings().get("splitBy") == null ? null : o.settings().get("splitBy").strip();
        if (splitBy != null && !splitBy.equals("group") && !splitBy.equals("class")) {
            throw new IllegalArgumentException("text: splitBy=" + splitBy + " is unknown for text (expected group, the default with "
                    + "--set group=COLUMN: carved validation and test splits take whole groups; or class: the carve stratified by "
                    + "class, every group in every split, the test scores optimistic for new groups)");
        }
        if (splitBy != null && group == null) {
            throw new IllegalArgumentException("text: splitBy=" + splitBy + " needs a group column (--set group=COLUMN, a column of "
                    + "the files' header such as lang in 'id<TAB>lang<TAB>label<TAB>text'); without one the carve is stratified by class");
        }
        if (group != null && group.isBlank()) {
            throw new IllegalArgumentException("text: group= names no column (expected --set group=COLUMN, a column of the "
                    + "files' header such as lang in 'id<TAB>lang<TAB>label<TAB>text')");
        }
        String idColumn = o.settings().get(org.rnnlab.datasets.text.TextColumns.ID_COLUMN_SETTING);
        if (idColumn != null && (idColumn.isBlank() || !TextDataset.COLUMN_NAME.matcher(idColumn.strip()).matches())) {
            throw new IllegalArgumentException("text: idColumn=" + idColumn + " is not a column name (expected --set idColumn=COLUMN, "
                    + "the column of the files' header holding the ids, such as review_id in 'review_id<TAB>label<TAB>text')");
        }
        return TextDataset.fromTsv(o.file(), o.validationFile(), o.testFile(), c, group == null ? null : group.strip(),
                // a group column keeps its groups apart, as a CSV group column does (trial 77g F1: 57 of 60 contracts were in
                // training and test, unsaid, where group= alone was taken to do so); splitBy=class is the explicit way out
                group != null && !"class".equals(splitBy), idColumn == null || idColumn.strip().equalsIgnoreCase("id") ? null : idColumn.strip());
    }

    private static SequenceDataset csv(DatasetOptions o) {
        Settings s = new Settings(o.settings(), CSV_KEYS);
        CsvOptions d = CsvOptions.defaults();
        String delimiter = s.string("delimiter", ",");
        if (delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab")) {
            delimiter = "\t"; // a tab is hard to type on a command line
        }
        if (delimiter.length() != 1) {
            throw new IllegalArgumentException("csv setting delimiter must be one character (or tab, or \\t), got '" + delimiter + "'");
        }
        List<Column> features = new ArrayList<>();
        String f = s.string("features", "");
        if (!f.isBlank()) {
            for (String name : list("features", f)) {
                if (name.isBlank()) {
                    throw new IllegalArgumentException("csv setting features has an empty entry in '" + f + "' (expected "
                            + "comma-separated column names or 0-based indices, each once)");
                }
                features.add(Column.parse(name));
            }
        }
        String time = s.string("time", d.time().toString());
        String split = s.string("split", "");
        String labelNames = s.string("labelNames", "");
        String group = s.string("group", "");
        CsvOptions c = new CsvOptions(s.bool("header", true), delimiter.charAt(0), features,
                Column.parse(s.string("label", d.label().toString())), Column.parse(s.string("sequenceId", d.sequenceId().toString())),
                time.equals("none") ? null : !o.settings().containsKey("time") ? d.time() : Column.parse(time), split.isBlank() ? null : split.equals("none") ? CsvOptions.NO_SPLIT
                        : Column.parse(split),
                group.isBlank() ? null : Column.parse(group),
                labelNames.isBlank() ? List.of() : list("labelNames", labelNames).stream().map(String::trim)
                        .filter(n -> !n.isEmpty()).toList(), // an empty label is a missing one: a trailing comma adds no class
                s.decimal("validationFraction", d.validationFraction()), s.decimal("testFraction", d.testFraction()), o.seed(),
                MissingValues.parse(s.string("missing", d.missing().toString())))
                .withSequenceScaling(org.rnnlab.datasets.csv.SequenceScaling.parse(s.string("sequenceScaling", "none")));
        String naValues = s.string("naValues", "");
        if (!naValues.isBlank()) { // codes for missing values (pandas' na_values), e.g. -9999
            List<String> codes = list("naValues", naValues).stream().map(String::trim).toList();
            if (codes.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("csv setting naValues has an empty entry in '" + naValues + "' (expected "
                        + "comma-separated codes that mean a missing value, e.g. -9999,-999; empty cells are missing anyway)");
            }
            c = c.withNaValues(codes);
        }
        String layout = s.string("layout", "long").strip();
        if (!layout.equals("long") && !layout.equals("wide")) {
            throw new IllegalArgumentException("csv setting layout must be long (one row per time step) or wide (one row per "
                    + "sequence, its time steps in columns), got '" + layout + "'");
        }
        if (layout.equals("wide")) {
            c = wide(o, c);
        }
        String splitBy = s.string("splitBy", "random").strip();
        if (!splitBy.equals("random") && !splitBy.equals("time")) {
            throw new IllegalArgumentException("csv setting splitBy must be random (carved validation and test sets drawn at random, "
                    + "per class or by group) or time (the latest sequences by their first time), got '" + splitBy + "'");
        }
        c = c.withSplitByTime(splitBy.equals("time"));
        String fileColumn = s.string("file", "");
        if (!fileColumn.isBlank()) {
            if (o.dataDir() == null) {
                throw new IllegalArgumentException("csv: --set file=" + fileColumn + " names the labels file's column of file names "
                        + "in the folder layout (--data DIR); a long-layout file (--train FILE) names its sequences with --set "
                        + "sequenceId=");
            }
            c = c.withFileColumn(Column.parse(fileColumn));
        }
        c = folderLabels(o, s, c);
        if (o.dataDir() == null && o.file() == null) {
            throw new IllegalArgumentException("csv: needs --train FILE (long layout: one row per time step) or --data DIR (one file "
                    + "per sequence + labels.csv)");
        }
        CsvOptions options = c;
        // what --missing ffill|interpolate writes into a feature with no value at all in a sequence (stored in the schema)
        org.rnnlab.datasets.csv.EmptyFeatureFill emptyFeature = org.rnnlab.datasets.csv.EmptyFeatureFill.parse(
                s.string(org.rnnlab.datasets.csv.EmptyFeatureFill.SETTING, "error"));
        String mapFile = s.string(org.rnnlab.datasets.csv.LabelMap.SETTING, "").strip();
        // labels read through a label map (--set labelMap=FILE): spellings merged without a script
        org.rnnlab.datasets.csv.LabelMap map = mapFile.isEmpty() ? null : org.rnnlab.datasets.csv.LabelMap.read(java.nio.file.Path.of(mapFile));
        return org.rnnlab.datasets.csv.LabelMap.applying(map, () -> {
            CsvSequenceDataset loaded = CsvSequenceDataset.load(new CsvSources(o.dataDir(), o.file(), o.validationFile(), o.testFile(),
                    o.settings().containsKey("validationFraction"), o.settings().containsKey("testFraction")), options, emptyFeature);
            if (map != null) {
                for (String line : map.report(org.rnnlab.datasets.csv.LabelMap.relabelled())) {
                    if (line.startsWith("warning: ")) {
                        LOG.warn("csv: {}", line.substring("warning: ".length()));
                    } else {
                        LOG.info("csv: {}", line);
                    }
                }
            }
            return loaded;
        });
    }

    /**
     * The options of {@code --set labelFrom=folder} (and {@code groupFrom}): the folder layout's labels from the folders
     * holding the files, refused beside what would give them otherwise (a labels file, a label or group column, a column of
     * file names), each named.
     */
    private static CsvOptions folderLabels(DatasetOptions o, Settings s, CsvOptions c) {
        String labelFrom = s.string("labelFrom", "").strip();
        String groupFrom = s.string("groupFrom", "").strip();
        if (labelFrom.isEmpty()) {
            if (!groupFrom.isEmpty()) {
                throw new IllegalArgumentException("csv: --set groupFrom=" + groupFrom + " takes each file's group from its folders, "
                        + "which goes with --set labelFrom=folder (labels from the folders too); with a labels file, name its group "
                        + "column with --set group=COLUMN");
            }
            return c;
        }
        FolderLabels f = new FolderLabels(labelFrom, groupFrom.isEmpty() ? null : groupFrom);
        if (o.dataDir() == null) {
            throw new IllegalArgumentException("csv: --set labelFrom=" + labelFrom + " reads the labels from the folders of the folder "
                    + "layout (--data DIR), not a long-layout file (--train FILE)");
        }
        List<String> clash = new ArrayList<>();
        if (o.file() != null) {
            clash.add("the labels file --train " + o.file());
        }
        if (o.validationFile() != null) {
            clash.add("the labels file --validation " + o.validationFile());
        }
        if (o.testFile() != null) {
            clash.add("the labels file --test " + o.testFile());
        }
        for (String key : List.of("label", "group", "file", "split")) {
            if (o.settings().containsKey(key) && !(key.equals("split") && o.settings().get(key).strip().equals("none"))) {
                clash.add("--set " + key + "=" + o.settings().get(key).strip());
            }
        }
        if (!clash.isEmpty()) {
            throw new IllegalArgumentException("csv: --set labelFrom=" + labelFrom + " takes every file's label from its folder"
                    + (f.group() == null ? "" : " (and --set groupFrom=" + f.group() + " its group)") + ", so there is no labels file"
                    + " to read, but " + String.join(", ", clash) + " " + (clash.size() == 1 ? "is" : "are") + " given too: leave "
                    + (clash.size() == 1 ? "it" : "them") + " out, or leave out labelFrom to read a labels file");
        }
        return c.withFolderLabels(f);
    }

    /**
     * The options of {@code --set layout=wide}: a file (not a folder), no time column (the steps' order is in the column
     * names or positions); without {@code --set header}, a first line of numbers only is no header (UCR's files), one of
     * pandas' column numbers {@code 0 1 ... N-1} is refused with the setting that reads it, and a headerless file's label is
     * column 0 unless chosen.
     */
    private static CsvOptions wide(DatasetOptions o, CsvOptions c) {
        if (o.dataDir() != null) {
            throw new IllegalArgumentException("csv: --set layout=wide reads one file of one sequence per row (--train FILE), not "
                    + "the folder layout (--data DIR, one file per sequence)");
        }
        if (o.settings().containsKey("time")) {
            throw new IllegalArgumentException("csv: --set time=" + o.settings().get("time").strip() + " does not apply to --set "
                    + "layout=wide: its time steps are the columns, in the order of their step numbers (ax_0, ax_1, ...) or, without "
                    + "a header, of the columns themselves; leave --set time out");
        }
        // judged by the training file's first line; its validation and test files (and new data) must match it (WideLayout.read)
        Boolean given = o.settings().containsKey("header") ? c.header() : null;
        boolean header = o.file() == null || !Files.isRegularFile(o.file()) ? given == null || given
                : org.rnnlab.datasets.csv.WideLayout.headerOf(o.file(), c.delimiter(), given, o.settings().containsKey("label"),
                c.label().name());
        CsvOptions w = c.withHeader(header).withColumns(c.sequenceId(), null, !header && !o.settings().containsKey("label")
                ? Column.at(0) : c.label()).withWide(true);
        if (!header && o.settings().containsKey("features")) {
            throw new IllegalArgumentException("csv: --set features=" + o.settings().get("features").strip() + " does not apply to "
                    + "a wide file without a header: each column but the label (and any sequence id, group or split column) is "
                    + "one time step of its single feature '" + org.rnnlab.datasets.csv.WideLayout.VALUE + "'");
        }
        return w;
    }

    /**
     * The entries of a comma-separated setting, read as a CSV line: an entry in double quotes may hold commas, a quote
     * inside it doubled ({@code labelNames="a,b","say ""hi""",walk}).
     */
    static List<String> list(String setting, String text) {
        List<String> out = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        int i = 0;
        while (true) {
            int start = i;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("csv setting " + setting + ": the quote at character " + (start + 1)
                                + " of '" + text + "' is not closed (an entry in quotes ends with a quote; a quote inside it is doubled: \"\")");
                    }
                    char c = text.charAt(i++);
                    if (c == '"' && i < text.length() && text.charAt(i) == '"') {
                        entry.append('"');
                        i++;
                    } else if (c == '"') {
                        break;
                    } else {
                        entry.append(c);
                    }
                }
                while (i < text.length() && text.charAt(i) == ' ') {
                    i++;
                }
                if (i < text.length() && text.charAt(i) != ',') {
                    throw new IllegalArgumentException("csv setting " + setting + ": expected a comma after the quoted entry \""
                            + entry + "\" in '" + text + "', got '" + text.charAt(i) + "'");
                }
            } else {
                i = start;
                while (i < text.length() && text.charAt(i) != ',') {
                    entry.append(text.charAt(i++));
                }
            }
            out.add(entry.toString());
            entry.setLength(0);
            if (i >= text.length()) {
                return out;
            }
            i++; // the comma
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    /** Typed access to string settings, rejecting unknown keys. */
    private record Settings(Map<String, String> values, Set<String> allowed) {
        Settings {
            for (String key : values.keySet()) {
                if (!allowed.contains(key)) {
                    // a setting in other case or a letter off (a trial's sequenceID): named
                    List<String> close = allowed.stream().filter(a -> a.equalsIgnoreCase(key)
                            || org.rnnlab.datasets.csv.Column.editDistance(a.toLowerCase(java.util.Locale.ROOT),
                            key.toLowerCase(java.util.Locale.ROOT), 2) <= (key.length() >= 8 ? 2 : 1)).sorted().toList();
                    throw new IllegalArgumentException("unknown setting '" + key + "', expected one of " + new TreeSet<>(allowed)
                            + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?"
                            + (close.stream().anyMatch(c -> c.equalsIgnoreCase(key)) ? " (settings are matched case-sensitively)" : "")));
                }
            }
        }

        String string(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        int integer(String key, int fallback) {
            String v = values.get(key);
            try {
                return v == null ? fallback : Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting " + key + " must be an integer, got '" + v + "'");
            }
        }

        boolean bool(String key, boolean fallback) {
            String v = values.get(key);
            if (v == null) {
                return fallback;
            }
            return switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("setting " + key + " must be true or false, got '" + v + "'");
            };
        }

        Truncation truncation(Truncation fallback) {
            String v = values.get("truncation");
            if (v == null) {
                return fallback;
            }
            try {
                return Truncation.valueOf(v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting truncation must be KEEP_HEAD or KEEP_TAIL, got '" + v + "'");
            }
        }

        double decimal(String key, double fallback) {
            String v = values.get(key);
            try {
                return v == null ? fallback : Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting " + key + " must be a number, got '" + v + "'");
            }
        }
    }
}

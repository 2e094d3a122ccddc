package org.rnnlab.evaluation.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.SequenceDataset;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options that choose and shape a dataset, shared by compare, train, evaluate and gradients. */
public final class DatasetOptionsMixin {
    /**
     * The written markers of a missing value (besides the empty cell), as {@code --missing}'s help lists them: every one of
     * {@code MissingValues.MARKERS}, case-sensitive (a help text is a constant, so the list is written out here; a test keeps
     * the two equal: the help had listed 7 of the 19, and a trial's port to JavaScript read {@code NULL} as a number).
     */
    static final String MISSING_MARKERS = "?, NA, N/A, NaN, nan, NAN, -nan, -NaN, -NAN, nan(ind), -nan(ind), nan(snan), -nan(snan), "
            + "<NA>, NaT, null, NULL, None (case-sensitive)";


    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "agreement",
            description = "Dataset: agreement, temporal-order, har, sentiment, text or csv (default: ${DEFAULT-VALUE}; evaluate: "
                    + "a built-in dataset the model was trained on, unless --input is given).")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder: a UCI HAR folder (har), the sentiment sentences folder (sentiment; default "
                    + "../shared/data/sentiment-labelled-sentences), or a folder of one CSV per sequence (csv).")
    Path data;

    @Option(names = "--train", paramLabel = "FILE",
            description = "Training data file: label<TAB>text lines (text), a long-layout CSV (csv), or with --data DIR another "
                    + "labels file of that folder than labels.csv (csv; a relative FILE is looked up in DIR, or where it is not there, "
                    + "in the current folder).")
    Path train;

    @Option(names = "--validation", paramLabel = "FILE",
            description = "Validation data in the layout of --train (text, csv; with --data DIR a labels file, looked up as "
                    + "--train is); without it validation data comes from a split "
                    + "column or is carved from --train (stratified, or by --set group=COLUMN).")
    Path validation;

    @Option(names = "--test", paramLabel = "FILE",
            description = "Test data in the layout of --train (text, csv; with --data DIR a labels file, looked up as "
                    + "--train is); without it test data comes from a split column or is "
                    + "carved from --train.")
    Path test;

    @Option(names = "--missing", paramLabel = "POLICY",
            description = "Missing values in csv data (a cell, trimmed, that is empty or exactly one of " + MISSING_MARKERS
                    + "; and the codes of --set naValues): error, trim (remove the time steps at "
                    + "a sequence's end whose every feature is missing: the NaN end padding of UEA/sktime exports of series of "
                    + "unequal length; any other missing value is an error), ffill (last value of the "
                    + "sequence), interpolate (the straight line, in steps (rows), between the observed values around the gap, for channels "
                    + "sampled at a lower rate; the nearest value at a sequence's start or end), zero (0 in the file's own units, before standardisation: on a channel far from 0, such as an "
                    + "accelerometer axis carrying gravity, an extreme value; ffill, interpolate or drop suit it better), drop-steps (remove every "
                    + "time step holding a missing value, the sequence kept with its other steps: frames to skip, as librosa's NaN "
                    + "frames; a sequence left with no step is dropped), or drop (the sequence). Training: default error, stored with the model; evaluate: default the model's policy.")
    String missing;

    @Option(names = "--domain", paramLabel = "NAME", description = "Sentiment domain: amazon, imdb, yelp or all (default: all).")
    String domain;

    @Option(names = "--data-seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of data generation, of splitting and of the order of the sequences within each split (which --limit takes first; each epoch's shuffle by --seed starts from it, so a split column fixes the splits but not the training order), the same for every model (default: ${DEFAULT-VALUE}).")
    long dataSeed;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Use at most N examples per split, 0 for all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = {"Dataset setting, repeatable. Keys: agreement: trainSize, validationSize, testSize, minDistance, "
                    + "maxDistance, trainMaxDistance, maxAttractors, distanceHalfLife, leadingPhrase; temporal-order: trainSize, validationSize, testSize, minDistance, "
                    + "maxDistance, maxLead; har: validationFraction; sentiment, text (texts are lower-cased, so 'Great' and "
                    + "'great', or DNA's 'A' and 'a', are one word, and split into words at spaces and punctuation, in training "
                    + "and for new text alike; stored with the model): tokenize (words|chars|mixed: chars makes every character but "
                    + "white space a token, for Chinese, Japanese or Thai written without spaces; mixed does so for the characters "
                    + "of those scripts only and reads other text as words, for files mixing languages; default words), lowerCase "
                    + "(true|false: false keeps case, e.g. for Turkish dotted and dotless i; default true), normalization (NFC|NFKC: "
                    + "NFKC also reads full-width letters, digits and punctuation typed by Chinese and Japanese input methods, "
                    + "６２０５－２ＲＳ, as 6205-2RS; default NFC), maxLength (tokens read per text, "
                    + "default 64), truncation (KEEP_HEAD|KEEP_TAIL, default KEEP_TAIL), minFrequency (a word seen fewer times in "
                    + "training reads as <unk>, default 2), validationFraction, testFraction (default 0.15 each), idColumn (text: the "
                    + "header's column holding the ids when it is not named id, e.g. review_id; stored with the model, which evaluate "
                    + "and predict read new files by), group (text: the header's column of each text's group, e.g. contract_id: scored group by "
                    + "group, and carved validation and test splits take whole groups, as a CSV group column's), splitBy (text, "
                    + "with group: group, the default, or class: the carve stratified by class with every group in every split, "
                    + "the test scores then optimistic for new groups, which train says); csv: sequenceId, time (none = row order; folder layout: the time column of every sequence file, read only when set: "
                    + "no feature, each file's times must increase, and its sampling step is judged and stored with the model), label (one class per sequence; "
                    + "a quantity to regress, tags of a multi-label row or a label per time step are not learned as such: what to "
                    + "do instead is in docs/guide/your-data.md, What rnnlab does not do), features "
                    + "(comma-separated names, globs such as mfcc_*, or 0-based indices, each once), split (default: a column named split if any; none: no split "
                    + "column), group, header (true|false), delimiter, labelNames, "
                    + "validationFraction, testFraction, missing, file (folder layout: the labels file's column of file names, default "
                    + "file), sequenceScaling (none|center|standardize: each sequence minus its own per-feature mean, and divided "
                    + "by its own standard deviation, a feature whose sd is at most 1e-6 x its largest absolute value in the "
                    + "sequence set to 0, after missing values; stored with the model; default none), naValues "
                    + "(comma-separated codes that mean a missing value in feature cells, e.g. -9999,-999, or text such as a historian's "
                    + "'Bad Input,I/O Timeout' (matched as written), as pandas' na_values; "
                    + "then read as --missing says; stored with the model; default none), emptyFeature (error|mean|zero: with --missing ffill "
                    + "or interpolate, a feature with no value at all in a sequence is an error, or written as the training mean, or "
                    + "0; stored with the model; default error), decimal (point|comma: comma reads numbers "
                    + "written 12,4, as German or French exports write them, with the file's own delimiter, e.g. delimiter=;, "
                    + "and a wide file's step columns named 908,1;914,3 as the axis 908.1, 914.3; stored with the model; default "
                    + "point), timeFormat (a java.time pattern of the time column's date-times, e.g. 'dd.MM.yyyy HH:mm:ss' for "
                    + "08.12.2026 14:03:17, as data windows --time-format reads them: the column stays the time column and its "
                    + "order is checked; ISO-8601 and numbers are read too; stored with the model; default none), labelMap (a UTF-8 CSV file with the header from,to: each label 'from' read as 'to' before "
                    + "training, e.g. 'Lean' as 'lean'; stored with the model; default none), layout (long|wide: wide reads one "
                    + "sequence per row, as UCR/UEA archive files: without a header the label in column 0 (label=INDEX) and each "
                    + "other column a time step of feature 'value', with a header step columns named FEATURE_STEP such as "
                    + "ax_0,ax_1 or t0,t1; ids from sequenceId or the rows' line numbers; no time setting; stored with the "
                    + "model; default long), splitBy (random|time: carved validation and test sets at random, or the latest "
                    + "sequences by their first time, test last; needs a time column and no split column; with a group column the test holds later times of new groups; not with a "
                    + "group under compare --cv, whose folds then walk forward by time; default random), labelFrom (folder layout without a labels file: folder = each file's label is the name of the "
                    + "folder holding it, folder:N = of the N-th folder level below DIR; ids are the files' paths relative to DIR; "
                    + "stored with the model, whose predict and evaluate read a folder of new data the same way), groupFrom "
                    + "(with labelFrom: each file's group from a folder level, e.g. folder:1); csv, text, sentiment: encoding (of the data files: utf-8, windows-1252 (cp1252, Excel's CSV on "
                    + "Windows), iso-8859-1 (latin1; a byte 0x80-0x9F, Windows-1252's signs such as the euro, is refused), utf-16 "
                    + "(with a byte order mark), utf-16le, utf-16be or another Java charset name; a byte invalid in it is an error naming "
                    + "its line; recorded in config.json, not imposed on predict's and evaluate's new files, which take "
                    + "--encoding; default: UTF-8, and any other encoding refused). An unknown key is an error. See "
                    + "docs/guide/your-data.md."})
    Map<String, String> settings = new LinkedHashMap<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The options as given, with {@code defaults} filled in for settings the user did not set. */
    public DatasetOptions options(Map<String, String> defaults) {
        refuseRepeatedKeys(mixee);
        OptionRanges.LIMIT.check(mixee.commandLine(), limit);
        Map<String, String> all = new LinkedHashMap<>(defaults);
        all.putAll(settings);
        if (missing != null) {
            if (!dataset.equals(Datasets.CSV)) {
                throw new IllegalArgumentException("--missing applies to --dataset csv only (dataset " + dataset + " has no missing values"
                        + (dataset.equals("text") ? "; an empty text is not a missing value but a line to remove or complete" : "") + ")");
            }
            if (settings.containsKey("missing")) {
                throw new IllegalArgumentException("--missing and --set missing=... both given: use one");
            }
            all.put("missing", missing);
        }
        String labelMap = all.getOrDefault(org.rnnlab.datasets.csv.LabelMap.SETTING, "").strip();
        if (!labelMap.isEmpty()) {
            // made absolute like --train: recorded so in config.json, read by Spark's executors (which resolve a relative
            // name in their own work folder: a trial's standalone cluster failed with "label map file not found") and by
            // train --config from another folder (which read that folder's labelmap.csv without a word)
            all.put(org.rnnlab.datasets.csv.LabelMap.SETTING, abs(Path.of(labelMap)).toString());
        }
        return new DatasetOptions(data, inData(train, "--train"), inData(test, "--test"), dataSeed, limit, domain, all,
                inData(validation, "--validation"));
    }

    /**
     * Refuses a {@code --set KEY=...} given twice in the command line parsed for {@code spec} (picocli's map would keep
     * the last value without a word, where a repeated option is an error).
     */
    static void refuseRepeatedKeys(CommandSpec spec) {
        CommandLine.ParseResult parsed = spec == null ? null : spec.commandLine().getParseResult();
        CommandLine.Model.OptionSpec set = parsed == null ? null : parsed.matchedOption("--set");
        if (set == null) {
            return;
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (String pair : set.originalStringValues()) {
            String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            String earlier = seen.put(key, pair);
            if (earlier != null) {
                throw new IllegalArgumentException("--set " + key + " given twice ('" + earlier + "' and '" + pair
                        + "'): give each key once");
            }
        }
    }

    /** Opens the dataset. */
    public SequenceDataset open(Map<String, String> defaults) {
        return Datasets.open(dataset, options(defaults));
    }

    /**
     * A labels file given with {@code --data DIR} (csv folder layout): a relative name is one of DIR, as the help says ("another
     * labels file of that folder"; a user's {@code --data "Aufnahmen März" --train labels2.csv} was looked up in the current
     * folder and "not found"), or, where DIR has no such file and the current folder has, that one ({@code --train DIR/x.csv}
     * written from the current folder). Both there and different files: refused, naming both. Otherwise as {@link #abs}.
     */
    private Path inData(Path p, String option) {
        if (p == null || data == null || p.isAbsolute() || !Datasets.CSV.equals(dataset)) {
            return abs(p);
        }
        Path inFolder = abs(data.resolve(p));
        Path asGiven = abs(p);
        boolean there = Files.exists(inFolder);
        if (!there && Files.exists(asGiven)) {
            return asGiven;
        }
        if (!there && !Files.exists(asGiven)) {
            // neither: the error names both paths tried (a typo in '--data D --train D/labls.csv' named only D/D/labls.csv)
            throw new IllegalArgumentException(option + " " + p + ": file not found, neither " + inFolder + " (in --data " + data
                    + ") nor " + asGiven + " (from the current folder)" + org.rnnlab.datasets.TextFiles.backslashHint(asGiven));
        }
        if (there && Files.exists(asGiven) && !sameFile(inFolder, asGiven)) {
            throw new IllegalArgumentException(option + " " + p + ": both " + inFolder + " (in --data " + data + ") and " + asGiven
                    + " (in the current folder) exist; a relative name with --data is read in DIR: give the file you mean by a "
                    + "path that is not relative to both (e.g. " + inFolder + ")");
        }
        return inFolder;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The path made absolute, and normalized where that names the same file: config.json, the logs and the replay lines
     * recorded {@code /tmp/x/runs/../data/month1.csv} for {@code --train ../data/month1.csv} (trial 74d F10). Not
     * normalized where it would name another file or none: the file read is the one the operating system opens for the path
     * given ({@code link/../x.csv} with {@code link} a symbolic link is {@code x.csv} beside the link's target, which a
     * lexical normalization would turn into another file), and a path that does not exist is said as given.
     */
    static Path abs(Path p) {
        if (p == null) {
            return null;
        }
        Path absolute = p.toAbsolutePath();
        Path normal = absolute.normalize();
        return normal.equals(absolute) || sameFile(normal, absolute) ? normal : absolute;
    }

    public String name() {
        return dataset;
    }
}

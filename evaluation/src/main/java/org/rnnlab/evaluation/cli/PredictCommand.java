package org.rnnlab.evaluation.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.FileEncoding;
import org.rnnlab.datasets.NewData;
import org.rnnlab.datasets.csv.MissingValues;
import picocli.CommandLine;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.har.HarLayout;
import org.rnnlab.datasets.har.UciHar;
import org.rnnlab.datasets.text.TextEncoder;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;
import org.rnnlab.training.TrainedLengths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnlab predict}: a saved model on new sequences or text, CSV on standard output. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.ERROR, ExitCodes.USAGE, ExitCodes.SKIPPED, ExitCodes.OTHER_SIGNALS, ExitCodes.PIPE}, sortOptions = false,
        description = {"Classifies new data with a saved model and writes CSV to standard output: the header id,label,p_<label>... "
                + "(one probability column per label of the model, in its order), with --top K the 2nd to K-th most probable "
                + "classes (top2_label,top2_p,...), any --keep-columns, for sequence models length_untested, far_from_training, far_reasons and constant_features (below), for text "
                + "models tokens,truncated,unknown_words and many_unknown_words (below), with --threshold alarm (below), then low_confidence (below), and last, for text models, reason (below), then one row per sequence (a CSV file: in the order "
                + "each sequence first appears in it); --columns writes only the columns it names (below).",
                "The input is read with the layout the model was trained on (stored in the model): a long-layout CSV file or a folder "
                        + "of one CSV per sequence, columns matched by header name (any order; label, time and split columns may be "
                        + "there or not; a missing feature or an unknown column is an error); for text models one text per line "
                        + "(id = line number; blank or white-space-only lines get no prediction and are listed on standard error), "
                        + "or 'label<TAB>text' lines (a first line of column names "
                        + "such as 'label<TAB>sequence' is a header, as in training), or texts with ids: a TSV whose first line names "
                        + "its columns id and text, and label where given, in any order (id<TAB>text; id = the id column, each id once; "
                        + "--format auto or tsv); a text without tokens after its label or id (empty or white space only) gets no "
                        + "prediction: all such are named on standard error by id (line number without an id column) and predict "
                        + "exits 4, the others classified, and each gets a row after theirs, its id, tokens 0, truncated false, "
                        + "unknown_words 0, any --keep-columns and the reason 'empty text (no tokens)', every other cell empty "
                        + "(no label; a classified row's reason is empty); texts longer than the "
                        + "model's maximum length are cut as in training and counted on standard error; har = a UCI HAR folder "
                        + "(the windows of its test/Inertial Signals, in file order: id = 0-based line, so id i is line i + 1 of y_test.txt; "
                        + "no labels or train/ part needed).",
                "The label is the most probable class. A model trained with --class-weights gives probabilities shifted toward "
                        + "the classes weighted up, not calibrated to the classes' shares (a note on standard error says so): rank by "
                        + "them or choose a cut-off on validation data (evaluate --threshold).",
                "A sequence model's column length_untested is too_long where the sequence is over twice as long as the "
                        + "longest the model was trained on, too_short where it is under half as long as the shortest (for a "
                        + "model trained with --augment prefix=R, the shortest prefix): predictions over so many, "
                        + "or so few, steps are untested (serve's lengthUntested); shorter_than_trained or longer_than_trained "
                        + "where it is shorter than the shortest, or longer than the longest, but within those bounds: its "
                        + "prediction extrapolates over lengths the model saw no example of (serve's lengthOutsideTrained); empty "
                        + "otherwise. The warnings and notes on standard error count such sequences and name three; this column "
                        + "marks every one.",
                "A sequence model's column far_from_training names the features, separated by ';', whose values in that "
                        + "sequence lie far outside the training data (judged on the sequence alone, as serve's farFromTraining: "
                        + "10%% or more of its values, 3 at least, over 10 training sd from the training mean and beyond the training "
                        + "values by a quarter of their span, or every value beyond the training values by a quarter of their "
                        + "span however few sd out; every value within 1/100 of the training data's magnitude; or a code "
                        + "for a missing value such as -999), empty for none: another unit, a drifted sensor. Such a prediction is "
                        + "an extrapolation that looks like any other, and low_confidence need not mark it. For a model trained with "
                        + "--set sequenceScaling, judged on the values as the model reads them, and codes and spikes (a tenth of the "
                        + "sequence) also on the sequence as written, against the rest of it, which the scaling hides. The "
                        + "warning on standard error that counts such sequences counts these marks. The column far_reasons, "
                        + "after it, says why, as feature:KIND separated by ';' (pressure:CODE;temperature:UNIT), the kinds of "
                        + "serve's farReasons and the Java API's farReasons(): UNIT (far out: another unit or scale), TINY "
                        + "(every value tiny), CODE (a code for a missing value), SPIKES (spikes that --set sequenceScaling "
                        + "hides); a feature may have two; empty where far_from_training is.",
                "A sequence model's column constant_features, after far_reasons, names the features, separated by ';', "
                        + "that the sequence holds at one value over all its steps (5 or more) where under 1%% of the training "
                        + "sequences did (0/1 flags and one-hot columns apart), as serve's and the Java API's constantFeatures: a "
                        + "frozen sensor, a dead channel, which the model reads as data; empty for none, and for a model whose "
                        + "card predates the training data's constant shares. The warning names the first five such sequences; "
                        + "this column names every one.",
                "A text model's columns tokens,truncated,unknown_words give each text's number of tokens (before any cut), "
                        + "whether it was cut to the model's maximum length (true: the model read only the part its truncation "
                        + "keeps, as in training), and how many of the tokens the model read are not in its vocabulary (read as the "
                        + "unknown word): serve's tokens, truncated and unknownWords of the same text. many_unknown_words is true "
                        + "where the model reads no word it knows or far more unknown words than in its held-out texts (the texts "
                        + "serve gives an unknownWordShare and the warning names): such a prediction rests on few words, and "
                        + "low_confidence, which judges the probability only, need not mark it. The warnings on standard "
                        + "error count such texts and name the first; these columns name every one.",
                "A last column low_confidence is true where the top-class probability is below the p05 of the model's "
                        + "validation sequences predicted as the same class (recorded at training; less confident than 95%% of "
                        + "those sequences, so that a rare class's less sure predictions are not all marked; a class predicted fewer than 10 "
                        + "times there uses the p05 over all classes, said in a note, as do models trained before; the notes say how "
                        + "many validation sequences the cut-off rests on, and under 20 that the flag is rough): such a sequence may "
                        + "be unlike the training data (a class the model does not know, another device); a classifier answers one "
                        + "of its trained classes for every input, and this confidence heuristic is no open-set recognition. "
                        + "Older models' cards lack the quantiles: no column, said once. --reject-below labels such rows unknown. "
                        + "With --threshold it is still the most probable class that is judged, not the label the cut-off wrote "
                        + "(the quantiles are of the most probable class's probability); notes count the rows where they differ "
                        + "and the --threshold labels --reject-below replaced. So on a row the cut-off raised against its most "
                        + "probable class (alarm true, another class the most probable), low_confidence true says the model is unsure of "
                        + "that other class: a reason more to heed the alarm, not to dismiss it.",
                "With --threshold a column alarm is true where the cut-off raised the positive class (its probability P or "
                        + "more), also where --reject-below then wrote unknown, else false: an alarm row may read as "
                        + "another class by its probabilities, since the cut-off is below them by choice."})
public final class PredictCommand implements Callable<Integer> {

    /** Input formats. */
    enum Format { auto, text, tsv, csv, har }

    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model bundle (model.rnnlab).")
    Path model;

    @Option(names = "--model-sha256", paramLabel = "HEX",
            description = "Use the model only if its file's SHA-256 (as sha256sum prints it) is HEX: pins the file a registry or "
                    + "sign-off recorded (the file's own content digest catches edits, not a forged file).")
    String modelSha256;

    @Option(names = "--input", paramLabel = "PATH", required = true, description = "File or folder to classify; - reads standard input (a pipe or FIFO path is read too).")
    Path input;

    @Option(names = "--format", defaultValue = "auto",
            description = "Input format: auto (the model's own: csv for sequence models, a UCI HAR folder (its test windows) for "
                    + "models trained on UCI HAR; for text models tsv when every line is "
                    + "'<label><TAB>text' or the file ends in .tsv, else text; a file where half or more of the lines are labelled "
                    + "and others are not is refused, naming the first other line; a first line naming the columns id and text reads "
                    + "the texts by their ids), text (one text per line), tsv, csv or har "
                    + "(default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--missing", paramLabel = "POLICY",
            description = "Missing values: error, trim (remove the steps at a sequence's end whose every feature is missing: end padding; "
                    + "other gaps are errors), ffill, interpolate, zero, drop-steps (remove every step holding a missing value) or "
                    + "drop (default: the policy the model was trained with; sequences "
                    + "drop leaves out are named, and predict ends with exit code 4).")
    String missing;

    /** {@code --encoding NAME} of predict or evaluate, an unknown name refused as the command's parameter error. */
    static FileEncoding parseEncoding(CommandSpec spec, String name) {
        try {
            return FileEncoding.parse(name, "--encoding");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code --na-values}' help after its first word, for predict and evaluate alike. */
    static final String NA_VALUES_HELP = "that mean a missing value in the new data's feature cells, comma-separated (e.g. -999 or "
            + "-9999,NA: a plant that exports a dropout as -999 for a model trained on empty cells; or text, such as a historian's "
            + "'Bad Input,I/O Timeout', matched as written), read as missing beside the "
            + "model's own codes (train's --set naValues) and then handled by the missing-value policy (--missing); a number also "
            + "matches its form with zeros after the point (-999.0) (default: the model's codes only).";

    @Option(names = "--na-values", paramLabel = "CODES", split = ",", description = "Codes " + NA_VALUES_HELP)
    List<String> naValues = new java.util.ArrayList<>();

    /** {@code --encoding}'s help, for predict and evaluate alike. */
    static final String ENCODING_HELP = "The encoding of the input file: utf-8, windows-1252 (cp1252, Excel's CSV on Windows), "
            + "iso-8859-1 (latin1; a byte 0x80-0x9F, Windows-1252's signs such as the euro, is refused), utf-16 (with a byte "
            + "order mark), utf-16le, utf-16be or another Java charset name; a byte invalid in it is an error naming its line and byte "
            + "offset. Not taken from the model: new data often come from another export than the training files (default: "
            + "UTF-8, with or without a byte order mark; any other encoding is refused, saying so).";

    @Option(names = "--encoding", paramLabel = "NAME", description = ENCODING_HELP)
    String encoding;

    /** {@code --decimal}'s help, for predict and evaluate alike. */
    static final String DECIMAL_HELP = "The decimal separator of the numbers in a CSV input, point (12.4) or comma (12,4, as "
            + "German or French exports write them; the delimiter must then be another character than ','), where it is not the "
            + "model's (train's --set decimal, recorded in the model) (default: the model's, point unless it was trained with "
            + "--set decimal=comma).";

    @Option(names = "--decimal", paramLabel = "point|comma", description = DECIMAL_HELP)
    String decimal;

    /** {@code --decimal point|comma} of predict or evaluate (null when not given), a bad value refused as the command's parameter error. */
    static Boolean parseDecimal(CommandSpec spec, String value) {
        if (value == null) {
            return null;
        }
        try {
            return org.rnnlab.datasets.csv.DecimalSeparator.parse(value, "--decimal");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "The column separator of a CSV input, one character or tab, where it is not the model's (a TSV or "
                    + "';'-separated export of new data for a model trained on comma-separated files, or the other way round) "
                    + "(default: the separator of the model's training files).")
    String delimiter;

    @Option(names = "--ignore-columns", paramLabel = "NAMES", split = ",",
            description = "Columns of a CSV input the model does not read, comma-separated header names, left out instead of "
                    + "refused (e.g. a pandas frame's extra columns; a column the model reads cannot be left out) (default: none: "
                    + "an unknown column is an error).")
    List<String> ignoreColumns = new ArrayList<>();

    @Option(names = "--keep-columns", paramLabel = "NAMES", split = ",",
            description = "Columns of a long-layout CSV input (or of a folder's labels.csv, one row per sequence file, for a model "
                    + "of either layout) "
                    + "copied into the output, after the probabilities, one value per "
                    + "sequence (e.g. subject,night, or the true label to compare by hand): comma-separated header names; a "
                    + "column that holds two values within one sequence is an error naming the line; NAME@first or NAME@last "
                    + "copies such a column's value at the sequence's first or last row, as NAME_first or NAME_last (e.g. "
                    + "time@last, a window's end time). When the sequences or groups a far-outside or level warning names "
                    + "all hold one value of such a column, the warning says so (all 200 are station 'S2'); where the file holds no "
                    + "group column of the model, the first such column groups the level and clipped-values warnings (one "
                    + "device clipping at +-8 g among others). Columns the model does "
                    + "not read need not be given to --ignore-columns too. A name equal to an output column (id, label, "
                    + "p_<label>, --top's topK_label and topK_p) is written as input_<name> (default: none).")
    List<String> keepColumns = new ArrayList<>();

    @Option(names = "--digits", paramLabel = "N", defaultValue = "6",
            description = "Decimal places of the probabilities, 1-17; 6 writes a probability below 5e-7 as 0.000000, so a log "
                    + "loss or calibration computed from the CSV may need more, and ties probabilities that differ only beyond "
                    + "them (saturated ones such as 0.000061), so a ROC AUC or average precision computed from the CSV may "
                    + "differ from evaluate's in the third decimal: give 15 for those (serve and the Java API give full doubles) "
                    + "(default: ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--threshold", paramLabel = "P",
            description = "With --positive: label a sequence with the positive class when its probability is P or more, otherwise "
                    + "the other class (a model of more classes: the most probable of the others, as evaluate --threshold); choose "
                    + "P with evaluate --threshold on validation data; the probability columns are unchanged; with more than two classes "
                    + "standard error counts the labels written and the most probable classes of those labelled the positive class "
                    + "(--top 2 keeps the most probable class beside the label); adds the column alarm, true where the cut-off raised "
                    + "the positive class (default: none: the most probable class).")
    Double threshold;

    @Option(names = "--positive", paramLabel = "LABEL",
            description = "The class --threshold applies to, one of the model's labels (default: none; needed with "
                    + "--threshold).")
    String positive;

    @Option(names = "--reject-below", paramLabel = "Q",
            description = "Label a sequence " + UNKNOWN + " when its top-class probability is below Q: a quantile of the model's "
                    + "held-out split recorded at training (p01, p05, p10, p25 or p50: p05 = less confident than 95%% of the "
                    + "validation sequences predicted as the same class, as for low_confidence) or a probability between 0 and 1; the probability columns are unchanged, and the "
                    + "low_confidence column and the summary on standard error use Q instead of p05. A confidence heuristic, not "
                    + "open-set recognition: a sequence of a class the model does not know may still get a confident answer. "
                    + "With --threshold it replaces the cut-off's label too (a warning counts them, alarms of --positive apart) "
                    + "(default: none: the most probable class, and low_confidence marks rows below the held-out p05).")
    String rejectBelow;

    @Option(names = "--top", paramLabel = "K",
            description = "Also write the 2nd to K-th most probable classes of each sequence, after the probability columns "
                    + "(before any --keep-columns and low_confidence): top2_label,top2_p,...,topK_label,topK_p, the "
                    + "probabilities printed as the p_ columns (--digits); the first candidate, the most probable class, is the "
                    + "label column. K from 2 to the number of the model's classes. Classes of equal probability are ranked "
                    + "in the model's label order (the order of the p_ columns). The candidates are ranked by probability alone: "
                    + "--threshold and --reject-below change the label column, not them, so that with them the label may be "
                    + "top2_label (a class the cut-off raised) or unknown while the candidates stay those of the probabilities; "
                    + "with either, the columns start at top1_label,top1_p, the most probable class, which the label column "
                    + "then need not be (default: none: no candidate columns).")
    Integer top;

    @Option(names = "--columns", paramLabel = "NAMES", split = ",",
            description = "The output columns to write, comma-separated header names, the others left out: id, label, "
                    + "probabilities (every p_<label>) or single p_<label> columns, and each other column of this model's "
                    + "output by its name (length_untested, far_from_training, far_reasons, constant_features; for text models "
                    + "tokens, truncated, unknown_words, many_unknown_words and reason, without which a text without tokens "
                    + "is a row with an empty label; alarm; low_confidence). Written in the output's order, whatever the "
                    + "order given; --top's and --keep-columns' columns are written whenever those options are given. A "
                    + "Kaggle-style submission: --columns id,label or --columns id,probabilities. The warnings on standard "
                    + "error are the same, counting the marks of columns left out too (one that points to a column left out "
                    + "says to add it). A name that is no column of this model's output is an error naming those it has "
                    + "(default: every column).")
    List<String> columns = new ArrayList<>();

    /** The choice of {@link #columns}, checked against the model's output; null: every column. */
    private PredictColumns columnChoice;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the predictions to FILE instead of standard output: whole or not at all (written to a temporary "
                    + "file beside it and renamed at the end, so a failure leaves no half-written FILE and an existing FILE as it "
                    + "was); an existing FILE is replaced, the input file never; a device or pipe (/dev/null, a FIFO) is written "
                    + "through (default: standard output).")
    Path output;

    /**
     * The exit code of predict and evaluate when every sequence read was classified but some of the input got no prediction:
     * empty sequence files of the input folder were skipped, or sequences were dropped for missing values ({@code --missing
     * drop}, given or the model's own), each named on standard error. The output is complete for the others, and a script
     * can tell; a trial's {@code predict --missing drop} left rows out of its output and exited 0.
     */
    static final int EXIT_FILES_SKIPPED = 4;

    /**
     * What the last line of predict and evaluate adds for sequences dropped for missing values: their count and ids (up to
     * 20), or nothing when none was.
     */
    static String droppedNote(List<String> dropped, String what) {
        if (dropped.isEmpty()) {
            return "";
        }
        return ", " + dropped.size() + " sequence(s) dropped for missing values, " + what + ": "
                + String.join(", ", dropped.subList(0, Math.min(20, dropped.size())))
                + (dropped.size() > 20 ? " and " + (dropped.size() - 20) + " more" : "");
    }

    @Override
    public Integer call() throws IOException {
        OptionRanges.DIGITS.check(spec.commandLine(), digits);
        OptionRanges.THRESHOLD.check(spec.commandLine(), threshold);
        if (output != null) { // before any work: a refused --output wastes no reading
            checkOutput();
        }
        String twice = keepColumns.stream().filter(k -> java.util.Collections.frequency(keepColumns, k) > 1).findFirst().orElse(null);
        if (twice != null || keepColumns.stream().anyMatch(String::isBlank)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--keep-columns " + String.join(",", keepColumns) + ": "
                    + (twice != null ? "'" + twice + "' is named twice" : "an empty name") + " (expected header names, each once)");
        }
        runtime.apply();
        SequenceClassifier classifier = ModelData.loadModel(spec.commandLine(), model, modelSha256, "predict");
        checkDecisionOptions(classifier.labelNames());
        checkTop(classifier.labelNames());
        PrintWriter err = CommandPrefixWriter.over(spec.commandLine().getErr(), "predict"); // ModelData's bare warnings too
        // the notes on the output (low_confidence's cut-offs, class weights) wait until the input is read: printed before a
        // refusal of the file, they spoke of output never written (trial 79h F5)
        java.io.StringWriter outputNotes = new java.io.StringWriter();
        PrintWriter notes = new PrintWriter(outputNotes);
        confidenceCutOff(classifier, notes);
        ClassWeightNote.line(classifier.card()).ifPresent(n -> { // one line: the full note is in the docs (ClassWeightNote.DOCS)
            notes.printf("predict: note: %s%n", n);
        });
        // a tokenizer other than the default (characters, case kept) is said: new text must be given as the model reads it
        classifier.card().encoder().map(e -> e.tokenizer()).filter(t -> t.unit() != org.rnnlab.datasets.text.Tokenizer.Unit.WORDS
                || !t.lowerCase() || t.normalization() == org.rnnlab.datasets.text.TextNormalization.NFKC).ifPresent(t -> {
            err.printf("predict: note: the model's tokenizer: %s (as in its training)%n", t.summary());
            err.flush();
        });
        // a model its own train called no better than always predicting its majority class (the card's majorityBaseline
        // against its test metrics): trial 67a #1's labelled 12 of 12 turbines faulty without a word
        classifier.card().notAboveMajorityBaseline().ifPresent(w -> {
            err.printf("predict: warning: %s%n", w);
            err.flush();
        });
        List<String> keptNames = keptHeader(classifier); // a name the output cannot take is refused before any work
        try { // so is a --columns name the output has not
            columnChoice = PredictColumns.of(columns, modelColumns(classifier).stream().filter(c -> !topHeader().contains(c))
                    .toList(), probabilityColumns(classifier));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean text = classifier.readsText();
        boolean har = "har".equals(classifier.card().dataset());
        if ((text && (format == Format.csv || format == Format.har)) || (!text && (format == Format.text || format == Format.tsv))
                || (format == Format.har && !har)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format " + format + " does not fit this model, which reads "
                    + (text ? "text (use text or tsv)" : "sequences of " + classifier.card().input().featureCount()
                    + " features (use csv" + (har ? " or har)" : "; har is for models trained on UCI HAR)")));
        }
        if (format == Format.auto && har && isHarFolder(input)) {
            format = Format.har; // the model's own: a UCI HAR folder for a model trained on UCI HAR
        } else if (format == Format.auto && har) {
            Path root = harRootAbove(input);
            if (root != null) { // a user gave test/ or one signal file and was told of CSV files and text
                throw new CommandLine.ParameterException(spec.commandLine(), "--input " + input + " is part of the UCI HAR folder "
                        + root + ": a model trained on UCI HAR predicts that folder's test windows when given the folder itself "
                        + "(--input " + CommandLines.quote(root.toString()) + "), or sequences of "
                        + classifier.card().input().featureCount() + " features in CSV files in the layout it was trained on");
            }
        }
        List<String> ids = new ArrayList<>();
        List<float[][]> sequences = new ArrayList<>();
        Map<String, List<String>> kept = new HashMap<>();
        List<Long> blankLines = List.of();
        List<String> emptyFiles = List.of();
        List<String> dropped = List.of();
        List<String> emptyTexts = List.of();
        if (format == Format.har) {
            if (missing != null || !naValues.isEmpty() || !ignoreColumns.isEmpty() || !keepColumns.isEmpty() || delimiter != null
                    || encoding != null || decimal != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), (missing != null ? "--missing" : !naValues.isEmpty() ? "--na-values"
                        : delimiter != null ? "--delimiter" : decimal != null ? "--decimal" : encoding != null ? "--encoding" : !ignoreColumns.isEmpty() ? "--ignore-columns" : "--keep-columns")
                        + " does not apply to a UCI HAR folder (--format har, chosen for this model's own layout unless given), which "
                        + (missing != null || !naValues.isEmpty() ? "has no missing values" : "is read as UCI HAR's signal files, not CSV columns"));
            }
            // in file order, id = 0-based line of the test files (line i + 1 of y_test.txt and subject_test.txt); the loaded
            // dataset's test split is in a seeded shuffle, whose positions a user could not join to the windows' labels
            List<float[][]> windows = UciHar.testWindows(input);
            for (int i = 0; i < windows.size(); i++) {
                ids.add(String.valueOf(i));
                sequences.add(windows.get(i));
            }
        } else {
            NewData.TextLayout layout = format == Format.text ? NewData.TextLayout.LINES
                    : format == Format.tsv ? NewData.TextLayout.TSV : NewData.TextLayout.AUTO;
            FileEncoding declared = encoding == null ? null : parseEncoding(spec, encoding);
            Boolean decimalComma = parseDecimal(spec, decimal);
            NewData data = FileEncoding.reading(declared, () -> org.rnnlab.datasets.csv.DecimalSeparator.given(decimalComma, () -> ModelData.read(classifier, input, false, layout, missing == null ? null
                    : MissingValues.parse(missing), naValues, delimiter == null ? null : CsvSchema.parseDelimiter("--delimiter", delimiter),
                    ignoreColumns, org.rnnlab.datasets.csv.SequenceColumns.Request.keepColumns(keepColumns), kept, err)));
            ids.addAll(data.ids());
            sequences.addAll(data.values());
            newData = data;
            driftGroups = ModelData.driftGroups(classifier, data, org.rnnlab.datasets.csv.SequenceColumns.Request.keepColumns(keepColumns),
                    kept);
            blankLines = data.blankLines();
            emptyFiles = data.emptyFiles();
            dropped = data.dropped();
            emptyTexts = data.emptyTexts();
            if (!emptyTexts.isEmpty()) {
                // every one at once, the others classified (trial 77b: one empty blurb stopped a nightly batch, nothing written)
                err.printf("predict: warning: %s%n", emptyTextsWarning(emptyTexts, input.toString().equals("-") ? "standard input"
                        : input.toString()));
                err.flush();
            }
            if (!blankLines.isEmpty()) {
                err.printf("predict: line(s) %s of %s %s blank: no prediction for them%n", abbreviate(blankLines),
                        input.toString().equals("-") ? "standard input" : input, blankLines.size() == 1 ? "is" : "are");
                err.flush();
            }
        }
        List<String> textsWithoutTokens = emptyTexts; // written as rows without a label, after the others (emptyTextRow)
        // untested lengths were warned of as the data were read, by sequence id (ModelData.warnUntrainedLengths)
        classifier.checkPreparedInputs(sequences); // bad input fails before any row is written (the output is written part by part)
        notes.flush();
        err.print(outputNotes);
        err.flush();
        predictedCounts = new long[classifier.labelNames().size()];
        predictedIndex = new int[sequences.size()];
        if (output == null) {
            writeRows(spec.commandLine().getOut(), classifier, ids, sequences, keptNames, kept, textsWithoutTokens, err);
            StandardOutput.check(spec.commandLine()); // before saying so: the CSV may not have been written
        } else {
            AtomicFiles.StreamWriter rows = stream -> {
                PrintWriter file = new PrintWriter(new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8));
                writeRows(file, classifier, ids, sequences, keptNames, kept, textsWithoutTokens, err);
                file.flush();
                if (file.checkError()) {
                    throw new IOException("cannot write " + output);
                }
            };
            if (Files.exists(output) && !Files.isRegularFile(output) && !Files.isDirectory(output)) {
                // a device or pipe (/dev/null, /dev/stdout, a FIFO) is written through: a new file renamed onto /dev/null
                // replaced the device itself when run as root (a trial's --output /dev/null left the machine without one)
                try (java.io.OutputStream stream = Files.newOutputStream(output, java.nio.file.StandardOpenOption.WRITE)) {
                    rows.write(stream);
                }
            } else {
                AtomicFiles.write(output, rows);
            }
            err.printf("predict: wrote %s%n", output);
            spreadsheetNote(classifier, err);
        }
        compareClassShares(classifier, sequences.stream().mapToInt(v -> v.length).toArray(), err);
        if (newData != null && newData.values().size() == predictedIndex.length) {
            // the file's and each group's level against the training sequences of the classes predicted (trial 71d: a +2 %RH
            // humidity offset over a whole file, inside the read-time allowance, turned every 'ok' window into a fault)
            ModelData.warnClassDrift(classifier, newData, driftGroups, predictedIndex, err);
        }
        confidenceSummary(sequences.size(), err);
        thresholdSummary(sequences.size(), err);
        thresholdLabels(classifier.labelNames(), err);
        boolean incomplete = !emptyFiles.isEmpty() || !dropped.isEmpty() || !emptyTexts.isEmpty();
        err.printf("predict: %d sequence(s) classified%s%s%s%s%s%n", sequences.size(),
                blankLines.isEmpty() ? "" : ", " + blankLines.size() + " blank line(s) skipped",
                emptyTexts.isEmpty() ? "" : ", " + emptyTexts.size() + " empty text(s) not classified (their rows: no label, "
                        + "tokens 0): " + abbreviated(emptyTexts),
                emptyFiles.isEmpty() ? "" : ", " + emptyFiles.size() + " empty file(s) skipped, no prediction for them: "
                        + String.join(", ", emptyFiles.subList(0, Math.min(5, emptyFiles.size()))) + (emptyFiles.size() > 5 ? ", ..." : ""),
                droppedNote(dropped, "no prediction for them"), incomplete ? " (exit " + EXIT_FILES_SKIPPED + ")" : "");
        err.flush();
        return incomplete ? EXIT_FILES_SKIPPED : 0;
    }

    /**
     * The row of a text without tokens, which no class stands for: its id, the text's own columns {@code tokens} 0,
     * {@code truncated} false and {@code unknown_words} 0 (tokens 0 is the reason, the one row whose label is empty), any
     * {@code --keep-columns} values, every other cell empty: no label, probabilities, candidates, many_unknown_words,
     * alarm nor low_confidence (nothing was judged), and last the {@link #REASON} {@value #EMPTY_TEXT_REASON}. Written so
     * that the output has a row per text of the input.
     *
     * @param keptValues the kept columns' values of the text, or null (then {@code keptCount} empty cells)
     */
    static String emptyTextRow(String id, int labels, int topCells, List<String> keptValues, int keptCount, boolean alarm,
                               boolean lowConfidence) {
        StringBuilder row = new StringBuilder(csv(id)).append(','); // the label: none
        row.append(",".repeat(labels + topCells)); // the p_ columns and --top's candidates
        List<String> values = keptValues == null ? java.util.Collections.nCopies(keptCount, "") : keptValues;
        for (String v : values) {
            row.append(',').append(csv(v));
        }
        row.append(",0,false,0,"); // tokens, truncated, unknown_words; many_unknown_words not judged
        row.append(alarm ? "," : "").append(lowConfidence ? "," : "");
        row.append(',').append(csv(EMPTY_TEXT_REASON));
        return row.toString();
    }

    /** Up to 20 ids, then how many more. */
    private static String abbreviated(List<String> ids) {
        return String.join(", ", ids.subList(0, Math.min(20, ids.size()))) + (ids.size() > 20 ? " and " + (ids.size() - 20) + " more" : "");
    }

    /**
     * The warning for texts without tokens that predict did not classify ({@link NewData#emptyTexts}): their ids (a file
     * without an id column: their lines), all of them up to 20, their rows in the output, and the exit code that says so.
     */
    static String emptyTextsWarning(List<String> ids, String input) {
        return ids.size() + " text(s) of " + input + " have no tokens (empty or white space only), id(s) " + abbreviated(ids)
                + ": an empty text cannot be classified, so no prediction stands for them: their rows, after the others, have "
                + "no label and tokens 0 (the others are classified; exit " + EXIT_FILES_SKIPPED + ")";
    }

    /** The sequences per class the model found most probable (not --threshold's labels), in label order. */
    private long[] predictedCounts;

    /** Each sequence's most probable class (not --threshold's label), in input order. */
    private int[] predictedIndex;

    /** The data read (null for a UCI HAR folder), and the groups its drift warnings judge by. */
    private NewData newData;
    private ModelData.DriftGroups driftGroups;

    /**
     * Warns when the shares of the predicted classes differ clearly from those the model predicted on its run's held-out
     * split (the card's {@code heldOutPredictions}, {@link TrainingShares}), from {@value TrainingShares#MIN_PREDICTED}
     * sequences on: with no labels, the one sign predict has that new data (a new month of welds) are not like training's.
     * Predicted shares are compared with predicted shares, not with the true training shares, which an imperfect model on
     * imbalanced classes misses on its own training file (review 66a #1). The most probable class is counted, not a
     * --threshold's label, whose cut-off moves the shares by choice. A card without held-out predictions is noted, not compared.
     * A model trained on prefixes ({@code --augment prefix=R}) given mostly sequences shorter than its whole training ones
     * gets the warning qualified ({@link TrainingShares#partialSequences}): its held-out predictions are of whole sequences.
     *
     * @param steps each input sequence's length
     */
    private void compareClassShares(SequenceClassifier classifier, int[] steps, PrintWriter err) {
        if (java.util.Arrays.stream(predictedCounts).sum() < TrainingShares.MIN_PREDICTED) {
            return;
        }
        org.rnnlab.training.ModelCard card = classifier.card();
        if (card.heldOutPredictions() == null) {
            err.printf("predict: note: %s%n", TrainingShares.noHeldOutPredictions(model, card));
        } else {
            TrainingShares.predictWarning(classifier.labelNames(), card.heldOutPredictions().split(),
                    TrainingShares.comparePredicted(card, predictedCounts)).ifPresent(w -> err.printf("predict: warning: %s%s%n", w,
                    TrainingShares.partialSequences(card.training() == null ? 1 : card.training().augmentation().prefix(),
                            card.minLength(), steps).orElse("")));
        }
        err.flush();
    }

    /**
     * Refuses an {@code --output} that holds a backslash ({@link org.rnnlab.training.RunDirectory#refuseBackslash}), is the
     * input or model file, or is inside the input folder (where the next predict of that folder would read it as a sequence file).
     */
    private void checkOutput() throws IOException {
        // as every other output option: 'My Data\pred.csv' made one file of that name here and said "wrote" (trial 81a F1)
        org.rnnlab.training.RunDirectory.refuseBackslash("--output", output);
        boolean stdin = input.toString().equals("-");
        for (Path given : stdin ? List.of(model) : List.of(input, model)) {
            if (Files.exists(output) && Files.exists(given) && Files.isSameFile(output, given)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--output " + output + " is the "
                        + (given == model ? "--model" : "--input") + " file: it would be replaced by the predictions; name another file");
            }
        }
        if (!stdin && Files.isDirectory(input) && output.toAbsolutePath().normalize().startsWith(input.toAbsolutePath().normalize())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--output " + output + " is inside the --input folder "
                    + input + ", where the next predict of that folder would read it as a sequence file; name a file outside it");
        }
    }

    /**
     * For a model whose data were not ','-separated with decimal points (a German or French Excel's {@code ;} and decimal
     * commas): a note that the predictions file is written for pandas and scripts, and how a spreadsheet set up for the data
     * opens it. Trial 81a F6: German Excel opened the file by double-click as one column, with {@code p_StÃ¶rung} in the header.
     */
    private static void spreadsheetNote(SequenceClassifier classifier, PrintWriter err) {
        org.rnnlab.datasets.csv.CsvSchema schema = classifier.card().csvSchema().orElse(null);
        if (schema == null || schema.delimiterChar() == ',' && !schema.decimalComma()) {
            return;
        }
        err.printf("predict: note: the predictions are written as CSV for pandas and scripts (',' between columns, decimal points, "
                + "UTF-8), where the model's data were %s%s: a spreadsheet set up for those (Excel in German or French) opens "
                + "this file through its text import (Data > From Text/CSV: comma as the delimiter, UTF-8, '.' as the decimal "
                + "separator), not by a double-click%n", schema.delimiterChar() == '\t' ? "tab-separated"
                : "'" + schema.delimiterChar() + "'-separated", schema.decimalComma() ? " with decimal commas" : "");
    }

    /** The label --reject-below writes for a sequence less confident than its cut-off. */
    static final String UNKNOWN = "unknown";

    /** The output column that marks a sequence whose top-class probability is below {@link #cutOffs}. */
    static final String LOW_CONFIDENCE = "low_confidence";

    /**
     * A text model's last column: why a row was not classified ({@value #EMPTY_TEXT_REASON}), empty for a classified row. A
     * trial's nightly job saw a blank label and had to know that tokens 0 meant an empty input, the reason on standard error only.
     */
    static final String REASON = "reason";

    /** {@link #REASON}'s value for a text without tokens. */
    static final String EMPTY_TEXT_REASON = "empty text (no tokens)";

    /**
     * With --threshold, the column that is true where the cut-off raised the positive class (its probability P or more):
     * an alarm row whose probabilities read "in spec" and which low_confidence marks looked dismissable in the CSV, the one
     * out-of-spec batch of 40 at p_in_spec 0.767, p_out_of_spec 0.233 (trial 76d F13). True also where --reject-below then
     * wrote {@value #UNKNOWN}: the alarm stands.
     */
    static final String ALARM = "alarm";

    /** Whether --threshold's cut-off raised the positive class for {@code p} (false without --threshold). */
    private boolean raised(SequenceClassifier.Prediction p, List<String> labels) {
        int k = labels.indexOf(positive);
        return threshold != null && org.rnnlab.training.Decision.cutOff(k, threshold).choose(p.probabilities()) == k;
    }

    /**
     * The column naming, per sequence, the features far outside the training data ({@link
     * org.rnnlab.training.FarFromTraining#ofSequence}, serve's {@code farFromTraining}): the file-level warning names the
     * sequences, but a consumer joining the CSV got no flag (trial 74d: a depot in °F, low_confidence lowest exactly there).
     */
    static final String FAR_FROM_TRAINING = "far_from_training";

    /**
     * The column after {@link #FAR_FROM_TRAINING} naming, per sequence, the features it holds at one value over all its steps
     * where (almost) no training sequence did ({@link org.rnnlab.training.TrainingRange#constantFeatures}: a frozen sensor, a
     * dead channel), as the Java API's {@code Prediction.constantFeatures()} and serve's {@code constantFeatures} name them:
     * the warning names five, and a service checked against predict's output could compare only those (trial 76e F7: a dead
     * probe in 8 of 32 legs). Empty for a model whose card predates the training sequences' constant shares.
     */
    static final String CONSTANT_FEATURES = "constant_features";

    /**
     * A sequence model's column, before {@link #FAR_FROM_TRAINING}, marking each sequence whose length makes its prediction
     * untested ({@link TrainedLengths#untested}, serve's {@code lengthUntested}): {@value #TOO_LONG} over twice the longest
     * training sequence, {@value #TOO_SHORT} under half the shortest, empty otherwise. The warning names three such
     * sequences; a trial's file of engine logs (20,000 steps against training's 2,150-8,717) had no mark in the CSV.
     */
    static final String LENGTH_UNTESTED = "length_untested";
    static final String TOO_LONG = "too_long";
    static final String TOO_SHORT = "too_short";
    /**
     * {@link #LENGTH_UNTESTED}'s cells for a sequence shorter than the shortest, or longer than the longest, training
     * sequence but within the tested range ({@link TrainedLengths#outsideTrained}, serve's {@code lengthOutsideTrained}):
     * serve marked such answers, predict only named three examples on standard error, and a client comparing the two by
     * row had nothing to join on (trial 77e F3: sequences of 25 and 200 steps against training's 33-119).
     */
    static final String SHORTER_THAN_TRAINED = "shorter_than_trained";
    static final String LONGER_THAN_TRAINED = "longer_than_trained";

    /** {@link #LENGTH_UNTESTED}'s cell for a sequence of {@code steps} steps. */
    static String lengthUntested(TrainedLengths lengths, int steps) {
        if (lengths.tooLong(steps)) {
            return TOO_LONG;
        }
        if (lengths.tooShort(steps)) {
            return TOO_SHORT;
        }
        if (lengths.outsideTrained(steps)) {
            return steps < lengths.minLength() ? SHORTER_THAN_TRAINED : LONGER_THAN_TRAINED;
        }
        return "";
    }

    /**
     * The column after {@link #FAR_FROM_TRAINING} giving, per sequence, why each feature it names is marked, as
     * {@code feature:KIND} separated by ';' ({@link org.rnnlab.training.FarReason#ofSequence}: UNIT, TINY, CODE, SPIKES;
     * serve's {@code farReasons} kinds and the Java API's {@code farReasons()}): a batch user could not route the rows
     * holding a code for a missing value to imputation and those in another unit to conversion without the API (trial 77e
     * F8: far_from_training=pressure, serve's kind CODE). Empty where far_from_training is.
     */
    static final String FAR_REASONS = "far_reasons";

    /** {@link #FAR_REASONS}'s cell: each reason as {@code feature:KIND}, in the order {@code FarReason.ofSequence} gives. */
    static String farReasons(List<org.rnnlab.training.FarReason> reasons) {
        return String.join(";", reasons.stream().map(r -> r.feature() + ":" + r.kind()).toList());
    }

    /** Whether the output has {@link #FAR_FROM_TRAINING}: a sequence model with a standardiser to judge by (not text). */
    static boolean farColumn(SequenceClassifier classifier) {
        return !classifier.readsText() && classifier.normalizer() != null;
    }

    /**
     * A text model's columns, per text, of serve's fields ({@link TextEncoder.Encoding}, as {@code ModelServer.answer} writes
     * them): its token count before the cut ({@code tokens}), whether it was cut to the model's maximum length
     * ({@code truncated}) and how many of the words the model read are unknown to it ({@code unknown_words}, serve's
     * {@code unknownWords}). The warnings name the first cut text only; a user handing the CSV on had to tokenize again to
     * find the 18 cut notes of 41 (trial 75b). Then {@code many_unknown_words}: true where the text is one serve gives an
     * {@code unknownWordShare} (no known word, or far more unknown words than the model's held-out texts:
     * {@link TextEncoder#manyUnknownWords}), the texts the warning names; low_confidence does not judge words, and a
     * reviewer filtering on it passed a blurb of 11 unknown words in 12 as a confident answer (trial 77b).
     */
    static final List<String> TEXT_COLUMNS = List.of("tokens", "truncated", "unknown_words", "many_unknown_words");

    /** The top-class probability below which a row is marked low_confidence (and with --reject-below labelled unknown); null: no column. */
    private double[] cutOffs;
    /**
     * What {@link #cutOffs} are, for messages: e.g. "the validation p05 (0.8123)", or with per-class quantiles "the validation
     * p05 of the class predicted ('0' 0.9012, '1' 0.6321)".
     */
    private String cutOffName;
    /** The share of held-out sequences below {@link #cutOffs} (0.05 at p05), or null for a cut-off given as a probability. */
    private Double expectedShare;
    /** Rows below {@link #cutOffs}. */
    private long lowConfidenceRows;
    /** The held-out sequences the quantile cut-offs were taken over, or 0 for a cut-off given as a probability. */
    private int heldOutSequences;

    /**
     * Below this many held-out sequences a quantile cut-off is said to be rough: a trial's p05 over 11 validation sequences
     * (an interpolation between the two lowest probabilities) was told as "about 5%" of data like them.
     */
    static final int ROUGH_BELOW = 20;

    /**
     * How many held-out sequences a quantile cut-off rests on, e.g. {@code the cut-off rests on 11 validation sequences: under
     * 20, too few for a p05 to say much, so the flag and the share expected at it are rough}; for 20 or more just the count.
     */
    static String restsOn(int sequences, String split, String q) {
        return String.format(Locale.ROOT, "the cut-off rests on %d %s sequences%s", sequences, split, sequences < ROUGH_BELOW
                ? String.format(Locale.ROOT, ": under %d, too few for a %s to say much, so the %s flag and the share expected at "
                + "it are rough", ROUGH_BELOW, q, LOW_CONFIDENCE) : "");
    }

    /**
     * The share expected below the cut-off, for the summary's note: {@code , where data like the validation sequences would
     * have about 5% (1.0 rows; the cut-off rests on 11 validation sequences: ...)}.
     */
    static String expectedWords(String split, double share, int rows, int heldOut) {
        return String.format(Locale.ROOT, ", where data like the %s sequences would have about %.0f%% (%.1f rows%s)", split,
                100 * share, share * rows, heldOut > 0 ? "; " + restsOn(heldOut, split, String.format(Locale.ROOT, "p%02.0f",
                100 * share)) : "");
    }

    /**
     * Sets the low-confidence cut-off: --reject-below's quantile or probability, else the card's held-out p05. A card without
     * the held-out quantiles (trained before they were recorded, or without held-out data) gets no column, said once, and
     * refuses a quantile name; a label {@value #UNKNOWN} of the model refuses --reject-below, whose rows could not be told apart.
     */
    private void confidenceCutOff(SequenceClassifier classifier, PrintWriter err) {
        java.util.Optional<org.rnnlab.training.HeldOutConfidence> held = classifier.card().heldOutConfidence();
        String split = classifier.card().heldOutPredictions() == null ? "validation" : classifier.card().heldOutPredictions().split();
        heldOutSplit = split;
        if (rejectBelow != null) {
            if (classifier.labelNames().contains(UNKNOWN)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--reject-below labels rows '" + UNKNOWN + "', which is "
                        + "one of the model's own labels " + org.rnnlab.datasets.LabelCheck.listed(classifier.labelNames())
                        + ": the rejected rows could not be told from that class; use the " + LOW_CONFIDENCE + " column instead");
            }
            String q = rejectBelow.trim().toLowerCase(Locale.ROOT);
            if (org.rnnlab.training.HeldOutConfidence.NAMES.contains(q)) {
                if (held.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--reject-below " + rejectBelow + ": the model "
                            + model + " records no held-out confidence quantiles (" + (CardOrigin.javaApi(classifier.card())
                            ? "it was " + CardOrigin.JAVA_API + "); give a probability (e.g. --reject-below 0.7), or "
                            + CardOrigin.FILLED_BY : "trained before they were recorded, or without a validation or test split); give "
                            + "a probability (e.g. --reject-below 0.7) or train it again"));
                }
                quantileCutOffs(held.get(), q, split, classifier.labelNames(), err);
                expectedShare = Integer.parseInt(q.substring(1)) / 100.0;
            } else {
                double p;
                try {
                    p = Double.parseDouble(q);
                } catch (NumberFormatException e) {
                    p = Double.NaN;
                }
                if (!(p > 0 && p < 1)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--reject-below " + rejectBelow + ": expected a "
                            + "quantile of the held-out split (" + String.join(", ", org.rnnlab.training.HeldOutConfidence.NAMES)
                            + ") or a probability above 0 and below 1");
                }
                cutOffs = new double[classifier.labelNames().size()];
                java.util.Arrays.fill(cutOffs, p);
                cutOffName = String.format(Locale.ROOT, "%s", rejectBelow.trim());
            }
        } else if (held.isPresent()) {
            quantileCutOffs(held.get(), org.rnnlab.training.HeldOutConfidence.DEFAULT_CUT_OFF, split, classifier.labelNames(), err);
            expectedShare = 0.05;
        } else {
            if (CardOrigin.javaApi(classifier.card())) { // not its age: the Java API's card leaves them out (trial 81d F1)
                err.printf("predict: note: the model %s records no confidence quantiles of its held-out split (it was %s): no %s "
                        + "column, and no row is called less confident than the held-out sequences; %s%n", model,
                        CardOrigin.JAVA_API, LOW_CONFIDENCE, CardOrigin.FILLED_BY);
            } else {
                err.printf("predict: note: the model %s records no confidence quantiles of its held-out split (trained before they "
                        + "were recorded, or without a validation or test split): no %s column, and no row is called less "
                        + "confident than the held-out sequences; train it again to get them%n", model, LOW_CONFIDENCE);
            }
            err.flush();
        }
    }

    /**
     * Sets {@link #cutOffs} to the held-out quantile {@code q} of each class predicted (the card's {@code byClass}), else the
     * one over all classes, and {@link #cutOffName} to say which; a note names the classes that fall back to the one over all
     * (predicted fewer than {@value org.rnnlab.training.HeldOutConfidence#MIN_PER_CLASS} times on the held-out split) when
     * others have their own. A card without per-class quantiles (older models) gets the one over all, said as before.
     */
    void quantileCutOffs(org.rnnlab.training.HeldOutConfidence held, String q, String split, List<String> labels,
                                 PrintWriter err) {
        cutOffs = held.cutOffs(q, labels);
        heldOutSequences = held.sequences();
        if (held.byClass().isEmpty()) {
            cutOffName = String.format(Locale.ROOT, "the %s %s (%s)", split, q, probability(held.quantile(q)));
            return;
        }
        List<String> parts = new ArrayList<>();
        List<String> fallBack = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            boolean own = held.perClass(labels.get(c));
            parts.add(String.format(Locale.ROOT, "%s %s%s", org.rnnlab.datasets.LabelCheck.quoted(labels.get(c)),
                    probability(cutOffs[c]),
                    own ? "" : " over all classes"));
            if (!own) {
                fallBack.add(org.rnnlab.datasets.LabelCheck.quoted(labels.get(c)) + " (" + held.predictedAs(labels.get(c)) + " times)");
            }
        }
        cutOffName = fallBack.size() == labels.size()
                ? String.format(Locale.ROOT, "the %s %s (%s)", split, q, probability(held.quantile(q)))
                : String.format(Locale.ROOT, "the %s %s of the class predicted (%s)", split, q, String.join(", ", parts));
        if (fallBack.size() < labels.size()) {
            cutOffParts = parts;
            cutOffHead = String.format(Locale.ROOT, "the %s %s of the class predicted", split, q);
        }
        if (fallBack.size() == labels.size()) { // no class has its own: one cut-off, said once
            err.printf(Locale.ROOT, "predict: note: %s: every class was predicted fewer than %d times on the %s split, so every "
                            + "row is compared with the %s over all classes (%s; %s)%n", LOW_CONFIDENCE,
                    org.rnnlab.training.HeldOutConfidence.MIN_PER_CLASS, split, q, probability(held.quantile(q)),
                    restsOn(held.sequences(), split, q));
            err.flush();
        } else if (!fallBack.isEmpty()) {
            err.printf(Locale.ROOT, "predict: note: %s: a row is compared with the %s %s of the class it is predicted as; %s "
                            + "%s predicted fewer than %d times on the %s split, so %s rows are compared with the %s over all "
                            + "classes (%s)%n", LOW_CONFIDENCE, split, q, String.join(", ", fallBack),
                    fallBack.size() == 1 ? "was" : "were", org.rnnlab.training.HeldOutConfidence.MIN_PER_CLASS, split,
                    fallBack.size() == 1 ? "its" : "their", q, probability(held.quantile(q)));
            err.flush();
        }
    }

    /** The words of the cut-offs {@link #quantileCutOffs} set, for messages (null before). */
    String cutOffName() {
        return cutOffName;
    }

    /** With per-class cut-offs: each class's words ({@code 'buy' 0.6123}), by label index; else null. */
    private List<String> cutOffParts;
    /** With per-class cut-offs: {@code the validation p05 of the class predicted}; else null. */
    private String cutOffHead;
    /** The classes rows were predicted as (their most probable), by label index: the ones whose cut-off was used. */
    private java.util.BitSet predictedHere = new java.util.BitSet();

    /** Counts a row predicted as class {@code index} (its most probable), for {@link #summaryCutOffName}. */
    void predictedAs(int index) {
        predictedHere.set(index);
    }

    /**
     * {@link #cutOffName} for the summary after the rows: with per-class cut-offs, only the classes predicted in this file
     * (a trial's note listed the p05 of all 36 classes of a file predicted as two), said so when some are left out.
     */
    String summaryCutOffName() {
        if (cutOffParts == null || predictedHere.isEmpty() || predictedHere.cardinality() == cutOffParts.size()) {
            return cutOffName;
        }
        List<String> here = new ArrayList<>();
        predictedHere.stream().filter(c -> c < cutOffParts.size()).forEach(c -> here.add(cutOffParts.get(c)));
        return String.format(Locale.ROOT, "%s (of the classes predicted here: %s)", cutOffHead, String.join(", ", here));
    }

    /**
     * A probability cut-off as printed: 4 decimals, but one within 0.00005 of 1 as {@code 1 - 1.4e-05} (a trial's model, its
     * temperature at the lowest the fit tries, had every class's p05 printed "1.0000" and rows of 0.99998 "below 1.0000"),
     * and exactly 1 as {@code 1 (exactly: every row less certain is below it)}.
     */
    static String probability(double p) {
        if (p >= 1) {
            return "1 (exactly: every row less certain is below it)";
        }
        if (1 - p < 5e-5) {
            return String.format(Locale.ROOT, "1 - %.2g", 1 - p);
        }
        return String.format(Locale.ROOT, "%.4f", p);
    }

    /**
     * Says how many rows were below the cut-off: a warning when clearly more than the held-out share expected at it (fewer
     * than 1% of samples like the held-out ones would have so many), a note when more but not clearly (or with
     * --reject-below, or a cut-off given as a probability), nothing when no more than expected.
     */
    private void confidenceSummary(int rows, PrintWriter err) {
        if (cutOffs == null || rows == 0) {
            return;
        }
        String cutOffName = summaryCutOffName();
        String rejected = rejectBelow == null ? "" : "; labelled " + UNKNOWN + " (--reject-below " + rejectBelow.trim() + ")";
        if (expectedShare != null && lowConfidenceRows > 0 && upperTail(rows, expectedShare, lowConfidenceRows) < 0.01) {
            err.printf(Locale.ROOT, "predict: warning: %d of %d rows are less confident than %.0f%% of the %s sequences "
                            + "(top-class probability below %s; about %.0f%% expected of data like them): they may be unlike the "
                            + "training data (a class the model does not know, another device, ...); %s%s. A "
                            + "confidence heuristic, not open-set recognition: a sequence of an unknown class can still be "
                            + "confident%s%n", lowConfidenceRows, rows, 100 * (1 - expectedShare), heldOutSplit, cutOffName,
                    100 * expectedShare, seeColumn(LOW_CONFIDENCE), rejected, heldOutSequences > 0 ? "; "
                            + restsOn(heldOutSequences, heldOutSplit, String.format(Locale.ROOT, "p%02.0f", 100 * expectedShare))
                            : "");
        } else if (rejectBelow != null || (lowConfidenceRows > 0 && (expectedShare == null
                || lowConfidenceRows > expectedShare * rows))) { // no more than expected: silent (a model's own training file)
            err.printf(Locale.ROOT, "predict: note: %d of %d rows have a top-class probability below %s%s (%s%s)%n",
                    lowConfidenceRows, rows, cutOffName, expectedShare == null ? ""
                            : expectedWords(heldOutSplit, expectedShare, rows, heldOutSequences), columnChoice == null
                            || columnChoice.chosen().contains(LOW_CONFIDENCE) ? LOW_CONFIDENCE + " column" : seeColumn(LOW_CONFIDENCE),
                    rejected);
        }
        err.flush();
    }

    /**
     * Where a warning points to the output column {@code column}: "see the low_confidence column", or, when --columns leaves
     * it out, how to get it (trial 79h F4: a submission of id,label was told to see a column it did not have).
     */
    private String seeColumn(String column) {
        return columnChoice == null || columnChoice.chosen().contains(column) ? "see the " + column + " column"
                : "the " + column + " column marks them, which --columns leaves out: add " + column + " to --columns to get it";
    }

    /** The held-out split the quantiles are of, for messages. */
    private String heldOutSplit = "validation";

    /** P(X >= k) for X ~ Binomial(n, p), summed in log space. */
    static double upperTail(long n, double p, long k) {
        if (k <= 0) {
            return 1;
        }
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        // log pmf(k) by lgamma-free summation of logs
        double logPmf = 0;
        for (long i = 0; i < k; i++) {
            logPmf += Math.log((double) (n - i) / (i + 1));
        }
        logPmf += k * logP + (n - k) * logQ;
        double sum = 0;
        for (long j = k; j <= n; j++) {
            sum += Math.exp(logPmf);
            if (j < n) {
                logPmf += Math.log((double) (n - j) / (j + 1)) + logP - logQ;
            }
            if (logPmf < -50 && j > n * p) {
                break;
            }
        }
        return Math.min(1, sum);
    }

    /**
     * The label written for a prediction: the most probable class, or with --threshold the positive class at P or more (else
     * the most probable other); {@value #UNKNOWN} with --reject-below where the most probable class's probability is below its
     * cut-off ({@link #lowConfidence}), whatever --threshold chose, which is counted ({@link #thresholdSummary}).
     */
    private String label(SequenceClassifier.Prediction p, List<String> labels) {
        int decided = threshold == null ? p.index()
                : org.rnnlab.training.Decision.cutOff(labels.indexOf(positive), threshold).choose(p.probabilities());
        boolean low = lowConfidence(p);
        if (threshold != null) {
            boolean alarm = decided == labels.indexOf(positive);
            boolean raised = decided != p.index(); // --threshold wrote another class than the most probable
            boolean rejected = rejectBelow != null && low;
            thresholdAlarms += alarm ? 1 : 0;
            thresholdOther += raised ? 1 : 0;
            thresholdOtherLow += raised && low ? 1 : 0;
            thresholdAlarmsRaisedLow += alarm && raised && low ? 1 : 0;
            thresholdAlarmsRejected += alarm && rejected ? 1 : 0;
            thresholdRaisedRejected += alarm && raised && rejected ? 1 : 0;
            thresholdOthersRejected += !alarm && rejected ? 1 : 0;
            if (thresholdWritten == null) {
                thresholdWritten = new long[labels.size() + 1];
                thresholdAlarmFrom = new long[labels.size()];
            }
            thresholdWritten[rejected ? labels.size() : decided]++;
            thresholdAlarmFrom[p.index()] += alarm && !rejected ? 1 : 0;
        }
        if (rejectBelow != null && low) {
            return UNKNOWN;
        }
        return labels.get(decided);
    }

    /**
     * Whether a prediction is below the low-confidence cut-off: the probability of its most probable class against that
     * class's cut-off (the held-out quantiles are of the most probable class's probability, so only it is comparable with
     * them), with --threshold too, whichever label that writes; false without cut-offs.
     */
    private boolean lowConfidence(SequenceClassifier.Prediction p) {
        return cutOffs != null && p.topProbability() < cutOffs[p.index()];
    }

    /** With --threshold: rows labelled the positive class; labelled another class than the most probable (of them low confidence). */
    private long thresholdAlarms;
    private long thresholdOther;
    private long thresholdOtherLow;
    /** With --threshold: rows labelled the positive class against another most probable class, and marked low_confidence. */
    private long thresholdAlarmsRaisedLow;
    /** With --threshold and --reject-below: rows whose --threshold label was replaced by {@value #UNKNOWN}, by what it was. */
    private long thresholdAlarmsRejected;
    private long thresholdRaisedRejected;
    private long thresholdOthersRejected;
    /** With --threshold: the rows written with each label (the last, {@value #UNKNOWN}); of those labelled the positive class, by most probable class. */
    private long[] thresholdWritten;
    private long[] thresholdAlarmFrom;

    /**
     * With --threshold on a model of more than two classes: how many rows got each label, where the rows labelled the
     * positive class came from (their most probable classes), and that a class the cut-off took rows from is now written
     * only below it. A trial's --threshold 0.164 --positive failing wrote 19 'failing' and not one 'worn' for a building
     * of 18 worn doors; only "labelled 19 of the 80 rows otherwise than their most probable class" said so (trial 75d F1).
     */
    private void thresholdLabels(List<String> labels, PrintWriter err) {
        if (threshold == null || thresholdWritten == null || labels.size() <= 2) {
            return;
        }
        int k = labels.indexOf(positive);
        List<String> written = new ArrayList<>();
        for (int c = 0; c <= labels.size(); c++) {
            if (c < labels.size() || thresholdWritten[c] > 0) {
                written.add(org.rnnlab.datasets.LabelCheck.quoted(c < labels.size() ? labels.get(c) : UNKNOWN) + " "
                        + thresholdWritten[c]);
            }
        }
        // the classes the alarms were most probably, the most first, then those that were the positive class's own
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            if (c != k && thresholdAlarmFrom[c] > 0) {
                order.add(c);
            }
        }
        order.sort((a, b) -> Long.compare(thresholdAlarmFrom[b], thresholdAlarmFrom[a]));
        List<String> from = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (int c : order) {
            String q = org.rnnlab.datasets.LabelCheck.quoted(labels.get(c));
            from.add(thresholdAlarmFrom[c] + (from.isEmpty() ? " whose most probable class is " : " ") + q);
            lost.add(q);
        }
        if (thresholdAlarmFrom[k] > 0) {
            from.add(thresholdAlarmFrom[k] + " most probably " + org.rnnlab.datasets.LabelCheck.quoted(positive) + " itself");
        }
        String quoted = org.rnnlab.datasets.LabelCheck.quoted(positive);
        err.printf(Locale.ROOT, "predict: --threshold %s --positive %s: labels written %s%s%s; --top 2 keeps the most probable "
                        + "class beside the label (top1_label)%n", threshold, positive, String.join(", ", written),
                thresholdWritten[k] == 0 ? "" : "; " + thresholdWritten[k] + " labelled " + quoted + ": " + String.join(", ", from),
                lost.isEmpty() ? "" : "; " + String.join(" and ", lost) + (lost.size() == 1 ? " is" : " are") + " now written only "
                        + "where p_" + positive + " < " + threshold);
        err.flush();
    }

    /**
     * With --threshold and a low-confidence cut-off: says what low_confidence judges (the most probable class, not the label
     * --threshold wrote, where they differ) and, with --reject-below, how many labels --threshold wrote it replaced by
     * {@value #UNKNOWN}: a trial's --threshold 0.1 alarms were partly turned unknown without a word (trial 71d F6).
     */
    private void thresholdSummary(int rows, PrintWriter err) {
        if (threshold == null || cutOffs == null || rows == 0) {
            return;
        }
        String quoted = org.rnnlab.datasets.LabelCheck.quoted(positive);
        if (thresholdOther > 0) {
            err.printf(Locale.ROOT, "predict: note: --threshold %s labelled %d of the %d rows otherwise than their most probable "
                            + "class; %s judges each row's most probable class (its probability against that class's cut-off, "
                            + "which is of the most probable class's probability), not the label --threshold wrote: %d of those %d "
                            + "rows are marked%s%n", threshold, thresholdOther, rows, LOW_CONFIDENCE, thresholdOtherLow,
                    thresholdOther, thresholdAlarmsRaisedLow == 0 ? "" : String.format(Locale.ROOT, "; on the %d of them labelled %s "
                            + "(column %s true) it doubts their most probable class, another one, not the alarm",
                            thresholdAlarmsRaisedLow, quoted, ALARM));
        }
        long rejected = thresholdAlarmsRejected + thresholdOthersRejected;
        if (rejectBelow != null && rejected > 0) {
            err.printf(Locale.ROOT, "predict: warning: --reject-below %s replaced %d label(s) that --threshold %s wrote by %s: %d "
                            + "of the %d rows labelled %s (%d of them raised by the threshold where another class is the most "
                            + "probable) and %d of the %d other rows; it judges the most probable class's probability, not the "
                            + "threshold's label: to keep every %s label, leave --reject-below out and read the %s column beside "
                            + "it%n", rejectBelow.trim(), rejected, threshold, UNKNOWN, thresholdAlarmsRejected, thresholdAlarms,
                    quoted, thresholdRaisedRejected, thresholdOthersRejected, rows - thresholdAlarms, quoted, LOW_CONFIDENCE);
        }
        err.flush();
    }

    /**
     * Refuses --threshold without --positive (the class a cut-off is for is given, as evaluate asks), and --positive without
     * --threshold or not a label. With more than two classes the cut-off is one class against the rest, as evaluate's: the
     * positive class at P or more, else the most probable of the others (a plants trial could score such an alarm with
     * evaluate but not write it with predict).
     */
    private void checkDecisionOptions(List<String> labels) {
        if (threshold == null && positive == null) {
            return;
        }
        if (threshold == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--positive applies with --threshold P (the class the cut-off "
                    + "is for); without it predict writes the most probable class");
        }
        if (positive == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threshold needs --positive LABEL, the class it applies to ("
                    + (labels.size() == 2 ? org.rnnlab.datasets.LabelCheck.quoted(labels.get(0)) + " or "
                    + org.rnnlab.datasets.LabelCheck.quoted(labels.get(1)) : "one of " + org.rnnlab.datasets.LabelCheck.listed(labels)) + ")");
        }
        if (!labels.contains(positive)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--positive " + org.rnnlab.datasets.LabelCheck.quoted(positive)
                    + " is none of the model's labels " + org.rnnlab.datasets.LabelCheck.listed(labels));
        }
    }

    /**
     * Refuses a {@code --top K} below 2 (the first candidate is the label column already) or above the number of the model's
     * classes, naming that number.
     */
    private void checkTop(List<String> labels) {
        if (top != null && (top < 2 || top > labels.size())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top " + top + ": expected 2 to " + labels.size()
                    + ", the number of the model's classes (" + org.rnnlab.datasets.LabelCheck.listed(labels) + "); the most "
                    + "probable class is the label column, --top K adds the 2nd to K-th");
        }
    }

    /**
     * The names of --top K's columns: top2_label,top2_p,...,topK_label,topK_p (none without --top); under a cut-off
     * ({@code --threshold} or {@code --reject-below}) from top1_label,top1_p, the most probable class, which the label column
     * then need not be (trial 74a: 76 rows read {@code label=yes, top2_label=yes}, the most probable 'no' in no column).
     */
    private List<String> topHeader() {
        List<String> names = new ArrayList<>();
        for (int k = cutOffLabel() ? 1 : 2; top != null && k <= top; k++) {
            names.add("top" + k + "_label");
            names.add("top" + k + "_p");
        }
        return names;
    }

    /** Whether the label column may be another class than the most probable: under --threshold or --reject-below. */
    private boolean cutOffLabel() {
        return threshold != null || rejectBelow != null;
    }

    /**
     * The classes ranked 2nd to {@code k}-th by probability: the most probable ({@code first}, the label column's class
     * without a cut-off) left out, the others by falling probability, equal ones in label order.
     *
     * @return {@code k - 1} class indices
     */
    static int[] runnersUp(double[] probabilities, int first, int k) {
        return java.util.stream.IntStream.range(0, probabilities.length).filter(c -> c != first).boxed()
                .sorted((a, b) -> probabilities[a] != probabilities[b] ? Double.compare(probabilities[b], probabilities[a])
                        : Integer.compare(a, b))
                .limit(k - 1L).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Writes the header and a row per sequence to {@code out}, part by part, saying on {@code err} how far it is, then a row
     * per text without tokens ({@code emptyTexts}, {@link #emptyTextRow}).
     */
    private void writeRows(PrintWriter out, SequenceClassifier classifier, List<String> ids, List<float[][]> sequences,
                           List<String> keptNames, Map<String, List<String>> kept, List<String> emptyTexts, PrintWriter err) {
        StringBuilder header = new StringBuilder("id,label");
        for (String l : classifier.labelNames()) {
            header.append(',').append(csv("p_" + l));
        }
        for (String name : topHeader()) { // after the probabilities, before the kept columns and low_confidence
            header.append(',').append(name);
        }
        for (String name : keptNames) {
            header.append(',').append(csv(name));
        }
        // a sequence model's lengths judged as serve judges them (TrainedLengths, --augment prefix=R's prefixes counted)
        TrainedLengths lengths = classifier.readsText() ? null : TrainedLengths.of(classifier.card());
        if (lengths != null) {
            header.append(',').append(LENGTH_UNTESTED);
        }
        boolean far = farColumn(classifier);
        float[] mean = far ? classifier.normalizer().getMean().toFloatVector() : null;
        float[] std = far ? classifier.normalizer().getStd().toFloatVector() : null;
        org.rnnlab.training.TrainingRange range = classifier.card().trainingRange();
        List<String> featureNames = classifier.card().input().featureNames();
        // the sequences as written, for a model that scales each by its own statistics (NewData#written), else null
        List<float[][]> written = far && newData != null && newData.written().size() == sequences.size()
                && !newData.written().isEmpty() ? newData.written() : null;
        if (far) { // before low_confidence, which stays last
            header.append(',').append(FAR_FROM_TRAINING).append(',').append(FAR_REASONS).append(',').append(CONSTANT_FEATURES);
        }
        // serve's rule for constantFeatures (ModelServer, SequenceClassifier.Prediction#constantFeatures): a card with the
        // training sequences' constant shares; else the column stays empty
        boolean constantRule = far && range != null && range.hasConstantShares() && range.size() == featureNames.size();
        java.util.Set<Integer> categories = constantRule ? classifier.categoryFeatures() : java.util.Set.of();
        // each text's encoding as read (a UCI HAR folder has no NewData, and is never text)
        List<TextEncoder.Encoding> encodings = classifier.readsText() ? newData.encodings() : null;
        TextEncoder textEncoder = encodings == null ? null : classifier.card().encoder().orElse(null);
        if (encodings != null) { // where far_from_training is for sequences: before low_confidence
            TEXT_COLUMNS.forEach(c -> header.append(',').append(c));
        }
        if (threshold != null) { // beside low_confidence, which stays last
            header.append(',').append(ALARM);
        }
        if (cutOffs != null) { // last: the probability and kept columns stay where they were
            header.append(',').append(LOW_CONFIDENCE);
        }
        if (encodings != null) { // after every other column: why a row has no label (a nightly job read tokens 0 as "empty")
            header.append(',').append(REASON);
        }
        // --columns: the cells written, --top's and --keep-columns' always (null: every one)
        List<String> alwaysWritten = new ArrayList<>(topHeader());
        alwaysWritten.addAll(keptNames);
        boolean[] chosenCells = columnChoice == null ? null
                : columnChoice.mask(header.toString(), probabilityColumns(classifier), alwaysWritten);
        out.println(chosenCells == null ? header : PredictColumns.kept(header.toString(), chosenCells));
        String probability = "%." + digits + "f";
        // part by part in the input's order, each part's rows written as it is classified: a reader of the output sees the
        // first predictions at once, and a long input says how far it is (a trial's 30,000 sequences: 3 minutes of silence,
        // then every row at once)
        long started = System.nanoTime();
        long said = started;
        List<double[]> probabilities = new ArrayList<>(sequences.size()); // for the note on many identical ones (SameProbabilities)
        for (int first = 0; first < sequences.size(); first += PART) {
            List<float[][]> part = sequences.subList(first, Math.min(sequences.size(), first + PART));
            List<SequenceClassifier.Prediction> predictions;
            try {
                predictions = classifier.predictPrepared(part, first); // read as the model reads them (codes, policy, scaling)
            } catch (SequenceClassifier.OutputNotANumber e) {
                // the data's values, not the command line: exit 1 (it was 2, "see --help"), naming the sequence by its id
                String where = input.toString().equals("-") ? "standard input" : input.toString();
                throw new IllegalStateException(where + ": sequence " + org.rnnlab.datasets.LabelCheck.quoted(ids.get(e.index())) + " (number " + (e.index() + 1) + " of "
                        + sequences.size() + "): " + e.reason(), e);
            }
            for (int i = 0; i < predictions.size(); i++) {
                probabilities.add(predictions.get(i).probabilities());
                predictedCounts[predictions.get(i).index()]++;
                predictedIndex[first + i] = predictions.get(i).index();
                StringBuilder row = new StringBuilder(csv(ids.get(first + i))).append(',').append(csv(label(predictions.get(i),
                        classifier.labelNames())));
                for (double p : predictions.get(i).probabilities()) {
                    row.append(',').append(String.format(Locale.ROOT, probability, p));
                }
                if (top != null) { // by probability alone, whatever label --threshold or --reject-below wrote
                    double[] p = predictions.get(i).probabilities();
                    if (cutOffLabel()) { // top1: the most probable class, which the cut-off's label column need not be
                        int c = predictions.get(i).index();
                        row.append(',').append(csv(classifier.labelNames().get(c))).append(',')
                                .append(String.format(Locale.ROOT, probability, p[c]));
                    }
                    for (int c : runnersUp(p, predictions.get(i).index(), top)) {
                        row.append(',').append(csv(classifier.labelNames().get(c))).append(',')
                                .append(String.format(Locale.ROOT, probability, p[c]));
                    }
                }
                List<String> values = kept.get(ids.get(first + i));
                if (values == null && !keepColumns.isEmpty()) {
                    throw new IllegalStateException("--keep-columns: no values read for sequence " + ids.get(first + i));
                }
                for (String v : values == null ? List.<String>of() : values) {
                    row.append(',').append(csv(v));
                }
                if (lengths != null) { // every sequence the untested-length warning counts, which names three
                    row.append(',').append(lengthUntested(lengths, sequences.get(first + i).length));
                }
                if (far) { // the values as the model reads them (after any sequenceScaling), as serve judges them, and, under
                    // sequenceScaling, codes and spikes as written, which the scaling hides: the marks the warning counts
                    java.util.SortedSet<Integer> marked = ModelData.farMarks(sequences.get(first + i), written == null ? null
                            : written.get(first + i), mean, std, range);
                    row.append(',').append(csv(String.join(";", marked.stream().map(featureNames::get).toList())));
                    // why, as serve's farReasons and the Java API's farReasons() give it (the same checks as the marks)
                    row.append(',').append(csv(farReasons(org.rnnlab.training.FarReason.ofSequence(sequences.get(first + i),
                            written == null ? null : written.get(first + i), mean, std, range, featureNames))));
                    // the features held at one value, as the Java API's constantFeatures() and serve's mark them
                    List<Integer> constant = constantRule ? range.constantFeatures(sequences.get(first + i), categories)
                            : List.of();
                    row.append(',').append(csv(String.join(";", constant.stream().map(featureNames::get).toList())));
                }
                if (encodings != null) { // serve's tokens, truncated and unknownWords, from the same encoding of the text
                    TextEncoder.Encoding e = encodings.get(first + i);
                    row.append(',').append(e.tokens()).append(',').append(e.truncated()).append(',').append(e.unknown());
                    // serve's rule for unknownWordShare (ModelServer): the texts the warning names
                    row.append(',').append(e.unknownOnly() || textEncoder != null && textEncoder.manyUnknownWords(e));
                }
                if (threshold != null) { // the cut-off raised the positive class, whatever label --reject-below wrote
                    row.append(',').append(raised(predictions.get(i), classifier.labelNames()));
                }
                if (cutOffs != null) { // below the cut-off of the most probable class (with --threshold too: see lowConfidence)
                    boolean low = lowConfidence(predictions.get(i));
                    lowConfidenceRows += low ? 1 : 0;
                    predictedAs(predictions.get(i).index());
                    row.append(',').append(low);
                }
                if (encodings != null) { // classified: no reason
                    row.append(',');
                }
                out.println(chosenCells == null ? row : PredictColumns.kept(row.toString(), chosenCells));
            }
            out.flush();
            if (out == spec.commandLine().getOut()) {
                StandardOutput.check(spec.commandLine()); // a closed pipe ends the work here, not after every part
            }
            int done = first + part.size();
            if (done < sequences.size() && System.nanoTime() - said > 5_000_000_000L) {
                said = System.nanoTime();
                double seconds = (said - started) / 1e9;
                err.printf(Locale.ROOT, "predict: %d of %d sequences classified (%.0f s, about %.0f s to go)%n", done, sequences.size(),
                        seconds, seconds * (sequences.size() - done) / done);
                err.flush();
            }
        }
        // after the classified rows, in file order: a join of the output to the input by id finds every text (trial 77g: two
        // empty clauses of twelve were missing from the file, said on standard error only)
        for (String id : emptyTexts) {
            String row = emptyTextRow(id, classifier.labelNames().size(), topHeader().size(), kept.get(id), keptNames.size(),
                    threshold != null, cutOffs != null);
            out.println(chosenCells == null ? row : PredictColumns.kept(row, chosenCells));
        }
        out.flush();
        // trial 74a: a station in kPa got p_yes 0.203579 for all its 200 sequences, unmarked (a saturated network)
        SameProbabilities.find(probabilities, sequences, ids).ifPresent(same ->
                err.printf("predict: note: %s%n", same.note(classifier.labelNames())));
        if (encodings != null) { // the classes of the texts the unknown-word warnings named (trial 80f F5)
            List<Integer> marked = new ArrayList<>();
            for (int i = 0; i < encodings.size() && i < predictedIndex.length; i++) {
                TextEncoder.Encoding e = encodings.get(i);
                if (e.unknownOnly() || textEncoder != null && textEncoder.manyUnknownWords(e)) {
                    marked.add(predictedIndex[i]);
                }
            }
            unknownWordClasses(marked, classifier.labelNames()).ifPresent(line -> err.printf("predict: %s%n", line));
        }
    }

    /** The least texts of many unknown words whose predicted classes {@link #unknownWordClasses} states ({@value}). */
    static final int UNKNOWN_WORD_TEXTS = 2;

    /**
     * What the texts of many unknown words ({@code many_unknown_words} true: the texts the unknown-word warnings name) were
     * predicted, from {@value #UNKNOWN_WORD_TEXTS} such texts: a warning when one class took 80% of them or more (a model
     * that read {@code <unk>} as evidence for a rare class predicted every such text as it, trial 80f F5: "all 5 ... were
     * predicted 'shop_hours'"), else a note of the classes with their counts. Empty with fewer.
     *
     * @param predicted the predicted class index of each such text
     */
    static java.util.Optional<String> unknownWordClasses(List<Integer> predicted, List<String> labelNames) {
        if (predicted.size() < UNKNOWN_WORD_TEXTS) {
            return java.util.Optional.empty();
        }
        java.util.Map<Integer, Long> counts = new java.util.TreeMap<>();
        predicted.forEach(c -> counts.merge(c, 1L, Long::sum));
        List<java.util.Map.Entry<Integer, Long>> byCount = counts.entrySet().stream()
                .sorted(java.util.Map.Entry.<Integer, Long>comparingByValue().reversed()).toList();
        java.util.Map.Entry<Integer, Long> top = byCount.get(0);
        String n = predicted.size() + " text(s) of many unknown words (many_unknown_words true)";
        if (top.getValue() * 5 >= predicted.size() * 4L) {
            String cls = org.rnnlab.datasets.LabelCheck.quoted(labelNames.get(top.getKey()));
            return java.util.Optional.of("warning: " + (top.getValue() == predicted.size() ? "all " + n + " were predicted " + cls
                    : top.getValue() + " of the " + n + " were predicted " + cls) + ": one class taking 80% of them or more "
                    + "suggests the model reads the unknown-word token as evidence for it, so these predictions say little about the texts (a class of few training texts whose "
                    + "words occur once loses them to minFrequency; see train's warning of <unk> tokens by class, and 'Unknown "
                    + "words in new text' in docs/guide/your-data.md)");
        }
        return java.util.Optional.of("note: the " + n + " were predicted " + byCount.stream()
                .map(e -> org.rnnlab.datasets.LabelCheck.quoted(labelNames.get(e.getKey())) + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    /**
     * The output's names of the columns of {@code --keep-columns}: each as in the input, or {@code input_<name>} where the
     * output has a column of that name (id, label, p_<label>); a name that is still taken is a usage error.
     */
    private List<String> keptHeader(SequenceClassifier classifier) {
        List<String> written = modelColumns(classifier);
        List<String> names = new ArrayList<>();
        for (String k : keepColumns) {
            String out = org.rnnlab.datasets.csv.SequenceColumns.outputName(k); // time@last -> time_last
            String name = written.contains(out) ? "input_" + out : out;
            if (written.contains(name)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--keep-columns " + k + ": the output has a column "
                        + name + " already (" + String.join(",", written) + "): rename the input's column to keep it");
            }
            written.add(name);
            names.add(name);
        }
        return names;
    }

    /** The model's {@code p_<label>} columns, in its label order. */
    private static List<String> probabilityColumns(SequenceClassifier classifier) {
        return classifier.labelNames().stream().map(l -> "p_" + l).toList();
    }

    /**
     * The output's columns other than {@code --keep-columns}', in their order (as {@link #writeRows} writes them): those
     * kept columns may not take, and those {@code --columns} chooses from (--top's apart).
     */
    private List<String> modelColumns(SequenceClassifier classifier) {
        List<String> written = new ArrayList<>(List.of("id", "label"));
        written.addAll(probabilityColumns(classifier));
        written.addAll(topHeader());
        if (!classifier.readsText()) {
            written.add(LENGTH_UNTESTED);
        }
        if (farColumn(classifier)) {
            written.add(FAR_FROM_TRAINING);
            written.add(FAR_REASONS);
            written.add(CONSTANT_FEATURES);
        }
        if (classifier.readsText()) {
            written.addAll(TEXT_COLUMNS);
        }
        if (threshold != null) {
            written.add(ALARM);
        }
        if (cutOffs != null) {
            written.add(LOW_CONFIDENCE);
        }
        if (classifier.readsText()) {
            written.add(REASON);
        }
        return written;
    }

    /** Sequences classified and written at a time. */
    static final int PART = 2048;

    /** Up to 20 line numbers, then how many more. */
    private static String abbreviate(List<Long> lines) {
        return lines.size() <= 20 ? lines.toString()
                : lines.subList(0, 20).toString().replace("]", ", ... (" + (lines.size() - 20) + " more)]");
    }

    /** A CSV cell: quoted (RFC 4180) when it holds a comma, a quote or a line break. */
    static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /**
     * The UCI HAR folder that {@code input} lies in (its {@code test/} or {@code train/} folder, their {@code Inertial Signals}
     * or a signal file of them), or null.
     */
    static Path harRootAbove(Path input) {
        if (input == null || input.toString().equals("-")) {
            return null;
        }
        Path p = input.toAbsolutePath().normalize();
        for (int up = 0; up < 3 && p.getParent() != null; up++) {
            p = p.getParent();
            if (isHarFolder(p)) {
                return p;
            }
        }
        return null;
    }

    /** Whether {@code input} is a UCI HAR folder (its {@code test/} with the {@code Inertial Signals}), not a folder of CSV files. */
    static boolean isHarFolder(Path input) {
        return input != null && java.nio.file.Files.isDirectory(
                HarLayout.signalFile(input, HarLayout.Part.TEST, HarLayout.CHANNELS.get(0)).getParent());
    }
}

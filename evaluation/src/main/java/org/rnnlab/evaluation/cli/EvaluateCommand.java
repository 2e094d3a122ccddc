package org.rnnlab.evaluation.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.NewData;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.csv.MissingValues;
import picocli.CommandLine;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.csv.SplitIdsFile;
import org.rnnlab.training.Provenance;
import org.rnnlab.evaluation.metrics.ClassMetrics;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.ScoreIntervals;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnlab evaluate}: a saved model on a dataset split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.ERROR, ExitCodes.USAGE, ExitCodes.SKIPPED, ExitCodes.OTHER_SIGNALS, ExitCodes.PIPE}, sortOptions = false,
        description = {"Evaluates a saved model (model.rnnlab): accuracy, macro-F1, Cohen's kappa, per-class precision/recall/F1 and the confusion "
                + "matrix with label names; ROC AUC and average precision of the predicted probabilities (each class against the "
                + "rest; a two-class model's positive class, see --positive, with precision and recall at a few cut-offs); "
                + "calibration: Brier score, expected calibration error (10 bins; --json: the reliability table), and for the positive "
                + "class its mean probability against its share and the calibration slope and intercept; --json for machine reading.",
                "Users' own data: --input FILE (or --dataset csv|text --test FILE) is read with the model's data layout and every "
                        + "sequence in it is scored. Built-in datasets (--dataset agreement, har, ...): the --split of the dataset."})
public final class EvaluateCommand implements Callable<Integer> {

    /** The group of the sequences blank in {@code --group-column}'s column, in its scores by group. */
    static final String BLANK_GROUP = "(blank)";


    @Mixin
    RuntimeOptions runtime;

    @Mixin
    DatasetOptionsMixin data;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model bundle (model.rnnlab).")
    Path model;

    @Option(names = "--model-sha256", paramLabel = "HEX",
            description = "Use the model only if its file's SHA-256 (as sha256sum prints it) is HEX: pins the file a registry or "
                    + "sign-off recorded (the file's own content digest catches edits, not a forged file).")
    String modelSha256;

    @Option(names = "--input", paramLabel = "PATH",
            description = "A labelled file or folder in the layout the model was trained on; every sequence in it is scored; - reads standard input. "
                    + "A text model also reads a TSV whose first line names its columns id, label and text (any order): texts are "
                    + "then named by their id.")
    Path input;

    @Option(names = "--split", defaultValue = "TEST",
            description = "Split of a --dataset to score: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). With --dataset csv|text "
                    + "and --train it scores that split as carved in training, which needs the same --train, --test and --set options as "
                    + "training (--set settings not given are taken from the model's run folder; checked against the data checksum "
                    + "in the model; other data are refused naming what differs, and a built-in dataset opened with other settings "
                    + "is scored with a warning; --missing may differ from the model's policy if the split keeps its sequences); "
                    + "without --train, --test FILE is scored whole. Given alone (no --input, --dataset, --data, --train, --validation "
                    + "or --test) for a model of your own files, that split of the model's run: its data options are read from "
                    + "config.json beside the model, and said.")
    Split split;

    @Option(names = "--json", description = "Print the evaluation as JSON.")
    boolean json;

    @Option(names = "--ignore-columns", paramLabel = "NAMES", split = ",",
            description = "With --input: columns of a CSV file the model does not read, comma-separated header names, left out "
                    + "instead of refused (a column the model reads cannot be left out) (default: none: an unknown column is an "
                    + "error).")
    List<String> ignoreColumns = new java.util.ArrayList<>();

    @Option(names = "--na-values", paramLabel = "CODES", split = ",",
            description = "With --input: codes " + PredictCommand.NA_VALUES_HELP)
    List<String> naValues = new java.util.ArrayList<>();

    @Option(names = "--encoding", paramLabel = "NAME", description = "With --input: " + PredictCommand.ENCODING_HELP)
    String encoding;

    @Option(names = "--decimal", paramLabel = "point|comma", description = "With --input: " + PredictCommand.DECIMAL_HELP)
    String decimal;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "With --input: the column separator of a CSV file, one character or tab, where it is not the model's "
                    + "(a TSV or ';'-separated export) (default: the separator of the model's training files).")
    String delimiter;

    @Option(names = "--label-map", paramLabel = "FILE",
            description = "With --input: a CSV file with the header from,to whose every row reads the label 'from' of the file "
                    + "scored as 'to' (a new batch spelling LDPE where the model says PE-LD); applied before the model's own label "
                    + "map (train --set labelMap=FILE), which evaluate and predict apply by themselves.")
    Path labelMap;

    @Option(names = "--unknown-labels", paramLabel = "error|report|count", defaultValue = "error",
            description = "With --input: a sequence whose label is none of the model's (a class it never learnt, such as a new "
                    + "attack type) is an error (error), or is left out of the scores and reported with the classes the model "
                    + "gave such sequences, a table of their labels against those classes (report; --json: unknownLabels), or is "
                    + "reported so and counted as wrong (it can never be right) in an accuracy over all the sequences and in a "
                    + "line per such label, while macro-F1, Cohen's kappa, ROC AUC and the other scores stay over the sequences "
                    + "of the model's labels, as the output says (count; --json: unknownLabelsCounted); with no sequence of a "
                    + "label of the model, that table, then exit 1: nothing scored (default: ${DEFAULT-VALUE}).")
    String unknownLabels;

    @Option(names = "--threshold", paramLabel = "P",
            description = "With --positive: predict the positive class for a sequence whose probability of it is P or "
                    + "more, the other class otherwise (with more than two classes the most probable of the others), and score every metric (accuracy, per-class precision/recall/F1, confusion "
                    + "matrix, intervals) at that cut-off; choose P on validation data, not on the data scored here (default: none: "
                    + "the most probable class, argmax, which for two classes is a cut-off of 0.5).")
    Double threshold;

    @Option(names = "--positive", paramLabel = "LABEL",
            description = "The class whose ROC AUC, average precision and precision/recall at cut-offs are "
                    + "reported, and which --threshold applies to (needed with --threshold; default for the metrics of a two-class "
                    + "model: the rarer class in the data scored, with equal counts the model's second label; a model of more classes "
                    + "gives every class against the rest, and with --positive also that class's line and cut-off table).")
    String positive;

    @Option(names = "--target-recall", paramLabel = "R",
            description = "With --positive: a cut-off of the positive class's probability at which at least the share R "
                    + "(0 < R <= 1) of its sequences here are raised, with its recall and false-alarm rate (false positives over the "
                    + "other sequences) and their 95%% Wilson intervals, and whether the data hold enough sequences of the class to "
                    + "show such a recall at all; for an alarm. The cut-off is a short decimal in the highest gap between two "
                    + "probabilities here that reaches R, named from the highest probability not raised to the lowest caught "
                    + "(every cut-off in it gives the same counts), never on a probability, and given back as --threshold it gives "
                    + "the same counts on these data. Choose "
                    + "it on validation data (--split validation), then score held-out data with --threshold; the other scores stay "
                    + "at argmax (default: none).")
    Double targetRecall;

    @Option(names = "--target-precision", paramLabel = "P",
            description = "With --positive: a cut-off of the positive class's probability at which at least the share P "
                    + "(0 < P <= 1) of the sequences raised here are of the class, a short decimal in the lowest gap between two "
                    + "probabilities here that reaches P (the most raised at that precision), with its "
                    + "recall and precision and their 95%% Wilson intervals, or, when no cut-off reaches P, the highest precision "
                    + "any cut-off reaches; for a ranking with a precision to keep. Choose it on validation data, then score "
                    + "held-out data with --threshold (default: none).")
    Double targetPrecision;

    @Option(names = "--top-k", paramLabel = "N,...", split = ",",
            description = "Counts of sequences added to the table of the k highest-scored sequences of the positive class "
                    + "(precision, recall and lift of the top k; shown always for k = 1%%, 2%%, 5%%, 10%%, 20%% of the sequences), "
                    + "e.g. 50,100 for a daily budget of contacts (default: none).")
    List<Long> topK = List.of();

    @Option(names = "--curve", paramLabel = "FILE",
            description = "Writes the positive class's precision-recall and ROC curve to the CSV file FILE (replaced if it "
                    + "exists), one row per distinct probability of the class from the highest down, each raising the sequences "
                    + "at or above it: threshold (a short decimal between that probability and the next lower one, to give back "
                    + "as --threshold), probability, tp, fp, fn, tn, precision, recall and false_alarm_rate (fp over the other "
                    + "sequences), where the table of cut-offs gives 11 fixed ones only. A two-class model's positive class is "
                    + "--positive, else the rarer class here; a model of more classes needs --positive (default: none).")
    Path curve;

    @Option(names = "--baseline-column", paramLabel = "COLUMN",
            description = "A column of the --input CSV file holding, for each sequence (one value per sequence), the label another "
                    + "method predicts: persistence (the class of the sequence before), a rule, another model. It is scored beside "
                    + "the model on the same sequences, and the two are compared by McNemar's exact test (the majority-class "
                    + "baseline alone is a low bar where labels persist in time) (default: none).")
    String baselineColumn;

    @Option(names = "--group-column", paramLabel = "COLUMN",
            description = "A column of the --input file whose groups are scored apart: each group's accuracy and macro-F1 "
                    + "against always its most frequent class. For a CSV model any column of the file (of a folder: of its "
                    + "labels.csv, one row per sequence file, for a model of either layout) with one value per "
                    + "sequence (a voyage, a vessel, a route; NAME@first or NAME@last for one that changes along a sequence), "
                    + "read or not by the model, without retraining; the intervals still resample the model's own --set group "
                    + "column when it has one, and the level warnings judge the groups of that column; when the sequences or "
                    + "groups a far-outside or level warning names all hold one value of this column, the warning says so (all "
                    + "10 are station 'S2'); where the file holds no group column of the model, the clipped-values warning judges "
                    + "each of this column's groups at its own extremes too. For a text model a column of the header besides id, label and text (e.g. lang in "
                    + "'id<TAB>lang<TAB>label<TAB>text'), warned of where a group does no better (default: the model's group "
                    + "column: a CSV model's --set group, a text model's from config.json beside the model; none without).")
    String groupColumn;

    /** Each group's scores of the --input ({@code --group-column}, or the model's / run's group column), or null. */
    private org.rnnlab.evaluation.metrics.GroupTable groupTable;

    /** The --input's scores by sequence length when its lengths span widely ({@link org.rnnlab.evaluation.metrics.LengthTable}), or null. */
    private org.rnnlab.evaluation.metrics.LengthTable lengthTable;

    /** Whether the --input's lengths differ but the table was left out (a note says so and how to ask for it). */
    private boolean lengthTableLeftOut;

    @Option(names = "--by-length",
            description = "With --input: scores by sequence length always, in bins at the quartiles of the lengths where the "
                    + "fixed bins (1, 2, 3-4, 5-9, 10-19, 20-49, ...) would not show two; without it the table comes only when the "
                    + "longest sequence is at least 10 times the shortest, and a note says when it was left out (default: off).")
    boolean byLength;

    @Option(names = "--prefixes", paramLabel = "LIST",
            description = "Also an early-classification curve: every scored sequence cut to its first k steps and scored as "
                    + "predict scores a sequence of those k steps, for each k of LIST: " + PrefixCurve.SYNTAX + "; a fraction "
                    + "gives k = ceil(f x the sequence's length), at least 1; a sequence of no more than k steps is scored whole "
                    + "and counted. Per prefix: accuracy, macro-F1, ROC AUC and average precision (of the positive class, see "
                    + "--positive; macro with more classes and no --positive); --json: prefixes. Not for text models, nor models "
                    + "of --set sequenceScaling (default: none).")
    String prefixes;

    /** What the curve of {@code --prefixes} scores: the data, split and sequence names evaluate scored; set once scored. */
    private SequenceDataset curveData;
    private Split curveSplit;
    private List<String> curveIds;

    /**
     * The column of {@code --baseline-column}, taken as predict's {@code --keep-columns} are, its errors naming this option
     * and its use (a review: they spoke of --keep-columns and predict); none without the option.
     */
    private org.rnnlab.datasets.csv.SequenceColumns.Request baselineRequest() {
        return baselineColumn == null ? org.rnnlab.datasets.csv.SequenceColumns.Request.none()
                : new org.rnnlab.datasets.csv.SequenceColumns.Request(List.of(baselineColumn), "--baseline-column",
                        "the label another method gave it, which evaluate scores beside the model");
    }

    /**
     * The columns evaluate takes from a CSV model's --input beside the model's own: {@code --baseline-column}'s first (at
     * index 0 of each sequence's values), then {@code --group-column}'s (trial 71d F5: scores by voyage or vessel without
     * retraining). A text model's group column is read from the text file's header instead ({@link #textGroups}).
     */
    private org.rnnlab.datasets.csv.SequenceColumns.Request columnsRequest(SequenceClassifier classifier) {
        if (groupColumn == null || classifier.readsText()) {
            return baselineRequest();
        }
        if (baselineColumn == null) {
            return new org.rnnlab.datasets.csv.SequenceColumns.Request(List.of(groupColumn), "--group-column",
                    "the group evaluate scores it in");
        }
        return new org.rnnlab.datasets.csv.SequenceColumns.Request(List.of(baselineColumn, groupColumn),
                "--baseline-column/--group-column", "the label another method gave it, or the group evaluate scores it in");
    }

    /** An --input's scores against the model's test split at training ({@link HeldOutComparison}), once scored; or null. */
    private HeldOutComparison heldOut;

    /** The features an --input's drift warnings named, for {@code --json}'s {@code drift} ({@link DriftFinding}). */
    private final List<DriftFinding> driftFindings = new java.util.ArrayList<>();

    /** {@code --baseline-column}'s comparison, once scored; or null. */
    private ColumnBaseline columnBaseline;
    /** The summary-feature baseline stored in the model file, scored on the data evaluated; or null. */
    private SummaryBaselineScore summaryBaseline;

    /**
     * Scores the summary-feature baseline stored in the model file on the {@code split} sequences of {@code dataset} (their
     * values as the model read them, before its own standardiser), into {@link #summaryBaseline}; for a model of numeric
     * features whose file holds none, says so once, as a note. Not on the train split, which it was fitted on: its scores
     * there are in-sample, no bar for the model (review 80a R6); a note says so instead.
     */
    private void scoreSummaryBaseline(SequenceClassifier classifier, SequenceDataset dataset, Split split, int[] actual,
                                      int[] predicted, PrintWriter err) {
        if (classifier.readsText()) {
            return;
        }
        if (split == Split.TRAIN && classifier.card().storedSummaryBaseline().isPresent()) {
            err.printf("evaluate: note: the summary-feature baseline (%s) is not scored on the train split: it was fitted on "
                    + "those sequences, so its scores there are in-sample; it is scored on --split validation, --split test and "
                    + "--input%n", org.rnnlab.evaluation.compare.SummaryBaseline.WHAT);
            err.flush();
            return;
        }
        SummaryBaselineScore.missingNote(classifier.card()).ifPresent(n -> {
            err.printf("evaluate: note: %s%n", n);
            err.flush();
        });
        summaryBaseline = SummaryBaselineScore.of(classifier.card(), classifier.labelNames(), dataset.split(split).examples(), actual,
                predicted).orElse(null);
    }

    /** The sequences of labels the model does not know, by label: how many, and the classes the model gave them; or null. */
    private Map<String, Map<String, Integer>> unknown;
    /** The class probabilities of the sequences of labels the model does not know ({@link #leaveOutUnknownLabels}). */
    private List<double[]> unknownProbabilities = List.of();
    /** Low-confidence shares of the unknown and known labels' sequences at each held-out quantile, or null. */
    private RejectionRates rejection;

    /** The options that go with scoring a file whole. */
    private static final Set<String> FILE_OPTIONS = Set.of("--model", "--model-sha256", "--input", "--test", "--json", "--threads",
            "--missing", "--na-values", "--ignore-columns", "--unknown-labels", "--delimiter", "--decimal", "--encoding", "--threshold", "--positive",
            "--baseline-column", "--target-recall", "--target-precision", "--top-k", "--prefixes", "--label-map", "--group-column", "--by-length", "--curve");

    @Override
    public Integer call() {
        OptionRanges.THRESHOLD.check(spec.commandLine(), threshold);
        runtime.apply();
        SequenceClassifier classifier = ModelData.loadModel(spec.commandLine(), model, modelSha256, "evaluate");
        checkDecisionOptions(classifier.labelNames());
        if (curve != null) {
            OutputFile.check("--curve " + curve, curve, "curve.csv", true); // before any work; an existing file is replaced
        }
        PrefixCurve.Prefixes curvePrefixes = null;
        if (prefixes != null) {
            try {
                curvePrefixes = PrefixCurve.Prefixes.parse(prefixes);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            String refused = PrefixCurve.refusal(classifier);
            if (refused != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), refused);
            }
        }
        WarningTee tee = new WarningTee(CommandPrefixWriter.over(spec.commandLine().getErr(), "evaluate")); // warnings also into
        // --json's "warnings"; ModelData's bare warning and note lines get evaluate's name as evaluate's own lines have it
        PrintWriter err = tee.writer();
        boolean splitGiven = spec.commandLine().getParseResult().hasMatchedOption("--split");
        Path file = input;
        boolean datasetGiven = spec.commandLine().getParseResult().hasMatchedOption("--dataset");
        String runData = splitGiven && file == null && !datasetGiven ? runData(classifier, err) : null;
        boolean fileData = data.name().equals(Datasets.CSV) || data.name().equals(Datasets.TEXT);
        if (file == null && !datasetGiven && runData == null) {
            if (Set.of(Datasets.CSV, Datasets.TEXT).contains(classifier.card().dataset())) { // a model of users' own files
                throw new CommandLine.ParameterException(spec.commandLine(), "evaluate needs the data to score: --input FILE, a labelled "
                        + "file in the layout the model was trained on; or the test split carved from the training data again: --dataset "
                        + classifier.card().dataset() + " --train FILE --split test with the training run's --train/--test files "
                        + "(its other --set settings are read from config.json beside the model); or --dataset NAME for a built-in dataset; "
                        + "--split S alone reads the data of the model's run from the config.json beside it" + (splitGiven
                        ? " (" + runDataMissing(classifier) + ")" : ""));
            }
            if (Datasets.names().contains(classifier.card().dataset()) && !classifier.card().dataset().equals(data.dataset)) {
                // a HAR model was scored on the agreement task, the option's default, and refused for its labels (a user's try)
                data.dataset = classifier.card().dataset();
                err.printf("evaluate: the model's own dataset, %s (no --input or --dataset given)%n", data.dataset);
            }
        }
        if (file == null && fileData && data.train == null && data.data == null) {
            if (data.test == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "evaluate needs the data to score: --input FILE (or --test FILE), "
                        + "in the layout the model was trained on");
            }
            file = data.test;
            // --dataset csv|text --test FILE is read with the model's own layout: a --dataset of the other kind contradicts it
            boolean modelReadsText = classifier.readsText();
            if (datasetGiven && (data.name().equals(Datasets.TEXT) != modelReadsText)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--dataset " + data.name() + " does not fit this model, "
                        + "which reads " + (modelReadsText ? "text" : "CSV sequences") + ": the --test file is read with the model's "
                        + "own layout; leave --dataset out (evaluate --model M --input FILE)");
            }
        }
        if (baselineColumn != null && (file == null || classifier.readsText())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--baseline-column " + baselineColumn + " applies to a CSV "
                    + "file scored whole (--input FILE) by a model of CSV sequences: "
                    + (classifier.readsText() ? "this model reads texts" : "no --input file is given"));
        }
        if (byLength && (file == null || classifier.readsText())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--by-length scores a CSV file given with --input by its "
                    + "sequences' lengths: " + (classifier.readsText() ? "this model reads texts" : "no --input file is given"));
        }
        if (file == null && labelMap != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--label-map applies to a file scored whole (--input FILE); a "
                    + "--dataset split is read with the run's own settings (--set labelMap=FILE among them)");
        }
        if (file == null && (!ignoreColumns.isEmpty() || delimiter != null || !naValues.isEmpty() || encoding != null || decimal != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), (delimiter != null ? "--delimiter" : !naValues.isEmpty()
                    ? "--na-values" : encoding != null ? "--encoding" : decimal != null ? "--decimal" : "--ignore-columns")
                    + " applies to a file scored whole "
                    + "(--input FILE), read with the model's layout; a --dataset split is read with the run's own settings"
                    + (delimiter != null ? " (--set delimiter=... among them)" : !naValues.isEmpty() ? " (--set naValues=... among them)"
                    : encoding != null ? " (--set encoding=... among them)" : decimal != null ? " (--set decimal=... among them)" : ""));
        }
        EvaluationResult r;
        String title;
        List<String> dropped = null;
        List<String> emptyFiles = List.of();
        if (file != null) {
            List<String> notApplying = spec.commandLine().getParseResult().matchedOptions().stream().map(o -> o.longestName())
                    .filter(n -> !FILE_OPTIONS.contains(n)).filter(n -> input == null ? !n.equals("--dataset") : true).toList();
            if (!notApplying.isEmpty() || (input != null && data.test != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--input (or --test alone) is scored whole, read with the "
                        + "model's own data layout: " + (notApplying.isEmpty() ? "--test" : String.join(", ", notApplying))
                        + " do(es) not apply to it");
            }
            if (PredictCommand.isHarFolder(file)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--input " + file + " is a UCI HAR folder: score a model "
                        + "on it with --dataset har --data " + CommandLines.quote(file.toString()) + " (its test split; --split "
                        + "chooses another), not --input, which reads the model's CSV layout");
            }
            // the readers' logged warnings (fills, dead channels, FASTA headers, ...) also into --json's "warnings"
            Path read = file;
            Character separator = delimiter == null ? null : org.rnnlab.datasets.csv.CsvSchema.parseDelimiter("--delimiter", delimiter);
            Map<String, List<String>> kept = new java.util.HashMap<>();
            org.rnnlab.datasets.FileEncoding declared = encoding == null ? null : PredictCommand.parseEncoding(spec, encoding);
            Boolean decimalComma = PredictCommand.parseDecimal(spec, decimal);
            org.rnnlab.datasets.csv.LabelMap givenMap = labelMap == null ? null : org.rnnlab.datasets.csv.LabelMap.read(labelMap);
            List<String> mapReport = new java.util.ArrayList<>();
            NewData newData = org.rnnlab.evaluation.run.DataWarnings.capture(() -> org.rnnlab.datasets.FileEncoding.reading(declared,
                    () -> org.rnnlab.datasets.csv.DecimalSeparator.given(decimalComma, () -> org.rnnlab.datasets.csv.LabelMap.applying(givenMap, () -> {
                        NewData d = ModelData.read(classifier, read, true, NewData.TextLayout.TSV, data.missing == null ? null
                                : MissingValues.parse(data.missing), naValues, separator, ignoreColumns, columnsRequest(classifier), kept,
                                driftFindings, err);
                        mapReport.addAll(LabelMapLines.of(givenMap, classifier.card().dataSchema(), org.rnnlab.datasets.csv.LabelMap.relabelled()));
                        return d;
                    }))), loggedWarnings);
            mapReport.forEach(l -> err.printf("evaluate: %s%n", l));
            if (!Set.of("error", "report", "count").contains(unknownLabels)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--unknown-labels " + unknownLabels + " is unknown "
                        + "(expected error, report or count)");
            }
            if (unknownLabels.equals("report") || unknownLabels.equals("count")) {
                newData = leaveOutUnknownLabels(classifier, newData, err);
                if (unknown != null && newData.size() == 0) {
                    nothingToScore(classifier, newData, file, tee);
                }
            }
            SequenceDataset dataset = ModelData.asTestSet(classifier, newData, file);
            String foreign = foreignRun(classifier, model.toAbsolutePath()); // the run files beside the model: another run's?
            boolean texts = classifier.readsText();
            List<String> keys = texts ? newData.values().stream().map(SplitIdsFile::fingerprint).toList() : newData.ids();
            // the values' fingerprints as the model's own missing-value policy reads them: what train recorded in splits.csv
            // (with --missing of another policy, a sequence with a gap is filled otherwise, and its values' hash differs)
            List<String> fingerprints = newData.asTrained().isEmpty()
                    ? newData.values().stream().map(SplitIdsFile::fingerprint).toList() : newData.asTrained();
            List<String> shown = texts ? newData.textNames() : newData.ids(); // texts by line, or by their id column
            // which sequences were in the run's training or validation split, by their values' fingerprint (by id in runs that
            // recorded ids only); for texts, which have no ids, the training file itself is said as such first, else which
            // texts were in those splits (by fingerprint)
            boolean warned = texts
                    ? warnTrainingFile(file, foreign, err) || warnSeenInTraining(classifier, keys, fingerprints, shown, foreign, err)
                    : warnSeenInTraining(classifier, keys, fingerprints, shown, foreign, err) || warnTrainingFile(file, foreign, err);
            if (!texts && foreign == null) {
                warnSeenGroups(classifier, newData, err);
            }
            int[] predicted = new int[dataset.split(Split.TEST).size()];
            int[] actual = dataset.split(Split.TEST).examples().stream().mapToInt(s -> s.label()).toArray();
            double[][] probabilities = new double[actual.length][];
            scoredCounts = TrainingShares.counts(actual, classifier.labelNames().size());
            scoring = Scoring.of(classifier.labelNames(), actual, positive, threshold, targetRecall, targetPrecision, topK);
            r = Evaluator.evaluate(classifier.network(), classifier.normalizer(), dataset, Split.TEST, shown, predicted,
                    scoring.decision(), probabilities,
                    classifier.card().recalibrates() ? classifier.card()::calibrated : null);
            scoring = scoring.ranked(actual, probabilities);
            warnRates(classifier.card(), actual, probabilities, err);
            writeCurve(actual, probabilities, classifier.labelNames(), err);
            warnTopKAbove(actual.length, err);
            scoreSummaryBaseline(classifier, dataset, Split.TEST, actual, predicted, err);
            // trial 74a: a station in kPa got p_yes 0.203579 for all its 200 sequences and lifted the accuracy, unsaid
            SameProbabilities.find(java.util.Arrays.asList(probabilities), newData.values().size() == probabilities.length
                    ? newData.values() : null, shown.size() == probabilities.length ? shown
                    : java.util.stream.IntStream.range(0, probabilities.length).mapToObj(i -> "sequence " + (i + 1)).toList())
                    .ifPresent(same -> err.printf("evaluate: note: %s%n", same.note(classifier.labelNames())));
            if (!texts && newData.values().size() == probabilities.length) {
                // the file's and each group's level against the training sequences of each sequence's class (trial 71d: a
                // +2 %RH humidity offset over a whole file, inside the read-time allowance, turned every 'ok' window into a
                // fault): its labelled class, known here (trial 80g F1: judged by the class predicted, an unchanged temperature
                // was named because a gain elsewhere had walks predicted as runs); the whole file by the classes predicted
                // should a label not be one of the model's (not expected: leaveOutUnknownLabels has set those aside)
                int[] mostProbable = java.util.Arrays.stream(probabilities).mapToInt(p -> {
                    int best = 0;
                    for (int c = 1; c < p.length; c++) {
                        best = p[c] > p[best] ? c : best;
                    }
                    return best;
                }).toArray();
                boolean known = actual.length == mostProbable.length
                        && java.util.Arrays.stream(actual).allMatch(a -> a >= 0 && a < classifier.labelNames().size());
                ModelData.warnClassDrift(classifier, newData, ModelData.driftGroups(classifier, newData, null, Map.of()), mostProbable,
                        known ? actual : null, driftFindings, err);
            }
            if (unknown != null) { // how low_confidence / --reject-below would sort the unknown and the known labels' sequences
                rejection = rejectionRates(classifier, java.util.Arrays.asList(probabilities));
            }
            curveData = dataset;
            curveSplit = Split.TEST;
            curveIds = shown;
            if (texts) {
                String column = groupColumn != null ? groupColumn : runGroupColumn(classifier);
                String idColumn = classifier.card().encoder().map(org.rnnlab.datasets.text.TextEncoder::idColumn).orElse(null);
                // the file read again for its header and group column, in the encoding it was read in (trial 75b: an
                // evaluate --encoding windows-1252 of a text file read it, then was refused on these re-reads as UTF-8)
                org.rnnlab.datasets.FileEncoding.reading(declared, () -> {
                    warnUnreadTextColumns(read, column, idColumn, err);
                    return null;
                });
                if (column != null) {
                    List<String> scoredIds = newData.ids();
                    List<String> textGroups = org.rnnlab.datasets.FileEncoding.reading(declared,
                            () -> textGroups(read, column, idColumn, scoredIds, groupColumn != null, err));
                    if (textGroups != null && foreign == null && column.equalsIgnoreCase(String.valueOf(runGroupColumn(classifier)))) {
                        warnSeenGroups(textGroups, column, "texts", err); // new texts of the run's contracts (77g F7)
                    }
                    if (textGroups != null) {
                        scoring = scoring.withGroups(column, textGroups, actual, probabilities);
                        groupTable = org.rnnlab.evaluation.metrics.GroupTable.of(column, classifier.labelNames(), textGroups,
                                actual, predicted).orElse(null);
                        if (groupTable != null) {
                            groupTable.warning("scored").ifPresent(w -> err.printf("evaluate: warning: %s%n", w));
                            err.flush();
                        }
                    }
                }
            } else if (groupColumn != null) {
                // any column of the file, one value per sequence (trial 71d F5: scores by voyage without retraining); the
                // intervals and the few-groups lines below still go by the model's own group column
                int at = baselineColumn == null ? 0 : 1;
                List<String> asRead = newData.ids().stream().map(id -> kept.get(id) == null ? "" : kept.get(id).get(at)).toList();
                // a sequence blank in the column is scored in a group of its own, (blank): a trial's one blank trip of 120
                // dropped the whole table
                List<String> byColumn = asRead.stream().map(g -> g.isEmpty() ? BLANK_GROUP : g).toList();
                String column = org.rnnlab.datasets.csv.SequenceColumns.column(groupColumn);
                GroupSpellings.notes(column, byColumn, newData.ids()).forEach(n -> err.printf("evaluate: note: %s%n", n));
                groupTable = org.rnnlab.evaluation.metrics.GroupTable.of(column, classifier.labelNames(), byColumn, actual, predicted)
                        .orElse(null);
                scoring = scoring.withGroups(column, byColumn, actual, probabilities);
                String modelGroup = classifier.card().dataSchema() == null || classifier.card().dataSchema().group() == null ? null
                        : classifier.card().dataSchema().group().name();
                List<String> ids = newData.ids();
                List<String> blankIds = IntStream.range(0, asRead.size()).filter(i -> asRead.get(i).isEmpty())
                        .mapToObj(i -> org.rnnlab.datasets.LabelCheck.quoted(ids.get(i))).toList();
                if (!blankIds.isEmpty()) {
                    err.printf("evaluate: note: --group-column %s: %d of the %d sequences have no value in it (%s%s): scored as "
                                    + "the group %s%n", groupColumn, blankIds.size(), asRead.size(),
                            String.join(", ", blankIds.subList(0, Math.min(5, blankIds.size()))),
                            blankIds.size() > 5 ? " and " + (blankIds.size() - 5) + " more" : "", BLANK_GROUP);
                }
                if (groupTable == null) {
                    err.printf("evaluate: note: --group-column %s: every scored sequence has the one value %s: no scores by group%n",
                            groupColumn, blankIds.size() == asRead.size() ? "(blank)"
                                    : org.rnnlab.datasets.LabelCheck.quoted(byColumn.isEmpty() ? "" : byColumn.get(0)));
                } else if (modelGroup != null && !modelGroup.equals(column)) {
                    err.printf("evaluate: note: the scores by group are by --group-column %s; the model's group column %s is "
                            + "still the one its intervals resample%n", column, modelGroup);
                }
                err.flush();
            } else if (classifier.card().dataSchema() != null && classifier.card().dataSchema().group() != null) {
                // a CSV model's group column, read from the file as trained: each group's scores, as train's results.json has
                // them for its test split
                GroupSpellings.notes(classifier.card().dataSchema().group().name(), newData.groups(), newData.ids())
                        .forEach(n -> err.printf("evaluate: note: %s%n", n));
                groupTable = org.rnnlab.evaluation.metrics.GroupTable.of(classifier.card().dataSchema().group().name(),
                        classifier.labelNames(), newData.groups(), actual, predicted).orElse(null);
                scoring = scoring.withGroups(classifier.card().dataSchema().group().name(), newData.groups(), actual,
                        probabilities);
            }
            clustered = clustered(newData.groups(), newData.values(), classifier);
            byGroup = byGroup(r, newData.groups(), actual, predicted);
            groupScores = groupScores(newData.groups(), actual, predicted);
            fewGroups = fewGroups(r, newData.groups(), actual, predicted);
            if (baselineColumn != null) {
                columnBaseline = ColumnBaseline.of(baselineColumn, file, classifier.labelNames(), newData.ids(),
                        newData.ids().stream().map(id -> kept.getOrDefault(id, List.of("")).get(0)).toList(), actual, predicted);
                // on a line of its own, before the scores: most of the column in another encoding (a trial's 0/1 beside late/on_time)
                columnBaseline.warning(classifier.labelNames()).ifPresent(w -> err.printf("warning: %s%n", w));
            }
            if (!texts && newData.values().size() == actual.length) {
                // scores by length when lengths span widely (a web trial's 1-event sessions were predicted 'yes' up to p 0.889)
                int[] lengths = newData.values().stream().mapToInt(v -> v.length).toArray();
                lengthTable = org.rnnlab.evaluation.metrics.LengthTable.of(lengths, classifier.labelNames(), actual, predicted,
                        scoring.positive(), byLength).orElse(null);
                lengthTableLeftOut = lengthTable == null && !byLength
                        && org.rnnlab.evaluation.metrics.LengthTable.leftOut(lengths, classifier.labelNames(), actual, predicted);
            }
            dropped = newData.dropped();
            emptyFiles = newData.emptyFiles();
            // these data's scores against the model's own test split at training (trial 80c F3: a month at 0.50 against 1.00)
            heldOut = HeldOutComparison.of(classifier.card(), r, threshold != null);
            // trial 80c F6: "on every sequence of FILE (60 scored)" where 15 of its 75, of labels the model does not know, were set aside
            int setAside = unknown == null ? 0 : unknown.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
            String source = file.toString().equals("-") ? "standard input" : file.toString();
            title = model + (setAside == 0 ? " on every sequence of " + source : " on " + newData.size() + " of the "
                    + (newData.size() + setAside) + " sequences of " + source) + " (" + newData.size()
                    + " scored" + (setAside == 0 ? "" : ", " + setAside + " of labels the model does not know set aside"
                    + (unknownLabels.equals("count") ? ", counted as wrong only in the accuracy over all sequences below" : ""))
                    + (newData.dropped().isEmpty() ? "" : ", " + newData.dropped().size() + " dropped for missing values")
                    + (emptyFiles.isEmpty() ? "" : ", " + emptyFiles.size() + " empty file(s) skipped") + ")";
        } else {
            if (groupColumn != null) { // a split has no file whose column to read: it was ignored without a word
                throw new CommandLine.ParameterException(spec.commandLine(), "--group-column " + groupColumn + " scores a file "
                        + "given with --input by one of its columns; a --dataset split is scored by the model's own group column");
            }
            // the model's missing-value policy is the default here too, as for --input (--help: "evaluate: default the
            // model's policy"); carving the same split needs it, since a policy that fills or drops changes the data
            CsvSchema schema = classifier.card().dataSchema();
            Map<String, String> defaults = new java.util.LinkedHashMap<>(recordedSettings(classifier, err));
            String trainedMissing = data.name().equals(Datasets.CSV) && schema != null ? schema.missing().toString()
                    : null;
            if (trainedMissing != null) {
                defaults.put("missing", trainedMissing);
            }
            String givenMissing = data.missing != null ? data.missing : data.settings.get("missing");
            boolean otherMissing = trainedMissing != null && givenMissing != null
                    && !MissingValues.parse(givenMissing).toString().equals(trainedMissing);
            SequenceDataset dataset;
            if (otherMissing) {
                // the split is checked with the model's own policy (the data it was carved from), then scored with the one given,
                // as long as the split holds the same sequences under it (drop removes some)
                Map<String, String> asTrained = new java.util.LinkedHashMap<>(data.options(defaults).settings());
                asTrained.put("missing", trainedMissing);
                DatasetOptions given = data.options(defaults);
                SequenceDataset trainedData = Datasets.open(data.name(), new DatasetOptions(given.dataDir(), given.file(),
                        given.testFile(), given.seed(), given.limit(), given.domain(), asTrained, given.validationFile()));
                checkSameData(classifier, trainedData, fileData, err);
                dataset = data.open(defaults);
                List<String> before = trainedData.sequenceIds().getOrDefault(split, List.of());
                List<String> now = dataset.sequenceIds().getOrDefault(split, List.of());
                if (!new java.util.HashSet<>(before).equals(new java.util.HashSet<>(now))) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--missing " + givenMissing + " changes which sequences "
                            + "the " + split.name().toLowerCase(Locale.ROOT) + " split holds (" + before.size() + " with the model's "
                            + "policy " + trainedMissing + ", " + now.size() + " with " + givenMissing + "), so it is not the split of "
                            + "training; leave --missing out to score that split with the model's policy, or score a labelled file "
                            + "whole with --input FILE --missing " + givenMissing);
                }
                err.printf("evaluate: note: the %s split is the one of training (checked with the model's --missing %s); its "
                        + "sequences are scored with --missing %s, so the scores are those of that policy, not the model's%n",
                        split.name().toLowerCase(Locale.ROOT), trainedMissing, givenMissing);
                err.flush();
            } else {
                dataset = data.open(defaults);
                // the data first: other files or settings explain a vocabulary or label set that differs (a user's try got only
                // "a vocabulary of 1849 but ... 1623" for a --test left out)
                checkSameData(classifier, dataset, fileData, err);
            }
            check(classifier, dataset);
            if (dataset.split(split).size() == 0) {
                throw new IllegalArgumentException("the " + split.name().toLowerCase(Locale.ROOT) + " split of " + dataset.name()
                        + " is empty: nothing to evaluate" + (split == Split.TEST ? " (a model trained with --set testFraction=0 has no "
                        + "held-out test split: score it on labelled data it has not seen with --input FILE)" : ""));
            }
            int[] predicted = new int[dataset.split(split).size()];
            int[] scoredClasses = dataset.split(split).examples().stream().mapToInt(e -> e.label()).toArray();
            double[][] probabilities = new double[predicted.length][];
            scoredCounts = TrainingShares.counts(scoredClasses, classifier.labelNames().size());
            scoring = Scoring.of(classifier.labelNames(), scoredClasses, positive, threshold, targetRecall, targetPrecision,
                    topK);
            r = Evaluator.evaluate(classifier.network(), classifier.normalizer(), dataset, split,
                    dataset.sequenceIds().getOrDefault(split, List.of()), predicted, scoring.decision(), probabilities,
                    classifier.card().recalibrates() ? classifier.card()::calibrated : null);
            scoring = scoring.ranked(scoredClasses, probabilities);
            warnRates(classifier.card(), scoredClasses, probabilities, split == Split.VALIDATION, err);
            writeCurve(scoredClasses, probabilities, classifier.labelNames(), err);
            warnCutOffOnSelectingSplit(classifier.card(), err);
            warnTopKAbove(scoredClasses.length, err);
            scoreSummaryBaseline(classifier, dataset, split, scoredClasses, predicted, err);
            curveData = dataset;
            curveSplit = split;
            curveIds = dataset.sequenceIds().getOrDefault(split, List.of());
            // the split's sequences' groups (a group column's), as --input gives them: the same caveat for the same sequences
            // (a trial's --split test of 3 athletes printed intervals with no word of them, --input the same file a warning)
            List<String> groups = dataset.sequenceGroups().getOrDefault(split, List.of());
            if (!classifier.readsText() && groups.size() == predicted.length && !groups.isEmpty()) {
                List<float[][]> values = dataset.split(split).examples().stream().map(e -> e.values()).toList();
                int[] actual = dataset.split(split).examples().stream().mapToInt(e -> e.label()).toArray();
                clustered = clustered(groups, values, classifier);
                byGroup = byGroup(r, groups, actual, predicted);
                groupScores = groupScores(groups, actual, predicted);
                fewGroups = fewGroups(r, groups, actual, predicted);
            }
            String splitGroupColumn = classifier.card().dataSchema() == null || classifier.card().dataSchema().group() == null
                    ? runGroupColumn(classifier) : classifier.card().dataSchema().group().name();
            scoring = scoring.withGroups(splitGroupColumn, groups, scoredClasses, probabilities);
            title = model + " on " + dataset.name() + " " + split.name().toLowerCase(Locale.ROOT) + " split ("
                    + dataset.split(split).size() + " sequences)";
        }
        List<PrefixCurve.Point> curve = null;
        boolean prefixTrained = classifier.card().training() != null && classifier.card().training().augmentation().prefix() < 1;
        if (curvePrefixes != null) {
            CsvSchema trainedSchema = classifier.card().dataSchema();
            String givenPolicy = data.missing != null ? data.missing : data.settings.get("missing");
            MissingValues policy = givenPolicy != null ? MissingValues.parse(givenPolicy)
                    : trainedSchema == null ? null : trainedSchema.missing();
            String note = PrefixCurve.missingNote(policy);
            if (note != null) {
                err.printf("evaluate: note: %s%n", note);
                err.flush();
            }
            curve = PrefixCurve.score(classifier, curveData, curveSplit, curveIds, curvePrefixes, scoring.decision(),
                    scoring.positive());
        }
        String rankedAs = scoring.positive() >= 0 ? "the positive class "
                + org.rnnlab.datasets.LabelCheck.quoted(classifier.labelNames().get(scoring.positive()))
                : "each class against the rest, macro";
        PrintWriter out = spec.commandLine().getOut();
        java.util.Optional<String> neverPredicted = r.neverPredictedWarning("these data",
                !classifier.card().spec().classWeights().isEmpty(), classifier.card().trainingClassCounts());
        java.util.Optional<String> weightsNote = ClassWeightNote.of(classifier.card()); // in full in --json
        ClassWeightNote.line(classifier.card()).ifPresent(n -> {
            err.printf("evaluate: note: %s%n", n);
            err.flush();
        });
        if (file != null) {
            // --input only: a --dataset split's class shares are the reader's to compare with the training split, which it does
            // worded by how the split was made (review 66a #3: a test split carved by group got the reader's warning, then
            // this one's "another period, line or population")
            warnClassShares(classifier.card(), err);
        }
        if (json && dropped != null) {
            // --input: also the sequences the model's missing-value policy dropped (not scored), as the text says
            com.fasterxml.jackson.databind.node.ObjectNode node = traced(r, title, weightsNote.orElse(null));
            trainingMajorityTo(node, trainingMajority(r, classifier.card().trainingClassCounts()));
            neverPredicted.ifPresent(w -> err.printf("evaluate: warning: %s%n", w));
            node.putPOJO("warnings", java.util.stream.Stream.concat(loggedWarnings.stream(), tee.warnings().stream()).toList());
            node.putPOJO("notes", tee.notes()); // what standard error said beside the warnings, [] when nothing
            node.set("classShares", TrainingShares.json(classifier.card(), scoredCounts));
            node.set("heldOutComparison", heldOut.json());
            node.set("drift", DriftFinding.json(driftFindings)); // the drift warnings' findings, one per feature and group
            node.put("dropped", dropped.size());
            node.putPOJO("droppedSequences", dropped);
            // always there, [] when none, every file (standard error shows the first 5): a script reading the JSON learns
            // which recordings exit 4 is about without parsing the warning (it was written only when some were skipped,
            // under another name, and a user's script reading fixed fields missed it)
            node.putPOJO("skippedFiles", emptyFiles);
            if (groupTable != null) {
                node.set("groups", groupTable.json());
            }
            if (lengthTable != null) {
                node.set("byLength", lengthTable.json());
            }
            if (columnBaseline != null) {
                node.set("baselineColumn", columnBaseline.json());
            }
            if (curve != null) {
                node.set("prefixes", PrefixCurve.json(curve, scoring.positive() < 0 ? null
                        : classifier.labelNames().get(scoring.positive()), prefixTrained));
            }
            out.println(Json.write(node));
        } else if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode node = traced(r, title, weightsNote.orElse(null));
            trainingMajorityTo(node, trainingMajority(r, classifier.card().trainingClassCounts()));
            neverPredicted.ifPresent(w -> err.printf("evaluate: warning: %s%n", w));
            node.putPOJO("warnings", java.util.stream.Stream.concat(loggedWarnings.stream(), tee.warnings().stream()).toList());
            node.putPOJO("notes", tee.notes()); // what standard error said beside the warnings, [] when nothing
            node.set("classShares", TrainingShares.json(classifier.card(), scoredCounts));
            if (curve != null) {
                node.set("prefixes", PrefixCurve.json(curve, scoring.positive() < 0 ? null
                        : classifier.labelNames().get(scoring.positive()), prefixTrained));
            }
            out.println(Json.write(node));
        } else {
            out.print(text(r, title, clustered, byGroup, groupScores, scoring.lines(true, classifier.card()), fewGroups, scoring.perClassColumns(),
                    trainingMajority(r, classifier.card().trainingClassCounts()), summaryBaseline));
            if (groupTable != null) {
                out.print(groupTable.lines("scores"));
            }
            if (lengthTable != null) {
                out.print(lengthTable.lines());
            } else if (lengthTableLeftOut) {
                out.println("scores by sequence length: not shown (the lengths differ less than 10 times between the shortest and "
                        + "the longest sequence; --by-length shows them by the lengths' quartiles)");
            }
            if (columnBaseline != null) {
                out.println(columnBaseline.line());
            }
            if (heldOut != null) {
                out.print(heldOut.lines());
            }
            out.print(scoring.cutOffTable());
            if (curve != null) {
                out.print(PrefixCurve.table(curve, rankedAs, prefixTrained));
            }
            if (unknown != null) { // --unknown-labels report: the sequences left out, against the classes the model gave them
                out.print(unknownLabelTable(unknown, classifier.labelNames()));
            }
            if (rejection != null) {
                out.print(rejection.table());
            }
            if (unknown != null && unknownLabels.equals("count")) {
                out.print(countedLines(r, unknown));
            }
            neverPredicted.ifPresent(w -> err.printf("evaluate: warning: %s%n", w));
        }
        out.flush();
        StandardOutput.check(spec.commandLine());
        List<String> droppedIds = dropped == null ? List.of() : dropped;
        if (!emptyFiles.isEmpty() || !droppedIds.isEmpty()) {
            // the scores cover the other sequences only: exit 4, as predict, so that a script can tell
            List<String> left = new ArrayList<>();
            if (!emptyFiles.isEmpty()) {
                left.add(emptyFiles.size() + " empty file(s) skipped, not scored: " + String.join(", ", emptyFiles.subList(0, Math.min(5,
                        emptyFiles.size()))) + (emptyFiles.size() > 5 ? ", ..." : ""));
            }
            if (!droppedIds.isEmpty()) {
                left.add(PredictCommand.droppedNote(droppedIds, "not scored").substring(2));
            }
            err.printf("evaluate: warning: %s (exit %d)%n", String.join("; ", left), PredictCommand.EXIT_FILES_SKIPPED);
            err.flush();
            return PredictCommand.EXIT_FILES_SKIPPED;
        }
        return 0;
    }

    /**
     * Says which columns of a text file's header besides id, label and text nothing reads (not the group column, not
     * {@code --baseline-column}): they are not passed over in silence.
     */
    private void warnUnreadTextColumns(Path file, String group, String idColumn, PrintWriter err) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        org.rnnlab.datasets.text.TextColumns columns = org.rnnlab.datasets.text.TextColumns.find(file,
                org.rnnlab.datasets.text.TextDataset.readLines(file), l -> false, idColumn);
        if (columns == null) {
            return;
        }
        List<String> unread = columns.others().stream().filter(n -> !n.equalsIgnoreCase(group == null ? "" : group)
                && !n.equalsIgnoreCase(baselineColumn == null ? "" : baselineColumn)).toList();
        if (!unread.isEmpty()) {
            err.printf("evaluate: warning: %s:%d: column(s) %s of the header '%s' are not read (the model reads the texts alone): "
                    + "--group-column %s scores each of its values apart%n", file, columns.line(), unread.stream()
                    .map(org.rnnlab.datasets.LabelCheck::quoted).toList(), String.join("<TAB>", columns.names()), unread.get(0));
            err.flush();
        }
    }

    /**
     * The group column of the model's run ({@code --set group=} of a text dataset, in {@code config.json} beside the model
     * when it is this model's run), or null.
     */
    private String runGroupColumn(SequenceClassifier classifier) {
        Path config = model.toAbsolutePath().resolveSibling("config.json");
        if (!Files.isRegularFile(config) || foreignRun(classifier, model.toAbsolutePath()) != null) {
            return null;
        }
        try {
            org.rnnlab.evaluation.train.TrainRequest request = Json.readFile(config, org.rnnlab.evaluation.train.TrainRequest.class);
            return request.datasetOptions().settings().get("group");
        } catch (IOException | RuntimeException e) {
            return null; // not a training run's configuration
        }
    }

    /**
     * The group of each scored text (by its id) from the {@code column} of the --input file's header ({@link
     * org.rnnlab.datasets.text.TextColumns}), or null when the file has no such column: refused when the column was given
     * ({@code --group-column}), said when it is the run's.
     */
    private List<String> textGroups(Path file, String column, String idColumn, List<String> ids, boolean given, PrintWriter err) {
        List<String> lines = Files.isRegularFile(file) ? org.rnnlab.datasets.text.TextDataset.readLines(file) : List.of();
        org.rnnlab.datasets.text.TextColumns columns = lines.isEmpty() ? null
                : org.rnnlab.datasets.text.TextColumns.find(file, lines, l -> false, idColumn);
        String name = columns == null ? null : columns.others().stream().filter(n -> n.equalsIgnoreCase(column)).findFirst()
                .orElse(null);
        if (name == null) {
            String problem = file + " has no column " + org.rnnlab.datasets.LabelCheck.quoted(column) + " (expected a header such "
                    + "as 'id<TAB>" + column + "<TAB>label<TAB>text'" + (columns == null ? "" : "; its columns: " + columns.names())
                    + ")";
            if (given) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--group-column " + column + ": " + problem);
            }
            err.printf("evaluate: note: the model's run scored by group column %s, and %s: no scores by group%n", column, problem);
            err.flush();
            return null;
        }
        Map<String, String> byId = new java.util.HashMap<>();
        columns.rows(file, lines).forEach(row -> byId.put(row.id(), row.others().get(name)));
        return ids.stream().map(byId::get).toList();
    }

    /** The scored sequences per class of the model, in label order: compared with the card's training counts. */
    private long[] scoredCounts;

    /**
     * Warns when the labels of an {@code --input} file have clearly other class shares than the training split's (the card's
     * {@code trainingClassCounts}, {@link TrainingShares}); a model file written before they were recorded is scored all the
     * same, with a note that the comparison was skipped. Not for a {@code --dataset} split: the CSV reader compares the run's
     * test split with its training split, worded by how it was carved.
     */
    private void warnClassShares(org.rnnlab.training.ModelCard card, PrintWriter err) {
        if (card.trainingCounts().isEmpty()) {
            err.printf("evaluate: note: %s%n", TrainingShares.predates(model, card, "these data"));
        } else {
            TrainingShares.evaluateWarning(card.labelNames(), TrainingShares.compare(card, scoredCounts), unknown, scoredCounts)
                    .ifPresent(w -> err.printf("evaluate: warning: %s%n", w));
        }
        err.flush();
    }

    /**
     * Warns when sequences of {@code --input} come from groups (the run's {@code --set group} column: subjects, machines)
     * that the model's run trained or selected on ({@value SplitIdsFile#GROUPS_FILE} beside the model): new sequences of
     * known subjects score higher than new subjects will (a user's try: 50 new recordings of training machines scored
     * without a word, where train warned of the same file given as --test).
     */
    private void warnSeenGroups(SequenceClassifier classifier, NewData newData, PrintWriter err) {
        CsvSchema schema = classifier.card().dataSchema();
        if (newData.groups().isEmpty() || schema == null || schema.group() == null) {
            return;
        }
        warnSeenGroups(newData.groups(), schema.group().toString(), "sequences", err);
    }

    /**
     * As {@link #warnSeenGroups(SequenceClassifier, NewData, PrintWriter)}, for the {@code groups} of the scored items (one
     * each, in order) by the run's group column {@code column}: a text model's too, whose run writes the groups since trial
     * 77g F7 (40 clauses of 2 training contracts scored without a word). {@code unit} names the items (sequences, texts).
     */
    private void warnSeenGroups(List<String> groups, String column, String unit, PrintWriter err) {
        Path file = model.toAbsolutePath().resolveSibling(SplitIdsFile.GROUPS_FILE);
        if (groups.isEmpty() || !Files.isRegularFile(file)) {
            return;
        }
        int total = groups.size();
        Map<String, List<Split>> known = SplitIdsFile.groupsOf(file);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        int sequences = 0;
        // a group of the run written another way ('c' for its 'C'): counted apart and said, not as a group never seen
        // (trial 76f F14: one chamber 'c' wafer was counted among the groups the model never saw, without a word)
        Map<String, Long> otherwise = new java.util.TreeMap<>();
        Map<String, String> spelledAs = new java.util.HashMap<>();
        for (String g : groups) {
            List<Split> in = known.getOrDefault(g, List.of());
            if (in.contains(Split.TRAIN) || in.contains(Split.VALIDATION)) {
                seen.add(g);
                sequences++;
            } else if (g != null && !known.containsKey(g)) {
                GroupSpellings.knownAs(g, known.keySet()).filter(k -> known.get(k).contains(Split.TRAIN)
                        || known.get(k).contains(Split.VALIDATION)).ifPresent(k -> {
                            otherwise.merge(g, 1L, Long::sum);
                            spelledAs.put(g, k);
                        });
            }
        }
        long spelledSequences = otherwise.values().stream().mapToLong(Long::longValue).sum();
        String spelled = otherwise.isEmpty() ? "" : String.format("; %d more %s from group(s) %s, which differ only %s from "
                        + "group(s) the run trained or selected on (%s) and are counted here as groups it never saw: if they are "
                        + "the same groups, their scores are optimistic too", spelledSequences, spelledSequences == 1
                        ? unit.substring(0, unit.length() - 1) + " comes" : unit + " come", String.join(", ", otherwise.entrySet().stream().map(e -> org.rnnlab.datasets.LabelCheck.quoted(
                        e.getKey()) + " " + e.getValue()).toList()), org.rnnlab.datasets.LabelCheck.howTheyDiffer(
                        java.util.stream.Stream.concat(otherwise.keySet().stream(), otherwise.keySet().stream().map(spelledAs::get))
                                .distinct().toList()),
                String.join(", ", otherwise.keySet().stream().map(g -> org.rnnlab.datasets.LabelCheck.quoted(g) + " as "
                        + org.rnnlab.datasets.LabelCheck.quoted(spelledAs.get(g))).toList()));
        if (sequences > 0) {
            err.printf("evaluate: warning: %d of the %d %s come from %d group(s) of group column %s that this model's run "
                    + "trained or selected on (%s, e.g. %s): as scores of new %s of groups it knows, they are optimistic "
                    + "for groups it has never seen; score it on other groups for that%s%n", sequences, total, unit, seen.size(),
                    column, file, seen.stream().limit(5).toList(), unit, spelled);
            err.flush();
        } else if (!spelled.isEmpty()) {
            err.printf("evaluate: warning: none of the %d %s comes from a group of group column %s that this model's run "
                    + "trained or selected on (%s)%s%n", total, unit, column, file, spelled);
            err.flush();
        }
    }

    /**
     * Warns when sequences of {@code --input} were in the training or validation split of the model's run (its
     * {@value SplitIdsFile#FILE}, written by {@code train} beside the model, matched by the fingerprint of their values as the model's own missing-value policy reads them, or
     * by sequence id where the run recorded ids only): scores on them are optimistic.
     */
    private boolean warnSeenInTraining(SequenceClassifier classifier, List<String> ids, List<String> fingerprints, List<String> shown,
                                       String foreign, PrintWriter err) {
        Path splits = model.toAbsolutePath().resolveSibling(SplitIdsFile.FILE);
        boolean texts = classifier.readsText();
        if (ids.isEmpty() || classifier.card().dataSchema() == null && !texts) {
            return false; // not a model of CSV files or texts (whose runs write the splits): nothing to match
        }
        if (!Files.isRegularFile(splits)) {
            // a model handed on without its run folder: the check cannot be made, which is said rather than passed over
            err.printf("evaluate: note: no %s beside %s (train writes it into the model's run folder), so whether these sequences "
                    + "were in the model's training or validation data cannot be checked (scores on such sequences are optimistic)%n",
                    SplitIdsFile.FILE, model);
            err.flush();
            return false;
        }
        if (foreign != null) {
            err.printf("evaluate: note: %s beside the model is not this model's: %s; whether these sequences were in the model's "
                    + "training or validation data is not checked%n", splits, foreign);
            err.flush();
            return false;
        }
        List<SplitIdsFile.Entry> entries = SplitIdsFile.entries(splits);
        // texts: runs since whole texts are matched recorded each whole text's fingerprint (fingerprints here: the input's
        // whole texts); earlier runs the token ids as read (after truncation, ids here), matched as they were
        // (a file with ids: the user's ids, the whole text's fingerprint in the fingerprint column, matched by it)
        boolean textIds = texts && entries.stream().anyMatch(e -> e.fingerprint() != null
                && e.fingerprint().startsWith(SplitIdsFile.TEXT_FINGERPRINT));
        boolean wholeTexts = texts && (textIds || entries.stream().anyMatch(e -> e.id().startsWith(SplitIdsFile.TEXT_FINGERPRINT)));
        if (texts && !wholeTexts && entries.stream().noneMatch(e -> e.id().startsWith(SplitIdsFile.FINGERPRINT))) {
            return false; // a text model's run from before texts were recorded: nothing to match
        }
        // CSV sequences are matched by content when the run recorded each sequence's fingerprint (a new recording under a
        // reused file name is not one the model saw; a training recording under a new name is); texts are recorded by
        // their fingerprint in place of an id; runs from before the fingerprints recorded ids only, matched by id
        boolean byContent = !texts && entries.stream().allMatch(e -> e.fingerprint() != null);
        List<String> keys = byContent || wholeTexts && fingerprints.size() == ids.size() ? fingerprints : ids;
        Map<String, List<SplitIdsFile.Entry>> known = new java.util.HashMap<>();
        for (SplitIdsFile.Entry e : entries) {
            known.computeIfAbsent(byContent || textIds ? e.fingerprint() : e.id(), k -> new ArrayList<>()).add(e);
        }
        // an id the run's files reused (listed in several splits) counts in each: a match may be another sequence of that id
        List<Integer> train = new java.util.ArrayList<>();
        List<Integer> validation = new java.util.ArrayList<>();
        List<String> renamed = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            List<SplitIdsFile.Entry> in = known.getOrDefault(keys.get(i), List.of());
            boolean seen = false;
            if (in.stream().anyMatch(e -> e.split() == Split.TRAIN)) {
                train.add(i);
                seen = true;
            }
            if (in.stream().anyMatch(e -> e.split() == Split.VALIDATION)) {
                validation.add(i);
                seen = true;
            }
            String id = ids.get(i);
            if (seen && byContent && in.stream().noneMatch(e -> e.id().equals(id))) {
                renamed.add(shown.get(i) + " = " + in.stream().filter(e -> e.split() != Split.TEST).findFirst().orElseThrow().id());
            }
        }
        java.util.function.Function<Integer, Long> splitsOfKey = i -> known.get(keys.get(i)).stream().map(SplitIdsFile.Entry::split)
                .distinct().count();
        long reused = Stream.concat(train.stream(), validation.stream()).distinct().filter(i -> splitsOfKey.apply(i) > 1).count();
        if (byContent) {
            // same name, other content: not seen, which is said, since the scores count them as new
            Map<String, java.util.Set<Split>> seenIds = new java.util.HashMap<>();
            entries.stream().filter(e -> e.split() != Split.TEST)
                    .forEach(e -> seenIds.computeIfAbsent(e.id(), k -> java.util.EnumSet.noneOf(Split.class)).add(e.split()));
            java.util.Set<Integer> matched = new java.util.HashSet<>(train);
            matched.addAll(validation);
            List<String> sameName = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!matched.contains(i) && seenIds.containsKey(ids.get(i))) {
                    sameName.add(shown.get(i));
                }
            }
            // a wide file without an id column names its sequences by line number (UCR's TRAIN and TEST files): the same
            // numbers in both say nothing (a researcher got this note for every archive's pair)
            org.rnnlab.datasets.csv.CsvSchema schema = classifier.card().dataSchema();
            boolean lineNumbers = schema != null && schema.wide() != null && schema.wide().sequenceId() == null;
            if (!sameName.isEmpty() && !lineNumbers) {
                err.printf("evaluate: note: %d of the %d sequences have the name of a training or validation sequence of this model's "
                        + "run (%s, e.g. %s) but other values: counted as sequences the model has not seen (the run recorded each "
                        + "sequence's values by fingerprint)%n", sameName.size(), ids.size(), splits, sameName.stream().limit(3).toList());
                err.flush();
            }
        } else if (!texts) {
            err.printf("evaluate: note: %s was written before rnnlab recorded each sequence's values, so sequences are matched to the "
                    + "run's training and validation splits by id (file name) only: a new sequence under a training name counts as "
                    + "seen, and a training sequence under a new name does not; train again to match by content%n", splits);
            err.flush();
        }
        if (!train.isEmpty() || !validation.isEmpty()) {
            List<String> some = Stream.concat(train.stream(), validation.stream()).distinct().sorted().limit(3).map(shown::get).toList();
            String what = texts ? "texts" : "sequences";
            err.printf("evaluate: warning: %d of the %d %s were in the training split and %d in the validation split of"
                    + " this model's run (%s%s, e.g. %s%s): the scores on them are optimistic; leave them out for a fair test%s%n",
                    train.size(), ids.size(), what, validation.size(), splits, texts ? (wholeTexts ? ", the same whole text" : "") : byContent ? ", same values" : ", same id", some,
                    renamed.isEmpty() ? "" : "; under another name: " + renamed.stream().limit(3).collect(java.util.stream.Collectors
                            .joining(", ")) + (renamed.size() > 3 ? " and " + (renamed.size() - 3) + " more" : ""),
                    reused == 0 ? ""
                            : texts || byContent ? String.format(java.util.Locale.ROOT, " (%d of these %s were in more than one split "
                            + "there: the run's data repeated them)", reused, what)
                            : String.format(java.util.Locale.ROOT, " (%d of these ids name sequences of more than one split there: the "
                            + "run's files reused ids, so a match by id may be another sequence of that id)", reused));
            err.flush();
            return true;
        }
        return false;
    }

    /**
     * With {@code --split} and no data options, the data of the model's run for a model of users' own files: the dataset,
     * {@code --data}, {@code --train}, {@code --validation}, {@code --test}, {@code --data-seed} and {@code --limit} of its
     * {@code config.json} beside the model, when that is this model's run ({@link #foreignRun}); said on {@code err} with the
     * options taken (the other {@code --set} settings follow in {@link #recordedSettings}). Returns the config.json read, or
     * null when there is none to take (the usage error then says why: {@link #runDataMissing}). Train's hint for an alarm,
     * "evaluate --split validation --target-recall R --positive out_of_spec", did not run as printed: it needed the whole data
     * command of training again (trial 76d F11).
     */
    private String runData(SequenceClassifier classifier, PrintWriter err) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (!Set.of(Datasets.CSV, Datasets.TEXT).contains(classifier.card().dataset()) || runDataMissing(classifier) != null) {
            return null;
        }
        Path config = model.toAbsolutePath().normalize().resolveSibling("config.json"); // normalised: printed (trial 78j F1)
        org.rnnlab.evaluation.train.TrainRequest request;
        try {
            request = Json.readFile(config, org.rnnlab.evaluation.train.TrainRequest.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        org.rnnlab.datasets.DatasetOptions options = request.datasetOptions();
        data.dataset = request.dataset();
        data.data = options.dataDir();
        data.train = options.file();
        data.validation = options.validationFile();
        data.test = options.testFile();
        List<String> taken = new java.util.ArrayList<>(List.of("--dataset " + request.dataset()));
        for (String[] o : new String[][] {{"--data", p(options.dataDir())}, {"--train", p(options.file())},
                {"--validation", p(options.validationFile())}, {"--test", p(options.testFile())}}) {
            if (o[1] != null) {
                taken.add(o[0] + " " + CommandLines.quote(o[1]));
            }
        }
        if (!parsed.hasMatchedOption("--data-seed")) {
            data.dataSeed = options.seed();
            taken.add("--data-seed " + options.seed());
        }
        if (!parsed.hasMatchedOption("--limit") && options.limit() > 0) {
            data.limit = options.limit();
            taken.add("--limit " + options.limit());
        }
        if (options.domain() != null && data.domain == null) {
            data.domain = options.domain();
        }
        err.printf("evaluate: the %s split of the model's run: its data from %s (no --input or --dataset given): %s%n",
                split.name().toLowerCase(Locale.ROOT), config, String.join(" ", taken));
        err.flush();
        return config.toString();
    }

    private static String p(Path path) {
        return path == null ? null : path.toString();
    }

    /**
     * Why {@code --split} alone cannot take the data of the model's run from the {@code config.json} beside the model, or null
     * when it can.
     */
    private String runDataMissing(SequenceClassifier classifier) {
        Path config = model.toAbsolutePath().resolveSibling("config.json");
        if (!Files.isRegularFile(config)) {
            return "there is no " + config;
        }
        String foreign = foreignRun(classifier, model.toAbsolutePath());
        if (foreign != null) {
            return config + " is not this model's run: " + foreign;
        }
        try {
            org.rnnlab.evaluation.train.TrainRequest request = Json.readFile(config, org.rnnlab.evaluation.train.TrainRequest.class);
            if (!request.dataset().equals(classifier.card().dataset())) {
                return config + " is of a run on --dataset " + request.dataset() + ", the model of " + classifier.card().dataset();
            }
        } catch (IOException | RuntimeException e) {
            return config + " is not a training run's configuration (" + e.getMessage() + ")";
        }
        List<String> given = java.util.stream.Stream.of("--data", "--train", "--validation", "--test")
                .filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
        return given.isEmpty() ? null : String.join(", ", given) + " given: give --dataset " + classifier.card().dataset()
                + " with " + (given.size() == 1 ? "it" : "them") + ", or leave " + (given.size() == 1 ? "it" : "them") + " out";
    }

    /**
     * The {@code --set} settings the model's run was trained with ({@code config.json} beside the model, when it is this
     * model's run), as defaults for the ones not given: carving the same split needs them all, and the model stores them
     * (a user's try had to retype --set features=... though the model records its features). Said on {@code err} when they
     * fill in settings not given.
     */
    private Map<String, String> recordedSettings(SequenceClassifier classifier, PrintWriter err) {
        Path config = model.toAbsolutePath().resolveSibling("config.json");
        if (!Files.isRegularFile(config) || foreignRun(classifier, model.toAbsolutePath()) != null) {
            return Map.of();
        }
        org.rnnlab.datasets.DatasetOptions options;
        try {
            org.rnnlab.evaluation.train.TrainRequest request = Json.readFile(config, org.rnnlab.evaluation.train.TrainRequest.class);
            if (!request.dataset().equals(data.name())) {
                return Map.of();
            }
            options = request.datasetOptions();
        } catch (IOException | RuntimeException e) {
            return Map.of(); // not a training run's configuration: nothing to take
        }
        Map<String, String> taken = new java.util.TreeMap<>(options.settings());
        taken.keySet().removeAll(data.settings.keySet());
        taken.remove("missing"); // the model's policy, from its card; --missing is said apart
        if (!taken.isEmpty()) {
            err.printf("evaluate: taking the settings of the model's run (%s) not given here: %s%n", config, taken.entrySet().stream()
                    .map(e -> "--set " + e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(" ")));
            err.flush();
        }
        return taken;
    }

    /**
     * Why the run files beside the model ({@value SplitIdsFile#FILE}, {@code config.json}) belong to another run, or null:
     * the run folder's {@code provenance.json} records the checksum of the data it was carved from, and the model card that of the data the model
     * was trained on (a model copied into another run's folder, or beside another run's files).
     */
    private static String foreignRun(SequenceClassifier classifier, Path modelFile) {
        Provenance trained = classifier.card().provenance();
        Path provenance = modelFile.resolveSibling("provenance.json");
        if (trained == null || trained.datasetChecksum() == null || !Files.isRegularFile(provenance)) {
            return null;
        }
        try {
            String checksum = Json.mapper().readTree(provenance.toFile()).path("datasetChecksum").asText(null);
            return checksum == null || checksum.equals(trained.datasetChecksum()) ? null
                    : "the run there (" + provenance + ") was trained on other data or settings (dataset checksum " + checksum
                    + ", the model's " + trained.datasetChecksum() + ")";
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable provenance.json says nothing about the splits
        }
    }

    /**
     * Warns when {@code --input} is, byte for byte, the training or validation file of the model's run, as the run's
     * {@code config.json} beside the model names it: for texts before their fingerprints are matched, and for a model
     * without its {@value SplitIdsFile#FILE}. Returns whether it warned.
     */
    private boolean warnTrainingFile(Path input, String foreign, PrintWriter err) {
        Path config = model.toAbsolutePath().resolveSibling("config.json");
        if (!Files.isRegularFile(input) || !Files.isRegularFile(config) || foreign != null) {
            return false; // no run folder, or another run's
        }
        org.rnnlab.datasets.DatasetOptions options;
        try {
            options = Json.readFile(config, org.rnnlab.evaluation.train.TrainRequest.class).datasetOptions();
        } catch (IOException | RuntimeException e) {
            return false; // not a training run's configuration: nothing to compare with
        }
        Path[] files = {options.file(), options.validationFile()};
        for (int i = 0; i < files.length; i++) {
            if (files[i] != null && sameContent(files[i], input)) {
                String kind = i == 0 ? "training" : "validation";
                err.printf("evaluate: warning: %s is the %s file of this model's run (%s names %s): the model was %s on these "
                        + "examples, so the scores are optimistic; score a file it never saw, or the test split carved in training "
                        + "(evaluate --model %s with the --train, --test and --set options of training)%n", input, kind, config,
                        files[i], i == 0 ? "trained" : "selected", CommandLines.quote(model.toString()));
                err.flush();
                return true;
            }
        }
        return false;
    }

    private static boolean sameContent(Path a, Path b) {
        try {
            return Files.isRegularFile(a) && (Files.isSameFile(a, b) || (Files.size(a) == Files.size(b) && Files.mismatch(a, b) < 0));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A split of a --dataset is the split of training only when the data are those the model was trained on (the same
     * files, settings and seed: {@link org.rnnlab.datasets.DatasetProvenance#checksum()}, kept in the model card). Otherwise
     * its "test" split may hold sequences the model was trained or selected on: with the user's own files (csv, text),
     * e.g. --train without the --test of training, whose test split is then carved from the training file, that is a
     * usage error; with a built-in dataset opened with other settings (a legitimate probe, e.g. longer distances), a
     * warning.
     */
    private void checkSameData(SequenceClassifier classifier, SequenceDataset dataset, boolean fileData, PrintWriter err) {
        Provenance trained = classifier.card().provenance();
        if (trained == null || trained.datasetChecksum() == null
                || org.rnnlab.evaluation.run.RunFiles.sameData(trained.datasetChecksum(), dataset.provenance())) {
            return;
        }
        java.util.Optional<String> older = org.rnnlab.evaluation.run.RunFiles.olderRules(trained.datasetChecksum(), dataset.provenance());
        if (older.isPresent()) {
            // the options are those of training: telling the user to give them again (as below) sent them round in circles
            String which = split.name().toLowerCase(Locale.ROOT);
            String message = "the " + dataset.name() + " data opened with these options are those " + model + " was trained on, "
                    + "but it was trained by an older rnnlab, and this version reads them by a rule added since: " + older.get()
                    + ". So this version cannot give the " + which + " split of training (it may hold sequences the model was "
                    + "trained on): score it with the rnnlab that trained the model" + (trained.gitCommit() == null
                    || trained.gitCommit().isBlank() || trained.gitCommit().equals("unknown") ? "" : " (commit "
                    + trained.gitCommit() + ")") + ", or score a held-out labelled file whole with --input FILE";
            // a usage error for built-in data too: scoring a split that may hold training sequences would only be warned of
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
        if (sameHarTestPart(dataset)) {
            return; // UCI HAR's test split is the folder's test/ part whatever the validation volunteers: the one of training
        }
        String how = trained.commandLine().isEmpty() ? "" : " (it was trained by: " + CommandLines.quote(trained.commandLine()) + ")";
        String which = split.name().toLowerCase(Locale.ROOT);
        String what = "";
        if (model.toAbsolutePath().getParent() != null && foreignRun(classifier, model.toAbsolutePath()) == null) {
            try { // the run's dataset-provenance.json beside the model names the setting(s) or file(s) that differ
                what = org.rnnlab.evaluation.run.RunFiles.dataChange(model.toAbsolutePath().getParent(), dataset)
                        .map(c -> " (" + c + ")").orElse("");
            } catch (IOException | RuntimeException unreadable) {
                what = "";
            }
        }
        if (fileData) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the " + dataset.name() + " data opened with these options "
                    + "differ from the data " + model + " was trained on" + what + how + ", so their " + which + " split is not the one "
                    + "of training and may hold sequences the model was trained on. Give the same --train, --test, --set and "
                    + "--data-seed (which carves the splits; this opening used " + dataset.provenance().seed() + ") as training, "
                    + "or score a held-out labelled file whole with --input FILE");
        }
        err.printf("evaluate: warning: the %s data opened with these options differ from the data %s was trained on%s%s: the %s "
                + "split scored here is not the one of training%n", dataset.name(), model, what, how, which);
        err.flush();
    }

    /**
     * Whether the test split scored is UCI HAR's test part with the same files as the model's training run had (its
     * dataset-provenance.json beside the model): the har recipe's other validation fraction changes the checksum, not the
     * test split, and its warning misled every user of the recipe.
     */
    private boolean sameHarTestPart(SequenceDataset dataset) {
        if (!"har".equals(dataset.name()) || split != Split.TEST || model.toAbsolutePath().getParent() == null) {
            return false;
        }
        Path recorded = model.toAbsolutePath().getParent().resolve(org.rnnlab.evaluation.run.RunFiles.DATASET_PROVENANCE);
        try {
            if (!Files.isRegularFile(recorded)) {
                return false;
            }
            java.util.function.Function<org.rnnlab.datasets.DatasetProvenance, Map<String, String>> testFiles = d -> {
                Map<String, String> m = new java.util.TreeMap<>();
                d.files().stream().filter(f -> f.path().contains("/test/") || f.path().endsWith("activity_labels.txt"))
                        .forEach(f -> m.put(Path.of(f.path()).getFileName().toString(), f.sha256()));
                return m;
            };
            Map<String, String> before = testFiles.apply(org.rnnlab.core.Json.readFile(recorded, org.rnnlab.datasets.DatasetProvenance.class));
            return !before.isEmpty() && before.equals(testFiles.apply(dataset.provenance()));
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /** Refuses a dataset whose input or labels differ from the model's. */
    static void check(SequenceClassifier classifier, SequenceDataset dataset) {
        try {
            checkFits(classifier, dataset);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e); // data that does not fit the model: exit 1, not a usage error
        }
    }

    private static void checkFits(SequenceClassifier classifier, SequenceDataset dataset) {
        var card = classifier.card();
        if (!card.labelNames().equals(dataset.labelNames())) {
            throw new IllegalArgumentException("the model's labels " + card.labelNames() + " differ from the dataset's "
                    + dataset.labelNames());
        }
        if (card.input().kind() != dataset.input().kind() || card.input().featureCount() != dataset.input().featureCount()
                || card.input().vocabularySize() != dataset.input().vocabularySize()) {
            throw new IllegalArgumentException("the model reads " + describe(card.input()) + " but dataset " + dataset.name()
                    + " has " + describe(dataset.input()));
        }
        if (card.encoder().isPresent() && dataset.textEncoder().isPresent()
                && !card.encoder().get().vocabulary().equals(dataset.textEncoder().get().vocabulary())) {
            throw new IllegalArgumentException("the model's vocabulary differs from the one dataset " + dataset.name()
                    + " was encoded with: open the dataset with the same files, seed and settings as in training");
        }
    }

    private static String describe(InputDescription in) {
        return in.kind() == InputDescription.Kind.TOKENS ? "token ids of a vocabulary of " + in.vocabularySize()
                : in.featureCount() + " features " + in.featureNames();
    }

    /**
     * A label as the tables show it: invisible characters and odd white space as escapes ({@code pos\u00A0}), as every
     * message shows them (a trial's two classes 'pos' and 'pos' + no-break space read alike in both tables).
     */
    static String display(String label) {
        String quoted = org.rnnlab.datasets.LabelCheck.quoted(label);
        return quoted.startsWith("'") && quoted.endsWith("'") && quoted.length() >= 2 ? quoted.substring(1, quoted.length() - 1) : quoted;
    }

    /**
     * What always predicting the most frequent class of these data would score, the floor a model must clear (a reviewer
     * read "accuracy 0.7500" without knowing that 0.575 was free).
     */
    static String majorityLine(EvaluationResult r) {
        Majority m = majority(r);
        if (m == null) {
            return "";
        }
        // several classes as frequent (a trial's four classes of 12 each were called "the most frequent class, 'CEP'")
        long tied = r.perClass().stream().filter(c -> c.support() == m.support()).count();
        String which = tied > 1 ? String.format(Locale.ROOT, "one of the %d most frequent classes here (tied), e.g. %s (%d of %d each)",
                tied, org.rnnlab.datasets.LabelCheck.quoted(m.label()), m.support(), r.examples())
                : String.format(Locale.ROOT, "the most frequent class here, %s (%d of %d)", org.rnnlab.datasets.LabelCheck.quoted(m.label()),
                m.support(), r.examples());
        return String.format(Locale.ROOT, "(always predicting %s, would score accuracy %.4f, macro-F1 %.4f)%n", which, m.accuracy(),
                m.macroF1());
    }

    /**
     * Macro-F1 over the classes present in the data or predicted, a class predicted but absent counted as F1 0 (scikit-learn's
     * {@code f1_score(average='macro')}), or null when no class is predicted but absent (then it equals rnnlab's macro-F1).
     * A trial scored one month without the class its model predicted 225 times there and got 0.38 where scikit-learn said
     * 0.26; both are now given.
     */
    static Double macroF1PresentOrPredicted(EvaluationResult r) {
        return r.macroF1PresentOrPredicted();
    }

    /**
     * Why the scored sequences are not independent examples, or null: they come from few groups of the model's group column,
     * or overlap each other (windows of one series); then the intervals and p-values, which take every sequence as
     * independent, are too narrow (a trial's 20 engines cut at stride 1 halved the interval against stride 5).
     */
    private String clustered;

    /** Intervals resampling the groups of the model's group column, when every scored sequence has one; else null. */
    private ScoreIntervals.ByGroup byGroup;

    /**
     * Groups needed for intervals that resample them: with fewer, a percentile interval's ends are single groups' scores
     * (3 groups give 27 equally likely resamples, each all-one-group one 3.7%: a trial's [0.45, 0.925] across 3 athletes was
     * their lowest and highest score, called "reliably higher").
     */
    static final int MIN_RESAMPLED_GROUPS = 6;

    /**
     * {@link ScoreIntervals#byGroup} of sequences whose every one has a group, {@value #MIN_RESAMPLED_GROUPS} or more groups,
     * fewer than half as many as sequences; else null.
     */
    static ScoreIntervals.ByGroup byGroup(EvaluationResult r, List<String> groups, int[] actual, int[] predicted) {
        if (groups.size() != actual.length || groups.stream().anyMatch(g -> g == null || g.isEmpty())) {
            return null;
        }
        long distinct = groups.stream().distinct().count();
        Majority m = majority(r);
        if (distinct < MIN_RESAMPLED_GROUPS || distinct * 2 > actual.length || m == null) {
            return null;
        }
        return ScoreIntervals.byGroup(r.labelNames(), actual, predicted, groups, r.labelNames().indexOf(m.label()));
    }

    /** One group's accuracy: its name, its sequences and how many of them were classified right. */
    record GroupScore(String group, int sequences, int right) {
        double accuracy() {
            return (double) right / sequences;
        }
    }

    /** Each group's accuracy, in order of first appearance, when every sequence has a group and there are 2 to {@value #MIN_RESAMPLED_GROUPS} - 1 of them, fewer than half as many as sequences; else null. */
    static List<GroupScore> groupScores(List<String> groups, int[] actual, int[] predicted) {
        if (groups.size() != actual.length || groups.stream().anyMatch(g -> g == null || g.isEmpty())) {
            return null;
        }
        Map<String, int[]> counts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < actual.length; i++) {
            int[] c = counts.computeIfAbsent(groups.get(i), g -> new int[2]);
            c[0]++;
            c[1] += actual[i] == predicted[i] ? 1 : 0;
        }
        if (counts.size() < 2 || counts.size() >= MIN_RESAMPLED_GROUPS || counts.size() * 2 > actual.length) {
            return null;
        }
        return counts.entrySet().stream().map(e -> new GroupScore(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** The groups' scores of few groups ({@link #groupScores}), or null. */
    private List<GroupScore> groupScores;

    /** Groups under which a class's scores are said to rest on few of them, however many sequences it has. */
    static final int FEW_GROUPS = 10;

    /**
     * A class of the data scored and the groups its sequences come from: each group's sequences of the class and how many of
     * them were predicted as it ({@link GroupScore#right}: the group's recall of the class).
     */
    record ClassGroups(String label, int sequences, List<GroupScore> groups) {
        int recalled() {
            return groups.stream().mapToInt(GroupScore::right).sum();
        }
    }

    /**
     * The classes of {@value #FEW} or more sequences (fewer are said by {@link #fewSequences}) that come from fewer than
     * {@value #FEW_GROUPS} groups of the model's group column, each with its recall in each of those groups; empty when
     * none, null unless every sequence scored has a group. A trial's household-day test split held 42 EV-charger days from 3
     * households: its recall 0.6667 rested on those 3 (scoring every household once, compare --cv gave 0.5845), and neither
     * the few-sequences line, which counts sequences, nor the intervals, which resample groups for accuracy and macro-F1
     * overall, said so.
     */
    static List<ClassGroups> fewGroups(EvaluationResult r, List<String> groups, int[] actual, int[] predicted) {
        if (groups == null || groups.isEmpty() || groups.size() != actual.length
                || groups.stream().anyMatch(g -> g == null || g.isEmpty())) {
            return null;
        }
        List<ClassGroups> few = new ArrayList<>();
        for (int k = 0; k < r.perClass().size(); k++) {
            Map<String, int[]> counts = new java.util.LinkedHashMap<>();
            int sequences = 0;
            for (int i = 0; i < actual.length; i++) {
                if (actual[i] == k) {
                    int[] c = counts.computeIfAbsent(groups.get(i), g -> new int[2]);
                    c[0]++;
                    c[1] += predicted[i] == k ? 1 : 0;
                    sequences++;
                }
            }
            if (sequences >= FEW && counts.size() < FEW_GROUPS) {
                few.add(new ClassGroups(r.perClass().get(k).label(), sequences, counts.entrySet().stream()
                        .map(e -> new GroupScore(e.getKey(), e.getValue()[0], e.getValue()[1])).toList()));
            }
        }
        return few;
    }

    /**
     * The line of {@link #fewGroups}, e.g. {@code (few groups: has_ev_charger 42 sequences from 3 groups, recalled by group
     * 'HH1000' 14/14, 'HH1061' 7/14, 'HH1082' 7/14; ...)}, or empty when there are none.
     */
    static java.util.Optional<String> fewGroupsLine(List<ClassGroups> few) {
        return fewGroupsLine(few, -1);
    }

    /** Classes of the few-groups line with their recall in each group when they all come from the same groups. */
    static final int FEW_GROUPS_SHOWN = 12;

    /**
     * {@link #fewGroupsLine(List)}, where two or more classes that all come from the same groups (a test split of 4 held-out
     * writers: every one of 36 classes) are said once, the groups in one order (by name), and each class only with its recall
     * in each group in that order; above {@value #FEW_GROUPS_SHOWN} classes the {@value #FEW_GROUPS_SHOWN} whose recall
     * differs most between the groups (highest minus lowest) are listed, then how many more (a handwriting trial's line of 36
     * classes, "from 4 groups" 36 times and the groups in another order for each, ran to 3,500 characters, trial 73b F3).
     *
     * @param present the classes of the data scored that have a sequence, to say "every class" when each of them is listed
     *                (-1: not known)
     */
    static java.util.Optional<String> fewGroupsLine(List<ClassGroups> few, int present) {
        if (few == null || few.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.util.Set<String> shared = new java.util.TreeSet<>();
        few.get(0).groups().forEach(g -> shared.add(g.group()));
        boolean same = few.size() >= 2 && few.stream().allMatch(c -> c.groups().size() == shared.size()
                && c.groups().stream().allMatch(g -> shared.contains(g.group())));
        if (same) {
            return java.util.Optional.of(sharedGroupsLine(few, List.copyOf(shared), present));
        }
        List<String> classes = new ArrayList<>();
        for (ClassGroups c : few) {
            classes.add(String.format(Locale.ROOT, "%s %d sequences from %d group%s, recalled by group %s", display(c.label()),
                    c.sequences(), c.groups().size(), c.groups().size() == 1 ? "" : "s", c.groups().stream()
                            .map(g -> "'" + g.group() + "' " + g.right() + "/" + g.sequences())
                            .collect(java.util.stream.Collectors.joining(", "))));
        }
        return java.util.Optional.of("(few groups: " + String.join("; ", classes) + "; " + (few.size() == 1 ? "its" : "their")
                + " recall and F1 rest on so few groups, whose sequences are not independent, that one group more or less moves "
                + "them far: score data of more groups where there are any (compare --cv K scores every group of the training data "
                + "once), or read them as these groups' scores)");
    }

    /** The few-groups line of classes that all come from the {@code groups} (in that order), said once. */
    private static String sharedGroupsLine(List<ClassGroups> few, List<String> groups, int present) {
        String named = groups.stream().map(g -> "'" + g + "'").collect(java.util.stream.Collectors.joining(", "));
        List<ClassGroups> shown = few;
        if (few.size() > FEW_GROUPS_SHOWN) { // the classes whose recall differs most between the groups first
            shown = few.stream().sorted(java.util.Comparator.comparingDouble((ClassGroups c) -> -recallSpread(c)))
                    .limit(FEW_GROUPS_SHOWN).toList();
        }
        List<String> classes = new ArrayList<>();
        for (ClassGroups c : shown) {
            Map<String, GroupScore> byGroup = new java.util.HashMap<>();
            c.groups().forEach(g -> byGroup.put(g.group(), g));
            classes.add(display(c.label()) + " " + groups.stream().map(byGroup::get).map(g -> g.right() + "/" + g.sequences())
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        String whose = few.size() == present ? "every class's sequences come" : "the sequences of each of these " + few.size()
                + " classes come";
        return "(few groups: " + whose + " from the same " + groups.size() + " group" + (groups.size() == 1 ? "" : "s") + ": "
                + named + "; recall by group, in that order" + (shown.size() < few.size() ? ", of the " + shown.size()
                + " classes whose recall differs most between the groups" : "") + ": " + String.join("; ", classes)
                + (shown.size() < few.size() ? "; and " + (few.size() - shown.size()) + " more (--json: fewGroups)" : "")
                + "; their recall and F1 rest on so few groups, whose sequences are not independent, that one group more or less "
                + "moves them far: score data of more groups where there are any (compare --cv K scores every group of the "
                + "training data once), or read them as these groups' scores)";
    }

    /** The highest recall of a class in one of its groups minus the lowest. */
    private static double recallSpread(ClassGroups c) {
        double[] recall = c.groups().stream().mapToDouble(GroupScore::accuracy).toArray();
        return java.util.Arrays.stream(recall).max().orElse(0) - java.util.Arrays.stream(recall).min().orElse(0);
    }

    /**
     * For a model whose card calibrates its probabilities (a temperature or a prior correction, whose note says they estimate
     * the classes' rates), a warning for each class whose probabilities do not on the labelled data scored ({@link
     * org.rnnlab.evaluation.metrics.RateCheck}: a mean probability far from the class's share, or a slope below 0 beyond chance;
     * trial 80e F6).
     */
    static void warnRates(org.rnnlab.training.ModelCard card, int[] actual, double[][] probabilities, PrintWriter err) {
        warnRates(card, actual, probabilities, false, err);
    }

    /** As above; {@code calibrationSplit}: the data are the validation split the calibration was fitted on (trial 80h F2). */
    static void warnRates(org.rnnlab.training.ModelCard card, int[] actual, double[][] probabilities, boolean calibrationSplit,
                          PrintWriter err) {
        if (card.temperature() == null && card.priorCorrection() == null) {
            return;
        }
        // on the validation split, the card's method's cause; elsewhere, what train found there (review 81a R1)
        Double off = card.metrics().get(org.rnnlab.evaluation.train.TrainRun.CLASSES_RATE_OFF);
        (calibrationSplit ? org.rnnlab.evaluation.metrics.RateCheck.warnings(card.labelNames(), actual, probabilities,
                org.rnnlab.evaluation.metrics.RateCheck.Method.of(card.priorCorrection() != null, card.temperature() != null))
                : org.rnnlab.evaluation.metrics.RateCheck.warnings(card.labelNames(), actual, probabilities,
                off == null ? -1 : Math.round(off))).forEach(w -> err.printf("evaluate: warning: %s%n", w));
    }

    /** The classes whose sequences come from few groups ({@link #fewGroups}), or null without a group for every sequence. */
    private List<ClassGroups> fewGroups;

    /**
     * The data without the sequences whose label the model does not know, which are predicted and reported on {@code err}
     * with the classes the model gave them (a network trial's capture of another day held a new attack type, and evaluate
     * refused the whole file, so the known classes could not be scored).
     */
    private NewData leaveOutUnknownLabels(SequenceClassifier classifier, NewData data, PrintWriter err) {
        List<String> labels = classifier.labelNames();
        List<Integer> known = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            (labels.contains(data.labels().get(i)) ? known : other).add(i);
        }
        if (other.isEmpty()) {
            return data;
        }
        // predicted and reported also when no sequence is left to score (R&K labels 'Sleep stage 1' for a model of N1, ...):
        // which classes the model gives each label is then all there is to see (a sleep trial got "nothing to score" only)
        List<SequenceClassifier.Prediction> predicted = classifier.predictPrepared(other.stream().map(i -> data.values().get(i)).toList(), 0);
        unknownProbabilities = predicted.stream().map(SequenceClassifier.Prediction::probabilities).toList();
        unknown = new java.util.TreeMap<>();
        for (int j = 0; j < other.size(); j++) {
            // the class the scores' rule gives: with --threshold, the cut-off's (a review: it said the argmax's)
            String called = threshold == null || positive == null ? predicted.get(j).label()
                    : labels.get(org.rnnlab.training.Decision.cutOff(labels.indexOf(positive), threshold)
                    .choose(predicted.get(j).probabilities()));
            unknown.computeIfAbsent(data.labels().get(other.get(j)), l -> new java.util.TreeMap<>())
                    .merge(called, 1, Integer::sum);
        }
        err.printf("evaluate: warning: %d of the %d sequences have labels the model does not know, %s: %s%n",
                other.size(), data.size(), unknownLabels.equals("count")
                        ? "counted as wrong in the accuracy over all sequences, left out of the other scores" : "left out of the scores",
                unknown.entrySet().stream().map(e -> org.rnnlab.datasets.LabelCheck.quoted(e.getKey()) + " ("
                        + e.getValue().values().stream().mapToInt(Integer::intValue).sum()
                        + org.rnnlab.datasets.LabelCheck.readsAsWords(e.getKey(), labels) + ", called " + e.getValue().entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).map(p -> p.getKey() + " " + p.getValue())
                        .collect(java.util.stream.Collectors.joining(", ")) + ")").collect(java.util.stream.Collectors.joining("; ")));
        java.util.function.Function<List<String>, List<String>> keep = l -> l.size() == data.size()
                ? known.stream().map(l::get).toList() : l;
        java.util.Set<String> keptIds = known.stream().map(i -> data.ids().get(i)).collect(java.util.stream.Collectors.toSet());
        return new NewData(keep.apply(data.ids()), known.stream().map(i -> data.values().get(i)).toList(), keep.apply(data.labels()),
                data.dropped(), data.source(), keep.apply(data.where()), data.blankLines(),
                data.truncated().stream().filter(keptIds::contains).toList(), keep.apply(data.groups()), data.emptyFiles(),
                data.columns(), keep.apply(data.asTrained()), data.unseenCodes(), data.oneHotRows(),
                data.encodings().size() == data.size() ? known.stream().map(i -> data.encodings().get(i)).toList() : data.encodings(),
                data.written().size() == data.size() ? known.stream().map(i -> data.written().get(i)).toList() : data.written());
    }

    /**
     * The low-confidence shares of the sequences of unknown labels ({@link #unknownProbabilities}) and of {@code known} at
     * each held-out quantile of the card ({@link RejectionRates}), or null for a card without them.
     */
    private RejectionRates rejectionRates(SequenceClassifier classifier, List<double[]> known) {
        String split = classifier.card().heldOutPredictions() == null ? "validation" : classifier.card().heldOutPredictions().split();
        return RejectionRates.of(classifier.card().heldOutConfidence(), split, classifier.labelNames(), unknownProbabilities, known)
                .orElse(null);
    }

    /**
     * Ends an {@code --unknown-labels report} evaluation whose every sequence has a label the model does not know: the table
     * of those labels against the classes the model gave them on standard output ({@code --json}: the evaluation's
     * provenance with {@code "examples": 0} and {@code unknownLabels}), then an {@link IllegalStateException}, exit 1, as for
     * the same file without the option: the report asked for is given, but nothing was scored, which a script must not take
     * for a result (a sleep trial's R&K labels 'Sleep stage 1' for a model of N1 got "nothing to score" with no table, and
     * exit 2, a usage error, though the command line was right).
     */
    private void nothingToScore(SequenceClassifier classifier, NewData left, Path file, WarningTee tee) {
        int sequences = unknown.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        String title = model + " on every sequence of " + (file.toString().equals("-") ? "standard input" : file) + " (none scored: "
                + (sequences == 1 ? "its one sequence has a label" : "all " + sequences + " sequences have labels")
                + " the model does not know)";
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode node = Json.mapper().createObjectNode();
            node.put("scored", title);
            node.put("examples", 0);
            provenance(node);
            unknownLabelsTo(node);
            RejectionRates none = rejectionRates(classifier, List.of());
            if (none != null) {
                none.to(node);
            }
            node.putPOJO("warnings", java.util.stream.Stream.concat(loggedWarnings.stream(), tee.warnings().stream()).toList());
            node.putPOJO("notes", tee.notes());
            node.put("dropped", left.dropped().size());
            node.putPOJO("droppedSequences", left.dropped());
            node.putPOJO("skippedFiles", left.emptyFiles());
            out.println(Json.write(node));
        } else {
            out.println(title);
            out.print(unknownLabelTable(unknown, classifier.labelNames()));
            RejectionRates none = rejectionRates(classifier, List.of());
            if (none != null) {
                out.print(none.table());
            }
        }
        out.flush();
        StandardOutput.check(spec.commandLine());
        throw new IllegalStateException("no sequence of " + left.source() + " has a label of the model "
                + org.rnnlab.datasets.LabelCheck.listed(classifier.labelNames()) + ": nothing to score (--unknown-labels report "
                + "left out all " + sequences + "; " + (json ? "unknownLabels" : "the table above") + " gives the classes the model "
                + "gave them: if these labels name the model's classes in another scheme, write them as the model's to score them)");
    }

    /**
     * The sequences of labels the model does not know ({@code --unknown-labels report}) as a table: one row per such label,
     * one column per class of the model (numbered where a class name holds white space, as the confusion matrix's), the
     * row's total and the class the model gave most of them, with its share: 'Sleep stage 1' mostly N1 at a glance.
     */
    static String unknownLabelTable(Map<String, Map<String, Integer>> unknown, List<String> labels) {
        List<String> names = labels.stream().map(EvaluateCommand::display).toList();
        boolean numbered = names.stream().anyMatch(l -> l.chars().anyMatch(Character::isWhitespace));
        List<String> columns = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            columns.add(numbered ? Integer.toString(k + 1) : names.get(k));
        }
        List<String> rows = unknown.keySet().stream().map(EvaluateCommand::display).toList();
        int rw = Math.max(8, rows.stream().mapToInt(String::length).max().orElse(8));
        StringBuilder sb = new StringBuilder("\nsequences of labels the model does not know, left out of the scores (rows: their label, "
                + "columns: the class the model gave them" + (numbered ? ", numbered as the model's classes: " + java.util.stream.IntStream
                .range(0, names.size()).mapToObj(k -> (k + 1) + " " + names.get(k)).collect(java.util.stream.Collectors.joining(", ")) : "")
                + ")\n").append(String.format("%-" + rw + "s", ""));
        for (String c : columns) {
            sb.append(String.format(" %" + Math.max(6, c.length()) + "s", c));
        }
        sb.append(String.format(" %6s  %s%n", "total", "mostly"));
        int r = 0;
        for (Map.Entry<String, Map<String, Integer>> e : unknown.entrySet()) {
            sb.append(String.format("%-" + rw + "s", rows.get(r++)));
            int total = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            int most = e.getValue().values().stream().mapToInt(Integer::intValue).max().orElse(0);
            for (int k = 0; k < labels.size(); k++) {
                sb.append(String.format(" %" + Math.max(6, columns.get(k).length()) + "d", e.getValue().getOrDefault(labels.get(k), 0)));
            }
            List<String> mostly = labels.stream().filter(l -> e.getValue().getOrDefault(l, 0) == most && most > 0)
                    .map(EvaluateCommand::display).toList();
            sb.append(String.format(Locale.ROOT, " %6d  %s %.0f%%%s%n", total, String.join(", ", mostly), 100.0 * most / total,
                    mostly.size() > 1 ? " each" : ""));
        }
        return sb.toString();
    }

    /** The sequences of labels the model does not know, of {@link #leaveOutUnknownLabels}'s counts. */
    private static int unknownSequences(Map<String, Map<String, Integer>> unknown) {
        return unknown.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    }

    /** The sequences of the model's labels scored right (the confusion matrix's diagonal). */
    private static long knownRight(EvaluationResult r) {
        long right = 0;
        for (int c = 0; c < r.confusion().length; c++) {
            right += r.confusion()[c][c];
        }
        return right;
    }

    /**
     * {@code --unknown-labels count}: the accuracy over all the sequences, those of labels the model does not know counted as
     * wrong (none can be right), a line per such label, and which scores stay over the known labels only.
     */
    static String countedLines(EvaluationResult r, Map<String, Map<String, Integer>> unknown) {
        long known = java.util.Arrays.stream(r.confusion()).flatMapToLong(java.util.Arrays::stream).sum();
        long right = knownRight(r);
        int others = unknownSequences(unknown);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%naccuracy over all %d sequences, the %d of labels the model "
                + "does not know counted as wrong (they can never be right): %.4f (%d right)%n", known + others, others,
                (double) right / (known + others), right));
        unknown.forEach((label, calls) -> sb.append(String.format(Locale.ROOT, "  %s: %d sequences, 0 right (accuracy 0.0000)%n",
                org.rnnlab.datasets.LabelCheck.quoted(label), calls.values().stream().mapToInt(Integer::intValue).sum())));
        sb.append(String.format(Locale.ROOT, "macro-F1, Cohen's kappa, ROC AUC and the other scores above are over the %d "
                + "sequences of the model's labels only%n", known));
        return sb.toString();
    }

    /** {@code --unknown-labels report}'s sequences left out, by label, with the classes the model gave them, into {@code node}. */
    private void unknownLabelsTo(com.fasterxml.jackson.databind.node.ObjectNode node) {
        var a = node.putArray("unknownLabels");
        unknown.forEach((label, calls) -> {
            var o = a.addObject().put("label", label).put("sequences", calls.values().stream().mapToInt(Integer::intValue).sum());
            var p = o.putObject("predicted");
            calls.forEach(p::put);
        });
    }

    /** The model file's size and SHA-256, the input file's, and rnnlab's source revision, into {@code node}. */
    private void provenance(com.fasterxml.jackson.databind.node.ObjectNode node) {
        node.putPOJO("model", org.rnnlab.datasets.FileChecksums.of(model));
        if (input != null && java.nio.file.Files.isRegularFile(input)) {
            node.putPOJO("inputFile", org.rnnlab.datasets.FileChecksums.of(input));
        }
        node.put("rnnlabCommit", org.rnnlab.training.Provenance.capture(List.of("evaluate"), null, null, List.of()).gitCommit());
    }

    /** The decision rule and the ranking metrics of the data scored. */
    private Scoring scoring;

    /**
     * Refuses {@code --threshold} without {@code --positive} (the class it applies to), and a {@code --positive} that is none
     * of the model's labels. For a model of more than two classes {@code --positive} names one class against the rest, and
     * {@code --threshold} predicts it at or above the cut-off, else the most probable of the others (a maintenance trial's
     * alarm on p(imminent_failure) of a 4-class model was refused: two-class models only).
     */
    private void checkDecisionOptions(List<String> labels) {
        if (targetPrecision != null) {
            if (!(targetPrecision > 0 && targetPrecision <= 1)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--target-precision " + plainNumber(targetPrecision)
                        + " is not a share of the sequences raised: expected 0 < P <= 1, e.g. 0.5");
            }
            if (positive == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--target-precision needs --positive LABEL, the class "
                        + "ranked (one of " + org.rnnlab.datasets.LabelCheck.listed(labels) + ")");
            }
            if (threshold != null || targetRecall != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--target-precision finds a cut-off; "
                        + (threshold != null ? "--threshold gives one: give one of them (the first on validation data, the second "
                        + "on held-out data)" : "--target-recall finds another: give one of them"));
            }
        }
        for (Long k : topK) {
            if (k == null || k < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--top-k " + k + " is no count of sequences: expected "
                        + "whole numbers of 1 or more, e.g. --top-k 50,100");
            }
        }
        if (curve != null && positive == null && labels.size() != 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--curve needs --positive LABEL with a model of "
                    + labels.size() + " classes: the class whose curve is written, against the rest (one of "
                    + org.rnnlab.datasets.LabelCheck.listed(labels) + ")");
        }
        if (!topK.isEmpty() && positive == null && labels.size() != 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top-k needs --positive LABEL with a model of "
                    + labels.size() + " classes: the class whose highest-scored sequences are counted (one of "
                    + org.rnnlab.datasets.LabelCheck.listed(labels) + "); it is the precision of one class's top k sequences, "
                    + "not top-k accuracy (the true class among the k most probable)"
                    + (labels.size() > org.rnnlab.evaluation.metrics.TopKAccuracy.MIN_CLASSES
                    ? ", which evaluate prints without --top-k for k = 3 and 5 (the line 'top-k accuracy:'; TOP_3_ACCURACY and "
                    + "TOP_5_ACCURACY in --json's metrics)"
                    : ", which evaluate measures for models of more than " + org.rnnlab.evaluation.metrics.TopKAccuracy.MIN_CLASSES
                    + " classes"));
        }
        if (targetRecall != null) {
            if (!(targetRecall > 0 && targetRecall <= 1)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--target-recall " + plainNumber(targetRecall)
                        + " is not a share of the class's sequences: expected 0 < R <= 1, e.g. 0.95");
            }
            if (positive == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--target-recall needs --positive LABEL, the class "
                        + "raised as the alarm (one of " + org.rnnlab.datasets.LabelCheck.listed(labels) + ")");
            }
            if (threshold != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--target-recall finds a cut-off; --threshold gives "
                        + "one: give one of them (the first on validation data, the second on held-out data)");
            }
        }
        if (threshold != null && positive == null && labels.size() != 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threshold needs --positive LABEL, the class it applies "
                    + "to (one of " + org.rnnlab.datasets.LabelCheck.listed(labels) + "); below the cut-off the most probable of the "
                    + "others is predicted");
        }
        if (threshold != null && positive == null && labels.size() == 2) {
            // the rarer class of the data scored is no fixed choice: a file of one class, or a balanced sample, would flip
            // which class the cut-off is for, and a P chosen on validation data would mean another rule here (a review)
            throw new CommandLine.ParameterException(spec.commandLine(), "--threshold needs --positive LABEL, the class it applies "
                    + "to (" + org.rnnlab.datasets.LabelCheck.quoted(labels.get(0)) + " or " + org.rnnlab.datasets.LabelCheck.quoted(
                    labels.get(1)) + "): its default, the rarer class in the data scored, changes with the data");
        }
        if (positive != null && !labels.contains(positive)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--positive " + org.rnnlab.datasets.LabelCheck.quoted(positive)
                    + " is none of the model's labels " + org.rnnlab.datasets.LabelCheck.listed(labels));
        }
    }

    /**
     * {@code --curve}: the positive class's every distinct cut-off ({@link org.rnnlab.evaluation.metrics.CurvePoint}) written
     * to its file through a temporary sibling and a rename, as rnnlab writes files, and said where; nothing without it.
     */
    private void writeCurve(int[] actual, double[][] probabilities, List<String> labels, PrintWriter err) {
        if (curve == null || scoring.positive() < 0) {
            return;
        }
        int c = scoring.positive();
        boolean[] isPositive = new boolean[actual.length];
        double[] score = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            isPositive[i] = actual[i] == c;
            score[i] = probabilities[i][c];
        }
        List<org.rnnlab.evaluation.metrics.CurvePoint> rows = org.rnnlab.evaluation.metrics.CurvePoint.curve(isPositive, score);
        try {
            org.rnnlab.core.AtomicFiles.writeString(curve, org.rnnlab.evaluation.metrics.CurvePoint.csv(rows));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("--curve " + curve + ": " + e.getMessage(), e);
        }
        err.printf("evaluate: note: the precision-recall and ROC curve of %s (%d cut-offs, one per distinct p_%s, over %d "
                + "sequences) written to %s%n", org.rnnlab.datasets.LabelCheck.quoted(labels.get(c)), rows.size(), display(labels.get(c)),
                actual.length, curve);
        err.flush();
    }

    /**
     * With {@code --target-recall} or {@code --target-precision} on the validation split of a run that kept its epoch by a
     * validation score: a note that the cut-off is chosen on data that also selected the model, so its scores there are
     * optimistic (trial 75c: a cut-off chosen on 4 validation falls caught 4 of 4 there and 6 of 8 on the test split).
     */
    private void warnCutOffOnSelectingSplit(org.rnnlab.training.ModelCard card, PrintWriter err) {
        if (split != Split.VALIDATION || (targetRecall == null && targetPrecision == null) || card.training() == null
                || card.training().epochs() < 2 || !card.metrics().containsKey("validation_accuracy")) {
            return;
        }
        err.printf("evaluate: note: the validation split scored here also chose the kept epoch (epoch %d, by the %s validation "
                        + "%s): the cut-off is chosen on data that also selected the model, so its %s here is optimistic; check it on "
                        + "held-out data (--split test --threshold T --positive LABEL, or --input FILE)%n", card.bestEpoch(),
                card.training().selection().best(), card.training().selection().label(), targetRecall != null ? "recall" : "precision");
        err.flush();
    }

    /** Warns of the {@code --top-k} counts above the {@code n} sequences scored, which the table leaves out. */
    private void warnTopKAbove(int n, PrintWriter err) {
        List<Long> above = topK.stream().filter(k -> k > n).distinct().toList();
        if (!above.isEmpty()) {
            err.printf("evaluate: warning: --top-k %s: more than the %d sequences scored, left out of the top-k table%n",
                    above.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")), n);
            err.flush();
        }
    }

    private static String plainNumber(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    /** The warnings the data readers logged while the input was read, for {@code --json}'s {@code warnings}. */
    private final List<String> loggedWarnings = new ArrayList<>();

    /** {@link #clustered} of scored sequences: by the model's group column when it is in the data, else by overlap. */
    static String clustered(List<String> groupOf, List<float[][]> values, SequenceClassifier classifier) {
        int n = values.size();
        if (n < 2 || classifier.readsText()) {
            return null;
        }
        long grouped = groupOf.stream().filter(g -> g != null && !g.isEmpty()).count();
        long groups = groupOf.stream().filter(g -> g != null && !g.isEmpty()).distinct().count();
        if (grouped >= 2 && groups * 2 <= grouped) {
            org.rnnlab.datasets.csv.CsvSchema schema = classifier.card().dataSchema();
            // groups from a folder level have no column to name (trial 68e: "1 groups of the column group")
            String source = schema != null && schema.folderLabels() != null ? schema.folderLabels().groupSource() : null;
            return String.format(Locale.ROOT, "%s %d sequences come from %d group%s%s, and sequences of one group are not "
                    + "independent", grouped == n ? "the" : "of the " + n + " sequences,", grouped, groups, groups == 1 ? "" : "s",
                    source != null ? " (" + source + ")" : schema != null && schema.group() != null ? " of the column " + schema.group() : "");
        }
        int overlapping = org.rnnlab.datasets.csv.SplitOverlap.overlappingWithin(values);
        if (overlapping * 5 >= n) {
            return String.format(Locale.ROOT, "%d of the %d sequences share stretches of consecutive time steps, every feature "
                    + "identical, with another scored sequence (windows cut with overlap from the same series), so they are not "
                    + "independent", overlapping, n);
        }
        return null;
    }

    /**
     * The scores' 95% intervals and the comparison with the majority baseline ({@link ScoreIntervals}), two lines, or nothing
     * without examples; with {@code clustered}, a third saying why they are too narrow.
     */
    static String intervalLines(EvaluationResult r) {
        return intervalLines(r, null, null);
    }

    static String intervalLines(EvaluationResult r, String clustered) {
        return intervalLines(r, clustered, null);
    }

    static String intervalLines(EvaluationResult r, String clustered, ScoreIntervals.ByGroup groups) {
        return intervalLines(r, clustered, groups, null);
    }

    static String intervalLines(EvaluationResult r, String clustered, ScoreIntervals.ByGroup groups, List<GroupScore> few) {
        ScoreIntervals i = intervals(r);
        if (i == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "(95%% intervals: accuracy [%.4f, %.4f], Wilson; "
                + "macro-F1 [%.4f, %.4f]%s, bootstrap over the %d examples, %d resamples)%n", i.accuracyLow(), i.accuracyHigh(),
                i.macroF1Low(), i.macroF1High(), Double.isNaN(i.kappaLow()) ? "" : String.format(Locale.ROOT,
                        " and Cohen's kappa [%.4f, %.4f]", i.kappaLow(), i.kappaHigh()), r.examples(), i.resamples()));
        Majority m = majority(r);
        if (i.baselineClass() >= 0) {
            boolean accuracyReliable = i.mcnemarP() < 0.05;
            boolean f1Reliable = i.macroF1DifferenceLow() > 0 || i.macroF1DifferenceHigh() < 0;
            String accuracyWord = !accuracyReliable ? "not reliably different"
                    : r.accuracy() > m.accuracy() ? "reliably higher" : "reliably lower";
            String f1Word = !f1Reliable ? "not reliably different" : i.macroF1DifferenceLow() > 0 ? "reliably higher" : "reliably lower";
            sb.append(String.format(Locale.ROOT, "(against the baseline: accuracy %s, McNemar's exact p %s (%d examples right "
                    + "only here, %d only by the baseline); macro-F1 %s [%s, %s], paired bootstrap: %s)%n",
                    org.rnnlab.evaluation.compare.PairedDifference.signed(r.accuracy() - m.accuracy()),
                    i.mcnemarP() < 1e-300 ? "< 1e-300" : String.format(Locale.ROOT, "= %.3g", i.mcnemarP()),
                    i.modelOnlyRight(), i.baselineOnlyRight(),
                    org.rnnlab.evaluation.compare.PairedDifference.signed(r.macroF1() - m.macroF1()),
                    org.rnnlab.evaluation.compare.PairedDifference.signed(i.macroF1DifferenceLow()),
                    org.rnnlab.evaluation.compare.PairedDifference.signed(i.macroF1DifferenceHigh()),
                    baselineVerdict(r, m, accuracyReliable, accuracyWord, f1Reliable, f1Word)));
        }
        if (clustered != null) {
            sb.append("(these intervals and p-values take each sequence as an independent example, but ").append(clustered)
                    .append(groups != null ? ": they are too narrow; read the ones below, which resample whole groups)\n"
                    : ": they are too narrow; for ones that hold, score one window per series or windows that do not "
                    + "overlap, or compare the groups' scores)\n");
        }
        if (groups != null) {
            sb.append(String.format(Locale.ROOT, "(95%% intervals resampling the %d groups, each with all its sequences: accuracy "
                    + "[%.4f, %.4f], macro-F1 [%.4f, %.4f]%s; against the baseline: accuracy %s [%s, %s], macro-F1 %s [%s, %s]%s)%n",
                    groups.groups(), groups.accuracy()[0], groups.accuracy()[1], groups.macroF1()[0], groups.macroF1()[1],
                    Double.isNaN(groups.kappa()[0]) ? "" : String.format(Locale.ROOT, ", Cohen's kappa [%.4f, %.4f]", groups.kappa()[0],
                            groups.kappa()[1]),
                    diff(r.accuracy() - m.accuracy()), diff(groups.accuracyDifference()[0]), diff(groups.accuracyDifference()[1]),
                    diff(r.macroF1() - m.macroF1()), diff(groups.macroF1Difference()[0]), diff(groups.macroF1Difference()[1]),
                    acrossGroups(groups.accuracyDifference(), groups.macroF1Difference())));
        }
        if (few != null) {
            sb.append(String.format(Locale.ROOT, "(%d groups are too few for intervals or a verdict across groups (resampling "
                    + "%d groups, a 95%% interval's ends are single groups' scores): read each group's accuracy: %s)%n", few.size(),
                    few.size(), few.stream().map(g -> String.format(Locale.ROOT, "'%s' %.4f (%d of %d)", g.group(), g.accuracy(),
                            g.right(), g.sequences())).collect(java.util.stream.Collectors.joining(", "))));
        }
        return sb.toString();
    }

    /**
     * The verdict against the majority baseline at 5%. Where the model predicted a class these data hold none of, the
     * bootstrap compared the macro-F1 over the classes present, which leaves those predictions out; scikit-learn's figure
     * ({@link EvaluationResult#macroF1PresentOrPredicted}) is lower, and where it is not above the baseline's (rounded to
     * the 4 digits printed) the verdict takes it, as train's and compare's do (trial 68e: evaluate said "macro-F1 reliably
     * higher" of a model whose scikit-learn macro-F1 0.3333 equalled the baseline's, on the file train had called it no
     * better than the baseline on).
     */
    static String baselineVerdict(EvaluationResult r, Majority m, boolean accuracyReliable, String accuracyWord, boolean f1Reliable,
                                  String f1Word) {
        Double withPredicted = macroF1PresentOrPredicted(r);
        String always = "always " + org.rnnlab.datasets.LabelCheck.quoted(m.label());
        if (withPredicted != null && Math.round(withPredicted * 10_000) <= Math.round(m.macroF1() * 10_000)
                && !(f1Reliable && f1Word.equals("reliably lower"))) {
            String lower = String.format(Locale.ROOT, "macro-F1 counting the class(es) predicted here but absent (%.4f, "
                    + "scikit-learn's) is not above the baseline's %.4f: the verdict takes the lower", withPredicted, m.macroF1());
            return accuracyReliable && accuracyWord.equals("reliably higher")
                    ? "accuracy reliably higher at 5%, but " + lower
                    : "accuracy " + accuracyWord + (accuracyReliable ? " at 5%" : "") + ", and " + lower
                    + ": no evidence here that the model beats " + always;
        }
        return !accuracyReliable && !f1Reliable ? "neither reliably different at 5%: no evidence here that the model beats "
                + always : "accuracy " + accuracyWord + ", macro-F1 " + f1Word + " at 5%";
    }

    /**
     * The verdict of the by-group intervals of the differences from the baseline, per score: "above it" only where that
     * score's interval lies above 0 (a trial's accuracy interval [-0.04, +0.42] was called "above it across groups" for
     * the macro-F1's sake, which against a majority baseline nearly always wins).
     */
    static String acrossGroups(double[] accuracy, double[] macroF1) {
        String a = word(accuracy);
        String f = word(macroF1);
        return a.equals(f) ? ": accuracy and macro-F1 " + a + " across groups"
                : ": accuracy " + a + ", macro-F1 " + f + " across groups";
    }

    private static String word(double[] interval) {
        return interval[0] > 0 ? "reliably higher" : interval[1] < 0 ? "reliably lower" : "not reliably different";
    }

    private static String diff(double x) {
        return org.rnnlab.evaluation.compare.PairedDifference.signed(x);
    }

    /** {@link ScoreIntervals} of an evaluation against its majority class, or null without examples. */
    static ScoreIntervals intervals(EvaluationResult r) {
        Majority m = majority(r);
        return ScoreIntervals.of(r, m == null ? -1 : r.labelNames().indexOf(m.label()));
    }

    /** Always predicting {@code label}, the most frequent class of the data scored: its share is the accuracy. */
    record Majority(String label, long support, double accuracy, double macroF1) {
    }

    /**
     * What always predicting the model's most frequent training class scores on the data evaluated: {@code train}'s baseline
     * (its {@code baseline: always '7' (the most frequent training class)}), which, unlike {@link #majority}, does not take
     * its class from the labels scored.
     *
     * @param label     the class: the most frequent in the card's {@code trainingClassCounts}, the first in the classes' order
     *                  on a tie, as train takes it
     * @param sequences its training sequences
     * @param training  all training sequences
     * @param tied      the classes tied with it at that count, itself first (empty when none is)
     * @param accuracy  its accuracy on the data evaluated
     * @param macroF1   its macro-F1 there, computed as the model's is
     */
    record TrainingMajority(String label, long sequences, long training, List<String> tied, double accuracy, double macroF1) {

        /** One line of the text report, worded as train's {@code baseline:} line. */
        String line() {
            String which = tied.isEmpty() ? String.format(Locale.ROOT, "the most frequent training class, %d of %d training "
                    + "sequences", sequences, training)
                    : String.format(Locale.ROOT, "no class is the most frequent in training: %s tied at %d training sequences each; "
                    + "it takes %s, the first in the classes' order, as train does", String.join(", ", tied.stream()
                    .map(org.rnnlab.datasets.LabelCheck::quoted).toList()), sequences, org.rnnlab.datasets.LabelCheck.quoted(label));
            return String.format(Locale.ROOT, "(baseline as train gives it: always %s (%s): accuracy %.4f, macro-F1 %.4f on these "
                    + "data; the line above takes these data's own most frequent class, chosen by the labels scored, and the "
                    + "test against the baseline is against that one)%n", org.rnnlab.datasets.LabelCheck.quoted(label), which,
                    accuracy, macroF1);
        }
    }

    /**
     * {@link TrainingMajority} of an evaluation, from the model card's training class counts (by label); null when the card
     * records none (a model file written before they were), or nothing was scored.
     */
    static TrainingMajority trainingMajority(EvaluationResult r, Map<String, Long> trainingCounts) {
        if (trainingCounts == null || trainingCounts.isEmpty() || r.examples() == 0) {
            return null;
        }
        List<String> labels = r.perClass().stream().map(ClassMetrics::label).toList();
        int most = -1;
        long training = 0;
        for (int c = 0; c < labels.size(); c++) {
            long n = trainingCounts.getOrDefault(labels.get(c), 0L);
            training += n;
            if (most < 0 || n > trainingCounts.getOrDefault(labels.get(most), 0L)) {
                most = c;
            }
        }
        long top = trainingCounts.getOrDefault(labels.get(most), 0L);
        if (top == 0) {
            return null;
        }
        List<String> tied = labels.stream().filter(l -> trainingCounts.getOrDefault(l, 0L) == top).toList();
        int k = labels.size();
        long[][] confusion = new long[k][k];
        for (int c = 0; c < k; c++) {
            confusion[c][most] = r.perClass().get(c).support();
        }
        EvaluationResult always = org.rnnlab.evaluation.metrics.Evaluator.fromConfusion(labels, confusion, List.of(), 0);
        return new TrainingMajority(labels.get(most), top, training, tied.size() > 1 ? tied : List.of(), always.accuracy(),
                always.macroF1());
    }

    /**
     * {@code trainingMajorityBaseline} of evaluate's JSON: {@code label}, {@code trainingSequences}, {@code trainingTotal},
     * {@code tiedWith} (the classes tied at that count, [] when none), {@code accuracy}, {@code macroF1}; null when the card
     * records no training class counts.
     */
    static void trainingMajorityTo(com.fasterxml.jackson.databind.node.ObjectNode node, TrainingMajority m) {
        if (m == null) {
            node.putNull("trainingMajorityBaseline");
            return;
        }
        var t = node.putObject("trainingMajorityBaseline");
        t.put("label", m.label()).put("trainingSequences", m.sequences()).put("trainingTotal", m.training());
        var tied = t.putArray("tiedWith");
        m.tied().forEach(tied::add);
        t.put("accuracy", m.accuracy()).put("macroF1", m.macroF1());
        t.put("method", "always the most frequent class of the model's training split (trainingClassCounts; on a tie the first "
                + "in the classes' order), as train's baseline, scored on these data as the model is; majorityBaseline takes "
                + "these data's own most frequent class instead");
    }

    /** The majority-class scores of an evaluation, or null when it scored nothing. */
    static Majority majority(EvaluationResult r) {
        int k = r.perClass().size();
        int most = -1;
        for (int c = 0; c < k; c++) {
            if (most < 0 || r.perClass().get(c).support() > r.perClass().get(most).support()) {
                most = c;
            }
        }
        if (most < 0 || r.examples() == 0) {
            return null;
        }
        // scored as compare's MajorityBaseline scores it: every sequence predicted as that class, through the Evaluator
        long[][] confusion = new long[k][k];
        for (int c = 0; c < k; c++) {
            confusion[c][most] = r.perClass().get(c).support();
        }
        EvaluationResult always = org.rnnlab.evaluation.metrics.Evaluator.fromConfusion(
                r.perClass().stream().map(ClassMetrics::label).toList(), confusion, List.of(), 0);
        return new Majority(r.perClass().get(most).label(), r.perClass().get(most).support(), always.accuracy(), always.macroF1());
    }

    /**
     * The JSON of an evaluation with what it was made of (a reviewer could not tell from the JSON which model, data and
     * rnnlab produced it): the model file's size and SHA-256, the input file's (or the dataset and split scored), the
     * rnnlab source revision, and what always predicting the data's most frequent class scores.
     */
    private com.fasterxml.jackson.databind.node.ObjectNode traced(EvaluationResult r, String title, String weightsNote) {
        com.fasterxml.jackson.databind.node.ObjectNode node = Json.mapper().valueToTree(r);
        scoring.addTo(node);
        if (weightsNote != null) {
            node.put("classWeightsNote", weightsNote);
        }
        node.put("scored", title);
        provenance(node);
        if (unknown != null) { // --unknown-labels report: the sequences left out, by label, with the classes the model gave them
            unknownLabelsTo(node);
        }
        if (rejection != null) {
            rejection.to(node);
        }
        if (unknown != null && unknownLabels.equals("count")) {
            var counted = node.putObject("unknownLabelsCounted");
            long known = java.util.Arrays.stream(r.confusion()).flatMapToLong(java.util.Arrays::stream).sum();
            long right = knownRight(r);
            int others = unknownSequences(unknown);
            counted.put("sequences", known + others).put("unknownLabelSequences", others).put("right", right)
                    .put("accuracy", (double) right / (known + others))
                    .put("knownLabelsOnly", "every other score (accuracy of the known labels, macro-F1, Cohen's kappa, ROC AUC, "
                            + "average precision, calibration) is over the " + known + " sequences of the model's labels");
        }
        Double withPredicted = macroF1PresentOrPredicted(r);
        if (withPredicted != null) { // scikit-learn's macro-F1, where a class predicted but absent makes it differ
            node.put("macroF1PresentOrPredicted", withPredicted);
        }
        if (fewGroups != null) { // [] when no class comes from few groups; absent without a group for every sequence
            var few = node.putArray("fewGroups");
            for (ClassGroups c : fewGroups) {
                var o = few.addObject().put("label", c.label()).put("sequences", c.sequences()).put("groups", c.groups().size())
                        .put("recalled", c.recalled());
                var a = o.putArray("byGroup");
                c.groups().forEach(g -> a.addObject().put("group", g.group()).put("sequences", g.sequences())
                        .put("recalled", g.right()));
            }
        }
        if (summaryBaseline != null) { // the summary-feature baseline of the model's run, scored on these data
            node.set("summaryBaseline", summaryBaseline.json());
        } else {
            node.putNull("summaryBaseline"); // a text model's (it does not apply), or a model file without one (a note says so)
        }
        Majority m = majority(r);
        ScoreIntervals i = intervals(r);
        if (i != null) {
            com.fasterxml.jackson.databind.node.ObjectNode intervals = node.putObject("intervals95");
            intervals.putArray("accuracy").add(i.accuracyLow()).add(i.accuracyHigh());
            intervals.putArray("macroF1").add(i.macroF1Low()).add(i.macroF1High());
            if (!Double.isNaN(i.kappaLow())) { // absent where a resample leaves kappa undefined, as it is from metrics then
                intervals.putArray("cohenKappa").add(i.kappaLow()).add(i.kappaHigh());
            }
            intervals.put("method", "accuracy: Wilson score interval; macro-F1 and Cohen's kappa: percentile bootstrap over the "
                    + "examples, " + i.resamples() + " resamples, seed " + ScoreIntervals.SEED);
            // null when the sequences look independent; else why the intervals are too narrow
            intervals.put("notIndependent", clustered);
            if (groupScores != null) { // few groups: each one's accuracy, no interval across them
                var a = intervals.putArray("groupScores");
                groupScores.forEach(g -> a.addObject().put("group", g.group()).put("sequences", g.sequences()).put("right", g.right())
                        .put("accuracy", g.accuracy()));
            }
            if (byGroup != null) {
                com.fasterxml.jackson.databind.node.ObjectNode g = intervals.putObject("byGroup");
                g.put("groups", byGroup.groups());
                g.putArray("accuracy").add(byGroup.accuracy()[0]).add(byGroup.accuracy()[1]);
                g.putArray("macroF1").add(byGroup.macroF1()[0]).add(byGroup.macroF1()[1]);
                if (!Double.isNaN(byGroup.kappa()[0])) {
                    g.putArray("cohenKappa").add(byGroup.kappa()[0]).add(byGroup.kappa()[1]);
                }
                g.putArray("accuracyDifference").add(byGroup.accuracyDifference()[0]).add(byGroup.accuracyDifference()[1]);
                g.putArray("macroF1Difference").add(byGroup.macroF1Difference()[0]).add(byGroup.macroF1Difference()[1]);
            }
        }
        if (m != null) {
            com.fasterxml.jackson.databind.node.ObjectNode majority = node.putObject("majorityBaseline");
            majority.put("label", m.label());
            majority.put("accuracy", m.accuracy());
            majority.put("macroF1", m.macroF1());
            if (i != null && i.baselineClass() >= 0) {
                majority.put("mcnemarP", i.mcnemarP());
                majority.put("rightOnlyByModel", i.modelOnlyRight());
                majority.put("rightOnlyByBaseline", i.baselineOnlyRight());
                majority.putArray("macroF1Difference95").add(i.macroF1DifferenceLow()).add(i.macroF1DifferenceHigh());
            }
        }
        return node;
    }

    /** The human-readable report. */
    static String text(EvaluationResult r, String title) {
        return text(r, title, null, null);
    }

    /** The human-readable report, its intervals qualified by {@code clustered} ({@link #clustered}) and by group. */
    static String text(EvaluationResult r, String title, String clustered, ScoreIntervals.ByGroup groups) {
        return text(r, title, clustered, groups, null);
    }

    /** {@link #text(EvaluationResult, String, String, ScoreIntervals.ByGroup)} with the scores of few groups ({@link #groupScores}). */
    static String text(EvaluationResult r, String title, String clustered, ScoreIntervals.ByGroup groups, List<GroupScore> few) {
        return text(r, title, clustered, groups, few, "");
    }

    /**
     * {@link #text(EvaluationResult, String, String, ScoreIntervals.ByGroup, List)} with {@code scoring}, the ranking metrics'
     * and the decision rule's lines ({@link Scoring#lines}), after the intervals.
     */
    static String text(EvaluationResult r, String title, String clustered, ScoreIntervals.ByGroup groups, List<GroupScore> few,
                       String scoring) {
        return text(r, title, clustered, groups, few, scoring, null);
    }

    /**
     * {@link #text(EvaluationResult, String, String, ScoreIntervals.ByGroup, List, String)} with the classes whose sequences
     * come from few groups ({@link #fewGroups}), said after the few-sequences line.
     */
    static String text(EvaluationResult r, String title, String clustered, ScoreIntervals.ByGroup groups, List<GroupScore> few,
                       String scoring, List<ClassGroups> fewGroups) {
        return text(r, title, clustered, groups, few, scoring, fewGroups, java.util.Map.of());
    }

    /**
     * {@link #text(EvaluationResult, String, String, ScoreIntervals.ByGroup, List, String, List)} with each class's ROC AUC
     * and average precision against the rest ({@link Scoring#perClassColumns}, by label) as two more columns of the per-class
     * table, {@code ROC AUC} and {@code AP}; none when empty.
     */
    static String text(EvaluationResult r, String title, String clustered, ScoreIntervals.ByGroup groups, List<GroupScore> few,
                       String scoring, List<ClassGroups> fewGroups, java.util.Map<String, double[]> ranking) {
        return text(r, title, clustered, groups, few, scoring, fewGroups, ranking, null);
    }

    /**
     * {@link #text(EvaluationResult, String, String, ScoreIntervals.ByGroup, List, String, List, Map)} with train's baseline
     * on these data ({@link #trainingMajority}), a line after the majority line; none when null.
     */
    static String text(EvaluationResult r, String title, String clustered, ScoreIntervals.ByGroup groups, List<GroupScore> few,
                       String scoring, List<ClassGroups> fewGroups, java.util.Map<String, double[]> ranking,
                       TrainingMajority trainingMajority) {
        return text(r, title, clustered, groups, few, scoring, fewGroups, ranking, trainingMajority, null);
    }

    /**
     * {@link #text(EvaluationResult, String, String, ScoreIntervals.ByGroup, List, String, List, Map, TrainingMajority)} with
     * the summary-feature baseline of the model's run scored on these data ({@link SummaryBaselineScore#line()}), a line after
     * the majority baseline's; none when null.
     */
    static String text(EvaluationResult r, String title, String clustered, ScoreIntervals.ByGroup groups, List<GroupScore> few,
                       String scoring, List<ClassGroups> fewGroups, java.util.Map<String, double[]> ranking,
                       TrainingMajority trainingMajority, SummaryBaselineScore summaryBaseline) {
        StringBuilder sb = new StringBuilder(title).append('\n');
        sb.append(String.format(Locale.ROOT, "accuracy %.4f, macro-F1 %.4f, Cohen's kappa %s on %d examples%n", r.accuracy(), r.macroF1(),
                Double.isNaN(r.cohenKappa()) ? "- (undefined: one class holds every sequence and every prediction)"
                        : String.format(Locale.ROOT, "%.4f", r.cohenKappa()), r.examples()));
        Double withPredicted = macroF1PresentOrPredicted(r);
        if (withPredicted != null) {
            // and which class, as train's line names it (trial 68e: evaluate's line did not)
            sb.append('(').append(EvaluationResult.presentOrPredictedWords(withPredicted)).append("; predicted here but absent: ")
                    .append(String.join(", ", r.predictedAbsent())).append(")\n");
        }
        // many classes: whether the true class is among the few most probable (identification's headline; trial 81c F3)
        org.rnnlab.evaluation.metrics.TopKAccuracy.line(r).ifPresent(l -> sb.append(l).append('\n'));
        sb.append(majorityLine(r));
        if (trainingMajority != null) {
            sb.append(trainingMajority.line());
        }
        if (summaryBaseline != null) {
            sb.append(summaryBaseline.line());
        }
        sb.append(intervalLines(r, clustered, groups, few)).append(scoring).append('\n');
        int w = Math.max(8, r.labelNames().stream().map(EvaluateCommand::display).mapToInt(String::length).max().orElse(8));
        boolean ranked = !ranking.isEmpty();
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %9s %9s %9s %8s", "class", "precision", "recall", "F1", "support"))
                .append(ranked ? String.format(Locale.ROOT, " %9s %9s", "ROC AUC", "AP") : "").append('\n');
        boolean undefined = false;
        for (int k = 0; k < r.perClass().size(); k++) {
            ClassMetrics c = r.perClass().get(k);
            long predicted = 0;
            for (long[] row : r.confusion()) {
                predicted += k < row.length ? row[k] : 0;
            }
            if (c.support() == 0 && predicted == 0) { // nothing to score: not a class that failed
                undefined = true;
                sb.append(String.format(Locale.ROOT, "%-" + w + "s %9s %9s %9s %8d", display(c.label()), "-", "-", "-", 0));
            } else if (c.support() == 0) { // predicted, never right, but no sequence to recall: recall and F1 undefined
                undefined = true;
                sb.append(String.format(Locale.ROOT, "%-" + w + "s %9.4f %9s %9s %8d", display(c.label()), c.precision(), "-", "-", 0));
            } else {
                sb.append(String.format(Locale.ROOT, "%-" + w + "s %9.4f %9.4f %9.4f %8d", display(c.label()), c.precision(), c.recall(),
                        c.f1(), c.support()));
            }
            if (ranked) {
                double[] auc = ranking.getOrDefault(c.label(), new double[] {Double.NaN, Double.NaN});
                sb.append(String.format(Locale.ROOT, " %9s %9s", rankNumber(auc[0]), rankNumber(auc[1])));
            }
            sb.append('\n');
        }
        fewSequences(r).ifPresent(line -> sb.append(line).append('\n'));
        fewGroupsLine(fewGroups, (int) r.perClass().stream().filter(c -> c.support() > 0).count())
                .ifPresent(line -> sb.append(line).append('\n'));
        if (undefined) {
            sb.append("(-: undefined. A class with no sequence here has no recall or F1 and is left out of macro recall and macro-F1, "
                    + "the means over the classes present here; its precision is 0 if some sequence was predicted as it (those "
                    + "predictions still count against their true classes' recall, and it stays in macro precision, the mean over "
                    + "the classes present or predicted), undefined if none was)\n");
        }
        // labels with spaces in them would run into each other as column headers: then the classes are numbered
        List<String> names = r.labelNames().stream().map(EvaluateCommand::display).toList();
        boolean numbered = names.stream().anyMatch(l -> l.chars().anyMatch(Character::isWhitespace));
        List<String> rows = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            rows.add(numbered ? (k + 1) + " " + names.get(k) : names.get(k));
            columns.add(numbered ? Integer.toString(k + 1) : names.get(k));
        }
        if (names.size() > WIDE) {
            // 40 classes make a matrix 300+ characters wide (a keystroke trial's 40 users): the largest confusions instead
            sb.append('\n').append(topConfusions(r, TOP_CONFUSIONS)).append('\n');
            return sb.toString();
        }
        int rw = Math.max(8, rows.stream().mapToInt(String::length).max().orElse(8));
        sb.append("\nconfusion matrix (rows: actual, columns: predicted").append(numbered ? ", numbered as the rows" : "")
                .append(")\n").append(String.format("%-" + rw + "s", ""));
        for (String c : columns) {
            sb.append(String.format(" %" + Math.max(6, c.length()) + "s", c));
        }
        sb.append('\n');
        for (int a = 0; a < names.size(); a++) {
            sb.append(String.format("%-" + rw + "s", rows.get(a)));
            for (int p = 0; p < names.size(); p++) {
                sb.append(String.format(" %" + Math.max(6, columns.get(p).length()) + "d", r.confusion()[a][p]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A ROC AUC or average precision of the per-class table: 4 decimals, {@code -} where undefined. */
    private static String rankNumber(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.4f", x);
    }

    /** Classes above which the text report lists the largest confusions instead of the confusion matrix. */
    static final int WIDE = 15;
    /** Confusions listed in their place. */
    static final int TOP_CONFUSIONS = 15;
    /** Classes the few-sequences line names at most. */
    static final int FEW_SHOWN = 12;

    /**
     * The largest off-diagonal cells of the confusion matrix, most sequences first (on a tie, the larger share of the actual
     * class), at most {@code shown}: {@code most common confusions (actual read as predicted: sequences of the actual
     * class's): u017 read as u023: 5 of 12; ...}, for a matrix too wide to print (its cells stay in --json).
     */
    static String topConfusions(EvaluationResult r, int shown) {
        long[][] m = r.confusion();
        List<long[]> cells = new ArrayList<>(); // {actual, predicted, count, support}
        for (int a = 0; a < m.length; a++) {
            long support = java.util.Arrays.stream(m[a]).sum();
            for (int p = 0; p < m[a].length; p++) {
                if (p != a && m[a][p] > 0) {
                    cells.add(new long[] {a, p, m[a][p], support});
                }
            }
        }
        cells.sort(java.util.Comparator.<long[]>comparingLong(c -> -c[2]).thenComparingDouble(c -> -(double) c[2] / c[3])
                .thenComparingLong(c -> c[0]).thenComparingLong(c -> c[1]));
        List<String> names = r.labelNames().stream().map(EvaluateCommand::display).toList();
        if (cells.isEmpty()) {
            return "confusion matrix: " + names.size() + " classes, no sequence read as another class (the matrix: --json)";
        }
        long wrong = cells.stream().mapToLong(c -> c[2]).sum();
        String listed = cells.stream().limit(shown).map(c -> names.get((int) c[0]) + " read as " + names.get((int) c[1]) + ": "
                + c[2] + " of " + c[3]).collect(java.util.stream.Collectors.joining("\n  "));
        return "confusion matrix: " + names.size() + " classes, too many to print (the matrix: --json); the most common "
                + "confusions (actual read as predicted: sequences of the actual class's), " + Math.min(shown, cells.size())
                + " of " + cells.size() + " pairs, " + cells.stream().limit(shown).mapToLong(c -> c[2]).sum() + " of the " + wrong
                + " misread sequences:\n  " + listed;
    }

    /** Sequences of a class below which its per-class scores are said to rest on few. */
    static final int FEW = org.rnnlab.evaluation.metrics.ScoreIntervals.FEW_SEQUENCES;

    /**
     * The classes of the data scored with 1 to {@value #FEW} sequences, with the recall interval their counts allow (Wilson,
     * 95%): a trial's failure class of 2 cycles read recall, ROC AUC and average precision 1.0000 with no word of how little
     * that says (2 of 2: [0.34, 1.00]); empty when every class present has more.
     */
    static java.util.Optional<String> fewSequences(org.rnnlab.evaluation.metrics.EvaluationResult r) {
        List<String> few = new ArrayList<>();
        List<Double> recalls = new ArrayList<>();
        for (ClassMetrics c : r.perClass()) {
            if (c.support() > 0 && c.support() < FEW && !Double.isNaN(c.recall())) {
                recalls.add(c.recall());
                long hit = Math.round(c.recall() * c.support());
                double[] w = org.rnnlab.evaluation.metrics.ScoreIntervals.wilson(hit, c.support());
                few.add(String.format(Locale.ROOT, "%s %d of %d recalled, 95%% interval [%.2f, %.2f]", display(c.label()), hit, c.support(),
                        w[0], w[1]));
            }
        }
        if (few.size() > FEW_SHOWN) {
            // 40 users of under 10 sessions each made a line of 2,083 characters (a keystroke trial): the worst recalled first
            List<String> all = few;
            few = new ArrayList<>(java.util.stream.IntStream.range(0, all.size()).boxed().sorted(java.util.Comparator
                    .comparingDouble(i -> recalls.get(i))).limit(FEW_SHOWN).map(all::get).toList());
            long perfect = recalls.stream().filter(x -> x >= 1).count();
            few.add("and " + (all.size() - FEW_SHOWN) + " more classes of under " + FEW + " sequences (the lowest recall shown; "
                    + perfect + " of the " + all.size() + " recalled in full)");
        }
        return few.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("(few sequences: " + String.join("; ", few)
                + "; their precision, recall, F1, ROC AUC and average precision rest on so few that one sequence moves them far)");
    }
}

package org.rnnlab.evaluation.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnlab.core.Json;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.SequenceClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnnlab model-info FILE [FILE2]}: a model file's card in brief, its SHA-256 and its weights' digest; with two files,
 * what differs between them (trial 71f F8: identical trainings gave files of different hashes, their provenance differing,
 * which only unzipping showed). The key fields include what changes predictions beside the weights: class weights, the
 * calibration (prior correction, temperature), the missing-value policy and the emptyFeature fill values. A file whose
 * content digest does not match (edited or damaged: predict, evaluate and serve refuse it) is shown as written, marked
 * REFUSED and UNVERIFIED with the reason first, exit 1: this is the tool to inspect such a file (trial 72a F9).
 */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.ERROR, ExitCodes.USAGE, ExitCodes.PIPE},
        description = {"Prints a model file's key card fields (architecture, dataset, features, labels, lengths, metrics, "
                + "provenance; for a text model a line 'text': its tokenizer, maxLength (where a text is cut) and truncation, "
                + "vocabulary size and minFrequency, and the shortest and longest training text in tokens instead of minLength "
                + "and maxLength; for a model of numeric features a line 'summaryBaseline': the summary-feature baseline kept in "
                + "the file, its summaries, classes and scores on the run's test split, or that there is none), its SHA-256 "
                + "(as sha256sum prints it) and its weights' digest (the SHA-256 of its parameter and "
                + "standardiser entries, the same for two trainings that made the same model whatever their provenance).",
                "With two files: whether their weights are equal (else the largest absolute difference of a parameter) and "
                        + "which card fields differ.",
                "A file that predict, evaluate and serve refuse as edited or damaged (its content digest does not match) is "
                        + "shown as written, marked REFUSED and UNVERIFIED with the reason first, and model-info exits 1."})
public final class ModelInfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "FILE", description = "One model file (model.rnnlab), or two to compare.")
    List<Path> files;

    /** Card fields shown for one file, as JSON paths. */
    static final List<String> SHOWN = List.of("/formatVersion", "/dataset", "/input/featureNames", "/labelNames", "/minLength",
            "/maxLength", "/normalized", "/spec/classWeights", "/priorCorrection", "/temperature", "/dataSchema/missing",
            "/dataSchema/emptyFeature", "/bestEpoch", "/metrics", "/provenance/gitCommit", "/provenance/startedAt",
            "/provenance/commandLine", "/provenance/datasetChecksum");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<JsonNode> cards = new ArrayList<>();
        List<ModelBundle.Contents> contents = new ArrayList<>();
        boolean refused = false;
        for (Path f : files) {
            ModelCard card;
            ModelBundle.Contents c;
            String refusal = null;
            try {
                card = ModelBundle.readCard(f);
                c = ModelBundle.contents(f);
            } catch (org.rnnlab.training.BundleException e) {
                // an edited or damaged file: shown as written (this is the tool to inspect it), the reason first, exit 1
                ModelBundle.Unverified read;
                try {
                    read = ModelBundle.readUnverified(f);
                } catch (RuntimeException unreadable) {
                    throw e;
                }
                card = read.card();
                c = read.contents();
                refusal = e.getMessage();
                refused = true;
            }
            JsonNode json = Json.mapper().valueToTree(card);
            cards.add(json);
            contents.add(c);
            out.printf("%s%n", f);
            if (refusal != null) {
                out.printf("  REFUSED         %s%n", refusal);
                out.printf("  UNVERIFIED      predict, evaluate and serve refuse this file; the fields below are as written in it, "
                        + "not checked%n");
                spec.commandLine().getErr().printf("model-info: error: %s (shown unverified)%n", refusal);
            }
            out.printf("  sha256          %s%n", ModelBundle.fileSha256(f));
            out.printf("  weights sha256  %s%n", c.weightsSha256());
            out.printf("  content digest  %s%n", c.recordedContentSha256() == null ? "none recorded (saved by an older rnnlab)"
                    : c.recordedContentSha256() + (refusal == null ? " (checked)" : " (recorded; the entries do not match it)"));
            out.printf("  model           %s%n", card.spec().label());
            for (String p : SHOWN) {
                JsonNode v = json.at(p);
                if (!v.isMissingNode() && !v.isNull()) {
                    String name = p.substring(p.lastIndexOf('/') + 1);
                    String value = v.isTextual() ? v.asText() : v.toString();
                    if (card.encoder().isPresent() && (p.equals("/minLength") || p.equals("/maxLength"))) {
                        out.printf("  %-15s %s%n", textLength(p.equals("/maxLength")), textLengthValue(p.equals("/maxLength"),
                                v.asInt(), card.encoder().get().maxLength()));
                    } else {
                        out.printf("  %-15s %s%n", name, value);
                    }
                }
            }
            card.encoder().ifPresent(e -> out.printf("  %-15s %s%n", "text", textLine(e)));
            // the run's summary-feature baseline kept in the file, which evaluate scores on new data (trial 80g F4: to check
            // it a user unzipped the file); for a model of numeric features without it, that there is none
            if (card.storedSummaryBaseline().isPresent()) {
                out.printf("  %-15s %s%n", "summaryBaseline", summaryBaselineLine(card.storedSummaryBaseline().get()));
            } else if (card.input() != null && card.input().kind() == org.rnnlab.datasets.InputDescription.Kind.DENSE) {
                out.printf("  %-15s none in this file (written by an rnnlab before it was stored, or by a run without a test split "
                        + "or whose fit of it failed): evaluate cannot score it%n", "summaryBaseline");
            }
        }
        if (files.size() == 2) {
            out.printf("difference%n");
            if (contents.get(0).weightsSha256().equals(contents.get(1).weightsSha256())) {
                out.printf("  weights         equal (parameters and standardiser byte for byte)%n");
            } else if (refused) {
                out.printf("  weights         differ (not loaded: a file is refused)%n");
            } else {
                out.printf("  weights         %s%n", weightDifference(files.get(0), files.get(1)));
            }
            List<String> differ = new ArrayList<>();
            diff("", cards.get(0), cards.get(1), differ);
            out.printf("  card fields     %s%n", differ.isEmpty() ? "equal" : differ.size() + " differ:");
            for (String d : differ.subList(0, Math.min(40, differ.size()))) {
                out.printf("    %s%n", d);
            }
            if (differ.size() > 40) {
                out.printf("    and %d more%n", differ.size() - 40);
            }
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return refused ? 1 : 0;
    }

    /**
     * The name model-info gives a text model's card {@code minLength} or {@code maxLength}: the training texts' lengths in
     * tokens, which the text line's {@code maxLength} (where a text is cut) is not; printed as {@code maxLength} both, they
     * read as one setting with two values (trial 77e F6: {@code maxLength 12} and {@code maxLength 64}).
     */
    static String textLength(boolean longest) {
        return longest ? "longest text" : "shortest text";
    }

    /** The value beside {@link #textLength}: {@code 12 tokens (the longest training text; texts are cut at maxLength 64)}. */
    static String textLengthValue(boolean longest, int tokens, int cut) {
        return tokens + " tokens (the " + (longest ? "longest" : "shortest") + " training text"
                + (longest ? "; new texts are cut at the text line's maxLength " + cut + ")" : ")");
    }

    /**
     * A text model's tokenizer and vocabulary in one line ({@code words (tokenize=words), lower-cased, NFC normalization,
     * rules 5; maxLength 160 KEEP_TAIL; vocabulary 130 ids (minFrequency 2)}): what new text is read by, stored in the file
     * (trial 77b F7: to answer "is the vocabulary in the file?" a user had to unzip it).
     */
    static String textLine(org.rnnlab.datasets.text.TextEncoder e) {
        return e.tokenizer().summary() + "; maxLength " + e.maxLength() + " " + e.truncation() + "; vocabulary "
                + e.vocabulary().size() + " ids (minFrequency " + e.vocabulary().minFrequency() + ", with <pad> and <unk>)"
                + (e.idColumn() == null ? "" : "; ids from column " + e.idColumn());
    }

    /**
     * The stored summary-feature baseline in one line: what it is, its summaries of the features, its classes and its scores
     * on the run's test split (and validation split), e.g. {@code logistic regression on each sequence's mean and sd of each
     * feature: 4 summaries of 2 features (mean(x), mean(y), sd(x), sd(y)), classes 'a', 'b'; on the run's test split (40
     * sequences) accuracy 0.9500, macro-F1 0.9499; validation accuracy 0.9000, macro-F1 0.8990}; the macro-F1 as scikit-learn
     * computes it (classes present or predicted) beside it where the two differ, the figure evaluate's verdicts compare. The
     * coefficients are in the card ({@code model-card.json}'s {@code summaryBaseline}), not in the line.
     */
    static String summaryBaselineLine(org.rnnlab.training.SummaryBaselineModel b) {
        Double sk = b.testMacroF1PresentOrPredicted();
        String f1 = sk == null || Math.round(sk * 10_000) == Math.round(b.testMacroF1() * 10_000)
                ? String.format(java.util.Locale.ROOT, "macro-F1 %.4f", b.testMacroF1())
                : String.format(java.util.Locale.ROOT, "macro-F1 (classes present) %.4f, %s %.4f", b.testMacroF1(),
                org.rnnlab.evaluation.compare.PresentOrPredicted.LABEL, sk);
        return String.format(java.util.Locale.ROOT, "%s: %d summaries of %d feature%s (%s), classes %s; on the run's test split "
                        + "(%d sequences) accuracy %.4f, %s%s", b.method(), b.summaries().size(), b.features().size(),
                b.features().size() == 1 ? "" : "s", String.join(", ", b.summaries()),
                String.join(", ", b.classes().stream().map(org.rnnlab.datasets.LabelCheck::quoted).toList()), b.testSequences(),
                b.testAccuracy(), f1, b.validationAccuracy() == null ? "" : String.format(java.util.Locale.ROOT,
                        "; validation accuracy %.4f, macro-F1 %.4f", b.validationAccuracy(), b.validationMacroF1()));
    }

    /** The largest absolute difference of the two models' parameters, or why they cannot be compared. */
    private static String weightDifference(Path a, Path b) {
        SequenceClassifier x = ModelBundle.load(a);
        try {
            SequenceClassifier y = ModelBundle.load(b);
            try {
                INDArray p = x.network().params();
                INDArray q = y.network().params();
                if (p.length() != q.length()) {
                    return "differ: " + p.length() + " and " + q.length() + " parameters (other networks)";
                }
                double max = p.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                        .sub(q.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)).amaxNumber().doubleValue();
                return max == 0 ? "parameters equal, standardiser differs" : "differ: largest absolute parameter difference " + max;
            } finally {
                y.close();
            }
        } finally {
            x.close();
        }
    }

    /** The JSON paths where two cards differ, with both values (shortened). */
    static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                diff(path + "/" + n, a.get(n), b.get(n), out);
            }
            return;
        }
        if (a == null ? b != null : !a.equals(b)) {
            out.add(path + ": " + shown(a) + " | " + shown(b));
        }
    }

    private static String shown(JsonNode v) {
        String s = v == null ? "(absent)" : v.isTextual() ? v.asText() : v.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}

package org.rnnlab.evaluation.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.export.OnnxExporter;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnlab export}: a saved model as an ONNX model for other runtimes. */
@Command(name = "export", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.ERROR, ExitCodes.USAGE, ExitCodes.OTHER_SIGNALS, ExitCodes.PIPE}, sortOptions = false,
        description = {"Writes a saved model (model.rnnlab) as an ONNX model that ONNX Runtime and other runtimes run without rnnlab "
                + "(Python, C++, C#, JavaScript, mobile).",
                "The graph: inputs 'sequences' float [batch, time, features] (raw features: the standardisation is inside) or 'tokens' "
                        + "int64 [batch, time] for text models, and 'lengths' int64 [batch] (valid steps of each row; later steps are "
                        + "padding, never read); outputs 'probabilities' float [batch, classes] and 'label' int64 [batch]. Standard "
                        + "RNN/LSTM/GRU operators, ONNX opset " + OnnxExporter.OPSET + "; labels, feature names and, for text models, the "
                        + "tokenizer settings and vocabulary are in the model's metadata. A layer without an ONNX form is refused by name.",
                "Beside the model: FILE.json (its metadata as JSON) and FILE.sha256 (its SHA-256, for sha256sum -c)."})
public final class ExportCommand implements Callable<Integer> {

    /** Export formats. */
    enum Format { onnx }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model bundle (model.rnnlab).")
    Path model;

    @Option(names = "--format", defaultValue = "onnx", description = "Output format: onnx (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the exported model (default: the model file's name with .onnx, beside it).")
    Path out;

    @Option(names = "--overwrite", description = "Replace an existing --out file (default: refuse); only a regular file, never a "
            + "link, FIFO or device.")
    boolean overwrite;

    /** Whether the file begins with a zip archive's local-header signature ({@code PK\3\4}), as model bundles and checkpoints do. */
    private static boolean startsLikeZip(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    /** What a file that is not an ONNX model looks like: text with its first line, or binary data with its first bytes. */
    static String looks(Path file) throws IOException {
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        }
        int end = head.length;
        while (head.length == 4096 && end > 0 && head[end - 1] != '\n') {
            end--; // whole lines only: a character cut at the 4096th byte is not binary
        }
        head = java.util.Arrays.copyOf(head, end > 0 ? end : head.length);
        java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        try {
            String text = utf8.decode(java.nio.ByteBuffer.wrap(head)).toString(); // a cut last character: binary, which is fine
            if (text.indexOf('\0') < 0) {
                String first = text.strip().lines().findFirst().orElse("");
                return "it holds text, first line '" + (first.length() > 60 ? first.substring(0, 60) + "..." : first) + "'";
            }
        } catch (java.nio.charset.CharacterCodingException binary) {
            // described by its bytes below
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(4, head.length); i++) {
            hex.append(String.format(Locale.ROOT, "%s%02X", i == 0 ? "" : " ", head[i] & 0xFF));
        }
        return "it holds other binary data, first bytes " + hex;
    }

    @Override
    public Integer call() throws IOException {
        Nd4jRuntime.ensureConfigured(); // a conversion, no computation: no --threads
        if (out != null && out.toString().equals("-")) {
            throw new IllegalArgumentException("--out -: export writes the ONNX model to a file, not to standard output; give a file "
                    + "name (default: model.onnx beside the model)");
        }
        // without --out, the model first: a missing or damaged model is the error to report, not the missing folder of the
        // default --out beside it; a given --out is checked first (nothing is loaded for an output that is refused)
        SequenceClassifier classifier = out == null ? ModelBundle.load(model) : null;
        Path target = out != null ? out : defaultOut(model);
        if (target.toAbsolutePath().normalize().equals(model.toAbsolutePath().normalize())
                || Files.exists(target) && Files.exists(model) && Files.isSameFile(target, model)) { // a link to it, or a hard link
            throw new IllegalArgumentException("--out " + target + " is the model file itself: give another file");
        }
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && startsLikeZip(target)) {
            throw new IllegalArgumentException("--out " + target + " holds a zip file (a model bundle or checkpoint?): export does "
                    + "not replace it, even with --overwrite; give another file (the ONNX model's name ends in .onnx)");
        }
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) > 0 && !ModelBundle.looksLikeOnnx(target)) {
            // a user's try: --out train.csv --overwrite replaced the training data with ONNX bytes
            throw new IllegalArgumentException("--out " + target + " exists and is not an ONNX model (" + looks(target) + "): "
                    + "export replaces only an earlier export, even with --overwrite; give another file (the ONNX model's name "
                    + "ends in .onnx), or move this one away first");
        }
        // a regular file or nothing there (not a link, FIFO or device, which the rename would replace), in an existing folder
        OutputFile.check("--out " + target, target, "model.onnx", overwrite);
        Path metadataFile = metadataFile(target);
        checkMetadataFile(metadataFile);
        Path checksumFile = checksumFile(target);
        checkChecksumFile(checksumFile);
        PrintWriter err = spec.commandLine().getErr();
        if (!target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            err.printf("warning: --out %s does not end in .onnx: it will hold an ONNX model all the same (ONNX tools and rnnlab's "
                    + "own defaults name them *.onnx)%n", target);
        }
        if (classifier == null) {
            classifier = ModelBundle.load(model);
        }
        // the model file's own SHA-256 in the metadata: what serve's X-Rnnlab-Model-Sha256 and predict's sha256 name (trial
        // 81e: nothing linked an ONNX file to the model.rnnlab that serve and predict ran)
        String sourceSha256 = ModelBundle.fileSha256(model);
        onnx.Onnx.ModelProto exported = OnnxExporter.withSourceSha256(OnnxExporter.export(classifier), sourceSha256); // refused before anything is written
        java.util.Map<String, String> metadata = new java.util.LinkedHashMap<>();
        exported.getMetadataPropsList().forEach(e -> metadata.put(e.getKey(), e.getValue()));
        java.util.List<String> replaced = OnnxExportFiles.replaced(target, metadataFile, checksumFile);
        // the model, its metadata and its checksum as a set: a failure leaves none new (the model beside the old metadata, before)
        byte[] bytes = exported.toByteArray();
        OnnxExportFiles.write(target, bytes, metadataFile, org.rnnlab.core.Json.write(metadata) + "\n", checksumFile);
        InputDescription in = classifier.card().input();
        String input = in.kind() == InputDescription.Kind.TOKENS
                ? "tokens int64 [batch, time] (vocabulary of " + in.vocabularySize() + " in metadata 'text_encoder', tokenizer rules in 'tokenizer_rules')"
                : "sequences float [batch, time, " + in.featureCount() + "] " + rawOrNot(classifier) + in.featureNames()
                + standardisedWords(classifier);
        err.printf(Locale.ROOT, "export: wrote %s (%.1f KiB, ONNX opset %d, %s)%n", target, Files.size(target) / 1024.0,
                OnnxExporter.OPSET, classifier.card().spec().label());
        if (!replaced.isEmpty()) {
            err.printf("export: replaced %s%n", replaced.size() == 1 ? replaced.get(0)
                    : String.join(", ", replaced.subList(0, replaced.size() - 1)) + " and " + replaced.get(replaced.size() - 1));
        }
        err.printf("  inputs:  %s, lengths int64 [batch]%n", input);
        // the codes too: a truck trial's engineer, reading this summary, would have fed -999 to the graph (metadata held it)
        classifier.card().csvSchema().ifPresent(schema -> err.printf("  before the graph (the caller's step, as predict does): "
                + "%smissing values by --missing %s%s%s%s%n", schema.naValues().isEmpty() ? "" : "the model's codes for a missing value "
                + String.join(", ", schema.naValues()) + " read as missing (metadata missing_value_codes), then ", schema.missing()
                + (schema.emptyFeature() == null || !schema.missing().fillsIn() ? "" : " (a feature with no value at all in a "
                + "sequence: emptyFeature=" + schema.emptyFeature().policy() + ", metadata empty_feature_values)"),
                rows(schema.timeStep()), schema.sequenceScaling() == org.rnnlab.datasets.csv.SequenceScaling.NONE
                ? "" : "; each sequence's scaling by its own statistics (sequenceScaling " + schema.sequenceScaling()
                + ") is in the graph: feed raw features", schema.wide() != null || schema.time() == null ? ""
                : "; '" + (schema.time().name() != null ? schema.time().name() : schema.time().index()) + "' orders the rows and is "
                + "not an input, nor are the id, label and group columns"));
        classifier.card().csvSchema().ifPresent(schema -> {
            // how the training files wrote numbers: a trial's JavaScript port read '0,42685' with parseFloat, which gives 0
            err.printf("  the training files: columns separated by %s, %s (metadata csv_delimiter, csv_decimal)%n",
                    schema.delimiter().equals("\t") ? "tabs" : "'" + schema.delimiter() + "'", schema.decimalComma()
                    ? "numbers with a decimal comma (0,42685 is 0.42685: parse such cells as such, not with parseFloat or float())"
                    : "numbers with a decimal point");
            if (schema.wide() != null && schema.wide().axis() != null && !schema.wide().axis().isEmpty()) {
                java.util.List<String> axis = schema.wide().axis();
                err.printf("  steps: the %d columns %s (metadata step_columns): the time axis, in this order%n", axis.size(),
                        axis.size() <= 3 ? String.join(", ", axis) : axis.get(0) + ", " + axis.get(1) + " ... " + axis.get(axis.size() - 1));
            }
        });
        err.printf("  outputs: probabilities float [batch, %d] %s, label int64 [batch]%n", classifier.labelNames().size(),
                classifier.labelNames());
        org.rnnlab.training.ModelCard card = classifier.card();
        java.util.List<String> labels = classifier.labelNames();
        if (card.priorCorrection() != null || card.temperature() != null) {
            // in the graph, so its probabilities are predict's calibrated ones (trial 76b: the summary did not say so)
            err.printf(Locale.ROOT, "  calibration: %s%s%s, in the graph before its softmax, as predict applies it (metadata "
                    + "calibration)%n",
                    card.priorCorrection() == null ? "" : "prior correction by the class weights " + card.priorCorrection(),
                    card.priorCorrection() != null && card.temperature() != null ? ", then " : "",
                    card.temperature() == null ? "" : String.format(Locale.ROOT, "temperature T = %.4f", card.temperature()));
        }
        card.heldOutConfidence().ifPresent(held -> {
            // predict's low_confidence cut-offs, so that an app can raise the same flag; what the file does not reproduce
            double[] p05 = held.cutOffs(org.rnnlab.training.HeldOutConfidence.DEFAULT_CUT_OFF, labels);
            err.printf(Locale.ROOT, "  low_confidence: below the %s p05 of the class predicted: %s (metadata confidence_quantiles); "
                    + "predict's far_from_training and its checks of the input are not in the file%n", card.heldOutPredictions().split(),
                    java.util.stream.IntStream.range(0, p05.length).mapToObj(c -> org.rnnlab.datasets.LabelCheck.quoted(
                            labels.get(c)) + " " + (p05[c] >= 1 ? "1" : PredictCommand.probability(p05[c])))
                            .collect(java.util.stream.Collectors.joining(", ")));
        });
        if (classifier.card().trainingClassCounts() != null) {
            err.printf("  trained on: %s sequences per class (metadata training_class_counts)%n", classifier.card().trainingClassCounts()
                    .entrySet().stream().map(e -> org.rnnlab.datasets.LabelCheck.quoted(e.getKey()) + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        err.printf("  metadata: in the model, and as JSON in %s (for ONNX Runtime's JavaScript API, which does not read it)%n",
                metadataFile);
        err.printf("  from:    %s, sha256 %s (metadata %s: the hash serve's X-Rnnlab-Model-Sha256 and predict give for it)%n",
                model, sourceSha256, OnnxExporter.SOURCE_SHA256);
        err.printf("  sha256:  %s in %s (check the model with: sha256sum -c %s, in its folder)%n", OnnxExportFiles.sha256(bytes),
                checksumFile, checksumFile.getFileName());
        err.flush();
        return 0;
    }

    /**
     * The summary's rows clause: the training step, or a model trained at several steps each of them with its training
     * sequences, fed as they are, as predict does, and the step another one is resampled to (trial 76h F1: "rows 8 apart,
     * as in training" for a model of 8 ms and 4 ms robots led a port to resample the 4 ms cycles, which predict reads as
     * they are). Empty without a time step.
     */
    static String rows(org.rnnlab.datasets.csv.TimeStep step) {
        if (step == null) {
            return "";
        }
        if (step.rates().isEmpty()) {
            return "; rows " + step.describe() + " apart, as in training (metadata time_step)";
        }
        java.util.List<org.rnnlab.datasets.csv.TimeStep.Rate> rates = step.rates();
        StringBuilder out = new StringBuilder("; rows ");
        for (int i = 0; i < rates.size(); i++) {
            out.append(i == 0 ? "" : i == rates.size() - 1 ? " or " : ", ")
                    .append(new org.rnnlab.datasets.csv.TimeStep(rates.get(i).step(), step.dateTimes()).describe())
                    .append(" apart (").append(rates.get(i).sequences()).append(i == 0 ? " training sequences)" : ")");
        }
        return out.append(", each as it is: the model trained on ").append(rates.size() == 2 ? "both" : "all " + rates.size())
                .append(", and predict reads them so; only another step to resample, to ").append(step.describe())
                .append(", as predict's warning advises (metadata time_step_rates, time_step_doc)").toString();
    }

    /**
     * The JSON file written beside the ONNX model: the model's metadata ({@code metadata_props}) as one object of strings,
     * {@code <out>.json} ({@code model.onnx.json}). ONNX Runtime for JavaScript (Node and the browser) has no call that reads
     * a model's metadata (a trial's web developer had to write a protobuf reader for labels, features and the tokenizer).
     */
    static Path metadataFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".json");
    }

    /**
     * Refuses a metadata path that holds anything but an earlier export's metadata (a JSON object with the key
     * {@code rnnlab.onnx_format}), or that is not a regular file; before anything is written.
     */
    private static void checkMetadataFile(Path file) throws IOException {
        OutputFile.check("the metadata file " + file + " (beside --out)", file, "model.onnx.json", true);
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) > 0) {
            boolean earlier;
            try {
                com.fasterxml.jackson.databind.JsonNode node = org.rnnlab.core.Json.mapper().readTree(file.toFile());
                earlier = node != null && node.isObject() && node.has("rnnlab.onnx_format");
            } catch (IOException notJson) {
                earlier = false;
            }
            if (!earlier) {
                throw new IllegalArgumentException("the metadata file " + file + ", written beside --out, exists and is not an "
                        + "earlier export's metadata (" + looks(file) + "): export replaces only that; move it away, or give "
                        + "another --out");
            }
        }
    }

    /** The checksum file written beside the ONNX model: its SHA-256 in {@code sha256sum}'s format, {@code <out>.sha256}. */
    static Path checksumFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".sha256");
    }

    /** Refuses a checksum path that holds anything but a {@code sha256sum} line (an earlier export's), before anything is written. */
    private static void checkChecksumFile(Path file) throws IOException {
        OutputFile.check("the checksum file " + file + " (beside --out)", file, "model.onnx.sha256", true);
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) > 0
                && (Files.size(file) > 4096 || !OnnxExportFiles.isSha256Line(new String(Files.readAllBytes(file),
                java.nio.charset.StandardCharsets.ISO_8859_1)))) {
            throw new IllegalArgumentException("the checksum file " + file + ", written beside --out, exists and is not an "
                    + "earlier export's checksum (" + looks(file) + "): export replaces only that; move it away, or give "
                    + "another --out");
        }
    }

    /**
     * {@code raw values of } for a model whose graph standardises its inputs, else nothing: with an accelerometer about 1 and a
     * gyroscope about 100, a phone trial's first question was "raw or standardised?", which only the metadata's prose
     * {@code normalizer} answered (trial 79f F2).
     */
    private static String rawOrNot(SequenceClassifier classifier) {
        return classifier.normalizer() != null ? "raw values of " : "";
    }

    /**
     * How the graph scales the features, said in the inputs line: {@code  (standardised by the graph: metadata feature_mean,
     * feature_std)}, with the per-sequence scaling before it for a {@code sequenceScaling} model; for a model without a
     * standardiser, that the graph does not (the values as training read them).
     */
    private static String standardisedWords(SequenceClassifier classifier) {
        if (classifier.normalizer() == null) {
            return " (not standardised by the graph: the values as training read them; metadata standardised_in_graph false)";
        }
        boolean scaled = classifier.card().csvSchema().map(s -> s.sequenceScaling() != org.rnnlab.datasets.csv.SequenceScaling.NONE)
                .orElse(false);
        return " (" + (scaled ? "scaled per sequence, then standardised, by the graph: metadata sequence_scaling, "
                : "standardised by the graph: metadata ") + "feature_mean, feature_std, standardised_in_graph true)";
    }

    static Path defaultOut(Path model) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(".rnnlab") ? name.substring(0, name.length() - ".rnnlab".length()) : name;
        return model.resolveSibling(stem + ".onnx");
    }
}

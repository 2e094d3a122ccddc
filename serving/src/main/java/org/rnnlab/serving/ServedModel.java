package org.rnnlab.serving;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.LabelCheck;
import org.rnnlab.datasets.text.TextEncoder;
import org.rnnlab.training.BundleException;
import org.rnnlab.training.Decision;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;

/**
 * One model the server serves: its name (the URL segment of {@code /models/NAME}), the file it came from and
 * the loaded {@link SequenceClassifier}, with the SHA-256 of the file as it was loaded and when. Model files are data: they
 * are read only by {@link ModelBundle#load}, which never deserializes Java objects.
 *
 * <p>The file is read once, at the start: one overwritten or deleted while it is served changes nothing served, and the
 * SHA-256 ({@code GET /models}, and each predict answer's {@code X-Rnnlab-Model-Sha256}) says which file's model answers,
 * after the file has changed too (an ops trial's two models both showed only {@code "model": "gru-24"}).
 *
 * @param name       URL name
 * @param file       the model bundle
 * @param classifier the loaded model
 * @param encoder    the tokenizer and vocabulary of a text model (empty for sequence models)
 * @param sha256     the SHA-256 of the file's bytes as loaded, 64 lower-case hex digits (as {@code sha256sum} prints it)
 * @param loadedAt   when it was loaded (to the millisecond)
 * @param decision   how a prediction's label is chosen: the most probable class ({@link Decision#ARGMAX}), or {@code serve
 *                   --threshold P --positive LABEL}'s cut-off, predict's rule ({@link #withCutOff})
 * @param classWeightsNote what a model trained with unequal class weights must say of its probabilities (scores shifted
 *                   toward the classes weighted up), the text {@code evaluate --json} gives as {@code classWeightsNote}, set
 *                   by {@code serve} ({@link #withClassWeightsNote}), which words it as predict and evaluate do; empty
 *                   without one. Trial 75e: serve alone said nothing of it, and a client read {@code probabilities.fraud}
 *                   of a model trained with 'fraud' weighted 3.7 as a fraud rate
 */
public record ServedModel(String name, Path file, SequenceClassifier classifier, Optional<TextEncoder> encoder, String sha256,
                          Instant loadedAt, Decision decision, Optional<String> classWeightsNote) {

    /** A model labelled as {@code decision} says, without a class-weights note. */
    public ServedModel(String name, Path file, SequenceClassifier classifier, Optional<TextEncoder> encoder, String sha256,
                       Instant loadedAt, Decision decision) {
        this(name, file, classifier, encoder, sha256, loadedAt, decision, Optional.empty());
    }

    /** A model labelled by its most probable class. */
    public ServedModel(String name, Path file, SequenceClassifier classifier, Optional<TextEncoder> encoder, String sha256,
                       Instant loadedAt) {
        this(name, file, classifier, encoder, sha256, loadedAt, Decision.ARGMAX);
    }

    /**
     * This model labelling a sequence {@code positive} when that class's probability is {@code threshold} or more, else the
     * most probable of the other classes ({@link Decision#cutOff}, as {@code predict --threshold P --positive LABEL}); the
     * probabilities are unchanged. A label the model does not have is refused, naming its labels.
     */
    public ServedModel withCutOff(String positive, double threshold) {
        List<String> labels = classifier.labelNames();
        if (!labels.contains(positive)) {
            throw new IllegalArgumentException("--positive " + LabelCheck.quoted(positive) + " is none of the labels of model '" + name
                    + "': " + LabelCheck.listed(labels));
        }
        return new ServedModel(name, file, classifier, encoder, sha256, loadedAt, Decision.cutOff(labels.indexOf(positive), threshold),
                classWeightsNote);
    }

    /** This model with the note on its class weights that its card ({@code GET /model}) and {@code GET /models} give. */
    public ServedModel withClassWeightsNote(String note) {
        return new ServedModel(name, file, classifier, encoder, sha256, loadedAt, decision, Optional.of(note));
    }

    /**
     * The class weights the model was trained with, by label in the model's label order ({@code {"fraud": 3.70, ...}}), or
     * empty when it was trained without ({@code --class-weights}). The card's {@code spec.classWeights} is the same numbers
     * as an array in label order, which a client had to pair with {@code labels} itself.
     */
    public java.util.Map<String, Double> classWeightsByLabel() {
        List<String> labels = classifier.labelNames();
        List<Double> weights = classifier.card().spec().classWeights();
        java.util.Map<String, Double> byLabel = new java.util.LinkedHashMap<>();
        if (weights.size() == labels.size()) {
            for (int c = 0; c < labels.size(); c++) {
                byLabel.put(labels.get(c), weights.get(c));
            }
        }
        return byLabel;
    }

    /** The class a prediction is labelled with: its most probable class, or under a cut-off the class it chooses. */
    public int decide(SequenceClassifier.Prediction p) {
        return decision.argmax() ? p.index() : decision.choose(p.probabilities());
    }

    /** The cut-off's label, empty for the most probable class. */
    public Optional<String> positive() {
        return decision.argmax() ? Optional.empty() : Optional.of(classifier.labelNames().get(decision.positive()));
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Loads a model; a missing or corrupt file is a {@link org.rnnlab.training.BundleException} naming it. */
    public static ServedModel load(String name, Path file) {
        return load(name, file, null);
    }

    /**
     * Loads a model pinned by the SHA-256 of its file ({@code serve --model-sha256}): a file of another hash is refused before
     * it is loaded, naming both hashes.
     *
     * @param expectedSha256 64 hex digits, or null for no pin
     */
    public static ServedModel load(String name, Path file, String expectedSha256) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name '" + name + "' is not a URL-safe name (letters, digits, '.', '_', '-'; "
                    + "at most 64, starting with a letter or digit)");
        }
        // hashed before and after loading: the hash is that of the bytes loaded unless the file changed meanwhile, which is refused
        String before = sha256(file).orElse(null); // unreadable: ModelBundle.load says why (missing, a folder, no permission)
        if (expectedSha256 != null && before != null && !before.equals(ModelBundle.checkSha256(expectedSha256))) {
            throw new BundleException(file, "has SHA-256 " + before + ", not the expected " + ModelBundle.checkSha256(expectedSha256)
                    + " (--model-sha256): another model file than the one pinned, or this one was changed since its hash was recorded");
        }
        SequenceClassifier classifier = ModelBundle.load(file);
        String after = sha256(file).orElse("unreadable");
        if (!after.equals(before)) {
            classifier.close();
            throw new BundleException(file, "changed while it was being loaded (SHA-256 " + (before == null ? "unreadable" : before) + " before, " + after + " after): "
                    + "serve it once it has been written completely");
        }
        return new ServedModel(name, file, classifier, classifier.card().encoder(), after, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The SHA-256 of a file's bytes, 64 lower-case hex digits; empty when it cannot be read. */
    static Optional<String> sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256, which every Java has to have", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * Loads the models of {@code --model} values, {@code PATH} or {@code NAME=PATH}, in order; a name defaults to
     * the file name without {@code .rnnlab}. Two models of one name are an error.
     */
    public static List<ServedModel> loadAll(List<String> specs) {
        return loadAll(specs, List.of());
    }

    /**
     * Loads the models of {@code --model} values, each pinned by its {@code --model-sha256} value if it has one:
     * {@code NAME=HEX} pins the model of that name, a bare {@code HEX} the only model given.
     */
    public static List<ServedModel> loadAll(List<String> specs, List<String> pins) {
        java.util.Map<String, String> pinned = new java.util.LinkedHashMap<>();
        for (String pin : pins) {
            int eq = pin.indexOf('=');
            if (eq < 0 && specs.size() != 1) {
                throw new IllegalArgumentException("--model-sha256 " + pin + ": with " + specs.size() + " models, say which one it pins: "
                        + "--model-sha256 NAME=HEX");
            }
            String hex = ModelBundle.checkSha256(pin.substring(eq + 1));
            if (pinned.put(eq < 0 ? "" : pin.substring(0, eq), hex) != null) {
                throw new IllegalArgumentException("--model-sha256 " + pin + ": that model is pinned twice");
            }
        }
        List<ServedModel> models = loadAll(specs, pinned);
        Set<String> served = new HashSet<>(models.stream().map(ServedModel::name).toList());
        for (String name : pinned.keySet()) {
            if (!name.isEmpty() && !served.contains(name)) {
                models.forEach(m -> m.classifier().close());
                throw new IllegalArgumentException("--model-sha256 " + name + "=...: no model is named '" + name + "' (served: "
                        + String.join(", ", served) + ")");
            }
        }
        return models;
    }

    private static List<ServedModel> loadAll(List<String> specs, java.util.Map<String, String> pinned) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no model to serve: give --model FILE (or NAME=FILE)");
        }
        List<ServedModel> models = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String name;
            Path file;
            if (eq >= 0 && !java.nio.file.Files.exists(Path.of(spec)) && (eq == 0 || eq == spec.length() - 1)) {
                // a user's --model x= read "x: : is a folder, not a model file", --model =FILE "no such model file"
                throw new IllegalArgumentException("--model " + spec + ": " + (spec.length() == 1 ? "the name and the file are"
                        : eq == 0 ? "the name before '=' is" : "the file after '=' is") + " empty: give --model NAME=FILE, or --model "
                        + "FILE to name the model after its file");
            }
            if (eq > 0 && NAME.matcher(spec.substring(0, eq)).matches()) {
                name = spec.substring(0, eq);
                file = Path.of(spec.substring(eq + 1));
            } else if (eq > 0 && !java.nio.file.Files.exists(Path.of(spec))) {
                // NAME=FILE with a name that is not URL-safe (a file whose name holds '=' is taken whole when it exists)
                throw new IllegalArgumentException("--model " + spec + ": model name '" + spec.substring(0, eq) + "' is not a URL-safe "
                        + "name (letters, digits, '.', '_', '-'; at most 64, starting with a letter or digit)");
            } else {
                file = Path.of(spec);
                name = defaultName(file);
                String stem = file.getFileName() == null ? "" : file.getFileName().toString().replaceFirst("\\.rnnlab$", "");
                if (!name.equals(stem)) {
                    org.slf4j.LoggerFactory.getLogger(ServedModel.class).warn("serve: model file {} is served as '{}' (names are "
                            + "URL-safe, letters, digits, '.', '_' and '-', and at most 64 long); --model NAME={} chooses another",
                            file, name, spec);
                }
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("two models are named '" + name + "': name them with --model NAME=FILE");
            }
            models.add(load(name, file, pinned.getOrDefault(name, pinned.get(""))));
        }
        return List.copyOf(models);
    }

    /** The file name without {@code .rnnlab}, made URL-safe. */
    static String defaultName(Path file) {
        Path fileName = file.getFileName();
        String n = fileName == null ? "model" : fileName.toString();
        if (n.endsWith(".rnnlab")) {
            n = n.substring(0, n.length() - ".rnnlab".length());
        }
        n = n.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^[._-]+", "");
        if (n.length() > 64) {
            n = n.substring(0, 64);
        }
        return n.isEmpty() ? "model" : n;
    }

    /** Whether the model reads texts. */
    public boolean readsText() {
        return encoder.isPresent();
    }

    /** What the model reads. */
    public InputDescription input() {
        return classifier.card().input();
    }

    /** The longest sequence accepted: {@code limit} when positive, else the larger of 10,000 and 10 x the card's maxLength. */
    public int maxLength(int limit) {
        return limit > 0 ? limit : Math.max(ServeOptions.MIN_DEFAULT_MAX_LENGTH, 10 * Math.max(classifier.card().maxLength(), 0));
    }

    /**
     * A one-line description for the start-up message, with the first 12 hex digits of the file's SHA-256 and the cut-off
     * the labels follow, if any.
     */
    public String describe() {
        var card = classifier.card();
        String reads = readsText() ? "texts" : input().featureCount() + " features";
        return card.spec().label() + " on " + card.dataset() + ", reads " + reads + ", " + card.labelNames().size() + " labels, sha256 "
                + sha256.substring(0, 12) + positive().map(l -> ", labels " + LabelCheck.quoted(l) + " at p >= "
                + java.math.BigDecimal.valueOf(decision.threshold()).stripTrailingZeros().toPlainString()
                + " (--threshold)").orElse("");
    }
}

package org.rnnlab.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.core.InputSpec;
import org.rnnlab.core.Json;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.text.TextEncoder;

/**
 * One file, {@code model.rnnlab} (a zip), holding everything needed to use a trained model elsewhere,
 * as data only: loading never deserializes Java objects, never reads a DL4J configuration and never
 * looks up a class named in the file.
 *
 * <p><b>Formats 2 to 5</b> (5 written by this version, {@link #FORMAT_VERSION}) have exactly these entries:
 * <ul>
 *   <li>{@code bundle.json}: {@code {"format": "rnnlab-bundle", "version": N, "contentSha256": HEX}}, N the format (5 from
 *       this version); {@code contentSha256} (format 5 on) is the {@link #contentDigest} of the other entries, checked at
 *       load: a file edited after saving is refused (a hand edit or damage, not a forger, who can recompute it);</li>
 *   <li>{@code model-card.json}: the {@link ModelCard} (spec, labels, input description, training
 *       settings, metrics, provenance, text encoder);</li>
 *   <li>{@code params.bin}: the network's parameters, one flat vector in DL4J's parameter order, as a
 *       {@link RawArray} (magic, data type, element count, little-endian values);</li>
 *   <li>{@code feature-mean.bin}, {@code feature-std.bin}: when the card says {@code normalized}, the
 *       standardiser's per-feature mean and standard deviation, one value per input feature, also
 *       as {@link RawArray}s.</li>
 * </ul>
 * Loading rebuilds the network from the card with {@link NetworkFactory} exactly as the
 * {@link Trainer} built it (spec, input width, class count; the data type is that of
 * {@code params.bin}), checks that {@code params.bin} holds exactly as many values as that network
 * has parameters, and sets them.
 *
 * <p><b>Format 1</b> (rnnlab 0.1) stored {@code dl4j-model.zip} instead, DL4J's {@code ModelSerializer}
 * output. It is still read, but without DL4J's loader ({@link BundleV1}): only the parameters
 * ({@code coefficients.bin}) and a standardiser ({@code normalizer.bin}) are parsed, the network is
 * rebuilt from the card, and a {@code preprocessor.bin} (a Java-serialized object) is refused.
 *
 * <p>Either way only the entries the format defines are accepted, at most {@link SafeZip#MAX_ENTRIES},
 * each read through a counter that stops at what the card says the model needs (and at most
 * {@link SafeZip#HARD_LIMIT_BYTES}), the card may describe at most {@link #MAX_PARAMETERS}
 * parameters, and every refusal is a {@link BundleException} naming the file and the entry.
 * No Java deserialization is involved: the bundle holds JSON and raw numbers. Loading leaves the process's
 * serialization filter alone (a program embedding rnnlab may need Java deserialization for itself, and Java lets the
 * process-wide filter be set only once); rnnlab's command line installs {@link org.rnnlab.core.SerializationGuard}
 * for its own processes as a second wall.
 */
public final class ModelBundle {
    /**
     * The bundle format this version writes; it reads every version up to this one. Format 3 has format 2's entries; its
     * head {@code last} of a bidirectional spec reads each direction at its own final step. Cards of formats 1 and 2 were
     * trained with both directions read at the last valid step and are loaded with head {@code last-step}
     * ({@link #FIRST_FORMAT_WITH_PER_DIRECTION_LAST_HEAD}). Format 4 has format 3's entries; its feature deviations are
     * divided by exactly ({@link org.rnnlab.datasets.ExactStandardize}), where those of formats 1 to 3 are read with ND4J's
     * standardiser, which divides deviations below about 1e-5 by 1, as their models were trained
     * ({@link #FIRST_FORMAT_WITH_EXACT_STANDARDIZATION}). Format 5 has format 4's entries, its {@code bundle.json} records
     * their content digest ({@link #FIRST_FORMAT_WITH_CONTENT_DIGEST}).
     */
    public static final int FORMAT_VERSION = 5;
    /**
     * The first format whose {@code bundle.json} records {@code contentSha256}, the SHA-256 of the other entries' contents
     * ({@link #contentDigest}), checked at every load: a file edited after saving (a card's labels reordered and re-zipped
     * consistently, a standardiser's mean changed) is refused. It catches hand edits and damage, not a determined forger, who
     * can recompute it: pin a file's own SHA-256 ({@link #load(Path, String)}, {@code --model-sha256}) for that.
     */
    public static final int FIRST_FORMAT_WITH_CONTENT_DIGEST = 5;
    /** The first format whose bidirectional {@code last} head reads the backward direction at step 0. */
    public static final int FIRST_FORMAT_WITH_PER_DIRECTION_LAST_HEAD = 3;
    /** The first format whose feature deviations are used exactly, also below 1e-5. */
    public static final int FIRST_FORMAT_WITH_EXACT_STANDARDIZATION = 4;
    /** Largest network a bundle (or checkpoint) may describe; rnnlab's models are far smaller. */
    public static final long MAX_PARAMETERS = 100_000_000L;
    /** Most stacked recurrent layers a card may describe. */
    public static final int MAX_LAYERS = 64;

    static final String BUNDLE_ENTRY = "bundle.json";
    static final String CARD_ENTRY = "model-card.json";
    static final String PARAMS_ENTRY = "params.bin";
    static final String MEAN_ENTRY = "feature-mean.bin";
    static final String STD_ENTRY = "feature-std.bin";
    static final List<String> ENTRIES = List.of(BUNDLE_ENTRY, CARD_ENTRY, PARAMS_ENTRY, MEAN_ENTRY, STD_ENTRY);
    static final String WHAT = "rnnlab model bundle";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelBundle.class);

    /**
     * Contents of {@code bundle.json}.
     *
     * @param contentSha256 from format {@value #FIRST_FORMAT_WITH_CONTENT_DIGEST}: the {@link #contentDigest} of the other
     *                      entries as saved (null in older files)
     */
    record Header(String format, int version,
                  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                  String contentSha256) {
        /** Reads {@code bundle.json}; {@code contentSha256} is absent (null) in files of formats 1 to 4. */
        @com.fasterxml.jackson.annotation.JsonCreator
        static Header fromJson(@com.fasterxml.jackson.annotation.JsonProperty("format") String format,
                               @com.fasterxml.jackson.annotation.JsonProperty("version") int version,
                               @com.fasterxml.jackson.annotation.JacksonInject(value = Json.ABSENT,
                                       useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                               @com.fasterxml.jackson.annotation.JsonProperty("contentSha256") String contentSha256) {
            return new Header(format, version, contentSha256);
        }
    }

    /**
     * The network a card describes.
     *
     * @param features   input features per step (1 for tokens)
     * @param classes    number of classes
     * @param parameters number of parameters of that network
     */
    record Shape(int features, int classes, long parameters) {
    }

    private ModelBundle() {
    }

    /** The card describing a trained model, with metrics and provenance. */
    public static ModelCard card(TrainedModel trained, Map<String, Double> metrics, String dataset, Provenance provenance,
                                 int minLength, int maxLength, Optional<TextEncoder> textEncoder) {
        return card(trained, metrics, dataset, provenance, minLength, maxLength, textEncoder, Optional.empty());
    }

    /** The card of a model trained on data with a CSV contract (stored so new files are read the same way). */
    public static ModelCard card(TrainedModel trained, Map<String, Double> metrics, String dataset, Provenance provenance,
                                 int minLength, int maxLength, Optional<TextEncoder> textEncoder,
                                 Optional<CsvSchema> schema) {
        if (trained.input().kind() == InputDescription.Kind.TOKENS && textEncoder.isEmpty()) {
            // load refuses such a card: without its tokenizer and vocabulary nobody can turn texts into the model's ids
            throw new IllegalArgumentException("a model of token input needs its text encoder on the card (the dataset's "
                    + "textEncoder()), got none");
        }
        Map<String, Double> all = new HashMap<>(metrics);
        if (!Double.isNaN(trained.bestValidationAccuracy())) {
            all.putIfAbsent("validation_accuracy", trained.bestValidationAccuracy());
        }
        return new ModelCard(FORMAT_VERSION, trained.spec(), trained.labelNames(), trained.input(), minLength, maxLength,
                trained.config(), trained.bestEpoch(), all, trained.normalizer().isPresent(), dataset, provenance,
                textEncoder.map(e -> {
                    try {
                        return Json.mapper().readTree(e.toJson());
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                }).orElse(null), schema.orElse(null),
                // a run begun before checkpoint format 4 trains (also after resumes) with ND4J's standardiser: say so, since
                // the bundle's format number no longer does
                trained.normalizer().filter(n -> !(n instanceof org.rnnlab.datasets.ExactStandardize)).map(n -> Boolean.FALSE)
                        .orElse(null));
    }

    /**
     * Writes a bundle (format {@value #FORMAT_VERSION}) atomically.
     *
     * @throws IllegalArgumentException if the network is not the one the card describes (parameter
     *                                  count), or the normaliser does not match the card
     */
    public static void save(MultiLayerNetwork network, Optional<NormalizerStandardize> normalizer, ModelCard card, Path file)
            throws IOException {
        // a card of an older format (from the Java API, not through readCard) keeps the head its network was built with
        ModelCard upgraded = (card.formatVersion() < FIRST_FORMAT_WITH_PER_DIRECTION_LAST_HEAD
                ? card.withSpecAsBuiltBeforeBidirectionalLastHead() : card).withFormatVersion(FORMAT_VERSION);
        // a model of format 1 to 3, saved as format 4: its card keeps saying it was trained with ND4J's standardiser
        ModelCard written = !card.trainedWithExactStandardization() && card.exactStandardization() == null
                ? upgraded.withExactStandardization(Boolean.FALSE) : upgraded;
        Shape shape = shape(written, file);
        if (network.numParams() != shape.parameters()) {
            throw new IllegalArgumentException("the network has " + network.numParams() + " parameters, but the card's spec describes "
                    + shape.parameters() + ": not the network of this card");
        }
        if (normalizer.isPresent() != card.normalized()) {
            throw new IllegalArgumentException("the card says normalized=" + card.normalized() + ", but a normaliser was "
                    + (normalizer.isPresent() ? "" : "not ") + "given");
        }
        normalizer.ifPresent(n -> {
            if (n.getMean().length() != shape.features() || n.getStd().length() != shape.features()) {
                throw new IllegalArgumentException("the normaliser has " + n.getMean().length() + " means and " + n.getStd().length()
                        + " standard deviations, but the model reads " + shape.features() + " features");
            }
        });
        // format 4 divides by the stored deviations exactly: a normaliser of ND4J's own (a model of an older format, or one
        // made with the Java API) is stored with the deviations it divides by, so that the model predicts as before
        Optional<NormalizerStandardize> stored = normalizer.map(ModelBundle::asExact);
        AtomicFiles.write(file, out -> {
            Map<String, EntryWriter> entries = new java.util.LinkedHashMap<>();
            entries.put(CARD_ENTRY, o -> o.write(Json.write(written).getBytes(StandardCharsets.UTF_8)));
            entries.put(PARAMS_ENTRY, o -> RawArray.write(network.params(), o));
            if (normalizer.isPresent()) {
                entries.put(MEAN_ENTRY, o -> RawArray.write(stored.get().getMean(), o));
                entries.put(STD_ENTRY, o -> RawArray.write(stored.get().getStd(), o));
            }
            Map<String, String> hashes = new java.util.TreeMap<>();
            for (var e : entries.entrySet()) { // hashed as written, before bundle.json (the first entry) records their digest
                java.security.MessageDigest digest = sha256();
                try (java.security.DigestOutputStream d = new java.security.DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                    e.getValue().write(d);
                }
                hashes.put(e.getKey(), java.util.HexFormat.of().formatHex(digest.digest()));
            }
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                put(zip, BUNDLE_ENTRY, o -> o.write(Json.write(new Header("rnnlab-bundle", FORMAT_VERSION, contentDigest(hashes)))
                        .getBytes(StandardCharsets.UTF_8)));
                for (var e : entries.entrySet()) {
                    put(zip, e.getKey(), e.getValue());
                }
            }
        });
    }

    /** Writes the content of one zip entry. */
    @FunctionalInterface
    interface EntryWriter {
        void write(OutputStream out) throws IOException;
    }

    static void put(ZipOutputStream zip, String name, EntryWriter content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        content.write(zip);
        zip.closeEntry();
    }

    static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256, which every Java has to have", e);
        }
    }

    /**
     * The content digest {@code bundle.json} records (format {@value #FIRST_FORMAT_WITH_CONTENT_DIGEST} on): the SHA-256 of
     * the UTF-8 text made of one line {@code NAME SHA256\n} per entry but {@code bundle.json}, in the order of their names,
     * SHA256 being the 64 lower-case hex digits of the SHA-256 of the entry's (inflated) bytes. It does not depend on the zip's
     * compression or timestamps.
     *
     * @param entrySha256 entry name to the SHA-256 of its bytes, hex
     */
    static String contentDigest(Map<String, String> entrySha256) {
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(entrySha256).forEach((name, hash) -> text.append(name).append(' ').append(hash).append('\n'));
        return java.util.HexFormat.of().formatHex(sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The SHA-256 of a file's bytes, 64 lower-case hex digits (as {@code sha256sum} prints it).
     *
     * @throws BundleException (unchecked, as every refusal of a model file here: a service's compiler does not ask for it) if
     *                         the file is missing, a folder or cannot be read; its message starts with the path
     */
    public static String fileSha256(Path file) {
        java.security.MessageDigest digest = sha256();
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw BundleException.wrongPath(file, Files.isDirectory(file) ? "is a folder, not a model file"
                    : Files.exists(file) ? "cannot read: " + e.getMessage()
                    : "no such model file" + org.rnnlab.datasets.TextFiles.backslashHint(file));
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Loads a bundle only if the file's SHA-256 is the expected one (a model pinned by the hash a registry or a sign-off
     * recorded): the file's bytes are hashed before and after loading, and a file of another hash, or one that changed while
     * it was loaded, is refused with a {@link BundleException} naming both hashes. This is the check that also holds against a
     * deliberate forgery, which the bundle's own content digest ({@link #FIRST_FORMAT_WITH_CONTENT_DIGEST}) does not.
     *
     * @param expectedSha256 64 hex digits (either case), as {@code sha256sum} prints them
     * @throws IllegalArgumentException if {@code expectedSha256} is not 64 hex digits
     * @throws BundleException          (unchecked) if the file has another hash or changed while it was loaded, or for any
     *                                  file {@link #load(Path)} refuses; its message starts with the path
     */
    public static SequenceClassifier load(Path file, String expectedSha256) {
        String expected = checkSha256(expectedSha256);
        String before = fileSha256(file);
        if (!before.equals(expected)) {
            throw new BundleException(file, "has SHA-256 " + before + ", not the expected " + expected
                    + ": another model file than the one pinned, or this one was changed since its hash was recorded");
        }
        SequenceClassifier classifier = load(file);
        String after = fileSha256(file);
        if (!after.equals(before)) {
            classifier.close();
            throw new BundleException(file, "changed while it was being loaded (SHA-256 " + before + " before, " + after + " after)");
        }
        return classifier;
    }

    /**
     * A SHA-256 as given by a user, checked (64 hex digits, either case; a {@code sha256sum} line's file name after white
     * space is dropped) and in lower case.
     */
    public static String checkSha256(String hex) {
        String h = hex == null ? "" : hex.strip().split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
        if (!h.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("expected SHA-256 '" + hex + "' is not 64 hex digits (as sha256sum prints them)");
        }
        return h;
    }

    /** Reads only the model card (no network is built), with the same checks as {@link #load}, its content digest included. */
    public static ModelCard readCard(Path file) {
        try (SafeZip zip = open(file)) {
            ModelCard card = readCard(zip);
            Shape shape = shape(card, file);
            checkDigest(zip, shape);
            return card;
        } catch (BundleException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BundleException(file, "corrupt rnnlab model bundle (" + (e instanceof IllegalArgumentException ? ""
                    : e.getClass().getSimpleName() + ": ") + Json.plain(e.getMessage()) + ")", e);
        }
    }

    /**
     * Loads a bundle of any supported format into a ready-to-use classifier.
     *
     * @throws BundleException          (unchecked, so a service's compiler does not ask for it: catch it where a model file
     *                                  comes from outside) for any file that cannot be loaded: missing, a folder, truncated,
     *                                  damaged or edited after saving, not an rnnlab bundle (an ONNX export, a checkpoint, a
     *                                  DL4J {@code ModelSerializer} zip, any other file), crafted, or of a bundle format newer
     *                                  than {@link #FORMAT_VERSION}; its message starts with the path and says what is wrong
     * @throws IllegalArgumentException if {@code file} is null
     */
    public static SequenceClassifier load(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file is null (expected the path of a model.rnnlab)");
        }
        try (SafeZip zip = open(file)) {
            ModelCard card = readCard(zip);
            Shape shape = shape(card, file);
            // entries parsed first (a damaged entry is named by what is wrong with it), then the digest of them all
            SequenceClassifier classifier = card.formatVersion() == 1 ? BundleV1.load(zip, card, shape) : loadV2(zip, card, shape);
            try {
                checkDigest(zip, shape);
            } catch (IOException | RuntimeException e) {
                classifier.close();
                throw e;
            }
            return classifier;
        } catch (BundleException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BundleException(file, "corrupt rnnlab model bundle (" + (e instanceof IllegalArgumentException ? ""
                    : e.getClass().getSimpleName() + ": ") + Json.plain(e.getMessage()) + ")", e);
        }
    }

    private static SafeZip open(Path file) {
        if (Files.isDirectory(file)) {
            throw BundleException.wrongPath(file, "is a folder, not a model file" + (Files.isRegularFile(file.resolve("model.rnnlab"))
                    ? ": did you mean " + file.resolve("model.rnnlab") + "?" : " (expected a model.rnnlab file)"));
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw BundleException.wrongPath(file, "is not a regular file (a device or pipe?): expected a model.rnnlab file");
        }
        if (!Files.isRegularFile(file)) {
            Path run = file.toAbsolutePath().getParent();
            boolean unfinished = run != null && Files.isDirectory(run.resolve("checkpoints")) && file.getFileName() != null
                    && file.getFileName().toString().equals("model.rnnlab");
            throw BundleException.wrongPath(file, "no such model file" + (unfinished ? ": the run in " + run + " has checkpoints but no "
                    + "model, so its training did not finish; 'rnnlab train --resume " + run + "' continues it" : "")
                    + org.rnnlab.datasets.TextFiles.backslashHint(file)); // a Windows path, as --input gets it (trial 81a F1)
        }
        if (looksLikeOnnx(file)) { // by its content: a bundle renamed .onnx loads, an ONNX file renamed .rnnlab is named
            throw new BundleException(file, "is an ONNX model ('rnnlab export' writes those for other runtimes, such as ONNX "
                    + "Runtime): rnnlab loads the model.rnnlab it was exported from");
        }
        return SafeZip.open(file, WHAT);
    }

    /**
     * Whether a file starts as an ONNX model does (a protobuf {@code ModelProto}: field 1, {@code ir_version}, a small varint,
     * then a length-delimited field such as {@code producer_name} or {@code graph}); a zip starts with {@code PK}. Public
     * for {@code rnnlab export}, whose {@code --overwrite} replaces only an ONNX model.
     */
    public static boolean looksLikeOnnx(Path file) {
        byte[] head = new byte[3];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 3) < 3) {
                return false;
            }
        } catch (java.io.IOException e) {
            return false; // SafeZip.open says what is wrong with the file
        }
        int tag = head[2] & 0xff;
        return head[0] == 0x08 && head[1] >= 1 && head[1] <= 100 && (tag & 0x07) == 2 && tag >> 3 >= 2 && tag >> 3 <= 20;
    }

    private static SequenceClassifier loadV2(SafeZip zip, ModelCard card, Shape shape) throws IOException {
        zip.require(PARAMS_ENTRY, WHAT);
        INDArray params = zip.rawArray(PARAMS_ENTRY, shape.parameters());
        NormalizerStandardize normalizer = null;
        if (card.normalized()) {
            zip.require(MEAN_ENTRY, WHAT);
            zip.require(STD_ENTRY, WHAT);
            normalizer = standardizer(zip.rawArray(MEAN_ENTRY, shape.features()), zip.rawArray(STD_ENTRY, shape.features()),
                    card.formatVersion() >= FIRST_FORMAT_WITH_EXACT_STANDARDIZATION);
        } else if (zip.has(MEAN_ENTRY) || zip.has(STD_ENTRY)) {
            throw new BundleException(zip.file(), "holds a normaliser (" + MEAN_ENTRY + ", " + STD_ENTRY
                    + "), but its model card says the model is not normalized");
        }
        return new SequenceClassifier(network(card, shape, params, zip.file()), normalizer, card);
    }

    /**
     * A standardiser from its per-feature mean and standard deviation, shaped {@code [1, features]} as ND4J fits it.
     *
     * @param exact whether the deviations are divided by exactly (format {@value #FIRST_FORMAT_WITH_EXACT_STANDARDIZATION}
     *              on), or as ND4J's standardiser does, which the models of older formats were trained with
     */
    static NormalizerStandardize standardizer(INDArray mean, INDArray std, boolean exact) {
        requireFinite(mean, "normaliser means", null);
        requireFinite(std, "normaliser standard deviations", null);
        if (std.minNumber().doubleValue() <= 0) {
            throw new IllegalArgumentException("its normaliser standard deviations hold zero or negative values (a damaged file)");
        }
        INDArray m = mean.reshape(1, mean.length());
        INDArray d = std.reshape(1, std.length());
        return exact ? org.rnnlab.datasets.FeatureStandardizer.of(m, d) : new NormalizerStandardize(m, d);
    }

    /**
     * The same standardisation as an {@link org.rnnlab.datasets.ExactStandardize}: ND4J's own standardiser divides some small
     * deviations by 1, so the deviation it divides a feature by is read off its transform of {@code mean + 1} (which it maps
     * to {@code 1 / divisor}); deviations of 1e-3 and more it divides by as they are.
     */
    public static NormalizerStandardize asExact(NormalizerStandardize n) {
        if (n instanceof org.rnnlab.datasets.ExactStandardize) {
            return n;
        }
        INDArray mean = n.getMean().reshape(1, n.getMean().length()).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray std = n.getStd().reshape(1, n.getStd().length()).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup();
        INDArray probe = mean.add(1f);
        n.transform(probe);
        for (int f = 0; f < std.length(); f++) {
            if (std.getFloat(f) < 1e-3f) {
                std.putScalar(f, 1f / probe.getFloat(f));
            }
        }
        return org.rnnlab.datasets.FeatureStandardizer.of(mean.dup(), std);
    }

    /** Refuses NaN or infinite values: a model with them would give labels from meaningless probabilities. */
    private static void requireFinite(INDArray values, String what, Path file) {
        double sum = values.sumNumber().doubleValue();
        if (!Double.isFinite(sum) && !Arrays.stream(values.reshape(values.length()).toDoubleVector()).allMatch(Double::isFinite)) {
            String message = "its " + what + " hold NaN or infinite values (a model from a diverged run, or a damaged file)";
            throw file != null ? new BundleException(file, message) : new IllegalArgumentException(message);
        }
    }

    /** The network of a card, rebuilt with {@link NetworkFactory}, with the given parameters (whose count was checked). */
    static MultiLayerNetwork network(ModelCard card, Shape shape, INDArray params, Path file) {
        requireFinite(params, "parameters", file);
        MultiLayerNetwork net = NetworkFactory.build(card.spec(), shape.features(), shape.classes(), params.dataType());
        if (net.numParams() != params.length()) { // cannot happen: shape() computed the count from the same configuration
            throw new BundleException(file, "the rebuilt network has " + net.numParams() + " parameters, the file " + params.length());
        }
        net.setParams(params);
        return net;
    }

    /**
     * The SHA-256 of each entry's bytes but {@code bundle.json}'s, entry name to hex, each read within the limit its loading
     * applies (and CRC-32 checked).
     */
    static Map<String, String> entryHashes(SafeZip zip, Shape shape) throws IOException {
        Map<String, String> hashes = new java.util.TreeMap<>();
        for (String name : zip.names()) {
            if (name.equals(BUNDLE_ENTRY)) {
                continue;
            }
            long limit = switch (name) {
                case CARD_ENTRY -> SafeZip.DOCUMENT_LIMIT_BYTES;
                case PARAMS_ENTRY -> RawArray.maxBytes(shape.parameters());
                case MEAN_ENTRY, STD_ENTRY -> RawArray.maxBytes(shape.features());
                default -> SafeZip.HARD_LIMIT_BYTES; // format 1's dl4j-model.zip (its own reader bounds it further)
            };
            java.security.MessageDigest digest = sha256();
            try (java.io.InputStream in = zip.stream(name, limit)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            hashes.put(name, java.util.HexFormat.of().formatHex(digest.digest()));
        }
        return hashes;
    }

    /** The files of a format without a content digest already noted in this process: the note is given once a file. */
    private static final java.util.Set<Path> NOTED_WITHOUT_DIGEST = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Checks the content digest {@code bundle.json} records against the entries (format
     * {@value #FIRST_FORMAT_WITH_CONTENT_DIGEST} on); a file of an older format has none, which is noted in the log.
     */
    private static void checkDigest(SafeZip zip, Shape shape) throws IOException {
        Header h = zip.json(BUNDLE_ENTRY, SafeZip.HEADER_LIMIT_BYTES, Header.class);
        if (h.contentSha256() == null) {
            if (h.version() >= FIRST_FORMAT_WITH_CONTENT_DIGEST) {
                throw new BundleException(zip.file(), BUNDLE_ENTRY + " of format " + h.version() + " records no contentSha256 "
                        + "(every rnnlab writing format " + FIRST_FORMAT_WITH_CONTENT_DIGEST + " or later does): the file was edited "
                        + "after saving");
            }
            if (NOTED_WITHOUT_DIGEST.add(zip.file().toAbsolutePath().normalize())) { // once a file (model-info read it twice)
                // its old run recorded no SHA-256 of it (trial 78a F7: "compare it with the one recorded" had none to compare)
                LOG.info("note: {} was saved by an older rnnlab (bundle format {}), which recorded no content digest: an edit to it "
                        + "after saving cannot be detected; record its SHA-256 now ({}) to detect later edits (sha256sum gives it)",
                        zip.file(), h.version(), java.nio.file.Files.isRegularFile(zip.file())
                                ? org.rnnlab.datasets.FileChecksums.of(zip.file()).sha256() : "sha256sum of the file");
            }
            return;
        }
        String actual = contentDigest(entryHashes(zip, shape));
        if (!actual.equals(h.contentSha256())) {
            throw new BundleException(zip.file(), "was edited or damaged after saving: its entries' content digest is " + actual
                    + ", but " + BUNDLE_ENTRY + " records " + h.contentSha256() + " (its card, parameters or standardiser differ "
                    + "from what rnnlab saved; refusing to load it: use the file as saved, or train the model again)");
        }
    }

    /** Reads {@code bundle.json}, refuses entries the version does not define, and reads the card. */
    private static ModelCard readCard(SafeZip zip) throws IOException {
        Path file = zip.file();
        if (!zip.has(BUNDLE_ENTRY) && isModelSerializerZip(zip)) {
            // a DL4J user's own network (trial 79d F3): said by the entry names alone, nothing in it is read
            throw new BundleException(file, "a DL4J ModelSerializer zip (" + BundleV1.CONFIGURATION + ", " + BundleV1.COEFFICIENTS
                    + "), not an rnnlab bundle: rnnlab loads only the model.rnnlab files it writes ('rnnlab train' saves one in "
                    + "its run folder), not a network DL4J saved");
        }
        if (!zip.has(BUNDLE_ENTRY)) {
            throw new BundleException(file, "not an rnnlab model bundle: entry " + BUNDLE_ENTRY + " is missing"
                    + (zip.has(Checkpoint.HEADER_ENTRY) ? "; it is a training checkpoint, which 'rnnlab train --resume RUN_DIR' "
                    + "continues from (the finished run's model is RUN_DIR/model.rnnlab)" : ""));
        }
        Header h = zip.json(BUNDLE_ENTRY, SafeZip.HEADER_LIMIT_BYTES, Header.class);
        if (!"rnnlab-bundle".equals(h.format())) {
            throw new BundleException(file, "not an rnnlab model bundle (format '" + h.format() + "')");
        }
        if (h.version() > FORMAT_VERSION || h.version() < 1) {
            throw new BundleException(file, "bundle format version " + h.version() + " is not supported: this rnnlab reads versions 1 to "
                    + FORMAT_VERSION + " (a newer rnnlab wrote it?)");
        }
        zip.allowOnly(h.version() == 1 ? BundleV1.ENTRIES : ENTRIES, "bundle format " + h.version());
        zip.require(CARD_ENTRY, WHAT);
        ModelCard card = zip.json(CARD_ENTRY, SafeZip.DOCUMENT_LIMIT_BYTES, ModelCard.class);
        if (card.formatVersion() != h.version()) {
            throw new BundleException(file, "corrupt " + CARD_ENTRY + ": it says format " + card.formatVersion() + ", "
                    + BUNDLE_ENTRY + " says " + h.version());
        }
        return card.formatVersion() < FIRST_FORMAT_WITH_PER_DIRECTION_LAST_HEAD ? card.withSpecAsBuiltBeforeBidirectionalLastHead()
                : card;
    }

    /**
     * Whether a zip has the layout of DL4J's {@code ModelSerializer} (its configuration and coefficients, the entries
     * format 1's inner {@code dl4j-model.zip} has too: {@link BundleV1}), judged by the
     * entry names only: a DL4J user who gives their own network's zip is told what it is, not only that an entry is missing,
     * and nothing in it (a configuration naming classes, a Java-serialized object) is read.
     */
    private static boolean isModelSerializerZip(SafeZip zip) {
        return zip.has(BundleV1.CONFIGURATION) && zip.has(BundleV1.COEFFICIENTS);
    }

    /**
     * Checks that a card describes a network rnnlab can build and returns its shape: spec and input
     * description agree, at least two classes, at most {@link #MAX_LAYERS} layers and
     * {@link #MAX_PARAMETERS} parameters (counted from the configuration, nothing allocated).
     */
    static Shape shape(ModelCard card, Path file) {
        if (card.spec() == null || card.input() == null || card.labelNames() == null) {
            throw new BundleException(file, "corrupt " + CARD_ENTRY + ": spec, input and labelNames are required");
        }
        InputDescription in = card.input();
        InputSpec specInput = card.spec().input();
        boolean tokens = in.kind() == InputDescription.Kind.TOKENS;
        if (tokens != (specInput.kind() == InputSpec.Kind.TOKENS) || tokens && specInput.vocabularySize() != in.vocabularySize()) {
            throw new BundleException(file, "corrupt " + CARD_ENTRY + ": the spec's input " + specInput
                    + " does not match the input description (" + in.kind() + ", vocabulary " + in.vocabularySize() + ")");
        }
        checkVocabulary(card, file);
        checkFeatureNames(card, file);
        if (card.labelNames().size() < 2) {
            throw new BundleException(file, "corrupt " + CARD_ENTRY + ": at least two labels expected, got " + card.labelNames().size());
        }
        checkLabels(card, file);
        if (card.spec().layers() > MAX_LAYERS) {
            throw new BundleException(file, "the model card describes " + card.spec().layers() + " recurrent layers, more than the "
                    + MAX_LAYERS + " rnnlab loads");
        }
        long parameters = NetworkFactory.parameterCount(card.spec(), in.featureCount(), card.labelNames().size());
        if (parameters > MAX_PARAMETERS) {
            throw new BundleException(file, "the model card describes a network of " + parameters + " parameters, more than the "
                    + MAX_PARAMETERS + " rnnlab loads");
        }
        return new Shape(in.featureCount(), card.labelNames().size(), parameters);
    }

    /**
     * A model of dense input names its features twice: {@code input.featureNames} (what serve and the Java API show) and
     * the CSV contract's feature columns (what predict reads by header name). They must agree in number with the input's
     * features, and by name where the columns have names: otherwise the features shown would not be the ones read.
     */
    private static void checkFeatureNames(ModelCard card, Path file) {
        InputDescription in = card.input();
        if (in.kind() == InputDescription.Kind.TOKENS) {
            return;
        }
        if (in.featureNames() != null && in.featureNames().size() != in.featureCount()) {
            throw new BundleException(file, "corrupt " + CARD_ENTRY + ": input.featureNames has " + in.featureNames().size()
                    + " names for " + in.featureCount() + " features");
        }
        if (card.dataSchema() != null) {
            var columns = card.dataSchema().features();
            if (columns.size() != in.featureCount()) {
                throw new BundleException(file, "corrupt " + CARD_ENTRY + ": dataSchema.features has " + columns.size()
                        + " columns for " + in.featureCount() + " features");
            }
            for (int i = 0; in.featureNames() != null && i < columns.size(); i++) {
                String name = columns.get(i).name();
                if (name != null && !name.equals(in.featureNames().get(i))) {
                    throw new BundleException(file, "corrupt " + CARD_ENTRY + ": feature " + i + " is '" + in.featureNames().get(i)
                            + "' in input.featureNames and '" + name + "' in dataSchema.features");
                }
            }
        }
    }

    /**
     * The labels are classes as training makes them: none empty or a missing-value marker ({@code NA}, which training refuses
     * as a label; {@link ModelCard} refuses a label given twice), none with a control character (training refuses those too:
     * a crafted card's ESC sequences reached the terminal through predict's header); and a CSV model's label column is not also one of its
     * feature columns.
     */
    private static void checkLabels(ModelCard card, Path file) {
        for (int i = 0; i < card.labelNames().size(); i++) {
            String label = card.labelNames().get(i);
            if (label == null || label.isBlank() || org.rnnlab.datasets.csv.MissingValues.isMissing(label.strip())) {
                throw new BundleException(file, "corrupt " + CARD_ENTRY + ": labelNames[" + i + "] is "
                        + (label == null ? "null" : org.rnnlab.datasets.LabelCheck.quoted(label)) + " (expected a class name: not empty, not a missing-value marker)");
            }
            if (org.rnnlab.datasets.LabelCheck.controlCharacter(label) >= 0) {
                // training refuses them now: an edited or crafted card, or a model trained before that (a review: not "corrupt")
                throw new BundleException(file, CARD_ENTRY + ": labelNames[" + i + "] "
                        + org.rnnlab.datasets.LabelCheck.controlCharacterProblem(label) + "; rnnlab neither trains on nor loads such "
                        + "labels (a model trained before they were refused: train it again on data with the labels cleaned, e.g. "
                        + "line breaks and tabs replaced by spaces)");
            }
        }
        var schema = card.dataSchema();
        if (schema != null && org.rnnlab.datasets.csv.CsvSchema.LONG.equals(schema.layout()) && schema.label() != null
                && schema.features().contains(schema.label())) {
            throw new BundleException(file, "corrupt " + CARD_ENTRY + ": dataSchema.label " + schema.label()
                    + " is also one of dataSchema.features");
        }
    }

    /**
     * A text model's word list ({@code textEncoder.vocabulary.words}, the index being the token id) must
     * have exactly {@code input.vocabularySize} words, which is also the number of the embedding's rows
     * (the spec's vocabulary size, checked equal to it): otherwise words would get ids of another row, or
     * ids without a row. A text encoder on a model that does not read tokens is refused too.
     */
    private static void checkVocabulary(ModelCard card, Path file) {
        InputDescription in = card.input();
        if (card.textEncoder() == null || card.textEncoder().isNull()) {
            if (in.kind() == InputDescription.Kind.TOKENS) { // predict would read its text as CSV, export promise a vocabulary it lacks
                throw new BundleException(file, "corrupt " + CARD_ENTRY + ": input is TOKENS, but it holds no textEncoder (the "
                        + "tokenizer and the " + in.vocabularySize() + " words that turn texts into the token ids the model reads)");
            }
            return;
        }
        if (in.kind() != InputDescription.Kind.TOKENS) {
            throw new BundleException(file, "corrupt " + CARD_ENTRY + ": it holds a textEncoder (a vocabulary), but input is "
                    + in.kind() + ", not TOKENS");
        }
        JsonNode words = card.textEncoder().path("vocabulary").path("words");
        if (!words.isArray()) {
            throw new BundleException(file, "corrupt " + CARD_ENTRY + ": textEncoder.vocabulary.words is missing or not an array "
                    + "(expected the " + in.vocabularySize() + " words of input.vocabularySize)");
        }
        if (words.size() != in.vocabularySize()) {
            throw new BundleException(file, "corrupt " + CARD_ENTRY + ": textEncoder.vocabulary.words has " + words.size()
                    + " words, but input.vocabularySize (the embedding's rows) is " + in.vocabularySize()
                    + ": they must agree");
        }
    }

    /**
     * What {@code rnnlab model-info} shows of a file beside its card: the SHA-256 of each entry's bytes but
     * {@code bundle.json}'s, the content digest {@code bundle.json} records (null in files of formats 1 to 4), and the
     * weights' digest: that of the entries but the card ({@link #contentDigest} of them), equal for two trainings that made
     * the same parameters and standardiser whatever their cards' provenance says.
     */
    public record Contents(Map<String, String> entrySha256, String recordedContentSha256, String weightsSha256) {
    }

    /** The {@link Contents} of a bundle, read with {@link #readCard}'s checks (its content digest included). */
    public static Contents contents(Path file) {
        try (SafeZip zip = open(file)) {
            ModelCard card = readCard(zip);
            Shape shape = shape(card, file);
            checkDigest(zip, shape);
            Map<String, String> hashes = entryHashes(zip, shape);
            Map<String, String> weights = new java.util.TreeMap<>(hashes);
            weights.remove(CARD_ENTRY);
            return new Contents(hashes, zip.json(BUNDLE_ENTRY, SafeZip.HEADER_LIMIT_BYTES, Header.class).contentSha256(),
                    contentDigest(weights));
        } catch (BundleException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BundleException(file, "corrupt rnnlab model bundle (" + Json.plain(e.getMessage()) + ")", e);
        }
    }

    /**
     * A bundle's card and {@link Contents} as written, without the content digest check (every other check of {@link
     * #readCard} kept): for {@code rnnlab model-info} to show what an edited or damaged file holds, beside the reason the
     * others refuse it. Never for predicting: {@link #load} and {@link #readCard} check the digest.
     */
    public record Unverified(ModelCard card, Contents contents) {
    }

    /** The {@link Unverified} card and contents of a bundle (its content digest not checked). */
    public static Unverified readUnverified(Path file) {
        try (SafeZip zip = open(file)) {
            ModelCard card = readCard(zip);
            Shape shape = shape(card, file);
            Map<String, String> hashes = entryHashes(zip, shape);
            Map<String, String> weights = new java.util.TreeMap<>(hashes);
            weights.remove(CARD_ENTRY);
            return new Unverified(card, new Contents(hashes, zip.json(BUNDLE_ENTRY, SafeZip.HEADER_LIMIT_BYTES, Header.class)
                    .contentSha256(), contentDigest(weights)));
        } catch (BundleException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BundleException(file, "corrupt rnnlab model bundle (" + Json.plain(e.getMessage()) + ")", e);
        }
    }

    /** Entries of a bundle, for diagnostics. */
    static List<String> entries(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }
}

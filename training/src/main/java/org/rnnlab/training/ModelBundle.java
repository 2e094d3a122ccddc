package org.rnnlab.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.core.Json;

/**
 * One file, {@code model.rnnlab} (a zip), holding everything needed to use a trained model elsewhere:
 * {@code bundle.json} (format and version), {@code model-card.json} ({@link ModelCard}) and
 * {@code dl4j-model.zip} (DL4J's configuration, parameters, updater state and the normaliser).
 *
 * <p>DL4J M2.1's {@code ModelSerializer.writeModel(net, file, true, normalizer)} always fails
 * ("flush() failed: stream is closed"), so the model is written first and the normaliser added after
 * ({@code addNormalizerToModel}), as DL4J-NOTES.md records.
 */
public final class ModelBundle {
    /** The bundle format this version writes; it reads every version up to this one. */
    public static final int FORMAT_VERSION = 1;
    static final String BUNDLE_ENTRY = "bundle.json";
    static final String CARD_ENTRY = "model-card.json";
    static final String MODEL_ENTRY = "dl4j-model.zip";

    /** Contents of {@code bundle.json}. */
    record Header(String format, int version) {
    }

    private ModelBundle() {
    }

    /** The card describing a trained model, with metrics and provenance. */
    public static ModelCard card(TrainedModel trained, Map<String, Double> metrics, String dataset, Provenance provenance,
                                 int minLength, int maxLength, java.util.Optional<org.rnnlab.datasets.text.TextEncoder> textEncoder) {
        return card(trained, metrics, dataset, provenance, minLength, maxLength, textEncoder, Optional.empty());
    }

    /** The card of a model trained on data with a CSV contract (stored so new files are read the same way). */
    public static ModelCard card(TrainedModel trained, Map<String, Double> metrics, String dataset, Provenance provenance,
                                 int minLength, int maxLength, java.util.Optional<org.rnnlab.datasets.text.TextEncoder> textEncoder,
                                 Optional<org.rnnlab.datasets.csv.CsvSchema> schema) {
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
                        throw new java.io.UncheckedIOException(ex);
                    }
                }).orElse(null), schema.orElse(null));
    }

    /** Writes a bundle atomically. */
    public static void save(MultiLayerNetwork network, Optional<NormalizerStandardize> normalizer, ModelCard card, Path file)
            throws IOException {
        Path dl4j = Files.createTempFile("rnnlab-dl4j-", ".zip");
        try {
            ModelSerializer.writeModel(network, dl4j.toFile(), true);
            if (normalizer.isPresent()) {
                ModelSerializer.addNormalizerToModel(dl4j.toFile(), normalizer.get());
            }
            byte[] model = Files.readAllBytes(dl4j);
            AtomicFiles.write(file, out -> {
                try (ZipOutputStream zip = new ZipOutputStream(out)) {
                    put(zip, BUNDLE_ENTRY, Json.write(new Header("rnnlab-bundle", FORMAT_VERSION)).getBytes(StandardCharsets.UTF_8));
                    put(zip, CARD_ENTRY, Json.write(card).getBytes(StandardCharsets.UTF_8));
                    put(zip, MODEL_ENTRY, model);
                }
            });
        } finally {
            Files.deleteIfExists(dl4j);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Reads only the model card (fast; no network is restored). */
    public static ModelCard readCard(Path file) {
        try (ZipFile zip = open(file)) {
            return readCard(zip, file);
        } catch (IOException e) {
            throw new BundleException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Loads a bundle into a ready-to-use classifier. */
    public static SequenceClassifier load(Path file) {
        try (ZipFile zip = open(file)) {
            ModelCard card = readCard(zip, file);
            ZipEntry entry = zip.getEntry(MODEL_ENTRY);
            if (entry == null) {
                throw new BundleException(file, "not a complete rnnlab model bundle: entry " + MODEL_ENTRY + " is missing");
            }
            Path dl4j = Files.createTempFile("rnnlab-dl4j-", ".zip");
            try {
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, dl4j, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(dl4j.toFile(), true);
                NormalizerStandardize normalizer = card.normalized() ? ModelSerializer.restoreNormalizerFromFile(dl4j.toFile()) : null;
                if (card.normalized() && normalizer == null) {
                    throw new BundleException(file, "the model card says a normaliser is stored, but none was found");
                }
                return new SequenceClassifier(net, normalizer, card);
            } finally {
                Files.deleteIfExists(dl4j);
            }
        } catch (BundleException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BundleException(file, "corrupt rnnlab model bundle (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static ZipFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BundleException(file, "no such model file");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new BundleException(file, "not an rnnlab model bundle (not a zip file, or truncated: " + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BundleException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static ModelCard readCard(ZipFile zip, Path file) throws IOException {
        ZipEntry header = zip.getEntry(BUNDLE_ENTRY);
        if (header == null) {
            throw new BundleException(file, "not an rnnlab model bundle: entry " + BUNDLE_ENTRY + " is missing");
        }
        Header h;
        try (InputStream in = zip.getInputStream(header)) {
            h = Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), Header.class);
        } catch (IllegalArgumentException e) {
            throw new BundleException(file, "corrupt " + BUNDLE_ENTRY + ": " + e.getMessage(), e);
        }
        if (!"rnnlab-bundle".equals(h.format())) {
            throw new BundleException(file, "not an rnnlab model bundle (format '" + h.format() + "')");
        }
        if (h.version() > FORMAT_VERSION || h.version() < 1) {
            throw new BundleException(file, "bundle format version " + h.version() + " is not supported: this rnnlab reads versions 1 to "
                    + FORMAT_VERSION + " (a newer rnnlab wrote it?)");
        }
        ZipEntry card = zip.getEntry(CARD_ENTRY);
        if (card == null) {
            throw new BundleException(file, "not a complete rnnlab model bundle: entry " + CARD_ENTRY + " is missing");
        }
        try (InputStream in = zip.getInputStream(card)) {
            return Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), ModelCard.class);
        } catch (IllegalArgumentException e) {
            throw new BundleException(file, "corrupt " + CARD_ENTRY + ": " + e.getMessage(), e);
        }
    }

    /** Entries of a bundle, for diagnostics. */
    static List<String> entries(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }
}

package org.rnnlab.training;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * Reads bundle format 1 (rnnlab 0.1) without DL4J's {@code ModelSerializer}. Its entry
 * {@code dl4j-model.zip} is a zip of its own, written by DL4J, with
 *
 * <ul>
 *   <li>{@code configuration.json}: DL4J's configuration, with class names; <b>not read</b> (skipped
 *       within its size limit): the network is rebuilt from the model card instead;</li>
 *   <li>{@code coefficients.bin}: the parameters in ND4J's binary array format, parsed by
 *       {@link Nd4jArrayFormat} and checked against the rebuilt network's parameter count;</li>
 *   <li>{@code updaterState.bin}: the optimiser's state; not needed for prediction, skipped;</li>
 *   <li>{@code normalizer.bin} (when the card says {@code normalized}): ND4J's normaliser format; read
 *       only if its header names the STANDARDIZE strategy without label statistics, parsed here
 *       (ND4J's own reader would look up the class named by a CUSTOM header).</li>
 * </ul>
 *
 * Any other inner entry, notably DL4J's {@code preprocessor.bin} (a Java-serialized object that
 * {@code ModelSerializer} would hand to {@code ObjectInputStream}), is refused, and so is a repeated
 * entry (so the inner zip has at most four entries) and any entry larger than what the card's network
 * needs. The inner zip is streamed ({@link ZipInputStream}, which checks each inner entry's CRC-32), never
 * written to disk, and read to its end, so that the CRC-32 of {@code dl4j-model.zip} itself is checked too.
 */
final class BundleV1 {
    static final String MODEL_ENTRY = "dl4j-model.zip";
    static final List<String> ENTRIES = List.of(ModelBundle.BUNDLE_ENTRY, ModelBundle.CARD_ENTRY, MODEL_ENTRY);
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER = "updaterState.bin";
    static final String NORMALIZER = "normalizer.bin";
    static final List<String> INNER_ENTRIES = List.of(CONFIGURATION, COEFFICIENTS, UPDATER, NORMALIZER);
    /** Limit of the (unread) DL4J configuration. */
    static final long CONFIGURATION_LIMIT_BYTES = 16L << 20;
    /** Bytes a zip adds per entry and at its end, generously. */
    private static final long ZIP_OVERHEAD_BYTES = 64L << 10;

    private BundleV1() {
    }

    static SequenceClassifier load(SafeZip zip, ModelCard card, ModelBundle.Shape shape) throws IOException {
        Path file = zip.file();
        zip.require(MODEL_ENTRY, ModelBundle.WHAT);
        Map<String, Long> limits = Map.of(
                CONFIGURATION, CONFIGURATION_LIMIT_BYTES,
                COEFFICIENTS, Nd4jArrayFormat.maxBytes(shape.parameters()),
                UPDATER, Nd4jArrayFormat.maxBytes(2 * shape.parameters()), // Adam keeps two values per parameter, the others one or none
                NORMALIZER, 64 + 2 * Nd4jArrayFormat.maxBytes(shape.features()));
        long outerLimit = ZIP_OVERHEAD_BYTES + limits.values().stream().mapToLong(Long::longValue).sum();
        INDArray params = null;
        NormalizerStandardize normalizer = null;
        Set<String> seen = new HashSet<>();
        InputStream outer = zip.stream(MODEL_ENTRY, outerLimit);
        try (ZipInputStream inner = new ZipInputStream(outer)) {
            ZipEntry e;
            while ((e = inner.getNextEntry()) != null) {
                String name = e.getName();
                String path = MODEL_ENTRY + "/" + SafeZip.printable(name);
                if (!INNER_ENTRIES.contains(name)) {
                    throw new BundleException(file, "entry '" + path + "' is not part of bundle format 1 (its " + MODEL_ENTRY
                            + " has only " + String.join(", ", INNER_ENTRIES) + "): refusing to load the file"
                            + (name.equals("preprocessor.bin") ? " (DL4J's preprocessor.bin is a Java-serialized object, which rnnlab never reads)" : ""));
                }
                if (!seen.add(name)) {
                    throw new BundleException(file, "entry '" + path + "' appears twice");
                }
                InputStream body = new SafeZip.Bounded(unclosable(inner), file, path, limits.get(name));
                try {
                    switch (name) {
                        case COEFFICIENTS -> params = readArrayToEnd(body, shape.parameters());
                        case NORMALIZER -> {
                            if (!card.normalized()) {
                                throw new BundleException(file, "holds " + path + ", but its model card says the model is not normalized");
                            }
                            normalizer = readStandardizer(body, shape.features());
                        }
                        default -> body.transferTo(OutputStream.nullOutputStream()); // counted, not parsed
                    }
                } catch (BundleException ex) {
                    throw ex;
                } catch (IOException ex) {
                    String why = ex.getMessage() != null ? ex.getMessage() : ex instanceof EOFException ? "truncated" : ex.toString();
                    throw new BundleException(file, "entry " + path + ": " + why, ex);
                }
            }
            SafeZip.finish(outer); // the inner zip's directory, not read by ZipInputStream: then the CRC-32 of the whole entry
        }
        if (params == null) {
            throw new BundleException(file, "not a complete rnnlab model bundle: " + MODEL_ENTRY + "/" + COEFFICIENTS + " is missing");
        }
        if (card.normalized() && normalizer == null) {
            throw new BundleException(file, "the model card says a normaliser is stored, but " + MODEL_ENTRY + "/" + NORMALIZER + " is missing");
        }
        return new SequenceClassifier(ModelBundle.network(card, shape, params, file), normalizer, card);
    }

    private static INDArray readArrayToEnd(InputStream body, long expected) throws IOException {
        DataInputStream in = new DataInputStream(body);
        INDArray array = Nd4jArrayFormat.readVector(in, expected);
        if (in.read() != -1) {
            throw new IOException("trailing bytes after the array");
        }
        return array;
    }

    /**
     * Parses ND4J's normaliser file: UTF "NORMALIZER", int version 1, UTF strategy, then for
     * STANDARDIZE a boolean "labels fitted" and the feature mean and standard deviation arrays.
     */
    private static NormalizerStandardize readStandardizer(InputStream body, int features) throws IOException {
        DataInputStream in = new DataInputStream(body);
        String magic;
        try {
            magic = in.readUTF();
        } catch (EOFException | UTFDataFormatException e) {
            magic = null;
        }
        if (!"NORMALIZER".equals(magic)) {
            throw new IOException("not an ND4J normaliser file (its header is not \"NORMALIZER\")");
        }
        int version = in.readInt();
        if (version != 1) {
            throw new IOException("ND4J normaliser file version " + version + " (expected 1)");
        }
        String strategy = in.readUTF();
        if (!"STANDARDIZE".equals(strategy)) {
            throw new IOException("holds a normaliser of strategy '" + (strategy.length() > 40 ? strategy.substring(0, 40) + "..." : strategy)
                    + "'; rnnlab bundles hold only STANDARDIZE (a CUSTOM one would name a class to load, which rnnlab never does)");
        }
        if (in.readBoolean()) {
            throw new IOException("the standardiser holds label statistics, which rnnlab never writes");
        }
        INDArray mean = Nd4jArrayFormat.readVector(in, features);
        INDArray std = Nd4jArrayFormat.readVector(in, features);
        if (in.read() != -1) {
            throw new IOException("trailing bytes after the standardiser");
        }
        return ModelBundle.standardizer(mean, std, false); // format 1: ND4J's standardiser, as its models were trained
    }

    /** The inner zip stream, protected from being closed by a reader of one entry. */
    private static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the zip stream is closed by its owner
            }
        };
    }
}

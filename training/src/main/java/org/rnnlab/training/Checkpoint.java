package org.rnnlab.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.core.Json;

/**
 * A training checkpoint: one file {@code checkpoint.zip} in the run's {@code checkpoints/} folder with
 * the {@link TrainingState}, the network (parameters, configuration and updater state) and the
 * parameters of the best epoch so far. Written to a temporary file and renamed over the previous one,
 * so at every moment the folder holds one complete checkpoint.
 */
public final class Checkpoint {
    /** File name inside the checkpoint folder. */
    public static final String FILE = "checkpoint.zip";

    /** A checkpoint read back. */
    public record Loaded(TrainingState state, MultiLayerNetwork network, INDArray bestParams) {
    }

    private Checkpoint() {
    }

    /** The checkpoint file of a folder. */
    public static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    /** Whether a folder holds a checkpoint. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(file(dir));
    }

    /** Writes a checkpoint atomically. */
    public static void write(Path dir, TrainingState state, MultiLayerNetwork network, INDArray bestParams) throws IOException {
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, model, true);
        byte[] best = toBytes(bestParams);
        AtomicFiles.write(file(dir), out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                put(zip, "state.json", Json.write(state).getBytes(StandardCharsets.UTF_8));
                put(zip, "model.zip", model.toByteArray());
                if (best != null) {
                    put(zip, "best-params.bin", best);
                }
            }
        });
    }

    /** Reads the checkpoint of a folder. */
    public static Loaded read(Path dir) throws IOException {
        Path f = file(dir);
        if (!Files.isRegularFile(f)) {
            throw new IOException("no checkpoint in " + dir + " (expected " + f.getFileName() + ")");
        }
        try (ZipFile zip = new ZipFile(f.toFile())) {
            TrainingState state = Json.read(new String(bytes(zip, "state.json", f), StandardCharsets.UTF_8), TrainingState.class);
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes(zip, "model.zip", f)), true);
            ZipEntry best = zip.getEntry("best-params.bin");
            INDArray bestParams = null;
            if (best != null) {
                try (DataInputStream in = new DataInputStream(zip.getInputStream(best))) {
                    bestParams = Nd4j.read(in);
                }
            }
            return new Loaded(state, net, bestParams);
        } catch (java.util.zip.ZipException | IllegalArgumentException e) {
            throw new IOException("corrupt checkpoint " + f + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(ZipFile zip, String name, Path f) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new IOException("corrupt checkpoint " + f + ": entry " + name + " is missing");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] toBytes(INDArray array) throws IOException {
        if (array == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Nd4j.write(array, out);
        }
        return bytes.toByteArray();
    }
}

package org.rnnlab.evaluation.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.core.AtomicFiles;

/**
 * The ONNX model and its metadata JSON beside it ({@code model.onnx}, {@code model.onnx.json}), written as a pair: the model
 * goes to a temporary file first, then the JSON is written into place (atomically), then the model is renamed onto its path;
 * if that rename fails, the JSON is put back as it was. So a failure leaves the earlier pair (or nothing) as it was, never a
 * new model beside old metadata nor a half-written file (a review: the model was written first and the JSON after it, so a
 * failed JSON write left the new model beside the previous export's metadata).
 */
final class OnnxExportFiles {

    private OnnxExportFiles() {
    }

    /**
     * What writing the pair replaces, for the command to say (a review: an empty {@code model.onnx.json}, whatever wrote it,
     * was replaced without a word): each existing regular file with what it holds; empty when neither exists.
     */
    static List<String> replaced(Path model, Path metadata) throws IOException {
        List<String> replaced = new ArrayList<>();
        if (Files.isRegularFile(model, LinkOption.NOFOLLOW_LINKS)) {
            replaced.add(model + (Files.size(model) == 0 ? " (an empty file)" : " (an earlier ONNX model)"));
        }
        if (Files.isRegularFile(metadata, LinkOption.NOFOLLOW_LINKS)) {
            replaced.add(metadata + (Files.size(metadata) == 0 ? " (an empty file)" : " (an earlier export's metadata)"));
        }
        return replaced;
    }

    /**
     * Writes {@code onnx} to {@code model} and {@code json} (UTF-8) to {@code metadata} as one pair.
     *
     * @throws IOException naming the file that could not be written; both files are then as they were before
     */
    static void write(Path model, byte[] onnx, Path metadata, String json) throws IOException {
        byte[] before = Files.isRegularFile(metadata, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(metadata) : null;
        boolean[] placed = {false};
        try {
            AtomicFiles.writePath(model, tmp -> {
                Files.write(tmp, onnx); // the large file first, where a full disk shows: nothing is in place yet
                AtomicFiles.writeString(metadata, json);
                placed[0] = true;
            });
        } catch (IOException | RuntimeException e) {
            if (placed[0]) { // the JSON is new but the model is not: the metadata back as it was
                try {
                    if (before == null) {
                        Files.deleteIfExists(metadata);
                    } else {
                        AtomicFiles.writeBytes(metadata, before);
                    }
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw e;
        }
    }
}

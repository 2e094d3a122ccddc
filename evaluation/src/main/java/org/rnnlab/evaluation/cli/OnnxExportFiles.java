package org.rnnlab.evaluation.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.core.AtomicFiles;

/**
 * The ONNX model and its metadata JSON beside it ({@code model.onnx}, {@code model.onnx.json}), and its SHA-256 in
 * {@code sha256sum}'s format ({@code model.onnx.sha256}, for {@code sha256sum -c}: an ONNX file has no checksum of its own, and
 * a trial's flipped weight bit loaded and ran, shifting probabilities without an error), written as a set: the model
 * goes to a temporary file first, then the JSON and the checksum are written into place (atomically), then the model is
 * renamed onto its path; if that rename fails, they are put back as they were. So a failure leaves the earlier pair (or nothing) as it was, never a
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
        return replaced(model, metadata, null);
    }

    /** As {@link #replaced(Path, Path)}, with the checksum file ({@code model.onnx.sha256}) too unless null. */
    static List<String> replaced(Path model, Path metadata, Path checksum) throws IOException {
        List<String> replaced = new ArrayList<>();
        if (Files.isRegularFile(model, LinkOption.NOFOLLOW_LINKS)) {
            replaced.add(model + (Files.size(model) == 0 ? " (an empty file)" : " (an earlier ONNX model)"));
        }
        if (Files.isRegularFile(metadata, LinkOption.NOFOLLOW_LINKS)) {
            replaced.add(metadata + (Files.size(metadata) == 0 ? " (an empty file)" : " (an earlier export's metadata)"));
        }
        if (checksum != null && Files.isRegularFile(checksum, LinkOption.NOFOLLOW_LINKS)) {
            replaced.add(checksum + (Files.size(checksum) == 0 ? " (an empty file)" : " (an earlier export's checksum)"));
        }
        return replaced;
    }

    /**
     * Writes {@code onnx} to {@code model} and {@code json} (UTF-8) to {@code metadata} as one pair.
     *
     * @throws IOException naming the file that could not be written; both files are then as they were before
     */
    static void write(Path model, byte[] onnx, Path metadata, String json) throws IOException {
        write(model, onnx, metadata, json, null);
    }

    /**
     * Writes {@code onnx} to {@code model}, {@code json} (UTF-8) to {@code metadata} and, unless {@code checksum} is null,
     * the model's SHA-256 line ({@link #sha256Line}) to {@code checksum}, as one set: the model to a temporary file, then
     * each companion file into place (atomically), then the model renamed onto its path; if anything fails, the companions
     * are put back as they were. So a model never stands beside a checksum or metadata of another export.
     *
     * @throws IOException naming the file that could not be written; the files are then as they were before
     */
    static void write(Path model, byte[] onnx, Path metadata, String json, Path checksum) throws IOException {
        Map<Path, byte[]> companions = new LinkedHashMap<>();
        companions.put(metadata, json.getBytes(StandardCharsets.UTF_8));
        if (checksum != null) {
            companions.put(checksum, sha256Line(sha256(onnx), model.getFileName().toString()).getBytes(StandardCharsets.UTF_8));
        }
        Map<Path, byte[]> before = new LinkedHashMap<>();
        for (Path p : companions.keySet()) {
            before.put(p, Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(p) : null);
        }
        List<Path> placed = new ArrayList<>();
        try {
            AtomicFiles.writePath(model, tmp -> {
                Files.write(tmp, onnx); // the large file first, where a full disk shows: nothing is in place yet
                for (Map.Entry<Path, byte[]> c : companions.entrySet()) {
                    AtomicFiles.writeBytes(c.getKey(), c.getValue());
                    placed.add(c.getKey());
                }
            });
        } catch (IOException | RuntimeException e) {
            for (Path p : placed) { // new companions but not the model: each back as it was
                try {
                    if (before.get(p) == null) {
                        Files.deleteIfExists(p);
                    } else {
                        AtomicFiles.writeBytes(p, before.get(p));
                    }
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw e;
        }
    }

    /** The SHA-256 of {@code bytes}, as 64 lower-case hex digits (what {@code sha256sum} prints). */
    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * One line of {@code sha256sum}'s output for {@code name} (text mode: the hash, two spaces, the name, a newline), which
     * {@code sha256sum -c} checks; a name holding a backslash or a newline is escaped as GNU coreutils writes it (a leading
     * backslash, {@code \\} and {@code \n}).
     */
    static String sha256Line(String hash, String name) {
        if (name.indexOf('\\') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
            return hash + "  " + name + "\n";
        }
        return "\\" + hash + "  " + name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + "\n";
    }

    /** Whether {@code text} (a file's whole text) is a {@code sha256sum} line such as {@link #sha256Line} writes. */
    static boolean isSha256Line(String text) {
        return text.matches("(?s)\\\\?[0-9a-f]{64}  [^\n]+\n?");
    }
}

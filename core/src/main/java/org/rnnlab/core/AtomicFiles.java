package org.rnnlab.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files through a temporary sibling and a rename, so a crash leaves either the old file or
 * the complete new one, never a torn one.
 */
public final class AtomicFiles {

    /** Something that writes a whole file's content to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Something that writes a whole file given its (temporary) path. */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path tmp) throws IOException;
    }

    /** The file that marks a folder as an rnnlab run folder (written by the training module's {@code RunDirectory}). */
    public static final String RUN_MARKER = ".rnnlab-run";
    /**
     * The file beside a run folder's marker that lists, one relative path a line, the files rnnlab wrote in the run
     * folder: what {@code --overwrite} may delete (nothing else). Kept apart from the marker, which holds the run's lock
     * (a POSIX lock ends when the process closes any descriptor of its file, so the marker is not read or written here).
     */
    public static final String MANIFEST = ".rnnlab-files";
    /** How many folders up from a written file a run marker is looked for (compare's runs/NAME/checkpoints/FILE). */
    static final int MARKER_DEPTH = 4;
    private static final Object MANIFEST_LOCK = new Object();

    private AtomicFiles() {
    }

    /**
     * The manifest of the nearest run folder at or above {@code dir} (at most {@value #MARKER_DEPTH} folders up), or null
     * when there is no run folder there or it has no manifest (a run folder of an rnnlab that did not list its files).
     */
    public static Path manifestOf(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        for (int i = 0; d != null && i < MARKER_DEPTH; i++, d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(RUN_MARKER))) {
                Path manifest = d.resolve(MANIFEST);
                return Files.isRegularFile(manifest) ? manifest : null;
            }
        }
        return null;
    }

    /**
     * Whether {@code file} is listed in its run folder's manifest; {@code read} keeps each manifest's lines once read, for a
     * caller that asks of many files.
     */
    public static boolean listed(Path file, java.util.Map<Path, java.util.Set<String>> read) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        Path manifest = manifestOf(abs.getParent());
        if (manifest == null) {
            return false;
        }
        java.util.Set<String> lines = read.get(manifest);
        if (lines == null) {
            lines = new java.util.HashSet<>(Files.readAllLines(manifest, StandardCharsets.UTF_8));
            read.put(manifest, lines);
        }
        return lines.contains(relative(manifest, abs));
    }

    private static String relative(Path manifest, Path file) {
        return manifest.getParent().relativize(file).toString().replace('\\', '/');
    }

    /** Lists a file just written in its run folder's manifest (if it lies in a run folder), once. */
    private static void record(Path file) {
        synchronized (MANIFEST_LOCK) {
            try {
                Path manifest = manifestOf(file.getParent());
                if (manifest != null && !Files.readAllLines(manifest, StandardCharsets.UTF_8).contains(relative(manifest, file))) {
                    Files.writeString(manifest, relative(manifest, file) + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                // the manifest only guards --overwrite: a file missing from it is kept, never deleted
            }
        }
    }

    /** Temporary files are created owner-only; the finished file gets the usual rw-r--r--. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the default ACL applies
        }
    }

    /** Writes text (UTF-8) atomically. */
    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes atomically. */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Writes through a stream atomically. */
    public static void write(Path target, StreamWriter writer) throws IOException {
        writePath(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
        });
    }

    /**
     * Lets {@code writer} produce the file at a temporary path in the same folder, then renames it onto
     * {@code target}. On failure the temporary file is removed and the target is untouched.
     */
    public static void writePath(Path target, PathWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(abs)) {
            // a device, pipe or socket: renaming a new file onto /dev/null replaces the device itself when run as root
            throw new IOException("cannot write " + target + ": it is not a regular file (a device, pipe or socket), and a new "
                    + "file renamed into place would replace it; give the path of a regular file");
        }
        Path tmp;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            // the temporary file's name, in the exception, is not one the user gave: name the file and its folder
            String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.NoSuchFileException ? "no such folder"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(e.getMessage());
            throw new IOException("cannot write " + target + ": its folder " + dir + " does not take new files (" + reason + ")", e);
        }
        try {
            writer.write(tmp);
            readableByAll(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            record(abs.normalize());
        } catch (IOException e) {
            throw naming(target, dir, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A failure to write {@code target} that names it and its folder: the operating system's words alone ("No space left on
     * device", from the stream of a temporary file whose name the user never gave) did not say which file of a run was being
     * written or where. A full device or quota says so and what to do. An interruption is passed on as it is (its callers
     * stop on it), and so is a failure whose message already names the file.
     */
    static IOException naming(Path target, Path dir, IOException e) {
        if (e instanceof java.io.InterruptedIOException || e instanceof java.nio.channels.ClosedByInterruptException
                || e.getMessage() != null && e.getMessage().contains(target.toString())) {
            return e;
        }
        String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String lower = reason.toLowerCase(java.util.Locale.ROOT);
        boolean full = lower.contains("no space left") || lower.contains("disk quota exceeded") || lower.contains("not enough space");
        return new IOException("cannot write " + target + ": " + reason + (full ? " (the device holding " + dir
                + " is full or over quota: free space there, or write elsewhere; nothing was half-written)" : ""), e);
    }
}

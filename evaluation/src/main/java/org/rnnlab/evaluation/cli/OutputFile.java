package org.rnnlab.evaluation.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks of a file a command writes at a path the user gave ({@code export --out FILE},
 * {@code loadtest --json FILE}), made before any work. rnnlab writes such a file through a temporary
 * sibling and a rename, so an existing path that is not a regular file (a symbolic link, a FIFO, a
 * device such as {@code /dev/full}, a socket) would be replaced by a regular file rather than written
 * through: it is refused, named and said what it is. A folder, a missing parent folder and (unless the
 * command replaces files) an existing file are refused too. Every refusal is an
 * {@link IllegalArgumentException}: a usage error, exit 2.
 */
final class OutputFile {

    private OutputFile() {
    }

    /**
     * Refuses {@code target} unless a regular file can be written there.
     *
     * @param what        how the path was given, for messages, e.g. "--out model.onnx"
     * @param example     a file name to suggest when {@code target} is a folder, e.g. "model.onnx"
     * @param replaceable whether an existing regular file may be replaced (--overwrite given, or the command's rule);
     *                    when not, the message says to add --overwrite
     */
    static void check(String what, Path target, String example, boolean replaceable) {
        if (target.toString().indexOf('\\') >= 0) { // a Windows path would be one file named 'runs\\model.onnx'
            org.rnnlab.training.RunDirectory.refuseBackslash(what.substring(0, what.indexOf(' ') < 0 ? what.length() : what.indexOf(' ')),
                    target);
        }
        BasicFileAttributes attributes = attributes(target);
        if (attributes != null) {
            if (attributes.isSymbolicLink()) {
                throw new IllegalArgumentException(what + " is a symbolic link" + linkTarget(target) + ", not a regular file: rnnlab "
                        + "would replace the link, not write through it; give the path of a regular file");
            }
            if (attributes.isDirectory()) {
                throw new IllegalArgumentException(what + " is a folder: give a file name, e.g. " + target.resolve(example));
            }
            if (!attributes.isRegularFile()) {
                throw new IllegalArgumentException(what + " is " + kind(target) + ", not a regular file: rnnlab writes a new file "
                        + "and renames it into place, which would replace it; give the path of a regular file");
            }
            if (!replaceable) {
                throw new IllegalArgumentException(what + " exists: add --overwrite to replace it");
            }
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(what + ": folder " + parent + (Files.exists(parent) ? " is not a folder" : " does not exist"));
        }
    }

    /** The path's own attributes (a link is not followed), or null if nothing is there. */
    private static BasicFileAttributes attributes(Path target) {
        try {
            return Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException absent) {
            return null;
        }
    }

    private static String linkTarget(Path link) {
        try {
            return " (to " + Files.readSymbolicLink(link) + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** What a path that is neither a regular file, a folder nor a link is, from its POSIX file type. */
    static String kind(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }
}

package org.rnnlab.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files read by a loader, for {@link DatasetProvenance}. */
public final class FileChecksums {

    private FileChecksums() {
    }

    /**
     * Size and SHA-256 of a file.
     *
     * @throws DatasetFormatException when the file is missing or unreadable
     */
    public static DatasetProvenance.FileChecksum of(Path file) {
        if (!Files.isRegularFile(file)) {
            throw DatasetFormatException.wrongPath(file, TextFiles.notRegular(file, "a readable regular file"));
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
            MessageDigest md = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(OutputStream.nullOutputStream());
            return new DatasetProvenance.FileChecksum(file.toString(), Files.size(file), HexFormat.of().formatHex(md.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

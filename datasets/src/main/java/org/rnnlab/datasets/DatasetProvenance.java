package org.rnnlab.datasets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a dataset came from: the files read with their SHA-256, or the generator's parameters and
 * seed, so a run can say exactly what it was trained on.
 *
 * @param dataset    dataset name
 * @param source     a folder, file or {@code generated}
 * @param parameters generator or loader parameters (sorted by key)
 * @param files      files read, with checksums (empty for generated data)
 * @param seed       seed of generation and splitting
 */
public record DatasetProvenance(String dataset, String source, Map<String, String> parameters,
                                List<FileChecksum> files, long seed) {

    public DatasetProvenance {
        parameters = Map.copyOf(new TreeMap<>(parameters));
        files = List.copyOf(files);
    }

    /**
     * Parameters that report what reading found rather than what was asked for ({@code droppedSequences}: the sequences
     * {@code --missing drop} left out, which the files and the {@code missing} setting already decide): they are not part
     * of {@link #checksum()}, so data read before they were recorded have the same checksum.
     */
    public static final java.util.Set<String> REPORTS = java.util.Set.of("droppedSequences");

    /** Whether parameter {@code key} is one of the {@link #REPORTS}. */
    public static boolean isReport(String key) {
        return REPORTS.contains(key);
    }

    /**
     * One file that was read.
     *
     * @param path   path as given
     * @param bytes  size
     * @param sha256 hex SHA-256 of the content
     */
    public record FileChecksum(String path, long bytes, String sha256) {
    }

    /**
     * One SHA-256 over the name, sorted parameters, the size and content checksum of each file, and the
     * seed: it identifies the data by content, so the same files reached by another path (relative or
     * absolute, or moved) give the same checksum, and resuming a run works however its paths were typed.
     */
    public String checksum() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder sb = new StringBuilder(dataset).append('\n');
            new TreeMap<>(parameters).forEach((k, v) -> {
                if (!isReport(k)) {
                    sb.append(k).append('=').append(v).append('\n');
                }
            });
            for (FileChecksum f : files) {
                sb.append(f.bytes()).append(' ').append(f.sha256()).append('\n');
            }
            sb.append(seed);
            return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

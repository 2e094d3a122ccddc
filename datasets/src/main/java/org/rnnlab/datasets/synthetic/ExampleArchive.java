package org.rnnlab.datasets.synthetic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A small multivariate, variable-length, three-class dataset in the shape of public time-series
 * benchmark archives: an official {@code TRAIN.csv} and {@code TEST.csv} in the long CSV layout with
 * columns {@code series_id,timestamp,x,y,z,class} (names other than rnnlab's defaults, as users' files
 * have). Class k ({@code slow}, {@code medium}, {@code fast}) is a noisy three-channel oscillation at
 * frequency 1 + k, random phase, 20-40 steps. Deterministic by seed; for trying rnnlab on "your own
 * data" end to end ({@code rnnlab data example}) and for tests.
 */
public final class ExampleArchive {
    /** Class names, in generation order. */
    public static final List<String> CLASSES = List.of("slow", "medium", "fast");

    private ExampleArchive() {
    }

    /**
     * Writes {@code TRAIN.csv} and {@code TEST.csv} into {@code dir} (created if needed).
     *
     * @param trainPerClass series per class in TRAIN.csv
     * @param testPerClass  series per class in TEST.csv
     * @param seed          seed of lengths, phases and noise
     */
    public static void write(Path dir, int trainPerClass, int testPerClass, long seed) throws IOException {
        if (trainPerClass < 1 || testPerClass < 1) {
            throw new IllegalArgumentException("ExampleArchive needs at least one series per class and file, got " + trainPerClass
                    + " and " + testPerClass);
        }
        Files.createDirectories(dir);
        Random random = new Random(seed);
        writeLines(dir.resolve("TRAIN.csv"), lines("tr", trainPerClass, random));
        writeLines(dir.resolve("TEST.csv"), lines("te", testPerClass, random));
    }

    /** Writes through a temporary file and a rename, so a file is there whole or not at all. */
    private static void writeLines(Path target, List<String> lines) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, lines);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the default ACL applies
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static List<String> lines(String prefix, int perClass, Random random) {
        List<String> out = new ArrayList<>(List.of("series_id,timestamp,x,y,z,class"));
        int n = 0;
        for (int i = 0; i < perClass; i++) {
            for (int k = 0; k < CLASSES.size(); k++) {
                int length = 20 + random.nextInt(21);
                double phase = random.nextDouble() * 2 * Math.PI;
                String id = prefix + (n++);
                for (int t = 0; t < length; t++) {
                    double a = 2 * Math.PI * (1 + k) * t / 20.0 + phase;
                    out.add(String.format(Locale.ROOT, "%s,%.2f,%.4f,%.4f,%.4f,%s", id, t * 0.02,
                            Math.sin(a) + 0.3 * random.nextGaussian(), Math.cos(a + k) + 0.3 * random.nextGaussian(),
                            0.5 * k + 0.3 * random.nextGaussian(), CLASSES.get(k)));
                }
            }
        }
        return out;
    }
}

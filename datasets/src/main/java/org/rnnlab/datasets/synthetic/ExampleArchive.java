package org.rnnlab.datasets.synthetic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Small generated datasets in the shape of public time-series benchmark archives: an official
 * {@code TRAIN.csv} and {@code TEST.csv} in the long CSV layout (one row per time step, columns
 * {@code series_id,timestamp,<channels>,class}; names other than rnnlab's defaults, as users' files have).
 * Deterministic by seed (the same seed and sizes give byte-identical files); for trying rnnlab on "your
 * own data" end to end ({@code rnnlab data example --like ...}) and for tests. Three shapes ({@link Like}):
 * <ul>
 *   <li>{@link Like#OSCILLATION} (the default): columns {@code series_id,timestamp,x,y,z,class}. Class k
 *       ({@code slow}, {@code medium}, {@code fast}) is a noisy three-channel oscillation at frequency 1 + k,
 *       random phase, 20-40 steps.</li>
 *   <li>{@link Like#BASICMOTIONS}: {@link BasicMotionsLike}, a synthetic look-alike of UEA BasicMotions
 *       (4 classes, 6 channels, 100 steps, 10 series per class and file by default).</li>
 *   <li>{@link Like#LONGSHAPELET}: {@link LongShapeletLike}, a synthetic look-alike of the long univariate
 *       UCR sets such as FordA (2 classes, 1 channel, 500 steps, 50 series per class and file by default).</li>
 * </ul>
 * The look-alikes copy the shape, size and class count of the public archives, not their data; results on
 * them say nothing about results on the real archives.
 */
public final class ExampleArchive {
    /** Class names of {@link Like#OSCILLATION}, in generation order. */
    public static final List<String> CLASSES = List.of("slow", "medium", "fast");

    /** Which archive the files are shaped like; {@link #id()} is the name on the command line. */
    public enum Like {
        /** Three-class oscillations, 20-40 steps (the original example). */
        OSCILLATION("oscillation", CLASSES, 3, 30, 20, ExampleArchive::oscillationLines),
        /** Synthetic look-alike of UEA BasicMotions ({@link BasicMotionsLike}). */
        BASICMOTIONS("basicmotions", BasicMotionsLike.CLASSES, BasicMotionsLike.CHANNELS.size(), 10, 10, BasicMotionsLike::lines),
        /** Synthetic look-alike of a long univariate UCR set such as FordA ({@link LongShapeletLike}). */
        LONGSHAPELET("longshapelet", LongShapeletLike.CLASSES, 1, 50, 50, LongShapeletLike::lines);

        private final String id;
        private final List<String> classes;
        private final int channels;
        private final int defaultTrainPerClass;
        private final int defaultTestPerClass;
        private final Generator generator;

        Like(String id, List<String> classes, int channels, int defaultTrainPerClass, int defaultTestPerClass, Generator generator) {
            this.id = id;
            this.classes = classes;
            this.channels = channels;
            this.defaultTrainPerClass = defaultTrainPerClass;
            this.defaultTestPerClass = defaultTestPerClass;
            this.generator = generator;
        }

        /** Lower-case name, as given to {@code --like}. */
        public String id() {
            return id;
        }

        /** Class names, in generation order. */
        public List<String> classes() {
            return classes;
        }

        /** Number of value columns (channels) per row. */
        public int channels() {
            return channels;
        }

        /** Series per class in TRAIN.csv when not given (the public archive's size for the look-alikes). */
        public int defaultTrainPerClass() {
            return defaultTrainPerClass;
        }

        /** Series per class in TEST.csv when not given. */
        public int defaultTestPerClass() {
            return defaultTestPerClass;
        }

        /** The shape named {@code id}, case-insensitively; an {@link IllegalArgumentException} naming the accepted ones otherwise. */
        public static Like parse(String id) {
            for (Like like : values()) {
                if (like.id.equalsIgnoreCase(id == null ? "" : id.trim())) {
                    return like;
                }
            }
            throw new IllegalArgumentException("unknown archive shape '" + id + "', expected one of " + ids());
        }

        /** The accepted names, comma-separated, in declaration order. */
        public static String ids() {
            return Arrays.stream(values()).map(Like::id).collect(Collectors.joining(", "));
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** Writes the lines (header first) of one file: {@code perClass} series of every class, ids {@code prefix0, prefix1, ...}. */
    @FunctionalInterface
    interface Generator {
        List<String> lines(String prefix, int perClass, Random random);
    }

    private ExampleArchive() {
    }

    /**
     * Writes the {@link Like#OSCILLATION} {@code TRAIN.csv} and {@code TEST.csv} into {@code dir} (created if needed).
     *
     * @param trainPerClass series per class in TRAIN.csv
     * @param testPerClass  series per class in TEST.csv
     * @param seed          seed of lengths, phases and noise
     */
    public static void write(Path dir, int trainPerClass, int testPerClass, long seed) throws IOException {
        write(Like.OSCILLATION, dir, trainPerClass, testPerClass, seed);
    }

    /**
     * Writes {@code TRAIN.csv} and {@code TEST.csv} shaped like {@code like} into {@code dir} (created if
     * needed), each through a temporary file and a rename. TRAIN.csv is generated first, then TEST.csv, from
     * one {@link Random} seeded with {@code seed}.
     *
     * @param trainPerClass series per class in TRAIN.csv
     * @param testPerClass  series per class in TEST.csv
     * @param seed          seed of everything random
     */
    public static void write(Like like, Path dir, int trainPerClass, int testPerClass, long seed) throws IOException {
        if (trainPerClass < 1 || testPerClass < 1) {
            throw new IllegalArgumentException("ExampleArchive needs at least one series per class and file, got " + trainPerClass
                    + " and " + testPerClass);
        }
        Files.createDirectories(dir);
        Random random = new Random(seed);
        writeLines(dir.resolve("TRAIN.csv"), like.generator.lines("tr", trainPerClass, random));
        writeLines(dir.resolve("TEST.csv"), like.generator.lines("te", testPerClass, random));
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

    private static List<String> oscillationLines(String prefix, int perClass, Random random) {
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

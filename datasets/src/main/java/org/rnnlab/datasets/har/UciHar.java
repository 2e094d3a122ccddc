package org.rnnlab.datasets.har;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.DatasetProvenance.FileChecksum;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loader of the official "UCI HAR Dataset" folder (Anguita et al., "A Public Domain Dataset for Human
 * Activity Recognition Using Smartphones", ESANN 2013), or of a folder in the same layout written by
 * {@link RawRecordings} (Reyes-Ortiz et al., Neurocomputing 2016).
 *
 * <p>Each window becomes a {@link Sequence} of 128 steps x 9 features in the order of
 * {@link HarLayout#CHANNELS} (body_acc_xyz, body_gyro_xyz, total_acc_xyz), label = activity id - 1,
 * tag {@code subject} = volunteer id. The test split is the official test part; the validation split is
 * carved from the official train part <em>by volunteer</em> (a seeded choice of
 * {@link Options#validationFraction()} of the train volunteers), so no volunteer is on both sides.
 * Every split is stored in a seeded shuffled order, so {@code limit(n)} is a representative slice.
 *
 * <p>All files are read strictly: a missing or empty file, a line with the wrong number of values, a
 * non-numeric or non-finite value, an activity id outside 1-6, a volunteer outside 1-30 or files of
 * one part with different line counts fail with a {@link DatasetFormatException} naming the file and
 * line; nothing is returned half-loaded.
 */
public final class UciHar {
    private static final Logger LOG = LoggerFactory.getLogger(UciHar.class);

    /** Dataset name in provenance and reports. */
    public static final String NAME = "har";

    private UciHar() {
    }

    /**
     * How the official folder is split.
     *
     * @param validationFraction share of the train volunteers held out for validation, in [0, 0.9]
     * @param seed               seed of the volunteer choice and of the example order
     */
    public record Options(double validationFraction, long seed) {
        public Options {
            if (!(validationFraction >= 0 && validationFraction <= 0.9)) {
                throw new IllegalArgumentException("Options.validationFraction must be in [0, 0.9], got " + validationFraction);
            }
        }

        /** 20% of the train volunteers for validation, seed 42. */
        public static Options defaults() {
            return new Options(0.2, 42);
        }
    }

    /** Loads with {@link Options#defaults()}. */
    public static SequenceDataset load(Path folder) {
        return load(folder, Options.defaults());
    }

    /**
     * Loads the folder.
     *
     * @param folder  the {@code UCI HAR Dataset} folder itself, or a folder that contains it
     * @param options split options
     * @throws DatasetFormatException when a file is missing or malformed
     */
    public static SequenceDataset load(Path folder, Options options) {
        Path root = resolveFolder(folder);
        List<FileChecksum> files = new ArrayList<>();
        List<String> labels = HarText.readActivityLabels(HarLayout.activityLabelsFile(root), HarLayout.ACTIVITIES.size(), files::add);
        Part train = readPart(root, HarLayout.Part.TRAIN, files);
        Part test = readPart(root, HarLayout.Part.TEST, files);

        Set<Integer> trainVolunteers = new TreeSet<>();
        for (Sequence s : train.windows) {
            trainVolunteers.add(s.tags().get("subject"));
        }
        Set<Integer> validationVolunteers = chooseValidationVolunteers(trainVolunteers, options);
        List<Sequence> trainSplit = new ArrayList<>();
        List<Sequence> validationSplit = new ArrayList<>();
        for (Sequence s : train.windows) {
            (validationVolunteers.contains(s.tags().get("subject")) ? validationSplit : trainSplit).add(s);
        }
        Random order = new Random(options.seed());
        Collections.shuffle(trainSplit, order);
        Collections.shuffle(validationSplit, order);
        List<Sequence> testSplit = new ArrayList<>(test.windows);
        Collections.shuffle(testSplit, order);

        Map<String, String> params = new LinkedHashMap<>();
        params.put("validationFraction", Double.toString(options.validationFraction()));
        params.put("validationVolunteers", validationVolunteers.stream().map(String::valueOf).collect(Collectors.joining(",")));
        params.put("window", Integer.toString(HarLayout.WINDOW));
        DatasetProvenance provenance = new DatasetProvenance(NAME, root.toString(), params, files, options.seed());
        LOG.info("UCI HAR from {}: train {} / validation {} (volunteers {}) / test {} windows", root, trainSplit.size(),
                validationSplit.size(), validationVolunteers, testSplit.size());
        return new InMemorySequenceDataset(NAME, InputDescription.dense(HarLayout.CHANNELS, HarLayout.WINDOW), labels,
                new SequenceSet(trainSplit), new SequenceSet(validationSplit), new SequenceSet(testSplit), provenance);
    }

    /**
     * The folder to read: {@code folder} itself when it holds {@code activity_labels.txt} and
     * {@code train/}, else {@code folder/UCI HAR Dataset} when that exists.
     *
     * @throws DatasetFormatException when neither holds the official layout
     */
    public static Path resolveFolder(Path folder) {
        if (looksLikeHar(folder)) {
            return folder;
        }
        Path inner = folder.resolve(HarLayout.FOLDER_NAME);
        if (looksLikeHar(inner)) {
            return inner;
        }
        throw new DatasetFormatException(folder, "not a UCI HAR folder: expected activity_labels.txt and train/ in it or in '"
                + HarLayout.FOLDER_NAME + "/' inside it");
    }

    private static boolean looksLikeHar(Path dir) {
        return Files.isRegularFile(HarLayout.activityLabelsFile(dir)) && Files.isDirectory(dir.resolve("train"));
    }

    /**
     * The validation volunteers: a seeded choice of {@code round(fraction * n)} of the given train
     * volunteers (at least one when the fraction is positive and there are two or more volunteers).
     */
    public static Set<Integer> chooseValidationVolunteers(Set<Integer> trainVolunteers, Options options) {
        List<Integer> ids = new ArrayList<>(new TreeSet<>(trainVolunteers));
        int n = (int) Math.round(options.validationFraction() * ids.size());
        if (options.validationFraction() > 0 && n == 0 && ids.size() >= 2) {
            n = 1;
        }
        n = Math.min(n, ids.size() - 1);
        Collections.shuffle(ids, new Random(options.seed()));
        return new TreeSet<>(ids.subList(0, Math.max(0, n)));
    }

    private record Part(List<Sequence> windows) {
    }

    /**
     * The windows of the {@code test/} part in file order (window {@code i} is line {@code i + 1} of its signal files, and of
     * {@code y_test.txt} and {@code subject_test.txt} where those exist), from the nine signal files alone: what
     * {@code predict} classifies, with no labels, subjects or {@code train/} part needed.
     *
     * @param folder the {@code UCI HAR Dataset} folder (or one holding it), or any folder with {@code test/Inertial Signals}
     * @throws DatasetFormatException when a signal file is missing or malformed, or their line counts differ
     */
    public static List<float[][]> testWindows(Path folder) {
        Path root = Files.isDirectory(HarLayout.signalFile(folder, HarLayout.Part.TEST, HarLayout.CHANNELS.get(0)).getParent())
                ? folder : folder.resolve(HarLayout.FOLDER_NAME);
        return signalWindows(root, HarLayout.Part.TEST, null, -1, x -> { });
    }

    private static Part readPart(Path root, HarLayout.Part part, List<FileChecksum> files) {
        Path yFile = HarLayout.labelFile(root, part);
        int[] y = HarText.readInts(yFile, 1, HarLayout.ACTIVITIES.size(), "an activity id", files::add);
        Path subjectFile = HarLayout.subjectFile(root, part);
        int[] subjects = HarText.readInts(subjectFile, 1, HarLayout.VOLUNTEERS, "a volunteer id", files::add);
        requireLines(subjectFile, subjects.length, yFile, y.length);
        List<float[][]> values = signalWindows(root, part, yFile, y.length, files::add);
        List<Sequence> windows = new ArrayList<>(y.length);
        for (int w = 0; w < y.length; w++) {
            windows.add(new Sequence(values.get(w), y[w] - 1, Map.of("subject", subjects[w])));
        }
        return new Part(windows);
    }

    /**
     * The windows of one part's nine signal files, {@code [time][channel]} each, in file order; every file must have
     * {@code expected} lines, as {@code reference} (or, with a null reference, as many as the first signal file).
     */
    private static List<float[][]> signalWindows(Path root, HarLayout.Part part, Path reference, int expected,
                                                 java.util.function.Consumer<FileChecksum> checksums) {
        int channels = HarLayout.CHANNELS.size();
        HarText.Matrix[] signals = new HarText.Matrix[channels];
        for (int c = 0; c < channels; c++) {
            Path f = HarLayout.signalFile(root, part, HarLayout.CHANNELS.get(c));
            signals[c] = HarText.readMatrix(f, HarLayout.WINDOW, "a " + HarLayout.WINDOW + "-sample window", checksums);
            if (reference == null) {
                reference = f;
                expected = signals[c].rows();
            }
            requireLines(f, signals[c].rows(), reference, expected);
        }
        List<float[][]> windows = new ArrayList<>(expected);
        for (int w = 0; w < expected; w++) {
            float[][] values = new float[HarLayout.WINDOW][channels];
            for (int c = 0; c < channels; c++) {
                double[] v = signals[c].values();
                int base = w * HarLayout.WINDOW;
                for (int t = 0; t < HarLayout.WINDOW; t++) {
                    values[t][c] = (float) v[base + t];
                }
            }
            windows.add(values);
        }
        return windows;
    }

    private static void requireLines(Path file, int lines, Path reference, int expected) {
        if (lines != expected) {
            throw new DatasetFormatException(file, "has " + lines + " lines, expected " + expected + " (one per window, as "
                    + reference.getFileName() + ")");
        }
    }
}

package org.rnnlab.datasets.har;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/** Tiny data sets in the official UCI HAR and the raw HAPT layouts, written by the tests themselves. */
final class HarFixtures {

    private HarFixtures() {
    }

    /** The value a fixture folder holds at (window, step, channel): window * 1000 + channel * 10 + step / 1000. */
    static double value(int window, int step, int channel) {
        return window * 1000 + channel * 10 + step / 1000.0;
    }

    /**
     * Writes an official-layout folder; window {@code w} of a part has label {@code labels[w]} (1-6) and
     * subject {@code subjects[w]}; values as {@link #value}, windows numbered across train then test.
     */
    static Path officialFolder(Path root, int[] trainSubjects, int[] trainLabels, int[] testSubjects, int[] testLabels) {
        write(HarLayout.activityLabelsFile(root), activityLabels());
        writePart(root, HarLayout.Part.TRAIN, trainSubjects, trainLabels, 0);
        writePart(root, HarLayout.Part.TEST, testSubjects, testLabels, trainSubjects.length);
        return root;
    }

    /** A small default folder: train volunteers 1, 3, 5, 6, 7 (4 windows each), test volunteers 2, 4 (2 windows each). */
    static Path officialFolder(Path root) {
        int[] trainVolunteers = {1, 3, 5, 6, 7};
        int[] trainSubjects = new int[20];
        int[] trainLabels = new int[20];
        for (int i = 0; i < 20; i++) {
            trainSubjects[i] = trainVolunteers[i / 4];
            trainLabels[i] = 1 + i % 6;
        }
        return officialFolder(root, trainSubjects, trainLabels, new int[] {2, 2, 4, 4}, new int[] {1, 6, 3, 4});
    }

    static String activityLabels() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < HarLayout.ACTIVITIES.size(); i++) {
            sb.append(i + 1).append(' ').append(HarLayout.ACTIVITIES.get(i)).append('\n');
        }
        return sb.toString();
    }

    private static void writePart(Path root, HarLayout.Part part, int[] subjects, int[] labels, int firstWindow) {
        write(HarLayout.labelFile(root, part), ints(labels));
        write(HarLayout.subjectFile(root, part), ints(subjects));
        for (int c = 0; c < HarLayout.CHANNELS.size(); c++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < labels.length; w++) {
                int window = firstWindow + w;
                int channel = c;
                sb.append(line(HarLayout.WINDOW, t -> value(window, t, channel))).append('\n');
            }
            write(HarLayout.signalFile(root, part, HarLayout.CHANNELS.get(c)), sb.toString());
        }
    }

    /** One line of {@code n} values in the official number format. */
    static String line(int n, IntToDoubleFunction values) {
        char[] buf = new char[n * HarNumberFormat.WIDTH];
        int pos = 0;
        for (int t = 0; t < n; t++) {
            pos = HarNumberFormat.append(values.applyAsDouble(t), buf, pos);
        }
        return new String(buf, 0, pos);
    }

    static String ints(int[] values) {
        StringBuilder sb = new StringBuilder();
        for (int v : values) {
            sb.append(v).append('\n');
        }
        return sb.toString();
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces line {@code lineNo} (1-based) of a file. */
    static void replaceLine(Path file, int lineNo, String replacement) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            lines.set(lineNo - 1, replacement);
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the last line of a file. */
    static void dropLastLine(Path file) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            lines.remove(lines.size() - 1);
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One raw recording: acc and gyro of {@code samples} samples, axis a of sample i from the functions. */
    record Recording(int experiment, int volunteer, int samples, Signal acc, Signal gyro) {
    }

    /** Value of one axis at one sample. */
    interface Signal {
        double at(int axis, int sample);
    }

    /** Writes {@code RawData/} with the recordings and a labels file of the given rows. */
    static Path rawHapt(Path root, List<Recording> recordings, int[][] labelRows) {
        Path raw = root.resolve("RawData");
        for (Recording r : recordings) {
            String suffix = String.format("_exp%02d_user%02d.txt", r.experiment(), r.volunteer());
            write(raw.resolve("acc" + suffix), columns(r.samples(), r.acc()));
            write(raw.resolve("gyro" + suffix), columns(r.samples(), r.gyro()));
        }
        StringBuilder sb = new StringBuilder();
        for (int[] row : labelRows) {
            sb.append(row[0]).append(' ').append(row[1]).append(' ').append(row[2]).append(' ').append(row[3]).append(' ')
                    .append(row[4]).append('\n');
        }
        write(raw.resolve("labels.txt"), sb.toString());
        return root;
    }

    private static String columns(int samples, Signal s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < samples; i++) {
            sb.append(s.at(0, i)).append(' ').append(s.at(1, i)).append(' ').append(s.at(2, i)).append('\n');
        }
        return sb.toString();
    }

    /**
     * Three experiments: exp 1 volunteer 1 (train), exp 2 volunteer 2 (test), exp 3 volunteer 3
     * (train), 1200 samples each; acc x is a slow ramp, y a constant, z 1 g; gyro constant per axis.
     * Windows: exp 1: WALKING 300 samples (3 windows), a transition (ignored), SITTING 128 (1),
     * STANDING 127 (0); exp 2: LAYING 256 (3); exp 3: WALKING_UPSTAIRS 200 (2).
     */
    static Path rawHapt(Path root) {
        Signal acc = (axis, i) -> axis == 0 ? 0.1 + 0.001 * i : axis == 1 ? -0.2 : 1.0;
        Signal gyro = (axis, i) -> 0.01 * (axis + 1);
        List<Recording> recordings = List.of(new Recording(1, 1, 1200, acc, gyro), new Recording(2, 2, 1200, acc, gyro),
                new Recording(3, 3, 1200, acc, gyro));
        int[][] labels = {
            {1, 1, 1, 401, 700},
            {1, 1, 7, 701, 800},
            {1, 1, 4, 801, 928},
            {1, 1, 5, 929, 1055},
            {2, 2, 6, 501, 756},
            {3, 3, 2, 501, 700},
        };
        return rawHapt(root, recordings, labels);
    }
}

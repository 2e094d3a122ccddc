package org.rnnlab.datasets.har;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetProvenance.FileChecksum;

/**
 * Compares the windows of a re-cut ({@link RawRecordings}) with the official UCI HAR folder by counting
 * windows per (volunteer, activity) from the {@code y_*.txt} and {@code subject_*.txt} files of both
 * (the official {@code Inertial Signals} are not needed, so the small reference files suffice).
 */
public final class HarRecutCheck {

    private HarRecutCheck() {
    }

    /**
     * Windows of one volunteer and activity.
     *
     * @param volunteer volunteer id 1-30
     * @param activity  activity id 1-6
     * @param official  windows in the official folder
     * @param recut     windows in the re-cut
     */
    public record Cell(int volunteer, int activity, int official, int recut) {
        /** {@code recut - official}. */
        public int difference() {
            return recut - official;
        }
    }

    /**
     * The comparison.
     *
     * @param cells         every (volunteer, activity) present on either side, ordered
     * @param officialTrain official train windows
     * @param recutTrain    re-cut train windows
     * @param officialTest  official test windows
     * @param recutTest     re-cut test windows
     */
    public record Result(List<Cell> cells, int officialTrain, int recutTrain, int officialTest, int recutTest) {
        public Result {
            cells = List.copyOf(cells);
        }

        /** Sum over cells of min(official, recut) divided by the official total (1 = every official window matched). */
        public double agreement() {
            long matched = 0;
            long total = 0;
            for (Cell c : cells) {
                matched += Math.min(c.official(), c.recut());
                total += c.official();
            }
            return total == 0 ? 0 : (double) matched / total;
        }

        /** Cells with exactly the official count. */
        public long exactCells() {
            return cells.stream().filter(c -> c.official() == c.recut()).count();
        }

        /** Cells of one activity with exactly the official count. */
        public long exactCells(int activity) {
            return cells.stream().filter(c -> c.activity() == activity && c.official() == c.recut()).count();
        }

        /** Cells of one activity. */
        public long cells(int activity) {
            return cells.stream().filter(c -> c.activity() == activity).count();
        }

        /** A plain-text table: one row per volunteer, official/re-cut per activity, then the totals. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("%-9s", "volunteer"));
            for (int a = 1; a <= HarLayout.ACTIVITIES.size(); a++) {
                sb.append(String.format(" %11s", abbreviate(HarLayout.ACTIVITIES.get(a - 1))));
            }
            sb.append('\n');
            Map<Integer, Map<Integer, Cell>> byVolunteer = new TreeMap<>();
            for (Cell c : cells) {
                byVolunteer.computeIfAbsent(c.volunteer(), k -> new TreeMap<>()).put(c.activity(), c);
            }
            byVolunteer.forEach((v, row) -> {
                sb.append(String.format("%-9s", v + (HarLayout.TEST_VOLUNTEERS.contains(v) ? " (test)" : "")));
                for (int a = 1; a <= HarLayout.ACTIVITIES.size(); a++) {
                    Cell c = row.get(a);
                    sb.append(String.format(" %11s", c == null ? "-" : c.official() + "/" + c.recut()));
                }
                sb.append('\n');
            });
            sb.append("cells official/re-cut; exact ").append(exactCells()).append(" of ").append(cells.size()).append(" cells");
            for (int a = 1; a <= HarLayout.ACTIVITIES.size(); a++) {
                sb.append(a == 1 ? " (" : ", ").append(abbreviate(HarLayout.ACTIVITIES.get(a - 1))).append(' ')
                        .append(exactCells(a)).append('/').append(cells(a));
            }
            sb.append(")\n");
            sb.append(String.format("train windows: official %d, re-cut %d; test windows: official %d, re-cut %d%n",
                    officialTrain, recutTrain, officialTest, recutTest));
            sb.append(String.format("agreement (sum of min(official, re-cut) / official): %.4f%n", agreement()));
            return sb.toString();
        }

        private static String abbreviate(String activity) {
            return activity.replace("WALKING_", "W_").replace("DOWNSTAIRS", "DOWN");
        }
    }

    /**
     * Compares two folders in the official layout.
     *
     * @param reference official folder (or one holding only its {@code y_*} and {@code subject_*} files)
     * @param recut     re-cut folder
     * @throws DatasetFormatException when a label or subject file is missing or malformed
     */
    public static Result compare(Path reference, Path recut) {
        Map<Long, int[]> counts = new TreeMap<>();
        int[] officialTotals = count(labelsRoot(reference), counts, 0);
        int[] recutTotals = count(labelsRoot(recut), counts, 1);
        List<Cell> cells = new ArrayList<>();
        counts.forEach((key, c) -> cells.add(new Cell((int) (key / 100), (int) (key % 100), c[0], c[1])));
        return new Result(cells, officialTotals[0], recutTotals[0], officialTotals[1], recutTotals[1]);
    }

    /**
     * Reads the reference folder's label and subject files as {@link #compare} does, so that a folder that cannot be
     * compared with is refused before a re-cut is written.
     *
     * @throws DatasetFormatException when a label or subject file is missing or malformed
     */
    public static void requireReference(Path reference) {
        count(labelsRoot(reference), new TreeMap<>(), 0);
    }

    /** {@code dir}, or {@code dir/UCI HAR Dataset} when only that holds {@code train/y_train.txt}. */
    private static Path labelsRoot(Path dir) {
        Path inner = dir.resolve(HarLayout.FOLDER_NAME);
        boolean direct = Files.isRegularFile(HarLayout.labelFile(dir, HarLayout.Part.TRAIN));
        return !direct && Files.isRegularFile(HarLayout.labelFile(inner, HarLayout.Part.TRAIN)) ? inner : dir;
    }

    private static int[] count(Path root, Map<Long, int[]> counts, int side) {
        int[] totals = new int[2];
        List<FileChecksum> ignored = new ArrayList<>();
        for (HarLayout.Part part : HarLayout.Part.values()) {
            Path yFile = HarLayout.labelFile(root, part);
            Path subjectFile = HarLayout.subjectFile(root, part);
            int[] y = HarText.readInts(yFile, 1, HarLayout.ACTIVITIES.size(), "an activity id", ignored::add);
            int[] s = HarText.readInts(subjectFile, 1, HarLayout.VOLUNTEERS, "a volunteer id", ignored::add);
            if (s.length != y.length) {
                throw new DatasetFormatException(subjectFile, "has " + s.length + " lines, expected " + y.length + " (as "
                        + yFile.getFileName() + ")");
            }
            for (int i = 0; i < y.length; i++) {
                counts.computeIfAbsent(s[i] * 100L + y[i], k -> new int[2])[side]++;
            }
            totals[part.ordinal()] = y.length;
        }
        return totals;
    }
}

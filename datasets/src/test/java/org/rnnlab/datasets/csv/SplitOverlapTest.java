package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * {@link SplitOverlap}: copies and overlapping windows across the split, and one sequence under two labels, are warned
 * of; independent series, and symbol data that share short motifs by chance (one-hot DNA), are not.
 */
class SplitOverlapTest {

    @TempDir
    Path dir;

    /** Windows of {@code length} steps every {@code stride} steps of one random walk per series (2 features). */
    private static List<CsvSequence> windows(int series, int steps, int length, int stride, long seed) {
        Random r = new Random(seed);
        List<CsvSequence> out = new ArrayList<>();
        for (int s = 0; s < series; s++) {
            float[][] walk = new float[steps][2];
            for (int t = 1; t < steps; t++) {
                walk[t][0] = walk[t - 1][0] + (float) r.nextGaussian();
                walk[t][1] = (float) r.nextGaussian();
            }
            for (int start = 0; start + length <= steps; start += stride) {
                float[][] w = java.util.Arrays.copyOfRange(walk, start, start + length);
                out.add(new CsvSequence("s" + s + "_" + start, w, start % 20 == 0 ? "up" : "down", null, null, null, 1));
            }
        }
        return out;
    }

    private static List<String> warnings(List<CsvSequence> train, List<CsvSequence> test, boolean carved) throws Exception {
        return LoggedWarnings.of(CsvSequenceDataset.class, () -> SplitOverlap.warn(Path.of("f.csv"), train,
                List.of(new SplitOverlap.Part("test", test, carved ? SplitOverlap.Source.CARVED : SplitOverlap.Source.FILE)), null));
    }

    @Test
    void overlappingWindowsSplitAtRandomAreWarnedOf() throws Exception {
        List<CsvSequence> all = windows(6, 300, 30, 10, 1);
        java.util.Collections.shuffle(all, new Random(2));
        List<CsvSequence> test = all.subList(0, 25);
        List<CsvSequence> train = all.subList(25, all.size());
        List<String> w = warnings(train, test, true);
        assertThat(w).singleElement().satisfies(m -> assertThat(m).contains("of the 25 test sequences share stretches of 3 or "
                + "more consecutive time steps, every feature identical, with training sequences").contains("split by series"));
        int flagged = Integer.parseInt(w.get(0).replaceAll("^csv f.csv: (\\d+) of the 25 .*$", "$1"));
        assertThat(flagged).isGreaterThanOrEqualTo(20); // a window shares 20 of its 30 steps with each neighbour
    }

    @Test
    void windowsWithoutOverlapAndIndependentSeriesAreNot() throws Exception {
        List<CsvSequence> apart = windows(6, 300, 30, 30, 3); // stride = length: no step twice
        java.util.Collections.shuffle(apart, new Random(4));
        assertThat(warnings(apart.subList(10, apart.size()), apart.subList(0, 10), true)).isEmpty();
        assertThat(warnings(windows(8, 100, 50, 50, 5), windows(3, 100, 50, 50, 6), true)).isEmpty();
    }

    @Test
    void intermittentCountsAtOnePriceAreNotOverlap() throws Exception {
        // a trial's weekly sales: mostly 0 at a shelf price shared by several SKUs, whose runs of (0, 9.96) and an odd sale
        // recur by chance across unrelated series
        Random r = new Random(8);
        List<CsvSequence> series = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            float[][] weeks = new float[52][2];
            for (int t = 0; t < 52; t++) {
                weeks[t][0] = r.nextInt(6) == 0 ? 1 + r.nextInt(3) : 0;
                weeks[t][1] = 4.49f + (s % 30) * 0.37f; // 30 prices, each of two SKUs
            }
            series.add(new CsvSequence("sku" + s, weeks, s % 2 == 0 ? "intermittent" : "lumpy", null, null, null, 1));
        }
        assertThat(warnings(series.subList(15, 60), series.subList(0, 15), true)).noneMatch(m -> m.contains("share stretches"));
    }

    /**
     * Daily activity counts of {@code n} students over 120 days, 9 features (page views, videos, quizzes, logins, ...): on a
     * student's active days (a share near {@code active}, from 0.3 to 1.7 times it by student) a 1 in one feature and each of
     * the others 1 with probability 0.3, else a row of zeros; distinct per student.
     */
    private static List<CsvSequence> dailyCounts(int n, double active, long seed) {
        Random r = new Random(seed);
        List<CsvSequence> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            float[][] days = new float[120][9];
            double own = active * (0.3 + 1.4 * r.nextDouble());
            for (float[] day : days) {
                if (r.nextDouble() < own) {
                    day[r.nextInt(9)] = 1;
                    for (int f = 0; f < 9; f++) {
                        day[f] = r.nextDouble() < 0.3 ? 1 : day[f];
                    }
                }
            }
            out.add(new CsvSequence("student" + s, days, s % 3 == 0 ? "withdrawn" : "pass", null, "S" + s, null, 1));
        }
        return out;
    }

    private static List<String> logged(ch.qos.logback.classic.Level level, List<CsvSequence> train, List<CsvSequence> test,
                                       SplitOverlap.Source source) throws Exception {
        return LoggedWarnings.at(level, CsvSequenceDataset.class, () -> SplitOverlap.warn(Path.of("f.csv"), train,
                List.of(new SplitOverlap.Part("test", test, source)), "student_id"));
    }

    @Test
    void sparseActivityCountsDoNotShareStretchesByChance() throws Exception {
        // a trial's daily clickstream counts (active on ~9 of 120 days): 17 inactive days around one page view recur across
        // distinct students by chance, and were called "the same series under two names" with optimistic scores, and
        // overlapping windows at the boundary of a test file from another semester
        List<CsvSequence> students = dailyCounts(360, 0.075, 5);
        assertThat(SplitOverlap.runLength(students.subList(60, 360))).as("judged, by a long stretch").isBetween(20, 64);
        for (SplitOverlap.Source source : List.of(SplitOverlap.Source.CARVED, SplitOverlap.Source.FILE)) {
            for (ch.qos.logback.classic.Level level : List.of(ch.qos.logback.classic.Level.WARN, ch.qos.logback.classic.Level.INFO)) {
                assertThat(logged(level, students.subList(60, 360), students.subList(0, 60), source)).as(source + " " + level)
                        .noneMatch(m -> m.contains("share stretches"));
            }
        }
        assertThat(SplitOverlap.overlappingWithin(students.stream().map(CsvSequence::values).toList())).isZero();
    }

    @Test
    void aSparseSequenceCopiedIntoTheTestSplitIsStillWarnedOf() throws Exception {
        List<CsvSequence> students = dailyCounts(360, 0.075, 5);
        List<CsvSequence> train = students.subList(60, 360);
        List<CsvSequence> test = new ArrayList<>(students.subList(0, 60));
        // the same student's days under a second id: a copy, every value the same
        CsvSequence original = train.get(5);
        test.add(new CsvSequence("again", original.values(), original.label(), null, "S999", null, 1));
        assertThat(logged(ch.qos.logback.classic.Level.WARN, train, test, SplitOverlap.Source.CARVED)).anySatisfy(m -> assertThat(m)
                .contains("1 of the 61 test sequences carved from it are copies of training sequences", "'again' = '"
                        + original.id() + "'")).noneMatch(m -> m.contains("share stretches"));
        // busy students' days exported twice, the second time from 20 days later: shared stretches, not chance
        List<CsvSequence> busy = dailyCounts(40, 0.5, 23);
        List<CsvSequence> shifted = new ArrayList<>(test.subList(0, 60));
        for (int i = 0; i < 10; i++) {
            float[][] v = busy.get(i).values();
            shifted.add(new CsvSequence("later" + i, java.util.Arrays.copyOfRange(v, 20, v.length), "pass", null, "L" + i, null, 1));
        }
        List<CsvSequence> withBusy = new ArrayList<>(train);
        withBusy.addAll(busy);
        assertThat(logged(ch.qos.logback.classic.Level.WARN, withBusy, shifted, SplitOverlap.Source.CARVED)).anySatisfy(m -> assertThat(m)
                .contains("10 of the 70 test sequences share stretches of", "'later0'", "the same series under two names?"));
    }

    @Test
    void symbolDataSharingMotifsByChanceIsNotOverlap() throws Exception {
        // one-hot DNA, 4 symbols, with a planted 8-base motif in half the sequences: short stretches recur by chance
        Random r = new Random(7);
        List<CsvSequence> seqs = new ArrayList<>();
        int[] motif = {3, 0, 3, 0, 0, 0, 0, 2};
        for (int i = 0; i < 300; i++) {
            float[][] v = new float[120][4];
            for (int t = 0; t < v.length; t++) {
                v[t][r.nextInt(4)] = 1;
            }
            if (i % 2 == 0) {
                int at = r.nextInt(100);
                for (int k = 0; k < motif.length; k++) {
                    java.util.Arrays.fill(v[at + k], 0);
                    v[at + k][motif[k]] = 1;
                }
            }
            seqs.add(new CsvSequence("q" + i, v, i % 2 == 0 ? "promoter" : "background", null, null, null, 1));
        }
        assertThat(SplitOverlap.runLength(seqs.subList(50, 300))).as("stretch length for 4 symbols").isBetween(10, 20);
        assertThat(warnings(seqs.subList(50, 300), seqs.subList(0, 50), true)).isEmpty();
        assertThat(SplitOverlap.runLength(List.of(new CsvSequence("z", new float[100][3], "a", null, null, null, 1))))
                .as("all steps alike: not judged").isZero();
    }

    @Test
    void stepwiseDataWhoseLevelChangesRecurAreNotOverlap() throws Exception {
        // one feature at 6 levels (a gear, a set point), each held 20-50 steps: every level change recurs in training by
        // chance; independent sequences, split at random (a review found each held-out sequence flagged)
        Random r = new Random(11);
        List<CsvSequence> seqs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            float[][] v = new float[200][1];
            int t = 0;
            while (t < v.length) {
                float level = r.nextInt(6);
                for (int hold = 20 + r.nextInt(31); hold > 0 && t < v.length; hold--) {
                    v[t++][0] = level;
                }
            }
            seqs.add(new CsvSequence("g" + i, v, i % 2 == 0 ? "a" : "b", null, null, null, 1));
        }
        assertThat(warnings(seqs.subList(60, 400), seqs.subList(0, 60), true)).isEmpty();
    }

    @Test
    void copiesInTheRowsOfASplitColumnAreNamedAndARandomSplitColumnIsSaidToMixWindows() throws Exception {
        List<CsvSequence> train = new ArrayList<>(windows(4, 100, 50, 50, 12));
        List<CsvSequence> test = List.of(new CsvSequence("again", train.get(2).values(), train.get(2).label(), null, null, null, 1));
        List<String> w = LoggedWarnings.of(CsvSequenceDataset.class, () -> SplitOverlap.warn(Path.of("f.csv"), train,
                List.of(new SplitOverlap.Part("test", test, SplitOverlap.Source.SPLIT_COLUMN)), null));
        assertThat(w).anySatisfy(m -> assertThat(m).contains("1 of the 1 test sequences of its split column are copies of training "
                + "sequences, every value the same (e.g. 'again' = '" + train.get(2).id() + "')"));
        List<CsvSequence> all = windows(6, 300, 30, 10, 13);
        java.util.Collections.shuffle(all, new Random(14));
        List<String> mixed = LoggedWarnings.of(CsvSequenceDataset.class, () -> SplitOverlap.warn(Path.of("f.csv"),
                all.subList(25, all.size()), List.of(new SplitOverlap.Part("test", all.subList(0, 25), SplitOverlap.Source.SPLIT_COLUMN)),
                null));
        assertThat(mixed).singleElement().satisfies(m -> assertThat(m).contains("the given split puts windows cut with overlap from "
                + "the same series on both sides (a split column assigned at random?)"));
    }

    @Test
    void overlappingWindowsWithinOneSetAreCounted() {
        List<float[][]> overlapping = windows(4, 200, 30, 5, 15).stream().map(CsvSequence::values).toList();
        assertThat(SplitOverlap.overlappingWithin(overlapping)).isEqualTo(overlapping.size());
        List<float[][]> apart = windows(4, 200, 30, 30, 16).stream().map(CsvSequence::values).toList();
        assertThat(SplitOverlap.overlappingWithin(apart)).isZero();
    }

    /**
     * One copy among 150 test sequences (a retail trial: 2 one-event sessions of 1274 equal to training sessions by chance)
     * is said with its share, too few to move the scores, not "the test scores are optimistic"; two of 150 (1.3%) still are.
     */
    @Test
    void aFewCopiesUnderOnePercentAreSaidWithTheirShareNotCalledOptimistic() throws Exception {
        List<CsvSequence> train = windows(2, 40, 40, 40, 3);
        List<CsvSequence> fresh = windows(150, 12, 12, 12, 4);
        List<CsvSequence> test = new ArrayList<>(fresh.subList(0, 149));
        test.add(new CsvSequence("copy", train.get(0).values(), train.get(0).label(), null, null, null, 1));
        assertThat(warnings(train, test, true)).anySatisfy(m -> assertThat(m).contains("1 of the 150 test sequences carved from it "
                + "are copies").contains("1 of 150 (0.67%): " + SplitOverlap.FEW_COPIES + " test scores much").doesNotContain("optimistic"));
        test.set(0, new CsvSequence("copy2", train.get(1).values(), train.get(1).label(), null, null, null, 1));
        assertThat(warnings(train, test, true)).anySatisfy(m -> assertThat(m).contains("2 of the 150 test sequences")
                .contains("the test scores are optimistic"));
    }

    @Test
    void copiesAcrossACarvedSplitAndLabelsInConflictAreNamed() throws Exception {
        List<CsvSequence> train = new ArrayList<>(windows(4, 100, 50, 50, 8));
        CsvSequence original = train.get(0);
        List<CsvSequence> test = List.of(new CsvSequence("copy", original.values(), original.label(), null, null, null, 1),
                new CsvSequence("flip", train.get(1).values(), "up".equals(train.get(1).label()) ? "down" : "up", null, null, null, 1));
        List<String> carved = warnings(train, test, true);
        assertThat(carved).anySatisfy(m -> assertThat(m).contains("2 of the 2 test sequences carved from it are copies of "
                + "training sequences, every value the same (e.g. 'copy' = '" + original.id() + "', 'flip' = '" + train.get(1).id() + "')"));
        assertThat(carved).anySatisfy(m -> assertThat(m).contains("1 sequence(s) have exactly the values of another sequence with "
                + "another label (e.g. 'flip' '" + test.get(1).label() + "' (test) = '" + train.get(1).id() + "' '" + train.get(1).label()
                + "' (training))"));
        // a given file's copies are warned of as it is read (warnSharedIds): not twice; the conflict still is
        List<String> given = warnings(train, test, false);
        assertThat(given).noneMatch(m -> m.contains("copies")).anyMatch(m -> m.contains("another label"));
    }

    @Test
    void aLongFileOfOverlappingWindowsIsWarnedOfWhenReadAndSplitAtRandom() throws Exception {
        StringBuilder csv = new StringBuilder("window,day,price,label\n");
        Random r = new Random(9);
        double[] walk = new double[400];
        for (int t = 1; t < walk.length; t++) {
            walk[t] = walk[t - 1] + r.nextGaussian();
        }
        for (int start = 0; start + 30 <= walk.length; start += 5) {
            for (int t = 0; t < 30; t++) {
                csv.append('w').append(start).append(',').append(start + t).append(',').append((float) walk[start + t]).append(',')
                        .append(walk[Math.min(walk.length - 1, start + 30)] > walk[start + 29] ? "up" : "down").append('\n');
            }
        }
        Path f = Files.writeString(dir.resolve("windows.csv"), csv);
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("window"), Column.named("day"), Column.named("label"));
        List<String> w = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, o));
        assertThat(w).anySatisfy(m -> assertThat(m).contains("test sequences share stretches of 3 or more consecutive time steps"));
    }
    /**
     * Windows of 60 steps every 15 of two random walks (price, volume) per instrument, one instrument on a scale of its own,
     * as a trial's one-minute bars; {@code split} adds a split column cut by window start at {@code cut} (train before).
     */
    private Path barWindows(String name, boolean split, int cut) throws Exception {
        StringBuilder csv = new StringBuilder("window,minute,price,volume,label" + (split ? ",split" : "") + "\n");
        Random r = new Random(65);
        for (int instrument = 0; instrument < 3; instrument++) {
            double scale = instrument == 0 ? 5000 : 1;
            double[] price = new double[600];
            double[] volume = new double[600];
            price[0] = 100 * scale;
            for (int t = 1; t < price.length; t++) {
                price[t] = price[t - 1] + scale * r.nextGaussian();
                volume[t] = Math.abs(1000 + 300 * r.nextGaussian());
            }
            for (int start = 0; start + 60 <= price.length; start += 15) {
                String label = price[Math.min(price.length - 1, start + 75)] > price[start + 59] ? "up" : "down";
                for (int t = 0; t < 60; t++) {
                    csv.append('i').append(instrument).append('_').append(start).append(',').append(start + t).append(',')
                            .append((float) price[start + t]).append(',').append((float) volume[start + t]).append(',').append(label);
                    if (split) {
                        csv.append(',').append(start < cut ? "train" : "test");
                    }
                    csv.append('\n');
                }
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void overlappingWindowsAreWarnedOfWhenEachSequenceIsScaledByItsOwnStatistics() throws Exception {
        // a trial: --set sequenceScaling=standardize (which rnnlab's group warning recommends) scaled each window in place before
        // the check, and windows sharing 45 of 60 bars no longer shared a step: no warning, testHoldsTrainingData false
        Path f = barWindows("bars.csv", false, 0);
        for (SequenceScaling scaling : List.of(SequenceScaling.NONE, SequenceScaling.CENTER, SequenceScaling.STANDARDIZE)) {
            CsvOptions o = CsvOptions.defaults().withColumns(Column.named("window"), Column.named("minute"), Column.named("label"))
                    .withSequenceScaling(scaling);
            List<String> w = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, o));
            assertThat(w).as(scaling.toString()).anySatisfy(m -> assertThat(m).contains("test sequences share stretches of 3 or more "
                    + "consecutive time steps, every feature identical, with training sequences").contains("split at random"));
        }
    }

    @Test
    void windowsAtTheBoundaryOfAGivenSplitAreWarnedOfWhenScaled() throws Exception {
        Path f = barWindows("split.csv", true, 300); // 9 of the 51 test windows overlap the last training ones
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("window"), Column.named("minute"), Column.named("label"))
                .withSplitColumn(Column.named("split")).withSequenceScaling(SequenceScaling.STANDARDIZE);
        List<String> w = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, o));
        assertThat(w).anySatisfy(m -> assertThat(m).contains("7 of the 51 test sequences share stretches of 3 or more consecutive time steps")
                .contains("windows at the boundary of the given split overlap the training windows"));
    }

    @Test
    void scaledWindowsWithoutOverlapAreNotWarnedOf() throws Exception {
        // the silent case: windows cut end to end, each scaled by its own statistics, share nothing as written
        StringBuilder csv = new StringBuilder("window,minute,price,label\n");
        Random r = new Random(66);
        double price = 100;
        for (int w = 0; w < 120; w++) {
            double first = price;
            for (int t = 0; t < 30; t++) {
                price += r.nextGaussian();
                csv.append('w').append(w).append(',').append(w * 30 + t).append(',').append((float) price).append(',')
                        .append(w % 2 == 0 ? "even" : "odd").append('\n');
            }
        }
        Path f = Files.writeString(dir.resolve("apart.csv"), csv);
        for (SequenceScaling scaling : List.of(SequenceScaling.CENTER, SequenceScaling.STANDARDIZE)) {
            CsvOptions o = CsvOptions.defaults().withColumns(Column.named("window"), Column.named("minute"), Column.named("label"))
                    .withSequenceScaling(scaling);
            List<String> w = new ArrayList<>(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, o)));
            w.addAll(LoggedWarnings.infos(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, o)));
            assertThat(w).as(scaling.toString()).noneMatch(m -> m.contains("share stretches") || m.contains("copies of training"));
        }
    }
}

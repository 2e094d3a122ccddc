package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.datasets.LabelCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when the validation or test sequences hold the training data, whole or in part, so that their scores are
 * optimistic:
 * <ul>
 *   <li>copies: a carved validation or test sequence with exactly a training sequence's values (a given file's copies
 *       are warned of as it is read); a trial's 20 test sequences were copies of training ones under new ids, and
 *       nothing was said;</li>
 *   <li>the same values under two labels anywhere in the data (one of them is wrong, or the features cannot tell the
 *       classes apart);</li>
 *   <li>overlapping windows: held-out sequences that share stretches of consecutive time steps, every feature
 *       identical, with training sequences, as windows cut with overlap from one series do when split at random (a
 *       trial's price windows of 30 days, one every 10, shared 20 of their 30 days across the split). A held-out sequence
 *       counts when a fifth or more of its stretches occur in the training data.</li>
 * </ul>
 *
 * <p>A stretch is {@code k} consecutive steps, hashed; {@code k} is chosen so that a stretch is unlikely to recur by
 * chance ({@link #runLength}): 3 when nearly every step vector is distinct (continuous features), else long enough that
 * the entropy of a stretch, taken as {@code H1 + (k - 1) h} (H1 of one step vector, h of a step given the one before),
 * exceeds the log of a thousand times the training steps; both are estimated from one step per training sequence, so
 * that overlapping windows' repeats do not read as a small alphabet. For one-hot DNA bases {@code k} is about 13, so that
 * shared motifs are not mistaken for shared data; stepwise data (a gear, a set point), whose level changes recur by
 * chance, get a long {@code k} or are not judged; so do counts that repeat within each series (sales mostly 0 at one price),
 * by the entropy of a series' own steps. Stretches of one repeated step (a sensor at rest, padding) are not counted;
 * stretches longer than 64 steps are not judged.
 *
 * <p>{@code k} makes the average stretch unlikely to recur; a stretch counts only if it is itself unlikely to
 * ({@link Judge#counts}): its information, the sum over its steps of {@code -log} of the share of the training steps with that
 * step vector, must exceed the same log of a thousand times the training steps. Data that are almost all one step vector
 * carry little information on most of their steps, and their typical stretch is far below the average: a trial's daily
 * activity counts (active on 9 of 120 days) had {@code k} = 17, and 17 inactive days around one page view, which recur among
 * distinct students by chance, were called "the same series under two names" and overlapping windows of a test file from
 * another semester. Stretches of continuous values, of symbols (4 DNA bases) and of busy days carry their bar with ease, so
 * copies and overlapping windows of real signals are still found; a sparse series' stretches do not, and only its exact
 * copies are (a shifted copy of a series active 9 days in 120 is not told from chance by stretches of {@code k} steps).
 *
 * <p>Copies and stretches are compared on the values as written (after missing values are filled in), not as each
 * sequence's own scaling ({@code --set sequenceScaling=center|standardize}) leaves them: two windows sharing 45 of 60
 * one-minute bars no longer share a step once each is centred on its own mean, and a trial's overlapping windows passed
 * silently with the scaling rnnlab's own group warning recommends. Only each step's 64-bit hash is kept
 * ({@link #stepHashes}), 8 bytes a step, taken before the scaling while the file is read.
 */
public final class SplitOverlap {

    private static final Logger LOG = LoggerFactory.getLogger(CsvSequenceDataset.class);

    /** The share of a held-out sequence's stretches found in the training data from which it counts as overlapping. */
    static final double SHARE = 0.2;
    /** Stretches at least this long (steps). */
    static final int MIN_RUN = 3;
    /** Longer stretches are not judged. */
    static final int MAX_RUN = 64;
    /** Training steps above which the overlap is not judged (the stretches' hashes take 8 bytes each). */
    static final long MAX_STEPS = 10_000_000L;
    /** Steps above which {@link #overlappingWithin} does not judge (its map holds one entry per stretch). */
    static final long MAX_WITHIN_STEPS = 2_000_000L;
    /** Seed of a step's hash. */
    private static final long SEED = 0x9E3779B97F4A7C15L;
    /** Sequences sampled (one step each) for the entropy of the step vectors. */
    static final long SAMPLE = 200_000L;
    /** Training steps sampled (at most) for the share of each step vector ({@link Judge}). */
    static final long INFO_SAMPLE = 200_000L;

    private SplitOverlap() {
    }

    /** Where a held-out part came from. */
    enum Source {
        /** carved from the training file by rnnlab (at random, or by the group column when there is one) */
        CARVED,
        /** the rows of the training file that the split column assigns to it */
        SPLIT_COLUMN,
        /** a file of its own (--validation, --test), whose copies are warned of as it is read */
        FILE
    }

    /**
     * The words of a copies warning of a share too small to move the scores (under 1% of at least 100 held-out sequences): a
     * retail trial's 2 one-event sessions of 1274 test sessions, equal to training sessions by chance, had its scores called
     * optimistic. {@code TrainAgain} does not read such a warning as a leak.
     */
    public static final String FEW_COPIES = "too few to move the";

    /** What copies of training sequences mean for the {@code what} scores: {@code shared} of the part's {@code n} sequences. */
    static String copiesConsequence(int shared, int n, String what) {
        if (n >= 100 && shared * 100 < n) {
            return String.format(java.util.Locale.ROOT, "%d of %d (%.2f%%): %s %s scores much (short sequences repeat by chance, "
                    + "such as one-event sessions)", shared, n, 100.0 * shared / n, FEW_COPIES, what);
        }
        return "the " + what + " scores are optimistic";
    }

    /** One held-out part: its name, its sequences, and where it came from. */
    record Part(String name, List<CsvSequence> sequences, Source source) {
    }

    /** Warns of copies, labels in conflict and overlapping windows (see the class comment); logs at WARN. */
    static void warn(Path trainFile, List<CsvSequence> train, List<Part> heldOut, Object groupColumn) {
        warn(trainFile, train, heldOut, groupColumn, SplitOverlap::stepHashes);
    }

    /**
     * {@link #warn(Path, List, List, Object)} with the step hashes of each sequence's values as written ({@link #stepHashes}
     * of them before any per-sequence scaling): {@code written} maps a sequence's values, as read and scaled, to them.
     */
    static void warn(Path trainFile, List<CsvSequence> train, List<Part> heldOut, Object groupColumn,
                     java.util.function.Function<float[][], long[]> written) {
        Map<CsvSequence, String> fingerprints = new java.util.IdentityHashMap<>(); // each sequence's, computed once
        train.forEach(q -> fingerprints.put(q, SplitIdsFile.fingerprint(q.values())));
        heldOut.forEach(p -> p.sequences().forEach(q -> fingerprints.put(q, SplitIdsFile.fingerprint(q.values()))));
        // labels in conflict: the values the model reads (after scaling), which it cannot tell apart
        warnConflicts(trainFile, train, heldOut, fingerprints);
        List<long[]> trainSteps = train.stream().map(q -> written.apply(q.values())).toList();
        Map<Long, CsvSequence> byValues = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            byValues.putIfAbsent(fingerprint(trainSteps.get(i)), train.get(i));
        }
        Judge judge = Judge.of(trainSteps);
        long[] stretches = judge != null ? stretches(trainSteps, judge) : null;
        for (Part part : heldOut) {
            List<String> copies = new ArrayList<>();
            List<String> overlapping = new ArrayList<>();
            for (CsvSequence q : part.sequences()) {
                long[] steps = written.apply(q.values());
                if (flat(steps)) {
                    continue; // a flat line equals every other of its length: not a copy (a trial's lead-off segments)
                }
                CsvSequence same = byValues.get(fingerprint(steps));
                if (same != null) {
                    if (part.source() != Source.FILE) { // a given file's copies are warned of as it is read
                        copies.add(LabelCheck.quoted(q.id()) + " = " + LabelCheck.quoted(same.id()));
                    }
                    continue;
                }
                if (stretches != null) {
                    int[] found = shared(steps, judge, stretches);
                    if (found[1] > 0 && found[0] >= SHARE * found[1]) {
                        overlapping.add(LabelCheck.quoted(q.id()) + " " + found[0] + " of its " + found[1]);
                    }
                }
            }
            int n = part.sequences().size();
            if (!copies.isEmpty()) {
                LOG.warn("csv {}: {} of the {} {} sequences {} are copies of training sequences, every value the same (e.g. {}): "
                        + "{}; {}", trainFile, copies.size(), n, part.name(),
                        part.source() == Source.CARVED ? "carved from it" : "of its split column",
                        String.join(", ", copies.subList(0, Math.min(3, copies.size()))),
                        copiesConsequence(copies.size(), n, part.name()),
                        groupColumn != null ? "the same values under two groups of " + groupColumn + " (the same series under "
                        + "two names?) land on both sides; keep one copy of each before training"
                        : "keep one copy of each before training (pandas: e.g. by a hash of each sequence's values), unless "
                        + "repeats are what the data are (then give the copies one group, --set group=COLUMN, to keep them on "
                        + "one side)");
            }
            if (!overlapping.isEmpty()) {
                boolean many = overlapping.size() >= 10 || overlapping.size() * 20 >= n;
                String text = "csv {}: {} of the {} {} sequences share stretches of {} or more consecutive time steps, every "
                        + "feature identical, with training sequences (e.g. {} stretches found in training): {}";
                String why = part.source() == Source.CARVED && groupColumn != null
                        ? "carved by the group column " + groupColumn + ", so several groups hold the same data (the same "
                        + "series under two names?), and the " + part.name() + " scores are optimistic"
                        : part.source() == Source.SPLIT_COLUMN && many && overlapping.size() * 5 >= n
                        ? "the given split puts windows cut with overlap from the same series on both sides (a split column "
                        + "assigned at random?), so the " + part.name() + " scores are optimistic; split by series (--set "
                        + "group=COLUMN) or by time, with a gap of one window's length between the parts"
                        : part.source() == Source.CARVED
                        ? "windows cut with overlap from the same series, split at random, put the same data in training and "
                        + part.name() + ", so the " + part.name() + " scores are optimistic; split by series (--set group=COLUMN, "
                        + "e.g. the recording, subject or instrument) or by time (a split column of your own: the later windows "
                        + "for validation and test, with a gap of one window's length between the parts)"
                        : "windows at the boundary of the given split overlap the training windows; a gap of one window's length "
                        + "between the parts keeps them apart" + (groupColumn == null ? "" : " (the group column " + groupColumn
                        + " does not)");
                String shown = String.join(", ", overlapping.subList(0, Math.min(3, overlapping.size())));
                if (many) {
                    LOG.warn(text, trainFile, overlapping.size(), n, part.name(), judge.run(), shown, why);
                } else {
                    LOG.info(text, trainFile, overlapping.size(), n, part.name(), judge.run(), shown, why);
                }
            }
        }
    }

    /**
     * How many of {@code sequences} share a fifth or more of their stretches (see the class comment) with another of them:
     * overlapping windows of one series, which are not independent examples (evaluate's intervals take them as such); 0
     * when the data are not judged.
     */
    public static int overlappingWithin(List<float[][]> sequences) {
        long steps = 0;
        for (float[][] v : sequences) {
            steps += v.length;
        }
        if (steps > MAX_WITHIN_STEPS) {
            return 0; // its map of stretches would take gigabytes; not judged
        }
        List<long[]> hashed = sequences.stream().map(SplitOverlap::stepHashes).toList();
        Judge judge = Judge.of(hashed);
        if (judge == null) {
            return 0;
        }
        int run = judge.run();
        Map<Long, Integer> owner = new HashMap<>(); // a stretch's sequence, or -1 once it occurs in two
        for (int i = 0; i < hashed.size(); i++) {
            long[] step = hashed.get(i);
            double[] information = judge.information(step);
            for (int t = 0; t + run <= step.length; t++) {
                if (judge.counts(step, information, t)) {
                    int index = i;
                    owner.merge(stretchHash(step, t, run), i, (a, b) -> a == index ? a : -1);
                }
            }
        }
        int overlapping = 0;
        for (long[] step : hashed) {
            double[] information = judge.information(step);
            int found = 0;
            int judged = 0;
            for (int t = 0; t + run <= step.length; t++) {
                if (judge.counts(step, information, t)) {
                    judged++;
                    found += owner.get(stretchHash(step, t, run)) == -1 ? 1 : 0;
                }
            }
            overlapping += judged > 0 && found >= SHARE * judged ? 1 : 0;
        }
        return overlapping;
    }

    /** Whether every feature of a sequence of {@link FlatSequences#MIN_STEPS} steps or more holds one value throughout. */
    static boolean flat(float[][] values) {
        if (values.length < FlatSequences.MIN_STEPS) {
            return false;
        }
        for (float[] step : values) {
            if (!java.util.Arrays.equals(step, values[0])) {
                return false;
            }
        }
        return true;
    }

    /** {@link #flat(float[][])} of a sequence's {@link #stepHashes}. */
    private static boolean flat(long[] steps) {
        if (steps.length < FlatSequences.MIN_STEPS) {
            return false;
        }
        for (long step : steps) {
            if (step != steps[0]) {
                return false;
            }
        }
        return true;
    }

    /** A sequence's values, as one 64-bit hash of its {@link #stepHashes} and its length: copies have the same. */
    private static long fingerprint(long[] steps) {
        return steps.length == 0 ? 0 : stretchHash(steps, 0, steps.length) ^ steps.length;
    }

    /** Warns of sequences with the same values and different labels, anywhere in the data. */
    private static void warnConflicts(Path trainFile, List<CsvSequence> train, List<Part> heldOut,
                                      Map<CsvSequence, String> fingerprints) {
        Map<String, CsvSequence> first = new HashMap<>();
        List<String> conflicts = new ArrayList<>();
        List<CsvSequence> all = new ArrayList<>(train);
        heldOut.forEach(p -> all.addAll(p.sequences()));
        // each sequence's split, named in the example (a trial's pair, one in its --test file, read as two training sequences)
        Map<CsvSequence, String> splitOf = new java.util.IdentityHashMap<>();
        train.forEach(q -> splitOf.put(q, "training"));
        heldOut.forEach(p -> p.sequences().forEach(q -> splitOf.put(q, p.name())));
        for (CsvSequence q : all) {
            if (q.label() == null || flat(q.values())) {
                continue; // flat lines are alike whatever their class: warned of as flat (FlatSequences), not as conflicts
            }
            CsvSequence earlier = first.putIfAbsent(fingerprints.get(q), q);
            if (earlier != null && !earlier.label().equals(q.label())) {
                conflicts.add(LabelCheck.quoted(q.id()) + " " + LabelCheck.quoted(q.label()) + " (" + splitOf.get(q) + ") = "
                        + LabelCheck.quoted(earlier.id()) + " " + LabelCheck.quoted(earlier.label()) + " (" + splitOf.get(earlier) + ")");
            }
        }
        if (!conflicts.isEmpty()) {
            LOG.warn("csv {}: {} sequence(s) have exactly the values of another sequence with another label (e.g. {}): no model "
                    + "can tell them apart; one of the labels is wrong, or the features miss what separates the classes",
                    trainFile, conflicts.size(), String.join(", ", conflicts.subList(0, Math.min(3, conflicts.size()))));
        }
    }

    /**
     * How stretches are judged for some training data: their length {@code run} ({@link #runLength}), the share of the
     * (sampled) training steps that each step vector takes, and the bar a stretch's information must reach to count.
     *
     * @param run     the stretch length
     * @param counts  how many of the sampled training steps have each step vector (by its hash)
     * @param sampled the sampled training steps
     * @param bar     the log of a thousand times the training steps, in nats (the bar {@code run} is chosen for)
     */
    record Judge(int run, Map<Long, Integer> counts, long sampled, double bar) {

        /** How these training data are judged, or null when they are not (see {@link #runLength}). */
        static Judge of(List<long[]> train) {
            int run = runLengthOf(train);
            if (run == 0) {
                return null;
            }
            long steps = 0;
            for (long[] q : train) {
                steps += q.length;
            }
            // every step, or one in so many at random (not every so many, which sequences of one length would align with:
            // each enrolment's first day): the share of a common step vector (a day without activity) is what matters, and
            // a sample of INFO_SAMPLE steps measures it; each distinct vector takes one entry
            long every = Math.max(1, (steps + INFO_SAMPLE - 1) / INFO_SAMPLE);
            java.util.SplittableRandom random = new java.util.SplittableRandom(SEED);
            Map<Long, Integer> counts = new HashMap<>();
            long sampled = 0;
            for (long[] q : train) {
                for (long step : q) {
                    if (every == 1 || random.nextLong(every) == 0) {
                        counts.merge(step, 1, Integer::sum);
                        sampled++;
                    }
                }
            }
            return new Judge(run, counts, sampled, Math.log(1000.0 * steps));
        }

        /**
         * Each step's information in nats, {@code -log} of the share of the sampled training steps with its vector (one
         * step's share when the sample holds none: a vector that rare is as informative as the sample can tell).
         */
        double[] information(long[] stepHashes) {
            double[] information = new double[stepHashes.length];
            for (int t = 0; t < stepHashes.length; t++) {
                information[t] = Math.log((double) sampled / Math.max(1, counts.getOrDefault(stepHashes[t], 0)));
            }
            return information;
        }

        /**
         * Whether the stretch of {@code run} steps from {@code t} counts: not one repeated step, and its information (the
         * sum of its steps', as if independent) reaches {@link #bar}, so that it is unlikely to recur among the training
         * steps by chance: 17 days without activity around one page view (the trial's) hold a few nats, far below the
         * bar of about 17; three steps of continuous values, or 13 DNA bases, reach it.
         */
        boolean counts(long[] v, double[] information, int t) {
            if (repeated(v, t, run)) {
                return false;
            }
            double sum = 0;
            for (int s = t; s < t + run; s++) {
                sum += information[s];
            }
            return sum >= bar;
        }
    }

    /**
     * The stretch length for these training data (see the class comment), or 0 when the overlap is not judged (too few
     * distinct stretches, too long a stretch, too many steps). With step vectors nearly all distinct (continuous features)
     * a stretch of {@link #MIN_RUN} cannot recur by chance. Otherwise the entropy of a stretch of k steps is taken as
     * {@code H1 + (k - 1) h}, H1 the entropy of one step vector and h that of a step given the one before (Markov), both
     * from a sample: consecutive steps of stepwise data (a gear, a set point) are mostly alike, so h is small and k long, or
     * the data are not judged; a review found every held-out sequence of such data flagged when k came from H1 alone.
     */
    static int runLength(List<CsvSequence> train) {
        return runLengthOf(train.stream().map(q -> stepHashes(q.values())).toList());
    }

    /** {@link #runLength} of the sequences' {@link #stepHashes}. */
    private static int runLengthOf(List<long[]> train) {
        long steps = 0;
        for (long[] q : train) {
            steps += q.length;
        }
        if (steps < 2 || steps > MAX_STEPS) {
            return 0;
        }
        // one step (and the one before it) per sequence, at a seeded random place: overlapping windows repeat their steps
        // across sequences, and several samples per sequence would count those repeats as a small alphabet
        java.util.SplittableRandom random = new java.util.SplittableRandom(SEED);
        int every = Math.max(1, (int) (train.size() / SAMPLE));
        Map<Long, Integer> singles = new HashMap<>();
        Map<Long, Integer> previous = new HashMap<>();
        Map<Long, Integer> pairs = new HashMap<>();
        long seen = 0;
        double withinEntropy = 0; // the mean over sampled sequences of the entropy of their own steps
        int withinDistinct = 0; // sampled sequences whose steps are nearly all distinct
        for (int i = 0; i < train.size(); i += every) {
            long[] v = train.get(i);
            if (v.length < 2) {
                continue;
            }
            Map<Long, Integer> own = new HashMap<>();
            for (long step : v) {
                own.merge(step, 1, Integer::sum);
            }
            withinEntropy += entropy(own, v.length);
            withinDistinct += own.size() * 2L >= v.length ? 1 : 0;
            int t = 1 + random.nextInt(v.length - 1);
            long h = v[t];
            long before = v[t - 1];
            singles.merge(h, 1, Integer::sum);
            previous.merge(before, 1, Integer::sum);
            pairs.merge(before * 31 + h, 1, Integer::sum);
            seen++;
        }
        if (seen < 2) {
            return 0;
        }
        // nearly every step vector its own, across sequences and within most of them: continuous features (sales counts,
        // mostly 0 at a price of their own, differ across series but repeat within each: their stretches recur between two
        // series of one price by chance, as a trial's weekly sales did)
        if (singles.size() * 2L >= seen && withinDistinct * 2L >= seen) {
            return MIN_RUN;
        }
        double within = withinEntropy / seen;
        double h1 = Math.min(entropy(singles, seen), within);
        double conditional = Math.min(entropy(pairs, seen) - entropy(previous, seen), within);
        if (h1 < Math.log(1.5) || conditional < 1e-3) {
            return 0;
        }
        double run = 1 + Math.ceil((Math.log(1000.0 * steps) - h1) / conditional);
        return run > MAX_RUN ? 0 : (int) Math.max(MIN_RUN, run);
    }

    private static double entropy(Map<Long, Integer> counts, long total) {
        double entropy = 0;
        for (int c : counts.values()) {
            double p = (double) c / total;
            entropy -= p * Math.log(p);
        }
        return entropy;
    }

    /** The sorted hashes of every training sequence's stretches that count ({@link Judge#counts}). */
    private static long[] stretches(List<long[]> train, Judge judge) {
        int run = judge.run();
        long count = 0;
        for (long[] q : train) {
            count += Math.max(0, q.length - run + 1);
        }
        long[] all = new long[(int) count];
        int n = 0;
        for (long[] step : train) {
            double[] information = judge.information(step);
            for (int t = 0; t + run <= step.length; t++) {
                if (judge.counts(step, information, t)) {
                    all[n++] = stretchHash(step, t, run);
                }
            }
        }
        long[] used = n == all.length ? all : Arrays.copyOf(all, n);
        Arrays.sort(used);
        return used;
    }

    /** {found, judged}: how many of the sequence's stretches that count ({@link Judge#counts}) are among {@code stretches}. */
    private static int[] shared(long[] step, Judge judge, long[] stretches) {
        int run = judge.run();
        int found = 0;
        int judged = 0;
        double[] information = judge.information(step);
        for (int t = 0; t + run <= step.length; t++) {
            if (!judge.counts(step, information, t)) {
                continue;
            }
            judged++;
            if (Arrays.binarySearch(stretches, stretchHash(step, t, run)) >= 0) {
                found++;
            }
        }
        return new int[] {found, judged};
    }

    /** Whether steps {@code t .. t + run - 1} are all the same vector (by their hashes). */
    private static boolean repeated(long[] v, int t, int run) {
        for (int s = t + 1; s < t + run; s++) {
            if (v[s] != v[t]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each step's hash, computed once per sequence (a stretch combines {@code run} of them); the reader keeps them for a
     * sequence's values as written before scaling each sequence ({@link CsvSequenceDataset}).
     */
    static long[] stepHashes(float[][] v) {
        long[] h = new long[v.length];
        for (int t = 0; t < v.length; t++) {
            h[t] = hash(v[t], SEED);
        }
        return h;
    }

    /** A stretch's hash: its steps' hashes combined in order. */
    private static long stretchHash(long[] step, int t, int run) {
        long h = 0x243F6A8885A308D3L;
        for (int s = t; s < t + run; s++) {
            h = (h ^ step[s]) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 32;
        }
        return h;
    }

    /** A 64-bit hash of a step's values (their bits; -0.0 and 0.0 apart, as in the fingerprint), chained from {@code seed}. */
    private static long hash(float[] step, long seed) {
        long h = seed;
        for (float x : step) {
            h ^= Float.floatToIntBits(x);
            h *= 0x100000001B3L;
            h ^= h >>> 29;
        }
        h ^= 0x1E; // a step's end
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 31);
    }
}

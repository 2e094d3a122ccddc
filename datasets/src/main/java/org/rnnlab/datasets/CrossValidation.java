package org.rnnlab.datasets;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * K-fold cross-validation of a dataset: the examples of all three splits are pooled and cut into
 * {@code folds} parts; fold k tests on part k and trains on the others. With a {@code group} (a tag of
 * the sequences such as HAR's {@code subject}, or the group column of a CSV or text dataset) whole groups go to
 * one part, so no group is ever in two parts (nor in the test part and the training data of one fold).
 * Without a group the parts are stratified by class and shuffled by {@code seed}.
 *
 * <p>How groups are dealt to the parts is the {@code assignment}:
 * <ul>
 * <li>{@value #STRATIFIED_GROUPS} (the default), like scikit-learn's {@code StratifiedGroupKFold} with
 * {@code shuffle=True} (scikit-learn 1.0 and later: the API documentation of
 * {@code sklearn.model_selection.StratifiedGroupKFold}, and the user guide's "Stratified Group k-fold"): the groups are shuffled
 * by {@code seed}, then ordered by how skewed their classes are, the standard deviation of their class counts
 * descending (ties keep the shuffled order), and each goes to the part f that minimises the mean over the C
 * classes of the spread of the classes' shares over the K parts,
 * <pre>
 *     score(f) = (1/C) sum_c std_k( n[k][c] / n[c] ),
 * </pre>
 * with n[k][c] the examples of class c in part k once the group is in part f, n[c] those of class c in all the
 * data, and std the population standard deviation over the K parts; ties (equal up to rounding) go to the part
 * with fewest examples. Each part's class mix comes as close to the whole data's as whole groups allow; even shares
 * of every class keep the parts' sizes close too, if less close than by size (20 groups of 15 into 3 parts: 90, 90
 * and 120 examples for some seeds).</li>
 * <li>{@value #SIZE}, like scikit-learn's {@code GroupKFold}: largest group first to the part with fewest
 * examples, ties by group value; not seeded. It keeps the parts close in size but not in class mix: groups of
 * equal size are dealt round-robin over their sorted values, and where the groups' classes follow their values
 * (subject s favouring class s mod 3) each part got mostly one class. The assignment of comparisons whose
 * config.json was written before the field existed, so they replay with their own parts.</li>
 * </ul>
 *
 * <p>Data ordered in time (a CSV time column read with {@code --set splitBy=time}) are folded {@value #TIME}, walk-forward
 * with an expanding window, like scikit-learn's {@code TimeSeriesSplit}: the pooled sequences, ordered by their first time,
 * are cut into {@code folds + 1} blocks of about equal size (sequences that start at the same time stay in one block);
 * fold k trains on blocks 0 to k and tests on block k + 1, so every fold tests only on sequences that start after all of
 * its training ones, and block 0 is never tested. Its validation is the latest of its training sequences (the same share),
 * not a stratified draw. A trial's carrier data (18 months of shipments) were folded at random, each fold training on
 * months after the ones it tested.
 *
 * <p>Whatever the assignment, a fold whose test class mix is far from the whole data's (total variation distance
 * above {@value #MAX_TEST_CLASS_DISTANCE}) is warned of, as is a fold that tests a class it never trains on.
 *
 * <p>When the dataset has a validation split, each fold carves its validation data from its training
 * part in the same proportion (by whole groups with a group, else stratified; with a group, where the data's options carved
 * validation by group, about the share they asked for, the nearest count of whole groups, as the dataset's own carve of
 * whole groups may have taken far more: {@link #validationCarve}), so early stopping and
 * tuning never see the fold's test part. The fold's normalizer is fitted on its own training part
 * (as for any dataset, {@link SequenceDataset#fitNormalizer}). A text dataset keeps the vocabulary it
 * was opened with, built from its original training split.
 *
 * @param folds      number of parts, in [2, 100]
 * @param group      tag naming each sequence's group, or null for stratified folds
 * @param seed       seed of the stratified parts, of the {@value #STRATIFIED_GROUPS} assignment and of the validation
 *                   carving
 * @param assignment with a group, how groups are dealt to the parts: {@value #STRATIFIED_GROUPS} or {@value #SIZE}
 *                   (read as {@value #SIZE} when absent from a config.json written before it existed); without a group,
 *                   {@value #TIME} for walk-forward folds by time, else null (parts stratified by example)
 * @param validationCarve with a group, how much validation each fold carves: {@value #ASKED_SHARE} (at most the share the
 *                   data's options asked for where they carved validation by group, the nearest count of whole groups) or
 *                   {@value #SPLIT_SHARE} (at least the share of the data's own split: comparisons written before, read so
 *                   when it is absent from their config.json, so that a resumed or repeated comparison gets its folds)
 */
public record CrossValidation(int folds, String group, long seed, String assignment, String validationCarve) {

    /** Each fold's validation: at most the share asked for, in the nearest count of whole groups. */
    public static final String ASKED_SHARE = "asked-share";

    /** Each fold's validation: at least the share of the data's own split (comparisons written before the asked share). */
    public static final String SPLIT_SHARE = "split-share";

    /** Groups dealt so that each part's class mix is close to the whole data's (scikit-learn's StratifiedGroupKFold). */
    public static final String STRATIFIED_GROUPS = "stratified-groups";

    /** Groups dealt largest first to the smallest part (scikit-learn's GroupKFold): comparisons written before. */
    public static final String SIZE = "size";

    /** Walk-forward folds of data ordered by each sequence's first time (without a group): see the class. */
    public static final String TIME = "time";

    /**
     * A fold whose test part's classes are further than this from the whole data's, in total variation distance
     * (half the sum over classes of the difference of shares: the share of test examples that would have to change class
     * for the mixes to agree), is warned of.
     */
    public static final double MAX_TEST_CLASS_DISTANCE = 0.25;

    public CrossValidation {
        if (folds < 2 || folds > 100) {
            throw new IllegalArgumentException("cross-validation needs 2 to 100 folds, got " + folds);
        }
        if (group != null && group.isBlank()) {
            throw new IllegalArgumentException("cross-validation group must name a tag (e.g. subject), got a blank name");
        }
        if (validationCarve == null || group == null) {
            validationCarve = ASKED_SHARE; // without a group, both carve the same (stratified, the split's share)
        } else if (!ASKED_SHARE.equals(validationCarve) && !SPLIT_SHARE.equals(validationCarve)) {
            throw new IllegalArgumentException("cross-validation validationCarve must be " + ASKED_SHARE + " or " + SPLIT_SHARE
                    + ", got " + validationCarve);
        }
        if (group == null) {
            // ungrouped parts are stratified by example (no groups to deal), or walk-forward by time
            assignment = TIME.equals(assignment) ? TIME : null;
        } else if (TIME.equals(assignment)) {
            throw new IllegalArgumentException("cross-validation by time (walk-forward) orders the sequences by their first time "
                    + "whatever their group, so it takes no group (got group " + group + ")");
        } else if (!STRATIFIED_GROUPS.equals(assignment) && !SIZE.equals(assignment)) {
            throw new IllegalArgumentException("cross-validation assignment of groups must be " + STRATIFIED_GROUPS + " or " + SIZE
                    + ", got " + assignment);
        }
    }

    /** Walk-forward folds by time ({@value #TIME}): see the class. */
    public static CrossValidation byTime(int folds, long seed) {
        return new CrossValidation(folds, null, seed, TIME);
    }

    /** Whether these are walk-forward folds by time. */
    public boolean byTime() {
        return TIME.equals(assignment);
    }

    /** Folds by {@code group} dealt {@value #STRATIFIED_GROUPS} (or stratified by example without a group). */
    public CrossValidation(int folds, String group, long seed) {
        this(folds, group, seed, group == null ? null : STRATIFIED_GROUPS);
    }

    /** Folds with validation carved by {@value #ASKED_SHARE}. */
    public CrossValidation(int folds, String group, long seed, String assignment) {
        this(folds, group, seed, assignment, ASKED_SHARE);
    }

    /**
     * Reads folds from JSON; {@code assignment} is absent in configurations written before it existed: {@value #SIZE};
     * {@code validationCarve} likewise: {@value #SPLIT_SHARE}.
     */
    @JsonCreator
    static CrossValidation fromJson(@JsonProperty("folds") int folds,
                                    @JsonProperty("group") String group,
                                    @JsonProperty("seed") long seed,
                                    @JacksonInject(value = "rnnlab.absent", useInput = OptBoolean.TRUE)
                                    @JsonProperty("assignment") String assignment,
                                    @JacksonInject(value = "rnnlab.absent", useInput = OptBoolean.TRUE)
                                    @JsonProperty("validationCarve") String validationCarve) {
        return new CrossValidation(folds, group, seed, assignment == null && group != null ? SIZE : assignment,
                validationCarve == null ? SPLIT_SHARE : validationCarve);
    }

    /** The pooled examples in a fixed order: train, then validation, then test. */
    public static List<Sequence> pool(SequenceDataset data) {
        List<Sequence> all = new ArrayList<>();
        for (Split s : Split.values()) {
            all.addAll(data.split(s).examples());
        }
        return all;
    }

    /**
     * The part (0 to folds-1) of each pooled example, in the order of {@link #pool}.
     *
     * @throws IllegalArgumentException when an example lacks the group tag, or there are fewer groups
     *                                  (or examples) than folds
     */
    public int[] parts(SequenceDataset data) {
        List<Sequence> pool = pool(data);
        int[] part = new int[pool.size()];
        if (byTime()) {
            return blocksByTime(data, pool.size());
        }
        if (pool.size() < folds) {
            throw new IllegalArgumentException("dataset " + data.name() + " has " + pool.size() + " examples, fewer than the "
                    + folds + " folds asked for");
        }
        if (group == null) {
            Map<Integer, List<Integer>> byClass = new TreeMap<>();
            for (int i = 0; i < pool.size(); i++) {
                byClass.computeIfAbsent(pool.get(i).label(), k -> new ArrayList<>()).add(i);
            }
            Random random = new Random(seed);
            int next = 0;
            for (List<Integer> members : byClass.values()) {
                Collections.shuffle(members, random);
                for (int i : members) {
                    part[i] = next++ % folds; // continue round-robin across classes so parts stay equal in size
                }
            }
            return part;
        }
        Map<Integer, List<Integer>> byGroup = new TreeMap<>();
        for (int i = 0; i < pool.size(); i++) {
            byGroup.computeIfAbsent(groupOf(data, pool.get(i), i), k -> new ArrayList<>()).add(i);
        }
        if (byGroup.size() < folds) {
            throw new IllegalArgumentException("dataset " + data.name() + " has " + byGroup.size() + " distinct values of group '"
                    + group + "', fewer than the " + folds + " folds asked for: every fold needs at least one group");
        }
        if (SIZE.equals(assignment)) {
            dealBySize(byGroup, part);
        } else {
            dealByClassMix(pool, byGroup, part);
        }
        return part;
    }

    /** Per-split values (starts, ends) in the order of {@link #pool}: train, validation, test. */
    private static List<Double> pooled(Map<Split, List<Double>> bySplit) {
        List<Double> all = new ArrayList<>();
        for (Split s : Split.values()) {
            all.addAll(bySplit.getOrDefault(s, List.of()));
        }
        return all;
    }

    /** Each pooled example's first time, in the order of {@link #pool}, or an error naming what is missing. */
    private static double[] starts(SequenceDataset data, int pooled) {
        List<Double> all = pooled(data.sequenceStarts());
        if (all.size() != pooled || all.stream().anyMatch(t -> t == null || t.isNaN())) {
            throw new IllegalArgumentException("cross-validation by time (walk-forward) orders the sequences by their first time, "
                    + "and the sequences of dataset " + data.name() + " have none here: it needs a CSV dataset with a time column "
                    + "(--set time=COLUMN with --set splitBy=time)");
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The {@value #TIME} parts: the pooled examples ordered by first time (then by pooled order) and cut into folds + 1 blocks
     * of about equal size, a cut moved earlier over examples that start at the time of the block's first; block b is part
     * b - 1, so the first block is part -1 (training of every fold, never tested).
     */
    private int[] blocksByTime(SequenceDataset data, int pooled) {
        double[] first = starts(data, pooled);
        List<Integer> byTime = java.util.stream.IntStream.range(0, pooled).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> first[i]).thenComparingInt(i -> i)).toList();
        int blocks = folds + 1;
        int[] start = new int[blocks + 1];
        start[blocks] = pooled;
        for (int b = blocks - 1; b >= 1; b--) {
            int cut = Math.min(start[b + 1], (int) Math.round((double) pooled * b / blocks));
            while (cut > 0 && first[byTime.get(cut - 1)] == first[byTime.get(cut)]) {
                cut--;
            }
            if (cut <= 0 || cut >= start[b + 1]) {
                throw new IllegalArgumentException("cross-validation by time (walk-forward) cuts the " + pooled + " sequences of "
                        + data.name() + ", ordered by their first time, into " + blocks + " blocks (" + folds + " folds: fold k trains "
                        + "on the blocks before block k+1 and tests on it), but " + (pooled < blocks ? "there are too few sequences"
                        : "too many sequences start at the same time (sequences that start together stay in one block)")
                        + ": use fewer folds (--cv)");
            }
            start[b] = cut;
        }
        int[] part = new int[pooled];
        for (int b = 0; b < blocks; b++) {
            for (int r = start[b]; r < start[b + 1]; r++) {
                part[byTime.get(r)] = b - 1;
            }
        }
        return part;
    }

    /** The {@value #SIZE} assignment: largest group first to the part with fewest examples, ties by group value. */
    private void dealBySize(Map<Integer, List<Integer>> byGroup, int[] part) {
        List<Integer> order = new ArrayList<>(byGroup.keySet());
        order.sort(Comparator.comparingInt((Integer g) -> -byGroup.get(g).size()).thenComparing(g -> g));
        int[] sizes = new int[folds];
        for (int g : order) {
            int smallest = 0;
            for (int f = 1; f < folds; f++) {
                if (sizes[f] < sizes[smallest]) {
                    smallest = f;
                }
            }
            for (int i : byGroup.get(g)) {
                part[i] = smallest;
            }
            sizes[smallest] += byGroup.get(g).size();
        }
    }

    /**
     * The {@value #STRATIFIED_GROUPS} assignment (see the class): groups shuffled by seed, most skewed first, each to the part
     * that keeps the classes' shares over the parts most even. A part without groups always scores best for the next group
     * (no class's share can spread less), so with at least as many groups as parts every part gets one.
     */
    private void dealByClassMix(List<Sequence> pool, Map<Integer, List<Integer>> byGroup, int[] part) {
        List<Integer> labels = pool.stream().map(Sequence::label).distinct().sorted().toList();
        int classes = labels.size();
        long[] total = new long[classes];
        Map<Integer, long[]> counts = new TreeMap<>();
        byGroup.forEach((g, members) -> {
            long[] c = new long[classes];
            for (int i : members) {
                c[labels.indexOf(pool.get(i).label())]++;
            }
            counts.put(g, c);
            for (int k = 0; k < classes; k++) {
                total[k] += c[k];
            }
        });
        List<Integer> order = new ArrayList<>(byGroup.keySet()); // by value, then shuffled: the same seed deals the same parts
        Collections.shuffle(order, new Random(seed));
        // most skewed first; List.sort is stable, so ties keep the shuffled order. C * sum x^2 - (sum x)^2 is C^2 times the
        // variance of the class counts: it orders as their standard deviation does, exactly (integers)
        order.sort(Comparator.comparingLong((Integer g) -> -spread(counts.get(g))));
        long[][] perPart = new long[folds][classes];
        long[] sizes = new long[folds];
        for (int g : order) {
            long[] c = counts.get(g);
            int best = -1;
            double bestScore = Double.POSITIVE_INFINITY;
            for (int f = 0; f < folds; f++) {
                double score = classShareSpread(perPart, f, c, total);
                boolean tie = Math.abs(score - bestScore) <= 1e-9;
                if (best < 0 || (tie ? sizes[f] < sizes[best] : score < bestScore)) {
                    best = f;
                    bestScore = score;
                }
            }
            for (int k = 0; k < classes; k++) {
                perPart[best][k] += c[k];
            }
            sizes[best] += byGroup.get(g).size();
            for (int i : byGroup.get(g)) {
                part[i] = best;
            }
        }
    }

    /** C * sum of squares - square of the sum of a group's class counts: C^2 times their variance. */
    private static long spread(long[] classCounts) {
        long sum = 0;
        long squares = 0;
        for (long x : classCounts) {
            sum += x;
            squares += x * x;
        }
        return classCounts.length * squares - sum * sum;
    }

    /**
     * score(f) of the class's documentation: the mean over classes of the population standard deviation over the parts of the class's share
     * n[k][c] / n[c], with {@code add} counted in part {@code f}.
     */
    private static double classShareSpread(long[][] perPart, int f, long[] add, long[] total) {
        int parts = perPart.length;
        double sum = 0;
        for (int c = 0; c < total.length; c++) {
            double mean = 0;
            double[] share = new double[parts];
            for (int k = 0; k < parts; k++) {
                share[k] = (perPart[k][c] + (k == f ? add[c] : 0)) / (double) total[c];
                mean += share[k];
            }
            mean /= parts;
            double squares = 0;
            for (double x : share) {
                squares += (x - mean) * (x - mean);
            }
            sum += Math.sqrt(squares / parts);
        }
        return sum / total.length;
    }

    /** The groups (tag values) in part {@code k}, sorted; empty without a group. */
    public Set<Integer> groupsOf(SequenceDataset data, int k) {
        Set<Integer> out = new java.util.TreeSet<>();
        if (group == null) {
            return out;
        }
        List<Sequence> pool = pool(data);
        int[] part = parts(data);
        for (int i = 0; i < pool.size(); i++) {
            if (part[i] == k) {
                out.add(groupOf(data, pool.get(i), i));
            }
        }
        return out;
    }

    /**
     * Fold {@code k} of {@code data}: test = part k, training = the other parts (less a validation carve
     * when the dataset has validation data).
     */
    public SequenceDataset fold(SequenceDataset data, int k) {
        if (k < 0 || k >= folds) {
            throw new IllegalArgumentException("fold must be in [0, " + (folds - 1) + "], got " + k);
        }
        if (byTime()) {
            TimeFold f = timeFold(data, k);
            unseenTestClasses(data, k, f.test(), f.rest()).ifPresent(w -> logOnce(data, w));
            skewedTestClasses(data, k, f.test(), f.rest()).ifPresent(w -> logOnce(data, w));
            f.purgedWarning(this, data, k).ifPresent(w -> logOnce(data, w));
            return new ResplitDataset(data, new SequenceSet(f.train()), new SequenceSet(f.validation()), new SequenceSet(f.test()));
        }
        List<Sequence> test = new ArrayList<>();
        List<Sequence> rest = new ArrayList<>();
        cut(pool(data), parts(data), k, test, rest);
        unseenTestClasses(data, k, test, rest).ifPresent(w -> logOnce(data, w));
        skewedTestClasses(data, k, test, rest).ifPresent(w -> logOnce(data, w));
        int validationSize = data.split(Split.VALIDATION).size();
        int trainSize = data.split(Split.TRAIN).size();
        List<Sequence> train = rest;
        List<Sequence> validation = List.of();
        if (validationSize > 0) {
            double fraction = validationSize / (double) (validationSize + trainSize);
            boolean asked = group != null && ASKED_SHARE.equals(validationCarve);
            if (asked) {
                // the dataset's own split took whole groups, so with few groups its validation share can be far above the
                // one configured (a trial's 7 homes: 2 of the 5 non-test homes, then 3 of each fold's 6): no more than that
                fraction = Math.min(fraction, askedShare(data));
            }
            StratifiedSplitter.Parts<Sequence> parts = group == null
                    ? new StratifiedSplitter(fraction, 0, seed + k).split(rest, Sequence::label)
                    : new GroupSplitter(fraction, 0, seed + k, asked).split(rest, s -> String.valueOf(s.tags().get(group)), Sequence::label).parts();
            train = parts.train();
            validation = parts.validation();
        }
        return new ResplitDataset(data, new SequenceSet(train), new SequenceSet(validation), new SequenceSet(test));
    }

    /**
     * A walk-forward fold ({@link #TIME}), with the times of its parts for a reader.
     *
     * @param train      its training sequences (seeded order)
     * @param validation the latest of the earlier blocks' sequences by first time (the data's validation share; none when the
     *                   data have no validation), ties kept together
     * @param test       block k + 1
     * @param rest       every sequence of the earlier blocks, purged ones included (for the class checks)
     * @param purged     earlier sequences left out because they reach the fold's validation or test period: their last time
     *                   is at or after the first start of the part after them
     * @param trainFirst first start among the training sequences; trainLast the last; testFirst and testLast likewise
     */
    public record TimeFold(List<Sequence> train, List<Sequence> validation, List<Sequence> test, List<Sequence> rest, int purged,
                           double trainFirst, double trainLast, double testFirst, double testLast) {

        /**
         * The note (logged once per fold) of sequences purged from the fold's training: windows cut with overlap, or
         * sequences longer than the spacing of their starts, whose later steps lie in the test (or validation) period.
         */
        java.util.Optional<String> purgedWarning(CrossValidation cv, SequenceDataset data, int k) {
            if (purged == 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(String.format(java.util.Locale.ROOT, "fold %d of %s of %s: %d earlier sequence(s) reach into "
                    + "its %s period (their last time at or after its first start) and are left out of its training, so that it "
                    + "tests (and selects) on no step it trained on (purged, as with a gap in scikit-learn's TimeSeriesSplit); "
                    + "windows cut with overlap lose as many as one window's span", k, cv.describe(), data.name(), purged,
                    validation.isEmpty() ? "test" : "validation and test"));
        }
    }

    /**
     * Fold {@code k} of walk-forward folds: test = block k + 1; validation = the latest of the earlier blocks' sequences (the
     * data's validation share, at least one, the cut moved earlier over sequences that start together), so early stopping
     * too looks forward in time; training = the rest, less the sequences whose last time is at or after the first start of
     * the validation (or, without validation, the test) part: they would hold steps of the period scored.
     *
     * @throws IllegalArgumentException when no training sequence is left, naming the fold
     */
    public TimeFold timeFold(SequenceDataset data, int k) {
        if (!byTime()) {
            throw new IllegalStateException("not walk-forward folds: " + describe());
        }
        List<Sequence> pool = pool(data);
        double[] first = starts(data, pool.size());
        double[] last = ends(data, pool.size(), first);
        int[] part = parts(data);
        java.util.IdentityHashMap<Sequence, Integer> index = new java.util.IdentityHashMap<>();
        List<Sequence> test = new ArrayList<>();
        List<Sequence> rest = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            index.put(pool.get(i), i);
            if (part[i] == k) {
                test.add(pool.get(i));
            } else if (part[i] < k) {
                rest.add(pool.get(i));
            }
        }
        List<Sequence> byTime = new ArrayList<>(rest); // rest is in pooled order: a stable sort keeps it among ties
        byTime.sort(Comparator.comparingDouble(q -> first[index.get(q)]));
        int validationSize = data.split(Split.VALIDATION).size();
        int trainSize = data.split(Split.TRAIN).size();
        int cut = byTime.size();
        if (validationSize > 0) {
            double fraction = validationSize / (double) (validationSize + trainSize);
            cut = byTime.size() - Math.max(1, (int) Math.round(byTime.size() * fraction));
            while (cut > 0 && first[index.get(byTime.get(cut - 1))] == first[index.get(byTime.get(cut))]) {
                cut--;
            }
        }
        List<Sequence> validation = new ArrayList<>(byTime.subList(cut, byTime.size()));
        double testFirst = test.stream().mapToDouble(q -> first[index.get(q)]).min().orElse(Double.POSITIVE_INFINITY);
        double testLast = test.stream().mapToDouble(q -> first[index.get(q)]).max().orElse(Double.NEGATIVE_INFINITY);
        double nextStart = validation.isEmpty() ? testFirst : first[index.get(validation.get(0))];
        List<Sequence> train = new ArrayList<>();
        int purged = 0;
        for (Sequence q : byTime.subList(0, cut)) {
            if (last[index.get(q)] >= nextStart) {
                purged++;
            } else {
                train.add(q);
            }
        }
        if (train.isEmpty()) {
            throw new IllegalArgumentException("fold " + k + " of " + describe() + " of " + data.name() + ": none of its "
                    + byTime.size() + " earlier sequences is left to train on (" + (cut == 0 ? "they all start at one time"
                    : purged + " reach into its " + (validation.isEmpty() ? "test" : "validation") + " period") + "): use fewer folds");
        }
        double trainFirst = train.stream().mapToDouble(q -> first[index.get(q)]).min().orElseThrow();
        double trainLast = train.stream().mapToDouble(q -> first[index.get(q)]).max().orElseThrow();
        Collections.shuffle(train, new Random(seed + k));
        return new TimeFold(train, validation, test, rest, purged, trainFirst, trainLast, testFirst, testLast);
    }

    /** Each pooled example's last time, in the order of {@link #pool}; its first time where the data give no ends. */
    private static double[] ends(SequenceDataset data, int pooled, double[] first) {
        List<Double> all = pooled(data.sequenceEnds());
        if (all.size() != pooled) {
            return first.clone();
        }
        return all.stream().mapToDouble(t -> t == null || t.isNaN() ? Double.NEGATIVE_INFINITY : t).toArray();
    }

    /**
     * The validation share of the non-test data that the dataset's options asked for where they carved validation by group
     * ({@link DatasetProvenance#VALIDATION_SHARE_ASKED}), or 1 (no cap) where it did not: validation from a file or a split
     * column, or data read before it was recorded.
     */
    static double askedShare(SequenceDataset data) {
        String asked = data.provenance().parameters().get(DatasetProvenance.VALIDATION_SHARE_ASKED);
        try {
            double share = asked == null ? 1 : Double.parseDouble(asked);
            return share > 0 && share <= 1 ? share : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * What {@link #fold} warns of for every fold of {@code data} (test classes a fold never trains on, a test class mix far
     * from the whole data's), logged as
     * {@link #fold} logs them (once per process) and returned whether or not they were logged before: for a report, which
     * must hold them however often the data were folded.
     */
    public List<String> foldWarnings(SequenceDataset data) {
        List<Sequence> pool = pool(data);
        int[] part = parts(data);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            List<Sequence> test = new ArrayList<>();
            List<Sequence> rest = new ArrayList<>();
            TimeFold f = split(data, pool, part, k, test, rest);
            if (f != null) {
                f.purgedWarning(this, data, k).ifPresent(w -> {
                    logOnce(data, w);
                    out.add(w);
                });
            }
            for (var warning : List.of(unseenTestClasses(data, k, test, rest), skewedTestClasses(data, k, test, rest))) {
                warning.ifPresent(w -> {
                    logOnce(data, w);
                    out.add(w);
                });
            }
        }
        return out;
    }

    /**
     * Each fold's test classes that none of the fold's training examples has (index = fold; class names in the classes'
     * order): what {@link #fold} warns of at load. A model cannot predict such a class, so compare's end-of-run warning of a
     * class never predicted names the fold as the cause rather than suggesting class weights (a handwriting trial: 'x' written
     * by one writer only, advised {@code --class-weights balanced} for the fold that never trained on it). Nothing is logged.
     */
    public List<List<String>> untrainedTestClasses(SequenceDataset data) {
        List<Sequence> pool = pool(data);
        int[] part = byTime() ? null : parts(data);
        List<List<String>> out = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            List<Sequence> test = new ArrayList<>();
            List<Sequence> rest = new ArrayList<>();
            split(data, pool, part, k, test, rest);
            out.add(List.copyOf(untrained(data, test, rest)));
        }
        return out;
    }

    /**
     * Puts fold {@code k}'s test examples into {@code test} and its others into {@code rest}: by time ({@link #timeFold}, which
     * it returns for its purge warning), else the pooled examples' part {@code k} ({@code part} from {@link #parts}; null by
     * time).
     */
    private TimeFold split(SequenceDataset data, List<Sequence> pool, int[] part, int k, List<Sequence> test, List<Sequence> rest) {
        if (byTime()) {
            TimeFold f = timeFold(data, k);
            test.addAll(f.test());
            rest.addAll(f.rest());
            return f;
        }
        cut(pool, part, k, test, rest);
        return null;
    }

    /** The names of the classes of {@code test} examples that no {@code rest} example has, in the classes' order. */
    private static Set<String> untrained(SequenceDataset data, List<Sequence> test, List<Sequence> rest) {
        Set<Integer> trained = new java.util.HashSet<>();
        rest.forEach(s -> trained.add(s.label()));
        Set<Integer> unseen = new java.util.TreeSet<>();
        test.stream().filter(s -> !trained.contains(s.label())).forEach(s -> unseen.add(s.label()));
        List<String> names = data.labelNames();
        Set<String> out = new java.util.LinkedHashSet<>();
        unseen.forEach(c -> out.add(c < names.size() ? names.get(c) : String.valueOf(c)));
        return out;
    }

    /** Puts the pooled examples of part {@code k} into {@code test}, the others into {@code rest}. */
    private static void cut(List<Sequence> pool, int[] part, int k, List<Sequence> test, List<Sequence> rest) {
        for (int i = 0; i < pool.size(); i++) {
            (part[i] == k ? test : rest).add(pool.get(i));
        }
    }

    /** Logs a fold's warning once per process and data (every run of a fold folds the data again). */
    private void logOnce(SequenceDataset data, String warning) {
        if (WARNED.add(data.name() + "|" + data.provenance().checksum() + "|" + describe() + "|" + warning)) {
            LOG.warn(warning);
        }
    }

    /**
     * The warning (logged once per fold and data by {@link #fold}) when test examples of fold {@code k} have a class that
     * none of the fold's training examples has: grouped folds where a group recorded only some classes (a volunteer who did
     * one activity). The model cannot predict such a class, so the fold's score for those examples says nothing about the
     * task.
     */
    private java.util.Optional<String> unseenTestClasses(SequenceDataset data, int k, List<Sequence> test, List<Sequence> rest) {
        Set<Integer> trained = new java.util.TreeSet<>();
        rest.forEach(s -> trained.add(s.label()));
        Set<String> unseen = new java.util.TreeSet<>();
        long count = 0;
        for (Sequence s : test) {
            if (!trained.contains(s.label())) {
                count++;
                List<String> names = data.labelNames();
                unseen.add(s.label() < names.size() ? names.get(s.label()) : String.valueOf(s.label()));
            }
        }
        if (count == 0) {
            return java.util.Optional.empty();
        }
        // a class whose every example is in this fold's test part: no number of folds gives it a training example (a user's
        // class of one example was told to use fewer folds)
        Set<String> whole = new java.util.TreeSet<>();
        for (String name : unseen) {
            int c = data.labelNames().indexOf(name);
            if (c >= 0 && rest.stream().noneMatch(x -> x.label() == c)) {
                long all = test.stream().filter(x -> x.label() == c).count();
                if (all == 1) {
                    whole.add(name);
                }
            }
        }
        String remedy = !whole.isEmpty() && group == null
                ? "a class with a single example cannot be both trained and tested, whatever the folds: drop it or merge it into "
                        + "another class (" + String.join(", ", whole) + ")"
                : byTime() ? "the class(es) first occur in a later period than the fold trains on: walk-forward folds show what a "
                        + "model trained before a class appeared does with it"
                : "use fewer folds" + (group == null ? "" : ", or groups that each record every class");
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "fold %d of %s of %s: %d of its %d test example(s) have a "
                + "class that no training example of the fold has (%s): the fold scores them without the model ever seeing their "
                + "class; %s", k, describe(), data.name(), count, test.size(), unseen, remedy));
    }

    /**
     * The warning (logged once per fold and data by {@link #fold}) when the classes of fold {@code k}'s test part are further
     * than {@value #MAX_TEST_CLASS_DISTANCE} in total variation distance from those of all the pooled examples: the fold's
     * score weighs the classes otherwise than the data do, and where its training part leans the other way (the classes the
     * test part lacks) a model can score below chance. Groups that each favour a class make such folds; so do few examples.
     */
    private java.util.Optional<String> skewedTestClasses(SequenceDataset data, int k, List<Sequence> test, List<Sequence> rest) {
        if (test.isEmpty()) {
            return java.util.Optional.empty();
        }
        Map<Integer, long[]> counts = new TreeMap<>(); // label -> {test, all}
        for (Sequence s : test) {
            long[] n = counts.computeIfAbsent(s.label(), c -> new long[2]);
            n[0]++;
            n[1]++;
        }
        // walk-forward folds train on the earlier blocks only: their test mixes are set against the whole pool's, the same
        // for every fold (a review: each fold's own training and test data were called "the whole data's", 38% then 50%)
        Set<Sequence> tested = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        tested.addAll(test);
        List<Sequence> others = byTime() ? pool(data).stream().filter(q -> !tested.contains(q)).toList() : rest;
        others.forEach(s -> counts.computeIfAbsent(s.label(), c -> new long[2])[1]++);
        long all = test.size() + others.size();
        double distance = 0;
        for (long[] n : counts.values()) {
            distance += Math.abs(n[0] / (double) test.size() - n[1] / (double) all) / 2;
        }
        if (distance <= MAX_TEST_CLASS_DISTANCE) {
            return java.util.Optional.empty();
        }
        List<String> names = data.labelNames();
        List<String> inTest = new ArrayList<>();
        List<String> whole = new ArrayList<>();
        counts.forEach((label, n) -> {
            String name = label < names.size() ? names.get(label) : String.valueOf(label);
            inTest.add(String.format(java.util.Locale.ROOT, "%s %d (%.0f%%)", name, n[0], 100.0 * n[0] / test.size()));
            whole.add(String.format(java.util.Locale.ROOT, "%s %.0f%%", name, 100.0 * n[1] / all));
        });
        String remedy = byTime() ? "the classes' shares change over time, and a walk-forward fold tests a later period's mix, as "
                + "the model will meet it: read the folds' scores one by one (results.csv), not only their mean"
                : group == null ? "use fewer folds (or more data)"
                : "use more or smaller groups, or fewer folds" + (SIZE.equals(assignment) ? "; these parts deal groups by size, "
                        + "as comparisons did before groups were dealt by class mix (" + STRATIFIED_GROUPS + ", what a new "
                        + "comparison does)" : "");
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "fold %d of %s of %s: its %d test example(s) are %s, "
                + "against the whole data's %s: a total variation distance of %.2f, above %.2f (the share of test examples that "
                + "would have to change class for the mixes to agree): the fold's score weighs the classes otherwise than the "
                + "data do, and can fall below chance; %s", k, describe(), data.name(), test.size(), String.join(", ", inTest),
                String.join(", ", whole), distance, MAX_TEST_CLASS_DISTANCE, remedy));
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CrossValidation.class);
    private static final Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A short description, e.g. {@code 5-fold by subject (stratified-groups, seed 42)}, {@code 5-fold by subject (size)} or
     * {@code 5-fold stratified (seed 42)}.
     */
    public String describe() {
        if (byTime()) {
            return folds + "-fold walk-forward by time";
        }
        return group == null ? folds + "-fold stratified (seed " + seed + ")"
                : folds + "-fold by " + group + (SIZE.equals(assignment) ? " (" + SIZE + ")" : " (" + assignment + ", seed " + seed + ")");
    }

    private int groupOf(SequenceDataset data, Sequence s, int index) {
        Integer g = s.tags().get(group);
        if (g == null) {
            Set<String> tags = new LinkedHashSet<>(s.tags().keySet());
            throw new IllegalArgumentException("dataset " + data.name() + ": example " + index + " has no group '" + group + "' "
                    + (tags.isEmpty() ? "(its examples carry no tags; a CSV or text dataset carries its group column when one is named, --set group=COLUMN)"
                    : "(its tags are " + tags + ")"));
        }
        return g;
    }
}

package org.rnnlab.datasets;

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
 * the sequences such as HAR's {@code subject}, or the group column of a CSV dataset) whole groups go to
 * one part, so no group is ever in two parts (nor in the test part and the training data of one fold);
 * groups are dealt largest first to the part with fewest examples (ties by group value), like
 * scikit-learn's {@code GroupKFold}, which keeps the parts close in size. Without a group the parts are
 * stratified by class and shuffled by {@code seed}.
 *
 * <p>When the dataset has a validation split, each fold carves its validation data from its training
 * part in the same proportion (by whole groups with a group, else stratified), so early stopping and
 * tuning never see the fold's test part. The fold's normalizer is fitted on its own training part
 * (as for any dataset, {@link SequenceDataset#fitNormalizer}). A text dataset keeps the vocabulary it
 * was opened with, built from its original training split.
 *
 * @param folds number of parts, in [2, 100]
 * @param group tag naming each sequence's group, or null for stratified folds
 * @param seed  seed of the stratified parts and of the validation carving
 */
public record CrossValidation(int folds, String group, long seed) {

    public CrossValidation {
        if (folds < 2 || folds > 100) {
            throw new IllegalArgumentException("cross-validation needs 2 to 100 folds, got " + folds);
        }
        if (group != null && group.isBlank()) {
            throw new IllegalArgumentException("cross-validation group must name a tag (e.g. subject), got a blank name");
        }
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
        return part;
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
        List<Sequence> test = new ArrayList<>();
        List<Sequence> rest = new ArrayList<>();
        cut(pool(data), parts(data), k, test, rest);
        unseenTestClasses(data, k, test, rest).ifPresent(w -> logOnce(data, w));
        int validationSize = data.split(Split.VALIDATION).size();
        int trainSize = data.split(Split.TRAIN).size();
        List<Sequence> train = rest;
        List<Sequence> validation = List.of();
        if (validationSize > 0) {
            double fraction = validationSize / (double) (validationSize + trainSize);
            StratifiedSplitter.Parts<Sequence> parts = group == null
                    ? new StratifiedSplitter(fraction, 0, seed + k).split(rest, Sequence::label)
                    : new GroupSplitter(fraction, 0, seed + k).split(rest, s -> String.valueOf(s.tags().get(group)), Sequence::label).parts();
            train = parts.train();
            validation = parts.validation();
        }
        return new ResplitDataset(data, new SequenceSet(train), new SequenceSet(validation), new SequenceSet(test));
    }

    /**
     * What {@link #fold} warns of for every fold of {@code data} (test classes a fold never trains on), logged as
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
            cut(pool, part, k, test, rest);
            unseenTestClasses(data, k, test, rest).ifPresent(w -> {
                logOnce(data, w);
                out.add(w);
            });
        }
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
                : "use fewer folds" + (group == null ? "" : ", or groups that each record every class");
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "fold %d of %s of %s: %d of its %d test example(s) have a "
                + "class that no training example of the fold has (%s): the fold scores them without the model ever seeing their "
                + "class; %s", k, describe(), data.name(), count, test.size(), unseen, remedy));
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CrossValidation.class);
    private static final Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A short description, e.g. {@code 5-fold by subject} or {@code 5-fold stratified (seed 42)}. */
    public String describe() {
        return group == null ? folds + "-fold stratified (seed " + seed + ")" : folds + "-fold by " + group;
    }

    private int groupOf(SequenceDataset data, Sequence s, int index) {
        Integer g = s.tags().get(group);
        if (g == null) {
            Set<String> tags = new LinkedHashSet<>(s.tags().keySet());
            throw new IllegalArgumentException("dataset " + data.name() + ": example " + index + " has no group '" + group + "' "
                    + (tags.isEmpty() ? "(its examples carry no tags; a CSV dataset carries its group column when one is named)"
                    : "(its tags are " + tags + ")"));
        }
        return g;
    }
}

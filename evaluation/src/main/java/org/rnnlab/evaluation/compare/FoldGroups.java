package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.rnnlab.datasets.CrossValidation;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/**
 * The groups each fold of a cross-validation by group tests on ({@code compare --cv K --group-column NAME}): the held-out
 * signers, patients or machines of fold k, which results.csv's {@code test_groups}, the console's per-run line
 * ({@code fold 5 (signer05)}) and the report's per-fold table name beside the fold's scores. A trial of leave-one-signer-out
 * found folds numbered only, and joined folds.csv by hand to learn that its worst fold was the signer with a dead sensor.
 * Walk-forward folds (by time) and folds stratified by example have no groups (their dates, where they have them, are
 * printed when the comparison starts).
 */
public final class FoldGroups {
    /** How many names {@link #text} writes before it counts the rest. */
    public static final int SHOWN = 5;

    private FoldGroups() {
    }

    /**
     * Each fold's test groups (index = fold, 0 to K-1), sorted as the groups are numbered (a CSV group column's names in
     * sorted order; a numeric tag such as HAR's {@code subject} by value); null when {@code cv} is null or does not fold by
     * group. Named as folds.csv names them: the group column's values (of a CSV or a text file) where the data have them, else
     * the tag's value.
     */
    public static List<List<String>> of(CrossValidation cv, SequenceDataset data) {
        if (cv == null || cv.group() == null || cv.byTime()) {
            return null;
        }
        List<Sequence> pool = CrossValidation.pool(data);
        int[] part = cv.parts(data);
        List<String> names = new ArrayList<>();
        for (Split s : Split.values()) {
            names.addAll(org.rnnlab.evaluation.metrics.GroupTable.groups(data, s)); // a CSV group column's or a text file's
        }
        boolean named = names.size() == pool.size();
        List<TreeMap<Integer, String>> byFold = new ArrayList<>();
        for (int k = 0; k < cv.folds(); k++) {
            byFold.add(new TreeMap<>());
        }
        for (int i = 0; i < pool.size(); i++) {
            Integer g = pool.get(i).tags().get(cv.group());
            if (part[i] >= 0 && part[i] < cv.folds() && g != null) {
                byFold.get(part[i]).putIfAbsent(g, named ? names.get(i) : Integer.toString(g));
            }
        }
        return byFold.stream().map(m -> List.copyOf(m.values())).toList();
    }

    /**
     * The test groups of {@code fold} in {@code foldGroups} ({@link #of}) as one cell: the names joined with ';', at most
     * {@value #SHOWN} of them, then the count of the rest, e.g. {@code s01;s02;s03;s04;s05 (+12 more)} (folds.csv has every
     * sequence's group); "" without groups or fold.
     */
    public static String text(List<List<String>> foldGroups, Integer fold) {
        if (foldGroups == null || fold == null || fold < 0 || fold >= foldGroups.size()) {
            return "";
        }
        List<String> groups = foldGroups.get(fold);
        if (groups.size() <= SHOWN) {
            return String.join(";", groups);
        }
        return String.join(";", groups.subList(0, SHOWN)) + " (+" + (groups.size() - SHOWN) + " more)";
    }

    /** The console's words for a run's fold: {@code " fold 5"}, with its test groups {@code " fold 5 (signer05)"}; "" without. */
    public static String label(List<List<String>> foldGroups, Integer fold) {
        if (fold == null) {
            return "";
        }
        String groups = text(foldGroups, fold);
        return " fold " + fold + (groups.isEmpty() ? "" : " (" + groups + ")");
    }
}

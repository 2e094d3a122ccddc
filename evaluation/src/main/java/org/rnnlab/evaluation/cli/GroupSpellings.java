package org.rnnlab.evaluation.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rnnlab.datasets.LabelCheck;

/**
 * Values of the group column evaluate scores by that differ only in case or spacing ({@link LabelCheck#nearDuplicates}:
 * {@code C} and {@code c}): each is scored as a group of its own, in the scores by group, the few-groups lines and the
 * intervals that resample groups, and a group of the run written another way is no group the model never saw. Train warns of
 * such values in its data (CsvSequenceDataset's warnNearDuplicateGroups); evaluate gives the same note of the data it scores
 * (trial 76f F14: one wafer of chamber C written 'c' was scored as a group of its own, 'c' 1/1 beside 'C' 8/8, and counted
 * among the groups the model never saw, without a word).
 */
final class GroupSpellings {
    private GroupSpellings() {
    }

    /**
     * One note per set of values of {@code column} (as {@code groups}, by sequence, with their {@code ids}) that differ only
     * in case or spacing: each spelling with its sequences and first sequence, and the rewrite onto the commonest; empty
     * when there is none.
     */
    static List<String> notes(String column, List<String> groups, List<String> ids) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> first = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            if (g == null || g.equals(EvaluateCommand.BLANK_GROUP)) {
                continue;
            }
            counts.merge(g, 1L, Long::sum);
            if (i < ids.size()) {
                first.putIfAbsent(g, ids.get(i));
            }
        }
        List<String> notes = new ArrayList<>();
        for (List<String> written : LabelCheck.nearDuplicates(List.copyOf(counts.keySet()))) {
            List<String> same = written.stream().sorted(Comparator.comparingLong((String g) -> -counts.get(g))
                    .thenComparing(g -> g)).toList(); // the commonest spelling first
            String commonest = same.get(0);
            List<String> each = same.stream().map(g -> LabelCheck.quoted(g) + " " + counts.get(g) + " sequence(s)"
                    + (first.containsKey(g) ? ", first " + LabelCheck.quoted(first.get(g)) : "")).toList();
            String rarer = String.join(", ", same.stream().filter(g -> !g.equals(commonest))
                    .map(g -> "'" + g.replace("'", "\\'") + "': '" + commonest.replace("'", "\\'") + "'").toList());
            String py = "\"" + column.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            notes.add("the values " + LabelCheck.show(same) + " of group column " + LabelCheck.quoted(column) + " differ only "
                    + LabelCheck.howTheyDiffer(same) + " and are scored as separate groups (" + String.join("; ", each) + "): the "
                    + "scores by group, the few-groups lines and the intervals that resample groups take them apart: if they are "
                    + "one group, write it one way (pandas: df[" + py + "] = df[" + py + "].replace({" + rarer + "}))");
        }
        return notes;
    }

    /**
     * The group of {@code known} (the model's run's groups) that {@code group}, not one of them, would read as to a person
     * ({@link LabelCheck#knownAs}: {@code c} for {@code C}), or empty.
     */
    static Optional<String> knownAs(String group, Collection<String> known) {
        return known.contains(group) ? Optional.empty() : LabelCheck.knownAs(group, List.copyOf(known));
    }
}

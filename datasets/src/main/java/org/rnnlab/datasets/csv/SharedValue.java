package org.rnnlab.datasets.csv;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One value of another column the user gave (predict's {@code --keep-columns}, evaluate's {@code --group-column}, a text
 * column of the training file that holds one value per sequence) that every sequence or group a warning names shares: a
 * trial's station S2 logged pressure in kPa, and the far-outside, level and unit warnings named 10 pumps (5 shown) and 200
 * sequences, never the station, though it was predict's first {@code --keep-columns} column; the user found it with pandas.
 *
 * @param column  the column's name
 * @param value   the value every one named holds
 * @param named   how many are named
 * @param ofValue how many sequences or groups (of all judged) hold that value
 * @param what    what is counted, "sequence" or "group"
 */
public record SharedValue(String column, String value, int named, int ofValue, String what) {

    /**
     * The first of {@code columns} (column name to each sequence's or group's value, in the user's order) in which every one
     * of {@code named} has one and the same non-blank value, where the column holds 2 values or more over all (a column of
     * one value says nothing); empty for fewer than 2 named, or none such.
     */
    public static Optional<SharedValue> of(Collection<String> named, Map<String, Map<String, String>> columns, String what) {
        if (named.size() < 2) {
            return Optional.empty();
        }
        for (Map.Entry<String, Map<String, String>> c : columns.entrySet()) {
            Map<String, String> values = c.getValue();
            String first = values.get(named.iterator().next());
            if (first == null || first.isBlank() || !named.stream().allMatch(k -> first.equals(values.get(k)))
                    || values.values().stream().distinct().count() < 2) {
                continue;
            }
            int ofValue = (int) values.values().stream().filter(first::equals).count();
            return Optional.of(new SharedValue(c.getKey(), first, named.size(), ofValue, what));
        }
        return Optional.empty();
    }

    /**
     * Each column's value per group, of the groups whose sequences all hold one value of it ({@code groups} and each of
     * {@code bySequence}'s lists aligned with the sequences; null or blank values are none); a column that is the group
     * column itself ({@code groupColumn}) is left out.
     */
    public static Map<String, Map<String, String>> byGroup(List<String> groups, Map<String, List<String>> bySequence,
                                                          String groupColumn) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        bySequence.forEach((column, values) -> {
            if (column.equals(groupColumn) || groups == null || values.size() != groups.size()) {
                return;
            }
            Map<String, String> byGroup = new LinkedHashMap<>();
            java.util.Set<String> mixed = new java.util.HashSet<>();
            for (int i = 0; i < groups.size(); i++) {
                String g = groups.get(i);
                String v = values.get(i) == null ? "" : values.get(i);
                if (g == null) {
                    continue;
                }
                String before = byGroup.putIfAbsent(g, v);
                if (before != null && !before.equals(v)) {
                    mixed.add(g);
                }
            }
            mixed.forEach(byGroup::remove);
            out.put(column, byGroup);
        });
        return out;
    }

    /** {@code all 10 are station 'S2' (every group of it)}, or {@code (10 of its 12 groups)}. */
    public String describe() {
        return describe(true);
    }

    /** As {@link #describe()}, or, not {@code bracketed}, {@code all 10 are station 'S2', every group of it}: inside brackets. */
    public String describe(boolean bracketed) {
        String share = named == ofValue ? "every " + what + " of it" : named + " of its " + ofValue + " " + what + "s";
        return String.format(java.util.Locale.ROOT, "all %d are %s %s%s", named, column, org.rnnlab.datasets.LabelCheck.quoted(value),
                bracketed ? " (" + share + ")" : ", " + share);
    }
}

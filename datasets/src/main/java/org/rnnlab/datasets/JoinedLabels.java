package org.rnnlab.datasets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Labels that look like several other labels joined by a separator ({@code billing|refund} where {@code billing} and
 * {@code refund} are labels too), or like tags joined by one separator whose parts are shared between labels ({@code
 * bearing;vibration} and {@code bearing;seal}, neither part a label by itself): rows of a multi-label export. rnnlab trains single-label classifiers, so each such
 * combination is a class of its own, learned apart from its parts, and {@code refund|billing} another. A trial's
 * helpdesk export trained 16 "classes" of 7 intents without a word; the combinations were never predicted. Shared by
 * CSV and text data.
 */
public final class JoinedLabels {
    /** The separators a multi-label export joins labels with, in the order they are tried. */
    static final String SEPARATORS = "|;,+/";

    private JoinedLabels() {
    }

    /**
     * What to say of the labels of {@code perLabel} (each with its number of examples, in {@code unit}, e.g. "line(s)") that
     * split at one separator ({@link #SEPARATORS}) into two or more parts each of which is another of the labels (by case
     * and surrounding spaces as well), or of which one, with a letter, is a part of another label split at the same
     * separator too (tags that never occur alone) where some such part stands in different places in the labels holding
     * it (tags recombine: 'bearing;seal', 'seal;leak'); empty when there are none. Callers skip it when the user named the
     * classes ({@code --set labelNames}), which says that the labels are single classes.
     */
    public static Optional<String> warning(Map<String, Long> perLabel, String unit) {
        return warning(perLabel, unit, true);
    }

    /**
     * As {@link #warning(Map, String)}, its way to dismiss it {@code --set labelNames} where {@code namable} (CSV data), else
     * to ignore it (text data, whose classes are not named beforehand).
     */
    public static Optional<String> warning(Map<String, Long> perLabel, String unit, boolean namable) {
        Map<String, String> byKey = new LinkedHashMap<>();
        // a part written several ways ('Billing', 'billing') is named by its commonest spelling
        perLabel.keySet().forEach(l -> byKey.merge(key(l), l, (a, b) -> perLabel.get(b) > perLabel.get(a) ? b : a));
        Map<String, Character> joined = new LinkedHashMap<>();
        Map<String, Set<String>> partsOf = new LinkedHashMap<>();
        for (String label : perLabel.keySet()) {
            for (char sep : SEPARATORS.toCharArray()) {
                if (label.indexOf(sep) < 0) {
                    continue;
                }
                List<String> parts = new ArrayList<>();
                for (String p : label.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1)) {
                    parts.add(key(p));
                }
                if (parts.size() >= 2 && parts.stream().allMatch(p -> !p.isEmpty() && byKey.containsKey(p)
                        && !byKey.get(p).equals(label))) {
                    joined.put(label, sep);
                    partsOf.put(label, new TreeSet<>(parts));
                    break;
                }
            }
        }
        // tags of a multi-label export whose parts never occur alone ('bearing;vibration', 'bearing;seal', 'seal;leak'): a
        // part, with a letter, in two or more labels joined by one separator (a trial's four tags trained as classes silently)
        Map<String, Integer> shared = new LinkedHashMap<>(); // a part shared by labels of the shared-parts rule -> its labels
        Map<String, String> spelling = new LinkedHashMap<>(); // a part's key -> its spelling in the first label holding it
        Map<String, Set<Integer>> positions = new LinkedHashMap<>(); // separator + a part's key -> its places in the labels
        for (char sep : SEPARATORS.toCharArray()) {
            Map<String, List<String>> labelsOf = new LinkedHashMap<>();
            Map<String, List<String>> split = new LinkedHashMap<>();
            for (String label : perLabel.keySet()) {
                if (label.indexOf(sep) < 0 || (joined.containsKey(label) && joined.get(label) != sep)) {
                    continue;
                }
                List<String> parts = List.of(label.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1));
                if (parts.size() < 2 || parts.stream().anyMatch(p -> key(p).isEmpty())) {
                    continue;
                }
                split.put(label, parts);
                parts.stream().map(JoinedLabels::key).distinct().forEach(k -> labelsOf.computeIfAbsent(k, x -> new ArrayList<>()).add(label));
                parts.forEach(p -> spelling.putIfAbsent(key(p), p.strip()));
                for (int i = 0; i < parts.size(); i++) {
                    positions.computeIfAbsent(sep + key(parts.get(i)), x -> new TreeSet<>()).add(i);
                }
            }
            // tags recombine (a part first in one label, later in another: 'bearing;seal', 'seal;leak'); a part always in the
            // same place ('Doe, John', 'Doe, Jane'; aisle 'A;B', 'A;C') is a name's family or a hierarchy's level, one class each
            // (a trial's operators 'Surname, First' were warned of as tags, with advice that merged two operators)
            boolean recombined = labelsOf.entrySet().stream().anyMatch(e -> e.getValue().size() >= 2
                    && e.getKey().codePoints().anyMatch(Character::isLetter) && positions.get(sep + e.getKey()).size() >= 2);
            if (!recombined) {
                continue;
            }
            split.forEach((label, parts) -> {
                List<String> sharedParts = parts.stream().map(JoinedLabels::key).distinct()
                        .filter(k -> labelsOf.get(k).size() >= 2 && k.codePoints().anyMatch(Character::isLetter)).toList();
                if (!sharedParts.isEmpty() && !joined.containsKey(label)) {
                    joined.put(label, sep);
                    partsOf.put(label, new TreeSet<>(parts.stream().map(JoinedLabels::key).toList()));
                }
                sharedParts.forEach(k -> shared.put(k, labelsOf.get(k).size()));
            });
        }
        if (joined.isEmpty()) {
            return Optional.empty();
        }
        String separators = joined.values().stream().distinct().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
        List<String> sorted = joined.keySet().stream().sorted((a, b) -> Long.compare(perLabel.get(b), perLabel.get(a))).toList();
        String shown = sorted.stream().limit(6).map(l -> LabelCheck.quoted(l) + " " + perLabel.get(l))
                .collect(Collectors.joining(", ")) + (sorted.size() > 6 ? ", ..." : "");
        // the same parts in another order: two classes of one combination
        Map<Set<String>, List<String>> sameParts = new LinkedHashMap<>();
        sorted.forEach(l -> sameParts.computeIfAbsent(partsOf.get(l), k -> new ArrayList<>()).add(l));
        List<String> orders = sameParts.values().stream().filter(g -> g.size() > 1).map(LabelCheck::show).toList();
        long examples = joined.keySet().stream().mapToLong(perLabel::get).sum();
        Set<String> parts = new LinkedHashSet<>();
        sorted.forEach(l -> partsOf.get(l).forEach(p -> parts.add(byKey.containsKey(p) ? byKey.get(p) : spelling.get(p))));
        // parts that are labels of their own: "other labels"; else parts shared between labels, each with its count
        boolean allLabels = joined.keySet().stream().allMatch(l -> partsOf.get(l).stream().allMatch(byKey::containsKey));
        String sharing = allLabels ? "" : ", their parts shared between labels (" + shared.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue()).limit(6).map(e -> LabelCheck.quoted(spelling.get(e.getKey())) + " in "
                + e.getValue()).collect(Collectors.joining(", ")) + (shared.size() > 6 ? ", ..." : "") + ")";
        // keeping the first part is advice only where no two labels share it: else it would merge classes
        boolean firstPartsDiffer = joined.keySet().stream().map(l -> key(l.split(java.util.regex.Pattern.quote(
                String.valueOf(joined.get(l))), -1)[0])).distinct().count() == joined.size();
        return Optional.of(String.format(Locale.ROOT, "%d label(s) look like %s joined by %s (%s; %d %s in all)%s: rnnlab "
                        + "trains single-label classifiers, so each combination is a class of its own, learned from its own few "
                        + "examples apart from its parts (%s)%s; if each row has one main label, keep that one%s; for several "
                        + "labels per row, train one yes/no model per label; if each label is one class whose name holds %s, "
                        + (namable ? "name the classes with --set labelNames=... (a name holding a comma in double quotes) to say "
                        + "so and dismiss this warning" : "ignore this warning"),
                joined.size(), allLabels ? "other labels" : "tags of a multi-label export", separators, shown, examples, unit,
                sharing, LabelCheck.show(List.copyOf(parts)),
                orders.isEmpty() ? "" : ", and the same parts in another order are two classes (" + String.join("; ", orders) + ")",
                firstPartsDiffer ? " (e.g. the first part)" : "", separators));
    }

    /** How parts are compared with labels: without case and surrounding spaces. */
    private static String key(String label) {
        return label.strip().toLowerCase(Locale.ROOT);
    }
}

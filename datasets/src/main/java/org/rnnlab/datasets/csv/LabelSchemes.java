package org.rnnlab.datasets.csv;

import org.rnnlab.datasets.LabelCheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Classes that fall into sets never sharing a group of the group column, each set a scheme of labels of its own: two
 * annotation schemes in one training file. A sleep-staging trial's subjects A13 and A14 were labelled
 * {@code Sleep stage W/1/2/3/R} and all others {@code W/N1/N2/N3/REM}; a 10-class model trained with no word of it but
 * missing validation classes and imbalance.
 *
 * <p>Two classes are in one set when a group holds both, or a chain of such groups joins them (the connected sets of
 * classes and groups). A set is a scheme when it holds two or more classes and at least half of its groups hold two or
 * more classes: a scheme shows in a group's sequences labelled with several of its classes. Warned of when there are two
 * schemes or more. Data whose groups each hold one class (a diagnosis per patient) give sets of one class each, or sets
 * whose groups mostly hold one class (a few patients whose diagnosis changed): no schemes, no warning.
 */
final class LabelSchemes {

    /** Groups named in a warning per set, the rest counted. */
    private static final int SHOWN_GROUPS = 5;

    /**
     * One set of classes and the groups that hold them.
     *
     * @param classes   its classes, sorted as text
     * @param groups    the groups holding them (and none of another set's), sorted as text
     * @param sequences its training sequences
     */
    record Scheme(List<String> classes, List<String> groups, int sequences) {
    }

    private LabelSchemes() {
    }

    /**
     * The schemes of labels of labelled sequences with a group, most groups first, when there are two or more; else empty.
     *
     * @param sequences the training sequences (those without a label or group are passed over)
     */
    static List<Scheme> find(List<CsvSequence> sequences) {
        Map<String, Set<String>> classesByGroup = new TreeMap<>();
        Map<String, Integer> sequencesByClass = new HashMap<>();
        for (CsvSequence q : sequences) {
            if (q.label() != null && q.group() != null) {
                classesByGroup.computeIfAbsent(q.group(), g -> new TreeSet<>()).add(q.label());
                sequencesByClass.merge(q.label(), 1, Integer::sum);
            }
        }
        // union-find over the classes: the classes of one group are one set
        Map<String, String> parent = new HashMap<>();
        sequencesByClass.keySet().forEach(c -> parent.put(c, c));
        for (Set<String> classes : classesByGroup.values()) {
            String first = classes.iterator().next();
            classes.forEach(c -> parent.put(root(parent, c), root(parent, first)));
        }
        Map<String, Set<String>> classesBySet = new TreeMap<>();
        Map<String, Set<String>> groupsBySet = new TreeMap<>();
        Map<String, Integer> severalBySet = new HashMap<>();
        for (Map.Entry<String, Set<String>> g : classesByGroup.entrySet()) {
            String set = root(parent, g.getValue().iterator().next());
            classesBySet.computeIfAbsent(set, k -> new TreeSet<>()).addAll(g.getValue());
            groupsBySet.computeIfAbsent(set, k -> new TreeSet<>()).add(g.getKey());
            severalBySet.merge(set, g.getValue().size() > 1 ? 1 : 0, Integer::sum);
        }
        List<Scheme> schemes = new ArrayList<>();
        for (String set : classesBySet.keySet()) {
            Set<String> classes = classesBySet.get(set);
            Set<String> groups = groupsBySet.get(set);
            if (classes.size() >= 2 && 2 * severalBySet.get(set) >= groups.size()) {
                schemes.add(new Scheme(List.copyOf(classes), List.copyOf(groups),
                        classes.stream().mapToInt(sequencesByClass::get).sum()));
            }
        }
        schemes.sort(Comparator.comparingInt((Scheme s) -> -s.groups().size()).thenComparingInt(s -> -s.sequences()));
        return schemes.size() >= 2 ? schemes : List.of();
    }

    private static String root(Map<String, String> parent, String c) {
        String r = c;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        parent.put(c, r);
        return r;
    }

    /**
     * The warning for {@link #find}'s schemes, or null when there are none: the first set's classes and group count, the
     * others' classes and groups, and the way forward (one scheme's labels, {@code --set labelNames=} to hold to them).
     *
     * @param schemes     {@link #find}'s answer
     * @param groupColumn the group column, for the message
     */
    static String warning(List<Scheme> schemes, String groupColumn) {
        if (schemes.size() < 2) {
            return null;
        }
        Scheme first = schemes.get(0);
        List<String> others = new ArrayList<>();
        for (Scheme s : schemes.subList(1, schemes.size())) {
            List<String> shown = s.groups().stream().limit(SHOWN_GROUPS).map(LabelCheck::quoted).toList();
            others.add(LabelCheck.show(s.classes()) + " only in the " + (s.groups().size() == 1 ? "group " : s.groups().size()
                    + " groups ") + String.join(", ", shown) + (s.groups().size() > SHOWN_GROUPS ? " and "
                    + (s.groups().size() - SHOWN_GROUPS) + " more" : "") + " (" + s.sequences() + " training sequences)");
        }
        int classes = schemes.stream().mapToInt(s -> s.classes().size()).sum();
        return schemes.size() + " sets of classes never share a group of group column " + groupColumn + ": "
                + LabelCheck.show(first.classes()) + " in " + first.groups().size() + " groups (" + first.sequences()
                + " training sequences), and " + String.join(", and ", others) + ", which hold none of the other classes: "
                + "two annotation schemes, the classes written one way in some groups and another way in others? Each label "
                + "is a class of its own (" + classes + " here), learnt from its own set's groups only; map the labels onto one "
                + "scheme before training, then " + CsvSequenceDataset.setList("labelNames", first.classes())
                + " (or your own list) refuses any label left out";
    }
}

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
     * others' classes and groups, and then, when every other set looks like the first written another way
     * ({@link #sameScheme}), the way forward (one scheme's labels, {@code --set labelNames=} to hold to them); otherwise a
     * neutral line. Sets of other classes are often real (a review: emotion labels crossed with gender, female_angry and
     * male_happy, with one actor per group; species by recording site; failure modes per machine type), and mapping them
     * onto the first set's labels would drop real classes.
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
        String head = schemes.size() + " sets of classes never share a group of group column " + groupColumn + ": "
                + LabelCheck.show(first.classes()) + " in " + first.groups().size() + " groups (" + first.sequences()
                + " training sequences), and " + String.join(", and ", others) + ", which hold none of the other classes: ";
        boolean oneScheme = schemes.subList(1, schemes.size()).stream().allMatch(s -> sameScheme(first.classes(), s.classes()));
        if (oneScheme) {
            return head + (schemes.size() == 2 ? "two" : Integer.toString(schemes.size())) + " annotation schemes, the classes "
                    + "written one way in some groups and another way in others? Each label is a class of its own (" + classes
                    + " in these sets), learnt from its own set's groups only; map the labels onto one scheme before training, "
                    + "then " + CsvSequenceDataset.setList("labelNames", first.classes())
                    + " (or your own list) refuses any label left out";
        }
        return head + "each class is learnt from its own set's groups only, so the model may learn which set a group "
                + "belongs to more than the classes within it (read the per-class scores on new groups). If the sets are one "
                + "set of classes written in different ways, map the labels onto one scheme before training";
    }

    /**
     * Whether class sets {@code a} and {@code b} look like one scheme written two ways: similar counts (the smaller at
     * least two thirds of the larger) and at least half of the smaller set's classes matching a class of the other
     * ({@link #sameClass}) once each set's decoration is taken off. A set's decoration is the words every class of it
     * holds ({@code Sleep stage} of {@code Sleep stage W/1/2/3/R}); when both sets are decorated, each by other words
     * ({@code female_} and {@code male_}), the decorations are a factor of their own crossed with the classes, not a way
     * of writing them, and the sets are not one scheme.
     */
    static boolean sameScheme(List<String> a, List<String> b) {
        int small = Math.min(a.size(), b.size());
        if (3 * small < 2 * Math.max(a.size(), b.size())) {
            return false;
        }
        Set<String> decorationA = decoration(a);
        Set<String> decorationB = decoration(b);
        if (!decorationA.isEmpty() && !decorationB.isEmpty() && !decorationA.equals(decorationB)) {
            return false;
        }
        List<List<String>> keysA = a.stream().map(c -> undecorated(c, decorationA)).toList();
        List<List<String>> keysB = b.stream().map(c -> undecorated(c, decorationB)).toList();
        List<List<String>> smaller = keysA.size() <= keysB.size() ? keysA : keysB;
        List<List<String>> larger = smaller == keysA ? keysB : keysA;
        long matched = smaller.stream().filter(k -> larger.stream().anyMatch(l -> sameClass(k, l))).count();
        return 2 * matched >= smaller.size();
    }

    /**
     * Whether two undecorated labels (lower-case words and numbers) name one class: the same words; or the same numbers,
     * some ({@code N1} and {@code Sleep stage 1}); or, without numbers, each word of one the start of the other's word in
     * its place ({@code R} and {@code REM}).
     */
    private static boolean sameClass(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        List<String> numbersA = a.stream().filter(w -> Character.isDigit(w.charAt(0))).toList();
        List<String> numbersB = b.stream().filter(w -> Character.isDigit(w.charAt(0))).toList();
        if (!numbersA.isEmpty() || !numbersB.isEmpty()) {
            return numbersA.equals(numbersB);
        }
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).startsWith(b.get(i)) && !b.get(i).startsWith(a.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** A label's words and numbers, lower case ({@code Sleep stage 1}: sleep, stage, 1; {@code N1}: n, 1). */
    private static List<String> words(String label) {
        List<String> words = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\p{L}+|\\p{N}+").matcher(label.toLowerCase(java.util.Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** The words every class of a set of two or more holds, when some class holds other words too (else none). */
    private static Set<String> decoration(List<String> classes) {
        Set<String> common = new TreeSet<>(words(classes.get(0)));
        classes.forEach(c -> common.retainAll(words(c)));
        return classes.stream().allMatch(c -> common.containsAll(words(c))) ? Set.of() : common;
    }

    private static List<String> undecorated(String label, Set<String> decoration) {
        return words(label).stream().filter(w -> !decoration.contains(w)).toList();
    }
}

package org.rnnlab.datasets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * What a carve by group ({@link GroupSplitter}) did, in words, for the CSV and text readers alike: the share of the data each
 * carved split took against the share asked ({@link #logShare}), which groups went to which split ({@link #groupsBySplit}),
 * and a warning when a split holds a single group, or the test split only a few ({@link #fewGroups}): a trial's text file of
 * three languages carved by language trained on Chinese only, chose its epoch on German and tested on English, without a word.
 */
public final class GroupCarve {
    /**
     * A carved test split from fewer groups than this is warned of: its scores are about those groups (as train's warning of
     * a CSV test split of few groups).
     */
    public static final int FEW_GROUPS = 10;

    /** How many groups of a split {@link #groupsBySplit} names, the largest first. */
    static final int NAMED = 6;

    private GroupCarve() {
    }

    /**
     * Says how many items a carved split took, as the fraction of the training data it is; by group, whole groups make the
     * fraction coarse, so one far from the asked-for fraction (below 2/3 or above 3/2 of it) is a warning.
     *
     * @param log     where to say it
     * @param reader  the reader's name, the message's first word ({@code csv}, {@code text})
     * @param split   {@code validation} or {@code test}
     * @param carved  items carved into it
     * @param of      items of the training data it was carved from
     * @param asked   the fraction asked; nothing is said for 0
     * @param setting the setting of that fraction ({@code validationFraction})
     * @param group   the group column as messages name it, or null for a carve stratified by class
     * @param unit    what an item is, plural ({@code sequences}, {@code texts})
     */
    public static void logShare(Logger log, String reader, String split, int carved, int of, double asked, String setting,
                                String group, String unit) {
        if (asked <= 0) {
            return;
        }
        double share = of == 0 ? 0 : (double) carved / of;
        String percent = String.format(Locale.ROOT, "%.0f%%", 100 * share);
        String askedPercent = String.format(Locale.ROOT, "%.0f%%", 100 * asked);
        log.info("{}: no {} data given: carved {} {} ({} of the training data, asked {}; {})", reader, split, carved, unit, percent,
                askedPercent, group != null ? "by group" : "stratified");
        if (group != null && (share < asked * 2 / 3 || share > asked * 3 / 2)) {
            log.warn("{}: the {} split carved by group column {} holds {} of the training {} where {} was asked "
                    + "(--set {}={}): groups go whole into one split; another --data-seed takes other groups, or give --{} FILE",
                    reader, split, group, percent, unit, askedPercent, setting, asked, split);
        }
    }

    /** Whether a logged message is {@link #logShare}'s warning of a carved split's share, of any reader. */
    public static boolean isShareWarning(String message) {
        return message.contains(": the ") && message.contains(" split carved by group column ") && message.contains(" was asked ");
    }

    /** Whether a logged message is {@link #fewGroups}'s warning (which a comparison that pools the splits into folds drops). */
    public static boolean isFewGroupsWarning(String message) {
        return message.contains("each split carved by group column ") || message.contains(" are all of one group of ")
                || message.contains(" come from only ") && message.contains(" groups of ") && message.contains(" move with which groups ");
    }

    /**
     * Each split's groups with their items, the largest first ({@value #NAMED} named per split): e.g. {@code training 137
     * texts of 1 group ('zh' 137); validation 383 texts of 1 group ('de' 383); test 380 texts of 1 group ('en' 380)}. Splits
     * not carved (given as files) are left out.
     */
    public static <T> String groupsBySplit(StratifiedSplitter.Parts<T> parts, Function<T, String> groupOf, String unit,
                                           boolean validationCarved, boolean testCarved) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<T>> e : splits(parts, validationCarved, testCarved).entrySet()) {
            Map<String, Integer> counts = counts(e.getValue(), groupOf);
            out.add(e.getKey() + " " + e.getValue().size() + " " + unit + " of " + counts.size() + " group" + (counts.size() == 1 ? "" : "s")
                    + (counts.isEmpty() ? "" : " (" + named(counts) + ")"));
        }
        return String.join("; ", out);
    }

    /**
     * A warning when a carve by group left a split with one group only (every split, or the training, a carved validation
     * or a carved test split alone), or a carved test split with fewer than {@value #FEW_GROUPS} groups; empty otherwise.
     *
     * @param column  the group column as messages name it ({@code lang})
     * @param unit    what an item is, plural ({@code texts})
     * @param remedy  what gives a sensible split, appended after a colon
     */
    public static <T> Optional<String> fewGroups(StratifiedSplitter.Parts<T> parts, Function<T, String> groupOf, String column,
                                                 String unit, boolean validationCarved, boolean testCarved, String remedy) {
        Map<String, List<T>> splits = splits(parts, validationCarved, testCarved);
        if (splits.size() < 2) {
            return Optional.empty(); // nothing carved
        }
        Map<String, Map<String, Integer>> groups = new LinkedHashMap<>();
        splits.forEach((name, items) -> groups.put(name, counts(items, groupOf)));
        List<String> single = groups.entrySet().stream().filter(e -> e.getValue().size() == 1).map(Map.Entry::getKey).toList();
        if (single.size() == splits.size()) {
            String trained = groups.get("training").keySet().iterator().next();
            return Optional.of("each split carved by group column " + column + " is a single group: " + splits.entrySet().stream()
                    .map(e -> e.getKey() + " " + LabelCheck.quoted(groups.get(e.getKey()).keySet().iterator().next()) + " ("
                            + e.getValue().size() + " " + unit + ")").collect(Collectors.joining(", ")) + ": the model learns from "
                    + LabelCheck.quoted(trained) + " only, and its scores say how a model of that one group does on another, not on "
                    + unit + " of every group; " + remedy);
        }
        List<String> found = new ArrayList<>();
        for (String name : single) {
            found.add("the " + name + " split's " + splits.get(name).size() + " " + unit + " are all of one group of " + column + " ("
                    + LabelCheck.quoted(groups.get(name).keySet().iterator().next()) + ")" + (name.equals("training")
                    ? ": the model learns from that group only" : ""));
        }
        Map<String, Integer> test = groups.get("test");
        if (test != null && test.size() > 1 && test.size() < FEW_GROUPS) {
            found.add(String.format(Locale.ROOT, "the test split's %d %s come from only %d groups of %s (%s): its scores say how the "
                    + "model does on these %d, and move with which groups are held out", splits.get("test").size(), unit, test.size(),
                    column, named(test), test.size()));
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", found) + "; " + remedy);
    }

    private static <T> Map<String, List<T>> splits(StratifiedSplitter.Parts<T> parts, boolean validationCarved, boolean testCarved) {
        Map<String, List<T>> splits = new LinkedHashMap<>();
        splits.put("training", parts.train());
        if (validationCarved && !parts.validation().isEmpty()) {
            splits.put("validation", parts.validation());
        }
        if (testCarved && !parts.test().isEmpty()) {
            splits.put("test", parts.test());
        }
        return splits;
    }

    /** Items per group, the largest first (ties by name). */
    private static <T> Map<String, Integer> counts(List<T> items, Function<T, String> groupOf) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        items.forEach(i -> counts.merge(groupOf.apply(i), 1, Integer::sum));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static String named(Map<String, Integer> counts) {
        String shown = counts.entrySet().stream().limit(NAMED).map(e -> LabelCheck.quoted(e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(", "));
        int more = counts.size() - NAMED;
        return more > 0 ? shown + " and " + more + " more" : shown;
    }
}

package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.rnnlab.datasets.LabelCheck;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.metrics.GroupTable;

/**
 * Each configuration's test scores in each group of the data's group column ({@code --set group=COL}, CSV or text), over
 * its runs (seeds, folds): written as {@value #CSV}, in results.json ({@code byGroup}), and, for the best configuration, the
 * groups it scores lowest on under the console table. The overall scores of a comparison hide the subjects, machines or
 * languages a configuration fails on; evaluate and train give them for one model, this for every configuration.
 *
 * <p>From each run's {@link RunResult#groups} (recorded since they were: runs of older files have none, and are left out
 * with a note). With {@code --cv} by group each group is tested in its one fold, so its runs are the seeds; with one test
 * split, every seed's run tests every group.
 */
public final class ByGroupResults {
    /** The file's name in the comparison folder. */
    public static final String CSV = "by-group.csv";

    /** Columns of {@value #CSV}. */
    public static final String CSV_HEADER = "configuration,group,runs,test_sequences,accuracy_mean,macro_f1_mean,majority_class,"
            + "majority_accuracy,majority_macro_f1";

    /** The most groups the console line names. */
    public static final int SHOWN = 5;

    private ByGroupResults() {
    }

    /**
     * One configuration's scores in one group.
     *
     * @param configuration    the configuration
     * @param group            the group's value
     * @param runs             the configuration's runs whose test data held the group
     * @param testSequences    the group's test sequences in one seed's runs (all its folds' or bands'; the same for every seed)
     * @param accuracyMean     the mean over those runs of the run's accuracy on the group's test sequences
     * @param macroF1Mean      the mean over those runs of the run's macro-F1 on them (within the group, {@link GroupTable})
     * @param majorityClass    the group's most frequent class in those test sequences (ties: the first in label order)
     * @param majorityAccuracy always predicting it: its share of them
     * @param majorityMacroF1  always predicting it: its macro-F1 over the group's classes in them ({@link
     *                         GroupTable#majorityMacroF1}, as train and evaluate give it; trial 71d F8: it was missing here)
     */
    public record Row(String configuration, String group, int runs, long testSequences, double accuracyMean, double macroF1Mean,
                      String majorityClass, double majorityAccuracy, double majorityMacroF1) {
    }

    /**
     * Every configuration's rows, in the order of the configurations, then of the groups (sorted); empty when no run recorded
     * groups (data without a group column, or only runs of older files).
     */
    public static List<Row> of(ComparisonResult result) {
        List<Row> rows = new ArrayList<>();
        for (Aggregate a : result.aggregates()) {
            Map<String, List<GroupTable.Row>> byGroup = new TreeMap<>();
            Map<String, Map<Long, Long>> perSeed = new TreeMap<>();
            for (RunResult r : result.runsOf(a.configuration())) {
                if (r.groups() == null || r.evaluatedOn() != Split.TEST) {
                    continue;
                }
                for (GroupTable.Row g : r.groups()) {
                    byGroup.computeIfAbsent(g.group(), k -> new ArrayList<>()).add(g);
                    perSeed.computeIfAbsent(g.group(), k -> new LinkedHashMap<>()).merge(r.seed(), (long) g.examples(), Long::sum);
                }
            }
            byGroup.forEach((group, runs) -> {
                int[] counts = new int[result.labelNames().size()];
                for (GroupTable.Row g : runs) {
                    int[] c = g.classCounts();
                    for (int k = 0; k < Math.min(c.length, counts.length); k++) {
                        counts[k] += c[k];
                    }
                }
                int majority = GroupTable.majority(counts);
                long total = java.util.Arrays.stream(counts).asLongStream().sum();
                rows.add(new Row(a.configuration(), group, runs.size(),
                        perSeed.get(group).values().stream().mapToLong(Long::longValue).max().orElse(0),
                        runs.stream().mapToDouble(GroupTable.Row::accuracy).average().orElse(Double.NaN),
                        runs.stream().mapToDouble(GroupTable.Row::macroF1).average().orElse(Double.NaN),
                        result.labelNames().get(majority), total == 0 ? Double.NaN : counts[majority] / (double) total,
                        total == 0 ? Double.NaN : GroupTable.majorityMacroF1(counts)));
            });
        }
        return rows;
    }

    /** {@value #CSV}: {@link #CSV_HEADER}, then {@link #of}'s rows. */
    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (Row r : rows) {
            sb.append(ComparisonFiles.quote(r.configuration())).append(',').append(ComparisonFiles.quote(r.group())).append(',')
                    .append(r.runs()).append(',').append(r.testSequences()).append(',').append(ComparisonFiles.fmt(r.accuracyMean()))
                    .append(',').append(ComparisonFiles.fmt(r.macroF1Mean())).append(',').append(ComparisonFiles.quote(r.majorityClass()))
                    .append(',').append(ComparisonFiles.fmt(r.majorityAccuracy())).append(',')
                    .append(ComparisonFiles.fmt(r.majorityMacroF1())).append('\n');
        }
        return sb.toString();
    }

    /**
     * The console line under the table: the groups (at most {@value #SHOWN}) the best configuration ({@link TrainAgain#best})
     * scores lowest on by mean test accuracy, each with the accuracy of always predicting that group's own most frequent test
     * class (by-group.csv's {@code majority_accuracy}: not the printed majority baseline, which is one class for all groups);
     * empty without a best configuration or with
     * fewer than 2 groups in its test data.
     */
    public static Optional<String> lowestLine(ComparisonResult result, List<Row> rows) {
        return lowestLine(result, rows, List.of());
    }

    /**
     * {@link #lowestLine(ComparisonResult, List)}, each group that the data's group-level warnings named ({@code dataWarnings},
     * as data-warnings.txt keeps them; {@link #namedIn}) said so: a trial's 'B6' at 0.07 against an always-'car' 0.43 was
     * the bridge logged in °F, named by a warning 40 lines earlier on standard error, and the lowest line gave no reason.
     */
    public static Optional<String> lowestLine(ComparisonResult result, List<Row> rows, List<String> dataWarnings) {
        TrainAgain.Best best = result.best();
        if (best == null) {
            return Optional.empty();
        }
        List<Row> of = rows.stream().filter(r -> r.configuration().equals(best.configuration()))
                .sorted(java.util.Comparator.comparingDouble(Row::accuracyMean).thenComparing(Row::group)).toList();
        if (of.size() < 2) {
            return Optional.empty();
        }
        // "its own majority class", not "majority": a trial read "(majority 1.0000)" as the printed baseline, which scored
        // 0.0000 on that group; with one class per group (a composer's style) the group's own majority is always 1.0000
        List<String> shown = of.subList(0, Math.min(SHOWN, of.size())).stream().map(r -> String.format(Locale.ROOT,
                "%s %.4f (its own majority class: %.4f%s)", LabelCheck.quoted(r.group()), r.accuracyMean(), r.majorityAccuracy(),
                namedIn(r.group(), dataWarnings).map(w -> "; named in the data warnings: " + w).orElse(""))).toList();
        return Optional.of(String.format(Locale.ROOT, "lowest groups of %s (test accuracy, of %d groups; all in %s): %s",
                best.configuration(), of.size(), CSV, String.join(", ", shown)));
    }

    /**
     * What the data's group-level warnings suspect of {@code group}, where one names it: {@code another unit?} (the groups at
     * another level or spread than the others', GroupScales' warning), {@code another temperature scale?} (the same, where its
     * °F/°C conversion names the group), {@code a level step?} (a level stepping once within the group, LevelShifts'); empty
     * where none names it. Matched on the warnings' words, as data-warnings.txt keeps them, and the group quoted as they quote
     * it.
     */
    static Optional<String> namedIn(String group, List<String> dataWarnings) {
        java.util.regex.Pattern named = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(LabelCheck.quoted(group))
                + "(?=[:,;) ]|$)");
        java.util.Set<String> words = new java.util.LinkedHashSet<>();
        for (String w : dataWarnings) {
            if (!named.matcher(w).find()) {
                continue;
            }
            if (w.contains(STEP_WARNING)) {
                words.add("a level step?");
            } else if (w.contains(LEVEL_WARNING) || w.contains("groups of group column") && w.contains("another unit")) {
                // a temperature's conversion names its group ("brings the level of 'B6', 51.22, to 10.68"): that group's scale
                words.add(w.contains("brings the level of " + LabelCheck.quoted(group)) ? "another temperature scale?"
                        : "another unit?");
            }
        }
        return words.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", words));
    }

    /** Words of the data's warning of groups at another level or spread than the others' (GroupScales). */
    static final String LEVEL_WARNING = "at another level or spread";

    /** Words of the data's warning of a level stepping once within a group (LevelShifts). */
    static final String STEP_WARNING = "steps once, for good";

    /**
     * The note of runs that recorded no group scores (files of an older rnnlab, resumed) where the data have a group column,
     * or empty: {@value #CSV} leaves them out.
     *
     * @param grouped whether the comparison's data have a group column
     */
    public static Optional<String> missingNote(ComparisonResult result, boolean grouped) {
        List<RunResult> tested = result.runs().stream().filter(r -> r.evaluatedOn() == Split.TEST).toList();
        long missing = tested.stream().filter(r -> r.groups() == null).count();
        if (!grouped || missing == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%d of the %d runs were written by an older rnnlab, which recorded no "
                + "group scores: %s leaves them out%s", missing, tested.size(), CSV,
                missing == tested.size() ? " (and is not written); run the comparison again in a new folder for it" : ""));
    }
}

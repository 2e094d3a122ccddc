package org.rnnlab.evaluation.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.LabelCheck;
import org.rnnlab.evaluation.metrics.Calibration;
import org.rnnlab.evaluation.metrics.CalibrationSlope;
import org.rnnlab.evaluation.metrics.ClassRanking;
import org.rnnlab.evaluation.metrics.CutOff;
import org.rnnlab.training.Decision;
import org.rnnlab.evaluation.metrics.Ranking;
import org.rnnlab.evaluation.metrics.TopK;

/**
 * What {@code evaluate} says beyond the classes predicted: the decision rule (argmax, or a two-class model's
 * {@code --threshold}) and the ranking metrics of the probabilities ({@link Ranking}). A user trial (accounts, 3% fraud)
 * found neither: no ROC AUC or average precision anywhere, and no way to score the model at a chosen cut-off.
 *
 * <p>For a two-class model the ranking is said once, for the positive class: {@code --positive}, else the rarer class in
 * the data scored (the one a user hunts: fraud, a fault), with equal counts the model's second label; the ROC AUC of the
 * other class is the same number and its average precision answers a question nobody asked of it. Both classes stay in
 * the JSON's {@code perClass}, and the choice is said. Models of more classes get every class against the rest and the
 * macro averages.
 *
 * @param labels   the model's labels
 * @param positive the positive class of a two-class model, or -1
 * @param why      why that class (said in the output), or null
 * @param decision the decision rule
 * @param ranking  the ranking metrics, once the probabilities are known (else null)
 * @param cutOffs  a two-class model's precision and recall of the positive class at {@link Ranking#CUT_OFFS} (else empty)
 * @param targetRecall {@code --target-recall}, or null
 * @param alarm    the positive class raised at the {@code --threshold} or at the cut-off of {@code --target-recall}, once the
 *                 probabilities are known; else null
 * @param calibration the calibration of the probabilities ({@link Calibration}: Brier, ECE, reliability table, and for the
 *                 positive class calibration-in-the-large, slope and intercept), once they are known; else null
 * @param targetPrecision {@code --target-precision}, or null
 * @param topKCounts {@code --top-k}'s counts (empty without)
 * @param topK     the positive class's precision, recall and lift of the k highest-scored sequences ({@link TopK#table}),
 *                 once the probabilities are known; else empty
 * @param bestPrecision with {@code --target-precision} that no cut-off reaches, the cut-off of the highest precision here;
 *                 else null
 * @param margin   how far the alarm's cut-off lies from the nearest probability here (NaN without an alarm)
 * @param above    with {@code --target-recall}, the class raised only above the probability of the lowest-scored sequence of
 *                 it the cut-off catches: what any higher cut-off gives, a recall below the target (trial 75c: a cut-off
 *                 just under the lowest of 4 validation falls caught 6 of 8 test falls, with no word that it had no margin);
 *                 else null
 * @param alarmByClass with more than two classes, each class's sequences raised by the alarm and its sequences here
 *                 ({raised, sequences}, by the model's label order; the positive class's raised are those caught): the
 *                 false alarms by true class (trial 75d F2: "false alarms 23/118" were 23 of the 27 'worn' doors and none of
 *                 the 91 'ok', and the cut-off took 'worn' almost out of the labels, unsaid); else null
 * @param alarmGroupColumn the group column of {@link #alarmGroups}, or null
 * @param alarmGroups the groups the positive class's sequences here come from, each with its sequences and those caught, when
 *                 fewer than {@link EvaluateCommand#FEW_GROUPS} (trial 75d F3: a cut-off chosen on 2 door cycles, both of
 *                 one building, with a recall interval that took them as independent); else empty
 * @param notRaised the highest probability here below the alarm's cut-off, of any class (NaN without an alarm or when every
 *                 sequence is raised): with {@link #above}, the gap the cut-off sits in (trial 76d F12: "no margin: the cut-off
 *                 sits just under p_out_of_spec 0.2015" of a cut-off 0.1, halfway down to the next probability, 0.0044, while
 *                 --json's margin, 0.0956, was its distance to that one)
 */
record Scoring(List<String> labels, int positive, String why, Decision decision, Ranking ranking, List<CutOff> cutOffs,
               Double targetRecall, org.rnnlab.evaluation.metrics.Alarm alarm, Calibration calibration,
               Double targetPrecision, List<Long> topKCounts, List<TopK> topK, org.rnnlab.evaluation.metrics.Alarm bestPrecision,
               double margin, org.rnnlab.evaluation.metrics.Alarm above, long[][] alarmByClass, String alarmGroupColumn,
               List<EvaluateCommand.GroupScore> alarmGroups, double notRaised) {

    Scoring(List<String> labels, int positive, String why, Decision decision, Ranking ranking, List<CutOff> cutOffs,
            Double targetRecall, org.rnnlab.evaluation.metrics.Alarm alarm, Calibration calibration,
            Double targetPrecision, List<Long> topKCounts, List<TopK> topK, org.rnnlab.evaluation.metrics.Alarm bestPrecision,
            double margin, org.rnnlab.evaluation.metrics.Alarm above, long[][] alarmByClass, String alarmGroupColumn,
            List<EvaluateCommand.GroupScore> alarmGroups) {
        this(labels, positive, why, decision, ranking, cutOffs, targetRecall, alarm, calibration, targetPrecision, topKCounts, topK,
                bestPrecision, margin, above, alarmByClass, alarmGroupColumn, alarmGroups, Double.NaN);
    }

    Scoring(List<String> labels, int positive, String why, Decision decision, Ranking ranking, List<CutOff> cutOffs,
            Double targetRecall, org.rnnlab.evaluation.metrics.Alarm alarm, Calibration calibration,
            Double targetPrecision, List<Long> topKCounts, List<TopK> topK, org.rnnlab.evaluation.metrics.Alarm bestPrecision,
            double margin, org.rnnlab.evaluation.metrics.Alarm above) {
        this(labels, positive, why, decision, ranking, cutOffs, targetRecall, alarm, calibration, targetPrecision, topKCounts, topK,
                bestPrecision, margin, above, null, null, List.of());
    }

    Scoring(List<String> labels, int positive, String why, Decision decision, Ranking ranking, List<CutOff> cutOffs,
            Double targetRecall, org.rnnlab.evaluation.metrics.Alarm alarm, Calibration calibration,
            Double targetPrecision, List<Long> topKCounts, List<TopK> topK, org.rnnlab.evaluation.metrics.Alarm bestPrecision,
            double margin) {
        this(labels, positive, why, decision, ranking, cutOffs, targetRecall, alarm, calibration, targetPrecision, topKCounts, topK,
                bestPrecision, margin, null);
    }

    /** A probability this close to a cut-off may fall on either side of it when scored beside other sequences. */
    static final double NARROW = 1e-6;

    Scoring(List<String> labels, int positive, String why, Decision decision, Ranking ranking, List<CutOff> cutOffs,
            Double targetRecall, org.rnnlab.evaluation.metrics.Alarm alarm) {
        this(labels, positive, why, decision, ranking, cutOffs, targetRecall, alarm, null, null, List.of(), List.of(), null, Double.NaN);
    }

    Scoring(List<String> labels, int positive, String why, Decision decision, Ranking ranking, List<CutOff> cutOffs) {
        this(labels, positive, why, decision, ranking, cutOffs, null, null);
    }

    /** {@link #of(List, int[], String, Double)} with {@code --target-recall}. */
    static Scoring of(List<String> labels, int[] actual, String positiveLabel, Double threshold, Double targetRecall) {
        return of(labels, actual, positiveLabel, threshold, targetRecall, null, List.of());
    }

    /** {@link #of(List, int[], String, Double)} with {@code --target-recall}, {@code --target-precision} and {@code --top-k}. */
    static Scoring of(List<String> labels, int[] actual, String positiveLabel, Double threshold, Double targetRecall,
                      Double targetPrecision, List<Long> topKCounts) {
        Scoring s = of(labels, actual, positiveLabel, threshold);
        return new Scoring(s.labels, s.positive, s.why, s.decision, null, List.of(), targetRecall, null, null, targetPrecision,
                List.copyOf(topKCounts), List.of(), null, Double.NaN);
    }

    /** The positive class and decision rule for the true classes {@code actual} of the data about to be scored. */
    static Scoring of(List<String> labels, int[] actual, String positiveLabel, Double threshold) {
        if (labels.size() != 2) {
            // more classes: one of them against the rest only when named (a maintenance trial's alarm on its failure class)
            if (positiveLabel == null) {
                return new Scoring(labels, -1, null, Decision.ARGMAX, null, List.of());
            }
            int named = labels.indexOf(positiveLabel);
            return new Scoring(labels, named, "--positive, against the " + (labels.size() - 1) + " others",
                    threshold == null ? Decision.ARGMAX : Decision.cutOff(named, threshold), null, List.of());
        }
        long[] counts = new long[2];
        for (int a : actual) {
            counts[a]++;
        }
        int positive;
        String why;
        if (positiveLabel != null) {
            positive = labels.indexOf(positiveLabel);
            why = "--positive";
        } else if (counts[0] != counts[1]) {
            positive = counts[0] < counts[1] ? 0 : 1;
            why = String.format(Locale.ROOT, "the rarer class here, %d of %d", counts[positive], actual.length);
        } else {
            positive = 1;
            why = "as frequent as the other here: the model's second label";
        }
        return new Scoring(labels, positive, why, threshold == null ? Decision.ARGMAX : Decision.cutOff(positive, threshold), null,
                List.of());
    }

    /** This scoring with the ranking of {@code probabilities} (by sequence, in the order of {@code actual}). */
    Scoring ranked(int[] actual, double[][] probabilities) {
        Ranking r = Ranking.of(labels, actual, probabilities);
        Calibration calibrated = Calibration.of(labels, actual, probabilities, positive);
        List<CutOff> table = List.of();
        if (positive >= 0) {
            boolean[] isPositive = new boolean[actual.length];
            double[] score = new double[actual.length];
            for (int i = 0; i < actual.length; i++) {
                isPositive[i] = actual[i] == positive;
                score[i] = probabilities[i][positive];
            }
            table = Ranking.cutOffs(isPositive, score, Ranking.CUT_OFFS);
            org.rnnlab.evaluation.metrics.Alarm alarm = targetRecall != null
                    ? org.rnnlab.evaluation.metrics.Alarm.forRecall(isPositive, score, targetRecall)
                    : targetPrecision != null ? org.rnnlab.evaluation.metrics.Alarm.forPrecision(isPositive, score, targetPrecision)
                    : decision.argmax() ? null : org.rnnlab.evaluation.metrics.Alarm.at(isPositive, score, decision.threshold());
            org.rnnlab.evaluation.metrics.Alarm best = targetPrecision != null && alarm == null
                    ? org.rnnlab.evaluation.metrics.Alarm.bestPrecision(isPositive, score) : null;
            double margin = alarm == null ? Double.NaN : org.rnnlab.evaluation.metrics.Alarm.margin(score, alarm.threshold());
            org.rnnlab.evaluation.metrics.Alarm above = null;
            if (targetRecall != null && alarm != null && alarm.caught() > 0) {
                double lowest = Double.POSITIVE_INFINITY; // the lowest probability of the class the cut-off catches
                for (int i = 0; i < score.length; i++) {
                    if (isPositive[i] && score[i] >= alarm.threshold()) {
                        lowest = Math.min(lowest, score[i]);
                    }
                }
                above = org.rnnlab.evaluation.metrics.Alarm.at(isPositive, score, Math.nextUp(lowest));
            }
            double notRaised = Double.NaN; // the highest probability the cut-off does not raise
            for (int i = 0; alarm != null && i < score.length; i++) {
                if (score[i] < alarm.threshold() && !(score[i] <= notRaised)) {
                    notRaised = score[i];
                }
            }
            long[][] byClass = null;
            if (alarm != null && labels.size() > 2) {
                byClass = new long[labels.size()][2];
                for (int i = 0; i < actual.length; i++) {
                    byClass[actual[i]][0] += score[i] >= alarm.threshold() ? 1 : 0;
                    byClass[actual[i]][1]++;
                }
            }
            return new Scoring(labels, positive, why, decision, r, table, targetRecall, alarm, calibrated, targetPrecision,
                    topKCounts, TopK.table(isPositive, score, topKCounts), best, margin, above, byClass, null, List.of(), notRaised);
        }
        return new Scoring(labels, positive, why, decision, r, table, targetRecall, null, calibrated, targetPrecision, topKCounts,
                List.of(), null, Double.NaN);
    }

    /**
     * This scoring with the groups ({@code groups}, by sequence in the order of {@code actual}, of the group column
     * {@code column}) that the positive class's sequences come from, when they are fewer than
     * {@link EvaluateCommand#FEW_GROUPS}; unchanged without an alarm or without a group for every sequence.
     */
    Scoring withGroups(String column, List<String> groups, int[] actual, double[][] probabilities) {
        if (alarm == null || alarm.positives() == 0 || groups == null || groups.size() != actual.length
                || groups.stream().anyMatch(g -> g == null || g.isEmpty())) {
            return this;
        }
        java.util.Map<String, int[]> counts = new java.util.TreeMap<>();
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] == positive) {
                int[] c = counts.computeIfAbsent(groups.get(i), g -> new int[2]);
                c[0]++;
                c[1] += probabilities[i][positive] >= alarm.threshold() ? 1 : 0;
            }
        }
        if (counts.size() >= EvaluateCommand.FEW_GROUPS) {
            return this;
        }
        List<EvaluateCommand.GroupScore> few = counts.entrySet().stream()
                .map(e -> new EvaluateCommand.GroupScore(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        return new Scoring(labels, positive, why, decision, ranking, cutOffs, targetRecall, alarm, calibration, targetPrecision,
                topKCounts, topK, bestPrecision, margin, above, alarmByClass, column, few, notRaised);
    }

    /**
     * With more than two classes, {@code (false alarms by true class: 'worn' 23/27, 'ok' 0/91: ...)}, the most raised first;
     * with {@link #alarmGroups}, {@code (the 2 'failing' sequences here are both from building 'B07', 2 caught: ...)}; else
     * nothing.
     */
    private String alarmDetail() {
        StringBuilder sb = new StringBuilder();
        if (alarmByClass != null) {
            List<Integer> others = new ArrayList<>();
            for (int k = 0; k < labels.size(); k++) {
                if (k != positive) {
                    others.add(k);
                }
            }
            others.sort((a, b) -> Long.compare(alarmByClass[b][0], alarmByClass[a][0]));
            List<String> parts = others.stream().map(k -> String.format(Locale.ROOT, "%s %d/%d", quoted(k), alarmByClass[k][0],
                    alarmByClass[k][1])).toList();
            boolean any = others.stream().anyMatch(k -> alarmByClass[k][0] > 0);
            sb.append(String.format(Locale.ROOT, "(false alarms by true class: %s%s)%n", String.join(", ", parts), any
                    ? ": at this cut-off these are labelled " + quoted(positive) + ", not their own class" : ""));
        }
        if (!alarmGroups.isEmpty()) {
            long n = alarm.positives();
            String where = alarmGroupColumn == null ? "" : alarmGroupColumn + " ";
            String from;
            if (alarmGroups.size() == 1) {
                from = (n == 1 ? "is from " : n == 2 ? "are both from " : "are all from ") + where
                        + LabelCheck.quoted(alarmGroups.get(0).group()) + ", " + alarmGroups.get(0).right() + " caught";
            } else {
                from = "come from " + alarmGroups.size() + " groups of " + (alarmGroupColumn == null ? "the group column"
                        : alarmGroupColumn) + ": " + String.join(", ", alarmGroups.stream().map(g -> String.format(Locale.ROOT,
                        "%s %d (%d caught)", LabelCheck.quoted(g.group()), g.sequences(), g.right())).toList());
            }
            sb.append(String.format(Locale.ROOT, "(the %d %s sequence%s here %s: sequences of one group are not independent, so "
                            + "the recall interval is narrower than these data justify; the recall rests on %s)%n", n,
                    quoted(positive), n == 1 ? "" : "s", from, alarmGroups.size() == 1 ? "that one group" : "these "
                            + alarmGroups.size() + " groups"));
        }
        return sb.toString();
    }

    /**
     * The lowest probability of the positive class the {@code --target-recall} cut-off catches (just under {@code above}'s
     * cut-off, which catches one fewer), or NaN without one: the upper end of the gap the cut-off sits in.
     */
    private double lowestCaught() {
        return above == null ? Double.NaN : Math.nextDown(above.threshold());
    }

    /**
     * The alarm's lines: at {@code --threshold} its recall and false alarms with intervals; with {@code --target-recall} or
     * {@code --target-precision} the cut-off that reaches it here (between two probabilities, printed as it is to be given
     * back as {@code --threshold}), and whether these data can show such a recall at all, or that no cut-off reaches the
     * precision; else nothing.
     */
    private String alarmLines() {
        boolean targeted = targetRecall != null || targetPrecision != null;
        String option = targetRecall != null ? "--target-recall" : "--target-precision";
        double target = targetRecall != null ? targetRecall : targetPrecision != null ? targetPrecision : Double.NaN;
        if (targetPrecision != null && alarm == null && bestPrecision != null) {
            return String.format(Locale.ROOT, "--target-precision %s of %s: no cut-off reaches it here; the highest precision, "
                            + "%s [%.4f, %.4f] (95%% Wilson), is at %s >= %s: %s%n", plain(targetPrecision), quoted(positive),
                    number(bestPrecision.precision()), bestPrecision.precisionInterval()[0], bestPrecision.precisionInterval()[1],
                    column(positive), plain(bestPrecision.threshold()), bestPrecision.describe());
        }
        if (alarm == null || alarm.positives() == 0) {
            return targeted && positive >= 0 ? String.format(Locale.ROOT, "%s %s: no cut-off, the data hold "
                    + "no %s sequence%n", option, plain(target), quoted(positive)) : "";
        }
        StringBuilder sb = new StringBuilder();
        if (targeted) {
            // a probability of exactly 1 or 0 is no --threshold (0 < P < 1): said so, not suggested (a review)
            boolean saturated = alarm.threshold() >= 1 || alarm.threshold() <= 0;
            // the cut-off is a round value inside a gap between two probabilities, not the highest (or lowest) cut-off that
            // reaches the target, which is the gap's end: the gap is named (trial 76f F6: "p_scrap >= 0.4, the highest that
            // reaches it" where every cut-off up to 0.7729, the lowest scrap caught, reached it)
            double lowestCaught = lowestCaught();
            String gap = targetRecall != null && !Double.isNaN(lowestCaught) ? String.format(Locale.ROOT, "a round value in the gap "
                    + "between %s and %s (lowest caught), the highest gap that reaches it here (every cut-off in it raises the same "
                    + "sequences here; it is between two probabilities, not on one, as a probability moves by about 1e-7)", Double.isNaN(notRaised)
                    ? "0 (every sequence here is raised)" : number(notRaised) + " (highest not raised)", number(lowestCaught))
                    : "a round value in the " + (targetRecall != null ? "highest" : "lowest") + " gap that reaches it here, "
                    + "between two probabilities, not on one";
            sb.append(String.format(Locale.ROOT, "cut-off for %s >= %s of %s (%s): %s >= %s, %s: %s; the scores above are at argmax, "
                            + "not at this cut-off: %s%n",
                    targetRecall != null ? "recall" : "precision", plain(target), quoted(positive), option, column(positive),
                    plain(alarm.threshold()), gap, alarm.describe(), saturated
                            ? "the probabilities saturate at " + plain(alarm.threshold()) + ", which --threshold (0 < P < 1) cannot "
                            + "give; a model whose probabilities do not saturate (fewer epochs, no class weights) ranks these apart"
                            : "choose it on validation data and score held-out data with --threshold " + plain(alarm.threshold())
                            + " --positive " + EvaluateCommand.display(labels.get(positive))));
            if (targetRecall != null) {
                double showable = org.rnnlab.evaluation.metrics.Alarm.bestShowable(alarm.positives());
                if (targetRecall > showable) {
                    // "1 sequences" (trial 80e F5): one sequence is "it", and a cut-off that rests on it is said to
                    sb.append(String.format(Locale.ROOT, "(with %s of %s, even all of them caught shows a recall of only "
                            + "%.4f or more at 95%% (Wilson): a recall of %s cannot be shown on these data, whatever the model; it "
                            + "takes more sequences of the class: a larger validation split (train with --set validationFraction=0.3, "
                            + "say, or --validation FILE) or a cut-off chosen on more held-out data (--input FILE of labelled sequences "
                            + "the model has not seen; compare --cv writes out-of-fold test predictions, test-predictions.csv, every "
                            + "sequence scored by a fold's model that did not train on it))%n", alarm.positives() == 1
                                    ? "1 sequence" : alarm.positives() + " sequences", quoted(positive), showable,
                            plain(targetRecall)).replace("even all of them caught", alarm.positives() == 1
                                    ? "even that one caught (the cut-off rests on it alone)" : "even all of them caught"));
                }
                if (above != null && !(alarm.threshold() >= 1 || alarm.threshold() <= 0)) {
                    // by construction the highest cut-off that reaches the target catches no sequence to spare; how far it
                    // sits under the lowest one it catches is the gap's half, wide or narrow, said in numbers (trial 76d F12:
                    // "just under p_out_of_spec 0.2015" of a cut-off of 0.1)
                    double lowest = lowestCaught();
                    sb.append(String.format(Locale.ROOT, "(no sequence to spare: any cut-off above %s %s, the lowest-scored %s "
                                    + "sequence it catches, catches %d/%d = %s, below %s, so new data may well fall short of it; the "
                                    + "cut-off sits %s under that probability and %s (--json: alarm.margin is the nearer of the two)%s)%n",
                            column(positive), number(lowest), quoted(positive), above.caught(), above.positives(), number(above.recall()),
                            plain(targetRecall), distance(lowest - alarm.threshold()), Double.isNaN(notRaised)
                                    ? "every sequence here is at or above it" : distance(alarm.threshold() - notRaised) + " over "
                                    + number(notRaised) + ", the highest probability here it does not raise",
                            Double.isNaN(notRaised) ? "" : ": a lower cut-off leaves more room under the " + quoted(positive)
                                    + " sequences caught, at the price of nearing " + number(notRaised) + ", the highest not raised "
                                    + "(one under it raises more), and a higher one the reverse; the cut-off sits near the gap's "
                                    + "middle, where the nearer of the two gaps is near its largest"));
                }
            }
        } else {
            sb.append(String.format(Locale.ROOT, "alarm of %s at %s >= %s: %s%n", quoted(positive), column(positive),
                    plain(alarm.threshold()), alarm.describe()));
        }
        sb.append(alarmDetail());
        if (margin <= NARROW) {
            sb.append(String.format(Locale.ROOT, "(a probability here lies %s from the cut-off: scored beside other sequences a "
                    + "probability moves by about 1e-7, so it may fall on the other side of it)%n", margin == 0 ? "exactly on it, 0"
                    : String.format(Locale.ROOT, "%.1e", margin)));
        }
        return sb.toString();
    }

    /** A distance between probabilities: 4 decimals, or where that would read 0.0000 two significant digits (3.0e-07). */
    private static String distance(double d) {
        return Math.abs(d) >= 5e-5 ? String.format(Locale.ROOT, "%.4f", d) : String.format(Locale.ROOT, "%.1e", d);
    }

    /** The text report's lines: the ranking metrics, for a two-class model the decision rule, and the calibration line. */
    String lines() {
        return lines(false);
    }

    /**
     * {@link #lines()}; with {@code inTable} (evaluate's report, whose per-class table gets them as columns:
     * {@link #perClassColumns}) the lines of more than two classes give the macro averages only, not every class inline (a
     * trial's 36 classes made each a 560-character line, and labels "0", "1" read as numbers).
     */
    String lines(boolean inTable) {
        return lines(inTable, null);
    }

    /**
     * {@link #lines(boolean)} for the model of {@code card} (null: not known): its ECE advice says what a model already
     * calibrated on its validation split should do instead of calibrating again ({@link #eceRemedy}).
     */
    String lines(boolean inTable, org.rnnlab.training.ModelCard card) {
        if (!ranked()) {
            return "";
        }
        return rankingLines(inTable) + calibrationLine(card);
    }

    /** Whether there are ranking metrics to say: the probabilities are known and some sequence was scored. */
    private boolean ranked() {
        return ranking != null && ranking.perClass().stream().mapToLong(c -> c.positives() + c.negatives()).max().orElse(0) > 0;
    }

    /**
     * Each class's ROC AUC and average precision against the rest, by label, for two more columns of evaluate's per-class
     * table; empty for a two-class model (its one ranking line is the positive class's) or before the probabilities are known.
     */
    java.util.Map<String, double[]> perClassColumns() {
        if (!ranked() || labels.size() == 2) {
            return java.util.Map.of();
        }
        java.util.Map<String, double[]> columns = new java.util.LinkedHashMap<>();
        for (ClassRanking c : ranking.perClass()) {
            columns.put(c.label(), new double[] {c.rocAuc(), c.averagePrecision()});
        }
        return columns;
    }

    /**
     * One line of {@link #calibration}: the Brier score and ECE, and with a positive class its mean probability against its
     * share and the calibration slope and intercept; nothing before the probabilities are known.
     */
    String calibrationLine() {
        return calibrationLine(null);
    }

    /** {@link #calibrationLine()} for the model of {@code card} (null: not known), whose ECE advice fits it. */
    String calibrationLine(org.rnnlab.training.ModelCard card) {
        if (calibration == null) {
            return "";
        }
        if (positive < 0) {
            return String.format(Locale.ROOT, "calibration: Brier %s (summed over the classes, 0 to 2), ECE %s (%d bins of the "
                    + "top-class probability; --json: reliability table)%n", number(calibration.brier()), number(calibration.ece()),
                    Calibration.BINS) + eceWords(eceRemedy(card));
        }
        return positiveCalibrationLine() + eceWords(eceRemedy(card));
    }

    /**
     * What to do about probabilities off one way: {@code train --calibrate temperature}, or, for a model that was
     * calibrated on its validation split already (its card's temperature or prior correction), that the calibration fitted
     * there does not carry over to these data (stop 76: the advice to calibrate was given to a calibrated model too).
     */
    static String eceRemedy(org.rnnlab.training.ModelCard card) {
        if (card != null && (card.temperature() != null || card.priorCorrection() != null)) {
            return String.format(Locale.ROOT, "this model is calibrated already (%s, fitted on its validation split), so that "
                    + "calibration does not carry over to these data: they may differ from the validation split (another site or "
                    + "period), or that split was too small to fit it; calibrating again on validation data like these may help",
                    card.temperature() != null ? String.format(Locale.ROOT, "temperature T = %.4f", card.temperature())
                            : "--calibrate prior");
        }
        return "train --calibrate temperature fits one temperature on the validation split that scales them";
    }

    /**
     * Above an ECE of {@value Calibration#ECE_WORDS}, which way the binned probabilities are off, from their mean against
     * the accuracy (top class) or the share of the positive class: lower (under-confident), higher, or both ways in
     * different bins (their mean within half the ECE of the observed); empty otherwise (trial 76d F13: "ECE 0.4770" alone).
     */
    String eceWords() {
        return eceWords(eceRemedy(null));
    }

    /** {@link #eceWords()} with {@code remedy} as what to do about probabilities off one way ({@link #eceRemedy}). */
    String eceWords(String remedy) {
        if (calibration == null || !(calibration.ece() > Calibration.ECE_WORDS)) {
            return "";
        }
        double mean = calibration.binnedMean();
        double observed = calibration.binnedObserved();
        boolean top = positive < 0;
        String what = top ? "the top-class probabilities" : "the probabilities " + column(positive);
        String against = top ? String.format(Locale.ROOT, "mean top-class probability %s against an accuracy of %s", number(mean),
                number(observed)) : String.format(Locale.ROOT, "mean %s %s against a share of %s of %s", column(positive), number(mean),
                number(observed), quoted(positive));
        String direction = eceDirection();
        if (!direction.equals("mixed")) {
            boolean lower = direction.equals("lower");
            return String.format(Locale.ROOT, "(ECE above %s: %s are %s than the %s (%s): %s %s often than %s; %s)%n",
                    plain(Calibration.ECE_WORDS), what, direction, top ? "accuracy" : "share they stand for", against,
                    top ? "the model is right" : quoted(positive) + " comes", lower ? "more" : "less", top ? "it says" : "they say",
                    remedy);
        }
        return String.format(Locale.ROOT, "(ECE above %s: %s are too high in some bins and too low in others (%s): --json's "
                + "calibration.reliability gives each bin's mean probability against its observed share)%n",
                plain(Calibration.ECE_WORDS), what, against);
    }

    /**
     * Which way the binned probabilities are off: "lower" or "higher" than the accuracy (or the positive class's share) by
     * half the ECE or more, else "mixed" (too high in some bins, too low in others); null at an ECE of
     * {@value Calibration#ECE_WORDS} or less, or without a calibration.
     */
    String eceDirection() {
        if (calibration == null || !(calibration.ece() > Calibration.ECE_WORDS)) {
            return null;
        }
        double gap = calibration.binnedMean() - calibration.binnedObserved();
        return gap <= -calibration.ece() / 2 ? "lower" : gap >= calibration.ece() / 2 ? "higher" : "mixed";
    }

    /** {@link #calibrationLine} of a positive class. */
    private String positiveCalibrationLine() {
        String p = column(positive);
        CalibrationSlope fit = calibration.slope();
        String slope = fit == null || fit.why() != null
                ? "slope and intercept - (" + (fit == null ? "nothing scored" : fit.why()) + ")"
                : String.format(Locale.ROOT, "slope %.4f, intercept %.4f", fit.slope(), fit.intercept());
        return String.format(Locale.ROOT, "calibration of %s: Brier %s (all classes %s), ECE %s (%d bins of %s); mean %s %s against a "
                        + "share of %s; %s (1 and 0 if calibrated; --json: reliability table)%n", p, number(calibration.brierPositive()),
                number(calibration.brier()), number(calibration.ece()), Calibration.BINS, p, p, number(calibration.meanPredicted()),
                number(calibration.observedShare()), slope);
    }

    private String rankingLines(boolean inTable) {
        StringBuilder sb = new StringBuilder();
        if (positive >= 0) {
            ClassRanking c = ranking.perClass().get(positive);
            String p = column(positive);
            double share = (double) c.positives() / (c.positives() + c.negatives());
            sb.append(String.format(Locale.ROOT, "ranking by %s (positive class %s: %s): ROC AUC %s, average precision %s "
                            + "(a random ranking scores 0.5 and %.4f, the share of %s)%n", p, quoted(positive), why, number(c.rocAuc()),
                    number(c.averagePrecision()), share, quoted(positive)));
            if (Double.isNaN(c.rocAuc())) {
                sb.append(String.format(Locale.ROOT, "(-: undefined, the data hold no %s sequence)%n",
                        c.positives() == 0 ? quoted(positive) : labels.size() == 2 ? quoted(1 - positive) : "other class"));
            }
            boolean two = labels.size() == 2;
            sb.append(decision.argmax()
                    ? String.format(Locale.ROOT, "predicted class: the %s (argmax%s; --threshold P predicts %s when %s >= P)%n",
                    two ? "more probable" : "most probable", two ? ", a cut-off of 0.5" : "", quoted(positive), p)
                    : String.format(Locale.ROOT, "predicted class: %s when %s >= %s (--threshold), else %s; every score above is "
                    + "at this cut-off%n", quoted(positive), p, plain(decision.threshold()),
                    two ? quoted(1 - positive) : "the most probable of the others"));
            sb.append(alarmLines());
            if (two) {
                return sb.toString();
            }
        }
        boolean undefined = ranking.perClass().stream().anyMatch(c -> Double.isNaN(c.rocAuc()) || Double.isNaN(c.averagePrecision()));
        if (inTable) {
            sb.append(String.format(Locale.ROOT, "ROC AUC, each class against the rest: macro %s over %d classes; average "
                            + "precision: macro %s over %d classes (per class: the columns ROC AUC and AP of the table below)%n",
                    number(ranking.macroRocAuc()), ranking.rocAucClasses(), number(ranking.macroAveragePrecision()),
                    ranking.averagePrecisionClasses()));
        } else {
            sb.append(String.format(Locale.ROOT, "ROC AUC, each class against the rest: macro %s over %d classes (%s)%n",
                    number(ranking.macroRocAuc()), ranking.rocAucClasses(), each(true)));
            sb.append(String.format(Locale.ROOT, "average precision, each class against the rest: macro %s over %d classes (%s)%n",
                    number(ranking.macroAveragePrecision()), ranking.averagePrecisionClasses(), each(false)));
        }
        if (undefined) {
            sb.append("(-: undefined, for a class with no sequence here, and for ROC AUC one with every sequence here; left out of "
                    + "the macro averages)\n");
        }
        return sb.toString();
    }

    /**
     * A two-class model's precision and recall of the positive class at {@link Ranking#CUT_OFFS}, a table after the report,
     * or nothing (more classes, or no sequence of the positive class here).
     */
    String cutOffTable() {
        if (positive < 0 || ranking == null || ranking.perClass().get(positive).positives() == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nprecision and recall of %s predicted at %s >= t (choose "
                + "t on validation data: a t chosen on the data scored flatters its scores)%n", quoted(positive), column(positive)));
        long negatives = ranking.perClass().get(positive).negatives();
        sb.append(String.format(Locale.ROOT, "%6s %10s %10s %10s %12s%n", "t", "predicted", "precision", "recall", "false alarms"));
        for (CutOff c : cutOffs) {
            // the false-alarm rate: other sequences raised over the other sequences (a plant's alarm is judged by it)
            sb.append(String.format(Locale.ROOT, "%6s %10d %10s %10s %12s%n", plain(c.threshold()), c.predicted(), number(c.precision()),
                    number(c.recall()), negatives == 0 ? "-" : number((double) (c.predicted() - c.truePositives()) / negatives)));
        }
        return sb.append(topKTable()).toString();
    }

    /**
     * The positive class's precision, recall and lift of the k highest-scored sequences ({@link TopK}), a table after the
     * cut-off table.
     */
    String topKTable() {
        if (topK.isEmpty()) {
            return "";
        }
        ClassRanking c = ranking.perClass().get(positive);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nthe k sequences of the highest %s (share %s of %d "
                + "sequences; lift: precision over %.4f, the share of %s; a tie at the k-th probability counts at its share of "
                + "%s)%n", column(positive), quoted(positive), c.positives() + c.negatives(),
                (double) c.positives() / (c.positives() + c.negatives()), quoted(positive), quoted(positive)));
        sb.append(String.format(Locale.ROOT, "%8s %6s %10s %10s %8s%n", "k", "share", "precision", "recall", "lift"));
        for (TopK t : topK) {
            sb.append(String.format(Locale.ROOT, "%8d %6s %10s %10s %8s%s%n", t.k(), t.share() == null ? "" : t.share(),
                    number(t.precision()), number(t.recall()), Double.isNaN(t.lift()) ? "-" : String.format(Locale.ROOT, "%.2f", t.lift()),
                    t.tied() == 0 ? "" : "  (tie of " + t.tied() + ")"));
        }
        return sb.toString();
    }

    /**
     * Adds {@code decision} and {@code ranking} to evaluate's JSON (new keys; the others are left as they were): undefined
     * values are {@code null}, never NaN.
     */
    void addTo(ObjectNode node) {
        ObjectNode d = node.putObject("decision");
        if (decision.argmax()) {
            d.put("rule", "argmax");
        } else {
            d.put("rule", "threshold").put("positive", labels.get(positive)).put("threshold", decision.threshold());
        }
        if (ranking == null) {
            return;
        }
        if (calibration != null) {
            calibrationTo(node.putObject("calibration"));
        }
        ObjectNode r = node.putObject("ranking");
        r.put("method", "each class against the rest, from the predicted probabilities, ties grouped: rocAuc = scikit-learn's "
                + "roc_auc_score (ties count half), averagePrecision = scikit-learn's average_precision_score (not the trapezoidal "
                + "area under the precision-recall curve); macro = the mean over the classes where defined; null = undefined");
        r.setAll((ObjectNode) Json.mapper().valueToTree(ranking));
        if (positive >= 0) {
            ClassRanking c = ranking.perClass().get(positive);
            ObjectNode p = r.putObject("positive");
            p.put("label", labels.get(positive)).put("chosenBy", why);
            putNumber(p, "rocAuc", c.rocAuc());
            putNumber(p, "averagePrecision", c.averagePrecision());
            r.set("cutOffs", Json.mapper().valueToTree(cutOffs));
            if (!topK.isEmpty()) {
                ObjectNode t = r.putObject("topK");
                t.put("method", "the k sequences of the highest probability of the positive class: precision = truePositives / k, "
                        + "recall = truePositives / its sequences, lift = precision / its share of the sequences; k = each share "
                        + "of the sequences, rounded (at least 1), and each --top-k count; sequences tied at the k-th probability "
                        + "across the boundary (tied) count at the positive class's share among them, so truePositives may be "
                        + "fractional");
                t.put("positive", labels.get(positive));
                t.set("rows", Json.mapper().valueToTree(topK));
            }
            if (alarm != null && alarm.positives() > 0) {
                ObjectNode a = node.putObject("alarm");
                a.put("positive", labels.get(positive)).put("threshold", alarm.threshold());
                if (targetRecall != null) {
                    a.put("targetRecall", targetRecall).put("targetShowable", targetRecall <= org.rnnlab.evaluation.metrics.Alarm
                            .bestShowable(alarm.positives()));
                }
                if (targetPrecision != null) {
                    a.put("targetPrecision", targetPrecision).put("reached", true);
                }
                alarmTo(a, alarm);
                putNumber(a, "margin", margin);
                if (above != null) { // what any higher cut-off catches: the target missed (no sequence to spare)
                    a.put("lowestCaughtProbability", lowestCaught()).put("caughtAbove", above.caught())
                            .put("marginBelowLowestCaught", lowestCaught() - alarm.threshold());
                }
                if (!Double.isNaN(notRaised)) { // the other side of the gap the cut-off sits in
                    a.put("highestNotRaisedProbability", notRaised).put("marginAboveHighestNotRaised", alarm.threshold() - notRaised);
                }
                if (alarmByClass != null) {
                    com.fasterxml.jackson.databind.node.ArrayNode byClass = a.putArray("byClass");
                    for (int k = 0; k < labels.size(); k++) {
                        byClass.addObject().put("label", labels.get(k)).put("raised", alarmByClass[k][0])
                                .put("sequences", alarmByClass[k][1]);
                    }
                }
                if (!alarmGroups.isEmpty()) {
                    ObjectNode g = a.putObject("positiveGroups");
                    g.put("column", alarmGroupColumn);
                    com.fasterxml.jackson.databind.node.ArrayNode rows = g.putArray("groups");
                    alarmGroups.forEach(x -> rows.addObject().put("group", x.group()).put("sequences", x.sequences())
                            .put("caught", x.right()));
                }
            } else if (targetPrecision != null && bestPrecision != null) {
                ObjectNode a = node.putObject("alarm");
                a.put("positive", labels.get(positive)).put("targetPrecision", targetPrecision).put("reached", false);
                ObjectNode best = a.putObject("highestPrecision");
                best.put("threshold", bestPrecision.threshold());
                alarmTo(best, bestPrecision);
            }
        }
    }

    /** An alarm's counts, rates and 95% Wilson intervals. */
    private static void alarmTo(ObjectNode a, org.rnnlab.evaluation.metrics.Alarm alarm) {
        a.put("positives", alarm.positives()).put("caught", alarm.caught()).put("negatives", alarm.negatives())
                .put("falseAlarms", alarm.falseAlarms());
        putNumber(a, "recall", alarm.recall());
        a.set("recall95", Json.mapper().valueToTree(alarm.recallInterval()));
        putNumber(a, "falseAlarmRate", alarm.falseAlarmRate());
        a.set("falseAlarmRate95", Json.mapper().valueToTree(alarm.falseAlarmInterval()));
        putNumber(a, "precision", alarm.precision());
        if (alarm.caught() + alarm.falseAlarms() > 0) {
            a.set("precision95", Json.mapper().valueToTree(alarm.precisionInterval()));
        }
    }

    /** {@link #calibration} as evaluate's JSON key {@code calibration} (docs/guide/commands.md: "Calibration"); undefined values are null. */
    private void calibrationTo(ObjectNode c) {
        c.put("method", "brier: mean over sequences of the squared error of the probability vector against the one-hot true class, "
                + "summed over the classes (0 to 2); brierPositive: mean (p - y)^2 of the positive class; ece: expected calibration "
                + "error over " + Calibration.BINS + " equal-width bins of the " + (positive < 0 ? "top-class probability (observed: "
                + "the most probable class is the true one)" : "positive class's probability (observed: the sequence is of it)")
                + ", the mean over sequences of |meanPredicted - observedShare| of their bin; slope and intercept: logistic "
                + "regression of the outcome on logit(p), Newton's method (Van Calster et al. 2019; 1 and 0 if calibrated)");
        putNumber(c, "brier", calibration.brier());
        putNumber(c, "ece", calibration.ece());
        c.put("eceOf", calibration.eceOf());
        // which way the probabilities are off above an ECE of 0.1 (the text's line in words), else null
        c.put("eceDirection", eceDirection());
        if (positive >= 0) {
            c.put("positive", labels.get(positive));
            putNumber(c, "brierPositive", calibration.brierPositive());
            putNumber(c, "meanPredicted", calibration.meanPredicted());
            putNumber(c, "observedShare", calibration.observedShare());
            CalibrationSlope fit = calibration.slope();
            putNumber(c, "slope", fit == null ? Double.NaN : fit.slope());
            putNumber(c, "intercept", fit == null ? Double.NaN : fit.intercept());
            if (fit == null || fit.why() != null) {
                c.put("slopeNotFitted", fit == null ? "nothing scored" : fit.why());
            }
        }
        c.set("reliability", Json.mapper().valueToTree(calibration.bins()));
    }

    /** {@code value}, or {@code null} when undefined (NaN). */
    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    private String each(boolean auc) {
        List<String> out = new ArrayList<>();
        for (ClassRanking c : ranking.perClass()) {
            out.add(EvaluateCommand.display(c.label()) + " " + number(auc ? c.rocAuc() : c.averagePrecision()));
        }
        return String.join(", ", out);
    }

    private String quoted(int c) {
        return LabelCheck.quoted(labels.get(c));
    }

    /** Predict's column of class {@code c}'s probability. */
    private String column(int c) {
        return "p_" + EvaluateCommand.display(labels.get(c));
    }

    private static String number(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.4f", x);
    }

    /** A cut-off as given: 0.3, 0.05, 0.125. */
    private static String plain(double t) {
        return java.math.BigDecimal.valueOf(t).stripTrailingZeros().toPlainString();
    }
}

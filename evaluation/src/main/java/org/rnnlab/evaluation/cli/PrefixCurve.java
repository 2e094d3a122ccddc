package org.rnnlab.evaluation.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.ForwardingSequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.datasets.csv.SequenceScaling;
import org.rnnlab.evaluation.metrics.ClassRanking;
import org.rnnlab.training.Decision;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.Ranking;
import org.rnnlab.training.SequenceClassifier;
import org.rnnlab.training.TrainedLengths;

/**
 * {@code evaluate --prefixes}: an early-classification curve. For each prefix length, every scored sequence is cut to its
 * first k steps and scored through {@link Evaluator} as a sequence of k steps, the path that scores whole sequences (the
 * model's standardiser, temperature and decision rule; a network whose outputs padding changes gets minibatches of one
 * length), so that a prefix scores what {@code predict} gives a file holding only those k steps. The values are cut after
 * they were read, so a missing value was filled by the policy over the whole sequence: exact for {@code error}, {@code
 * zero}, {@code trim} and {@code drop} (which drops the same sequences at every prefix); {@code ffill} and {@code
 * interpolate} may fill a gap at the cut from a later value, which is said ({@link #missingNote}).
 *
 * <p>Prefix lengths are either all fractions of each sequence's own length, 0 &lt; f &lt;= 1, k = ceil(f x length) and at
 * least 1 (computed in decimal, so 0.1 of 30 steps is 3), or all step counts, {@code steps:6,12,24}, where a sequence of
 * fewer steps is scored whole and counted. Refused: text (token) models, whose prefixes of token ids are not texts a user
 * would submit, and models that scale each sequence by the statistics of all its steps ({@code --set sequenceScaling}),
 * whose prefix values cut after reading would carry the statistics of the steps cut off.
 */
final class PrefixCurve {

    /** The syntax, for --help and messages. */
    static final String SYNTAX = "fractions of each sequence's own length, 0 < f <= 1, comma-separated (0.25,0.5,1), or step "
            + "counts after steps: (steps:6,12,24)";

    private PrefixCurve() {
    }

    /**
     * The parsed {@code --prefixes}.
     *
     * @param steps  whether the values are step counts (else fractions)
     * @param values the values in the order given, as written (fractions as decimals, step counts as whole numbers)
     */
    record Prefixes(boolean steps, List<BigDecimal> values) {

        /**
         * Parses {@code --prefixes}: all fractions (0 &lt; f &lt;= 1) or {@code steps:} then whole numbers &gt;= 1; a value of
         * the other kind, out of range, not a number or given twice is refused naming it.
         *
         * @throws IllegalArgumentException naming the value and what was expected
         */
        static Prefixes parse(String given) {
            String text = given.trim();
            boolean steps = text.toLowerCase(Locale.ROOT).startsWith("steps:");
            String list = steps ? text.substring("steps:".length()) : text;
            if (list.isBlank()) {
                throw new IllegalArgumentException("--prefixes " + given + ": no value (expected " + SYNTAX + ")");
            }
            List<BigDecimal> values = new ArrayList<>();
            Set<BigDecimal> seen = new LinkedHashSet<>();
            for (String part : list.split(",", -1)) {
                String v = part.trim();
                if (v.toLowerCase(Locale.ROOT).startsWith("steps:")) {
                    throw new IllegalArgumentException("--prefixes " + given + ": '" + v + "': steps: goes once, before the whole "
                            + "list (steps:6,12,24), and a list is all fractions or all step counts");
                }
                BigDecimal d;
                try {
                    d = new BigDecimal(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--prefixes " + given + ": '" + v + "' is not a number (expected " + SYNTAX + ")");
                }
                if (steps) {
                    if (d.signum() <= 0 || d.stripTrailingZeros().scale() > 0) {
                        throw new IllegalArgumentException("--prefixes " + given + ": '" + v + "' is not a step count (after steps: "
                                + "every value is a whole number of steps, 1 or more; fractions of a sequence's length are given "
                                + "without steps:, e.g. --prefixes 0.25,0.5,1; a list does not mix the two)");
                    }
                    if (d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                        throw new IllegalArgumentException("--prefixes " + given + ": '" + v + "' steps is more than any sequence holds");
                    }
                } else if (d.signum() <= 0 || d.compareTo(BigDecimal.ONE) > 0) {
                    throw new IllegalArgumentException("--prefixes " + given + ": '" + v + "' is not a fraction of a sequence's "
                            + "length (expected 0 < f <= 1, e.g. 0.25,0.5,1" + (d.compareTo(BigDecimal.ONE) > 0
                            && d.stripTrailingZeros().scale() <= 0 ? "; step counts are written after steps:, e.g. --prefixes steps:"
                            + d.toBigInteger() + ", and a list does not mix fractions and step counts" : "") + ")");
                }
                if (!seen.add(d.stripTrailingZeros())) {
                    throw new IllegalArgumentException("--prefixes " + given + ": '" + v + "' is given twice");
                }
                values.add(d);
            }
            return new Prefixes(steps, List.copyOf(values));
        }

        /** The prefix length of value {@code i} for a sequence of {@code length} steps: at most its length, at least 1. */
        int cut(int i, int length) {
            BigDecimal v = values.get(i);
            if (steps) {
                return Math.min(length, v.intValueExact());
            }
            int k = v.multiply(BigDecimal.valueOf(length)).setScale(0, RoundingMode.CEILING).intValueExact();
            return Math.max(1, Math.min(length, k));
        }

        /** Value {@code i} as the table and the JSON name it: {@code 0.25} or {@code 6 steps}. */
        String shown(int i) {
            String v = values.get(i).stripTrailingZeros().toPlainString();
            return steps ? v + (v.equals("1") ? " step" : " steps") : v;
        }
    }

    /**
     * One point of the curve.
     *
     * @param prefix           the value as given ({@link Prefixes#shown})
     * @param fraction         the fraction of each sequence's length, or null for a step count
     * @param steps            the step count, or null for a fraction
     * @param sequences        the sequences scored
     * @param scoredWhole      with a step count, the sequences of at most that many steps, scored whole (0 for fractions)
     * @param minSteps         the fewest steps a scored prefix has
     * @param maxSteps         the most steps a scored prefix has
     * @param untestedShort    the prefixes under half as long as the shortest training sequence (untested lengths,
     *                         {@link TrainedLengths#tooShort})
     * @param accuracy         accuracy
     * @param macroF1          macro-F1
     * @param rocAuc           ROC AUC of the positive class (macro over the classes without one); NaN when undefined
     * @param averagePrecision average precision of the positive class (macro without one); NaN when undefined
     * @param result           the whole evaluation of the prefixes
     */
    record Point(String prefix, Double fraction, Integer steps, int sequences, int scoredWhole, int minSteps, int maxSteps,
                 int untestedShort, double accuracy, double macroF1, double rocAuc, double averagePrecision,
                 EvaluationResult result) {
    }

    /**
     * Why the curve cannot be scored for this model, or null: text (token) models and models that scale each sequence by
     * its own statistics over all its steps.
     */
    static String refusal(SequenceClassifier classifier) {
        if (classifier.readsText() || classifier.card().input().kind() == InputDescription.Kind.TOKENS) {
            return "--prefixes cuts sequences of time steps, and this model reads " + (classifier.readsText() ? "texts" : "token ids")
                    + ": the first tokens of a text are not a text a user submits (a tokenizer's pieces, the length limit); "
                    + "score files of the texts as far as they go with evaluate --input instead";
        }
        CsvSchema schema = classifier.card().dataSchema();
        if (schema != null && schema.sequenceScaling() != null && schema.sequenceScaling() != SequenceScaling.NONE) {
            return "--prefixes cuts sequences after they are read, and this model scales each sequence by the statistics of all "
                    + "its steps (--set sequenceScaling=" + schema.sequenceScaling() + "), which a prefix at prediction time does "
                    + "not have: its prefixes would carry the steps cut off; score files of the prefixes with evaluate --input "
                    + "instead (each is then scaled by its own steps, as predict scales it)";
        }
        return null;
    }

    /**
     * A note for a missing-value policy that fills a gap from later steps ({@code ffill}'s leading gaps, {@code interpolate}):
     * the values are filled before they are cut, so a gap at the cut may take a value after it; null for the others.
     */
    static String missingNote(MissingValues policy) {
        if (policy != MissingValues.FFILL && policy != MissingValues.INTERPOLATE) {
            return null;
        }
        return "--prefixes cuts the sequences after --missing " + policy + " filled them over all their steps: "
                + (policy == MissingValues.INTERPOLATE ? "a gap that runs across the cut is filled on the line to the value after it"
                : "a feature missing from a sequence's start is filled with its first value, which may come after the cut")
                + ", which predict of the prefix alone cannot see; where the data have such gaps, the prefix scores may be a "
                + "little optimistic";
    }

    /**
     * The curve: for each prefix, {@code split} of {@code data} with every sequence cut to it, scored as evaluate scores
     * whole sequences (the same decision rule and temperature); the ranking of class {@code positive}, or the macro
     * ranking when it is -1.
     */
    static List<Point> score(SequenceClassifier classifier, SequenceDataset data, Split split, List<String> ids, Prefixes prefixes,
                             Decision decision, int positive) {
        List<Sequence> whole = data.split(split).examples();
        TrainedLengths trained = TrainedLengths.of(classifier.card());
        int[] actual = whole.stream().mapToInt(Sequence::label).toArray();
        List<Point> points = new ArrayList<>();
        for (int p = 0; p < prefixes.values().size(); p++) {
            List<Sequence> cut = new ArrayList<>(whole.size());
            int scoredWhole = 0;
            int min = Integer.MAX_VALUE;
            int max = 0;
            int untested = 0;
            for (Sequence s : whole) {
                int k = prefixes.cut(p, s.length());
                if (prefixes.steps() && k == s.length()) {
                    scoredWhole++;
                }
                min = Math.min(min, k);
                max = Math.max(max, k);
                untested += trained.tooShort(k) ? 1 : 0;
                cut.add(k == s.length() ? s : new Sequence(Arrays.copyOf(s.values(), k), s.label(), s.tags()));
            }
            SequenceSet set = new SequenceSet(cut);
            SequenceDataset prefixed = new ForwardingSequenceDataset(data) {
                @Override
                public SequenceSet split(Split which) {
                    return which == split ? set : data.split(which);
                }

                @Override
                public SequenceDataset limit(int maxPerSplit) {
                    throw new UnsupportedOperationException("a prefix view is not limited");
                }
            };
            double[][] probabilities = new double[cut.size()][];
            EvaluationResult r = Evaluator.evaluate(classifier.network(), classifier.normalizer(), prefixed, split, ids,
                    new int[cut.size()], decision, probabilities, classifier.card().recalibrates() ? classifier.card()::calibrated : null);
            Ranking ranking = Ranking.of(classifier.labelNames(), actual, probabilities);
            double auc;
            double ap;
            if (positive >= 0) {
                ClassRanking c = ranking.perClass().get(positive);
                auc = c.rocAuc();
                ap = c.averagePrecision();
            } else {
                auc = ranking.macroRocAuc();
                ap = ranking.macroAveragePrecision();
            }
            BigDecimal v = prefixes.values().get(p);
            points.add(new Point(prefixes.shown(p), prefixes.steps() ? null : v.doubleValue(), prefixes.steps() ? v.intValueExact() : null,
                    cut.size(), scoredWhole, cut.isEmpty() ? 0 : min, max, untested, r.accuracy(), r.macroF1(), auc, ap, r));
        }
        return points;
    }

    /**
     * The console table, with a line on sequences scored whole, untested lengths and, for a model trained on whole
     * sequences, where early scores fall below the whole ones, that it was.
     *
     * @param rankedAs what the ranking columns are of ({@code positive class 'x'} or {@code macro})
     * @param prefixTrained whether the model was trained with {@code --augment prefix=R}
     */
    static String table(List<Point> points, String rankedAs, boolean prefixTrained) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nearly classification (--prefixes): every sequence cut to "
                + "its first steps and scored as such; ROC AUC and average precision of %s%n", rankedAs));
        sb.append(String.format(Locale.ROOT, "%-12s %11s %9s %9s %9s %9s %9s %12s%n", "prefix", "steps", "sequences", "accuracy",
                "macro-F1", "ROC AUC", "avg prec", "scored whole"));
        boolean anyWhole = false;
        for (Point p : points) {
            String steps = p.minSteps() == p.maxSteps() ? Integer.toString(p.minSteps()) : p.minSteps() + "-" + p.maxSteps();
            sb.append(String.format(Locale.ROOT, "%-12s %11s %9d %9s %9s %9s %9s %12s%n", p.prefix(), steps, p.sequences(),
                    number(p.accuracy()), number(p.macroF1()), number(p.rocAuc()), number(p.averagePrecision()),
                    p.steps() == null ? "-" : Integer.toString(p.scoredWhole())));
            anyWhole |= p.scoredWhole() > 0;
        }
        if (anyWhole) {
            sb.append("(scored whole: sequences of no more steps than the prefix, scored as they are)\n");
        }
        for (Point p : points) {
            if (p.untestedShort() > 0) {
                sb.append(String.format(Locale.ROOT, "(prefix %s: %d of the %d prefixes are under half as long as the shortest "
                        + "training sequence: lengths the model was not trained or tested on)%n", p.prefix(), p.untestedShort(),
                        p.sequences()));
            }
        }
        Point last = points.stream().filter(p -> p.scoredWhole() == p.sequences() || Double.valueOf(1.0).equals(p.fraction()))
                .findFirst().orElse(null);
        if (!prefixTrained) {
            boolean fallsAway = last != null && points.stream().anyMatch(p -> p != last && p.accuracy() < last.accuracy() - 0.05);
            sb.append(fallsAway
                    ? "(the model was trained on whole sequences: scores on short prefixes fall below those of whole ones; train "
                    + "with --augment prefix=R for sequences still under way)\n"
                    : "(the model was trained on whole sequences, not with --augment prefix=R)\n");
        }
        return sb.toString();
    }

    /** The curve as evaluate's JSON key {@code prefixes}: undefined values are null. */
    static ArrayNode json(List<Point> points, String positiveLabel, boolean prefixTrained) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (Point p : points) {
            ObjectNode o = a.addObject();
            o.put("prefix", p.prefix());
            if (p.fraction() != null) {
                o.put("fraction", p.fraction());
            } else {
                o.putNull("fraction");
            }
            if (p.steps() != null) {
                o.put("steps", p.steps());
            } else {
                o.putNull("steps");
            }
            o.put("sequences", p.sequences()).put("scoredWhole", p.scoredWhole()).put("minSteps", p.minSteps())
                    .put("maxSteps", p.maxSteps()).put("untestedShort", p.untestedShort());
            put(o, "accuracy", p.accuracy());
            put(o, "macroF1", p.macroF1());
            put(o, "rocAuc", p.rocAuc());
            put(o, "averagePrecision", p.averagePrecision());
            if (positiveLabel == null) {
                o.put("rankingOf", "macro");
            } else {
                o.put("rankingOf", positiveLabel);
            }
            o.put("trainedOnPrefixes", prefixTrained);
            o.set("confusion", Json.mapper().valueToTree(p.result().confusion()));
        }
        return a;
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    private static String number(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.4f", x);
    }
}

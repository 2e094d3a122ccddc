package org.rnnlab.datasets.csv;

import org.rnnlab.datasets.LabelCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/**
 * The time steps of the splits of one training file ({@link TimeSpacing} judges the file as a whole): the model's
 * {@link TimeStep} counts the training split's sequences only, and a validation or test split carved from the file (or
 * marked by its split column) whose usual step is more than 10% from the training split's (with several steps in either
 * split, only when its share of some step also differs from the training split's by more than 5 points and than chance,
 * {@link Share}: not an even mix whose commonest step flips on one sequence), or that holds sequences at a step no training
 * sequence has, is warned of. A trial: a carve by group put the one greenhouse logged every 10 min (70 of
 * 280 sequences) in validation, the model trained on 5-minute rows only and its epoch was chosen on 10-minute ones, the
 * only word being the file's "70 of the 280 sequences are sampled at another step", and the card's rates listed both steps
 * as training rates, so that {@code evaluate} told a 10-minute file it matched "the one of 70 sequences" of the training
 * data (trial 73a F1).
 */
final class SplitRates {

    /**
     * The training file's sequences' median steps.
     *
     * @param byId      each sequence's median step by id ({@link TimeSpacing#medianSteps})
     * @param dateTimes whether the time column holds date-times (steps in seconds) or numbers
     * @param pandas    the resampling code for the file's columns, for a step
     */
    record Steps(Map<String, Double> byId, boolean dateTimes, DoubleFunction<String> pandas) {
    }

    /**
     * A held-out split of the training file to judge.
     *
     * @param name      {@code validation} or {@code test}
     * @param sequences its sequences
     * @param how       how it was made, in words ({@code carved by group column 'site'})
     * @param hint      what gives it the training split's steps
     */
    record Part(String name, List<CsvSequence> sequences, String how, String hint) {
    }

    private static final int SHOWN = 3;

    private SplitRates() {
    }

    /**
     * The usual step and rates of {@code sequences} as {@link TimeSpacing#warn} measures a file's (the median step of the
     * most common rate's sequences; every rate when there are several, up to 10), or null when none has a median step.
     */
    static TimeStep of(Steps steps, List<CsvSequence> sequences) {
        List<Double> medians = medians(steps, sequences);
        if (medians.isEmpty()) {
            return null;
        }
        List<double[]> rates = TimeSpacing.rates(medians);
        return new TimeStep(rates.get(0)[0], steps.dateTimes(), rates.size() < 2 ? null : rates.stream().limit(10)
                .map(r -> new TimeStep.Rate(r[0], (long) r[1])).toList());
    }

    private static List<Double> medians(Steps steps, List<CsvSequence> sequences) {
        return sequences.stream().map(q -> steps.byId().get(q.id())).filter(m -> m != null).toList();
    }

    /** Whether {@code step} is within 10% of one of {@code trained}'s steps (its rates, or its one step). */
    private static boolean trainedAt(TimeStep trained, double step) {
        TimeStep at = new TimeStep(step, trained.dateTimes());
        return trained.rates().isEmpty() ? trained.sameRate(at) : trained.rates().stream()
                .anyMatch(r -> new TimeStep(r.step(), trained.dateTimes()).sameRate(at));
    }

    /**
     * The warning for {@code part} against the training split ({@code train}), or null when its usual step is within 10% of
     * the training split's and each of its rates is one of the training split's.
     */
    static String warning(Steps steps, List<CsvSequence> train, Part part, String timeColumn) {
        TimeStep trained = of(steps, train);
        TimeStep held = of(steps, part.sequences());
        if (trained == null || held == null) {
            return null;
        }
        List<Double> medians = medians(steps, part.sequences());
        List<double[]> absent = TimeSpacing.rates(medians).stream().filter(r -> !trainedAt(trained, r[0])).toList();
        boolean dateTimes = steps.dateTimes();
        boolean mixed = !trained.rates().isEmpty() || !held.rates().isEmpty();
        // a usual step other than the training split's, with a mix of steps in either split, only when the splits' shares of
        // some step differ beyond chance: the usual step flips on one sequence of an even mix (trial 76d F9: 62/63, 34/28 and
        // 31/30 sequences every 30 s / 1 min were told "sampled at another step", and its remedies changed nothing)
        List<Share> shares = mixed ? shares(medians(steps, train), medians) : List.of();
        boolean differs = !trained.sameRate(held) && (!mixed || shares.stream().anyMatch(Share::beyondNoise));
        if (!differs && absent.isEmpty()) {
            return null;
        }
        long trainJudged = medians(steps, train).size();
        String trainSteps = trained.rates().isEmpty() ? trainJudged + " sequences every " + trained.describe()
                : trained.describeRates();
        String example = part.sequences().stream().filter(q -> {
            Double m = steps.byId().get(q.id());
            return m != null && !trainedAt(trained, m);
        }).findFirst().map(q -> LabelCheck.quoted(q.id()) + " every " + TimeSpacing.step(steps.byId().get(q.id()), dateTimes))
                .orElse(null);
        long away = absent.stream().mapToLong(r -> (long) r[1]).sum();
        String each = absent.stream().limit(SHOWN).map(r -> String.format(Locale.ROOT, "%d every %s", (long) r[1],
                TimeSpacing.step(r[0], dateTimes))).collect(Collectors.joining(", ")) + (absent.size() > SHOWN ? ", and "
                + (absent.size() - SHOWN) + " more steps" : "");
        // a step training lacks is told as before; other shares of the training split's own steps by their shares
        String what = differs && mixed && absent.isEmpty() ? "is sampled at other steps in other shares than the training split, in the time "
                + "column " + timeColumn + " (each sequence by its median step): " + describeShares(shares, true, dateTimes)
                + " of its sequences, against " + describeShares(shares, false, dateTimes) + " of the training split's"
                : differs ? "is sampled at another step than the training split: its rows are " + held.describe()
                + " apart in the time column " + timeColumn + " (the median step of its sequences), the training split's "
                + trained.describe() + " apart (" + trainSteps + ")"
                : "holds sequences at a step the training split has none of: its rows are " + held.describe() + " apart in the "
                + "time column " + timeColumn + " (the median step of its sequences), as the training split's are (" + trainSteps + ")";
        String none = away == 0 ? "" : "; " + away + " of its " + medians.size() + " sequences are at a step no training sequence "
                + "has (" + each + (example == null ? "" : ", e.g. " + example) + ")";
        String purpose = part.name().equals("validation") ? "the epoch kept is chosen on" : "the test scores are measured on";
        return "the " + part.name() + " split (" + part.how() + ": " + part.sequences().size() + " sequences) " + what + none
                + ". The model learns one row per step from the training split only, so " + purpose + " steps that mean "
                + "another time than in training" + (away == 0 ? "" : ", some at a step it never trained on") + "; " + part.hint() + ", or resample the file to "
                + "one rate first (pandas, to one row every " + trained.describe() + ": " + steps.pandas().apply(trained.value())
                + ")";
    }

    /**
     * One step's share of the training split's sequences and of a held-out split's.
     *
     * @param step      the step (the median of its sequences' median steps, over both splits)
     * @param train     the training split's sequences at it
     * @param trainAll  the training split's sequences with a median step
     * @param held      the held-out split's sequences at it
     * @param heldAll   the held-out split's sequences with a median step
     */
    record Share(double step, long train, long trainAll, long held, long heldAll) {

        /** Shares that differ by at most this much agree whatever the counts. */
        static final double FEW_PERCENT = 0.05;

        double trainShare() {
            return trainAll == 0 ? 0 : (double) train / trainAll;
        }

        double heldShare() {
            return heldAll == 0 ? 0 : (double) held / heldAll;
        }

        /**
         * Whether the two shares differ by more than {@link #FEW_PERCENT} and by more than two standard errors of the difference
         * of two binomial shares drawn from one mix (the pooled share p, {@code 2 sqrt(p (1-p) (1/n1 + 1/n2))}): splits drawn
         * from one half-and-half file differ by a sequence or two, which is no other mix.
         */
        boolean beyondNoise() {
            double diff = Math.abs(trainShare() - heldShare());
            if (trainAll == 0 || heldAll == 0) {
                return false;
            }
            double p = (double) (train + held) / (trainAll + heldAll);
            double bound = 2 * Math.sqrt(p * (1 - p) * (1.0 / trainAll + 1.0 / heldAll));
            return diff > FEW_PERCENT && diff > bound;
        }
    }

    /**
     * Each step's share of {@code train} and of {@code held} (sequences' median steps), the steps binned as {@link
     * TimeSpacing#rates} bins them over both splits together, the held-out split's commonest first.
     */
    static List<Share> shares(List<Double> train, List<Double> held) {
        List<Double> all = new ArrayList<>(train);
        all.addAll(held);
        List<Share> out = new ArrayList<>();
        for (double[] r : TimeSpacing.rates(all)) {
            long t = train.stream().filter(m -> m >= r[2] && m <= r[3]).count();
            long h = held.stream().filter(m -> m >= r[2] && m <= r[3]).count();
            out.add(new Share(r[0], t, train.size(), h, held.size()));
        }
        out.sort(java.util.Comparator.comparingLong((Share s) -> -s.held()).thenComparingLong(s -> -s.train()));
        return out;
    }

    /** {@code 31 every 30 s (51%), 30 every 1 min (49%)}: the held-out split's ({@code held}) or the training split's. */
    private static String describeShares(List<Share> shares, boolean held, boolean dateTimes) {
        return shares.stream().limit(SHOWN + 1L).map(s -> String.format(Locale.ROOT, "%d every %s (%.0f%%)", held ? s.held() : s.train(),
                TimeSpacing.step(s.step(), dateTimes), 100 * (held ? s.heldShare() : s.trainShare())))
                .collect(Collectors.joining(", ")) + (shares.size() > SHOWN + 1 ? ", and " + (shares.size() - SHOWN - 1) + " more steps" : "");
    }

    /** Whether a logged message is one of {@link #warning}'s (a comparison that cross-validates pools the splits). */
    static boolean isWarning(String message) {
        return message.startsWith("csv ") && (message.contains(" split (carved ") || message.contains(" split (marked by the split column "))
                && (message.contains(") is sampled at another step than the training split: ")
                || message.contains(") is sampled at other steps in other shares than the training split, ")
                || message.contains(") holds sequences at a step the training split has none of: "));
    }

    /** The warnings of {@link #warning} for each of {@code parts}, in order. */
    static List<String> warnings(Steps steps, List<CsvSequence> train, List<Part> parts, String timeColumn) {
        List<String> out = new ArrayList<>();
        for (Part part : parts) {
            if (part.sequences() != null && !part.sequences().isEmpty()) {
                String w = warning(steps, train, part, timeColumn);
                if (w != null) {
                    out.add(w);
                }
            }
        }
        return out;
    }
}

package org.rnnlab.training;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.datasets.SequenceBatchIterator;
import org.rnnlab.datasets.SequenceDataset;

/**
 * The learning-rate range test of Smith (2017, "Cyclical Learning Rates for Training Neural Networks", WACV):
 * trains a fresh network for a number of minibatches while the learning rate grows exponentially from a
 * minimum to a maximum, records the loss after each, and suggests a rate from the smoothed loss curve.
 * The network is built and fed as {@link Trainer#train} builds and feeds it (same spec adaptation,
 * normaliser, minibatch order, augmentation and per-iteration seeds), so the sweep is deterministic for
 * a seed; it is thrown away afterwards, and nothing is written.
 */
public final class LearningRateFinder {
    /** Smoothing factor of the exponential moving average of the loss. */
    public static final double BETA = 0.98;
    /** The sweep stops when the smoothed loss exceeds this multiple of its minimum. */
    public static final double DIVERGENCE_FACTOR = 4.0;
    public static final int DEFAULT_STEPS = 100;
    public static final double DEFAULT_MIN = 1e-5;
    public static final double DEFAULT_MAX = 1.0;

    static final String MINIMUM = "a tenth of the rate at the minimum smoothed loss";

    /**
     * Fewest steps for which the smoothed loss follows the sweep: the moving average weighs about {@code 1/(1-BETA)} = 50
     * minibatches, so over fewer than twice that it lags behind the loss by much of the sweep (a trial user's 40 steps
     * ended with a smoothed loss still falling while the raw losses had risen fourfold).
     */
    public static final int MIN_SMOOTHED_STEPS = (int) Math.round(2 / (1 - BETA));

    /** A raw loss this many times the lowest of the sweep's last quarter is a rise, not noise. */
    static final double RISE_FACTOR = 1.25;

    /** How far to sweep: {@code steps} minibatches from rate {@code min} to {@code max}. */
    public record Range(int steps, double min, double max) {
        public Range {
            if (steps < 2) {
                throw new IllegalArgumentException("steps must be at least 2, not " + steps);
            }
            if (!(min > 0) || !Double.isFinite(min) || !(max > min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("the rates must satisfy 0 < min < max (finite), not min " + min + ", max " + max);
            }
        }

        public static Range defaults() {
            return new Range(DEFAULT_STEPS, DEFAULT_MIN, DEFAULT_MAX);
        }

        /** The rate of step {@code i} (0 first): {@code min * (max/min)^(i/(steps-1))}. */
        public double rate(int i) {
            return i == steps - 1 ? max : min * Math.pow(max / min, (double) i / (steps - 1));
        }
    }

    /** A suggested rate and the rule that gave it. */
    public record Suggestion(double rate, String reason) {
    }

    private LearningRateFinder() {
    }

    /**
     * Sweeps the rate over {@code range} on a fresh network for {@code spec} (adapted to {@code data}), with the
     * minibatch size, seed and augmentation of {@code config}; cycles the training split when it has fewer
     * minibatches than steps. Stops early when the loss is not finite or the smoothed loss exceeds
     * {@value #DIVERGENCE_FACTOR} times its minimum.
     *
     * @throws IllegalStateException if the loss is not finite already at the first (lowest) rate
     */
    public static LearningRateSweep sweep(ModelSpec spec, TrainingConfig config, SequenceDataset data, Range range) {
        ModelSpec adapted = Trainer.adaptTo(spec, data);
        Trainer.requireAugmentableInput(adapted, config, data);
        MultiLayerNetwork net = NetworkFactory.build(adapted, data.input().featureCount(), data.classCount());
        Trainer.Batches batches = Trainer.Batches.of(data, config);
        SequenceBatchIterator train = batches.train();
        if (train.batchesPerEpoch() == 0) {
            throw new IllegalArgumentException("dataset " + data.name() + " has no training sequences to sweep the learning rate on");
        }
        List<Double> rates = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Double> smoothed = new ArrayList<>();
        double average = 0;
        double best = Double.POSITIVE_INFINITY;
        int epoch = 0;
        int batchInEpoch = 0;
        train.setEpoch(epoch);
        for (int i = 0; i < range.steps(); i++) {
            if (!train.hasNext()) {
                train.setEpoch(++epoch);
                batchInEpoch = 0;
            }
            double rate = range.rate(i);
            NetworkFactory.setLearningRate(net, rate);
            Nd4j.getRandom().setSeed(Trainer.iterationSeed(config.seed(), i));
            DataSet batch = train.next();
            Augmenter.apply(config.augmentation(), batch, config.seed(), epoch + 1, batchInEpoch++);
            double penalty = net.calcRegularizationScore(true); // the cross-entropy alone, as Trainer reports it
            net.fit(batch);
            double loss = net.score() - penalty;
            if (!Double.isFinite(loss)) {
                break;
            }
            average = BETA * average + (1 - BETA) * loss;
            double s = average / (1 - Math.pow(BETA, i + 1));
            rates.add(rate);
            losses.add(loss);
            smoothed.add(s);
            best = Math.min(best, s);
            if (!Double.isFinite(s) || s > DIVERGENCE_FACTOR * best) {
                break;
            }
        }
        if (rates.isEmpty()) {
            throw new IllegalStateException("the loss was not finite already at the lowest rate " + range.min()
                    + ": lower the minimum of the range");
        }
        Suggestion suggestion = suggest(rates, losses, smoothed);
        return new LearningRateSweep(rates, losses, smoothed, suggestion.rate(), suggestion.reason());
    }

    /**
     * A tenth of the rate at the minimum smoothed loss (the rule of Smith 2017 and of fastai's {@code lr_min}): the
     * largest rate at which the loss still falls, with a margin. The steepest descent of the smoothed loss, the other
     * common rule, was tried first and dropped: a model that learns from its first minibatches at any rate (HAR with
     * Adam) falls fastest at the very start of the sweep, and the rule then suggested the bottom of the range (1.1e-5
     * for the har recipe, whose measured good rate is 5e-3; this rule gives 1.1e-2).
     */
    public static Suggestion suggest(List<Double> rates, List<Double> smoothed) {
        return suggest(rates, smoothed, smoothed);
    }

    /**
     * The warning for a sweep of {@code steps} minibatches too few for the smoothing ({@link #MIN_SMOOTHED_STEPS}), or
     * empty.
     */
    public static java.util.Optional<String> fewStepsWarning(int steps) {
        if (steps >= MIN_SMOOTHED_STEPS) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "%d steps are too few for the smoothing: the smoothed "
                + "loss averages about %d minibatches (beta %s), so over fewer than %d steps it lags behind the loss by much of the "
                + "sweep and its minimum comes late; give --find-lr-steps %d or more", steps, Math.round(1 / (1 - BETA)), BETA,
                MIN_SMOOTHED_STEPS, MIN_SMOOTHED_STEPS));
    }

    /**
     * As {@link #suggest(List, List)}, with the raw losses: at a minimum of the smoothed loss at the sweep's last rate, the
     * loss is said to be still falling only when the raw losses did not rise at the end (the lowest raw loss of the
     * sweep's last quarter times {@link #RISE_FACTOR} or more at the last rate); when they rose, the smoothing lagged.
     */
    public static Suggestion suggest(List<Double> rates, List<Double> losses, List<Double> smoothed) {
        if (losses.size() != rates.size()) {
            throw new IllegalArgumentException("need as many losses as rates: " + rates.size() + " rates, " + losses.size() + " losses");
        }
        if (rates.isEmpty() || rates.size() != smoothed.size()) {
            throw new IllegalArgumentException("need as many smoothed losses as rates, and at least one: " + rates.size() + " rates, "
                    + smoothed.size() + " losses");
        }
        int min = 0;
        for (int i = 1; i < smoothed.size(); i++) {
            if (smoothed.get(i) < smoothed.get(min)) {
                min = i;
            }
        }
        if (min == smoothed.size() - 1 && min > 0) {
            int last = losses.size() - 1;
            int low = last - 1; // the lowest raw loss of the last quarter (at least 3 steps) before the last rate
            for (int i = Math.max(0, last - Math.max(3, losses.size() / 4)); i < last; i++) {
                low = losses.get(i) < losses.get(low) ? i : low;
            }
            if (losses.get(last) >= RISE_FACTOR * losses.get(low)) {
                return new Suggestion(rates.get(min) / 10, String.format(java.util.Locale.ROOT, "%s, which is at the sweep's last "
                        + "rate, but the raw loss rose at the end (%.3g at %.1e, %.3g at %.1e): the smoothed loss, an average of "
                        + "about %d minibatches, lags behind it over %d steps, so the minimum lies earlier than it says; give more "
                        + "steps (--find-lr-steps %d or more)", MINIMUM, losses.get(low), rates.get(low), losses.get(last),
                        rates.get(last), Math.round(1 / (1 - BETA)), rates.size(), Math.max(MIN_SMOOTHED_STEPS, 2 * rates.size())));
            }
            return new Suggestion(rates.get(min) / 10, MINIMUM + ", which is at the sweep's last rate: the loss was still falling"
                    + " there, so a larger rate may do better; widen the range (--find-lr-range MIN:MAX) to see where it turns");
        }
        if (smoothed.size() > 1 && rates.get(min) / 10 < rates.get(0)) {
            // a minimum at (or near) the sweep's start: a tenth of it lies below the range tried, a rate the sweep never saw;
            // at the first rate the loss never fell below its start (a range that starts too high, or too few minibatches)
            return new Suggestion(rates.get(min) / 10, MINIMUM + (min == 0
                    ? ", which is at the sweep's first rate: the loss never fell below its start, so this is below the range tried"
                    : ", which is near the sweep's first rate, so this is below the range tried")
                    + " and untested; start the range lower (--find-lr-range MIN:MAX) or give it more steps (--find-lr-steps)");
        }
        return new Suggestion(rates.get(min) / 10, MINIMUM);
    }
}

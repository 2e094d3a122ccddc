package org.rnnlab.evaluation.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The allowed values of every numeric option that has limits, in one place: the check that refuses a value and the line
 * its {@code --help} shows come from the same {@link Allowed}, so they cannot drift apart (limits such as {@code --lr} at
 * most 10 were said only by the error, after a user's run was refused). {@link Main#commandLine()} renders {@link #of} under
 * each option's description; {@code HelpListsTest} checks that every one listed here is shown.
 */
final class OptionRanges {
    private OptionRanges() {
    }

    /**
     * An option's allowed values: {@code [low, high]} with each end open or closed; integers when {@code integer}.
     * An end at infinity (or {@link Integer#MAX_VALUE}) is no limit.
     */
    record Allowed(String option, double low, boolean lowInclusive, double high, boolean highInclusive, boolean integer) {

        /** The --help line: {@code allowed: 1 to 65536}, {@code allowed: >= 0}, {@code allowed: > 0 and <= 10}. */
        String text() {
            boolean bounded = !(integer ? high >= Integer.MAX_VALUE : Double.isInfinite(high));
            if (integer) {
                return "allowed: " + (bounded ? (long) low + " to " + (long) high : (long) low + " or more");
            }
            return "allowed: " + (lowInclusive ? ">= " : "> ") + number(low) + (bounded ? " and " + (highInclusive ? "<= " : "< ")
                    + number(high) : "");
        }

        /** Refuses an integer {@code value} outside the range (nothing when not given), as a usage error naming the option. */
        void check(CommandLine cl, Integer value) {
            if (value != null && (value < low || value > high)) {
                throw new CommandLine.ParameterException(cl, option + " must be " + (high >= Integer.MAX_VALUE ? ">= " + (long) low
                        : "in [" + (long) low + ", " + (long) high + "]") + ", got " + value);
            }
        }

        /** Refuses a {@code value} that is not finite or is outside the range (nothing when not given). */
        void check(CommandLine cl, Double value) {
            if (value != null && (!Double.isFinite(value) || (lowInclusive ? value < low : value <= low)
                    || (highInclusive ? value > high : value >= high))) {
                throw new CommandLine.ParameterException(cl, option + " must be a finite number " + text().substring("allowed: ".length())
                        + ", got " + value);
            }
        }

        private static String number(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
        }
    }

    static Allowed ints(String option, int min, int max) {
        return new Allowed(option, min, true, max, true, true);
    }

    static Allowed reals(String option, double low, boolean lowInclusive, double high, boolean highInclusive) {
        return new Allowed(option, low, lowInclusive, high, highInclusive, false);
    }

    // BudgetOptions (train, compare)
    static final Allowed EPOCHS = ints("--epochs", 1, 100_000);
    static final Allowed BATCH = ints("--batch", 1, 65_536);
    static final Allowed HIDDEN = ints("--hidden", 1, 100_000);
    static final Allowed LAYERS = ints("--layers", 1, 100);
    static final Allowed PATIENCE = ints("--patience", 0, Integer.MAX_VALUE);
    static final Allowed LR = reals("--lr", 0, false, 10, true);
    static final Allowed DROPOUT = reals("--dropout", 0, true, 1, false);
    static final Allowed WEIGHT_DECAY = reals("--weight-decay", 0, true, 1, false);
    static final Allowed EMBEDDING = ints("--embedding", 1, 65_536);
    // DatasetOptionsMixin
    static final Allowed LIMIT = ints("--limit", 0, Integer.MAX_VALUE);
    // train
    static final Allowed FIND_LR_STEPS = ints("--find-lr-steps", 2, 100_000);
    static final Allowed CHECKPOINT_EVERY = ints("--checkpoint-every", 0, Integer.MAX_VALUE);
    static final Allowed CHECKPOINT_MINUTES = reals("--checkpoint-minutes", 0, true, Double.POSITIVE_INFINITY, false);
    static final Allowed UI_PORT = ints("--ui-port", 1, 65_535);
    // compare
    static final Allowed SEEDS = ints("--seeds", 1, 1000);
    static final Allowed PROBE = ints("--probe", 0, Integer.MAX_VALUE);
    static final Allowed CV = ints("--cv", 2, 100);
    static final Allowed TUNE = ints("--tune", 1, 1000);
    static final Allowed TUNE_ETA = ints("--tune-eta", 2, 10);
    // gradients
    static final Allowed STEPS = ints("--steps", 3, 100_000);
    static final Allowed GRADIENTS_HIDDEN = ints("--hidden", 1, org.rnnlab.core.bptt.SpectralSweep.Config.MAX_HIDDEN);
    static final Allowed FEATURES = ints("--features", 1, 4096);
    static final Allowed GRADIENTS_BATCH = ints("--batch", 1, 100_000);
    static final Allowed TRAIN_STEPS = ints("--train-steps", 1, 1_000_000);
    static final Allowed SPECTRAL_RADIUS = reals("--spectral-radius", 0, false, Double.POSITIVE_INFINITY, false);
    // predict
    static final Allowed DIGITS = ints("--digits", 1, 17);
    // evaluate
    static final Allowed THRESHOLD = reals("--threshold", 0, false, 1, false);
    // bench
    static final Allowed ANALYSIS_STEPS = ints("--analysis-steps", 1, 100_000);
    static final Allowed ANALYSIS_HIDDEN = ints("--analysis-hidden", 1, 65_536);
    static final Allowed REPEATS = ints("--repeats", 1, 1000);
    static final Allowed ROUNDS = ints("--rounds", 1, Integer.MAX_VALUE);
    static final Allowed LATENCY_CALLS = ints("--latency-calls", 1, 100_000_000);
    static final Allowed LATENCY_WARMUP = ints("--latency-warmup", 0, 100_000_000);
    static final Allowed LATENCY_STEPS = ints("--latency-steps", 1, 100_000);
    // serve
    static final Allowed PORT = ints("--port", 0, 65_535);
    static final Allowed MAX_BATCH = ints("--max-batch", 1, Integer.MAX_VALUE);
    static final Allowed MAX_SEQUENCES = ints("--max-sequences", 1, Integer.MAX_VALUE);
    static final Allowed MAX_LENGTH = ints("--max-length", 1, Integer.MAX_VALUE);
    static final Allowed MAX_CONCURRENT = ints("--max-concurrent", 1, Integer.MAX_VALUE);
    static final Allowed MAX_WAITING = ints("--max-waiting", 0, Integer.MAX_VALUE);

    /** The ranged options by the class that declares them (a mixin's serve every command that has it). */
    static final Map<Class<?>, List<Allowed>> BY_CLASS = Map.of(
            BudgetOptions.class, List.of(EPOCHS, BATCH, HIDDEN, LAYERS, PATIENCE, LR, DROPOUT, WEIGHT_DECAY, EMBEDDING),
            DatasetOptionsMixin.class, List.of(LIMIT),
            TrainCommand.class, List.of(FIND_LR_STEPS, CHECKPOINT_EVERY, CHECKPOINT_MINUTES, UI_PORT),
            CompareCommand.class, List.of(SEEDS, PROBE, CV, TUNE, TUNE_ETA),
            GradientsCommand.class, List.of(STEPS, GRADIENTS_HIDDEN, FEATURES, GRADIENTS_BATCH, TRAIN_STEPS, SPECTRAL_RADIUS),
            PredictCommand.class, List.of(DIGITS, THRESHOLD),
            EvaluateCommand.class, List.of(THRESHOLD),
            BenchCommand.class, List.of(ANALYSIS_STEPS, ANALYSIS_HIDDEN, REPEATS, ROUNDS, LATENCY_CALLS, LATENCY_WARMUP, LATENCY_STEPS),
            ServeCommand.class, List.of(PORT, MAX_BATCH, MAX_SEQUENCES, MAX_LENGTH, MAX_CONCURRENT, MAX_WAITING, THRESHOLD));

    /** The allowed values of an option as its declaring class registers them, if it has limits. */
    static Optional<Allowed> of(CommandLine.Model.OptionSpec option) {
        Object element = option.userObject();
        if (!(element instanceof java.lang.reflect.Member member)) {
            return Optional.empty();
        }
        return BY_CLASS.getOrDefault(member.getDeclaringClass(), List.of()).stream()
                .filter(a -> List.of(option.names()).contains(a.option())).findFirst();
    }
}

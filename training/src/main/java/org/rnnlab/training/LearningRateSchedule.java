package org.rnnlab.training;

import java.util.Locale;

/**
 * How the learning rate changes over epochs; a pure function of the epoch, so resumed runs follow it exactly.
 *
 * @param kind   CONSTANT, STEP or COSINE
 * @param every  STEP: multiply by {@code factor} every this many epochs (>= 1)
 * @param factor STEP: the multiplier, in (0, 1]
 */
public record LearningRateSchedule(Kind kind, int every, double factor) {

    /** The schedule kinds. */
    public enum Kind {
        /** The spec's learning rate throughout. */
        CONSTANT,
        /** lr * factor^floor((epoch - 1) / every). */
        STEP,
        /** Cosine annealing from lr at epoch 1 to 0 after the last epoch (Loshchilov and Hutter 2017, without restarts). */
        COSINE
    }

    public LearningRateSchedule {
        if (kind == null) {
            throw new IllegalArgumentException("LearningRateSchedule.kind must be CONSTANT, STEP or COSINE, got null");
        }
        if (every < 1) {
            throw new IllegalArgumentException("LearningRateSchedule.every must be >= 1, got " + every);
        }
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("LearningRateSchedule.factor must be in (0, 1], got " + factor);
        }
    }

    /** The constant schedule. */
    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(Kind.CONSTANT, 1, 1.0);
    }

    /** Parses {@code constant}, {@code cosine} or {@code step:EVERY:FACTOR} (e.g. {@code step:10:0.5}). */
    public static LearningRateSchedule parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            return switch (parts[0]) {
                case "constant" -> constant();
                case "cosine" -> new LearningRateSchedule(Kind.COSINE, 1, 1.0);
                case "step" -> new LearningRateSchedule(Kind.STEP, parts.length > 1 ? Integer.parseInt(parts[1]) : 10,
                        parts.length > 2 ? Double.parseDouble(parts[2]) : 0.5);
                default -> throw new IllegalArgumentException("unknown learning-rate schedule '" + text
                        + "', expected constant, cosine or step:EVERY:FACTOR");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("learning-rate schedule '" + text + "': EVERY must be a whole number and FACTOR a number");
        }
    }

    /** The learning rate of epoch {@code epoch} (1 first) of {@code epochs}, from the base rate. */
    public double rate(double base, int epoch, int epochs) {
        return switch (kind) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(factor, (epoch - 1) / every);
            case COSINE -> base * 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / epochs));
        };
    }
}

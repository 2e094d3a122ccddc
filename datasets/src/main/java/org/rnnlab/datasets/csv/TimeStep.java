package org.rnnlab.datasets.csv;

/**
 * The usual time between two rows of the training data's sequences (the median over sequences of each one's median
 * step), stored with a model's {@link CsvSchema} so that new data sampled at another rate are said to be, not read as if
 * each of their rows were a step of the training rate (a model trained at 100 Hz reads 50 Hz data as motion twice as
 * fast).
 *
 * @param value     the step: seconds for date-times, the time column's own units for numbers; as the times were written
 *                  ({@link #rounded}: 0.04, not 0.0399999619)
 * @param dateTimes whether the time column held date-times (else numbers)
 * @param rates     when the training data were sampled at several steps, each of them with its count of sequences, the
 *                  most common first (empty for one step; absent from models saved before, read as empty: a test
 *                  file at one of them was told to resample to {@code value}, trial 72b F1)
 * @param offsets   for date-times, whether they had an offset (instants: {@code 2026-10-25T02:15:00+02:00}) or not (local
 *                  wall-clock times); null for numbers and in models saved before it was recorded. New data of the other
 *                  kind are read as written, and said to be (trial 79c F6: a model trained on offset times predicted a file
 *                  of local times without a word, where a file of another zone would pass as well)
 */
public record TimeStep(double value, boolean dateTimes, java.util.List<Rate> rates, Boolean offsets) {

    /**
     * One of the training data's steps.
     *
     * @param step      the median step of its sequences, in {@link TimeStep#value}'s units
     * @param sequences how many sequences were sampled at it
     */
    public record Rate(double step, long sequences) {
    }

    public TimeStep {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("TimeStep.value must be a positive number, got " + value);
        }
        value = rounded(value, dateTimes);
        boolean times = dateTimes;
        rates = rates == null || rates.size() < 2 ? java.util.List.of() : rates.stream()
                .map(r -> new Rate(rounded(r.step(), times), r.sequences())).toList();
        offsets = dateTimes ? offsets : null;
    }

    /** Without the kind of date-times recorded ({@link #offsets} null). */
    public TimeStep(double value, boolean dateTimes, java.util.List<Rate> rates) {
        this(value, dateTimes, rates, null);
    }

    /** The same step with {@link #offsets} (kept through the carve's measure of the training split, {@code SplitRates}). */
    public TimeStep withOffsets(Boolean withOffsets) {
        return new TimeStep(value, dateTimes, rates, withOffsets);
    }

    /**
     * A measured step as the times were written: date-times' steps to the nearest microsecond (a step of times read as
     * epoch seconds in binary is off by up to a quarter of one: 0.04 s was stored as 0.0399999619, trial 73c F5), then
     * (both kinds) the shortest decimal within a millionth of it, else 9 significant digits (a median of differences of
     * decimals such as 0.004 is 0.0040000000000000036 in binary). Models saved before are read through it too, so the
     * pandas code and the ONNX metadata say 0.04.
     */
    static double rounded(double value, boolean dateTimes) {
        if (!(value > 0) || Double.isInfinite(value)) {
            return value;
        }
        double v = dateTimes && value >= 1e-3 ? Math.round(value * 1e6) / 1e6 : value;
        java.math.BigDecimal exact = new java.math.BigDecimal(v);
        for (int digits = 1; digits < 9; digits++) {
            double shorter = exact.round(new java.math.MathContext(digits)).doubleValue();
            if (Math.abs(shorter - v) <= 1e-6 * v) {
                return shorter;
            }
        }
        return exact.round(new java.math.MathContext(9)).doubleValue();
    }

    /**
     * As a model's card is read: {@code rates} and {@code offsets} absent in cards saved before they were recorded (injected
     * as null, as {@link CsvSchema}'s later fields are).
     */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static TimeStep read(@com.fasterxml.jackson.annotation.JsonProperty("value") double value,
                                @com.fasterxml.jackson.annotation.JsonProperty("dateTimes") boolean dateTimes,
                                @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                        useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                @com.fasterxml.jackson.annotation.JsonProperty("rates") java.util.List<Rate> rates,
                                @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                        useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                @com.fasterxml.jackson.annotation.JsonProperty("offsets") Boolean offsets) {
        return new TimeStep(value, dateTimes, rates, offsets);
    }

    /** One step (the training data at one rate). */
    public TimeStep(double value, boolean dateTimes) {
        this(value, dateTimes, null, null);
    }

    /** The rate of {@link #rates} that {@code other} is within 10% of, if any. */
    java.util.Optional<Rate> matching(TimeStep other) {
        return rates.stream().filter(r -> new TimeStep(r.step(), dateTimes).sameRate(other)).findFirst();
    }

    /** {@link #rates} in words: {@code 100 sequences every 312.5, 100 every 625}. */
    String describeRates() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rates.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(rates.get(i).sequences()).append(i == 0 ? " sequences" : "").append(" every ")
                    .append(TimeSpacing.step(rates.get(i).step(), dateTimes));
        }
        return out.toString();
    }

    /** The step as a duration (date-times: s, min, h, d) or a number as written. */
    public String describe() {
        return TimeSpacing.step(value, dateTimes);
    }

    /**
     * Whether {@code other} is this step within 10% (the rate {@link TimeSpacing} calls the same), or not comparable
     * (one of date-times, the other of numbers: {@link TimeSpacing} compares those as seconds, and says so).
     */
    boolean sameRate(TimeStep other) {
        if (other.dateTimes != dateTimes) {
            return true;
        }
        double ratio = other.value / value;
        return ratio <= 1.1 && ratio >= 1 / 1.1;
    }
}

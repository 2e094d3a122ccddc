package org.rnnlab.datasets.csv;

/**
 * The usual time between two rows of the training data's sequences (the median over sequences of each one's median
 * step), stored with a model's {@link CsvSchema} so that new data sampled at another rate are said to be, not read as if
 * each of their rows were a step of the training rate (a model trained at 100 Hz reads 50 Hz data as motion twice as
 * fast).
 *
 * @param value     the step: seconds for date-times, the time column's own units for numbers; kept to 9 significant digits
 *                  (a median of differences of decimals such as 0.004 is 0.0040000000000000036 in binary)
 * @param dateTimes whether the time column held date-times (else numbers)
 */
public record TimeStep(double value, boolean dateTimes) {

    public TimeStep {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("TimeStep.value must be a positive number, got " + value);
        }
        value = new java.math.BigDecimal(value).round(new java.math.MathContext(9)).doubleValue();
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

package org.rnnlab.evaluation.gradients;

/**
 * The size of the loss gradient that reaches the input at one time step.
 *
 * @param model       the model's name, e.g. {@code lstm-32} or {@code vanilla-bptt-32}
 * @param t           time step, 0-based
 * @param distance    T-1-t: steps between this input and the step the loss reads
 * @param gradNorm    arithmetic mean over the batch of the per-example ||dl_b/dx_{b,t}||_2 (what {@code compare} records per
 *                    run in results.json)
 * @param geoMean     geometric mean over the batch of the same norms, the value the {@code gradients} chart and tables show:
 *                    norms that span decades far from the last step make the arithmetic mean the few largest examples' value
 *                    (a trial: at distance 63 the largest of 32 sequences was 40% of it); of the examples whose norm is
 *                    not exactly 0 (an underflow to 0 of one sequence would make it 0 and drop the point from the log-scale
 *                    chart: {@code min} shows such a 0), 0 only when every example's norm is 0
 * @param min         the smallest example's norm (the chart's band)
 * @param max         the largest example's norm
 */
public record GradientFlowRow(String model, int t, int distance, double gradNorm, double geoMean, double min, double max) {

    /** The CSV header of {@link #toCsvRow()}. */
    public static final String CSV_HEADER = "model,t,distance,grad_norm,grad_norm_geomean,grad_norm_min,grad_norm_max";

    public GradientFlowRow {
        if (model == null || model.isBlank() || model.contains(",") || model.contains("\n")) {
            throw new IllegalArgumentException("GradientFlowRow.model must be a non-blank name without commas or newlines, got '" + model + "'");
        }
        if (t < 0 || distance < 0) {
            throw new IllegalArgumentException("GradientFlowRow.t and distance must be >= 0, got " + t + " and " + distance);
        }
    }

    /** The row of a batch of one, or of a value whose spread is not known: every mean, the lowest and the highest are it. */
    public GradientFlowRow(String model, int t, int distance, double gradNorm) {
        this(model, t, distance, gradNorm, gradNorm, gradNorm, gradNorm);
    }

    public String toCsvRow() {
        return model + "," + t + "," + distance + "," + gradNorm + "," + geoMean + "," + min + "," + max;
    }
}

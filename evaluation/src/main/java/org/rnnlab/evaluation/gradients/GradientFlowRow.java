package org.rnnlab.evaluation.gradients;

/**
 * The size of the loss gradient that reaches the input at one time step.
 *
 * @param model    the model's name, e.g. {@code lstm-32} or {@code vanilla-bptt-32}
 * @param t        time step, 0-based
 * @param distance T-1-t: steps between this input and the step the loss reads
 * @param gradNorm mean over the batch of the per-example ||dl_b/dx_{b,t}||_2
 */
public record GradientFlowRow(String model, int t, int distance, double gradNorm) {

    /** The CSV header of {@link #toCsvRow()}. */
    public static final String CSV_HEADER = "model,t,distance,grad_norm";

    public GradientFlowRow {
        if (model == null || model.isBlank() || model.contains(",") || model.contains("\n")) {
            throw new IllegalArgumentException("GradientFlowRow.model must be a non-blank name without commas or newlines, got '" + model + "'");
        }
        if (t < 0 || distance < 0) {
            throw new IllegalArgumentException("GradientFlowRow.t and distance must be >= 0, got " + t + " and " + distance);
        }
    }

    public String toCsvRow() {
        return model + "," + t + "," + distance + "," + gradNorm;
    }
}

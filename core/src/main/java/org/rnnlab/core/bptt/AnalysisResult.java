package org.rnnlab.core.bptt;

import java.util.List;

/**
 * The result of {@link GradientAnalysis#analyse}: one {@link StepAnalysis} row per time step (ordered by
 * t) and the spectral quantities of W_h that the rows are compared with.
 *
 * @param activation           the network's activation
 * @param hidden               H
 * @param length               T
 * @param loss                 the loss of the analysed sequence
 * @param spectralRadius       rho(W_h) = max |eigenvalue|; ||W_h^d||^(1/d) tends to it as d grows
 * @param largestSingularValue sigma_max(W_h); the base of the bound together with max|f'|
 * @param rows                 one row per step t = 0..T-1
 * @param forwardOverflowStep  the first step t whose pre-activation or state left the double range (Infinity or NaN), -1
 *                             when every step's is finite; from there on the loss and the Jacobian rows whose product takes
 *                             f' from a NaN pre-activation are NaN (the gradient exploded beyond doubles), not 0
 */
public record AnalysisResult(RnnActivation activation, int hidden, int length, double loss, double spectralRadius,
                             double largestSingularValue, List<StepAnalysis> rows, int forwardOverflowStep) {

    /** A result whose forward state stayed finite. */
    public AnalysisResult(RnnActivation activation, int hidden, int length, double loss, double spectralRadius,
                          double largestSingularValue, List<StepAnalysis> rows) {
        this(activation, hidden, length, loss, spectralRadius, largestSingularValue, rows, -1);
    }

    public AnalysisResult {
        if (activation == null || rows == null) {
            throw new IllegalArgumentException("AnalysisResult.activation and rows must be non-null");
        }
        if (rows.size() != length) {
            throw new IllegalArgumentException("AnalysisResult.rows must hold length=" + length + " rows, got " + rows.size());
        }
        if (forwardOverflowStep < -1 || forwardOverflowStep >= length) {
            throw new IllegalArgumentException("AnalysisResult.forwardOverflowStep must be -1 or in [0, " + (length - 1) + "], got "
                    + forwardOverflowStep);
        }
        rows = List.copyOf(rows);
    }

    /** Whether the forward state left the double range at some step ({@link #forwardOverflowStep()} is that step). */
    public boolean forwardOverflowed() {
        return forwardOverflowStep >= 0;
    }

    /** The row at distance d from the last step. */
    public StepAnalysis atDistance(int d) {
        if (d < 0 || d >= length) {
            throw new IllegalArgumentException("distance must be in [0, " + (length - 1) + "], got " + d);
        }
        return rows.get(length - 1 - d);
    }

    /** The table as CSV text with a header line ({@link StepAnalysis#CSV_HEADER}). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(StepAnalysis.CSV_HEADER).append('\n');
        for (StepAnalysis r : rows) {
            sb.append(r.toCsvRow()).append('\n');
        }
        return sb.toString();
    }
}

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
 */
public record AnalysisResult(RnnActivation activation, int hidden, int length, double loss, double spectralRadius,
                             double largestSingularValue, List<StepAnalysis> rows) {

    public AnalysisResult {
        if (activation == null || rows == null) {
            throw new IllegalArgumentException("AnalysisResult.activation and rows must be non-null");
        }
        if (rows.size() != length) {
            throw new IllegalArgumentException("AnalysisResult.rows must hold length=" + length + " rows, got " + rows.size());
        }
        rows = List.copyOf(rows);
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

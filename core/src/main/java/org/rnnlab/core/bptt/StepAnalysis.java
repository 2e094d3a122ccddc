package org.rnnlab.core.bptt;

/**
 * One row of a {@link GradientAnalysis}: what happens to the gradient between step t and the last step
 * T-1, at distance d = T-1-t.
 *
 * @param t                      time step (0-based)
 * @param distance               d = T-1-t, the number of Jacobian factors between h_t and h_{T-1}
 * @param hiddenGradNorm         ||dL/dh_t||
 * @param jacobianNorm           ||dh_{T-1}/dh_t||_2 = ||prod_{j=t+1}^{T-1} diag(f'(u_j)) W_h||_2 (0 when it underflows)
 * @param log10JacobianNorm      log10 of jacobianNorm, kept exact even where the norm under- or overflows a double
 * @param recurrentPowerNorm     ||W_h^d||_2, the weight factor alone
 * @param log10RecurrentPowerNorm log10 of recurrentPowerNorm
 * @param activationProductMax   max_i prod_{j=t+1}^{T-1} f'(u_{j,i}), the activation factor alone (1 at d = 0)
 * @param activationProductMin   min_i of the same product
 * @param activationProductMean  mean_i of the same product
 * @param bound                  (max|f'| sigma_max(W_h))^d, the bound of Pascanu et al. (2013) on jacobianNorm
 * @param log10Bound             log10 of bound
 * @param recurrentGradContribution ||delta_t h_{t-1}^T||_F, the Frobenius norm of step t's term in dL/dW_h
 *                               (0 at t = 0, where h_{-1} = 0)
 */
public record StepAnalysis(
        int t,
        int distance,
        double hiddenGradNorm,
        double jacobianNorm,
        double log10JacobianNorm,
        double recurrentPowerNorm,
        double log10RecurrentPowerNorm,
        double activationProductMax,
        double activationProductMin,
        double activationProductMean,
        double bound,
        double log10Bound,
        double recurrentGradContribution) {

    /** CSV header matching {@link #toCsvRow()}. */
    public static final String CSV_HEADER = "t,distance,hidden_grad_norm,jacobian_norm,log10_jacobian_norm,"
            + "recurrent_power_norm,log10_recurrent_power_norm,activation_product_max,activation_product_min,"
            + "activation_product_mean,bound,log10_bound,recurrent_grad_contribution";

    public StepAnalysis {
        if (t < 0 || distance < 0) {
            throw new IllegalArgumentException("StepAnalysis.t and distance must be >= 0, got " + t + " and " + distance);
        }
    }

    /** One CSV line (no newline), numbers in Java's round-trip format. */
    public String toCsvRow() {
        return t + "," + distance + "," + hiddenGradNorm + "," + jacobianNorm + "," + log10JacobianNorm + ","
                + recurrentPowerNorm + "," + log10RecurrentPowerNorm + "," + activationProductMax + ","
                + activationProductMin + "," + activationProductMean + "," + bound + "," + log10Bound + ","
                + recurrentGradContribution;
    }
}

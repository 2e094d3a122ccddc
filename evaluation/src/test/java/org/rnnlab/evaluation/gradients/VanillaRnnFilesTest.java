package org.rnnlab.evaluation.gradients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Json;
import org.rnnlab.core.bptt.RnnActivation;

/**
 * {@code rnnlab gradients} writes the hand-written RNN's weights, one probe sequence and its per-step analysis, and a student
 * recomputing the analysis from those files alone (forward pass, softmax loss at the last step, BPTT, the Jacobian products
 * and W_h's powers with their spectral norms, the bound) gets the written table, in double precision. A trial had to dump the
 * weights with a jshell script against the jar.
 */
class VanillaRnnFilesTest {

    private static final double TOLERANCE = 1e-9;

    @Test
    void theWrittenWeightsReproduceTheWrittenAnalysis() throws Exception {
        Path out = Files.createTempDirectory("vanilla-files");
        int steps = 12;
        int hidden = 5;
        int features = 3;
        GradientStudy.Result r = GradientStudy.run(new GradientStudy.Config(List.of(Architecture.parse("rnn")), steps, hidden, features,
                4, List.of(0.9), RnnActivation.TANH, false, 1, 7, "random"), out);
        assertThat(r.files().files()).contains(VanillaRnnFiles.WEIGHTS_CSV, VanillaRnnFiles.PROBE_CSV, VanillaRnnFiles.ANALYSIS_CSV,
                VanillaRnnFiles.JSON);

        Map<String, double[][]> p = weights(out.resolve(VanillaRnnFiles.WEIGHTS_CSV));
        double[][] wx = p.get("W_x");
        double[][] wh = p.get("W_h");
        double[][] b = p.get("b");
        double[][] wy = p.get("W_y");
        double[][] by = p.get("b_y");
        assertThat(wh.length).isEqualTo(hidden);
        assertThat(wx[0].length).isEqualTo(features);
        VanillaRnnFiles.Summary summary = Json.readFile(out.resolve(VanillaRnnFiles.JSON), VanillaRnnFiles.Summary.class);
        assertThat(summary.shapes()).containsEntry("W_h", List.of((long) hidden, (long) hidden)).containsEntry("b_y", List.of(2L, 1L));
        List<String> probe = Files.readAllLines(out.resolve(VanillaRnnFiles.PROBE_CSV));
        assertThat(probe.get(0)).isEqualTo("t,x_0,x_1,x_2");
        assertThat(probe).hasSize(steps + 1);
        double[][] x = new double[steps][];
        for (int t = 0; t < steps; t++) {
            String[] f = probe.get(t + 1).split(",");
            assertThat(Integer.parseInt(f[0])).isEqualTo(t);
            x[t] = new double[features];
            for (int i = 0; i < features; i++) {
                x[t][i] = Double.parseDouble(f[i + 1]);
            }
        }

        // forward: h_t = tanh(W_h h_(t-1) + W_x x_t + b), h_(-1) = 0
        double[][] h = new double[steps][];
        double[] prev = new double[hidden];
        for (int t = 0; t < steps; t++) {
            double[] u = add(add(mul(wh, prev), mul(wx, x[t])), column(b));
            h[t] = new double[hidden];
            for (int i = 0; i < hidden; i++) {
                h[t][i] = Math.tanh(u[i]);
            }
            prev = h[t];
        }
        double[] logits = add(mul(wy, h[steps - 1]), column(by));
        double max = Math.max(logits[0], logits[1]);
        double z = Math.exp(logits[0] - max) + Math.exp(logits[1] - max);
        double[] softmax = {Math.exp(logits[0] - max) / z, Math.exp(logits[1] - max) / z};
        int label = summary.label();
        double loss = -Math.log(softmax[label]);
        assertThat(summary.loss()).isCloseTo(loss, within(TOLERANCE * loss));

        // BPTT: dL/dh_(T-1) = W_y^T (p - y), dL/dh_(t-1) = W_h^T (f'(u_t) * dL/dh_t)
        double[][] dh = new double[steps][];
        double[] dlogits = softmax.clone();
        dlogits[label] -= 1;
        dh[steps - 1] = mul(transpose(wy), dlogits);
        for (int t = steps - 1; t > 0; t--) {
            double[] du = new double[hidden];
            for (int i = 0; i < hidden; i++) {
                du[i] = (1 - h[t][i] * h[t][i]) * dh[t][i];
            }
            dh[t - 1] = mul(transpose(wh), du);
        }

        List<String> analysis = Files.readAllLines(out.resolve(VanillaRnnFiles.ANALYSIS_CSV));
        List<String> header = List.of(analysis.get(0).split(","));
        assertThat(analysis).hasSize(steps + 1);
        double sigma = spectralNorm(wh);
        assertThat(summary.largestSingularValue()).isCloseTo(sigma, within(TOLERANCE * sigma));
        double[][] jacobian = identity(hidden);
        double[][] power = identity(hidden);
        for (int t = steps - 1; t >= 0; t--) {
            int d = steps - 1 - t;
            if (d > 0) { // J_t = J_(t+1) diag(f'(u_(t+1))) W_h
                double[][] step = new double[hidden][hidden];
                for (int i = 0; i < hidden; i++) {
                    for (int j = 0; j < hidden; j++) {
                        step[i][j] = (1 - h[t + 1][i] * h[t + 1][i]) * wh[i][j];
                    }
                }
                jacobian = mul(jacobian, step);
                power = mul(power, wh);
            }
            String[] row = analysis.get(t + 1).split(",");
            assertThat(Integer.parseInt(row[header.indexOf("t")])).isEqualTo(t);
            assertThat(Integer.parseInt(row[header.indexOf("distance")])).isEqualTo(d);
            close(row, header, "hidden_grad_norm", norm(dh[t]), t);
            close(row, header, "jacobian_norm", spectralNorm(jacobian), t);
            close(row, header, "recurrent_power_norm", spectralNorm(power), t);
            close(row, header, "bound", Math.pow(sigma, d), t);
        }
    }

    private static void close(String[] row, List<String> header, String column, double expected, int t) {
        double written = Double.parseDouble(row[header.indexOf(column)]);
        assertThat(written).as("%s at t=%d", column, t).isCloseTo(expected, within(TOLERANCE * Math.abs(expected)));
    }

    /** The parameters of the long-form CSV, each a [rows][columns] array. */
    private static Map<String, double[][]> weights(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(VanillaRnnFiles.WEIGHTS_HEADER);
        Map<String, Integer> rows = new HashMap<>();
        Map<String, Integer> cols = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.merge(f[0], Integer.parseInt(f[1]) + 1, Math::max);
            cols.merge(f[0], Integer.parseInt(f[2]) + 1, Math::max);
        }
        Map<String, double[][]> m = new HashMap<>();
        rows.forEach((name, r) -> m.put(name, new double[r][cols.get(name)]));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            m.get(f[0])[Integer.parseInt(f[1])][Integer.parseInt(f[2])] = Double.parseDouble(f[3]);
        }
        return m;
    }

    private static double[] column(double[][] c) {
        double[] v = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            v[i] = c[i][0];
        }
        return v;
    }

    private static double[] mul(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += a[i][j] * v[j];
            }
        }
        return out;
    }

    private static double[][] mul(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return out;
    }

    private static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    private static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }

    private static double[][] identity(int n) {
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            out[i][i] = 1;
        }
        return out;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** sigma_max(a) = sqrt of the largest eigenvalue of a^T a, by cyclic Jacobi rotations (not power iteration, as rnnlab). */
    private static double spectralNorm(double[][] a) {
        double[][] s = mul(transpose(a), a);
        int n = s.length;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += s[p][q] * s[p][q];
                }
            }
            if (off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (s[p][q] == 0) {
                        continue;
                    }
                    double theta = (s[q][q] - s[p][p]) / (2 * s[p][q]);
                    double tt = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        tt = 1;
                    }
                    double c = 1 / Math.sqrt(tt * tt + 1);
                    double sn = tt * c;
                    for (int k = 0; k < n; k++) { // columns p, q
                        double skp = s[k][p];
                        double skq = s[k][q];
                        s[k][p] = c * skp - sn * skq;
                        s[k][q] = sn * skp + c * skq;
                    }
                    for (int k = 0; k < n; k++) { // rows p, q
                        double spk = s[p][k];
                        double sqk = s[q][k];
                        s[p][k] = c * spk - sn * sqk;
                        s[q][k] = sn * spk + c * sqk;
                    }
                }
            }
        }
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, s[i][i]);
        }
        return Math.sqrt(largest);
    }
}

package org.rnnlab.core.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise part of {@link GruKernel} (equations in {@link Gru}): gates, candidate and state, and
 * their gradients, one step at a time on Java arrays that keep every step's gates, recurrent
 * projections and states for the backward sweep; the matrix products stay with the kernel. As in
 * {@link LstmMath}, {@link F32} uses the vectorizable rational tanh and {@link F64} exact functions.
 *
 * <p>Masks hold the state: {@code h_t = h_{t-1} + m_t (h'_t − h_{t-1})}, output {@code m_t h_t}.
 */
abstract sealed class GruMath permits GruMath.F32, GruMath.F64 {

    /** Gate blocks of a step row: reset r [0, H), update z [H, 2H), candidate n [2H, 3H). */
    final int h;
    int mb;
    int steps;

    GruMath(int h) {
        this.h = h;
    }

    static GruMath of(HostArray sample, int h) {
        return sample instanceof HostArray.F32 ? new F32(h) : new F64(h);
    }

    /** Prepares for a sequence: sizes, the time-major mask ({@code [T·mb]}, or null), the initial state ({@code [mb, H]}, or null for zero). */
    abstract void begin(int steps, int mb, SequenceView mask, HostArray initial);

    /**
     * Step t: reads block t of the input projections {@code p} ({@code [T·mb, 3H]}, input bias included) and
     * this step's recurrent projections {@code rec} ({@code [mb, 3H]}, recurrent bias included), keeps gates
     * and state, and writes the new state with a ones column into block t + 1 of {@code states}
     * ({@code [(T+1)·mb, H+1]}).
     */
    abstract void forwardStep(int t, HostArray p, HostArray rec, HostArray states);

    /** Before a backward sweep: reads dL/d(output) of all steps ({@code [mb, H, T]}) and resets the carried state gradient. */
    abstract void beginBackward(SequenceView epsilon);

    /**
     * Step t backwards: output gradient at step t (read by {@link #beginBackward}) plus the carried state
     * gradient plus {@code recurrent} ({@code [mb, H]}: dR_{t+1} RWᵀ, or null at the last step); writes the
     * input-projection gradients over block t of {@code p} and the recurrent-projection gradients into
     * block t of {@code dRec}.
     */
    abstract void backwardStep(int t, HostArray recurrent, HostArray p, HostArray dRec);

    /** Writes (or with {@code accumulate} adds) the outputs {@code m_t h_t} of all steps into {@code target} {@code [mb, H, T]}. */
    abstract void writeOutput(SequenceView target, boolean accumulate);

    /** The state after the last step, {@code [mb, H]}, outside any workspace. */
    abstract INDArray lastState();

    /**
     * Single precision with the vectorizable rational tanh of {@link LstmMath.F32}. Every step keeps its
     * own arrays of {@code mb·H} values ("planes": one per gate, not rows of {@code 3H}), so that each
     * element-wise loop runs over one flat index shared by all its arrays: the form HotSpot's C2
     * compiles to SIMD instructions (loops over a row of H with different offsets into different
     * arrays stay scalar, about 4x slower). Rows of the BLAS blocks are split into planes and joined back
     * with {@code System.arraycopy}.
     */
    static final class F32 extends GruMath {
        private float[][] r = new float[0][];    // per step: reset gate
        private float[][] z = new float[0][];    // per step: update gate
        private float[][] n = new float[0][];    // per step: candidate
        private float[][] qn = new float[0][];   // per step: recurrent projection of the candidate (h W_hn + b_hn)
        private float[][] hs = new float[0][];   // per step + 1: carried state, hs[0] the initial one
        private float[][] masks = new float[0][]; // per step: the mask spread over H (when masked)
        private boolean masked;
        private float[] states = new float[0];   // [(T+1)·mb·H] the states again, contiguous, for writeOutput
        private float[] mask;                    // [T·mb] time-major mask, or null
        private final StepGradients stepGradients = new StepGradients(); // dL/d(output)
        // one step's scratch planes and rows
        private float[] stage = new float[0];    // a [mb, 3H] block
        private float[] stage2 = new float[0];
        private float[] pr = new float[0];
        private float[] pz = new float[0];
        private float[] pn = new float[0];
        private float[] qr = new float[0];
        private float[] qz = new float[0];
        private float[] row = new float[0];      // one step of states with the ones column
        private float[] total = new float[0];
        private float[] carry = new float[0];
        private float[] eps = new float[0];
        private float[] dr = new float[0];
        private float[] dz = new float[0];
        private float[] dn = new float[0];
        private float[] dnr = new float[0];

        F32(int h) {
            super(h);
        }

        @Override
        void begin(int steps, int mb, SequenceView maskArray, HostArray initial) {
            this.steps = steps;
            this.mb = mb;
            int plane = mb * h;
            if (!Planes.fit(r, steps, plane)) {
                r = Planes.of(steps, plane);
                z = Planes.of(steps, plane);
                n = Planes.of(steps, plane);
                qn = Planes.of(steps, plane);
                hs = Planes.of(steps + 1, plane);
                states = new float[(steps + 1) * plane];
            }
            if (carry.length != plane) {
                stage = new float[plane * 3];
                stage2 = new float[plane * 3];
                pr = new float[plane];
                pz = new float[plane];
                pn = new float[plane];
                qr = new float[plane];
                qz = new float[plane];
                row = new float[mb * (h + 1)];
                total = new float[plane];
                carry = new float[plane];
                eps = new float[plane];
                dr = new float[plane];
                dz = new float[plane];
                dn = new float[plane];
                dnr = new float[plane];
                for (int e = 0; e < mb; e++) {
                    row[e * (h + 1) + h] = 1f;
                }
            }
            mask = null;
            masked = maskArray != null;
            if (masked) {
                mask = new float[steps * mb];
                masks = Planes.mask(maskArray, steps, mb, h, masks, mask);
            }
            if (initial != null) {
                ((HostArray.F32) initial).read(0, hs[0], 0, plane);
            } else {
                Arrays.fill(hs[0], 0f);
            }
            System.arraycopy(hs[0], 0, states, 0, plane);
        }

        /** Splits the rows {@code [mb, 3H]} of {@code block} into three planes {@code [mb·H]}. */
        private void split(float[] block, float[] a, float[] b, float[] c) {
            int g = 3 * h;
            for (int e = 0; e < mb; e++) {
                System.arraycopy(block, e * g, a, e * h, h);
                System.arraycopy(block, e * g + h, b, e * h, h);
                System.arraycopy(block, e * g + 2 * h, c, e * h, h);
            }
        }

        /** Joins three planes {@code [mb·H]} into the rows {@code [mb, 3H]} of {@code block}. */
        private void join(float[] a, float[] b, float[] c, float[] block) {
            int g = 3 * h;
            for (int e = 0; e < mb; e++) {
                System.arraycopy(a, e * h, block, e * g, h);
                System.arraycopy(b, e * h, block, e * g + h, h);
                System.arraycopy(c, e * h, block, e * g + 2 * h, h);
            }
        }

        @Override
        void forwardStep(int t, HostArray pArray, HostArray recStep, HostArray stateArray) {
            int plane = mb * h;
            int g = 3 * h;
            ((HostArray.F32) pArray).read((long) t * mb * g, stage, 0, mb * g);
            split(stage, pr, pz, pn);
            ((HostArray.F32) recStep).read(0, stage2, 0, mb * g);
            float[] qnt = qn[t];
            split(stage2, qr, qz, qnt);
            float[] rt = r[t];
            float[] zt = z[t];
            float[] nt = n[t];
            float[] old = hs[t];
            float[] next = hs[t + 1];
            for (int i = 0; i < plane; i++) {
                rt[i] = Activations.sigmoid(pr[i] + qr[i]);
            }
            for (int i = 0; i < plane; i++) {
                zt[i] = Activations.sigmoid(pz[i] + qz[i]);
            }
            for (int i = 0; i < plane; i++) {
                nt[i] = Activations.tanh(pn[i] + rt[i] * qnt[i]);
            }
            if (masked) {
                float[] m = masks[t];
                for (int i = 0; i < plane; i++) {
                    float fresh = nt[i] + zt[i] * (old[i] - nt[i]);
                    next[i] = old[i] + m[i] * (fresh - old[i]);
                }
            } else {
                for (int i = 0; i < plane; i++) {
                    next[i] = nt[i] + zt[i] * (old[i] - nt[i]);
                }
            }
            System.arraycopy(next, 0, states, (t + 1) * plane, plane);
            for (int e = 0; e < mb; e++) {
                System.arraycopy(next, e * h, row, e * (h + 1), h);
            }
            ((HostArray.F32) stateArray).write((long) (t + 1) * mb * (h + 1), row, 0, mb * (h + 1));
        }

        @Override
        void beginBackward(SequenceView epsilon) {
            stepGradients.begin(epsilon, steps, mb, h);
            Arrays.fill(carry, 0f);
        }

        @Override
        void backwardStep(int t, HostArray recurrent, HostArray pArray, HostArray dRecArray) {
            int plane = mb * h;
            int g = 3 * h;
            if (recurrent != null) {
                ((HostArray.F32) recurrent).read(0, total, 0, plane);
                for (int i = 0; i < plane; i++) {
                    carry[i] += total[i];
                }
            }
            stepGradients.copyStep(t, eps);
            float[] rt = r[t];
            float[] zt = z[t];
            float[] nt = n[t];
            float[] qnt = qn[t];
            float[] old = hs[t];
            float[] m = masked ? masks[t] : null;
            for (int i = 0; i < plane; i++) {
                float mi = m == null ? 1f : m[i];
                float tot = mi * eps[i] + carry[i];
                float dh = mi * tot;
                float zi = zt[i];
                float ni = nt[i];
                float ri = rt[i];
                float dni = dh * (1 - zi) * (1 - ni * ni);
                dn[i] = dni;
                dz[i] = dh * (old[i] - ni) * zi * (1 - zi);
                dr[i] = dni * qnt[i] * ri * (1 - ri);
                dnr[i] = dni * ri;
                carry[i] = dh * zi + (1 - mi) * tot;
            }
            join(dr, dz, dn, stage);
            ((HostArray.F32) pArray).write((long) t * mb * g, stage, 0, mb * g);
            join(dr, dz, dnr, stage2);
            ((HostArray.F32) dRecArray).write((long) t * mb * g, stage2, 0, mb * g);
        }

        @Override
        void writeOutput(SequenceView target, boolean accumulate) {
            target.write(states, mb * h, h, mask, accumulate);
        }

        @Override
        @SuppressWarnings("try")
        INDArray lastState() {
            int from = steps * mb * h;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.create(Arrays.copyOfRange(states, from, from + mb * h), new long[] {mb, h}, 'c');
            }
        }
    }

    /** Double precision with exact tanh and σ. */
    static final class F64 extends GruMath {
        private double[] pre = new double[0];      // per row: r, z, n activations (after forward)
        private double[] rec = new double[0];      // per row: recurrent projections h W_h + b_h
        private double[] states = new double[0];   // [(T+1)·mb·H] carried states, block 0 the initial one
        private double[] mask;
        private double[] row = new double[0];      // one step of states with the ones column
        private double[] dp = new double[0];
        private double[] dr = new double[0];
        private double[] total = new double[0];
        private double[] carry = new double[0];
        private double[] epsAll = new double[0];

        F64(int h) {
            super(h);
        }

        @Override
        void begin(int steps, int mb, SequenceView maskArray, HostArray initial) {
            this.steps = steps;
            this.mb = mb;
            int rows = steps * mb;
            if (pre.length < rows * 3 * h) {
                pre = new double[rows * 3 * h];
                rec = new double[rows * 3 * h];
            }
            if (states.length < (rows + mb) * h) { // (T+1)·mb rows: grows with mb even when T·mb does not
                states = new double[(rows + mb) * h];
            }
            if (carry.length < mb * h) {
                row = new double[mb * (h + 1)];
                dp = new double[mb * 3 * h];
                dr = new double[mb * 3 * h];
                total = new double[mb * h];
                carry = new double[mb * h];
            }
            mask = null;
            if (maskArray != null) {
                mask = new double[rows];
                maskArray.read(mask, 1);
            }
            if (initial != null) {
                ((HostArray.F64) initial).read(0, states, 0, mb * h);
            } else {
                Arrays.fill(states, 0, mb * h, 0);
            }
        }

        @Override
        void forwardStep(int t, HostArray pArray, HostArray recStep, HostArray stateArray) {
            int g = 3 * h;
            int zo = t * mb * g;
            ((HostArray.F64) pArray).read(zo, pre, zo, mb * g);
            ((HostArray.F64) recStep).read(0, rec, zo, mb * g);
            double[] a = pre;
            double[] q = rec;
            for (int e = 0; e < mb; e++) {
                int r = zo + e * g;
                for (int i = r; i < r + 2 * h; i++) {
                    a[i] = Activations.sigmoid(a[i] + q[i]);
                }
                for (int k = 0; k < h; k++) {
                    a[r + 2 * h + k] += a[r + k] * q[r + 2 * h + k];
                }
                for (int i = r + 2 * h; i < r + g; i++) {
                    a[i] = Activations.tanh(a[i]);
                }
            }
            int prev = t * mb * h;
            int next = prev + mb * h;
            for (int e = 0; e < mb; e++) {
                int r = zo + e * g;
                double m = mask == null ? 1 : mask[t * mb + e];
                for (int k = 0; k < h; k++) {
                    double old = states[prev + e * h + k];
                    double n = a[r + 2 * h + k];
                    double fresh = n + a[r + h + k] * (old - n);
                    double v = old + m * (fresh - old);
                    states[next + e * h + k] = v;
                    row[e * (h + 1) + k] = v;
                }
                row[e * (h + 1) + h] = 1;
            }
            ((HostArray.F64) stateArray).write((long) (t + 1) * mb * (h + 1), row, 0, mb * (h + 1));
        }

        @Override
        void beginBackward(SequenceView epsilon) {
            if (epsAll.length < steps * mb * h) {
                epsAll = new double[steps * mb * h];
            }
            epsilon.read(epsAll, h);
            Arrays.fill(carry, 0);
        }

        @Override
        void backwardStep(int t, HostArray recurrent, HostArray pArray, HostArray dRecArray) {
            int g = 3 * h;
            int zo = t * mb * g;
            int co = t * mb * h;
            if (recurrent != null) {
                ((HostArray.F64) recurrent).read(0, total, 0, mb * h);
                for (int i = 0; i < mb * h; i++) {
                    carry[i] += total[i];
                }
            }
            double[] a = pre;
            double[] q = rec;
            int prev = t * mb * h;
            for (int e = 0; e < mb; e++) {
                int r = zo + e * g;
                int d = e * g;
                int s = e * h;
                double m = mask == null ? 1 : mask[t * mb + e];
                for (int k = 0; k < h; k++) {
                    double tot = m * epsAll[co + s + k] + carry[s + k];
                    double dh = m * tot;
                    double rr = a[r + k];
                    double z = a[r + h + k];
                    double n = a[r + 2 * h + k];
                    double dz = dh * (states[prev + s + k] - n);
                    double dn = dh * (1 - z) * (1 - n * n);
                    double drr = dn * q[r + 2 * h + k] * rr * (1 - rr);
                    double dzz = dz * z * (1 - z);
                    dp[d + k] = drr;
                    dp[d + h + k] = dzz;
                    dp[d + 2 * h + k] = dn;
                    dr[d + k] = drr;
                    dr[d + h + k] = dzz;
                    dr[d + 2 * h + k] = dn * rr;
                    carry[s + k] = dh * z + (1 - m) * tot;
                }
            }
            ((HostArray.F64) pArray).write(zo, dp, 0, mb * g);
            ((HostArray.F64) dRecArray).write(zo, dr, 0, mb * g);
        }

        @Override
        void writeOutput(SequenceView target, boolean accumulate) {
            target.write(states, mb * h, h, mask, accumulate);
        }

        @Override
        @SuppressWarnings("try")
        INDArray lastState() {
            int from = steps * mb * h;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.create(Arrays.copyOfRange(states, from, from + mb * h), new long[] {mb, h}, 'c');
            }
        }
    }
}

package org.rnnlab.core.layers;

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

    /** Single precision with the vectorizable rational tanh of {@link LstmMath.F32}. */
    static final class F32 extends GruMath {
        private float[] pre = new float[0];      // per row: r, z, n activations (after forward)
        private float[] rec = new float[0];      // per row: recurrent projections h W_h + b_h
        private float[] states = new float[0];   // [(T+1)·mb·H] carried states, block 0 the initial one
        private float[] mask;
        private float[] row = new float[0];      // one step of states with the ones column
        private float[] dp = new float[0];
        private float[] dr = new float[0];
        private float[] total = new float[0];
        private float[] carry = new float[0];
        private float[] epsAll = new float[0];

        F32(int h) {
            super(h);
        }

        private static float tanh(float x) {
            return LstmMath.F32.tanh(x);
        }

        private static float sigmoid(float x) {
            return LstmMath.F32.sigmoid(x);
        }

        @Override
        void begin(int steps, int mb, SequenceView maskArray, HostArray initial) {
            this.steps = steps;
            this.mb = mb;
            int rows = steps * mb;
            if (pre.length < rows * 3 * h) {
                pre = new float[rows * 3 * h];
                rec = new float[rows * 3 * h];
                states = new float[(rows + mb) * h];
            }
            if (carry.length < mb * h) {
                row = new float[mb * (h + 1)];
                dp = new float[mb * 3 * h];
                dr = new float[mb * 3 * h];
                total = new float[mb * h];
                carry = new float[mb * h];
            }
            mask = null;
            if (maskArray != null) {
                mask = new float[rows];
                maskArray.read(mask, 1);
            }
            if (initial != null) {
                ((HostArray.F32) initial).read(0, states, 0, mb * h);
            } else {
                java.util.Arrays.fill(states, 0, mb * h, 0f);
            }
        }

        @Override
        void forwardStep(int t, HostArray pArray, HostArray recStep, HostArray stateArray) {
            int g = 3 * h;
            int zo = t * mb * g;
            ((HostArray.F32) pArray).read(zo, pre, zo, mb * g);
            ((HostArray.F32) recStep).read(0, rec, zo, mb * g);
            float[] a = pre;
            float[] q = rec;
            for (int e = 0; e < mb; e++) {
                int r = zo + e * g;
                for (int i = r; i < r + 2 * h; i++) {
                    a[i] = sigmoid(a[i] + q[i]);
                }
                for (int k = 0; k < h; k++) {
                    a[r + 2 * h + k] += a[r + k] * q[r + 2 * h + k];
                }
                for (int i = r + 2 * h; i < r + g; i++) {
                    a[i] = tanh(a[i]);
                }
            }
            int prev = t * mb * h;
            int next = prev + mb * h;
            for (int e = 0; e < mb; e++) {
                int r = zo + e * g;
                float m = mask == null ? 1f : mask[t * mb + e];
                for (int k = 0; k < h; k++) {
                    float old = states[prev + e * h + k];
                    float n = a[r + 2 * h + k];
                    float fresh = n + a[r + h + k] * (old - n);
                    float v = old + m * (fresh - old);
                    states[next + e * h + k] = v;
                    row[e * (h + 1) + k] = v;
                }
                row[e * (h + 1) + h] = 1f;
            }
            ((HostArray.F32) stateArray).write((long) (t + 1) * mb * (h + 1), row, 0, mb * (h + 1));
        }

        @Override
        void beginBackward(SequenceView epsilon) {
            if (epsAll.length < steps * mb * h) {
                epsAll = new float[steps * mb * h];
            }
            epsilon.read(epsAll, h);
            java.util.Arrays.fill(carry, 0f);
        }

        @Override
        void backwardStep(int t, HostArray recurrent, HostArray pArray, HostArray dRecArray) {
            int g = 3 * h;
            int zo = t * mb * g;
            int co = t * mb * h;
            if (recurrent != null) {
                ((HostArray.F32) recurrent).read(0, total, 0, mb * h);
                for (int i = 0; i < mb * h; i++) {
                    carry[i] += total[i];
                }
            }
            float[] a = pre;
            float[] q = rec;
            int prev = t * mb * h;
            for (int e = 0; e < mb; e++) {
                int r = zo + e * g;
                int d = e * g;
                int s = e * h;
                float m = mask == null ? 1f : mask[t * mb + e];
                for (int k = 0; k < h; k++) {
                    float tot = m * epsAll[co + s + k] + carry[s + k];
                    float dh = m * tot;
                    float rr = a[r + k];
                    float z = a[r + h + k];
                    float n = a[r + 2 * h + k];
                    float dz = dh * (states[prev + s + k] - n);
                    float dn = dh * (1 - z) * (1 - n * n);
                    float drr = dn * q[r + 2 * h + k] * rr * (1 - rr);
                    float dzz = dz * z * (1 - z);
                    dp[d + k] = drr;
                    dp[d + h + k] = dzz;
                    dp[d + 2 * h + k] = dn;
                    dr[d + k] = drr;
                    dr[d + h + k] = dzz;
                    dr[d + 2 * h + k] = dn * rr;
                    carry[s + k] = dh * z + (1 - m) * tot;
                }
            }
            ((HostArray.F32) pArray).write(zo, dp, 0, mb * g);
            ((HostArray.F32) dRecArray).write(zo, dr, 0, mb * g);
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
                return Nd4j.create(java.util.Arrays.copyOfRange(states, from, from + mb * h), new long[] {mb, h}, 'c');
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

        private static double tanh(double x) {
            return Math.tanh(x);
        }

        private static double sigmoid(double x) {
            return 1 / (1 + Math.exp(-x));
        }

        @Override
        void begin(int steps, int mb, SequenceView maskArray, HostArray initial) {
            this.steps = steps;
            this.mb = mb;
            int rows = steps * mb;
            if (pre.length < rows * 3 * h) {
                pre = new double[rows * 3 * h];
                rec = new double[rows * 3 * h];
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
                java.util.Arrays.fill(states, 0, mb * h, 0);
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
                    a[i] = sigmoid(a[i] + q[i]);
                }
                for (int k = 0; k < h; k++) {
                    a[r + 2 * h + k] += a[r + k] * q[r + 2 * h + k];
                }
                for (int i = r + 2 * h; i < r + g; i++) {
                    a[i] = tanh(a[i]);
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
            java.util.Arrays.fill(carry, 0);
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
                return Nd4j.create(java.util.Arrays.copyOfRange(states, from, from + mb * h), new long[] {mb, h}, 'c');
            }
        }
    }
}

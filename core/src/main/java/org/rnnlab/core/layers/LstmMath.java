package org.rnnlab.core.layers;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise part of {@link CellKernel}: gate activations, cell, output and their gradients, one
 * step at a time, on Java arrays that hold every step's gates, cells and squashed cells for the backward
 * sweep. The matrix products stay with the kernel (BLAS on host memory); a step's block is copied in and
 * out with one {@code memcpy} each way.
 *
 * <p>Two precisions: {@link F32} computes tanh and σ with a rational approximation (Eigen's 13/6
 * minimax form on [-7.9, 7.9], absolute error below 3e-7, i.e. a few float ulps) in plain loops
 * that the JIT compiles to SIMD instructions, five times faster than ND4J's native transform ops;
 * {@link F64} uses {@code Math.tanh} and {@code Math.exp}, exact to double precision, for gradient checks
 * and the equivalence tests against DL4J's LSTM.
 */
abstract sealed class LstmMath extends CellMath permits LstmMath.F32, LstmMath.F64 {

    // Gate blocks of a step row: candidate [0, H), forget [H, 2H), output [2H, 3H), input [3H, 4H).

    LstmMath(int h) {
        super(h);
    }

    static LstmMath of(HostArray sample, int h) {
        return sample instanceof HostArray.F32 ? new F32(h) : new F64(h);
    }

    /** The cell of the last step, {@code [mb, H]}, outside any workspace. */
    abstract INDArray lastCell();

    /** Single precision with the vectorizable rational tanh. */
    static final class F32 extends LstmMath {
        @Override
        boolean singlePrecision() {
            return true;
        }

        private float[] gates = new float[0];
        private float[] cell = new float[0];
        private float[] squashed = new float[0];
        private float[] outs = new float[0];
        private float[] mask;
        private float[] initial;
        private float[] zeros = new float[0];
        private float[] dz = new float[0];
        private float[] dh = new float[0];
        private float[] carry = new float[0];
        private float[] epsAll = new float[0];

        F32(int h) {
            super(h);
        }

        /** tanh(x) for float, as Eigen's {@code ptanh_float}: a 13/6 rational minimax approximation on [-7.9, 7.9]. */
        static float tanh(float v) {
            float x = Math.max(-7.90531110763549805f, Math.min(7.90531110763549805f, v));
            float x2 = x * x;
            float p = -2.76076847742355e-16f;
            p = p * x2 + 2.00018790482477e-13f;
            p = p * x2 + -8.60467152213735e-11f;
            p = p * x2 + 5.12229709037114e-08f;
            p = p * x2 + 1.48572235717979e-05f;
            p = p * x2 + 6.37261928875436e-04f;
            p = p * x2 + 4.89352455891786e-03f;
            p = p * x;
            float q = 1.19825839466702e-06f;
            q = q * x2 + 1.18534705686654e-04f;
            q = q * x2 + 2.26843463243900e-03f;
            q = q * x2 + 4.89352518554385e-03f;
            return p / q;
        }

        /** σ(x) = (1 + tanh(x/2)) / 2. */
        static float sigmoid(float x) {
            return 0.5f + 0.5f * tanh(0.5f * x);
        }

        @Override
        void begin(int steps, int mb, SequenceView maskArray, HostArray initialCell) {
            this.steps = steps;
            this.mb = mb;
            int rows = steps * mb;
            if (gates.length < rows * 4 * h) {
                gates = new float[rows * 4 * h];
                cell = new float[rows * h];
                squashed = new float[rows * h];
                outs = new float[rows * h];
            }
            if (zeros.length < mb * h) {
                zeros = new float[mb * h];
                dz = new float[mb * 4 * h];
                dh = new float[mb * h];
                carry = new float[mb * h];
            }
            mask = null;
            if (maskArray != null) {
                mask = new float[rows];
                maskArray.read(mask, 1);
            }
            initial = null;
            if (initialCell != null) {
                initial = new float[mb * h];
                ((HostArray.F32) initialCell).read(0, initial, 0, mb * h);
            }
        }

        @Override
        void forwardStep(int t, HostArray zArray, HostArray outArray) {
            int g = 4 * h;
            int zo = t * mb * g;
            int co = t * mb * h;
            ((HostArray.F32) zArray).read(zo, gates, zo, mb * g);
            float[] a = gates;
            for (int e = 0; e < mb; e++) {
                int r = zo + e * g;
                for (int k = r; k < r + h; k++) {
                    a[k] = tanh(a[k]);
                }
                for (int k = r + h; k < r + g; k++) {
                    a[k] = sigmoid(a[k]);
                }
            }
            float[] prev = t > 0 ? cell : initial != null ? initial : zeros;
            // (the cell is written in a loop of its own: reading the previous step of `cell` while writing
            // this one in the same loop keeps the JIT from vectorizing it)
            for (int e = 0; e < mb; e++) {
                int r = zo + e * g;
                int c = co + e * h;
                int p = t > 0 ? c - mb * h : e * h;
                for (int k = 0; k < h; k++) {
                    squashed[c + k] = a[r + h + k] * prev[p + k] + a[r + 3 * h + k] * a[r + k];
                }
            }
            for (int e = 0; e < mb; e++) {
                int c = co + e * h;
                float m = mask == null ? 1f : mask[t * mb + e];
                for (int k = c; k < c + h; k++) {
                    cell[k] = m * squashed[k];
                }
            }
            for (int i = co; i < co + mb * h; i++) {
                squashed[i] = tanh(squashed[i]);
            }
            for (int e = 0; e < mb; e++) {
                int r = zo + e * g + 2 * h;
                int c = co + e * h;
                float m = mask == null ? 1f : mask[t * mb + e];
                for (int k = 0; k < h; k++) {
                    outs[c + k] = m * a[r + k] * squashed[c + k];
                }
            }
            ((HostArray.F32) outArray).write(co, outs, co, mb * h);
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
        void backwardStep(int t, HostArray recurrent, HostArray zArray) {
            int g = 4 * h;
            int zo = t * mb * g;
            int co = t * mb * h;
            if (recurrent != null) {
                ((HostArray.F32) recurrent).read(0, dh, 0, mb * h);
            } else {
                java.util.Arrays.fill(dh, 0f);
            }
            for (int i = 0; i < mb * h; i++) {
                dh[i] += epsAll[co + i];
            }
            float[] a = gates;
            float[] prev = t > 0 ? cell : initial != null ? initial : zeros;
            for (int e = 0; e < mb; e++) {
                int r = zo + e * g;
                int d = e * g;
                int c = co + e * h;
                int p = t > 0 ? c - mb * h : e * h;
                int s = e * h;
                float m = mask == null ? 1f : mask[t * mb + e];
                for (int k = 0; k < h; k++) {
                    float cand = a[r + k];
                    float f = a[r + h + k];
                    float o = a[r + 2 * h + k];
                    float in = a[r + 3 * h + k];
                    float sq = squashed[c + k];
                    float dOut = m * dh[s + k];
                    float dCell = m * carry[s + k] + dOut * o * (1 - sq * sq);
                    dz[d + k] = dCell * in * (1 - cand * cand);
                    dz[d + h + k] = dCell * prev[p + k] * f * (1 - f);
                    dz[d + 2 * h + k] = dOut * sq * o * (1 - o);
                    dz[d + 3 * h + k] = dCell * cand * in * (1 - in);
                    carry[s + k] = dCell * f;
                }
            }
            ((HostArray.F32) zArray).write(zo, dz, 0, mb * g);
        }

        @Override
        void writeOutput(SequenceView target, boolean accumulate) {
            target.write(outs, 0, h, null, accumulate);
        }

        @Override
        @SuppressWarnings("try")
        INDArray lastCell() {
            int from = (steps - 1) * mb * h;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.create(java.util.Arrays.copyOfRange(cell, from, from + mb * h), new long[] {mb, h}, 'c');
            }
        }
    }

    /** Double precision with exact tanh and σ. */
    static final class F64 extends LstmMath {
        @Override
        boolean singlePrecision() {
            return false;
        }

        private double[] gates = new double[0];
        private double[] cell = new double[0];
        private double[] squashed = new double[0];
        private double[] outs = new double[0];
        private double[] mask;
        private double[] initial;
        private double[] zeros = new double[0];
        private double[] dz = new double[0];
        private double[] dh = new double[0];
        private double[] carry = new double[0];
        private double[] epsAll = new double[0];

        F64(int h) {
            super(h);
        }

        static double sigmoid(double x) {
            return 1 / (1 + Math.exp(-x));
        }

        @Override
        void begin(int steps, int mb, SequenceView maskArray, HostArray initialCell) {
            this.steps = steps;
            this.mb = mb;
            int rows = steps * mb;
            if (gates.length < rows * 4 * h) {
                gates = new double[rows * 4 * h];
                cell = new double[rows * h];
                squashed = new double[rows * h];
                outs = new double[rows * h];
            }
            if (zeros.length < mb * h) {
                zeros = new double[mb * h];
                dz = new double[mb * 4 * h];
                dh = new double[mb * h];
                carry = new double[mb * h];
            }
            mask = null;
            if (maskArray != null) {
                mask = new double[rows];
                maskArray.read(mask, 1);
            }
            initial = null;
            if (initialCell != null) {
                initial = new double[mb * h];
                ((HostArray.F64) initialCell).read(0, initial, 0, mb * h);
            }
        }

        @Override
        void forwardStep(int t, HostArray zArray, HostArray outArray) {
            int g = 4 * h;
            int zo = t * mb * g;
            int co = t * mb * h;
            ((HostArray.F64) zArray).read(zo, gates, zo, mb * g);
            double[] a = gates;
            for (int e = 0; e < mb; e++) {
                int r = zo + e * g;
                for (int k = r; k < r + h; k++) {
                    a[k] = Math.tanh(a[k]);
                }
                for (int k = r + h; k < r + g; k++) {
                    a[k] = sigmoid(a[k]);
                }
            }
            double[] prev = t > 0 ? cell : initial != null ? initial : zeros;
            for (int e = 0; e < mb; e++) {
                int r = zo + e * g;
                int c = co + e * h;
                int p = t > 0 ? c - mb * h : e * h;
                double m = mask == null ? 1 : mask[t * mb + e];
                for (int k = 0; k < h; k++) {
                    double raw = a[r + h + k] * prev[p + k] + a[r + 3 * h + k] * a[r + k];
                    cell[c + k] = m * raw;
                    squashed[c + k] = Math.tanh(raw);
                    outs[c + k] = m * a[r + 2 * h + k] * squashed[c + k];
                }
            }
            ((HostArray.F64) outArray).write(co, outs, co, mb * h);
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
        void backwardStep(int t, HostArray recurrent, HostArray zArray) {
            int g = 4 * h;
            int zo = t * mb * g;
            int co = t * mb * h;
            if (recurrent != null) {
                ((HostArray.F64) recurrent).read(0, dh, 0, mb * h);
            } else {
                java.util.Arrays.fill(dh, 0);
            }
            for (int i = 0; i < mb * h; i++) {
                dh[i] += epsAll[co + i];
            }
            double[] a = gates;
            double[] prev = t > 0 ? cell : initial != null ? initial : zeros;
            for (int e = 0; e < mb; e++) {
                int r = zo + e * g;
                int d = e * g;
                int c = co + e * h;
                int p = t > 0 ? c - mb * h : e * h;
                int s = e * h;
                double m = mask == null ? 1 : mask[t * mb + e];
                for (int k = 0; k < h; k++) {
                    double cand = a[r + k];
                    double f = a[r + h + k];
                    double o = a[r + 2 * h + k];
                    double in = a[r + 3 * h + k];
                    double sq = squashed[c + k];
                    double dOut = m * dh[s + k];
                    double dCell = m * carry[s + k] + dOut * o * (1 - sq * sq);
                    dz[d + k] = dCell * in * (1 - cand * cand);
                    dz[d + h + k] = dCell * prev[p + k] * f * (1 - f);
                    dz[d + 2 * h + k] = dOut * sq * o * (1 - o);
                    dz[d + 3 * h + k] = dCell * cand * in * (1 - in);
                    carry[s + k] = dCell * f;
                }
            }
            ((HostArray.F64) zArray).write(zo, dz, 0, mb * g);
        }

        @Override
        void writeOutput(SequenceView target, boolean accumulate) {
            target.write(outs, 0, h, null, accumulate);
        }

        @Override
        @SuppressWarnings("try")
        INDArray lastCell() {
            int from = (steps - 1) * mb * h;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.create(java.util.Arrays.copyOfRange(cell, from, from + mb * h), new long[] {mb, h}, 'c');
            }
        }
    }
}

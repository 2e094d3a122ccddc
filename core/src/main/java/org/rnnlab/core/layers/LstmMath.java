package org.rnnlab.core.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise part of {@link CellKernel}: gate activations, cell, output and their gradients, one
 * step at a time, on Java arrays that hold every step's gates, cells and squashed cells for the backward
 * sweep. The matrix products stay with the kernel (BLAS on host memory); a step's block is copied in and
 * out with one {@code memcpy} each way.
 *
 * <p>Two precisions: {@link F32} computes tanh and σ with {@link Activations}' rational approximation in
 * plain loops that the JIT compiles to SIMD instructions; {@link F64} exactly, for gradient checks and the
 * equivalence tests against DL4J's LSTM.
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
    @Override
    abstract INDArray lastCell();

    /**
     * Single precision with the vectorizable rational tanh. As in {@link GruMath.F32}, every step keeps
     * its own arrays of {@code mb·H} values, one per gate ("planes"), so that each element-wise loop
     * runs over one flat index shared by all its arrays, which C2 compiles to SIMD instructions; rows of
     * the BLAS blocks are split into planes and joined back with {@code System.arraycopy}.
     */
    static final class F32 extends LstmMath {
        private float[][] cand = new float[0][];   // per step: candidate tanh(a[0, H))
        private float[][] forget = new float[0][]; // per step: forget gate
        private float[][] outg = new float[0][];   // per step: output gate
        private float[][] in = new float[0][];     // per step: input gate
        private float[][] cell = new float[0][];   // per step: cell (masked)
        private float[][] squashed = new float[0][]; // per step: tanh of the unmasked cell
        private float[][] masks = new float[0][];  // per step: the mask spread over H (when masked)
        private boolean masked;
        private final StepGradients eps = new StepGradients(); // dL/d(output)
        private float[] initial = new float[0];    // initial cell (zero if none)
        private float[] stage = new float[0];      // a [mb, 4H] block, rows zWidth apart
        private int zWidth;                        // the row width of z: 4H, or 4H + StepProduct.PAD
        private float[] out = new float[0];
        private float[] dh = new float[0];
        private float[] carry = new float[0];
        private float[] dc = new float[0];
        private float[] df = new float[0];
        private float[] dout = new float[0];
        private float[] di = new float[0];

        F32(int h) {
            super(h);
        }

        @Override
        boolean singlePrecision() {
            return true;
        }

        @Override
        void begin(int steps, int mb, int zWidth, SequenceView maskArray, HostArray initialCell) {
            this.zWidth = zWidth;
            this.steps = steps;
            this.mb = mb;
            int plane = mb * h;
            if (!Planes.fit(cand, steps, plane)) {
                cand = Planes.of(steps, plane);
                forget = Planes.of(steps, plane);
                outg = Planes.of(steps, plane);
                in = Planes.of(steps, plane);
                cell = Planes.of(steps, plane);
                squashed = Planes.of(steps, plane);
            }
            if (stage.length != mb * zWidth) {
                stage = new float[mb * zWidth];
            }
            if (carry.length != plane) {
                initial = new float[plane];
                out = new float[plane];
                dh = new float[plane];
                carry = new float[plane];
                dc = new float[plane];
                df = new float[plane];
                dout = new float[plane];
                di = new float[plane];
            }
            masked = maskArray != null;
            if (masked) {
                masks = Planes.mask(maskArray, steps, mb, h, masks, null);
            }
            if (initialCell != null) {
                ((HostArray.F32) initialCell).read(0, initial, 0, plane);
            } else {
                Arrays.fill(initial, 0f);
            }
        }

        @Override
        void forwardStep(int t, HostArray zArray, HostArray outArray) {
            int plane = mb * h;
            int g = 4 * h;
            int w = zWidth;
            ((HostArray.F32) zArray).read((long) t * mb * w, stage, 0, (mb - 1) * w + g);
            float[] c = cand[t];
            float[] f = forget[t];
            float[] o = outg[t];
            float[] ig = in[t];
            for (int e = 0; e < mb; e++) {
                System.arraycopy(stage, e * w, c, e * h, h);
                System.arraycopy(stage, e * w + h, f, e * h, h);
                System.arraycopy(stage, e * w + 2 * h, o, e * h, h);
                System.arraycopy(stage, e * w + 3 * h, ig, e * h, h);
            }
            for (int i = 0; i < plane; i++) {
                c[i] = Activations.tanh(c[i]);
            }
            for (int i = 0; i < plane; i++) {
                f[i] = Activations.sigmoid(f[i]);
            }
            for (int i = 0; i < plane; i++) {
                o[i] = Activations.sigmoid(o[i]);
            }
            for (int i = 0; i < plane; i++) {
                ig[i] = Activations.sigmoid(ig[i]);
            }
            float[] prev = t > 0 ? cell[t - 1] : initial;
            float[] ct = cell[t];
            float[] sq = squashed[t];
            for (int i = 0; i < plane; i++) {
                sq[i] = f[i] * prev[i] + ig[i] * c[i];
            }
            if (masked) {
                float[] m = masks[t];
                for (int i = 0; i < plane; i++) {
                    ct[i] = m[i] * sq[i];
                }
            } else {
                System.arraycopy(sq, 0, ct, 0, plane);
            }
            for (int i = 0; i < plane; i++) {
                sq[i] = Activations.tanh(sq[i]);
            }
            for (int i = 0; i < plane; i++) {
                out[i] = o[i] * sq[i];
            }
            if (masked) {
                float[] m = masks[t];
                for (int i = 0; i < plane; i++) {
                    out[i] *= m[i];
                }
            }
            ((HostArray.F32) outArray).write((long) t * plane, out, 0, plane);
        }

        @Override
        void beginBackward(SequenceView epsilon) {
            eps.begin(epsilon, steps, mb, h);
            Arrays.fill(carry, 0f);
        }

        @Override
        void backwardStep(int t, HostArray recurrent, HostArray zArray) {
            int plane = mb * h;
            int g = 4 * h;
            if (recurrent != null) {
                ((HostArray.F32) recurrent).read(0, dh, 0, plane);
                eps.addStep(t, dh);
            } else {
                eps.copyStep(t, dh);
            }
            if (masked) {
                float[] m = masks[t];
                for (int i = 0; i < plane; i++) {
                    dh[i] *= m[i];
                    carry[i] *= m[i];
                }
            }
            float[] c = cand[t];
            float[] f = forget[t];
            float[] o = outg[t];
            float[] ig = in[t];
            float[] sq = squashed[t];
            float[] prev = t > 0 ? cell[t - 1] : initial;
            for (int i = 0; i < plane; i++) {
                float dOut = dh[i];
                float oi = o[i];
                float s = sq[i];
                float dCell = carry[i] + dOut * oi * (1 - s * s);
                float ci = c[i];
                float fi = f[i];
                float ii = ig[i];
                dc[i] = dCell * ii * (1 - ci * ci);
                df[i] = dCell * prev[i] * fi * (1 - fi);
                dout[i] = dOut * s * oi * (1 - oi);
                di[i] = dCell * ci * ii * (1 - ii);
                carry[i] = dCell * fi;
            }
            for (int e = 0; e < mb; e++) {
                System.arraycopy(dc, e * h, stage, e * zWidth, h);
                System.arraycopy(df, e * h, stage, e * zWidth + h, h);
                System.arraycopy(dout, e * h, stage, e * zWidth + 2 * h, h);
                System.arraycopy(di, e * h, stage, e * zWidth + 3 * h, h);
            }
            ((HostArray.F32) zArray).write((long) t * mb * zWidth, stage, 0, (mb - 1) * zWidth + g);
        }

        @Override
        void writeOutput(SequenceView target, HostArray outputs, boolean accumulate) {
            target.scatterFrom(outputs, h, accumulate);
        }

        @Override
        @SuppressWarnings("try")
        INDArray lastCell() {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.create(cell[steps - 1].clone(), new long[] {mb, h}, 'c');
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

        @Override
        void begin(int steps, int mb, int zWidth, SequenceView maskArray, HostArray initialCell) {
            requireWidth(zWidth, 4 * h);
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
                    a[k] = Activations.sigmoid(a[k]);
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
            Arrays.fill(carry, 0);
        }

        @Override
        void backwardStep(int t, HostArray recurrent, HostArray zArray) {
            int g = 4 * h;
            int zo = t * mb * g;
            int co = t * mb * h;
            if (recurrent != null) {
                ((HostArray.F64) recurrent).read(0, dh, 0, mb * h);
            } else {
                Arrays.fill(dh, 0);
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
        void writeOutput(SequenceView target, HostArray outputs, boolean accumulate) {
            target.write(outs, 0, h, null, accumulate);
        }

        @Override
        @SuppressWarnings("try")
        INDArray lastCell() {
            int from = (steps - 1) * mb * h;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.create(Arrays.copyOfRange(cell, from, from + mb * h), new long[] {mb, h}, 'c');
            }
        }
    }
}

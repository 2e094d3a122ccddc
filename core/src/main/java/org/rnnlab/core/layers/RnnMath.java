package org.rnnlab.core.layers;

import java.util.Arrays;

/**
 * The element-wise part of {@link CellKernel} for {@link Rnn}: {@code h = m · tanh(z)} and its gradient
 * {@code dz = m · (1 − tanh²(z)) · dh}, on Java arrays that keep every step's tanh for the backward sweep.
 * As in {@link LstmMath}, {@link F32} uses the vectorizable rational tanh ({@link Activations#tanh(float)}) and
 * {@link F64} the exact one.
 */
abstract sealed class RnnMath extends CellMath permits RnnMath.F32, RnnMath.F64 {

    RnnMath(int h) {
        super(h);
    }

    static RnnMath of(HostArray sample, int h) {
        return sample instanceof HostArray.F32 ? new F32(h) : new F64(h);
    }

    /**
     * Single precision with the vectorizable rational tanh; per-step arrays of {@code mb·H} values, so
     * that every element-wise loop runs over one index shared by its arrays (see {@link GruMath.F32}).
     */
    static final class F32 extends RnnMath {
        private float[][] act = new float[0][];   // per step: tanh(z)
        private float[][] masks = new float[0][]; // per step: the mask spread over H (when masked)
        private boolean masked;
        private final StepGradients eps = new StepGradients();
        private float[] out = new float[0];
        private float[] dz = new float[0];

        F32(int h) {
            super(h);
        }

        @Override
        boolean singlePrecision() {
            return true;
        }

        @Override
        void begin(int steps, int mb, int zWidth, SequenceView maskArray, HostArray initialCell) {
            requireWidth(zWidth, h);
            this.steps = steps;
            this.mb = mb;
            int plane = mb * h;
            if (!Planes.fit(act, steps, plane)) {
                act = Planes.of(steps, plane);
            }
            if (dz.length != plane) {
                out = new float[plane];
                dz = new float[plane];
            }
            masked = maskArray != null;
            if (masked) {
                masks = Planes.mask(maskArray, steps, mb, h, masks, null);
            }
        }

        @Override
        void forwardStep(int t, HostArray z, HostArray outArray) {
            int plane = mb * h;
            float[] a = act[t];
            ((HostArray.F32) z).read((long) t * plane, a, 0, plane);
            for (int i = 0; i < plane; i++) {
                a[i] = Activations.tanh(a[i]);
            }
            if (masked) {
                float[] m = masks[t];
                for (int i = 0; i < plane; i++) {
                    out[i] = m[i] * a[i];
                }
            } else {
                System.arraycopy(a, 0, out, 0, plane);
            }
            ((HostArray.F32) outArray).write((long) t * plane, out, 0, plane);
        }

        @Override
        void beginBackward(SequenceView epsilon) {
            eps.begin(epsilon, steps, mb, h);
        }

        @Override
        void backwardStep(int t, HostArray recurrent, HostArray z) {
            int plane = mb * h;
            if (recurrent != null) {
                ((HostArray.F32) recurrent).read(0, dz, 0, plane);
                eps.addStep(t, dz);
            } else {
                eps.copyStep(t, dz);
            }
            float[] a = act[t];
            for (int i = 0; i < plane; i++) {
                dz[i] *= 1 - a[i] * a[i];
            }
            if (masked) {
                float[] m = masks[t];
                for (int i = 0; i < plane; i++) {
                    dz[i] *= m[i];
                }
            }
            ((HostArray.F32) z).write((long) t * plane, dz, 0, plane);
        }

        @Override
        void writeOutput(SequenceView target, HostArray outputs, boolean accumulate) {
            target.scatterFrom(outputs, h, accumulate);
        }
    }

    /** Double precision with the exact tanh. */
    static final class F64 extends RnnMath {
        private double[] act = new double[0];
        private double[] outs = new double[0];
        private double[] epsAll = new double[0];
        private double[] mask;
        private double[] dz = new double[0];
        private double[] rec = new double[0];

        F64(int h) {
            super(h);
        }

        @Override
        boolean singlePrecision() {
            return false;
        }

        @Override
        void begin(int steps, int mb, int zWidth, SequenceView maskArray, HostArray initialCell) {
            requireWidth(zWidth, h);
            this.steps = steps;
            this.mb = mb;
            int n = steps * mb * h;
            if (act.length < n) {
                act = new double[n];
                outs = new double[n];
            }
            if (dz.length < mb * h) {
                dz = new double[mb * h];
                rec = new double[mb * h];
            }
            mask = null;
            if (maskArray != null) {
                mask = new double[steps * mb];
                maskArray.read(mask, 1);
            }
        }

        @Override
        void forwardStep(int t, HostArray z, HostArray out) {
            int co = t * mb * h;
            ((HostArray.F64) z).read(co, act, co, mb * h);
            for (int e = 0; e < mb; e++) {
                int c = co + e * h;
                double m = mask == null ? 1 : mask[t * mb + e];
                for (int k = c; k < c + h; k++) {
                    act[k] = Math.tanh(act[k]);
                    outs[k] = m * act[k];
                }
            }
            ((HostArray.F64) out).write(co, outs, co, mb * h);
        }

        @Override
        void beginBackward(SequenceView epsilon) {
            if (epsAll.length < steps * mb * h) {
                epsAll = new double[steps * mb * h];
            }
            epsilon.read(epsAll, h);
        }

        @Override
        void backwardStep(int t, HostArray recurrent, HostArray z) {
            int co = t * mb * h;
            if (recurrent != null) {
                ((HostArray.F64) recurrent).read(0, rec, 0, mb * h);
            } else {
                Arrays.fill(rec, 0);
            }
            for (int e = 0; e < mb; e++) {
                int s = e * h;
                double m = mask == null ? 1 : mask[t * mb + e];
                for (int k = 0; k < h; k++) {
                    double a = act[co + s + k];
                    dz[s + k] = m * (1 - a * a) * (epsAll[co + s + k] + rec[s + k]);
                }
            }
            ((HostArray.F64) z).write(co, dz, 0, mb * h);
        }

        @Override
        void writeOutput(SequenceView target, HostArray outputs, boolean accumulate) {
            target.write(outs, 0, h, null, accumulate);
        }
    }
}

package org.rnnlab.core.layers;

/**
 * The output gradient dL/dh_t of a backward sweep in single precision, step by step, for the element-wise code of
 * {@link RnnMath.F32}, {@link LstmMath.F32} and {@link GruMath.F32}. A gradient that is zero but at one step per
 * example ({@link SequenceView#lastSteps}: a classifier on the last step, the usual case) is kept as its {@code mb}
 * rows and added at their steps; any other is read once into a time-major {@code [T·mb·H]} array. The sparse form
 * saves filling and then reading {@code T·mb·H} zeros per sweep (2 MB per 32 examples at hidden 128 and 128 steps),
 * memory traffic that grew with the second thread of a split minibatch ({@link BatchSplitKernel}).
 */
final class StepGradients {

    private float[] dense = new float[0];
    private SequenceView.LastSteps sparse;
    private int mb;
    private int h;

    /** Takes the gradient of a sweep of {@code steps} steps over {@code mb} examples of width {@code h}. */
    void begin(SequenceView epsilon, int steps, int mb, int h) {
        this.mb = mb;
        this.h = h;
        if (epsilon instanceof SequenceView.LastSteps last && last.singlePrecision() && last.n == h && last.mb == mb) {
            sparse = last;
            return;
        }
        sparse = null;
        if (dense.length < steps * mb * h) {
            dense = new float[steps * mb * h];
        }
        epsilon.read(dense, h);
    }

    /** {@code target[0, mb·H)} = the gradient at step {@code t} (in the sweep's time order). */
    void copyStep(int t, float[] target) {
        int plane = mb * h;
        if (sparse == null) {
            System.arraycopy(dense, t * plane, target, 0, plane);
            return;
        }
        java.util.Arrays.fill(target, 0, plane, 0f);
        sparse.addRowsAt(t, target);
    }

    /** {@code target[0, mb·H)} += the gradient at step {@code t}. */
    void addStep(int t, float[] target) {
        if (sparse == null) {
            int plane = mb * h;
            int from = t * plane;
            for (int i = 0; i < plane; i++) {
                target[i] += dense[from + i];
            }
            return;
        }
        sparse.addRowsAt(t, target);
    }
}

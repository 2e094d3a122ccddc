package org.rnnlab.core;

import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.optimize.api.StepFunction;
import org.deeplearning4j.optimize.stepfunctions.NegativeGradientStepFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link NegativeGradientStepFunction} ({@code params -= update}, the last part of every stochastic gradient
 * descent step) as a Java loop over float vectors: the same float subtraction, so the same bits, without the
 * ND4J 1.0.0-M2.1 {@code subi}, whose fixed cost (a custom-operation context with random-generator state) was about
 * 2-3% of a default LSTM training minibatch. Other arrays go to DL4J's. Installed by {@link ViewGradientUpdater}.
 */
final class FloatStep implements StepFunction {

    private static final NegativeGradientStepFunction DL4J = new NegativeGradientStepFunction();
    private float[] params = new float[0];
    private float[] update = new float[0];

    /** DL4J's step ignores the step size for this function: {@code x -= line}. */
    @Override
    public void step(INDArray x, INDArray line, double step) {
        step(x, line);
    }

    @Override
    public synchronized void step(INDArray x, INDArray line) {
        if (!FloatVectors.applies(x) || !FloatVectors.applies(line) || x.length() != line.length()) {
            DL4J.step(x, line);
            return;
        }
        long n = x.length();
        if (params.length < Math.min(FloatVectors.CHUNK, n)) { // as long as a chunk, or the vector where it is shorter
            params = new float[(int) Math.min(FloatVectors.CHUNK, n)];
            update = new float[params.length];
        }
        FloatPointer xp = FloatVectors.pointer(x);
        FloatPointer lp = FloatVectors.pointer(line);
        for (long from = 0; from < n; from += FloatVectors.CHUNK) {
            int len = (int) Math.min(FloatVectors.CHUNK, n - from);
            FloatVectors.read(xp, from, params, len);
            FloatVectors.read(lp, from, update, len);
            for (int i = 0; i < len; i++) {
                params[i] -= update[i];
            }
            FloatVectors.write(params, xp, from, len);
        }
    }

    @Override
    public void step() {
        DL4J.step();
    }
}

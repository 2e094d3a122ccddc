package org.rnnlab.evaluation.bench;

import java.util.List;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Implementation;

/**
 * What {@link TrainingBenchmark} measures: the same work as {@code bench/peer_pytorch.py}, a
 * recurrent classifier over {@code [batch, steps, features]} random float32 data, last step into a
 * softmax over {@code classes}, cross-entropy, Adam(1e-3).
 *
 * @param cells    architectures to measure, e.g. rnn, lstm, gru, bilstm
 * @param batch    minibatch size
 * @param steps    sequence length
 * @param features inputs per step
 * @param hidden   units per recurrent layer
 * @param layers   stacked recurrent layers
 * @param classes  output classes
 * @param warmup   minibatches before timing
 * @param batches  minibatches per timed repeat
 * @param repeats  timed repeats (the median is reported)
 * @param seed     seed of the data and weights
 * @param implementation which LSTM implementation to measure (see {@link Implementation})
 */
public record BenchConfig(List<Architecture> cells, int batch, int steps, int features, int hidden, int layers,
                          int classes, int warmup, int batches, int repeats, long seed, Implementation implementation) {

    public BenchConfig {
        cells = List.copyOf(cells);
        check(!cells.isEmpty(), "cells must name at least one architecture");
        check(batch >= 1 && batch <= 65_536, "batch must be in [1, 65536], got " + batch);
        check(steps >= 1 && steps <= 100_000, "steps must be in [1, 100000], got " + steps);
        check(features >= 1 && features <= 65_536, "features must be in [1, 65536], got " + features);
        check(hidden >= 1 && hidden <= 65_536, "hidden must be in [1, 65536], got " + hidden);
        check(layers >= 1 && layers <= 64, "layers must be in [1, 64], got " + layers);
        check(classes >= 2 && classes <= 65_536, "classes must be in [2, 65536], got " + classes);
        check(warmup >= 0, "warmup must be >= 0, got " + warmup);
        check(batches >= 1, "batches must be >= 1, got " + batches);
        check(repeats >= 1, "repeats must be >= 1, got " + repeats);
        check(implementation != null, "implementation must be rnnlab or dl4j, got null");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("BenchConfig." + message);
        }
    }

    /** The peer script's defaults: batch 64 x 128 steps x 9 features, hidden 64, 1 layer, 6 classes. */
    public static BenchConfig defaults(List<Architecture> cells) {
        return new BenchConfig(cells, 64, 128, 9, 64, 1, 6, 3, 20, 3, 42, Implementation.RNNLAB);
    }
}

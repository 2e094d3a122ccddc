package org.rnnlab.core.layers;

import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A recurrent cell's parameter arrays, or their gradients, by role: input weights {@code W [nIn, G]},
 * recurrent weights {@code RW [H, G]}, bias {@code b [1, G]} and, for the GRU only, the recurrent bias
 * {@code b_h [1, G]} (null for cells without one); {@code G} is the cell's pre-activation width
 * (LSTM 4H, GRU 3H, RNN H).
 */
record CellWeights(INDArray input, INDArray recurrent, INDArray bias, INDArray recurrentBias) {

    /**
     * The parameter keys of a cell's layer, by role ({@code recurrentBias} null for cells without one): how
     * {@link #of} finds the arrays in a layer's parameter or gradient table.
     */
    record Keys(String input, String recurrent, String bias, String recurrentBias) {
    }

    /** The arrays under {@code keys}, looked up with {@code lookup} (e.g. a parameter with weight noise, a gradient view). */
    static CellWeights of(Keys keys, Function<String, INDArray> lookup) {
        return new CellWeights(lookup.apply(keys.input()), lookup.apply(keys.recurrent()), lookup.apply(keys.bias()),
                keys.recurrentBias() == null ? null : lookup.apply(keys.recurrentBias()));
    }
}

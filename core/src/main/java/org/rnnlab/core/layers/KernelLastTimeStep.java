package org.rnnlab.core.layers;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link LastTimeStep} wrapper (the output at each sequence's last valid step, {@code y = h_T}), computed by
 * {@link KernelLastTimeStepLayer}: the same configuration, parameters and results, but back-propagation hands a kernel
 * layer ({@link LstmLayer}, {@link GruLayer}, {@link RnnLayer}) only the gradient of the steps it read, instead of a
 * {@code [mb, H, T]} array that is zero but for them, which DL4J builds and the kernel then read and transposed in
 * full (about 5% of a default LSTM minibatch; docs/PERFORMANCE.md). Around any other layer it is DL4J's.
 *
 * <p>rnnlab's model files store the {@code ModelSpec}, not DL4J's configuration, so networks built before this class
 * load as they were. The class name and package are in a network's DL4J configuration JSON: never rename or move it.
 */
public class KernelLastTimeStep extends LastTimeStep {

    /** Wraps {@code underlying}, a recurrent layer's configuration (also the creator of DL4J's configuration JSON). */
    @JsonCreator
    public KernelLastTimeStep(@JsonProperty("underlying") org.deeplearning4j.nn.conf.layers.Layer underlying) {
        super(underlying);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(getUnderlying());
        return new KernelLastTimeStepLayer(getUnderlying().instantiate(inner, listeners, layerIndex, layerParamsView,
                initializeParams, networkDataType));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelLastTimeStep && super.equals(o);
    }

    /** Lombok's equality hook: DL4J's {@code LastTimeStep} around the same layer is not equal to this. */
    @Override
    protected boolean canEqual(Object other) {
        return other instanceof KernelLastTimeStep;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 17;
    }
}

package org.rnnlab.core.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link Bidirectional} wrapper, for rnnlab's kernel layers ({@link Lstm}, {@link Gru}): the same
 * configuration, merge modes, parameters (forward layer's under prefix {@code f}, backward layer's
 * under {@code b}) and results, computed by {@link KernelBidirectionalLayer}, which runs the backward
 * direction from the last step inside the kernel and writes both directions straight into the merged
 * output, instead of reversing the input, the output and both gradients and concatenating the halves
 * (DL4J's way, which cost about a third of a bidirectional LSTM's training time here).
 *
 * <p>A network configured with DL4J's {@code Bidirectional} and one with this class load each other's
 * parameters as they are. Where the kernels cannot run (another backend) the layer computes the DL4J
 * way. The class name and package are stored in every saved model: never rename or move this class.
 */
public class KernelBidirectional extends Bidirectional {

    /** For Jackson (DL4J's configuration JSON). */
    public KernelBidirectional() {
        super();
    }

    /** Wraps {@code layer} (an {@link Lstm} or {@link Gru} configuration), merging the directions by {@code mode}. */
    public KernelBidirectional(Mode mode, org.deeplearning4j.nn.conf.layers.Layer layer) {
        super(mode, layer);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        NeuralNetConfiguration c1 = conf.clone();
        NeuralNetConfiguration c2 = conf.clone();
        c1.setLayer(getFwd());
        c2.setLayer(getBwd());
        INDArray flat = layerParamsView.reshape(layerParamsView.length());
        long n = layerParamsView.length() / 2;
        Layer f = getFwd().instantiate(c1, listeners, layerIndex, flat.get(interval(0, n)),
                initializeParams, networkDataType);
        Layer b = getBwd().instantiate(c2, listeners, layerIndex, flat.get(interval(n, 2 * n)),
                initializeParams, networkDataType);
        KernelBidirectionalLayer layer = new KernelBidirectionalLayer(conf, f, b, layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelBidirectional && super.equals(o);
    }

    /** Lombok's equality hook: DL4J's {@code Bidirectional} with the same fields is not equal to this. */
    @Override
    protected boolean canEqual(Object other) {
        return other instanceof KernelBidirectional;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 13;
    }
}

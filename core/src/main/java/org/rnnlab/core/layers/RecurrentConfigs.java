package org.rnnlab.core.layers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration plumbing rnnlab's layer configurations ({@link Lstm}, {@link Gru}, {@link Rnn}) share: the
 * recurrent- and input-weight constraints of a builder bound to their parameter keys, and a layer
 * instance wired to its configuration and parameters as DL4J's own layer configurations do it.
 */
final class RecurrentConfigs {

    private RecurrentConfigs() {
    }

    /**
     * {@code existing} plus the builder's recurrent-weight constraints bound to {@code recurrentKey} and its
     * input-weight constraints bound to {@code inputKey}.
     */
    static List<LayerConstraint> bind(List<LayerConstraint> existing, BaseRecurrentLayer.Builder<?> builder,
                                      String recurrentKey, String inputKey) {
        List<LayerConstraint> out = append(existing, builder.getRecurrentConstraints(), recurrentKey);
        return append(out, builder.getInputWeightConstraints(), inputKey);
    }

    /** {@code layer} with its listeners, index, parameter views (initialised if asked) and configuration set. */
    static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf,
                                    Collection<TrainingListener> listeners,
                                    int layerIndex, INDArray paramsView,
                                    boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(conf.getLayer().initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /**
     * {@code existing} (may be null) plus a copy of each constraint of {@code added} (may be null)
     * restricted to parameter {@code param}; null when both are empty, as DL4J leaves it.
     */
    private static List<LayerConstraint> append(List<LayerConstraint> existing, List<LayerConstraint> added, String param) {
        if (added == null || added.isEmpty()) {
            return existing;
        }
        List<LayerConstraint> out = existing == null ? new ArrayList<>() : existing;
        for (LayerConstraint c : added) {
            LayerConstraint copy = c.clone();
            copy.setParams(new HashSet<>(Set.of(param)));
            out.add(copy);
        }
        return out;
    }
}

package org.rnnlab.core;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.rnnlab.core.layers.Residual;

/** Shared helpers of the tests: small specs, seeded data, masks, NoOp updaters. */
public final class TestNets {

    private TestNets() {
    }

    /** A small spec of a cell: given hidden sizes, direction, Adam at {@code rate}, fixed seed. */
    public static ModelSpec spec(CellType cell, boolean bidirectional, List<Integer> hidden, double rate) {
        return ModelSpec.of(cell).withBidirectional(bidirectional).withHiddenSizes(hidden)
                .withUpdater(UpdaterKind.ADAM, rate).withSeed(12345);
    }

    /** The network of a spec with every layer's updater replaced by NoOp (for gradient checks). */
    public static MultiLayerNetwork buildNoOp(ModelSpec spec, int features, int classes, DataType dataType) {
        MultiLayerConfiguration conf = NetworkFactory.configuration(spec, features, classes, dataType);
        for (NeuralNetConfiguration layerConf : conf.getConfs()) {
            setNoOp(layerConf.getLayer());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static void setNoOp(Layer layer) {
        if (layer instanceof BaseWrapperLayer wrapper) { // LastTimeStep
            setNoOp(wrapper.getUnderlying());
        } else if (layer instanceof Residual residual) {
            setNoOp(residual.getUnderlying());
        } else if (layer instanceof Bidirectional bi) {
            setNoOp(bi.getFwd());
            setNoOp(bi.getBwd());
        } else if (layer instanceof BaseLayer base) {
            base.setIUpdater(new NoOp());
            base.setBiasUpdater(new NoOp());
        }
    }

    /** Uniform random features in [-1, 1), shape [mb, features, length]. */
    public static INDArray features(long seed, int mb, int features, int length, DataType dataType) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(dataType, mb, features, length).muli(2).subi(1);
    }

    /** One-hot labels [mb, classes], example i of class i % classes. */
    public static INDArray labels(int mb, int classes, DataType dataType) {
        INDArray y = Nd4j.zeros(dataType, mb, classes);
        for (int i = 0; i < mb; i++) {
            y.putScalar(i, i % classes, 1.0);
        }
        return y;
    }

    /** Feature mask [mb, maxLength] with example i of the given length (1 for real steps, then 0). */
    public static INDArray mask(int[] lengths, int maxLength, DataType dataType) {
        INDArray m = Nd4j.zeros(dataType, lengths.length, maxLength);
        for (int i = 0; i < lengths.length; i++) {
            for (int t = 0; t < lengths[i]; t++) {
                m.putScalar(i, t, 1.0);
            }
        }
        return m;
    }

    /** Variable lengths for a minibatch: full, then shorter ones down to about half (at least 1). */
    public static int[] variableLengths(int mb, int length) {
        int[] out = new int[mb];
        for (int i = 0; i < mb; i++) {
            out[i] = Math.max(1, length - i * Math.max(1, length / 3));
        }
        if (mb == 1) {
            out[0] = Math.max(1, length / 2);
        }
        return out;
    }
}

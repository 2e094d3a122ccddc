package org.rnnlab.core.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.Conv1d;

/**
 * DL4J's {@link Convolution1DLayer} in causal mode, with the mask a causal convolution needs: output step j reads
 * input steps {@code j*stride-kernel+1 .. j*stride} (left padding only), so it is valid exactly when its newest input
 * step {@code j*stride} is; the output mask is the input mask's every {@code stride}-th column. DL4J's own reduction
 * marks an output valid when any step of a centred window is, which for a stride above 1 lets a padded sequence
 * read one step of its padding (a sequence of 4 steps in a minibatch padded to 9, kernel 3, stride 2: 3 valid
 * outputs instead of ceil(4/2) = 2) and so be classified differently from the same sequence alone.
 *
 * <p>Everything else (parameters, forward and backward pass, JSON) is DL4J's. The class name and package are
 * stored in every saved model: never rename or move this class.
 */
public class CausalConvolution1D extends Convolution1DLayer {

    /** For Jackson (DL4J's configuration JSON). */
    public CausalConvolution1D() {
        super();
    }

    /**
     * The causal convolution of {@code conv} over {@code nIn} input channels, NCW, ReLU with He initialisation.
     * Built by DL4J's builder and copied, as DL4J keeps the builder's constructor private.
     */
    public static CausalConvolution1D of(Conv1d conv, long nIn) {
        Convolution1DLayer c = new Convolution1DLayer.Builder()
                .kernelSize(conv.kernel()).stride(conv.stride())
                .convolutionMode(ConvolutionMode.Causal)
                .rnnDataFormat(RNNFormat.NCW)
                .nIn(nIn).nOut(conv.channels())
                .activation(Activation.RELU)
                .weightInit(WeightInit.RELU)
                .build();
        CausalConvolution1D out = new CausalConvolution1D();
        out.copyFrom(c);
        return out;
    }

    private void copyFrom(Convolution1DLayer c) {
        setLayerName(c.getLayerName());
        setIDropout(c.getIDropout());
        setConstraints(c.getConstraints());
        setNIn(c.getNIn());
        setNOut(c.getNOut());
        setTimeDistributedFormat(c.getTimeDistributedFormat());
        setActivationFn(c.getActivationFn());
        setWeightInitFn(c.getWeightInitFn());
        setBiasInit(c.getBiasInit());
        setGainInit(c.getGainInit());
        setRegularization(c.getRegularization());
        setRegularizationBias(c.getRegularizationBias());
        setIUpdater(c.getIUpdater());
        setBiasUpdater(c.getBiasUpdater());
        setWeightNoise(c.getWeightNoise());
        setGradientNormalization(c.getGradientNormalization());
        setGradientNormalizationThreshold(c.getGradientNormalizationThreshold());
        setHasBias(c.hasBias());
        setConvolutionMode(c.getConvolutionMode());
        setDilation(c.getDilation());
        setKernelSize(c.getKernelSize());
        setStride(c.getStride());
        setPadding(c.getPadding());
        setCudnnAllowFallback(c.isCudnnAllowFallback());
        setCnn2dDataFormat(c.getCnn2dDataFormat());
        setCudnnAlgoMode(c.getCudnnAlgoMode());
        setCudnnFwdAlgo(c.getCudnnFwdAlgo());
        setCudnnBwdFilterAlgo(c.getCudnnBwdFilterAlgo());
        setCudnnBwdDataAlgo(c.getCudnnBwdDataAlgo());
        setRnnDataFormat(c.getRnnDataFormat());
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        Impl layer = new Impl(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /** DL4J's layer with the causal mask. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.Convolution1DLayer {

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state, int minibatchSize) {
            if (mask == null) {
                return null;
            }
            int stride = layerConf().getStride()[0];
            if (stride == 1) {
                return new Pair<>(mask, state);
            }
            // steps 0, stride, 2·stride, ...: one per output step, ceil(steps / stride). (ND4J's strided interval failed on a
            // mask shorter than the stride: a second strided convolution over sequences of 1-2 steps.)
            long kept = (mask.size(1) + stride - 1) / stride;
            INDArray reduced = Nd4j.create(mask.dataType(), mask.size(0), kept);
            for (long j = 0; j < kept; j++) {
                reduced.get(all(), point(j)).assign(mask.get(all(), point(j * stride)));
            }
            return new Pair<>(reduced, state);
        }
    }
}

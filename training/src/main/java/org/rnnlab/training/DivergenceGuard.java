package org.rnnlab.training;

import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stops a run at the first minibatch whose loss or gradient is NaN or infinite, before anything of
 * that minibatch is counted or checkpointed, so the last checkpoint stays a good one.
 */
final class DivergenceGuard {

    /**
     * Checks the minibatch just fitted.
     *
     * @param net   the network after {@code fit}
     * @param loss  its score
     * @param epoch the epoch (1 first)
     * @param batch the minibatch of that epoch (1 first)
     * @throws TrainingDivergedException naming epoch, minibatch, loss and the layer with the largest gradient norm
     */
    void check(MultiLayerNetwork net, double loss, int epoch, int batch) {
        Gradient g = net.gradient();
        boolean gradientFinite = g == null || Double.isFinite(g.gradient().sumNumber().doubleValue());
        if (Double.isFinite(loss) && gradientFinite) {
            return;
        }
        throw new TrainingDivergedException(epoch, batch, "loss is " + loss + (gradientFinite ? "" : ", gradient is not finite")
                + worstLayer(g));
    }

    /** "; largest gradient norm in layer L (N)", or empty without a gradient; a NaN norm counts as infinite. */
    static String worstLayer(Gradient g) {
        if (g == null) {
            return "";
        }
        Map<String, Double> byLayer = new TreeMap<>();
        for (Map.Entry<String, INDArray> e : g.gradientForVariable().entrySet()) {
            String layer = e.getKey().contains("_") ? e.getKey().substring(0, e.getKey().indexOf('_')) : e.getKey();
            double n = e.getValue().norm2Number().doubleValue();
            double v = Double.isNaN(n) ? Double.POSITIVE_INFINITY : n;
            byLayer.merge(layer, v, (a, b) -> Math.sqrt(a * a + b * b));
        }
        return byLayer.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> "; largest gradient norm in layer " + e.getKey() + " (" + e.getValue() + ")").orElse("");
    }
}

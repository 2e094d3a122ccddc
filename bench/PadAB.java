package org.rnnlab.core.layers;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
/**
 * In-process A/B of the padded products (StepProduct.paddedWidth) against -Drnnlab.padRows=off: one network (one
 * recurrent layer, last step, softmax over 6 classes, Adam; batch 64 x 128 steps x 9 features, random data, as bench),
 * blocks of training updates alternating the two settings (ABBA order), the median samples/s of each and the median
 * [range] of the per-block ratios. Arguments: cell (lstm or gru), hidden, threads, updates per block, blocks.
 * Run by bench/pad-ab.sh (in rnnlab's package, for StepProduct's package-private switch).
 */
public class PadAB {
  public static void main(String[] a) {
    String cell = a[0];
    int h = Integer.parseInt(a[1]);
    org.rnnlab.core.Nd4jRuntime.configureThreads(Integer.parseInt(a[2]));
    int fits = Integer.parseInt(a[3]), blocks = Integer.parseInt(a[4]);
    MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
        .updater(new Adam(1e-3)).list()
        .layer(new LastTimeStep(cell.equals("lstm") ? new Lstm.Builder().nIn(9).nOut(h).build() : new Gru.Builder().nIn(9).nOut(h).build()))
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(h).nOut(6).build()).build());
    net.init();
    INDArray x = Nd4j.rand(DataType.FLOAT, 64, 9, 128);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 6); for (int i = 0; i < 64; i++) y.putScalar(i, i % 6, 1);
    for (int i = 0; i < 2; i++) net.fit(x, y);
    double[][] t = new double[2][blocks];
    for (int b = 0; b < blocks; b++) for (int v = 0; v < 2; v++) {
      int vv = b % 2 == 0 ? v : 1 - v;
      if (vv == 0) System.clearProperty(StepProduct.PAD_PROPERTY); else System.setProperty(StepProduct.PAD_PROPERTY, "off");
      net.fit(x, y);
      long t0 = System.nanoTime();
      for (int i = 0; i < fits; i++) net.fit(x, y);
      t[vv][b] = 64.0 * fits / ((System.nanoTime() - t0) / 1e9);
    }
    double[] r = new double[blocks];
    for (int b = 0; b < blocks; b++) r[b] = t[0][b] / t[1][b];
    java.util.Arrays.sort(r); java.util.Arrays.sort(t[0]); java.util.Arrays.sort(t[1]);
    System.out.printf("%s H %d threads %s: padded %.0f, unpadded %.0f samples/s (medians of %d blocks of %d updates); padded/unpadded %.3f [%.3f-%.3f]%n",
        cell, h, a[2], t[0][blocks/2], t[1][blocks/2], blocks, fits, r[blocks/2], r[0], r[blocks-1]);
  }
}

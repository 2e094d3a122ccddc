package org.rnnlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.SequenceClassifier;

/** A network with a layer or setting that has no ONNX form here is refused with a message that names it, and no file is written. */
class UnsupportedLayersTest {

    private static ModelCard card(Path dir) throws Exception {
        SequenceClassifier model = ExportedModels.bundle(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4)), ExportedModels.dense(1), dir, 1);
        return model.card();
    }

    private static MultiLayerNetwork net(org.deeplearning4j.nn.conf.layers.Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(1).list();
        for (org.deeplearning4j.nn.conf.layers.Layer l : layers) {
            list.layer(l);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    private static OutputLayer softmax(int nIn) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(nIn).nOut(3).activation(Activation.SOFTMAX).build();
    }

    @Test
    void gravesLstmIsRefusedByName(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = net(new LastTimeStep(new GravesLSTM.Builder().nIn(3).nOut(4).build()), softmax(4));
        assertThatThrownBy(() -> OnnxExporter.export(net, null, card(dir)))
                .isInstanceOf(OnnxExportException.class)
                .hasMessageContaining("layer 0 (GravesLSTM(3->4) (last step))")
                .hasMessageContaining("peephole");
    }

    @Test
    void anActivationWithoutAnOnnxFormIsRefusedByName(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = net(new LastTimeStep(new SimpleRnn.Builder().nIn(3).nOut(4).activation(Activation.ELU).build()), softmax(4));
        assertThatThrownBy(() -> OnnxExporter.export(net, null, card(dir)))
                .isInstanceOf(OnnxExportException.class)
                .hasMessageContaining("layer 0 (SimpleRnn(3->4) (last step))")
                .hasMessageContaining("activation elu").hasMessageContaining("exported: tanh, sigmoid, relu");
    }

    @Test
    void sumPoolingIsRefusedAndNoFileIsLeft(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = net(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build(),
                new GlobalPoolingLayer.Builder(PoolingType.SUM).build(), softmax(4));
        ModelCard card = card(dir);
        assertThatThrownBy(() -> OnnxExporter.export(net, null, card))
                .isInstanceOf(OnnxExportException.class)
                .hasMessageContaining("layer 1 (GlobalPoolingLayer)").hasMessageContaining("pooling SUM");
        Path out = dir.resolve("refused.onnx");
        assertThatThrownBy(() -> OnnxExporter.write(net, null, card, out)).isInstanceOf(OnnxExportException.class);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("onnx"));
        }
    }

    @Test
    void anOutputOnEveryStepIsRefused(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = net(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build(),
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3).activation(Activation.SOFTMAX).build());
        assertThatThrownBy(() -> OnnxExporter.export(net, null, card(dir)))
                .isInstanceOf(OnnxExportException.class)
                .hasMessageContaining("layer 1 (RnnOutputLayer(4->3))");
    }
}

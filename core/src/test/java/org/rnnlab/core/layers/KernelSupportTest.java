package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnlab.core.Nd4jRuntime;

/** The one support policy: kernel, fallback (with the reason) or refusal, for every cell, data type and switch. */
class KernelSupportTest {

    @AfterEach
    void restore() {
        System.clearProperty(Nd4jRuntime.KERNELS_PROPERTY);
    }

    private static Lstm lstm() {
        return new Lstm.Builder().nIn(2).nOut(3).build();
    }

    private static Gru gru(Activation activation, Activation gates) {
        return new Gru.Builder().nIn(2).nOut(3).activation(activation).gateActivationFunction(gates).build();
    }

    private static Rnn rnn() {
        return (Rnn) new Rnn.Builder().nIn(2).nOut(3).build();
    }

    @Test
    void theKernelComputesTanhAndSigmoidCellsInFloatAndDoubleOnTheCpu() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            assertThat(KernelSupport.decide(lstm(), type)).isEqualTo(new KernelSupport.Decision(KernelSupport.Route.KERNEL, ""));
            assertThat(KernelSupport.decide(rnn(), type).kernel()).isTrue();
            assertThat(KernelSupport.decide(gru(Activation.TANH, Activation.SIGMOID), type).kernel()).isTrue();
        }
    }

    @Test
    void otherDataTypesAndSwitchedOffKernelsFallBackWithTheReason() {
        for (var conf : new Layer[] {lstm(), rnn(), gru(Activation.TANH, Activation.SIGMOID)}) {
            KernelSupport.Decision half = KernelSupport.decide(conf, DataType.HALF);
            assertThat(half.route()).isEqualTo(KernelSupport.Route.FALLBACK);
            assertThat(half.reason()).contains("FLOAT or DOUBLE").contains("HALF");
        }
        System.setProperty(Nd4jRuntime.KERNELS_PROPERTY, "off");
        KernelSupport.Decision off = KernelSupport.decide(lstm(), DataType.FLOAT);
        assertThat(off.route()).isEqualTo(KernelSupport.Route.FALLBACK);
        assertThat(off.reason()).contains("-Drnnlab.kernels=off");
    }

    @Test
    void aGruWithOtherActivationsFallsBackToNd4jOperationsEverywhere() {
        KernelSupport.Decision d = KernelSupport.decide(gru(Activation.SOFTSIGN, Activation.SIGMOID), DataType.FLOAT);
        assertThat(d.route()).isEqualTo(KernelSupport.Route.FALLBACK);
        assertThat(d.reason()).contains("softsign").contains("ND4J operations");
    }

    @Test
    void anLstmOrRnnWithOtherActivationsIsRefusedOnEveryRouteAndCannotBeBuilt() {
        Lstm edited = lstm();
        edited.setActivationFn(Activation.RELU.getActivationFunction()); // as if read from edited JSON
        System.setProperty(Nd4jRuntime.KERNELS_PROPERTY, "off"); // even where DL4J's LSTM would compute it
        KernelSupport.Decision d = KernelSupport.decide(edited, DataType.FLOAT);
        assertThat(d.route()).isEqualTo(KernelSupport.Route.REFUSE);
        assertThat(d.reason()).contains("relu").contains("DL4J's LSTM (--impl dl4j)");
        assertThatThrownBy(() -> KernelSupport.check(edited, 4, DataType.FLOAT))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("Lstm layer 4: activation relu");
        assertThatThrownBy(() -> new Rnn.Builder().nIn(2).nOut(3).hasLayerNorm(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer normalisation");
    }

    @Test
    void onlyRnnlabsLayersHaveADecision() {
        assertThatThrownBy(() -> KernelSupport.decide(new LSTM.Builder().nIn(2).nOut(3).build(), DataType.FLOAT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one of rnnlab's recurrent layers");
    }
}

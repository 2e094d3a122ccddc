package org.rnnlab.core.layers;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Nd4jRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides how one of rnnlab's recurrent layers ({@link Lstm}, {@link Gru}, {@link Rnn}) is
 * computed in this process, for its configuration and the network's data type:
 * <ul>
 *   <li>{@link Route#KERNEL}: rnnlab's CPU kernel ({@link CellKernel}, {@link GruKernel}), when ND4J runs on
 *       the CPU backend (arrays in host memory), the kernels are not switched off
 *       ({@code -Drnnlab.kernels=off}), the data type is FLOAT or DOUBLE and the activations are the ones the
 *       kernels compute (tanh, sigmoid gates, no layer normalisation);</li>
 *   <li>{@link Route#FALLBACK}: the same equations on the same parameters by other code, where the kernel
 *       cannot run: DL4J's {@code LSTM} and {@code SimpleRnn}, and the GRU's ND4J operations (which also
 *       compute a GRU with other activations). A model saved on one machine so loads and predicts the same
 *       on any backend;</li>
 *   <li>{@link Route#REFUSE}: an LSTM or RNN configured with activations rnnlab's layers do not compute (the
 *       builders refuse to build one; a configuration read from JSON is refused when the network is
 *       built). DL4J's own layers ({@code --impl dl4j}) compute those.</li>
 * </ul>
 * Every fallback is logged once per reason, so a user on a GPU machine sees which code computes the layers.
 */
public final class KernelSupport {

    private static final Logger LOG = LoggerFactory.getLogger(KernelSupport.class);
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    /** How a layer is computed. */
    public enum Route {
        /** rnnlab's CPU kernel. */
        KERNEL,
        /** The same equations by DL4J's layer (LSTM, RNN) or ND4J operations (GRU). */
        FALLBACK,
        /** Not at all: the configuration asks for something rnnlab's layer does not compute. */
        REFUSE
    }

    /**
     * A decision and, unless the kernel runs, why not.
     *
     * @param route  how the layer is computed
     * @param reason why it is not the kernel (empty for {@link Route#KERNEL})
     */
    public record Decision(Route route, String reason) {

        static final Decision KERNEL = new Decision(Route.KERNEL, "");

        /** Whether the kernel computes the layer. */
        public boolean kernel() {
            return route == Route.KERNEL;
        }
    }

    private KernelSupport() {
    }

    /**
     * The decision for one of rnnlab's layer configurations ({@link Lstm}, {@link Gru}, {@link Rnn}) in a network
     * of data type {@code type}, in this process.
     *
     * @throws IllegalArgumentException for any other layer configuration
     */
    public static Decision decide(Layer conf, DataType type) {
        String activations = unsupportedActivations(conf);
        if (activations != null) {
            if (conf instanceof Gru) {
                return new Decision(Route.FALLBACK, activations + ": the GRU runs on ND4J operations, which compute them");
            }
            String dl4j = conf instanceof Lstm ? "LSTM" : "SimpleRnn";
            return new Decision(Route.REFUSE, activations + "; rnnlab's " + cellName(conf)
                    + " computes only what its kernel computes, use DL4J's " + dl4j + " (--impl dl4j) for others");
        }
        if (!Nd4j.getEnvironment().isCPU()) {
            return new Decision(Route.FALLBACK, "the " + Nd4j.getBackend().getClass().getSimpleName()
                    + " keeps arrays outside host memory, where the CPU kernels cannot read them");
        }
        if (!Nd4jRuntime.kernelsEnabled()) {
            return new Decision(Route.FALLBACK, "the kernels are switched off (-D" + Nd4jRuntime.KERNELS_PROPERTY + "=off)");
        }
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            return new Decision(Route.FALLBACK, "the kernels compute in FLOAT or DOUBLE, the network is " + type);
        }
        return Decision.KERNEL;
    }

    /**
     * How many parts the kernel of one of rnnlab's recurrent layers ({@code cell}, {@code hidden} units per direction)
     * splits a minibatch of {@code mb} examples into at {@code threads} threads (1: it runs on one thread), by the rule
     * the kernels apply ({@link #splitRule()}). For saying beforehand that {@code --threads} gains nothing for a network
     * ({@code rnnlab bench}): the kernels decide it anew on each pass, from the same numbers.
     */
    public static int minibatchParts(CellType cell, int hidden, int mb, int threads) {
        long blocks = switch (cell) { // as CellKernel and GruKernel count stepMultiplyAdds: blocks x H x H
            case RNN -> 1;
            case GRU -> 3;
            case LSTM -> 4;
        };
        return KernelThreads.parts(mb, blocks * hidden * hidden, threads);
    }

    /** The rule of {@link #minibatchParts} in words, for messages. */
    public static String splitRule() {
        long work = KernelThreads.minPartWork;
        return "a layer splits its minibatch only into parts of at least " + KernelThreads.minRowsPerPart + " examples with "
                + (Long.bitCount(work) == 1 ? "2^" + Long.numberOfTrailingZeros(work) : String.valueOf(work)) + " multiply-adds of recurrent product per step each (at batch 64 and two threads: "
                + "LSTM and GRU layers from hidden 128, vanilla RNN from 256)";
    }

    /**
     * What in a configuration's activations the kernels do not compute (tanh activation, sigmoid gates, no layer
     * normalisation), or null when they compute all of it.
     */
    static String unsupportedActivations(Layer conf) {
        if (conf instanceof Lstm lstm) {
            return tanhAndSigmoid(lstm.getActivationFn(), lstm.getGateActivationFn());
        }
        if (conf instanceof Gru gru) {
            return tanhAndSigmoid(gru.getActivationFn(), gru.getGateActivationFn());
        }
        if (conf instanceof Rnn rnn) {
            if (!(rnn.getActivationFn() instanceof ActivationTanH)) {
                return "activation " + rnn.getActivationFn() + " (the kernel computes tanh)";
            }
            return rnn.hasLayerNorm() ? "layer normalisation (the kernel computes none)" : null;
        }
        throw new IllegalArgumentException("not one of rnnlab's recurrent layers: " + conf);
    }

    private static String tanhAndSigmoid(IActivation activation, IActivation gates) {
        boolean tanh = activation instanceof ActivationTanH;
        boolean sigmoid = gates instanceof ActivationSigmoid;
        if (tanh && sigmoid) {
            return null;
        }
        return "activation " + activation + " and gate activation " + gates + " (the kernel computes tanh and sigmoid gates)";
    }

    /**
     * Throws for a configuration the route refuses, naming the layer; logs a fallback once per reason.
     *
     * @return the decision
     */
    static Decision check(Layer conf, int layerIndex, DataType type) {
        Decision d = decide(conf, type);
        String layer = cellName(conf) + " layer " + (conf.getLayerName() == null ? layerIndex : conf.getLayerName());
        if (d.route() == Route.REFUSE) {
            throw new IllegalStateException(layer + ": " + d.reason());
        }
        if (d.route() == Route.FALLBACK && LOGGED.add(cellName(conf) + d.reason())) {
            LOG.info("rnnlab's {} layers are computed without the CPU kernel here: {}", cellName(conf), d.reason());
        }
        return d;
    }

    /**
     * For a builder: throws {@link IllegalArgumentException} when the kernels would refuse the configuration, so
     * that one that cannot be computed cannot be built.
     */
    static <L extends Layer> L buildable(L conf) {
        String activations = unsupportedActivations(conf);
        if (activations != null && !(conf instanceof Gru)) {
            throw new IllegalArgumentException(decide(conf, DataType.FLOAT).reason());
        }
        return conf;
    }

    private static String cellName(Layer conf) {
        return conf.getClass().getSimpleName();
    }
}

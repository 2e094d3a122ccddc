package org.rnnlab.djlpeer;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RNN;
import java.util.List;

/**
 * The networks of the peer, as DJL blocks: a recurrent stack over batch-first [batch, steps, features] input
 * (NTC), its last time step, one {@link Linear} layer to the classes (logits; the loss applies the softmax).
 *
 * <p>Bidirectional cells are not DJL's {@code optBidirectional(true)} (DJL 0.36's bidirectional LSTM fails on
 * its first forward pass: its parameters are not in the order libtorch expects). Each bidirectional layer is two
 * one-directional layers instead: one over the input, one over the time-reversed input whose outputs are
 * reversed back; the two are concatenated on the feature axis (forward half first, as PyTorch orders them).
 * Stacked bidirectional layers are such layers in sequence.
 */
public final class Networks {

    private Networks() {
    }

    /** The whole classifier of one cell at one shape. */
    public static Block classifier(Cell cell, PeerShape shape) {
        SequentialBlock net = new SequentialBlock();
        if (cell.bidirectional()) {
            for (int layer = 0; layer < shape.layers(); layer++) {
                net.add(bidirectional(cell.kind(), shape.hidden()));
            }
        } else {
            net.add(recurrent(cell.kind(), shape.hidden(), shape.layers()));
        }
        net.add(new LambdaBlock(x -> new NDList(x.head().get(":, -1, :")), "lastStep"));
        net.add(Linear.builder().setUnits(shape.classes()).build());
        return net;
    }

    /** A one-directional recurrent stack of {@code kind} (rnn with tanh, lstm, gru), batch first, outputs only. */
    public static Block recurrent(String kind, int hidden, int layers) {
        return switch (kind) {
            case "lstm" -> LSTM.builder().setStateSize(hidden).setNumLayers(layers).optBatchFirst(true)
                    .optReturnState(false).build();
            case "gru" -> GRU.builder().setStateSize(hidden).setNumLayers(layers).optBatchFirst(true)
                    .optReturnState(false).build();
            case "rnn" -> RNN.builder().setStateSize(hidden).setNumLayers(layers).optBatchFirst(true)
                    .setActivation(RNN.Activation.TANH).optReturnState(false).build();
            default -> throw new IllegalArgumentException("unknown recurrent kind '" + kind + "': expected rnn, lstm or gru");
        };
    }

    /**
     * One bidirectional layer from two one-directional ones: output [batch, steps, 2 x hidden], the forward
     * direction's hidden units first, then the backward direction's (which at step t has seen steps t..end).
     */
    public static Block bidirectional(String kind, int hidden) {
        Block forward = recurrent(kind, hidden, 1);
        Block backward = new SequentialBlock()
                .add(new LambdaBlock(Networks::reverseTime, "reverse"))
                .add(recurrent(kind, hidden, 1))
                .add(new LambdaBlock(Networks::reverseTime, "unreverse"));
        return new ParallelBlock(
                outputs -> new NDList(NDArrays.concat(new NDList(outputs.get(0).head(), outputs.get(1).head()), 2)),
                List.of(forward, backward));
    }

    private static NDList reverseTime(NDList x) {
        return new NDList(x.head().flip(1));
    }
}

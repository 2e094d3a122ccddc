package org.rnnlab.evaluation.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.training.Provenance;

/**
 * Measures training and inference throughput of rnnlab's architectures on random data, the way
 * {@code bench/peer_pytorch.py} measures PyTorch: warm-up, then {@code repeats} timed runs of
 * {@code batches} minibatches each, median samples per second.
 */
public final class TrainingBenchmark {
    private static final int DATA_BATCHES = 8;

    private TrainingBenchmark() {
    }

    /**
     * Measures every architecture of the config in turn; {@code progress} receives each result as it comes, with the
     * 1-minute load average before and after its measurement.
     */
    public static List<BenchResult> run(BenchConfig config, Consumer<BenchResult> progress) {
        Nd4jRuntime.ensureConfigured();
        List<BenchResult> results = new ArrayList<>();
        for (Architecture arch : config.cells()) {
            double loadStart = PeerComparison.loadAverage();
            BenchResult r = measure(arch, config);
            r = r.withLoad(loadStart, PeerComparison.loadAverage());
            progress.accept(r);
            results.add(r);
        }
        return results;
    }

    /**
     * Minibatches of a timed inference repeat per minibatch of a training repeat ({@code --batches}), here and in the DJL
     * peer alike ({@code DjlMeasurement}): a forward pass takes a fifth of an update, and 20 passes per repeat (0.1-0.2 s)
     * timed mostly the JIT's compilation of rnnlab's inference path. LSTM inference against DJL in fresh processes, 3
     * rounds in the same quarter hour: 0.77 [0.77-0.80] with 20 passes per repeat, 0.62 [0.58-0.91] with 20 untimed passes
     * more, 0.96 [0.94-0.99] with 60 per repeat; in one process, alternating blocks after a long warm-up, 0.93.
     */
    public static final int INFERENCE_BATCHES_PER_BATCH = 3;

    /** Measures one architecture. */
    public static BenchResult measure(Architecture arch, BenchConfig c) {
        ModelSpec spec = ModelSpec.of(arch).withHiddenSizes(Collections.nCopies(c.layers(), c.hidden())).withSeed(c.seed())
                .withImplementation(c.implementation());
        MultiLayerNetwork net = NetworkFactory.build(spec, c.features(), c.classes());
        List<DataSet> data = randomData(c);
        for (int i = 0; i < c.warmup(); i++) {
            net.fit(data.get(i % data.size()));
        }
        List<Double> train = new ArrayList<>();
        for (int r = 0; r < c.repeats(); r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < c.batches(); i++) {
                net.fit(data.get(i % data.size()));
            }
            train.add(round1((double) c.batches() * c.batch() / ((System.nanoTime() - t0) / 1e9)));
        }
        List<Double> infer = new ArrayList<>();
        for (int i = 0; i < c.warmup(); i++) { // as many untimed passes as the peers' (djl-peer: warmup)
            net.output(data.get(i % data.size()).getFeatures());
        }
        int passes = INFERENCE_BATCHES_PER_BATCH * c.batches();
        for (int r = 0; r < c.repeats(); r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < passes; i++) {
                net.output(data.get(i % data.size()).getFeatures());
            }
            infer.add(round1((double) passes * c.batch() / ((System.nanoTime() - t0) / 1e9)));
        }
        double median = median(train);
        return new BenchResult("rnnlab-" + Provenance.currentRnnlabVersion() + "/dl4j-" + Provenance.currentDl4jVersion()
                + "/" + c.implementation().layerFor(arch.cell()), Nd4jRuntime.backend(),
                arch.id(), Nd4jRuntime.threads(), c.batch(), c.steps(), c.features(), c.hidden(), c.layers(), c.classes(),
                median, train, Math.round(median * trainFlopsPerSample(arch, c) / 1e9 * 100) / 100.0,
                median(infer), infer, Provenance.peakRssMb(), net.numParams(), null, null);
    }

    /**
     * Matrix-product FLOPs per training sample of the recurrent layers, forward x3 for forward and
     * backward: the peer script's formula, so GFLOP/s figures are comparable.
     */
    public static double trainFlopsPerSample(Architecture arch, BenchConfig c) {
        int gates = switch (arch.cell()) {
            case RNN -> 1;
            case GRU -> 3;
            case LSTM -> 4;
        };
        int dirs = arch.bidirectional() ? 2 : 1;
        double fwd = 0;
        for (int layer = 0; layer < c.layers(); layer++) {
            int nIn = layer == 0 ? c.features() : c.hidden() * dirs;
            fwd += 2.0 * (nIn + c.hidden()) * gates * c.hidden() * c.steps() * dirs;
        }
        return 3 * fwd;
    }

    private static List<DataSet> randomData(BenchConfig c) {
        Nd4j.getRandom().setSeed(c.seed());
        Random random = new Random(c.seed());
        List<DataSet> out = new ArrayList<>();
        for (int i = 0; i < DATA_BATCHES; i++) {
            INDArray x = Nd4j.randn(DataType.FLOAT, c.batch(), c.features(), c.steps());
            INDArray y = Nd4j.zeros(DataType.FLOAT, c.batch(), c.classes());
            for (int b = 0; b < c.batch(); b++) {
                y.putScalar(b, random.nextInt(c.classes()), 1f);
            }
            out.add(new DataSet(x, y));
        }
        return out;
    }

    /** The median of rates rounded to 0.1 (the mean of the middle two for an even count, rounded again). */
    static double median(List<Double> values) {
        return round1(RoundAggregate.median(values));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

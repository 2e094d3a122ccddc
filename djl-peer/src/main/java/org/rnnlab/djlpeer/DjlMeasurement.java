package org.rnnlab.djlpeer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one cell's classifier on DJL's PyTorch engine the way bench/peer_pytorch.py does and measures it:
 * eight fixed random minibatches (float32 N(0, 1) input, uniform labels) used in turn, Adam with a fixed
 * learning rate of 1e-3, softmax cross-entropy (mean over the batch); {@code warmup} untimed updates, then
 * {@code repeats} timed runs of {@code batches} updates. Inference (forward only, no gradient recorded) is timed
 * the same way afterwards, over 3 x {@code batches} forward passes per repeat, as rnnlab's own benchmark does.
 *
 * <p>Training runs with libtorch's oneDNN kernels off, inference with them on (see {@link OneDnn}: libtorch
 * 2.7.1's oneDNN LSTM falls back to a slow reference implementation for training on this machine, while its
 * inference is faster than the native kernels). The system property {@code djlpeer.onednn.training=true} keeps
 * libtorch's default (oneDNN on) for training as well, to reproduce the slow path.
 *
 * <p>Call {@link #configure(int)} before the first use in a JVM: libtorch reads its thread count once.
 */
public final class DjlMeasurement implements AutoCloseable {

    /** Minibatches of random data used in turn, as in the peer script. */
    static final int DATA_BATCHES = 8;
    /**
     * Minibatches of a timed inference repeat per minibatch of a training repeat ({@code --batches}): the same as rnnlab's
     * {@code TrainingBenchmark.INFERENCE_BATCHES_PER_BATCH}, so both sides time inference over equally long windows.
     */
    static final int INFERENCE_BATCHES_PER_BATCH = 3;
    private static final float LEARNING_RATE = 1e-3f;
    private static final int SEED = 42;
    /** System property: true to train with libtorch's oneDNN kernels on (its default; slow for LSTM here). */
    static final String ONEDNN_TRAINING = "djlpeer.onednn.training";

    private final PeerShape shape;
    private final Model model;
    private final Trainer trainer;
    private final NDManager data;
    private final List<NDArray> inputs = new ArrayList<>();
    private final List<NDArray> labels = new ArrayList<>();

    private DjlMeasurement(Cell cell, PeerShape shape) {
        this.shape = shape;
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(SEED);
        model = Model.newInstance("djl-peer-" + cell.name(), Device.cpu(), "PyTorch");
        model.setBlock(Networks.classifier(cell, shape));
        DefaultTrainingConfig config = new DefaultTrainingConfig(new SoftmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build())
                .optDevices(new Device[] {Device.cpu()});
        trainer = model.newTrainer(config);
        Shape input = new Shape(shape.batch(), shape.steps(), shape.features());
        trainer.initialize(input);
        data = model.getNDManager().newSubManager();
        for (int i = 0; i < DATA_BATCHES; i++) {
            inputs.add(data.randomNormal(input));
            labels.add(data.randomInteger(0, shape.classes(), new Shape(shape.batch()), DataType.INT64));
        }
    }

    /**
     * Sets DJL's system properties for an offline CPU run with {@code threads} libtorch intra-op threads (one
     * inter-op thread: nothing here runs graphs in parallel), unless already set: no download (the natives come
     * from the pytorch-native-cpu jar on the class path), the CPU flavour.
     */
    public static void configure(int threads) {
        System.setProperty("ai.djl.offline", "true");
        setIfAbsent("PYTORCH_FLAVOR", "cpu");
        setIfAbsent("ai.djl.default_engine", "PyTorch");
        setIfAbsent("ai.djl.pytorch.num_threads", String.valueOf(threads));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        // the graph optimizer concerns TorchScript models only; off, so that the engine does not log about it
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** {@code djl-<DJL version>/libtorch-<libtorch version>}, from the loaded engine. */
    public static String peerName() {
        return "djl-" + Engine.getDjlVersion() + "/libtorch-" + Engine.getEngine("PyTorch").getVersion();
    }

    /** libtorch's intra-op threads as the engine reports them. */
    public static int engineThreads() {
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    /** Measures one cell: training rate (median of the repeats), its GFLOP/s, the inference rate. */
    public static PeerResult measure(Cell cell, PeerShape shape) {
        try (DjlMeasurement m = new DjlMeasurement(cell, shape)) {
            trainingKernels();
            for (int i = 0; i < shape.warmup(); i++) {
                m.update(i, false);
            }
            List<Double> rates = new ArrayList<>();
            for (int r = 0; r < shape.repeats(); r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < shape.batches(); i++) {
                    m.update(i, false);
                }
                rates.add(round((double) shape.batches() * shape.batch() / ((System.nanoTime() - t0) / 1e9), 1));
            }
            OneDnn.setEnabled(true);
            for (int i = 0; i < shape.warmup(); i++) {
                m.infer(i);
            }
            List<Double> inference = new ArrayList<>();
            int passes = INFERENCE_BATCHES_PER_BATCH * shape.batches();
            for (int r = 0; r < shape.repeats(); r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < passes; i++) {
                    m.infer(i);
                }
                inference.add(round((double) passes * shape.batch() / ((System.nanoTime() - t0) / 1e9), 1));
            }
            double median = median(rates);
            return new PeerResult(peerName(), cell.name(), engineThreads(), shape, median, rates,
                    round(median * cell.gemmFlopsPerSample(shape) / 1e9, 2), median(inference), 0);
        }
    }

    /**
     * The training loss before each of {@code updates} updates on the first minibatch only (for checking that
     * the network learns).
     */
    public static List<Double> lossesOnOneBatch(Cell cell, PeerShape shape, int updates) {
        try (DjlMeasurement m = new DjlMeasurement(cell, shape)) {
            trainingKernels();
            List<Double> losses = new ArrayList<>();
            for (int i = 0; i < updates; i++) {
                losses.add(m.update(0, true));
            }
            return losses;
        }
    }

    /** libtorch's kernels for training: oneDNN off unless {@value #ONEDNN_TRAINING} is true. */
    private static void trainingKernels() {
        OneDnn.setEnabled(Boolean.getBoolean(ONEDNN_TRAINING));
    }

    /** One Adam update on minibatch {@code i mod 8}; returns the loss if asked (NaN otherwise: no synchronisation). */
    private double update(int i, boolean wantLoss) {
        NDArray x = inputs.get(i % DATA_BATCHES);
        NDArray y = labels.get(i % DATA_BATCHES);
        double value = Double.NaN;
        // the step's intermediate arrays live in a sub-manager closed after the update
        try (NDManager step = data.newSubManager()) {
            x.tempAttach(step);
            y.tempAttach(step);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(x));
                NDArray loss = trainer.getLoss().evaluate(new NDList(y), predictions);
                collector.backward(loss);
                if (wantLoss) {
                    value = loss.getFloat();
                }
            }
            trainer.step();
        }
        return value;
    }

    /** One forward pass (inference mode, no gradient) on minibatch {@code i mod 8}. */
    private void infer(int i) {
        NDArray x = inputs.get(i % DATA_BATCHES);
        try (NDManager step = data.newSubManager()) {
            x.tempAttach(step);
            trainer.evaluate(new NDList(x)).head().getShape();
        }
    }

    static double median(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    @Override
    public void close() {
        data.close();
        trainer.close();
        model.close();
    }
}

package org.rnnlab.evaluation.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.synthetic.Agreement;
import org.rnnlab.evaluation.train.RunDefaults;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.SequenceClassifier;
import org.rnnlab.training.TrainedModel;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingConfig;

/**
 * One-sequence inference latency, the serving case: {@link SequenceClassifier#predictPrepared} (the call
 * {@code predict} and {@code serve} make; {@code predict(float[][])} without its logged warning of untested lengths) on one
 * sequence, again and again on one thread, each call timed with
 * {@link System#nanoTime()} after untimed warm-up calls. Besides the percentiles it records the Java heap allocated
 * per call (ThreadMXBean) and, after a full GC at a few points along the calls, the heap in use, JavaCPP's off-heap
 * bytes and the resident memory, so that memory held growing with the number of calls (a leak in the prediction
 * path) shows. The GCs happen between timed calls, never inside one.
 */
public final class LatencyBenchmark {

    /** Longest wait for the deallocation backlog to drain at a memory point, milliseconds. */
    static final long DRAIN_MILLIS = 5_000;

    private LatencyBenchmark() {
    }

    /**
     * Where memory is recorded by default: after 1,000, 10,000 and 20,000 calls when there are that many, and always
     * after the last call (for fewer calls: after min(1000, calls), calls / 2 and calls).
     */
    public static List<Integer> memoryPoints(int calls) {
        TreeSet<Integer> at = new TreeSet<>();
        for (int p : new int[] {1_000, 10_000, 20_000}) {
            if (p <= calls) {
                at.add(p);
            }
        }
        if (at.size() < 3) {
            at.add(Math.min(1_000, calls));
            at.add(Math.max(1, calls / 2));
        }
        at.add(calls);
        return List.copyOf(at);
    }

    /**
     * Times {@code calls} predictions of {@code sequence} after {@code warmup} untimed ones.
     *
     * @param model    what is measured, for the report
     * @param memoryAt call counts (1..calls) after which memory is recorded
     * @throws IllegalArgumentException for calls < 1, warmup < 0 or a memory point outside 1..calls
     */
    public static LatencyResult run(SequenceClassifier classifier, float[][] sequence, int warmup, int calls,
                                    List<Integer> memoryAt, String model) {
        if (calls < 1) {
            throw new IllegalArgumentException("latency calls must be >= 1, got " + calls);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("latency warm-up calls must be >= 0, got " + warmup);
        }
        TreeSet<Integer> points = new TreeSet<>(memoryAt);
        if (!points.isEmpty() && (points.first() < 1 || points.last() > calls)) {
            throw new IllegalArgumentException("memory points must be in [1, " + calls + "], got " + memoryAt);
        }
        Nd4jRuntime.ensureConfigured();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        SequenceClassifier.Prediction last = null;
        // predict(sequence) without its logged warning of untested lengths, which a long --latency-length would repeat at
        // every timed call (and time)
        List<float[][]> one = java.util.Collections.singletonList(sequence);
        for (int i = 0; i < warmup; i++) {
            last = classifier.predictPrepared(one, 0).get(0);
        }
        long[] nanos = new long[calls];
        List<LatencyResult.MemoryPoint> memory = new ArrayList<>();
        long allocated = 0;
        int done = 0;
        points.add(calls); // the end of the last block (recorded only if asked for)
        for (int end : points) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (; done < end; done++) {
                long t0 = System.nanoTime();
                last = classifier.predictPrepared(one, 0).get(0);
                nanos[done] = System.nanoTime() - t0;
            }
            allocated += threads.getThreadAllocatedBytes(thread) - before;
            if (memoryAt.contains(end)) {
                memory.add(memoryNow(end));
            }
        }
        long total = 0;
        for (long n : nanos) {
            total += n;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        MultiLayerNetwork net = classifier.network();
        return new LatencyResult(model, describe(classifier.card().spec()), sequence.length, sequence[0].length,
                Nd4jRuntime.threads(), warmup, calls,
                micros(percentile(sorted, 0.50)), micros(percentile(sorted, 0.90)), micros(percentile(sorted, 0.99)),
                micros(percentile(sorted, 0.999)), micros(sorted[sorted.length - 1]), micros(total / calls),
                Math.round(calls / (total / 1e9) * 10) / 10.0, allocated / calls, memory, last.label(),
                last.probabilities());
    }

    /** The value at quantile {@code q} (0 < q <= 1) of sorted values, by nearest rank: {@code sorted[ceil(q n) - 1]}. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    /**
     * Memory held now, after a full GC: {@code System.gc()} repeated with pauses until the heap in use stops falling
     * (at most {@link #DRAIN_MILLIS}), then JavaCPP's pending deallocations. The repetition matters: ND4J frees an
     * array's native buffer on its DeallocatorService thread after a GC found the array unreachable, and until then
     * the service's bookkeeping (a map entry, an id String, an OpaqueDataBuffer per buffer) stays on the heap; on a
     * busy machine that thread lags behind the calls (a class histogram after 55 s of calls at load 8 on 2 cores
     * held 189,000 such buffers), and one GC with a short pause would count the backlog as memory held.
     */
    static LatencyResult.MemoryPoint memoryNow(long calls) {
        long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000L;
        long previous = Long.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used > previous - 256 * 1024) {
                break;
            }
            previous = used;
        }
        // JavaCPP frees the memory of collected Pointers on its own thread, which lags on a busy machine: free them now
        Pointer.deallocateReferences();
        java.lang.management.MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new LatencyResult.MemoryPoint(calls, heap.getUsed(), heap.getCommitted(), Pointer.totalBytes(), Pointer.physicalBytes());
    }

    /**
     * The model {@code rnnlab train} builds with no arguments, untrained: the agreement text task's recipe
     * ({@link RunDefaults#forDataset}: LSTM, its hidden size and layers, seed 1) over the agreement vocabulary with
     * the default embedding, saved as a bundle and loaded back with {@link ModelBundle#load}, the way
     * {@code predict} and {@code serve} load a model. Latency does not depend on the weights' values.
     */
    public static SequenceClassifier defaultModel() {
        RunDefaults d = RunDefaults.forDataset(Agreement.NAME);
        Agreement data = Agreement.generate(Agreement.Config.defaults().withSizes(64, 16, 16));
        ModelSpec spec = ModelSpec.of(CellType.LSTM).withHiddenSizes(java.util.Collections.nCopies(d.layers(), d.hidden()))
                .withSeed(d.seed());
        return untrained(spec, data);
    }

    /**
     * A freshly initialised network of {@code spec} (adapted to the data's input as training adapts it) for
     * {@code data}'s input and labels, written as a model bundle to a temporary file and loaded back from it.
     */
    public static SequenceClassifier untrained(ModelSpec spec, SequenceDataset data) {
        ModelSpec adapted = Trainer.adaptTo(spec, data);
        InputDescription in = data.input();
        int features = in.kind() == InputDescription.Kind.TOKENS ? 1 : in.featureCount();
        MultiLayerNetwork net = NetworkFactory.build(adapted, features, data.labelNames().size());
        TrainingConfig config = TrainingConfig.defaults();
        TrainedModel model = new TrainedModel(adapted, config, net, Optional.empty(), data.labelNames(), in, List.of(), 0,
                Double.NaN, 0, Trainer.provenance(adapted, config, data, List.of()));
        Path dir = null;
        try {
            dir = Files.createTempDirectory("rnnlab-latency");
            Path file = dir.resolve("untrained.rnnlab");
            int maxLength = in.maxLength() > 0 ? in.maxLength() : 1;
            ModelCard card = ModelBundle.card(model, Map.of(), data.name(), model.provenance(), 1, maxLength, data.textEncoder());
            ModelBundle.save(net, Optional.empty(), card, file);
            SequenceClassifier loaded = ModelBundle.load(file);
            Files.delete(file);
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the untrained model to a temporary folder: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                dir.toFile().delete();
            }
        }
    }

    /**
     * The sequence length to time by default: the longest sequence the model was trained on (from its card),
     * else {@code fallback}.
     */
    public static int defaultSteps(SequenceClassifier classifier, int fallback) {
        ModelCard card = classifier.card();
        if (card.maxLength() > 0) {
            return card.maxLength();
        }
        return card.input().maxLength() > 0 ? card.input().maxLength() : fallback;
    }

    /**
     * A seeded random sequence of {@code steps} steps the model accepts: token ids drawn uniformly from the
     * vocabulary for text models, standard normal values otherwise.
     */
    public static float[][] randomSequence(SequenceClassifier classifier, int steps, long seed) {
        if (steps < 1) {
            throw new IllegalArgumentException("latency steps must be >= 1, got " + steps);
        }
        InputDescription in = classifier.card().input();
        Random random = new Random(seed);
        boolean tokens = in.kind() == InputDescription.Kind.TOKENS;
        int features = tokens ? 1 : in.featureCount();
        float[][] seq = new float[steps][features];
        for (float[] step : seq) {
            for (int f = 0; f < features; f++) {
                step[f] = tokens ? random.nextInt(in.vocabularySize()) : (float) random.nextGaussian();
            }
        }
        return seq;
    }

    /** A short description of a spec: cell, hidden sizes and input, e.g. {@code lstm [24], tokens 23 -> 32}. */
    public static String describe(ModelSpec spec) {
        String cell = (spec.bidirectional() ? "bi" : "") + spec.cell().name().toLowerCase(java.util.Locale.ROOT);
        String input = switch (spec.input().kind()) {
            case TOKENS -> ", tokens " + spec.input().vocabularySize() + " -> embedding " + spec.input().embeddingSize();
            case DENSE -> "";
        };
        return cell + " " + spec.hiddenSizes() + input;
    }
}

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
import org.rnnlab.training.PredictionStream;
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
        // predict(sequence) without its logged warning of untested lengths, which a long --latency-length would repeat at
        // every timed call (and time)
        List<float[][]> one = java.util.Collections.singletonList(sequence);
        return time(classifier, sequence, warmup, calls, memoryAt, model, PREDICT, i -> { },
                i -> classifier.predictPrepared(one, 0).get(0));
    }

    /** {@link LatencyResult#call()} of {@link #run}. */
    public static final String PREDICT = "predict";
    /** {@link LatencyResult#call()} of {@link #runStream}. */
    public static final String STREAM_STEP = "stream step";

    /**
     * Times {@code calls} steps of a {@link PredictionStream} (the Java API for samples that arrive one at a time, as
     * from a device) after {@code warmup} untimed ones: each call is one {@link PredictionStream#step} of the next
     * sample of {@code sequence}, and after its last sample the stream is {@linkplain PredictionStream#reset() reset}
     * (untimed) and reads it again, so every call is a step of a sequence of at most {@code sequence.length} samples.
     * The last call's prediction is that of the prefix of {@code sequence} it ended, as {@code predict} gives it.
     *
     * @throws UnsupportedOperationException for a model that cannot be streamed (bidirectional, text, ...), saying why
     * @throws IllegalArgumentException      for calls < 1, warmup < 0 or a memory point outside 1..calls
     */
    public static LatencyResult runStream(SequenceClassifier classifier, float[][] sequence, int warmup, int calls,
                                          List<Integer> memoryAt, String model) {
        PredictionStream stream = classifier.stream();
        int length = sequence.length;
        // warm-up calls and timed calls number the samples as one run: call i reads sample i mod length
        int[] offset = {0};
        return time(classifier, sequence, warmup, calls, memoryAt, model, STREAM_STEP, i -> {
            if ((i + offset[0]) % length == 0 && stream.steps() > 0) {
                stream.reset();
            }
        }, i -> stream.step(sequence[(i + offset[0]) % length]), offset);
    }

    private interface Call {
        SequenceClassifier.Prediction call(int i);
    }

    private static LatencyResult time(SequenceClassifier classifier, float[][] sequence, int warmup, int calls,
                                      List<Integer> memoryAt, String model, String what, java.util.function.IntConsumer before,
                                      Call call) {
        return time(classifier, sequence, warmup, calls, memoryAt, model, what, before, call, new int[1]);
    }

    /**
     * The timing loop of {@link #run} and {@link #runStream}: {@code before.accept(i)} (untimed), then {@code call.call(i)}
     * timed, for the warm-up calls and then the timed ones, each numbered from 0; {@code offset[0]} is set to the warm-up
     * count before the timed calls, so that a caller numbering samples across both sees one run.
     */
    private static LatencyResult time(SequenceClassifier classifier, float[][] sequence, int warmup, int calls,
                                      List<Integer> memoryAt, String model, String what, java.util.function.IntConsumer before,
                                      Call call, int[] offset) {
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
        offset[0] = 0;
        for (int i = 0; i < warmup; i++) {
            before.accept(i);
            last = call.call(i);
        }
        offset[0] = warmup;
        long[] nanos = new long[calls];
        List<LatencyResult.MemoryPoint> memory = new ArrayList<>();
        long allocated = 0;
        int done = 0;
        points.add(calls); // the end of the last block (recorded only if asked for)
        for (int end : points) {
            long before0 = threads.getThreadAllocatedBytes(thread);
            for (; done < end; done++) {
                before.accept(done);
                long t0 = System.nanoTime();
                last = call.call(done);
                nanos[done] = System.nanoTime() - t0;
            }
            allocated += threads.getThreadAllocatedBytes(thread) - before0;
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
        return new LatencyResult(model, describe(classifier.card().spec()), sequence.length, sequence[0].length,
                Nd4jRuntime.threads(), warmup, calls,
                micros(percentile(sorted, 0.50)), micros(percentile(sorted, 0.90)), micros(percentile(sorted, 0.99)),
                micros(percentile(sorted, 0.999)), micros(sorted[sorted.length - 1]), micros(total / calls),
                Math.round(calls / (total / 1e9) * 10) / 10.0, allocated / calls, memory, last.label(),
                last.probabilities(), what, Nd4jRuntime.backend());
    }

    /** The value at quantile {@code q} (0 < q <= 1) of sorted values, by nearest rank: {@code sorted[ceil(q n) - 1]}. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 10.0) / 100.0;
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
     * The default model of {@code bench --latency --stream}: an untrained network of {@code cell} (e.g. {@code lstm}) with {@code layers}
     * layers of {@code hidden} units over {@code features} numeric inputs (named {@code f0, f1, ...}) and {@code classes}
     * classes, its sequences {@code steps} long (the sensor-window shape of the training benchmark's defaults), saved
     * as a bundle and loaded back as {@link #defaultModel()} is. Streams take numeric inputs only, so the agreement
     * text model of {@code --latency} cannot be streamed.
     */
    public static SequenceClassifier streamModel(org.rnnlab.core.Architecture cell, int layers, int hidden, int features, int classes, int steps,
                                                 long seed) {
        List<String> names = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            names.add("f" + f);
        }
        List<String> labels = new ArrayList<>();
        List<org.rnnlab.datasets.Sequence> examples = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            labels.add("class" + k);
            examples.add(new org.rnnlab.datasets.Sequence(new float[steps][features], k));
        }
        org.rnnlab.datasets.SequenceSet set = new org.rnnlab.datasets.SequenceSet(examples);
        SequenceDataset data = new org.rnnlab.datasets.InMemorySequenceDataset("stream-latency",
                InputDescription.dense(names, steps), labels, set, set, set,
                new org.rnnlab.datasets.DatasetProvenance("stream-latency", "generated", Map.of(), List.of(), seed));
        ModelSpec spec = ModelSpec.of(cell).withHiddenSizes(java.util.Collections.nCopies(layers, hidden)).withSeed(seed);
        return untrained(spec, data);
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

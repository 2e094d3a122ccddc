package org.rnnlab.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.SequenceClassifier;
import org.rnnlab.training.TrainedModel;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingConfig;

/** Small real models saved as bundles, and ONNX Runtime running their exported graphs. */
final class ExportedModels {
    static final List<String> FEATURES = List.of("ax", "ay", "temp");

    private ExportedModels() {
    }

    /**
     * Dense sequences of 1..14 steps, 3 features far from standardised (so the normaliser matters), 3 classes.
     */
    static SequenceDataset dense(long seed) {
        Random r = new Random(seed);
        List<SequenceSet> splits = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<Sequence> list = new ArrayList<>();
            for (int i = 0; i < 36; i++) {
                int label = r.nextInt(3);
                list.add(new Sequence(sequence(r, 1 + r.nextInt(14), label), label));
            }
            splits.add(new SequenceSet(list));
        }
        return new InMemorySequenceDataset("onnx-dense", InputDescription.dense(FEATURES, 14), List.of("rest", "walk", "run"),
                splits.get(0), splits.get(1), splits.get(2), new DatasetProvenance("onnx-dense", "generated", Map.of(), List.of(), seed));
    }

    static float[][] sequence(Random r, int length, int label) {
        float[][] v = new float[length][3];
        for (int t = 0; t < length; t++) {
            v[t][0] = (float) (label + 0.7 * r.nextGaussian());
            v[t][1] = (float) (40 + 12 * r.nextGaussian());
            v[t][2] = (float) (-3 + 0.1 * r.nextGaussian());
        }
        return v;
    }

    /**
     * Trains {@code spec} for one epoch, replaces its parameters by random ones of a size that makes every gate, bias and
     * block matter (one epoch moves them little), saves the bundle and loads it back as a user's program would.
     */
    static SequenceClassifier bundle(ModelSpec spec, SequenceDataset data, Path dir, long seed) throws IOException {
        return bundle(spec, data, dir, seed, null);
    }

    /** As {@link #bundle(ModelSpec, SequenceDataset, Path, long)}, saved with {@code normalizer} instead of the fitted one. */
    static SequenceClassifier bundle(ModelSpec spec, SequenceDataset data, Path dir, long seed,
                                     org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize normalizer) throws IOException {
        TrainedModel trained = Trainer.train(spec, TrainingConfig.defaults().withEpochs(1).withBatchSize(16), data);
        MultiLayerNetwork net = trained.network();
        INDArray random = Nd4j.randn(new Random(seed).nextLong(), net.params().shape()).muli(0.4).castTo(net.params().dataType());
        net.setParams(random);
        Provenance prov = Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(seed));
        Path file = dir.resolve("model-" + seed + ".rnnlab");
        ModelBundle.save(net, normalizer != null ? java.util.Optional.of(normalizer) : trained.normalizer(), ModelBundle.card(trained, Map.of(), data.name(), prov, 1, 14,
                data.textEncoder()), file);
        return ModelBundle.load(file);
    }

    /**
     * {@code plain} saved again with the held-out confidence quantiles that training records ({@code heldOutPredictions}), of
     * its own predictions on {@code data}'s validation and test splits, and loaded back: predictions then carry
     * {@code lowConfidence}, as predict's {@code low_confidence}.
     */
    static SequenceClassifier withHeldOutQuantiles(SequenceClassifier plain, SequenceDataset data, Path file) throws IOException {
        List<Sequence> heldOut = new ArrayList<>(data.split(org.rnnlab.datasets.Split.VALIDATION).examples());
        heldOut.addAll(data.split(org.rnnlab.datasets.Split.TEST).examples());
        List<SequenceClassifier.Prediction> predicted = plain.predict(heldOut.stream().map(Sequence::values).toList());
        double[][] probabilities = predicted.stream().map(SequenceClassifier.Prediction::probabilities).toArray(double[][]::new);
        int[] actual = heldOut.stream().mapToInt(Sequence::label).toArray();
        long[] counts = new long[plain.labelNames().size()];
        predicted.forEach(p -> counts[p.index()]++);
        ModelBundle.save(plain.network(), java.util.Optional.ofNullable(plain.normalizer()), plain.card().withHeldOutPredictions(
                "validation", counts, org.rnnlab.training.HeldOutConfidence.of(probabilities, actual, plain.labelNames())), file);
        return ModelBundle.load(file);
    }

    /** What ONNX Runtime says for a batch: probabilities and labels. */
    record Answer(float[][] probabilities, long[] labels) {
    }

    /**
     * Runs the exported model on {@code sequences} as one padded batch; padding steps hold {@code pad} (a value rnnlab
     * never sees), to show that the graph reads only each sequence's own steps.
     */
    static Answer run(OrtSession session, List<float[][]> sequences, boolean tokens, float pad) throws OrtException {
        Map<String, OnnxTensor> in = inputs(sequences, tokens, pad);
        try (OrtSession.Result r = session.run(in)) {
            float[][] p = (float[][]) r.get(OnnxExporter.PROBABILITIES).orElseThrow().getValue();
            long[] labels = (long[]) r.get(OnnxExporter.LABEL).orElseThrow().getValue();
            return new Answer(p, labels);
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    /** The value of the graph output {@code name} (dense sequences, one padded batch). */
    static Object output(OrtSession session, List<float[][]> sequences, String name) throws OrtException {
        Map<String, OnnxTensor> in = inputs(sequences, false, 1e3f);
        try (OrtSession.Result r = session.run(in)) {
            return r.get(name).orElseThrow().getValue();
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    /** The graph's inputs for {@code sequences} as one batch padded with {@code pad}, and their lengths. */
    private static Map<String, OnnxTensor> inputs(List<float[][]> sequences, boolean tokens, float pad) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int n = sequences.size();
        int steps = sequences.stream().mapToInt(s -> s.length).max().orElseThrow();
        int features = sequences.get(0)[0].length;
        long[] lengths = new long[n];
        Map<String, OnnxTensor> in = new HashMap<>();
        if (tokens) {
            long[] ids = new long[n * steps];
            for (int i = 0; i < n; i++) {
                float[][] s = sequences.get(i);
                lengths[i] = s.length;
                for (int t = 0; t < steps; t++) {
                    ids[i * steps + t] = t < s.length ? (long) s[t][0] : (long) pad;
                }
            }
            in.put(OnnxExporter.TOKENS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[]{n, steps}));
        } else {
            float[] x = new float[n * steps * features];
            for (int i = 0; i < n; i++) {
                float[][] s = sequences.get(i);
                lengths[i] = s.length;
                for (int t = 0; t < steps; t++) {
                    for (int f = 0; f < features; f++) {
                        x[(i * steps + t) * features + f] = t < s.length ? s[t][f] : pad;
                    }
                }
            }
            in.put(OnnxExporter.SEQUENCES, OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[]{n, steps, features}));
        }
        in.put(OnnxExporter.LENGTHS, OnnxTensor.createTensor(env, LongBuffer.wrap(lengths), new long[]{n}));
        return in;
    }
}

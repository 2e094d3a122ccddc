package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

class ModelBundleTest {
    static SequenceDataset data;
    static TrainedModel trained;

    @BeforeAll
    static void train() {
        data = TrainerTest.firstStepSign(64, 9);
        trained = Trainer.train(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(6)), TrainingConfig.defaults().withEpochs(3), data);
    }

    private static Path save(Path dir) throws Exception {
        Path file = dir.resolve("model.rnnlab");
        ModelCard card = ModelBundle.card(trained, Map.of("test_accuracy", 0.5), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(42L)), 3, 6, Optional.empty());
        ModelBundle.save(trained.network(), trained.normalizer(), card, file);
        return file;
    }

    private static List<float[][]> testSequences() {
        return data.split(Split.TEST).examples().stream().map(Sequence::values).toList();
    }

    @Test
    void roundTripPredictsExactlyLikeTheTrainedModelWithItsNormaliser(@TempDir Path dir) throws Exception {
        Path file = save(dir);
        assertThat(ModelBundle.entries(file)).containsExactly("bundle.json", "model-card.json", "params.bin", "feature-mean.bin",
                "feature-std.bin");
        SequenceClassifier loaded = ModelBundle.load(file);
        assertThat(loaded.card().formatVersion()).isEqualTo(ModelBundle.FORMAT_VERSION);
        assertThat(loaded.card().spec()).isEqualTo(trained.spec());
        assertThat(loaded.card().labelNames()).containsExactly("neg", "pos");
        assertThat(loaded.card().metrics()).containsEntry("test_accuracy", 0.5).containsKey("validation_accuracy");
        assertThat(loaded.card().normalized()).isTrue();

        // the same network: configuration (DL4J's training counters aside), parameters bit for bit, normaliser bit for bit
        MultiLayerConfiguration trainedConf = trained.network().getLayerWiseConfigurations().clone();
        trainedConf.setIterationCount(0);
        trainedConf.setEpochCount(0);
        assertThat(loaded.network().getLayerWiseConfigurations()).isEqualTo(trainedConf);
        assertThat(loaded.network().numParams()).isEqualTo(trained.network().numParams());
        assertThat(loaded.network().params().toFloatVector()).containsExactly(trained.network().params().toFloatVector());
        NormalizerStandardize n = trained.normalizer().orElseThrow();
        assertThat(loaded.normalizer().getMean().shape()).containsExactly(n.getMean().shape());
        assertThat(loaded.normalizer().getMean().toFloatVector()).containsExactly(n.getMean().toFloatVector());
        assertThat(loaded.normalizer().getStd().toFloatVector()).containsExactly(n.getStd().toFloatVector());

        // predictions bit for bit: the network on the same minibatch, and the classifier on raw sequences
        var it = data.iterator(Split.TEST, 1000, 0);
        trained.normalizer().ifPresent(it::setPreProcessor);
        var ds = it.next();
        double[][] expected = trained.network().output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null).toDoubleMatrix();
        double[][] got = loaded.network().output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null).toDoubleMatrix();
        assertThat(got).isDeepEqualTo(expected);
        SequenceClassifier inMemory = new SequenceClassifier(trained.network(), n, loaded.card());
        List<SequenceClassifier.Prediction> predictions = loaded.predict(testSequences());
        List<SequenceClassifier.Prediction> reference = inMemory.predict(testSequences());
        for (int i = 0; i < predictions.size(); i++) {
            assertThat(predictions.get(i).probabilities()).as("sequence %d", i).containsExactly(reference.get(i).probabilities());
        }
        assertThat(ModelBundle.readCard(file)).isEqualTo(loaded.card());
    }

    @Test
    void aModelInsideAJarLoadsAndPredictsAsTheFile(@TempDir Path dir) throws Exception {
        // a model shipped as a resource of the application's jar was refused as "corrupt (UnsupportedOperationException)"
        Path file = save(dir);
        Path jar = dir.resolve("models.jar");
        try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(jar, java.util.Map.of("create", "true"))) {
            java.nio.file.Files.createDirectories(fs.getPath("/models"));
            java.nio.file.Files.copy(file, fs.getPath("/models/model.rnnlab"));
        }
        long before;
        try (java.util.stream.Stream<Path> tmp = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            before = tmp.filter(p -> p.getFileName().toString().startsWith("rnnlab-") && p.toString().endsWith(".zip")).count();
        }
        try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(jar)) {
            Path inJar = fs.getPath("/models/model.rnnlab");
            SequenceClassifier fromJar = ModelBundle.load(inJar);
            assertThat(ModelBundle.readCard(inJar)).isEqualTo(fromJar.card());
            List<SequenceClassifier.Prediction> expected = ModelBundle.load(file).predict(testSequences());
            List<SequenceClassifier.Prediction> got = fromJar.predict(testSequences());
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).probabilities()).containsExactly(expected.get(i).probabilities());
            }
            // a damaged one is named as the path in the jar
            java.nio.file.Files.write(fs.getPath("/models/bad.rnnlab"), new byte[] {1, 2, 3});
            assertThatThrownBy(() -> ModelBundle.load(fs.getPath("/models/bad.rnnlab"))).isInstanceOf(BundleException.class)
                    .hasMessageContaining("bad.rnnlab").hasMessageContaining("not a");
        }
        try (java.util.stream.Stream<Path> tmp = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(tmp.filter(p -> p.getFileName().toString().startsWith("rnnlab-") && p.toString().endsWith(".zip")).count())
                    .as("no temporary copy left").isLessThanOrEqualTo(before);
        }
    }

    @Test
    void theCardMustDescribeTheNetworkSaved(@TempDir Path dir) {
        ModelCard card = ModelBundle.card(trained, Map.of(), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(42L)), 3, 6, Optional.empty());
        ModelCard other = new ModelCard(2, card.spec().withHiddenSizes(List.of(7)), card.labelNames(), card.input(), 3, 6, card.training(),
                card.bestEpoch(), card.metrics(), true, card.dataset(), card.provenance(), null, null);
        assertThatThrownBy(() -> ModelBundle.save(trained.network(), trained.normalizer(), other, dir.resolve("m.rnnlab")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the network of this card");
        assertThatThrownBy(() -> ModelBundle.save(trained.network(), Optional.empty(), card, dir.resolve("m.rnnlab")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("normalized=true");
        assertThat(dir.resolve("m.rnnlab")).doesNotExist();
    }

    @Test
    void concurrentPredictionsEqualSequentialOnes(@TempDir Path dir) throws Exception {
        SequenceClassifier loaded = ModelBundle.load(save(dir));
        List<float[][]> seqs = testSequences();
        List<SequenceClassifier.Prediction> sequential = new ArrayList<>();
        for (float[][] s : seqs) {
            sequential.add(loaded.predict(s));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SequenceClassifier.Prediction>> futures = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (float[][] s : seqs) {
                    futures.add(pool.submit(() -> loaded.predict(s)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                SequenceClassifier.Prediction p = futures.get(i).get();
                SequenceClassifier.Prediction q = sequential.get(i % seqs.size());
                assertThat(p.label()).isEqualTo(q.label());
                assertThat(Arrays.equals(p.probabilities(), q.probabilities())).as("prediction %d", i).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Predictions on different threads do not wait for each other: each thread predicts with its own copy of the
     * network. DL4J's {@code MultiLayerNetwork.output} holds the network's lock while it computes (so one network
     * shared by all threads would still give right answers, one thread at a time); here the test thread holds the
     * lock of the classifier's network, as a long prediction on a shared network would, and a prediction on another
     * thread must still finish, with the single-threaded answer.
     */
    @Test
    void aPredictionDoesNotWaitWhileAnotherThreadHoldsTheNetwork(@TempDir Path dir) throws Exception {
        SequenceClassifier loaded = ModelBundle.load(save(dir));
        float[][] sequence = testSequences().get(0);
        double[] expected = loaded.predict(sequence).probabilities();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            worker.submit(() -> loaded.predict(sequence)).get(30, TimeUnit.SECONDS); // its first prediction
            synchronized (loaded.network()) {
                Future<SequenceClassifier.Prediction> next = worker.submit(() -> loaded.predict(sequence));
                SequenceClassifier.Prediction p;
                try {
                    p = next.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("a prediction on another thread waited more than 5 s for the lock of the classifier's"
                            + " network: the threads share one network, so their predictions run one at a time");
                }
                assertThat(p.probabilities()).containsExactly(expected);
            }
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void wrongInputsGiveClearErrors(@TempDir Path dir) throws Exception {
        SequenceClassifier loaded = ModelBundle.load(save(dir));
        assertThatThrownBy(() -> loaded.predict(new float[][] {{1f, 2f, 3f}}))
                .hasMessageContaining("sequence 0, step 0: 3 values, expected 2 [a, b]").message().doesNotContain("predictTexts");
        assertThatThrownBy(() -> loaded.predictTexts(List.of("some words"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("this model reads sequences of 2 features [a, b], not text").hasMessageContaining("predict(sequences)");
        assertThatThrownBy(() -> loaded.predict(new float[][] {{1f, Float.NaN}}))
                .hasMessageContaining("feature b: NaN is not a finite number");
        assertThatThrownBy(() -> loaded.predict(new float[0][])).hasMessageContaining("sequence 0 is empty");
    }

    @Test
    void truncatedCorruptMissingAndFutureBundlesAreRejectedClearly(@TempDir Path dir) throws Exception {
        Path good = save(dir);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.rnnlab");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelBundle.load(truncated)).isInstanceOf(BundleException.class)
                .hasMessageStartingWith(truncated.toString()).hasMessageContaining("truncated");

        Path text = dir.resolve("notes.rnnlab");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> ModelBundle.load(text)).hasMessageContaining("not an rnnlab model bundle");

        assertThatThrownBy(() -> ModelBundle.load(dir.resolve("absent.rnnlab"))).hasMessageContaining("no such model file");

        Path future = dir.resolve("future.rnnlab");
        writeZip(future, Map.of("bundle.json", "{\"format\":\"rnnlab-bundle\",\"version\":99}"));
        assertThatThrownBy(() -> ModelBundle.load(future))
                .hasMessageContaining("bundle format version 99 is not supported: this rnnlab reads versions 1 to " + ModelBundle.FORMAT_VERSION);

        Path brokenModel = dir.resolve("broken-model.rnnlab");
        try (var zip = new ZipFile(good.toFile())) {
            String header = new String(zip.getInputStream(zip.getEntry("bundle.json")).readAllBytes(), StandardCharsets.UTF_8);
            String card = new String(zip.getInputStream(zip.getEntry("model-card.json")).readAllBytes(), StandardCharsets.UTF_8);
            writeZip(brokenModel, Map.of("bundle.json", header, "model-card.json", card, "params.bin", "garbage"));
        }
        assertThatThrownBy(() -> ModelBundle.load(brokenModel)).isInstanceOf(BundleException.class)
                .hasMessageContaining("entry params.bin: truncated");
    }

    private static void writeZip(Path file, Map<String, String> entries) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}

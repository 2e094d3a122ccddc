package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;

/**
 * A model file edited after saving and re-zipped consistently (trial 71f F1: labels swapped, a standardiser mean changed,
 * loaded and used without a word) is refused by its content digest; a file pinned by its SHA-256 loads only if it is that file.
 */
class BundleContentDigestTest {
    static SequenceDataset data;
    static TrainedModel trained;

    @BeforeAll
    static void train() {
        data = TrainerTest.firstStepSign(48, 9);
        trained = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults().withEpochs(1), data);
    }

    static Path save(Path dir) throws IOException {
        Path file = dir.resolve("model.rnnlab");
        ModelCard card = ModelBundle.card(trained, Map.of(), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(42L)), 3, 6, Optional.empty());
        ModelBundle.save(trained.network(), trained.normalizer(), card, file);
        return file;
    }

    /** A copy of a bundle with entries rewritten (null drops one), zipped again as any zip tool would. */
    static Path rewrite(Path src, Path dst, BiFunction<String, byte[], byte[]> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(src.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        try (OutputStream out = Files.newOutputStream(dst); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setComment("rezipped"); // another file's bytes even where no entry changes
            for (var e : entries.entrySet()) {
                byte[] b = edit.apply(e.getKey(), e.getValue());
                if (b != null) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(b);
                    zip.closeEntry();
                }
            }
        }
        return dst;
    }

    static BiFunction<String, byte[], byte[]> card(java.util.function.Consumer<ObjectNode> edit) {
        return (name, bytes) -> {
            if (!name.equals("model-card.json")) {
                return bytes;
            }
            try {
                ObjectNode c = (ObjectNode) Json.mapper().readTree(bytes);
                edit.accept(c);
                return Json.mapper().writeValueAsBytes(c);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    @Test
    void aCardEditedAfterSavingIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path good = save(dir);
        assertThat(ModelBundle.load(good).labelNames()).containsExactly("neg", "pos");
        Path swapped = rewrite(good, dir.resolve("swapped.rnnlab"), card(c -> {
            ArrayNode labels = (ArrayNode) c.get("labelNames");
            labels.removeAll();
            labels.add("pos").add("neg");
        }));
        assertThatThrownBy(() -> ModelBundle.load(swapped)).isInstanceOf(BundleException.class)
                .hasMessageContaining(swapped.toString()).hasMessageContaining("was edited or damaged after saving");
        assertThatThrownBy(() -> ModelBundle.readCard(swapped)).hasMessageContaining("was edited or damaged after saving");
        // the same entries zipped again unchanged: still the model that was saved
        Path rezipped = rewrite(good, dir.resolve("rezipped.rnnlab"), (n, b) -> b);
        assertThat(ModelBundle.load(rezipped).labelNames()).containsExactly("neg", "pos");
    }

    @Test
    void anEditedStandardiserMeanIsRefused(@TempDir Path dir) throws IOException {
        Path good = save(dir);
        Path edited = rewrite(good, dir.resolve("mean.rnnlab"), (name, bytes) -> {
            if (!name.equals("feature-mean.bin")) {
                return bytes;
            }
            byte[] b = bytes.clone();
            b[b.length - 1] ^= 0x01; // the last float's high byte: another mean, the array still well formed
            return b;
        });
        assertThatThrownBy(() -> ModelBundle.load(edited)).hasMessageContaining("was edited or damaged after saving");
    }

    @Test
    void aDigestRemovedFromAFormat5HeaderIsRefusedAndAnOlderFormatWithoutOneLoads(@TempDir Path dir) throws IOException {
        Path good = save(dir);
        Path stripped = rewrite(good, dir.resolve("stripped.rnnlab"), (name, bytes) -> name.equals("bundle.json")
                ? ("{\"format\":\"rnnlab-bundle\",\"version\":" + ModelBundle.FORMAT_VERSION + "}").getBytes(StandardCharsets.UTF_8) : bytes);
        assertThatThrownBy(() -> ModelBundle.load(stripped)).hasMessageContaining("records no contentSha256");
        // a file as an rnnlab of format 4 wrote it (no digest): loads, as before
        Path older = rewrite(good, dir.resolve("older.rnnlab"), (name, bytes) -> name.equals("bundle.json")
                ? "{\"format\":\"rnnlab-bundle\",\"version\":4}".getBytes(StandardCharsets.UTF_8)
                : card(c -> c.put("formatVersion", 4)).apply(name, bytes));
        assertThat(ModelBundle.load(older).card().formatVersion()).isEqualTo(4);
    }

    @Test
    void aPinnedFileLoadsOnlyWithItsOwnSha256(@TempDir Path dir) throws IOException {
        Path good = save(dir);
        String hash = ModelBundle.fileSha256(good);
        assertThat(hash).hasSize(64);
        assertThat(ModelBundle.load(good, hash.toUpperCase(java.util.Locale.ROOT)).labelNames()).containsExactly("neg", "pos");
        assertThat(ModelBundle.load(good, hash + "  model.rnnlab").labelNames()).hasSize(2); // a sha256sum line
        Path other = rewrite(good, dir.resolve("other.rnnlab"), (n, b) -> b); // the same model, another file
        assertThatThrownBy(() -> ModelBundle.load(other, hash)).isInstanceOf(BundleException.class)
                .hasMessageContaining(other.toString()).hasMessageContaining("not the expected " + hash);
        assertThatThrownBy(() -> ModelBundle.load(good, "abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 64 hex digits");
    }
}

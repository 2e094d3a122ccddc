package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file is loaded only as it was written: {@link java.util.zip.ZipFile} does not check an
 * entry's CRC-32, so {@link SafeZip} does, and a text model's card must give its vocabulary as many
 * words as its input (and embedding) has ids.
 */
class BundleIntegrityTest {

    /** A zip of the entries, deflated, with {@code name} holding {@code content} under the given CRC-32 and size (true or not). */
    private static byte[] zipWith(Map<String, byte[]> entries, String name, byte[] content, long crc, long size) {
        List<Crafted.Entry> list = new ArrayList<>();
        entries.forEach((n, c) -> {
            if (n.equals(name)) {
                Crafted.Entry honest = Crafted.deflated(n, content);
                list.add(new Crafted.Entry(n, honest.compressed(), crc, size));
            } else {
                list.add(Crafted.deflated(n, c));
            }
        });
        return Crafted.zip(list);
    }

    private static long crc(byte[] content) {
        CRC32 c = new CRC32();
        c.update(content);
        return c.getValue();
    }

    private static List<float[][]> inputs() {
        return Arrays.asList(BundleFixtureTest.denseInputs());
    }

    @Test
    void parametersAlteredUnderTheirStoredCrcAreRefused(@TempDir Path dir) throws IOException {
        Path good = Crafted.resource(BundleFixtureTest.dense(2), dir);
        Map<String, byte[]> v2 = Crafted.entries(good);
        byte[] params = v2.get("params.bin");
        byte[] altered = params.clone();
        ByteBuffer values = ByteBuffer.wrap(altered).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = RawArray.HEADER_BYTES; i + 4 <= altered.length; i += 4) { // float32: every weight + 0.5, still finite
            values.putFloat(i, values.getFloat(i) + 0.5f);
        }
        assertThat(altered).hasSameSizeAs(params).isNotEqualTo(params);

        // the alteration matters: with an honest CRC the file loads and predicts otherwise
        Path honest = Files.write(dir.resolve("honest.rnnlab"), zipWith(v2, "params.bin", altered, crc(altered), altered.length));
        double[] before = ModelBundle.load(good).predict(inputs()).get(0).probabilities();
        double[] after = ModelBundle.load(honest).predict(inputs()).get(0).probabilities();
        assertThat(after).isNotEqualTo(before);

        // the same bytes under the original CRC-32 (size unchanged): what ZipFile alone would load without a word
        Path bad = Files.write(dir.resolve("crc.rnnlab"), zipWith(v2, "params.bin", altered, crc(params), params.length));
        try (var zip = new java.util.zip.ZipFile(bad.toFile()); InputStream in = zip.getInputStream(zip.getEntry("params.bin"))) {
            assertThat(in.readAllBytes()).as("ZipFile does not check CRCs").isEqualTo(altered);
        }
        assertThatThrownBy(() -> ModelBundle.load(bad)).isInstanceOf(BundleException.class)
                .hasMessage(bad + ": entry params.bin: CRC-32 mismatch (the file is damaged)");
    }

    @Test
    void aCardAlteredUnderItsStoredCrcIsRefusedAlsoWhenOnlyTheCardIsRead(@TempDir Path dir) throws IOException {
        Map<String, byte[]> v2 = Crafted.entries(Crafted.resource(BundleFixtureTest.dense(2), dir));
        byte[] card = v2.get("model-card.json");
        String text = new String(card, StandardCharsets.UTF_8);
        assertThat(text).contains("\"LSTM\"");
        byte[] altered = text.replace("\"LSTM\"", "\"GRU \"").getBytes(StandardCharsets.UTF_8); // same length
        assertThat(altered).hasSameSizeAs(card);
        Path bad = Files.write(dir.resolve("card.rnnlab"), zipWith(v2, "model-card.json", altered, crc(card), card.length));
        String expected = bad + ": entry model-card.json: CRC-32 mismatch (the file is damaged)";
        assertThatThrownBy(() -> ModelBundle.load(bad)).isInstanceOf(BundleException.class).hasMessage(expected);
        assertThatThrownBy(() -> ModelBundle.readCard(bad)).isInstanceOf(BundleException.class).hasMessage(expected);
    }

    @Test
    void damageThatBreaksAnEntrysSyntaxOrHeaderIsReportedAsDamageNotAsItsParsersComplaint(@TempDir Path dir) throws IOException {
        // a fresh-user trial flipped bytes: a card's JSON syntax error, or a raw array's header read as "version 5 is not
        // supported", sounded like a version problem; the CRC-32 says the bytes are not those written
        Map<String, byte[]> v2 = Crafted.entries(Crafted.resource(BundleFixtureTest.dense(2), dir));
        byte[] card = v2.get("model-card.json");
        byte[] brokenJson = card.clone();
        brokenJson[brokenJson.length / 2] = (byte) '@';
        Path badCard = Files.write(dir.resolve("json.rnnlab"), zipWith(v2, "model-card.json", brokenJson, crc(card), card.length));
        assertThatThrownBy(() -> ModelBundle.load(badCard)).isInstanceOf(BundleException.class)
                .hasMessage(badCard + ": entry model-card.json: CRC-32 mismatch (the file is damaged)");
        byte[] params = v2.get("params.bin");
        byte[] badHeader = params.clone();
        badHeader[4] = 5; // the raw array's format version
        Path badParams = Files.write(dir.resolve("raw.rnnlab"), zipWith(v2, "params.bin", badHeader, crc(params), params.length));
        assertThatThrownBy(() -> ModelBundle.load(badParams)).isInstanceOf(BundleException.class)
                .hasMessage(badParams + ": entry params.bin: CRC-32 mismatch (the file is damaged)");
        // bytes flipped in the compressed data so that more comes out than the directory says: damage, not 'trailing bytes'
        byte[] longer = java.util.Arrays.copyOf(params, params.length + 2);
        Path grown = Files.write(dir.resolve("grown.rnnlab"), zipWith(v2, "params.bin", longer, crc(params), params.length));
        assertThatThrownBy(() -> ModelBundle.load(grown)).isInstanceOf(BundleException.class)
                .hasMessage(grown + ": entry params.bin: holds more than the " + params.length + " bytes the zip's directory says (the "
                        + "file is damaged)");
        // with an honest CRC the parser's own message stands: the entry is what was written, and not understood
        Path honest = Files.write(dir.resolve("honest.rnnlab"), zipWith(v2, "params.bin", badHeader, crc(badHeader), params.length));
        assertThatThrownBy(() -> ModelBundle.load(honest)).hasMessageContaining("raw array version 5 is not supported");
    }

    @Test
    void compressedDataTheInflaterCannotReadNameTheEntryAndSayItIsDamaged() {
        // a fresh-user trial flipped single bytes: "corrupt rnnlab model bundle (EOFException: null)" and "(ZipException:
        // invalid distance too far back)" named neither the entry nor what was wrong
        Path file = Path.of("m.rnnlab");
        java.util.function.Function<IOException, InputStream> failing = e -> new InputStream() {
            @Override
            public int read() throws IOException {
                throw e;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw e;
            }
        };
        assertThatThrownBy(() -> new SafeZip.Checked(failing.apply(new java.io.EOFException()), file, "params.bin", -1, -1)
                .read(new byte[8], 0, 8)).isInstanceOf(BundleException.class)
                .hasMessage("m.rnnlab: entry params.bin: its compressed data end early (the file is truncated or damaged)");
        assertThatThrownBy(() -> new SafeZip.Checked(failing.apply(new java.util.zip.ZipException("invalid distance too far back")),
                file, "model-card.json", -1, -1).read()).isInstanceOf(BundleException.class)
                .hasMessage("m.rnnlab: entry model-card.json: its compressed data cannot be read (the file is damaged: invalid "
                        + "distance too far back)");
        // an error of the disk stays what it is
        assertThatThrownBy(() -> new SafeZip.Checked(failing.apply(new IOException("Input/output error")), file, "params.bin", -1, -1)
                .read()).isExactlyInstanceOf(IOException.class).hasMessage("Input/output error");
    }

    @Test
    void theLastBytesOfTheFileDamagedNameTheZipDirectory(@TempDir Path dir) throws IOException {
        Path good = Crafted.resource(BundleFixtureTest.dense(2), dir);
        byte[] bytes = Files.readAllBytes(good);
        bytes[bytes.length - 1] ^= 1; // the end record's comment length: it now points past the file
        Path bad = Files.write(dir.resolve("end.rnnlab"), bytes);
        assertThatThrownBy(() -> ModelBundle.load(bad)).isInstanceOf(BundleException.class)
                .hasMessageContaining("damaged or truncated").hasMessageNotContaining("null");
    }

    @Test
    void anEntryWhoseSizeDisagreesWithTheZipDirectoryIsRefused(@TempDir Path dir) throws IOException {
        Map<String, byte[]> v2 = Crafted.entries(Crafted.resource(BundleFixtureTest.dense(2), dir));
        byte[] mean = v2.get("feature-mean.bin");
        Path bad = Files.write(dir.resolve("size.rnnlab"), zipWith(v2, "feature-mean.bin", mean, crc(mean), mean.length + 1));
        assertThatThrownBy(() -> ModelBundle.load(bad)).isInstanceOf(BundleException.class)
                .hasMessage(bad + ": entry feature-mean.bin: holds " + mean.length + " bytes, but the zip's directory says "
                        + (mean.length + 1) + " (the file is damaged)");
    }

    @Test
    void theModelZipOfAVersion1BundleIsCheckedWhole(@TempDir Path dir) throws IOException {
        Path good = Crafted.resource(BundleFixtureTest.dense(1), dir);
        assertThat(ModelBundle.load(good).predict(inputs())).hasSize(2);
        Map<String, byte[]> v1 = Crafted.entries(good);
        byte[] inner = v1.get("dl4j-model.zip");
        byte[] altered = inner.clone();
        altered[altered.length - 3] ^= 0x01; // in the inner zip's end record, which ZipInputStream never reads
        Path bad = Files.write(dir.resolve("v1.rnnlab"), zipWith(v1, "dl4j-model.zip", altered, crc(inner), inner.length));
        assertThatThrownBy(() -> ModelBundle.load(bad)).isInstanceOf(BundleException.class)
                .hasMessage(bad + ": entry dl4j-model.zip: CRC-32 mismatch (the file is damaged)");
    }

    @Test
    void aCheckpointAlteredUnderItsStoredCrcIsRefused(@TempDir Path dir) throws IOException {
        Path folder = CheckpointFixtureTest.fixture(dir.resolve("run"));
        Path file = Checkpoint.file(folder);
        Map<String, byte[]> entries = Crafted.entries(file);
        byte[] best = entries.get("best-params.bin");
        byte[] altered = best.clone();
        altered[altered.length - 1] ^= 0x10;
        Files.write(file, zipWith(entries, "best-params.bin", altered, crc(best), best.length));
        assertThatThrownBy(() -> Checkpoint.read(folder)).isInstanceOf(BundleException.class)
                .hasMessage(file + ": entry best-params.bin: CRC-32 mismatch (the file is damaged)");
    }

    @Test
    void labelsThatTrainingCouldNotHaveMadeAreRefused(@TempDir Path dir) throws IOException {
        // a user's edited card with a label "NA" loaded, and predict wrote a probability column headed "p_"
        Path good = Crafted.resource(BundleFixtureTest.dense(2), dir);
        Map<String, byte[]> v2 = Crafted.entries(good);
        String card = new String(v2.get("model-card.json"), StandardCharsets.UTF_8);
        assertThat(card).containsPattern("\"labelNames\" : \\[ \"neg\", \"pos\" \\]");
        for (String[] labels : new String[][] {{"NA", "labelNames[1] is 'NA'"}, {"", "labelNames[1] is ''"},
            // a crafted card's ESC sequences and BEL reached the terminal through predict's header
            {"\\u001B]0;PWNED\\u0007\\u001B[31mRED", "labelNames[1] '\\u001B]0;PWNED\\u0007\\u001B[31mRED' holds the control "
                + "character U+001B (expected a class name without control characters"},
            {"line1\\nline2", "labelNames[1] 'line1\\u000Aline2' holds the control character U+000A"},
            {"a\\u0085b", "labelNames[1] 'a\\u0085b' holds the control character U+0085"},
            {"neg", "labelNames must name two or more classes, each once"}}) {
            Path bad = Crafted.writeZip(dir.resolve("bad-" + labels[0] + ".rnnlab"), Crafted.with(v2, "model-card.json",
                    card.replaceFirst("\"pos\" \\]", java.util.regex.Matcher.quoteReplacement("\"" + labels[0] + "\" ]")).getBytes(StandardCharsets.UTF_8)));
            boolean control = labels[1].contains("control character");
            assertThatThrownBy(() -> ModelBundle.load(bad)).isInstanceOf(BundleException.class)
                    // a label with a control character may come from a model trained before training refused them: not "corrupt"
                    .hasMessageContaining(control ? "model-card.json: labelNames" : "corrupt model-card.json: ")
                    .hasMessageContaining(labels[1])
                    .satisfies(e -> assertThat(e.getMessage().contains("corrupt")).isEqualTo(!control));
        }
    }

    @Test
    void aVocabularyThatDisagreesWithTheVocabularySizeIsRefused(@TempDir Path dir) throws IOException {
        Path good = Crafted.resource(BundleFixtureTest.text(2), dir);
        assertThat(ModelBundle.load(good).predictTexts(BundleFixtureTest.TEXTS)).hasSize(3);
        Map<String, byte[]> v2 = Crafted.entries(good);
        String card = new String(v2.get("model-card.json"), StandardCharsets.UTF_8);
        assertThat(card).contains("\"vocabularySize\" : 417", "\"<unk>\",");

        // one word fewer than the 417 ids of the input and the embedding
        Path shorter = Crafted.writeZip(dir.resolve("short.rnnlab"),
                Crafted.with(v2, "model-card.json", card.replaceFirst("\"<unk>\",\\s*\"[^\"]+\",", "\"<unk>\",")
                        .getBytes(StandardCharsets.UTF_8)));
        String expected = shorter + ": corrupt model-card.json: textEncoder.vocabulary.words has 416 words, but "
                + "input.vocabularySize (the embedding's rows) is 417: they must agree";
        assertThatThrownBy(() -> ModelBundle.load(shorter)).isInstanceOf(BundleException.class).hasMessage(expected);
        assertThatThrownBy(() -> ModelBundle.readCard(shorter)).isInstanceOf(BundleException.class).hasMessage(expected);

        // one word more
        Path longer = Crafted.writeZip(dir.resolve("long.rnnlab"),
                Crafted.with(v2, "model-card.json", card.replaceFirst("\"<unk>\",", "\"<unk>\", \"extra-word\",")
                        .getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> ModelBundle.load(longer)).isInstanceOf(BundleException.class)
                .hasMessageContaining("model-card.json: textEncoder.vocabulary.words has 418 words, but input.vocabularySize "
                        + "(the embedding's rows) is 417");

        // no word list at all
        Path none = Crafted.writeZip(dir.resolve("none.rnnlab"),
                Crafted.with(v2, "model-card.json", card.replaceFirst("\"words\"", "\"wordz\"").getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> ModelBundle.load(none)).isInstanceOf(BundleException.class)
                .hasMessageStartingWith(none + ": corrupt model-card.json: textEncoder.vocabulary.words is missing");

        // no text encoder at all: a token model without one read its texts as CSV in predict, and export promised a vocabulary
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                org.rnnlab.core.Json.mapper().readTree(card);
        json.putNull("textEncoder");
        Path noEncoder = Crafted.writeZip(dir.resolve("no-encoder.rnnlab"),
                Crafted.with(v2, "model-card.json", json.toString().getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> ModelBundle.load(noEncoder)).isInstanceOf(BundleException.class)
                .hasMessage(noEncoder + ": corrupt model-card.json: input is TOKENS, but it holds no textEncoder (the tokenizer "
                        + "and the 417 words that turn texts into the token ids the model reads)");
    }
}

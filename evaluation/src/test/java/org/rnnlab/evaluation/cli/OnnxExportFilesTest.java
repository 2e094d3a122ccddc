package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} writes the ONNX model and its metadata JSON as a pair (a review: the model was written before the JSON, so a
 * failed JSON write left the new model beside the earlier export's metadata), and says what it replaces.
 */
class OnnxExportFilesTest {

    private static final byte[] OLD_MODEL = {1, 2, 3};
    private static final byte[] NEW_MODEL = {4, 5, 6, 7};

    @Test
    void bothAreWrittenAndWhatTheyReplaceIsNamed(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.onnx");
        Path json = dir.resolve("m.onnx.json");
        assertThat(OnnxExportFiles.replaced(model, json)).isEmpty(); // silent where nothing is replaced
        OnnxExportFiles.write(model, NEW_MODEL, json, "{\"a\": \"1\"}\n");
        assertThat(Files.readAllBytes(model)).isEqualTo(NEW_MODEL);
        assertThat(Files.readString(json)).isEqualTo("{\"a\": \"1\"}\n");
        assertThat(OnnxExportFiles.replaced(model, json)).containsExactly(model + " (an earlier ONNX model)",
                json + " (an earlier export's metadata)");
        Files.write(json, new byte[0]);
        assertThat(OnnxExportFiles.replaced(model, json)).containsExactly(model + " (an earlier ONNX model)",
                json + " (an empty file)");
    }

    @Test
    void aMetadataFileThatCannotBeWrittenLeavesTheEarlierModelAsItWas(@TempDir Path dir) throws Exception {
        Path model = Files.write(dir.resolve("m.onnx"), OLD_MODEL);
        Path json = Files.createDirectories(dir.resolve("m.onnx.json")); // a folder with a file in it: no rename replaces it
        Files.writeString(json.resolve("keep"), "x");
        assertThatThrownBy(() -> OnnxExportFiles.write(model, NEW_MODEL, json, "{}\n")).hasMessageContaining("m.onnx.json");
        assertThat(Files.readAllBytes(model)).as("the old model, not the new one beside old metadata").isEqualTo(OLD_MODEL);
        assertThat(leftovers(dir)).as("no temporary file left").isEmpty();
    }

    @Test
    void aModelThatCannotBeRenamedIntoPlacePutsTheMetadataBack(@TempDir Path dir) throws Exception {
        Path model = Files.createDirectories(dir.resolve("m.onnx"));
        Files.writeString(model.resolve("keep"), "x");
        Path json = Files.writeString(dir.resolve("m.onnx.json"), "{\"old\": \"1\"}\n");
        assertThatThrownBy(() -> OnnxExportFiles.write(model, NEW_MODEL, json, "{\"new\": \"2\"}\n"))
                .hasMessageContaining("m.onnx");
        assertThat(Files.readString(json, StandardCharsets.UTF_8)).isEqualTo("{\"old\": \"1\"}\n");
        // without earlier metadata, none is left
        Files.delete(json);
        assertThatThrownBy(() -> OnnxExportFiles.write(model, NEW_MODEL, json, "{\"new\": \"2\"}\n"));
        assertThat(json).doesNotExist();
        assertThat(leftovers(dir)).isEmpty();
    }

    @Test
    void theChecksumIsWrittenWithTheModelAndPutBackWithTheMetadata(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.onnx");
        Path json = dir.resolve("m.onnx.json");
        Path sum = dir.resolve("m.onnx.sha256");
        OnnxExportFiles.write(model, NEW_MODEL, json, "{}\n", sum);
        // sha256sum's line for the bytes 4 5 6 7
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(NEW_MODEL));
        assertThat(Files.readString(sum)).isEqualTo(hash + "  m.onnx\n");
        assertThat(OnnxExportFiles.isSha256Line(Files.readString(sum))).isTrue();
        assertThat(OnnxExportFiles.replaced(model, json, sum)).contains(sum + " (an earlier export's checksum)");
        // the model cannot be renamed into place: the checksum of the earlier model stays
        Path blocked = Files.createDirectories(dir.resolve("b.onnx"));
        Files.writeString(blocked.resolve("keep"), "x");
        Path blockedSum = Files.writeString(dir.resolve("b.onnx.sha256"), "old\n");
        assertThatThrownBy(() -> OnnxExportFiles.write(blocked, NEW_MODEL, dir.resolve("b.onnx.json"), "{}\n", blockedSum));
        assertThat(Files.readString(blockedSum)).isEqualTo("old\n");
        assertThat(dir.resolve("b.onnx.json")).doesNotExist();
        assertThat(leftovers(dir)).isEmpty();
    }

    @Test
    void namesThatSha256sumEscapesAreEscaped() {
        String hash = "0".repeat(64);
        assertThat(OnnxExportFiles.sha256Line(hash, "model.onnx")).isEqualTo(hash + "  model.onnx\n");
        assertThat(OnnxExportFiles.sha256Line(hash, "a\\b\nc.onnx")).isEqualTo("\\" + hash + "  a\\\\b\\nc.onnx\n");
        assertThat(OnnxExportFiles.isSha256Line("my notes\n")).isFalse();
        assertThat(OnnxExportFiles.isSha256Line(hash + "  model.onnx\n")).isTrue();
    }

    private static java.util.List<Path> leftovers(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}

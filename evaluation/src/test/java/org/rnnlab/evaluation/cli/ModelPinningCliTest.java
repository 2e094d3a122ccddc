package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.training.ModelBundle;

/**
 * predict and evaluate say the model file's SHA-256 and refuse a file of another one under --model-sha256; a model whose card
 * was edited after saving (labels swapped, re-zipped consistently) is refused (trial 71f F1: it was used with exit 0).
 */
class ModelPinningCliTest {

    @TempDir
    static Path dir;

    static Path data;
    static Path model;

    @BeforeAll
    static void trained() throws Exception {
        StringBuilder csv = new StringBuilder("id,a,label\n");
        for (int s = 0; s < 16; s++) {
            for (int t = 0; t < 4; t++) {
                csv.append(String.format(Locale.ROOT, "s%d,%.2f,%s%n", s, (s % 2 == 0 ? 1 : -1) * (1 + 0.1 * t), s % 2 == 0 ? "up" : "down"));
            }
        }
        data = Files.writeString(dir.resolve("d.csv"), csv);
        Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "time=none",
                "--hidden", "4", "--epochs", "1", "--quiet", "--out", dir.resolve("run").toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        model = dir.resolve("run").resolve("model.rnnlab");
    }

    @Test
    void predictAndEvaluateSayTheHashAndRefuseAnotherFile() throws Exception {
        String sha = ModelBundle.fileSha256(model);
        Run plain = run("predict", "--model", model.toString(), "--input", data.toString());
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.err()).contains("predict: model " + model + ", sha256 " + sha);
        Run pinned = run("predict", "--model", model.toString(), "--input", data.toString(), "--model-sha256", sha);
        assertThat(pinned.code()).as(pinned.err()).isZero();
        assertThat(pinned.err()).contains("(as --model-sha256 expects)");
        // trial 72c F1: evaluate --input with the right hash was refused ("--model-sha256 do(es) not apply to it")
        Run scored = run("evaluate", "--model", model.toString(), "--model-sha256", sha, "--input", data.toString());
        assertThat(scored.code()).as(scored.err()).isZero();
        assertThat(scored.err()).contains("evaluate: model " + model + ", sha256 " + sha + " (as --model-sha256 expects)")
                .doesNotContain("do(es) not apply");
        Run scoredEquals = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--model-sha256=" + sha, "--json");
        assertThat(scoredEquals.code()).as(scoredEquals.err()).isZero();
        assertThat(scoredEquals.out()).contains("\"accuracy\"");
        String other = "0".repeat(64);
        Run refused = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--model-sha256", other);
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("evaluate: model " + model + ", sha256 " + sha)
                .contains("has SHA-256 " + sha + ", not the expected " + other);
        Run bad = run("predict", "--model", model.toString(), "--input", data.toString(), "--model-sha256", "abc");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--model-sha256: expected SHA-256 'abc' is not 64 hex digits");
    }

    @Test
    void modelInfoShowsTheHashesAndWhatDiffersBetweenTwoTrainings() throws Exception {
        Run again = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "time=none",
                "--hidden", "4", "--epochs", "1", "--quiet", "--out", dir.resolve("run2").toString());
        assertThat(again.code()).as(again.err()).isZero();
        Path second = dir.resolve("run2").resolve("model.rnnlab");
        Run info = run("model-info", model.toString());
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("sha256          " + ModelBundle.fileSha256(model)).contains("weights sha256  ")
                .contains("(checked)").contains("labelNames");
        // what changes predictions beside the weights (trial 72a F9): the class weights, the missing-value policy
        assertThat(info.out()).contains("  classWeights    [").contains("  missing         ").doesNotContain("REFUSED");
        Run both = run("model-info", model.toString(), second.toString());
        assertThat(both.code()).as(both.err()).isZero();
        assertThat(both.out()).contains("weights         equal (parameters and standardiser byte for byte)")
                .contains("/provenance/").doesNotContain("/labelNames:");
        Run other = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "time=none",
                "--hidden", "4", "--epochs", "1", "--seed", "7", "--quiet", "--out", dir.resolve("run3").toString());
        assertThat(other.code()).as(other.err()).isZero();
        Run differ = run("model-info", model.toString(), dir.resolve("run3").resolve("model.rnnlab").toString());
        assertThat(differ.out()).contains("differ: largest absolute parameter difference ").contains("/training/seed");
    }

    @Test
    void commandsMdsShellLineReproducesTheWeightsAndContentDigests() throws Exception {
        // trial 72c F9: the guide did not define the digests model-info prints; its shell line must give them with sha256sum
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v unzip && command -v sha256sum")
                .start().waitFor() == 0, "unzip and sha256sum are installed");
        String doc = Files.readString(Path.of("..", "docs", "guide", "commands.md"));
        int start = doc.indexOf("`d=$(mktemp -d) && unzip -q model.rnnlab");
        assertThat(start).as("commands.md's model-info row holds the shell line").isPositive();
        String line = doc.substring(start + 1, doc.indexOf('`', start + 1)).replace("\\|", "|");
        assertThat(line).contains("-e model-card.json");
        ModelBundle.Contents contents = ModelBundle.contents(model);
        assertThat(shell(line)).isEqualTo(contents.weightsSha256());
        assertThat(shell(line.replace(" -e model-card.json", ""))).isEqualTo(contents.recordedContentSha256());
        Run info = run("model-info", model.toString());
        assertThat(info.out()).contains(contents.weightsSha256());
    }

    /** The first word of what {@code line} prints, run by bash in the model's folder. */
    private static String shell(String line) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", line).directory(model.getParent().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return out.split("\\s+")[0];
    }

    @Test
    void aCardEditedAfterSavingIsRefusedByPredict() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(model.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        String card = new String(entries.get("model-card.json"), java.nio.charset.StandardCharsets.UTF_8);
        String swapped = card.replaceFirst("\"labelNames\" : \\[ \"down\", \"up\" \\]", "\"labelNames\" : [ \"up\", \"down\" ]");
        assertThat(swapped).isNotEqualTo(card);
        entries.put("model-card.json", swapped.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path edited = dir.resolve("edited.rnnlab");
        try (OutputStream out = Files.newOutputStream(edited); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Run refused = run("predict", "--model", edited.toString(), "--input", data.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains(edited + ": was edited or damaged after saving");
        // model-info shows what the edited file holds, the refusal first, and exits 1 (trial 72a F9)
        Run info = run("model-info", edited.toString());
        assertThat(info.code()).isEqualTo(1);
        assertThat(info.err()).contains("model-info: error: " + edited + ": was edited or damaged after saving");
        assertThat(info.out()).contains("  REFUSED         " + edited + ": was edited or damaged after saving",
                "  UNVERIFIED      predict, evaluate and serve refuse this file", "(recorded; the entries do not match it)",
                "labelNames      [\"up\",\"down\"]");
        assertThat(info.out().indexOf("REFUSED")).isLessThan(info.out().indexOf("labelNames"));
        Run compared = run("model-info", model.toString(), edited.toString());
        assertThat(compared.code()).isEqualTo(1);
        assertThat(compared.out()).contains("/labelNames: [\"down\",\"up\"] | [\"up\",\"down\"]");
    }
}

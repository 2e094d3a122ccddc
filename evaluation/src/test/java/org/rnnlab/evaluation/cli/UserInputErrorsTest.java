package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A corpus of bad inputs as users give them: each case checks the exit code (1 for bad data, 2 for a
 * bad or inapplicable option), a message that names the file, line, column or option, and that nothing
 * was written.
 */
class UserInputErrorsTest {
    private static final String[] CSV_COLUMNS = OwnDataEndToEndTest.COLUMNS;

    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        ExampleArchive.write(dir, 4, 2, 1);
    }

    private static String[] args(String... a) {
        return a;
    }

    private static Run csvTrain(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(),
                "--test", dir.resolve("TEST.csv").toString(), "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString()));
        a.addAll(List.of(CSV_COLUMNS));
        a.addAll(List.of(more));
        return run(a.toArray(String[]::new));
    }

    private static void nothingWritten(Path out) {
        assertThat(out).doesNotExist();
    }

    @Test
    void badDataIsExitOneNamingFileLineAndColumnAndWritesNothing() throws Exception {
        Path latin1 = Files.write(dir.resolve("latin1.csv"), "sequence_id,x,label\ns1,1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("latin1-run");
        Run r = run("train", "--dataset", "csv", "--train", latin1.toString(), "--quiet", "--out", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("latin1.csv:2: byte 0xE9 at byte offset 28 is not valid UTF-8");
        nothingWritten(out);

        Path missing = Files.writeString(dir.resolve("missing.csv"), "sequence_id,x,label\ns1,1,a\ns1,?,a\ns2,3,b\n");
        Run m = run("train", "--dataset", "csv", "--train", missing.toString(), "--quiet", "--out", dir.resolve("m-run").toString());
        assertThat(m.code()).isEqualTo(1);
        assertThat(m.err()).contains("missing.csv:3: missing value '?' in column 'x' of sequence 's1'").contains("--missing");
        nothingWritten(dir.resolve("m-run"));

        List<String> swapped = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            swapped.add("this is review number " + i + "\t" + (i % 2 == 0 ? "pos" : "neg"));
        }
        Path tsv = Files.write(dir.resolve("swapped.tsv"), swapped);
        Run s = run("train", "--dataset", "text", "--train", tsv.toString(), "--quiet", "--out", dir.resolve("s-run").toString());
        assertThat(s.code()).isEqualTo(1);
        assertThat(s.err()).contains("swapped.tsv: the first column has 40 distinct labels in 40 lines: did you swap text and label?");
        nothingWritten(dir.resolve("s-run"));
    }

    @Test
    void optionsThatDoNotApplyAreUsageErrorsNamingTheOption() {
        Path out = dir.resolve("never");
        Run test = run("train", "--dataset", "agreement", "--test", dir.resolve("TEST.csv").toString(), "--out", out.toString());
        assertThat(test.code()).isEqualTo(2);
        assertThat(test.err()).contains("--test do(es) not apply to dataset agreement");
        Run missing = run("train", "--dataset", "agreement", "--missing", "ffill", "--out", out.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--missing applies to --dataset csv only");
        Run fraction = csvTrain(out, "--validation", dir.resolve("TEST.csv").toString(), "--set", "validationFraction=0.2");
        assertThat(fraction.code()).isEqualTo(2);
        assertThat(fraction.err()).contains("validationFraction does not apply: the validation sequences are given by the file");
        Run epochs = run("train", "--epochs", "0", "--out", out.toString());
        assertThat(epochs.code()).isEqualTo(2);
        assertThat(epochs.err()).contains("--epochs must be in [1, 100000], got 0");
        Run evaluate = run("evaluate", "--model", dir.resolve("nope.rnnlab").toString(), "--dataset", "csv");
        assertThat(evaluate.code()).isIn(1, 2);
        assertThat(evaluate.err()).contains("nope.rnnlab");
        nothingWritten(out);
    }

    @Test
    void hugeOrBinaryValuesAreNotEchoedInFull() {
        String huge = "x".repeat(200_000) + "\u0007\u0000";
        Run r = run("train", "--cell", huge, "--out", dir.resolve("huge").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().length()).isLessThan(3000);
        assertThat(r.err()).doesNotContain("\u0000").contains("rnnlab train:");
        Run u = run("train", "--no-such-option", huge);
        assertThat(u.code()).isEqualTo(2);
        assertThat(u.err().length()).isLessThan(3000);
    }

    @Test
    void aRunFolderNeverHoldsTwoRuns() throws Exception {
        Path out = dir.resolve("run");
        Run first = csvTrain(out);
        assertThat(first.code()).as(first.err()).isZero();
        byte[] model = Files.readAllBytes(out.resolve("model.rnnlab"));
        Run second = csvTrain(out, "--seed", "5");
        assertThat(second.code()).isEqualTo(2);
        assertThat(second.err()).contains("--out " + out + " is not empty (it holds an earlier run)").contains("--overwrite");
        assertThat(Files.readAllBytes(out.resolve("model.rnnlab"))).isEqualTo(model);

        Files.writeString(out.resolve("notes.txt"), "mine");
        Run replaced = csvTrain(out, "--seed", "5", "--overwrite");
        assertThat(replaced.code()).as(replaced.err()).isZero();
        assertThat(out.resolve("notes.txt")).doesNotExist();
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"seed\" : 5");

        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("thesis.tex"), "precious");
        Run refused = csvTrain(foreign, "--overwrite");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("is not an rnnlab run folder").contains("refusing to delete");
        assertThat(foreign.resolve("thesis.tex")).hasContent("precious");

        Run resume = run("train", "--resume", out.toString(), "--epochs", "3");
        assertThat(resume.code()).isEqualTo(2);
        assertThat(resume.err()).contains("--epochs cannot be given with it");
    }

    /** results.csv without its timing and memory columns (the last three), which differ between processes. */
    private static List<String> metricColumns(String csv) {
        return csv.lines().map(l -> String.join(",", List.of(l.split(",")).subList(0, 9))).toList();
    }

    @Test
    void compareKeepsFinishedRunsAndResumeRunsOnlyWhatIsMissing() throws Exception {
        Path out = dir.resolve("cmp");
        String[] base = {"compare", "--cells", "gru", "--seeds", "2", "--hidden", "4", "--epochs", "1", "--probe", "0", "--quiet",
            "--set", "trainSize=80", "--set", "validationSize=20", "--set", "testSize=40", "--set", "maxDistance=4",
            "--out", out.toString()};
        Run full = run(base);
        assertThat(full.code()).as(full.err()).isZero();
        try (Stream<Path> kept = Files.list(out.resolve("runs"))) {
            assertThat(kept.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("gru-seed1.json", "gru-seed2.json");
        }
        String csv = Files.readString(out.resolve("results.csv"));
        Files.delete(out.resolve("runs").resolve("gru-seed2.json"));
        Run resumed = run("compare", "--resume", out.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("1 of 2 runs already finished").contains("seed 2: test accuracy").doesNotContain("seed 1: test accuracy");
        assertThat(metricColumns(Files.readString(out.resolve("results.csv")))).isEqualTo(metricColumns(csv));
        Run mixed = run("compare", "--resume", out.toString(), "--seeds", "5");
        assertThat(mixed.code()).isEqualTo(2);
    }
}

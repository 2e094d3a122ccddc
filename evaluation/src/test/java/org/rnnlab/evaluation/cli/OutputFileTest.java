package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --out} and {@code loadtest --json} refuse, before any work and as usage errors (exit 2),
 * a path where rnnlab's write (a temporary file renamed into place) would replace something that is not
 * a regular file, and a folder or a missing folder. The model given to export does not even exist: the
 * output is checked first.
 */
class OutputFileTest {

    private static Path fifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        return path;
    }

    @Test
    void exportRefusesALinkAFifoAndAFolderEvenWithOverwrite(@TempDir Path dir) throws Exception {
        String model = dir.resolve("absent.rnnlab").toString();
        // starts as an ONNX model does (ir_version 8, then a length-delimited field): export replaces only an earlier export
        String kept = "\b\b\u0012not replaced";
        Path target = Files.writeString(dir.resolve("kept.onnx"), kept);
        Path link = Files.createSymbolicLink(dir.resolve("link.onnx"), target);
        TrainEvaluatePredictTest.Run viaLink = run("export", "--model", model, "--out", link.toString(), "--overwrite");
        assertThat(viaLink.code()).isEqualTo(2);
        assertThat(viaLink.err()).contains("rnnlab export: --out " + link + " is a symbolic link (to " + target + "), not a regular file")
                .doesNotContain("no such model file");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo(kept);

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.onnx"), dir.resolve("nowhere.onnx"));
        assertThat(run("export", "--model", model, "--out", dangling.toString()).err()).contains("is a symbolic link");

        Path pipe = fifo(dir.resolve("pipe.onnx"));
        TrainEvaluatePredictTest.Run viaFifo = run("export", "--model", model, "--out", pipe.toString(), "--overwrite");
        assertThat(viaFifo.code()).isEqualTo(2);
        assertThat(viaFifo.err()).contains("--out " + pipe + " is a FIFO (named pipe), not a regular file");
        assertThat(Files.isRegularFile(pipe, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(pipe, LinkOption.NOFOLLOW_LINKS)).isTrue();

        TrainEvaluatePredictTest.Run folder = run("export", "--model", model, "--out", dir.toString(), "--overwrite");
        assertThat(folder.code()).isEqualTo(2);
        assertThat(folder.err()).contains("--out " + dir + " is a folder: give a file name, e.g. " + dir.resolve("model.onnx"));

        TrainEvaluatePredictTest.Run noFolder = run("export", "--model", model, "--out", dir.resolve("no/such/m.onnx").toString());
        assertThat(noFolder.code()).isEqualTo(2);
        assertThat(noFolder.err()).contains("folder " + dir.resolve("no/such") + " does not exist");

        TrainEvaluatePredictTest.Run existing = run("export", "--model", model, "--out", target.toString());
        assertThat(existing.code()).isEqualTo(2);
        assertThat(existing.err()).contains("--out " + target + " exists: add --overwrite");
        TrainEvaluatePredictTest.Run regular = run("export", "--model", model, "--out", target.toString(), "--overwrite");
        assertThat(regular.code()).as("a regular file with --overwrite passes the checks; then the model is read").isEqualTo(2);
        assertThat(regular.err()).contains("absent.rnnlab: no such model file");
    }

    @Test
    void deviceFilesAreNamedForWhatTheyAre() {
        // only read: a test must never try to write over a device
        assertThat(OutputFile.kind(Path.of("/dev/null"))).isEqualTo("a character device");
    }

    @Test
    void loadtestChecksItsJsonPathBeforeTheLoadTest(@TempDir Path dir) throws Exception {
        // nothing listens on port 1: a run that got past the checks would fail with "cannot reach" (exit 1)
        String url = "http://127.0.0.1:1";
        TrainEvaluatePredictTest.Run folder = run("loadtest", "--url", url, "--seconds", "1", "--json", dir.toString());
        assertThat(folder.code()).isEqualTo(2);
        assertThat(folder.err()).contains("rnnlab loadtest: --json " + dir + " is a folder: give a file name, e.g. "
                + dir.resolve("loadtest.json")).doesNotContain("cannot reach");

        Path missing = dir.resolve("gone/r.json");
        TrainEvaluatePredictTest.Run noFolder = run("loadtest", "--url", url, "--seconds", "1", "--json", missing.toString());
        assertThat(noFolder.code()).isEqualTo(2);
        assertThat(noFolder.err()).contains("--json " + missing + ": folder " + missing.getParent() + " does not exist");

        Path target = Files.writeString(dir.resolve("elsewhere.json"), "{}");
        Path link = Files.createSymbolicLink(dir.resolve("r.json"), target);
        TrainEvaluatePredictTest.Run viaLink = run("loadtest", "--url", url, "--seconds", "1", "--json", link.toString());
        assertThat(viaLink.code()).isEqualTo(2);
        assertThat(viaLink.err()).contains("--json " + link + " is a symbolic link");

        Path pipe = fifo(dir.resolve("r.fifo"));
        assertThat(run("loadtest", "--url", url, "--seconds", "1", "--json", pipe.toString()).err()).contains("is a FIFO (named pipe)");

        Path existing = Files.writeString(dir.resolve("old.json"), "{}");
        TrainEvaluatePredictTest.Run replaced = run("loadtest", "--url", url, "--seconds", "1", "--json", existing.toString());
        assertThat(replaced.code()).as("an existing regular file is fine (replaced after the test): the test runs").isEqualTo(1);
        assertThat(replaced.err()).contains("cannot reach", "nothing was measured (written to " + existing);
        // the file says what is known: nothing measured, and why
        assertThat(Files.readString(existing)).contains("\"measured\" : false", "cannot reach http://127.0.0.1:1/model");
    }

    @Test
    void aBackslashInAnOutputPathIsRefusedNotMadePartOfOneName(@TempDir Path dir) throws Exception {
        // a user's Windows-style --out 'runs\bsout' made one folder named 'runs\bsout' without a word
        Path out = dir.resolve("runs\\bsout");
        TrainEvaluatePredictTest.Run train = run("train", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isEqualTo(2);
        assertThat(train.err()).contains("--out " + out + ": '\\' is part of a file or folder name on this system, not a folder "
                + "separator, so this would make an entry named 'runs\\bsout'; write folders with '/': --out "
                + dir.resolve("runs/bsout"));
        Path onnx = dir.resolve("runs\\model.onnx");
        TrainEvaluatePredictTest.Run export = run("export", "--model", dir.resolve("absent.rnnlab").toString(), "--out", onnx.toString());
        assertThat(export.code()).as(export.err()).isEqualTo(2);
        assertThat(export.err()).contains("write folders with '/': --out " + dir.resolve("runs/model.onnx"));
        TrainEvaluatePredictTest.Run example = run("data", "example", "--out", out.toString());
        assertThat(example.code()).as(example.err()).isNotZero();
        assertThat(example.err()).contains("write folders with '/'");
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void predictOutputAndEveryModelGetTheBackslashCheckAndSuggestionsAreQuoted(@TempDir Path dir) throws Exception {
        // trial 81a F1: predict -o 'My Data\pred.csv' wrote a file of that name into the current folder and said "wrote";
        // --model 'runs\a1\model.rnnlab' was only "no such model file"; suggested paths with a space were not quoted
        Path folder = Files.createDirectories(dir.resolve("My Data"));
        Path output = dir.resolve("My Data\\pred.csv");
        TrainEvaluatePredictTest.Run predict = run("predict", "--model", dir.resolve("absent.rnnlab").toString(), "--input",
                dir.resolve("absent.csv").toString(), "-o", output.toString());
        assertThat(predict.code()).as(predict.err()).isEqualTo(2);
        assertThat(predict.err()).contains("--output " + output + ": '\\' is part of a file or folder name on this system, not a "
                + "folder separator, so this would make an entry named 'My Data\\pred.csv'; write folders with '/': --output '"
                + folder.resolve("pred.csv") + "'").doesNotContain("no such model file");
        Path onnx = dir.resolve("My Data\\m.onnx");
        TrainEvaluatePredictTest.Run export = run("export", "--model", dir.resolve("absent.rnnlab").toString(), "--out", onnx.toString());
        assertThat(export.err()).contains("write folders with '/': --out '" + folder.resolve("m.onnx") + "'");
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(folder);
        }

        Path model = Files.writeString(folder.resolve("model.rnnlab"), "not opened");
        for (String command : java.util.List.of("predict", "evaluate", "export", "model-info")) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command, "--model", dir.resolve("My Data\\model.rnnlab").toString()));
            if (!command.equals("export") && !command.equals("model-info")) {
                args.addAll(java.util.List.of("--input", dir.resolve("absent.csv").toString()));
            }
            if (command.equals("model-info")) {
                args = new java.util.ArrayList<>(java.util.List.of(command, dir.resolve("My Data\\model.rnnlab").toString()));
            }
            TrainEvaluatePredictTest.Run wrong = run(args.toArray(String[]::new));
            assertThat(wrong.code()).as(command + ": " + wrong.err()).isEqualTo(2);
            assertThat(wrong.err()).as(command).contains("no such model file; the path holds '\\', which is part of a file or folder "
                    + "name on this system, not a folder separator (a Windows path?): '" + model + "' exists, write the path with '/'");
        }
    }
}

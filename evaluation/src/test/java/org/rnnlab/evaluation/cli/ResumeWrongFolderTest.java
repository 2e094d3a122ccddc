package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * {@code train --resume} given a folder it cannot continue: each is a usage error (exit 2) that names what the folder is and
 * what to do instead, and nothing is written into it. Before, a missing folder or a file exited 1 and another command's
 * folder 2, and a sweep stopped before its lr-find.json trained a whole model into the sweep's folder.
 */
class ResumeWrongFolderTest {
    @TempDir
    Path dir;

    /** A folder as the command {@code made} leaves it: its marker, a config.json and the given files. */
    private Path folder(String name, String made, String... files) throws Exception {
        Path f = Files.createDirectories(dir.resolve(name));
        Files.writeString(f.resolve(AtomicFiles.RUN_MARKER), "rnnlab " + made + "\n");
        Files.writeString(f.resolve("config.json"), "{}");
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(f.resolve(files[i]), files[i + 1]);
        }
        return f;
    }

    private static Run resume(Path folder) {
        return TrainEvaluatePredictTest.run("train", "--resume", folder.toString(), "--quiet");
    }

    private static List<String> names(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aMissingFolderAndAFileAreUsageErrors() throws Exception {
        Run missing = resume(dir.resolve("nonexist"));
        assertThat(missing.code()).as(missing.err()).isEqualTo(2);
        assertThat(missing.err()).contains("no such folder");
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Run aFile = resume(file);
        assertThat(aFile.code()).as(aFile.err()).isEqualTo(2);
        assertThat(aFile.err()).contains("it is a file, not a folder");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run noConfig = resume(empty);
        assertThat(noConfig.code()).as(noConfig.err()).isEqualTo(2);
        assertThat(noConfig.err()).contains("no config.json there");
    }

    @Test
    void aSweepStoppedBeforeItsResultsIsNotTrainedAsARun() throws Exception {
        // killed during the sweep: config.json and provenance.json, no lr-find.json; only the marker or the recorded command
        // line says it was a sweep
        Path byMarker = folder("sweep", "lr-find-csv");
        Run r = resume(byMarker);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("learning-rate sweep (train --find-lr), stopped before it finished").contains("nothing to resume");
        assertThat(names(byMarker)).containsExactly(AtomicFiles.RUN_MARKER, "config.json");

        Path byCommand = Files.createDirectories(dir.resolve("old-sweep")); // no marker (an older folder)
        Files.writeString(byCommand.resolve("config.json"), "{}");
        Files.writeString(byCommand.resolve("provenance.json"), "{\"commandLine\": [\"rnnlab\", \"train\", \"--dataset\", \"csv\", "
                + "\"--find-lr\", \"--out\", \"x\"]}");
        Run old = resume(byCommand);
        assertThat(old.code()).as(old.err()).isEqualTo(2);
        assertThat(old.err()).contains("learning-rate sweep").contains("rnnlab train --dataset csv --lr RATE --out NEW_DIR");
    }

    @Test
    void anotherCommandsFolderIsNamedWithWhatContinuesOrRepeatsIt() throws Exception {
        Path partial = folder("cmp", "compare-csv");
        Run p = resume(partial);
        assertThat(p.code()).as(p.err()).isEqualTo(2);
        assertThat(p.err()).contains("it is a comparison's folder (rnnlab compare)").contains("'rnnlab compare --resume " + partial
                + "' finishes it");

        Path finished = folder("cmp-done", "compare-csv", "results.json", "{\"complete\": true}", "index.html", "<html></html>");
        Run f = resume(finished);
        assertThat(f.code()).as(f.err()).isEqualTo(2);
        assertThat(f.err()).contains("the comparison is finished, nothing to resume").contains("rnnlab compare --config "
                + finished.resolve("config.json") + " --out NEW_DIR").doesNotContain("--resume " + finished);

        Path gradients = folder("grad", "gradients", "gradient-flow.csv", "step,norm\n");
        Run g = resume(gradients);
        assertThat(g.code()).as(g.err()).isEqualTo(2);
        assertThat(g.err()).contains("gradient study's folder (rnnlab gradients)").contains("rnnlab gradients --config "
                + gradients.resolve("config.json"));
        assertThat(names(gradients)).containsExactly(AtomicFiles.RUN_MARKER, "config.json", "gradient-flow.csv");
    }

    @Test
    void aMissingDataFileFolderOrModelIsAUsageErrorAsAMissingRunFolderIs() throws Exception {
        // the same mistake got 1 here and 2 for --resume, --config and --out (a user's trial); a file that is there but is not
        // data or a model stays an error (1)
        Run data = TrainEvaluatePredictTest.run("train", "--dataset", "csv", "--train", dir.resolve("nope.csv").toString(), "--epochs",
                "1", "--out", dir.resolve("t").toString());
        assertThat(data.code()).as(data.err()).isEqualTo(2);
        assertThat(data.err()).contains("nope.csv: file not found");
        Run folder = TrainEvaluatePredictTest.run("train", "--dataset", "csv", "--data", dir.resolve("nofolder").toString(), "--epochs",
                "1", "--out", dir.resolve("t").toString());
        assertThat(folder.code()).as(folder.err()).isEqualTo(2);
        assertThat(folder.err()).contains("folder not found");
        assertThat(dir.resolve("t")).doesNotExist();
        Run model = TrainEvaluatePredictTest.run("predict", "--model", dir.resolve("nope.rnnlab").toString(), "--input", "x.csv");
        assertThat(model.code()).as(model.err()).isEqualTo(2);
        Path notAModel = Files.writeString(dir.resolve("notes.rnnlab"), "not a bundle");
        Run invalid = TrainEvaluatePredictTest.run("predict", "--model", notAModel.toString(), "--input", "x.csv");
        assertThat(invalid.code()).as(invalid.err()).isEqualTo(1);
    }
}

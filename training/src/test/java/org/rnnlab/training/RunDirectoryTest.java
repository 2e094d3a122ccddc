package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.AtomicFiles;

/**
 * {@code --overwrite} replaces an earlier run together with what later rnnlab commands wrote into its folder by
 * default ({@code export}'s {@code model.onnx}, compare's {@code trials/}), and still refuses a folder that holds
 * anything else.
 */
class RunDirectoryTest {

    @Test
    void overwriteReplacesARunWithItsExportAndTrials(@TempDir Path tmp) throws Exception {
        Path out = RunDirectory.create(tmp.resolve("run"), "train-csv");
        AtomicFiles.writeString(out.resolve("model.rnnlab"), "bundle");
        AtomicFiles.writeString(out.resolve("model.onnx"), "exported by rnnlab export");
        AtomicFiles.writeString(out.resolve("trials/lstm-trial0.json"), "{}");
        AtomicFiles.writeString(out.resolve("runs/lstm-seed1/checkpoints/epoch-1.zip"), "state");
        AtomicFiles.writeString(out.resolve("model.onnx"), "exported again"); // listed once

        assertThat(Files.readAllLines(out.resolve(AtomicFiles.MANIFEST))).containsExactly("model.rnnlab", "model.onnx",
                "trials/lstm-trial0.json", "runs/lstm-seed1/checkpoints/epoch-1.zip");
        RunDirectory.check(out, true, List.of());
        Path again = RunDirectory.create(out, "train-csv", true, List.of());

        assertThat(again).isEqualTo(out);
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(RunDirectory.MARKER, AtomicFiles.MANIFEST);
        }
    }

    @Test
    void aRunStoppedBeforeItsConfigIsNotOfferedToResume(@TempDir Path tmp) throws Exception {
        // a user's kill -9 seconds after the start left only the marker: --resume said "no config.json there", and a new run on
        // the same --out said "continue it with --resume"
        Path out = RunDirectory.create(tmp.resolve("run"), "train-csv");
        assertThatThrownBy(() -> RunDirectory.create(out, "train-csv", false, List.of()))
                .hasMessageContaining("add --overwrite to replace that run").hasMessageNotContaining("--resume");
        Files.writeString(out.resolve("config.json"), "{}");
        assertThatThrownBy(() -> RunDirectory.create(out, "train-csv", false, List.of())).hasMessageContaining("continue it with --resume");
    }

    @Test
    void aFinishedRunIsNotOfferedToResume(@TempDir Path tmp) throws Exception {
        // a user's try: train --out on a finished run's folder suggested --resume, which then said "nothing to resume"
        Path run = RunDirectory.create(tmp.resolve("run"), "train-csv");
        Files.writeString(run.resolve("config.json"), "{}");
        Files.writeString(run.resolve("model.rnnlab"), "bundle");
        assertThatThrownBy(() -> RunDirectory.create(run, "train-csv", false, List.of())).hasMessageContaining("continue it with --resume");
        Files.writeString(run.resolve("results.json"), "{}");
        assertThatThrownBy(() -> RunDirectory.create(run, "train-csv", false, List.of()))
                .hasMessageContaining("add --overwrite to replace that run").hasMessageNotContaining("--resume");

        Path cmp = RunDirectory.create(tmp.resolve("cmp"), "compare-csv");
        Files.writeString(cmp.resolve("config.json"), "{}");
        Files.writeString(cmp.resolve("index.html"), "<html>");
        Files.writeString(cmp.resolve("results.json"), "{\n  \"complete\" : false\n}");  // a stopped comparison's partial report
        assertThatThrownBy(() -> RunDirectory.create(cmp, "compare-csv", false, List.of())).hasMessageContaining("continue it with --resume");
        Files.writeString(cmp.resolve("results.json"), "{\n  \"complete\" : true\n}");
        assertThatThrownBy(() -> RunDirectory.create(cmp, "compare-csv", false, List.of())).hasMessageNotContaining("--resume");
    }

    @Test
    void overwriteStillRefusesAFolderWithFilesOfTheUser(@TempDir Path tmp) throws Exception {
        Path out = RunDirectory.create(tmp.resolve("run"), "train-csv");
        AtomicFiles.writeString(out.resolve("model.onnx"), "exported");
        Files.writeString(out.resolve("notes.txt"), "mine");
        // a user's try: files of the user with the extensions rnnlab writes were deleted by --overwrite
        Files.writeString(out.resolve("predictions.csv"), "id,label\n");         // rnnlab predict ... > run/predictions.csv
        Files.writeString(out.resolve("my-analysis.json"), "{}");
        Files.writeString(Files.createDirectories(out.resolve("runs")).resolve("my.json"), "{}");

        assertThatThrownBy(() -> RunDirectory.create(out, "train-csv", true, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds files rnnlab did not write: [my-analysis.json, notes.txt, predictions.csv, runs/my.json]");
        assertThat(out.resolve("notes.txt")).hasContent("mine");
        assertThat(out.resolve("predictions.csv")).exists();
        assertThat(out.resolve("model.onnx")).exists();
    }

    @Test
    void overwriteRefusesAnotherRunInsideTheFolderALinkAndAFolderOfTheUser(@TempDir Path tmp) throws Exception {
        // a review's find: compare --out exp, then train --out exp/lstm-only; compare --out exp --overwrite deleted that run
        Path out = RunDirectory.create(tmp.resolve("exp"), "compare-csv");
        AtomicFiles.writeString(out.resolve("results.json"), "{}");
        Path inner = RunDirectory.create(out.resolve("lstm-only"), "train-csv");
        AtomicFiles.writeString(inner.resolve("model.rnnlab"), "bundle");
        assertThatThrownBy(() -> RunDirectory.create(out, "compare-csv", true, List.of()))
                .hasMessageContaining("holds files rnnlab did not write: [lstm-only/ (another run)]");
        assertThat(inner.resolve("model.rnnlab")).exists();
        delete(inner);
        Files.createDirectories(out.resolve("mine"));
        Files.createSymbolicLink(out.resolve("data"), tmp);
        Files.writeString(out.resolve(".results.json.123.tmp"), "{"); // an interrupted write of rnnlab's: its own
        Files.writeString(out.resolve(".hidden.tmp"), "user's");
        assertThatThrownBy(() -> RunDirectory.create(out, "compare-csv", true, List.of()))
                .hasMessageContaining("holds files rnnlab did not write: [.hidden.tmp, data, mine/]");
    }

    private static void delete(Path p) throws java.io.IOException {
        try (var s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    @Test
    void aRunFolderOfAnEarlierRnnlabWithoutAListCountsTheNamesRnnlabWrites(@TempDir Path tmp) throws Exception {
        // a user's try: predictions.csv (predict ... > RUN/predictions.csv) in a train run folder of an earlier rnnlab, whose
        // marker has no list beside it, was deleted by train --overwrite: the rule was the extension, .csv
        Path out = RunDirectory.create(tmp.resolve("run"), "train-csv");
        Files.delete(out.resolve(AtomicFiles.MANIFEST));
        for (String f : List.of("config.json", "dataset-provenance.json", "model.rnnlab", "model.onnx", "provenance.json",
                "results.json", "checkpoints/checkpoint.zip", "checkpoints/.checkpoint.zip.123.tmp", ".results.json4567.tmp")) {
            Files.writeString(Files.createDirectories(out.resolve(f).getParent()).resolve(out.resolve(f).getFileName()), "x");
        }
        assertThat(out.resolve(AtomicFiles.MANIFEST)).doesNotExist();
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(out.resolve("predictions.csv"), "id,label\n");
        Files.writeString(out.resolve("my-analysis.json"), "{}");
        Files.writeString(out.resolve("checkpoints/epoch-3-copy.zip"), "mine");
        // the review's: a chart of the user's named like the report's per-tag charts (no accuracy-by-tag.csv beside it), and a
        // hidden temporary file of the user's that is no temporary sibling of rnnlab's names
        Files.writeString(out.resolve("accuracy-by-hand.png"), "mine");
        Files.writeString(out.resolve(".notes2.tmp"), "mine");
        assertThatThrownBy(() -> RunDirectory.create(out, "train-csv", true, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds files rnnlab did not write: "
                        + "[.notes2.tmp, accuracy-by-hand.png, checkpoints/epoch-3-copy.zip, my-analysis.json, notes.txt, predictions.csv]");
        assertThat(out.resolve("predictions.csv")).exists();
        assertThat(out.resolve("model.rnnlab")).exists();
        for (String f : List.of("notes.txt", "predictions.csv", "my-analysis.json", "checkpoints/epoch-3-copy.zip", "accuracy-by-hand.png",
                ".notes2.tmp")) {
            Files.delete(out.resolve(f));
        }
        RunDirectory.create(out, "train-csv", true, List.of());
        assertThat(out.resolve("results.json")).doesNotExist();
        assertThat(out.resolve("checkpoints")).doesNotExist();
    }

    @Test
    void aComparisonFolderOfAnEarlierRnnlabIsReplacedAndItsUsersFilesStayThere(@TempDir Path tmp) throws Exception {
        // as an earlier rnnlab wrote them: a marker, no list; and one from before the marker, known by its provenance.json
        for (boolean marker : new boolean[] {true, false}) {
            Path out = Files.createDirectories(tmp.resolve("cmp-" + marker));
            if (marker) {
                Files.writeString(out.resolve(RunDirectory.MARKER), "rnnlab compare-csv\n");
            }
            for (String f : List.of("provenance.json", "accuracy.png", "config.json", "confusion-1-lstm.png",
                    "confusion-2-gru_h32.png", "differences.csv", "differences.json", "gradient-flow.png", "index.html",
                    "learning-curves.png", "results.csv", "results.json", "tuning.json", "trials.csv", "tuning.png",
                    "accuracy-by-distance.png", "accuracy-by-tag.csv", "runs/lstm-seed1.json", "runs/gru-seed2-fold3.json",
                    "trials/lstm-trial0-rung1-seed1.json")) {
                Path p = out.resolve(f);
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.equals("provenance.json") ? "{\"rnnlabVersion\": \"0.1\"}" : "x");
            }
            Files.writeString(out.resolve("predictions.csv"), "id,label\n");
            Files.writeString(out.resolve("runs/my.json"), "{}");
            Files.createDirectories(out.resolve("plots"));
            assertThatThrownBy(() -> RunDirectory.create(out, "compare-csv", true, List.of()))
                    .hasMessageContaining("holds files rnnlab did not write: [plots/, predictions.csv, runs/my.json]");
            Files.delete(out.resolve("predictions.csv"));
            Files.delete(out.resolve("runs/my.json"));
            Files.delete(out.resolve("plots"));
            RunDirectory.create(out, "compare-csv", true, List.of());
            try (var files = Files.list(out)) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(RunDirectory.MARKER,
                        AtomicFiles.MANIFEST);
            }
        }
    }

    @Test
    void aRunThatFailedBeforeItsFirstCheckpointIsRemovedOneWithACheckpointKept(@TempDir Path tmp) throws Exception {
        Path failed = RunDirectory.create(tmp.resolve("failed"), "train-csv");
        Files.writeString(failed.resolve("config.json"), "{}");
        Files.writeString(failed.resolve("provenance.json"), "{}");
        Files.createDirectories(failed.resolve("checkpoints"));
        assertThat(RunDirectory.removeIfUnfinished(failed)).isTrue();
        assertThat(failed).doesNotExist();

        Path resumable = RunDirectory.create(tmp.resolve("resumable"), "train-csv");
        Files.writeString(Files.createDirectories(resumable.resolve("checkpoints")).resolve("checkpoint.zip"), "state");
        assertThat(RunDirectory.removeIfUnfinished(resumable)).isFalse();
        assertThat(resumable.resolve("checkpoints/checkpoint.zip")).exists();

        Path done = RunDirectory.create(tmp.resolve("done"), "train-csv");
        Files.writeString(done.resolve("model.rnnlab"), "bundle");
        assertThat(RunDirectory.removeIfUnfinished(done)).isFalse();
        assertThat(done.resolve("model.rnnlab")).exists();
    }

    /** An input reached through a symbolic link into the run folder is still an input inside it: --overwrite refuses. */
    @Test
    void anInputLinkedIntoTheFolderIsNotDeleted(@TempDir Path tmp) throws Exception {
        Path run = RunDirectory.create(tmp.resolve("run"), "train-test");
        Path data = Files.writeString(run.resolve("data.csv"), "a,b\n1,2\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), data);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunDirectory.create(run, "train-test", true, java.util.List.of(link)))
                .hasMessageContaining("holds " + link + ", an input of this run");
        assertThat(data).exists();
    }
}

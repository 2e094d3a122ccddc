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
    void aRunFolderOfAnEarlierRnnlabWithoutAListKeepsTheExtensionRule(@TempDir Path tmp) throws Exception {
        Path out = RunDirectory.create(tmp.resolve("run"), "train-csv");
        Files.delete(out.resolve(AtomicFiles.MANIFEST));
        AtomicFiles.writeString(out.resolve("results.json"), "{}"); // not listed anywhere: no list
        assertThat(out.resolve(AtomicFiles.MANIFEST)).doesNotExist();
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> RunDirectory.create(out, "train-csv", true, List.of()))
                .hasMessageContaining("holds files rnnlab did not write: [notes.txt]");
        Files.delete(out.resolve("notes.txt"));
        RunDirectory.create(out, "train-csv", true, List.of());
        assertThat(out.resolve("results.json")).doesNotExist();
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

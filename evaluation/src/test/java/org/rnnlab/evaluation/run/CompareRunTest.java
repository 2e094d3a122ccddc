package org.rnnlab.evaluation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.evaluation.compare.ClipSetting;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.evaluation.compare.ComparisonFiles;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.RunDirectory;
import org.rnnlab.training.TrainingConfig;

/** {@link CompareRun} through its Java API, without the command line: a tiny agreement task, one epoch per run. */
class CompareRunTest {

    /** rnn and gru, 2 seeds each (4 runs), on 80 / 20 / 40 agreement examples of distance up to 4. */
    private static CompareRequest request() {
        DatasetOptions data = new DatasetOptions(null, null, null, 42, 0, null,
                Map.of("trainSize", "80", "validationSize", "20", "testSize", "40", "maxDistance", "4"), null);
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn,gru"), ClipSetting.parseList("none"),
                ModelSpec.of(Architecture.parse("rnn")).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(1).withBatchSize(32).withEarlyStopping(0, 0.0), 2, 1, 8);
        return new CompareRequest("agreement", data, config, 1);
    }

    /** Records the callbacks as text, checking that each finished run is kept in runs/ before it is reported. */
    private static final class Recorder implements CompareRun.Listener {
        final List<String> events = new ArrayList<>();
        final Path dir;
        final AtomicBoolean stopAfterFirst;

        Recorder(Path dir, AtomicBoolean stopAfterFirst) {
            this.dir = dir;
            this.stopAfterFirst = stopAfterFirst;
        }

        @Override
        public void onRunStart(int index, int total, String configuration, long seed) {
            events.add("start " + index + "/" + total + " " + configuration + " " + seed);
        }

        @Override
        public void onRunEnd(RunResult r) {
            assertThat(CompareRun.runFile(dir, r)).isRegularFile();
            events.add("end " + r.configuration() + " " + r.seed());
            if (stopAfterFirst != null) {
                stopAfterFirst.set(true);
            }
        }

        @Override
        public void onInterrupted(int finished, int total) {
            events.add("interrupted " + finished + "/" + total);
        }
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** results.csv without its last four columns (time, throughput, parameters, memory): the metrics of each run. */
    private static List<String> metricColumns(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().map(l -> String.join(",", List.of(l.split(",")).subList(0, 9))).toList();
    }

    @Test
    void writesTheRunFolderAndResumeTrainsOnlyTheMissingRun(@TempDir Path tmp) throws Exception {
        Path dir = RunDirectory.create(tmp.resolve("cmp"), "compare-agreement");
        CompareRequest request = request();
        CompareRun run = CompareRun.start(request, dir, List.of());
        assertThat(run.finished()).isEmpty();
        assertThat(Json.readFile(dir.resolve("config.json"), CompareRequest.class)).isEqualTo(request);
        Provenance provenance = Json.readFile(dir.resolve("provenance.json"), Provenance.class);
        assertThat(provenance.seeds()).containsExactly(1L, 2L);
        assertThat(provenance.datasetChecksum()).isEqualTo(run.dataset().provenance().checksum());

        Recorder recorder = new Recorder(dir, null);
        CompareOutcome outcome = run.run(recorder, null);
        assertThat(outcome.interrupted()).isFalse();
        assertThat(outcome.runDir()).isEqualTo(dir);
        assertThat(outcome.report()).isEqualTo(dir.resolve("index.html")).isRegularFile();
        assertThat(recorder.events).containsExactly("start 0/4 rnn 1", "end rnn 1", "start 1/4 rnn 2", "end rnn 2",
                "start 2/4 gru 1", "end gru 1", "start 3/4 gru 2", "end gru 2");
        assertThat(outcome.result().runs()).hasSize(4);
        assertThat(outcome.result().aggregates()).hasSize(2);
        assertThat(outcome.result().runs()).allSatisfy(r -> assertThat(r.gradientNorms()).isNotEmpty());
        assertThat(files(dir)).contains("config.json", "provenance.json", "results.json", "results.csv", "index.html",
                "accuracy.png", "learning-curves.png", "gradient-flow.png", "runs");
        assertThat(files(dir.resolve("runs"))).containsExactly("gru-seed1.json", "gru-seed2.json", "rnn-seed1.json", "rnn-seed2.json");
        List<String> csv = metricColumns(dir.resolve("results.csv"));
        assertThat(csv).hasSize(5);
        assertThat(Files.readAllLines(dir.resolve("results.csv")).get(0)).isEqualTo(ComparisonFiles.CSV_HEADER);

        // a run lost, another cut short by a kill, and a file rnnlab did not write
        Files.delete(dir.resolve("runs/gru-seed2.json"));
        Path cut = dir.resolve("runs/rnn-seed2.json");
        Files.writeString(cut, Files.readString(cut).substring(0, 40));
        Files.writeString(dir.resolve("runs/notes.txt"), "mine");
        Path unfinishedRun = Files.writeString(dir.resolve("runs/.gru-seed2.json.123.tmp"), "{\"config");
        Path unfinishedReport = Files.writeString(dir.resolve(".results.csv.456.tmp"), "configuration,");
        CompareRun resumed = CompareRun.resume(dir);
        assertThat(unfinishedRun).doesNotExist();
        assertThat(unfinishedReport).doesNotExist();
        assertThat(resumed.request()).isEqualTo(request);
        assertThat(resumed.finished()).containsOnlyKeys("rnn seed 1", "gru seed 1");
        assertThat(cut).doesNotExist();
        Recorder again = new Recorder(dir, null);
        CompareOutcome finished = resumed.run(again, new AtomicBoolean());
        assertThat(again.events).containsExactly("start 1/4 rnn 2", "end rnn 2", "start 3/4 gru 2", "end gru 2");
        assertThat(finished.interrupted()).isFalse();
        assertThat(finished.result().runs()).extracting(r -> r.configuration() + " " + r.seed())
                .containsExactly("rnn 1", "rnn 2", "gru 1", "gru 2");
        assertThat(metricColumns(dir.resolve("results.csv"))).isEqualTo(csv); // the same results: same seeds, same data
        assertThat(dir.resolve("runs/notes.txt")).hasContent("mine");
    }

    @Test
    void aStopKeepsTheFinishedRunsWithAPartialReportAndResumeFinishes(@TempDir Path tmp) throws Exception {
        Path dir = RunDirectory.create(tmp.resolve("cmp"), "compare-agreement");
        AtomicBoolean stop = new AtomicBoolean();
        Recorder recorder = new Recorder(dir, stop);
        CompareOutcome stopped = CompareRun.start(request(), dir, List.of("rnnlab", "compare")).run(recorder, stop);
        assertThat(stopped.interrupted()).isTrue();
        assertThat(recorder.events).containsExactly("start 0/4 rnn 1", "end rnn 1", "start 1/4 rnn 2", "interrupted 1/4");
        assertThat(stopped.result().runs()).extracting(RunResult::configuration).containsExactly("rnn");
        assertThat(stopped.report()).isEqualTo(dir.resolve("index.html")).isRegularFile();
        assertThat(stopped.reportError()).isNull();
        assertThat(files(dir.resolve("runs"))).containsExactly("rnn-seed1.json");
        assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(2);
        // a user's try: the partial report read as a finished comparison of 4 runs
        assertThat(Files.readString(dir.resolve("index.html"))).contains("<b>Partial results:</b> 1 of 4 runs finished")
                .contains("rnnlab compare --resume " + dir.toAbsolutePath().normalize());
        JsonNode partial = Json.mapper().readTree(dir.resolve("results.json").toFile());
        assertThat(partial.get("complete").asBoolean()).isFalse();
        assertThat(partial.get("runsPlanned").asInt()).isEqualTo(4);

        CompareRun resumed = CompareRun.resume(dir);
        assertThat(resumed.finished()).containsOnlyKeys("rnn seed 1");
        CompareOutcome finished = resumed.run(new CompareRun.Listener() { }, null);
        assertThat(finished.interrupted()).isFalse();
        assertThat(finished.result().runs()).hasSize(4);
        assertThat(files(dir.resolve("runs"))).hasSize(4);
        assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(5);
        assertThat(Files.readString(dir.resolve("index.html"))).doesNotContain("Partial results");
        assertThat(Json.mapper().readTree(dir.resolve("results.json").toFile()).get("complete").asBoolean()).isTrue();

        // resuming a finished comparison rewrote its report with a wall time of 0 s: refused, the report left as it is
        String report = Files.readString(dir.resolve("index.html"));
        assertThatThrownBy(() -> CompareRun.resume(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is complete (all 4 runs finished").hasMessageContaining("nothing to resume");
        assertThat(dir.resolve("index.html")).hasContent(report);
    }

    @Test
    void aReportThatCannotBeWrittenKeepsTheResultsAndResumeWritesIt(@TempDir Path tmp) throws Exception {
        // a user's try: Ctrl-C as the report was drawn left results.json "complete" without index.html, and said nothing
        Path dir = RunDirectory.create(tmp.resolve("cmp"), "compare-agreement");
        CompareRun run = CompareRun.start(request(), dir, List.of());
        Path blocker = Files.createDirectories(dir.resolve("index.html").resolve("blocker")); // index.html cannot be written
        CompareOutcome outcome = run.run(new CompareRun.Listener() { }, null);
        assertThat(outcome.interrupted()).isFalse();
        assertThat(outcome.report()).isNull();
        assertThat(outcome.reportError()).isNotNull();
        assertThat(outcome.result().runs()).hasSize(4);
        assertThat(dir.resolve("results.json")).isRegularFile();
        Files.delete(blocker);
        Files.delete(dir.resolve("index.html"));
        CompareOutcome resumed = CompareRun.resume(dir).run(new CompareRun.Listener() { }, null);
        assertThat(resumed.report()).isEqualTo(dir.resolve("index.html")).isRegularFile();
        assertThat(resumed.result().runs()).hasSize(4);
    }

    @Test
    void aStopBeforeAnyRunFinishedWritesNoReport(@TempDir Path tmp) throws Exception {
        Path dir = RunDirectory.create(tmp.resolve("cmp"), "compare-agreement");
        List<Integer> interrupted = new ArrayList<>();
        CompareOutcome stopped = CompareRun.start(request(), dir, List.of()).run(new CompareRun.Listener() {
            @Override
            public void onInterrupted(int finished, int total) {
                interrupted.add(finished);
            }
        }, new AtomicBoolean(true));
        assertThat(stopped.interrupted()).isTrue();
        assertThat(interrupted).containsExactly(0);
        assertThat(stopped.result().runs()).isEmpty();
        assertThat(stopped.report()).isNull();
        assertThat(files(dir)).doesNotContain("index.html", "results.json", "runs");
    }

    @Test
    void resumeRefusesOtherFoldersAndChangedData(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> CompareRun.resume(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no config.json there");
        Path other = Files.createDirectories(tmp.resolve("train-run"));
        Files.writeString(other.resolve("config.json"), "{\"spec\": {}}");
        assertThatThrownBy(() -> CompareRun.resume(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not that of a 'rnnlab compare' run");

        Path dir = RunDirectory.create(tmp.resolve("cmp"), "compare-agreement");
        CompareRequest request = request();
        CompareRun.start(request, dir, List.of());
        CompareRequest otherData = new CompareRequest(request.dataset(), new DatasetOptions(null, null, null, 43, 0, null,
                request.datasetOptions().settings(), null), request.comparison(), request.threads());
        assertThatThrownBy(() -> CompareRun.resume(dir, otherData)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the data differ from the data it started with")
                // what differs, from the dataset-provenance.json the start wrote (a file named where one changed), not two checksums
                .hasMessageContaining("the dataset's settings differ: seed (--data-seed) ").hasMessageContaining(" then, 43 now")
                .hasMessageNotContaining("dataset checksum");
        assertThat(dir.resolve(RunFiles.DATASET_PROVENANCE)).isRegularFile();
    }
}

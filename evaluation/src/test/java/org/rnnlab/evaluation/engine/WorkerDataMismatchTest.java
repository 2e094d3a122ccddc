package org.rnnlab.evaluation.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.evaluation.compare.ClipSetting;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.training.TrainingConfig;

/** A worker (a Spark executor) whose copy of a data file differs from the driver's: the failure names the file and what to do. */
class WorkerDataMismatchTest {
    @TempDir
    Path dir;

    private static String texts(String extra) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            b.append(i % 2 == 0 ? "neg" : "pos").append('\t').append(i % 2 == 0 ? "bad awful" : "good great").append(" word").append(i % 7)
                    .append(extra).append('\n');
        }
        return b.toString();
    }

    @Test
    void aWorkersChangedFileIsNamedWithWhatToDo() throws Exception {
        Path file = Files.writeString(dir.resolve("reviews.tsv"), texts(""));
        DatasetOptions options = DatasetOptions.defaults().withFiles(file, null);
        SequenceDataset driver = Datasets.open("text", options);
        DataSource source = DataSource.of("text", options, null, driver.provenance(), null);
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn"), ClipSetting.parseList("none"),
                ModelSpec.of(Architecture.parse("rnn")).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(1).withBatchSize(16).withEarlyStopping(0, 0.0), 1, 1, 16);
        String task = Json.writeCompact(Comparison.tasks(config).get(0));

        Files.writeString(file, texts(" again")); // this worker's copy is another
        assertThatThrownBy(() -> TaskExecutor.run(Json.writeCompact(source), task))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("dataset text opened on this worker differs from the driver's (checksum ")
                .hasMessageContaining("file " + file + " differs: ")
                .hasMessageContaining("sha256 " + driver.provenance().files().get(0).sha256() + " on the driver")
                .hasMessageContaining("copy the driver's files to this worker (same path) or put the data in a folder every worker "
                        + "reads");
        // a source as an older driver sent it (no provenance) still says what to do
        DataSource older = new DataSource("text", options, null, driver.provenance().checksum());
        assertThat(Json.read(Json.writeCompact(source), DataSource.class)).isEqualTo(source);
        assertThatThrownBy(() -> TaskExecutor.run(Json.writeCompact(older), task))
                .hasMessageContaining("): every worker must read the same files: copy the driver's files");
    }

    /**
     * Trial 80d F4: a data file removed on the executor after the driver read it failed as "file not found (expected a readable
     * CSV file)" alone: it now says the executor's host, that the driver read it, and where the data must be.
     */
    @Test
    void aFileTheDriverReadButTheWorkerCannotFindNamesTheWorkerAndWhatToDo() throws Exception {
        Path file = Files.writeString(dir.resolve("reviews.tsv"), texts(""));
        DatasetOptions options = DatasetOptions.defaults().withFiles(file, null);
        SequenceDataset driver = Datasets.open("text", options);
        DataSource source = DataSource.of("text", options, null, driver.provenance(), null);
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn"), ClipSetting.parseList("none"),
                ModelSpec.of(Architecture.parse("rnn")).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(1).withBatchSize(16).withEarlyStopping(0, 0.0), 1, 1, 16);
        String task = Json.writeCompact(Comparison.tasks(config).get(0));

        Files.delete(file); // gone on this worker
        String host = java.net.InetAddress.getLocalHost().getHostName();
        assertThatThrownBy(() -> TaskExecutor.run(Json.writeCompact(source), task))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(file + ": file not found")
                .hasMessageContaining(", on the executor on " + host + " (the driver read it): every worker must see the data at the "
                        + "same path")
                .hasMessageEndingWith("(docs/guide/spark.md, Data)")
                .hasNoCause(); // a Spark executor reports the root cause's message: this one, not the reader's
        // a source without the driver's provenance cannot tell: the reader's own message, as before
        DataSource older = new DataSource("text", options, null, driver.provenance().checksum());
        assertThatThrownBy(() -> TaskExecutor.run(Json.writeCompact(older), task))
                .isInstanceOf(org.rnnlab.datasets.DatasetFormatException.class)
                .hasMessageNotContaining("on the executor");
    }
}

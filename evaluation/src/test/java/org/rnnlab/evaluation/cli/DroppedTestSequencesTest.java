package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * {@code train --missing drop} with the user's own test file: the test sequences dropped are named with their file, apart
 * from the training file's, and recorded (a user's trial: 2 of 20 test sequences dropped, named only in one count with 53
 * training ones whose examples were all training ids, and the scores "on 18 sequences" with no word why).
 */
class DroppedTestSequencesTest {

    /** The file with a blank x in the first row of the first {@code n} sequences; returns their ids. */
    private static List<String> blank(Path file, int n) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 1; i < lines.size() && ids.size() < n; i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (ids.add(cells[0])) {
                cells[2] = "";
                lines.set(i, String.join(",", cells));
            }
        }
        Files.write(file, lines);
        return List.copyOf(ids);
    }

    @Test
    void droppedTestSequencesAreNamedWithTheirFileAndRecorded(@TempDir Path dir) throws Exception {
        ExampleArchive.write(dir, 10, 5, 3);
        Path train = dir.resolve("TRAIN.csv");
        Path test = dir.resolve("TEST.csv");
        List<String> trainIds = blank(train, 3);
        List<String> testIds = blank(test, 2);
        Path out = dir.resolve("run");
        Run r = run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--set", "sequenceId=series_id",
                "--set", "time=timestamp", "--set", "label=class", "--missing", "drop", "--hidden", "4", "--epochs", "1", "--quiet",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        long testSequences = Files.readAllLines(test).stream().skip(1).map(l -> l.split(",")[0]).distinct().count();
        String testWarning = "csv " + test + ": dropped 2 of " + testSequences + " sequences with missing values (--missing drop): "
                + String.join(", ", testIds) + "; the test scores are on the " + (testSequences - 2) + " left, not on the whole test file";
        assertThat(r.out() + r.err()).contains("on " + (testSequences - 2) + " sequences");
        // logged on standard error, and kept in the run's data-warnings.txt
        assertThat(Files.readString(out.resolve(org.rnnlab.evaluation.run.DataWarnings.FILE))).contains(testWarning)
                .contains("csv " + train + ": dropped 3 of ").contains(String.join(", ", trainIds) + "; they do not train the model");
        JsonNode provenance = Json.mapper().readTree(out.resolve("dataset-provenance.json").toFile());
        assertThat(provenance.toString()).contains("test file 2 (" + String.join(", ", testIds) + ")");
    }
}

package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.Split;

/**
 * {@code --missing drop-steps}: every time step holding a missing value is removed from its sequence, which is kept (a
 * bird-song trial's librosa NaN frames: interpolate made them up, drop left whole clips out, trim removed only the end).
 */
class DropStepsTest {
    @TempDir
    Path dir;

    /** a: an all-NaN frame inside and one with x missing; b: none; c: every step missing something; d: end padding. */
    private Path frames() throws Exception {
        return Files.writeString(dir.resolve("frames.csv"), """
                clip,frame,x,y,label
                a,0,1,2,p
                a,1,NaN,NaN,p
                a,2,3,4,p
                a,3,,5,p
                a,4,6,7,p
                b,0,5,1,q
                b,1,6,1,q
                c,0,,1,p
                c,1,2,NaN,p
                d,0,1,1,q
                d,1,2,2,q
                d,2,NaN,NaN,q
                """);
    }

    private static CsvOptions options() {
        return CsvOptions.defaults().withColumns(Column.named("clip"), Column.named("frame"), Column.named("label"))
                .withFractions(0, 0);
    }

    @Test
    void stepsHoldingAMissingValueAreRemovedAndTheSequencesKept() throws Exception {
        Path f = frames();
        CsvSequenceDataset[] read = new CsvSequenceDataset[1];
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class,
                () -> read[0] = CsvSequenceDataset.fromLongCsv(f, options().withMissing(MissingValues.DROP_STEPS)));
        assertThat(read[0].split(Split.TRAIN).examples().stream().map(s -> s.length()).sorted().toList()).containsExactly(2, 2, 3);
        assertThat(warnings).contains("csv: " + f + ": removed 3 time step(s) holding a missing value from 2 sequence(s) "
                + "(--missing drop-steps: each sequence keeps its other steps, which the model reads as consecutive; 1 of these "
                + "sequences now have gaps in the time column, a step removed between kept ones, that no warning of gaps counts)");
        // a sequence left with no step is dropped, as --missing drop drops one, and named per file
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("dropped 1 of 4 sequences with missing values (--missing "
                + "drop-steps: every step of each held a missing value): c;").doesNotContain("ffill"));
        // stored with the schema, read back from JSON, written as --missing takes it
        CsvSchema schema = read[0].schema();
        assertThat(schema.missing()).isEqualTo(MissingValues.DROP_STEPS);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readValue(json.writeValueAsString(schema), CsvSchema.class)).isEqualTo(schema);
        assertThat(MissingValues.parse("drop-steps")).isEqualTo(MissingValues.DROP_STEPS);
        assertThat(MissingValues.parse("DROP_STEPS")).isEqualTo(MissingValues.DROP_STEPS);
        assertThat(MissingValues.DROP_STEPS.toString()).isEqualTo("drop-steps");
        assertThat(MissingValues.CHOICES).contains("drop-steps");
        // new data read with the model's contract (predict, evaluate): the same steps removed, the empty one dropped
        List<String> dropped = new ArrayList<>();
        List<CsvSequence> again = CsvSequenceDataset.readAll(f, schema, false, dropped);
        assertThat(again.stream().map(s -> s.id() + ":" + s.values().length).toList()).containsExactly("a:3", "b:2", "d:2");
        assertThat(again.get(0).values()).isDeepEqualTo(new float[][] {{1, 2}, {3, 4}, {6, 7}});
        assertThat(dropped).containsExactly("c");
    }

    /** Steps removed only at a sequence's ends leave no gap; without a time column no gaps are counted (trial 71d F7). */
    @Test
    void theDropStepsLineSaysTheRemainingStepsAreReadAsConsecutive() throws Exception {
        Path ends = Files.writeString(dir.resolve("ends.csv"), """
                clip,frame,x,y,label
                a,0,NaN,2,p
                a,1,1,2,p
                a,2,3,4,p
                a,3,5,NaN,p
                b,0,5,1,q
                b,1,6,,q
                b,2,6,1,q
                b,3,7,1,q
                """);
        List<String> timed = LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromLongCsv(ends, options().withMissing(MissingValues.DROP_STEPS)));
        assertThat(timed).contains("csv: " + ends + ": removed 3 time step(s) holding a missing value from 2 sequence(s) "
                + "(--missing drop-steps: each sequence keeps its other steps, which the model reads as consecutive; 1 of these "
                + "sequences now have gaps in the time column, a step removed between kept ones, that no warning of gaps counts)");
        List<String> untimed = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(ends,
                CsvOptions.defaults().withColumns(Column.named("clip"), null, Column.named("label")).withFractions(0, 0)
                        .withMissing(MissingValues.DROP_STEPS)));
        assertThat(untimed).contains("csv: " + ends + ": removed 3 time step(s) holding a missing value from 2 sequence(s) "
                + "(--missing drop-steps: each sequence keeps its other steps, which the model reads as consecutive)");
    }

    @Test
    void aFillThatInventsWholeEmptyFramesPointsToDropSteps() throws Exception {
        Path f = Files.writeString(dir.resolve("gaps.csv"), """
                clip,frame,x,y,label
                a,0,1,2,p
                a,1,NaN,NaN,p
                a,2,3,4,p
                b,0,5,1,q
                b,1,,,q
                b,2,,,q
                b,3,6,1,q
                """);
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromLongCsv(f, options().withMissing(MissingValues.INTERPOLATE)));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("filled 6 missing value(s) in 2 sequence(s)")
                .contains("; 3 time step(s) of 2 sequence(s), between steps with values, hold no value in any feature: "
                        + "placeholder rows for steps without a reading (empty frames)?").contains("--missing drop-steps removes"));
        float n = Float.NaN;
        assertThat(MissingValues.interiorMissingSteps(new float[][] {{n, n}, {1, 2}, {n, n}, {n, 1}, {3, 4}, {n, n}})).isEqualTo(1);
        float[][] none = {{1, 2}};
        assertThat(MissingValues.withoutMissingSteps(none)).isSameAs(none);
    }
}

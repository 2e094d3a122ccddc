package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.evaluation.compare.MajorityBaseline;

/**
 * Trial 79k F3: train warned before its first epoch that 305-step pieces read at the last step reach the answer only
 * through the cell's state, and kept it in data-warnings.txt; compare on the same file, where the heads are tried side by
 * side, said nothing of it. compare now gives train's warning, before its runs, and keeps it with its data warnings.
 */
class CompareLongSequenceWarningTest {

    @TempDir
    Path dir;

    @Test
    void compareWarnsOfLongSequencesReadAtTheLastStepAsTrainDoes() throws Exception {
        Random r = new Random(3);
        StringBuilder b = new StringBuilder("sequence_id,x,label\n");
        for (int s = 0; s < 40; s++) {
            String label = s % 2 == 0 ? "baroque" : "classical";
            for (int t = 0; t < 120; t++) {
                b.append(String.format(Locale.ROOT, "s%d,%.4f,%s%n", s, r.nextGaussian(), label));
            }
        }
        Path data = Files.writeString(dir.resolve("pieces.csv"), b.toString());
        Run compared = run("compare", "--dataset", "csv", "--train", data.toString(), "--cells", "gru", "--seeds", "1",
                "--hidden", "2", "--epochs", "1", "--probe", "0", "--quiet", "--out", dir.resolve("last").toString());
        assertThat(compared.code()).as(compared.err()).isZero();
        // train's own words (one method for both), before the runs' first line
        String warning = MajorityBaseline.lastHeadWarning(120, org.rnnlab.core.SequenceHead.LAST, false).orElseThrow();
        int at = compared.err().indexOf("compare: warning: " + warning + "\n");
        assertThat(at).as(compared.err()).isNotNegative();
        assertThat(at).as(compared.err()).isLessThan(compared.err().indexOf("compare: the runs are trained"));
        assertThat(org.rnnlab.evaluation.run.DataWarnings.read(dir.resolve("last"))).contains(warning);
        // a pooling head: no warning
        Run max = run("compare", "--dataset", "csv", "--train", data.toString(), "--cells", "gru", "--seeds", "1",
                "--hidden", "2", "--epochs", "1", "--probe", "0", "--head", "max", "--quiet", "--out", dir.resolve("max").toString());
        assertThat(max.code()).as(max.err()).isZero();
        assertThat(max.err()).doesNotContain("the sequences are long");
        assertThat(org.rnnlab.evaluation.run.DataWarnings.read(dir.resolve("max"))).noneMatch(w -> w.contains("the sequences are long"));
    }
}

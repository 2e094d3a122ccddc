package org.rnnlab.datasets.har;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-(volunteer, activity) comparison of window counts. */
class UciHarRecutCheckTest {

    @TempDir
    Path tmp;

    @Test
    void countsCellsTotalsAndAgreement() {
        Path official = tmp.resolve("official");
        Path recut = tmp.resolve("recut");
        write(official, new int[] {1, 1, 1, 3}, new int[] {1, 1, 4, 2}, new int[] {2, 2}, new int[] {6, 6});
        write(recut, new int[] {1, 1, 1, 1, 3}, new int[] {1, 1, 1, 4, 5}, new int[] {2}, new int[] {6});

        HarRecutCheck.Result r = HarRecutCheck.compare(official, recut);
        assertThat(r.officialTrain()).isEqualTo(4);
        assertThat(r.recutTrain()).isEqualTo(5);
        assertThat(r.officialTest()).isEqualTo(2);
        assertThat(r.recutTest()).isEqualTo(1);
        assertThat(r.cells()).containsExactly(
                new HarRecutCheck.Cell(1, 1, 2, 3),
                new HarRecutCheck.Cell(1, 4, 1, 1),
                new HarRecutCheck.Cell(2, 6, 2, 1),
                new HarRecutCheck.Cell(3, 2, 1, 0),
                new HarRecutCheck.Cell(3, 5, 0, 1));
        // matched: min(2,3) + 1 + min(2,1) + 0 + 0 = 4 of 6 official windows
        assertThat(r.agreement()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(r.exactCells()).isEqualTo(1);
        assertThat(r.table()).contains("2 (test)").contains("2/3").contains("agreement").contains("0.6667")
                .contains("train windows: official 4, re-cut 5");
    }

    private static void write(Path root, int[] trainSubjects, int[] trainLabels, int[] testSubjects, int[] testLabels) {
        HarFixtures.write(HarLayout.subjectFile(root, HarLayout.Part.TRAIN), HarFixtures.ints(trainSubjects));
        HarFixtures.write(HarLayout.labelFile(root, HarLayout.Part.TRAIN), HarFixtures.ints(trainLabels));
        HarFixtures.write(HarLayout.subjectFile(root, HarLayout.Part.TEST), HarFixtures.ints(testSubjects));
        HarFixtures.write(HarLayout.labelFile(root, HarLayout.Part.TEST), HarFixtures.ints(testLabels));
    }
}

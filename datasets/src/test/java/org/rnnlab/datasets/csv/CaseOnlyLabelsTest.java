package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Labels that differ only in case, many of them: a handwriting trial's writer w07 labelled in upper case gave 26 warnings of
 * about 330 characters, one per letter, and none said that one writer held every upper-case label.
 */
class CaseOnlyLabelsTest {
    @TempDir
    Path dir;

    /** {@code letters} lower-case classes written by 6 writers, 3 sequences each; writer {@code upperWriter} writes upper case. */
    private Path file(String letters, String upperWriter) throws Exception {
        StringBuilder csv = new StringBuilder("id,writer,label,x\n");
        int id = 0;
        for (int w = 0; w < 6; w++) {
            String writer = "w0" + w;
            for (char c : letters.toCharArray()) {
                for (int i = 0; i < 3; i++) {
                    String label = writer.equals(upperWriter) ? String.valueOf(c).toUpperCase(Locale.ROOT) : String.valueOf(c);
                    for (int t = 0; t < 4; t++) {
                        csv.append(String.format(Locale.ROOT, "s%d,%s,%s,%d%n", id, writer, label, (id * 7 + t * 3) % 11));
                    }
                    id++;
                }
            }
        }
        return Files.writeString(dir.resolve(letters + ".csv"), csv);
    }

    private static List<String> warnings(Path file) throws Exception {
        CsvOptions options = CsvOptions.defaults().withColumns(Column.named("id"), null, Column.named("label"))
                .withGroupColumn(Column.named("writer")).withFractions(0.0, 0.0);
        return LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, options));
    }

    @Test
    void manyPairsDifferingOnlyInCaseGetOneWarningNamingTheGroupThatHoldsTheRarerSpellings() throws Exception {
        List<String> warnings = warnings(file("abcde", "w03"));
        List<String> caseWarnings = warnings.stream().filter(w -> w.contains("only in case")).toList();
        assertThat(caseWarnings).singleElement().satisfies(w -> assertThat(w)
                .contains("5 pairs of labels differ only in case and are separate classes (training sequences): 'A'/'a' 3/15, 'B'/'b' 3/15")
                .contains("'E'/'e' 3/15")
                .contains("all 15 sequences of the rarer spellings (upper case) are in group 'w03', of 1 group holding any")
                .contains("--set labelMap=FILE").contains("such as A,a"));
    }

    @Test
    void fewPairsKeepTheirOwnWarningsWithTheGroupNamed() throws Exception {
        List<String> caseWarnings = warnings(file("ab", "w03")).stream().filter(w -> w.contains("only in case")).toList();
        assertThat(caseWarnings).hasSize(2).allSatisfy(w -> assertThat(w).contains("differ only in case and are separate classes")
                .contains("all 3 sequences of the rarer spelling (upper case) are in group 'w03'").contains("lines such as"));
    }
}

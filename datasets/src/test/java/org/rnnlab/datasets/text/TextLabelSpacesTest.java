package org.rnnlab.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Labels written with white space around them are read without it, and that is said, one line per spelling (trial 77b F1:
 * 3 labels {@code 'crime '} became {@code 'crime'} without a word); {@code --set labelMap} is refused for text with the way
 * to merge spellings there (F2).
 */
class TextLabelSpacesTest {

    @TempDir
    Path dir;

    private static final String[] CRIME = {"a body in the library", "the detective found the knife", "murder at the vicarage",
        "the inspector questions the butler", "a poison in the tea", "the alibi does not hold"};
    private static final String[] ROMANCE = {"two hearts in paris", "a love letter at dawn", "the wedding in june",
        "she met him at the ball", "a kiss under the rain", "love found again"};

    /** 24 texts, two classes, {@code spaced} labels of crime written {@code written} instead (every fourth line from line 1). */
    private Path file(String name, String header, int spaced, String written) throws Exception {
        StringBuilder b = new StringBuilder(header);
        int left = spaced;
        for (int i = 0; i < 24; i++) {
            boolean crime = i % 2 == 0;
            String label = crime && i % 4 == 0 && left-- > 0 ? written : crime ? "crime" : "romance";
            String text = (crime ? CRIME : ROMANCE)[i / 2 % 6] + " part " + i;
            b.append(header.isEmpty() ? "" : "B" + i + "\t").append(label).append('\t').append(text).append('\n');
        }
        return Files.writeString(dir.resolve(name), b);
    }

    @Test
    void labelsWithWhiteSpaceAroundThemAreReadWithoutItAndSaidOncePerSpelling() throws Exception {
        Path file = file("blurbs.tsv", "", 3, "crime ");
        TextDataset[] read = new TextDataset[1];
        List<String> warned = LoggedWarnings.of(TextDataset.class,
                () -> read[0] = TextDataset.fromTsv(file, TextDataset.Config.defaults().withMinFrequency(1)));
        assertThat(read[0].labelNames()).containsExactly("crime", "romance");
        assertThat(warned).filteredOn(w -> w.contains("white space around it dropped"))
                .containsExactly(file + ": 3 labels 'crime ' read as 'crime' (white space around it dropped)");

        // a quoted label keeps its spaces inside the quotes until read; the id layout says it alike
        Path ids = file("ids.tsv", "id\tlabel\ttext\n", 1, "\" crime\"");
        List<String> idWarned = LoggedWarnings.of(TextDataset.class,
                () -> TextDataset.fromTsv(ids, TextDataset.Config.defaults().withMinFrequency(1)));
        assertThat(idWarned).filteredOn(w -> w.contains("white space around it dropped"))
                .containsExactly(ids + ": 1 label ' crime' read as 'crime' (white space around it dropped)");

        // labels written as read: nothing said
        Path clean = file("clean.tsv", "", 0, "crime");
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(clean, TextDataset.Config.defaults()
                .withMinFrequency(1)))).noneMatch(w -> w.contains("white space around"));
    }

    @Test
    void aLabelMapIsRefusedForTextWithTheWayToMergeSpellingsThere() throws Exception {
        Path file = file("blurbs.tsv", "", 0, "crime");
        Path map = Files.writeString(dir.resolve("map.csv"), "from,to\nSci-Fi,scifi\n");
        DatasetOptions o = DatasetOptions.defaults().withFiles(file, null).with("labelMap", map.toString());
        assertThatThrownBy(() -> Datasets.open("text", o)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labelMap reads the labels of CSV data (--dataset csv) and is not read for text")
                .hasMessageContaining("df['label'] = df['label'].replace({'Sci-Fi': 'scifi'})")
                .hasMessageNotContaining("unknown setting");
    }
}

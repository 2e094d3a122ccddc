package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.text.TextDataset;
import org.rnnlab.datasets.text.TextEncoder;

/**
 * New texts that carry ids (a first line naming the columns id, text and label) and new texts under a header of other
 * column names ('label<TAB>sequence'), which predict and evaluate read by training's rule.
 */
class NewDataTextIdsTest {
    private static final List<String> LABELS = List.of("neg", "pos");

    @TempDir
    static Path dir;

    static TextEncoder encoder;

    @BeforeAll
    static void encoder() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add((i % 2 == 0 ? "pos\tgreat lovely film " : "neg\tawful boring film ") + (i % 5));
        }
        encoder = TextDataset.fromTsv(Files.write(dir.resolve("train.tsv"), lines), TextDataset.Config.defaults().withMinFrequency(1))
                .encoder();
    }

    @Test
    void theIdColumnNamesTheTextsInAnyColumnOrder() throws Exception {
        Path f = Files.writeString(dir.resolve("ids.tsv"), "text\tid\ngreat film\t>rec1\n\nawful film\trec 2\n" + "film ".repeat(70)
                + "\trec3\n");
        for (NewData.TextLayout layout : List.of(NewData.TextLayout.AUTO, NewData.TextLayout.TSV)) {
            NewData data = NewData.text(f, encoder, LABELS, layout);
            assertThat(data.ids()).as("%s", layout).containsExactly(">rec1", "rec 2", "rec3");
            assertThat(data.where()).containsExactly(f + ":2", f + ":4", f + ":5");
            assertThat(data.textNames()).isEqualTo(data.ids());
            assertThat(data.labels()).containsOnlyNulls();
            assertThat(data.values().get(1)).isDeepEqualTo(encoder.encode("awful film"));
            assertThat(data.truncated()).containsExactly("rec3");
        }
        // with a label column (blank or NA for predict), as evaluate scores it
        Path labelled = Files.writeString(dir.resolve("labelled.txt"), "ID\tLabel\tText\na\tpos\tgreat film\nb\tNA\tawful\nc\t\tfilm\n");
        assertThat(NewData.text(labelled, encoder, LABELS, NewData.TextLayout.AUTO).labels()).containsExactly("pos", null, null);
        assertThatThrownBy(() -> NewData.text(labelled, encoder, LABELS, NewData.TextLayout.LABELLED))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("labelled.txt:3: no label for id 'b'");
        Path scored = Files.writeString(dir.resolve("scored.tsv"), "id\tlabel\ttext\na\tpos\tgreat film\nb\tneg\tawful\n");
        NewData both = NewData.text(scored, encoder, LABELS, NewData.TextLayout.LABELLED);
        assertThat(both.ids()).containsExactly("a", "b");
        assertThat(both.labels()).containsExactly("pos", "neg");
        // ids that are line numbers name texts by line, as a file without ids does
        assertThat(NewData.text(Files.writeString(dir.resolve("plain.txt"), "great\nawful\n"), encoder, LABELS,
                NewData.TextLayout.AUTO).textNames()).containsExactly("line 1", "line 2");
    }

    @Test
    void idsAreRefusedTwiceEmptyOrWithoutATextAndTheHeaderWhereLinesAreReadWhole() throws Exception {
        Path twice = Files.writeString(dir.resolve("twice.tsv"), "id\ttext\na\tgreat\nb\tawful\na\tfilm\n");
        assertThatThrownBy(() -> NewData.text(twice, encoder, LABELS, NewData.TextLayout.AUTO)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("twice.tsv:4: id 'a' is on line 2 too (expected each id once");
        Path empty = Files.writeString(dir.resolve("empty.tsv"), "id\ttext\na\tgreat\n \tawful\n");
        assertThatThrownBy(() -> NewData.text(empty, encoder, LABELS, NewData.TextLayout.AUTO)).hasMessageContaining("empty.tsv:3: empty id");
        Path noText = Files.writeString(dir.resolve("notext.tsv"), "id\tlabel\ttext\na\tpos\tgreat\nb\tneg\t  \nc\tpos\tfilm\nd\tneg\t\n");
        assertThatThrownBy(() -> NewData.text(noText, encoder, LABELS, NewData.TextLayout.LABELLED))
                .hasMessageContaining("notext.tsv:3: the text of id 'b' has no tokens (expected a text in the text column); 2 "
                        + "lines have none: 3, 5 (ids b, d) (an empty text cannot be classified: remove those lines or give them "
                        + "their text)"); // every one, as training names them (trial 78h F6: evaluate named the first of 6)
        // predict: the others read, the empty ones named by their ids (trial 77b F4: one empty blurb stopped the batch)
        NewData skipped = NewData.text(noText, encoder, LABELS, NewData.TextLayout.AUTO);
        assertThat(skipped.ids()).containsExactly("a", "c");
        assertThat(skipped.emptyTexts()).containsExactly("b", "d");
        Path allEmpty = Files.writeString(dir.resolve("allempty.tsv"), "id\ttext\na\t \nb\t\n");
        assertThatThrownBy(() -> NewData.text(allEmpty, encoder, LABELS, NewData.TextLayout.AUTO))
                .hasMessageContaining("allempty.tsv: no text has tokens");
        Path extra = Files.writeString(dir.resolve("extra.tsv"), "id\ttext\na\tgreat\tfilm\n");
        assertThatThrownBy(() -> NewData.text(extra, encoder, LABELS, NewData.TextLayout.AUTO))
                .hasMessageContaining("extra.tsv:2: 3 TAB-separated field(s) (expected 2, 'id<TAB>text' as the header on line 1 names them)")
                .hasMessageContaining("a TAB inside a text splits it");
        Path ok = Files.writeString(dir.resolve("ok.tsv"), "id\ttext\na\tgreat\n");
        assertThatThrownBy(() -> NewData.text(ok, encoder, LABELS, NewData.TextLayout.LINES))
                .hasMessageContaining("ok.tsv:1: this line names the columns 'id<TAB>text'").hasMessageContaining("--format tsv");
        assertThatThrownBy(() -> NewData.text(ok, encoder, LABELS, NewData.TextLayout.LABELLED))
                .hasMessageContaining("ok.tsv:1: the header 'id<TAB>text' names no label column: evaluate scores each text");
        Path sequence = Files.writeString(dir.resolve("sequence.tsv"), "id\tsequence\na\tgreat\nb\tawful\n");
        assertThatThrownBy(() -> NewData.text(sequence, encoder, LABELS, NewData.TextLayout.AUTO))
                .hasMessageContaining("sequence.tsv:1: 'id<TAB>sequence' reads as a header naming an id column")
                .hasMessageContaining("['sequence'] is none of them");
        // a class the model calls id, first with a one-word text: an example of it
        Path classId = Files.writeString(dir.resolve("classid.tsv"), "id\tgreat\npos\tawful\n");
        assertThat(NewData.text(classId, encoder, List.of("id", "pos"), NewData.TextLayout.LABELLED).labels()).containsExactly("id", "pos");
    }

    @Test
    void aHeaderOfOtherColumnNamesIsSkippedAsTrainingSkipsItUnlessItsLabelIsTheModels() throws Exception {
        // a pipeline's TSV export: train skipped its header, evaluate refused it, predict classified it as a text
        String body = "label\tsequence\npos\tgreat film\nneg\tawful film\nneg\tboring\n";
        String unlabelled = "label\tsequence\n\tgreat film\n\tawful film\n\tboring\n";
        for (String name : List.of("export.tsv", "export.txt")) {
            Path f = Files.writeString(dir.resolve(name), body);
            for (NewData.TextLayout layout : List.of(NewData.TextLayout.AUTO, NewData.TextLayout.TSV, NewData.TextLayout.LABELLED)) {
                NewData[] data = new NewData[1];
                List<String> warned = LoggedWarnings.of(NewData.class, () -> data[0] = NewData.text(f, encoder, LABELS, layout));
                assertThat(data[0].ids()).as("%s %s", name, layout).containsExactly("2", "3", "4");
                assertThat(data[0].labels()).containsExactly("pos", "neg", "neg");
                assertThat(warned).as("said once").singleElement().asString()
                        .contains(name + ":1: 'label<TAB>sequence' read as a header, not as an example");
            }
            Path blank = Files.writeString(dir.resolve("blank-" + name), unlabelled);
            assertThat(NewData.text(blank, encoder, LABELS, NewData.TextLayout.AUTO).ids()).containsExactly("2", "3", "4");
        }
        // the same line where 'label' is a class of the model: an example, as training keeps a label it trained on
        NewData kept = NewData.text(Files.writeString(dir.resolve("kept.tsv"), body), encoder, List.of("label", "neg", "pos"),
                NewData.TextLayout.LABELLED);
        assertThat(kept.ids()).containsExactly("1", "2", "3", "4");
        assertThat(kept.labels()).first().isEqualTo("label");
        // one text per line reads every line whole, a header line too
        assertThat(NewData.text(dir.resolve("export.txt"), encoder, LABELS, NewData.TextLayout.LINES).size()).isEqualTo(4);
    }

    /**
     * Trial 75b F7 and F1 for new data: a quoted TAB in an {@code id<TAB>text} file is part of the text, as in a file of texts
     * alone (it was refused as a third field), and a quoted text holding a line break is named as such.
     */
    @Test
    void aQuotedTabIsPartOfTheTextAndAQuotedLineBreakIsNamed() throws Exception {
        Path tabs = Files.writeString(dir.resolve("tabs.tsv"), "id\ttext\nT1\t\"great\tlovely film\"\nT2\tawful film\n");
        Path spaced = Files.writeString(dir.resolve("spaced.tsv"), "id\ttext\nT1\tgreat lovely film\nT2\tawful film\n");
        NewData quoted = NewData.text(tabs, encoder, LABELS, NewData.TextLayout.AUTO);
        NewData plain = NewData.text(spaced, encoder, LABELS, NewData.TextLayout.AUTO);
        assertThat(quoted.ids()).containsExactly("T1", "T2");
        assertThat(java.util.Arrays.deepEquals(quoted.values().toArray(), plain.values().toArray())).isTrue();
        Path broken = Files.writeString(dir.resolve("broken.tsv"), "id\ttext\nT1\t\"great\nlovely film\"\nT2\tawful film\n");
        assertThatThrownBy(() -> NewData.text(broken, encoder, LABELS, NewData.TextLayout.AUTO))
                .hasMessageContaining("broken.tsv:3: line 2 opens a quoted text that does not close on it");
    }

    /** Trial 75b F4: a CSV handed to a text model is told the layout that keeps its ids and how to write it from the CSV. */
    @Test
    void aCsvIsToldTheIdTextLayoutAndHowToWriteIt() throws Exception {
        Path csv = Files.writeString(dir.resolve("new.csv"), "id,text\nT1,great film\n");
        assertThatThrownBy(() -> NewData.text(csv, encoder, LABELS, NewData.TextLayout.AUTO)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("new.csv: this model reads text, but the file looks like CSV (.csv)")
                .hasMessageContaining("or a header 'id<TAB>text' (keeps your ids")
                // trial 80f F3: a line that runs, read_csv first, the header's columns (this file's 'text' needs no rename)
                .hasMessageContaining("from this CSV, e.g. with pandas: df = pd.read_csv('new.csv'); df = df[['id', 'text']]; "
                        + "df['text'] = df['text'].str.replace(r'\\s+', ' ', regex=True).str.strip(); df.to_csv('new.tsv', "
                        + "sep='\\t', index=False), which replaces line breaks inside texts by spaces")
                .hasMessageContaining("'Text' in docs/guide/your-data.md");
    }
}

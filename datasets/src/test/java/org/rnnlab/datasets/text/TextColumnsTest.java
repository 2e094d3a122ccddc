package org.rnnlab.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.Split;

/**
 * Training on a file whose first line names its columns (id, label and text in any order: what predict reads ids from)
 * reads them by name and checks the ids; one without a label column is refused, never read with its ids as labels. A
 * first line of column names in a validation or test file is a header by the rule new data use too, except where its
 * label is one of the training labels.
 */
class TextColumnsTest {

    @TempDir
    Path dir;

    private static String dna(int i) {
        return (i % 2 == 0 ? "A C G T A C G T" : "T T G G C C A A") + " " + "ACGT".charAt(i % 4);
    }

    /** 30 lines {@code seqN, label, bases} laid out by {@code order} (a permutation of id, label, text). */
    private Path columns(String name, List<String> order) throws Exception {
        StringBuilder b = new StringBuilder(String.join("\t", order)).append('\n');
        for (int i = 0; i < 30; i++) {
            String id = "seq" + i;
            String label = i % 2 == 0 ? "promoter" : "other";
            String text = dna(i);
            b.append(String.join("\t", order.stream().map(c -> c.equalsIgnoreCase("id") ? id : c.equalsIgnoreCase("label") ? label : text).toList()))
                    .append('\n');
        }
        return Files.writeString(dir.resolve(name), b);
    }

    @Test
    void aFileWithIdLabelAndTextColumnsTrainsOnItsLabelsAndTexts() throws Exception {
        TextDataset.Config c = TextDataset.Config.defaults().withMinFrequency(1);
        TextDataset plain = TextDataset.fromTsv(Files.writeString(dir.resolve("plain.tsv"), String.join("\n",
                java.util.stream.IntStream.range(0, 30).mapToObj(i -> (i % 2 == 0 ? "promoter" : "other") + "\t" + dna(i)).toList())), c);
        for (List<String> order : List.of(List.of("id", "label", "text"), List.of("text", "ID", "Label"))) {
            TextDataset d = TextDataset.fromTsv(columns("cols.tsv", order), c);
            assertThat(d.labelNames()).as("%s", order).containsExactly("other", "promoter");
            assertThat(d.texts(Split.TRAIN)).as("the same texts as the two-column file, ids not among the words")
                    .isEqualTo(plain.texts(Split.TRAIN));
            assertThat(d.vocabulary().size()).isEqualTo(plain.vocabulary().size());
        }
    }

    @Test
    void furtherColumnsBesideAnIdColumnAreReadAsWrittenAndTheIdsKept() throws Exception {
        // a trial's id<TAB>lang<TAB>label<TAB>text was refused ("['lang'] is none of them ... leave other columns out")
        List<String> lines = List.of("id\tlang\tlabel\ttext", "r1\tja\tpositive\t最高です", "r2\t\"en\"\tnegative\tbad");
        TextColumns columns = TextColumns.find(dir.resolve("x.tsv"), lines, l -> false);
        assertThat(columns).isNotNull();
        assertThat(columns.others()).containsExactly("lang");
        assertThat(columns.layout()).isEqualTo("id<TAB>lang<TAB>label<TAB>text");
        assertThat(columns.rows(dir.resolve("x.tsv"), lines)).extracting(r -> r.others().get("lang")).containsExactly("ja", "en");
        TextDataset.Config c = TextDataset.Config.defaults().withMinFrequency(1);
        StringBuilder b = new StringBuilder("id\tlang\tlabel\ttext\n");
        for (int i = 0; i < 30; i++) {
            b.append("seq").append(i).append('\t').append(i % 3 == 0 ? "de" : "en").append('\t')
                    .append(i % 2 == 0 ? "promoter" : "other").append('\t').append(dna(i)).append('\n');
        }
        TextDataset d = TextDataset.fromTsv(Files.writeString(dir.resolve("lang.tsv"), b), c);
        assertThat(d.texts(Split.TRAIN)).allMatch(t -> !t.contains("en") && !t.contains("de"));
        assertThat(d.textIds(Split.TRAIN)).hasSameSizeAs(d.texts(Split.TRAIN)).allMatch(id -> id.startsWith("seq"));
        assertThat(d.textIds(Split.TEST)).hasSameSizeAs(d.texts(Split.TEST));
        // a file without ids has none
        TextDataset plain = TextDataset.fromTsv(Files.writeString(dir.resolve("plain2.tsv"), String.join("\n",
                java.util.stream.IntStream.range(0, 30).mapToObj(i -> (i % 2 == 0 ? "promoter" : "other") + "\t" + dna(i)).toList())), c);
        assertThat(plain.textIds(Split.TRAIN)).isEmpty();
    }

    @Test
    void idsWithoutLabelsOrTwiceOrOddColumnsAreRefusedByLine() throws Exception {
        TextDataset.Config c = TextDataset.Config.defaults().withMinFrequency(1);
        // the texts alone with their ids: predict's input, not training's; before, the ids became 30 classes
        assertThatThrownBy(() -> TextDataset.fromTsv(columns("ids.tsv", List.of("id", "text")), c))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("ids.tsv:1: the header 'id<TAB>text' names no label column: training reads each text's label");
        Path twice = Files.writeString(dir.resolve("twice.tsv"), "id\tlabel\ttext\na\tx\tA C\nb\ty\tC G\na\tx\tG T\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(twice, c)).hasMessageContaining("twice.tsv:4: id 'a' is on line 2 too");
        Path shortLine = Files.writeString(dir.resolve("short.tsv"), "id\tlabel\ttext\na\tx\tA C\nb\tC G\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(shortLine, c)).hasMessageContaining("short.tsv:3: 2 TAB-separated field(s) "
                + "(expected 3, 'id<TAB>label<TAB>text' as the header on line 1 names them)");
        Path noLabel = Files.writeString(dir.resolve("nolabel.tsv"), "id\tlabel\ttext\na\tx\tA C\nb\t\tC G\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(noLabel, c)).hasMessageContaining("nolabel.tsv:3: empty label");
        // an id column under another name, or a texts' column not called text: what to rename
        Path sequence = Files.writeString(dir.resolve("sequence.tsv"), "id\tlabel\tsequence\na\tx\tA C\nb\ty\tC G\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(sequence, c)).hasMessageContaining("sequence.tsv:1: 'id<TAB>label<TAB>sequence' "
                + "reads as a header naming an id column").hasMessageContaining("['sequence'] is none of them: name the ids' column "
                + "id, the texts' text");
        Path seqId = Files.writeString(dir.resolve("seqid.tsv"), "seq_id\ttext\na\tA C\nb\tC G\nc\tG T\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(seqId, c)).hasMessageContaining("seqid.tsv:1: 'seq_id<TAB>text' reads as a "
                + "header naming an id column");
        // a class called id with one-word texts, on several lines: examples
        Path classId = Files.writeString(dir.resolve("classid.tsv"), "id\thalo\nen\thello\nid\tapa\nen\tbye\n");
        assertThat(TextDataset.fromTsv(classId, c.withFractions(0, 0)).labelNames()).containsExactly("en", "id");
    }

    @Test
    void aTestFilesFirstLineOfColumnNamesIsAHeaderUnlessItsLabelIsATrainingLabel() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            b.append(i % 2 == 0 ? "y\tgreat lovely film " : "n\tawful boring film ").append(i % 5).append('\n');
        }
        Path train = Files.writeString(dir.resolve("train.tsv"), b);
        TextDataset.Config c = TextDataset.Config.defaults().withMinFrequency(1);
        // a pipeline's export: 'label<TAB>sequence' is a header (said), not an example of a class 'label'
        Path headed = Files.writeString(dir.resolve("headed.tsv"), "label\tsequence\ny\tgreat film\nn\tawful film\nn\tboring\n");
        List<String> warned = LoggedWarnings.of(TextDataset.class, () -> assertThat(TextDataset.fromTsv(train, headed, c)
                .split(Split.TEST).size()).isEqualTo(3));
        assertThat(warned).filteredOn(w -> w.contains("header")).singleElement().asString()
                .contains("headed.tsv:1: 'label<TAB>sequence' read as a header, not as an example");
        // 'y' is a usual name of a label column, but a label trained on: an example (before, it was dropped as a header)
        Path first = Files.writeString(dir.resolve("first.tsv"), "y\tgreat\nn\tawful film\nn\tboring\n");
        List<String> none = LoggedWarnings.of(TextDataset.class, () -> assertThat(TextDataset.fromTsv(train, first, c)
                .split(Split.TEST).size()).isEqualTo(3));
        assertThat(none).noneMatch(w -> w.contains("header"));
    }

    @Test
    void idsInAColumnOfAnotherNameAreReadWithTheIdColumnSettingAndTheModelKeepsIt() throws Exception {
        StringBuilder b = new StringBuilder("review_id\tlabel\ttext\n");
        for (int i = 0; i < 30; i++) {
            b.append("r-").append(i).append('\t').append(i % 2 == 0 ? "promoter" : "other").append('\t').append(dna(i)).append('\n');
        }
        Path file = Files.writeString(dir.resolve("reviews.tsv"), b);
        org.rnnlab.datasets.DatasetOptions plain = org.rnnlab.datasets.DatasetOptions.defaults().withFiles(file, null)
                .with("minFrequency", "1");
        assertThatThrownBy(() -> org.rnnlab.datasets.Datasets.open("text", plain)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("reviews.tsv:1: 'review_id<TAB>label<TAB>text' reads as a header naming an id column")
                .hasMessageContaining("['review_id'] is none of them: name the ids' column id")
                .hasMessageContaining("or train with --set idColumn=review_id to read the ids from that column");
        TextDataset d = (TextDataset) org.rnnlab.datasets.Datasets.open("text", plain.with("idColumn", "review_id"));
        List<String> ids = new java.util.ArrayList<>();
        for (Split s : Split.values()) {
            ids.addAll(d.textIds(s));
        }
        assertThat(ids).hasSize(30).allMatch(id -> id.matches("r-\\d+"));
        assertThat(d.provenance().parameters()).containsEntry("idColumn", "review_id");
        TextEncoder encoder = d.textEncoder().orElseThrow();
        assertThat(encoder.idColumn()).isEqualTo("review_id");
        assertThat(TextEncoder.fromJson(encoder.toJson())).isEqualTo(encoder);
        assertThat(encoder.toJson()).contains("\"idColumn\":\"review_id\"");

        // new data are read by the model's setting: ids from review_id, as from id
        Path fresh = Files.writeString(dir.resolve("new.tsv"), "review_id\ttext\nn-1\t" + dna(0) + "\nn-2\t" + dna(1) + "\n");
        assertThat(org.rnnlab.datasets.NewData.text(fresh, encoder, d.labelNames(), org.rnnlab.datasets.NewData.TextLayout.AUTO).ids())
                .containsExactly("n-1", "n-2");
        // a column of another name is still refused
        Path other = Files.writeString(dir.resolve("other.tsv"), "user_id\ttext\nn-1\t" + dna(0) + "\n");
        assertThatThrownBy(() -> org.rnnlab.datasets.NewData.text(other, encoder, d.labelNames(),
                org.rnnlab.datasets.NewData.TextLayout.AUTO)).hasMessageContaining("['user_id'] is none of them: name the ids' column "
                + "review_id");
        assertThatThrownBy(() -> org.rnnlab.datasets.Datasets.open("text", plain.with("idColumn", "user_id")))
                .hasMessageContaining("['review_id'] is none of them: name the ids' column user_id");
    }

    /**
     * Trial 75b F1 and F7: the quoted fields of a file with a header follow the rule of a {@code label<TAB>text} file: a TAB
     * inside quotes is part of the text (it was refused as a third field), and a quoted text holding a line break is told as
     * such, with the pandas fix (it was a field-count error of the line that continues it).
     */
    @Test
    void quotedFieldsAreReadAsInALabelTextFile() throws Exception {
        TextDataset.Config c = TextDataset.Config.defaults().withMinFrequency(1).withFractions(0, 0);
        StringBuilder withIds = new StringBuilder("id\tlabel\ttext\n");
        StringBuilder textFirst = new StringBuilder("id\ttext\tlabel\n");
        StringBuilder noIds = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            String text = i % 2 == 0 ? "\"smoke and\tflames, \"\"kitchen\"\" " + i + "\"" : "pipe leak " + i;
            String label = i % 2 == 0 ? "fire" : "water";
            withIds.append("c").append(i).append('\t').append(label).append('\t').append(text).append('\n');
            textFirst.append("c").append(i).append('\t').append(text).append('\t').append(label).append('\n');
            noIds.append(label).append('\t').append(text).append('\n');
        }
        // a text that only starts with a quotation, holding no TAB, is read as written, as before
        textFirst.append("c20\t\"Hi\" she said, \"flames\tfire\n");
        List<String> asRead = TextDataset.fromTsv(Files.writeString(dir.resolve("plain.tsv"), noIds), c).texts(Split.TRAIN);
        assertThat(asRead).contains("smoke and\tflames, \"kitchen\" 0");
        assertThat(TextDataset.fromTsv(Files.writeString(dir.resolve("quoted-ids.tsv"), withIds), c).texts(Split.TRAIN))
                .containsExactlyInAnyOrderElementsOf(asRead);
        assertThat(TextDataset.fromTsv(Files.writeString(dir.resolve("text-first.tsv"), textFirst), c).texts(Split.TRAIN))
                .containsAll(asRead).contains("\"Hi\" she said, \"flames").hasSize(21);

        // a line break inside a quoted text: named on the line that continues it (the text last) or that opens it
        Path broken = Files.writeString(dir.resolve("broken.tsv"), "id\tlabel\ttext\nc1\tfire\tsmoke\nc2\twater\t\"Approx\n"
                + "states leak\"\nc3\tfire\tflames\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(broken, c)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("broken.tsv:4: line 3 opens a quoted text that does not close on it")
                // every run of white space, as your-data.md's snippet: '\n' alone left the CR of CRLF texts (trial 75e)
                .hasMessageContaining("pandas' df['text'].str.replace(r'\\s+', ' ', regex=True))")
                .hasMessageNotContaining("replace('\\n'")
                .hasMessageContaining("1 TAB-separated field(s) (expected 3, 'id<TAB>label<TAB>text'");
        Path opens = Files.writeString(dir.resolve("opens.tsv"), "id\ttext\tlabel\nc1\tsmoke\tfire\nc2\t\"Approx\n"
                + "states leak\"\twater\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(opens, c))
                .hasMessageContaining("opens.tsv:3: this line opens a quoted text that does not close on it")
                .hasMessageContaining("replace them first, e.g. pandas' df['text'].str.replace(r'\\s+', ' ', regex=True))");
        // an unquoted TAB still splits a text, and the refusal says the remedies
        Path unquoted = Files.writeString(dir.resolve("unquoted.tsv"), "id\tlabel\ttext\nc1\tfire\tsmoke and\tflames\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(unquoted, c)).hasMessageContaining("unquoted.tsv:2: 4 TAB-separated field(s)")
                .hasMessageContaining("replace TABs in the texts by spaces, or quote the text");
    }
}

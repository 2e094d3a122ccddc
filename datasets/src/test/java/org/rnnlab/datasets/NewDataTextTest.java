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

/** New text for a trained text model: blank lines of a one-text-per-line file are listed, a label without text is refused. */
class NewDataTextTest {
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
    void blankAndWhiteSpaceOnlyLinesAreListedAndGetNoSequence() throws IOException {
        // line 3 empty, line 5 blanks and a no-break space, line 6 a tab; the file ends in a line break (no line 8)
        Path f = Files.writeString(dir.resolve("new.txt"), "great film\nawful film\n\nlovely\n  \u00a0\n\t\nboring\n");
        NewData data = NewData.text(f, encoder, LABELS, NewData.TextLayout.AUTO);
        assertThat(data.ids()).containsExactly("1", "2", "4", "7");
        assertThat(data.blankLines()).containsExactly(3L, 5L, 6L);
        assertThat(data.where()).containsExactly(f + ":1", f + ":2", f + ":4", f + ":7");
        assertThat(data.values().get(2)).isDeepEqualTo(encoder.encode("lovely"));

        Path clean = Files.writeString(dir.resolve("clean.txt"), "great film\nawful film");
        assertThat(NewData.text(clean, encoder, LABELS, NewData.TextLayout.LINES).blankLines()).isEmpty();
        Path blankOnly = Files.writeString(dir.resolve("blank.txt"), "\u00a0\n\u2028\n");
        assertThatThrownBy(() -> NewData.text(blankOnly, encoder, LABELS, NewData.TextLayout.LINES))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("blank.txt: no texts");
    }

    @Test
    void aLoneCrInsideAnLfTerminatedLineDoesNotSplitItAndIsWarnedOf() throws Exception {
        // a user's try: 'invoice\rrefund' on line 2 of 4 gave 5 predictions, every later id shifted, without a word
        Path f = Files.writeString(dir.resolve("cr.txt"), "great film\nawful\rfilm\nlovely\nboring\n");
        List<String> warned = LoggedWarnings.of(TextFiles.class, () -> {
            NewData data = NewData.text(f, encoder, LABELS, NewData.TextLayout.AUTO);
            assertThat(data.ids()).containsExactly("1", "2", "3", "4");
            assertThat(data.values().get(1)).isDeepEqualTo(encoder.encode("awful film"));
        });
        assertThat(warned).singleElement().asString().contains("cr.txt:2: a carriage return (CR, \\r) inside the line");
        // classic Mac OS files, CR alone as the line end, are read as before
        Path mac = Files.writeString(dir.resolve("mac.txt"), "great film\rawful film\rlovely\r");
        assertThat(LoggedWarnings.of(TextFiles.class, () -> assertThat(NewData.text(mac, encoder, LABELS, NewData.TextLayout.AUTO)
                .ids()).containsExactly("1", "2", "3"))).isEmpty();
    }

    @Test
    void aCsvExportReadAsOneTextPerLineIsWarnedOfWithTheWayAround() throws Exception {
        // a trial user's test.csv with --format text: 477 predictions for 400 tickets, the header and the gold labels read as
        // words, quoted tickets with a line break split; the quote check looked only at the start of a line
        String csv = "ticket_id,text,label,created_at\nT1,great film,pos,2024-01-01\nT2,\"awful\nfilm\",neg,2024-01-02\n";
        for (String file : List.of("export.csv", "export.txt")) {
            Path f = Files.writeString(dir.resolve(file), csv);
            List<String> warned = LoggedWarnings.of(NewData.class, () -> NewData.text(f, encoder, LABELS, NewData.TextLayout.LINES));
            assertThat(warned).filteredOn(w -> w.contains("CSV")).singleElement().asString()
                    .contains(file + ": read as one text per line, but it looks like a CSV export")
                    .contains("line 1 'ticket_id,text,label,created_at' reads as a CSV header")
                    .contains("1 line(s) open a quoted field mid-line that does not close on the line (3)")
                    .contains("r['text']").contains(file.endsWith(".csv") ? "its name ends in .csv" : "");
        }
        // texts with commas and quotes that close are not a CSV export
        Path plain = Files.writeString(dir.resolve("commas.txt"), "great, lovely film\nawful, \"boring\" film\nlovely \"film\"\n");
        // (no CSV warning; the quotes and commas are words this tiny model never saw, which the unknown-word warning may name)
        assertThat(LoggedWarnings.of(NewData.class, () -> NewData.text(plain, encoder, LABELS, NewData.TextLayout.LINES)))
                .noneMatch(w -> w.contains("CSV"));
        // a text whose first line is two short words, one of them a column word ('Review'), is not a CSV header (review)
        Path greeting = Files.writeString(dir.resolve("greeting.txt"), "Review, thanks\ngreat film\n");
        assertThat(LoggedWarnings.of(NewData.class, () -> NewData.text(greeting, encoder, LABELS, NewData.TextLayout.LINES)))
                .noneMatch(w -> w.contains("CSV"));
        for (String header : List.of("text,label", "review;sentiment;date", "body,created_at,ticket")) {
            Path h = Files.writeString(dir.resolve("h.txt"), header + "\ngreat film\n");
            assertThat(LoggedWarnings.of(NewData.class, () -> NewData.text(h, encoder, LABELS, NewData.TextLayout.LINES)))
                    .as(header).anyMatch(w -> w.contains("reads as a CSV header"));
        }
    }

    @Test
    void quotedTextsOneToALineAreReadAsInTrainingAndAQuoteThatSpansLinesIsRefused() throws Exception {
        // a user's try: pandas' to_csv quotes a text with a comma or a quote; one text per line, the quotes were words of
        // the text (other predictions than the same text in a .tsv), and a quoted text with a line break became two
        Path quoted = Files.writeString(dir.resolve("quoted.txt"), "\"great, lovely \"\"film\"\"\"\ngreat, lovely \"film\"\n\"Great\" film\n");
        NewData data = NewData.text(quoted, encoder, LABELS, NewData.TextLayout.LINES);
        assertThat(data.values().get(0)).isDeepEqualTo(data.values().get(1));
        assertThat(data.values().get(0)).isDeepEqualTo(encoder.encode("great, lovely \"film\""));
        assertThat(data.values().get(2)).as("a text that merely starts with a quoted word").isDeepEqualTo(encoder.encode("\"Great\" film"));
        Path spanning = Files.writeString(dir.resolve("spanning.txt"), "awful film\n\"my lovely\nfilm\"\n");
        assertThatThrownBy(() -> NewData.text(spanning, encoder, LABELS, NewData.TextLayout.LINES))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("spanning.txt:2: this line opens a quoted text that "
                        + "does not close on it").hasMessageContaining("str.replace");
        // in a .tsv of new texts: the line after the opening one is named with the same cause, not 'no TAB ... --format text'
        Path tsv = Files.writeString(dir.resolve("spanning.tsv"), "label\ttext\n\t\"my lovely\nfilm\"\n");
        assertThatThrownBy(() -> NewData.text(tsv, encoder, LABELS, NewData.TextLayout.AUTO))
                .hasMessageContaining("spanning.tsv:3: no TAB: line 2 opens a quoted text that does not close on it")
                .hasMessageNotContaining("--format text");
        // mostly labelled lines, one with a label the model does not know: named, not only 'this one is not label<TAB>text'
        Path unknownLabel = Files.writeString(dir.resolve("legal.txt"), "pos\tgreat film\nneg\tawful film\nlegal\tboring film\n");
        assertThatThrownBy(() -> NewData.text(unknownLabel, encoder, LABELS, NewData.TextLayout.AUTO))
                .hasMessageContaining("legal.txt:3: 2 of the 3 lines are 'label<TAB>text' but this one is not: its first field "
                        + "'legal' is not a label of the model [neg, pos]");
        // a header line of a data frame's text column: classified like every line, and warned of
        Path header = Files.writeString(dir.resolve("header.txt"), "text\ngreat film\n");
        List<String> warned = LoggedWarnings.of(NewData.class, () -> assertThat(NewData.text(header, encoder, LABELS,
                NewData.TextLayout.AUTO).ids()).containsExactly("1", "2"));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("header.txt: the first line, 'text', looks like a column's header"));
    }

    @Test
    void aLabelledFileWithTheTrainingHeaderIsReadAsLabelledWhateverItsName() throws Exception {
        // a user's try: the training layout with its header 'label<TAB>text', named .txt or piped in, was refused because
        // its header is not a label of the model
        for (String header : new String[] {"label\ttext", "Label\t\"Text\"", "\nlabel\ttext"}) {
            Path f = Files.writeString(dir.resolve("labelled.txt"), header + "\npos\tgreat film\nneg\tawful film\n");
            NewData data = NewData.text(f, encoder, LABELS, NewData.TextLayout.AUTO);
            assertThat(data.labels()).as(header).containsExactly("pos", "neg");
            assertThat(data.values().get(0)).isDeepEqualTo(encoder.encode("great film"));
        }
        // a header alone does not make the other lines labelled: they are refused as before, with a line number after it
        Path mixed = Files.writeString(dir.resolve("mixed.txt"), "label\ttext\npos\tgreat film\nneg\tawful film\nnot labelled\n");
        assertThatThrownBy(() -> NewData.text(mixed, encoder, LABELS, NewData.TextLayout.AUTO))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("mixed.txt:4");
        // the header of an unlabelled .tsv (blank labels) is skipped too
        Path blank = Files.writeString(dir.resolve("unlabelled.tsv"), "label\ttext\n\tgreat film\nNA\tawful film\n");
        assertThat(NewData.text(blank, encoder, LABELS, NewData.TextLayout.AUTO).ids()).containsExactly("2", "3");
    }

    @Test
    void idTabTextLinesAreReadWholeWithAWarning() throws Exception {
        Path f = Files.writeString(dir.resolve("ids.txt"), "17\tgreat film\n18\tawful film\n");
        NewData[] data = new NewData[1];
        List<String> warned = LoggedWarnings.of(NewData.class, () -> data[0] = NewData.text(f, encoder, LABELS, NewData.TextLayout.AUTO));
        assertThat(data[0].ids()).containsExactly("1", "2");
        assertThat(data[0].values().get(0)).isDeepEqualTo(encoder.encode("17\tgreat film"));
        assertThat(warned).anySatisfy(m -> assertThat(m).contains("ids.txt: every line holds a TAB").contains("an id?"));
    }

    @Test
    void aTsvOfPlainTextsOrOfIdsIsRefusedWithTheFormatThatReadsIt() throws Exception {
        // a user's try: plain texts in a .tsv failed with "no TAB" at line 1, and no word of --format text
        Path plain = Files.writeString(dir.resolve("plain.tsv"), "great lovely day\nawful bad thing\n");
        assertThatThrownBy(() -> NewData.text(plain, encoder, LABELS, NewData.TextLayout.AUTO)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("plain.tsv: no line holds a TAB").hasMessageContaining("give --format text");
        assertThat(NewData.text(plain, encoder, LABELS, NewData.TextLayout.LINES).size()).isEqualTo(2);
        // 'id<TAB>text' lines without a header: the ids were read as labels (ignored); the refusal says how ids are read
        Path ids = Files.writeString(dir.resolve("idtext.tsv"), "a1\tgreat lovely day\nb2\tawful bad\nc3\tfilm\n");
        assertThatThrownBy(() -> NewData.text(ids, encoder, LABELS, NewData.TextLayout.AUTO)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("idtext.tsv: no line starts with a label of the model [neg, pos], and every first field "
                        + "differs, as ids do (['a1', 'b2', 'c3']...)").hasMessageContaining("add the first line 'id<TAB>text'")
                .hasMessageContaining("--format text");
        assertThat(NewData.text(ids, encoder, LABELS, NewData.TextLayout.TSV).size()).as("--format tsv reads them all the same")
                .isEqualTo(3);
        // labels of another naming (repeated, so not ids): read, with a warning that predict does not use them
        Path other = Files.writeString(dir.resolve("other.tsv"), "positive\tgreat film\nnegative\tawful film\npositive\tlovely\n");
        List<String> warned = LoggedWarnings.of(NewData.class, () -> assertThat(NewData.text(other, encoder, LABELS,
                NewData.TextLayout.AUTO).size()).isEqualTo(3));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("no line starts with a label of the model [neg, pos]"));
        // blank or NA labels, or some of the model's, still read
        Path blank = Files.writeString(dir.resolve("blank.tsv"), "\tgreat film\nNA\tawful film\n");
        assertThat(NewData.text(blank, encoder, LABELS, NewData.TextLayout.AUTO).size()).isEqualTo(2);
        Path labelled = Files.writeString(dir.resolve("some.tsv"), "pos\tgreat film\nmaybe\tawful film\n");
        assertThat(NewData.text(labelled, encoder, LABELS, NewData.TextLayout.AUTO).size()).isEqualTo(2);
    }

    /**
     * A user's try: the same lines as a .tsv and as a .txt (or standard input) gave other predictions, the .txt's blank and NA
     * labels read as words of the texts ('NA the plot was nice'). Any file name: a column of the model's labels, blank or NA,
     * is a label column; --format tsv takes blank labels as a .tsv does, evaluate (LABELLED) refuses them.
     */
    @Test
    void aColumnOfLabelsBlanksAndNasIsALabelColumnWhateverTheFileName() throws IOException {
        String lines = "pos\tgreat film\n\tawful film\nNA\tlovely boring film\n";
        Path texts = Files.writeString(dir.resolve("texts-only.txt"), "great film\nawful film\nlovely boring film\n");
        NewData expected = NewData.text(texts, encoder, LABELS, NewData.TextLayout.LINES);
        for (String name : List.of("part.txt", "part.tsv", "part")) {
            Path f = Files.writeString(dir.resolve(name), lines);
            for (NewData.TextLayout layout : List.of(NewData.TextLayout.AUTO, NewData.TextLayout.TSV)) {
                NewData data = NewData.text(f, encoder, LABELS, layout);
                assertThat(data.ids()).as("%s %s", name, layout).containsExactly("1", "2", "3");
                assertThat(data.labels()).as("%s %s", name, layout).containsExactly("pos", null, null);
                for (int i = 0; i < 3; i++) {
                    assertThat(data.values().get(i)).as("%s %s text %d read without its label", name, layout, i + 1)
                            .isDeepEqualTo(expected.values().get(i));
                }
            }
            assertThatThrownBy(() -> NewData.text(f, encoder, LABELS, NewData.TextLayout.LABELLED)).as("evaluate")
                    .isInstanceOf(DatasetFormatException.class).hasMessageContaining(name + ":2");
        }
        // blank labels only: still a label column
        Path blanks = Files.writeString(dir.resolve("blanks.txt"), "\tgreat film\nNA\tawful film\n");
        assertThat(NewData.text(blanks, encoder, LABELS, NewData.TextLayout.AUTO).values().get(1))
                .isDeepEqualTo(expected.values().get(1));
    }

    /** A user's try: files joined with cat, each starting with a BOM; the second BOM stuck to a word, unknown, without a word. */
    @Test
    void aByteOrderMarkInsideTheFileIsWarnedAboutWithItsLine() throws Exception {
        Path f = dir.resolve("joined.txt");
        Files.write(f, "great film\n\uFEFFawful film\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<String> warned = LoggedWarnings.of(TextFiles.class, () -> NewData.text(f, encoder, LABELS, NewData.TextLayout.AUTO));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("joined.txt:2: a byte order mark (U+FEFF) inside the file (1 in all"));
        // read again (a command reads a file for its layout, then its examples): warned once, not twice (a user's try)
        assertThat(LoggedWarnings.of(TextFiles.class, () -> NewData.text(f, encoder, LABELS, NewData.TextLayout.AUTO))).isEmpty();
        Path start = dir.resolve("bom-at-start.txt");
        Files.write(start, "\uFEFFgreat film\nawful film\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(LoggedWarnings.of(TextFiles.class, () -> NewData.text(start, encoder, LABELS, NewData.TextLayout.AUTO)))
                .as("the BOM that starts a file is read as such").isEmpty();
    }

    @Test
    void aMostlyLabelledFileWithOneUnlabelledLineIsRefusedInsteadOfReadAsPlainText() throws IOException {
        Path f = Files.writeString(dir.resolve("mixed.txt"), "pos\tgreat film\nneg\tawful film\n\npos\tlovely\nthe chef cooked\n");
        assertThatThrownBy(() -> NewData.text(f, encoder, LABELS, NewData.TextLayout.AUTO)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("mixed.txt:5: 3 of the 4 lines are 'label<TAB>text'").hasMessageContaining("--format tsv")
                .hasMessageContaining("--format text");
        // read whole when asked, and a file of plain texts with one labelled-looking line is plain text
        assertThat(NewData.text(f, encoder, LABELS, NewData.TextLayout.LINES).ids()).containsExactly("1", "2", "4", "5");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "great film\nawful film\npos\tlovely\n");
        assertThat(NewData.text(plain, encoder, LABELS, NewData.TextLayout.AUTO).ids()).containsExactly("1", "2", "3");
    }

    @Test
    void aLabelWithoutTextIsRefusedWithFileAndLineAsInTrainingWhenScoredAndSkippedByPredict() throws IOException {
        for (String empty : List.of("", "   ", "\u00a0")) {
            Path f = Files.writeString(dir.resolve("labelled.tsv"), "pos\tgreat film\nneg\t" + empty + "\n\npos\tlovely\n");
            assertThatThrownBy(() -> NewData.text(f, encoder, LABELS, NewData.TextLayout.LABELLED)).as("'%s'", empty)
                    .isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining("labelled.tsv:2: the text has no tokens (expected some text after the TAB");
            // predict's layouts: the others read, the empty one named by its id (its line) for predict to list (trial 77b F4)
            for (NewData.TextLayout layout : List.of(NewData.TextLayout.TSV, NewData.TextLayout.AUTO)) {
                NewData read = NewData.text(f, encoder, LABELS, layout);
                assertThat(read.ids()).as("'%s' %s", empty, layout).containsExactly("1", "4");
                assertThat(read.emptyTexts()).as("'%s' %s", empty, layout).containsExactly("2");
            }
            // with no label too (new texts to classify)
            Path unlabelled = Files.writeString(dir.resolve("unlabelled.tsv"), "\tgreat film\nNA\t" + empty + "\nNA\tlovely\n");
            NewData read = NewData.text(unlabelled, encoder, LABELS, NewData.TextLayout.TSV);
            assertThat(read.ids()).containsExactly("1", "3");
            assertThat(read.emptyTexts()).containsExactly("2");
        }
        // evaluate names every empty text at once, as training does (trial 78h F6)
        Path many = Files.writeString(dir.resolve("many.tsv"), "pos\tgreat film\nneg\t\npos\tlovely\nneg\t  \n");
        assertThatThrownBy(() -> NewData.text(many, encoder, LABELS, NewData.TextLayout.LABELLED))
                .hasMessageContaining("many.tsv:2: the text has no tokens (expected some text after the TAB, as in training); 2 "
                        + "lines have none: 2, 4 (an empty text cannot be classified: remove those lines or give them their text)");
        // training refuses the same line the same way
        Path train = Files.writeString(dir.resolve("train-empty.tsv"), "pos\tgreat film\nneg\t\npos\tlovely\nneg\tawful\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(train, TextDataset.Config.defaults()))
                .hasMessageContaining("train-empty.tsv:2: the text has no tokens");
        // a blank line between examples holds no example: skipped in TSV, as in training
        Path spaced = Files.writeString(dir.resolve("spaced.tsv"), "pos\tgreat film\n\nneg\tawful film\n");
        NewData data = NewData.text(spaced, encoder, LABELS, NewData.TextLayout.TSV);
        assertThat(data.ids()).containsExactly("1", "3");
        assertThat(data.labels()).containsExactly("pos", "neg");
        assertThat(data.blankLines()).isEmpty();
    }

    @Test
    void textsLongerThanTheMaximumLengthAreListed() throws IOException {
        // the encoder keeps 64 tokens (TextDataset's default)
        assertThat(encoder.maxLength()).isEqualTo(64);
        String exactly = "great ".repeat(64).trim();
        String longer = "awful ".repeat(3000).trim();
        Path f = Files.writeString(dir.resolve("long.txt"), "great film\n" + longer + "\n\n" + exactly + "\n" + longer + " film\n");
        NewData data = NewData.text(f, encoder, LABELS, NewData.TextLayout.LINES);
        assertThat(data.ids()).containsExactly("1", "2", "4", "5");
        assertThat(data.truncated()).containsExactly("2", "5");
        assertThat(data.values().get(1)).hasNumberOfRows(64);

        Path tsv = Files.writeString(dir.resolve("long.tsv"), "pos\tgreat film\nneg\t" + longer + "\n");
        assertThat(NewData.text(tsv, encoder, LABELS, NewData.TextLayout.TSV).truncated()).containsExactly("2");
        assertThat(NewData.text(Files.writeString(dir.resolve("short.txt"), "great film\n" + exactly + "\n"), encoder, LABELS,
                NewData.TextLayout.LINES).truncated()).isEmpty();
    }
    @Test
    void aHeaderOtherThanLabelTextAndLabelsTheModelDoesNotKnowAreNamedInATsv() throws Exception {
        // a user's try: a data frame's header 'sentiment<TAB>sentence' and a label 'neutral' went through predict without a word,
        // the header classified as a text; now read as training reads it: a header, said once
        Path f = Files.writeString(dir.resolve("framed.tsv"), "sentiment\tsentence\npos\tgreat film\nneutral\tfilm\nneg\tawful film\n");
        NewData[] data = new NewData[1];
        List<String> warned = LoggedWarnings.of(NewData.class, () -> data[0] = NewData.text(f, encoder, LABELS, NewData.TextLayout.AUTO));
        assertThat(data[0].ids()).containsExactly("2", "3", "4");
        assertThat(warned).filteredOn(w -> w.contains("header")).singleElement().asString()
                .contains("framed.tsv:1: 'sentiment<TAB>sentence' read as a header, not as an example");
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("1 line(s) have a label the model does not know, 'neutral' (line 3): "
                + "predict does not use labels"));
        // the same file scored: the header is skipped as in training, not refused nor read as a label 'sentiment'
        assertThat(NewData.text(f, encoder, LABELS, NewData.TextLayout.LABELLED).labels()).containsExactly("pos", "neutral", "neg");
        // a first line of two one-word column names whose first field is none of the usual names: refused as a header
        Path odd = Files.writeString(dir.resolve("odd.tsv"), "kind\tphrase\npos\tgreat film\nneg\tawful film\npos\tlovely\n");
        assertThatThrownBy(() -> NewData.text(odd, encoder, LABELS, NewData.TextLayout.LABELLED))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("odd.tsv:1: 'kind<TAB>phrase' looks like a "
                        + "header").hasMessageContaining("rename its columns label and text, or remove the line");
        // a first example of a class the model lacks, whose label recurs: an unknown label, not a header
        Path recurs = Files.writeString(dir.resolve("recurs.tsv"), "neutral\tfilm\npos\tgreat film\nneutral\tok film\n");
        assertThat(NewData.text(recurs, encoder, LABELS, NewData.TextLayout.LABELLED).labels()) // evaluate refuses 'neutral' later
                .containsExactly("neutral", "pos", "neutral");
        List<String> recurring = LoggedWarnings.of(NewData.class, () -> NewData.text(recurs, encoder, LABELS, NewData.TextLayout.AUTO));
        assertThat(recurring).noneMatch(w -> w.contains("header")).anySatisfy(w -> assertThat(w).contains("2 line(s) have a label "
                + "the model does not know, 'neutral' (line 1), 'neutral' (line 3)"));
        // ids in the label's place, some of them labels of the model: ids, not unknown labels
        Path ids = Files.writeString(dir.resolve("ids.tsv"), "pos\tgreat film\n7\tawful film\n8\tfilm\n9\tlovely film\n");
        assertThat(LoggedWarnings.of(NewData.class, () -> NewData.text(ids, encoder, LABELS, NewData.TextLayout.AUTO)))
                .anySatisfy(w -> assertThat(w).contains("differ on every line, as ids do"))
                .noneMatch(w -> w.contains("label the model does not know"));
        // labels all the model's, or the training file's own header: no word
        Path clean = Files.writeString(dir.resolve("clean.tsv"), "label\ttext\npos\tgreat film\n\tawful film\n");
        assertThat(LoggedWarnings.of(NewData.class, () -> NewData.text(clean, encoder, LABELS, NewData.TextLayout.AUTO))).isEmpty();
    }

    @Test
    void aFirstLineWhoseLabelIsTheModelsWrittenAnotherWayGetsTheLabelsDiagnosisNotTheHeaders() throws Exception {
        // a trial user's 'Billing<TAB>my invoice is wrong' on line 1 (the model knows 'billing') was refused by evaluate as a
        // header, and predict only said it looked like one; on line 2 the same label got "reads as the label 'billing'"
        List<String> labels = List.of("caf\u00e9", "neg", "pos");
        for (String first : List.of("Pos\tgreat lovely film", "cafe\u0301\tlovely film", "neutral\tlovely boring film")) {
            Path f = Files.writeString(dir.resolve("first.tsv"), first + "\npos\tgreat film\nneg\tawful film\n");
            NewData scored = NewData.text(f, encoder, labels, NewData.TextLayout.LABELLED); // evaluate refuses the label, by its line
            assertThat(scored.labels()).as(first).hasSize(3).element(0).isEqualTo(first.substring(0, first.indexOf('\t')));
            List<String> warned = LoggedWarnings.of(NewData.class, () -> NewData.text(f, encoder, labels, NewData.TextLayout.AUTO));
            assertThat(warned).as(first).noneMatch(w -> w.contains("header"))
                    .anySatisfy(w -> assertThat(w).contains("1 line(s) have a label the model does not know, "
                            + LabelCheck.quoted(first.substring(0, first.indexOf('\t'))) + " (line 1")); // 'cafe\\u0301', as shown
        }
        Path cased = Files.writeString(dir.resolve("cased.tsv"), "Pos\tgreat lovely film\npos\tgreat film\nneg\tawful film\n");
        assertThat(LoggedWarnings.of(NewData.class, () -> NewData.text(cased, encoder, labels, NewData.TextLayout.AUTO)))
                .anySatisfy(w -> assertThat(w).contains("'Pos' (line 1; it reads as the label 'pos' written another way"));
        // column names stay a header
        Path named = Files.writeString(dir.resolve("named.tsv"), "category\treview text\npos\tgreat film\nneg\tawful film\n");
        assertThatThrownBy(() -> NewData.text(named, encoder, labels, NewData.TextLayout.LABELLED))
                .hasMessageContaining("named.tsv:1: 'category<TAB>review text' looks like a header")
                .hasMessageContaining("the model [caf\u00e9, neg, pos]");
    }

    @Test
    void aHeaderOverTextsWithoutTabsIsNamedAsTheOnlyLineWithATab() throws Exception {
        // a trial user's h3.txt was told "no line holds a TAB: a .tsv file is read as ...": a .txt whose line 1 held one
        for (String name : List.of("h3.txt", "h3.tsv")) {
            Path f = Files.writeString(dir.resolve(name), "\nlabel\ttext\ngreat film\n");
            assertThatThrownBy(() -> NewData.text(f, encoder, LABELS, NewData.TextLayout.AUTO)).isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining(name + ":2: only this header line ('label<TAB>text') holds a TAB")
                    .hasMessageContaining("remove the header to read every line as one text").hasMessageNotContaining("no line holds");
        }
    }

    @Test
    void aFewLabelledLinesAmongPlainTextsAreNamedNotReadSilently() throws Exception {
        // a trial user's mix1.txt: one 'label<TAB>text' line of four was read whole, its label a word of the text, silently
        Path f = Files.writeString(dir.resolve("mix1.txt"), "pos\tgreat film\nawful film\nlovely\nboring film\n");
        NewData[] data = new NewData[1];
        List<String> warned = LoggedWarnings.of(NewData.class, () -> data[0] = NewData.text(f, encoder, LABELS, NewData.TextLayout.AUTO));
        assertThat(data[0].ids()).containsExactly("1", "2", "3", "4");
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("mix1.txt: 1 of the 4 lines start with a label of the model and a "
                + "TAB (line(s) 1), the others do not"));
        // read as one text per line on request: no word
        assertThat(LoggedWarnings.of(NewData.class, () -> NewData.text(f, encoder, LABELS, NewData.TextLayout.LINES)))
                .noneMatch(w -> w.contains("start with a label"));
    }

    @Test
    void labelListsQuoteLabelsThatHoldACommaSoThatTheyReadAsTheLabelsTheyAre() {
        // a trial user's model labels read [billing, refunds, bug "sev", compte/Konto é, feature request]: five labels or six?
        assertThat(LabelCheck.listed(List.of("billing, refunds", "bug \"sev\"", "compte/Konto \u00e9", "feature request", "\"q\"")))
                .isEqualTo("[\"billing, refunds\", bug \"sev\", compte/Konto \u00e9, feature request, \"\"\"q\"\"\"]");
    }

    @Test
    void aCtrlZEndingTheFileIsTheDosEndOfFileMarkAndElsewhereRefused() throws IOException {
        // a user's Windows-made files: the Ctrl-Z after the last line break got a prediction of its own, one glued to the last
        // word changed its prediction, and a TSV ending in one was refused as 'no TAB' without naming it
        Path own = Files.writeString(dir.resolve("z.txt"), "great film\r\nawful film\r\nlovely\r\n\u001a");
        NewData data = NewData.text(own, encoder, LABELS, NewData.TextLayout.AUTO);
        assertThat(data.ids()).containsExactly("1", "2", "3");
        assertThat(data.blankLines()).isEmpty();
        Path glued = Files.writeString(dir.resolve("glued.txt"), "great film\r\nlovely\u001a");
        assertThat(NewData.text(glued, encoder, LABELS, NewData.TextLayout.AUTO).values().get(1)).isDeepEqualTo(encoder.encode("lovely"));
        Path gluedEol = Files.writeString(dir.resolve("gluedEol.txt"), "great film\r\nlovely\u001a\r\n");
        assertThat(TextDataset.readLines(gluedEol)).containsExactly("great film", "lovely", "");
        Path tsv = Files.writeString(dir.resolve("z.tsv"), "pos\tgreat film\r\nneg\tawful film\r\n\u001a");
        assertThat(TextDataset.readLines(tsv)).containsExactly("pos\tgreat film", "neg\tawful film", "");
        TextDataset.fromTsv(tsv, TextDataset.Config.defaults().withMinFrequency(1)); // no 'no TAB' for a line of the mark

        Path inside = Files.writeString(dir.resolve("inside.txt"), "great film\r\nlovely\u001a\r\nboring\r\n");
        assertThatThrownBy(() -> NewData.text(inside, encoder, LABELS, NewData.TextLayout.AUTO))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(inside + ":2: U+001A (Ctrl-Z) at line 2, column 7: ")
                .hasMessageContaining("old DOS end-of-file mark");
        Path twice = Files.writeString(dir.resolve("twice.tsv"), "pos\tgreat\r\n\u001a\r\n\u001a");
        assertThatThrownBy(() -> TextDataset.fromTsv(twice, TextDataset.Config.defaults().withMinFrequency(1)))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("twice.tsv:2: U+001A (Ctrl-Z) at line 2, column 1");
    }
}

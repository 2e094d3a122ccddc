package org.rnnlab.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.FileEncoding;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Trial 80f (a customer-support export: UTF-16, multi-line messages, 15 intents of 60 down to 5 texts): the pandas lines
 * of the refusals run as printed, the repeat warning names only what is carved, and a class whose words train loses to
 * {@code minFrequency} is warned of with its counts.
 */
class TextExportFindingsTest {

    @TempDir
    Path dir;

    private static final String CSV = "\"id\",\"message\",\"intent\"\n\"M1\",\"Wo ist mein Paket?\nBitte schnell\",\"delivery\"\n"
            + "\"M2\",\"Rechnung fehlt\",\"invoice\"\n";

    /** F1: a CSV read in a declared encoding gets a read_csv line with that encoding (it failed on the BOM as printed). */
    @Test
    void theCsvLineOfAFileReadInADeclaredEncodingNamesIt() throws Exception {
        Path f = Files.write(dir.resolve("export-utf16.csv"), CSV.getBytes(StandardCharsets.UTF_16));
        FileEncoding utf16 = FileEncoding.parse("utf-16", "--set encoding");
        assertThatThrownBy(() -> FileEncoding.reading(utf16, () -> TextDataset.fromTsv(f, TextDataset.Config.defaults())))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("export-utf16.csv:1: no TAB")
                .hasMessageContaining("df = pd.read_csv('export-utf16.csv', encoding='utf-16'); ");
        // UTF-8 (with its BOM, which pandas reads): no encoding argument
        Path utf8 = Files.writeString(dir.resolve("export.csv"), "\uFEFF" + CSV);
        assertThatThrownBy(() -> TextDataset.fromTsv(utf8, TextDataset.Config.defaults()))
                .hasMessageContaining("df = pd.read_csv('export.csv'); ");
    }

    /** F2: the line replaces the line breaks inside texts itself (its run as printed was refused again). */
    @Test
    void theCsvLineReplacesLineBreaksInsideTexts() throws Exception {
        Path f = Files.writeString(dir.resolve("export.csv"), CSV);
        assertThatThrownBy(() -> TextDataset.fromTsv(f, TextDataset.Config.defaults())).hasMessageContaining("df = "
                + "pd.read_csv('export.csv'); df = df.rename(columns={'intent': 'label', 'message': 'text'})[['id', 'label', "
                + "'text']]; df['text'] = df['text'].str.replace(r'\\s+', ' ', regex=True).str.strip(); "
                + "df.to_csv('export.tsv', sep='\\t', index=False), which replaces line breaks inside texts by spaces");
    }

    /** F3: predict's line reads the CSV and takes its header's text column ('message'), keeping the ids. */
    @Test
    void predictsCsvLineReadsTheFileByItsHeader() {
        Path f = dir.resolve("new.csv");
        assertThat(TextDataset.csvConversion(f, List.of("id,message", "N1,hallo"), false)).isEqualTo("df = "
                + "pd.read_csv('new.csv'); df = df.rename(columns={'message': 'text'})[['id', 'text']]; df['text'] = "
                + "df['text'].str.replace(r'\\s+', ' ', regex=True).str.strip(); df.to_csv('new.tsv', sep='\\t', index=False)");
        // no id column: one text per line, ids = line numbers
        assertThat(TextDataset.csvConversion(f, List.of("lang,message", "de,hallo"), false)).isEqualTo("df = "
                + "pd.read_csv('new.csv'); df['message'].str.replace(r'\\s+', ' ', regex=True).str.strip().to_csv('new.txt', "
                + "index=False, header=False)");
    }

    /** F4: a TSV header of other names (Excel's "Unicode text") is told the pandas rename, in the declared encoding. */
    @Test
    void aTsvHeaderOfOtherNamesIsToldTheRename() throws Exception {
        Path f = Files.write(dir.resolve("export-unicode.txt"), "id\tmessage\tintent\nM1\tRechnung fehlt\tinvoice\n"
                .getBytes(StandardCharsets.UTF_16));
        FileEncoding utf16 = FileEncoding.parse("utf-16", "--set encoding");
        assertThatThrownBy(() -> FileEncoding.reading(utf16, () -> TextDataset.fromTsv(f, TextDataset.Config.defaults())))
                .hasMessageContaining("['message', 'intent'] are none of them")
                .hasMessageContaining("e.g. with pandas: df = pd.read_csv('export-unicode.txt', sep='\\t', encoding='utf-16')"
                        + ".rename(columns={'message': 'text', 'intent': 'label'}); df['text'] = df['text'].str.replace(r'\\s+', ' ', "
                        + "regex=True).str.strip(); df.to_csv('export-unicode.tsv', sep='\\t', index=False) (written in UTF-8: "
                        + "read without the encoding setting)");
        // a .tsv is not overwritten by its own conversion; an id column of another name is renamed too
        assertThat(TextDataset.tsvRename(dir.resolve("x.tsv"), List.of("msg_id", "body", "cls"), "id")).isEqualTo("df = "
                + "pd.read_csv('x.tsv', sep='\\t').rename(columns={'msg_id': 'id', 'body': 'text', 'cls': 'label'}); df['text'] = "
                + "df['text'].str.replace(r'\\s+', ' ', regex=True).str.strip(); df.to_csv('x-renamed.tsv', sep='\\t', index=False)");
    }

    /** F6: with a --test file, only validation data is carved, and the repeat warning says so. */
    @Test
    void theRepeatWarningNamesOnlyTheCarvedSplits() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            b.append(i % 2 == 0 ? "a" : "b").append("\tword").append(i % 2).append(" text number ").append(i % 30).append('\n');
        }
        Path train = Files.writeString(dir.resolve("train.tsv"), b);
        Path test = Files.writeString(dir.resolve("test.tsv"), "a\tword0 text number 0\nb\tword1 text number 1\n");
        List<String> withTest = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(train, test, TextDataset.Config.defaults()));
        assertThat(withTest).anySatisfy(w -> assertThat(w).contains("texts occur more than once", "): validation data carved from "
                + "this file can hold a copy", "or give a validation file of other texts"));
        assertThat(withTest).noneMatch(w -> w.contains("test data carved"));
        List<String> alone = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(train, TextDataset.Config.defaults()));
        assertThat(alone).anySatisfy(w -> assertThat(w).contains("validation and test data carved from this file"));
    }

    /**
     * F5: a class of few texts whose words each occur once holds most {@code <unk>} tokens of the training split: warned of
     * with its counts and the rule; not with minFrequency 1, nor for classes of recurring words.
     */
    @Test
    void aClassWhoseWordsAreLostToMinFrequencyIsWarnedOfWithItsCounts() throws Exception {
        StringBuilder b = new StringBuilder("label\ttext\n");
        String[] common = {"where is my parcel", "the invoice is missing", "refund my money please", "the item arrived broken"};
        String[] labels = {"delivery", "invoice", "refund", "damaged"};
        for (int i = 0; i < 120; i++) {
            b.append(labels[i % 4]).append('\t').append(common[i % 4]).append(i % 3 == 0 ? " now" : "").append('\n');
        }
        for (int i = 0; i < 8; i++) { // shop_hours: every word once (horaires0, magasin0, ...)
            b.append("shop_hours\thoraires").append(i).append(" magasin").append(i).append(" heures").append(i).append('\n');
        }
        Path f = Files.writeString(dir.resolve("intents.tsv"), b);
        List<String> warned = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(f, TextDataset.Config.defaults()));
        TextDataset d = TextDataset.fromTsv(f, TextDataset.Config.defaults());
        int shopTexts = (int) d.split(org.rnnlab.datasets.Split.TRAIN).classCounts(d.labelNames().size())[
                d.labelNames().indexOf("shop_hours")];
        int unk = 3 * shopTexts; // each word of shop_hours once; every other word recurs
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("the <unk> tokens of the ", " training texts (" + unk + " of ",
                "words that occur fewer than 2 times in training, minFrequency 2) are concentrated in 1 class(es): 'shop_hours' "
                        + unk + " (" + shopTexts + " texts; " + unk + " of its " + unk + " tokens, 100.0%); the model may read any "
                        + "unknown word as evidence for it, and new texts of unknown words may all be predicted so (warned where a "
                        + "class holds 3 <unk> tokens or more, 5% or more of its tokens and 3 times the share over all training "
                        + "texts); more texts of it, or --set minFrequency=1, keep their words"));
        assertThat(warned).noneMatch(w -> w.contains("'delivery' ") && w.contains("<unk> tokens of the"));
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(f, TextDataset.Config.defaults().withMinFrequency(1))))
                .noneMatch(w -> w.contains("<unk> tokens of the"));
    }
}

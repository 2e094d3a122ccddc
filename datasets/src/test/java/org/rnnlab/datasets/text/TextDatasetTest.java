package org.rnnlab.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.TextFiles;

class TextDatasetTest {

    @TempDir
    Path dir;

    /** 60 "pos", 30 "neg" and 30 "mixed" lines with distinct texts. */
    private Path fixture() throws IOException {
        List<String> lines = new ArrayList<>(List.of("label\ttext"));
        for (int i = 0; i < 120; i++) {
            String label = i % 4 < 2 ? "pos" : i % 4 == 2 ? "neg" : "mixed";
            lines.add(label + "\tSentence number " + i + " is " + label + (i % 10 == 0 ? " word" + i : "") + ".");
        }
        lines.add("");
        return write("data.tsv", String.join("\n", lines));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void readsTsvWithHeaderSortedLabelsAndStratifiedSeededSplit() throws IOException {
        TextDataset d = TextDataset.fromTsv(fixture(), TextDataset.Config.defaults());
        assertThat(d.labelNames()).containsExactly("mixed", "neg", "pos");
        // 15% of 120 is 18 per split, shared by largest remainder (4.5, 4.5, 9): the tie goes to mixed for test, to neg
        // (more left) for validation
        assertThat(d.split(Split.TRAIN).classCounts(3)).containsExactly(21, 21, 42);
        assertThat(d.split(Split.VALIDATION).classCounts(3)).containsExactly(4, 5, 9);
        assertThat(d.split(Split.TEST).classCounts(3)).containsExactly(5, 4, 9);
        Set<String> all = new HashSet<>();
        for (Split s : Split.values()) {
            all.addAll(d.texts(s));
        }
        assertThat(all).hasSize(120);
        // texts align with examples, and the vocabulary comes from training only
        Sequence first = d.split(Split.TRAIN).get(0);
        assertThat(d.encoder().encode(d.texts(Split.TRAIN).get(0))).isEqualTo(first.values());
        assertThat(d.vocabulary().contains("sentence")).isTrue();
        assertThat(d.vocabulary().contains("word0")).isFalse(); // seen once: below minFrequency 2
        assertThat(d.provenance().files()).singleElement().satisfies(f -> assertThat(f.sha256()).hasSize(64));

        TextDataset same = TextDataset.fromTsv(fixture(), TextDataset.Config.defaults());
        TextDataset other = TextDataset.fromTsv(fixture(), TextDataset.Config.defaults().withSeed(1));
        assertThat(same.texts(Split.TEST)).isEqualTo(d.texts(Split.TEST));
        assertThat(other.texts(Split.TEST)).isNotEqualTo(d.texts(Split.TEST));
        TextDataset limited = d.limit(30);
        assertThat(d.limit(d.texts(Split.TRAIN).size() + 1000)).as("nothing left out: the dataset itself").isSameAs(d);
        assertThat(limited.texts(Split.TRAIN)).isEqualTo(d.texts(Split.TRAIN).subList(0, 30));
        // the vocabulary is counted from the texts kept (it was the full training split's: words of texts left out got
        // embeddings never trained); the examples are encoded with it
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        limited.texts(Split.TRAIN).forEach(t -> d.tokenizer().tokenize(t).stream().distinct()
                .forEach(w -> counts.merge(w, 1L, Long::sum)));
        assertThat(limited.vocabulary().size()).isLessThanOrEqualTo(d.vocabulary().size());
        for (int i = 0; i < limited.vocabulary().size(); i++) {
            String word = limited.vocabulary().word(i);
            if (!word.startsWith("<")) {
                assertThat(counts).as(word).containsKey(word);
            }
        }
        assertThat(limited.split(Split.TRAIN).get(0).values()).isEqualTo(limited.encoder().encode(limited.texts(Split.TRAIN).get(0)));
        assertThat(limited.provenance().parameters().get("vocabularySize")).isEqualTo(Integer.toString(limited.vocabulary().size()));
    }

    @Test
    void trainAndTestFilesKeepTheTestFileAsTest() throws IOException {
        Path train = fixture();
        Path test = write("test.tsv", "pos\tgreat sentence\nneg\tbad sentence\r\nmixed\tso so\n");
        TextDataset d = TextDataset.fromTsv(train, test, TextDataset.Config.defaults());
        assertThat(d.split(Split.TEST).size()).isEqualTo(3);
        assertThat(d.split(Split.TRAIN).size() + d.split(Split.VALIDATION).size()).isEqualTo(120);
        assertThat(d.texts(Split.TEST)).contains("bad sentence");
    }

    /** The warnings {@code TextDataset} logs while {@code action} runs. */
    private static List<String> warnings(LoggedWarnings.Action action) throws Exception {
        return LoggedWarnings.of(TextDataset.class, action);
    }

    @Test
    void classicMacLineEndsSplitLinesAsLfAndCrlfDo() throws IOException {
        String lf = Files.readString(fixture());
        Path cr = write("cr.tsv", lf.replace("\n", "\r"));
        Path mixed = write("mixed.tsv", lf.replaceFirst("\n", "\r\n").replace("is neg.\n", "is neg.\r\n"));
        TextDataset.Config c = TextDataset.Config.defaults();
        TextDataset expected = TextDataset.fromTsv(fixture(), c);
        for (Path f : List.of(cr, mixed)) {
            TextDataset d = TextDataset.fromTsv(f, c);
            assertThat(d.texts(Split.TEST)).as(f.toString()).isEqualTo(expected.texts(Split.TEST));
            assertThat(d.texts(Split.TRAIN)).as(f.toString()).isEqualTo(expected.texts(Split.TRAIN));
        }
        // line numbers count CR-only line ends
        Path bad = write("bad.tsv", "a\tgood\rb\tfine\ra\tok\rno tab here\r");
        assertThatThrownBy(() -> TextDataset.fromTsv(bad, c)).hasMessageContaining("bad.tsv:4: no TAB");
        Path commas = write("commas.csv", "label,text\npos,a good film\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(commas, c)).hasMessageContaining("commas.csv:1: no TAB (expected 'label<TAB>text');"
                + " a line of a comma- or semicolon-separated file?");
        // with the pandas line that converts it, its columns taken by name (trial 78h F7: msg_id,message,cls)
        Path logs = write("logs_train.csv", "msg_id,message,cls\nm1,disk full on node 3,storage\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(logs, c)).hasMessageContaining("from a CSV, e.g. with pandas: df = "
                + "pd.read_csv('logs_train.csv'); df = df.rename(columns={'msg_id': 'id', 'cls': 'label', 'message': 'text'})[['id', "
                + "'label', 'text']]; df['text'] = df['text'].str.replace(r'\\s+', ' ', regex=True).str.strip(); "
                + "df.to_csv('logs_train.tsv', sep='\\t', index=False), which replaces line breaks inside texts by spaces");
        Path semi = write("semi.csv", "Kategorie;Nachricht\nnetz;kein Netz\n");
        String tidy = "df['text'] = df['text'].str.replace(r'\\s+', ' ', regex=True).str.strip(); ";
        assertThat(TextDataset.csvConversion(semi, List.of("Kategorie;Nachricht", "netz;kein Netz"))).isEqualTo("df = "
                + "pd.read_csv('semi.csv', sep=';', header=None); df = df[[LABEL, TEXT]].rename(columns={LABEL: 'label', TEXT: "
                + "'text'}); " + tidy + "df.to_csv('semi.tsv', sep='\\t', index=False) (LABEL, TEXT: the positions of its label "
                + "and text columns, from 0)");
        assertThat(TextDataset.csvConversion(semi, List.of("ticket,body", "a,b"))).isEqualTo("df = pd.read_csv('semi.csv'); "
                + "df = df.rename(columns={LABEL: 'label', 'body': 'text'})[['label', 'text']]; " + tidy + "df.to_csv('semi.tsv', "
                + "sep='\\t', index=False) (LABEL: the name of its label column of ticket, body, in quotes)");
        Path escaped = write("esc.tsv", "a\tgood\nb\tfine\nb\u001B[2J\tclears the screen\n"); // a control character: refused
        assertThatThrownBy(() -> TextDataset.fromTsv(escaped, c)).hasMessageContaining("esc.tsv:3: label 'b\\u001B[2J' holds the "
                + "control character U+001B (expected a class name without control characters");
        Path unlabelled = write("na.tsv", "a\tgood\nb\tfine\nNA\tno label here\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(unlabelled, c)).hasMessageContaining("na.tsv:3: missing label 'NA'");
    }

    @Test
    void aLoneCrInsideAnLfTerminatedLineIsReadAsASpaceAndWarnedOfByLfLineNumber() throws Exception {
        // a user's try: row 6 held 'locked\rsecond part'; the CR split it, and training failed at 'line 7: no TAB' where
        // sed -n 7p showed a normal line (or, with 'label<TAB>text' after the CR, trained a fake example silently)
        TextDataset.Config c = TextDataset.Config.defaults().withMinFrequency(1);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            lines.append(i % 2 == 0 ? "pos\tgreat film " : "neg\tawful film ").append(i).append('\n');
        }
        String text = lines.toString().replace("neg\tawful film 5\n", "neg\tawful film 5\rsecond part\n");
        Path f = write("strcr.tsv", text);
        List<String> warned = LoggedWarnings.of(TextFiles.class, () -> assertThat(TextDataset.fromTsv(f, c.withFractions(0, 0)).texts(Split.TRAIN))
                .hasSize(10).contains("awful film 5 second part"));
        assertThat(String.join("\n", warned)).contains("strcr.tsv:6: a carriage return (CR, \\r) inside the line")
                .contains("1 line(s) hold one: 6;");
        // the fake example after the CR is not trained: the line has a third column, refused at its own line
        Path fake = write("fake.tsv", lines.toString().replace("neg\tawful film 5\n", "neg\tawful film 5\rpos\tgreat\n"));
        assertThatThrownBy(() -> TextDataset.fromTsv(fake, c)).hasMessageContaining("fake.tsv:6: 3 TAB-separated columns");
        // CRLF line ends with a lone CR inside: the same
        Path crlf = write("crlf.tsv", text.replace("\n", "\r\n"));
        assertThat(TextDataset.fromTsv(crlf, c.withFractions(0, 0)).texts(Split.TRAIN)).hasSize(10).contains("awful film 5 second part");
    }

    @Test
    void quotedFieldsAreReadAsRfc4180() throws IOException {
        Path f = write("q.tsv", "\"label\"\t\"text\"\n\"pos\"\t\"a \"\"quoted\"\" text, with a comma\"\n"
                + "neg\t\"Hello\" she said\nneg\t\"a\ttab inside\"\npos\tplain text\n\" pos \"\tspaced label\n");
        List<String[]> rows = TextDataset.readLabelledLines(f);
        assertThat(rows).extracting(r -> r[0] + "|" + r[1]).containsExactly(
                "pos|a \"quoted\" text, with a comma", // quotes doubled inside a quoted field
                "neg|\"Hello\" she said",                // not a quoted field: read as written
                "neg|a\ttab inside",
                "pos|plain text",
                "pos|spaced label");                     // a label loses its spaces, quoted or not, as a CSV cell does
        assertThat(TextDataset.unquote("\"\"")).isEmpty();
        assertThat(TextDataset.unquote("\"a\"b\"")).isEqualTo("\"a\"b\"");
    }

    @Test
    void aTestOrValidationFileThatIsTheTrainingFileIsRefusedAndOverlapsWarned() throws Exception {
        Path train = fixture();
        TextDataset.Config c = TextDataset.Config.defaults();
        assertThatThrownBy(() -> TextDataset.fromTsv(train, train, c)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("the test file is the training file");
        assertThatThrownBy(() -> TextDataset.fromTsv(train, dir.resolve(".").resolve("data.tsv"), null, c))
                .hasMessageContaining("the validation file is the training file");
        Path copy = write("copy.tsv", Files.readString(train));
        List<String> warned = warnings(() -> TextDataset.fromTsv(train, copy, c));
        assertThat(warned).singleElement().asString().contains("copy.tsv: 120 of 120 test texts also occur in the training file");
        Path fresh = write("fresh.tsv", "pos\tan unseen sentence\nneg\tanother one\n");
        assertThat(warnings(() -> TextDataset.fromTsv(train, fresh, c))).isEmpty();
    }

    @Test
    void labelsOfOneLineAreWarnedAndAFirstOneNamedAsAHeader() throws Exception {
        String body = Files.readString(fixture()).replace("label\ttext\n", "");
        Path header = write("h.tsv", "category\tsentence\n" + body);
        TextDataset.Config c = TextDataset.Config.defaults();
        // usual column names: read as a header
        assertThat(warnings(() -> TextDataset.fromTsv(header, c))).singleElement().asString()
                .contains("h.tsv:1: 'category<TAB>sentence' read as a header, not as an example");
        // other words: an example, said to look like a header
        Path other = write("o.tsv", "kind	phrase\n" + body);
        assertThat(warnings(() -> TextDataset.fromTsv(other, c))).singleElement().asString()
                .contains("'kind' (line 1)").contains("looks like a header");
        Path single = write("s.tsv", body + "music\ta song\n");
        assertThat(warnings(() -> TextDataset.fromTsv(single, c))).singleElement().asString()
                .contains("'music' (line 121)").contains("a class of one example");
        Path clean = fixture();
        assertThat(warnings(() -> TextDataset.fromTsv(clean, c))).isEmpty();
    }

    @Test
    void truncationKeepsTheChosenEnd() throws IOException {
        Path f = write("t.tsv", "a\tone two three four five\nb\tfive four three two one\na\tone two\nb\tone\n");
        TextDataset.Config c = TextDataset.Config.defaults().withFractions(0, 0).withMinFrequency(1);
        TextDataset head = TextDataset.fromTsv(f, c.withMaxLength(2, Truncation.KEEP_HEAD));
        TextDataset tail = TextDataset.fromTsv(f, c.withMaxLength(2, Truncation.KEEP_TAIL));
        int i = head.texts(Split.TRAIN).indexOf("one two three four five");
        int j = tail.texts(Split.TRAIN).indexOf("one two three four five");
        assertThat(head.vocabulary().decode(TextEncoder.ids(head.split(Split.TRAIN).get(i).values()))).isEqualTo("one two");
        assertThat(tail.vocabulary().decode(TextEncoder.ids(tail.split(Split.TRAIN).get(j).values()))).isEqualTo("four five");
        assertThat(head.input().maxLength()).isEqualTo(2);
    }

    @Test
    void badTsvInputIsRejectedWithFileAndLine() throws IOException {
        TextDataset.Config c = TextDataset.Config.defaults();
        assertThatThrownBy(() -> TextDataset.fromTsv(dir.resolve("missing.tsv"), c))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("missing.tsv: file not found");
        Path blank = write("blank.tsv", "\n\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(blank, c)).hasMessageContaining("blank.tsv: no line holds anything but white space");
        Path empty = write("empty.tsv", "");
        assertThatThrownBy(() -> TextDataset.fromTsv(empty, c)).hasMessageContaining("empty.tsv: empty file");
        Path spanning = write("spanning.tsv", "pos\tgood film\npos\t\"great\nmovie\"\nneg\tbad film\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(spanning, c)).hasMessageContaining("spanning.tsv:3: no TAB")
                .hasMessageContaining("line 2 opens a quoted text that does not close on it");
        Path headerOnly = write("header.tsv", "label\ttext\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(headerOnly, c)).hasMessageContaining("header.tsv: no examples");
        Path noTab = write("notab.tsv", "a\tgood\nb bad\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(noTab, c))
                .isInstanceOfSatisfying(DatasetFormatException.class, e -> assertThat(e.line()).isEqualTo(2))
                .hasMessageContaining("notab.tsv:2: no TAB (expected 'label<TAB>text')");
        // a user's try: short texts swapped with their labels, 30 distinct texts in 90 lines, trained a 30-class model
        StringBuilder swapped = new StringBuilder();
        for (int i = 0; i < 90; i++) {
            swapped.append("review number ").append(i % 30).append(" is here\t").append(i % 2 == 0 ? "pos" : "neg").append('\n');
        }
        Path swappedFile = write("swapped-short.tsv", swapped.toString());
        assertThatThrownBy(() -> TextDataset.fromTsv(swappedFile, c))
                .hasMessageContaining("the first column has 30 distinct labels, the text column only 2 distinct values [pos, neg]")
                .hasMessageContaining("did you swap text and label?");
        // a user's try: a third column (a source) was read as one more word of every text
        Path threeColumns = write("three.tsv", "pos\tgreat product\tamazon\nneg\tawful\tyelp\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(threeColumns, c))
                .isInstanceOfSatisfying(DatasetFormatException.class, e -> assertThat(e.line()).isEqualTo(1))
                .hasMessageContaining("three.tsv:1: 3 TAB-separated columns (expected two, 'label<TAB>text')");
        Path trailingTab = write("trailing.tsv", "pos\tgreat product\t\nneg\tawful thing\t\t\n");
        assertThat(TextDataset.fromTsv(trailingTab, TextDataset.Config.defaults().withMinFrequency(1).withFractions(0, 0)).labelNames())
                .as("an empty third column, as spreadsheets export it").containsExactly("neg", "pos");
        Path quotedTab = write("quoted.tsv", "pos\t\"great\tproduct\"\nneg\tawful thing\n");
        assertThat(TextDataset.fromTsv(quotedTab, TextDataset.Config.defaults().withMinFrequency(1).withFractions(0, 0)).labelNames())
                .containsExactly("neg", "pos");
        // a user's try: a minFrequency above every word's count trained a model at chance on texts of unknown words only
        assertThatThrownBy(() -> TextDataset.fromTsv(fixture(), c.withMinFrequency(1000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no word occurs 1000 times or more in the")
                .hasMessageContaining("lower --set minFrequency");
        Path noText = write("notext.tsv", "a\tgood\nb\t  \n");
        assertThatThrownBy(() -> TextDataset.fromTsv(noText, c)).hasMessageContaining("notext.tsv:2: the text has no tokens");
        // a user fixed a file one empty text per run: every such line is named at once
        Path manyEmpty = write("empties.tsv", "a\tgood\nb\t\"\"\na\tfine\nb\t   \nb\t\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(manyEmpty, c)).hasMessageContaining("empties.tsv:2: the text has no tokens")
                .hasMessageContaining("3 lines have none: 2, 4, 5");
        Path oneLabel = write("one.tsv", "a\tgood\na\tbad\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(oneLabel, c)).hasMessageContaining("expected at least 2 distinct labels");
        Path test = write("test.tsv", "pos\tgood\nzzz\tbad\n");
        assertThatThrownBy(() -> TextDataset.fromTsv(fixture(), test, c))
                .hasMessageContaining("test.tsv:2: label 'zzz' is not one of the training labels [mixed, neg, pos]");
        // a test file given: the default test fraction is not carved, so it does not count against the validation fraction's bound
        Path goodTest = write("good-test.tsv", "pos\tgood sentence\nneg\tbad sentence\n");
        assertThat(TextDataset.fromTsv(fixture(), goodTest, c.withFractions(0.9, 0.15)).split(Split.VALIDATION).size()).isPositive();
        assertThatThrownBy(() -> TextDataset.fromTsv(fixture(), c.withFractions(0.9, 0.15)))
                .hasMessageContaining("validationFraction + testFraction must be < 1 (both are carved from the training data)");
        Path latin1 = dir.resolve("latin1.tsv");
        Files.write(latin1, new byte[] {'a', '\t', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> TextDataset.fromTsv(latin1, c)).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void badSentimentInputIsRejected() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("s"));
        Files.writeString(folder.resolve("yelp_labelled.txt"), "Good food.\t1\nBad food.\t2\n");
        assertThatThrownBy(() -> TextDataset.sentiment(folder, SentimentDomain.YELP, TextDataset.Config.defaults()))
                .hasMessageContaining("yelp_labelled.txt:2: label '2' (expected 0 or 1)");
        assertThatThrownBy(() -> TextDataset.sentiment(folder, SentimentDomain.IMDB, TextDataset.Config.defaults()))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("imdb_labelled.txt: file not found");
        Files.writeString(folder.resolve("amazon_cells_labelled.txt"), "Good phone. 1\n");
        assertThatThrownBy(() -> TextDataset.sentiment(folder, SentimentDomain.AMAZON, TextDataset.Config.defaults()))
                .hasMessageContaining("amazon_cells_labelled.txt:1: no TAB");
    }
}

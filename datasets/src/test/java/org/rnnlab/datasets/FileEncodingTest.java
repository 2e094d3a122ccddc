package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.csv.CsvSchema;

/**
 * {@code --set encoding=}: a trial's air-quality agency had Windows-1252 Excel exports ({@code µg/m³}, {@code Évry}) that
 * rnnlab refused, advising iconv. Declared, such a file reads as its UTF-8 version does; a byte invalid in the declared
 * encoding is refused with its line and byte offset; an unknown name lists the accepted ones; without the setting the
 * strict UTF-8 reading stays, its refusal now saying how to declare the encoding.
 */
class FileEncodingTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final String[] STATIONS = {"Évry-Centre", "Göttingen-Süd", "Périphérique", "Lyon"};

    @TempDir
    Path dir;

    /** 4 windows of 8 steps per station; label 'trafic élevé' or 'rural'; features named with µ and °. */
    private static String stations() {
        Random r = new Random(5);
        StringBuilder b = new StringBuilder("sequence_id;time;station;label;NO2 [µg/m³];Température [°C]\n");
        for (int s = 0; s < STATIONS.length; s++) {
            for (int w = 0; w < 4; w++) {
                for (int t = 0; t < 8; t++) {
                    b.append(String.format(Locale.ROOT, "%s_%d;%d;%s;%s;%.2f;%.2f%n", STATIONS[s], w, t, STATIONS[s],
                            s % 2 == 0 ? "trafic élevé" : "rural", (s % 2 == 0 ? 40 : 8) + r.nextGaussian(), 12 + r.nextGaussian()));
                }
            }
        }
        return b.toString();
    }

    private static SequenceDataset open(Path file, String encoding) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("delimiter", ";", "group", "station"));
        if (encoding != null) {
            settings.put("encoding", encoding);
        }
        DatasetOptions o = DatasetOptions.defaults().withFiles(file, null);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            o = o.with(e.getKey(), e.getValue());
        }
        return Datasets.open("csv", o);
    }

    @Test
    void aWindows1252FileDeclaredSoReadsAsItsUtf8Version() throws Exception {
        Path utf8 = Files.writeString(dir.resolve("utf8.csv"), stations(), StandardCharsets.UTF_8);
        Path cp1252 = Files.write(dir.resolve("cp1252.csv"), stations().getBytes(CP1252));
        SequenceDataset expected = open(utf8, null);
        for (String name : List.of("windows-1252", "cp1252", " Windows-1252 ")) {
            SequenceDataset read = open(cp1252, name);
            assertThat(read.labelNames()).as(name).isEqualTo(expected.labelNames()).contains("trafic élevé");
            CsvSchema schema = read.csvSchema().orElseThrow();
            assertThat(schema.featureNames()).isEqualTo(expected.csvSchema().orElseThrow().featureNames())
                    .containsExactly("NO2 [µg/m³]", "Température [°C]");
            assertThat(schema.group().name()).isEqualTo("station");
            assertThat(read.split(Split.TRAIN).size() + read.split(Split.VALIDATION).size() + read.split(Split.TEST).size())
                    .isEqualTo(STATIONS.length * 4);
        }
        // Latin-1 agrees with Windows-1252 on these letters
        assertThat(open(cp1252, "latin1").labelNames()).isEqualTo(expected.labelNames());
        // without the setting: refused as before, now saying how to declare it
        assertThatThrownBy(() -> open(cp1252, null)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("cp1252.csv:1: byte 0xB5 at byte offset " + stations().indexOf('µ') + " is not valid UTF-8")
                .hasMessageContaining("declare its encoding (train: --set encoding=windows-1252; predict, evaluate, data windows: --encoding "
                        + "windows-1252)")
                .hasMessageContaining("iconv -f windows-1252 -t utf-8");
        // a UTF-8 file declared utf-8 (with a byte order mark too) reads as without the setting
        Path bom = Files.write(dir.resolve("bom.csv"), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                stations().getBytes(StandardCharsets.UTF_8)));
        assertThat(open(bom, "UTF8").csvSchema().orElseThrow().featureNames()).containsExactly("NO2 [µg/m³]", "Température [°C]");
        assertThat(open(bom, null).csvSchema().orElseThrow().featureNames()).containsExactly("NO2 [µg/m³]", "Température [°C]");
    }

    @Test
    void aWindows1252TextFileDeclaredSoReadsAsItsUtf8Version() throws Exception {
        StringBuilder b = new StringBuilder();
        String[] words = {"très", "déçu", "génial", "frère", "café"};
        for (int i = 0; i < 60; i++) {
            b.append(i % 2 == 0 ? "négatif" : "positif").append('\t').append(words[i % 5]).append(' ').append(words[(i + 2) % 5])
                    .append(" numéro ").append(i % 7).append('\n');
        }
        Path utf8 = Files.writeString(dir.resolve("utf8.tsv"), b, StandardCharsets.UTF_8);
        Path cp1252 = Files.write(dir.resolve("cp1252.tsv"), b.toString().getBytes(CP1252));
        SequenceDataset expected = Datasets.open("text", DatasetOptions.defaults().withFiles(utf8, null));
        SequenceDataset read = Datasets.open("text", DatasetOptions.defaults().withFiles(cp1252, null).with("encoding", "cp1252"));
        assertThat(read.labelNames()).isEqualTo(expected.labelNames()).containsExactly("négatif", "positif");
        assertThat(read.textEncoder().orElseThrow().vocabulary().words())
                .isEqualTo(expected.textEncoder().orElseThrow().vocabulary().words()).contains("déçu", "numéro");
        assertThatThrownBy(() -> Datasets.open("text", DatasetOptions.defaults().withFiles(cp1252, null)))
                .hasMessageContaining("--set encoding=windows-1252");
    }

    /**
     * Trial 75b F8: a run's files of two encodings (a UTF-8 training file, a Windows-1252 test file) were refused in turn,
     * with and without {@code --set encoding}; each refusal now says that the setting holds for every file of the run, names
     * the file read in the other encoding, and gives the way out: convert the one file.
     */
    @Test
    void aRunOfFilesInTwoEncodingsIsToldToConvertTheOneFile() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            b.append(i % 2 == 0 ? "fire" : "water").append('\t').append(i % 2 == 0 ? "façade brûlée " : "dégât des eaux ").append(i)
                    .append('\n');
        }
        Path utf8 = Files.writeString(dir.resolve("train-utf8.tsv"), b + "water\tčeský sklep zaplaven\n", StandardCharsets.UTF_8);
        Path cp1252 = Files.write(dir.resolve("test-cp1252.tsv"), b.toString().getBytes(CP1252));
        assertThatThrownBy(() -> Datasets.open("text", DatasetOptions.defaults().withFiles(utf8, cp1252)))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("test-cp1252.tsv:1: byte 0xE7")
                .hasMessageContaining("--set encoding holds for every file of the run, and " + utf8 + " was read as UTF-8: for files "
                        + "of both encodings, convert the windows-1252 file alone to UTF-8 and train without the setting, e.g. iconv "
                        + "-f windows-1252 -t utf-8 " + cp1252 + " > " + dir.resolve("test-cp1252-utf8.tsv"));
        // the setting for the test file: the UTF-8 training file (its 'č' holds 0x8D, none of windows-1252) is refused
        assertThatThrownBy(() -> Datasets.open("text", DatasetOptions.defaults().withFiles(cp1252, utf8).with("encoding", "cp1252")))
                .hasMessageContaining("train-utf8.tsv:41: byte(s) 0x8D")
                .hasMessageContaining("the file is valid UTF-8: leave --set encoding=cp1252 out (UTF-8 is the default); --set "
                        + "encoding holds for every file of the run, and " + cp1252 + " was read as windows-1252: for files of both "
                        + "encodings, convert the windows-1252 file alone to UTF-8 and train without the setting, e.g. iconv -f "
                        + "windows-1252 -t utf-8 " + cp1252 + " > " + dir.resolve("test-cp1252-utf8.tsv"));
        // read first, the UTF-8 file cannot name the other: the advice stands without it
        assertThatThrownBy(() -> Datasets.open("text", DatasetOptions.defaults().withFiles(utf8, cp1252).with("encoding", "cp1252")))
                .hasMessageContaining("train-utf8.tsv:41: byte(s) 0x8D")
                .hasMessageContaining("--set encoding holds for every file of the run: for files of both encodings, convert the "
                        + "windows-1252 file of them alone to UTF-8 and train without the setting, e.g. iconv -f windows-1252 -t utf-8 "
                        + "FILE > FILE-utf8");
        // one file alone, or predict's and evaluate's files (their --encoding is no setting of a run): no word of other files
        assertThatThrownBy(() -> Datasets.open("text", DatasetOptions.defaults().withFiles(cp1252, null)))
                .hasMessageNotContaining("every file of the run");
        assertThatThrownBy(() -> FileEncoding.reading(null, () -> {
            TextFiles.readText(utf8, "a text file");
            return TextFiles.readText(cp1252, "a text file");
        })).hasMessageContaining("test-cp1252.tsv:1: byte 0xE7").hasMessageNotContaining("every file of the run");
    }

    @Test
    void utf16WithAByteOrderMarkReadsWhenDeclaredAndIsRefusedWithTheSettingOtherwise() throws Exception {
        Path utf16 = Files.write(dir.resolve("utf16.csv"), stations().getBytes(StandardCharsets.UTF_16)); // Java writes a BOM
        assertThat(open(utf16, "utf-16").labelNames()).containsExactly("rural", "trafic élevé");
        assertThatThrownBy(() -> open(utf16, null)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("the file is UTF-16 (byte order mark at byte offset 0)")
                .hasMessageContaining("--set encoding=utf-16");
    }

    @Test
    void bytesInvalidInTheDeclaredEncodingAreRefusedWithLineAndByteOffset() throws Exception {
        byte[] bytes = stations().getBytes(CP1252);
        String text = stations();
        int line3 = text.indexOf('\n', text.indexOf('\n') + 1) + 1;
        int at = line3 + 3;
        bytes[at] = (byte) 0x81; // undefined in Windows-1252
        Path bad = Files.write(dir.resolve("bad.csv"), bytes);
        assertThatThrownBy(() -> open(bad, "windows-1252")).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("bad.csv:3: byte(s) 0x81 at byte offset " + at + " are not valid windows-1252, the encoding "
                        + "--set encoding=windows-1252 declares");
        // a Windows-1252 file declared UTF-8: its first accent, on line 1
        Path cp1252 = Files.write(dir.resolve("cp1252.csv"), stations().getBytes(CP1252));
        assertThatThrownBy(() -> open(cp1252, "utf-8")).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("cp1252.csv:1: byte(s) 0xB5 at byte offset " + stations().indexOf('µ') + " are not valid UTF-8")
                .hasMessageContaining("declare it instead, e.g. windows-1252");
    }

    @Test
    void anUnknownEncodingIsRefusedListingTheAcceptedOnes() throws Exception {
        Path utf8 = Files.writeString(dir.resolve("utf8.csv"), stations(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> open(utf8, "windows1252x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--set encoding 'windows1252x' is not an encoding Java knows (expected one of utf-8, "
                        + "windows-1252 (cp1252), iso-8859-1 (latin1)");
        assertThatThrownBy(() -> FileEncoding.parse("", "--encoding")).hasMessageContaining("--encoding '' is not an encoding");
        // a generated dataset has no files: the setting is unknown there, not an encoding question
        assertThatThrownBy(() -> Datasets.open("agreement", DatasetOptions.defaults().with("encoding", "nope")))
                .hasMessageContaining("unknown setting 'encoding'");
    }

    @Test
    void utf8InsideAFileDeclaredWindows1252IsSaidAndACleanOneIsSilent() throws Exception {
        // mixed: the UTF-8 source's lines would read garbled under the declared encoding
        String text = stations();
        int half = text.indexOf("Périphérique");
        byte[] mixed = concat(text.substring(0, half).getBytes(CP1252), text.substring(half).getBytes(StandardCharsets.UTF_8));
        Path joined = Files.write(dir.resolve("joined.csv"), mixed);
        assertThatThrownBy(() -> open(joined, "windows-1252")).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("joined.csv: declared windows-1252 (--set encoding=windows-1252), but the file mixes UTF-8 "
                        + "and another encoding");
        // a UTF-8 file declared windows-1252: read as declared, with a warning
        Path utf8 = Files.writeString(dir.resolve("utf8.csv"), text, StandardCharsets.UTF_8);
        List<String> logged = LoggedWarnings.of(FileEncoding.class, () -> open(utf8, "windows-1252"));
        assertThat(logged).anySatisfy(m -> assertThat(m).contains("utf8.csv: declared windows-1252 (--set encoding=windows-1252), "
                + "but the file is valid UTF-8 throughout"));
        Path cleanFile = Files.write(dir.resolve("clean.csv"), text.getBytes(CP1252));
        List<String> clean = LoggedWarnings.of(FileEncoding.class, () -> open(cleanFile, "windows-1252"));
        assertThat(clean).noneMatch(m -> m.contains("UTF-8") || m.contains("declared"));
    }

    /**
     * Trial 71b F10: a shift file re-saved as Excel's "CSV UTF-8" (a byte order mark) and read with the plant's usual
     * windows-1252 had its first column named 'ï»¿Zeitstempel'; the mark wins, with a warning.
     */
    @Test
    void utf8WithAByteOrderMarkDeclaredWindows1252IsReadAsUtf8WithAWarning() throws Exception {
        Path bom = Files.write(dir.resolve("bom.csv"), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                stations().getBytes(StandardCharsets.UTF_8)));
        SequenceDataset expected = open(Files.writeString(dir.resolve("utf8.csv"), stations(), StandardCharsets.UTF_8), null);
        SequenceDataset[] read = new SequenceDataset[1];
        List<String> logged = LoggedWarnings.of(FileEncoding.class, () -> read[0] = open(bom, "windows-1252"));
        assertThat(read[0].csvSchema().orElseThrow().featureNames()).containsExactly("NO2 [µg/m³]", "Température [°C]");
        assertThat(read[0].labelNames()).isEqualTo(expected.labelNames()).contains("trafic élevé");
        assertThat(logged).anySatisfy(m -> assertThat(m).contains("bom.csv: declared windows-1252 (--set encoding=windows-1252), "
                + "but the file starts with UTF-8's byte order mark").contains("read as UTF-8"));
    }

    /**
     * Review 66a #4: a UTF-16LE file without a byte order mark declared {@code utf-16}, which Java reads big-endian, was
     * refused as an "empty file"; now refused naming utf-16le, as the option was given. Silent: the same file declared
     * utf-16le, and a UTF-16BE file without a byte order mark declared utf-16 (Java's reading) or utf-16be.
     */
    @Test
    void utf16WithoutAByteOrderMarkIsRefusedNamingTheByteOrderItsZeroBytesSay() throws Exception {
        SequenceDataset expected = open(Files.writeString(dir.resolve("utf8.csv"), stations(), StandardCharsets.UTF_8), null);
        Path le = Files.write(dir.resolve("u16le.csv"), stations().getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> open(le, "utf-16")).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("u16le.csv: declared UTF-16 (--set encoding=utf-16), which without a byte order mark reads "
                        + "big-endian, but the file has no byte order mark and its 0x00 bytes stand at odd byte offsets")
                .hasMessageContaining("the file is UTF-16LE").hasMessageEndingWith("declare --set encoding=utf-16le")
                .hasMessageNotContaining("empty file");
        assertThatThrownBy(() -> FileEncoding.reading(FileEncoding.parse("UTF-16", "--encoding"),
                () -> TextFiles.readText(le, "a CSV file"))).hasMessageEndingWith("declare --encoding=utf-16le");
        assertThatThrownBy(() -> open(le, "utf-16be")).hasMessageContaining("declared UTF-16BE (--set encoding=utf-16be), read "
                + "big-endian").hasMessageEndingWith("declare --set encoding=utf-16le");
        assertThat(open(le, "utf-16le").labelNames()).isEqualTo(expected.labelNames());
        Path be = Files.write(dir.resolve("u16be.csv"), stations().getBytes(StandardCharsets.UTF_16BE));
        assertThat(open(be, "utf-16").labelNames()).isEqualTo(expected.labelNames());
        assertThat(open(be, "utf-16be").labelNames()).isEqualTo(expected.labelNames());
        assertThatThrownBy(() -> open(be, "utf-16le")).hasMessageEndingWith("declare --set encoding=utf-16be");
    }

    /**
     * Review 66a #5: a Windows-1252 file declared latin1 turned its {@code €} and {@code ’} (bytes 0x80 and 0x92) into C1
     * control characters, a feature named {@code prix_<U+0080>}, without a word; now refused naming the line, byte and
     * windows-1252. Silent: the file declared windows-1252, and a latin1 file without bytes 0x80-0x9F declared latin1.
     */
    @Test
    void aWindows1252FileDeclaredLatin1IsRefusedAtItsFirstByteOfC1Controls() throws Exception {
        String text = stations().replace("NO2 [µg/m³]", "prix_€").replace("rural", "l’été");
        Path euro = Files.write(dir.resolve("euro.csv"), text.getBytes(CP1252));
        for (String latin : List.of("latin1", "iso-8859-15")) {
            assertThatThrownBy(() -> open(euro, latin)).isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining("euro.csv:1: byte 0x80 at byte offset " + text.indexOf('€') + " is the control character "
                            + "U+0080 in ISO-8859-")
                    .hasMessageContaining("the encoding --set encoding=" + latin + " declares (" + (1 + text.split("’", -1).length - 1)
                            + " such byte(s)")
                    .hasMessageContaining("the file is most likely windows-1252").hasMessageContaining("is '€'")
                    .hasMessageEndingWith("declare --set encoding=windows-1252");
        }
        SequenceDataset read = open(euro, "windows-1252");
        assertThat(read.csvSchema().orElseThrow().featureNames()).contains("prix_€");
        assertThat(read.labelNames()).contains("l’été");
        // the label's line when the header is clean
        String labelsOnly = stations().replace("rural", "l’été");
        Path quote = Files.write(dir.resolve("quote.csv"), labelsOnly.getBytes(CP1252));
        int at = labelsOnly.indexOf('’');
        long line = labelsOnly.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        assertThatThrownBy(() -> open(quote, "latin1")).hasMessageContaining("quote.csv:" + line + ": byte 0x92 at byte offset " + at);
        // a UTF-8 file declared latin1: its ’ (E2 80 99) is told as UTF-8
        Path utf8 = Files.writeString(dir.resolve("quote8.csv"), labelsOnly, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> open(utf8, "latin1")).hasMessageContaining("the file is valid UTF-8")
                .hasMessageContaining("leave --set encoding=latin1 out");
        // silent: Latin-1 letters only (µ ³ ° é), no byte in 0x80-0x9F
        Path latin = Files.write(dir.resolve("latin.csv"), stations().getBytes(StandardCharsets.ISO_8859_1));
        assertThat(open(latin, "latin1").csvSchema().orElseThrow().featureNames()).contains("NO2 [µg/m³]");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

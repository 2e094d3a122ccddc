package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.Split;

/**
 * Label maps ({@code --set labelMap=FILE}): students' spellings {@code lying down}/{@code lying}, {@code walk}/{@code walking}
 * trained as separate classes, and a chemist's new batch spelt {@code LDPE} where training said {@code PE-LD}; merging them
 * took a script.
 */
class LabelMapTest {

    @TempDir
    Path dir;

    private Path map(String text) throws Exception {
        return Files.writeString(dir.resolve("map.csv"), text);
    }

    /** Two sequences of each spelling, two steps each. */
    private Path data() throws Exception {
        StringBuilder sb = new StringBuilder("sequence_id,time,a,label\n");
        String[] labels = {"walk", "walking", "lying", "lying down", "walk", "walking", "lying", "lying down"};
        for (int i = 0; i < labels.length; i++) {
            sb.append("s").append(i).append(",0,").append(i).append(',').append(labels[i]).append('\n');
            sb.append("s").append(i).append(",1,").append(i + 0.5).append(',').append(labels[i]).append('\n');
        }
        return Files.writeString(dir.resolve("train.csv"), sb.toString());
    }

    private CsvSequenceDataset open(Path train, Path map) {
        return (CsvSequenceDataset) Datasets.open(Datasets.CSV, new DatasetOptions(null, train, null, 1, 0, null, Map.of(
                "validationFraction", "0", "testFraction", "0", "labelMap", map.toString()), null));
    }

    @Test
    void spellingsAreMergedCountedStoredWithTheLayoutAndAppliedToNewFiles() throws Exception {
        Path map = map("from,to\nwalking,walk\nlying down,lying\nrunnning,running\n");
        List<String> infos = new ArrayList<>();
        List<String> warnings = LoggedWarnings.of(Datasets.class, () -> infos.addAll(LoggedWarnings.infos(Datasets.class, () -> {
            CsvSequenceDataset d = open(data(), map);
            assertThat(d.labelNames()).containsExactly("lying", "walk");
            assertThat(d.split(Split.TRAIN).size()).isEqualTo(8);
            assertThat(d.schema().labelMap().mapping()).containsEntry("walking", "walk").containsEntry("lying down", "lying");
            assertThat(d.schema().labelMap().sha256()).hasSize(64);
            // the map is part of the data read: its checksum beside the data files' (a repeated run with another map is told)
            assertThat(d.provenance().files()).anySatisfy(f -> assertThat(f.path()).isEqualTo(map.toString()));
            // a new file spelt the training way or the other: read through the model's map
            Path fresh = Files.writeString(dir.resolve("new.csv"), "sequence_id,time,a,label\nn1,0,1,walking\nn1,1,2,walking\n"
                    + "n2,0,1,lying\nn2,1,1,lying\n");
            List<CsvSequence> read = LabelMap.applying(null, () -> CsvSequenceDataset.readAll(fresh, d.schema(), true, new ArrayList<>()));
            assertThat(read).extracting(CsvSequence::label).containsExactly("walk", "lying");
            // and through a map given to evaluate first (LDPE -> PE-LD style)
            Path other = Files.writeString(dir.resolve("other.csv"), "from,to\nWALKING,walking\n");
            Path shouted = Files.writeString(dir.resolve("shouted.csv"), "sequence_id,time,a,label\nn1,0,1,WALKING\nn1,1,2,WALKING\n");
            List<CsvSequence> both = LabelMap.applying(LabelMap.read(other), () -> {
                List<CsvSequence> r = CsvSequenceDataset.readAll(shouted, d.schema(), true, new ArrayList<>());
                assertThat(LabelMap.relabelled()).containsEntry("WALKING", 1L);
                return r;
            });
            assertThat(both).extracting(CsvSequence::label).containsExactly("walk");
        })));
        assertThat(infos).anySatisfy(l -> assertThat(l).contains("label map " + map + ": 4 sequences relabelled: 'walking' read as "
                + "'walk' in 2 sequences, 'lying down' read as 'lying' in 2 sequences"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("the label 'runnning' occurs in none of the data read"));
    }

    @Test
    void withoutAMapTheSpellingsAreSeparateClasses() throws Exception {
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open(Datasets.CSV, new DatasetOptions(null, data(), null, 1, 0, null, Map.of(
                "validationFraction", "0", "testFraction", "0"), null));
        assertThat(d.labelNames()).hasSize(4);
        assertThat(d.schema().labelMap()).isNull();
    }

    @Test
    void aBadMapIsRefusedWithItsFileAndLine() throws Exception {
        assertThatThrownBy(() -> LabelMap.read(map("from,to\nwalking,walk\nlying down,lying\nwalking,run\n")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("map.csv:4: ")
                .hasMessageContaining("'walking' is mapped again, after line 2");
        assertThatThrownBy(() -> LabelMap.read(map("from,to\nA,B\nB,C\n"))).hasMessageContaining("map.csv:3: ")
                .hasMessageContaining("a chain: line 2 maps 'A' to 'B' and line 3 maps 'B' to 'C'").hasMessageContaining("map 'A' to 'C' directly");
        assertThatThrownBy(() -> LabelMap.read(map("from,to\nB,C\nA,B\n"))).hasMessageContaining("a chain: line 3 maps 'A' to 'B' and "
                + "line 2 maps 'B' to 'C'");
        assertThatThrownBy(() -> LabelMap.read(map("from,to\nwalk,\n"))).hasMessageContaining("map.csv:2: ").hasMessageContaining("empty 'to' cell");
        assertThatThrownBy(() -> LabelMap.read(map("old,new\nwalk,walking\n"))).hasMessageContaining("map.csv:1: ")
                .hasMessageContaining("expected from,to");
        // and training refuses it before reading the data
        Path bad = map("from,to\n,walk\n");
        assertThatThrownBy(() -> open(data(), bad)).isInstanceOf(DatasetFormatException.class).hasMessageContaining("empty 'from' cell");
        // a map saved by Excel on Windows (Windows-1252): the line and the conversion (a Spark trial got neither)
        Path cp1252 = java.nio.file.Files.write(map("x").resolveSibling("cp1252.csv"),
                "from,to\nwalk,walking\nK\u00fche,cows\n".getBytes(java.nio.charset.Charset.forName("windows-1252")));
        assertThatThrownBy(() -> LabelMap.read(cp1252)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("cp1252.csv:3: the label map is not UTF-8 text")
                .hasMessageContaining("iconv -f windows-1252 -t utf-8 " + cp1252 + " > " + cp1252.resolveSibling("cp1252-utf8.csv"));
        LabelMap ok = LabelMap.read(map("\uFEFFfrom,to\n\"lying down\",lying\n"));
        assertThat(ok.apply("lying down ")).isEqualTo("lying");
        assertThat(ok.apply("lying")).isEqualTo("lying");
    }

    @Test
    void aMapSavedByGermanExcelIsReadInTheRunsEncodingWithSemicolonsAndItsIconvLineRunsAsPrinted() throws Exception {
        // trial 81a F7: two refusals (not UTF-8; then 'from;to'), and an iconv line naming the file without its folder
        Path folder = java.nio.file.Files.createDirectories(dir.resolve("My Data"));
        Path excel = java.nio.file.Files.write(folder.resolve("labelmap_excel.csv"),
                "from;to\r\nst\u00f6rung;St\u00f6rung\r\n".getBytes(java.nio.charset.Charset.forName("windows-1252")));
        String refused = org.assertj.core.api.Assertions.catchThrowable(() -> LabelMap.read(excel)).getMessage();
        String iconv = "iconv -f windows-1252 -t utf-8 '" + excel + "' > '" + folder.resolve("labelmap_excel-utf8.csv") + "'";
        assertThat(refused).contains("labelmap_excel.csv:2: the label map is not UTF-8 text", "--set encoding=windows-1252", iconv);
        Process p = new ProcessBuilder("sh", "-c", iconv).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        assertThat(LabelMap.read(folder.resolve("labelmap_excel-utf8.csv")).mapping()).containsExactly(
                java.util.Map.entry("st\u00f6rung", "St\u00f6rung"));
        // read as the run's data are, in its declared encoding, ';'-separated as Excel saves it in German
        LabelMap read = org.rnnlab.datasets.FileEncoding.reading(org.rnnlab.datasets.FileEncoding.parse("windows-1252",
                "--set encoding"), () -> LabelMap.read(excel));
        assertThat(read.mapping()).containsExactly(java.util.Map.entry("st\u00f6rung", "St\u00f6rung"));
    }
}

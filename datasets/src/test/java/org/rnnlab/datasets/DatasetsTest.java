package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.text.TextDataset;

class DatasetsTest {

    @Test
    void aLimitThatLeavesClassesOutOfASplitIsNamed() {
        java.util.List<Sequence> test = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            test.add(new Sequence(new float[][] {{i}}, i / 3)); // sorted by class: a a a b b b c c c
        }
        java.util.List<Sequence> train = java.util.List.of(new Sequence(new float[][] {{0}}, 0), new Sequence(new float[][] {{1}}, 1),
                new Sequence(new float[][] {{2}}, 2));
        SequenceDataset d = new InMemorySequenceDataset("toy", InputDescription.dense(java.util.List.of("x"), 1),
                java.util.List.of("idle", "walk", "run"), new SequenceSet(train), new SequenceSet(java.util.List.of()), new SequenceSet(test),
                new DatasetProvenance("toy", "generated", java.util.Map.of(), java.util.List.of(), 1));
        java.util.List<String> warnings = Datasets.warnOfClassesLeftOut(d, d.limit(4), 4);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("--limit 4").contains("test split").contains("[run]");
        assertThat(Datasets.warnOfClassesLeftOut(d, d.limit(7), 7)).isEmpty();
    }


    @TempDir
    Path dir;

    @Test
    void opensTheSyntheticTasksWithSettingsSeedAndLimit() {
        SequenceDataset a = Datasets.open("agreement", DatasetOptions.defaults().withSeed(3).withLimit(50)
                .with("trainSize", "200").with("testSize", "100").with("maxDistance", "12"));
        assertThat(a.name()).isEqualTo("agreement");
        assertThat(a.split(Split.TRAIN).size()).isEqualTo(50);
        assertThat(a.provenance().seed()).isEqualTo(3);
        assertThat(a.provenance().parameters()).containsEntry("maxDistance", "12").containsEntry("trainSize", "200");
        SequenceDataset t = Datasets.open("temporal-order", DatasetOptions.defaults().with("trainSize", "40").with("maxLead", "0"));
        assertThat(t.classCount()).isEqualTo(4);
        assertThat(t.input().featureCount()).isEqualTo(8);
    }

    @Test
    void opensUserTextAndCsv() throws IOException {
        Path tsv = Files.writeString(dir.resolve("d.tsv"), "a\tone two\nb\tthree four\na\tone\nb\tfour\n");
        SequenceDataset text = Datasets.open("text", DatasetOptions.defaults().withFiles(tsv, null)
                .with("testFraction", "0").with("validationFraction", "0").with("minFrequency", "1").with("truncation", "keep_head"));
        assertThat(text).isInstanceOf(TextDataset.class);
        assertThat(text.split(Split.TRAIN).size()).isEqualTo(4);
        Path csv = Files.writeString(dir.resolve("l.csv"), "id;v;y\nx;1;p\nx;2;p\nz;3;q\n");
        SequenceDataset c = Datasets.open("csv", DatasetOptions.defaults().withFiles(csv, null).with("delimiter", ";")
                .with("sequenceId", "id").with("time", "none").with("label", "y").with("testFraction", "0").with("validationFraction", "0"));
        assertThat(c.labelNames()).containsExactly("p", "q");
        assertThat(c.input().featureNames()).containsExactly("v");
    }

    @Test
    void aFileWithAnotherDelimiterGetsAHintAndTabCanBeNamed() throws IOException {
        Path semi = Files.writeString(dir.resolve("s.csv"), "id;v;y\nx;1;p\nx;2;p\nz;3;q\n");
        assertThatThrownBy(() -> Datasets.open("csv", DatasetOptions.defaults().withFiles(semi, null).with("sequenceId", "id")
                .with("time", "none").with("label", "y").with("testFraction", "0").with("validationFraction", "0")))
                .hasMessageContaining("no column named 'id'").hasMessageContaining("--set delimiter=';'");
        Path tabs = Files.writeString(dir.resolve("t.csv"), "id\tv\ty\nx\t1\tp\nx\t2\tp\nz\t3\tq\n");
        assertThatThrownBy(() -> Datasets.open("csv", DatasetOptions.defaults().withFiles(tabs, null).with("sequenceId", "id")
                .with("time", "none").with("label", "y").with("testFraction", "0").with("validationFraction", "0")))
                .hasMessageContaining("--set delimiter=tab");
        for (String name : new String[] {"tab", "TAB", "\\t"}) {
            SequenceDataset c = Datasets.open("csv", DatasetOptions.defaults().withFiles(tabs, null).with("delimiter", name)
                    .with("sequenceId", "id").with("time", "none").with("label", "y").with("testFraction", "0").with("validationFraction", "0"));
            assertThat(c.input().featureNames()).as(name).containsExactly("v");
        }
    }

    @Test
    void rejectsUnknownNamesSettingsAndValues() {
        assertThatThrownBy(() -> Datasets.open("nope", DatasetOptions.defaults()))
                .hasMessageContaining("unknown dataset 'nope', expected one of [agreement, temporal-order, har, sentiment, text, csv]");
        assertThatThrownBy(() -> Datasets.open("agreement", DatasetOptions.defaults().with("maxDistanse", "3")))
                .hasMessageContaining("unknown setting 'maxDistanse'");
        assertThatThrownBy(() -> Datasets.open("agreement", DatasetOptions.defaults().with("maxDistance", "x")))
                .hasMessageContaining("setting maxDistance must be an integer, got 'x'");
        assertThatThrownBy(() -> Datasets.open("text", DatasetOptions.defaults())).hasMessageContaining("text: needs --train FILE");
        assertThatThrownBy(() -> Datasets.open("csv", DatasetOptions.defaults().withFiles(dir, null).with("header", "yes")))
                .hasMessageContaining("setting header must be true or false");
        assertThatThrownBy(() -> Datasets.open("sentiment", DatasetOptions.defaults().withDataDir(dir).withDomain("twitter")))
                .hasMessageContaining("sentiment domain must be one of amazon, imdb, yelp, all");
        assertThatThrownBy(() -> DatasetOptions.defaults().withLimit(-1)).hasMessageContaining("limit must be >= 0");
        assertThat(Datasets.names()).containsExactly("agreement", "temporal-order", "har", "sentiment", "text", "csv");
    }

    @Test
    void anUnknownNameWithFilesIsSaidUnknownNotGeneratedAndPointsToCsv() {
        // a trial's `--dataset ts --train F` was told "--train do(es) not apply to dataset ts (ts is generated; ...)"
        for (String name : new String[] {"ts", "foo"}) {
            assertThatThrownBy(() -> Datasets.open(name, DatasetOptions.defaults().withFiles(dir.resolve("f.csv"), dir.resolve("t.csv"))))
                    .hasMessageStartingWith("unknown dataset '" + name + "', expected one of [agreement, temporal-order, har, "
                            + "sentiment, text, csv]")
                    .hasMessageContaining("your own files go with --dataset csv")
                    .hasMessageNotContaining("generated").hasMessageNotContaining("do(es) not apply");
        }
        assertThatThrownBy(() -> Datasets.open("ts", DatasetOptions.defaults().withDataDir(dir)))
                .hasMessageContaining("your own files go with --dataset csv");
        // a known generated dataset still says what its files do not apply to
        assertThatThrownBy(() -> Datasets.open("agreement", DatasetOptions.defaults().withFiles(dir.resolve("f.csv"), null)))
                .hasMessageContaining("--train do(es) not apply to dataset agreement (agreement is generated");
    }

    @Test
    void formatExceptionNamesFileAndLine() {
        DatasetFormatException e = new DatasetFormatException(Path.of("a", "b.csv"), 7, "3 columns (expected 4)");
        assertThat(e).hasMessage(Path.of("a", "b.csv") + ":7: 3 columns (expected 4)");
        assertThat(e.file()).isEqualTo(Path.of("a", "b.csv"));
        assertThat(e.line()).isEqualTo(7);
        DatasetFormatException whole = new DatasetFormatException(Path.of("x.txt"), "empty file (expected rows)");
        assertThat(whole).hasMessage("x.txt: empty file (expected rows)");
        assertThat(whole.line()).isEqualTo(DatasetFormatException.NO_LINE);
    }

    @Test
    void stratifiedSplitterKeepsClassProportionsAndIsSeeded() {
        List<Integer> items = IntStream.range(0, 100).boxed().toList();
        StratifiedSplitter s = new StratifiedSplitter(0.2, 0.1, 1);
        StratifiedSplitter.Parts<Integer> p = s.split(items, i -> i < 80 ? 0 : 1);
        assertThat(p.test().stream().filter(i -> i < 80).count()).isEqualTo(8);
        assertThat(p.test().stream().filter(i -> i >= 80).count()).isEqualTo(2);
        assertThat(p.validation().stream().filter(i -> i >= 80).count()).isEqualTo(4);
        assertThat(p.train()).hasSize(70);
        assertThat(s.split(items, i -> i < 80 ? 0 : 1)).isEqualTo(p);
        assertThat(new StratifiedSplitter(0.2, 0.1, 2).split(items, i -> i < 80 ? 0 : 1).test()).isNotEqualTo(p.test());
        assertThatThrownBy(() -> new StratifiedSplitter(0.6, 0.5, 1)).hasMessageContaining("must be < 1");
    }

    @Test
    void stratifiedSplitsHaveTheSizesAskedWhenClassesAreSmall() {
        // a user's try: 30 classes of 3 carved 0 sequences for test and validation (each class rounded 0.45 to 0), and the
        // run was refused for having no test data; 6 classes of 10 carved 20% where 15% was asked (1.5 rounded to 2)
        List<Integer> items = IntStream.range(0, 90).boxed().toList();
        StratifiedSplitter.Parts<Integer> p = new StratifiedSplitter(0.15, 0.15, 1).split(items, i -> i % 30);
        assertThat(p.test()).hasSize(14);
        assertThat(p.validation()).hasSize(14);
        assertThat(p.train()).hasSize(62);
        for (int c = 0; c < 30; c++) {
            int cls = c;
            assertThat(p.train().stream().filter(i -> i % 30 == cls)).as("class %s keeps a training item", c).isNotEmpty();
            assertThat(p.test().stream().filter(i -> i % 30 == cls).count() + p.validation().stream().filter(i -> i % 30 == cls).count())
                    .isLessThanOrEqualTo(2);
        }
        StratifiedSplitter.Parts<Integer> six = new StratifiedSplitter(0.15, 0.15, 1).split(IntStream.range(0, 60).boxed().toList(),
                i -> i % 6);
        assertThat(six.test()).hasSize(9);
        assertThat(six.validation()).hasSize(9);
        for (int c = 0; c < 6; c++) {
            int cls = c;
            assertThat(six.test().stream().filter(i -> i % 6 == cls).count()).isBetween(1L, 2L);
        }
        // a class of one item stays in train; classes of two give at most one away
        StratifiedSplitter.Parts<Integer> tiny = new StratifiedSplitter(0.3, 0.3, 1).split(IntStream.range(0, 20).boxed().toList(),
                i -> i < 2 ? 0 : i < 4 ? 1 : i == 4 ? 2 : 3);
        assertThat(tiny.train()).contains(4);
        assertThat(tiny.test()).hasSize(6);
        assertThat(tiny.validation()).hasSize(6);
        assertThat(tiny.train().stream().filter(i -> i < 2)).hasSize(1);
    }

    @Test
    void listSettingsReadQuotedEntriesAsCsvDoes() {
        org.assertj.core.api.Assertions.assertThat(Datasets.list("labelNames", "\"a,b\",padded,\"say \"\"hi\"\"\",walking fast, x"))
                .containsExactly("a,b", "padded", "say \"hi\"", "walking fast", " x");
        org.assertj.core.api.Assertions.assertThat(Datasets.list("features", "ax,,ay")).containsExactly("ax", "", "ay");
        org.assertj.core.api.Assertions.assertThat(Datasets.list("features", "ax")).containsExactly("ax");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Datasets.list("labelNames", "a,\"b,c"))
                .hasMessageContaining("labelNames: the quote at character 3 of 'a,\"b,c' is not closed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Datasets.list("labelNames", "\"b\"c,d"))
                .hasMessageContaining("expected a comma after the quoted entry \"b\"");
    }
}

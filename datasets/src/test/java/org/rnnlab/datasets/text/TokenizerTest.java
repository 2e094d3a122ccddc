package org.rnnlab.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void lowerCasesSplitsWhiteSpaceAndPunctuationKeepsInWordApostrophes() {
        assertThat(Tokenizer.defaults().tokenize("Not bad -- I'd say GREAT!"))
                .containsExactly("not", "bad", "-", "-", "i'd", "say", "great", "!");
        assertThat(Tokenizer.defaults().tokenize("  'quoted'\ttext,\u0085next\u00a0$5  "))
                .containsExactly("'", "quoted", "'", "text", ",", "next", "$", "5");
        assertThat(Tokenizer.defaults().tokenize(" \n ")).isEmpty();
    }

    @Test
    void settingsCanBeTurnedOff() {
        assertThat(new Tokenizer(false, false, TextNormalization.NONE).tokenize("Hello, World!")).containsExactly("Hello,", "World!");
    }

    @Test
    void vocabularyOrdersByFrequencyThenAlphabeticallyAndDropsRareWords() {
        Vocabulary v = Vocabulary.build(List.of(List.of("b", "a", "c", "b"), List.of("a", "b", "d", "c", "rare")), 2);
        assertThat(v.words()).containsExactly("<pad>", "<unk>", "b", "a", "c");
        assertThat(v.id("rare")).isEqualTo(Vocabulary.UNK);
        assertThat(v.encode(List.of("a", "b", "c", "x"), 3, Truncation.KEEP_HEAD)).containsExactly(3, 2, 4);
        assertThat(v.encode(List.of("a", "b", "c", "x"), 3, Truncation.KEEP_TAIL)).containsExactly(2, 4, 1);
        assertThat(Vocabulary.fromJson(v.toJson())).isEqualTo(v);
        assertThatThrownBy(() -> Vocabulary.fromJson("{\"words\":[]}")).hasMessageContaining("not a vocabulary JSON");
    }

    @Test
    void encoderRoundTripsThroughJsonAndEncodesLikeTheDataset() {
        Vocabulary v = Vocabulary.build(List.of(List.of("good", "movie"), List.of("good")), 1);
        TextEncoder e = new TextEncoder(Tokenizer.defaults(), v, 3, Truncation.KEEP_HEAD);
        TextEncoder back = TextEncoder.fromJson(e.toJson());
        assertThat(back).isEqualTo(e);
        assertThat(back.encode("Good movie, GOOD!")).isEqualTo(new float[][] {{2}, {3}, {1}});
        assertThat(back.encodeIds("...")).containsExactly(1, 1, 1);
        assertThat(back.encodeIds("")).containsExactly(Vocabulary.UNK);
    }

    private static final String NFC = "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e jalape\u00f1o";
    private static final String NFD = "cafe\u0301 cre\u0300me bru\u0302le\u0301e jalapen\u0303o";

    @Test
    void composedAndDecomposedAccentsGiveTheSameTokens() {
        assertThat(NFD).isNotEqualTo(NFC);
        assertThat(Tokenizer.defaults().normalization()).isEqualTo(TextNormalization.NFC);
        assertThat(Tokenizer.defaults().tokenize(NFD)).isEqualTo(Tokenizer.defaults().tokenize(NFC))
                .containsExactly("caf\u00e9", "cr\u00e8me", "br\u00fbl\u00e9e", "jalape\u00f1o");
        // an apostrophe after a decomposed letter follows a mark, not a letter: only NFC keeps "café's" one word
        assertThat(Tokenizer.defaults().tokenize("CAFE\u0301'S")).containsExactly("caf\u00e9's");
        Tokenizer none = new Tokenizer(true, true, TextNormalization.NONE);
        assertThat(none.tokenize(NFD)).isNotEqualTo(none.tokenize(NFC));
        assertThat(none.tokenize("cafe\u0301's")).containsExactly("cafe\u0301", "'", "s");
    }

    @Test
    void anEncoderWithoutANormalizationIsAnOldModelAndKeepsItsBehaviour() {
        Vocabulary v = Vocabulary.build(List.of(Tokenizer.defaults().tokenize(NFC)), 1);
        TextEncoder current = new TextEncoder(Tokenizer.defaults(), v, 10, Truncation.KEEP_TAIL);
        assertThat(current.toJson()).contains("\"normalization\":\"NFC\"");
        assertThat(current.encodeIds(NFD)).containsExactly(current.encodeIds(NFC)).doesNotContain(Vocabulary.UNK);

        // the form of model files written before the normalization was recorded
        String old = current.toJson().replace("\"normalization\":\"NFC\",", "");
        assertThat(old).doesNotContain("normalization");
        TextEncoder oldModel = TextEncoder.fromJson(old);
        assertThat(oldModel.tokenizer().normalization()).isEqualTo(TextNormalization.NONE);
        assertThat(oldModel.encodeIds(NFC)).containsExactly(current.encodeIds(NFC));
        assertThat(oldModel.encodeIds(NFD)).containsOnly(Vocabulary.UNK);
        assertThat(TextEncoder.fromJson(oldModel.toJson())).isEqualTo(oldModel);

        assertThatThrownBy(() -> TextEncoder.fromJson(current.toJson().replace("\"NFC\"", "\"NFD\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("normalization \"NFD\" is not one of [NONE, NFC, NFKC]");
    }

    @Test
    void anEncodingCountsTheTokensOfTheWholeText() {
        Vocabulary v = Vocabulary.of(List.of("a", "b", "c"));
        TextEncoder tail = new TextEncoder(Tokenizer.defaults(), v, 3, Truncation.KEEP_TAIL);
        TextEncoder.Encoding cut = tail.encoding("a b c a b");
        assertThat(cut.ids()).containsExactly(4, 2, 3);
        assertThat(cut.tokens()).isEqualTo(5);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.values()).isDeepEqualTo(tail.encode("a b c a b"));
        assertThat(tail.encoding("a b c").truncated()).isFalse();
        assertThat(tail.encoding("   ").tokens()).isZero();
        assertThat(tail.encoding("   ").truncated()).isFalse();
    }

    @Test
    void theRulesSayWhatTheSettingsDo() {
        TextEncoder e = new TextEncoder(Tokenizer.defaults(), Vocabulary.of(List.of("a")), 5, Truncation.KEEP_HEAD);
        assertThat(e.rules()).startsWith("rnnlab-tokenizer 5: 1. remove every code point of category Cf except U+200B, and "
                + "U+FE00-U+FE0F and U+E0100-U+E01EF; 2. Unicode NFC normalization; "
                + "3. lower-case").contains("U+0009-U+000D, U+001C-U+001F, U+0085, U+200B", "categories P*, S* and Cn",
                "keep the first 5 (KEEP_HEAD)");
        assertThat(new Tokenizer(false, false, TextNormalization.NONE).rules())
                .isEqualTo("rnnlab-tokenizer 4: 1. remove U+00AD, U+2060, U+FEFF, U+200E and U+200F; 2. split at white space (categories Zs, Zl, "
                        + "Zp and U+0009-U+000D, U+001C-U+001F, U+0085, U+200B), which is dropped; 3. runs of the other code points "
                        + "are words.");
    }

    @Test
    void invisibleFormatCharactersDoNotMakeWordsOfTheirOwn() {
        // a trial user's tickets: 'in\u00ADvoice' (soft hyphen) and 'invoice\u200Brefund' (zero-width space) read as unknown
        // words, and in training made second spellings of 'invoice' in the vocabulary
        for (Tokenizer t : List.of(Tokenizer.defaults(), new Tokenizer(true, true, TextNormalization.NONE))) {
            assertThat(t.tokenize("in\u00ADvoice invoice\u200Brefund \uFEFFlogin pass\u2060word")).as(t.toString())
                    .containsExactly("invoice", "invoice", "refund", "login", "password");
            assertThat(t.tokenize("\u200B\u00AD\uFEFF")).isEmpty();
            // direction marks of text copied from a right-to-left page (rules 3): 'refund\u200F' read as an unknown word
            assertThat(t.tokenize("\u200Frefund\u200F \u05e9\u05dc\u05d5\u05dd\u200E.")).as(t.toString())
                    .containsExactly("refund", "\u05e9\u05dc\u05d5\u05dd", ".");
        }
        // under rules version 4 (models saved before version 5) the joiners of scripts and emoji sequences stay in their words;
        // version 5 removes them with every other format character
        assertThat(new Tokenizer(true, true, TextNormalization.NFC).tokenize("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"))
                .containsExactly("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645");
        assertThat(Tokenizer.defaults().tokenize("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"))
                .containsExactly("\u0645\u06cc\u062e\u0648\u0627\u0647\u0645");
    }

    /** The ONNX guide's worked example (docs/guide/onnx.md, "Feeding a text model") is what the code does. */
    @Test
    void theReadmesWorkedExampleIsRight() throws Exception {
        String readme = Files.readString(Path.of("..", "docs", "guide", "onnx.md"));
        String text = "Don't PAY $5 for cafe\u0301 \u2014 it's \u201cmeh\u201d!";
        TextEncoder e = new TextEncoder(Tokenizer.defaults(), Vocabulary.of(List.of("don't", "pay", "for", "caf\u00e9", "it's", "!")),
                8, Truncation.KEEP_TAIL);
        assertThat(readme).contains("`[\"<pad>\", \"<unk>\", \"don't\", \"pay\", \"for\", \"caf\u00e9\", \"it's\", \"!\"]`",
                "\"maxLength\":8", "\"truncation\":\"KEEP_TAIL\"");
        assertThat(readme).contains("text:   " + java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC) + " ");
        List<String> tokens = e.tokenizer().tokenize(text);
        assertThat(readme).contains("tokens: " + String.join(" ", tokens) + "    (" + tokens.size() + " tokens)");
        assertThat(readme).contains("ids:    " + Arrays.stream(e.encodeIds(text)).mapToObj(Integer::toString)
                .collect(Collectors.joining(" ")) + " ");
    }

    /** A trial's emoji of Unicode 14 (U+1FAE0), unassigned in Java 17's tables, glued to a word and hid it from the model. */
    @Test
    void codePointsUnassignedHereAreTokensOfTheirOwnLikeSymbols() {
        String melting = new String(Character.toChars(0x1FAE0));
        assertThat(Tokenizer.defaults().tokenize("great" + melting + "good " + melting))
                .containsExactly("great", melting, "good", melting);
        // U+0378 is unassigned in every Unicode version so far: the rule itself, whatever this JDK's tables
        assertThat(Character.getType(0x378)).isEqualTo(Character.UNASSIGNED);
        assertThat(Tokenizer.defaults().tokenize("ab\u0378cd")).containsExactly("ab", "\u0378", "cd");
        assertThat(new Tokenizer(true, false, TextNormalization.NFC).tokenize("ab\u0378cd")).containsExactly("ab\u0378cd");
    }

    private static final String SHALOM = "\u05e9\u05dc\u05d5\u05dd";

    /**
     * A trial's marketplace reviews: bidi isolates that web pages wrap around users' text glued to words ({@code \u2067המוצר}),
     * and the emoji presentation selector U+FE0F and zero-width joiner U+200D were words of their own (a lone U+FE0F was
     * classified as a text). Rules version 5 removes every format character (Cf) but U+200B, and the variation selectors.
     */
    @Test
    void rulesVersion5RemovesEveryInvisibleFormatCharacterAndVariationSelector() {
        Tokenizer t = Tokenizer.defaults();
        assertThat(t.rulesVersion()).isEqualTo(5).isEqualTo(Tokenizer.RULES_VERSION);
        assertThat(t.tokenize("\u2068" + SHALOM + "\u2069")).isEqualTo(t.tokenize(SHALOM)).containsExactly(SHALOM);
        assertThat(t.tokenize("\u2067" + SHALOM + " \u202Bgood\u202C \u202Aok\u202E \u2066x\u2069 \u061Cy\u180E"))
                .containsExactly(SHALOM, "good", "ok", "x", "y");
        assertThat(t.tokenize("\uFE0F")).isEmpty();
        assertThat(t.tokenize("\u200D\uFE0E\u200C")).isEmpty();
        String shrug = new String(Character.toChars(0x1F937));
        assertThat(t.tokenize(shrug + "\u200D\u2640\uFE0F")).containsExactly(shrug, "\u2640");
        assertThat(t.tokenize("\u2764\uFE0F great")).containsExactly("\u2764", "great");
        // an ideographic variation selector (supplement, outside the BMP) and a tag character are removed too
        assertThat(t.tokenize("\u845B" + new String(Character.toChars(0xE0100)) + "x" + new String(Character.toChars(0xE0067))))
                .containsExactly("\u845Bx");
        // the zero-width space still separates words, the version 4 characters are still removed
        assertThat(t.tokenize("in\u00ADvoice invoice\u200Brefund")).containsExactly("invoice", "invoice", "refund");

        // version 4 (a model saved before version 5 was recorded) keeps its exact tokenization
        Tokenizer old = t.withRulesVersion(Tokenizer.UNRECORDED_RULES_VERSION);
        assertThat(old.tokenize("\u2068" + SHALOM + "\u2069")).containsExactly("\u2068" + SHALOM + "\u2069");
        assertThat(old.tokenize("\uFE0F")).containsExactly("\uFE0F");
        assertThat(old.tokenize(shrug + "\u200D\u2640\uFE0F")).containsExactly(shrug, "\u200D", "\u2640", "\uFE0F");
        assertThat(old.rules()).startsWith("rnnlab-tokenizer 4: 1. remove U+00AD, U+2060, U+FEFF, U+200E and U+200F;");
    }

    /** Chinese, Japanese and Thai written without spaces: {@code tokenize=chars} makes every code point a token. */
    @Test
    void charsModeMakesEveryCodePointButWhiteSpaceAToken() {
        Tokenizer chars = Tokenizer.defaults().withUnit(Tokenizer.Unit.CHARS);
        assertThat(chars.tokenize("\u3053\u306e\u5546\u54c1\u306f\u6700\u9ad8\u3002"))
                .containsExactly("\u3053", "\u306e", "\u5546", "\u54c1", "\u306f", "\u6700", "\u9ad8", "\u3002");
        String grin = new String(Character.toChars(0x1F600));
        String bold = new String(Character.toChars(0x1D406)); // MATHEMATICAL BOLD CAPITAL G: a surrogate pair, one token
        assertThat(chars.tokenize(" Ab\tc" + grin + "\u00a0\u200b" + bold + "\uFE0F ")).containsExactly("a", "b", "c", grin, bold);
        assertThat(chars.tokenize(" \n\u3000")).isEmpty();
        // NFC first: a decomposed accent is one token, as typed composed
        assertThat(chars.tokenize("e\u0301")).containsExactly("\u00e9");
        assertThat(chars.withLowerCase(false).tokenize("Ab")).containsExactly("A", "b");
        assertThat(chars.rules()).startsWith("rnnlab-tokenizer 5:").contains("every other code point is a token of its own")
                .doesNotContain("runs of the other code points", "categories P*");
        assertThat(chars.summary()).isEqualTo("characters (tokenize=chars), lower-cased, NFC normalization, rules 5");
        assertThat(Tokenizer.Unit.parse(" Chars")).isEqualTo(Tokenizer.Unit.CHARS);
        assertThatThrownBy(() -> Tokenizer.Unit.parse("bigrams")).hasMessage("setting tokenize must be words, chars or mixed, got 'bigrams'");
    }

    /**
     * Files mixing unspaced scripts with spaced languages: {@code tokenize=mixed} makes every character of Han, Hiragana,
     * Katakana, Thai, Lao, Khmer and Myanmar a token and reads the rest as words (a trial's ten-language reviews scored 0.72
     * with chars, which broke the words of the other eight languages into letters, against 0.86 with words).
     */
    @Test
    void mixedModeSplitsUnspacedScriptsIntoCharactersAndKeepsOtherWords() {
        Tokenizer mixed = Tokenizer.defaults().withUnit(Tokenizer.Unit.MIXED);
        // Japanese with Latin, a full-width digit (Common, a word), punctuation and an apostrophe
        assertThat(mixed.tokenize("この商品はGreatです。 Don't ５点!"))
                .containsExactly("こ", "の", "商", "品", "は", "great", "で", "す", "。", "don't",
                        "５", "点", "!");
        // Thai with its vowel marks (Thai script: tokens too, as in chars), Lao, Khmer, Myanmar; Hangul and Arabic stay words
        assertThat(mixed.tokenize("สินค้า ລາວ ខ្ម မြ"))
                .containsExactly("ส", "ิ", "น", "ค", "้", "า", "ລ", "າ", "ວ", "ខ",
                        "្", "ម", "မ", "ြ");
        assertThat(mixed.tokenize("한국어 ممتاز מעולה товар"))
                .containsExactly("한국어", "ممتاز", "מעולה",
                        "товар");
        // the prolonged sound mark is Common: a word of its own between kana; a Han ideograph outside the BMP is one token
        String ext = new String(Character.toChars(0x20BB7));
        assertThat(mixed.tokenize("ラーメン" + ext + "x")).containsExactly("ラ", "ー", "メ", "ン", ext, "x");
        // chars would break the spaced words up; words keeps the Japanese phrase whole
        assertThat(Tokenizer.defaults().tokenize("最高great")).containsExactly("最高great");
        assertThat(mixed.tokenize("最高great")).containsExactly("最", "高", "great");
        assertThat(mixed.rules()).startsWith("rnnlab-tokenizer 5:").contains("Han, Hiragana, Katakana, Thai, Lao, Khmer and Myanmar",
                "categories P*", "runs of the other code points are words");
        assertThat(mixed.summary()).isEqualTo("words, characters of unspaced scripts (tokenize=mixed), lower-cased, NFC normalization, "
                + "rules 5");
        assertThat(Tokenizer.Unit.parse("MIXED ")).isEqualTo(Tokenizer.Unit.MIXED);
    }

    /**
     * The fixed table of unspaced code points is exactly the seven scripts as Java 17 (Unicode 13) assigns them, the set the
     * unsegmented-text warning counts; a newer JDK may assign more code points to them, none fewer.
     */
    @Test
    void unspacedRangesAreTheUnspacedScriptsOfUnicode13() {
        boolean java17 = Runtime.version().feature() == 17;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            boolean script = TextDataset.UNSPACED_SCRIPTS.contains(Character.UnicodeScript.of(cp));
            if (Tokenizer.isUnspaced(cp)) {
                assertThat(script).as("U+%04X", cp).isTrue();
            } else if (java17) {
                assertThat(script).as("U+%04X", cp).isFalse();
            }
        }
    }

    /** Turkish: the locale-free lower-casing maps \u0130 to i + U+0307 and I to i; {@code lowerCase=false} keeps case. */
    @Test
    void lowerCaseFalseKeepsCaseForTurkish() {
        Tokenizer keep = Tokenizer.defaults().withLowerCase(false);
        assertThat(Tokenizer.defaults().tokenize("\u0130Y\u0130 KIRIK")).containsExactly("i\u0307yi\u0307", "kirik");
        assertThat(keep.tokenize("\u0130Y\u0130 KIRIK \u0131\u015f\u0131k")).containsExactly("\u0130Y\u0130", "KIRIK", "\u0131\u015f\u0131k");
        assertThat(keep.rules()).doesNotContain("lower-case");
        assertThat(keep.summary()).isEqualTo("words (tokenize=words), case kept (lowerCase=false), NFC normalization, rules 5");
    }

    /** {@code MIXED} is stored with the model and read back: the encoder JSON round-trips and encodes new text alike. */
    @Test
    void mixedUnitRoundTripsThroughTheEncoderJson() {
        Vocabulary v = Vocabulary.of(List.of("最", "高", "great"));
        TextEncoder e = new TextEncoder(Tokenizer.defaults().withUnit(Tokenizer.Unit.MIXED), v, 8, Truncation.KEEP_TAIL);
        assertThat(e.toJson()).contains("\"tokenize\":\"MIXED\"", "\"rulesVersion\":5");
        TextEncoder back = TextEncoder.fromJson(e.toJson());
        assertThat(back).isEqualTo(e);
        assertThat(back.tokenizer().unit()).isEqualTo(Tokenizer.Unit.MIXED);
        assertThat(back.encodeIds("最高 GREAT高 ok")).containsExactly(2, 3, 4, 3, 1);
    }

    /**
     * The unit and rules version are stored with the model: they round-trip, and an encoder JSON written before they were
     * recorded reads as words by rules version 4, as such models were trained.
     */
    @Test
    void unitAndRulesVersionAreStoredAndOldEncodersReadAsBefore() {
        Vocabulary v = Vocabulary.of(List.of("\u0130", "y"));
        TextEncoder e = new TextEncoder(Tokenizer.defaults().withUnit(Tokenizer.Unit.CHARS).withLowerCase(false), v, 5,
                Truncation.KEEP_HEAD);
        assertThat(e.toJson()).contains("\"lowerCase\":false", "\"tokenize\":\"CHARS\"", "\"rulesVersion\":5");
        TextEncoder back = TextEncoder.fromJson(e.toJson());
        assertThat(back).isEqualTo(e);
        assertThat(back.encodeIds("\u0130Y\u2069")).containsExactly(2, 1);

        String old = e.toJson().replace(",\"tokenize\":\"CHARS\",\"rulesVersion\":5", "");
        assertThat(old).doesNotContain("tokenize", "rulesVersion");
        Tokenizer read = TextEncoder.fromJson(old).tokenizer();
        assertThat(read.unit()).isEqualTo(Tokenizer.Unit.WORDS);
        assertThat(read.rulesVersion()).isEqualTo(4);
        assertThat(read.tokenize("\u2068x\u2069")).containsExactly("\u2068x\u2069");

        assertThatThrownBy(() -> TextEncoder.fromJson(e.toJson().replace("\"CHARS\"", "\"BYTES\"")))
                .hasMessageContaining("tokenize \"BYTES\" is not one of [WORDS, CHARS, MIXED]");
        assertThatThrownBy(() -> TextEncoder.fromJson(e.toJson().replace("\"rulesVersion\":5", "\"rulesVersion\":6")))
                .hasMessageContaining("rulesVersion is 6 (expected 4 to 5; a model saved by a newer rnnlab");
    }

    @Test
    void charsAndMixedEncodersAreVersion2SoOlderRnnlabRefusesThemAndLaterVersionsAskForAnUpdate() {
        Vocabulary v = Vocabulary.of(List.of("a", "b"));
        TextEncoder words = new TextEncoder(Tokenizer.defaults(), v, 5, Truncation.KEEP_HEAD);
        TextEncoder chars = new TextEncoder(Tokenizer.defaults().withUnit(Tokenizer.Unit.CHARS), v, 5, Truncation.KEEP_HEAD);
        TextEncoder mixed = new TextEncoder(Tokenizer.defaults().withUnit(Tokenizer.Unit.MIXED), v, 5, Truncation.KEEP_HEAD);
        assertThat(words.toJson()).contains("\"version\":1,");
        assertThat(chars.toJson()).contains("\"version\":2,");
        assertThat(mixed.toJson()).contains("\"version\":2,");
        assertThat(TextEncoder.fromJson(chars.toJson())).isEqualTo(chars);
        assertThat(TextEncoder.fromJson(mixed.toJson())).isEqualTo(mixed);
        assertThat(TextEncoder.fromJson(words.toJson())).isEqualTo(words);
        // a chars encoder saved as version 1 before this change still reads as chars
        assertThat(TextEncoder.fromJson(chars.toJson().replace("\"version\":2,", "\"version\":1,"))).isEqualTo(chars);
        assertThatThrownBy(() -> TextEncoder.fromJson(chars.toJson().replace("\"version\":2,", "\"version\":4,")))
                .hasMessage("text encoder JSON version 4 was written by a later rnnlab (this one reads versions 1 to 3): "
                        + "update rnnlab to read this model");
        assertThatThrownBy(() -> TextEncoder.fromJson(chars.toJson().replace("\"version\":2,", "")))
                .hasMessageStartingWith("not a text encoder JSON");
    }
}

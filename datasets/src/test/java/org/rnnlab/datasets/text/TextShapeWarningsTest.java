package org.rnnlab.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * What a text file says about how it reads: symbol strings written as one word per text (DNA) are pointed to one
 * character per word, and a maximum length that cuts a fifth or more of the texts is warned of.
 */
class TextShapeWarningsTest {

    @TempDir
    Path dir;

    private Path tsv(String name, int texts, java.util.function.IntFunction<String> text) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < texts; i++) {
            b.append(i % 2 == 0 ? "pos" : "neg").append('\t').append(text.apply(i)).append('\n');
        }
        return Files.writeString(dir.resolve(name), b);
    }

    private static String dna(Random r, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append("ACGT".charAt(r.nextInt(4)));
        }
        return s.toString();
    }

    @Test
    void symbolStringsAsOneWordPerTextArePointedToOneCharacterPerWord() throws Exception {
        Random r = new Random(1);
        Path file = tsv("dna.tsv", 60, i -> dna(r, 40 + i));
        assertThatThrownBy(() -> TextDataset.fromTsv(file, TextDataset.Config.defaults()))
                .hasMessageContaining("42 of the 42 training texts are one word each (e.g. '")
                .hasMessageContaining("write them separated by spaces (Python: ' '.join(s)), one character per word");
        List<String> warned = LoggedWarnings.of(TextDataset.class,
                () -> TextDataset.fromTsv(file, TextDataset.Config.defaults().withMinFrequency(1)));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("training texts are one word each (e.g. '")
                .contains("...' of ").contains("characters)"));
        // the same strings one character per word: no such warning
        Random again = new Random(1);
        Path spaced = tsv("spaced.tsv", 60, i -> String.join(" ", dna(again, 40 + i).split("")));
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(spaced, TextDataset.Config.defaults()
                .withMaxLength(128, Truncation.KEEP_TAIL)))).noneMatch(w -> w.contains("one word each") || w.contains("maxLength"));
    }

    @Test
    void textsOfNoKnownWordAndUnspacedStringsAmongSpacedOnesAreWarnedOfInTraining() throws Exception {
        // a trial's DNA file: 5% of its lines written without spaces trained on 68 examples that were only <unk>, silently
        Random r = new Random(2);
        Path file = tsv("mixed.tsv", 400, i -> i % 20 == 7 ? dna(r, 60) : String.join(" ", dna(r, 60).split("")));
        List<String> warned = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(file, TextDataset.Config.defaults()));
        assertThat(warned).singleElement().satisfies(w -> assertThat(w)
                .containsPattern("^text: 16 of the 280 training texts, 1 of the 60 validation texts and 3 of the 60 test texts "
                        + "have no word of the vocabulary \\(training mixed.tsv:\\d+, mixed.tsv:\\d+, ")
                .contains("their words: '").contains("...' of 60 characters (1)")
                .contains("the model reads each as <unk> alone, so it learns nothing of a training one but its label")
                .contains("; 20 of the 400 texts are one word each (e.g. mixed.tsv:8, '")
                .contains(") among texts of 60 words (the median): a text model reads words, and each such text is one word of its "
                        + "own; if they are symbol strings (DNA, protein, codes) written without spaces, write them one character "
                        + "per word as the others are (Python: ' '.join(s))"));
        // one such line among many: said as information, not warned
        Random again = new Random(2);
        Path one = tsv("one.tsv", 400, i -> i == 7 ? "gattaca" : String.join(" ", dna(again, 60).split("")));
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(one, TextDataset.Config.defaults()
                .withMaxLength(64, Truncation.KEEP_TAIL)))).isEmpty();
        assertThat(LoggedWarnings.infos(TextDataset.class, () -> TextDataset.fromTsv(one, TextDataset.Config.defaults())))
                .contains("1 of the 400 texts have no word of the vocabulary (e.g. one.tsv:8): too few to matter");
        // ordinary texts: no word of it
        String[] lexicon = "a the day fine grey rain sun with friends and we walked stayed home out long short it was very"
                .split(" ");
        Random w = new Random(4);
        Path words = tsv("words.tsv", 200, i -> java.util.stream.IntStream.range(0, 8).mapToObj(k -> lexicon[w.nextInt(lexicon.length)])
                .collect(java.util.stream.Collectors.joining(" ")));
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(words, TextDataset.Config.defaults()))).isEmpty();
    }

    @Test
    void aMaximumLengthThatCutsManyTextsIsWarnedOf() throws Exception {
        Path file = tsv("long.tsv", 40, i -> "word ".repeat(i < 20 ? 10 : 100).trim());
        List<String> warned = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(file, TextDataset.Config.defaults()));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("20 of the 40 texts (50%) are longer than maxLength 64 tokens "
                + "and are cut to it (KEEP_TAIL: the last 64 tokens are read, the rest not; the longest has 100)")
                .contains("raise --set maxLength (e.g. maxLength=100, which covers 95% of them) or read the other end with --set "
                        + "truncation=KEEP_HEAD (the first 64 tokens: the subject and opening lines"));
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(file, TextDataset.Config.defaults()
                .withMaxLength(100, Truncation.KEEP_TAIL)))).noneMatch(w -> w.contains("maxLength"));
    }

    @Test
    void aTenthOfTextsCutIsWarnedOfWithBothRemedies() throws Exception {
        // a trial's e-mail tickets: 17% cut, under the fifth warned of before, read by their signatures (0.468 accuracy)
        Path file = tsv("tenth.tsv", 100, i -> "word ".repeat(i % 10 != 0 ? 10 : i < 60 ? 70 : 200).trim());
        List<String> warned = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(file, TextDataset.Config.defaults()));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("10 of the 100 texts (10%) are longer than maxLength 64 tokens")
                .contains("the longest has 200").contains("--set maxLength (e.g. maxLength=70, which covers 95% of them)")
                .contains("--set truncation=KEEP_HEAD (the first 64 tokens"));
        // reading the head already: the other end is named
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(file, TextDataset.Config.defaults()
                .withMaxLength(64, Truncation.KEEP_HEAD)))).anySatisfy(w -> assertThat(w).contains("(KEEP_HEAD: the first 64")
                .contains("--set truncation=KEEP_TAIL (the last 64 tokens"));
        // 3 in 100 cut: said as information only
        Path few = tsv("few.tsv", 100, i -> "word ".repeat(i % 30 != 0 || i == 0 ? 10 : 70).trim());
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(few, TextDataset.Config.defaults())))
                .noneMatch(w -> w.contains("maxLength"));
    }

    private static final String[] JA = {"\u3053\u306e", "\u5546\u54c1", "\u306f", "\u3068\u3066\u3082", "\u826f\u3044",
            "\u3067\u3059", "\u60aa\u3044", "\u914d\u9001", "\u304c", "\u9045\u3044"};
    private static final String[] ZH = {"\u8fd9\u4e2a", "\u5546\u54c1", "\u975e\u5e38", "\u597d", "\u63a8\u8350", "\u5dee"};
    private static final String[] TH = {"\u0e2a\u0e34\u0e19\u0e04\u0e49\u0e32", "\u0e19\u0e35\u0e49", "\u0e14\u0e35",
            "\u0e21\u0e32\u0e01", "\u0e41\u0e22\u0e48", "\u0e2a\u0e48\u0e07"};
    private static final String[] EN = {"the", "product", "is", "very", "good", "bad", "delivery", "was", "slow", "fast"};

    /** {@code n} words of {@code words}, picked by {@code r}, joined by {@code sep}. */
    private static String words(Random r, String[] words, int n, String sep) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
            b.append(k == 0 ? "" : sep).append(words[r.nextInt(words.length)]);
        }
        return b.toString();
    }

    /**
     * A trial's marketplace reviews: Japanese, Chinese and Thai written without spaces, each review a few long "words"
     * (ending in '。' or not), among English ones: the script warning counts every such text, names the scripts with
     * their counts and points to tokenize=mixed (the file mixes languages) and segmenters, not to DNA; with tokenize=chars
     * or mixed there is nothing to say; a file of unspaced text only is pointed to tokenize=chars.
     */
    @Test
    void textsOfUnspacedScriptsAreCountedPerScriptAndPointedToTokenizeChars() throws Exception {
        Random r = new Random(4);
        Path file = tsv("reviews.tsv", 300, i -> switch (i % 6) {
            case 1 -> words(r, JA, 8, "") + "\u3002";
            case 3 -> words(r, ZH, 8, "") + "\uff01";
            case 5 -> words(r, TH, 5, "");
            default -> words(r, EN, 8, " ") + ".";
        });
        List<String> warned = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(file, TextDataset.Config.defaults()));
        assertThat(warned).anySatisfy(w -> assertThat(w).containsPattern("^text: 150 of the 300 texts hold words of 8 or more "
                        + "characters of a script written without spaces between words \\(\\D+ 50, \\D+ 50, \\D+ 50; "
                        + "e\\.g\\. reviews\\.tsv:\\d+, '")
                .contains("as 150 texts hold no character of these scripts, train with --set tokenize=mixed (every character "
                        + "of these scripts a token, other text still words; --set tokenize=chars would break",
                        "Chinese: jieba; Japanese: MeCab, SudachiPy; Thai: PyThaiNLP")
                .contains("Hiragana (Japanese) 50", "Han (Chinese) 50", "Thai 50"));
        assertThat(warned).noneMatch(w -> w.contains("DNA"));
        // mixed: nothing left to say either
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(file, TextDataset.Config.defaults().withTokenizer(
                Tokenizer.defaults().withUnit(Tokenizer.Unit.MIXED)).withMaxLength(128, Truncation.KEEP_TAIL))))
                .noneMatch(w -> w.contains("written without spaces") || w.contains("one word each"));
        // a file of unspaced text only (every text a few phrases) is pointed to chars first
        Path japanese = tsv("ja-only.tsv", 60, i -> words(r, JA, 8, "") + "\u3002" + words(r, JA, 8, ""));
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(japanese, TextDataset.Config.defaults())))
                .anySatisfy(w -> assertThat(w).contains("60 of the 60 texts hold words", "train with --set tokenize=chars (every "
                        + "character a token", "--set tokenize=mixed keeps words of other scripts whole").doesNotContain("as 0 texts"));
        // read one character per token, the same file has no such words
        assertThat(LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(file, TextDataset.Config.defaults().withTokenizer(
                Tokenizer.defaults().withUnit(Tokenizer.Unit.CHARS)).withMaxLength(128, Truncation.KEEP_TAIL))))
                .noneMatch(w -> w.contains("written without spaces") || w.contains("one word each"));
        // a short run (a word, not a phrase) is no such word
        assertThat(TextDataset.unsegmentedScript("\u5546\u54c1\u3002")).isNull();
        assertThat(TextDataset.unsegmentedScript("\u0e2a\u0e34\u0e19\u0e04\u0e49\u0e32\u0e19\u0e35\u0e49"))
                .isEqualTo(Character.UnicodeScript.THAI);
        assertThat(TextDataset.unsegmentedScript("internationalization")).isNull();
    }

    /** Texts that are one word each in an unspaced script, for nearly every text: pointed to tokenize=chars, not to DNA. */
    @Test
    void oneWordTextsOfAnUnspacedScriptArePointedToTokenizeChars() throws Exception {
        Random r = new Random(5);
        Path file = tsv("ja.tsv", 60, i -> words(r, JA, 8, ""));
        assertThatThrownBy(() -> TextDataset.fromTsv(file, TextDataset.Config.defaults()))
                .hasMessageContaining("training texts are one word each (e.g. '")
                .hasMessageContaining("train with --set tokenize=chars (every character a token)")
                .hasMessageNotContaining("DNA");
    }

    /** Lengths in warnings are code points, and a word is never cut inside a surrogate pair (a trial's '?' in a warning). */
    @Test
    void quotedWordsCountAndCutCodePoints() {
        String bold = new String(Character.toChars(0x1D406));
        String word = "x" + bold.repeat(29);
        assertThat(UnknownWords.quoted(word)).isEqualTo("'x" + bold.repeat(23) + "...' of 30 characters");
        assertThat(UnknownWords.quoted("x" + bold.repeat(23))).isEqualTo("'x" + bold.repeat(23) + "'");
    }
}

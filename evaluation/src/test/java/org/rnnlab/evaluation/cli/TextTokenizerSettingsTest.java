package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.text.TextEncoder;
import org.rnnlab.datasets.text.Tokenizer;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;

/**
 * A trial's multilingual marketplace reviews: Japanese written without spaces and Turkish in capitals. {@code --set
 * tokenize=chars --set lowerCase=false} is stored with the model, and predict and the Java API read new text by it (every
 * character a token, case kept, invisible format characters removed), so that an unseen sentence of known characters has
 * known tokens and is classified, and predict says which tokenizer the model has.
 */
class TextTokenizerSettingsTest {

    private static final String[] GOOD = {"\u826f\u3044", "\u6700\u9ad8", "\u0130Y\u0130"};           // 良い 最高 İYİ
    private static final String[] BAD = {"\u60aa\u3044", "\u9045\u3044", "KIRIK"};                     // 悪い 遅い KIRIK
    private static final String[] FILLER = {"\u3053\u306e", "\u5546\u54c1", "\u306f", "\u3067\u3059", "\u914d\u9001", "\u304c"};

    private static String review(Random r, String[] words) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            b.append(FILLER[r.nextInt(FILLER.length)]);
        }
        b.append(words[r.nextInt(words.length)]).append(FILLER[r.nextInt(FILLER.length)]).append('\u3002');
        return b.toString();
    }

    @Test
    void charsAndCaseKeptAreStoredAndUsedByPredictAndTheJavaApi(@TempDir Path dir) throws Exception {
        Random r = new Random(7);
        List<String> lines = new ArrayList<>(List.of("label\ttext"));
        for (int i = 0; i < 120; i++) {
            lines.add(i % 2 == 0 ? "pos\t" + review(r, GOOD) : "neg\t" + review(r, BAD));
        }
        Path train = Files.write(dir.resolve("train.tsv"), lines);
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "text", "--train", train.toString(), "--set", "tokenize=chars", "--set",
                "lowerCase=false", "--hidden", "8", "--epochs", "15", "--seed", "1", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        Path model = out.resolve("model.rnnlab");

        SequenceClassifier loaded = ModelBundle.load(model);
        TextEncoder encoder = loaded.card().encoder().orElseThrow();
        assertThat(encoder.tokenizer().unit()).isEqualTo(Tokenizer.Unit.CHARS);
        assertThat(encoder.tokenizer().lowerCase()).isFalse();
        assertThat(encoder.tokenizer().rulesVersion()).isEqualTo(Tokenizer.RULES_VERSION);
        // single characters, capitals kept: İ and I are words of their own, not i + U+0307 and i
        assertThat(encoder.vocabulary().words()).contains("\u826f", "\u60aa", "\u0130", "I", "Y", "K", "\u3002")
                .doesNotContain("i", "\u826f\u3044", "\u0130y\u0130");

        // new sentences never seen whole, of known characters; one wrapped in bidi isolates, one with U+FE0F
        String good = "\u914d\u9001\u304c\u6700\u9ad8\u3067\u3059\u3002";                 // 配送が最高です。
        String bad = "\u2068\u3053\u306e\u5546\u54c1\u306fKIRIK\u3067\u3059\u2069\ufe0f";  // ⁨この商品はKIRIKです⁩️
        Path input = Files.writeString(dir.resolve("new.tsv"), "id\ttext\ng1\t" + good + "\nb1\t" + bad + "\n");
        Run predicted = run("predict", "--model", model.toString(), "--input", input.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(predicted.err()).contains("predict: note: the model's tokenizer: characters (tokenize=chars), case kept "
                + "(lowerCase=false), NFC normalization, rules 5").doesNotContain("no word of the model's vocabulary");
        String[] rows = predicted.out().split("\\R");
        assertThat(rows[0]).isEqualTo("id,label,p_neg,p_pos,tokens,truncated,unknown_words,many_unknown_words,low_confidence,reason");
        assertThat(rows[1]).startsWith("g1,pos,");
        assertThat(rows[2]).startsWith("b1,neg,");
        // the Java API reads them alike
        List<SequenceClassifier.Prediction> api = loaded.predictTexts(List.of(good, bad));
        assertThat(api.get(0).label()).isEqualTo("pos");
        assertThat(api.get(1).label()).isEqualTo("neg");
        assertThat(encoder.tokenizer().tokenize(bad)).containsExactly("\u3053", "\u306e", "\u5546", "\u54c1", "\u306f", "K", "I", "R",
                "I", "K", "\u3067", "\u3059");
        assertThat(Double.parseDouble(rows[1].split(",")[3])).isCloseTo(api.get(0).probabilities()[1],
                org.assertj.core.api.Assertions.within(1e-5));

        // evaluate reads the labelled file by the model's tokenizer too
        Run evaluated = run("evaluate", "--model", model.toString(), "--input", train.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isZero();

        // a value the setting does not know is refused by name
        Run refused = run("train", "--dataset", "text", "--train", train.toString(), "--set", "tokenize=bigrams", "--epochs", "1",
                "--quiet", "--out", dir.resolve("bad").toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("setting tokenize must be words, chars or mixed, got 'bigrams'");
    }

    /**
     * A trial's supplier notes typed full-width by a Chinese input method ({@code ６２０５－２ＲＳ} for {@code 6205-2RS}):
     * {@code --set normalization=NFKC} is stored with the model, and predict reads new full-width text as the ASCII words
     * trained on, and says which tokenizer the model has; a setting of another form is refused.
     */
    @Test
    void nfkcIsStoredAndPredictReadsFullWidthFormsAsTheAsciiWordsTrainedOn(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(List.of("label\ttext"));
        for (int i = 0; i < 60; i++) {
            lines.add(i % 2 == 0 ? "bearing\tbearing 6205-2RS noisy DE side " + i % 5 : "seal\tmech seal leaking NDE side " + i % 5);
        }
        Path train = Files.write(dir.resolve("train.tsv"), lines);
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "text", "--train", train.toString(), "--set", "normalization=NFKC", "--hidden", "4",
                "--epochs", "3", "--seed", "1", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        Path model = out.resolve("model.rnnlab");
        TextEncoder encoder = ModelBundle.load(model).card().encoder().orElseThrow();
        assertThat(encoder.tokenizer().normalization()).isEqualTo(org.rnnlab.datasets.text.TextNormalization.NFKC);
        assertThat(encoder.encodeIds("\uff16\uff12\uff10\uff15\uff0d\uff12\uff32\uff33 \uff24\uff25"))
                .containsExactly(encoder.encodeIds("6205-2rs de")).doesNotContain(1);
        Path input = Files.writeString(dir.resolve("new.tsv"), "id\ttext\nn1\t\uff16\uff12\uff10\uff15\uff0d\uff12\uff32\uff33\n");
        Run predicted = run("predict", "--model", model.toString(), "--input", input.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(predicted.err()).contains("predict: note: the model's tokenizer: words (tokenize=words), lower-cased, NFKC "
                + "normalization").doesNotContain("no word of the model's vocabulary");
        Run refused = run("train", "--dataset", "text", "--train", train.toString(), "--set", "normalization=NFD", "--quiet",
                "--out", dir.resolve("refused").toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("setting normalization must be NFC", "or NFKC");
    }
}

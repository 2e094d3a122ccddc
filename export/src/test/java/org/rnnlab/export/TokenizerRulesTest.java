package org.rnnlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.ForwardingSequenceDataset;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.text.TextDataset;
import org.rnnlab.datasets.text.TextEncoder;
import org.rnnlab.datasets.text.TextNormalization;
import org.rnnlab.datasets.text.Tokenizer;
import org.rnnlab.datasets.text.Truncation;
import org.rnnlab.training.SequenceClassifier;

/**
 * The README's rules for feeding an exported text model ("Feeding a text model") are complete: its Python function,
 * run by python3 on the metadata of an exported model and nothing else, gives the token ids rnnlab gives on texts
 * that exercise every rule (composed and decomposed accents, apostrophes inside and outside words, every kind of
 * white space, the invisible characters removed or read as white space, symbols outside the Basic Multilingual Plane, Greek final sigma, truncation), and ONNX Runtime on
 * those ids gives rnnlab's probabilities. Skipped where python3 is missing, as the ONNX checker is.
 */
class TokenizerRulesTest {
    static final Path PYTHON = Path.of(OnnxCheckerTest.PYTHON);

    static final List<String> TEXTS = List.of(
            "Caf\u00e9 cr\u00e8me, br\u00fbl\u00e9e & jalape\u00f1o!",
            "Cafe\u0301 cre\u0300me, bru\u0302le\u0301e & jalapen\u0303o!",
            "Don't say \u201cit\u2019s\u201d: 'quoted' \u2014 CAFE\u0301'S l'\u00e9t\u00e9 rock'n'roll ' x' 'y",
            "tab\there\u00a0nbsp\u2003em\u2028ls\u2029ps\u0085nel\u001fus\u000bvt end",
            "great\ud83e\udee0 good\ud83e\udee0great \ud83e\udee0 ab\u0378cd",
            "pizza\ud83c\udf55 \u20ac5 3\u00bd \u0663\u0664 \u03a3\u039f\u03a6\u039f\u03a3 \u0130stanbul \u01c5 \uff21\uff22\uff23 \ufb01ne na\u00efve",
            "in\u00advoice caf\u00e9\u200bcr\u00e8me \ufeffmatch go\u2060al cafe\u00ad\u0301 z\u200cw\u200dj \u200fshalom\u200e rtl\u200f.",
            "match goal ball team ".repeat(40).trim() + " caf\u00e9",
            // rules version 5: bidi isolates and embeddings, the Arabic letter mark, ZWJ and emoji selectors, a tag character
            "\u2068\u05e9\u05dc\u05d5\u05dd\u2069 \u2067caf\u00e9\u2069 \u202Bx\u202C \u061Cy \ud83e\udd37\u200d\u2640\ufe0f "
                    + "\u2764\ufe0f \ufe0f \u845b\udb40\udd00 \udb40\udc67sport",
            // unspaced Japanese, Turkish capitals, a letter outside the BMP
            "\u3053\u306e\u5546\u54c1\u306f\u6700\u9ad8\u3067\u3059\u3002 \u0130Y\u0130 KIRIK \u0131\u015f\u0131k \ud835\udc06ood",
            // unspaced scripts amid words: kana with the Common prolonged sound mark, Thai with marks, Lao, Khmer, Myanmar,
            // a Han ideograph outside the BMP, a full-width digit, Hangul (spaced), an apostrophe between Han letters
            "\u30e9\u30fc\u30e1\u30f3great\u5546\u54c1 \u0e2a\u0e34\u0e19\u0e04\u0e49\u0e32ok \u0ea5\u0eb2\u0ea7 \u1781\u17d2\u1798 "
                    + "\u1019\u103c \ud842\udfb7x \uff15\u70b9 \ud55c\uad6d\uc5b4 \u5546'\u54c1 caf\u00e9\u5546",
            // compatibility forms NFKC changes: full-width letters, digits and punctuation as Chinese and Japanese input
            // methods type them, the ideographic space, half-width katakana with a voiced mark, superscripts, circled digits
            "\u8f74\u627f\uff16\uff12\uff10\uff15\uff0d\uff12\uff32\uff33\u3000\uff08\uff24\uff25\uff09 \uff76\uff9e "
                    + "m\u00b2 \u2460 \u2474 \u33a1 \uff2d\uff41\uff54\uff43\uff48 \uff47\uff4f\uff41\uff4c");

    @Test
    void thePythonFunctionOfTheReadmeGivesRnnlabsIdsFromTheMetadata(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "python3 is not installed; skipped");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            lines.add(i % 2 == 0 ? "food\tcaf\u00e9 cr\u00e8me br\u00fbl\u00e9e jalape\u00f1o don't it\u2019s ! \u20ac " + (i % 4)
                    : "sport\tmatch goal ball team \u03c3\u03bf\u03c6\u03bf\u03c2 \u0130stanbul " + (i % 4));
        }
        TextDataset data = TextDataset.fromTsv(Files.write(dir.resolve("train.tsv"), lines),
                TextDataset.Config.defaults().withMinFrequency(1).withMaxLength(12, Truncation.KEEP_TAIL));
        check(data, dir.resolve("nfc"));

        // a model saved before rnnlab normalized: its metadata says NONE, and the function must not normalize either; nor
        // remove more than rules version 4's five characters
        TextEncoder e = data.encoder();
        TextEncoder none = new TextEncoder(new Tokenizer(true, true, TextNormalization.NONE), e.vocabulary(), 7, Truncation.KEEP_HEAD);
        check(new WithEncoder(data, none), dir.resolve("none"));

        // characters as tokens, case kept (unspaced Japanese, Turkish): the function reads the metadata's tokenize and lowerCase
        List<String> unspaced = new ArrayList<>(lines);
        for (int i = 0; i < 16; i++) {
            unspaced.add(i % 2 == 0 ? "food\t\u3053\u306e\u5546\u54c1\u306f\u6700\u9ad8\u3067\u3059 \u0130Y\u0130 CAF\u00c9 " + i
                    : "sport\t\u8a66\u5408\u306b\u52dd\u3063\u305f KIRIK \u0131\u015f\u0131k " + i);
        }
        TextDataset chars = TextDataset.fromTsv(Files.write(dir.resolve("chars.tsv"), unspaced), TextDataset.Config.defaults()
                .withMinFrequency(1).withMaxLength(40, Truncation.KEEP_TAIL).withTokenizer(Tokenizer.defaults()
                        .withUnit(Tokenizer.Unit.CHARS).withLowerCase(false)));
        assertThat(chars.encoder().vocabulary().id("\u0130")).isNotEqualTo(1);
        check(chars, dir.resolve("chars"));

        // unspaced scripts as characters, other text as words (a file mixing languages): the function reads MIXED and its
        // table of unspaced code points gives rnnlab's tokens, Thai, Lao, Khmer, Myanmar and CJK outside the BMP included
        TextDataset mixed = TextDataset.fromTsv(dir.resolve("chars.tsv"), TextDataset.Config.defaults()
                .withMinFrequency(1).withMaxLength(40, Truncation.KEEP_TAIL).withTokenizer(Tokenizer.defaults()
                        .withUnit(Tokenizer.Unit.MIXED)));
        assertThat(mixed.encoder().vocabulary().id("caf\u00e9")).isGreaterThan(1);
        assertThat(mixed.encoder().vocabulary().id("\u5546")).isGreaterThan(1);
        check(mixed, dir.resolve("mixed"));

        // NFKC (--set normalization=NFKC): full-width forms read as ASCII; the function reads the metadata's normalization
        List<String> fullWidth = new ArrayList<>(lines);
        for (int i = 0; i < 16; i++) {
            fullWidth.add(i % 2 == 0 ? "food\t\u8f74\u627f 6205-2RS (DE) caf\u00e9 m2 " + i : "sport\tmatch goal ball (NDE) " + i);
        }
        TextDataset nfkc = TextDataset.fromTsv(Files.write(dir.resolve("nfkc.tsv"), fullWidth), TextDataset.Config.defaults()
                .withMinFrequency(1).withMaxLength(40, Truncation.KEEP_TAIL).withTokenizer(Tokenizer.defaults()
                        .withUnit(Tokenizer.Unit.MIXED).withNormalization(TextNormalization.NFKC)));
        assertThat(nfkc.encoder().encodeIds("\uff16\uff12\uff10\uff15\uff0d\uff12\uff32\uff33"))
                .containsExactly(nfkc.encoder().encodeIds("6205-2rs")).doesNotContain(1);
        check(nfkc, dir.resolve("nfkc"));
    }

    private static void check(SequenceDataset data, Path dir) throws Exception {
        Files.createDirectories(dir);
        SequenceClassifier model = ExportedModels.bundle(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6)), data, dir, 3);
        TextEncoder encoder = model.card().encoder().orElseThrow();
        Path onnx = dir.resolve("model.onnx");
        OnnxExporter.write(model, onnx);
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertThat(meta.get("tokenizer_rules")).isEqualTo(encoder.rules())
                    .startsWith("rnnlab-tokenizer " + encoder.tokenizer().rulesVersion() + ":");
            assertThat(meta.get("text_encoder")).contains("\"normalization\":\"" + encoder.tokenizer().normalization() + "\"",
                    "\"tokenize\":\"" + encoder.tokenizer().unit() + "\"", "\"rulesVersion\":" + encoder.tokenizer().rulesVersion(),
                    "\"lowerCase\":" + encoder.tokenizer().lowerCase());

            List<int[]> python = pythonIds(meta.get("text_encoder"), dir);
            List<float[][]> sequences = new ArrayList<>();
            for (int i = 0; i < TEXTS.size(); i++) {
                assertThat(python.get(i)).as("text %d: %s", i, TEXTS.get(i)).containsExactly(encoder.encodeIds(TEXTS.get(i)));
                float[][] values = new float[python.get(i).length][1];
                for (int t = 0; t < values.length; t++) {
                    values[t][0] = python.get(i)[t];
                }
                sequences.add(values);
            }
            ExportedModels.Answer answer = ExportedModels.run(session, sequences, true, 0);
            List<SequenceClassifier.Prediction> expected = model.predictTexts(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                for (int c = 0; c < model.labelNames().size(); c++) {
                    assertThat((double) answer.probabilities()[i][c]).isCloseTo(expected.get(i).probabilities()[c], within(1e-5));
                }
            }
        }
    }

    /** The function of the README's {@code python} block that defines {@code token_ids}, applied by python3 to {@link #TEXTS}. */
    private static List<int[]> pythonIds(String textEncoder, Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "docs", "guide", "onnx.md"));
        int def = readme.indexOf("def token_ids(");
        assertThat(def).as("README defines token_ids").isPositive();
        int start = readme.lastIndexOf("```python\n", def) + "```python\n".length();
        String function = readme.substring(start, readme.indexOf("```", def));
        String program = function + "\nimport json, sys\nrequest = json.load(sys.stdin)\n"
                + "print(json.dumps([token_ids(t, json.loads(request['encoder'])) for t in request['texts']]))\n";
        Path script = Files.writeString(dir.resolve("token_ids.py"), program);
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString()).redirectError(dir.resolve("stderr.txt").toFile()).start();
        p.getOutputStream().write(Json.writeCompact(Map.of("encoder", textEncoder, "texts", TEXTS)).getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
        List<int[]> ids = new ArrayList<>();
        for (JsonNode row : Json.mapper().readTree(out)) {
            int[] r = new int[row.size()];
            for (int t = 0; t < r.length; t++) {
                r[t] = row.get(t).asInt();
            }
            ids.add(r);
        }
        return ids;
    }

    /** A dataset with another text encoder, as a model saved by an earlier rnnlab has. */
    private static final class WithEncoder extends ForwardingSequenceDataset {
        private final TextEncoder encoder;

        WithEncoder(SequenceDataset data, TextEncoder encoder) {
            super(data);
            this.encoder = encoder;
        }

        @Override
        public Optional<TextEncoder> textEncoder() {
            return Optional.of(encoder);
        }

        @Override
        public SequenceDataset limit(int maxPerSplit) {
            return new WithEncoder(data.limit(maxPerSplit), encoder);
        }
    }
}

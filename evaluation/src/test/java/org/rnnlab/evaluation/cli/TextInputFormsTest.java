package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * Text as users have it, through train, predict and evaluate: accents typed composed (NFC) or decomposed (NFD, as
 * macOS often stores them) are the same words, and texts longer than the model's maximum length are named on
 * standard error, since the model reads only part of them.
 */
class TextInputFormsTest {

    @Test
    void decomposedAccentsAreKnownWordsAndCutTextsAreNamed(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add(i % 2 == 0 ? "food\tcaf\u00e9 cr\u00e8me br\u00fbl\u00e9e jalape\u00f1o " + (i % 5)
                    : "sport\tmatch goal ball team " + (i % 5));
        }
        Path out = dir.resolve("run");
        Run train = run("train", "--dataset", "text", "--train", Files.write(dir.resolve("train.tsv"), lines).toString(),
                "--set", "minFrequency=1", "--set", "maxLength=6", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Path model = out.resolve("model.rnnlab");
        assertThat(new String(readCard(model))).contains("\"normalization\" : \"NFC\"");

        String nfc = "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e jalape\u00f1o";
        String nfd = "cafe\u0301 cre\u0300me bru\u0302le\u0301e jalapen\u0303o";
        String tooLong = "match goal ball team ".repeat(750).trim(); // 3000 words
        Path input = Files.writeString(dir.resolve("new.txt"), nfc + "\n" + nfd + "\n\n" + tooLong + "\n" + tooLong + " team\n");
        Run p = run("predict", "--model", model.toString(), "--input", input.toString());
        assertThat(p.code()).as(p.err()).isZero();
        List<String> rows = p.out().lines().skip(1).toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).substring(2)).as("the NFD line predicts as the NFC line").isEqualTo(rows.get(0).substring(2));
        assertThat(p.err()).contains("warning: 2 text(s) of " + input + " have more than the model's 6 tokens: it read only their "
                + "last 6, as in training (KEEP_TAIL); the first is line 4");

        Path labelled = Files.writeString(dir.resolve("test.tsv"), "food\t" + nfd + "\nsport\t" + tooLong + "\n");
        Run e = run("evaluate", "--model", model.toString(), "--input", labelled.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.err() + e.out()).contains("warning: 1 text(s) of " + labelled + " have more than the model's 6 tokens")
                .contains("the first is line 2");

        Path shortOnly = Files.writeString(dir.resolve("short.txt"), nfc + "\nmatch goal\n");
        assertThat(run("predict", "--model", model.toString(), "--input", shortOnly.toString()).err()).doesNotContain("tokens:");
    }

    @Test
    void evaluatingATextModelOnItsOwnTrainingFileIsWarnedOf(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add(i % 2 == 0 ? "food\tcake bread soup " + i : "sport\tmatch goal ball " + i);
        }
        Path trainFile = Files.write(dir.resolve("train.tsv"), lines);
        Path out = dir.resolve("run");
        Run train = run("train", "--dataset", "text", "--train", trainFile.toString(), "--set", "minFrequency=1", "--hidden", "4",
                "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Path model = out.resolve("model.rnnlab");
        // texts have no ids for splits.csv: before, scoring the training file itself said nothing
        Run own = run("evaluate", "--model", model.toString(), "--input", trainFile.toString());
        assertThat(own.code()).as(own.err()).isZero();
        assertThat(own.err()).contains("warning: " + trainFile + " is the training file of this model's run")
                .contains("the scores are optimistic");
        Path copy = Files.copy(trainFile, dir.resolve("copy.tsv"));
        assertThat(run("evaluate", "--model", model.toString(), "--input", copy.toString()).err())
                .as("a copy is the same examples").contains("is the training file of this model's run");
        Path other = Files.writeString(dir.resolve("other.tsv"), "food\tsoup cake\nsport\tgoal match\n");
        Run fresh = run("evaluate", "--model", model.toString(), "--input", other.toString());
        assertThat(fresh.code()).as(fresh.err()).isZero();
        assertThat(fresh.err()).doesNotContain("training file").doesNotContain("training split");
        // a part of the training texts, mixed with new ones: matched by what the model reads (a user's try: said nothing);
        // with validation and test files, every line of the training file is in the training split
        Path validation = Files.writeString(dir.resolve("v.tsv"), "food\tbread soup\nsport\tball goal\n");
        Path test = Files.writeString(dir.resolve("t.tsv"), "food\tcake soup\nsport\tmatch ball\n");
        Path out2 = dir.resolve("run2");
        Run train2 = run("train", "--dataset", "text", "--train", trainFile.toString(), "--validation", validation.toString(), "--test",
                test.toString(), "--set", "minFrequency=1", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out2.toString());
        assertThat(train2.code()).as(train2.err()).isZero();
        Path part = Files.write(dir.resolve("part.tsv"), List.of("food\tsoup cake", lines.get(0), lines.get(3), "sport\tgoal match"));
        Run mixed = run("evaluate", "--model", out2.resolve("model.rnnlab").toString(), "--input", part.toString());
        assertThat(mixed.code()).as(mixed.err()).isZero();
        assertThat(mixed.err()).containsPattern("warning: 2 of the 4 texts were in the training split and 0 in the validation split of "
                + "this model's run \\(.*splits.csv, the same whole text, e.g. \\[line 2, line 3]\\)");
        // a split of other data (a test file added, so other words and another vocabulary) is refused for being other data,
        // not only for its vocabulary size (a user's try left out training's --test and got only the sizes)
        Path more = Files.writeString(dir.resolve("more.tsv"), "food\tpie tart jam\nsport\trace lap run\nfood\tpie jam\n"
                + "sport\tlap race\n");
        Run split = run("evaluate", "--model", model.toString(), "--dataset", "text", "--train", trainFile.toString(), "--test",
                more.toString(), "--set", "minFrequency=1", "--split", "VALIDATION");
        assertThat(split.code()).isEqualTo(2);
        assertThat(split.err()).contains("differ from the data").contains("Give the same --train, --test, --set and --data-seed");
    }

    @Test
    void textsEndingLikeTrainingTextsAreNotTakenForThem(@TempDir Path dir) throws Exception {
        // a trial's e-mail tickets, read by their last 64 tokens (a signature): evaluate called 144 new tickets ending like
        // training ones training copies, train's check (whole texts) 74
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add((i % 2 == 0 ? "food\tcake bread soup " : "sport\tmatch goal ball ") + i + " kind regards the team");
        }
        Path trainFile = Files.write(dir.resolve("train.tsv"), lines);
        Path validation = Files.writeString(dir.resolve("v.tsv"), "food\tbread soup kind regards the team\nsport\tball goal kind "
                + "regards the team\n");
        Path test = Files.writeString(dir.resolve("t.tsv"), "food\tcake soup kind regards the team\nsport\tmatch ball kind regards "
                + "the team\n");
        Path out = dir.resolve("run");
        Run train = run("train", "--dataset", "text", "--train", trainFile.toString(), "--validation", validation.toString(), "--test",
                test.toString(), "--set", "minFrequency=1", "--set", "maxLength=4", "--hidden", "4", "--epochs", "1", "--quiet",
                "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("splits.csv"))).filteredOn(l -> l.startsWith("text-sha256:")).hasSize(44);
        // new texts whose last 4 tokens are a training text's, and one training text itself
        Path fresh = Files.write(dir.resolve("new.tsv"), List.of("food\tpie tart jam kind regards the team",
                "sport\trace lap run kind regards the team", lines.get(4)));
        Run scored = run("evaluate", "--model", out.resolve("model.rnnlab").toString(), "--input", fresh.toString());
        assertThat(scored.code()).as(scored.err()).isZero();
        assertThat(scored.err()).contains("warning: 1 of the 3 texts were in the training split and 0 in the validation split of "
                + "this model's run").contains("the same whole text, e.g. [line 3]");
    }

    private static byte[] readCard(Path model) throws Exception {
        try (var zip = new java.util.zip.ZipFile(model.toFile())) {
            return zip.getInputStream(zip.getEntry("model-card.json")).readAllBytes();
        }
    }
}

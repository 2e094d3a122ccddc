package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;

/**
 * A corpus of bad inputs as users give them: each case checks the exit code (1 for bad data, 2 for a
 * bad or inapplicable option), a message that names the file, line, column or option, and that nothing
 * was written.
 */
class UserInputErrorsTest {
    private static final String[] CSV_COLUMNS = OwnDataEndToEndTest.COLUMNS;

    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        ExampleArchive.write(dir, 4, 2, 1);
    }

    private static String[] args(String... a) {
        return a;
    }

    private static Run csvTrain(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(),
                "--test", dir.resolve("TEST.csv").toString(), "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString()));
        a.addAll(List.of(CSV_COLUMNS));
        a.addAll(List.of(more));
        return run(a.toArray(String[]::new));
    }

    private static void nothingWritten(Path out) {
        assertThat(out).doesNotExist();
    }

    @Test
    void badDataIsExitOneNamingFileLineAndColumnAndWritesNothing() throws Exception {
        Path latin1 = Files.write(dir.resolve("latin1.csv"), "sequence_id,x,label\ns1,1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("latin1-run");
        Run r = run("train", "--dataset", "csv", "--train", latin1.toString(), "--quiet", "--out", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("latin1.csv:2: byte 0xE9 at byte offset 28 is not valid UTF-8");
        nothingWritten(out);

        Path missing = Files.writeString(dir.resolve("missing.csv"), "sequence_id,x,label\ns1,1,a\ns1,?,a\ns2,3,b\n");
        Run m = run("train", "--dataset", "csv", "--train", missing.toString(), "--quiet", "--out", dir.resolve("m-run").toString());
        assertThat(m.code()).isEqualTo(1);
        assertThat(m.err()).contains("missing.csv:3: missing value '?' in column 'x' of sequence 's1'").contains("--missing");
        nothingWritten(dir.resolve("m-run"));

        List<String> swapped = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            swapped.add("this is review number " + i + "\t" + (i % 2 == 0 ? "pos" : "neg"));
        }
        Path tsv = Files.write(dir.resolve("swapped.tsv"), swapped);
        Run s = run("train", "--dataset", "text", "--train", tsv.toString(), "--quiet", "--out", dir.resolve("s-run").toString());
        assertThat(s.code()).isEqualTo(1);
        assertThat(s.err()).contains("swapped.tsv: the first column has 40 distinct labels in 40 lines: did you swap text and label?");
        nothingWritten(dir.resolve("s-run"));
    }

    @Test
    void optionsThatDoNotApplyAreUsageErrorsNamingTheOption() throws Exception {
        Path out = dir.resolve("never");
        Run test = run("train", "--dataset", "agreement", "--test", dir.resolve("TEST.csv").toString(), "--out", out.toString());
        assertThat(test.code()).isEqualTo(2);
        assertThat(test.err()).contains("--test do(es) not apply to dataset agreement");
        Run missing = run("train", "--dataset", "agreement", "--missing", "ffill", "--out", out.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--missing applies to --dataset csv only");
        Path validation = dir.resolve("VALIDATION.csv");
        if (!Files.exists(validation)) {
            Files.copy(dir.resolve("TEST.csv"), validation);
        }
        Run fraction = csvTrain(out, "--validation", validation.toString(), "--set", "validationFraction=0.2");
        assertThat(fraction.code()).isEqualTo(2);
        assertThat(fraction.err()).contains("validationFraction does not apply: the validation sequences are given by the file");
        Run uiPort = run("train", "--ui-port", "9100", "--out", out.toString());
        assertThat(uiPort.code()).isEqualTo(2);
        assertThat(uiPort.err()).contains("--ui-port is an option of --ui");
        Run domain = csvTrain(out, "--domain", "imdb");
        assertThat(domain.code()).isEqualTo(2);
        assertThat(domain.err()).contains("--domain do(es) not apply to dataset csv").doesNotContain("is generated");
        // --embedding of a numeric dataset: refused before the data are read (a trial's came after the whole file)
        Run embedding = csvTrain(out, "--embedding", "8");
        assertThat(embedding.code()).isEqualTo(2);
        assertThat(embedding.err()).contains("--embedding applies to token (text) input only; dataset csv gives numbers per step")
                .doesNotContain("training sequences");
        Run compareEmbedding = run("compare", "--dataset", "har", "--embedding", "8", "--out", out.toString());
        assertThat(compareEmbedding.code()).isEqualTo(2);
        assertThat(compareEmbedding.err()).contains("--embedding applies to token (text) input only; dataset har")
                .doesNotContain("loading dataset");
        Run epochs = run("train", "--epochs", "0", "--out", out.toString());
        assertThat(epochs.code()).isEqualTo(2);
        assertThat(epochs.err()).contains("--epochs must be in [1, 100000], got 0");
        Run evaluate = run("evaluate", "--model", dir.resolve("nope.rnnlab").toString(), "--dataset", "csv");
        assertThat(evaluate.code()).isIn(1, 2);
        assertThat(evaluate.err()).contains("nope.rnnlab");
        nothingWritten(out);
    }

    @Test
    void hugeOrBinaryValuesAreNotEchoedInFull() {
        String huge = "x".repeat(200_000) + "\u0007\u0000";
        Run r = run("train", "--cell", huge, "--out", dir.resolve("huge").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().length()).isLessThan(3000);
        assertThat(r.err()).doesNotContain("\u0000").contains("rnnlab train:");
        Run u = run("train", "--no-such-option", huge);
        assertThat(u.code()).isEqualTo(2);
        assertThat(u.err().length()).isLessThan(3000);
    }

    @Test
    void aRunFolderNeverHoldsTwoRuns() throws Exception {
        Path out = dir.resolve("run");
        Run first = csvTrain(out);
        assertThat(first.code()).as(first.err()).isZero();
        byte[] model = Files.readAllBytes(out.resolve("model.rnnlab"));
        Run second = csvTrain(out, "--seed", "5");
        assertThat(second.code()).isEqualTo(2);
        assertThat(second.err()).contains("--out " + out + " is not empty (it holds an earlier run)").contains("--overwrite");
        assertThat(Files.readAllBytes(out.resolve("model.rnnlab"))).isEqualTo(model);

        Files.writeString(out.resolve("notes.txt"), "mine");
        Run kept = csvTrain(out, "--seed", "5", "--overwrite");
        assertThat(kept.code()).isEqualTo(2);
        assertThat(kept.err()).contains("holds files rnnlab did not write: [notes.txt]");
        assertThat(out.resolve("notes.txt")).hasContent("mine");
        Files.delete(out.resolve("notes.txt"));
        Run replaced = csvTrain(out, "--seed", "5", "--overwrite");
        assertThat(replaced.code()).as(replaced.err()).isZero();
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"seed\" : 5");

        Path withData = dir.resolve("with-data");
        assertThat(csvTrain(withData).code()).isZero();
        Path inside = Files.copy(dir.resolve("TRAIN.csv"), withData.resolve("TRAIN.csv"));
        Run own = run(TrainEvaluatePredictTest.concat(new String[] {"train", "--dataset", "csv", "--train", inside.toString(),
            "--hidden", "4", "--epochs", "1", "--quiet", "--overwrite", "--out", withData.toString()}, CSV_COLUMNS));
        assertThat(own.code()).isEqualTo(2);
        assertThat(own.err()).contains("an input of this run: --overwrite would delete it");
        assertThat(inside).exists();

        Path lookalike = Files.createDirectories(dir.resolve("lookalike"));
        Files.writeString(lookalike.resolve("config.json"), "{}");
        Files.writeString(lookalike.resolve("main.py"), "code");
        Run notOurs = csvTrain(lookalike, "--overwrite");
        assertThat(notOurs.code()).isEqualTo(2);
        assertThat(notOurs.err()).contains("is not an rnnlab run folder");
        assertThat(lookalike.resolve("main.py")).exists();

        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("thesis.tex"), "precious");
        Run refused = csvTrain(foreign, "--overwrite");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("is not an rnnlab run folder").contains("refusing to delete");
        assertThat(foreign.resolve("thesis.tex")).hasContent("precious");

        Run resume = run("train", "--resume", out.toString(), "--epochs", "3");
        assertThat(resume.code()).isEqualTo(2);
        assertThat(resume.err()).contains("--epochs cannot be given with it");
        byte[] finished = Files.readAllBytes(out.resolve("model.rnnlab"));
        Run complete = run("train", "--resume", out.toString(), "--quiet");
        assertThat(complete.code()).isEqualTo(2);
        assertThat(complete.err()).contains("is complete").contains("nothing to resume");
        assertThat(Files.readAllBytes(out.resolve("model.rnnlab"))).isEqualTo(finished);
    }

    /** results.csv without its timing and memory columns (the last three), which differ between processes. */
    private static List<String> metricColumns(String csv) {
        return csv.lines().map(l -> String.join(",", List.of(l.split(",")).subList(0, 9))).toList();
    }

    @Test
    void compareKeepsFinishedRunsAndResumeRunsOnlyWhatIsMissing() throws Exception {
        Path out = dir.resolve("cmp");
        String[] base = {"compare", "--cells", "gru", "--seeds", "2", "--hidden", "4", "--epochs", "1", "--probe", "0", "--quiet",
            "--set", "trainSize=120", "--set", "validationSize=30", "--set", "testSize=60", "--set", "maxDistance=6",
            "--out", out.toString()};
        Run full = run(base);
        assertThat(full.code()).as(full.err()).isZero();
        try (Stream<Path> kept = Files.list(out.resolve("runs"))) {
            // agreement's default: one model per band of distance (1-6 cut into 1-2, 3-4 and 5-6), each kept under its own name
            assertThat(kept.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("gru-seed1-distance_1-2.json",
                    "gru-seed1-distance_3-4.json", "gru-seed1-distance_5-6.json", "gru-seed2-distance_1-2.json",
                    "gru-seed2-distance_3-4.json", "gru-seed2-distance_5-6.json");
        }
        String csv = Files.readString(out.resolve("results.csv"));
        Files.delete(out.resolve("runs").resolve("gru-seed2-distance_3-4.json"));
        Run resumed = run("compare", "--resume", out.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("5 of 6 runs already finished")
                .contains("seed 2, distance 3-4: test accuracy") // each run's line names its band
                .doesNotContain("seed 1, distance").doesNotContain("seed 2, distance 1-2").doesNotContain("seed 2, distance 5-6");
        assertThat(Files.readString(out.resolve("results.csv")).lines().filter(l -> l.contains("seed") || l.startsWith("gru,gru,none,2"))
                .filter(l -> l.contains(",distance 3-4,,1,epochs,")).count()).as("band, then no clip share, 1 epoch trained of 1")
                .isEqualTo(1);
        assertThat(metricColumns(Files.readString(out.resolve("results.csv")))).isEqualTo(metricColumns(csv));
        Run mixed = run("compare", "--resume", out.toString(), "--seeds", "5");
        assertThat(mixed.code()).isEqualTo(2);
    }

    @Test
    void aHeaderlessModelGivenAnotherSeparatorSaysSo() throws Exception {
        List<String> train = Files.readAllLines(dir.resolve("TRAIN.csv"));
        List<String> test = Files.readAllLines(dir.resolve("TEST.csv"));
        Path semi = Files.write(dir.resolve("semi.csv"), train.subList(1, train.size()).stream().map(l -> l.replace(',', ';')).toList());
        Path semiTest = Files.write(dir.resolve("semi-test.csv"), test.subList(1, test.size()).stream().map(l -> l.replace(',', ';')).toList());
        Path out = dir.resolve("semi");
        Run trained = run("train", "--dataset", "csv", "--train", semi.toString(), "--test", semiTest.toString(), "--set", "header=false",
                "--set", "delimiter=;", "--set", "sequenceId=0", "--set", "time=1", "--set", "label=5", "--hidden", "3", "--epochs", "1",
                "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        Path commas = Files.write(dir.resolve("commas.csv"), test.subList(1, test.size()));
        Run p = run("predict", "--model", out.resolve("model.rnnlab").toString(), "--input", commas.toString());
        assertThat(p.code()).isEqualTo(1);
        // before: only "the file has 1 columns", with no word of the separator
        assertThat(p.err()).contains("the file has 1 columns").contains("its rows hold ',' where it was read with ';' as the separator");
    }

    @Test
    void aCardWhoseTwoFeatureListsDisagreeIsRefused() throws Exception {
        Path out = dir.resolve("names");
        assertThat(csvTrain(out).code()).isZero();
        Path model = out.resolve("model.rnnlab");
        // a tampered card: the features serve and the Java API show were not the ones predict reads, without a word
        Path tampered = dir.resolve("tampered.rnnlab");
        try (var in = new java.util.zip.ZipFile(model.toFile());
             var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(tampered))) {
            for (var e : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("model-card.json")) {
                    var card = (com.fasterxml.jackson.databind.node.ObjectNode) org.rnnlab.core.Json.mapper().readTree(bytes);
                    var names = (com.fasterxml.jackson.databind.node.ArrayNode) card.with("input").get("featureNames");
                    String first = names.get(0).asText();
                    names.set(0, names.get(1));
                    names.set(1, new com.fasterxml.jackson.databind.node.TextNode(first));
                    // the stored summary baseline names the features too, and its own check would refuse the card first
                    card.remove("summaryBaseline");
                    bytes = org.rnnlab.core.Json.mapper().writeValueAsBytes(card);
                }
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        Run p = run("predict", "--model", tampered.toString(), "--input", dir.resolve("TEST.csv").toString());
        assertThat(p.code()).isEqualTo(1);
        assertThat(p.err()).contains("corrupt model-card.json: feature 0 is 'y' in input.featureNames and 'x' in dataSchema.features");
    }

    /** The lines of {@code file} with the label (the last field) of sequence te0's rows replaced by {@code relabel} of it. */
    private static List<String> relabelTe0(Path file, java.util.function.UnaryOperator<String> relabel) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int comma = line.lastIndexOf(',');
            out.add(line.startsWith("te0,") ? line.substring(0, comma + 1) + relabel.apply(line.substring(comma + 1)) : line);
        }
        return out;
    }

    /** An option of another command, or a near miss, is named as such (a trial's bare "Unknown options"). */
    @Test
    void anUnknownOptionIsMatchedToTheCommandsThatHaveIt() {
        Run cells = run("train", "--cells", "gru", "--epochs", "1");
        assertThat(cells.code()).isEqualTo(2);
        assertThat(cells.err()).contains("Unknown options: '--cells', 'gru' (did you mean --cell; --cells is an option of compare");
        assertThat(run("train", "--unknown-labels=report").err()).contains("--unknown-labels is an option of evaluate, not of rnnlab train");
        assertThat(run("train", "--dataset", "csv", "--set", "features=mag,", "mag_err").err()).contains("Unmatched argument at index 5: "
                + "'mag_err' ('features=mag,' ends in a comma and 'mag_err' came as a word of its own: a list is one word, without "
                + "spaces after its commas, features=mag,mag_err, or quoted)");
        assertThat(run("train", "--delimiter", "tab").err()).contains("a CSV separator for training is --set delimiter=CHAR");
        assertThat(run("train", "--ecpochs", "3").err()).as("a typo past the first letters").contains("(did you mean --epochs)");
        assertThat(run("train", "--valid", "x").err()).as("an abbreviation").contains("did you mean --validation");
        Run nothing = run("train", "--frobnicate");
        assertThat(nothing.err()).contains("Unknown option: '--frobnicate'").doesNotContain("is an option of").doesNotContain("did you mean");
    }

    /**
     * New data exported with another separator than the training file's (a trial's TSV and ';' exports): read with
     * {@code --delimiter}, giving the same predictions and scores as the comma-separated file; without it the refusal
     * names the option; a --delimiter that is not one character, or where it does not apply, is refused.
     */
    @Test
    void predictAndEvaluateReadAnotherSeparatorWithDelimiter() throws Exception {
        Path out = dir.resolve("sep");
        assertThat(csvTrain(out).code()).isZero();
        String model = out.resolve("model.rnnlab").toString();
        Path test = dir.resolve("TEST.csv");
        List<String> tabs = Files.readAllLines(test).stream().map(l -> l.replace(',', '\t')).toList();
        Path tsv = Files.write(dir.resolve("TEST-tabs.tsv"), tabs);
        Path semi = Files.write(dir.resolve("TEST-semi.csv"), Files.readAllLines(test).stream().map(l -> l.replace(',', ';')).toList());
        Run commas = run("predict", "--model", model, "--input", test.toString());
        assertThat(commas.code()).isZero();
        Run refused = run("predict", "--model", model, "--input", tsv.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("give predict and evaluate --delimiter tab");
        // given a separator that does not fit either, the message says the file was read with it, not that it is the model's
        assertThat(run("predict", "--model", model, "--input", tsv.toString(), "--delimiter", ";").err())
                .contains("it was read with ';' as the separator").doesNotContain("the model reads");
        Run tabbed = run("predict", "--model", model, "--input", tsv.toString(), "--delimiter", "tab");
        assertThat(tabbed.code()).as(tabbed.err()).isZero();
        assertThat(tabbed.out()).isEqualTo(commas.out());
        Run semicolons = run("predict", "--model", model, "--input", semi.toString(), "--delimiter", ";");
        assertThat(semicolons.out()).isEqualTo(commas.out());
        Run scored = run("evaluate", "--model", model, "--input", test.toString(), "--json");
        Run scoredTabs = run("evaluate", "--model", model, "--input", tsv.toString(), "--delimiter", "\\t", "--json");
        assertThat(scoredTabs.code()).as(scoredTabs.err()).isZero();
        assertThat(scoredTabs.out().replace("TEST-tabs.tsv", "TEST.csv")).contains("\"accuracy\"");
        assertThat(accuracy(scoredTabs.out())).isEqualTo(accuracy(scored.out()));
        assertThat(run("predict", "--model", model, "--input", tsv.toString(), "--delimiter", "ab").err())
                .contains("--delimiter must be one character (or tab, or \\t), not a quote or line break, got 'ab'");
        assertThat(run("evaluate", "--model", model, "--dataset", "csv", "--train", test.toString(), "--delimiter", "tab").err())
                .contains("--delimiter applies to a file scored whole (--input FILE)");
    }

    private static String accuracy(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"accuracy\"\\s*:\\s*([0-9.eE-]+)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    @Test
    void predictAndEvaluateRefuseWhatDoesNotFitAndDamagedModels() throws Exception {
        Path out = dir.resolve("fit");
        assertThat(csvTrain(out).code()).isZero();
        Path model = out.resolve("model.rnnlab");
        Path test = dir.resolve("TEST.csv");
        Run limit = run("evaluate", "--model", model.toString(), "--input", test.toString(), "--limit", "3", "--set", "label=x");
        assertThat(limit.code()).isEqualTo(2);
        assertThat(limit.err()).contains("--limit, --set do(es) not apply to it");
        Path unknown = Files.write(dir.resolve("unknown-label.csv"), relabelTe0(test, label -> "turbo"));
        Run unknownLabel = run("evaluate", "--model", model.toString(), "--input", unknown.toString());
        assertThat(unknownLabel.code()).isEqualTo(1);
        assertThat(unknownLabel.err()).contains("unknown-label.csv:2: label 'turbo' of sequence 'te0' is not one of the model's labels");
        assertThat(unknownLabel.err()).doesNotContain("written another way")
                .contains("--unknown-labels report scores the other sequences and reports these");
        // several: counted by label, not named one at a time
        List<String> two = new ArrayList<>();
        for (String line : relabelTe0(test, label -> "turbo")) {
            two.add(line.startsWith("te1,") ? line.substring(0, line.lastIndexOf(',') + 1) + "idle" : line);
        }
        Run twoUnknown = run("evaluate", "--model", model.toString(), "--input", Files.write(dir.resolve("two.csv"), two).toString());
        assertThat(twoUnknown.code()).isEqualTo(1);
        assertThat(twoUnknown.err()).containsPattern("2 of the \\d+ sequences have labels the model does not know: 'idle' \\(1\\), 'turbo' \\(1\\)");
        // a label written another way (here in upper case; an NFD 'é' from a Mac reads the same): named as such
        List<String> shouted = relabelTe0(test, label -> label.toUpperCase(java.util.Locale.ROOT));
        Run upper = run("evaluate", "--model", model.toString(), "--input", Files.write(dir.resolve("upper.csv"), shouted).toString());
        assertThat(upper.code()).isEqualTo(1);
        assertThat(upper.err()).contains("of sequence 'te0' is not one of the model's labels").contains("' written another way: '");
        // a split column (new data from the same pipeline as training's): not part of the prediction, read all the same
        List<String> withSplit = new ArrayList<>();
        List<String> lines = Files.readAllLines(test);
        for (int i = 0; i < lines.size(); i++) {
            withSplit.add(lines.get(i) + (i == 0 ? ",split" : ",test"));
        }
        Run split = run("predict", "--model", model.toString(), "--input", Files.write(dir.resolve("split.csv"), withSplit).toString());
        assertThat(split.code()).as(split.err()).isZero();
        assertThat(split.out()).isEqualTo(run("predict", "--model", model.toString(), "--input", test.toString()).out());
        List<String> renamed = new ArrayList<>(lines);
        renamed.set(0, lines.get(0).replace(",x,", ",X,"));
        Run upperX = run("predict", "--model", model.toString(), "--input", Files.write(dir.resolve("upper-x.csv"), renamed).toString());
        assertThat(upperX.code()).isEqualTo(1);
        assertThat(upperX.err()).contains("feature column(s) [x] missing").contains("with 'X' for 'x': names must match as written");
        Run noInput = run("evaluate", "--model", model.toString());
        assertThat(noInput.code()).isEqualTo(2);
        assertThat(noInput.err()).contains("evaluate needs the data to score: --input FILE");
        Run folder = run("predict", "--model", out.toString(), "--input", test.toString());
        assertThat(folder.code()).isEqualTo(2); // a wrong path on the command line: usage
        assertThat(folder.err()).contains("is a folder, not a model file: did you mean " + model);

        SequenceClassifier c = ModelBundle.load(model);
        INDArray damaged = c.network().params().dup();
        damaged.putScalar(3, Double.NaN);
        c.network().setParams(damaged);
        Path broken = dir.resolve("nan.rnnlab");
        ModelBundle.save(c.network(), Optional.ofNullable(c.normalizer()), c.card(), broken);
        Run nan = run("predict", "--model", broken.toString(), "--input", test.toString());
        assertThat(nan.code()).as(nan.err()).isEqualTo(1);
        assertThat(nan.err()).contains("NaN or infinite values");
        assertThat(nan.out()).isEmpty();

        Run clip = csvTrain(dir.resolve("never2"), "--clip", "l2:-1");
        assertThat(clip.code()).isEqualTo(2);
        assertThat(clip.err()).contains("--clip l2:-1: threshold must be").doesNotContain("ClipSetting");
        Run fractions = run("train", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(), "--set", "testFraction=0.9",
                "--set", "validationFraction=0.2", "--set", "sequenceId=series_id", "--set", "time=timestamp", "--set", "label=class",
                "--out", dir.resolve("never2").toString());
        assertThat(fractions.code()).isEqualTo(2);
        assertThat(fractions.err()).contains("setting validationFraction + testFraction must be < 1").doesNotContain("StratifiedSplitter");
        assertThat(dir.resolve("never2")).doesNotExist();
        // with a test file, the default test fraction does not apply and is not added to the validation fraction
        Run given = run("train", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(), "--test",
                dir.resolve("TEST.csv").toString(), "--set", "validationFraction=0.86", "--set", "sequenceId=series_id", "--set",
                "time=timestamp", "--set", "label=class", "--epochs", "1", "--out", dir.resolve("given").toString());
        assertThat(given.err()).doesNotContain("must be < 1");
        assertThat(given.code()).as(given.err()).isZero();
    }

    /** A text model (labels pos and neg) trained for one epoch on 40 short reviews written into {@code dir}. */
    static Path tinyTextModel(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add((i % 2 == 0 ? "pos\tgreat lovely film " : "neg\tawful boring film ") + (i % 5));
        }
        Path tsv = Files.write(dir.resolve("reviews.tsv"), lines);
        Path out = dir.resolve("text-run");
        Run train = run("train", "--dataset", "text", "--train", tsv.toString(), "--set", "minFrequency=1", "--hidden", "4",
                "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        return out.resolve("model.rnnlab");
    }

    @Test
    void aTextModelRefusesSwappedColumnsAndHonoursAnExplicitFormat() throws Exception {
        Path model = tinyTextModel(dir);
        Path swapped = Files.write(dir.resolve("swapped-reviews.tsv"), List.of("great lovely film\tpos", "awful boring film\tneg"));
        Run p = run("predict", "--model", model.toString(), "--input", swapped.toString());
        assertThat(p.code()).isEqualTo(1);
        assertThat(p.err()).contains("did you swap text and label?");
        Path csvNamed = Files.write(dir.resolve("texts.csv"), List.of("great lovely film", "awful boring film"));
        assertThat(run("predict", "--model", model.toString(), "--input", csvNamed.toString()).code()).isEqualTo(1);
        Run explicit = run("predict", "--model", model.toString(), "--input", csvNamed.toString(), "--format", "text");
        assertThat(explicit.code()).as(explicit.err()).isZero();
        assertThat(explicit.out().lines().count()).isEqualTo(3);
        // a user's try: new texts in a .tsv with the label column left blank (or NA) were refused, 'empty label'
        Path blankLabels = Files.write(dir.resolve("new-reviews.tsv"), List.of("\tgreat lovely film", "NA\tawful boring film",
                "pos\tgreat film"));
        Run unlabelled = run("predict", "--model", model.toString(), "--input", blankLabels.toString());
        assertThat(unlabelled.code()).as(unlabelled.err()).isZero();
        assertThat(unlabelled.out().lines().skip(1).map(l -> l.split(",")[0])).containsExactly("1", "2", "3");
        Run scored = run("evaluate", "--model", model.toString(), "--input", blankLabels.toString());
        assertThat(scored.code()).isEqualTo(1);
        assertThat(scored.err()).contains("new-reviews.tsv:1");
    }

    @Test
    void aClassTooSmallForTheTestSplitIsWarnedOf() throws Exception {
        // a user's class of two sequences: the stratified split keeps both for training, and the test metrics left it out silently
        List<String> lines = new ArrayList<>(List.of("sequence_id,x,label"));
        for (int i = 0; i < 22; i++) {
            String label = i < 10 ? "walk" : i < 20 ? "sit" : "fall";
            for (int t = 0; t < 3; t++) {
                lines.add("s" + i + "," + (i % 3 + t) + "," + label);
            }
        }
        Path csv = Files.write(dir.resolve("rare-class.csv"), lines);
        Run train = run("train", "--dataset", "csv", "--train", csv.toString(), "--hidden", "4", "--epochs", "1", "--quiet",
                "--out", dir.resolve("rare-run").toString());
        assertThat(train.code()).as(train.err()).isZero();
        // (the model of one epoch may also never predict a class: that is another warning, on its own line)
        assertThat(train.err().lines().filter(l -> l.contains("no test sequence of class(es)")).toList()).singleElement()
                .satisfies(l -> assertThat(l).contains("train: warning: no test sequence of class(es) 'fall' (2 training): the test "
                        + "scores cannot say how well they are recognised").doesNotContain("'walk'").doesNotContain("'sit'"));
    }

    /** A copy of an example file whose x on data line {@code row} (1-based, after the header) is {@code value}. */
    private static Path withX(String from, String name, int row, String value) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve(from)));
        String[] cells = lines.get(row).split(",", -1);
        assertThat(lines.get(0).split(",")[2]).isEqualTo("x");
        cells[2] = value;
        lines.set(row, String.join(",", cells));
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void numbersBeyondTheFloatRangeOrWithJavaSuffixesAreRefusedByTrainCompareEvaluateAndPredict() throws Exception {
        Path bigTrain = withX("TRAIN.csv", "TRAIN-big.csv", 4, "1e40");
        Path out = dir.resolve("big-run");
        Run train = run(TrainEvaluatePredictTest.concat(new String[] {"train", "--dataset", "csv", "--train", bigTrain.toString(),
            "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString()}, CSV_COLUMNS));
        assertThat(train.code()).as(train.err()).isEqualTo(1);
        assertThat(train.err()).contains("TRAIN-big.csv:5: value '1e40' in column 'x' is beyond the float range (|x| <= 3.4e38")
                .doesNotContain("diverge").doesNotContain("learning rate");
        nothingWritten(out);
        Run compare = run(TrainEvaluatePredictTest.concat(new String[] {"compare", "--dataset", "csv", "--train", bigTrain.toString(),
            "--cells", "gru", "--seeds", "1", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString()}, CSV_COLUMNS));
        assertThat(compare.code()).as(compare.err()).isEqualTo(1);
        assertThat(compare.err()).contains("TRAIN-big.csv:5: value '1e40' in column 'x' is beyond the float range");
        nothingWritten(out);

        Path fit = dir.resolve("float-fit");
        Run ok = csvTrain(fit);
        assertThat(ok.code()).as(ok.err()).isZero();
        Path model = fit.resolve("model.rnnlab");
        Path bigTest = withX("TEST.csv", "TEST-big.csv", 18, "-1e40");
        Run evaluate = run("evaluate", "--model", model.toString(), "--input", bigTest.toString());
        assertThat(evaluate.code()).isEqualTo(1);
        assertThat(evaluate.err()).contains("TEST-big.csv:19: value '-1e40' in column 'x' is beyond the float range");
        assertThat(evaluate.out()).doesNotContain("accuracy");
        Run predict = run("predict", "--model", model.toString(), "--input", bigTest.toString());
        assertThat(predict.code()).isEqualTo(1);
        assertThat(predict.err()).contains("TEST-big.csv:19: value '-1e40' in column 'x' is beyond the float range")
                .doesNotContain("is not a finite number");
        assertThat(predict.out()).isEmpty();

        for (String suffixed : List.of("0.5f", "0.5d")) {
            Path f = withX("TEST.csv", "TEST-suffix.csv", 3, suffixed);
            Run p = run("predict", "--model", model.toString(), "--input", f.toString());
            assertThat(p.code()).as(suffixed).isEqualTo(1);
            assertThat(p.err()).contains("TEST-suffix.csv:4: value '" + suffixed + "' in column 'x' is not a number");
            assertThat(p.out()).isEmpty();
        }
        // a value that rounds to 0 as a float is read, as 0
        Path tiny = withX("TEST.csv", "TEST-tiny.csv", 3, "1e-50");
        Path zero = withX("TEST.csv", "TEST-zero.csv", 3, "0");
        Run tinyPredict = run("predict", "--model", model.toString(), "--input", tiny.toString());
        assertThat(tinyPredict.code()).as(tinyPredict.err()).isZero();
        assertThat(tinyPredict.out()).isEqualTo(run("predict", "--model", model.toString(), "--input", zero.toString()).out());
    }

    @Test
    void aColumnListWithADuplicateIsAUsageErrorNamingIt() {
        Path out = dir.resolve("dup-run");
        Run dup = csvTrain(out, "--set", "features=x,y,x");
        assertThat(dup.code()).isEqualTo(2);
        assertThat(dup.err()).contains("setting features must name each column once: 'x' is given twice in [x, y, x]");
        nothingWritten(out);
        Run alias = csvTrain(out, "--set", "features=x,2");
        assertThat(alias.code()).isEqualTo(2);
        assertThat(alias.err()).contains("feature column 'x' is chosen twice, as x and as #2");
        nothingWritten(out);
        Run labels = csvTrain(out, "--set", "labelNames=slow,fast,slow");
        assertThat(labels.code()).isEqualTo(2);
        assertThat(labels.err()).contains("labelNames must be distinct: 'slow' is given twice");
        nothingWritten(out);
    }

    @Test
    void blankLinesOfPlainTextAreNamedAndALabelWithoutTextIsRefusedByEvaluateAndSkippedByPredict() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add((i % 2 == 0 ? "pos\tgreat lovely film " : "neg\tawful boring film ") + (i % 5));
        }
        Path out = dir.resolve("blank-text-run");
        Run train = run("train", "--dataset", "text", "--train", Files.write(dir.resolve("blank-reviews.tsv"), lines).toString(),
                "--set", "minFrequency=1", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Path model = out.resolve("model.rnnlab");

        Path texts = Files.writeString(dir.resolve("new.txt"), "great film\nawful film\n\nlovely film\nboring\n");
        Run p = run("predict", "--model", model.toString(), "--input", texts.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out().lines().skip(1).map(l -> l.split(",")[0]).toList()).containsExactly("1", "2", "4", "5");
        assertThat(p.err()).contains("predict: line(s) [3] of " + texts + " is blank: no prediction for them")
                .contains("predict: 4 sequence(s) classified, 1 blank line(s) skipped");
        Path spaces = Files.writeString(dir.resolve("spaces.txt"), "great film\n   \n\t\nboring\n");
        Run s = run("predict", "--model", model.toString(), "--input", spaces.toString(), "--format", "text");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out().lines().skip(1).map(l -> l.split(",")[0]).toList()).containsExactly("1", "4");
        assertThat(s.err()).contains("predict: line(s) [2, 3] of " + spaces + " are blank");
        Path clean = Files.writeString(dir.resolve("clean.txt"), "great film\nboring\n");
        Run c = run("predict", "--model", model.toString(), "--input", clean.toString());
        assertThat(c.err()).doesNotContain("are blank").contains("predict: 2 sequence(s) classified\n");

        Path labelled = Files.writeString(dir.resolve("labelled.tsv"), "pos\tgreat film\nneg\t\npos\tlovely\n");
        Run r = run("evaluate", "--model", model.toString(), "--input", labelled.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("labelled.tsv:2: the text has no tokens (expected some text after the TAB");
        assertThat(r.out()).doesNotContain("accuracy");
        // predict classifies the others, names the empty one and exits 4 (trial 77b F4), as for empty sequence files; its row
        // comes after the others, without a label (trial 77g F3)
        Run skipped = run("predict", "--model", model.toString(), "--input", labelled.toString());
        assertThat(skipped.code()).as(skipped.err()).isEqualTo(4);
        assertThat(skipped.out().lines().skip(1).map(l -> l.split(",")[0]).toList()).containsExactly("1", "3", "2");
        assertThat(skipped.err()).contains("predict: warning: 1 text(s) of " + labelled + " have no tokens (empty or white space only), "
                + "id(s) 2: an empty text cannot be classified").contains("1 empty text(s) not classified (their rows: no label, tokens 0): 2 (exit 4)");
        assertThat(run("predict", "--help").out().replaceAll("\\s+", " ")).contains("blank or white-space-only lines get no prediction");
    }

    @Test
    void compareResumeTrainsAgainARunWhoseFileWasCutShort() throws Exception {
        Path out = dir.resolve("cmp-cut");
        Run full = run("compare", "--cells", "gru", "--seeds", "2", "--hidden", "4", "--epochs", "1", "--probe", "0", "--quiet",
                "--set", "trainSize=80", "--set", "validationSize=20", "--set", "testSize=40", "--set", "maxDistance=4",
                "--bands", "none", "--out", out.toString());
        assertThat(full.code()).as(full.err()).isZero();
        Path second = out.resolve("runs").resolve("gru-seed2.json");
        Files.writeString(second, Files.readString(second).substring(0, 100));
        Run resumed = run("compare", "--resume", out.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("1 of 2 runs already finished").contains("seed 2: test accuracy");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(3);
    }
}

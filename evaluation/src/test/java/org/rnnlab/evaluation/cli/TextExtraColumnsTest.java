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
 * Text files with ids and further columns (a trial's {@code review_id<TAB>lang<TAB>label<TAB>text} was refused, and its
 * run's splits.csv held only fingerprints): the other columns are read and warned of as not trained on, and splits.csv
 * names the texts by the file's ids, with their fingerprints beside them, which evaluate still matches.
 */
class TextExtraColumnsTest {

    /** The messages (any level) {@code source}'s logger wrote while {@code action} ran, and the run. */
    private static Run logged(Class<?> source, List<String> into, String... args) {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(source);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            return run(args);
        } finally {
            logger.detachAppender(appender);
            appender.list.forEach(e -> into.add(e.getFormattedMessage()));
        }
    }

    @Test
    void aTextFileWithALanguageColumnTrainsAndItsSplitsNameTheIds(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(List.of("id\tlang\tlabel\ttext"));
        for (int i = 0; i < 40; i++) {
            lines.add("r-" + i + "\t" + (i % 4 < 2 ? "en" : "de") + "\t" + (i % 2 == 0 ? "food\tcake bread soup " + i
                    : "sport\tmatch goal ball " + i));
        }
        Path trainFile = Files.write(dir.resolve("train.tsv"), lines);
        Path out = dir.resolve("run");
        List<String> messages = new ArrayList<>();
        Run train = logged(org.rnnlab.datasets.text.TextDataset.class, messages, "train", "--dataset", "text", "--train",
                trainFile.toString(), "--set", "minFrequency=1", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("column(s) ['lang'] of the header "
                + "'id<TAB>lang<TAB>label<TAB>text' are not read (the model reads the texts alone): --set group=lang scores "
                + "each of its values apart"));
        List<String> splits = Files.readAllLines(out.resolve("splits.csv"));
        assertThat(splits.get(0)).isEqualTo("id,split,fingerprint");
        assertThat(splits.subList(1, splits.size())).hasSize(40).allMatch(l -> l.matches("r-\\d+,(train|validation|test),"
                + "text-sha256:[0-9a-f]{16}"));
        // evaluate matches the texts by their fingerprints still: the training file is said as such
        Path part = Files.write(dir.resolve("part.tsv"), List.of("id\tlabel\ttext", "n-1\tfood\tsoup cake", "n-2\t"
                + lines.get(1).split("\t", 3)[2]));
        Run mixed = run("evaluate", "--model", out.resolve("model.rnnlab").toString(), "--input", part.toString());
        assertThat(mixed.code()).as(mixed.err()).isZero();
        String firstSplit = splits.get(1).split(",")[1];
        assertThat(mixed.err()).doesNotContain("are not read");
        Run withLang = run("evaluate", "--model", out.resolve("model.rnnlab").toString(), "--input", trainFile.toString());
        assertThat(withLang.err()).contains("evaluate: warning: " + trainFile + ":1: column(s) ['lang'] of the header "
                + "'id<TAB>lang<TAB>label<TAB>text' are not read (the model reads the texts alone): --group-column lang");
        if (!firstSplit.equals("test")) {
            assertThat(mixed.err()).contains("1 of the 2 texts were in the");
        }
    }

    /** {@code id<TAB>lang<TAB>label<TAB>text}, 80 texts of 4 languages, 'r-<lang>-<i>' ids. */
    private static List<String> reviews() {
        List<String> lines = new ArrayList<>(List.of("id\tlang\tlabel\ttext"));
        String[] langs = {"de", "en", "fr", "ja"};
        for (int i = 0; i < 80; i++) {
            String lang = langs[i % 4];
            lines.add("r-" + lang + "-" + i + "\t" + lang + "\t" + (i % 8 < 4 ? "food\tcake bread soup " + lang + i
                    : "sport\tmatch goal ball " + lang + i));
        }
        return lines;
    }

    @Test
    void aGroupColumnIsScoredApartInTrainAndEvaluateAndCopiedByPredict(@TempDir Path dir) throws Exception {
        List<String> lines = reviews();
        Path trainFile = Files.write(dir.resolve("train.tsv"), lines);
        Path out = dir.resolve("run");
        List<String> messages = new ArrayList<>();
        Run train = logged(org.rnnlab.evaluation.train.TrainRun.class, messages, "train", "--dataset", "text", "--train",
                trainFile.toString(), "--set", "group=lang", "--set", "splitBy=class", "--set", "minFrequency=1", "--hidden", "4",
                "--epochs", "1", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("test scores by group column lang (each against always its "
                + "most frequent class)").containsPattern("\\n +de +\\d+ +[01]\\.\\d{4}")
                .containsPattern("\\n +ja +\\d+ +[01]\\.\\d{4}"));
        // carved stratified by class (--set splitBy=class), not by group: every language in the test split
        List<String> splits = Files.readAllLines(out.resolve("splits.csv"));
        for (String lang : List.of("de", "en", "fr", "ja")) {
            assertThat(splits).anyMatch(l -> l.startsWith("r-" + lang + "-") && l.contains(",test,"));
        }
        Path model = out.resolve("model.rnnlab");
        // evaluate: the run's group column, a table of each group on standard output and in --json
        Path test = Files.write(dir.resolve("test.tsv"), lines.subList(0, 41));
        Run evaluated = run("evaluate", "--model", model.toString(), "--input", test.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains("\nscores by group column lang").containsPattern("\\n +fr +10 +");
        Run json = run("evaluate", "--model", model.toString(), "--input", test.toString(), "--json");
        assertThat(json.code()).as(json.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode groups = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out())
                .get("groups");
        assertThat(groups.get("column").asText()).isEqualTo("lang");
        assertThat(groups.get("byGroup")).hasSize(4);
        assertThat(groups.get("byGroup").get(0).get("examples").asInt()).isEqualTo(10);
        // a column given that the file lacks: refused, naming it
        Run lacking = run("evaluate", "--model", model.toString(), "--input", test.toString(), "--group-column", "source");
        assertThat(lacking.code()).isEqualTo(2);
        assertThat(lacking.err()).contains("--group-column source: " + test + " has no column 'source'");
        // predict copies the column, and says so of one it neither reads nor copies
        Path fresh = Files.write(dir.resolve("new.tsv"), List.of("id\tlang\tsource\ttext", "n1\tja\tweb\tcake soup",
                "n2\ten\tapp\tgoal ball"));
        Run kept = run("predict", "--model", model.toString(), "--input", fresh.toString(), "--keep-columns", "lang");
        assertThat(kept.code()).as(kept.err()).isZero();
        assertThat(kept.out().lines().toList().get(0)).endsWith(",lang,tokens,truncated,unknown_words,many_unknown_words,low_confidence,reason");
        assertThat(kept.out().lines().toList().get(1)).startsWith("n1,").matches(".*,ja,2,false,\\d+,(true|false),(true|false),"); // the reason last: empty, classified
        assertThat(kept.out().lines().toList().get(2)).startsWith("n2,").matches(".*,en,2,false,\\d+,(true|false),(true|false),"); // the reason last: empty, classified
        assertThat(kept.err()).contains("column(s) ['source'] of the header 'id<TAB>lang<TAB>source<TAB>text' are not read");
        Run unknown = run("predict", "--model", model.toString(), "--input", fresh.toString(), "--keep-columns", "country");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("--keep-columns country: the header 'id<TAB>lang<TAB>source<TAB>text' names no such column");
    }

    @Test
    void splitByGroupCarvesWholeGroupsAndAPlainFileIsRefused(@TempDir Path dir) throws Exception {
        Path trainFile = Files.write(dir.resolve("train.tsv"), reviews());
        Path out = dir.resolve("run");
        Run train = run("train", "--dataset", "text", "--train", trainFile.toString(), "--set", "group=lang", "--set",
                "splitBy=group", "--set", "minFrequency=1", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        List<String> splits = Files.readAllLines(out.resolve("splits.csv"));
        for (String lang : List.of("de", "en", "fr", "ja")) {
            assertThat(splits.stream().filter(l -> l.startsWith("r-" + lang + "-")).map(l -> l.split(",")[1]).distinct())
                    .as(lang).hasSize(1);
        }
        // four languages: validation and test are one language each, which train says with what gives a sensible split
        // (trial 70c: three languages carved one per split, unsaid)
        assertThat(Files.readString(out.resolve("data-warnings.txt"))).contains("the validation split's 20 texts are all of one "
                + "group of lang (", "the test split's 20 texts are all of one group of lang (", "--set splitBy=class");
        Path plain = Files.writeString(dir.resolve("plain.tsv"), "food\tcake soup\nsport\tgoal ball\nfood\tsoup\nsport\tball\n");
        Run refused = run("train", "--dataset", "text", "--train", plain.toString(), "--set", "group=lang", "--quiet", "--out",
                dir.resolve("run2").toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("--set group=lang reads a group column, and this file has no header naming its columns");
    }

    /** Ids in a column named review_id: refused with the hint, read with --set idColumn=review_id, by evaluate and predict too. */
    @Test
    void theIdColumnSettingReadsIdsFromAnotherColumnInTrainEvaluateAndPredict(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(List.of("review_id\tlabel\ttext"));
        for (int i = 0; i < 40; i++) {
            lines.add("r-" + i + "\t" + (i % 2 == 0 ? "food\tcake bread soup " + i : "sport\tmatch goal ball " + i));
        }
        Path trainFile = Files.write(dir.resolve("reviews.tsv"), lines);
        Path out = dir.resolve("run");
        Run refused = run("train", "--dataset", "text", "--train", trainFile.toString(), "--set", "minFrequency=1", "--hidden", "4",
                "--epochs", "1", "--quiet", "--out", dir.resolve("refused").toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("--set idColumn=review_id");
        Run train = run("train", "--dataset", "text", "--train", trainFile.toString(), "--set", "minFrequency=1", "--set",
                "idColumn=review_id", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"idColumn\"");
        List<String> splits = Files.readAllLines(out.resolve("splits.csv"));
        assertThat(splits.subList(1, splits.size())).hasSize(40).allMatch(l -> l.startsWith("r-"));
        String model = out.resolve("model.rnnlab").toString();
        Path fresh = Files.write(dir.resolve("new.tsv"), List.of("review_id\ttext", "n-1\tsoup cake", "n-2\tgoal match"));
        Run predict = run("predict", "--model", model, "--input", fresh.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        List<String> rows = predict.out().lines().toList();
        assertThat(rows.get(1)).startsWith("n-1,");
        assertThat(rows.get(2)).startsWith("n-2,");
        Path labelled = Files.write(dir.resolve("labelled.tsv"), List.of("review_id\tlabel\ttext", "n-1\tfood\tsoup cake",
                "n-2\tsport\tgoal match"));
        Run evaluate = run("evaluate", "--model", model, "--input", labelled.toString());
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        // a column of another name is still refused
        Path other = Files.write(dir.resolve("other.tsv"), List.of("user_id\ttext", "n-1\tsoup cake"));
        Run wrong = run("predict", "--model", model, "--input", other.toString());
        assertThat(wrong.code()).isNotZero();
        assertThat(wrong.err()).contains("['user_id'] is none of them: name the ids' column review_id");
    }
}

package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --cv K} writes fold-validation.csv beside folds.csv: the sequences each fold's validation carve took from
 * its training part (trial 79a F4: a baseline fitted on folds.csv's other folds trained on 320 sequences where the fold
 * trained on 264, the carve in validation-predictions.csv only). Fold k's training sequences are the other folds' less these.
 */
class FoldValidationFileTest {

    @TempDir
    Path dir;

    private static List<CSVRecord> read(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
    }

    private Path data() throws Exception {
        Random random = new Random(5);
        StringBuilder sb = new StringBuilder("id,time,x,label\n");
        for (int s = 0; s < 45; s++) {
            String label = s % 3 == 0 ? "climb" : s % 3 == 1 ? "walk" : "idle";
            for (int t = 0; t < 4; t++) {
                sb.append(String.format(Locale.ROOT, "%03d,%d,%.4f,%s%n", s, t, random.nextGaussian() + s % 3, label));
            }
        }
        return Files.writeString(dir.resolve("train.csv"), sb.toString());
    }

    @Test
    void eachFoldsValidationCarveIsWrittenAndTheRestOfTheOtherFoldsIsWhatTheFoldTrainedOn() throws Exception {
        Path out = dir.resolve("cv");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train",
                data().toString(), "--set", "sequenceId=id", "--set", "time=time", "--cells", "gru", "--seeds", "1", "--epochs",
                "2", "--hidden", "2", "--cv", "3", "--probe", "0", "--quiet", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Map<String, String> foldOf = new HashMap<>();
        read(out.resolve("folds.csv")).forEach(r -> foldOf.put(r.get("sequence_id"), r.get("fold")));
        assertThat(foldOf).hasSize(45).containsKey("007"); // the ids as written
        assertThat(Files.readAllLines(out.resolve("fold-validation.csv")).get(0)).isEqualTo("fold,sequence_id");
        Map<String, Set<String>> carve = new TreeMap<>();
        read(out.resolve("fold-validation.csv")).forEach(r -> carve.computeIfAbsent(r.get("fold"), k -> new TreeSet<>())
                .add(r.get("sequence_id")));
        // the sequences each fold's runs validated on (validation-predictions.csv, fold column)
        Map<String, Set<String>> validated = new TreeMap<>();
        read(out.resolve("validation-predictions.csv")).forEach(r -> validated.computeIfAbsent(r.get("fold"), k -> new TreeSet<>())
                .add(r.get("id")));
        assertThat(carve).isEqualTo(validated).containsOnlyKeys("0", "1", "2");
        for (Map.Entry<String, Set<String>> e : carve.entrySet()) {
            // from the other folds, and what is left of them is the training part the console counts
            assertThat(e.getValue()).allSatisfy(id -> assertThat(foldOf.get(id)).isNotNull().isNotEqualTo(e.getKey()));
            long others = foldOf.values().stream().filter(f -> !f.equals(e.getKey())).count();
            Matcher line = Pattern.compile("fold " + e.getKey() + ": train (\\d+) / validation (\\d+) / test (\\d+)").matcher(run.err());
            assertThat(line.find()).as(run.err()).isTrue();
            assertThat(Long.parseLong(line.group(1))).isEqualTo(others - e.getValue().size());
            assertThat(Integer.parseInt(line.group(2))).isEqualTo(e.getValue().size()).isPositive();
        }
    }

    @Test
    void foldsWithoutAValidationCarveGetTheHeaderOnly() throws Exception {
        Path out = dir.resolve("none");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train",
                data().toString(), "--set", "sequenceId=id", "--set", "time=time", "--set", "validationFraction=0", "--cells",
                "gru", "--seeds", "1", "--epochs", "1", "--hidden", "2", "--cv", "3", "--probe", "0", "--quiet", "--out",
                out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("fold-validation.csv"))).containsExactly("fold,sequence_id");
    }
}

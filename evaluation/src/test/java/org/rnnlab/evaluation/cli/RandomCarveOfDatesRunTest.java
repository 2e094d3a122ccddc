package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.csv.CsvSequenceDataset;

/**
 * A carve at random of sequences whose dates span months is a data warning of the run, in data-warnings.txt, and the
 * result line qualifies the test score by it: a parcel carrier's trial (finding 5) carved 18 months of shipments at random
 * and read "test accuracy 0.9748" beside an INFO line only.
 */
class RandomCarveOfDatesRunTest {

    /** 60 sequences of 3 steps a minute apart, starting {@code minutesApart} minutes after each other. */
    private static Path file(Path dir, String name, long minutesApart) throws Exception {
        LocalDateTime start = LocalDateTime.of(2025, 7, 1, 8, 0);
        StringBuilder csv = new StringBuilder("id,time,a,label\n");
        for (int i = 0; i < 60; i++) {
            for (int t = 0; t < 3; t++) {
                csv.append('s').append(i).append(',').append(start.plusMinutes(minutesApart * i + t)).append(":00,")
                        .append((i % 2) * 2 + t * 0.1 + (i * 7 % 11) * 0.05 + i * 0.001).append(',').append(i % 2 == 0 ? "on_time" : "late")
                        .append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static TrainEvaluatePredictTest.Run train(Path data, Path out, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--dataset", "csv", "--train",
                data.toString(), "--set", "sequenceId=id", "--set", "features=a", "--cell", "rnn", "--hidden", "4", "--epochs", "1",
                "--quiet", "--out", out.toString()));
        args.addAll(java.util.List.of(more));
        return TrainEvaluatePredictTest.run(args.toArray(String[]::new));
    }

    @Test
    void monthsOfDatesCarvedAtRandomAreADataWarningThatQualifiesTheTestScore(@TempDir Path dir) throws Exception {
        Path months = file(dir, "months.csv", 3 * 24 * 60); // a sequence every 3 days: 177 days
        TrainEvaluatePredictTest.Run run = train(months, dir.resolve("random"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("random").resolve("data-warnings.txt")))
                .contains(CsvSequenceDataset.RANDOM_CARVE_OF_DATES, "177 days", "--set splitBy=time");
        assertThat(run.out()).containsPattern("test accuracy [0-9.]+, macro-F1 [^\\n]* \\(tested on dates among the training ones "
                + "\\(177 days carved at random, a data warning\\): optimistic for later dates\\)");
        // carved by time: no such warning, no such words
        TrainEvaluatePredictTest.Run byTime = train(months, dir.resolve("bytime"), "--set", "splitBy=time");
        assertThat(byTime.code()).as(byTime.err()).isZero();
        assertThat(byTime.out()).doesNotContain("tested on dates among the training ones");
        Path warnings = dir.resolve("bytime").resolve("data-warnings.txt");
        assertThat(Files.isRegularFile(warnings) ? Files.readString(warnings) : "").doesNotContain("carved at random");
    }

    @Test
    void sessionsOfAFewHoursCarvedAtRandomAreNotWarnedOf(@TempDir Path dir) throws Exception {
        Path hours = file(dir, "hours.csv", 5); // 5 hours of sessions
        TrainEvaluatePredictTest.Run run = train(hours, dir.resolve("hours"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("test accuracy").doesNotContain("tested on dates among the training ones");
        Path warnings = dir.resolve("hours").resolve("data-warnings.txt");
        assertThat(Files.isRegularFile(warnings) ? Files.readString(warnings) : "").doesNotContain("carved at random");
    }

    @Test
    void newGroupsCarvedAtRandomOverTheTrainingDatesAreWarnedOfInTheirOwnWords(@TempDir Path dir) throws Exception {
        // 12 machines each running over the same 177 days (a trial's 2 test machines of 12 over the same 40 days were not
        // warned of): the test groups are new, but their dates lie among training's; one warning, worded for groups
        Path months = file(dir, "months.csv", 3 * 24 * 60);
        StringBuilder csv = new StringBuilder();
        for (String line : Files.readAllLines(months)) {
            csv.append(line).append(',').append(line.startsWith("id,") ? "machine" : "m" + Integer.parseInt(line.substring(1,
                    line.indexOf(','))) / 2 % 12).append('\n');
        }
        Path machines = Files.writeString(dir.resolve("machines.csv"), csv);
        TrainEvaluatePredictTest.Run run = train(machines, dir.resolve("groups"), "--set", "group=machine");
        assertThat(run.code()).as(run.err()).isZero();
        String warnings = Files.readString(dir.resolve("groups").resolve("data-warnings.txt"));
        assertThat(warnings).contains("177 days, and the validation and test sequences are carved at random by group column "
                + "machine: the test groups are new, but their dates lie among the training groups' (" + CsvSequenceDataset.RANDOM_CARVE_OF_DATES,
                "for later times use --set splitBy=time");
        assertThat(warnings.split(java.util.regex.Pattern.quote(CsvSequenceDataset.RANDOM_CARVE_OF_DATES), -1)).hasSize(2); // one warning
        assertThat(run.out()).containsPattern("test accuracy [0-9.]+, macro-F1 [^\\n]* \\(tested on dates among the training ones "
                + "\\(177 days of new groups carved at random, a data warning\\): optimistic for later dates\\)");
    }

    /** {@link #file} with a group column: sequence i on machine {@code prefix + i / 2 % 12}, ids prefixed by {@code idPrefix}. */
    private static Path machines(Path dir, String name, long startDays, String prefix, String idPrefix) throws Exception {
        Path months = file(dir, name + ".raw", 3 * 24 * 60);
        StringBuilder csv = new StringBuilder();
        for (String line : Files.readAllLines(months)) {
            if (line.startsWith("id,")) {
                csv.append(line).append(",machine\n");
                continue;
            }
            int i = Integer.parseInt(line.substring(1, line.indexOf(',')));
            String[] f = line.split(",");
            csv.append(idPrefix).append(i).append(',').append(LocalDateTime.parse(f[1]).plusDays(startDays)).append(':').append("00,")
                    .append(f[2]).append(',').append(f[3]).append(',').append(prefix).append(i / 2 % 12).append('\n');
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    /**
     * An agronomist's trial: a test file of the next season, validation carved by group column Station: the data warning said
     * the validation and test sequences were carved at random and the result line "tested on dates among the training ones
     * (... of new groups carved at random, a data warning): optimistic for later dates". Nothing was carved for test: neither
     * is said. With a validation file and the test carved by group, the warning and the words are of the test alone.
     */
    @Test
    void aTestFileIsNotSaidCarvedAtRandomWhenOnlyValidationIs(@TempDir Path dir) throws Exception {
        Path season1 = machines(dir, "season1.csv", 0, "m", "s");
        Path season2 = machines(dir, "season2.csv", 365, "n", "t");
        TrainEvaluatePredictTest.Run run = train(season1, dir.resolve("given"), "--set", "group=machine", "--test", season2.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Path warnings = dir.resolve("given").resolve("data-warnings.txt");
        assertThat(Files.isRegularFile(warnings) ? Files.readString(warnings) : "").doesNotContain("carved at random by group",
                CsvSequenceDataset.RANDOM_CARVE_OF_DATES);
        assertThat(run.out()).contains("test accuracy").doesNotContain("tested on dates among the training ones");
        // a validation file given, the test carved by group: said of the test only, and the result line still qualified
        TrainEvaluatePredictTest.Run carved = train(season1, dir.resolve("carved"), "--set", "group=machine", "--validation",
                season2.toString());
        assertThat(carved.code()).as(carved.err()).isZero();
        assertThat(Files.readString(dir.resolve("carved").resolve("data-warnings.txt"))).contains("177 days, and the test sequences "
                + "are carved at random by group column machine: the test groups are new").doesNotContain("validation and test sequences");
        assertThat(carved.out()).containsPattern("\\(tested on dates among the training ones \\(177 days of new groups carved at random, "
                + "a data warning\\): optimistic for later dates\\)");
    }
}

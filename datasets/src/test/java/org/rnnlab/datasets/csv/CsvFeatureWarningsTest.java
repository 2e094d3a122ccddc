package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/** What the CSV loader warns of about the features it takes, and what it refuses about their values. */
class CsvFeatureWarningsTest {
    private static final String[] ACTIVITIES = {"run", "sit", "walk"};

    @TempDir
    Path dir;

    /** The warnings {@link CsvSequenceDataset} logs while {@code action} runs. */
    private static List<String> warnings(LoggedWarnings.Action action) throws Exception {
        return LoggedWarnings.of(CsvSequenceDataset.class, action);
    }

    /**
     * A long file of 30 sequences of {@code steps(i)} steps, columns {@code id,t,ax,ay} plus the extra
     * columns {@code extra} (a value per sequence {@code i} and step) and the label {@code activity}.
     */
    private Path longFile(String name, IntFunction<Integer> steps, List<String> extra, ExtraValue value) throws IOException {
        Random r = new Random(3);
        List<String> lines = new ArrayList<>();
        lines.add("id,t,ax,ay" + (extra.isEmpty() ? "" : "," + String.join(",", extra)) + ",activity");
        for (int i = 0; i < 30; i++) {
            for (int t = 0; t < steps.apply(i); t++) {
                StringBuilder row = new StringBuilder("s" + i + "," + t);
                row.append(String.format(Locale.ROOT, ",%.3f,%.3f", r.nextGaussian(), r.nextGaussian()));
                for (String column : extra) {
                    row.append(',').append(value.of(column, i, t));
                }
                lines.add(row.append(',').append(ACTIVITIES[i % 3]).toString());
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    interface ExtraValue {
        String of(String column, int sequence, int step);
    }

    private static final CsvOptions LABEL_ACTIVITY = CsvOptions.defaults()
            .withColumns(Column.named("id"), Column.named("t"), Column.named("activity"));

    @Test
    void aNumericLabelAndSubjectBesideTheChosenLabelAreWarnedOfByNameAndAsOneValuePerSequence() throws Exception {
        // the user's case: 'label' holds the class as 0/1/2 and the label is 'activity'; 'subject' is a number per sequence
        Path f = longFile("leak.csv", i -> 6, List.of("label", "subject"),
                (column, i, t) -> column.equals("label") ? Integer.toString(i % 3) : Integer.toString(i % 5));
        List<String> warned = warnings(() -> assertThat(CsvSequenceDataset.fromLongCsv(f, LABEL_ACTIVITY).input().featureNames())
                .containsExactly("ax", "ay", "label", "subject"));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("column 'label' is used as a feature, but its name is that of a "
                + "label column (the label of this run is column 'activity')", "the label leaks into the input",
                "--set features=ax,ay"));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("column 'subject' is used as a feature, but its name is that of a "
                + "group column", "--set group=NAME", "--set features=ax,ay"));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("feature column(s) [label, subject] hold one value per sequence "
                + "(constant within each of the 30 sequences of the training data with more than one step", "--set features=ax,ay"));

        // features chosen: nothing to warn of
        List<String> chosen = warnings(() -> CsvSequenceDataset.fromLongCsv(f,
                LABEL_ACTIVITY.withFeatures(List.of(Column.named("ax"), Column.named("ay"), Column.named("label")))));
        assertThat(chosen).noneMatch(w -> w.contains("is used as a feature") || w.contains("feature column(s)"));
        // but the subject, one number per sequence shared by 6 sequences each, is named as the group it may be (the class
        // column of 3 values is not)
        assertThat(chosen).anySatisfy(w -> assertThat(w).contains("column 'subject' holds one value per sequence, shared by "
                + "several sequences (e.g.", "of the 30 sequences; 5 values)", "values (e.g. ", "carved at random",
                "--set group=subject carves each of its values into one split"));
    }

    @Test
    void aColumnVaryingLittleAroundALargeOffsetIsWarnedOfAsBlurredByFloatRounding() throws Exception {
        // a fresh-user trial: pressure-like columns (1e6 + 0.01 x) read as 32-bit floats kept 5-6 levels, or one value,
        // and the only warning said "constant" and advised dropping the column
        Random r = new Random(5);
        double[] noise = new double[180];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 0.01 * r.nextGaussian();
        }
        for (double offset : new double[] {1e6, 1e5, 1000, 0}) {
            int[] k = {0};
            Path f = longFile("offset" + (long) offset + ".csv", i -> 6, List.of("p"),
                    (column, i, t) -> String.format(Locale.ROOT, "%.6f", offset + noise[k[0]++ % noise.length]));
            List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(f, LABEL_ACTIVITY));
            List<String> blurred = warned.stream().filter(w -> w.contains("are rounded by")).toList();
            if (offset >= 1e5) {
                assertThat(blurred).as("offset %s", offset).singleElement().satisfies(w -> assertThat(w)
                        .contains("feature column 'p' varies by a standard deviation of 0.0", "around " + (long) offset,
                                "subtract an offset from the column (e.g. " + (long) offset + ")")
                        .doesNotContain("'ax'"));
            } else {
                assertThat(blurred).as("offset %s: rounding far below the variation", offset).isEmpty();
            }
        }
        // over the files of a read: predict on a folder of sequences warns once per column, not per file
        Path folder = Files.createDirectories(dir.resolve("new"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(folder.resolve("s" + i + ".csv"), String.format(Locale.ROOT, "ax,ay,p%n0.1,0.2,%.6f%n0.3,0.1,%.6f%n",
                    1e6 + noise[2 * i], 1e6 + noise[2 * i + 1]));
        }
        CsvSchema schema = ((CsvSequenceDataset) CsvSequenceDataset.fromLongCsv(longFile("plain.csv", i -> 6, List.of("p"),
                (column, i, t) -> Double.toString(noise[(i * 6 + t) % noise.length])), LABEL_ACTIVITY)).schema();
        List<String> onPredict = warnings(() -> CsvSequenceDataset.readAll(folder, schema, false, new ArrayList<>()));
        assertThat(onPredict).filteredOn(w -> w.contains("are rounded by")).singleElement()
                .satisfies(w -> assertThat(w).contains("feature column 'p'"));
    }

    @Test
    void aPerSequenceValueUnderAnotherNameIsWarnedOf() throws Exception {
        Path f = longFile("session.csv", i -> 4 + i % 3, List.of("sess"), (column, i, t) -> Integer.toString(100 + i / 10));
        List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(f, LABEL_ACTIVITY));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("feature column(s) [sess] hold one value per sequence",
                "--set features=ax,ay"));
        assertThat(warned).noneMatch(w -> w.contains("is used as a feature"));
    }

    @Test
    void featuresConstantInSomeSequencesOnlyOrEverywhereOrInOneStepSequencesAreNotWarnedOf() throws Exception {
        // 'gear' is constant within the 29 sequences of 2 steps, and changes within the one long sequence
        // 'bias' is the same value everywhere; 'flag' varies, but within no sequence: only one-step sequences vary
        Path f = longFile("fine.csv", i -> i == 0 ? 8 : i < 20 ? 2 : 1, List.of("gear", "bias", "flag"), (column, i, t) -> switch (column) {
            case "gear" -> Integer.toString(i == 0 ? t % 3 : i % 4);
            case "bias" -> "1.5";
            default -> i < 20 ? "0" : Integer.toString(i % 2);
        });
        List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(f, LABEL_ACTIVITY));
        assertThat(warned).noneMatch(w -> w.contains("one value per sequence") || w.contains("is used as a feature")
                || w.contains("one time step"));
        // the same value everywhere carries nothing: that is said, of 'bias' alone
        assertThat(warned).filteredOn(w -> w.contains("at every training time step")).singleElement()
                .satisfies(w -> assertThat(w).contains("feature 'bias' (input feature 4 of 5) has the value 1.5 at every training time step"));
    }

    @Test
    void aTimestampNamedTsIsWarnedOfAsATimeColumn() throws Exception {
        Path f = longFile("ts.csv", i -> 5, List.of("ts"), (column, i, t) -> Long.toString(1_700_000_000_000L + 1000L * (i * 5 + t)));
        List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(f, LABEL_ACTIVITY));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("column 'ts' is used as a feature, but its name is that of a time column"));
    }

    @Test
    void aRowNumberOrCounterIsWarnedOfWhateverItsName() throws Exception {
        // a pandas user's reset_index() wrote 'index'; a counter under another name holds a new whole number on every row
        int[] row = {0};
        Path f = longFile("counter.csv", i -> 4, List.of("index", "n"), (column, i, t) -> Integer.toString(column.equals("n")
                ? 7 + row[0]++ : i * 4 + t));
        List<String> warned = warnings(() -> assertThat(CsvSequenceDataset.fromLongCsv(f, LABEL_ACTIVITY).input().featureNames())
                .containsExactly("ax", "ay", "index", "n"));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("column 'index' is used as a feature, but its name is that of a "
                + "row index column", "in a file sorted by class it gives the class away", "--set features=ax,ay"));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("feature column(s) [n] hold a different whole number on every "
                + "row", "--set features=ax,ay"));
        // a step counter that starts again in each sequence, or whole numbers that repeat, are measurements as far as this knows
        Path steps = longFile("steps.csv", i -> 4, List.of("step"), (column, i, t) -> Integer.toString(t + 3 * (i % 2)));
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(steps, LABEL_ACTIVITY)))
                .noneMatch(w -> w.contains("different whole number"));
    }

    @Test
    void aColumnConstantPerSequenceOnlyAfterFloatRoundingIsSaidToBeSo() throws Exception {
        // a pandas user's epoch time stamps in milliseconds, 20 ms apart: 32-bit floats near 1.7e12 are 131072 apart, so each
        // sequence's stamps read as one value; the warning said a label might leak, beside a rounding warning of the same column
        Path f = longFile("epoch.csv", i -> 5, List.of("stamp"), (column, i, t) -> Long.toString(1_700_000_000_000L
                + 10_000_000L * i + 20L * t));
        List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(f, LABEL_ACTIVITY));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("feature column(s) [stamp] hold one value per sequence",
                "that is as read: values reach 1.70e+12, where 32-bit floats are 131072 apart", "--set time=NAME"));
        // small values: no such clause
        Path small = longFile("session2.csv", i -> 4, List.of("sess"), (column, i, t) -> Integer.toString(100 + i / 10));
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(small, LABEL_ACTIVITY)))
                .anySatisfy(w -> assertThat(w).contains("[sess] hold one value per sequence").doesNotContain("as read"));
    }

    @Test
    void theColumnsAndTheirRolesAreDescribedInWords() throws Exception {
        Path f = longFile("roles.csv", i -> 3, List.of(), (column, i, t) -> "");
        CsvSchema schema = ((CsvSequenceDataset) CsvSequenceDataset.fromLongCsv(f, LABEL_ACTIVITY)).schema();
        assertThat(schema.describeColumns()).isEqualTo("sequence id 'id'; time 't'; label 'activity'; 2 features: ax, ay");
        CsvSchema one = ((CsvSequenceDataset) CsvSequenceDataset.fromLongCsv(f, LABEL_ACTIVITY.withFeatures(
                List.of(Column.named("ay"))))).schema();
        assertThat(one.describeColumns()).isEqualTo("sequence id 'id'; time 't'; label 'activity'; 1 feature: ay; not read: ax");
    }

    @Test
    void aWideFileOfOneRowPerSequenceIsWarnedOf() throws Exception {
        List<String> lines = new ArrayList<>(List.of("id,label,ax_0,ax_1,ax_2,ay_0,ay_1,ay_2"));
        Random r = new Random(1);
        for (int i = 0; i < 30; i++) {
            StringBuilder row = new StringBuilder("w" + i + "," + ACTIVITIES[i % 3]);
            for (int c = 0; c < 6; c++) {
                row.append(String.format(Locale.ROOT, ",%.3f", r.nextGaussian()));
            }
            lines.add(row.toString());
        }
        Path f = Files.write(dir.resolve("wide.csv"), lines);
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("id"), CsvOptions.DEFAULT_TIME, Column.named("label"));
        List<String> warned = warnings(() -> assertThat(CsvSequenceDataset.fromLongCsv(f, o).input().maxLength()).isEqualTo(1));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("wide.csv: every training sequence has one time step (30 sequences "
                + "of one row each, 6 features): the file reads as one row per sequence", "long layout one row per time step",
                "folder layout one file per sequence"));

        // sequences of several steps: no such warning
        Path regular = longFile("long.csv", i -> 3, List.of(), null);
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(regular, LABEL_ACTIVITY))).noneMatch(w -> w.contains("one time step"));
    }

    @Test
    void oneHugeValueKeepsItsFeatureStandardisedWithAFiniteDeviation() throws Exception {
        // 1e30 squares beyond the float range: ND4J's float fit gave std = inf, and the feature read as 0 everywhere
        Path f = longFile("huge.csv", i -> 5, List.of("az"), (column, i, t) -> i == 0 && t == 2 ? "1e30" : "0.5");
        SequenceDataset d = CsvSequenceDataset.fromLongCsv(f, LABEL_ACTIVITY);
        boolean hugeInTraining = d.split(Split.TRAIN).examples().stream().anyMatch(s -> s.values()[2][2] > 1e29f);
        assertThat(hugeInTraining).as("the sequence holding 1e30 is a training sequence (seed)").isTrue();
        NormalizerStandardize n = d.fitNormalizer().orElseThrow();
        float std = n.getStd().getFloat(2);
        float mean = n.getMean().getFloat(2);
        long steps = d.split(Split.TRAIN).examples().stream().mapToLong(s -> s.values().length).sum();
        assertThat((double) mean).isCloseTo(1e30 / steps, Percentage.withPercentage(0.01));
        assertThat((double) std).isCloseTo(1e30 * Math.sqrt(steps - 1) / steps, Percentage.withPercentage(0.01));
        assertThat((1e30f - mean) / std).as("the huge value, standardised").isCloseTo((float) Math.sqrt(steps - 1),
                Percentage.withPercentage(0.01));
    }

    @Test
    void valuesSpreadBeyondTheFloatRangeAreRefusedNamingTheFeature() throws IOException {
        // +-3e38: each and their distances from the mean (about 0) are within the float range
        Path wide = longFile("spread.csv", i -> 5, List.of("az"), (column, i, t) -> t > 0 ? "0" : i % 2 == 0 ? "3e38" : "-3e38");
        NormalizerStandardize n = CsvSequenceDataset.fromLongCsv(wide, LABEL_ACTIVITY).fitNormalizer().orElseThrow();
        assertThat(Float.isFinite(n.getStd().getFloat(2))).isTrue();
        // a few 3.4e38 among -3.4e38: the mean is near -3.4e38, and x - mean near 6.8e38 overflows float
        Path lopsided = longFile("lopsided.csv", i -> 5, List.of("az"), (column, i, t) -> t == 0 && i < 6 ? "3.4e38" : "-3.4e38");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(lopsided, LABEL_ACTIVITY))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("lopsided.csv: feature 'az' (input feature 3 of 3) of the training data: its values lie up to")
                .hasMessageContaining("beyond the float range (|x| <= 3.4e38)");
    }

    @Test
    void aChosenFeatureConstantPerSequenceThatGivesTheLabelIsWarnedOfAsALeak() throws Exception {
        // a trial listed the next day's peak level (the source of its classes) among the features: accuracy 0.97, no word
        Random r = new Random(11);
        double[] peak = new double[30];
        double[] age = new double[30];
        for (int i = 0; i < 30; i++) {
            peak[i] = (i % 3) * 2.0 + r.nextDouble(); // run < 1 <= sit < 3 <= walk
            age[i] = 20 + r.nextInt(50);
        }
        Path f = longFile("peak.csv", i -> 5, List.of("peak", "age"), (column, i, t) -> String.format(Locale.ROOT, "%.4f",
                column.equals("peak") ? peak[i] : age[i]));
        List<Column> chosen = List.of(Column.named("ax"), Column.named("peak"), Column.named("age"));
        List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(f, LABEL_ACTIVITY.withFeatures(chosen)));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("feature 'peak' is constant within each training sequence, and "
                + "its value alone gives the label of 100% of them", "always the most frequent label: 33%)", "leaks the label"));
        // a per-sequence value unrelated to the label (an age) is not
        assertThat(warned).noneMatch(w -> w.contains("feature 'age' is constant"));
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(f, LABEL_ACTIVITY.withFeatures(List.of(Column.named("ax"))))))
                .noneMatch(w -> w.contains("gives the label"));
    }

    /**
     * A trial's {@code hours_to_death}: -1 at every step of every survivor's stay (pandas' fillna(-1)), a countdown for the
     * others; it varies within sequences, so the constant check never judged it (ROC AUC 0.9996 without a word). A defect
     * trace flat at 0 for one class and peaking once for the others is a strong honest feature: its other sequences pass
     * through 0 too, and it is not called a leak.
     */
    @Test
    void aValueFillingOneLabelsSequencesOnlyIsALeakButATraceFlatAtItsBaselineForOneLabelIsNot() throws Exception {
        Path f = longFile("countdown.csv", i -> 6, List.of("hours_left", "trace"), (column, i, t) -> column.equals("hours_left")
                ? (i % 3 == 0 ? "-1" : Integer.toString(30 + 7 * i - 4 * t))
                : (i % 3 == 0 || t != 2 ? "0" : Integer.toString(5 + i)));
        List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(f, LABEL_ACTIVITY));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("countdown.csv: feature 'hours_left' fills whole sequences of "
                + "one label only, which gives the label: the value -1 at every step of 10 of the 10 training sequences of label "
                + "'run' (100%), and at no step of any of the 20 sequences of the other labels", "leave it out of --set features"));
        assertThat(warned).noneMatch(w -> w.contains("'trace'") && w.contains("gives the label"));
        assertThat(warned).noneMatch(w -> w.contains("'hours_left' is constant"));
        // a countdown whose "not applicable" value also appears in the other labels' sequences (they reach -1 too): silent
        Path reached = longFile("reached.csv", i -> 6, List.of("hours_left"), (column, i, t) -> i % 3 == 0 ? "-1"
                : Integer.toString(4 - t));
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(reached, LABEL_ACTIVITY))).noneMatch(w -> w.contains("gives the label"));
    }
}

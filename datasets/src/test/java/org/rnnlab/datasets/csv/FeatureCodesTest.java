package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Categories written as numbers (a trial's merchant category codes) are found, warned of at training and kept with the
 * model; counts, levels, flags and measurements are not taken for codes.
 */
class FeatureCodesTest {

    @TempDir
    Path dir;

    /** One sequence of {@code steps} steps per value list: feature f of step t is {@code columns[f][t % length]}. */
    private static List<float[][]> sequences(int count, int steps, float[]... columns) {
        List<float[][]> out = new ArrayList<>();
        int k = 0;
        for (int s = 0; s < count; s++) {
            float[][] q = new float[steps][columns.length];
            for (int t = 0; t < steps; t++, k++) {
                for (int f = 0; f < columns.length; f++) {
                    q[t][f] = columns[f][k % columns[f].length];
                }
            }
            out.add(q);
        }
        return out;
    }

    @Test
    void codesFarApartAreFoundAndCountsFlagsAndMeasurementsAreNot() {
        float[] mcc = {5411, 5812, 7995, 4111, 5411, 6011};
        float[] count = {0, 1, 2, 3, 4, 5, 2, 1};           // consecutive: a count, not codes
        float[] flag = {0, 1, 1, 0};                        // two values: a flag
        float[] measured = new float[200];                  // many distinct values
        float[] fraction = {10.5f, 40.5f, 70.5f};           // not whole numbers
        Random random = new Random(1);
        for (int i = 0; i < measured.length; i++) {
            measured[i] = Math.round(random.nextGaussian() * 1000);
        }
        List<FeatureCodes> found = FeatureCodes.find(sequences(10, 20, count, mcc, flag, measured, fraction), 5);
        assertThat(found).containsExactly(new FeatureCodes(1, List.of(4111L, 5411L, 5812L, 6011L, 7995L)));
        FeatureCodes codes = found.get(0);
        assertThat(codes.knows(5411f)).isTrue();
        assertThat(codes.knows(Float.NaN)).isTrue();
        assertThat(codes.knows(5412f)).isFalse();
        assertThat(codes.knows(5411.5f)).isFalse();
        assertThat(codes.describe(3)).isEqualTo("4111, 5411, 5812 (and 2 more)");
        // too few uses per code (5 codes in 40 values): a handful of whole numbers, not judged codes
        assertThat(FeatureCodes.find(sequences(2, 20, mcc), 1)).isEmpty();
        assertThat(FeatureCodes.find(sequences(3, 20, mcc), 1)).hasSize(1);
        // an age per subject, constant over each sequence's 12 steps: 8 values 10 apart, 96 values, but each in one sequence
        List<float[][]> subjects = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            subjects.add(sequences(1, 12, new float[] {20 + 10 * (i % 8)}).get(0));
        }
        assertThat(FeatureCodes.find(subjects.subList(0, 8), 1)).as("one sequence per value").isEmpty();
        assertThat(FeatureCodes.find(subjects, 1)).as("three sequences per value: levels or codes").hasSize(1);
        // a missing value is not a code and not a reason to refuse
        assertThat(FeatureCodes.find(sequences(10, 20, new float[] {5411, Float.NaN, 7995, 4111}), 1)).hasSize(1);
    }

    @Test
    void trainingWarnsWithTheOneHotAdviceAndTheModelsSchemaKeepsTheCodes() throws Exception {
        StringBuilder csv = new StringBuilder("account,amount,mcc,label\n");
        Random random = new Random(2);
        int[] mcc = {5411, 5812, 7995, 4111};
        for (int a = 0; a < 30; a++) {
            for (int t = 0; t < 12; t++) {
                csv.append(String.format(Locale.ROOT, "a%d,%.2f,%d,%s%n", a, 20 + 10 * random.nextGaussian(),
                        mcc[random.nextInt(mcc.length)], a % 2 == 0 ? "fraud" : "legit"));
            }
        }
        Path file = Files.writeString(dir.resolve("tx.csv"), csv);
        CsvOptions options = CsvOptions.defaults().withColumns(Column.named("account"), null, Column.named("label"));
        List<String> warned = new ArrayList<>();
        CsvSequenceDataset[] read = new CsvSequenceDataset[1];
        warned.addAll(LoggedWarnings.of(CsvSequenceDataset.class, () -> read[0] = CsvSequenceDataset.fromLongCsv(file, options)));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("feature column(s) 'mcc' (4 values: 4111, 5411, 5812, 7995)",
                "codes of categories", "pd.get_dummies(df, columns=['mcc'], dtype=int)"));
        assertThat(warned).noneSatisfy(w -> assertThat(w).contains("'amount' ("));
        CsvSchema schema = read[0].schema();
        assertThat(schema.codes()).containsExactly(new FeatureCodes(1, List.of(4111L, 5411L, 5812L, 7995L)));
        // kept as the model keeps its card: JSON there and back
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .setInjectableValues(new com.fasterxml.jackson.databind.InjectableValues.Std().addValue("rnnlab.absent", null));
        CsvSchema back = json.readValue(json.writeValueAsString(schema), CsvSchema.class);
        assertThat(back.codes()).isEqualTo(schema.codes());
        assertThat(back).isEqualTo(schema);
        // a card saved before codes were recorded reads as none found
        com.fasterxml.jackson.databind.node.ObjectNode tree = json.valueToTree(schema);
        assertThat(tree.remove("codes")).isNotNull();
        String old = json.writeValueAsString(tree);
        assertThat(old).doesNotContain("codes");
        assertThat(json.readValue(old, CsvSchema.class).codes()).isNull();
    }

    @Test
    void codesAreJudgedOnTheValuesAsWrittenAndAValuePerSubjectIsNoCode() throws Exception {
        // gaps between codes, filled by interpolation: 6703 between 5411 and 7995 is no code, 5611.5 does not hide the column
        // (a review); an age per patient, constant over the steps, is used by one sequence per value: no code
        StringBuilder csv = new StringBuilder("account,amount,mcc,age,label\n");
        Random random = new Random(4);
        int[] mcc = {5411, 7995, 5812};
        int[] ages = {23, 41, 57, 68, 80};
        for (int a = 0; a < 30; a++) {
            for (int t = 0; t < 12; t++) {
                String code = t == 5 ? "" : Integer.toString(mcc[random.nextInt(mcc.length)]);
                csv.append(String.format(Locale.ROOT, "a%d,%.2f,%s,%d,%s%n", a, 20 + 10 * random.nextGaussian(), code,
                        a < ages.length ? ages[a] : 30 + a, a % 2 == 0 ? "fraud" : "legit"));
            }
        }
        Path file = Files.writeString(dir.resolve("gaps.csv"), csv);
        for (CsvOptions options : List.of(
                CsvOptions.defaults().withColumns(Column.named("account"), null, Column.named("label")).withMissing(MissingValues.INTERPOLATE),
                CsvOptions.defaults().withColumns(Column.named("account"), null, Column.named("label")).withMissing(MissingValues.INTERPOLATE)
                        .withSequenceScaling(SequenceScaling.STANDARDIZE))) {
            CsvSchema schema = CsvSequenceDataset.fromLongCsv(file, options).schema();
            assertThat(schema.codes()).as(options.sequenceScaling().toString())
                    .containsExactly(new FeatureCodes(1, List.of(5411L, 5812L, 7995L)));
            // new data read with the model: a filled gap is no unseen code; a code it never saw is, as written
            Path fresh = Files.writeString(dir.resolve("fresh.csv"), "account,amount,mcc,age,label\nn1,3.5,5411,40,fraud\n"
                    + "n1,4.0,,40,fraud\nn1,2.0,7995,40,fraud\nn2,1.0,9999,50,legit\nn2,1.5,9999,50,legit\n");
            org.rnnlab.datasets.NewData data = org.rnnlab.datasets.NewData.csv(fresh, schema, false);
            assertThat(data.unseenCodes()).containsExactly("'mcc': 9999 (2 value(s) in 1 sequence(s)); its training codes: 5411, "
                    + "5812, 7995");
        }
    }

    /**
     * A trial's respiratory rate: whole breaths per minute, 6 to 35, and an undeclared 999 for a failed reading, which
     * stretched the mean distance between neighbouring values to 39.7 ("codes of categories ... pd.get_dummies"). A rate is
     * a count: most of its neighbouring values are 1 apart. Status codes beside it, a few of them neighbours, still are codes.
     */
    @Test
    void aRespiratoryRateWithAnUndeclared999IsNoCodeButStatusCodesWithAFewNeighboursAre() {
        Random random = new Random(2);
        float[] rate = new float[400];
        for (int i = 0; i < rate.length; i++) {
            rate[i] = i % 50 == 7 ? 999 : Math.max(6, Math.min(35, Math.round(16 + 5 * random.nextGaussian())));
        }
        float[] status = {200, 201, 204, 301, 302, 404, 500, 200, 200, 404};
        List<float[][]> stays = sequences(20, 24, rate, status);
        assertThat(FeatureCodes.consecutive(List.of(6L, 7L, 8L, 9L, 999L))).isTrue();
        assertThat(FeatureCodes.find(stays, 2)).extracting(FeatureCodes::feature).containsExactly(1);
    }

    @Test
    void labelEncodedCodesAreWarnedOfAndCountsLevelsAndCountersAreNot() throws Exception {
        // a keystroke trial's key codes 0..23 (pandas cat.codes) and ASCII codes were standardised as amounts without a word
        StringBuilder csv = new StringBuilder("session,idx,hold_ms,key_code,ascii,keys_pressed,level,label\n");
        Random random = new Random(7);
        for (int s = 0; s < 40; s++) {
            int level = 3;
            for (int t = 0; t < 20; t++) {
                int key = random.nextInt(24);
                level = Math.max(0, Math.min(11, level + random.nextInt(3) - 1));
                csv.append(String.format(Locale.ROOT, "s%d,%d,%.1f,%d,%d,%d,%d,%s%n", s, t, 80 + 20 * random.nextGaussian(),
                        key, 97 + key, t / 2, level, s % 2 == 0 ? "a" : "b"));
            }
        }
        Path file = Files.writeString(dir.resolve("keys.csv"), csv);
        CsvOptions options = CsvOptions.defaults().withColumns(Column.named("session"), null, Column.named("label"));
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, options));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("feature 'key_code' holds only whole numbers 0..23 (24 distinct "
                + "values)", "codes of categories", "the model reads 12 as between 11 and 13", "give one 0/1 column per code",
                "pd.get_dummies(df, columns=['key_code'], dtype=int)"));
        // ASCII codes 97..120: not from 0, but named as no count either; judged by values alone, they are not taken
        assertThat(warned).noneSatisfy(w -> assertThat(w).contains("feature 'ascii'"));
        // a step counter (idx), a count (keys_pressed) and a level moving by 1 (level) are amounts
        assertThat(warned).noneSatisfy(w -> assertThat(w).contains("feature 'idx'"));
        assertThat(warned).noneSatisfy(w -> assertThat(w).contains("feature 'keys_pressed'"));
        assertThat(warned).noneSatisfy(w -> assertThat(w).contains("feature 'level'"));
        assertThat(FeatureCodes.codeName("key_ascii")).isTrue();
        assertThat(FeatureCodes.codeName("deviceId")).isTrue();
        assertThat(FeatureCodes.codeName("keys_pressed")).isFalse();
        assertThat(FeatureCodes.codeName("hold_ms")).isFalse();
    }
}

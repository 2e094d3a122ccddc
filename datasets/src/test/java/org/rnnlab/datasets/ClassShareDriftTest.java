package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.csv.CsvSequenceDataset;

/**
 * Test class shares that differ clearly from training's are warned of (a quant's trial, finding 5: 'up' 55% of training,
 * 46.6% of test, the majority baseline below a coin flip, never said); a stratified carve, and small shifts, stay silent.
 */
class ClassShareDriftTest {

    @TempDir
    Path dir;

    private Path file(int n, IntFunction<String> label) throws Exception {
        StringBuilder csv = new StringBuilder("id,time,a,label\n");
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < 3; t++) {
                csv.append("w").append(i).append(',').append(java.time.LocalDate.of(2023, 1, 1).plusDays(i)).append('T')
                        .append("09:3").append(t).append(":00,").append(i * 3 + t * 0.5 + (i * 7 % 11) * 0.1).append(',')
                        .append(label.apply(i)).append('\n');
            }
        }
        return Files.writeString(dir.resolve("f.csv"), csv);
    }

    private static DatasetOptions options(Path file) {
        return DatasetOptions.defaults().withFiles(file, null).with("sequenceId", "id").with("features", "a");
    }

    @Test
    void classSharesThatDriftIntoTheLatestSequencesAreWarnedOfAndAStratifiedCarveIsNot() throws Exception {
        // 'up' three in four of the first 150 days, one in four of the last 50
        Path f = file(200, i -> (i < 150) == (i % 4 != 0) ? "up" : "down");
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(f).with("splitBy", "time")));
        assertThat(warnings).anyMatch(w -> w.contains("the class shares of the test data differ from the training data's")
                && w.contains("'up' 75.0% of training, 23.3% of test") && w.contains("'down' 25.0% of training, 76.7% of test")
                && w.contains("the majority baseline and the accuracy move with the shares")
                && w.contains("another period or population"));
        // the same file carved at random, stratified: the shares of test are those of training, silent
        List<String> stratified = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(f)));
        assertThat(stratified).noneMatch(w -> w.contains("class shares"));
    }

    @Test
    void sharesMovedByWhichGroupsACarveByGroupPutInTestAreSaidSo() throws Exception {
        // 15 stations of 40 windows, 3 rural and 12 urban, the label the station's type: whole stations go to test, and the
        // shares move with which (a review: "'rural' 22.2% of training, 0.0% of test ... another period or population")
        StringBuilder csv = new StringBuilder("id,station,time,a,label\n");
        for (int s = 0; s < 15; s++) {
            for (int w = 0; w < 40; w++) {
                for (int t = 0; t < 3; t++) {
                    csv.append("s").append(s).append('w').append(w).append(",st").append(s).append(',').append(t).append(',')
                            .append((s * 7 + w * 3 + t) % 11 * 0.1).append(',').append(s < 3 ? "rural" : "urban").append('\n');
                }
            }
        }
        Path f = Files.writeString(dir.resolve("stations.csv"), csv);
        List<String> none = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(f)
                .with("group", "station").withSeed(2)));
        assertThat(none).anySatisfy(w -> assertThat(w).contains("'rural' 22.2% of training, 0.0% of test", "the majority baseline "
                + "and the accuracy move with the shares, and the test groups' class shares differ from the training groups': the "
                + "carve by group column station put 0 of the 3 groups holding 'rural' in test; another --data-seed carves other "
                + "groups, or a split column (--set split=NAME) chooses them").doesNotContain("period or population"));
        // both classes moved by 11.1 points: the class of 3 groups is the one counted, not the one of 12
        List<String> tie = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(f)
                .with("group", "station").withSeed(5)));
        assertThat(tie).anySatisfy(w -> assertThat(w).contains("'rural' 11.1% of training, 0.0% of test", "put 0 of the 3 groups "
                + "holding 'rural' in test"));
        // a seed whose test holds its share of rural stations: silent
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(f).with("group", "station")
                .withSeed(1)))).noneMatch(w -> w.contains("class shares"));
    }

    @Test
    void bothTheDistanceAndTheTestAreNeeded() {
        List<String> labels = List.of("a", "b", "c");
        // a small shift in a large set: significant, but under 0.10 apart
        assertThat(ClassShareDrift.warning(labels, new long[] {50_000, 30_000, 20_000}, new long[] {10_000, 7_000, 3_000}, "test")).isNull();
        // a large shift in a tiny set: 0.2 or more apart by rounding alone, not significant
        assertThat(ClassShareDrift.warning(labels, new long[] {40, 30, 30}, new long[] {3, 0, 2}, "test")).isNull();
        // a stratified carve's rounding: silent
        assertThat(ClassShareDrift.warning(labels, new long[] {340, 255, 255}, new long[] {60, 45, 45}, "test")).isNull();
        // a clear shift in enough sequences: said, the class that moved most first
        assertThat(ClassShareDrift.warning(labels, new long[] {500, 300, 200}, new long[] {60, 60, 80}, "test"))
                .startsWith("the class shares of the test data differ").contains("total variation distance 0.20")
                .contains("'a' 50.0% of training, 30.0% of test; 'c' 20.0% of training, 40.0% of test; the majority")
                .doesNotContain("'b'"); // its share did not move
    }

    @Test
    void theComparisonSaysTheSharesOfBothSidesInTheWordsOfItsCaller() {
        // evaluate's words for a model trained on 90/10 scored on 50/50 data (the weld-QA trial)
        ClassShareDrift.Comparison c = ClassShareDrift.compare(new long[] {900, 100}, new long[] {100, 100}).orElseThrow();
        assertThat(c.differs()).isTrue();
        assertThat(c.distance()).isCloseTo(0.40, within(1e-12));
        assertThat(c.details(List.of("ok", "bad"), "scored", "these data"))
                .startsWith("(total variation distance 0.40, chi-square p = ").contains(" over 1000 training and 200 scored sequences): ")
                .contains("'ok' 90.0% of training, 50.0% of these data; 'bad' 10.0% of training, 50.0% of these data");
        // the same shares: no difference; an empty side: nothing to compare
        assertThat(ClassShareDrift.compare(new long[] {900, 100}, new long[] {180, 20}).orElseThrow().differs()).isFalse();
        assertThat(ClassShareDrift.compare(new long[] {900, 100}, new long[] {0, 0})).isEmpty();
    }

    @Test
    void theChiSquareTailIsExact() {
        assertThat(ClassShareDrift.upperGamma(1, 7.5 / 2)).isCloseTo(Math.exp(-7.5 / 2), within(1e-12)); // 2 degrees of freedom
        assertThat(ClassShareDrift.upperGamma(0.5, 3.841459 / 2)).isCloseTo(0.05, within(1e-6)); // 1 degree: the 5% point
        assertThat(ClassShareDrift.upperGamma(0.5, 10.827566 / 2)).isCloseTo(0.001, within(1e-7)); // the 0.1% point
        assertThat(ClassShareDrift.upperGamma(1.5, 0.5)).isCloseTo(0.8012519569, within(1e-8)); // 3 degrees at 1.0
    }
}

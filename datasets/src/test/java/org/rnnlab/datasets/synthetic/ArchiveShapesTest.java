package org.rnnlab.datasets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.csv.CsvSequenceDataset;
import org.rnnlab.datasets.synthetic.ExampleArchive.Like;

/** The shapes {@code rnnlab data example --like} writes: determinism, sizes, loading, and what tells the classes apart. */
class ArchiveShapesTest {

    @TempDir
    Path dir;

    /** One series of a written file: its class and its rows (timestamp, then the channel values). */
    record Series(String label, List<double[]> rows) {
    }

    /** The header and the series of a long-layout file, by id in file order. */
    record Parsed(List<String> header, Map<String, Series> series) {
    }

    static Parsed parse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, Series> series = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double[] values = new double[c.length - 2]; // timestamp, then the channels
            for (int i = 0; i < values.length; i++) {
                values[i] = Double.parseDouble(c[1 + i]);
            }
            series.computeIfAbsent(c[0], id -> new Series(c[c.length - 1], new ArrayList<>())).rows().add(values);
        }
        return new Parsed(header, series);
    }

    private Path write(Like like, String name, long seed) throws IOException {
        Path out = dir.resolve(name);
        ExampleArchive.write(like, out, like.defaultTrainPerClass(), like.defaultTestPerClass(), seed);
        return out;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @ParameterizedTest
    @EnumSource(Like.class)
    void theSameSeedGivesByteIdenticalFilesAndAnotherSeedOthers(Like like) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        ExampleArchive.write(like, a, 3, 2, 11);
        ExampleArchive.write(like, b, 3, 2, 11);
        ExampleArchive.write(like, c, 3, 2, 12);
        for (String f : new String[] {"TRAIN.csv", "TEST.csv"}) {
            assertThat(Files.readAllBytes(b.resolve(f))).isEqualTo(Files.readAllBytes(a.resolve(f)));
            assertThat(Files.readAllBytes(c.resolve(f))).isNotEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        try (var files = Files.list(a)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("TEST.csv", "TRAIN.csv");
        }
    }

    @Test
    void theOscillationArchiveIsWhatItWasBeforeTheOtherShapes() throws Exception {
        // SHA-256 of the files written by ExampleArchive.write(dir, 30, 20, 7) before --like existed
        ExampleArchive.write(dir.resolve("old"), 30, 20, 7);
        ExampleArchive.write(Like.OSCILLATION, dir.resolve("new"), 30, 20, 7);
        for (Path d : List.of(dir.resolve("old"), dir.resolve("new"))) {
            assertThat(sha256(d.resolve("TRAIN.csv"))).isEqualTo("348aeac2e42652c63f5956c1b652201b38e0b130d0b57b255b8eb620387f5648");
            assertThat(sha256(d.resolve("TEST.csv"))).isEqualTo("7d4a1eb736714947b72df414ada4e679440dfa2fe65cdcc7c546c9efd5790d7a");
        }
        assertThat(Like.OSCILLATION.classes()).isEqualTo(ExampleArchive.CLASSES);
    }

    @ParameterizedTest
    @EnumSource(Like.class)
    void countsPerClassAndSplitLengthsAndChannels(Like like) throws IOException {
        Path out = write(like, like.id(), 7);
        List<String> expectedHeader = switch (like) {
            case OSCILLATION -> List.of("series_id", "timestamp", "x", "y", "z", "class");
            case BASICMOTIONS -> List.of("series_id", "timestamp", "acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z", "class");
            case LONGSHAPELET -> List.of("series_id", "timestamp", "value", "class");
        };
        int[] expectedSizes = switch (like) {
            case OSCILLATION -> new int[] {90, 60};
            case BASICMOTIONS -> new int[] {40, 40};
            case LONGSHAPELET -> new int[] {100, 100};
        };
        String[] files = {"TRAIN.csv", "TEST.csv"};
        for (int f = 0; f < 2; f++) {
            Parsed p = parse(out.resolve(files[f]));
            assertThat(p.header()).isEqualTo(expectedHeader);
            assertThat(p.series()).hasSize(expectedSizes[f]);
            Map<String, Integer> perClass = new TreeMap<>();
            for (Series s : p.series().values()) {
                perClass.merge(s.label(), 1, Integer::sum);
                int length = s.rows().size();
                switch (like) {
                    case OSCILLATION -> assertThat(length).isBetween(20, 40);
                    case BASICMOTIONS -> assertThat(length).isEqualTo(100);
                    case LONGSHAPELET -> assertThat(length).isEqualTo(500);
                }
                assertThat(s.rows()).allSatisfy(r -> assertThat(r).hasSize(like.channels() + 1));
            }
            assertThat(perClass.keySet()).containsExactlyInAnyOrderElementsOf(like.classes());
            assertThat(perClass.values()).containsOnly(expectedSizes[f] / like.classes().size());
        }
        Parsed train = parse(out.resolve("TRAIN.csv"));
        if (like == Like.BASICMOTIONS) {
            // 10 Hz: 0.0 to 9.9 seconds
            Series first = train.series().values().iterator().next();
            assertThat(first.rows().get(1)[0]).isEqualTo(0.1);
            assertThat(first.rows().get(99)[0]).isEqualTo(9.9);
        }
    }

    @ParameterizedTest
    @EnumSource(Like.class)
    void theFilesLoadThroughTheCsvDataset(Like like) throws IOException {
        Path out = write(like, like.id(), 7);
        SequenceDataset d = Datasets.open("csv", DatasetOptions.defaults().withFiles(out.resolve("TRAIN.csv"), out.resolve("TEST.csv"))
                .with("sequenceId", "series_id").with("time", "timestamp").with("label", "class").with("validationFraction", "0"));
        assertThat(d).isInstanceOf(CsvSequenceDataset.class);
        int classes = like.classes().size();
        assertThat(d.labelNames()).containsExactlyInAnyOrderElementsOf(like.classes());
        assertThat(d.input().featureCount()).isEqualTo(like.channels());
        assertThat(d.split(Split.TRAIN).size()).isEqualTo(classes * like.defaultTrainPerClass());
        assertThat(d.split(Split.VALIDATION).size()).isZero();
        assertThat(d.split(Split.TEST).size()).isEqualTo(classes * like.defaultTestPerClass());
        int[] perClass = new int[classes];
        Arrays.fill(perClass, like.defaultTestPerClass());
        assertThat(d.split(Split.TEST).classCounts(classes)).containsExactly(perClass);
        switch (like) {
            case OSCILLATION -> assertThat(d.input().maxLength()).isBetween(20, 40);
            case BASICMOTIONS -> assertThat(d.input().maxLength()).isEqualTo(100);
            case LONGSHAPELET -> assertThat(d.input().maxLength()).isEqualTo(500);
        }
    }

    @Test
    void likeNamesParseAndABadOneIsRefusedNamingTheAcceptedOnes() {
        assertThat(Like.parse("basicmotions")).isEqualTo(Like.BASICMOTIONS);
        assertThat(Like.parse("LongShapelet")).isEqualTo(Like.LONGSHAPELET);
        assertThat(Like.ids()).isEqualTo("oscillation, basicmotions, longshapelet");
        assertThatThrownBy(() -> Like.parse("fordA")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown archive shape 'fordA', expected one of oscillation, basicmotions, longshapelet");
        assertThatThrownBy(() -> ExampleArchive.write(Like.BASICMOTIONS, dir, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- basicmotions: physically plausible, not told by a per-channel mean

    private static double[] channel(Series s, int c) {
        return s.rows().stream().mapToDouble(r -> r[1 + c]).toArray();
    }

    private static double[] accMagnitude(Series s) {
        return s.rows().stream().mapToDouble(r -> Math.sqrt(r[1] * r[1] + r[2] * r[2] + r[3] * r[3])).toArray();
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    private static double std(double[] x) {
        double m = mean(x);
        return Math.sqrt(Arrays.stream(x).map(v -> (v - m) * (v - m)).average().orElseThrow());
    }

    /** The frequency (Hz, 0.1 Hz steps) of the largest DFT magnitude of {@code x} sampled at 10 Hz, leaving out 0. */
    private static double dominantFrequency(double[] x) {
        double m = mean(x);
        double best = -1;
        double bestF = 0;
        for (int k = 1; k <= x.length / 2; k++) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < x.length; t++) {
                re += (x[t] - m) * Math.cos(2 * Math.PI * k * t / x.length);
                im -= (x[t] - m) * Math.sin(2 * Math.PI * k * t / x.length);
            }
            double power = re * re + im * im;
            if (power > best) {
                best = power;
                bestF = k * BasicMotionsLike.HZ / x.length;
            }
        }
        return bestF;
    }

    private Map<String, List<Series>> basicMotionsByClass(long seed) throws IOException {
        Path out = write(Like.BASICMOTIONS, "bm" + seed, seed);
        Map<String, List<Series>> byClass = new LinkedHashMap<>();
        for (String f : new String[] {"TRAIN.csv", "TEST.csv"}) {
            parse(out.resolve(f)).series().values().forEach(s -> byClass.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s));
        }
        return byClass;
    }

    @Test
    void basicMotionsClassesAreNotToldApartByTheMeanOfAnyOneChannel() throws IOException {
        Map<String, List<Series>> byClass = basicMotionsByClass(7);
        for (int c = 0; c < 6; c++) {
            for (String label : BasicMotionsLike.CLASSES) {
                int channel = c;
                double[] own = byClass.get(label).stream().mapToDouble(s -> mean(channel(s, channel))).toArray();
                double[] others = byClass.entrySet().stream().filter(e -> !e.getKey().equals(label)).flatMap(e -> e.getValue().stream())
                        .mapToDouble(s -> mean(channel(s, channel))).toArray();
                double ownMin = Arrays.stream(own).min().orElseThrow();
                double ownMax = Arrays.stream(own).max().orElseThrow();
                // no threshold on this channel's mean puts the class on one side and all others on the other
                assertThat(ownMin).as("%s channel %d", label, c).isLessThan(Arrays.stream(others).max().orElseThrow());
                assertThat(ownMax).as("%s channel %d", label, c).isGreaterThan(Arrays.stream(others).min().orElseThrow());
            }
        }
    }

    @Test
    void basicMotionsClassesMoveAsTheirActivities() throws IOException {
        Map<String, List<Series>> byClass = basicMotionsByClass(7);
        for (Series s : byClass.get("Standing")) {
            double[] magnitude = accMagnitude(s);
            assertThat(mean(magnitude)).isBetween(9.5, 10.1); // gravity, whatever the orientation
            assertThat(std(magnitude)).isLessThan(0.4);
            for (int c = 3; c < 6; c++) {
                assertThat(Arrays.stream(channel(s, c)).map(Math::abs).max().orElseThrow()).isLessThan(0.5);
            }
        }
        for (Series s : byClass.get("Walking")) {
            assertThat(dominantFrequency(accMagnitude(s))).isBetween(1.4, 2.3);
        }
        for (Series s : byClass.get("Running")) {
            assertThat(dominantFrequency(accMagnitude(s))).isBetween(2.4, 3.3);
        }
        double walkingSpread = byClass.get("Walking").stream().mapToDouble(s -> std(accMagnitude(s))).average().orElseThrow();
        double runningSpread = byClass.get("Running").stream().mapToDouble(s -> std(accMagnitude(s))).average().orElseThrow();
        assertThat(runningSpread).isGreaterThan(1.5 * walkingSpread);
        for (Series s : byClass.get("Badminton")) {
            double[] gyro = s.rows().stream().mapToDouble(r -> Math.sqrt(r[4] * r[4] + r[5] * r[5] + r[6] * r[6])).toArray();
            long quiet = Arrays.stream(gyro).filter(g -> g < 0.5).count();
            assertThat(quiet).as("mostly still").isGreaterThanOrEqualTo(60);
            assertThat(Arrays.stream(gyro).max().orElseThrow()).as("a swing").isGreaterThan(3);
        }
    }

    // --- longshapelet: the class is in a short pattern at a random place

    /** The matched filter of the class-A pattern: sum over the window of (value - window mean) * template. */
    private static double[] template() {
        double[] t = new double[LongShapeletLike.SHAPELET_LENGTH];
        for (int s = 0; s < t.length; s++) {
            t[s] = LongShapeletLike.peak(s - LongShapeletLike.FIRST_PEAK, 1.8) - LongShapeletLike.peak(s - LongShapeletLike.SECOND_PEAK, 1.8);
        }
        return t;
    }

    /** {position, response} of the strongest (in absolute value) matched-filter response. */
    private static double[] strongestMatch(double[] x, double[] template) {
        double bestAbs = -1;
        double[] best = null;
        for (int p = 0; p + template.length <= x.length; p++) {
            double m = 0;
            for (int s = 0; s < template.length; s++) {
                m += x[p + s];
            }
            m /= template.length;
            double r = 0;
            for (int s = 0; s < template.length; s++) {
                r += (x[p + s] - m) * template[s];
            }
            if (Math.abs(r) > bestAbs) {
                bestAbs = Math.abs(r);
                best = new double[] {p, r};
            }
        }
        return best;
    }

    private static double[] values(Series s) {
        return s.rows().stream().mapToDouble(r -> r[1]).toArray();
    }

    @Test
    void theLongShapeletIsVisibleAndSpreadOverTheWholeSeries() throws IOException {
        Path out = write(Like.LONGSHAPELET, "ls", 7);
        double[] template = template();
        int[] perHundred = new int[5];
        int correct = 0;
        int total = 0;
        for (String f : new String[] {"TRAIN.csv", "TEST.csv"}) {
            for (Series s : parse(out.resolve(f)).series().values()) {
                double[] match = strongestMatch(values(s), template);
                perHundred[(int) match[0] / 100]++;
                correct += (match[1] > 0 ? "A" : "B").equals(s.label()) ? 1 : 0;
                total++;
            }
        }
        // a matched filter finds the pattern and its sign: the evidence stands out of background and noise
        assertThat((double) correct / total).isGreaterThanOrEqualTo(0.98);
        // positions over the whole series, many far from the end
        assertThat(Arrays.stream(perHundred).min().orElseThrow()).as(Arrays.toString(perHundred)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aNearestNeighbourOnRawValuesDoesNotSolveTheLongShapeletSet() throws IOException {
        Path out = write(Like.LONGSHAPELET, "ls", 7);
        List<Series> train = new ArrayList<>(parse(out.resolve("TRAIN.csv")).series().values());
        List<Series> test = new ArrayList<>(parse(out.resolve("TEST.csv")).series().values());
        int correct = 0;
        for (Series q : test) {
            double[] x = values(q);
            double best = Double.MAX_VALUE;
            String label = null;
            for (Series t : train) {
                double[] y = values(t);
                double d = 0;
                for (int i = 0; i < x.length; i++) {
                    d += (x[i] - y[i]) * (x[i] - y[i]);
                }
                if (d < best) {
                    best = d;
                    label = t.label();
                }
            }
            correct += label.equals(q.label()) ? 1 : 0;
        }
        assertThat((double) correct / test.size()).isLessThan(0.75);
    }
}

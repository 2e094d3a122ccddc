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
 * {@link ClippedRuns} (spectra clipped at a detector's 65535: a chemist's trial read 37 such training scans and a new batch
 * of clipped ones without a word) and {@link ScaleSpread} (spectra of one class alike in shape, 3x apart in intensity:
 * nothing suggested per-spectrum scaling, 0.72 without it, 0.93 with), and what neither names: a sine, a random walk,
 * windows of movement, the example data.
 */
class ClippedRunsAndScaleSpreadTest {
    @TempDir
    Path dir;

    private static final String[] CLASSES = {"PET", "HDPE", "PP"};

    /**
     * {@code n} spectra of 60 steps, each class a band at its own place, each scan's gain 8000-30000 (the scale spread),
     * counts offset 1500; the scans in {@code clipped} gained x8 and clipped at 65535.
     */
    private static List<float[][]> spectra(int n, List<Integer> clipped, long seed) {
        Random r = new Random(seed);
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double gain = 8000 + 22000 * r.nextDouble();
            float[][] v = new float[60][1];
            for (int t = 0; t < v.length; t++) {
                double band = Math.exp(-0.5 * Math.pow((t - 15 - 15 * (i % 3)) / 4.0, 2));
                double y = gain * (band + 0.1) + 1500 + 100 * r.nextGaussian();
                if (clipped.contains(i)) {
                    y = Math.min(65535, 8 * y);
                }
                v[t][0] = (float) (Math.round(y * 10) / 10.0);
            }
            out.add(v);
        }
        return out;
    }

    private static List<String> ids(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "s" + i).toList();
    }

    private static List<String> labels(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> CLASSES[i % 3]).toList();
    }

    @Test
    void spectraClippedAtTheDetectorsCeilingAreNamedWithTheValue() {
        List<ClippedRuns.Found> found = ClippedRuns.find(spectra(90, List.of(4, 20, 41), 1), ids(90), null, 1, true, 3);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).count()).isEqualTo(3);
        assertThat(found.get(0).describe(List.of("I"), 90, null)).startsWith("feature 'I': 3 of 90 sequences hold runs of >= 3 "
                + "steps at exactly its largest value 65535 (up to ").contains("e.g. 's4', 's20', 's41'")
                .contains("a detector or ADC ceiling?");
        // after each sequence's own scaling: each judged at its own top
        List<float[][]> scaled = spectra(90, List.of(4, 20, 41), 1);
        scaled.forEach(SequenceScaling.STANDARDIZE::apply);
        assertThat(ClippedRuns.find(scaled, ids(90), null, 1, false, 3)).singleElement()
                .satisfies(c -> assertThat(c.named()).containsExactly("s4", "s20", "s41"));
        // new data: named at their own largest value (predict and evaluate say it against the training data's largest)
        assertThat(ClippedRuns.find(spectra(30, List.of(1, 2, 3, 4), 2), ids(30), null, 1, true, 3)).hasSize(1);
        // all clipped (a new batch gained x3): still named, 65535 is an ADC's full scale
        assertThat(ClippedRuns.find(spectra(30, java.util.stream.IntStream.range(0, 30).boxed().toList(), 3), ids(30), null, 1,
                true, 3)).singleElement().satisfies(c -> assertThat(c.count()).isEqualTo(30));
    }

    @Test
    void aSineARandomWalkAndSpectraBelowTheCeilingAreNotNamed() {
        Random r = new Random(4);
        List<float[][]> sines = new ArrayList<>();
        List<float[][]> walks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            float[][] s = new float[200][1];
            float[][] w = new float[200][1];
            double x = 0;
            for (int t = 0; t < 200; t++) {
                s[t][0] = (float) Math.sin(t * 0.2);
                x += r.nextGaussian();
                w[t][0] = (float) x;
            }
            sines.add(s);
            walks.add(w);
        }
        assertThat(ClippedRuns.find(sines, ids(50), null, 1, true, 3)).isEmpty();
        assertThat(ClippedRuns.find(walks, ids(50), null, 1, true, 3)).isEmpty();
        List<float[][]> scaled = new ArrayList<>(walks);
        scaled.forEach(SequenceScaling.STANDARDIZE::apply);
        assertThat(ClippedRuns.find(scaled, ids(50), null, 1, false, 3)).isEmpty();
        assertThat(ClippedRuns.find(spectra(90, List.of(), 1), ids(90), null, 1, true, 3)).isEmpty();
    }

    @Test
    void aValveFlagScaledPerSequenceIsNoCeiling() {
        // a 0/1 valve flag, open on 10-39 of 60 steps in 30 windows and on 46-55 in 10: scaled per sequence it takes two
        // values in each window, but many across them (a trial: named "a detector or ADC ceiling?" under standardize)
        List<float[][]> windows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int open = i < 30 ? 10 + i : 46 + (i - 30);
            float[][] v = new float[60][1];
            for (int t = 0; t < v.length; t++) {
                v[t][0] = t >= 5 && t < 5 + open ? 1 : 0;
            }
            windows.add(v);
        }
        assertThat(ClippedRuns.find(windows, ids(40), null, 1, true, 3)).isEmpty();
        windows.forEach(SequenceScaling.STANDARDIZE::apply);
        assertThat(windows.stream().flatMap(q -> java.util.Arrays.stream(q).map(step -> step[0])).distinct().count())
                .isGreaterThanOrEqualTo(20);
        assertThat(ClippedRuns.find(windows, ids(40), null, 1, false, 3)).isEmpty();
    }

    @Test
    void aTurbinesRatedSpeedHeldOnMostDaysIsNotNamed() {
        // rotor speed limited to 14.8 rpm on every windy day: a limit of normal operation, in most sequences
        Random r = new Random(5);
        List<float[][]> days = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[][] v = new float[48][1];
            for (int t = 0; t < v.length; t++) {
                double wind = 3 + 12 * Math.abs(Math.sin(t * 0.1 + i)) + r.nextGaussian();
                v[t][0] = (float) Math.round(Math.max(6, Math.min(14.8, 6 + 0.9 * (wind - 3))) * 100) / 100f;
            }
            days.add(v);
        }
        List<ClippedRuns.Found> found = ClippedRuns.find(days, ids(40), null, 1, true, 3);
        assertThat(found).isEmpty();
    }

    @Test
    void trainingOnClippedSpectraOfSpreadIntensityWarnsAndHints() throws Exception {
        Path file = wide("spectra.csv", spectra(90, List.of(4, 20, 41), 1));
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("sequence_id"), null, Column.named("polymer")).withWide(true);
        List<String> infos = new ArrayList<>();
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> infos.addAll(LoggedWarnings.infos(
                CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file, o))));
        assertThat(warnings).anyMatch(w -> w.contains("feature 'I': 3 of 90 sequences hold runs of >= 3 steps at exactly its "
                + "largest value 65535"));
        assertThat(infos).anyMatch(w -> w.contains("hint: feature 'I': within each of the 3 classes the sequences are alike in "
                + "shape but their scale differs") && w.contains("--set sequenceScaling=standardize"));
        assertThat(ScaleSpread.find(spectra(90, List.of(), 1), labels(90), 1)).singleElement()
                .satisfies(s -> assertThat(s.low()).isGreaterThan(ScaleSpread.RATIO));
        // one gain for all: no hint
        List<float[][]> even = spectra(90, List.of(), 1);
        even.forEach(q -> {
            double sd = 0;
            for (float[] s : q) {
                sd = Math.max(sd, s[0]);
            }
            for (float[] s : q) {
                s[0] = (float) (s[0] / sd * 20000);
            }
        });
        assertThat(ScaleSpread.find(even, labels(90), 1)).isEmpty();
    }

    @Test
    void windowsOfMovementAndTheExampleDataGetNoScaleHint() throws Exception {
        // HAR-like: walking (a stride at a random phase, amplitude 0.5-2 g) and sitting (noise of 0.01-0.1 g): scale spreads,
        // no common shape at fixed steps
        Random r = new Random(6);
        List<float[][]> windows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            boolean walking = i % 2 == 0;
            double amplitude = walking ? 0.5 + 1.5 * r.nextDouble() : 0.01 + 0.09 * r.nextDouble();
            double phase = 2 * Math.PI * r.nextDouble();
            float[][] v = new float[128][1];
            for (int t = 0; t < v.length; t++) {
                v[t][0] = (float) (1 + (walking ? amplitude * Math.sin(t * 0.3 + phase) : 0) + (walking ? 0.05 : amplitude)
                        * r.nextGaussian());
            }
            windows.add(v);
            labels.add(walking ? "walking" : "sitting");
        }
        assertThat(ScaleSpread.find(windows, labels, 1)).isEmpty();
        Path example = dir.resolve("example");
        org.rnnlab.datasets.synthetic.ExampleArchive.write(example, 30, 20, 42);
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("series_id"), Column.named("timestamp"), Column.named("class"));
        assertThat(LoggedWarnings.infos(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(example.resolve("TRAIN.csv"), o)))
                .noneMatch(w -> w.contains("sequenceScaling=standardize"));
    }

    private Path wide(String name, List<float[][]> data) throws Exception {
        StringBuilder csv = new StringBuilder("polymer");
        for (int t = 0; t < data.get(0).length; t++) {
            csv.append(",I_").append(t);
        }
        csv.append('\n');
        for (int i = 0; i < data.size(); i++) {
            csv.append(CLASSES[i % 3]);
            for (float[] s : data.get(i)) {
                csv.append(',').append(String.format(Locale.ROOT, "%.1f", s[0]));
            }
            csv.append('\n');
        }
        return Files.writeString(dir.resolve(name), csv);
    }
}

package org.rnnlab.datasets.har;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/** The re-cut of raw HAPT-layout recordings into the official layout, on a generated three-experiment fixture. */
class UciHarRawRecordingsTest {

    @TempDir
    Path tmp;

    private RawRecordings.Result recut(Path hapt, Path out) {
        return RawRecordings.recut(hapt, out, RawRecordings.Config.official(), r -> { });
    }

    @Test
    void cutsWindowsInsideSegmentsOfActivitiesOneToSixAndSplitsByTestVolunteer() throws IOException {
        Path hapt = HarFixtures.rawHapt(tmp.resolve("hapt"));
        Path out = tmp.resolve("har");
        List<RawRecordings.ExperimentReport> progress = new ArrayList<>();
        RawRecordings.Result result = RawRecordings.recut(hapt, out, RawRecordings.Config.official(), progress::add);

        assertThat(result.trainWindows()).isEqualTo(3 + 1 + 2);
        assertThat(result.testWindows()).isEqualTo(3);
        assertThat(progress).extracting(RawRecordings.ExperimentReport::windows).containsExactly(4, 3, 2);
        assertThat(progress).extracting(RawRecordings.ExperimentReport::part)
                .containsExactly(HarLayout.Part.TRAIN, HarLayout.Part.TEST, HarLayout.Part.TRAIN);
        assertThat(result.sources()).hasSize(1 + 6);
        assertThat(Files.readAllLines(HarLayout.labelFile(out, HarLayout.Part.TRAIN))).containsExactly("1", "1", "1", "4", "2", "2");
        assertThat(Files.readAllLines(HarLayout.subjectFile(out, HarLayout.Part.TRAIN))).containsExactly("1", "1", "1", "1", "3", "3");
        assertThat(Files.readAllLines(HarLayout.labelFile(out, HarLayout.Part.TEST))).containsExactly("6", "6", "6");
        assertThat(Files.readAllLines(HarLayout.subjectFile(out, HarLayout.Part.TEST))).containsExactly("2", "2", "2");
        assertThat(Files.readString(HarLayout.activityLabelsFile(out))).isEqualTo(HarFixtures.activityLabels());

        List<String> lines = Files.readAllLines(HarLayout.signalFile(out, HarLayout.Part.TRAIN, "total_acc_x"));
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).hasSize(128 * 16).startsWith("  ").matches("( [ -]\\d\\.\\d{7}e[+-]\\d{3}){128}");
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("hapt", "har");
        }
    }

    @Test
    void theSameLoaderReadsTheResultWithWindowsAtTheRightSamples() {
        Path out = tmp.resolve("har");
        recut(HarFixtures.rawHapt(tmp.resolve("hapt")), out);
        SequenceDataset har = UciHar.load(out, new UciHar.Options(0.0, 3));
        assertThat(har.split(Split.TRAIN).size()).isEqualTo(6);
        assertThat(har.split(Split.TEST).size()).isEqualTo(3);
        // exp 1, WALKING segment 401..700 (1-based): windows start at samples 400, 464, 528 (0-based);
        // acc x is the ramp 0.1 + 0.001 i, which the zero-phase filters leave unchanged inside the recording
        List<Sequence> walking = har.split(Split.TRAIN).examples().stream()
                .filter(s -> s.label() == 0).sorted((a, b) -> Float.compare(a.values()[0][6], b.values()[0][6])).toList();
        assertThat(walking).hasSize(3);
        int[] starts = {400, 464, 528};
        for (int k = 0; k < 3; k++) {
            float[][] v = walking.get(k).values();
            for (int t : new int[] {0, 64, 127}) {
                double ramp = 0.1 + 0.001 * (starts[k] + t);
                assertThat((double) v[t][6]).as("total_acc_x window %d step %d", k, t).isCloseTo(ramp, within(2e-5));
                assertThat((double) v[t][0]).as("body_acc_x").isCloseTo(0.0, within(2e-4));
                assertThat((double) v[t][7]).as("total_acc_y").isCloseTo(-0.2, within(1e-6));
                assertThat((double) v[t][8]).as("total_acc_z").isCloseTo(1.0, within(1e-6));
                assertThat((double) v[t][2]).as("body_acc_z").isCloseTo(0.0, within(1e-6));
                assertThat((double) v[t][3]).as("body_gyro_x").isCloseTo(0.01, within(1e-7));
                assertThat((double) v[t][5]).as("body_gyro_z").isCloseTo(0.03, within(1e-7));
            }
            assertThat(walking.get(k).tags()).containsEntry("subject", 1);
        }
    }

    @Test
    void acceptsTheRawDataFolderItself() {
        Path hapt = HarFixtures.rawHapt(tmp.resolve("hapt"));
        RawRecordings.Result r = recut(hapt.resolve("RawData"), tmp.resolve("har"));
        assertThat(r.trainWindows() + r.testWindows()).isEqualTo(9);
    }

    @Test
    void refusesANonEmptyOutputFolder() throws IOException {
        Path hapt = HarFixtures.rawHapt(tmp.resolve("hapt"));
        Path out = Files.createDirectories(tmp.resolve("har"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> recut(hapt, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(out.toString()).hasMessageContaining("not empty");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void aMissingGyroFileFailsAndLeavesNothingBehind() throws IOException {
        Path hapt = HarFixtures.rawHapt(tmp.resolve("hapt"));
        Path gyro = hapt.resolve("RawData/gyro_exp03_user03.txt");
        Files.delete(gyro);
        Path out = tmp.resolve("har");
        DatasetFormatException e = catchThrowableOfType(DatasetFormatException.class, () -> recut(hapt, out));
        assertThat(e.file()).isEqualTo(gyro);
        assertThat(e).hasMessageContaining("missing file");
        assertNothingWritten(out);
    }

    @Test
    void gyroWithFewerSamplesThanAcc() throws IOException {
        Path hapt = HarFixtures.rawHapt(tmp.resolve("hapt"));
        Path gyro = hapt.resolve("RawData/gyro_exp02_user02.txt");
        HarFixtures.dropLastLine(gyro);
        Path out = tmp.resolve("har");
        assertThat(catchThrowableOfType(DatasetFormatException.class, () -> recut(hapt, out)))
                .hasMessage(gyro + ": has 1199 lines, expected 1200 (as acc_exp02_user02.txt)");
        assertNothingWritten(out);
    }

    @Test
    void rawLineWithTwoColumns() throws IOException {
        Path hapt = HarFixtures.rawHapt(tmp.resolve("hapt"));
        Path acc = hapt.resolve("RawData/acc_exp01_user01.txt");
        HarFixtures.replaceLine(acc, 17, "0.1 0.2");
        Path out = tmp.resolve("har");
        DatasetFormatException e = catchThrowableOfType(DatasetFormatException.class, () -> recut(hapt, out));
        assertThat(e.file()).isEqualTo(acc);
        assertThat(e.line()).isEqualTo(17);
        assertThat(e).hasMessageEndingWith(":17: expected 3 values (x y z acceleration in g), found 2");
        assertNothingWritten(out);
    }

    @Test
    void malformedLabelRows() throws IOException {
        Path hapt = HarFixtures.rawHapt(tmp.resolve("hapt"));
        Path labels = hapt.resolve("RawData/labels.txt");
        Path out = tmp.resolve("har");
        HarFixtures.replaceLine(labels, 2, "1 1 7 701");
        assertThat(catchThrowableOfType(DatasetFormatException.class, () -> recut(hapt, out)))
                .hasMessage(labels + ":2: expected 5 values (experiment user activity start end), found 4");
        HarFixtures.replaceLine(labels, 2, "1 1 13 701 800");
        assertThat(catchThrowableOfType(DatasetFormatException.class, () -> recut(hapt, out)))
                .hasMessage(labels + ":2: activity 13 outside [1, 12]");
        HarFixtures.replaceLine(labels, 2, "1 1 7 801 800");
        assertThat(catchThrowableOfType(DatasetFormatException.class, () -> recut(hapt, out)))
                .hasMessage(labels + ":2: start 801 after end 800");
        HarFixtures.replaceLine(labels, 2, "1 1 7 1.5 800");
        assertThat(catchThrowableOfType(DatasetFormatException.class, () -> recut(hapt, out)))
                .hasMessage(labels + ":2: value 4 must be a positive integer, found 1.5");
        HarFixtures.replaceLine(labels, 2, "1 1 7 701 800");
        HarFixtures.replaceLine(labels, 4, "1 1 5 929 1300");
        assertThat(catchThrowableOfType(DatasetFormatException.class, () -> recut(hapt, out)))
                .hasMessageContaining("segment experiment 1 (volunteer 1, activity 5), samples 929-1300 ends after the 1200 samples "
                        + "of acc_exp01_user01.txt");
        HarFixtures.replaceLine(labels, 4, "1 1 5 929 1055");
        // a line given twice (a user's copied line) or overlapping ranges: its samples would be cut into windows twice
        HarFixtures.replaceLine(labels, 2, "1 1 1 401 700");
        assertThat(catchThrowableOfType(DatasetFormatException.class, () -> recut(hapt, out)))
                .hasMessage(labels + ":2: segment experiment 1 (volunteer 1, activity 1), samples 401-700 overlaps the segment on "
                        + "line 1 (experiment 1 (volunteer 1, activity 1), samples 401-700): a sample in two segments would be cut into "
                        + "windows twice");
        HarFixtures.replaceLine(labels, 2, "1 1 7 650 800");
        assertThat(catchThrowableOfType(DatasetFormatException.class, () -> recut(hapt, out)))
                .hasMessageContaining(":2: segment experiment 1 (volunteer 1, activity 7), samples 650-800 overlaps the segment on line 1");
        assertNothingWritten(out);
    }

    @Test
    void noTestVolunteerWindowIsAClearError() throws IOException {
        Path hapt = HarFixtures.rawHapt(tmp.resolve("hapt"));
        Path labels = hapt.resolve("RawData/labels.txt");
        HarFixtures.replaceLine(labels, 5, "2 2 6 501 600");
        Path out = tmp.resolve("har");
        assertThat(catchThrowableOfType(DatasetFormatException.class, () -> recut(hapt, out)))
                .hasMessageContaining("no window of 128 samples for the test volunteers");
        assertNothingWritten(out);
    }

    @Test
    void configIsValidated() {
        RawRecordings.Config c = RawRecordings.Config.official();
        assertThat(c.window()).isEqualTo(128);
        assertThat(c.step()).isEqualTo(64);
        assertThatThrownBy(() -> new RawRecordings.Config(128, 0, 3, 3, 50, 20, 0.3, HarFilters.Phase.CAUSAL, c.testVolunteers()))
                .hasMessageContaining("Config.step").hasMessageContaining("[1, window=128]");
        assertThatThrownBy(() -> new RawRecordings.Config(128, 64, 4, 3, 50, 20, 0.3, HarFilters.Phase.CAUSAL, c.testVolunteers()))
                .hasMessageContaining("Config.medianWindow");
        assertThatThrownBy(() -> new RawRecordings.Config(128, 64, 3, 3, 50, 30, 0.3, HarFilters.Phase.CAUSAL, c.testVolunteers()))
                .hasMessageContaining("Config.noiseCutoffHz").hasMessageContaining("(0, 25.0)");
        assertThatThrownBy(() -> new RawRecordings.Config(128, 64, 3, 3, 50, 20, 25, HarFilters.Phase.CAUSAL, c.testVolunteers()))
                .hasMessageContaining("Config.gravityCutoffHz");
    }

    private void assertNothingWritten(Path out) throws IOException {
        assertThat(out).doesNotExist();
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("hapt");
        }
    }
}

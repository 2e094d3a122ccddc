package org.rnnlab.datasets.har;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.Split;

/** Every malformed official-layout file fails with a {@link DatasetFormatException} naming file, line and expectation. */
class UciHarFormatErrorsTest {

    @TempDir
    Path root;

    private Path bodyAccX;
    private Path yTrain;

    @BeforeEach
    void writeFixture() {
        HarFixtures.officialFolder(root);
        bodyAccX = HarLayout.signalFile(root, HarLayout.Part.TRAIN, "body_acc_x");
        yTrain = HarLayout.labelFile(root, HarLayout.Part.TRAIN);
    }

    private DatasetFormatException loadFails() {
        return catchThrowableOfType(DatasetFormatException.class, () -> UciHar.load(root));
    }

    @Test
    void missingFile() throws Exception {
        Path gyro = HarLayout.signalFile(root, HarLayout.Part.TEST, "body_gyro_y");
        Files.delete(gyro);
        DatasetFormatException e = loadFails();
        assertThat(e.file()).isEqualTo(gyro);
        assertThat(e.line()).isEqualTo(DatasetFormatException.NO_LINE);
        assertThat(e).hasMessage(gyro + ": missing file (expected lines of a 128-sample window)");
    }

    @Test
    void lineWith127Values() {
        HarFixtures.replaceLine(bodyAccX, 3, HarFixtures.line(127, t -> 0.5));
        DatasetFormatException e = loadFails();
        assertThat(e.file()).isEqualTo(bodyAccX);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e).hasMessage(bodyAccX + ":3: expected 128 values (a 128-sample window), found 127");
    }

    @Test
    void lineWith129Values() {
        HarFixtures.replaceLine(bodyAccX, 5, HarFixtures.line(129, t -> 0.5));
        assertThat(loadFails()).hasMessageEndingWith(":5: expected 128 values (a 128-sample window), found 129");
    }

    @Test
    void nonNumericValue() {
        HarFixtures.replaceLine(bodyAccX, 2, HarFixtures.line(10, t -> 0.5) + " abc" + HarFixtures.line(117, t -> 0.5));
        DatasetFormatException e = loadFails();
        assertThat(e.line()).isEqualTo(2);
        assertThat(e).hasMessageEndingWith(":2: value 11 is not a number: 'abc'");
    }

    @Test
    void nanAndInfinityAreRejected() {
        HarFixtures.replaceLine(bodyAccX, 1, "NaN" + HarFixtures.line(127, t -> 0.5));
        assertThat(loadFails()).hasMessageEndingWith(":1: value 1 is not finite: 'NaN'");
        HarFixtures.replaceLine(bodyAccX, 1, HarFixtures.line(127, t -> 0.5) + " -Infinity");
        assertThat(loadFails()).hasMessageEndingWith(":1: value 128 is not finite: '-Infinity'");
    }

    @Test
    void labelOutsideOneToSix() {
        HarFixtures.replaceLine(yTrain, 4, "7");
        DatasetFormatException e = loadFails();
        assertThat(e.file()).isEqualTo(yTrain);
        assertThat(e).hasMessage(yTrain + ":4: an activity id 7 outside [1, 6]");
        HarFixtures.replaceLine(yTrain, 4, "0");
        assertThat(loadFails()).hasMessage(yTrain + ":4: an activity id 0 outside [1, 6]");
        HarFixtures.replaceLine(yTrain, 4, "2.5");
        assertThat(loadFails()).hasMessage(yTrain + ":4: expected an activity id (an integer in [1, 6]), found '2.5'");
    }

    @Test
    void subjectOutsideOneToThirty() {
        Path subjects = HarLayout.subjectFile(root, HarLayout.Part.TEST);
        HarFixtures.replaceLine(subjects, 2, "31");
        assertThat(loadFails()).hasMessage(subjects + ":2: a volunteer id 31 outside [1, 30]");
    }

    @Test
    void emptyFile() {
        HarFixtures.write(yTrain, "");
        DatasetFormatException e = loadFails();
        assertThat(e.file()).isEqualTo(yTrain);
        assertThat(e).hasMessage(yTrain + ": empty file (expected lines of an activity id)");
    }

    @Test
    void labelsAndSignalsWithDifferentLineCounts() {
        HarFixtures.dropLastLine(bodyAccX);
        DatasetFormatException e = loadFails();
        assertThat(e.file()).isEqualTo(bodyAccX);
        assertThat(e).hasMessage(bodyAccX + ": has 19 lines, expected 20 (one per window, as y_train.txt)");
    }

    @Test
    void subjectsAndLabelsWithDifferentLineCounts() {
        Path subjects = HarLayout.subjectFile(root, HarLayout.Part.TRAIN);
        HarFixtures.dropLastLine(subjects);
        assertThat(loadFails()).hasMessage(subjects + ": has 19 lines, expected 20 (one per window, as y_train.txt)");
    }

    @Test
    void blankLineInsideTheData() {
        HarFixtures.replaceLine(yTrain, 6, "");
        assertThat(loadFails()).hasMessage(yTrain + ":6: blank line inside the data (expected an activity id)");
    }

    @Test
    void trailingBlankLinesAreAccepted() {
        HarFixtures.write(yTrain, HarFixtures.ints(new int[] {1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 1, 2}) + "\n\n");
        assertThat(UciHar.load(root).split(Split.TEST).size()).isEqualTo(4);
    }

    @Test
    void windowsLineEndingsAreAccepted() throws Exception {
        Files.writeString(bodyAccX, Files.readString(bodyAccX).replace("\n", "\r\n"));
        assertThat(UciHar.load(root).split(Split.TRAIN).size()).isEqualTo(16);
    }

    @Test
    void malformedActivityLabels() {
        Path labels = HarLayout.activityLabelsFile(root);
        HarFixtures.write(labels, "1 WALKING\n3 WALKING_DOWNSTAIRS\n");
        assertThat(loadFails()).hasMessage(labels + ":2: expected activity id 2, found 3");
        HarFixtures.write(labels, "1 WALKING\n2 WALKING_UPSTAIRS\n");
        assertThat(loadFails()).hasMessage(labels + ": expected 6 activities, found 2");
    }

    @Test
    void exceptionMessageNamesFileAndLine() {
        DatasetFormatException e = new DatasetFormatException(Path.of("a", "b.txt"), 12, "bad");
        assertThat(e).hasMessage(Path.of("a", "b.txt") + ":12: bad");
        assertThat(e.file()).isEqualTo(Path.of("a", "b.txt"));
        assertThat(e.line()).isEqualTo(12);
        assertThat(new DatasetFormatException(Path.of("c.txt"), "gone")).hasMessage("c.txt: gone");
    }
}

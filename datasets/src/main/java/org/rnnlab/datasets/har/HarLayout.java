package org.rnnlab.datasets.har;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The facts of the official "UCI HAR Dataset" folder, written down once: the nine inertial channels
 * in rnnlab's feature order, the window length, the six activities and the official test volunteers
 * (Anguita et al., ESANN 2013; Reyes-Ortiz et al., Neurocomputing 2016).
 */
public final class HarLayout {

    /** Name of the official folder. */
    public static final String FOLDER_NAME = "UCI HAR Dataset";

    /** Samples per window: 2.56 s at 50 Hz. */
    public static final int WINDOW = 128;

    /** Window step for 50% overlap. */
    public static final int STEP = WINDOW / 2;

    /** Sampling rate of the recordings in Hz. */
    public static final double SAMPLE_RATE_HZ = 50.0;

    /**
     * Inertial channels in feature order: body_acc_xyz (g), body_gyro_xyz (rad/s), total_acc_xyz (g).
     * Each is one file {@code <channel>_<part>.txt} in {@code <part>/Inertial Signals/}.
     */
    public static final List<String> CHANNELS = List.of(
            "body_acc_x", "body_acc_y", "body_acc_z",
            "body_gyro_x", "body_gyro_y", "body_gyro_z",
            "total_acc_x", "total_acc_y", "total_acc_z");

    /** The six activities; label index = activity id - 1. */
    public static final List<String> ACTIVITIES = List.of(
            "WALKING", "WALKING_UPSTAIRS", "WALKING_DOWNSTAIRS", "SITTING", "STANDING", "LAYING");

    /** Volunteers of the official test part. */
    public static final Set<Integer> TEST_VOLUNTEERS = Set.of(2, 4, 9, 10, 12, 13, 18, 20, 24);

    /** Volunteer ids run from 1 to this. */
    public static final int VOLUNTEERS = 30;

    private HarLayout() {
    }

    /** The two parts of the official folder. */
    public enum Part {
        TRAIN("train"), TEST("test");

        private final String dir;

        Part(String dir) {
            this.dir = dir;
        }

        /** Folder and file-name suffix: {@code train} or {@code test}. */
        public String dirName() {
            return dir;
        }

        /** The part a volunteer belongs to in the official split. */
        public static Part of(int volunteer) {
            return TEST_VOLUNTEERS.contains(volunteer) ? TEST : TRAIN;
        }
    }

    /** {@code <root>/<part>/Inertial Signals/<channel>_<part>.txt}. */
    public static Path signalFile(Path root, Part part, String channel) {
        return root.resolve(part.dirName()).resolve("Inertial Signals").resolve(channel + "_" + part.dirName() + ".txt");
    }

    /** {@code <root>/<part>/y_<part>.txt}: activity ids 1-6, one a line. */
    public static Path labelFile(Path root, Part part) {
        return root.resolve(part.dirName()).resolve("y_" + part.dirName() + ".txt");
    }

    /** {@code <root>/<part>/subject_<part>.txt}: volunteer ids 1-30, one a line. */
    public static Path subjectFile(Path root, Part part) {
        return root.resolve(part.dirName()).resolve("subject_" + part.dirName() + ".txt");
    }

    /** {@code <root>/activity_labels.txt}: {@code id NAME} a line. */
    public static Path activityLabelsFile(Path root) {
        return root.resolve("activity_labels.txt");
    }
}

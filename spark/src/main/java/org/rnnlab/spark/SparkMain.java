package org.rnnlab.spark;

import org.rnnlab.evaluation.cli.Main;

/**
 * The {@code rnnlab} command line in a process that runs Spark: {@code ./rnnlab} starts it when {@code --engine spark}
 * is given, and on a cluster it is the class of {@code spark-submit --class org.rnnlab.spark.SparkMain
 * rnnlab-spark-all.jar compare --engine spark ...}. It sets {@link SparkSerialFilter} (Spark needs Java
 * deserialization of its own classes) before {@link Main} would switch Java deserialization off, then runs
 * {@link Main}.
 */
public final class SparkMain {

    private SparkMain() {
    }

    public static void main(String[] args) {
        SparkSerialFilter.install();
        Main.main(args);
    }

    /** {@link Main#execute} with the filter set first: the exit code (for tests and embedding). */
    public static int execute(String... args) {
        SparkSerialFilter.install();
        return Main.execute(args);
    }
}

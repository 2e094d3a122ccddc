package org.rnnlab.core;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program using rnnlab as a library, the child process of {@link LibraryLoggingTest}: logs at DEBUG, INFO and WARN
 * through SLF4J, loads ND4J (which logs its start-up at INFO) unless told not to, and prints its own line.
 */
public final class LibraryLoggingChild {
    private LibraryLoggingChild() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("org.rnnlab.example");
        log.debug("debug line");
        log.info("info line");
        log.warn("warn line");
        Logger own = LoggerFactory.getLogger("com.example.service");
        own.debug("own debug line");
        own.info("own info line");
        if (args.length == 0 || !args[0].equals("without-nd4j")) {
            System.out.println("sum " + Nd4j.create(new float[] {1, 2, 3}).sumNumber().intValue());
            org.rnnlab.core.layers.OneDnn.describe(); // loads oneDNN's preset (and OpenCL's, which it links)
        }
        System.out.println("program output");
    }
}

package org.rnnlab.evaluation.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.rnnlab.core.Json;
import org.rnnlab.training.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files every run folder starts with, written the same way by compare and train: {@value #CONFIG}
 * (the run's request, every default spelled out, read back by --resume) and {@value #PROVENANCE} (how the
 * run was made: software, machine, command line, the data's checksum and the seeds).
 */
public final class RunFiles {
    /** The run's request. */
    public static final String CONFIG = "config.json";
    /** The provenance of the run. */
    public static final String PROVENANCE = "provenance.json";

    private static final Logger LOG = LoggerFactory.getLogger(RunFiles.class);

    private RunFiles() {
    }

    /** Writes {@code dir/config.json} (the request) and {@code dir/provenance.json}. */
    public static void start(Path dir, Object request, Provenance provenance) throws IOException {
        Json.writeFile(dir.resolve(CONFIG), request);
        Json.writeFile(dir.resolve(PROVENANCE), provenance);
    }

    /** Removes the temporary files of atomic writes that a killed process left behind (names {@code .NAME.*.tmp}). */
    public static void removeStaleTemporaryFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(".tmp"))
                    .toList()) {
                LOG.info("removing {} (an unfinished write of the interrupted run)", f);
                Files.deleteIfExists(f);
            }
        }
    }
}

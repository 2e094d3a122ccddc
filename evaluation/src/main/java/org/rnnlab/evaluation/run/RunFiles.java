package org.rnnlab.evaluation.run;

import java.io.IOException;
import java.nio.file.Path;
import org.rnnlab.core.Json;
import org.rnnlab.training.Provenance;

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

    private RunFiles() {
    }

    /** Writes {@code dir/config.json} (the request) and {@code dir/provenance.json}. */
    public static void start(Path dir, Object request, Provenance provenance) throws IOException {
        Json.writeFile(dir.resolve(CONFIG), request);
        Json.writeFile(dir.resolve(PROVENANCE), provenance);
    }
}

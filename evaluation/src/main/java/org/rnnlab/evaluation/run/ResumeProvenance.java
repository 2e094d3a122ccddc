package org.rnnlab.evaluation.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.core.Json;
import org.rnnlab.training.Provenance;

/**
 * The provenance of every resumed session of a run ({@code train --resume}, {@code compare --resume}), oldest first, in
 * {@value #FILE} beside the first session's {@code provenance.json}: a session in the middle may have run other code or
 * on another machine, so each one's command line, commit and machine are kept (before, each resume replaced the file and
 * only the last session's remained). A file of an earlier rnnlab holding one session (an object) is read as a list of one.
 */
public final class ResumeProvenance {
    /** The file in a run's folder. */
    public static final String FILE = "provenance-resume.json";

    private ResumeProvenance() {
    }

    /** Adds {@code session} after the sessions already recorded in {@code dir} (written atomically) and returns them all. */
    public static List<Provenance> append(Path dir, Provenance session) throws IOException {
        List<Provenance> all = new ArrayList<>(read(dir));
        all.add(session);
        Json.writeFile(dir.resolve(FILE), all);
        return all;
    }

    /**
     * What differs between the runtime of the session that started a run and a resumed one's, one phrase each ("Java
     * 17.0.15 (Eclipse Adoptium) instead of 25.0.3 (Eclipse Adoptium)"), for the Java runtime, ND4J's backend, the
     * operating system, the CPU and the host; empty when none does. A trial resumed a JDK 25 run under JDK 17 without a
     * word, and its report named only the first JDK: results usually agree, but a user comparing runs needs to know.
     */
    public static List<String> environmentChanges(Provenance started, Provenance now) {
        List<String> changes = new ArrayList<>();
        change(changes, "Java", started.javaVersion(), now.javaVersion());
        change(changes, "the backend", started.backend(), now.backend());
        change(changes, "the operating system", started.os(), now.os());
        change(changes, "the CPU", started.cpu(), now.cpu());
        change(changes, "host", started.host(), now.host());
        return changes;
    }

    private static void change(List<String> changes, String what, String before, String now) {
        if (before != null && now != null && !before.equals(now)) {
            changes.add(what + " " + now + " instead of " + before);
        }
    }

    /**
     * The resumed sessions recorded in {@code dir}, oldest first; none without the file. A file that cannot be read as such
     * (damaged, edited) is moved aside to {@code provenance-resume.json.unreadable}, with a warning, and counts as none: a
     * record of earlier sessions must not stop a run from resuming.
     */
    public static List<Provenance> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return parse(file);
        } catch (IOException | RuntimeException e) {
            Path aside = dir.resolve(FILE + ".unreadable");
            Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            org.slf4j.LoggerFactory.getLogger(ResumeProvenance.class).warn("{}: not a list of sessions' provenance ({}): moved to {}, "
                    + "and this session's recorded anew", file, e.getMessage(), aside.getFileName());
            return List.of();
        }
    }

    private static List<Provenance> parse(Path file) throws IOException {
        JsonNode tree = Json.mapper().readTree(file.toFile());
        List<Provenance> out = new ArrayList<>();
        if (tree != null && tree.isArray()) {
            for (JsonNode n : tree) {
                out.add(Json.mapper().treeToValue(n, Provenance.class));
            }
        } else if (tree != null && tree.isObject()) {
            out.add(Json.mapper().treeToValue(tree, Provenance.class));
        }
        return out;
    }
}

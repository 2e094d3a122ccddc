package org.rnnlab.evaluation.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.training.Provenance;

/** Every resumed session of a run keeps its provenance, oldest first (each resume replaced the one before). */
class ResumeProvenanceTest {

    @TempDir
    Path dir;

    private static Provenance session(String marker) {
        return Provenance.capture(List.of("train", "--resume", marker), "csv", "abc123", List.of(42L));
    }

    @Test
    void eachResumedSessionIsKeptInOrder() throws Exception {
        assertThat(ResumeProvenance.read(dir)).isEmpty();
        ResumeProvenance.append(dir, session("first"));
        List<Provenance> both = ResumeProvenance.append(dir, session("second"));
        assertThat(both).hasSize(2);
        assertThat(ResumeProvenance.read(dir)).extracting(p -> p.commandLine().get(2)).containsExactly("first", "second");
    }

    @Test
    void aDamagedFileIsMovedAsideAndDoesNotStopAResume() throws Exception {
        java.nio.file.Files.writeString(dir.resolve(ResumeProvenance.FILE), "[{\"x\": 1}");
        assertThat(ResumeProvenance.append(dir, session("after"))).hasSize(1);
        assertThat(dir.resolve(ResumeProvenance.FILE + ".unreadable")).hasContent("[{\"x\": 1}");
        assertThat(ResumeProvenance.read(dir)).extracting(p -> p.commandLine().get(2)).containsExactly("after");
    }

    @Test
    void aFileOfOneSessionFromAnEarlierVersionIsReadAndKept() throws Exception {
        Json.writeFile(dir.resolve(ResumeProvenance.FILE), session("old"));
        ResumeProvenance.append(dir, session("new"));
        assertThat(ResumeProvenance.read(dir)).extracting(p -> p.commandLine().get(2)).containsExactly("old", "new");
    }

    /** A trial resumed a JDK 25 run under JDK 17: nothing said so, and the report named the first JDK only. */
    @Test
    void aResumeUnderAnotherRuntimeIsNamed() throws Exception {
        Provenance started = session("first");
        assertThat(ResumeProvenance.environmentChanges(started, session("again"))).as("the same machine and JDK").isEmpty();
        // the JSON of a session on JDK 25, on another host
        com.fasterxml.jackson.databind.node.ObjectNode other = Json.mapper().valueToTree(started);
        other.put("javaVersion", "25.0.3 (Eclipse Adoptium)");
        other.put("host", "laptop");
        Provenance elsewhere = Json.mapper().treeToValue(other, Provenance.class);
        assertThat(ResumeProvenance.environmentChanges(elsewhere, started)).containsExactly(
                "Java " + started.javaVersion() + " instead of 25.0.3 (Eclipse Adoptium)",
                "host " + started.host() + " instead of laptop");
    }
}

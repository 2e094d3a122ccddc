package org.rnnlab.evaluation.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;
import org.rnnlab.training.Provenance;

/** Trial 80b F1: a replay or resume under another commit, rnnlab or DL4J version, or runtime, is told from one of the same code. */
class CodeCheckTest {

    private static Provenance with(String commit, String... fields) throws Exception {
        ObjectNode node = Json.mapper().valueToTree(Provenance.capture(List.of("train"), "csv", "abc", List.of(1L)));
        node.put("gitCommit", commit);
        for (int i = 0; i < fields.length; i += 2) {
            node.put(fields[i], fields[i + 1]);
        }
        return Json.mapper().treeToValue(node, Provenance.class);
    }

    @Test
    void theCommitAndVersionsAreComparedAndTheRuntimeApart() throws Exception {
        Provenance then = with("016d78be");
        assertThat(CodeCheck.of(then, with("016d78be"))).isEqualTo(new CodeCheck(true, null, null));
        CodeCheck other = CodeCheck.of(with("016d78be", "dl4jVersion", "1.0.0-M2", "rnnlabVersion", "0.0.9"),
                with("340b9d1e", "dl4jVersion", "1.0.0-M2.1", "rnnlabVersion", "0.1.0-SNAPSHOT"));
        assertThat(other.sameCode()).isFalse();
        assertThat(other.codeChange()).isEqualTo("rnnlab commit 016d78be -> 340b9d1e; rnnlab version 0.0.9 -> 0.1.0-SNAPSHOT; "
                + "DL4J version 1.0.0-M2 -> 1.0.0-M2.1");
        assertThat(other.replayWarning("the run of c.json", "repeat-of.json").orElseThrow()).isEqualTo("this run runs other code "
                + "than the run of c.json (rnnlab commit 016d78be -> 340b9d1e; rnnlab version 0.0.9 -> 0.1.0-SNAPSHOT; DL4J version "
                + "1.0.0-M2 -> 1.0.0-M2.1): the same data and settings may give other numbers, in the last digits or more "
                + "(repeat-of.json: \"sameCode\": false, \"codeChange\")");
        // not known: an unknown commit, or the same commit with uncommitted changes
        assertThat(CodeCheck.of(with("unknown"), then).sameCode()).isNull();
        assertThat(CodeCheck.of(with("016d78be-dirty"), with("016d78be-dirty")).codeChange()).contains("uncommitted changes");
        // another JDK is a runtime change (warned of), another host alone none
        CodeCheck jdk = CodeCheck.of(with("016d78be", "javaVersion", "25.0.3 (Eclipse Adoptium)", "host", "laptop"), then);
        assertThat(jdk.sameCode()).isTrue();
        assertThat(jdk.runtimeChange()).startsWith("Java ").endsWith(" instead of 25.0.3 (Eclipse Adoptium)");
        assertThat(jdk.replayWarning("the run of c.json", "repeat-of.json").orElseThrow()).contains("runs the code of the run "
                + "of c.json, under Java ", "\"runtimeChange\"");
        assertThat(CodeCheck.of(with("016d78be", "host", "laptop"), then).runtimeChange()).isNull();
        // a resume says it as compare --resume did, with DL4J's version
        assertThat(CodeCheck.resumeWarning(then, with("340b9d1e"), "the run", "the epochs trained now come from other code"))
                .hasValueSatisfying(w -> assertThat(w).contains("(commit 340b9d1e, DL4J ", "where the run started under ",
                        "(commit 016d78be, DL4J ", "(rnnlab commit 016d78be -> 340b9d1e; each session's in provenance-resume.json)"));
        assertThat(CodeCheck.resumeWarning(then, with("016d78be"), "the run", "x")).isEmpty();
    }
}

package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rnnlab.serving.ModelServer;

/** A clean stop of serve ends its log with a line saying so (trial 71f F10: the log ended at "stopping; ..."). */
class ServeStopLineTest {
    @Test
    void aCleanDrainEndsWithAStoppedLine() {
        StringWriter text = new StringWriter();
        int code = ServeCommand.stopExit(new ModelServer.Stopped(0, Duration.ofSeconds(30)), "30s", new PrintWriter(text));
        assertThat(code).isZero();
        assertThat(text.toString()).isEqualTo("serve: stopped: every request in flight finished (exit 0)" + System.lineSeparator());
        StringWriter cut = new StringWriter();
        assertThat(ServeCommand.stopExit(new ModelServer.Stopped(3, Duration.ofSeconds(1)), "1s", new PrintWriter(cut))).isEqualTo(4);
        assertThat(cut.toString()).startsWith("serve: stopped, but --drain 1s ran out: 3 request(s)");
    }

    /** --version names the git commit, which model cards record (trial 71f F13). */
    @Test
    void versionNamesTheGitCommit() {
        assertThat(new Main.Version().getVersion()[0]).startsWith("rnnlab ").contains("(git commit "
                + org.rnnlab.training.Provenance.currentGitCommit() + ", as model cards record it in provenance.gitCommit)");
    }
}

package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {

    @Test
    void suggestedCommandsQuoteWhatAShellWouldSplitOrExpand() {
        assertThat(CommandLines.quote("/tmp/runs/res3")).isEqualTo("/tmp/runs/res3");
        assertThat(CommandLines.quote("/tmp/runs/res3 ü")).isEqualTo("'/tmp/runs/res3 ü'");
        assertThat(CommandLines.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(CommandLines.quote("")).isEqualTo("''");
        assertThat(CommandLines.quote("$HOME")).isEqualTo("'$HOME'");
        assertThat(CommandLines.quote(List.of("rnnlab", "train", "--set", "labelNames=\"a,b\",c", "--train", "my data.csv")))
                .isEqualTo("rnnlab train --set 'labelNames=\"a,b\",c' --train 'my data.csv'");
    }
}

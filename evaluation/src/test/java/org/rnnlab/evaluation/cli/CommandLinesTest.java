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

    @Test
    void errorsNameTheCommandAsTypedAndAnUnknownCommandIsSaidToBeOne() {
        var bogus = TrainEvaluatePredictTest.run("bogus");
        assertThat(bogus.code()).isEqualTo(2);
        assertThat(bogus.err()).startsWith("rnnlab: unknown command 'bogus' (expected one of: compare, train").contains("(see rnnlab --help)");
        var dataBogus = TrainEvaluatePredictTest.run("data", "bogus");
        assertThat(dataBogus.err()).startsWith("rnnlab data: unknown command 'bogus' (expected one of: fetch, har-from-raw, example)");
        // a subcommand of data names itself as typed (the hint named 'rnnlab example', which does not exist)
        var example = TrainEvaluatePredictTest.run("data", "example", "--like", "basicmotion", "--out", "never");
        assertThat(example.err()).startsWith("rnnlab data example: ").contains("(see rnnlab data example --help)");
    }
}

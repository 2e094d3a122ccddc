package org.rnnlab.evaluation.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.rnnlab.evaluation.cli.Main;

class RunDefaultsTest {

    private static String help(String command) {
        StringWriter out = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.execute(command, "--help");
        return out.toString().replaceAll("\\s+", " ");
    }

    @Test
    void trainAndCompareDocumentTheSameDefaultsAsTheRecord() {
        RunDefaults g = RunDefaults.GENERAL;
        RunDefaults a = RunDefaults.forDataset("agreement");
        for (String command : new String[] {"train", "compare"}) {
            String h = help(command);
            assertThat(h).contains("(default: " + g.hidden() + "; " + a.hidden() + " for agreement)")
                    .contains("(default: " + g.batch() + "; " + a.batch() + " for agreement)")
                    .contains("(default: " + g.lr() + ", " + a.lr() + " for agreement, with adam and rmsprop; "
                            + org.rnnlab.evaluation.cli.BudgetOptions.SGD_RATE + " with --updater sgd or nesterovs)")
                    .contains("(default: " + g.patience() + " for " + g.epochs() + " epochs, scaled up like the epochs, chosen for small data "
                            + "or given by --epochs, never below " + g.patience() + "; " + a.patience() + " for agreement)")
                    .contains("(default: " + g.epochs() + ", or more on small data so")
                    .contains("given " + g.minUpdates() + " updates; " + a.epochs() + " for agreement)")
                    .contains("(default: " + g.seed() + ")");
        }
        assertThat(help("train")).contains("bilstm");
    }

    @Test
    void smallDataGetsEnoughUpdatesAndLargeDataKeepsTheEpochs() {
        RunDefaults g = RunDefaults.GENERAL;
        assertThat(g.epochsFor(40, 32)).isEqualTo(200); // 2 batches per epoch: 400 updates
        assertThat(g.epochsFor(75, 32)).isEqualTo(134);
        assertThat(g.epochsFor(100_000, 32)).isEqualTo(g.epochs());
        assertThat(RunDefaults.forDataset("agreement").epochsFor(40, 64)).isEqualTo(6);
        assertThat(g.patienceFor(200)).isEqualTo(50); // 5 epochs of 20, scaled to 200
        assertThat(g.patienceFor(20)).isEqualTo(5);
    }
}

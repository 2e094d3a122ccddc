package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.evaluation.compare.PairedDifference;
import org.rnnlab.training.SelectionTies;

/**
 * The guide's *Upgrading from an older rnnlab* lists the rules that change a re-run's numbers, and the README links to it
 * (trial 78a F6: neither had a word on what changed since a user's older version); the numbers it gives are the code's.
 */
class UpgradingGuideTest {

    private static String read(String... path) throws IOException {
        return Files.readString(Path.of("..", path)).replaceAll("\\s+", " ");
    }

    @Test
    void theUpgradingSectionNamesTheRulesThatChangeNumbersAndTheReadmeLinksIt() throws IOException {
        String guide = read("docs", "guide", "your-data.md");
        int start = guide.indexOf("### Upgrading from an older rnnlab");
        assertThat(start).isNotNegative();
        String section = guide.substring(start, guide.indexOf(" ### ", start + 4));
        assertThat(section).contains("Which epoch is kept among ties").contains("`training.selectionTies`")
                .contains("from 62dd0b01 to 35658db4").contains("`LOWER_LOG_LOSS_NO_PATIENCE_GAIN`, with a note")
                .contains("no interval and no verdict below " + PairedDifference.MIN_PAIRS + " pairs")
                .contains("The default patience").contains("`normalization`").contains("`stratifiedCarving`")
                .contains("`groupCarving`").contains("`labelOrder`").contains("`tokenizerRules`")
                .contains("`DatasetProvenance.LATER_DEFAULTS`").contains("What old files still mean")
                .contains("record its SHA-256 now");
        for (String rule : DatasetProvenance.LATER_RULES) {
            assertThat(section).as("every later reading rule listed").contains("`" + rule + "`");
        }
        for (SelectionTies t : SelectionTies.values()) {
            assertThat(guide).contains("`" + t.name() + "`");
        }
        assertThat(read("README.md")).contains("(docs/guide/your-data.md#upgrading-from-an-older-rnnlab)");
    }
}

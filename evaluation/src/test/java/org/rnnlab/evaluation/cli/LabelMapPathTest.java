package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.DatasetOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code --set labelMap=FILE} is made absolute like {@code --train}: config.json records the file read, Spark's executors
 * (a Spark trial, 69d: "label map file not found" on a standalone cluster, whose executors resolve a relative name in their
 * own work folder) and {@code train --config} from another folder read that file, not another folder's namesake.
 */
class LabelMapPathTest {

    @Command(name = "holder")
    static final class Holder {
        @Mixin
        DatasetOptionsMixin data;
    }

    private static DatasetOptions parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.data.options(Map.of());
    }

    @Test
    void aRelativeLabelMapIsRecordedAbsolute() {
        DatasetOptions o = parse("--dataset", "csv", "--train", "x.csv", "--set", "labelMap=maps/spellings.csv");
        assertThat(o.settings().get("labelMap")).isEqualTo(Path.of("maps/spellings.csv").toAbsolutePath().toString());
        assertThat(Path.of(o.settings().get("labelMap")).isAbsolute()).isTrue();
    }

    @Test
    void anAbsoluteLabelMapAndNoneAreKeptAsGiven() {
        String abs = Path.of("/data/maps/spellings.csv").toString();
        assertThat(parse("--dataset", "csv", "--train", "x.csv", "--set", "labelMap=" + abs).settings().get("labelMap")).isEqualTo(abs);
        assertThat(parse("--dataset", "csv", "--train", "x.csv").settings()).doesNotContainKey("labelMap");
    }
}

package org.rnnlab.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;
import org.rnnlab.core.bptt.RnnActivation;
import org.rnnlab.core.bptt.SpectralSweep;

/** What the notebooks say of the code they run agrees with that code (checked without Jupyter). */
class NotebookTextTest {

    /** The sources of a notebook's cells of one type, joined. */
    private static String sources(String notebook, String type) throws IOException {
        JsonNode nb = Json.mapper().readTree(Path.of(notebook).toFile());
        StringBuilder sb = new StringBuilder();
        for (JsonNode cell : nb.get("cells")) {
            if (cell.path("cell_type").asText().equals(type)) {
                cell.path("source").forEach(line -> sb.append(line.asText()));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void theSweepsSizeIsTheOneItsDefaultsHave() throws IOException {
        // a user's try: 01 said "one random W_h (64 units)" while SpectralSweep.Config.defaults has 32
        int hidden = SpectralSweep.Config.defaults(RnnActivation.LINEAR).hidden();
        String text = sources("01-vanishing-gradients.ipynb", "markdown");
        assertThat(text).contains("$W_h$ (" + hidden + " units").doesNotContainPattern("W_h\\$ \\((?!" + hidden + " )\\d+ units");
    }

    @Test
    void theGradientFlowCellProbesTheBatchTheCommandProbes() throws IOException {
        // a user's try: 02's numbers differed from ./rnnlab gradients with the same stated settings: it probed batch 0, the
        // command the held-out GradientStudy.PROBE_BATCH
        String code = sources("02-gated-cells.ipynb", "code");
        assertThat(code).contains("source.batch(GradientStudy.PROBE_BATCH, 32)").doesNotContain("source.batch(0, 32)");
        assertThat(sources("02-gated-cells.ipynb", "markdown")).contains("./rnnlab gradients");
    }
}

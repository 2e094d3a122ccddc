package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.report.ComparisonReport;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.TrainingConfig;

/** Renders a comparison report in a real headless Chromium and asks the browser whether every image loaded. */
class ReportInBrowserTest {

    @Test
    void everyImageOfTheReportLoadsInARealBrowser(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = HeadlessChromium.binary();
        String missing = "chromium is not installed (apt-get install -y chromium; .ci/run installs it)";
        if (System.getenv("RNNLAB_REQUIRE_TOOLS") != null) {
            Assertions.assertThat(chromium).as(missing + " and RNNLAB_REQUIRE_TOOLS is set").isPresent();
        }
        Assumptions.assumeTrue(chromium.isPresent(), missing + ": browser rendering check skipped");
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn,gru"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4)), TrainingConfig.defaults().withEpochs(2).withBatchSize(16), 2, 1, 16);
        ComparisonResult result = Comparison.run(config, ComparisonTest.tiny(), new InputGradientProbe(), new Comparison.Listener() {
        });
        ComparisonFiles.write(result, dir);
        Provenance provenance = Provenance.capture(List.of("rnnlab", "compare"), "tiny", "x", List.of(1L, 2L));
        Json.writeFile(dir.resolve("provenance.json"), provenance);
        Json.writeFile(dir.resolve("config.json"), config);
        List<String> written = ComparisonReport.write(result, provenance, dir);
        assertThat(written).contains("gradient-flow.png");
        long imgTags = ReportLinks.links(dir.resolve("index.html")).stream().filter(l -> l.endsWith(".png")).count();

        try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), dir.resolve("index.html").toUri())) {
            browser.awaitLoaded(Duration.ofSeconds(30));
            JsonNode images = browser.evaluate(
                    "Array.from(document.images).map(i => ({src: i.getAttribute('src'), w: i.naturalWidth, h: i.naturalHeight}))");
            assertThat(images).hasSize((int) imgTags);
            for (JsonNode img : images) {
                assertThat(img.get("w").asInt()).as("width of %s", img.get("src")).isGreaterThan(100);
                assertThat(img.get("h").asInt()).as("height of %s", img.get("src")).isGreaterThan(100);
                assertThat(Files.exists(dir.resolve(img.get("src").asText()))).isTrue();
            }
            assertThat(browser.evaluate("document.title").asText()).isEqualTo("rnnlab compare: tiny");
            assertThat(browser.evaluate("document.querySelector('table').querySelectorAll('tr').length").asInt()).isEqualTo(1 + 2);
            // the paired differences: one pair of the two configurations
            assertThat(browser.evaluate("document.querySelectorAll('table')[1].querySelectorAll('tr').length").asInt()).isEqualTo(1 + 1);
        }
    }
}

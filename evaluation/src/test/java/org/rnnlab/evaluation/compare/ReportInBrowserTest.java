package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.bptt.ClippingExperiment;
import org.rnnlab.core.bptt.SpectralSweep;
import org.rnnlab.evaluation.gradients.GradientFlowRow;
import org.rnnlab.evaluation.gradients.GradientReport;
import org.rnnlab.evaluation.report.ComparisonReport;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.TrainingConfig;

/**
 * Renders the compare report and the gradients report in a real headless Chromium and asks the browser whether
 * every image loaded; every PNG written into the run folder must be shown on the page.
 */
class ReportInBrowserTest {

    @Test
    void everyImageOfTheReportLoadsInARealBrowser(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = chromium();
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
            JsonNode images = everyImageLoads(browser, dir);
            assertThat(images).hasSize((int) imgTags);
            assertThat(images.findValuesAsText("src")).as("every PNG of the run folder is on the page")
                    .containsExactlyInAnyOrderElementsOf(pngs(dir)).containsAll(written.stream().filter(f -> f.endsWith(".png")).toList());
            assertThat(browser.evaluate("document.title").asText()).isEqualTo("rnnlab compare: tiny");
            assertThat(browser.evaluate("document.querySelector('table').querySelectorAll('tr').length").asInt()).isEqualTo(1 + 2);
            // then the recall / F1 by class: a row per configuration
            assertThat(browser.evaluate("document.querySelectorAll('table')[1].querySelectorAll('tr').length").asInt()).isEqualTo(1 + 2);
            // the paired differences: one pair of the two configurations
            assertThat(browser.evaluate("document.querySelectorAll('table')[2].querySelectorAll('tr').length").asInt()).isEqualTo(1 + 1);
        }
    }

    @Test
    void everyImageOfTheGradientReportLoadsInARealBrowser(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = chromium();
        List<GradientFlowRow> flow = new ArrayList<>();
        List<SpectralSweep.Row> sweep = new ArrayList<>();
        List<ClippingExperiment.Row> clipping = new ArrayList<>();
        for (int d = 0; d < 64; d++) {
            flow.add(new GradientFlowRow("rnn-8", 63 - d, d, Math.pow(0.8, d)));
            flow.add(new GradientFlowRow("lstm-8", 63 - d, d, Math.pow(0.98, d)));
            sweep.add(new SpectralSweep.Row(0.2, d + 1, Math.pow(0.2, d + 1), Math.pow(0.2, d + 1)));
            sweep.add(new SpectralSweep.Row(1.5, d + 1, Math.pow(1.5, d + 1), Math.pow(1.5, d + 1)));
            clipping.add(new ClippingExperiment.Row(1.0, d, 100 * Math.pow(0.9, d) + 1, 1));
        }
        GradientReport.write(dir, new GradientReport.About("test data", false, List.of("clip 1.0: stable")), flow, sweep, clipping);
        try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), dir.resolve(GradientReport.INDEX_HTML).toUri())) {
            browser.awaitLoaded(Duration.ofSeconds(30));
            JsonNode images = everyImageLoads(browser, dir);
            assertThat(images.findValuesAsText("src")).containsExactlyInAnyOrderElementsOf(pngs(dir)).hasSize(3);
        }
    }

    /** The browser; the test is skipped without it unless RNNLAB_REQUIRE_TOOLS is set. */
    private static Optional<Path> chromium() {
        Optional<Path> chromium = HeadlessChromium.binary();
        String missing = "chromium is not installed (apt-get install -y chromium; .ci/run installs it)";
        if (System.getenv("RNNLAB_REQUIRE_TOOLS") != null) {
            Assertions.assertThat(chromium).as(missing + " and RNNLAB_REQUIRE_TOOLS is set").isPresent();
        }
        Assumptions.assumeTrue(chromium.isPresent(), missing + ": browser rendering check skipped");
        return chromium;
    }

    /** Asks the browser for every image of the page; each must have loaded (natural size > 100 px) from a file in dir. */
    private static JsonNode everyImageLoads(HeadlessChromium browser, Path dir) throws Exception {
        JsonNode images = browser.evaluate("Array.from(document.images).map(i => ({src: i.getAttribute('src'), "
                + "complete: i.complete, w: i.naturalWidth, h: i.naturalHeight}))");
        assertThat(images).isNotEmpty();
        for (JsonNode img : images) {
            assertThat(img.get("complete").asBoolean()).as("%s finished loading", img.get("src")).isTrue();
            assertThat(img.get("w").asInt()).as("width of %s", img.get("src")).isGreaterThan(100);
            assertThat(img.get("h").asInt()).as("height of %s", img.get("src")).isGreaterThan(100);
            assertThat(dir.resolve(img.get("src").asText())).isRegularFile();
        }
        return images;
    }

    /** The PNG files in a run folder (not in sub-folders). */
    private static List<String> pngs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".png")).sorted().toList();
        }
    }
}

package org.rnnlab.evaluation.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.rnnlab.evaluation.report.Charts;
import org.rnnlab.training.LearningRateSweep;

/**
 * {@code lr-find.png}: a fresh-user trial found its title cut at both sides (the suggestion's reason, a sentence or two,
 * was in the one centred title line) and the log x axis labelled "15.5" below 1e-3.
 */
class LrFindChartTest {

    private static final String REASON = "the minimum smoothed loss is at the sweep's last rate, where the loss was still "
            + "falling: the suggestion lies below the range tried; sweep higher rates with --find-lr-range";

    @Test
    void theTitleSaysTheSuggestionAndAPanelBesideThePlotTheReasonWrapped(@TempDir Path dir) throws Exception {
        LearningRateSweep sweep = new LearningRateSweep(List.of(1e-5, 1e-4, 1e-3, 1e-2), List.of(2.0, 1.8, 1.5, 1.2),
                List.of(2.0, 1.9, 1.7, 1.5), 1e-3, REASON);
        XYChart chart = LrFindRun.chart(sweep);
        assertThat(chart.getTitle()).isEqualTo("Learning-rate range test: suggested 1.0e-03");
        Charts.writePng(chart, dir.resolve("lr.png"));
        assertThat(ImageIO.read(dir.resolve("lr.png").toFile()).getWidth()).isEqualTo(Charts.WIDTH);
        // decade labels as the reports' log axes have them, nothing between decades
        var labels = chart.getStyler().getxAxisTickLabelsFormattingFunction();
        assertThat(labels.apply(1e-5)).isEqualTo("1e-5");
        assertThat(labels.apply(1e-3)).isEqualTo("0.001");
        assertThat(labels.apply(3e-4)).isEmpty();
    }

    @Test
    void wrapBreaksAtSpacesWithinTheWidth() {
        String wrapped = LrFindRun.wrap(REASON, 26);
        assertThat(wrapped.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(26));
        assertThat(wrapped.replace('\n', ' ')).isEqualTo(REASON);
        assertThat(LrFindRun.wrap("a-very-long-word-beyond-the-width x", 10)).isEqualTo("a-very-long-word-beyond-the-width\nx");
    }
}

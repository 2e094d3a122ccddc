package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;

/**
 * Review 80a R4: {@link SummaryBaseline#fitted} turned a failure to keep the regression as card data into no baseline at all,
 * so train lost its {@code baseline:} line and results.json its {@code summaryBaseline}, which it measured. Now the baseline
 * measured is kept and only the card data are left out.
 */
class SummaryBaselineFittedTest {

    @Test
    void aRegressionThatCannotBeStoredStillGivesTheMeasuredBaseline() {
        List<Sequence> examples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            examples.add(new Sequence(new float[][] {{i % 2 * 3 + i % 5 * 0.1f}, {i % 2 * 3f}}, i % 2, Map.of()));
        }
        SequenceSet set = new SequenceSet(examples);
        SequenceDataset data = new InMemorySequenceDataset("levels", InputDescription.dense(List.of("x"), 2), List.of("a", "b"),
                set, set, set, new DatasetProvenance("levels", "generated", Map.of(), List.of(), 1));
        SummaryBaseline.Fitted fine = SummaryBaseline.fitted(data).orElseThrow();
        assertThat(fine.stored()).isNotNull();
        assertThat(fine.stored().testMacroF1PresentOrPredicted()).isEqualTo(fine.baseline().judgedMacroF1());

        // a Java API user's data source whose description names two features over sequences of one: the regression (of the
        // values) is measured, but its card data would name 2 features for 2 summaries, which SummaryFeatures.stored refuses
        SequenceDataset misdescribed = new org.rnnlab.datasets.ForwardingSequenceDataset(data) {
            @Override
            public InputDescription input() {
                return InputDescription.dense(List.of("x", "y"), 2);
            }

            @Override
            public SequenceDataset limit(int maxPerSplit) {
                return this;
            }
        };
        SummaryBaseline.Fitted kept = SummaryBaseline.fitted(misdescribed).orElseThrow(() -> new AssertionError(
                "the baseline was measured but fitted() gave none"));
        assertThat(kept.stored()).as("card data that could not be made").isNull();
        assertThat(kept.baseline().accuracy()).isEqualTo(fine.baseline().accuracy());
        assertThat(kept.baseline().macroF1()).isEqualTo(fine.baseline().macroF1());
    }
}

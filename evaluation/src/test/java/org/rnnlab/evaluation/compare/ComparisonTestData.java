package org.rnnlab.evaluation.compare;

import org.rnnlab.datasets.SequenceDataset;

/** The small generated dataset of {@link ComparisonTest}, for tests of other packages. */
public final class ComparisonTestData {
    private ComparisonTestData() {
    }

    /** 64 / 16 / 16 sequences of 4-6 steps whose label is the sign of the first step. */
    public static SequenceDataset tiny() {
        return ComparisonTest.tiny();
    }
}

package org.rnnlab.datasets;

import java.util.List;

/**
 * A dataset that adds its own API (a generator's config, a text encoder, ...) around a built
 * {@link SequenceDataset}, usually an {@link InMemorySequenceDataset}, and forwards the contract to it.
 * Subclasses implement {@link #limit(int)} to return their own type.
 */
public abstract class ForwardingSequenceDataset implements SequenceDataset {
    /** The dataset the contract is forwarded to. */
    protected final SequenceDataset data;

    protected ForwardingSequenceDataset(SequenceDataset data) {
        this.data = data;
    }

    @Override
    public String name() {
        return data.name();
    }

    @Override
    public InputDescription input() {
        return data.input();
    }

    @Override
    public List<String> labelNames() {
        return data.labelNames();
    }

    @Override
    public SequenceSet split(Split split) {
        return data.split(split);
    }

    @Override
    public DatasetProvenance provenance() {
        return data.provenance();
    }

    @Override
    public java.util.Set<String> nominalTags() {
        return data.nominalTags();
    }
}

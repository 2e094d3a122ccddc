/**
 * Sequence datasets: the {@link org.rnnlab.datasets.SequenceDataset} abstraction (input description,
 * labels, in-memory splits, provenance, {@code limit(n)}), and
 * {@link org.rnnlab.datasets.SequenceBatchIterator}, which turns a split into padded, masked DL4J
 * minibatches in a seeded, resumable order. Loaders and generators live in sub-packages.
 */
package org.rnnlab.datasets;

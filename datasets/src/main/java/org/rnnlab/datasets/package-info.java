/**
 * Sequence datasets: the {@link org.rnnlab.datasets.SequenceDataset} abstraction (input description,
 * labels, in-memory splits, provenance, {@code limit(n)}), and
 * {@link org.rnnlab.datasets.SequenceBatchIterator}, which turns a split into padded, masked DL4J
 * minibatches in a seeded, resumable order. Loaders and generators live in sub-packages;
 * {@link org.rnnlab.datasets.Datasets} opens any of them by name, and every loader reports bad input
 * as a {@link org.rnnlab.datasets.DatasetFormatException} naming the file and line.
 */
package org.rnnlab.datasets;

/**
 * Sequence datasets: the {@link SequenceDataset} abstraction (input description,
 * labels, in-memory splits, provenance, {@code limit(n)}), and
 * {@link SequenceBatchIterator}, which turns a split into padded, masked DL4J
 * minibatches in a seeded, resumable order. Loaders and generators live in sub-packages;
 * {@link Datasets} opens any of them by name, and every loader reports bad input
 * as a {@link DatasetFormatException} naming the file and line. Files are read as strict UTF-8 ({@link TextFiles}), or
 * as strictly in an encoding the user declared for them ({@link FileEncoding}: {@code --set encoding=windows-1252});
 * {@link Mojibake} recognises UTF-8 that was read as Windows-1252 and saved again, for text and CSV data alike.
 * {@link GroupSplitter} carves whole groups; {@link GroupCarve} says how such a carve went (shares, groups per split, splits
 * of one or a few groups) for the CSV and text readers alike; {@link OneGroupClasses} names a class that such a carve left
 * with one of its groups in training. {@link ClassShareDrift} says when one data set's class shares differ clearly from the training data's
 * (the CSV reader's test split, and evaluate's and predict's data against a model's recorded training counts).
 * {@link JoinedLabels} warns of labels that are other labels joined by a separator ({@code billing|refund}: a multi-label
 * export), or tags joined by one whose parts are shared between labels and recombine ({@code bearing;seal}, {@code
 * seal;leak}; not names such as {@code Doe, John} and {@code Doe, Jane}), each of which trains as a class of its own.
 */
package org.rnnlab.datasets;

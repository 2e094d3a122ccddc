/**
 * Users' own numeric sequences from CSV files (Apache Commons CSV, RFC 4180, strict UTF-8): one long-layout
 * file ({@code sequence_id[,time],feature...,label}) or a folder of one file per sequence with a labels
 * file; training, validation and test data from files, a split column, or carved by seed (stratified or by
 * group). The layout decided from the training file is the {@link CsvSchema}, stored
 * with a trained model so new files are read the same way; see
 * {@link CsvSequenceDataset} and {@link CsvOptions}. Held-out sequences that hold training data (copies, overlapping
 * windows) and one sequence under two labels are warned of ({@link SplitOverlap}). {@link TimeOrder} carves the latest
 * sequences by time ({@code --set splitBy=time}), notes a carve at random of dates spanning months, and tells a split by
 * time (test after all training) whose shared groups are the same groups later; {@link ClassShareDrift} warns of test
 * class shares that differ clearly from training's.
 */
package org.rnnlab.datasets.csv;

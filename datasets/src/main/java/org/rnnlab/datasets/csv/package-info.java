/**
 * Users' own numeric sequences from CSV files (Apache Commons CSV, RFC 4180, strict UTF-8): one long-layout
 * file ({@code sequence_id[,time],feature...,label}) or a folder of one file per sequence with a labels
 * file; training, validation and test data from files, a split column, or carved by seed (stratified or by
 * group). The layout decided from the training file is the {@link CsvSchema}, stored
 * with a trained model so new files are read the same way; see
 * {@link CsvSequenceDataset} and {@link CsvOptions}. Held-out sequences that hold training data (copies, overlapping
 * windows) and one sequence under two labels are warned of ({@link SplitOverlap}); with a group column, groups at another
 * unit or scale than the others ({@link GroupScales}) and a group whose level steps once midway, a sensor moved or
 * recalibrated ({@link LevelShifts}).
 */
package org.rnnlab.datasets.csv;

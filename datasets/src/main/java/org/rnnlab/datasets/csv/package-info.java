/**
 * Users' own numeric sequences from CSV files, parsed with DataVec: a folder of one file per sequence
 * with a labels file, or one long-format file ({@code sequence_id,time,feature...,label}); see
 * {@link org.rnnlab.datasets.csv.CsvSequenceDataset} and {@link org.rnnlab.datasets.csv.CsvOptions}.
 */
package org.rnnlab.datasets.csv;

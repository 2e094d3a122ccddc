/**
 * Users' own numeric sequences from CSV files (Apache Commons CSV, RFC 4180, strict UTF-8): one long-layout
 * file ({@code sequence_id[,time],feature...,label}), one wide-layout file of one sequence per row ({@link WideLayout},
 * UCR/UEA style, or a spectrometer's export whose step columns are named by numbers, its axis stored with the model;
 * reshaped into the long layout as it is read; its first line judged by {@link WideFirstLine}: data, a
 * header, or pandas' column numbers, and the same in every file of a model), or a folder of one file per sequence with a labels
 * file, or with labels (and groups) from the folders holding the files ({@link FolderLabels}, {@code --set labelFrom=folder}); training, validation and test data from files, a split column, or carved by seed (stratified or by
 * group). Classes are ordered by {@link LabelOrder} (by number when every label is one). The layout decided from the
 * training file is the {@link CsvSchema}, stored
 * with a trained model so new files are read the same way; see
 * {@link CsvSequenceDataset} and {@link CsvOptions}. Numbers with a decimal comma ({@code 12,4}, {@code --set decimal=comma},
 * recorded in the schema; {@code predict}/{@code evaluate --decimal}) are rewritten with a point as a table is read
 * ({@link DecimalSeparator}). A spreadsheet's yes/no words in its languages ({@code WAHR}/{@code FALSCH}) are named by
 * {@link BooleanWords}. Held-out sequences that hold training data (copies, overlapping
 * windows) and one sequence under two labels are warned of ({@link SplitOverlap}), as are column names, ids, labels
 * and groups garbled by a wrong encoding conversion ({@link GarbledNames}); with a group column, groups at another unit or
 * scale than the others ({@link GroupScales}) and a group whose level steps once midway, a sensor moved or recalibrated
 * ({@link LevelShifts}); sequences of a feature in °F among others in °C ({@link TemperatureUnits}), and a feature whose
 * one value fills whole sequences of one label only, a label leak that varies along the sequence ({@link LabelSentinels});
 * a few training values as written far from all the others, typed wrong or an error value ({@link FarValues}).
 * The time column's rate and gaps are judged by {@link TimeSpacing}: gaps are absent rows unless
 * they recur where a calendar's would ({@link RecurringGaps}), and the hour local clocks skip is not one on the nights
 * daylight saving time starts ({@link DaylightSavingStarts}); where the spacing is irregular throughout (events such as
 * keystrokes, each sequence at its own pace), events are advised first and long pauses are no outages.
 * {@link TimeOrder} carves the latest sequences by time ({@code --set splitBy=time}), notes a carve at random of dates
 * spanning months (a carve of groups at random too, when held-out groups run over the training dates), and tells a split by time (test after all training) whose shared groups are the same groups later, and warns of a split asked
 * for that the carve leaves empty (validation emptied by the group rule, a fraction rounding to none);
 * {@link org.rnnlab.datasets.ClassShareDrift} warns of test class shares that differ clearly from training's, and of a rare
 * class whose share a carve by group moved.
 * {@link LabelMap} ({@code --set labelMap=FILE}, {@code evaluate --label-map}) reads labels spelt otherwise as the ones
 * meant; a training run's map is kept in the model's {@link CsvSchema} and applied to new files.
 * {@link MissingValues} is the {@code --missing} policy; {@link EmptyFeatureFill} ({@code --set emptyFeature=mean|zero}) its
 * fallback for a feature with no value at all in a sequence, the training means kept in the schema.
 */
package org.rnnlab.datasets.csv;

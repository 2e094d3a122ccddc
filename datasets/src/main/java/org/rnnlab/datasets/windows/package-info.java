/**
 * Cutting a continuous multi-entity series into labelled windows ({@code rnnlab data windows}).
 * <p>
 * {@link org.rnnlab.datasets.windows.SeriesWindows} reads a long CSV series (one row per entity and time: 10-minute
 * SCADA rows per turbine, ICU vitals per stay, machine telemetry per unit), or a folder of such files (each file its own
 * series, the entity from a column or from the folders, as train's {@code groupFrom=folder:N}), sorts each entity's rows by time (or, where
 * a device clock went back, keeps them as clock segments no window crosses), cuts them into windows of a fixed number of
 * rows with a stride, skips windows spanning a gap in time, and labels each window from an event log (the earliest
 * event of the entity within a horizon after the window's last row, else a default label), from annotated intervals
 * (the label covering all, most or the last of its rows) or from a label column of the series, or leaves them unlabelled
 * for predict (optionally only each entity's last windows, aligned on its last row); or cuts one window per event,
 * from the event's time plus an offset ({@code --anchor events}), labelled and named by the event. Durations written with
 * a unit are real time, converted to the time column's units (epoch milliseconds, epoch seconds, a unit in the column's
 * name; refused for numbers of unknown unit), and said back in real time. Rows are held by
 * column ({@code Column}: number cells as integers with their decimals, given back as written; a ';' or tab input with
 * decimal commas has its numbers written with a point and without the '.' grouping their thousands, as train's
 * {@code decimal=comma} reads them, and a spreadsheet's yes/no words are written as 1 and 0). It writes the windows in the long CSV
 * layout the CSV reader of {@link org.rnnlab.datasets.csv} trains on ({@code sequence_id}, the entity and kept columns,
 * {@code time}, features, {@code label}). Malformed input fails with a {@link org.rnnlab.datasets.DatasetFormatException} naming the file,
 * line and column.
 */
package org.rnnlab.datasets.windows;

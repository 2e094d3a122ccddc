/**
 * Cutting a continuous multi-entity series into labelled windows ({@code rnnlab data windows}).
 * <p>
 * {@link org.rnnlab.datasets.windows.SeriesWindows} reads a long CSV series (one row per entity and time: 10-minute
 * SCADA rows per turbine, ICU vitals per stay, machine telemetry per unit), sorts each entity's rows by time, cuts them
 * into windows of a fixed number of rows with a stride, skips windows spanning a gap in time, and labels each window
 * either from an event log (the earliest event of the entity within a horizon after the window's last row, else a
 * default label) or from a label column of the series at the window's last row. It writes the windows in the long CSV
 * layout the CSV reader of {@link org.rnnlab.datasets.csv} trains on ({@code sequence_id}, {@code time}, features,
 * {@code label}). Malformed input fails with a {@link org.rnnlab.datasets.DatasetFormatException} naming the file,
 * line and column.
 */
package org.rnnlab.datasets.windows;

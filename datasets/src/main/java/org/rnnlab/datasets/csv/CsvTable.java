package org.rnnlab.datasets.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;
import org.rnnlab.datasets.DatasetFormatException;

/**
 * A CSV file parsed by DataVec's {@link CSVRecordReader} (quotes allowed), with 1-based line
 * numbers, its optional header, and rows of one width. Blank lines are skipped; values are trimmed.
 *
 * @param file   the file
 * @param header header names, or null
 * @param rows   data rows, each of {@code width} values
 * @param lines  1-based line number of each row
 */
record CsvTable(Path file, List<String> header, List<String[]> rows, List<Long> lines) {

    int width() {
        return header != null ? header.size() : rows.get(0).length;
    }

    static CsvTable read(Path file, char delimiter, boolean hasHeader) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file, "file not found (expected a readable CSV file)");
        }
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (CSVRecordReader reader = new CSVRecordReader(0, delimiter)) {
            reader.initialize(new FileSplit(file.toFile()));
            while (reader.hasNext()) {
                Record record;
                try {
                    record = reader.nextRecord();
                } catch (RuntimeException e) {
                    throw new DatasetFormatException(file, "unreadable CSV: " + e.getMessage() + " (expected '" + delimiter
                            + "'-separated values, optionally in double quotes)");
                }
                long line = ((RecordMetaDataLine) record.getMetaData()).getLineNumber() + 1;
                List<Writable> values = record.getRecord();
                String[] row = new String[values.size()];
                boolean blank = true;
                for (int i = 0; i < row.length; i++) {
                    row[i] = values.get(i).toString().trim();
                    blank &= row[i].isEmpty();
                }
                if (blank) {
                    continue;
                }
                if (hasHeader && header == null) {
                    header = List.of(row);
                    continue;
                }
                int width = header != null ? header.size() : rows.isEmpty() ? row.length : rows.get(0).length;
                if (row.length != width) {
                    throw new DatasetFormatException(file, line, row.length + " columns (expected " + width
                            + (header != null ? " as in the header " + header : " as in the first row") + ")");
                }
                rows.add(row);
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + file, e);
        }
        if (rows.isEmpty()) {
            throw new DatasetFormatException(file, "empty file: no data rows" + (hasHeader ? " after the header" : "")
                    + " (expected one row per time step)");
        }
        return new CsvTable(file, header, rows, lines);
    }

    /** A finite number, or a clear error naming the file, line and column. */
    double number(int row, int column) {
        String v = rows.get(row)[column];
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new DatasetFormatException(file, lines.get(row), "value '" + v + "' in column " + columnName(column)
                    + " is not a number (expected a finite decimal number)");
        }
        if (!Double.isFinite(d)) {
            throw new DatasetFormatException(file, lines.get(row), "value '" + v + "' in column " + columnName(column)
                    + " is not finite (expected a finite decimal number, no NaN or Infinity)");
        }
        return d;
    }

    String columnName(int column) {
        return header != null ? "'" + header.get(column) + "'" : "#" + column;
    }
}

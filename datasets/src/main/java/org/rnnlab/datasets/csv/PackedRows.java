package org.rnnlab.datasets.csv;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The rows of a {@link CsvTable}, each kept as one UTF-8 byte array of its cells separated by a NUL byte, and given out as
 * {@code String[]} again when read. A row held as a {@code String[]} costs a String object and a byte array per cell (about
 * 56 bytes for {@code 0.12345678}) plus the array, about 680 bytes for a row of 11 short cells, where its packed bytes
 * take about 120: a trial's 336 MB file of 4.5 million rows ran the default 2 GiB heap out of memory while it was read, and
 * needed about 8 GB with its cells as strings. A row with a NUL inside a value (no CSV writer writes one, but a quoted
 * value may hold it) is kept as its {@code String[]}.
 *
 * <p>Reading a row decodes all its cells; the last row read is kept, so the usual access, several cells of one row in turn
 * ({@code rows().get(r)[c]}), decodes it once. The arrays given out are not to be changed: {@link #set} replaces a row.
 */
final class PackedRows extends AbstractList<String[]> implements RandomAccess {
    private static final byte SEPARATOR = 0;

    private Object[] rows = new Object[1024];
    private int size;
    /** The last row decoded, as an immutable pair (reads from several threads at worst decode a row again). */
    private Decoded last;
    /** How many times a whole row was decoded ({@link #decoded}). */
    private long decodes;

    private record Decoded(int index, String[] cells) {
    }

    @Override
    public boolean add(String[] row) {
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, rows.length + (rows.length >> 1));
        }
        rows[size++] = pack(row);
        modCount++;
        return true;
    }

    @Override
    public String[] set(int index, String[] row) {
        String[] old = get(index);
        rows[index] = pack(row);
        last = null;
        return old;
    }

    @Override
    public String[] get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("row " + index + " of " + size);
        }
        Decoded d = last;
        if (d != null && d.index() == index) {
            return d.cells();
        }
        Object row = rows[index];
        String[] cells = row instanceof byte[] bytes ? unpack(bytes) : (String[]) row;
        decodes++;
        last = new Decoded(index, cells);
        return cells;
    }

    /**
     * One cell, decoded alone: for scans of a column over every row, where decoding each whole row (and not keeping it)
     * cost about 0.5 s per column and million rows (the review of the packed rows).
     */
    String cell(int index, int column) {
        Decoded d = last;
        if (d != null && d.index() == index) {
            return d.cells()[column];
        }
        Object row = rows[index];
        if (!(row instanceof byte[] bytes)) {
            return ((String[]) row)[column];
        }
        int start = 0;
        for (int c = 0; c < column; c++) {
            while (start < bytes.length && bytes[start] != SEPARATOR) {
                start++;
            }
            if (start == bytes.length) {
                throw new IndexOutOfBoundsException("column " + column + " of a row of " + (c + 1));
            }
            start++;
        }
        int end = start;
        while (end < bytes.length && bytes[end] != SEPARATOR) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * How many times a whole row has been decoded: a check's passes over the rows are to decode each row once per pass,
     * not once per column (trial 78c F2: the far-value check decoded every row once per feature).
     */
    long decoded() {
        return decodes;
    }

    @Override
    public int size() {
        return size;
    }

    private static Object pack(String[] row) {
        int length = Math.max(0, row.length - 1);
        byte[][] cells = new byte[row.length][];
        for (int i = 0; i < row.length; i++) {
            if (row[i].indexOf('\0') >= 0) {
                return row.clone();
            }
            cells[i] = row[i].getBytes(StandardCharsets.UTF_8);
            length += cells[i].length;
        }
        if (row.length == 0) {
            return row.clone();
        }
        byte[] out = new byte[length];
        int at = 0;
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out[at++] = SEPARATOR;
            }
            System.arraycopy(cells[i], 0, out, at, cells[i].length);
            at += cells[i].length;
        }
        return out;
    }

    private static String[] unpack(byte[] bytes) {
        int n = 1;
        for (byte b : bytes) {
            if (b == SEPARATOR) {
                n++;
            }
        }
        String[] cells = new String[n];
        int start = 0;
        int c = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == SEPARATOR) {
                cells[c++] = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
            }
        }
        return cells;
    }
}

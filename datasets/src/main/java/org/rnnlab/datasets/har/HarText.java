package org.rnnlab.datasets.har;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetProvenance.FileChecksum;

/**
 * Strict readers for the whitespace-separated text files of UCI HAR and HAPT. Every problem becomes a
 * {@link DatasetFormatException} naming the file, the line and what was expected; every file read is
 * checksummed (SHA-256) on the fly.
 */
final class HarText {

    private HarText() {
    }

    /** A numeric table read from one file: {@code rows x columns} values, row-major. */
    record Matrix(Path file, int rows, int columns, double[] values) {

        double get(int row, int column) {
            return values[row * columns + column];
        }
    }

    /**
     * Reads a file of {@code columns} finite numbers a line.
     *
     * @param file      the file
     * @param columns   values expected on every line
     * @param what      what one line holds, for messages (e.g. {@code "a 128-sample window"})
     * @param checksums receives the file's checksum
     */
    static Matrix readMatrix(Path file, int columns, String what, Consumer<FileChecksum> checksums) {
        double[][] buffer = {new double[columns * 1024]};
        int[] rows = {0};
        forEachLine(file, what, checksums, (lineNo, line) -> {
            int r = rows[0];
            if ((r + 1) * columns > buffer[0].length) {
                double[] grown = new double[buffer[0].length * 2];
                System.arraycopy(buffer[0], 0, grown, 0, buffer[0].length);
                buffer[0] = grown;
            }
            parseLine(file, lineNo, line, columns, what, buffer[0], r * columns);
            rows[0]++;
        });
        double[] values = new double[rows[0] * columns];
        System.arraycopy(buffer[0], 0, values, 0, values.length);
        return new Matrix(file, rows[0], columns, values);
    }

    /**
     * Reads a file of one integer a line in {@code [min, max]}.
     *
     * @param what what the integer is, for messages (e.g. {@code "an activity id"})
     */
    static int[] readInts(Path file, int min, int max, String what, Consumer<FileChecksum> checksums) {
        List<Integer> out = new ArrayList<>();
        forEachLine(file, what, checksums, (lineNo, line) -> out.add(parseInt(file, lineNo, line.trim(), min, max, what)));
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Reads {@code activity_labels.txt}: lines {@code id NAME} with ids 1..n in order. */
    static List<String> readActivityLabels(Path file, int expected, Consumer<FileChecksum> checksums) {
        List<String> names = new ArrayList<>();
        forEachLine(file, "an activity id and name", checksums, (lineNo, line) -> {
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 2) {
                throw new DatasetFormatException(file, lineNo, "expected 'id NAME', found '" + line.trim() + "'");
            }
            int id = parseInt(file, lineNo, parts[0], 1, expected, "an activity id");
            if (id != names.size() + 1) {
                throw new DatasetFormatException(file, lineNo, "expected activity id " + (names.size() + 1) + ", found " + id);
            }
            names.add(parts[1]);
        });
        if (names.size() != expected) {
            throw new DatasetFormatException(file, "expected " + expected + " activities, found " + names.size());
        }
        return names;
    }

    static int parseInt(Path file, long lineNo, String token, int min, int max, String what) {
        int v;
        try {
            v = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new DatasetFormatException(file, lineNo, "expected " + what + " (an integer in [" + min + ", " + max
                    + "]), found '" + token + "'");
        }
        if (v < min || v > max) {
            throw new DatasetFormatException(file, lineNo, what + " " + v + " outside [" + min + ", " + max + "]");
        }
        return v;
    }

    /** Parses exactly {@code columns} finite numbers of one line into {@code out[offset..]}. */
    static void parseLine(Path file, long lineNo, String line, int columns, String what, double[] out, int offset) {
        int n = line.length();
        int i = 0;
        int count = 0;
        while (true) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !isSpace(line.charAt(i))) {
                i++;
            }
            if (count >= columns) {
                count++;
                continue;
            }
            double v = fastParse(line, start, i);
            if (Double.isNaN(v)) {
                String token = line.substring(start, i);
                try {
                    v = Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    throw new DatasetFormatException(file, lineNo, "value " + (count + 1) + " is not a number: '" + token + "'");
                }
                if (!Double.isFinite(v)) {
                    throw new DatasetFormatException(file, lineNo, "value " + (count + 1) + " is not finite: '" + token + "'");
                }
            }
            out[offset + count] = v;
            count++;
        }
        if (count != columns) {
            throw new DatasetFormatException(file, lineNo, "expected " + columns + " values (" + what + "), found " + count);
        }
    }

    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /**
     * Exact fast path for plain decimals such as {@code -1.2345678e-001}: the digits form an integer
     * below 2^53 and the decimal exponent is within 22, so one multiplication or division of exact
     * doubles gives the correctly rounded result (the same as {@link Double#parseDouble}). Returns NaN
     * for anything else, which the caller then parses the slow way.
     */
    static double fastParse(String s, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = 0;
        boolean dot = false;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits >= 18) {
                    return Double.NaN;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (mantissa != 0) {
                    digits++;
                }
                if (dot) {
                    fraction++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (i == from || (i == from + 1 && (negative || s.charAt(from) == '+' || s.charAt(from) == '.'))) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < to) {
            char c = s.charAt(i);
            if (c != 'e' && c != 'E') {
                return Double.NaN;
            }
            i++;
            boolean negExp = false;
            if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                negExp = s.charAt(i) == '-';
                i++;
            }
            if (i >= to || to - i > 4) {
                return Double.NaN;
            }
            for (; i < to; i++) {
                char d = s.charAt(i);
                if (d < '0' || d > '9') {
                    return Double.NaN;
                }
                exponent = exponent * 10 + (d - '0');
            }
            if (negExp) {
                exponent = -exponent;
            }
        }
        int e10 = exponent - fraction;
        if (mantissa >= (1L << 53) || e10 < -22 || e10 > 22) {
            return Double.NaN;
        }
        double v = e10 >= 0 ? mantissa * POW10[e10] : mantissa / POW10[-e10];
        return negative ? -v : v;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f';
    }

    /** One non-blank line; blank lines are allowed only at the end of a file. */
    interface LineHandler {
        void accept(long lineNo, String line);
    }

    /** Calls {@code handler} per line; fails on a missing or empty file or a blank line inside the data. */
    static void forEachLine(Path file, String what, Consumer<FileChecksum> checksums, LineHandler handler) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file, "missing file (expected lines of " + what + ")");
        }
        MessageDigest md = sha256();
        long lineNo = 0;
        long blankAt = 0;
        long dataLines = 0;
        try (InputStream raw = Files.newInputStream(file);
             DigestInputStream in = new DigestInputStream(raw, md);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    if (blankAt == 0) {
                        blankAt = lineNo;
                    }
                    continue;
                }
                if (blankAt != 0) {
                    throw new DatasetFormatException(file, blankAt, "blank line inside the data (expected " + what + ")");
                }
                handler.accept(lineNo, line);
                dataLines++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (dataLines == 0) {
            throw new DatasetFormatException(file, "empty file (expected lines of " + what + ")");
        }
        checksums.accept(checksum(file, md.digest()));
    }

    static FileChecksum checksum(Path file, byte[] digest) {
        try {
            return new FileChecksum(file.toString(), Files.size(file), HexFormat.of().formatHex(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

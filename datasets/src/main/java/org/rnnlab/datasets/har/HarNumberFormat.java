package org.rnnlab.datasets.har;

/**
 * Writes numbers the way the official UCI HAR text files do: {@code %.7e} with a signed three-digit
 * exponent, right-aligned in 16 characters ({@code "  2.5717778e-001"}, {@code " -1.2345670e-002"}).
 * Hand-rolled because {@code String.format} is far too slow for the ~12 million values of a re-cut.
 */
final class HarNumberFormat {
    /** Characters per value, including the leading blanks. */
    static final int WIDTH = 16;

    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private HarNumberFormat() {
    }

    /** Appends {@code v} in 16 characters at {@code out[pos..]}; returns the position after it. */
    static int append(double v, char[] out, int pos) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot write a non-finite value: " + v);
        }
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        double a = Math.abs(v);
        long digits;
        int exp;
        if (a == 0) {
            digits = 0;
            exp = 0;
        } else {
            exp = (int) Math.floor(Math.log10(a));
            digits = scaledDigits(a, exp);
            if (digits >= 100_000_000L) {
                exp++;
                digits = scaledDigits(a, exp);
            } else if (digits < 10_000_000L) {
                exp--;
                digits = scaledDigits(a, exp);
            }
            if (digits >= 100_000_000L) {
                exp++;
                digits = (digits + 5) / 10;
            }
        }
        out[pos++] = ' ';
        out[pos++] = negative ? '-' : ' ';
        char[] d = new char[8];
        for (int i = 7; i >= 0; i--) {
            d[i] = (char) ('0' + digits % 10);
            digits /= 10;
        }
        out[pos++] = d[0];
        out[pos++] = '.';
        for (int i = 1; i < 8; i++) {
            out[pos++] = d[i];
        }
        out[pos++] = 'e';
        out[pos++] = exp < 0 ? '-' : '+';
        int e = Math.abs(exp);
        out[pos++] = (char) ('0' + e / 100);
        out[pos++] = (char) ('0' + (e / 10) % 10);
        out[pos++] = (char) ('0' + e % 10);
        return pos;
    }

    /** round(a / 10^(exp-7)): the 8 significant digits of {@code a} for exponent {@code exp}. */
    private static long scaledDigits(double a, int exp) {
        int shift = 7 - exp;
        double scaled;
        if (shift >= 0 && shift < POW10.length) {
            scaled = a * POW10[shift];
        } else if (shift < 0 && -shift < POW10.length) {
            scaled = a / POW10[-shift];
        } else {
            scaled = a * Math.pow(10, shift);
        }
        return Math.round(scaled);
    }

    /** {@code v} formatted alone (for tests and messages). */
    static String format(double v) {
        char[] buf = new char[WIDTH];
        append(v, buf, 0);
        return new String(buf);
    }
}

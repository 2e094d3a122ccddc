package org.rnnlab.serving;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * A body read through a strict UTF-8 check (RFC 3629): an overlong form ({@code C1 A7} for 'g', {@code C0 AF} for '/'), an
 * encoded surrogate ({@code ED A0 80}), a code point over U+10FFFF, a stray continuation byte, a sequence cut short or a
 * byte that never occurs in UTF-8 fails the read with {@link Invalid}, which names its byte offset, line and column.
 * Jackson's UTF-8 parser decodes the overlong forms and surrogates without a word: a user's {@code ["\xc1\xa7reat"]} was
 * answered with the probabilities of "great", though {@code rnnlab predict} refuses the same bytes.
 */
final class StrictUtf8 extends FilterInputStream {
    /** The first invalid byte sequence. */
    static final class Invalid extends IOException {
        Invalid(String message) {
            super(message);
        }
    }

    private long offset;
    private long line = 1;
    private long column = 1;
    /** Continuation bytes still expected, the bounds of the next one, and where its sequence started. */
    private int need;
    private int low = 0x80;
    private int high = 0xBF;
    private long start;
    private long startLine;
    private long startColumn;
    private final byte[] held = new byte[4];
    private int heldCount;

    StrictUtf8(InputStream body) {
        super(body);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            atEnd();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n < 0) {
            atEnd();
        }
        for (int i = 0; i < n; i++) {
            check(buf[off + i] & 0xFF);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(8192, Math.max(n, 1))];
        int r = read(sink, 0, (int) Math.min(sink.length, n));
        return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(int b) throws Invalid {
        if (need > 0) {
            if (b < low || b > high) {
                held[heldCount++] = (byte) b;
                throw invalid(b >= 0x80 && b <= 0xBF ? kindOf() : "a sequence cut short");
            }
            held[heldCount++] = (byte) b;
            low = 0x80;
            high = 0xBF;
            need--;
            offset++;
            return;
        }
        start = offset;
        startLine = line;
        startColumn = column;
        heldCount = 0;
        held[heldCount++] = (byte) b;
        if (b < 0x80) {
            if (b == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            offset++;
            return;
        }
        column++;
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            low = b == 0xE0 ? 0xA0 : 0x80;
            high = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            low = b == 0xF0 ? 0x90 : 0x80;
            high = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            throw invalid(b <= 0xBF ? "a continuation byte with no lead byte" : b <= 0xC1 ? "an overlong encoding"
                    : "a byte that never occurs in UTF-8");
        }
        offset++;
    }

    /** What a continuation byte out of its lead byte's bounds makes the sequence. */
    private String kindOf() {
        int lead = held[0] & 0xFF;
        return switch (lead) {
            case 0xE0, 0xF0 -> "an overlong encoding";
            case 0xED -> "an encoded surrogate (U+D800..U+DFFF)";
            default -> "a code point over U+10FFFF";
        };
    }

    private void atEnd() throws Invalid {
        if (need > 0) {
            throw invalid("a sequence cut short by the end of the body");
        }
    }

    private Invalid invalid(String what) {
        StringBuilder bytes = new StringBuilder();
        for (int i = 0; i < heldCount; i++) {
            bytes.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02X", held[i] & 0xFF));
        }
        return new Invalid("malformed JSON at line " + startLine + ", column " + startColumn + " (byte offset " + start + "): the body is not valid "
                + "UTF-8: byte(s) " + bytes + " are " + what + "; send the body encoded as UTF-8");
    }
}

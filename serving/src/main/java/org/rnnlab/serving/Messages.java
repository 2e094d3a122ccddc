package org.rnnlab.serving;

/** Small helpers for messages that echo what a client sent. */
final class Messages {
    private Messages() {
    }

    /** A client's value cut to 80 characters, control characters shown as '?'. */
    static String clip(String s) {
        return clip(s, 80);
    }

    /** {@code s} cut to {@code max} characters, control characters shown as '?'. */
    static String clip(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(max).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return s.codePointCount(0, s.length()) > max ? sb + "..." : sb.toString();
    }

    /** A duration in seconds, as options are written: {@code 60 s}, {@code 0.5 s}. */
    static String seconds(java.time.Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}

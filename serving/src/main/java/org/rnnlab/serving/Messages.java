package org.rnnlab.serving;

/** Small helpers for messages that echo what a client sent. */
final class Messages {
    private Messages() {
    }

    /** A client's value cut to 80 characters, control characters and white space other than a space shown by code point. */
    static String clip(String s) {
        return clip(s, 80);
    }

    /**
     * {@code s} cut to {@code max} characters, control characters, invisible (format) characters and white space other than
     * a plain space shown as their code points, {@code <U+0009>} (a trial's white-space text was echoed as {@code "   ?? "},
     * which read as an encoding problem).
     */
    static String clip(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(max).forEach(c -> {
            int type = Character.getType(c);
            boolean shown = Character.isISOControl(c) || Character.isWhitespace(c) && c != ' ' || type == Character.FORMAT
                    || type == Character.SPACE_SEPARATOR && c != ' ' || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            if (shown) {
                sb.append(String.format(java.util.Locale.ROOT, "<U+%04X>", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return s.codePointCount(0, s.length()) > max ? sb + "..." : sb.toString();
    }

    /** A duration in seconds, as options are written: {@code 60 s}, {@code 0.5 s}. */
    static String seconds(java.time.Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}

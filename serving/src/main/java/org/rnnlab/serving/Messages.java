package org.rnnlab.serving;

/** Small helpers for messages that echo what a client sent. */
final class Messages {
    private Messages() {
    }

    /** A client's value cut to 80 characters, control characters shown as '?'. */
    static String clip(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return s.codePointCount(0, s.length()) > 80 ? sb + "..." : sb.toString();
    }
}

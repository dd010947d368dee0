package org.mpathbus.exporter.dbus.spi;

/**
 * Caller-supplied text made safe to quote in a log line or an error text: one line whatever the input (control
 * characters, line and paragraph separators, format characters and unpaired surrogates escaped as {@code \n},
 * {@code \t} or {@code \}{@code uXXXX}; a backslash doubled) and at most {@link #MAX_CHARS} characters, then the
 * size of the whole. Every audit line and every error text that quotes a caller's input goes through here.
 */
public final class CallerText {

    /** The longest quotation, in characters, before the mark that says how long the whole was. */
    public static final int MAX_CHARS = 256;

    private CallerText() {
    }

    /** {@code value}'s text, escaped and capped at {@link #MAX_CHARS}. */
    public static String quote(Object value) {
        return escaped(String.valueOf(value), MAX_CHARS);
    }

    /** {@code text} escaped, cut after {@code maxChars} characters of the escaped form. */
    public static String escaped(String text, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 16);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= maxChars) {
                return out.append("... (").append(text.length()).append(" chars in all)").toString();
            }
            char c = text.charAt(i);
            switch (c) {
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (printable(text, i)) {
                    out.append(c);
                    if (Character.isHighSurrogate(c)) {
                        out.append(text.charAt(++i));
                    }
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
            }
        }
        return out.toString();
    }

    private static boolean printable(String text, int at) {
        char c = text.charAt(at);
        if (Character.isHighSurrogate(c)) {
            return at + 1 < text.length() && Character.isLowSurrogate(text.charAt(at + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return false;
        }
        return switch (Character.getType(c)) {
        case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                Character.UNASSIGNED, Character.PRIVATE_USE -> false;
        default -> true;
        };
    }
}

package org.mpathbus.config.internal;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * POSIX extended regular expressions (regcomp with REG_EXTENDED, as multipath-tools compiles them) as Java
 * patterns, matched unanchored like regexec. Java differs inside bracket expressions: there a backslash is
 * literal, "[:alpha:]" names a class and a leading ']' is literal in POSIX, so brackets are rewritten;
 * GNU's word boundaries \< and \> become \b.
 */
final class PosixRegex {

    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("alpha", "\\p{Alpha}"), Map.entry("digit", "\\p{Digit}"), Map.entry("alnum", "\\p{Alnum}"),
            Map.entry("upper", "\\p{Upper}"), Map.entry("lower", "\\p{Lower}"), Map.entry("space", "\\p{Space}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("punct", "\\p{Punct}"), Map.entry("print", "\\p{Print}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("xdigit", "\\p{XDigit}"));

    private PosixRegex() {
    }

    /** @throws PatternSyntaxException when the expression is not valid */
    static Pattern compile(String posix) {
        StringBuilder java = new StringBuilder();
        int i = 0;
        int n = posix.length();
        while (i < n) {
            char c = posix.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char next = posix.charAt(i + 1);
                java.append(next == '<' || next == '>' ? "\\b" : "\\" + next);
                i += 2;
            } else if (c == '[') {
                i = bracket(posix, i, java);
            } else {
                java.append(c);
                i++;
            }
        }
        return Pattern.compile(java.toString());
    }

    /** Rewrites the bracket expression starting at {@code start}; returns the index after it. */
    private static int bracket(String posix, int start, StringBuilder java) {
        int i = start + 1;
        int n = posix.length();
        StringBuilder out = new StringBuilder("[");
        if (i < n && posix.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        boolean first = true;
        while (i < n) {
            char c = posix.charAt(i);
            if (c == ']' && !first) {
                java.append(out).append(']');
                return i + 1;
            }
            if (c == '[' && i + 1 < n && posix.charAt(i + 1) == ':') {
                int end = posix.indexOf(":]", i + 2);
                if (end > 0 && CLASSES.containsKey(posix.substring(i + 2, end))) {
                    out.append(CLASSES.get(posix.substring(i + 2, end)));
                    i = end + 2;
                    first = false;
                    continue;
                }
            }
            if (c == '-' && !first && i + 1 < n && posix.charAt(i + 1) != ']') {
                out.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append('\\').append(c);
            }
            first = false;
            i++;
        }
        throw new PatternSyntaxException("unmatched [", posix, start);
    }

    /** regexec's search: true when the expression matches anywhere in the text. */
    static boolean matches(Pattern pattern, String text) {
        return pattern.matcher(text).find();
    }
}

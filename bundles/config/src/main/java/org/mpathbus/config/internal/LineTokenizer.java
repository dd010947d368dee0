package org.mpathbus.config.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one multipath.conf line into tokens the way multipath-tools' parser does: whitespace separates
 * words; '{' and '}' are tokens of their own; outside double quotes '#' and '!' start a comment; a quoted
 * string is one token in which whitespace, '#' and '!' are kept and "" stands for one '"'. Characters
 * outside ASCII count as whitespace outside quotes, as in multipath-tools.
 */
final class LineTokenizer {

    /** One token; {@code quoted} tells a quoted "{" or "" apart from a brace or an absent value. */
    record Token(String text, boolean quoted) {
        boolean is(String bare) {
            return !quoted && text.equals(bare);
        }
    }

    private LineTokenizer() {
    }

    static List<Token> tokenize(String line, String file, int lineNumber) throws ConfigSyntaxException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (isBlank(c)) {
                i++;
            } else if (c == '#' || c == '!') {
                break;
            } else if (c == '{' || c == '}') {
                tokens.add(new Token(String.valueOf(c), false));
                i++;
            } else if (c == '"') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < n) {
                    char d = line.charAt(j);
                    if (d == '"') {
                        if (j + 1 < n && line.charAt(j + 1) == '"') {
                            text.append('"');
                            j += 2;
                            continue;
                        }
                        closed = true;
                        j++;
                        break;
                    }
                    text.append(d);
                    j++;
                }
                if (!closed) {
                    throw new ConfigSyntaxException(file, lineNumber, "missing closing quote");
                }
                tokens.add(new Token(text.toString(), true));
                i = j;
            } else {
                int j = i;
                while (j < n && !isBlank(line.charAt(j)) && "#!{}\"".indexOf(line.charAt(j)) < 0) {
                    j++;
                }
                tokens.add(new Token(line.substring(i, j), false));
                i = j;
            }
        }
        return tokens;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0b || c > 0x7f;
    }
}

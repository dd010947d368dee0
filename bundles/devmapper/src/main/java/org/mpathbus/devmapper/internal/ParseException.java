package org.mpathbus.devmapper.internal;

/**
 * A dm table or status line that does not follow the multipath target's grammar. Names the token that
 * broke the rule, its index among the line's words, and its character offset in the line.
 */
public final class ParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String line;
    private final int offset;
    private final int tokenIndex;
    private final String token;

    ParseException(String problem, String line, int offset, int tokenIndex, String token) {
        super(problem + " at word " + tokenIndex + " (offset " + offset + ", "
                + (token == null ? "end of line" : "'" + token + "'") + ") in '" + line + "'");
        this.line = line;
        this.offset = offset;
        this.tokenIndex = tokenIndex;
        this.token = token;
    }

    /** The whole line that failed to parse. */
    public String line() {
        return line;
    }

    /** Character offset of the offending word in the line, or the line's length when it ended too early. */
    public int offset() {
        return offset;
    }

    /** 0-based index of the offending word. */
    public int tokenIndex() {
        return tokenIndex;
    }

    /** The offending word, or null when the line ended too early. */
    public String token() {
        return token;
    }
}

package org.mpathbus.config.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.internal.ConfigNode.Section;
import org.mpathbus.config.internal.ConfigNode.Statement;
import org.mpathbus.config.internal.LineTokenizer.Token;

/**
 * Builds the syntax tree of a multipath.conf file. One statement per line; a section opens with
 * "name {" on one line and closes with a line holding only "}". What multipath-tools merely logs but would
 * leave the file's structure in doubt (an unclosed quote, unbalanced braces, a section name without its
 * '{') is an error here, so that a half-written file never replaces a good configuration; what leaves the
 * structure clear (a keyword without value, extra words after a value) is a warning.
 */
final class ConfigParser {

    /** multipath-tools' section keywords, which must be followed by '{'. */
    private static final Set<String> SECTION_KEYWORDS = Set.of("defaults", "blacklist", "blacklist_exceptions",
            "devices", "device", "multipaths", "multipath", "overrides");

    private final String file;
    private final List<ConfigProblem> warnings;

    private ConfigParser(String file, List<ConfigProblem> warnings) {
        this.file = file;
        this.warnings = warnings;
    }

    /**
     * @param warnings receives the warnings, each with file and line
     * @return the top-level sections and statements in file order
     */
    static List<ConfigNode> parse(String content, String file, List<ConfigProblem> warnings)
            throws ConfigSyntaxException {
        return new ConfigParser(file, warnings).parse(content);
    }

    private record Open(String name, int line, List<ConfigNode> children) {
    }

    private List<ConfigNode> parse(String content) throws ConfigSyntaxException {
        List<ConfigNode> top = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        String[] lines = content.split("\n", -1);
        for (int index = 0; index < lines.length; index++) {
            int lineNumber = index + 1;
            List<Token> tokens = LineTokenizer.tokenize(lines[index], file, lineNumber);
            if (tokens.isEmpty()) {
                continue;
            }
            List<ConfigNode> into = open.isEmpty() ? top : open.peek().children();
            Token first = tokens.get(0);
            if (first.is("}")) {
                if (open.isEmpty()) {
                    throw new ConfigSyntaxException(file, lineNumber, "unmatched '}'");
                }
                warnExtra(tokens, 1, lineNumber);
                Open closed = open.pop();
                Section section = new Section(closed.name(), closed.line(), closed.children());
                (open.isEmpty() ? top : open.peek().children()).add(section);
            } else if (first.is("{")) {
                throw new ConfigSyntaxException(file, lineNumber, "'{' without a section name before it");
            } else if (tokens.size() > 1 && tokens.get(1).is("{")) {
                if (first.quoted()) {
                    throw new ConfigSyntaxException(file, lineNumber, "quoted section name \"" + first.text() + "\"");
                }
                warnExtra(tokens, 2, lineNumber);
                open.push(new Open(first.text(), lineNumber, new ArrayList<>()));
            } else if (!first.quoted() && SECTION_KEYWORDS.contains(first.text())) {
                throw new ConfigSyntaxException(file, lineNumber,
                        "expected '{' after '" + first.text() + "' on the same line");
            } else if (tokens.size() == 1) {
                warnings.add(new ConfigProblem(file, lineNumber, "missing value for '" + first.text() + "', ignored"));
            } else if (tokens.get(1).is("}")) {
                throw new ConfigSyntaxException(file, lineNumber, "'}' must be alone on its line");
            } else {
                warnExtra(tokens, 2, lineNumber);
                into.add(new Statement(first.text(), tokens.get(1).text(), lineNumber));
            }
        }
        if (!open.isEmpty()) {
            Open unclosed = open.peek();
            throw new ConfigSyntaxException(file, unclosed.line(),
                    "section '" + unclosed.name() + "' is not closed: missing '}' before the end of the file");
        }
        return top;
    }

    private void warnExtra(List<Token> tokens, int from, int lineNumber) throws ConfigSyntaxException {
        if (tokens.size() > from) {
            Token extra = tokens.get(from);
            if (extra.is("{") || extra.is("}")) {
                throw new ConfigSyntaxException(file, lineNumber, "unexpected '" + extra.text() + "': one statement per line");
            }
            warnings.add(new ConfigProblem(file, lineNumber, "ignoring extra data starting with '" + extra.text() + "'"));
        }
    }
}

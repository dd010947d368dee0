package org.mpathbus.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.mpathbus.config.ConfigEditException;
import org.mpathbus.config.ConfigEditException.Kind;
import org.mpathbus.config.ConfigProblem;

/**
 * Checks a candidate drop-in with this bundle's own parser and validator, as the loader will read it: a
 * syntax error, an unknown keyword, an invalid value, a value multipath-tools would cap or a regular
 * expression that does not compile refuses the change with those words and the line.
 */
final class DropInCheck {

    private DropInCheck() {
    }

    static void check(String text, String file) throws ConfigEditException {
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            ConfigAssembler assembler = new ConfigAssembler(BuiltinHwtable.entries());
            assembler.add(new ParsedFile(file, ConfigParser.parse(text, file, problems)));
            problems.addAll(assembler.warnings);
        } catch (ConfigSyntaxException e) {
            problems.add(e.problem());
        }
        if (!problems.isEmpty()) {
            throw new ConfigEditException(Kind.INVALID, problems.stream().map(ConfigProblem::toString)
                    .collect(Collectors.joining("; ")) + " (nothing written)");
        }
    }
}

package org.mpathbus.config.internal;

import org.mpathbus.config.ConfigProblem;

/** A configuration file that cannot be read with certainty; the previous configuration stays in force. */
final class ConfigSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ConfigProblem problem;

    ConfigSyntaxException(ConfigProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    ConfigSyntaxException(String file, int line, String message) {
        this(new ConfigProblem(file, line, message));
    }

    ConfigProblem problem() {
        return problem;
    }
}

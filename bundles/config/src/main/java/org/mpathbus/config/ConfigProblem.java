package org.mpathbus.config;

import java.util.Objects;

/** An error or warning found in a configuration file; line 0 when it concerns the whole file. */
public record ConfigProblem(String file, int line, String message) {

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** "file:line: message", the form compilers use. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}

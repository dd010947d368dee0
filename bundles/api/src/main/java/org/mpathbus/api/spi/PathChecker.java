package org.mpathbus.api.spi;

import java.time.Duration;

import org.mpathbus.api.Path;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Checks paths, as multipath-tools' checkers do. Registered as a service with the property
 * {@value #CHECKER_NAME}; a path uses the checker whose name its configuration gives.
 *
 * <p>The engine calls {@link #check} for a path at most once at a time, from a bounded pool of threads,
 * and stops waiting after the timeout (the path then reads "timeout"). A checker may keep per-path
 * resources, such as an open file descriptor, between checks and frees them in {@link #release}.
 */
@ConsumerType
public interface PathChecker {

    /** Service property with the checker's name: "tur", "directio", "sim". */
    String CHECKER_NAME = "checker.name";

    /**
     * Checks one path. Should return within {@code timeout}; a checker that throws leaves the path
     * "unchecked" with the exception's message.
     */
    CheckResult check(Path path, Duration timeout) throws Exception;

    /** The path went away or no longer uses this checker: close what was opened for it. */
    default void release(Path path) {
    }
}

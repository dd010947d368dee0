package org.mpathbus.shell.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.control.MultipathControl;
import org.mpathbus.api.control.Outcome;

/**
 * Runs one control command typed at the console: reads its words against the engine's snapshot, hands it to the
 * control of the source the engine reads, logs the change with the caller "console", and words the outcome.
 * Anything but ok fails the command (Gogo prints the exception's message), so a script can tell.
 */
final class ControlConsole {

    /** Who asks, in the log: the console's user is root on the daemon's own terminal. */
    static final String CALLER = "console";

    private static final Logger LOG = System.getLogger(ControlConsole.class.getName());

    private final TopologyService topology;
    private final Function<String, Optional<MultipathControl>> controls;

    /**
     * @param controls the control whose source.name is the given source's, if one is registered
     */
    ControlConsole(TopologyService topology, Function<String, Optional<MultipathControl>> controls) {
        this.topology = topology;
        this.controls = controls;
    }

    /**
     * The outcome in words when it is ok.
     *
     * @throws IllegalArgumentException for bad words, naming the one at fault
     * @throws IllegalStateException when no control acts on the engine's source
     * @throws ControlFailedException when the owner of the maps answered anything but ok
     */
    String run(ControlCommand command, List<String> words) {
        Topology current = topology.topology();
        ControlArguments request = ControlArguments.parse(command, current, words);
        if (request.help()) {
            return command.help();
        }
        String source = current.source();
        MultipathControl control = controls.apply(source).orElseThrow(() -> new IllegalStateException(
                "no multipath control acts on the source '" + source + "' the engine reads"
                        + " (its bundle is not running); nothing was changed"));
        Outcome outcome = command.run(control, request);
        String said = words(outcome);
        String invocation = "mpath:" + command.function + (request.target().isEmpty() ? "" : " " + request.target());
        LOG.log(Level.INFO, "{0}: {1}: {2}", CALLER, invocation, said);
        if (!outcome.isOk()) {
            throw new ControlFailedException(outcome, invocation + ": " + said);
        }
        return said + "\n";
    }

    /** "ok", or the kind of answer and the owner's own words. */
    static String words(Outcome outcome) {
        String kind = outcome.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (outcome.message().isEmpty() || outcome.message().equals(kind)) {
            return kind;
        }
        return kind + ": " + outcome.message();
    }

    /** The owner answered, but not ok. */
    static final class ControlFailedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient Outcome outcome;

        ControlFailedException(Outcome outcome, String message) {
            super(message);
            this.outcome = outcome;
        }

        Outcome outcome() {
            return outcome;
        }
    }
}

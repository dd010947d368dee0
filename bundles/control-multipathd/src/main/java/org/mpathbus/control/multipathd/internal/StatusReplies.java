package org.mpathbus.control.multipathd.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mpathbus.api.MultipathdState;

/**
 * Reads multipathd's answers to {@code show daemon} and {@code show status} into a {@link MultipathdState}.
 * multipath-tools 0.9.4 answers {@code show daemon} with "pid PID STATE" (cli_show_daemon; STATE one of
 * daemon_status()'s words: init, startup, configure, idle, running, shutdown) and {@code show status} with the
 * paths per checker state, then "paths: N" and "busy: True|False" (snprint_status; busy while uevents are being
 * serviced). 0.9.4 does not say that a reconfigure is pending beyond the state "configure", which it enters as
 * soon as a reconfigure is scheduled; later releases that add the words "reconfigure pending" are read too.
 */
final class StatusReplies {

    private static final Pattern DAEMON = Pattern.compile("^pid\\s+\\d+\\s+(\\w+)(.*)$", Pattern.MULTILINE);
    private static final Pattern BUSY = Pattern.compile("^busy:\\s*(\\w+)\\s*$", Pattern.MULTILINE);
    /** multipathd's lock was held past its uxsock_timeout: it is busy, whatever show status would have said. */
    static final String LOCK_TIMEOUT = "timeout";

    private StatusReplies() {
    }

    /**
     * @param daemon the answer to {@code show daemon}
     * @param status the answer to {@code show status}
     * @throws IllegalArgumentException when {@code show daemon}'s answer names no state (multipathd then is not
     *         what it says it is); the message quotes at most its first line
     */
    static MultipathdState parse(String daemon, String status) {
        Matcher state = DAEMON.matcher(daemon.strip());
        if (!state.find()) {
            String first = daemon.strip().lines().findFirst().orElse("");
            throw new IllegalArgumentException("show daemon answered '"
                    + (first.length() > 80 ? first.substring(0, 80) + "..." : first) + "', not 'pid N STATE'");
        }
        String word = state.group(1).toLowerCase(Locale.ROOT);
        String rest = state.group(2).toLowerCase(Locale.ROOT);
        boolean pending = MultipathdState.CONFIGURE.equals(word) || rest.contains("reconfigure pending")
                || rest.contains("pending reconfigure");
        return new MultipathdState(word, busy(status), pending);
    }

    private static boolean busy(String status) {
        if (status.strip().equals(LOCK_TIMEOUT)) {
            return true;
        }
        Matcher busy = BUSY.matcher(status);
        return busy.find() && busy.group(1).equalsIgnoreCase("true");
    }
}

package org.mpathbus.api;

import java.util.Objects;

/**
 * What the owner of the maps (multipathd, or the simulator's multipathd) says about itself, the questions
 * consumers poll {@code multipathd show daemon} and {@code show status} for: its state, whether it is busy,
 * and whether a reconfigure it was asked for has not finished yet.
 *
 * @param state multipathd's own word from {@code show daemon} ({@value #IDLE}, {@value #RUNNING},
 *        {@value #CONFIGURE}, {@value #STARTUP}, {@value #SHUTDOWN}, "init"), else {@value #ABSENT} (nobody
 *        answers on its socket), {@value #UNRESPONSIVE} (it took the connection and did not answer in time, as
 *        when stopped) or {@value #UNKNOWN} (nothing reports on it)
 * @param busy {@code show status} says "busy: True" (multipathd is still processing uevents)
 * @param reconfigurePending a reconfigure was asked for and has not finished: multipathd is in state
 *        {@value #CONFIGURE} (0.9.4 enters it when the reconfigure is scheduled and leaves it when done) or
 *        says a reconfigure is pending
 */
public record MultipathdState(String state, boolean busy, boolean reconfigurePending) {

    public static final String IDLE = "idle";
    public static final String RUNNING = "running";
    public static final String CONFIGURE = "configure";
    public static final String STARTUP = "startup";
    public static final String SHUTDOWN = "shutdown";
    public static final String ABSENT = "absent";
    public static final String UNRESPONSIVE = "unresponsive";
    public static final String UNKNOWN = "unknown";

    /** Nothing reports on the owner of the maps (no monitor for the source in use). */
    public static final MultipathdState NOT_REPORTED = new MultipathdState(UNKNOWN, false, false);

    public MultipathdState {
        Objects.requireNonNull(state, "state");
    }

    /** Whether multipathd answers and takes requests now: it is there, answering, not busy, not reconfiguring. */
    public boolean isReady() {
        return (IDLE.equals(state) || RUNNING.equals(state)) && !busy && !reconfigurePending;
    }
}

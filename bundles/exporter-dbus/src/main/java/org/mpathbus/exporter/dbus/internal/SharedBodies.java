package org.mpathbus.exporter.dbus.internal;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Bounds the GetManagedObjects bodies alive for replies not yet on the socket. Every reply to the same model
 * shares its body; while the topology changes under a stream of calls, replies to older models would each pin
 * a body of their own, so a new body is built only while fewer than {@link #MAX_BODIES} are pinned: the
 * responder waits for the sender to write the older ones first. Used by one responder thread (acquire) and
 * dbus-java's sender thread (release).
 */
final class SharedBodies {

    static final int MAX_BODIES = 2;

    private final Map<byte[], Integer> pinned = new IdentityHashMap<>();
    private boolean closed;

    /**
     * The body of {@code model}'s reply, pinned until {@link #release}; built when no reply pins it yet, once
     * there is room.
     *
     * @throws InterruptedException when interrupted or closed while waiting
     */
    byte[] acquire(ExportModel model) throws InterruptedException {
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw new InterruptedException("closed");
                }
                byte[] built = model.wire().ifMade();
                if (built != null && pinned.containsKey(built)) {
                    pinned.merge(built, 1, Integer::sum);
                    return built;
                }
                if (pinned.size() < MAX_BODIES) {
                    break;
                }
                wait();
            }
        }
        // Built outside the lock, so the sender never waits for it; only the one responder thread builds
        byte[] body = model.wire().bytes();
        synchronized (this) {
            pinned.merge(body, 1, Integer::sum);
        }
        return body;
    }

    synchronized void release(byte[] body) {
        if (pinned.computeIfPresent(body, (bytes, count) -> count == 1 ? null : count - 1) == null) {
            notifyAll();
        }
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}

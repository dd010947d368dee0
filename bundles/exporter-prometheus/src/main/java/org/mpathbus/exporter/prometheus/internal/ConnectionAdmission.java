package org.mpathbus.exporter.prometheus.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Who may hold a connection, and for how long: at most {@code total} connections, at most
 * {@code perAddress} of them from one client address (so one host cannot take every slot), and each closed
 * {@code deadline} after it was accepted whatever the client does (sends its request a byte at a time, or
 * never reads the reply). A connection past a limit is closed at once.
 */
final class ConnectionAdmission implements Connection.Listener {

    private final int total;
    private final int perAddress;
    private final Duration deadline;
    private final Scheduler scheduler;
    private final Map<Connection, Admitted> admitted = new ConcurrentHashMap<>();
    /** Guarded by itself. */
    private final Map<InetAddress, Integer> byAddress = new HashMap<>();

    private record Admitted(InetAddress address, Scheduler.Task deadline) {
    }

    ConnectionAdmission(int total, int perAddress, Duration deadline, Scheduler scheduler) {
        this.total = total;
        this.perAddress = perAddress;
        this.deadline = deadline;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = addressOf(connection.getEndPoint().getRemoteSocketAddress());
        synchronized (byAddress) {
            int fromThere = byAddress.getOrDefault(address, 0);
            if (admitted.size() >= total || fromThere >= perAddress) {
                connection.getEndPoint().close();
                return;
            }
            byAddress.put(address, fromThere + 1);
            admitted.put(connection, new Admitted(address,
                    scheduler.schedule(() -> connection.getEndPoint().close(), deadline)));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        synchronized (byAddress) {
            Admitted gone = admitted.remove(connection);
            if (gone != null) {
                gone.deadline().cancel();
                byAddress.computeIfPresent(gone.address(), (address, count) -> count == 1 ? null : count - 1);
            }
        }
    }

    /** Connections held now; for tests. */
    int held() {
        return admitted.size();
    }

    private static InetAddress addressOf(SocketAddress remote) {
        return remote instanceof InetSocketAddress socket ? socket.getAddress() : null;
    }
}

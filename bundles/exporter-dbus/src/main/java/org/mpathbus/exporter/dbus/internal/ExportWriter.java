package org.mpathbus.exporter.dbus.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

import org.mpathbus.api.Topology;
import org.mpathbus.api.event.TopologyEvent;

/**
 * The exporter's single writer: one thread that owns the bus connection, turns snapshots into signals and
 * published models, and reconnects with back-off when the bus goes away. The engine only ever hands work
 * over ({@link #offer}); a slow bus or client never reaches back into it.
 */
final class ExportWriter {

    private static final Logger LOG = System.getLogger(ExportWriter.class.getName());
    static final long MIN_BACKOFF_MILLIS = 100;
    static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long IDLE_CHECK_MILLIS = 1_000;

    private final String address;
    private final String version;
    private final BusRouter router;
    private final Introspection introspection;
    private final PendingUpdates pending = new PendingUpdates();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean connectionLost;

    // Owned by the writer thread
    private BusSession session;
    private Topology latest;
    private ConfigView latestConfig;
    private ExportModel exported;
    private long backoff = MIN_BACKOFF_MILLIS;

    ExportWriter(String address, String version, BusRouter router, Introspection introspection) {
        this.address = address;
        this.version = version;
        this.router = router;
        this.introspection = introspection;
        this.thread = new Thread(this::run, "mpathbus-dbus-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Hands a change to the writer; returns at once. */
    void offer(Topology topology, List<TopologyEvent> events) {
        pending.offer(topology, events);
    }

    /** Hands a new view of the multipath configuration to the writer (null: it is no longer read); returns at once. */
    void offerConfig(ConfigView config) {
        pending.offerConfig(config);
    }

    /** Takes the name and the objects off the bus and ends the writer. */
    void stop() {
        running = false;
        thread.interrupt();
        pending.wakeUp();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                if (session == null || connectionLost || !session.isConnected()) {
                    reconnect();
                } else {
                    PendingUpdates.Update update = pending.take(IDLE_CHECK_MILLIS);
                    if (update != null) {
                        apply(update);
                    }
                }
            }
        } catch (InterruptedException e) {
            // stop() asked us to end
        } finally {
            closeSession();
        }
    }

    private void apply(PendingUpdates.Update update) {
        if (update.droppedEvents() > 0) {
            LOG.log(Level.WARNING, "the bus fell behind: {0} events were dropped, clients see a gap in seqnum",
                    update.droppedEvents());
        }
        take(update);
        ExportModel next = ExportModel.build(latest, latestConfig, version, exported);
        try {
            session.apply(exported, next, update.events());
            exported = next;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "lost the bus while sending an update: " + e.getMessage(), e);
            connectionLost = true;
        }
    }

    /** (Re)connects and exports the newest snapshot whole; on failure waits, doubling the wait each time. */
    private void reconnect() throws InterruptedException {
        if (session != null) {
            session.abandon();
            session = null;
        }
        PendingUpdates.Update update = pending.take(latest == null ? IDLE_CHECK_MILLIS : 0);
        if (update != null) {
            // The events cannot be told to anybody: a full export carries their outcome
            take(update);
        }
        if (latest == null || !running) {
            return;
        }
        try {
            connectionLost = false;
            BusSession opened = BusSession.open(address, router, introspection, this::onDisconnect);
            session = opened;
            exported = ExportModel.build(latest, latestConfig, version, null);
            opened.exportAll(exported);
            LOG.log(Level.INFO, "exporting {0} on {1}: {2} objects, generation {3}", ObjectPaths.BUS_NAME,
                    address.isEmpty() ? "the system bus" : address, exported.objects().size(), exported.generation());
            backoff = MIN_BACKOFF_MILLIS;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot export on {0} ({1}); next try in {2} ms",
                    address.isEmpty() ? "the system bus" : address, e.getMessage(), backoff);
            if (session != null) {
                session.abandon();
                session = null;
            }
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private void take(PendingUpdates.Update update) {
        if (update.topology() != null) {
            latest = update.topology();
        }
        if (update.configChanged()) {
            latestConfig = update.config();
        }
    }

    private void onDisconnect() {
        connectionLost = true;
        pending.wakeUp();
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}

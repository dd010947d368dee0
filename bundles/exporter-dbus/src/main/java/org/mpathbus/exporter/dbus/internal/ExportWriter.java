package org.mpathbus.exporter.dbus.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

import org.mpathbus.api.Topology;
import org.mpathbus.api.event.TopologyEvent;

/**
 * The exporter's single writer: one thread that owns the bus connection, turns snapshots into signals and
 * published models, and reconnects with back-off when the bus goes away. The engine only ever hands work
 * over ({@link #offer}); a slow bus or client never reaches back into it.
 *
 * <p>Nothing goes on the bus before a complete topology: the writer first asks for a full read of the source
 * ({@code fullRead}, the engine's refresh, which fails while the chosen source is not there yet), so the name
 * appears with every map, never with the engine's empty start.
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
    private final Callable<Topology> fullRead;
    private final PendingUpdates pending = new PendingUpdates();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean connectionLost;

    // Owned by the writer thread
    private BusSession session;
    private Topology latest;
    private ConfigView latestConfig;
    private AddedInterfaces latestInterfaces = AddedInterfaces.NONE;
    private ExportModel exported;
    private long backoff = MIN_BACKOFF_MILLIS;
    /** A full read of the source succeeded: {@link #latest} is a complete topology. */
    private boolean complete;
    /** A failure was logged as a WARNING; the next is, once an export has worked again (set by dbus-java too). */
    private volatile boolean failureLogged;

    /**
     * @param fullRead reads the source in full and returns the resulting snapshot; throws while there is no
     *        source to read
     */
    ExportWriter(String address, String version, BusRouter router, Introspection introspection,
            Callable<Topology> fullRead) {
        this.address = address;
        this.version = version;
        this.router = router;
        this.introspection = introspection;
        this.fullRead = fullRead;
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

    /** Hands the whiteboard's interfaces in force to the writer; returns at once. */
    void offerInterfaces(AddedInterfaces interfaces) {
        pending.offerInterfaces(interfaces);
    }

    /** The exported objects as the whiteboard sees them (the ExportedObjects service). */
    PublishedObjects exportedObjects() {
        return new PublishedObjects(router);
    }

    /** The model calls see now; null before the first export. */
    ExportModel published() {
        return router.model();
    }

    /** The model whose every signal is queued for sending; null before the first export. */
    ExportModel announced() {
        return router.announced();
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
        ExportModel next = ModelBuilder.build(latest, latestConfig, latestInterfaces, version, exported);
        try {
            session.apply(exported, next, update.events());
            exported = next;
        } catch (Exception e) {
            // Said once: the disconnect callback has often told it already
            LOG.log(failureLogged ? Level.DEBUG : Level.WARNING,
                    "lost {0} while sending an update ({1}); reconnecting with back-off up to {2} ms", where(),
                    e.getMessage(), MAX_BACKOFF_MILLIS);
            failureLogged = true;
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
        if (!complete && running) {
            readFully();
        }
        if (latest == null || !complete || !running) {
            return;
        }
        try {
            connectionLost = false;
            BusSession opened = BusSession.open(address, router, introspection, this::onDisconnect);
            session = opened;
            exported = ModelBuilder.build(latest, latestConfig, latestInterfaces, version, null);
            opened.exportAll(exported);
            LOG.log(Level.INFO, "exporting {0} on {1}: {2} objects, generation {3}", ObjectPaths.BUS_NAME,
                    where(), exported.objects().size(), exported.generation());
            backoff = MIN_BACKOFF_MILLIS;
            failureLogged = false;
        } catch (Exception e) {
            // One line for what is expected (no bus yet, a bus restart); the retries that follow say nothing more
            LOG.log(failureLogged ? Level.DEBUG : Level.WARNING,
                    "cannot export on {0} ({1}); retrying with back-off up to {2} ms", where(), e.getMessage(),
                    MAX_BACKOFF_MILLIS);
            failureLogged = true;
            if (session != null) {
                session.abandon();
                session = null;
            }
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    /** Reads the source in full once; until that succeeds nothing is exported, and the next offer tries again. */
    private void readFully() throws InterruptedException {
        try {
            Topology read = fullRead.call();
            if (latest == null || read.generation() >= latest.generation()) {
                latest = read;
            }
            complete = true;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "not exporting yet, the topology is not complete: {0}", e.getMessage());
            PendingUpdates.Update update = pending.take(IDLE_CHECK_MILLIS);
            if (update != null) {
                take(update);
            }
        }
    }

    private String where() {
        return address.isEmpty() ? "the system bus" : address;
    }

    private void take(PendingUpdates.Update update) {
        if (update.topology() != null) {
            latest = update.topology();
        }
        if (update.configChanged()) {
            latestConfig = update.config();
        }
        if (update.interfaces() != null) {
            latestInterfaces = update.interfaces();
        }
    }

    /** Called on dbus-java's connection thread when the bus goes away. */
    private void onDisconnect(IOException cause) {
        if (running && !connectionLost) {
            LOG.log(Level.WARNING, "lost {0} ({1}); reconnecting with back-off up to {2} ms", where(),
                    cause == null ? "disconnected" : cause.getMessage(), MAX_BACKOFF_MILLIS);
            failureLogged = true;
        }
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

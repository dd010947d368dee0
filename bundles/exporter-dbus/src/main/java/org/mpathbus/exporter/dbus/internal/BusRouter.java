package org.mpathbus.exporter.dbus.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.freedesktop.dbus.DBusCallInfo;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.base.AbstractConnectionBase;
import org.freedesktop.dbus.errors.PropertyReadOnly;
import org.freedesktop.dbus.errors.UnknownInterface;
import org.freedesktop.dbus.errors.UnknownMethod;
import org.freedesktop.dbus.errors.UnknownObject;
import org.freedesktop.dbus.errors.UnknownProperty;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;
import org.mpathbus.api.Topology;

/**
 * Answers every method call to an object under /org/mpathbus/Multipath1 (registered as dbus-java's fallback
 * for that subtree). It finds the object by the call's path in the published model, so thousands of objects
 * cost one map entry each instead of one reflective dbus-java export each. Thread-safe: calls arrive on
 * dbus-java's pool and only read the immutable model published last.
 */
public final class BusRouter implements ManagerMethods, Properties, ObjectManager {

    /** Re-reads the source and returns the generation of the resulting snapshot. */
    @FunctionalInterface
    interface Refresher {
        long refresh() throws Exception;
    }

    private static final long REFRESH_WAIT_MILLIS = 10_000;

    private final Refresher refresher;
    /** The refresh under way, which concurrent callers share: a caller in a loop cannot pile up re-reads. */
    private final AtomicReference<CompletableFuture<Long>> refreshing =
            new AtomicReference<>();
    private final Object publication = new Object();
    private volatile ExportModel model;
    /** The model whose every signal is queued for sending; guarded by {@link #publication}. */
    private ExportModel announced;

    BusRouter(Refresher refresher) {
        this.refresher = refresher;
    }

    /** Makes {@code next} what calls see; everything announced about it must already be queued for sending. */
    void publish(ExportModel next) {
        synchronized (publication) {
            model = next;
            publication.notifyAll();
        }
    }

    ExportModel model() {
        return model;
    }

    /** Every signal that announced {@code next} is queued for sending: wakes those waiting for an effect. */
    void announce(ExportModel next) {
        synchronized (publication) {
            announced = next;
            publication.notifyAll();
        }
    }

    /** The model announced last (every signal about it queued); null before the first export. */
    ExportModel announced() {
        synchronized (publication) {
            return announced;
        }
    }

    /**
     * The first announced model whose topology satisfies {@code effect}, waiting up to {@code timeoutNanos} for
     * one; null when none came in time.
     */
    ExportModel awaitAnnounced(Predicate<Topology> effect, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        ExportModel tested = null;
        while (true) {
            ExportModel current;
            synchronized (publication) {
                while (announced == null || announced == tested) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    TimeUnit.NANOSECONDS.timedWait(publication, left);
                }
                current = announced;
            }
            // Tested outside the lock: the writer never waits for a caller's predicate
            if (effect.test(current.topology())) {
                return current;
            }
            tested = current;
        }
    }

    @Override
    public String getObjectPath() {
        return ObjectPaths.ROOT;
    }

    @Override
    public DBusPath Lookup(String id) {
        ExportModel current = managerCall("Lookup");
        return new DBusPath(current.lookup(id));
    }

    @Override
    public UInt64 Refresh() {
        managerCall("Refresh");
        long generation;
        try {
            generation = sharedRefresh().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("refresh interrupted", e);
        } catch (ExecutionException e) {
            throw failed("refresh failed: " + e.getCause().getMessage(), e.getCause());
        }
        return new UInt64(awaitPublished(generation).generation());
    }

    /** Joins the refresh under way, or runs one on this thread that later callers join. */
    private CompletableFuture<Long> sharedRefresh() {
        CompletableFuture<Long> mine = new CompletableFuture<>();
        CompletableFuture<Long> running = refreshing.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        try {
            mine.complete(refresher.refresh());
        } catch (Exception e) {
            mine.completeExceptionally(e);
        } finally {
            refreshing.set(null);
        }
        return mine;
    }

    /** Waits until the objects show {@code generation} (the writer publishes once it announced the new objects). */
    private ExportModel awaitPublished(long generation) {
        long deadline = System.currentTimeMillis() + REFRESH_WAIT_MILLIS;
        synchronized (publication) {
            while (model.generation() < generation) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw failed("refresh produced generation " + generation + " but it was not exported within "
                            + REFRESH_WAIT_MILLIS + " ms", null);
                }
                try {
                    publication.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failed("refresh interrupted", e);
                }
            }
            return model;
        }
    }

    @Override
    public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
        ExportModel current = model;
        String path = callPath();
        if (!ObjectPaths.ROOT.equals(path)) {
            requireObject(current, path);
            throw new UnknownMethod("GetManagedObjects is implemented only by " + ObjectPaths.ROOT);
        }
        return current.managedObjects();
    }

    @SuppressWarnings("unchecked")
    @Override
    public <A> A Get(String iface, String property) {
        Variant<?> value = properties(iface).get(property);
        if (value == null) {
            throw new UnknownProperty("no property " + property + " in interface " + iface + " of " + callPath());
        }
        return (A) value;
    }

    @Override
    public <A> void Set(String iface, String property, A value) {
        if (!properties(iface).containsKey(property)) {
            throw new UnknownProperty("no property " + property + " in interface " + iface + " of " + callPath());
        }
        throw new PropertyReadOnly("property " + iface + "." + property + " is read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        return properties(iface);
    }

    /** The properties of {@code iface} of the called object; all of its properties for "". */
    private Map<String, Variant<?>> properties(String iface) {
        BusObject object = requireObject(model, callPath());
        if (iface == null || iface.isEmpty()) {
            Map<String, Variant<?>> all = new LinkedHashMap<>();
            object.interfaces().values().forEach(all::putAll);
            return all;
        }
        Map<String, Variant<?>> properties = object.interfaces().get(iface);
        if (properties == null) {
            if (isStandardInterface(iface) || model.addedInterface(object.path(), iface) != null) {
                return Map.of();
            }
            throw new UnknownInterface("object " + object.path() + " has no interface " + iface);
        }
        return properties;
    }

    private static boolean isStandardInterface(String iface) {
        return iface.equals("org.freedesktop.DBus.Properties") || iface.equals("org.freedesktop.DBus.Introspectable")
                || iface.equals("org.freedesktop.DBus.Peer")
                || iface.equals("org.freedesktop.DBus.ObjectManager");
    }

    private ExportModel managerCall(String method) {
        ExportModel current = model;
        String path = callPath();
        if (!ObjectPaths.ROOT.equals(path)) {
            requireObject(current, path);
            throw new UnknownMethod(method + " is implemented only by " + ObjectPaths.ROOT);
        }
        return current;
    }

    private static BusObject requireObject(ExportModel current, String path) {
        BusObject object = current == null ? null : current.object(path);
        if (object == null) {
            throw new UnknownObject(path + " is not an object of " + ObjectPaths.BUS_NAME);
        }
        return object;
    }

    /** The object path the running call is addressed to (dbus-java keeps it per calling thread). */
    private static String callPath() {
        DBusCallInfo info = AbstractConnectionBase.getCallInfo();
        return info == null ? ObjectPaths.ROOT : info.getObjectPath();
    }

    private static DBusExecutionException failed(String message, Throwable cause) {
        DBusExecutionException failed = new DBusExecutionException(message, cause);
        failed.setType("org.freedesktop.DBus.Error.Failed");
        return failed;
    }
}

package org.mpathbus.exporter.dbus.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.messages.constants.Flags;

/**
 * Answers org.freedesktop.DBus.ObjectManager.GetManagedObjects on the manager below dbus-java: the reply is
 * marshalled once per model by {@link WireWriter} and sent as a {@link PrebuiltReply}. Runs on a thread of its
 * own, so dbus-java's reader never waits for it; calls it does not take go on to dbus-java as usual.
 */
final class ManagedObjectsResponder implements BusSocketProvider.CallInterceptor, AutoCloseable {

    private static final Logger LOG = System.getLogger(ManagedObjectsResponder.class.getName());
    static final String SIGNATURE = "a{oa{sa{sv}}}";

    private final BusRouter router;
    private final ExecutorService replies;
    private volatile DBusConnection connection;

    ManagedObjectsResponder(BusRouter router) {
        this.router = router;
        // One thread; callers queue (bounded) rather than marshal in parallel, since the bytes are cached per model
        this.replies = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1_000), runnable -> {
            Thread thread = new Thread(runnable, "mpathbus-dbus-managed-objects");
            thread.setDaemon(true);
            return thread;
        });
    }

    void attach(DBusConnection connected) {
        this.connection = connected;
    }

    @Override
    public boolean intercept(Message message) {
        if (!(message instanceof MethodCall call) || connection == null || router.model() == null
                || !ObjectPaths.ROOT.equals(call.getPath()) || !"GetManagedObjects".equals(call.getName())
                || !(call.getInterface() == null || "org.freedesktop.DBus.ObjectManager".equals(call.getInterface()))
                || !(call.getSig() == null || call.getSig().isEmpty())) {
            return false;
        }
        try {
            replies.execute(() -> reply(call));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void reply(MethodCall call) {
        if ((call.getFlags() & Flags.NO_REPLY_EXPECTED) != 0) {
            return;
        }
        try {
            ExportModel model = router.model();
            connection.sendMessage(new PrebuiltReply(call.getSerial(), call.getSource(), SIGNATURE,
                    model.managedObjectsWire()));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot answer GetManagedObjects from " + call.getSource() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        replies.shutdownNow();
    }
}

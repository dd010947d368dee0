package org.mpathbus.exporter.dbus.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.messages.MethodReturn;
import org.freedesktop.dbus.messages.constants.Flags;

/**
 * Sits below dbus-java on the connection's reader and writer. Every method call is admitted first
 * ({@link CallAdmission}): one beyond the bound is answered at once with {@link #BUSY}. Two kinds of call it
 * answers itself, from the published model and on threads of its own, so dbus-java's reader never waits:
 * GetManagedObjects, whose body is marshalled once per model by {@link WireWriter} and shared by every caller
 * ({@link SharedBodies}, {@link PrebuiltReply}), and Introspect, made from the model's object paths
 * ({@link Introspection}), so it answers for every exported object at any moment. Calls of the whiteboard's
 * interfaces go to {@link ControlCalls}, which bounds them further and runs them on a pool of its own. The
 * other calls go on to dbus-java as usual.
 */
final class CallResponder implements BusSocketProvider.CallInterceptor, AutoCloseable {

    private static final Logger LOG = System.getLogger(CallResponder.class.getName());
    static final String SIGNATURE = "a{oa{sa{sv}}}";
    static final String BUSY = "org.mpathbus.Multipath1.Error.Busy";
    /** Calls in flight on the connection, of all callers together. */
    static final int MAX_IN_FLIGHT = 512;
    private static final String OBJECT_MANAGER = "org.freedesktop.DBus.ObjectManager";
    private static final String INTROSPECTABLE = "org.freedesktop.DBus.Introspectable";
    private static final String INVALID_ARGS = "org.freedesktop.DBus.Error.InvalidArgs";

    private final BusRouter router;
    private final Introspection introspection;
    private final CallAdmission admission = new CallAdmission(MAX_IN_FLIGHT, System::nanoTime);
    private final SharedBodies bodies = new SharedBodies();
    private final ExecutorService managedObjects;
    private final ExecutorService introspect;
    private volatile DBusConnection connection;
    private volatile ControlCalls controls;

    CallResponder(BusRouter router, Introspection introspection) {
        this.router = router;
        this.introspection = introspection;
        // One thread each; the queues are bounded by the admission's bound on calls in flight
        this.managedObjects = singleThread("mpathbus-dbus-managed-objects");
        this.introspect = singleThread("mpathbus-dbus-introspect");
    }

    private static ExecutorService singleThread(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    void attach(DBusConnection connected) {
        ControlCalls calls = new ControlCalls(router, connected, new PolkitAuthorizer(connected));
        try {
            connected.addSigHandler(DBus.NameOwnerChanged.class, changed -> {
                if (changed.name.startsWith(":") && changed.newOwner.isEmpty()) {
                    calls.gone(changed.name);
                }
            });
        } catch (DBusException e) {
            LOG.log(Level.WARNING, "cannot watch callers leave the bus (NameOwnerChanged): a caller's wait for"
                    + " polkit ends only at its deadline: " + e.getMessage());
        }
        this.controls = calls;
        this.connection = connected;
    }

    @Override
    public boolean intercept(Message message) {
        DBusConnection connected = connection;
        if (!(message instanceof MethodCall call) || connected == null) {
            return false;
        }
        boolean noReply = (call.getFlags() & Flags.NO_REPLY_EXPECTED) != 0;
        String oversized = ArgumentLimits.oversized(wireBytes(call));
        if (oversized != null) {
            // Before admission, decoding or a log line: the arguments are never unmarshalled
            if (!noReply && call.getSource() != null) {
                sendError(connected, call, INVALID_ARGS, oversized);
            }
            return true;
        }
        boolean managed = isManagedObjects(call);
        if (!noReply && call.getSource() != null) {
            CallAdmission.Refusal refusal = admission.admit(call.getSource(), call.getSerial(), managed);
            if (refusal != null) {
                refuse(connected, call, refusal);
                return true;
            }
        }
        ExportModel model = router.model();
        if (model == null) {
            return false;
        }
        ControlCalls control = controls;
        if (control.handles(model, call)) {
            control.dispatch(call, noReply);
            return true;
        }
        try {
            if (managed) {
                managedObjects.execute(() -> replyManagedObjects(connected, call, noReply));
                return true;
            }
            if (isIntrospect(call)) {
                introspect.execute(() -> replyIntrospect(connected, call, noReply));
                return true;
            }
        } catch (RejectedExecutionException e) {
            // Closing: dbus-java answers while the connection lasts
        }
        return false;
    }

    private static long wireBytes(Message message) {
        long bytes = 0;
        byte[][] wire = message.getWireData();
        if (wire != null) {
            for (byte[] chunk : wire) {
                bytes += chunk == null ? 0 : chunk.length;
            }
        }
        return bytes;
    }

    private static void sendError(DBusConnection connected, MethodCall call, String name, String message) {
        try {
            connected.sendMessage(connected.getMessageFactory().createError(call.getSource(), name, call.getSerial(),
                    "s", message));
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot answer a call from " + call.getSource() + ": " + e.getMessage());
        }
    }

    private static boolean isManagedObjects(MethodCall call) {
        return ObjectPaths.ROOT.equals(call.getPath()) && "GetManagedObjects".equals(call.getName())
                && (call.getInterface() == null || OBJECT_MANAGER.equals(call.getInterface()))
                && (call.getSig() == null || call.getSig().isEmpty());
    }

    private static boolean isIntrospect(MethodCall call) {
        return "Introspect".equals(call.getName())
                && (call.getInterface() == null || INTROSPECTABLE.equals(call.getInterface()))
                && (call.getSig() == null || call.getSig().isEmpty());
    }

    private void refuse(DBusConnection connected, MethodCall call, CallAdmission.Refusal refusal) {
        String why = refusal == CallAdmission.Refusal.LARGE_REPLY_PENDING
                ? "your previous GetManagedObjects is still being answered; call again once it is"
                : "too many calls in flight (" + MAX_IN_FLIGHT + "); call again later";
        try {
            connected.sendMessage(connected.getMessageFactory().createError(call.getSource(), BUSY, call.getSerial(),
                    "s", ObjectPaths.BUS_NAME + " is busy: " + why));
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot refuse a call from " + call.getSource() + ": " + e.getMessage());
        }
    }

    private void replyManagedObjects(DBusConnection connected, MethodCall call, boolean noReply) {
        if (noReply) {
            return;
        }
        byte[] body = null;
        try {
            body = bodies.acquire(router.model());
            connected.sendMessage(new PrebuiltReply(call.getSerial(), call.getSource(), SIGNATURE, body));
            body = null; // released by written()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot answer GetManagedObjects from " + call.getSource() + ": " + e.getMessage());
        } finally {
            if (body != null) {
                bodies.release(body);
                admission.answered(call.getSource(), call.getSerial());
            }
        }
    }

    private void replyIntrospect(DBusConnection connected, MethodCall call, boolean noReply) {
        if (noReply) {
            return;
        }
        try {
            String xml = introspection.introspect(router.model(), call.getPath());
            connected.sendMessage(xml != null
                    ? connected.getMessageFactory().createMethodReturn(call, "s", xml)
                    : connected.getMessageFactory().createError(call.getSource(),
                            "org.freedesktop.DBus.Error.UnknownObject", call.getSerial(), "s",
                            call.getPath() + " is not an object of " + ObjectPaths.BUS_NAME));
        } catch (DBusException | RuntimeException e) {
            admission.answered(call.getSource(), call.getSerial());
            LOG.log(Level.WARNING, "cannot answer Introspect of " + call.getPath() + " from " + call.getSource() + ": "
                    + e.getMessage());
        }
    }

    @Override
    public void written(Message message) {
        if (message instanceof PrebuiltReply reply) {
            bodies.release(reply.body());
            admission.answered(reply.destination(), reply.replySerial());
        } else if (message instanceof MethodReturn || message instanceof Error) {
            admission.answered(message.getDestination(), message.getReplySerial());
        }
    }

    @Override
    public void close() {
        ControlCalls control = controls;
        if (control != null) {
            control.close();
        }
        bodies.close();
        managedObjects.shutdownNow();
        introspect.shutdownNow();
    }
}

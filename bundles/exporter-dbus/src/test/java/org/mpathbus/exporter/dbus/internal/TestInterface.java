package org.mpathbus.exporter.dbus.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mpathbus.exporter.dbus.spi.BusCall;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.BusInterface;
import org.mpathbus.exporter.dbus.spi.BusReply;
import org.mpathbus.exporter.dbus.spi.ObjectType;

/**
 * A whiteboard provider for the tests: one of the documented control interfaces (its docs/dbus file as
 * introspection), the documented polkit actions, and a handler that decides each call; it keeps every call it got.
 */
final class TestInterface implements BusInterface {

    /** Decides one call. */
    @FunctionalInterface
    interface Handler {
        BusReply handle(BusCall call) throws BusError, InterruptedException;
    }

    static final String PATH_CONTROL = "org.mpathbus.Multipath1.PathControl";
    static final String MAP_CONTROL = "org.mpathbus.Multipath1.MapControl";
    static final String MANAGER_CONTROL = "org.mpathbus.Multipath1.ManagerControl";
    static final String MANAGE_PATHS = "org.mpathbus.multipath1.manage-paths";
    private static final Map<String, String> ACTIONS = Map.ofEntries(Map.entry("Fail", MANAGE_PATHS),
            Map.entry("Reinstate", MANAGE_PATHS), Map.entry("Remove", MANAGE_PATHS), Map.entry("AddPath", MANAGE_PATHS),
            Map.entry("Flush", "org.mpathbus.multipath1.manage-maps"),
            Map.entry("SwitchGroup", "org.mpathbus.multipath1.manage-maps"),
            Map.entry("SetQueueing", "org.mpathbus.multipath1.manage-maps"),
            Map.entry("Resize", "org.mpathbus.multipath1.manage-maps"),
            Map.entry("Reconfigure", "org.mpathbus.multipath1.reconfigure"),
            Map.entry("AddWwid", "org.mpathbus.multipath1.manage-wwids"),
            Map.entry("ForgetWwid", "org.mpathbus.multipath1.manage-wwids"));

    private final String name;
    private final ObjectType type;
    private volatile Handler handler;
    final List<BusCall> calls = new CopyOnWriteArrayList<>();

    TestInterface(String name, ObjectType type, Handler handler) {
        this.name = name;
        this.type = type;
        this.handler = handler;
    }

    static TestInterface pathControl(Handler handler) {
        return new TestInterface(PATH_CONTROL, ObjectType.PATH, handler);
    }

    static TestInterface managerControl(Handler handler) {
        return new TestInterface(MANAGER_CONTROL, ObjectType.MANAGER, handler);
    }

    /** The documented XML of {@code iface}, as the repository holds it. */
    static String documented(String iface) {
        try {
            return Files.readString(Path.of("../../docs/dbus/" + iface + ".xml"));
        } catch (IOException e) {
            throw new UncheckedIOException("docs/dbus/" + iface + ".xml", e);
        }
    }

    void handler(Handler next) {
        handler = next;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ObjectType objectType() {
        return type;
    }

    @Override
    public String introspection() {
        return documented(name);
    }

    @Override
    public String action(String member) {
        return ACTIONS.get(member);
    }

    @Override
    public BusReply call(BusCall call) throws BusError, InterruptedException {
        calls.add(call);
        return handler.handle(call);
    }
}

package org.mpathbus.exporter.dbus.internal;

/**
 * The body of one model's GetManagedObjects reply (type a{oa{sa{sv}}}), marshalled by {@link WireWriter} on first
 * use and kept for every later caller of the same model.
 */
final class ManagedObjectsWire {

    private final ExportModel model;
    private volatile byte[] bytes;

    ManagedObjectsWire(ExportModel model) {
        this.model = model;
    }

    /** The body, made now if it was not yet. */
    byte[] bytes() {
        byte[] made = bytes;
        if (made == null) {
            // About 700 bytes an object: one array of the right size, not a doubling to twice the reply
            WireWriter writer = new WireWriter(model.index().size() * 720);
            writer.managedObjects(model.managedObjects());
            made = writer.toByteArray();
            bytes = made;
        }
        return made;
    }

    /** The body if it was made already, else null. */
    byte[] ifMade() {
        return bytes;
    }
}

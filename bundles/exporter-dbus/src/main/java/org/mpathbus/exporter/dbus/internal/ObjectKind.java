package org.mpathbus.exporter.dbus.internal;

/** The kinds of exported objects, each with its own interface. */
enum ObjectKind {
    MANAGER(ObjectPaths.MANAGER_INTERFACE),
    MAP(ObjectPaths.MAP_INTERFACE),
    PATH_GROUP(ObjectPaths.PATH_GROUP_INTERFACE),
    PATH(ObjectPaths.PATH_INTERFACE),
    CONFIG(ObjectPaths.CONFIG_INTERFACE);

    final String iface;

    ObjectKind(String iface) {
        this.iface = iface;
    }
}

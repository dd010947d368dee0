package org.mpathbus.exporter.dbus.internal;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt64;

/** The methods of org.mpathbus.Multipath1.Manager (documented in docs/dbus). */
@DBusInterfaceName(ObjectPaths.MANAGER_INTERFACE)
public interface ManagerMethods extends DBusInterface {

    DBusPath Lookup(String id);

    UInt64 Refresh();
}

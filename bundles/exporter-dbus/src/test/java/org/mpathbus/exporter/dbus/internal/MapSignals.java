package org.mpathbus.exporter.dbus.internal;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;

/** How a dbus-java client declares the Map interface's transition signals to receive them typed. */
@DBusInterfaceName("org.mpathbus.Multipath1.Map")
public interface MapSignals extends DBusInterface {

    class PathFailed extends DBusSignal {
        public final DBusPath path;
        public final UInt32 validPaths;
        public final UInt64 seqnum;

        public PathFailed(String objectPath, DBusPath path, UInt32 validPaths, UInt64 seqnum) throws DBusException {
            super(objectPath, path, validPaths, seqnum);
            this.path = path;
            this.validPaths = validPaths;
            this.seqnum = seqnum;
        }
    }

    class PathReinstated extends DBusSignal {
        public final DBusPath path;
        public final UInt32 validPaths;
        public final UInt64 seqnum;

        public PathReinstated(String objectPath, DBusPath path, UInt32 validPaths, UInt64 seqnum)
                throws DBusException {
            super(objectPath, path, validPaths, seqnum);
            this.path = path;
            this.validPaths = validPaths;
            this.seqnum = seqnum;
        }
    }

    class MapFailed extends DBusSignal {
        public final UInt64 seqnum;

        public MapFailed(String objectPath, UInt64 seqnum) throws DBusException {
            super(objectPath, seqnum);
            this.seqnum = seqnum;
        }
    }

    class MapRestored extends DBusSignal {
        public final UInt64 seqnum;

        public MapRestored(String objectPath, UInt64 seqnum) throws DBusException {
            super(objectPath, seqnum);
            this.seqnum = seqnum;
        }
    }
}

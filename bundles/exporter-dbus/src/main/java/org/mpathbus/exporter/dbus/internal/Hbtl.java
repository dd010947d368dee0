package org.mpathbus.exporter.dbus.internal;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.mpathbus.api.ScsiAddress;

/** The Path interface's Hbtl property: (iiix) host, bus, target, LUN; all -1 without a SCSI address. */
public final class Hbtl extends Struct {
    @Position(0)
    public final int host;
    @Position(1)
    public final int bus;
    @Position(2)
    public final int target;
    @Position(3)
    public final long lun;

    Hbtl(ScsiAddress address) {
        this.host = address.host();
        this.bus = address.channel();
        this.target = address.target();
        this.lun = address.lun();
    }

    static final String SIGNATURE = "(iiix)";
}

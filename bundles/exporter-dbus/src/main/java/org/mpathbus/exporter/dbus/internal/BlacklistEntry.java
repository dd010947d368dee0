package org.mpathbus.exporter.dbus.internal;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/**
 * One entry of the Config interface's Blacklist and BlacklistExceptions: (sssss) criterion, regular
 * expression, vendor, product, origin; "" for the fields a criterion does not use.
 */
public final class BlacklistEntry extends Struct {
    static final String LIST_SIGNATURE = "a(sssss)";

    @Position(0)
    public final String criterion;
    @Position(1)
    public final String regex;
    @Position(2)
    public final String vendor;
    @Position(3)
    public final String product;
    @Position(4)
    public final String origin;

    public BlacklistEntry(String criterion, String regex, String vendor, String product, String origin) {
        this.criterion = criterion;
        this.regex = regex;
        this.vendor = vendor;
        this.product = product;
        this.origin = origin;
    }
}

package org.mpathbus.config;

/**
 * The blacklist criteria, in the order multipath-tools applies them: multipath and multipathd filter the
 * device name while discovering it, before they read its udev properties (multipath.conf(5) lists
 * property first; the kernel lab shows devnode deciding first).
 */
public enum BlacklistCriterion {
    DEVNODE("device node name"),
    PROPERTY("udev property"),
    DEVICE("vendor/product"),
    PROTOCOL("protocol"),
    WWID("wwid");

    private final String description;

    BlacklistCriterion(String description) {
        this.description = description;
    }

    /** multipath-tools' words for it in its log ("device node name", "vendor/product" ...). */
    public String description() {
        return description;
    }

    /** The keyword in the blacklist section: devnode, wwid, device, property, protocol. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

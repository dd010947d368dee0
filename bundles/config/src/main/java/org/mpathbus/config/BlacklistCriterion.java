package org.mpathbus.config;

/** The blacklist criteria, in the order multipath-tools evaluates them. */
public enum BlacklistCriterion {
    PROPERTY("udev property"),
    DEVNODE("device node name"),
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

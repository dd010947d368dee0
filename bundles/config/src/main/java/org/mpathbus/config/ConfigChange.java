package org.mpathbus.config;

import java.util.Map;
import java.util.Objects;

/**
 * One change to the drop-in file mpathbus owns in the configuration's config_dir, as {@link ConfigEditor}
 * carries it out. The values are the words as they would stand in multipath.conf; the editor checks them with
 * the configuration's own parser before anything is written.
 */
public sealed interface ConfigChange {

    /** The change in words for messages and logs, such as "set alias of 3600a0b8 to data1". */
    String describe();

    /** The alias of a WWID's map; {@code alias} "" clears it (the multipaths entry goes once nothing else is in it). */
    record SetAlias(String wwid, String alias) implements ConfigChange {
        public SetAlias {
            Objects.requireNonNull(wwid, "wwid");
            Objects.requireNonNull(alias, "alias");
        }

        @Override
        public String describe() {
            return alias.isEmpty() ? "clear the alias of " + wwid : "set the alias of " + wwid + " to " + alias;
        }
    }

    /**
     * A blacklist or blacklist_exceptions entry, added or removed.
     *
     * @param section "blacklist" or "blacklist_exceptions"
     * @param entry exactly one of {"wwid": re}, {"devnode": re}, {"property": re}, {"protocol": re},
     *        {"vendor": re, "product": re} (product optional)
     */
    record AddBlacklistEntry(String section, Map<String, String> entry) implements ConfigChange {
        public AddBlacklistEntry {
            Objects.requireNonNull(section, "section");
            entry = Map.copyOf(entry);
        }

        @Override
        public String describe() {
            return "add " + entry + " to " + section;
        }
    }

    /** Removes an entry that {@link AddBlacklistEntry} added; one of the admin's own files is not touched. */
    record RemoveBlacklistEntry(String section, Map<String, String> entry) implements ConfigChange {
        public RemoveBlacklistEntry {
            Objects.requireNonNull(section, "section");
            entry = Map.copyOf(entry);
        }

        @Override
        public String describe() {
            return "remove " + entry + " from " + section;
        }
    }

    /** A defaults keyword. */
    record SetDefault(String key, String value) implements ConfigChange {
        public SetDefault {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String describe() {
            return "set defaults " + key + " to " + value;
        }
    }

    /** Takes a defaults keyword out of the drop-in. */
    record ClearDefault(String key) implements ConfigChange {
        public ClearDefault {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String describe() {
            return "clear defaults " + key;
        }
    }

    /** Adds the drop-in's devices { device } entry for vendor and product, or replaces its attributes. */
    record SetDevice(String vendor, String product, Map<String, String> attributes) implements ConfigChange {
        public SetDevice {
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(product, "product");
            attributes = Map.copyOf(attributes);
        }

        @Override
        public String describe() {
            return "set device " + vendor + "/" + product + " " + attributes;
        }
    }

    /** Removes the drop-in's device entry for vendor and product. */
    record RemoveDevice(String vendor, String product) implements ConfigChange {
        public RemoveDevice {
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(product, "product");
        }

        @Override
        public String describe() {
            return "remove device " + vendor + "/" + product;
        }
    }

    /** Adds the drop-in's multipaths { multipath } entry for a WWID, or replaces its attributes (alias included). */
    record SetMultipath(String wwid, Map<String, String> attributes) implements ConfigChange {
        public SetMultipath {
            Objects.requireNonNull(wwid, "wwid");
            attributes = Map.copyOf(attributes);
        }

        @Override
        public String describe() {
            return "set multipath " + wwid + " " + attributes;
        }
    }

    /** Removes the drop-in's multipath entry for a WWID. */
    record RemoveMultipath(String wwid) implements ConfigChange {
        public RemoveMultipath {
            Objects.requireNonNull(wwid, "wwid");
        }

        @Override
        public String describe() {
            return "remove multipath " + wwid;
        }
    }
}

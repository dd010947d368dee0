package org.mpathbus.config.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mpathbus.config.BlacklistCriterion;
import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.ConfigChange;
import org.mpathbus.config.ConfigEditException;
import org.mpathbus.config.ConfigEditException.Kind;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathEntry;
import org.mpathbus.config.Origin;
import org.mpathbus.config.internal.DropIn.Device;
import org.mpathbus.config.internal.DropIn.Entry;
import org.mpathbus.config.internal.DropIn.Multipath;

/**
 * Applies one {@link ConfigChange} to the drop-in's contents. Checks only what the file's syntax needs
 * (one printable line per value, keyword-shaped names, the entry shapes); whether a keyword or value is valid is
 * the parser's to say ({@link DropInCheck}), in its own words.
 */
final class DropInEdits {

    /** Characters of one value or name: multipath-tools' lines are short (its own buffer is 4 KB a line). */
    static final int MAX_VALUE_CHARS = 256;
    private static final int MAX_ALIAS_CHARS = 127;
    private static final String ALIAS_REFUSED = " /\"{}!#";
    private static final Set<String> SECTIONS = Set.of("blacklist", "blacklist_exceptions");
    private static final Set<String> SINGLE = Set.of("wwid", "devnode", "property", "protocol");

    private DropInEdits() {
    }

    /**
     * @param config the configuration in force, to say where an entry that is not the drop-in's is written
     */
    static DropIn apply(DropIn dropIn, ConfigChange change, MultipathConfig config) throws ConfigEditException {
        if (change instanceof ConfigChange.SetAlias c) {
            return setAlias(dropIn, value("wwid", c.wwid(), false), alias(c.alias()));
        } else if (change instanceof ConfigChange.AddBlacklistEntry c) {
            Entry entry = entry(section(c.section()), c.entry());
            List<Entry> entries = new ArrayList<>(dropIn.section(c.section()));
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
            return dropIn.withSection(c.section(), entries);
        } else if (change instanceof ConfigChange.RemoveBlacklistEntry c) {
            Entry entry = entry(section(c.section()), c.entry());
            List<Entry> entries = new ArrayList<>(dropIn.section(c.section()));
            if (!entries.remove(entry)) {
                throw new ConfigEditException(Kind.NOT_FOUND, c.section() + " " + c.entry()
                        + " is not in mpathbus's drop-in" + elsewhere(c.section(), entry, config));
            }
            return dropIn.withSection(c.section(), entries);
        } else if (change instanceof ConfigChange.SetDefault c) {
            Map<String, String> defaults = new LinkedHashMap<>(dropIn.defaults());
            defaults.put(keyword(c.key()), value(c.key(), c.value(), true));
            return dropIn.withDefaults(defaults);
        } else if (change instanceof ConfigChange.ClearDefault c) {
            Map<String, String> defaults = new LinkedHashMap<>(dropIn.defaults());
            if (defaults.remove(keyword(c.key())) == null) {
                throw new ConfigEditException(Kind.NOT_FOUND, "defaults " + c.key() + " is not set in mpathbus's "
                        + "drop-in" + config.defaults().get(c.key()).filter(s -> s.origin() == Origin.DEFAULTS).map(s -> "; it is set in " + s.source()).orElse(""));
            }
            return dropIn.withDefaults(defaults);
        } else if (change instanceof ConfigChange.SetDevice c) {
            Device device = new Device(value("vendor", c.vendor(), false), value("product", c.product(), false),
                    attributes(c.attributes(), Set.of("vendor", "product")));
            List<Device> devices = new ArrayList<>(dropIn.devices());
            int at = indexOf(devices, c.vendor(), c.product());
            if (at >= 0) {
                devices.set(at, device);
            } else {
                devices.add(device);
            }
            return dropIn.withDevices(devices);
        } else if (change instanceof ConfigChange.RemoveDevice c) {
            List<Device> devices = new ArrayList<>(dropIn.devices());
            int at = indexOf(devices, c.vendor(), c.product());
            if (at < 0) {
                throw new ConfigEditException(Kind.NOT_FOUND, "device " + c.vendor() + "/" + c.product()
                        + " is not in mpathbus's drop-in");
            }
            devices.remove(at);
            return dropIn.withDevices(devices);
        } else if (change instanceof ConfigChange.SetMultipath c) {
            String wwid = value("wwid", c.wwid(), false);
            List<Multipath> multipaths = new ArrayList<>(dropIn.multipaths());
            multipaths.removeIf(m -> m.wwid().equals(wwid));
            multipaths.add(new Multipath(wwid, attributes(c.attributes(), Set.of("wwid"))));
            return dropIn.withMultipaths(multipaths);
        } else {
            ConfigChange.RemoveMultipath c = (ConfigChange.RemoveMultipath) change;
            List<Multipath> multipaths = new ArrayList<>(dropIn.multipaths());
            if (!multipaths.removeIf(m -> m.wwid().equals(c.wwid()))) {
                throw new ConfigEditException(Kind.NOT_FOUND, "multipath " + c.wwid() + " is not in mpathbus's "
                        + "drop-in" + config.multipaths().stream().filter(m -> m.wwid().equals(c.wwid()))
                                .map(MultipathEntry::source).map(s -> "; it is in " + s).findFirst().orElse(""));
            }
            return dropIn.withMultipaths(multipaths);
        }
    }

    private static DropIn setAlias(DropIn dropIn, String wwid, String alias) {
        List<Multipath> multipaths = new ArrayList<>(dropIn.multipaths());
        int at = -1;
        for (int i = 0; i < multipaths.size(); i++) {
            if (multipaths.get(i).wwid().equals(wwid)) {
                at = i;
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>(at < 0 ? Map.of() : multipaths.get(at).attributes());
        if (alias.isEmpty()) {
            attributes.remove("alias");
        } else {
            attributes.put("alias", alias);
        }
        Multipath changed = new Multipath(wwid, attributes);
        if (at >= 0 && attributes.isEmpty()) {
            multipaths.remove(at);
        } else if (at >= 0) {
            multipaths.set(at, changed);
        } else if (!attributes.isEmpty()) {
            multipaths.add(changed);
        }
        return dropIn.withMultipaths(multipaths);
    }

    private static String section(String section) throws ConfigEditException {
        if (!SECTIONS.contains(section)) {
            throw invalid("section must be blacklist or blacklist_exceptions, not " + quote(section));
        }
        return section;
    }

    private static Entry entry(String section, Map<String, String> given) throws ConfigEditException {
        Map<String, String> criteria = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            criteria.put(e.getKey(), value(e.getKey(), e.getValue(), false));
        }
        boolean single = criteria.size() == 1 && SINGLE.contains(criteria.keySet().iterator().next());
        boolean device = criteria.containsKey("vendor") && Set.of("vendor", "product").containsAll(criteria.keySet());
        if (!single && !device) {
            throw invalid(section + " entry must be exactly one of {wwid}, {devnode}, {property}, {protocol} or "
                    + "{vendor, product} (product optional), not " + quote(given.keySet().toString()));
        }
        return new Entry(criteria);
    }

    /** Where the admin's files hold the same entry, as "; it is in file:line". */
    private static String elsewhere(String section, Entry entry, MultipathConfig config) {
        List<BlacklistRule> rules = section.equals("blacklist") ? config.blacklist() : config.blacklistExceptions();
        for (BlacklistRule rule : rules) {
            boolean same = entry.isDevice()
                    ? rule.criterion() == BlacklistCriterion.DEVICE
                            && rule.vendor().equals(entry.criteria().getOrDefault("vendor", ""))
                            && rule.product().equals(entry.criteria().getOrDefault("product", ""))
                    : rule.criterion().keyword().equals(entry.criteria().keySet().iterator().next())
                            && rule.pattern().equals(entry.criteria().values().iterator().next());
            if (same) {
                return "; it is in " + rule.source() + ", which mpathbus does not change";
            }
        }
        return "";
    }

    private static int indexOf(List<Device> devices, String vendor, String product) {
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).vendor().equals(vendor) && devices.get(i).product().equals(product)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> attributes(Map<String, String> given, Set<String> reserved)
            throws ConfigEditException {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(given).entrySet()) {
            String key = keyword(e.getKey());
            if (reserved.contains(key)) {
                throw invalid("attribute " + key + " is given as its own argument");
            }
            attributes.put(key, value(key, e.getValue(), false));
        }
        return attributes;
    }

    private static String keyword(String key) throws ConfigEditException {
        if (!key.matches("[a-z][a-z0-9_]{0,63}")) {
            throw invalid("a keyword is lower-case letters, digits and '_', not " + quote(key));
        }
        return key;
    }

    /**
     * An alias becomes the map's device-mapper name (at most 127 characters, no '/') and the word by which
     * multipathd's CLI addresses it, whose parser cuts at blanks, quotes, braces and the comment starts.
     */
    private static String alias(String alias) throws ConfigEditException {
        value("alias", alias, true);
        if (alias.length() > MAX_ALIAS_CHARS) {
            throw invalid("alias is " + alias.length() + " characters; a device-mapper name holds at most "
                    + MAX_ALIAS_CHARS);
        }
        for (int i = 0; i < alias.length(); i++) {
            char c = alias.charAt(i);
            if (ALIAS_REFUSED.indexOf(c) >= 0) {
                throw invalid("alias holds '" + c + "' at " + (i + 1)
                        + ": a map name may not hold a blank, '/', '\"', '{', '}', '!' or '#'");
            }
        }
        return alias;
    }

    /** One value: a printable ASCII line, which the drop-in holds quoted. */
    static String value(String what, String value, boolean emptyAllowed) throws ConfigEditException {
        if (value.length() > MAX_VALUE_CHARS) {
            throw invalid(what + " is " + value.length() + " characters; at most " + MAX_VALUE_CHARS);
        }
        if (value.isEmpty() && !emptyAllowed) {
            throw invalid(what + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw invalid(what + " holds character U+" + String.format("%04X", (int) c) + " at " + (i + 1)
                        + ": only printable ASCII fits a line of multipath.conf");
            }
        }
        return value;
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length() && i < MAX_VALUE_CHARS; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c <= 0x7e ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.append(text.length() > MAX_VALUE_CHARS ? "...\"" : "\"").toString();
    }

    private static ConfigEditException invalid(String message) {
        return new ConfigEditException(Kind.INVALID, message);
    }
}

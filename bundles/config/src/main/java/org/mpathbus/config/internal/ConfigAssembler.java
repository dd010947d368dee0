package org.mpathbus.config.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

import org.mpathbus.config.BlacklistCriterion;
import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.internal.ConfigNode.Section;
import org.mpathbus.config.internal.ConfigNode.Statement;
import org.mpathbus.config.internal.Keywords.Scope;

/**
 * Turns parsed files into the sections' contents the way multipath-tools' keyword handlers fill its
 * config: later files and later statements win, unknown keywords and invalid values are warned about
 * and ignored, device entries with the same vendor/product/revision are merged, built-in blacklist rules
 * follow the configured ones.
 */
final class ConfigAssembler {

    static final String BUILTIN = "built-in";
    static final String BUILTIN_HWTABLE = "built-in hwtable";

    final Map<String, Value> defaults = new LinkedHashMap<>();
    final Map<String, Value> overrides = new LinkedHashMap<>();
    /** Protocol type to its overrides; entries of the same type merge, the later value winning. */
    final Map<String, Map<String, Value>> protocolOverrides = new LinkedHashMap<>();
    final List<CompiledRule> blacklist = new ArrayList<>();
    final List<CompiledRule> exceptions = new ArrayList<>();
    private final List<MpEntry> multipaths = new ArrayList<>();
    final List<ConfigProblem> warnings = new ArrayList<>();
    private final List<HwEntry> hwtable = new ArrayList<>();

    private String file;

    /** Starts from the built-in hardware table. */
    ConfigAssembler(List<HwEntry> builtinHwtable) {
        hwtable.addAll(builtinHwtable);
    }

    void add(ParsedFile parsed) {
        file = parsed.name();
        Set<String> seenSections = new HashSet<>();
        for (ConfigNode node : parsed.nodes()) {
            if (node instanceof Statement s) {
                warn(s.line(), "invalid keyword: " + s.keyword());
                continue;
            }
            Section section = (Section) node;
            if (!seenSections.add(section.name())) {
                warn(section.line(), "duplicate keyword: " + section.name());
            }
            switch (section.name()) {
                case "defaults" -> attributes(section, Scope.DEFAULTS, defaults);
                case "blacklist" -> blacklist(section, blacklist);
                case "blacklist_exceptions" -> blacklist(section, exceptions);
                case "devices" -> devices(section);
                case "multipaths" -> multipaths(section);
                case "overrides" -> overrides(section);
                default -> warn(section.line(), "invalid keyword: " + section.name());
            }
        }
    }

    /** The multipaths entries sorted by WWID, as multipath-tools' merge_mptable leaves them. */
    List<MpEntry> multipaths() {
        List<MpEntry> sorted = new ArrayList<>(multipaths);
        sorted.sort(java.util.Comparator.comparing(MpEntry::wwid));
        return sorted;
    }

    /** The hardware table with duplicates merged, as multipath-tools' factorize_hwtable leaves it. */
    List<HwEntry> hwtable() {
        List<HwEntry> merged = new ArrayList<>();
        for (HwEntry entry : hwtable) {
            HwEntry current = entry;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).sameIdentity(current)) {
                    current = merged.remove(i).mergedUnder(current);
                    break;
                }
            }
            merged.add(current);
        }
        return merged;
    }

    /** Appends multipath-tools' built-in rules after the configured ones (setup_default_blist). */
    void addBuiltinBlacklist(List<HwEntry> mergedHwtable) {
        blacklist.add(new CompiledRule(new BlacklistRule(BlacklistCriterion.DEVNODE, "!^(sd[a-z]|dasd[a-z]|nvme[0-9])",
                "", "", true, BUILTIN)));
        exceptions.add(new CompiledRule(new BlacklistRule(BlacklistCriterion.PROPERTY, "(SCSI_IDENT_|ID_WWN)", "", "",
                true, BUILTIN)));
        Set<String> devices = new HashSet<>();
        for (CompiledRule r : blacklist) {
            if (r.criterion() == BlacklistCriterion.DEVICE) {
                devices.add(r.rule.vendor() + "\0" + r.rule.product());
            }
        }
        for (HwEntry hwe : mergedHwtable) {
            Value blProduct = hwe.attributes.get("product_blacklist");
            if (blProduct != null && devices.add(hwe.vendor + "\0" + blProduct.value())) {
                blacklist.add(new CompiledRule(new BlacklistRule(BlacklistCriterion.DEVICE, "", hwe.vendor,
                        blProduct.value(), true, hwe.builtin ? BUILTIN_HWTABLE : hwe.source)));
            }
        }
    }

    private void attributes(Section section, Scope scope, Map<String, Value> into) {
        for (ConfigNode node : section.children()) {
            if (node instanceof Statement s) {
                attribute(s, scope, section.name(), into);
            } else {
                warn(node.line(), "invalid keyword in the " + section.name() + " section: " + ((Section) node).name());
            }
        }
    }

    private void attribute(Statement s, Scope scope, String sectionName, Map<String, Value> into) {
        if (!Keywords.allowed(s.keyword(), scope)) {
            warn(s.line(), "invalid keyword in the " + sectionName + " section: " + s.keyword());
            return;
        }
        String value = Keywords.get(s.keyword()).type().read(s.keyword(), s.value(), message -> warn(s.line(), message));
        if (value != null) {
            into.put(s.keyword(), new Value(value, file + ":" + s.line()));
        }
    }

    private void blacklist(Section section, List<CompiledRule> into) {
        for (ConfigNode node : section.children()) {
            if (node instanceof Section sub) {
                if (sub.name().equals("device")) {
                    blacklistDevice(sub, into);
                } else {
                    warn(sub.line(), "invalid keyword in the " + section.name() + " section: " + sub.name());
                }
                continue;
            }
            Statement s = (Statement) node;
            BlacklistCriterion criterion = switch (s.keyword()) {
                case "devnode" -> BlacklistCriterion.DEVNODE;
                case "wwid" -> BlacklistCriterion.WWID;
                case "property" -> BlacklistCriterion.PROPERTY;
                case "protocol" -> BlacklistCriterion.PROTOCOL;
                default -> null;
            };
            if (criterion == null) {
                warn(s.line(), "invalid keyword in the " + section.name() + " section: " + s.keyword());
            } else {
                rule(new BlacklistRule(criterion, s.value(), "", "", false, file + ":" + s.line()), s.line(), into);
            }
        }
    }

    private void blacklistDevice(Section device, List<CompiledRule> into) {
        String vendor = "";
        String product = "";
        for (ConfigNode node : device.children()) {
            if (node instanceof Statement s && s.keyword().equals("vendor")) {
                vendor = s.value();
            } else if (node instanceof Statement s && s.keyword().equals("product")) {
                product = s.value();
            } else {
                warn(node.line(), "invalid keyword in the device section: " + name(node));
            }
        }
        if (vendor.isEmpty() && product.isEmpty()) {
            warn(device.line(), "device entry without vendor and product ignored");
            return;
        }
        rule(new BlacklistRule(BlacklistCriterion.DEVICE, "", vendor, product, false, file + ":" + device.line()),
                device.line(), into);
    }

    private void rule(BlacklistRule rule, int line, List<CompiledRule> into) {
        try {
            into.add(new CompiledRule(rule));
        } catch (PatternSyntaxException e) {
            warn(line, "invalid regular expression \"" + rule.expression() + "\" ignored: " + e.getDescription());
        }
    }

    private void devices(Section section) {
        for (ConfigNode node : section.children()) {
            if (!(node instanceof Section device) || !device.name().equals("device")) {
                warn(node.line(), "invalid keyword in the devices section: " + name(node));
                continue;
            }
            Map<String, Value> values = new LinkedHashMap<>();
            attributes(device, Scope.DEVICE, values);
            Value vendor = values.remove("vendor");
            Value product = values.remove("product");
            Value revision = values.remove("revision");
            if (vendor == null || product == null) {
                warn(device.line(), "device config missing vendor or product parameter, ignored");
                continue;
            }
            try {
                hwtable.add(new HwEntry(vendor.value(), product.value(), revision == null ? null : revision.value(),
                        values, false, file + ":" + device.line()));
            } catch (PatternSyntaxException e) {
                warn(device.line(), "device entry with an invalid regular expression ignored: " + e.getDescription());
            }
        }
    }

    private void multipaths(Section section) {
        for (ConfigNode node : section.children()) {
            if (!(node instanceof Section mp) || !mp.name().equals("multipath")) {
                warn(node.line(), "invalid keyword in the multipaths section: " + name(node));
                continue;
            }
            Map<String, Value> values = new LinkedHashMap<>();
            String wwid = null;
            for (ConfigNode child : mp.children()) {
                if (child instanceof Statement s && s.keyword().equals("wwid")) {
                    wwid = s.value();
                } else if (child instanceof Statement s && s.keyword().equals("alias")) {
                    values.put("alias", new Value(s.value(), file + ":" + s.line()));
                } else if (child instanceof Statement s) {
                    attribute(s, Scope.MULTIPATH, "multipath", values);
                } else {
                    warn(child.line(), "invalid keyword in the multipath section: " + name(child));
                }
            }
            if (wwid == null) {
                warn(mp.line(), "multipath entry without wwid ignored");
                continue;
            }
            MpEntry entry = new MpEntry(wwid, values, file + ":" + mp.line());
            int existing = indexOfWwid(wwid);
            if (existing >= 0) {
                multipaths.set(existing, multipaths.get(existing).mergedWith(entry));
            } else {
                multipaths.add(entry);
            }
        }
    }

    private int indexOfWwid(String wwid) {
        for (int i = 0; i < multipaths.size(); i++) {
            if (multipaths.get(i).wwid().equals(wwid)) {
                return i;
            }
        }
        return -1;
    }

    private void overrides(Section section) {
        for (ConfigNode node : section.children()) {
            if (node instanceof Statement s) {
                attribute(s, Scope.OVERRIDES, "overrides", overrides);
            } else if (((Section) node).name().equals("protocol")) {
                Map<String, Value> protocol = new LinkedHashMap<>();
                attributes((Section) node, Scope.OVERRIDES_PROTOCOL, protocol);
                Value type = protocol.remove("type");
                if (type == null) {
                    warn(node.line(), "protocol entry without type ignored");
                } else {
                    protocolOverrides.computeIfAbsent(type.value(), t -> new LinkedHashMap<>()).putAll(protocol);
                }
            } else {
                warn(node.line(), "invalid keyword in the overrides section: " + name(node));
            }
        }
    }

    private static String name(ConfigNode node) {
        return node instanceof Statement s ? s.keyword() : ((Section) node).name();
    }

    private void warn(int line, String message) {
        warnings.add(new ConfigProblem(file, line, message));
    }
}

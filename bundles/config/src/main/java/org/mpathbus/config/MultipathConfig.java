package org.mpathbus.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** One immutable, consistent reading of the multipath configuration. Thread-safe. */
@ProviderType
public interface MultipathConfig {

    /** Increases by one with every successful reload; 0 is the built-in configuration used before any load. */
    long generation();

    /** The files that were read, in the order multipath-tools reads them (multipath.conf, then config_dir/*.conf). */
    List<String> configFiles();

    /**
     * The config_dir whose *.conf files were read (the one multipath.conf names, else the configured one),
     * where {@link ConfigEditor#DROP_IN_NAME} is written.
     */
    default java.nio.file.Path configDir() {
        return java.nio.file.Path.of("/etc/multipath/conf.d");
    }

    /** Warnings of this load, each with file and line (unknown keywords, invalid values that were ignored). */
    List<ConfigProblem> warnings();

    /**
     * The defaults section over the built-in defaults: every keyword multipath-tools knows a default for,
     * with its origin ({@link Origin#DEFAULTS} or {@link Origin#BUILTIN}).
     */
    EffectiveSettings defaults();

    /**
     * The settings that apply to one path and the map it belongs to, with multipath-tools' precedence:
     * multipaths (by WWID; map attributes only) over overrides over devices (every matching entry, the last
     * one defined winning per attribute) over defaults over built-in defaults.
     */
    EffectiveSettings settingsFor(PathDescription path);

    /**
     * Whether multipath-tools would ignore this path, and by which rule or exception: criteria in the order
     * devnode, property, device, protocol, wwid, as multipath and multipathd apply them.
     */
    BlacklistVerdict blacklisted(PathDescription path);

    /**
     * Whether multipath-tools would make this path part of a map: it is not blacklisted and find_multipaths
     * allows it. off and greedy take every such path; strict only the WWIDs listed in the wwids file (a
     * multipaths section entry is not enough); on and smart also a WWID that at least two such paths share.
     *
     * @param pathsWithSameWwid how many paths that are not blacklisted share this path's WWID, itself included
     */
    boolean admits(PathDescription path, int pathsWithSameWwid);

    /** The blacklist: the configured rules first, then multipath-tools' built-in ones, in evaluation order. */
    List<BlacklistRule> blacklist();

    /** The blacklist exceptions, configured ones first, then built-in. */
    List<BlacklistRule> blacklistExceptions();

    /** The devices section: the built-in hardware table merged with the configured entries, as `multipath -t` lists it. */
    List<DeviceEntry> devices();

    /** The multipaths section. */
    List<MultipathEntry> multipaths();

    /** The overrides section (keyword to value). */
    Map<String, String> overrides();

    /**
     * The protocol subsections of overrides: protocol type (such as "scsi:fcp") to keyword and value. For a
     * path of that protocol they outweigh the rest of overrides for fast_io_fail_tmo, dev_loss_tmo and
     * eh_deadline.
     */
    Map<String, Map<String, String>> protocolOverrides();

    /**
     * The name multipath-tools gives the map of this WWID: the multipaths section's alias, else (when
     * user_friendly_names applies to it) its binding in the bindings file; empty when the map is named by
     * its WWID. Never allocates a new binding.
     */
    Optional<String> aliasFor(String wwid);

    /** The bindings file: alias to WWID, in file order. */
    Map<String, String> bindings();

    /** The WWIDs listed in the wwids file. */
    Set<String> knownWwids();
}

package org.mpathbus.config;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.mpathbus.api.Path;

/**
 * What multipath-tools looks at when it selects settings for a path and filters it through the blacklist.
 *
 * @param devnode the kernel name, such as "sdb"
 * @param wwid the path's WWID, "" when unknown
 * @param vendor SCSI vendor, "" when unknown
 * @param product SCSI product, "" when unknown
 * @param revision SCSI revision, "" when unknown
 * @param protocol the protocol as multipath-tools names it ("scsi:fcp", "scsi:iscsi", "nvme:tcp", "undef" ...)
 * @param udevProperties the names of the device's udev properties; empty when not known, in which case the
 *        property criterion is skipped (as multipath-tools does without a udev device)
 */
public record PathDescription(String devnode, String wwid, String vendor, String product, String revision,
        String protocol, Optional<Set<String>> udevProperties) {

    public PathDescription {
        Objects.requireNonNull(devnode, "devnode");
        Objects.requireNonNull(wwid, "wwid");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(protocol, "protocol");
        udevProperties = udevProperties.map(Set::copyOf);
    }

    /** A path known by name and identity only. */
    public static PathDescription of(String devnode, String wwid, String vendor, String product) {
        return new PathDescription(devnode, wwid, vendor, product, "", "undef", Optional.empty());
    }

    /** The description of a model path; udev properties are not part of the model, so they count as unknown. */
    public static PathDescription of(Path path) {
        String wwid = path.wwid().isEmpty() ? path.mapWwid() : path.wwid();
        return new PathDescription(path.name(), wwid, path.identity().vendor(), path.identity().product(),
                path.identity().revision(), protocolName(path.transport().protocol()), Optional.empty());
    }

    /** The same path with its udev property names known. */
    public PathDescription withUdevProperties(Set<String> names) {
        return new PathDescription(devnode, wwid, vendor, product, revision, protocol, Optional.of(names));
    }

    /** Maps the model's transport names ("fc", "iscsi", "sas" ...) to multipath-tools' protocol strings. */
    static String protocolName(String transport) {
        if (transport.contains(":")) {
            return transport;
        }
        return switch (transport) {
            case "fc" -> "scsi:fcp";
            case "iscsi", "sas", "spi", "ssa", "sbp", "srp", "adt", "ata" -> "scsi:" + transport;
            case "scsi" -> "scsi:unspec";
            case "nvme" -> "nvme:unspec";
            case "ccw", "cciss" -> transport;
            default -> "undef";
        };
    }
}

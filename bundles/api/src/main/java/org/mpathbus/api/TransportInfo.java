package org.mpathbus.api;

import java.util.Objects;

/**
 * How a path reaches its device. Empty strings where an attribute does not apply (no WWNs on SAS or
 * iSCSI, for example).
 *
 * @param protocol "fc", "iscsi", "sas", "nvme", "spi", "scsi" ... as multipath-tools names it, or "undef"
 * @param hostAdapter the PCI address of the host adapter, such as "0000:3b:00.0"
 */
public record TransportInfo(String protocol, String hostWwnn, String hostWwpn, String targetWwnn, String targetWwpn,
        String hostAdapter) {

    public static final TransportInfo UNDEF = new TransportInfo("undef", "", "", "", "", "");

    public TransportInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(hostWwnn, "hostWwnn");
        Objects.requireNonNull(hostWwpn, "hostWwpn");
        Objects.requireNonNull(targetWwnn, "targetWwnn");
        Objects.requireNonNull(targetWwpn, "targetWwpn");
        Objects.requireNonNull(hostAdapter, "hostAdapter");
    }
}

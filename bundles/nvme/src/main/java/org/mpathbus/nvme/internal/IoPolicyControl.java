package org.mpathbus.nvme.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.mpathbus.api.MapKind;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Topology;
import org.mpathbus.exporter.dbus.spi.BusCall;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.BusInterface;
import org.mpathbus.exporter.dbus.spi.BusReply;
import org.mpathbus.exporter.dbus.spi.CallerText;
import org.mpathbus.exporter.dbus.spi.ExportedObjects;
import org.mpathbus.exporter.dbus.spi.ObjectType;

/**
 * org.mpathbus.Multipath1.NvmeControl on every map object: SetIoPolicy writes the NVMe subsystem's iopolicy
 * in sysfs, the one write the kernel offers for native multipath, authorized by the exporter with polkit as
 * manage-maps like the other map writes. It replies once the exported map shows the new policy (the source's
 * next poll), so a caller that reads after the reply reads the effect.
 */
final class IoPolicyControl implements BusInterface {

    static final String NAME = "org.mpathbus.Multipath1.NvmeControl";
    static final String SET_IO_POLICY = "SetIoPolicy";
    static final String ACTION = "org.mpathbus.multipath1.manage-maps";
    /** What kernels accept (queue-depth since 6.11; an older kernel refuses it, and says so). */
    static final List<String> POLICIES = List.of("numa", "round-robin", "queue-depth");
    private static final Pattern SUBSYSTEM = Pattern.compile("nvme-subsys\\d+");

    private final ExportedObjects exported;
    private final Path subsystems;
    private final String introspection;

    IoPolicyControl(ExportedObjects exported, Path sysfsRoot, String introspection) {
        this.exported = exported;
        this.subsystems = sysfsRoot.resolve("class/nvme-subsystem");
        this.introspection = introspection;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectType objectType() {
        return ObjectType.MAP;
    }

    @Override
    public String introspection() {
        return introspection;
    }

    @Override
    public String action(String member) {
        return SET_IO_POLICY.equals(member) ? ACTION : null;
    }

    @Override
    public BusReply call(BusCall call) throws BusError, InterruptedException {
        String policy = String.valueOf(call.arguments().get(0));
        if (!POLICIES.contains(policy)) {
            throw new BusError(BusError.INVALID_ARGS, "iopolicy must be one of " + POLICIES + ", not "
                    + CallerText.quote(policy));
        }
        refuseUnknownOptions(call.options());
        MultipathMap map = exported.map(call.topology(), call.objectPath())
                .orElseThrow(() -> new BusError(BusError.NOT_FOUND, "no map " + call.objectPath()));
        if (map.kind() != MapKind.NVME) {
            throw new BusError(BusError.INVALID_ARGS, map.name() + " is a dm-multipath map: its path selector is"
                    + " multipath.conf's (path_selector), not an NVMe iopolicy");
        }
        String subsystem = map.subsystem().name();
        if (!SUBSYSTEM.matcher(subsystem).matches()) {
            throw new BusError(BusError.FAILED, map.name() + " names no NVMe subsystem");
        }
        try {
            Files.write(subsystems.resolve(subsystem).resolve("iopolicy"), policy.getBytes(StandardCharsets.US_ASCII),
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new BusError(BusError.FAILED, "the kernel refused iopolicy " + policy + " for " + subsystem + ": "
                    + e.getMessage());
        }
        Optional<Topology> shown = exported.awaitExported(topology -> topology.maps().values().stream()
                .anyMatch(m -> m.subsystem().name().equals(subsystem) && m.subsystem().iopolicy().equals(policy)),
                call.remaining());
        if (shown.isEmpty()) {
            throw new BusError(BusError.TIMEOUT, "the kernel took iopolicy " + policy + " for " + subsystem
                    + ", but the map did not show it within the call's timeout");
        }
        return BusReply.EMPTY;
    }

    /** The exporter checks timeout and auth.no_user_interaction and keeps the call's deadline; others are typos. */
    private static void refuseUnknownOptions(Map<String, Object> options) throws BusError {
        for (String option : options.keySet()) {
            if (!option.equals("timeout") && !option.equals("auth.no_user_interaction")) {
                throw new BusError(BusError.INVALID_ARGS, "unknown option " + CallerText.quote(option)
                        + " (known: timeout, auth.no_user_interaction)");
            }
        }
    }
}

package org.mpathbus.core.internal.checks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** Reads a SCSI device's command timeout from /sys/block/NAME/device/timeout (seconds). */
public final class SysfsDeviceTimeout implements Function<org.mpathbus.api.Path, Optional<Duration>> {

    private final Path sysBlock;

    public SysfsDeviceTimeout(Path sysBlock) {
        this.sysBlock = sysBlock;
    }

    public SysfsDeviceTimeout() {
        this(Path.of("/sys/block"));
    }

    @Override
    public Optional<Duration> apply(org.mpathbus.api.Path path) {
        Path file = sysBlock.resolve(path.name()).resolve("device").resolve("timeout");
        try {
            long seconds = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            // Not a SCSI device, or not a real one (simulator): the caller falls back to 30 s.
            return Optional.empty();
        }
    }
}

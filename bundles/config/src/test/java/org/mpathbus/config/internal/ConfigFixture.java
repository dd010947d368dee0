package org.mpathbus.config.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a configuration text from a temporary directory. */
final class ConfigFixture {

    private ConfigFixture() {
    }

    static ConfigSnapshot load(Path dir, String multipathConf) throws ConfigSyntaxException {
        return load(dir, multipathConf, "");
    }

    static ConfigSnapshot load(Path dir, String multipathConf, String bindings) throws ConfigSyntaxException {
        return load(dir, multipathConf, bindings, "");
    }

    static ConfigSnapshot load(Path dir, String multipathConf, String bindings, String wwids)
            throws ConfigSyntaxException {
        try {
            Files.writeString(dir.resolve("multipath.conf"), multipathConf);
            Files.writeString(dir.resolve("bindings"), bindings);
            Files.writeString(dir.resolve("wwids"), wwids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ConfigLoader.load(new ConfigLoader.Locations(dir.resolve("multipath.conf"), dir.resolve("conf.d"),
                dir.resolve("bindings"), dir.resolve("wwids")));
    }
}

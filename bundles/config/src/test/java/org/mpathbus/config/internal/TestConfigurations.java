package org.mpathbus.config.internal;

import java.lang.annotation.Annotation;
import java.nio.file.Path;

/**
 * The real multipath.conf reader on files of a test's directory, reloaded only when asked. Shared with the
 * tests of the bundles that consume the configuration (shell, exporter-dbus) through this module's test-jar.
 */
public final class TestConfigurations {

    private TestConfigurations() {
    }

    /** Reads dir/multipath.conf, dir/conf.d, dir/bindings and dir/wwids. */
    public static MultipathConfigurationComponent readerIn(Path dir) {
        return new MultipathConfigurationComponent(settingsIn(dir));
    }

    /** Settings naming dir/multipath.conf, dir/conf.d, dir/bindings and dir/wwids, with no periodic check. */
    public static MultipathConfigurationSettings settingsIn(Path dir) {
        return new MultipathConfigurationSettings() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MultipathConfigurationSettings.class;
            }

            @Override
            public String config__file() {
                return dir.resolve("multipath.conf").toString();
            }

            @Override
            public String config__dir() {
                return dir.resolve("conf.d").toString();
            }

            @Override
            public String bindings__file() {
                return dir.resolve("bindings").toString();
            }

            @Override
            public String wwids__file() {
                return dir.resolve("wwids").toString();
            }

            @Override
            public int reload__check__interval() {
                return 0;
            }
        };
    }
}

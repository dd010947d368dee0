package org.mpathbus.shell.internal;

import java.lang.annotation.Annotation;
import java.nio.file.Path;

import org.mpathbus.config.internal.MultipathConfigurationComponent;
import org.mpathbus.config.internal.MultipathConfigurationSettings;

/** The configuration bundle's real reader on files of a test's directory, reloaded only when asked. */
final class MultipathConfReader {

    private MultipathConfReader() {
    }

    /** Reads dir/multipath.conf, dir/conf.d, dir/bindings and dir/wwids. */
    static MultipathConfigurationComponent in(Path dir) {
        return new MultipathConfigurationComponent(new MultipathConfigurationSettings() {
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
        });
    }
}

package org.mpathbus.shell.internal;

import java.util.function.Function;

import org.mpathbus.api.Path;
import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.BlacklistVerdict;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathConfiguration;
import org.mpathbus.config.PathDescription;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The blacklist column of mpath:paths. Like the mpath:config command (ConfigCommand, ConfiguredPath, ConfigReport),
 * the only other users of the configuration bundle's types, it exists while that bundle's service does.
 */
@Component(service = BlacklistLookup.class)
public final class MultipathConfigBlacklist implements BlacklistLookup {

    private final MultipathConfiguration configuration;

    @Activate
    public MultipathConfigBlacklist(@Reference(name = "configuration") MultipathConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public Function<Path, String> forCurrentConfiguration() {
        MultipathConfig config = configuration.current();
        return path -> blacklistedBy(config.blacklisted(PathDescription.of(path)));
    }

    /** 'devnode "^sda$" (/etc/multipath.conf:7)', multipath's own words where no single rule decides, or "". */
    static String blacklistedBy(BlacklistVerdict verdict) {
        if (!verdict.blacklisted()) {
            return "";
        }
        return verdict.rule().map(BlacklistRule::toString).orElse(verdict.reason());
    }
}

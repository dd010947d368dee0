package org.mpathbus.itests.checker;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.api.spi.PathChecker;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The whole of a checker bundle that CheckerHotSwapIT builds while the test runs: it registers itself as
 * the checker {@value #NAME} and finds every path up.
 */
public final class AlwaysUpChecker implements PathChecker, BundleActivator {

    public static final String NAME = "itest-up";

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(PathChecker.CHECKER_NAME, NAME);
        context.registerService(PathChecker.class, this, properties);
    }

    @Override
    public void stop(BundleContext context) {
        // The framework unregisters the service with the bundle.
    }

    @Override
    public CheckResult check(Path path, Duration timeout) {
        return CheckResult.of(CheckerState.UP, NAME + ": always up");
    }
}

package org.mpathbus.itests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.mpathbus.itests.checker.AlwaysUpChecker;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.Constants;

/** Checker bundles made on the fly with TinyBundles: one class and a hand-written manifest. */
final class CheckerBundles {

    static final String SYMBOLIC_NAME = "org.mpathbus.itests.checker";

    private CheckerBundles() {
    }

    /** Writes the bundle of {@link AlwaysUpChecker} to {@code jar}. */
    static Path writeAlwaysUp(Path jar) throws IOException {
        try (InputStream bundle = TinyBundles.bundle()
                .addClass(AlwaysUpChecker.class)
                .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                .setHeader(Constants.BUNDLE_SYMBOLICNAME, SYMBOLIC_NAME)
                .setHeader(Constants.BUNDLE_VERSION, "1.0.0")
                .setHeader(Constants.BUNDLE_ACTIVATOR, AlwaysUpChecker.class.getName())
                .setHeader(Constants.IMPORT_PACKAGE, "org.mpathbus.api;version=\"[1,2)\","
                        + "org.mpathbus.api.spi;version=\"[1,2)\",org.osgi.framework;version=\"[1.8,2)\"")
                .build(TinyBundles.rawBuilder())) {
            Files.copy(bundle, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        return jar;
    }
}

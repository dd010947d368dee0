package org.mpathbus.devmapper.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.mpathbus.api.SourceState;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.api.spi.SourceListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The kernel's device-mapper multipath maps as a {@link MultipathSource}. Passive until watched: the
 * component only opens /dev/mapper/control when the engine reads or watches it, so it can be installed
 * on machines without device-mapper.
 */
@Component(service = MultipathSource.class, configurationPid = DevmapperSource.PID,
        property = MultipathSource.SOURCE_NAME + "=" + MultipathSource.DEVMAPPER)
@Designate(ocd = DevmapperConfiguration.class)
public final class DevmapperSource implements MultipathSource {

    public static final String PID = "org.mpathbus.devmapper";
    /** udev's database, where multipath-tools finds a path's WWID (ID_SERIAL) */
    private static final String UDEV_DATA = "/run/udev/data";

    private final Sysfs sysfs;
    private final java.nio.file.Path control;
    private final DmControlFactory controls;
    private final Duration reconcileInterval;
    private final Set<EventLoop> watchers = ConcurrentHashMap.newKeySet();

    @Activate
    public DevmapperSource(DevmapperConfiguration config) {
        this(Paths.get(config.sysfs__root()), config.dev__root() + "/mapper/control",
                Duration.ofSeconds(Math.max(1, config.reconcile__interval())));
    }

    /** For callers outside OSGi, such as the lab's driver. */
    public DevmapperSource(java.nio.file.Path sysfsRoot, String controlPath, Duration reconcileInterval) {
        this(new Sysfs(sysfsRoot, Paths.get(UDEV_DATA)), Paths.get(controlPath), () -> DmIoctl.open(controlPath),
                reconcileInterval);
    }

    DevmapperSource(Sysfs sysfs, java.nio.file.Path control, DmControlFactory controls, Duration reconcileInterval) {
        this.sysfs = sysfs;
        this.control = control;
        this.controls = controls;
        this.reconcileInterval = reconcileInterval;
    }

    /** The control node exists and the daemon may open it for writing, as the ioctls need (root). */
    @Override
    public boolean runsHere() {
        return Files.isWritable(control);
    }

    @Override
    public SourceState read() throws IOException {
        try (DmControl dm = controls.open()) {
            return new StateReader(sysfs).read(dm, true);
        }
    }

    @Override
    public AutoCloseable watch(SourceListener listener) {
        EventLoop loop = new EventLoop(controls, sysfs, listener, reconcileInterval);
        watchers.add(loop);
        loop.start();
        return () -> {
            watchers.remove(loop);
            loop.close();
        };
    }

    @Deactivate
    void deactivate() {
        for (EventLoop loop : watchers) {
            loop.close();
        }
        watchers.clear();
    }
}

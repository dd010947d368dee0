package org.mpathbus.exporter.dbus.control.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mpathbus.api.control.MultipathControl;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.osgi.framework.Constants;

/**
 * The MultipathControl services there are, by the source they act on ({@value MultipathControl#SOURCE_NAME});
 * a call uses the one whose source is the snapshot's. Controls come and go at any time.
 */
final class Controls {

    private record Bound(MultipathControl control, String source, int ranking) {
    }

    private final List<Bound> bound = new CopyOnWriteArrayList<>();

    void add(MultipathControl control, Map<String, ?> properties) {
        Object source = properties.get(MultipathControl.SOURCE_NAME);
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        bound.add(new Bound(control, source == null ? "" : source.toString(),
                ranking instanceof Integer value ? value : 0));
    }

    void remove(MultipathControl control) {
        bound.removeIf(b -> b.control() == control);
    }

    /**
     * The control of {@code source}, the highest ranked of those that name it; FAILED saying what there is
     * when none does.
     */
    MultipathControl forSource(String source) throws BusError {
        Bound best = null;
        TreeSet<String> others = new TreeSet<>();
        for (Bound b : bound) {
            if (b.source().equals(source)) {
                if (best == null || b.ranking() > best.ranking()) {
                    best = b;
                }
                continue;
            }
            others.add(b.source().isEmpty() ? "(no " + MultipathControl.SOURCE_NAME + ")" : b.source());
        }
        if (best != null) {
            return best.control();
        }
        throw new BusError(BusError.FAILED, "no control for source " + source + ": "
                + (others.isEmpty() ? "no MultipathControl service is installed"
                        : "the controls installed act on " + String.join(", ", others)));
    }

    /** Who carries out a source's changes, for messages: multipathd for device-mapper. */
    static String owner(String source) {
        if (Objects.equals(source, MultipathSource.DEVMAPPER)) {
            return "multipathd";
        }
        return Objects.equals(source, MultipathSource.SIMULATOR) ? "the simulator" : "source " + source;
    }
}

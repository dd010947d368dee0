package org.mpathbus.api.control;

import java.time.Duration;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Operations on maps and paths, carried out by whoever owns them: multipathd on a real machine (it would
 * undo a change made behind its back), the simulator elsewhere. Each implementation registers with the
 * service property {@value #SOURCE_NAME} naming the source whose maps it acts on (the same value as that
 * {@link org.mpathbus.api.spi.MultipathSource}'s), so a caller uses the control whose name equals
 * {@link org.mpathbus.api.Topology#source()}.
 *
 * <p>Every call blocks until the owner answered or {@code timeout} passed, and never throws for what the owner
 * said: the answer is an {@link Outcome}, with the owner's own words. An answer of "timeout" (multipathd could
 * not take its lock in time) is retried until {@code timeout} passes. An {@link Outcome.Kind#OK} means the
 * owner did it; the change reaches the topology through the source as every other change does.
 *
 * <p>Maps and paths are named by the snapshot's objects; a path to add is named by its kernel name, since it
 * is in no map yet. Thread-safe; calls may run concurrently (the owner orders them).
 */
@ProviderType
public interface MultipathControl {

    /** Service property naming the source whose maps this control acts on. */
    String SOURCE_NAME = "source.name";

    /** Fails the path in its map, as {@code multipathd fail path}. */
    Outcome failPath(Path path, Duration timeout);

    /** Reinstates a failed path, as {@code multipathd reinstate path}. */
    Outcome reinstatePath(Path path, Duration timeout);

    /** Takes the path out of its map and out of the owner's care, as {@code multipathd del path}. */
    Outcome removePath(Path path, Duration timeout);

    /**
     * Has the owner take the block device {@code device} (a kernel name such as "sdb") as a path and put it in
     * its map, as {@code multipathd add path}; the map is made when the device is its first path.
     */
    Outcome addPath(String device, Duration timeout);

    /**
     * Removes the map, as {@code multipathd del map} ({@code multipath -f}); {@link Outcome.Kind#IN_USE} while
     * it is open or has holders.
     */
    Outcome flushMap(MultipathMap map, Duration timeout);

    /** Has the owner re-read the size of the map's paths and resize the map, as {@code multipathd resize map}. */
    Outcome resizeMap(MultipathMap map, Duration timeout);

    /**
     * Makes {@code group} (1-based, as {@link org.mpathbus.api.PathGroup#index()} and device-mapper count) the
     * map's next group, as {@code multipathd switchgroup map}.
     */
    Outcome switchGroup(MultipathMap map, int group, Duration timeout);

    /**
     * With {@code queueing} false, fails I/O at once while no path is usable ({@code multipathd
     * disablequeueing map}); with true, restores the map's configured queueing ({@code restorequeueing}).
     */
    Outcome setQueueing(MultipathMap map, boolean queueing, Duration timeout);

    /** Has the owner re-read its configuration and rebuild its maps, as {@code multipathd reconfigure}. */
    Outcome reconfigure(Duration timeout);

    /**
     * Records {@code wwid} in the WWIDs file as {@code multipath -a} does (same format, same lock), so a
     * find_multipaths setup makes a map of it.
     */
    Outcome addWwid(String wwid, Duration timeout);

    /** Removes {@code wwid} from the WWIDs file as {@code multipath -w} does. */
    Outcome forgetWwid(String wwid, Duration timeout);
}

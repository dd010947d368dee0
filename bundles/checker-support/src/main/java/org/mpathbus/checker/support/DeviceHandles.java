package org.mpathbus.checker.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Path;

/**
 * One open device per path, reused from check to check, as multipathd keeps one fd per path.
 *
 * <p>Keyed by the path's kernel name; a path whose device number changed (the name now denotes another
 * device) gets its old device closed and a new one opened. A device is closed only when no check is using
 * it, so {@link #release} or {@link #closeAll} racing a running check can never close a file descriptor
 * under it (the number could otherwise be reused by an unrelated open). Opening runs without the lock:
 * opening a disk can wait for the host's error handling, and must not hold up other paths.
 */
public final class DeviceHandles<D> {

    private final DeviceOpener<D> opener;
    private final Map<String, Handle<D>> byPathName = new HashMap<>();
    private boolean closed;

    public DeviceHandles(DeviceOpener<D> opener) {
        this.opener = opener;
    }

    /** The path's device, opened on first use; close the lease when the check is done. */
    public Lease<D> acquire(Path path) throws ErrnoException {
        Handle<D> handle;
        D stale;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("checker is stopping; no new check of " + path.name());
            }
            Handle<D> current = byPathName.get(path.name());
            if (current != null && current.number.equals(path.deviceNumber()) && current.device != null) {
                current.users++;
                return new Lease<>(this, path.name(), current);
            }
            stale = current == null ? null : retire(path.name(), current);
            handle = new Handle<>(path.deviceNumber());
            handle.users = 1;
            byPathName.put(path.name(), handle);
        }
        closeQuietly(stale);
        D device;
        try {
            device = opener.open(path);
        } catch (ErrnoException | RuntimeException e) {
            synchronized (this) {
                handle.users--;
                byPathName.remove(path.name(), handle);
            }
            throw e;
        }
        synchronized (this) {
            handle.device = device;
        }
        return new Lease<>(this, path.name(), handle);
    }

    /** Closes the path's device now, or when its running check ends. */
    public void release(String pathName) {
        D toClose;
        synchronized (this) {
            Handle<D> handle = byPathName.get(pathName);
            toClose = handle == null ? null : retire(pathName, handle);
        }
        closeQuietly(toClose);
    }

    /** Closes every device (those in use when their check ends) and refuses new checks. */
    public void closeAll() {
        List<D> toClose = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Map.Entry<String, Handle<D>> entry : List.copyOf(byPathName.entrySet())) {
                D device = retire(entry.getKey(), entry.getValue());
                if (device != null) {
                    toClose.add(device);
                }
            }
        }
        toClose.forEach(this::closeQuietly);
    }

    /** How many paths have a device open or opening (for tests and diagnostics). */
    public synchronized int size() {
        return byPathName.size();
    }

    public boolean exists(Path path) {
        return opener.exists(path);
    }

    /** Unmaps the handle; returns its device if nobody uses it, so the caller closes it outside the lock. */
    private D retire(String pathName, Handle<D> handle) {
        byPathName.remove(pathName, handle);
        handle.retired = true;
        return handle.users == 0 ? handle.device : null;
    }

    private void endUse(Handle<D> handle) {
        D toClose = null;
        synchronized (this) {
            handle.users--;
            if (handle.retired && handle.users == 0) {
                toClose = handle.device;
            }
        }
        closeQuietly(toClose);
    }

    private void invalidate(String pathName, Handle<D> handle) {
        synchronized (this) {
            byPathName.remove(pathName, handle);
            handle.retired = true;
        }
    }

    private void closeQuietly(D device) {
        if (device != null) {
            opener.close(device);
        }
    }

    private static final class Handle<D> {
        final DeviceNumber number;
        D device;
        int users;
        boolean retired;

        Handle(DeviceNumber number) {
            this.number = number;
        }
    }

    /** One check's use of a device. */
    public static final class Lease<D> implements AutoCloseable {
        private final DeviceHandles<D> owner;
        private final String pathName;
        private final Handle<D> handle;
        private boolean ended;

        private Lease(DeviceHandles<D> owner, String pathName, Handle<D> handle) {
            this.owner = owner;
            this.pathName = pathName;
            this.handle = handle;
        }

        public D device() {
            return handle.device;
        }

        /** The device is unusable (gone, or its fd went bad): the next check opens it again. */
        public void invalidate() {
            owner.invalidate(pathName, handle);
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                owner.endUse(handle);
            }
        }
    }
}

package org.mpathbus.devmapper.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.mpathbus.api.DeviceNumber;

/** An in-memory device-mapper: devices with table and status text, event numbers and a poll queue. */
final class FakeDm implements DmControl {

    /** One dm device as the fake kernel holds it. */
    static final class Device {
        final String name;
        final String uuid;
        final DeviceNumber number;
        String type = DmTargets.MULTIPATH_TARGET;
        String table;
        String status;
        long events;
        boolean vanishOnRead;

        Device(String name, String uuid, DeviceNumber number, String table, String status) {
            this.name = name;
            this.uuid = uuid;
            this.number = number;
            this.table = table;
            this.status = status;
        }
    }

    final Map<DeviceNumber, Device> devices = new LinkedHashMap<>();
    final AtomicInteger statusReads = new AtomicInteger();
    final AtomicInteger tableReads = new AtomicInteger();
    final AtomicInteger arms = new AtomicInteger();
    private final LinkedBlockingQueue<Boolean> wakeUps = new LinkedBlockingQueue<>();

    Device add(String name, String uuid, DeviceNumber number, String table, String status) {
        Device device = new Device(name, uuid, number, table, status);
        devices.put(number, device);
        return device;
    }

    /** A dm event: the device's counter grows and a waiting poll returns. */
    void event(Device device) {
        device.events++;
        wakeUps.add(Boolean.TRUE);
    }

    @Override
    public int[] version() {
        return new int[] {4, 47, 0};
    }

    @Override
    public synchronized List<DmDevice> listDevices() {
        List<DmDevice> list = new ArrayList<>();
        for (Device d : devices.values()) {
            list.add(new DmDevice(d.name, d.number, d.events, d.uuid));
        }
        return list;
    }

    @Override
    public synchronized Optional<DmTargets> readTargets(DeviceNumber number, boolean table) {
        (table ? tableReads : statusReads).incrementAndGet();
        Device d = devices.get(number);
        if (d == null || d.vanishOnRead) {
            return Optional.empty();
        }
        return Optional.of(new DmTargets(d.name, d.uuid, d.number, d.events, 0,
                List.of(new DmTargets.Target(0, 32768, d.type, table ? d.table : d.status))));
    }

    @Override
    public void armPoll() {
        arms.incrementAndGet();
    }

    @Override
    public boolean awaitEvent(long timeoutMillis) throws IOException {
        try {
            Boolean woke = wakeUps.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            return woke != null && woke;
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void wakeUp() {
        wakeUps.add(Boolean.FALSE);
    }

    @Override
    public void close() {
    }
}

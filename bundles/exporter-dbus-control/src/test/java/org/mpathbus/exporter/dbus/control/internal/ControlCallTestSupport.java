package org.mpathbus.exporter.dbus.control.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.mpathbus.api.Topology;
import org.mpathbus.exporter.dbus.spi.BusCall;
import org.mpathbus.exporter.dbus.spi.Caller;
import org.mpathbus.testing.RecordingControl;

/** A simulator SAN exported by a {@link FakeExport}, with a {@link RecordingControl} for its source. */
abstract class ControlCallTestSupport {

    final FakeExport export = new FakeExport(San.initial("simulator"));
    final RecordingControl control = new RecordingControl();
    final Controls controls = new Controls();
    final ExecutorService rereads = Executors.newCachedThreadPool();
    final Changes changes = new Changes(controls, new EffectWait(export, export, rereads));

    ControlCallTestSupport() {
        controls.add(control, Map.of("source.name", "simulator"));
    }

    @After
    public void stopRereads() throws InterruptedException {
        rereads.shutdownNow();
        rereads.awaitTermination(5, TimeUnit.SECONDS);
    }

    BusCall call(String objectPath, String member, List<Object> arguments, Map<String, Object> options) {
        // The deadline as the exporter sets it: the call's timeout (default 30 s) from its arrival, now
        Object timeout = options.get("timeout");
        long nanos = timeout instanceof Number seconds ? Math.round(seconds.doubleValue() * 1e9)
                : BusCall.DEFAULT_TIMEOUT.toNanos();
        return new BusCall(objectPath, member, arguments, options, new Caller(":1.7", 0, 4242), export.topology(),
                System.nanoTime() + nanos);
    }

    /** Has the owner's change reach the exported objects a little after it answered, as a source reports it. */
    void exportLater(Topology changed) {
        control.onCall = () -> {
            Thread report = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                export.publish(changed);
            });
            report.start();
        };
    }
}

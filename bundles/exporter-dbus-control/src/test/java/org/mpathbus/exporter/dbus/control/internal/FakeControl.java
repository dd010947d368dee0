package org.mpathbus.exporter.dbus.control.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.control.MultipathControl;
import org.mpathbus.api.control.Outcome;

/**
 * A MultipathControl that records what it was asked (as "failPath sda", with the time it was given) and
 * answers with {@link #answer}; {@link #onCall} stands for the owner making the change.
 */
final class FakeControl implements MultipathControl {

    record Request(String what, Duration timeout) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile Outcome answer = Outcome.ok();
    /** Run after recording each request, before answering. */
    volatile Runnable onCall = () -> { };

    private Outcome answer(String what, Duration timeout) {
        requests.add(new Request(what, timeout));
        onCall.run();
        return answer;
    }

    @Override
    public Outcome failPath(Path path, Duration timeout) {
        return answer("failPath " + path.name(), timeout);
    }

    @Override
    public Outcome reinstatePath(Path path, Duration timeout) {
        return answer("reinstatePath " + path.name(), timeout);
    }

    @Override
    public Outcome removePath(Path path, Duration timeout) {
        return answer("removePath " + path.name(), timeout);
    }

    @Override
    public Outcome addPath(String device, Duration timeout) {
        return answer("addPath " + device, timeout);
    }

    @Override
    public Outcome flushMap(MultipathMap map, Duration timeout) {
        return answer("flushMap " + map.name(), timeout);
    }

    @Override
    public Outcome resizeMap(MultipathMap map, Duration timeout) {
        return answer("resizeMap " + map.name(), timeout);
    }

    @Override
    public Outcome switchGroup(MultipathMap map, int group, Duration timeout) {
        return answer("switchGroup " + map.name() + " " + group, timeout);
    }

    @Override
    public Outcome setQueueing(MultipathMap map, boolean queueing, Duration timeout) {
        return answer("setQueueing " + map.name() + " " + queueing, timeout);
    }

    @Override
    public Outcome reconfigure(Duration timeout) {
        return answer("reconfigure", timeout);
    }

    @Override
    public Outcome addWwid(String wwid, Duration timeout) {
        return answer("addWwid " + wwid, timeout);
    }

    @Override
    public Outcome forgetWwid(String wwid, Duration timeout) {
        return answer("forgetWwid " + wwid, timeout);
    }

    List<String> asked() {
        return requests.stream().map(Request::what).toList();
    }
}

package org.mpathbus.control.multipathd.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.control.MultipathControl;
import org.mpathbus.api.control.Outcome;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.config.MultipathConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The devmapper source's control: every operation is a multipathd command (multipathd owns the maps and
 * would undo a change made behind its back), sent on a connection of its own and bounded by the caller's
 * timeout. A "timeout" reply (multipathd could not take its lock within its uxsock_timeout and did nothing)
 * is sent again while time is left, as os-brick does for resize. A bare "fail", which multipath-tools 0.9.4
 * answers for a missing map or path and for an open map alike, is told apart by asking multipathd whether
 * the map or path is there. The wwids file is ours to write, as multipath -a / -w write it.
 */
@Component(service = MultipathControl.class, configurationPid = MultipathdControl.PID,
        property = MultipathControl.SOURCE_NAME + "=" + MultipathSource.DEVMAPPER)
@Designate(ocd = MultipathdControlConfiguration.class)
public final class MultipathdControl implements MultipathControl {

    static final String PID = "org.mpathbus.control.multipathd";
    /** Between a "timeout" reply and the next try: multipathd already waited its uxsock_timeout. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private static final Logger LOG = System.getLogger(MultipathdControl.class.getName());

    private final MultipathdClient client;
    private final Path defaultWwidsFile;
    private volatile MultipathConfiguration configuration;

    @Activate
    public MultipathdControl(MultipathdControlConfiguration config) {
        this(new MultipathdClient(Endpoint.file(config.socket__path()), Endpoint.abstractName(config.abstract__socket())),
                Path.of(config.wwids__file()));
    }

    MultipathdControl(MultipathdClient client, Path defaultWwidsFile) {
        this.client = client;
        this.defaultWwidsFile = defaultWwidsFile;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConfiguration(MultipathConfiguration value) {
        configuration = value;
    }

    void unbindConfiguration(MultipathConfiguration value) {
        if (configuration == value) {
            configuration = null;
        }
    }

    @Override
    public Outcome failPath(org.mpathbus.api.Path path, Duration timeout) {
        return onPath("fail path", path.name(), timeout);
    }

    @Override
    public Outcome reinstatePath(org.mpathbus.api.Path path, Duration timeout) {
        return onPath("reinstate path", path.name(), timeout);
    }

    @Override
    public Outcome removePath(org.mpathbus.api.Path path, Duration timeout) {
        return onPath("del path", path.name(), timeout);
    }

    @Override
    public Outcome addPath(String device, Duration timeout) {
        return perform("add path", device, timeout,
                (reply, deadline) -> Files.exists(Path.of("/sys/class/block", device))
                        ? new Outcome(Outcome.Kind.REFUSED, reply.message())
                        : new Outcome(Outcome.Kind.NOT_FOUND, reply.message()));
    }

    @Override
    public Outcome flushMap(MultipathMap map, Duration timeout) {
        // 0.9.4's flush fails only for a map that is not there or still open (or has an open partition)
        return onMap("del map", map.name(), "", timeout, Outcome.Kind.IN_USE);
    }

    @Override
    public Outcome resizeMap(MultipathMap map, Duration timeout) {
        return onMap("resize map", map.name(), "", timeout, Outcome.Kind.REFUSED);
    }

    @Override
    public Outcome switchGroup(MultipathMap map, int group, Duration timeout) {
        if (group < 1 || group > map.groups().size()) {
            return new Outcome(Outcome.Kind.NOT_FOUND, map.name() + " has no path group " + group + " (it has "
                    + map.groups().size() + ")");
        }
        return onMap("switchgroup map", map.name(), " group " + group, timeout, Outcome.Kind.REFUSED);
    }

    @Override
    public Outcome setQueueing(MultipathMap map, boolean queueing, Duration timeout) {
        return onMap(queueing ? "restorequeueing map" : "disablequeueing map", map.name(), "", timeout,
                Outcome.Kind.REFUSED);
    }

    /**
     * multipathd 0.9.4 only schedules the reconfigure and answers "ok" at once (cli_reconfigure calls
     * schedule_reconfigure; it is delayed further while paths are still being added): the maps change afterwards.
     */
    @Override
    public Outcome reconfigure(Duration timeout) {
        return perform("reconfigure", Target.NONE, "", "", timeout, (reply, deadline) -> reply.outcome());
    }

    @Override
    public Outcome addWwid(String wwid, Duration timeout) {
        return logged("add wwid", wwid, () -> wwidsFile().add(wwid, Deadline.after(timeout)));
    }

    @Override
    public Outcome forgetWwid(String wwid, Duration timeout) {
        return logged("forget wwid", wwid, () -> wwidsFile().forget(wwid, Deadline.after(timeout)));
    }

    /** multipath.conf's wwids_file when the config bundle runs and it is set, else the configured one. */
    WwidsFile wwidsFile() {
        MultipathConfiguration config = configuration;
        String configured = config == null ? "" : config.current().defaults().value("wwids_file");
        return new WwidsFile(configured.isEmpty() ? defaultWwidsFile : Path.of(configured));
    }

    private Outcome onPath(String verb, String device, Duration timeout) {
        return perform(verb, device, timeout, (reply, deadline) -> explain(reply, deadline, "show paths raw format %d",
                device::equals, Outcome.Kind.REFUSED));
    }

    private Outcome onMap(String verb, String name, String rest, Duration timeout, Outcome.Kind whenPresent) {
        return perform(verb, Target.MAP, name, rest, timeout, (reply, deadline) -> explain(reply, deadline,
                "show maps raw format %n", name::equals, whenPresent));
    }

    /**
     * A bare "fail": NOT_FOUND when multipathd does not list the target, else {@code whenPresent}, keeping
     * multipathd's word; a refusal when the question itself gets no answer in time.
     */
    private Outcome explain(Reply reply, Deadline deadline, String listing, Predicate<String> isTarget,
            Outcome.Kind whenPresent) {
        try {
            Reply list = Reply.of(client.send(listing, deadline));
            if (list.kind() != Reply.Kind.OK && list.kind() != Reply.Kind.REFUSED) {
                return reply.outcome();
            }
            List<String> names = list.message().lines().map(String::strip).toList();
            return new Outcome(names.stream().anyMatch(isTarget) ? whenPresent : Outcome.Kind.NOT_FOUND, reply.message());
        } catch (IOException e) {
            return reply.outcome();
        }
    }

    private interface FailureExplanation {
        Outcome explain(Reply reply, Deadline deadline);
    }

    /** What the command's argument names: it decides how the argument is written as a CLI word. */
    private enum Target {
        NONE, PATH, MAP
    }

    private Outcome perform(String verb, String device, Duration timeout, FailureExplanation onFail) {
        return perform(verb, Target.PATH, device, "", timeout, onFail);
    }

    private Outcome perform(String verb, Target kind, String target, String rest, Duration timeout,
            FailureExplanation onFail) {
        return logged(verb, target + rest, () -> {
            String command;
            try {
                command = switch (kind) {
                    case NONE -> verb;
                    case PATH -> verb + " " + CliWord.ofPath(target) + rest;
                    case MAP -> verb + " " + CliWord.ofMap(target) + rest;
                };
            } catch (CliWord.Unreadable e) {
                return new Outcome(Outcome.Kind.REFUSED, e.getMessage());
            }
            return send(command, Deadline.after(timeout), onFail);
        });
    }

    /** Sends the command, again after each "timeout" reply while time is left. */
    private Outcome send(String command, Deadline deadline, FailureExplanation onFail) {
        int attempts = 0;
        while (true) {
            attempts++;
            Reply reply;
            try {
                reply = Reply.of(client.send(command, deadline));
            } catch (UnixSocket.NoReplyInTime e) {
                return new Outcome(Outcome.Kind.TIMEOUT, "no answer from multipathd to '" + command + "': "
                        + e.getMessage() + (attempts > 1 ? " (" + attempts + " attempts)" : ""));
            } catch (IOException e) {
                return new Outcome(Outcome.Kind.UNAVAILABLE, e.getMessage());
            }
            switch (reply.kind()) {
                case RETRY:
                    if (deadline.remainingMillis() <= RETRY_PAUSE.toMillis()) {
                        return new Outcome(Outcome.Kind.TIMEOUT, reply.message() + " (multipathd, " + attempts
                                + (attempts == 1 ? " attempt" : " attempts") + " in " + deadline.total().toMillis() + " ms)");
                    }
                    if (!pause()) {
                        return new Outcome(Outcome.Kind.TIMEOUT, "interrupted retrying '" + command + "'");
                    }
                    break;
                case FAIL:
                    return onFail.explain(reply, deadline);
                default:
                    return reply.outcome();
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private interface Operation {
        Outcome run();
    }

    /** Every change is logged with its outcome and time; the caller is logged by whoever asked for it. */
    private Outcome logged(String verb, String target, Operation operation) {
        long start = System.nanoTime();
        Outcome outcome = operation.run();
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.log(outcome.isOk() ? Level.INFO : Level.WARNING, "{0} {1}: {2}{3} ({4} ms)", verb, target,
                outcome.kind(), outcome.message().isEmpty() ? "" : " \"" + outcome.message().replace('\n', ' ') + "\"",
                Long.toString(millis));
        return outcome;
    }
}

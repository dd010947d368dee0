package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.internal.MultipathConfigurationComponent;
import org.mpathbus.config.internal.TestConfigurations;

/**
 * The Config object and the paths' Blacklisted property (the engine's verdict each path carries) on a private
 * dbus-daemon, with the real configuration reader on a multipath.conf written by the test: what a reload that applies and one that fails look like to a
 * client (busctl, gdbus, dbus-java), and the object coming and going with the configuration service.
 */
public class DbusConfigExportIT {

    private static final String DEST = ObjectPaths.BUS_NAME;
    private Path dir;
    private Path conf;
    private PrivateBus bus;
    private FakeEngine engine;
    private ExportWriter writer;
    private BusClient client;
    private MultipathConfigurationComponent configuration;
    private MultipathConfigFeed feed;
    private final BlockingQueue<DBusSignal> signals = new LinkedBlockingQueue<>();

    @Before
    public void export() throws Exception {
        Commands.require("busctl", "systemd");
        Commands.require("gdbus", "libglib2.0-bin");
        dir = Files.createTempDirectory("mpathbus-config-export");
        conf = dir.resolve("multipath.conf");
        Files.writeString(conf, """
                defaults {
                	polling_interval 7
                	find_multipaths greedy
                	user_friendly_names yes
                }
                blacklist {
                	devnode "^sda$"
                }
                """);
        configuration = TestConfigurations.readerIn(dir);
        feed = new MultipathConfigFeed(configuration);
        bus = PrivateBus.start();
        engine = new FakeEngine(2, 2);
        engine.blacklist(Map.of("sda", "devnode \"^sda$\" (" + line("\tdevnode \"^sda$\"") + ")"));
        writer = engine.startWriter(bus.address());
        writer.offerConfig(feed.current());
        feed.addChangeListener(() -> writer.offerConfig(feed.current()));
        engine.register(writer::offer);
        client = new BusClient(bus.address());
        client.connection.addSigHandler(Properties.PropertiesChanged.class, signals::add);
        client.connection.addSigHandler(ObjectManager.InterfacesAdded.class, signals::add);
        client.connection.addSigHandler(ObjectManager.InterfacesRemoved.class, signals::add);
        client.awaitName(true, 10_000);
    }

    @After
    public void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (writer != null) {
            writer.stop();
        }
        if (feed != null) {
            feed.deactivate();
        }
        if (bus != null) {
            bus.close();
        }
    }

    private Map<String, Variant<?>> configProperties() throws Exception {
        return client.properties(ObjectPaths.CONFIG).GetAll(ObjectPaths.CONFIG_INTERFACE);
    }

    private String blacklisted(String path) throws Exception {
        return (String) client.properties(ObjectPaths.path(path)).Get(ObjectPaths.PATH_INTERFACE, "Blacklisted");
    }

    @SuppressWarnings("unchecked")
    private <T extends DBusSignal> T next(Class<T> type, String path, Predicate<T> wanted) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            DBusSignal signal = signals.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(signal) && signal.getPath().equals(path) && wanted.test((T) signal)) {
                return (T) signal;
            }
        }
        fail("no " + type.getSimpleName() + " on " + path + " within 10 s");
        return null;
    }

    /** An a(sssss) value as dbus-java decodes it (a list of Object[]), as lists of strings. */
    private static List<List<Object>> rows(Variant<?> value) {
        return ((List<?>) value.getValue()).stream().map(row -> List.of((Object[]) row)).toList();
    }

    private String line(String text) throws Exception {
        List<String> lines = Files.readAllLines(conf);
        return conf + ":" + (lines.indexOf(text) + 1);
    }

    @Test
    public void theConfigObjectShowsTheConfigurationAndEachPathItsBlacklistRule() throws Exception {
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects = client.managedObjects();
        assertTrue(objects.containsKey(new DBusPath(ObjectPaths.CONFIG)));
        Map<String, Variant<?>> config = objects.get(new DBusPath(ObjectPaths.CONFIG)).get(ObjectPaths.CONFIG_INTERFACE);
        assertEquals(InterfaceMembers.documentedPropertyTypes(ObjectPaths.CONFIG_INTERFACE).keySet(),
                new TreeSet<>(config.keySet()));
        assertEquals(new UInt32(7), config.get("PollingInterval").getValue());
        assertEquals(new UInt32(28), config.get("MaxPollingInterval").getValue());
        assertEquals("greedy", config.get("FindMultipaths").getValue());
        assertEquals(true, config.get("UserFriendlyNames").getValue());
        assertEquals("tur", config.get("PathChecker").getValue());
        assertEquals(List.of(conf.toString()), config.get("ConfigFiles").getValue());
        assertEquals("", config.get("LastError").getValue());
        assertEquals("GetManagedObjects (our own marshalling) and Get (dbus-java's) agree on the blacklist",
                rows(configProperties().get("Blacklist")), rows(config.get("Blacklist")));
        assertEquals(List.of("devnode", "^sda$", "", "", line("\tdevnode \"^sda$\"")),
                rows(config.get("Blacklist")).get(0));

        String blacklist = Commands.run("busctl", "--address=" + bus.address(), "get-property", DEST,
                ObjectPaths.CONFIG, ObjectPaths.CONFIG_INTERFACE, "Blacklist").ok().out();
        assertTrue(blacklist, blacklist.startsWith("a(sssss) "));
        assertTrue(blacklist, blacklist.contains("\"devnode\" \"^sda$\" \"\" \"\" \"" + line("\tdevnode \"^sda$\"")
                + "\""));
        assertTrue("the built-in rules follow", blacklist.contains("\"devnode\" \"!^(sd[a-z]|dasd[a-z]|nvme[0-9])\""));

        assertEquals("devnode \"^sda$\" (" + line("\tdevnode \"^sda$\"") + ")", blacklisted("sda"));
        assertEquals("", blacklisted("sdb"));

        String xml = Commands.run("gdbus", "introspect", "--address", bus.address(), "--dest", DEST,
                "--object-path", ObjectPaths.CONFIG, "--xml").ok().out();
        assertEquals(InterfaceMembers.documented(ObjectPaths.CONFIG_INTERFACE),
                InterfaceMembers.of(xml).get(ObjectPaths.CONFIG_INTERFACE));
    }

    @Test
    public void aBrokenFileChangesOnlyLastErrorAndTheFixedFileApplies() throws Exception {
        Files.writeString(conf, """
                defaults {
                	polling_interval 3
                blacklist {
                	devnode "^sdb$"
                }
                """);
        Optional<ConfigProblem> error = configuration.reload();
        assertTrue("the file is broken", error.isPresent());
        Properties.PropertiesChanged failed = next(Properties.PropertiesChanged.class, ObjectPaths.CONFIG,
                s -> s.getPropertiesChanged().containsKey("LastError"));
        String lastError = (String) failed.getPropertiesChanged().get("LastError").getValue();
        assertTrue(lastError, lastError.startsWith(conf + ":"));
        assertEquals("only LastError changed", Map.of("LastError", failed.getPropertiesChanged().get("LastError")),
                failed.getPropertiesChanged());
        assertEquals(new UInt32(7), configProperties().get("PollingInterval").getValue());
        assertEquals("the previous blacklist stays", "", blacklisted("sdb"));

        Files.writeString(conf, """
                defaults {
                	polling_interval 3
                }
                blacklist {
                	devnode "^sdb$"
                }
                """);
        assertFalse(configuration.reload().isPresent());
        feed.configurationChanged(configuration.current(), configuration.current(), List.of());
        engine.blacklist(Map.of("sdb", "devnode \"^sdb$\" (" + line("\tdevnode \"^sdb$\"") + ")"));
        Properties.PropertiesChanged applied = next(Properties.PropertiesChanged.class, ObjectPaths.CONFIG,
                s -> s.getPropertiesChanged().containsKey("PollingInterval"));
        assertEquals(new UInt32(3), applied.getPropertiesChanged().get("PollingInterval").getValue());
        assertEquals("", applied.getPropertiesChanged().get("LastError").getValue());
        Properties.PropertiesChanged sdb = next(Properties.PropertiesChanged.class, ObjectPaths.path("sdb"),
                s -> s.getPropertiesChanged().containsKey("Blacklisted"));
        assertTrue(sdb.getPropertiesChanged().get("Blacklisted").getValue().toString().startsWith("devnode \"^sdb$\""));
        assertEquals("", blacklisted("sda"));
    }

    @Test
    public void theConfigObjectComesAndGoesWithTheConfigurationService() throws Exception {
        writer.offerConfig(null);
        ObjectManager.InterfacesRemoved removed = next(ObjectManager.InterfacesRemoved.class, ObjectPaths.ROOT,
                s -> s.getSignalSource().getPath().equals(ObjectPaths.CONFIG));
        assertEquals(List.of(ObjectPaths.CONFIG_INTERFACE), removed.getInterfaces());
        assertFalse(client.managedObjects().containsKey(new DBusPath(ObjectPaths.CONFIG)));

        writer.offerConfig(feed.current());
        ObjectManager.InterfacesAdded added = next(ObjectManager.InterfacesAdded.class, ObjectPaths.ROOT,
                s -> s.getSignalSource().getPath().equals(ObjectPaths.CONFIG));
        assertEquals(new UInt32(7), added.getInterfaces().get(ObjectPaths.CONFIG_INTERFACE).get("PollingInterval")
                .getValue());
        assertTrue(blacklisted("sda").startsWith("devnode"));
    }
}

package org.mpathbus.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.mpathbus.testing.Await;

/**
 * ConfigControl in bin/mpathbusd on the simulator, on a private bus without polkit (root is allowed, nobody is
 * not), writes enabled and the configuration read from the test's own multipath.conf and conf.d: each change
 * over gdbus shows on the Config object in the very next Get; an invalid value is InvalidArgs with the
 * parser's words and the drop-in unchanged; nobody (uid 65534, setpriv) is refused NotAuthorized and nothing
 * is written; an entry of the admin's own file cannot be removed and the error says where it is.
 */
public class ConfigControlIT {

    private static final String CONFIG = ControlDaemon.ROOT + "/config";
    private static final String ERROR = "org.mpathbus.Multipath1.Error.";
    private static ControlDaemon daemon;
    private static Path multipathConf;
    private static Path dropIn;

    @BeforeClass
    public static void daemonWithWritesEnabled() throws Exception {
        Path work = MpathbusTestSupport.emptyDirectory("config-control");
        Path etc = Files.createDirectories(work.resolve("multipath"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxr-xr-x"));
        multipathConf = MpathbusdIT.ownerWritableOnly(Files.writeString(etc.resolve("multipath.conf"),
                "defaults {\n\tuser_friendly_names yes\n}\nblacklist {\n\tdevnode \"^loop\"\n}\n"));
        dropIn = etc.resolve("conf.d").resolve("mpathbus.conf");
        // A bus every user may connect to, and no polkit on it: only root may change anything
        PrivateBus bus = PrivateBus.startForAllUsers(work.resolve("dbus-daemon.log"));
        daemon = ControlDaemon.start(MpathbusTestSupport.distribution(), work, bus, Map.of(
                ControlDaemon.CONTROL_CFG, "enabled = true\n",
                "org.mpathbus.simulator.cfg", "maps = 2\n",
                "org.mpathbus.config.cfg", "config_file = " + multipathConf + "\nconfig_dir = " + etc.resolve("conf.d")
                        + "\nbindings_file = " + etc.resolve("bindings") + "\nwwids_file = " + etc.resolve("wwids")
                        + "\n"));
        Await.until("ConfigControl on the Config object", Await.DEFAULT,
                () -> daemon.busctl("introspect", ControlDaemon.NAME, CONFIG).out()
                        .contains("org.mpathbus.Multipath1.ConfigControl")
                        && property("ConfigFiles").contains(multipathConf.toString()), daemon::tail);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static String property(String name) {
        return daemon.property(CONFIG, "Config", name);
    }

    private static long generation() {
        return Long.parseLong(property("Generation").replace("t ", ""));
    }

    private static void ok(String method, String... arguments) {
        ControlDaemon.Result result = daemon.gdbus(CONFIG, "ConfigControl." + method, arguments);
        assertEquals(method + ": " + result.out() + "\n" + daemon.tail(), 0, result.exit());
    }

    private static String fails(String error, String method, String... arguments) {
        ControlDaemon.Result result = daemon.gdbus(CONFIG, "ConfigControl." + method, arguments);
        assertTrue(method + " fails: " + result.out(), result.exit() != 0);
        assertTrue("error " + error + ": " + result.out(), result.out().contains("GDBus.Error:" + error + ": "));
        return result.out();
    }

    @Test
    public void theConfigObjectNamesTheDropIn() {
        assertEquals("s \"" + dropIn + "\"", property("DropInFile"));
    }

    @Test
    public void eachChangeShowsOnTheConfigObjectInTheNextGet() throws Exception {
        long before = generation();
        ok("SetDefault", "'polling_interval'", "'7'", "@a{sv} {}");
        assertEquals("u 7", property("PollingInterval"));
        assertTrue(property("ConfigFiles").contains(dropIn.toString()));

        ok("AddBlacklistEntry", "'blacklist'", "{'wwid': '^3600dead'}", "@a{sv} {'timeout': <10>}");
        assertTrue(property("Blacklist"), property("Blacklist").contains("\"wwid\" \"^3600dead\" \"\" \"\" \""
                + dropIn + ":"));
        ok("AddBlacklistEntry", "'blacklist_exceptions'", "{'vendor': 'ACME', 'product': 'Disk'}", "@a{sv} {}");
        assertTrue(property("BlacklistExceptions").contains("\"device\" \"\" \"ACME\" \"Disk\""));
        ok("SetAlias", "'3600beef'", "'data1'", "@a{sv} {}");
        ok("SetDevice", "'ACME'", "'Disk'", "{'no_path_retry': 'queue'}", "@a{sv} {}");
        ok("SetMultipath", "'3600cafe'", "{'alias': 'logs'}", "@a{sv} {}");
        String text = Files.readString(dropIn);
        assertTrue(text, text.startsWith("# Written by mpathbus") && text.contains("alias \"data1\"")
                && text.contains("no_path_retry \"queue\"") && text.contains("alias \"logs\""));

        ok("RemoveMultipath", "'3600cafe'", "@a{sv} {}");
        ok("RemoveDevice", "'ACME'", "'Disk'", "@a{sv} {}");
        ok("SetAlias", "'3600beef'", "''", "@a{sv} {}");
        ok("RemoveBlacklistEntry", "'blacklist'", "{'wwid': '^3600dead'}", "@a{sv} {}");
        assertFalse(property("Blacklist").contains("^3600dead"));
        ok("RemoveBlacklistEntry", "'blacklist_exceptions'", "{'vendor': 'ACME', 'product': 'Disk'}", "@a{sv} {}");
        ok("ClearDefault", "'polling_interval'", "@a{sv} {}");
        assertEquals("u 5", property("PollingInterval"));
        assertTrue("every change a new generation", generation() >= before + 12);
        assertFalse(Files.readString(dropIn).contains("{"));
    }

    @Test
    public void anInvalidValueIsRefusedWithTheParsersWordsAndTheFileUnchanged() throws Exception {
        ok("SetDefault", "'max_polling_interval'", "'20'", "@a{sv} {}");
        byte[] before = Files.readAllBytes(dropIn);
        String out = fails("org.freedesktop.DBus.Error.InvalidArgs", "SetDefault", "'no_path_retry'",
                "'sometimes'", "@a{sv} {}");
        assertTrue(out, out.contains(dropIn + ":7: invalid value for no_path_retry: \\\"sometimes\\\"")
                || out.contains(dropIn + ":7: invalid value for no_path_retry: \"sometimes\""));
        out = fails("org.freedesktop.DBus.Error.InvalidArgs", "SetDefault", "'polling_intervall'", "'5'",
                "@a{sv} {}");
        assertTrue(out, out.contains("invalid keyword in the defaults section: polling_intervall"));
        assertArrayEquals(before, Files.readAllBytes(dropIn));
        ok("ClearDefault", "'max_polling_interval'", "@a{sv} {}");
    }

    @Test
    public void theAdminsOwnEntryIsNotFoundSayingWhereItIs() {
        String out = fails(ERROR + "NotFound", "RemoveBlacklistEntry", "'blacklist'", "{'devnode': '^loop'}",
                "@a{sv} {}");
        assertTrue(out, out.contains(multipathConf + ":5"));
    }

    @Test
    public void nobodyIsRefusedWithoutPolkitAndNothingIsWritten() throws Exception {
        byte[] before = Files.exists(dropIn) ? Files.readAllBytes(dropIn) : null;
        BusCaller.Result result = BusCaller.start(daemon.address(), 65534, CONFIG,
                "org.mpathbus.Multipath1.ConfigControl", "SetDefault", List.of("polling_interval", "9"), Map.of(),
                30).result();
        assertEquals(result.message(), ERROR + "NotAuthorized", result.name());
        if (before == null) {
            assertFalse(Files.exists(dropIn));
        } else {
            assertArrayEquals(before, Files.readAllBytes(dropIn));
        }
        assertFalse(property("PollingInterval").equals("u 9"));
        assertTrue("the exporter's audit line names the caller", daemon.process().output().contains(
                "D-Bus call org.mpathbus.Multipath1.ConfigControl.SetDefault on " + CONFIG + " by uid 65534"));
    }

    @Test
    public void aBusyMultipathdPutsThePreviousFileBack() throws Exception {
        ok("SetDefault", "'checker_timeout'", "'30'", "@a{sv} {}");
        byte[] before = Files.readAllBytes(dropIn);
        daemon.console("mpath:multipathd busy", "busy");
        try {
            String out = fails(ERROR + "Busy", "SetDefault", "'checker_timeout'", "'60'", "@a{sv} {'timeout': <5>}");
            assertTrue(out, out.contains("previous configuration restored"));
        } finally {
            daemon.console("mpath:multipathd answer", "multipathd answers again");
        }
        assertArrayEquals(before, Files.readAllBytes(dropIn));
        assertEquals("u 30", property("CheckerTimeout"));
        ok("ClearDefault", "'checker_timeout'", "@a{sv} {}");
    }

    @Test
    public void mpathbusctlsConfigCommandsChangeTheDropInAndSayWhyWhenTheyCannot() throws Exception {
        assertEquals("3600f00d: alias data9", mpathbusctl("config-alias", "3600f00d", "data9").ok());
        assertTrue(Files.readString(dropIn).contains("alias \"data9\""));
        assertEquals("blacklist: added wwid=^3600f00d", mpathbusctl("config-blacklist", "add", "wwid=^3600f00d",
                "--timeout", "10").ok());
        assertTrue(property("Blacklist").contains("^3600f00d"));
        assertEquals("blacklist_exceptions: added vendor=ACME product=Disk", mpathbusctl("config-blacklist", "add",
                "--exceptions", "vendor=ACME", "product=Disk").ok());
        assertEquals("defaults: polling_interval 8", mpathbusctl("config-default", "set", "polling_interval", "8").ok());
        assertEquals("u 8", property("PollingInterval"));
        assertEquals("device ACME/Disk: set", mpathbusctl("config-device", "set", "ACME", "Disk",
                "no_path_retry=queue").ok());
        assertEquals("multipath 3600f00d: set", mpathbusctl("config-multipath", "set", "3600f00d", "alias=data9",
                "no_path_retry=5").ok());
        Cli invalid = mpathbusctl("config-default", "set", "polling_interval", "often");
        assertEquals(1, invalid.exit());
        assertTrue(invalid.output(), invalid.output().startsWith("mpathbusctl: config-default: ")
                && invalid.output().contains("invalid value for polling_interval: \"often\""));
        assertEquals("multipath 3600f00d: removed", mpathbusctl("config-multipath", "remove", "3600f00d").ok());
        assertEquals("device ACME/Disk: removed", mpathbusctl("config-device", "remove", "ACME", "Disk").ok());
        assertEquals("defaults: polling_interval cleared", mpathbusctl("config-default", "clear", "polling_interval")
                .ok());
        assertEquals("blacklist_exceptions: removed vendor=ACME product=Disk", mpathbusctl("config-blacklist",
                "remove", "--exceptions", "vendor=ACME", "product=Disk").ok());
        assertEquals("blacklist: removed wwid=^3600f00d", mpathbusctl("config-blacklist", "remove", "wwid=^3600f00d")
                .ok());
        Cli missing = mpathbusctl("config-blacklist", "remove", "devnode=^loop");
        assertEquals(1, missing.exit());
        assertTrue(missing.output(), missing.output().contains(multipathConf + ":5"));
    }

    @Test
    public void theConsoleCommandsGoThroughTheSameEditor() throws Exception {
        daemon.console("mpath:config-default set polling_interval 6", "done, " + dropIn);
        assertEquals("u 6", property("PollingInterval"));
        daemon.console("mpath:config-default set polling_interval often",
                "invalid value for polling_interval: \"often\"");
        assertEquals("u 6", property("PollingInterval"));
        daemon.console("mpath:config-default clear polling_interval", "done, " + dropIn);
        assertEquals("u 5", property("PollingInterval"));
        assertTrue(daemon.process().output().contains("console: mpath:config-default [set, polling_interval, 6]: ok"));
    }

    private record Cli(int exit, String output) {
        String ok() {
            assertEquals(output, 0, exit);
            return output.strip();
        }
    }

    private static Cli mpathbusctl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(HostCommands.require("python3", "python3"),
                MpathbusTestSupport.distribution().resolve("bin/mpathbusctl").toString(),
                "--address=" + daemon.address()));
        command.addAll(List.of(args));
        HostCommands.Result result = HostCommands.run(command, new byte[0]);
        return new Cli(result.status(), result.output());
    }
}

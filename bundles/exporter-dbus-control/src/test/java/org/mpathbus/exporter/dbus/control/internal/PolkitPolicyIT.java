package org.mpathbus.exporter.dbus.control.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * packaging/polkit/org.mpathbus.multipath1.policy is valid against polkit's own DTD, names exactly the actions
 * the interfaces authorize with, and a real polkitd loads it: polkitd runs on a private system bus in a mount
 * namespace of its own where the file is all of /usr/share/polkit-1/actions, and pkaction reads the actions
 * back from it. Needs polkitd (Debian package polkitd), dbus-daemon and root (for the mount namespace).
 */
public class PolkitPolicyIT {

    private static final Path POLICY = Path.of("../../packaging/polkit/org.mpathbus.multipath1.policy")
            .toAbsolutePath().normalize();
    private static final Path DTD = Path.of("/usr/share/polkit-1/policyconfig-1.dtd");
    private static final Path POLKITD = Path.of("/usr/lib/polkit-1/polkitd");
    private static final List<String> ACTIONS = List.of(ConfigControl.CONFIGURE, ControlInterface.MANAGE_MAPS,
            ControlInterface.MANAGE_PATHS, ControlInterface.MANAGE_WWIDS, ControlInterface.RECONFIGURE);
    private static final Map<String, String> DEFAULTS = Map.of("allow_any", "auth_admin", "allow_inactive",
            "auth_admin", "allow_active", "auth_admin_keep");

    @Test
    public void thePolicyIsValidAgainstPolkitsDtdWithEveryActionAndItsDefaults() throws Exception {
        require(DTD, "polkitd");
        Document policy = validated();
        NodeList actions = policy.getElementsByTagName("action");
        TreeSet<String> ids = new TreeSet<>();
        for (int i = 0; i < actions.getLength(); i++) {
            Element action = (Element) actions.item(i);
            ids.add(action.getAttribute("id"));
            Map<String, String> defaults = new TreeMap<>();
            for (String key : DEFAULTS.keySet()) {
                defaults.put(key, action.getElementsByTagName(key).item(0).getTextContent());
            }
            assertEquals(action.getAttribute("id"), new TreeMap<>(DEFAULTS), defaults);
            assertTrue("a description", !action.getElementsByTagName("description").item(0).getTextContent().isBlank());
            assertTrue("a message", !action.getElementsByTagName("message").item(0).getTextContent().isBlank());
        }
        assertEquals("the actions the control interfaces authorize with", new TreeSet<>(ACTIONS), ids);
    }

    /** Parsed with validation against the DTD the DOCTYPE names, read from polkit's installed copy. */
    private static Document validated() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setValidating(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setEntityResolver((publicId, systemId) -> {
            if (!"-//freedesktop//DTD PolicyKit Policy Configuration 1.0//EN".equals(publicId)) {
                throw new IOException("unexpected DTD " + publicId + " " + systemId);
            }
            InputSource source = new InputSource(Files.newInputStream(DTD));
            source.setSystemId(DTD.toUri().toString());
            return source;
        });
        List<String> problems = new ArrayList<>();
        builder.setErrorHandler(new DefaultHandler() {
            @Override
            public void error(SAXParseException e) {
                problems.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }
        });
        Document document = builder.parse(POLICY.toFile());
        assertEquals(POLICY + " against " + DTD, List.of(), problems);
        return document;
    }

    @Test
    public void polkitdLoadsEveryActionWithItsDefaults() throws Exception {
        require(POLKITD, "polkitd");
        String pkaction = require(Path.of("/usr/bin/pkaction"), "polkitd").toString();
        String unshare = require(Path.of("/usr/bin/unshare"), "util-linux").toString();
        String dbusDaemon = require(Path.of("/usr/bin/dbus-daemon"), "dbus-daemon").toString();
        assertEquals("polkitd in a mount namespace of its own needs root (mount --bind)", "0",
                new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8).strip());
        // Under /tmp: polkitd drops to its own user, who must reach the bus socket
        Path work = Files.createTempDirectory("mpathbus-polkit");
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path actions = Files.createDirectory(work.resolve("actions"));
        Files.copy(POLICY, actions.resolve(POLICY.getFileName()));
        Path socket = work.resolve("bus");
        // A bus of type system (polkitd asks the bus for its callers' credentials) open to the test alone
        Files.writeString(work.resolve("bus.conf"), "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus "
                + "Configuration 1.0//EN\" \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                + "<busconfig><type>system</type><listen>unix:path=" + socket + "</listen><auth>EXTERNAL</auth>"
                + "<policy context=\"default\"><allow user=\"*\"/><allow own=\"*\"/>"
                + "<allow send_destination=\"*\"/><allow receive_sender=\"*\"/></policy></busconfig>\n");
        String address = "unix:path=" + socket;
        Process bus = new ProcessBuilder(dbusDaemon, "--config-file=" + work.resolve("bus.conf"), "--nofork")
                .redirectErrorStream(true).redirectOutput(work.resolve("dbus-daemon.log").toFile()).start();
        Process polkitd = null;
        try {
            awaitFile(socket, bus);
            ProcessBuilder polkit = new ProcessBuilder(unshare, "--mount", "sh", "-c",
                    "mount --bind \"$0\" /usr/share/polkit-1/actions && exec " + POLKITD + " --no-debug",
                    actions.toString()).redirectErrorStream(true).redirectOutput(work.resolve("polkitd.log").toFile());
            polkit.environment().put("DBUS_SYSTEM_BUS_ADDRESS", address);
            polkitd = polkit.start();
            String busctl = require(Path.of("/usr/bin/busctl"), "systemd").toString();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < end && polkitd.isAlive()
                    && !run(address, busctl, "--address=" + address, "list").contains("org.freedesktop.PolicyKit1 ")) {
                Thread.sleep(100);
            }
            String listed = run(address, pkaction);
            assertEquals("pkaction lists the file's actions, and only those; polkitd.log:\n"
                    + Files.readString(work.resolve("polkitd.log")), String.join("\n", ACTIONS), listed.strip());
            for (String action : ACTIONS) {
                String verbose = run(address, pkaction, "--verbose", "--action-id", action);
                assertTrue(verbose, verbose.contains("implicit any:      auth_admin\n"));
                assertTrue(verbose, verbose.contains("implicit inactive: auth_admin\n"));
                assertTrue(verbose, verbose.contains("implicit active:   auth_admin_keep\n"));
                assertTrue(verbose, verbose.contains("vendor:            mpathbus\n"));
            }
        } finally {
            if (polkitd != null) {
                polkitd.destroy();
                polkitd.waitFor(10, TimeUnit.SECONDS);
            }
            bus.destroy();
            bus.waitFor(10, TimeUnit.SECONDS);
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
    }

    private static String run(String address, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DBUS_SYSTEM_BUS_ADDRESS", address);
        Process process = builder.start();
        try (InputStream out = process.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return text;
        }
    }

    private static void awaitFile(Path file, Process owner) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file) && owner.isAlive() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertTrue("dbus-daemon made its socket " + file, Files.exists(file));
    }

    private static Path require(Path program, String debianPackage) {
        if (!Files.exists(program)) {
            throw new AssertionError(program + " is not installed: apt-get install " + debianPackage);
        }
        return program;
    }
}

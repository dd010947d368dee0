package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.freedesktop.dbus.DBusPath;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.spi.TopologyListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The packaged bundle in a real Felix with SCR and ConfigAdmin: it resolves with its embedded dbus-java and
 * slf4j, exports on a private bus, goes off and on with enabled=false/true, and survives being updated while
 * a client is connected. The engine is a stand-in registered from outside the framework (the API packages
 * come from the class path through the system bundle).
 */
public class DbusExporterBundleIT {

    private PrivateBus bus;
    private Path storage;
    private Framework framework;
    private Bundle exporter;
    private final FakeEngine engine = new FakeEngine(5, 4);

    /** The API bundle's Export-Package as bnd wrote it, so the system bundle offers the versions built. */
    private static String apiPackages() throws Exception {
        Path api = Path.of(TopologyService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(api)) {
            try (InputStream manifest = Files.newInputStream(api.resolve("META-INF/MANIFEST.MF"))) {
                return new Manifest(manifest).getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            }
        }
        try (JarFile jar = new JarFile(api.toFile())) {
            return jar.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
        }
    }

    @Before
    public void launch() throws Exception {
        bus = PrivateBus.start();
        storage = Files.createTempDirectory("mpathbus-felix");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, apiPackages());
        config.put(DbusExporter.ADDRESS_PROPERTY, bus.address());
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();
        // The whiteboard as the engine does it: every TopologyListener gets the snapshot, then the changes
        context.addServiceListener(event -> {
            TopologyListener listener = (TopologyListener) context.getService(event.getServiceReference());
            if (event.getType() == ServiceEvent.REGISTERED) {
                engine.register(listener);
            } else if (event.getType() == ServiceEvent.UNREGISTERING) {
                engine.unregister(listener);
            }
        }, "(objectClass=" + TopologyListener.class.getName() + ")");
        context.registerService(TopologyService.class, engine, null);
        for (String jar : new String[] {"org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component",
            "org.apache.felix.scr", "org.apache.felix.configadmin"}) {
            context.installBundle(new File(fromClassPath(jar)).toURI().toString()).start();
        }
        String bundleFile = System.getProperty("bundle.file");
        assertNotNull("failsafe passes the packaged bundle as bundle.file", bundleFile);
        exporter = context.installBundle(new File(bundleFile).toURI().toString());
        exporter.start();
    }

    @After
    public void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
        if (bus != null) {
            bus.close();
        }
        if (storage != null) {
            try (java.util.stream.Stream<Path> files = Files.walk(storage)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    public void theBundleResolvesWithItsEmbeddedLibrariesAndExports() throws Exception {
        assertEquals(Bundle.ACTIVE, exporter.getState());
        String imports = exporter.getHeaders().get(Constants.IMPORT_PACKAGE);
        assertFalse("slf4j stays inside the bundle: " + imports, imports.contains("org.slf4j"));
        assertFalse("dbus-java stays inside the bundle: " + imports, imports.contains("org.freedesktop"));
        assertSame("dbus-java is loaded from the bundle", exporter.adapt(org.osgi.framework.wiring.BundleWiring.class)
                .getClassLoader(), exporter.loadClass("org.freedesktop.dbus.connections.impl.DBusConnection")
                .getClassLoader());
        try (BusClient client = new BusClient(bus.address())) {
            client.awaitName(true, 20_000);
            assertEquals("5 maps, 10 groups, 20 paths", 35, client.managedObjects().size());
        }
    }

    @Test
    public void aConfigBundleInstalledLaterBringsTheConfigObjectAndTakesItAlongWhenItStops() throws Exception {
        try (BusClient client = new BusClient(bus.address())) {
            client.awaitName(true, 20_000);
            DBusPath config = new DBusPath(ObjectPaths.CONFIG);
            assertFalse("no config bundle, no Config object", client.managedObjects().containsKey(config));

            // mpath:config, which ships with the config bundle, writes its JSON with Gson
            framework.getBundleContext().installBundle(new File(fromClassPath("gson")).toURI().toString());
            Bundle configBundle = framework.getBundleContext().installBundle(
                    new File(fromClassPath("org.mpathbus.config")).toURI().toString());
            configBundle.start();
            awaitManagedObject(client, config, true);
            assertEquals("the optional import is wired to the late bundle", configBundle,
                    exporter.adapt(org.osgi.framework.wiring.BundleWiring.class).getRequiredWires("osgi.wiring.package")
                            .stream().filter(w -> "org.mpathbus.config".equals(
                                    w.getCapability().getAttributes().get("osgi.wiring.package")))
                            .findFirst().orElseThrow().getProvider().getBundle());

            configBundle.stop();
            awaitManagedObject(client, config, false);
            assertEquals("paths no longer name a rule", "", client.properties(ObjectPaths.path("sda"))
                    .Get(ObjectPaths.PATH_INTERFACE, "Blacklisted"));
        }
    }

    private static void awaitManagedObject(BusClient client, DBusPath object, boolean present) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (client.managedObjects().containsKey(object) != present) {
            if (System.currentTimeMillis() > deadline) {
                fail(object + (present ? " did not appear" : " did not go away") + " within 20 s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    public void theConfigurationKeysAreEnabledAndBusAddress() throws Exception {
        java.net.URL metatype = exporter.getEntry(
                "OSGI-INF/metatype/org.mpathbus.exporter.dbus.internal.DbusExporterConfiguration.xml");
        assertNotNull("the bundle carries its metatype", metatype);
        try (InputStream xml = metatype.openStream()) {
            String text = new String(xml.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text, text.contains("<Designate pid=\"" + DbusExporter.PID + "\""));
            assertTrue(text, text.contains("<AD id=\"enabled\" type=\"Boolean\""));
            assertTrue(text, text.contains("<AD id=\"bus_address\" type=\"String\""));
        }
    }

    @Test
    public void enabledFalseTakesTheNameOffTheBusAndTrueBringsItBack() throws Exception {
        try (BusClient client = new BusClient(bus.address())) {
            client.awaitName(true, 20_000);
            configure(false);
            client.awaitName(false, 20_000);
            configure(true);
            client.awaitName(true, 20_000);
            assertEquals(35, client.managedObjects().size());
        }
    }

    @Test
    public void updatingTheBundleWhileAClientIsConnectedBringsTheApiBack() throws Exception {
        try (BusClient client = new BusClient(bus.address())) {
            client.awaitName(true, 20_000);
            try (InputStream jar = new FileInputStream(System.getProperty("bundle.file"))) {
                exporter.update(jar);
            }
            client.awaitName(true, 20_000);
            engine.fail("sdc");
            long exported = client.manager().Refresh().longValue();
            assertEquals(engine.topology().generation(), exported);
            assertEquals("failed", client.managedObjects()
                    .get(new org.freedesktop.dbus.DBusPath(ObjectPaths.path("sdc"))).get(ObjectPaths.PATH_INTERFACE)
                    .get("DmState").getValue());
        }
    }

    @Test
    public void aBusInterfaceServiceComesAndGoesWithoutARestart() throws Exception {
        try (BusClient client = new BusClient(bus.address())) {
            client.awaitName(true, 20_000);
            // In the exporter's own class space: the test's class path has its own copy of the SPI
            BundleContext context = exporter.getBundleContext();
            assertNotNull("ExportedObjects is registered while exporting",
                    context.getServiceReference("org.mpathbus.exporter.dbus.spi.ExportedObjects"));
            ServiceRegistration<?> provider = context.registerService(
                    "org.mpathbus.exporter.dbus.spi.BusInterface", pathControlOfTheBundle(), null);
            DBusPath sdc = new DBusPath(ObjectPaths.path("sdc"));
            awaitInterface(client, sdc, TestInterface.PATH_CONTROL, true);
            String started = client.manager().Refresh().toString();
            provider.unregister();
            awaitInterface(client, sdc, TestInterface.PATH_CONTROL, false);
            assertEquals("the exporter kept running", 35, client.managedObjects().size());
            assertTrue(Long.parseLong(client.manager().Refresh().toString()) > Long.parseLong(started));
            configure(false);
            client.awaitName(false, 20_000);
            assertEquals("no ExportedObjects while disabled", null,
                    context.getServiceReference("org.mpathbus.exporter.dbus.spi.ExportedObjects"));
        }
    }

    /** A PathControl provider made of the bundle's own SPI classes, as a bundle importing them implements it. */
    private Object pathControlOfTheBundle() throws Exception {
        Class<?> type = exporter.loadClass("org.mpathbus.exporter.dbus.spi.BusInterface");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object pathType = Enum.valueOf((Class) exporter.loadClass("org.mpathbus.exporter.dbus.spi.ObjectType"),
                "PATH");
        Object empty = exporter.loadClass("org.mpathbus.exporter.dbus.spi.BusReply").getField("EMPTY").get(null);
        return java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> TestInterface.PATH_CONTROL;
                    case "objectType" -> pathType;
                    case "introspection" -> TestInterface.documented(TestInterface.PATH_CONTROL);
                    case "action" -> TestInterface.MANAGE_PATHS;
                    case "call" -> empty;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "PathControl of the test";
                });
    }

    private static void awaitInterface(BusClient client, DBusPath object, String iface, boolean present)
            throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (client.managedObjects().get(object).containsKey(iface) != present) {
            if (System.currentTimeMillis() > deadline) {
                fail(iface + (present ? " did not appear" : " did not go away") + " on " + object + " within 20 s");
            }
            Thread.sleep(20);
        }
    }

    /** Sets enabled through ConfigAdmin (by reflection: its API lives in the framework, not on the class path). */
    private void configure(boolean enabled) throws Exception {
        BundleContext context = framework.getBundleContext();
        // All references: the system bundle's class path has its own copy of the cm package
        ServiceReference<?>[] references = context.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin",
                null);
        assertNotNull("ConfigAdmin runs", references);
        ServiceReference<?> reference = references[0];
        Object configAdmin = context.getService(reference);
        Class<?> adminType = reference.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Object configuration = adminType.getMethod("getConfiguration", String.class, String.class)
                .invoke(configAdmin, DbusExporter.PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("enabled", enabled);
        Method update = reference.getBundle().loadClass("org.osgi.service.cm.Configuration")
                .getMethod("update", Dictionary.class);
        update.invoke(configuration, properties);
    }

    private static String fromClassPath(String artifact) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (new File(entry).getName().startsWith(artifact + "-")) {
                return entry;
            }
        }
        fail(artifact + " is not on the test class path");
        return null;
    }
}

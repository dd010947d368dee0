package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.Test;
import org.mpathbus.api.Topology;
import org.mpathbus.testing.Await;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** The distribution's bundle set resolves, starts, and every DS component in it comes up. */
public class BundlesIT extends MpathbusTestSupport {

    /**
     * Components that may legitimately stay unsatisfied with the simulator as source, by component name,
     * with the reason. Any other component that is not satisfied or active fails the test.
     */
    private static final Map<String, String> MAY_WAIT = Map.of();

    @Test
    public void everyDistributionBundleIsActive() throws Exception {
        Set<String> shipped = new TreeSet<>();
        for (java.nio.file.Path jar : distributionBundles()) {
            shipped.add(jar.toUri().toString());
        }
        Await.until("every bundle of the distribution to be active", Await.DEFAULT,
                () -> notActive(shipped).isEmpty(), () -> notActive(shipped).toString());
        Set<String> installed = new TreeSet<>();
        for (Bundle bundle : context().getBundles()) {
            installed.add(bundle.getLocation());
        }
        assertTrue("bundles of the distribution not installed: " + missing(shipped, installed),
                installed.containsAll(shipped));
    }

    @Test
    public void everyComponentOfOurBundlesIsSatisfiedOrActive() {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        Await.until("every mpathbus component to be satisfied or active", Await.DEFAULT,
                () -> componentProblems(scr).isEmpty(), () -> String.join("; ", componentProblems(scr)));
        assertTrue("no DS component found in the mpathbus bundles", countOurComponents(scr) > 0);
    }

    @Test
    public void engineIsReadyWithTheSimulatorAndEveryPathChecked() {
        long configured = Long.getLong(MpathbusTestSupport.CONFIGURED_AT_PROPERTY, System.nanoTime());
        Topology topology = awaitSettledEngine();
        long millis = (System.nanoTime() - configured) / 1_000_000;
        System.out.printf("framework start to first complete topology (%d maps, %d paths): %d ms%n",
                topology.maps().size(), topology.paths().size(), millis);
        assertEquals("simulator", topology.source());
    }

    /**
     * Each bundle ships its own commands (the simulator its fault injection, the config bundle mpath:config),
     * so the shell needs no feature's package, optionally or dynamically; its control commands need only the
     * api's MultipathControl.
     */
    @Test
    public void eachFeatureBundleShipsItsCommandsAndTheShellImportsNone() {
        Await.until("the commands of the shell, the simulator and the config bundle", Await.DEFAULT,
                () -> commandOwner("paths") != null && commandOwner("fail") != null && commandOwner("config") != null);
        assertEquals("org.mpathbus.shell", commandOwner("paths"));
        for (String fault : List.of("fail", "restore", "remove", "add", "hang", "open", "close", "grow", "multipathd")) {
            assertEquals("mpath:" + fault, "org.mpathbus.simulator", commandOwner(fault));
        }
        // The administrator's commands go through MultipathControl, whoever implements it
        for (String control : List.of("path-fail", "path-reinstate", "path-remove", "path-add", "map-flush",
                "map-resize", "map-switchgroup", "map-queueing", "reconfigure", "wwid-add", "wwid-forget")) {
            assertEquals("mpath:" + control, "org.mpathbus.shell", commandOwner(control));
        }
        assertEquals("org.mpathbus.config", commandOwner("config"));
        Bundle shell = Arrays.stream(context().getBundles()).filter(b -> "org.mpathbus.shell".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        String imports = shell.getHeaders().get(Constants.IMPORT_PACKAGE);
        assertFalse(imports, imports.contains("org.mpathbus.simulator"));
        assertFalse(imports, imports.contains("org.mpathbus.config"));
        assertNull(shell.getHeaders().get(Constants.DYNAMICIMPORT_PACKAGE));
    }

    /** The symbolic name of the bundle that registers the Gogo command mpath:{@code function}, or null. */
    private String commandOwner(String function) {
        try {
            ServiceReference<?>[] commands = context().getAllServiceReferences(null,
                    "(&(osgi.command.scope=mpath)(osgi.command.function=" + function + "))");
            return commands == null ? null : commands[0].getBundle().getSymbolicName();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException("not a command name: " + function, e);
        }
    }

    private List<String> notActive(Set<String> locations) {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : context().getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (locations.contains(bundle.getLocation()) && bundle.getState() != expected) {
                problems.add(bundle.getSymbolicName() + " is in state " + bundle.getState());
            }
        }
        return problems;
    }

    private static Set<String> missing(Set<String> wanted, Set<String> present) {
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(present);
        return missing;
    }

    private List<ComponentDescriptionDTO> ourComponents(ServiceComponentRuntime scr) {
        List<ComponentDescriptionDTO> ours = new ArrayList<>();
        for (Bundle bundle : context().getBundles()) {
            if (bundle.getSymbolicName().startsWith("org.mpathbus.")) {
                ours.addAll(scr.getComponentDescriptionDTOs(bundle));
            }
        }
        return ours;
    }

    private int countOurComponents(ServiceComponentRuntime scr) {
        return ourComponents(scr).size();
    }

    private List<String> componentProblems(ServiceComponentRuntime scr) {
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO description : ourComponents(scr)) {
            if (MAY_WAIT.containsKey(description.name)) {
                continue;
            }
            if (!scr.isComponentEnabled(description)) {
                problems.add(description.name + " is disabled");
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                String problem = problem(configuration);
                if (problem != null) {
                    problems.add(description.name + " " + problem);
                }
            }
        }
        return problems;
    }

    private static String problem(ComponentConfigurationDTO configuration) {
        switch (configuration.state) {
            case ComponentConfigurationDTO.ACTIVE:
            case ComponentConfigurationDTO.SATISFIED:
                return null;
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                List<String> references = new ArrayList<>();
                for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
                    references.add(reference.name + " (target " + reference.target + ")");
                }
                return "lacks references " + references;
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                return "lacks its configuration";
            case ComponentConfigurationDTO.FAILED_ACTIVATION:
                return "failed to activate: " + configuration.failure;
            default:
                return "is in state " + configuration.state + " " + Arrays.toString(configuration.unsatisfiedReferences);
        }
    }
}

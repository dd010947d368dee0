package org.mpathbus.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;
import org.mpathbus.api.control.MultipathControl;

public class ControlRegistryTest {

    private final ControlRegistry registry = new ControlRegistry();

    @Test
    public void theControlOfTheEnginesSourceIsChosenAndGoesWithItsService() {
        MultipathControl multipathd = control();
        MultipathControl simulator = control();
        registry.add(multipathd, Map.of(MultipathControl.SOURCE_NAME, "devmapper"));
        registry.add(simulator, Map.of(MultipathControl.SOURCE_NAME, "simulator"));
        assertSame(simulator, registry.of("simulator").orElseThrow());
        assertSame(multipathd, registry.of("devmapper").orElseThrow());
        registry.remove(simulator);
        assertEquals(Optional.empty(), registry.of("simulator"));
    }

    @Test
    public void aControlWithoutSourceNameActsOnNoSource() {
        registry.add(control(), Map.of());
        assertEquals(Optional.empty(), registry.of("simulator"));
        assertEquals(Optional.empty(), registry.of("devmapper"));
    }

    private static MultipathControl control() {
        return (MultipathControl) Proxy.newProxyInstance(MultipathControl.class.getClassLoader(),
                new Class<?>[] {MultipathControl.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

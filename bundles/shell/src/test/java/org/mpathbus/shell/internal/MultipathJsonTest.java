package org.mpathbus.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.mpathbus.api.MapKind;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.NvmeController;

public class MultipathJsonTest {

    @Test
    public void mapsUseMultipathdAttributeNames() {
        String json = MultipathJson.maps(List.of(Fixtures.byWwid()));
        assertEquals("{\n"
                + "   \"major_version\": 0,\n"
                + "   \"minor_version\": 1,\n"
                + "   \"maps\": [\n"
                + "      {\n"
                + "         \"name\": \"3600a098038303053453f463045727a41\",\n"
                + "         \"uuid\": \"3600a098038303053453f463045727a41\",\n"
                + "         \"sysfs\": \"dm-12\",\n"
                + "         \"dev_t\": \"253:12\",\n"
                + "         \"queueing\": \"off\",\n"
                + "         \"paths\": 1,\n"
                + "         \"valid_paths\": 1,\n"
                + "         \"health\": \"optimal\",\n"
                + "         \"usable\": true,\n"
                + "         \"write_prot\": \"ro\",\n"
                + "         \"dm_st\": \"active\",\n"
                + "         \"features\": \"0\",\n"
                + "         \"hwhandler\": \"1 alua\",\n"
                + "         \"vend\": \"NETAPP\",\n"
                + "         \"prod\": \"LUN C-Mode\",\n"
                + "         \"rev\": \"9800\",\n"
                + "         \"size_bytes\": 3298534883328,\n"
                + "         \"path_groups\": [\n"
                + "            {\n"
                + "               \"selector\": \"round-robin 0\",\n"
                + "               \"pri\": 1,\n"
                + "               \"dm_st\": \"active\",\n"
                + "               \"group\": 1,\n"
                + "               \"paths\": [\n"
                + "                  {\n"
                + "                     \"dev\": \"sdaa\",\n"
                + "                     \"dev_t\": \"65:160\",\n"
                + "                     \"dm_st\": \"active\",\n"
                + "                     \"dev_st\": \"running\",\n"
                + "                     \"chk_st\": \"undef\",\n"
                + "                     \"chk_msg\": \"\",\n"
                + "                     \"checker\": \"directio\",\n"
                + "                     \"pri\": 1,\n"
                + "                     \"failures\": 0,\n"
                + "                     \"hcil\": \"4:0:0:10\",\n"
                + "                     \"host_wwnn\": \"[undef]\",\n"
                + "                     \"target_wwnn\": \"[undef]\",\n"
                + "                     \"host_wwpn\": \"[undef]\",\n"
                + "                     \"target_wwpn\": \"[undef]\",\n"
                + "                     \"host_adapter\": \"[undef]\",\n"
                + "                     \"lun_hex\": \"0x000a000000000000\"\n"
                + "                  }\n"
                + "               ]\n"
                + "            }\n"
                + "         ]\n"
                + "      }\n"
                + "   ]\n"
                + "}\n", json);
    }

    @Test
    public void oneMapIsWrappedAsMultipathdShowMapDoes() {
        String json = MultipathJson.map(Fixtures.mpatha());
        assertTrue(json, json.startsWith("{\n   \"major_version\": 0,\n   \"minor_version\": 1,\n   \"map\": {\n"
                + "      \"name\": \"mpatha\",\n"));
        assertTrue(json, json.contains("\"chk_msg\": \"tur: \\\"not ready\\\"\""));
        assertTrue(json, json.contains("\"host_wwpn\": \"0x10000090fa000000\""));
        assertTrue(json, json.contains("\"features\": \"1 queue_if_no_path\""));
    }

    @Test
    public void namesWithQuotesStayValidJson() {
        MultipathMap odd = Fixtures.mpatha().toBuilder().name("db\"1\\prod\n").build();
        String json = MultipathJson.maps(List.of(odd));
        assertTrue(json, json.contains("\"name\": \"db\\\"1\\\\prod\\n\""));
    }

    @Test
    public void pathListNamesTheMapAndIncludesPathsInNoMap() {
        String json = MultipathJson.paths(Fixtures.topology());
        assertTrue(json, json.contains("\"multipath\": \"mpatha\",\n         \"uuid\": \"" + Fixtures.WWID_A
                + "\",\n         \"group\": 2,\n         \"dev\": \"sdc\""));
        assertTrue(json, json.contains("\"multipath\": \"\",\n         \"uuid\": \"SATA_disk_1\",\n         \"group\": 0,\n"
                + "         \"dev\": \"sde\",\n         \"dev_t\": \"8:64\",\n         \"dm_st\": \"undef\""));
    }

    @Test
    public void nvmeMapsAndPathsAddTheKernelsNvmeAttributes() {
        org.mpathbus.api.Path path = org.mpathbus.api.Path.builder("nvme0c1n1", new org.mpathbus.api.DeviceNumber(0, 0))
                .map("uuid.1", 1).anaState(org.mpathbus.api.AnaState.NON_OPTIMIZED).anaGroup(2)
                .controller(new NvmeController("nvme1", "tcp", "traddr=127.0.0.1,trsvcid=4421", "live")).build();
        MultipathMap map = MultipathMap.builder("uuid.1", "nvme0n1", new org.mpathbus.api.DeviceNumber(259, 2))
                .kind(MapKind.NVME).subsystem(new org.mpathbus.api.NvmeSubsystem("nvme-subsys0", "nqn.lab", "numa"))
                .groups(List.of(org.mpathbus.api.PathGroup.builder(1).paths(List.of(path)).build())).build();
        String json = MultipathJson.maps(List.of(map));
        for (String line : List.of("\"kind\": \"nvme\"", "\"subsysnqn\": \"nqn.lab\"", "\"iopolicy\": \"numa\"",
                "\"ana_state\": \"non-optimized\"", "\"ana_grpid\": 2", "\"controller\": \"nvme1\"",
                "\"address\": \"traddr=127.0.0.1,trsvcid=4421\"", "\"state\": \"live\"")) {
            assertTrue(line + " in " + json, json.contains(line));
        }
        // dm maps keep multipathd's attributes only
        assertTrue(!MultipathJson.maps(List.of(Fixtures.byWwid())).contains("ana_state"));
    }
}

package org.mpathbus.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.mpathbus.api.Topology;

public class TopologyTextTest {

    @Test
    public void treeLooksLikeMultipathLl() {
        StringBuilder out = new StringBuilder();
        TopologyText.appendTree(out, Fixtures.mpatha());
        assertEquals("mpatha (36001405a6d4e1c0d2b04b1cb9b0f6a5d) dm-0 LIO-ORG,disk01\n"
                + "size=16M features='1 queue_if_no_path' hwhandler='1 alua' wp=rw\n"
                + "|-+- policy='service-time 0' prio=50 status=active\n"
                + "| |- 2:0:0:1 sdb 8:16 active ready running\n"
                + "| `- 3:0:0:1 sdd 8:48 failed faulty running\n"
                + "`-+- policy='service-time 0' prio=10 status=enabled\n"
                + "  `- 2:0:1:1 sdc 8:32 active ghost running\n", out.toString());
    }

    @Test
    public void aMapNamedByItsWwidShowsTheWwidOnce() {
        StringBuilder out = new StringBuilder();
        TopologyText.appendTree(out, Fixtures.byWwid());
        assertEquals("3600a098038303053453f463045727a41 dm-12 NETAPP,LUN C-Mode\n"
                + "size=3.0T features='0' hwhandler='1 alua' wp=ro\n"
                + "`-+- policy='round-robin 0' prio=1 status=active\n"
                + "  `- 4:0:0:10 sdaa 65:160 active undef running\n", out.toString());
    }

    @Test
    public void treeOfATopologyListsPathsInNoMapLast() {
        String tree = TopologyText.tree(Fixtures.topology());
        assertTrue(tree, tree.startsWith("mpatha (36001405a6d4e1c0d2b04b1cb9b0f6a5d)"));
        assertTrue(tree, tree.endsWith("paths in no map:\n  0:0:0:0 sde 8:64 ready running\n"));
    }

    @Test
    public void anEmptyTopologySaysSo() {
        assertEquals("no multipath maps and no paths (source: devmapper)\n", TopologyText.tree(Topology.empty("devmapper")));
    }

    @Test
    public void mapTableShowsValidOverTotalPathsHealthAndUsable() {
        assertEquals("NAME                               WWID                               DM     DEV_T   SIZE  PATHS  HEALTH    USABLE\n"
                + "mpatha                             36001405a6d4e1c0d2b04b1cb9b0f6a5d  dm-0   253:0   16M   2/3    degraded  yes\n"
                + "3600a098038303053453f463045727a41  3600a098038303053453f463045727a41  dm-12  253:12  3.0T  1/1    optimal   yes\n",
                TopologyText.mapTable(Fixtures.topology()));
    }

    @Test
    public void pathTableShowsBothViewsOfEveryPath() {
        String table = TopologyText.pathTable(Fixtures.topology());
        String[] lines = table.split("\n");
        assertEquals(6, lines.length);
        assertEquals("NAME  DEV_T   MAP                                GROUP  DM_ST   CHK_ST     DEV_ST   CHECKER   HBTL",
                lines[0]);
        assertEquals("sdd   8:48    mpatha                             1      failed  down       running  tur       3:0:0:1",
                lines[2]);
        assertEquals("sde   8:64    -                                  -      undef   up         running  tur       0:0:0:0",
                lines[5]);
    }

    @Test
    public void detailsAddWhatMultipathLlLeavesOut() {
        String details = TopologyText.details(Fixtures.mpatha());
        assertTrue(details, details.contains("device=/dev/mapper/mpatha dev_t=253:0 dm_st=active health=degraded"
                + " valid_paths=2/3 queueing=on active_group=1 dm_events=7\n"));
        assertTrue(details, details.contains("sdd: checker=tur chk_st=down chk_msg=\"tur: \\\"not ready\\\"\" failures=1"
                + " pri=50 transport=fc host_wwpn=0x10000090fa000000 target_wwpn=0x5001405c0ffe0100"
                + " host_adapter=0000:3b:00.0\n"));
    }
}

package org.mpathbus.checker.tur.internal;

import static org.junit.Assert.assertEquals;
import static org.mpathbus.checker.tur.internal.Answers.checkCondition;
import static org.mpathbus.checker.tur.internal.Answers.fixed;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.spi.CheckResult;

public class TestUnitReadyTest {

    private long now;
    private final TestUnitReady testUnitReady = new TestUnitReady(() -> now);

    @Test
    public void unitAttentionIsAskedAgainUntilTheDeviceAnswers() throws Exception {
        ScriptedDevice device = new ScriptedDevice(unitAttention(), unitAttention(), unitAttention(),
                unitAttention(), Answers.good());
        CheckResult result = testUnitReady.run(device, Duration.ofSeconds(30));
        assertEquals(CheckerState.UP, result.state());
        assertEquals(5, device.timeouts.size());
    }

    @Test
    public void unitAttentionOnEveryOneOfFiveTriesIsDown() throws Exception {
        ScriptedDevice device = new ScriptedDevice(unitAttention(), unitAttention(), unitAttention(),
                unitAttention(), unitAttention(), Answers.good());
        CheckResult result = testUnitReady.run(device, Duration.ofSeconds(30));
        assertEquals(CheckerState.DOWN, result.state());
        assertEquals("unit attention: power on, reset, or bus device reset occurred, still after 5 tries",
                result.message());
        assertEquals(5, device.timeouts.size());
    }

    @Test
    public void retriesShareTheCheckTimeout() throws Exception {
        ScriptedDevice device = new ScriptedDevice(unitAttention(), unitAttention(), Answers.good()) {
            @Override
            public SgIoResult send(int timeoutMillis) {
                now += 1_200_000_000L; // each try takes 1.2 s
                return super.send(timeoutMillis);
            }
        };
        CheckResult result = testUnitReady.run(device, Duration.ofSeconds(2));
        assertEquals(List.of(2000, 800), device.timeouts);
        assertEquals(CheckerState.DOWN, result.state());
        assertEquals("unit attention: power on, reset, or bus device reset occurred, still after 2 tries",
                result.message());
    }

    @Test
    public void sgTimeoutIsWholeMillisecondsWithinUnsignedRange() {
        assertEquals(1, TestUnitReady.sgTimeoutMillis(0));
        assertEquals(1, TestUnitReady.sgTimeoutMillis(1));
        assertEquals(30_000, TestUnitReady.sgTimeoutMillis(30_000_000_000L));
        assertEquals(Integer.MAX_VALUE, TestUnitReady.sgTimeoutMillis(Long.MAX_VALUE));
    }

    private static SgIoResult unitAttention() {
        return checkCondition(fixed(0x6, 0x29, 0x00));
    }

    private static class ScriptedDevice implements TurCommand {
        final Deque<SgIoResult> answers;
        final List<Integer> timeouts = new ArrayList<>();

        ScriptedDevice(SgIoResult... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public SgIoResult send(int timeoutMillis) {
            timeouts.add(timeoutMillis);
            return answers.remove();
        }
    }
}

package org.mpathbus.control.multipathd.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.mpathbus.api.control.Outcome;

/** Every reply multipathd gives to a command of ours, 0.9.4's and the later releases' words. */
public class ReplyTest {

    private static void assertReply(String text, Reply.Kind kind, String message) {
        Reply reply = Reply.of(text);
        assertEquals(text, kind, reply.kind());
        assertEquals(text, message, reply.message());
    }

    @Test
    public void okIsOkWithNoWords() {
        assertReply("ok\n", Reply.Kind.OK, "");
        assertReply("", Reply.Kind.OK, "");
        assertEquals(Outcome.ok(), Reply.of("ok\n").outcome());
    }

    @Test
    public void timeoutIsToBeSentAgain() {
        assertReply("timeout\n", Reply.Kind.RETRY, "timeout");
        assertReply("fail\ntimeout\n", Reply.Kind.RETRY, "fail\ntimeout");
        assertEquals(Outcome.Kind.TIMEOUT, Reply.of("timeout\n").outcome().kind());
    }

    @Test
    public void aBareFailNeedsAsking() {
        assertReply("fail\n", Reply.Kind.FAIL, "fail");
        assertEquals(Outcome.Kind.REFUSED, Reply.of("fail\n").outcome().kind());
    }

    @Test
    public void laterReleasesSayWhy() {
        assertReply("fail\nmap or partition in use\n", Reply.Kind.IN_USE, "fail\nmap or partition in use");
        assertReply("map or partition in use\n", Reply.Kind.IN_USE, "map or partition in use");
        assertReply("fail\ndevice not found\n", Reply.Kind.NOT_FOUND, "fail\ndevice not found");
        assertReply("fail\nbusy\n", Reply.Kind.BUSY, "fail\nbusy");
    }

    @Test
    public void refusalsKeepTheirWords() {
        assertReply("permission deny: need to be root\n", Reply.Kind.REFUSED, "permission deny: need to be root");
        assertReply("blacklisted\n", Reply.Kind.REFUSED, "blacklisted");
        String usage = "multipath-tools v0.9.4 (09/20, 2022)\nCLI commands reference:\n list|show paths\n";
        assertReply(usage, Reply.Kind.REFUSED, usage.strip());
    }
}

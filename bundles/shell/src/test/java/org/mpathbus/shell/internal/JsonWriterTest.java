package org.mpathbus.shell.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class JsonWriterTest {

    @Test
    public void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"say \\\"hi\\\" C:\\\\dev\\n\\tnext\\r\\b\\f\\u0001\\u001f\\u007f\"",
                JsonWriter.quoted("say \"hi\" C:\\dev\n\tnext\r\b\f\u0001\u001f\u007f"));
    }

    @Test
    public void keepsOtherCharactersAsTheyAre() {
        assertEquals("\"/dev/mapper/caf\u00e9 \u2028 \ud83d\udcbe\"", JsonWriter.quoted("/dev/mapper/caf\u00e9 \u2028 \ud83d\udcbe"));
    }

    @Test
    public void writesIndentedNestedDocuments() {
        String json = new JsonWriter().beginObject()
                .field("name", "mpatha")
                .field("paths", 2)
                .field("ro", false)
                .name("groups").beginArray()
                .beginObject().field("group", 1).name("paths").beginArray().value("sda").value("sdb").endArray().endObject()
                .endArray()
                .name("empty").beginObject().endObject()
                .endObject().toString();
        assertEquals("{\n"
                + "   \"name\": \"mpatha\",\n"
                + "   \"paths\": 2,\n"
                + "   \"ro\": false,\n"
                + "   \"groups\": [\n"
                + "      {\n"
                + "         \"group\": 1,\n"
                + "         \"paths\": [\n"
                + "            \"sda\",\n"
                + "            \"sdb\"\n"
                + "         ]\n"
                + "      }\n"
                + "   ],\n"
                + "   \"empty\": {}\n"
                + "}\n", json);
    }

    @Test(expected = IllegalStateException.class)
    public void refusesANameOutsideAnObject() {
        new JsonWriter().name("loose");
    }

    @Test(expected = IllegalStateException.class)
    public void refusesASecondTopLevelValue() {
        new JsonWriter().value(1).value(2);
    }
}

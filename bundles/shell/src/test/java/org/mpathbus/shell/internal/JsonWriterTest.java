package org.mpathbus.shell.internal;

import static org.junit.Assert.assertEquals;

import java.util.Optional;

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

    @Test
    public void writesCompactDocumentsOnOneLine() {
        String json = JsonWriter.compact().beginObject()
                .field("alias", "db")
                .name("paths").beginArray().value("sda").value(2).endArray()
                .name("empty").beginObject().endObject()
                .endObject().toString();
        assertEquals("{\"alias\":\"db\",\"paths\":[\"sda\",2],\"empty\":{}}\n", json);
    }

    @Test
    public void writesAnAbsentValueAsNull() {
        String json = JsonWriter.compact().beginObject()
                .field("rule", Optional.empty())
                .field("criterion", Optional.of("wwid"))
                .name("list").beginArray().nullValue().endArray()
                .endObject().toString();
        assertEquals("{\"rule\":null,\"criterion\":\"wwid\",\"list\":[null]}\n", json);
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

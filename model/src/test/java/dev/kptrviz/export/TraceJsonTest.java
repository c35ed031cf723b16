package dev.kptrviz.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kptrviz.CliRunner;
import dev.kptrviz.session.Session;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trace as one JSON document: every recorded step, in the very shape of {@code trace --json}'s lines. */
class TraceJsonTest {
    private static final Path SRC = Path.of(System.getProperty("kptrviz.repo", ".."), "src");
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theDocumentHasEveryStepTheSessionRecorded() throws Exception {
        Session s = ExportFixtures.open("motivating.o", "motivating");
        s.runToEnd();
        JsonNode doc = mapper.readTree(TraceJson.of(s, "motivating.o"));
        assertEquals("motivating", doc.get("program").asText());
        assertEquals("motivating.o", doc.get("file").asText());
        assertEquals("current", doc.get("semantics").asText());
        assertEquals("accepted", doc.get("verdict").asText());
        assertEquals(s.recorded(), doc.get("steps").size(), "one entry per recorded step");
        assertEquals(33, doc.get("steps").size());
        assertEquals(s.recorded(), doc.get("summary").get("steps").asLong());
        assertEquals(0, doc.get("summary").get("retval").asInt());
        assertTrue(doc.get("diagnostic").isNull());
        for (int i = 0; i < doc.get("steps").size(); i++) {
            assertEquals(i + 1, doc.get("steps").get(i).get("step").asInt());
        }
    }

    @Test
    void stepsAreTheSameObjectsAsTheJsonLines() throws Exception {
        Session s = ExportFixtures.open("motivating.o", "motivating");
        s.runToEnd();
        JsonNode steps = mapper.readTree(TraceJson.of(s, null)).get("steps");
        CliRunner.Out lines = CliRunner.run("trace", "--json", SRC.resolve("motivating.o").toString());
        List<String> l = List.of(lines.out().strip().split("\n"));
        assertEquals(steps.size() + 1, l.size(), "a line per step and the summary");
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(mapper.readTree(l.get(i)), steps.get(i), "step " + (i + 1));
        }
    }

    @Test
    void aRejectionOnThePathIsInTheDocument() throws Exception {
        Session s = ExportFixtures.open("use_after_unlock.o", "use_after_unlock");
        s.runToEnd();
        JsonNode doc = mapper.readTree(TraceJson.of(s, "use_after_unlock.o"));
        assertEquals("rejected", doc.get("verdict").asText());
        assertEquals("R6 invalid mem access 'scalar'", doc.get("diagnostic").get("message").asText());
        assertEquals(s.position(), doc.get("steps").size(), "the run stops before the refused instruction");
        assertTrue(doc.get("summary").get("retval").isNull(), "it did not exit");
    }
}

package dev.kptrviz.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kptrviz.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code trace} and {@code graph} commands on the motivating example. */
class TraceCliTest {
    private static final Path SRC = Path.of(System.getProperty("kptrviz.repo", ".."), "src");

    static String[] run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new String[]{Integer.toString(code), out.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void traceJsonLinesHaveTheStableShapeAndASummary() throws Exception {
        String[] r = run("trace", "--json", SRC.resolve("motivating.o").toString());
        assertEquals("0", r[0], r[1]);
        String[] lines = r[1].strip().split("\n");
        ObjectMapper m = new ObjectMapper();
        for (int i = 0; i < lines.length - 1; i++) {
            JsonNode n = m.readTree(lines[i]);
            for (String k : new String[]{"step", "pc", "insn", "line", "regs", "events", "alarms"}) {
                assertTrue(n.has(k), k + " in " + lines[i]);
            }
            assertEquals(i + 1, n.get("step").asInt());
        }
        JsonNode sum = m.readTree(lines[lines.length - 1]).get("summary");
        assertEquals(lines.length - 1, sum.get("steps").asInt());
        assertEquals("accepted", sum.get("verdict").asText());
        assertEquals(0, sum.get("retval").asInt());
        assertEquals(0, sum.get("alarms").asInt());
        assertTrue(r[1].contains("\"kind\":\"INSERT_OK\""));
    }

    @Test
    void traceTextStopsAtAStepAndAtAnError() {
        String[] r = run("trace", "--until", "5", SRC.resolve("motivating.o").toString());
        assertTrue(r[1].contains("summary: 5 steps"), r[1]);
        r = run("trace", "--until", "error", SRC.resolve("nonowning_to_rbtree_add.o").toString());
        assertEquals("1", r[0]);
        assertTrue(r[1].contains("verifier rejects insn"), r[1]);
        assertTrue(r[1].contains("arg#1 expected pointer to allocated object"), r[1]);
    }

    @Test
    void graphPrintsDotAndJson() throws Exception {
        String[] r = run("graph", "--format", "dot", SRC.resolve("motivating.o").toString());
        assertEquals("0", r[0]);
        assertTrue(r[1].startsWith("digraph"), r[1]);
        assertTrue(r[1].contains("refcount 2"), r[1]);
        assertTrue(r[1].contains("style=dotted"), r[1]);
        r = run("graph", "--step", "29", SRC.resolve("motivating.o").toString());
        JsonNode g = new ObjectMapper().readTree(r[1]);
        assertEquals(29, g.get("step").asInt());
        assertTrue(g.has("objects") && g.has("roots") && g.has("pointers") && g.has("changes"));
    }
}

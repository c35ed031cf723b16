package dev.kptrviz.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kptrviz.CliRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kptrviz compare}: both verdicts, the first difference, exit codes as diff(1). */
class CompareCliTest {
    private static final Path SRC = Path.of(System.getProperty("kptrviz.repo", ".."), "src");

    private static String obj(String name) {
        return SRC.resolve(name + ".o").toString();
    }

    @Test
    void motivatingDiffersAtLoadByDefault63Against64() {
        CliRunner.Out r = CliRunner.run("compare", obj("motivating"));
        assertEquals(1, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("motivating.o: program motivating", lines[0]);
        assertEquals("left  6.3: rejected at load: BTF: EINVAL (bpf_list_node and bpf_rb_node in one struct)",
                lines[1]);
        assertEquals("right 6.4: accepted", lines[2]);
        assertEquals("first difference: program load, VERDICT", lines[3]);
        assertEquals("  6.4:     loads and runs", lines[5]);
        assertTrue(r.out().contains("differences: 1\n"), r.out());
    }

    @Test
    void removeUncheckedNamesTheRemoveCallAndTheRefusal() {
        CliRunner.Out r = CliRunner.run("compare", "--left", "6.3", "--right", "6.4", obj("remove_unchecked"));
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("right 6.4: rejected at insn 37 (line 58): R6 invalid mem access 'ptr_or_null_'"),
                r.out());
        assertTrue(r.out().contains("first difference: step 22, insn 32 (line 54), REFERENCE_KIND: "
                + "call bpf_rbtree_remove#29\n  6.3:     r0 is owning (ref from insn 32)\n"
                + "  6.4:     r0 is owning, maybe NULL (ref from insn 32)\n"), r.out());
        assertTrue(r.out().contains("step 25, insn 37 (line 58)         VERDICT        r7 = *(u64 *)(r6 +32)"),
                r.out());
    }

    @Test
    void agreementExitsZero() {
        CliRunner.Out r = CliRunner.run("compare", "--left", "6.4", "--right", "current", obj("drain_loop"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("no difference: 6.4 and current (6.18) agree on this run"), r.out());
    }

    @Test
    void jsonHasBothVerdictsAndTheDifferences() throws Exception {
        CliRunner.Out r = CliRunner.run("compare", "--json", "--prog", "remove_unchecked", obj("remove_unchecked"));
        assertEquals(1, r.exit(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertEquals("remove_unchecked", n.get("program").asText());
        assertEquals("accepted", n.get("left").get("verdict").asText());
        assertEquals("rejected", n.get("right").get("verdict").asText());
        assertEquals(37, n.get("right").get("error").get("insn").asInt());
        assertEquals(false, n.get("right").get("error").get("atLoad").asBoolean());
        JsonNode first = n.get("first");
        assertEquals("STEP", first.get("scope").asText());
        assertEquals(32, first.get("pc").asInt());
        assertEquals("REFERENCE_KIND", first.get("category").asText());
        assertEquals("ptr 0:r0", first.get("rightKeys").get(0).asText());
        assertEquals(2, n.get("differences").size());
        assertEquals("VERDICT", n.get("differences").get(1).get("category").asText());
        assertEquals(false, n.get("truncated").asBoolean());

        JsonNode load = new ObjectMapper().readTree(CliRunner.run("compare", "--json", obj("double_insert")).out());
        assertEquals(true, load.get("left").get("error").get("atLoad").asBoolean());
        assertEquals("LOAD", load.get("first").get("scope").asText());
        assertEquals(-1, load.get("first").get("pc").asInt());
    }

    @Test
    void badRulesOrFileExitTwo() {
        CliRunner.Out r = CliRunner.run("compare", "--left", "5.9", obj("motivating"));
        assertEquals(2, r.exit());
        assertEquals("kptrviz: unknown semantics '5.9': use 6.3, 6.4 or current", r.err().strip());
        r = CliRunner.run("compare", "--prog", "nope", obj("motivating"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("motivating.o has no program nope"), r.err());
    }
}

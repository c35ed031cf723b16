package dev.kptrviz.runtime;

import dev.kptrviz.CliRunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kptrviz run}: the JSON shape, the text, and the exit codes 0 / 1 / 2. */
class RunCommandTest {
    private static final Path SRC = Path.of(System.getProperty("kptrviz.repo", ".."), "src");

    static CliRunner.Out run(String... args) {
        return CliRunner.run(args);
    }

    private static String src(String name) {
        return SRC.resolve(name).toString();
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        CliRunner.Out r = run("run", "--json", src("motivating.o"));
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(List.of("file", "programs"), fieldNames(root));
        assertEquals("motivating.o", root.get("file").asText());
        JsonNode p = root.get("programs").get(0);
        assertEquals(List.of("name", "retval", "printk", "findings", "heap"), fieldNames(p));
        assertEquals("motivating", p.get("name").asText());
        assertEquals(0, p.get("retval").asInt());
        assertTrue(p.get("printk").isArray() && p.get("findings").isArray() && p.get("heap").isArray());
        JsonNode obj = p.get("heap").get(0);
        assertEquals(1, obj.get("id").asInt());
        assertEquals("struct node", obj.get("type").asText());
        assertEquals(2, obj.get("refcount").asInt());
        assertEquals(1, obj.get("fields").get("key").asInt());
        assertEquals(2, obj.get("owners").size());
    }

    @Test
    void oneJsonObjectPerFileAndFindingsHaveKindInsnLineMessage() throws Exception {
        CliRunner.Out r = run("run", "--json", "--anyway", src("leak_owning.o"), src("drain_loop.o"));
        assertEquals(1, r.exit(), "leak_owning has a finding");
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length);
        ObjectMapper om = new ObjectMapper();
        JsonNode leak = om.readTree(lines[0]).get("programs").get(0).get("findings").get(0);
        assertEquals(List.of("kind", "insn", "line", "message"), fieldNames(leak));
        assertEquals("LEAK", leak.get("kind").asText());
        assertEquals(3, leak.get("insn").asInt());
        assertEquals(29, leak.get("line").asInt());
        assertEquals(515, om.readTree(lines[1]).get("programs").get(0).get("retval").asInt());
    }

    @Test
    void exitCodes() {
        assertEquals(0, run("run", src("drain_loop.o")).exit());
        CliRunner.Out rejected = run("run", src("use_after_unlock.o"));
        assertEquals(1, rejected.exit(), "the verifier rejects it: not run");
        assertTrue(rejected.out().contains("not run") && rejected.out().contains("--anyway"), rejected.out());
        CliRunner.Out anyway = run("run", "--anyway", src("use_after_unlock.o"));
        assertEquals(1, anyway.exit());
        assertTrue(anyway.out().contains("NON_OWNING_AFTER_UNLOCK at insn 24 (line 49)"), anyway.out());
        assertEquals(2, run("run", "--semantics", "5.0", src("drain_loop.o")).exit());
        assertEquals(2, run("run", "--prog", "nope", src("drain_loop.o")).exit());
        assertEquals(2, run("run", "--fail", "bpf_nothing:1", src("drain_loop.o")).exit());
        assertEquals(2, run("run", "--frobnicate", src("drain_loop.o")).exit());
    }

    @Test
    void badFilesExitWithTwoAndSayWhy(@TempDir Path dir) throws Exception {
        Path cut = dir.resolve("cut.o");
        Files.write(cut, new byte[40]);
        CliRunner.Out r = run("run", cut.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("kptrviz: cannot load cut.o"), r.err());
    }

    @Test
    void textShowsHeapCollectionsAndRepeatedRuns() {
        CliRunner.Out r = run("run", "--repeat", "2", src("double_insert.o"));
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("program double_insert, run 2"), r.out());
        assertTrue(r.out().contains("return value: -22"), r.out());
        assertTrue(r.out().contains("rbtree groot"), r.out());
        CliRunner.Out fault = run("run", "--anyway", "--fail-alloc", "1", src("obj_new_no_null_check.o"));
        assertEquals(1, fault.exit());
        assertTrue(fault.out().contains("NULL_DEREFERENCE at insn 5"), fault.out());
        CliRunner.Out older = run("run", "--semantics", "6.3", src("motivating.o"));
        assertEquals(1, older.exit());
        assertTrue(older.out().contains("not run"), older.out());
    }
}

package dev.kptrviz.cli;

import dev.kptrviz.CliRunner;
import dev.kptrviz.program.ClangBuild;
import org.junit.jupiter.api.Assumptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    private static final Path SRC = Path.of(System.getProperty("kptrviz.repo", ".."), "src");

    static CliRunner.Out run(String... args) {
        return CliRunner.run(args);
    }

    @Test
    void dumpPrintsListingWithSourceLinesAndRoots() {
        CliRunner.Out r = run("dump", SRC.resolve("motivating.o").toString());
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("program motivating  section tc  45 insns"), out);
        assertTrue(out.contains("function node_less            insns 39..44  callback"), out);
        int source = out.indexOf("; bpf_rbtree_add(&groot, &m->rb, node_less);");
        int call = out.indexOf("33: (85) call bpf_rbtree_add_impl#");
        assertTrue(source > 0 && call > source, "C line before its call");
        assertTrue(out.contains("29: (18) r3 = 0x9  ; callback node_less"), out);
        assertTrue(out.contains("19: (18) r1 = map[.data.A]+8  ; ghead"), out);
        assertTrue(out.contains("groot      rbtree in .data.A      at +24   holds struct node.rb (node at +16)"), out);
        assertTrue(out.contains("guarded by glock (.data.A+0)"), out);
        assertTrue(out.contains("struct bpf_rb_node rb;                  /*     16    32 */"), out);
    }

    @Test
    void badInputExitsWithTwoAndNamesThePlace(@TempDir Path dir) throws Exception {
        byte[] good = Files.readAllBytes(SRC.resolve("motivating.o"));
        Path cut = dir.resolve("cut.o");
        Files.write(cut, Arrays.copyOf(good, 40));
        CliRunner.Out r = run("dump", cut.toString());
        assertEquals(2, r.exit());
        assertEquals("kptrviz: cannot load cut.o, ELF header: file is 40 bytes, too short for an ELF64 header "
                + "(64 bytes)", r.err().strip());
        CliRunner.Out missing = run("dump", dir.resolve("nope.o").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("cannot read the file"), missing.err());
    }

    @Test
    void aCSourceIsCompiledFirstWhenClangIsInstalled(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ClangBuild.find().compiler().isPresent(),
                "no clang-16/clang on the PATH: install it with " + ClangBuild.INSTALL + " to run this test");
        Path source = Files.copy(SRC.resolve("motivating.c"), dir.resolve("motivating.c"));
        CliRunner.Out r = run("verify", source.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("motivating.c: motivating (current semantics): accepted"), r.out());
        Path broken = Files.writeString(dir.resolve("broken.c"), "long f(void) { return nope; }\n");
        CliRunner.Out bad = run("run", broken.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("kptrviz: cannot load broken.c: "), bad.err());
        assertTrue(bad.err().contains("broken.c:1:23: error: use of undeclared identifier 'nope'"), bad.err());
    }

    @Test
    void invalidOptionsExitWithTwo() {
        assertEquals(2, run("dump", "--frobnicate").exit());
        assertEquals(2, run("no-such-command").exit());
    }

    @Test
    void helpAndExamplesWork() {
        CliRunner.Out help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("dump"), help.out());
        CliRunner.Out ex = run("examples");
        assertEquals(0, ex.exit());
        assertTrue(ex.out().lines().anyMatch(l -> l.startsWith("motivating ") && l.contains("rejected  accepted  accepted")),
                ex.out());
    }
}

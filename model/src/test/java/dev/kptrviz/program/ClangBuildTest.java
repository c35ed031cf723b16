package dev.kptrviz.program;

import dev.kptrviz.LoadException;
import dev.kptrviz.TestObjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opening a C source: compiled with the examples' flags and the bundled header when clang is there; a clear
 * message naming what to install when it is not; the compiler's own error line when the source is wrong.
 * The compiler is injected (never taken from this machine's environment) except where a real clang is needed.
 */
class ClangBuildTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** The real clang of this machine, or a skip that says how to get one. */
    private static ClangBuild realClang() {
        ClangBuild clang = ClangBuild.find();
        assumeTrue(clang.compiler().isPresent(),
                "no clang-16/clang on the PATH: install it with " + ClangBuild.INSTALL + " to run this test");
        return clang;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** A stand-in compiler: a shell script. */
    private Path script(String name, String body) throws IOException {
        Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void aCopyOfTheMotivatingSourceCompilesToTheBundledObjectsInstructions() throws Exception {
        ClangBuild clang = realClang();
        // Only the .c is copied: kptrviz.h must come from the bundled include directory.
        Path source = write("motivating.c", Examples.text("motivating.c").orElseThrow());
        BpfObject compiled = clang.open(source);
        BpfObject bundled = Loader.load(TestObjects.bytes(Examples.MOTIVATING), Examples.MOTIVATING);

        assertEquals("motivating.o", compiled.fileName());
        Program ours = compiled.program("motivating").orElseThrow();
        Program theirs = bundled.program("motivating").orElseThrow();
        assertEquals(theirs.insns(), ours.insns(), "same flags as src/build.sh give the same code");
        assertEquals(Listing.of(theirs).stream().map(ListingLine::toString).toList(),
                Listing.of(ours).stream().map(ListingLine::toString).toList(),
                "same listing, C lines included: the source is named motivating.c, no absolute path");
        try (var left = Files.list(dir)) {
            assertEquals(List.of(source), left.toList(), "nothing is left next to the source");
        }
    }

    @Test
    void aCompileErrorQuotesTheCompilersErrorLine() throws Exception {
        ClangBuild clang = realClang();
        Path source = write("broken.c", """
                #include "kptrviz.h"

                SEC("tc")
                long broken(void *ctx)
                {
                	return no_such_variable;
                }
                """);
        LoadException e = assertThrows(LoadException.class, () -> clang.load(source));
        assertEquals("broken.c", e.where());
        assertTrue(e.reason().startsWith(clang.compiler().orElseThrow().getFileName() + " could not compile it (exit 1):\n"),
                e.reason());
        assertTrue(e.getMessage().contains("broken.c:6:9: error: use of undeclared identifier 'no_such_variable'"),
                e.getMessage());
    }

    @Test
    void anAbsentCompilerSaysWhatToInstall() throws IOException {
        Path missing = dir.resolve("no-such-clang");
        Path source = write("prog.c", "int x;\n");
        LoadException e = assertThrows(LoadException.class, () -> ClangBuild.using(missing, LIMIT).open(source));
        assertEquals("prog.c: compiling C needs clang: no clang at " + missing + ". Install it with: "
                + "apt-get install -y clang-16 llvm-16 (or set KPTRVIZ_CLANG to a clang), or open the compiled .o",
                e.getMessage());
    }

    @Test
    void findLooksAtKptrvizClangThenClang16ThenClangOnThePath() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path plain = script("bin/clang", "exit 0");
        Path sixteen = script("bin/clang-16", "exit 0");
        Path mine = script("myclang", "exit 0");

        assertEquals(sixteen, ClangBuild.find(Map.of("PATH", empty + ":" + bin), LIMIT).compiler().orElseThrow());
        Files.delete(sixteen);
        assertEquals(plain, ClangBuild.find(Map.of("PATH", bin.toString()), LIMIT).compiler().orElseThrow());
        assertEquals(mine, ClangBuild.find(Map.of("PATH", bin.toString(), ClangBuild.ENV, mine.toString()), LIMIT)
                .compiler().orElseThrow());

        ClangBuild none = ClangBuild.find(Map.of("PATH", empty.toString()), LIMIT);
        assertFalse(none.compiler().isPresent());
        LoadException e = assertThrows(LoadException.class, () -> none.load(write("a.c", "int a;\n")));
        assertTrue(e.getMessage().contains("no clang found (looked for clang-16 and clang on the PATH, and "
                + "KPTRVIZ_CLANG is not set). Install it with: apt-get install -y clang-16 llvm-16"), e.getMessage());

        ClangBuild wrong = ClangBuild.find(Map.of("PATH", bin.toString(), ClangBuild.ENV, "/nonexistent/clang"), LIMIT);
        assertFalse(wrong.compiler().isPresent(), "a wrong KPTRVIZ_CLANG is not silently replaced by the PATH's");
        e = assertThrows(LoadException.class, () -> wrong.load(dir.resolve("a.c")));
        assertTrue(e.getMessage().contains("KPTRVIZ_CLANG is set to /nonexistent/clang, which is not an executable"),
                e.getMessage());
    }

    @Test
    void theCompilersOutputIsQuotedAndCutWhenItIsLong() throws IOException {
        Path fake = script("fake-clang", "echo 'prog.c:1:1: error: first'; i=0; "
                + "while [ $i -lt 100 ]; do echo \"note $i\"; i=$((i+1)); done; exit 3");
        Path source = write("prog.c", "int x;\n");
        LoadException e = assertThrows(LoadException.class, () -> ClangBuild.using(fake, LIMIT).load(source));
        assertTrue(e.reason().startsWith("fake-clang could not compile it (exit 3):\nprog.c:1:1: error: first\nnote 0\n"),
                e.reason());
        assertTrue(e.reason().endsWith("note 23\n… (76 more lines)"), e.reason());
    }

    @Test
    void aCompilerThatSucceedsWithoutWritingTheObjectIsAnError() throws IOException {
        Path fake = script("quiet-clang", "exit 0");
        LoadException e = assertThrows(LoadException.class,
                () -> ClangBuild.using(fake, LIMIT).load(write("prog.c", "int x;\n")));
        assertEquals("prog.c: quiet-clang could not compile it (exit 0):\n(no output)", e.getMessage());
    }

    @Test
    void aHangingCompilerIsStoppedAtTheTimeLimit() throws IOException {
        Path slow = script("slow-clang", "exec sleep 30");
        long t0 = System.nanoTime();
        LoadException e = assertThrows(LoadException.class,
                () -> ClangBuild.using(slow, Duration.ofMillis(300)).load(write("prog.c", "int x;\n")));
        assertEquals("prog.c: slow-clang did not finish within 300 ms and was stopped", e.getMessage());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos(), "stopped, not waited for");
    }

    @Test
    void objectsAreLoadedWithoutAnyCompiler() throws Exception {
        Path object = Files.write(dir.resolve(Examples.MOTIVATING), TestObjects.bytes(Examples.MOTIVATING));
        BpfObject o = ClangBuild.using(dir.resolve("no-such-clang"), LIMIT).open(object);
        assertEquals(Examples.MOTIVATING, o.fileName());
        assertTrue(ClangBuild.isCSource(Path.of("a/b/x.C")));
        assertFalse(ClangBuild.isCSource(Path.of("x.o")));
        assertFalse(ClangBuild.isCSource(Path.of("c")));
    }

    @Test
    void aMissingSourceIsNamed() throws IOException {
        ClangBuild clang = ClangBuild.using(script("any-clang", "exit 0"), LIMIT);
        LoadException e = assertThrows(LoadException.class, () -> clang.load(dir.resolve("gone.c")));
        assertEquals("gone.c: cannot read the file: no such file", e.getMessage());
    }
}

package dev.kptrviz.tour;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken tour is refused with a message naming the file, the stop and the field, and never half-loaded. */
class BadTourTest {
    /** A valid first stop, so the broken second stop is the one reported. */
    private static final String GOOD = "{\"title\":\"t\",\"text\":\"x\",\"example\":\"motivating.o\","
            + "\"semantics\":\"6.4\",\"step\":3}";

    @TempDir
    Path dir;

    private static String tourWith(String secondStopFields) {
        return "{\"title\":\"T\",\"stops\":[" + GOOD + ",{\"title\":\"t\",\"text\":\"x\"," + secondStopFields + "}]}";
    }

    private static String loadError(String json) {
        return assertThrows(TourLoadException.class, () -> TourLoader.parse(json, "bad.json", Path.of("/tours")))
                .getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "`\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"step\":1,\"hightlight\":[]`"
            + " => bad.json: stop 2: 'hightlight': unknown field (allowed: title, text, example, file, program, "
            + "semantics, step, runTo, highlight)",
        "`\"semantics\":\"6.4\",\"step\":1`"
            + " => bad.json: stop 2: 'example': missing (name a bundled object such as \"motivating.o\", or a \"file\" "
            + "relative to the tour)",
        "`\"example\":\"motivate.o\",\"semantics\":\"6.4\",\"step\":1`"
            + " => bad.json: stop 2: 'example': no bundled example 'motivate.o' (the bundled objects are listed in "
            + "examples.tsv)",
        "`\"example\":\"motivating.o\",\"file\":\"m.o\",\"semantics\":\"6.4\",\"step\":1`"
            + " => bad.json: stop 2: 'file': give either \"example\" (a bundled object) or \"file\" (a path relative to "
            + "the tour), not both",
        "`\"example\":\"motivating.o\",\"semantics\":\"6.5\",\"step\":1`"
            + " => bad.json: stop 2: 'semantics': unknown version '6.5' (use \"6.3\", \"6.4\" or \"current\")",
        "`\"example\":\"motivating.o\",\"step\":1`"
            + " => bad.json: stop 2: 'semantics': missing (use \"6.3\", \"6.4\" or \"current\")",
        "`\"example\":\"motivating.o\",\"semantics\":\"6.4\"`"
            + " => bad.json: stop 2: 'step': missing (give \"step\": N or \"runTo\": \"error\" or "
            + "{\"insn\"|\"line\"|\"event\": ...})",
        "`\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"step\":1,\"runTo\":\"error\"`"
            + " => bad.json: stop 2: 'runTo': give either \"step\" or \"runTo\", not both",
        "`\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"step\":-1`"
            + " => bad.json: stop 2: 'step': must be a whole number of at least 0, was -1",
        "`\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"step\":\"3\"`"
            + " => bad.json: stop 2: 'step': must be a whole number of at least 0, was \"3\"",
        "`\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"runTo\":\"failure\"`"
            + " => bad.json: stop 2: 'runTo': unknown target 'failure' (use \"error\" or an object with \"insn\", "
            + "\"line\" or \"event\")",
        "`\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"runTo\":{\"event\":\"INSERTED\"}`"
            + " => bad.json: stop 2: 'runTo.event': unknown event kind 'INSERTED' (use one of CALL, ALLOC, REFCOUNT, "
            + "INSERT_OK, INSERT_FAILED, REMOVE, FREE, DRAINED, LOCK, UNLOCK, REF_ACQUIRED, REF_RELEASED, "
            + "NON_OWNING_INVALIDATED, PRINTK, FINDING, DIAGNOSTIC, ALARM)",
        "`\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"runTo\":{\"insn\":3,\"line\":60}`"
            + " => bad.json: stop 2: 'runTo': give only one of \"insn\", \"line\" or \"event\", not insn and line",
        "`\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"runTo\":{\"insn\":3,\"nth\":2}`"
            + " => bad.json: stop 2: 'runTo.nth': unknown field (allowed: insn, line, event, occurrence)",
        "`\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"runTo\":{\"event\":\"ALLOC\",\"occurrence\":0}`"
            + " => bad.json: stop 2: 'runTo.occurrence': must be a whole number of at least 1, was 0",
        "`\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"step\":1,\"highlight\":[\"object#1\",\"obj 1\"]`"
            + " => bad.json: stop 2: 'highlight[2]': 'obj 1' is not a highlight key (use object#ID, root NAME, "
            + "ptr FRAME:SLOT, insn N or line N)",
        "`\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"step\":1,\"highlight\":\"object#1\"`"
            + " => bad.json: stop 2: 'highlight': must be a list of keys (object#ID, root NAME, ptr FRAME:SLOT, "
            + "insn N or line N)",
        "`\"example\":\"motivating.o\",\"semantics\":6.4,\"step\":1`"
            + " => bad.json: stop 2: 'semantics': must be a string, was 6.4",
    })
    void brokenStopIsNamedWithItsField(String fields, String message) {
        assertEquals(message, loadError(tourWith(fields)));
    }

    @Test
    void missingOrEmptyTextsAreNamed() {
        assertEquals("bad.json: stop 1: 'text': missing", loadError("{\"title\":\"T\",\"stops\":[{\"title\":\"t\","
                + "\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"step\":1}]}"));
        assertEquals("bad.json: stop 1: 'title': empty", loadError("{\"title\":\"T\",\"stops\":[{\"title\":\" \","
                + "\"text\":\"x\",\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"step\":1}]}"));
    }

    @Test
    void tourLevelProblems() {
        assertEquals("bad.json: 'title': missing", loadError("{\"stops\":[" + GOOD + "]}"));
        assertEquals("bad.json: 'stops': missing (a tour needs at least one stop)", loadError("{\"title\":\"T\"}"));
        assertEquals("bad.json: 'stops': empty (a tour needs at least one stop)",
                loadError("{\"title\":\"T\",\"stops\":[]}"));
        assertEquals("bad.json: 'author': unknown field (allowed: description, stops, title)",
                loadError("{\"title\":\"T\",\"author\":\"me\",\"stops\":[" + GOOD + "]}"));
        assertEquals("bad.json: a tour is a JSON object with \"title\" and \"stops\"", loadError("[1, 2]"));
        assertEquals("bad.json: stop 1: a stop is a JSON object with \"title\", \"text\", \"example\", \"semantics\" "
                + "and \"step\" or \"runTo\"", loadError("{\"title\":\"T\",\"stops\":[3]}"));
    }

    @Test
    void invalidJsonNamesLineAndColumn() {
        String m = loadError("{\"title\": \"T\",\n  \"stops\": [,]\n}");
        assertTrue(m.startsWith("bad.json: line 2, column 13: not valid JSON: Unexpected character (','"), m);
        String dup = loadError("{\"title\":\"T\",\"title\":\"U\",\"stops\":[" + GOOD + "]}");
        assertTrue(dup.startsWith("bad.json: line 1, column ") && dup.contains("not valid JSON: Duplicate field 'title'"),
                dup);
    }

    @Test
    void aBundledTourCannotNameFilesAndAFileIsResolvedAgainstTheTour() throws TourLoadException {
        String json = tourWith("\"file\":\"objs/mine.o\",\"semantics\":\"6.4\",\"step\":1");
        TourLoadException e = assertThrows(TourLoadException.class, () -> TourLoader.parse(json, "bundled.json", null));
        assertEquals("bundled.json: stop 2: 'file': a bundled tour can only name bundled examples", e.getMessage());
        assertEquals(2, e.stop());
        assertEquals("file", e.field());
        Tour t = TourLoader.parse(json, "t.json", Path.of("/home/teacher/tours"));
        assertEquals(new ExampleRef.OnDisk(Path.of("/home/teacher/tours/objs/mine.o"), null), t.stops().get(1).example());
    }

    @Test
    void unreadableFileIsNamed() {
        Path missing = dir.resolve("nope.json");
        TourLoadException e = assertThrows(TourLoadException.class, () -> TourLoader.load(missing));
        assertEquals(missing + ": cannot read the file (NoSuchFileException: " + missing + ")", e.getMessage());
    }

    private List<String> problems(String json) throws TourLoadException {
        Resolution r = TourResolver.resolve(TourLoader.parse(json, "bad.json", dir));
        return assertInstanceOf(Resolution.Failed.class, r).problems();
    }

    @Test
    void resolverReportsEveryUnreachableStopAndMissingHighlight() throws TourLoadException, IOException {
        Files.write(dir.resolve("junk.o"), new byte[] {1, 2, 3});
        String json = "{\"title\":\"T\",\"stops\":["
                + GOOD
                + ",{\"title\":\"a\",\"text\":\"x\",\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"step\":99}"
                + ",{\"title\":\"b\",\"text\":\"x\",\"example\":\"motivating.o\",\"semantics\":\"6.4\","
                + "\"runTo\":{\"event\":\"INSERT_FAILED\"}}"
                + ",{\"title\":\"c\",\"text\":\"x\",\"example\":\"motivating.o\",\"semantics\":\"6.4\","
                + "\"runTo\":\"error\"}"
                + ",{\"title\":\"d\",\"text\":\"x\",\"example\":\"motivating.o\",\"semantics\":\"6.4\","
                + "\"runTo\":{\"event\":\"ALLOC\",\"occurrence\":2}}"
                + ",{\"title\":\"e\",\"text\":\"x\",\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"step\":3,"
                + "\"highlight\":[\"object#1\",\"ptr 0:r9\",\"insn 99\",\"line 5\"]}"
                + ",{\"title\":\"f\",\"text\":\"x\",\"example\":\"motivating.o\",\"program\":\"other\","
                + "\"semantics\":\"6.4\",\"step\":1}"
                + ",{\"title\":\"g\",\"text\":\"x\",\"example\":\"use_after_unlock.o\",\"semantics\":\"6.4\","
                + "\"step\":25}"
                + ",{\"title\":\"h\",\"text\":\"x\",\"file\":\"junk.o\",\"semantics\":\"6.4\",\"step\":0}"
                + "]}";
        List<String> p = problems(json);
        String junk = dir.resolve("junk.o").toString();
        String junkLoad;
        try {
            dev.kptrviz.program.Loader.load(dir.resolve("junk.o"));
            throw new AssertionError("junk.o loaded");
        } catch (dev.kptrviz.LoadException e) {
            junkLoad = e.getMessage();
        }
        assertEquals(List.of(
                "bad.json: stop 2: 'step': the run ends at step 33, before step 99",
                "bad.json: stop 3: 'runTo': event INSERT_FAILED is never reached (the run ends at step 33)",
                "bad.json: stop 4: 'runTo': motivating.o (motivating) is accepted under 6.4 rules: there is no error "
                        + "to stop at",
                "bad.json: stop 5: 'runTo': event ALLOC is reached 1 time(s), not 2 (the run ends at step 33)",
                "bad.json: stop 6: 'highlight': 'ptr 0:r9' is not in the graph at step 3 (it has: object#1, "
                        + "root ghead, root groot, ptr 0:r0, ref 2)",
                "bad.json: stop 6: 'highlight': 'insn 99' is not an instruction of motivating (0..44)",
                "bad.json: stop 6: 'highlight': 'line 5': no instruction of motivating comes from that C line",
                "bad.json: stop 7: 'program': motivating.o has no program 'other' (it has: motivating)",
                "bad.json: stop 8: 'step': the run stops at step 19, where the verifier rejects the next "
                        + "instruction, before step 25",
                "bad.json: stop 9: 'file': cannot load " + junk + ": " + junkLoad), p);
    }

    @Test
    void errorOffTheConcretePathIsExplained() throws TourLoadException {
        // the verifier checks the less callback on its own; this run adds to an empty tree and never calls it
        String json = "{\"title\":\"T\",\"stops\":[{\"title\":\"a\",\"text\":\"x\",\"example\":"
                + "\"remove_in_less.o\",\"semantics\":\"current\",\"runTo\":\"error\"}]}";
        assertEquals(List.of("bad.json: stop 1: 'runTo': the verifier's error in remove_in_less.o (remove_in_less) "
                + "(insn 29) is on a path the concrete run does not take; stop at a \"step\" instead"), problems(json));
    }
}

package dev.kptrviz.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kptrviz.CliRunner;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Examples;
import dev.kptrviz.verifier.Verifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code graph --format svg|png|markdown [--out]}, {@code trace --json-document}, {@code verify --log}. */
class ExportCliTest {
    private static final Path SRC = Path.of(System.getProperty("kptrviz.repo", ".."), "src");
    private static final String MOTIVATING = SRC.resolve("motivating.o").toString();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void graphSvgGoesToStandardOutputAndParses() throws Exception {
        CliRunner.Out r = CliRunner.run("graph", "--step", "29", "--format", "svg", MOTIVATING);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("<?xml"), r.out());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(r.out())));
        assertEquals("svg", d.getDocumentElement().getLocalName());
        assertTrue(r.out().contains(">rc 2</text>"), "the refcount badge");
        assertTrue(r.out().contains("line 69: bpf_spin_unlock(&amp;glock);"), "the C line in the title");
    }

    @Test
    void graphPngNeedsAFileAndWritesAnImage(@TempDir Path dir) throws Exception {
        CliRunner.Out none = CliRunner.run("graph", "--format", "png", MOTIVATING);
        assertEquals(2, none.exit());
        assertEquals("kptrviz: --format png writes an image; give the file with --out FILE.png", none.err().strip());
        assertEquals("", none.out());

        Path png = dir.resolve("g.png");
        CliRunner.Out r = CliRunner.run("graph", "--step", "29", "--format", "png", "--out", png.toString(), MOTIVATING);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out(), "nothing on standard output");
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertEquals(1200, img.getWidth());
    }

    @Test
    void graphMarkdownAndDotToAFile(@TempDir Path dir) throws Exception {
        CliRunner.Out md = CliRunner.run("graph", "--step", "29", "--format", "markdown", MOTIVATING);
        assertEquals(0, md.exit(), md.err());
        assertTrue(md.out().startsWith("## `motivating` at step 29\n"), md.out());
        assertTrue(md.out().contains("| `groot` | rbtree | `glock` held | #1 (top #1) |"), md.out());
        Path dot = dir.resolve("g.dot");
        CliRunner.Out r = CliRunner.run("graph", "--format", "dot", "-o", dot.toString(), MOTIVATING);
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(dot).startsWith("digraph ownership {"));
    }

    @Test
    void graphRefusesBadFormatsStepsAndPlaces(@TempDir Path dir) {
        CliRunner.Out bad = CliRunner.run("graph", "--format", "gif", MOTIVATING);
        assertEquals(2, bad.exit());
        assertEquals("kptrviz: --format must be one of dot, json, svg, png, markdown, not 'gif'", bad.err().strip());
        CliRunner.Out neg = CliRunner.run("graph", "--step", "-1", MOTIVATING);
        assertEquals(2, neg.exit());
        assertEquals("kptrviz: --step must be 0 or more, not -1", neg.err().strip());
        Path nowhere = dir.resolve("no/such/dir/g.svg");
        CliRunner.Out cannot = CliRunner.run("graph", "--format", "svg", "--out", nowhere.toString(), MOTIVATING);
        assertEquals(2, cannot.exit());
        assertEquals("kptrviz: cannot write " + nowhere + ": no such file or directory", cannot.err().strip());
    }

    @Test
    void traceJsonDocumentHoldsTheJsonLines() throws Exception {
        CliRunner.Out doc = CliRunner.run("trace", "--json-document", MOTIVATING);
        assertEquals(0, doc.exit(), doc.err());
        JsonNode d = mapper.readTree(doc.out());
        assertEquals("motivating", d.get("program").asText());
        assertEquals("motivating.o", d.get("file").asText());
        assertEquals("accepted", d.get("verdict").asText());
        CliRunner.Out lines = CliRunner.run("trace", "--json", MOTIVATING);
        List<String> l = List.of(lines.out().strip().split("\n"));
        assertEquals(l.size() - 1, d.get("steps").size());
        for (int i = 0; i < d.get("steps").size(); i++) {
            assertEquals(mapper.readTree(l.get(i)), d.get("steps").get(i));
        }
        assertEquals(mapper.readTree(l.get(l.size() - 1)).get("summary"), d.get("summary"));
    }

    @Test
    void traceJsonDocumentStopsAtTheErrorWithItsDiagnostic() throws Exception {
        CliRunner.Out r = CliRunner.run("trace", "--json-document", "--until", "error",
                SRC.resolve("nonowning_to_rbtree_add.o").toString());
        assertEquals(1, r.exit());
        JsonNode d = mapper.readTree(r.out());
        assertEquals("rejected", d.get("verdict").asText());
        assertEquals("DIAGNOSTIC", d.get("diagnostic").get("kind").asText());
        assertTrue(d.get("diagnostic").get("message").asText().contains("arg#1 expected pointer to allocated object"));
        assertEquals(d.get("steps").size(), d.get("summary").get("steps").asInt());

        CliRunner.Out walk = CliRunner.run("trace", "--json-document", "--failing-path",
                SRC.resolve("less_bad_ret.o").toString());
        JsonNode w = mapper.readTree(walk.out());
        assertEquals(w.get("steps").size(), w.get("summary").get("steps").asInt());
        assertFalse(w.get("diagnostic").isNull(), walk.out());
    }

    @Test
    void jsonAndJsonDocumentExcludeEachOther() {
        CliRunner.Out r = CliRunner.run("trace", "--json", "--json-document", MOTIVATING);
        assertEquals(2, r.exit());
        assertEquals("kptrviz: --json (JSON Lines) and --json-document (one document) exclude each other",
                r.err().strip());
    }

    @Test
    void verifyLogWritesTheKernelFormatLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("v.log");
        CliRunner.Out r = CliRunner.run("verify", "--log", log.toString(), MOTIVATING);
        assertEquals(0, r.exit(), r.err());
        BpfObject obj = Examples.load("motivating.o");
        String expected = Verifier.verify(obj, obj.programs().get(0), Semantics.CURRENT, 2).log();
        assertEquals(expected.endsWith("\n") ? expected : expected + "\n", Files.readString(log));
        assertTrue(Files.readString(log).startsWith("0: R1=ctx() R10=fp0\n"));
        assertFalse(r.out().contains("R10=fp0"), "the log goes to the file, not to standard output");
        assertTrue(r.out().contains("motivating.o: motivating (current semantics): accepted"), r.out());

        Path two = dir.resolve("two.log");
        r = CliRunner.run("verify", "--log", two.toString(), "--log-level", "1", MOTIVATING,
                SRC.resolve("leak_owning.o").toString());
        assertEquals(1, r.exit(), "leak_owning is rejected");
        String text = Files.readString(two);
        assertTrue(text.startsWith("# motivating.o: motivating\n"), text);
        assertTrue(text.contains("\n# leak_owning.o: leak_owning\n"), text);
    }

    @Test
    void verifyRefusesABadLogLevelAndAnUnwritableLog(@TempDir Path dir) {
        CliRunner.Out r = CliRunner.run("verify", "--log-level", "7", MOTIVATING);
        assertEquals(2, r.exit());
        assertEquals("kptrviz: --log-level must be 0, 1 or 2, not 7", r.err().strip());
        CliRunner.Out w = CliRunner.run("verify", "--log", dir.toString(), MOTIVATING);
        assertEquals(2, w.exit());
        assertTrue(w.err().startsWith("kptrviz: cannot write " + dir + ": "), w.err());
    }

    @Test
    void helpNamesTheFormats() {
        assertTrue(CliRunner.run("graph", "--help").out().contains("dot|json|svg|png|markdown"));
        assertTrue(CliRunner.run("trace", "--help").out().contains("--json-document"));
        assertTrue(CliRunner.run("verify", "--help").out().contains("--log=FILE"));
    }
}

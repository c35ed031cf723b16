package dev.kptrviz.program;

import dev.kptrviz.LoadException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The example corpus bundled in the model jar (copied from the repository's {@code src/} at
 * build time under {@code examples/}): the table {@code examples.tsv}, the objects and their C
 * sources.
 */
public final class Examples {
    /** The series' motivating example: list push plus rbtree add of one refcounted node. */
    public static final String MOTIVATING = "motivating.o";
    private static final String BASE = "/examples/";

    private Examples() {
    }

    public static List<Example> all() {
        String tsv = text("examples.tsv").orElseThrow(() -> new IllegalStateException(
                "examples.tsv is missing from the classpath: the model jar was built without src/"));
        List<Example> out = new ArrayList<>();
        String[] rows = tsv.split("\n");
        for (int i = 1; i < rows.length; i++) {
            if (rows[i].isBlank() || rows[i].startsWith("#")) {
                continue;
            }
            String[] c = rows[i].split("\t", -1);
            if (c.length < 10) {
                throw new IllegalStateException("examples.tsv line " + (i + 1) + " has " + c.length
                        + " columns, expected 10");
            }
            out.add(new Example(c[0], c[1], c[2], c[3], c[4], dash(c[5]), dash(c[6]), dash(c[7]),
                    dash(c[8]) == null ? null : Long.parseLong(c[8].trim()), c[9]));
        }
        return List.copyOf(out);
    }

    public static Optional<Example> byProgram(String program) {
        return all().stream().filter(e -> e.program().equals(program)).findFirst();
    }

    /** The bytes of a bundled file, e.g. {@code motivating.o}. */
    public static Optional<byte[]> bytes(String file) {
        try (InputStream in = Examples.class.getResourceAsStream(BASE + file)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> text(String file) {
        return bytes(file).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Loads a bundled object. */
    public static BpfObject load(String objectFile) throws LoadException {
        byte[] b = bytes(objectFile).orElseThrow(() -> new LoadException(objectFile, "no such bundled example"));
        return Loader.load(b, objectFile);
    }

    private static String dash(String s) {
        return s == null || s.isBlank() || s.equals("-") ? null : s;
    }
}

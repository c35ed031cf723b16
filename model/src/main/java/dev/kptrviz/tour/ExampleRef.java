package dev.kptrviz.tour;

import java.nio.file.Path;

/** The object file a stop shows, and optionally which of its programs (null: the first). */
public sealed interface ExampleRef {
    String program();

    /** How messages name the object. */
    String displayName();

    /** An object bundled with KptrViz (a row of examples.tsv), e.g. {@code motivating.o}. */
    record Bundled(String file, String program) implements ExampleRef {
        @Override
        public String displayName() {
            return file;
        }
    }

    /** An object file on disk; {@code path} is already resolved against the tour file's directory. */
    record OnDisk(Path path, String program) implements ExampleRef {
        @Override
        public String displayName() {
            return path.toString();
        }
    }
}

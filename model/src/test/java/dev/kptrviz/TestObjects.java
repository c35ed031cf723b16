package dev.kptrviz;

import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;

import java.util.LinkedHashMap;
import java.util.Map;

/** The example objects every model test runs on: the real clang output bundled from src/. */
public final class TestObjects {
    private TestObjects() {
    }

    /** File name to bytes, for every object listed in examples.tsv. */
    public static Map<String, byte[]> all() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Example e : Examples.all()) {
            out.computeIfAbsent(e.objectFile(), f -> Examples.bytes(f)
                    .orElseThrow(() -> new AssertionError("examples.tsv lists " + f + " but it is not bundled")));
        }
        if (out.size() < 16) {
            throw new AssertionError("expected at least 16 example objects, found " + out.size());
        }
        return out;
    }

    public static byte[] bytes(String file) {
        return Examples.bytes(file).orElseThrow(() -> new AssertionError("no bundled " + file));
    }
}

package dev.kptrviz.app;

import dev.kptrviz.kfunc.CallSpec;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.Specs;

import java.util.Optional;

/** The plain-English explanation of a called kfunc or helper, straight from its spec in the model. */
final class CallDocs {
    /** What a hover shows: the called name, what kind of call it is, and the spec's explanation. */
    record Doc(String name, String kind, String explanation) {
        String text() {
            return name + " (" + kind + ")\n" + explanation;
        }
    }

    private CallDocs() {
    }

    static Optional<Doc> kfunc(String name) {
        return Kfunc.byName(name).map(k -> doc(name, "kfunc", Specs.of(k)));
    }

    static Optional<Doc> helper(String name) {
        return Specs.helpers().values().stream()
                .filter(h -> h.name().equals(name))
                .findFirst()
                .map(h -> doc(name, "helper", h));
    }

    private static Doc doc(String name, String kind, CallSpec spec) {
        return new Doc(name, kind, spec.explain());
    }
}

package dev.kptrviz.export;

import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Examples;
import dev.kptrviz.session.Breakpoint;
import dev.kptrviz.session.EventKind;
import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.Session;
import dev.kptrviz.session.SessionInputs;
import dev.kptrviz.session.StepRecord;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Sessions and graphs the export tests draw: the motivating example at its interesting steps, and odd names. */
final class ExportFixtures {
    private ExportFixtures() {
    }

    static Session open(String objectFile, String program) {
        try {
            BpfObject obj = Examples.load(objectFile);
            return Session.open(obj, obj.program(program).orElseThrow(), Semantics.CURRENT, SessionInputs.defaults());
        } catch (LoadException e) {
            throw new AssertionError(e);
        }
    }

    /** The motivating example right after the step that called {@code kfunc} (found by the session, not by number). */
    static Session motivatingAfter(String kfunc) {
        Session s = open("motivating.o", "motivating");
        s.addBreakpoint(new Breakpoint.OnEvent(EventKind.CALL));
        StepRecord r;
        do {
            dev.kptrviz.session.Stop stop = s.runToStop();
            assertNotNull(stop, "no call of " + kfunc);
            r = s.record(stop.position());
        } while (r.events().stream().noneMatch(e -> e.kind() == EventKind.CALL && e.detail().startsWith(kfunc)));
        s.clearBreakpoints();
        return s;
    }

    /**
     * A hand-made graph whose names carry every character that needs escaping somewhere: XML's {@code & < > " '},
     * DOT's {@code " \} and record syntax {@code { } | < >}, Markdown's {@code | ` *}, a line break and a control
     * character.
     */
    static OwnershipGraph oddNames() {
        String root = "we\"ird|<root>&{x}\\n";
        OwnershipGraph.ObjectNode o = new OwnershipGraph.ObjectNode(1, "struct a|b<c>{d}\"e\u0001", Map.of("f`|*", 7L),
                2, List.of(new OwnershipGraph.Owner(root, "list", "ll", false)), false);
        OwnershipGraph.Root r = new OwnershipGraph.Root(root, "list", new OwnershipGraph.Lock(true, "lo|ck\"<&>"),
                List.of(1), List.of());
        OwnershipGraph.Pointer p = new OwnershipGraph.Pointer(0, "fp-8", 1, 0, "owning", 2, "&#1 a|b", "ptr_<a>|b");
        return new OwnershipGraph(3, 7, "r1 = \"x\" | <y> & \\z", 12, "current", List.of(o), List.of(r), List.of(p),
                List.of(new OwnershipGraph.RefEntry(2, "owning", 4, 11, 1)), new OwnershipGraph.Lock(true, "lo|ck\"<&>"),
                List.of("bad | thing\nsecond line"), List.of(), List.of(), OwnershipGraph.Changes.NONE);
    }
}

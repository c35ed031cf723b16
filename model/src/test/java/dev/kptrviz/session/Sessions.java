package dev.kptrviz.session;

import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Examples;

/** Shorthands for the session tests: a session on a bundled example. */
final class Sessions {
    private Sessions() {
    }

    static Session open(String objectFile, String program, Semantics sem) {
        try {
            BpfObject obj = Examples.load(objectFile);
            return Session.open(obj, obj.program(program).orElseThrow(), sem, SessionInputs.defaults());
        } catch (LoadException e) {
            throw new AssertionError(e);
        }
    }

    static Session open(String program) {
        return open(program + ".o", program, Semantics.CURRENT);
    }
}

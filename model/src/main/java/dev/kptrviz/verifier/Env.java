package dev.kptrviz.verifier;

import dev.kptrviz.btf.Btf;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;

/** What one verification run shares across states: the program, the rules, the id generator. */
final class Env {
    final BpfObject object;
    final Program program;
    final Semantics sem;
    /** The program BTF as the kernel sees it: null when the kernel refused it. */
    final Btf btf;
    /** Why the kernel refuses the program BTF, or null. */
    final String btfRefusal;
    int idGen;
    final StringBuilder log = new StringBuilder();
    final int logLevel;

    /**
     * True to step into global functions like static ones. The lockstep follower needs that (the
     * concrete machine executes their bodies); the verifier proper checks them separately, as the
     * kernel does.
     */
    final boolean inlineGlobals;
    /** Global functions called so far, by first instruction, in call order. */
    final java.util.LinkedHashSet<Integer> calledGlobals = new java.util.LinkedHashSet<>();

    Env(BpfObject object, Program program, Semantics sem, Btf btf, int logLevel) {
        this(object, program, sem, btf, null, logLevel, true);
    }

    Env(BpfObject object, Program program, Semantics sem, Btf btf, String btfRefusal, int logLevel,
        boolean inlineGlobals) {
        this.inlineGlobals = inlineGlobals;
        this.object = object;
        this.btfRefusal = btfRefusal;
        this.program = program;
        this.sem = sem;
        this.btf = btf;
        this.logLevel = logLevel;
    }

    int newId() {
        return ++idGen;
    }
}

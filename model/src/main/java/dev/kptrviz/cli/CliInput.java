package dev.kptrviz.cli;

import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.ClangBuild;
import dev.kptrviz.program.Program;
import dev.kptrviz.session.Session;
import dev.kptrviz.session.SessionInputs;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * How every command reads its input: an object file, or a C source compiled first; a refused file is one line
 * on stderr ("kptrviz: cannot load ...") and a null, so each command decides its exit code in one place.
 */
final class CliInput {
    private CliInput() {
    }

    /** The object, or null after saying why it could not be loaded. */
    static BpfObject load(Path file, PrintWriter err) {
        try {
            return ClangBuild.find().open(file);
        } catch (LoadException e) {
            err.println("kptrviz: cannot load " + e.getMessage());
            return null;
        }
    }

    /** The programs {@code prog} selects (all when null); empty after saying none matched. */
    static List<Program> programs(BpfObject obj, String prog, PrintWriter err) {
        List<Program> ps = obj.programs().stream().filter(p -> prog == null || p.name().equals(prog)).toList();
        if (ps.isEmpty()) {
            err.println("kptrviz: " + obj.fileName() + " has no program " + (prog == null ? "" : prog));
        }
        return ps;
    }

    /** The one program {@code prog} names (the first when null), or null after saying why not. */
    static Program program(BpfObject obj, String prog, PrintWriter err) {
        List<Program> ps = programs(obj, prog, err);
        return ps.isEmpty() ? null : ps.get(0);
    }

    /** Loads the object and opens a lockstep session on the chosen program, or reports why not (null). */
    static Session session(Path file, String prog, Semantics sem, long seed, PrintWriter err) {
        BpfObject obj = load(file, err);
        Program p = obj == null ? null : program(obj, prog, err);
        return p == null ? null : Session.open(obj, p, sem, SessionInputs.defaults().withSeed(seed));
    }
}

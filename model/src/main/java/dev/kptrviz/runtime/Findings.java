package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.FindingKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The findings of a machine, each reported once per run and place, at most {@value #MAX} in all. */
final class Findings {
    static final int MAX = 1000;

    final List<Finding> all = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    /** Adds a finding unless the same one was already reported in this run; returns it or null. */
    Finding add(FindingKind kind, int insn, Integer line, String message, boolean fatal, int run) {
        if (!fatal && (all.size() >= MAX || !seen.add(run + "|" + kind + "|" + insn + "|" + message))) {
            return null;
        }
        Finding f = new Finding(kind, insn, line, message, fatal, run);
        all.add(f);
        return f;
    }

    /** Back to exactly {@code known} (a checkpoint's copy); the per-run dedup set is rebuilt from it. */
    void restore(List<Finding> known) {
        all.clear();
        all.addAll(known);
        seen.clear();
        for (Finding f : known) {
            if (!f.fatal()) {
                seen.add(f.run() + "|" + f.kind() + "|" + f.insn() + "|" + f.message());
            }
        }
    }
}

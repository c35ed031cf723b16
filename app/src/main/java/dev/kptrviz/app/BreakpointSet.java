package dev.kptrviz.app;

import dev.kptrviz.session.Breakpoint;
import dev.kptrviz.session.EventKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The debugger's breakpoints as the user set them (in the listing's margin, in the Breakpoints pane), in
 * the order set, each at most once per place. {@link SessionController} hands them to every session it opens
 * and tells the listeners after each change; the model's {@link Breakpoint} records are the values.
 */
final class BreakpointSet {
    private final List<Breakpoint> all = new ArrayList<>();
    private final List<Runnable> listeners = new ArrayList<>();

    /** Called after every change, in the order registered. */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        List.copyOf(listeners).forEach(Runnable::run);
    }

    List<Breakpoint> all() {
        return List.copyOf(all);
    }

    /** The instructions with a breakpoint (conditional or not). */
    Set<Integer> instructions() {
        Set<Integer> pcs = new TreeSet<>();
        all.forEach(b -> {
            if (b.location() instanceof Breakpoint.AtInsn a) {
                pcs.add(a.pc());
            }
        });
        return pcs;
    }

    /** The C lines with a breakpoint (conditional or not). */
    Set<Integer> lines() {
        Set<Integer> lines = new TreeSet<>();
        all.forEach(b -> {
            if (b.location() instanceof Breakpoint.AtLine l) {
                lines.add(l.line());
            }
        });
        return lines;
    }

    /** The event kinds with a breakpoint (conditional or not). */
    Set<EventKind> events() {
        Set<EventKind> kinds = new TreeSet<>();
        all.forEach(b -> {
            if (b.location() instanceof Breakpoint.OnEvent e) {
                kinds.add(e.kind());
            }
        });
        return kinds;
    }

    /**
     * The instructions with a breakpoint, as the listing's margin toggles them: instruction breakpoints not
     * in {@code pcs} go (with their conditions), new ones come.
     */
    void setInstructions(Set<Integer> pcs) {
        boolean changed = all.removeIf(b -> b.location() instanceof Breakpoint.AtInsn a && !pcs.contains(a.pc()));
        Set<Integer> have = instructions();
        for (int pc : new TreeSet<>(pcs)) {
            if (!have.contains(pc)) {
                all.add(new Breakpoint.AtInsn(pc));
                changed = true;
            }
        }
        if (changed) {
            changed();
        }
    }

    /** Toggles the breakpoint on C line {@code line} (with any condition it has). */
    void toggleLine(int line) {
        if (!all.removeIf(at(new Breakpoint.AtLine(line)))) {
            all.add(new Breakpoint.AtLine(line));
        }
        changed();
    }

    /** Adds a breakpoint on C line {@code line} unless it has one. */
    void addLine(int line) {
        if (!lines().contains(line)) {
            all.add(new Breakpoint.AtLine(line));
            changed();
        }
    }

    /** Sets or clears the breakpoint on events of kind {@code kind}. */
    void setEvent(EventKind kind, boolean on) {
        Predicate<Breakpoint> same = at(new Breakpoint.OnEvent(kind));
        boolean has = all.stream().anyMatch(same);
        if (on == has) {
            return;
        }
        if (on) {
            all.add(new Breakpoint.OnEvent(kind));
        } else {
            all.removeIf(same);
        }
        changed();
    }

    /**
     * Gives breakpoint {@code b} the register condition {@code text} ({@code r0 == 0}; blank: none), or
     * returns why not (the model's words for a condition it cannot read).
     */
    Optional<String> setCondition(Breakpoint b, String text) {
        int i = all.indexOf(b);
        if (i < 0) {
            return Optional.of("that breakpoint is gone");
        }
        Breakpoint with;
        try {
            with = text == null || text.isBlank() ? b.location() : Breakpoint.When.parse(b.location(), text);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!with.equals(b)) {
            all.set(i, with);
            changed();
        }
        return Optional.empty();
    }

    void remove(Breakpoint b) {
        if (all.remove(b)) {
            changed();
        }
    }

    void clear() {
        if (!all.isEmpty()) {
            all.clear();
            changed();
        }
    }

    /** Another program is shown: its instructions and lines mean nothing there, so those breakpoints go. */
    void dropLocations() {
        if (all.removeIf(b -> !(b.location() instanceof Breakpoint.OnEvent))) {
            changed();
        }
    }

    private static Predicate<Breakpoint> at(Breakpoint location) {
        return b -> b.location().equals(location);
    }
}

package dev.kptrviz.app;

import dev.kptrviz.kfunc.Semantics;

import java.util.List;

/**
 * The model's three rule presets as the window names them. {@code current} is the running
 * 6.18 kernel (the model's {@link Semantics#CURRENT}); the other two are named by their kernel.
 */
final class Rules {
    static final List<Semantics> ALL = List.of(Semantics.V6_3, Semantics.V6_4, Semantics.CURRENT);
    static final Semantics DEFAULT = Semantics.CURRENT;

    private Rules() {
    }

    /** The kernel version whose rules these are: "6.3", "6.4" or "6.18". */
    static String kernel(Semantics s) {
        return s.name().equals(Semantics.CURRENT.name()) ? "6.18" : s.name();
    }

    /** "6.18 rules", as banners and the status bar say it. */
    static String rules(Semantics s) {
        return kernel(s) + " rules";
    }

    /** The selector's entry: preset name and what it stands for. */
    static String label(Semantics s) {
        if (s.name().equals(Semantics.CURRENT.name())) {
            return "current (6.18)";
        }
        return s.sharedOwnership() ? s.name() + " (shared ownership)" : s.name() + " (exclusive ownership)";
    }
}

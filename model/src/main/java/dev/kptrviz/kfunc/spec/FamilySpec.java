package dev.kptrviz.kfunc.spec;

import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.KfuncSpec;

import java.util.Set;

/**
 * A spec class that stands for a family of kfuncs sharing one rule (push front/back, pop
 * front/back, rbtree first/root/left/right, ...): it is built for one member of the family.
 */
abstract class FamilySpec implements KfuncSpec {
    protected final Kfunc kfunc;

    FamilySpec(Kfunc kfunc, Set<Kfunc> family) {
        if (!family.contains(kfunc)) {
            throw new IllegalArgumentException(kfunc + " is not one of " + family);
        }
        this.kfunc = kfunc;
    }

    @Override
    public final Kfunc kfunc() {
        return kfunc;
    }
}

package dev.kptrviz.kfunc;

import java.util.Locale;

/**
 * Which kernel's rules to apply, as named switches rather than code forks: the verifier and the
 * emulator consult these predicates, and the presets are just three values of this record.
 *
 * @param name                         preset name shown to users ("6.3", "6.4", "current")
 * @param refcountSupported            {@code struct bpf_refcount} is a special field (6.4+)
 * @param sharedOwnership              owning refs may be shared (6.4+); false means exclusive
 * @param listAndRbNodeNeedRefcount    a type with both node kinds is allowed iff refcounted (6.4+);
 *                                     false: always refused (6.3)
 * @param insertMayFail                list push / rbtree add return int and may fail at runtime (6.4+)
 * @param removeMayReturnNull          bpf_rbtree_remove is KF_RET_NULL (6.4+)
 * @param acquireOfNonOwningMayBeNull  bpf_refcount_acquire of a non-owning ref is MAYBE_NULL (6.5+)
 * @param nonOwningRefsAreRcu          non-owning refs to refcounted types carry MEM_RCU (6.6+)
 * @param ownerField                   nodes carry an owner word; list node 24 / rb node 32 bytes (6.6+)
 * @param staticCallsUnderLock         static subprogram calls allowed while a spin lock is held (6.9+)
 * @param removeAcceptsOwning          bpf_rbtree_remove (and left/right) take owning refs too (6.16+)
 * @param graphPeekKfuncs              bpf_list_front/back and bpf_rbtree_root/left/right exist (6.16+)
 * @param resourceLeakWording          leak/lock messages use the 6.13+ "would lead to reference leak" /
 *                                     "cannot be used inside bpf_spin_lock-ed region" wording
 * @param releaseArgsMustBeTrusted     KF_RELEASE args are trusted: drop of a non-owning ref says
 *                                     "must be referenced or trusted" (observed on 6.18)
 */
public record Semantics(String name, boolean refcountSupported, boolean sharedOwnership,
                        boolean listAndRbNodeNeedRefcount, boolean insertMayFail, boolean removeMayReturnNull,
                        boolean acquireOfNonOwningMayBeNull, boolean nonOwningRefsAreRcu, boolean ownerField,
                        boolean staticCallsUnderLock, boolean removeAcceptsOwning, boolean graphPeekKfuncs,
                        boolean resourceLeakWording, boolean releaseArgsMustBeTrusted) {

    /** Exclusive ownership, before the series. */
    public static final Semantics V6_3 = new Semantics("6.3", false, false, false, false, false, false, false,
            false, false, false, false, false, false);
    /** The "Shared ownership for local kptrs" series as merged for 6.4. */
    public static final Semantics V6_4 = new Semantics("6.4", true, true, true, true, true, false, false, false,
            false, false, false, false, false);
    /** What the running 6.18 kernel does (the default). */
    public static final Semantics CURRENT = new Semantics("current", true, true, true, true, true, true, true, true,
            true, true, true, true, true);

    /** How the UI names these rules: the kernel they describe ("6.3", "6.4", "current (6.18)"). */
    public String label() {
        return this.equals(CURRENT) ? "current (6.18)" : name;
    }

    /** {@code bpf_list_node} size under these rules. */
    public int listNodeSize() {
        return ownerField ? 24 : 16;
    }

    /** {@code bpf_rb_node} size under these rules. */
    public int rbNodeSize() {
        return ownerField ? 32 : 24;
    }

    /** Parses "6.3", "6.4", "current" (also "v6_3", "V6_4", "CURRENT"). */
    public static Semantics parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT).replace('_', '.').replaceFirst("^v", "");
        switch (k) {
            case "6.3":
                return V6_3;
            case "6.4":
                return V6_4;
            case "current":
            case "6.18":
                return CURRENT;
            default:
                throw new IllegalArgumentException("unknown semantics '" + s + "': use 6.3, 6.4 or current");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

/**
 * The verifier model: an abstract interpreter that explores every path of a program like the
 * kernel's do_check (fall through first, push the taken branch, callbacks pushed at their call
 * site), applies one transfer function per instruction to a {@link dev.kptrviz.verifier.State}
 * and stops at the first failed rule with the kernel's exact message. Decisions: version
 * differences are predicates on {@link dev.kptrviz.kfunc.Semantics}; each kfunc's argument checks
 * and effects live in its spec class (dev.kptrviz.kfunc.spec), reached through
 * {@link dev.kptrviz.absint.VerifierOps}; pruning compares whole states for equality (sound, and
 * enough for the bounded loops of the corpus), where the kernel also uses liveness and ranges.
 */
package dev.kptrviz.verifier;

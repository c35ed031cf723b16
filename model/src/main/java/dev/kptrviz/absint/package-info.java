/**
 * The verifier's vocabulary of abstract values, shared by the verifier and by the kfunc specs
 * that describe each call's verifier effect: {@link dev.kptrviz.absint.Reg} (a bpf_reg_state),
 * {@link dev.kptrviz.absint.Rejection} (a failed rule in the kernel's words) and
 * {@link dev.kptrviz.absint.VerifierOps} (what a spec may ask of the verifier). Decision: it sits
 * below both, so a kfunc's verifier and runtime effects can live in one class without a cycle.
 */
package dev.kptrviz.absint;

/**
 * The Linux BPF verifier's scalar abstract domain, kernel-exact: a {@link dev.kptrviz.verifier.scalar.Scalar}
 * is the product of a {@link dev.kptrviz.verifier.scalar.Tnum} (known/unknown bits) and four interval
 * pairs (s64, u64, s32, u32), with the kernel's bounds sync, ALU transfer functions, branch decision
 * and refinement, and log spelling. Behaviour follows Linux 6.18.y as running here (6.18.44, with its
 * stable backports: tnum_step single-value bounds, BPF_END tracking, AND/OR scalar forking).
 */
package dev.kptrviz.verifier.scalar;

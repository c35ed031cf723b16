/**
 * The runtime emulator: a {@link dev.kptrviz.runtime.Machine} executes one linked program
 * concretely with the kernel's semantics (interpreter ALU rules, bpf-to-bpf frames, local-kptr
 * heap with refcounts, lists and red-black trees shaped exactly like lib/rbtree.c's, spin locks).
 * Decision: a value is a 64-bit word plus an optional {@link dev.kptrviz.runtime.Ref} (pointer
 * provenance: target object, reference id, ownership), never a host address, and every object
 * has a fixed synthetic base address so pointer-to-number conversions are deterministic.
 */
package dev.kptrviz.runtime;

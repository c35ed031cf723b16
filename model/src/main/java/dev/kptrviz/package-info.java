/**
 * KptrViz: the model of the Linux BPF verifier's ownership rules for local kptrs, and of the
 * kernel's runtime for them. The root holds only {@link dev.kptrviz.LoadException}, the one
 * error every loader raises on bad input; the layers below it are elf, btf, isa, program,
 * kfunc/absint, verifier and runtime, session, and on top of it cli and tour (see README, Design).
 */
package dev.kptrviz;

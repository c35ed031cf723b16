/**
 * BTF ({@code .BTF}) and BTF.ext ({@code .BTF.ext}) parsing: {@link dev.kptrviz.btf.Btf} (types, sizes,
 * C names), {@link dev.kptrviz.btf.BtfExt} (func/line info, CO-RE relocations), {@link dev.kptrviz.btf.CTypePrinter}.
 * Decisions: structure is validated eagerly at parse time (kernel-style header/kind/reference checks, only
 * LoadException, all loops bounded by the section size); semantic chains (resolve/sizeOf/alignOf) are checked
 * lazily with a depth limit of 64 so cycles surface as LoadException; clang object-file quirks are accepted
 * (DATASEC size 0 with zero offsets, FUNC entries in .ksyms); type tags print as {@code __name} when the tag is an identifier.
 */
package dev.kptrviz.btf;

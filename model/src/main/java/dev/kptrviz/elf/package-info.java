/**
 * ELF64 little-endian reader for clang's BPF objects: sections, symbols and REL relocations.
 * Decision: the whole file is read into memory and every section copied once; objects are
 * small and this keeps every later read bounds-checked and independent of the input array.
 */
package dev.kptrviz.elf;

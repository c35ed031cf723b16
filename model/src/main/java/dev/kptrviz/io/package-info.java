/** Bounds-checked byte access shared by the ELF, BTF and instruction decoders: every bad read is a LoadException. */
package dev.kptrviz.io;

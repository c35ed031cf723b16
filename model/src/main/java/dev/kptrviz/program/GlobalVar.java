package dev.kptrviz.program;

/** A global variable inside a data {@link Region}, from the BTF DATASEC entry. */
public record GlobalVar(String name, int offset, int size, int btfTypeId, String cType) {
    public boolean covers(long off) {
        return off >= offset && off < offset + size;
    }
}

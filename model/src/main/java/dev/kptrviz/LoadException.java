package dev.kptrviz;

/**
 * The one error a bad input file produces: it names the place (section, offset, type id,
 * instruction) and the reason in plain words. Loaders never throw anything else on bad input.
 */
public final class LoadException extends Exception {
    private final String where;
    private final String reason;

    public LoadException(String where, String reason) {
        super(where + ": " + reason);
        this.where = where;
        this.reason = reason;
    }

    public LoadException(String where, String reason, Throwable cause) {
        super(where + ": " + reason, cause);
        this.where = where;
        this.reason = reason;
    }

    /** Where in the input the problem is, e.g. {@code section .BTF, offset 0x1c}. */
    public String where() {
        return where;
    }

    /** Why the input was refused, e.g. {@code string offset 912 beyond string section (size 400)}. */
    public String reason() {
        return reason;
    }

    /** The same error, with an outer place (e.g. the file name) prefixed. */
    public LoadException within(String outer) {
        return new LoadException(outer + ", " + where, reason, this);
    }
}

package dev.kptrviz.tour;

/**
 * A tour file that cannot be used, with the place: the file, the stop (1-based, null for the tour itself) and
 * the field (null when the whole file is at fault), and the reason. The message reads
 * {@code FILE: stop N: 'FIELD': REASON}.
 */
public final class TourLoadException extends Exception {
    private final String file;
    private final Integer stop;
    private final String field;
    private final String reason;

    public TourLoadException(String file, Integer stop, String field, String reason) {
        super(TourLoadException.place(file, stop, field) + reason);
        this.file = file;
        this.stop = stop;
        this.field = field;
        this.reason = reason;
    }

    /** {@code FILE: stop N: 'FIELD': }, leaving out what is null; shared with the resolver's problems. */
    static String place(String file, Integer stop, String field) {
        return file + ": " + (stop == null ? "" : "stop " + stop + ": ") + (field == null ? "" : "'" + field + "': ");
    }

    public String file() {
        return file;
    }

    public Integer stop() {
        return stop;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}

package dev.kptrviz.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files last opened from disk, most recent first, at most {@link #MAX}, kept in a small text file (one
 * absolute path per line) so they survive a restart. The file is the one a window is given: the app uses
 * {@link #userStore()}, tests a temporary one. A store that cannot be read or written only costs the
 * memory of past sessions; opening files never fails because of it.
 */
final class RecentFiles {
    static final int MAX = 10;
    /** Overrides the settings directory (the app's tests point it into target/, away from the user's). */
    static final String CONFIG_DIR_PROPERTY = "kptrviz.config.dir";

    private final Path store;
    private final List<Path> paths = new ArrayList<>();
    private final List<Runnable> listeners = new ArrayList<>();

    RecentFiles(Path store) {
        this.store = store;
        read();
    }

    /**
     * {@code recent-files} in the user's settings directory: {@code -Dkptrviz.config.dir} when given, else
     * {@code $XDG_CONFIG_HOME/kptrviz}, else {@code ~/.config/kptrviz}.
     */
    static Path userStore() {
        String override = System.getProperty(CONFIG_DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override, "recent-files");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("kptrviz").resolve("recent-files");
    }

    Path store() {
        return store;
    }

    /** Most recent first. */
    List<Path> list() {
        return List.copyOf(paths);
    }

    /** Called after every change of the list. */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** {@code file} was opened: it moves to the top (once), the oldest beyond {@link #MAX} drops off. */
    void add(Path file) {
        Path p = file.toAbsolutePath().normalize();
        if (p.toString().contains("\n") || p.toString().contains("\r")) {
            return; // one path per line: such a name cannot be stored (and is never typed by hand)
        }
        paths.remove(p);
        paths.add(0, p);
        while (paths.size() > MAX) {
            paths.remove(paths.size() - 1);
        }
        changed();
    }

    void remove(Path file) {
        if (paths.remove(file.toAbsolutePath().normalize())) {
            changed();
        }
    }

    void clear() {
        paths.clear();
        changed();
    }

    private void changed() {
        write();
        listeners.forEach(Runnable::run);
    }

    private void read() {
        if (!Files.isRegularFile(store)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                Path p = parse(line.strip());
                if (p != null && !paths.contains(p) && paths.size() < MAX) {
                    paths.add(p);
                }
            }
        } catch (IOException e) {
            // an unreadable store is an empty list
        }
    }

    /** An absolute path, or null for a blank, relative or malformed line (the file was edited by hand). */
    private static Path parse(String line) {
        try {
            Path p = line.isEmpty() ? null : Path.of(line);
            return p != null && p.isAbsolute() ? p.normalize() : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private void write() {
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            List<String> lines = paths.stream().map(Path::toString).toList();
            Files.write(store, lines, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // a read-only settings directory: the list lives on in memory for this session
        }
    }
}

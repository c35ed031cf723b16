package dev.kptrviz.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The window's look. Light is kptrviz.css alone; the others are one more stylesheet laid over it, which
 * recolours the same style classes (and, for high contrast, thickens and enlarges the graph's marks).
 */
enum Theme {
    LIGHT("Light", null),
    DARK("Dark", "kptrviz-dark.css"),
    CONTRAST("High contrast", "kptrviz-contrast.css");

    private final String label;
    private final String sheet;

    Theme(String label, String sheet) {
        this.label = label;
        this.sheet = sheet;
    }

    String label() {
        return label;
    }

    /** The stylesheet laid over kptrviz.css, as a URL for a Scene; empty for Light. */
    Optional<String> stylesheet() {
        return Optional.ofNullable(sheet).map(s -> resource(s).toExternalForm());
    }

    /** The texts of kptrviz.css and this theme's sheet, in cascade order (for {@link FontScale}). */
    List<String> sheetTexts() {
        return sheet == null ? List.of(text("kptrviz.css"))
                : List.of(text("kptrviz.css"), text(sheet));
    }

    /** {@code light}, {@code dark} or {@code contrast}, as the screenshot command takes it. */
    static Theme parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "light" -> LIGHT;
            case "dark" -> DARK;
            case "contrast", "high-contrast" -> CONTRAST;
            default -> throw new IllegalArgumentException("unknown theme " + name + " (light, dark or contrast)");
        };
    }

    private static URL resource(String name) {
        return Objects.requireNonNull(Theme.class.getResource(name), name + " missing");
    }

    private static String text(String name) {
        try (InputStream in = resource(name).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read the stylesheet", e);
        }
    }
}

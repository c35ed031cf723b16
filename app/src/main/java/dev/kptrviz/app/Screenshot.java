/*
 * Headless screenshot of the main window, for docs and reviews. Run from the repository root:
 *
 *   mvn -q -pl app -am compile exec:java -Dexec.mainClass=dev.kptrviz.app.Screenshot \
 *       -Dexec.classpathScope=test -Dexec.args="screenshots/listing.png [example] [program] [options]"
 *
 * - exec:java runs this class inside Maven's JVM. Monocle (the headless glass platform) is a
 *   test-scoped dependency of the app, so -Dexec.classpathScope=test is what puts it on the
 *   classpath; nothing of Monocle is referenced at compile time, so the app's runtime
 *   classpath stays free of it.
 * - The Monocle system properties are set below before the JavaFX toolkit starts, so no -D
 *   flags or display are needed.
 * - app/pom.xml sets exec.cleanupDaemonThreads=false, so Maven does not wait 15 s for the
 *   Monocle timer thread after main returns.
 * - [example] is a bundled object (e.g. motivating.o), a bundled program name, or a path to an
 *   object file; the default is the motivating example. [program] selects a program in it.
 * - Options: --semantics=6.3|6.4|current (the kernel rules, default current);
 *   --tab=log|run|diagnostics (the bottom tab to show, default log); --go-to-error (scroll the
 *   listing to the verifier's error and select it, as the banner's button does); --run-anyway
 *   (run a rejected program, as the banner's button does; shows the Run tab); --step=N (step the
 *   lockstep session to position N, i.e. after N instructions, before the snapshot);
 *   --theme=light|dark|contrast (View ▸ Theme, default light); --zoom=PCT (View ▸ Zoom: the window's text
 *   and the graph at PCT percent, e.g. --zoom=150; 80..250); --fit-graph (View ▸ Fit graph, after stepping).
 *   --compare=LEFT,RIGHT (e.g. 6.3,6.4: render the compare window at 1400x800 instead, both sides at the
 *   first difference, or at position N with --step=N). --tour-stop=N (open the shipped tour of shared
 *   ownership at stop N, 1-based: its example, rules, position and highlights).
 * - Relative output paths are relative to the directory mvn runs in (the repository root).
 */
package dev.kptrviz.app;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code Screenshot OUT.png [example|path] [program] [--options]}: renders the main window at 1280x800 to a PNG. */
public final class Screenshot {
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;

    private Screenshot() {
    }

    /** What to do in the window before the snapshot. */
    record Options(Semantics semantics, BottomPanel.Which tab, boolean goToError, boolean runAnyway, long step,
                   Theme theme, double zoom, boolean fitGraph, List<Semantics> compare,
                   int tourStop) {
        static Options parse(List<String> flags) {
            Semantics sem = Rules.DEFAULT;
            BottomPanel.Which tab = null;
            boolean go = false;
            boolean anyway = false;
            long step = -1;
            int tourStop = -1;
            Theme theme = Theme.LIGHT;
            double zoom = 1.0;
            boolean fit = false;
            List<Semantics> compare = null;
            for (String f : flags) {
                if (f.startsWith("--semantics=")) {
                    sem = Semantics.parse(f.substring("--semantics=".length()));
                } else if (f.startsWith("--tab=")) {
                    tab = BottomPanel.Which.valueOf(f.substring("--tab=".length()).toUpperCase(Locale.ROOT));
                } else if (f.equals("--go-to-error")) {
                    go = true;
                } else if (f.startsWith("--step=")) {
                    step = Long.parseLong(f.substring("--step=".length()));
                } else if (f.startsWith("--tour-stop=")) {
                    tourStop = Integer.parseInt(f.substring("--tour-stop=".length()));
                } else if (f.startsWith("--compare=")) {
                    String[] lr = f.substring("--compare=".length()).split(",", -1);
                    if (lr.length != 2) {
                        throw new IllegalArgumentException("--compare needs LEFT,RIGHT, e.g. --compare=6.3,6.4");
                    }
                    compare = List.of(Semantics.parse(lr[0]), Semantics.parse(lr[1]));
                } else if (f.equals("--run-anyway")) {
                    anyway = true;
                } else if (f.startsWith("--theme=")) {
                    theme = Theme.parse(f.substring("--theme=".length()));
                } else if (f.startsWith("--zoom=")) {
                    zoom = Double.parseDouble(f.substring("--zoom=".length()).replace("%", "")) / 100;
                    if (!(zoom >= 0.8 && zoom <= 2.5)) {
                        throw new IllegalArgumentException("--zoom takes a percentage from 80 to 250, not " + f);
                    }
                } else if (f.equals("--fit-graph")) {
                    fit = true;
                } else {
                    throw new IllegalArgumentException("unknown option " + f);
                }
            }
            return new Options(sem, tab, go, anyway, step, theme, zoom, fit, compare, tourStop);
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        List<String> flags = Arrays.stream(args).filter(a -> a.startsWith("--")).toList();
        Options options;
        try {
            options = Options.parse(flags);
        } catch (IllegalArgumentException e) {
            options = null;
            System.err.println(e.getMessage());
        }
        if (options == null || positional.isEmpty() || positional.size() > 3) {
            System.err.println("usage: Screenshot OUT.png [example.o|program|path.o] [program] "
                    + "[--semantics=6.3|6.4|current] [--tab=log|run|diagnostics] [--go-to-error] [--run-anyway] [--step=N] "
                    + "[--theme=light|dark|contrast] [--zoom=PCT] [--fit-graph] [--compare=LEFT,RIGHT] [--tour-stop=N]");
            System.exit(2);
        }
        Path out = Path.of(positional.get(0)).toAbsolutePath();
        String target = positional.size() > 1 ? positional.get(1) : Examples.MOTIVATING;
        String program = positional.size() > 2 ? positional.get(2) : null;
        Options opts = options;
        headless(opts.compare() == null ? WIDTH : (int) CompareWindow.WIDTH);
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            try {
                render(target, program, opts, out, done);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(60, TimeUnit.SECONDS);
            System.out.println("wrote " + out);
        } finally {
            Platform.exit();
        }
    }

    /** Monocle's headless platform with the software renderer, as the UI tests use. */
    static void headless(int width) {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("headless.geometry", width + "x" + HEIGHT + "-32");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.lcdtext", "false");
        System.setProperty("java.awt.headless", "true");
    }

    private static void render(String target, String program, Options opts, Path out,
                               CompletableFuture<Void> done) {
        Stage stage = new Stage();
        MainWindow window = new MainWindow(stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(WIDTH);
        stage.setHeight(HEIGHT);
        stage.show();
        window.setSemantics(opts.semantics());
        window.presenter().setTheme(opts.theme());
        window.presenter().setScale(opts.zoom());
        if (!open(window, target, program)) {
            done.completeExceptionally(new IllegalArgumentException("could not open " + target));
            return;
        }
        if (opts.compare() != null) {
            renderCompare(window, opts, out, done);
            return;
        }
        if (opts.runAnyway()) {
            window.inspector().runAnyway();
        }
        if (opts.tab() != null) {
            window.inspector().panel().select(opts.tab());
        }
        // Give layout, CSS and the virtualised listing a few pulses before the snapshot.
        PauseTransition settle = new PauseTransition(Duration.millis(400));
        settle.setOnFinished(e -> {
            if (opts.step() >= 0) {
                window.stepping().controller().seek(opts.step());
            }
            if (opts.goToError()) {
                window.inspector().goToError();
            }
            if (opts.tourStop() > 0 && !window.tour().startShipped(opts.tourStop())) {
                done.completeExceptionally(new IllegalStateException("the shipped tour did not open"));
                return;
            }
            if (opts.fitGraph()) {
                window.stepping().graph().zoom().fit();
            }
            PauseTransition scrolled = new PauseTransition(Duration.millis(300));
            scrolled.setOnFinished(e2 -> snapshot(stage, out, done));
            scrolled.play();
        });
        settle.play();
    }

    /** {@code --compare}: the compare window on the opened program, at the first difference or at --step. */
    private static void renderCompare(MainWindow window, Options opts, Path out, CompletableFuture<Void> done) {
        CompareWindow compare = window.openCompare().orElse(null);
        if (compare == null) {
            done.completeExceptionally(new IllegalStateException("no program to compare"));
            return;
        }
        Stage stage = compare.stage();
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(CompareWindow.WIDTH);
        stage.setHeight(CompareWindow.HEIGHT);
        compare.setRules(opts.compare().get(0), opts.compare().get(1));
        PauseTransition settle = new PauseTransition(Duration.millis(400));
        settle.setOnFinished(e -> {
            if (opts.step() >= 0) {
                compare.controller().seek(opts.step());
            } else {
                compare.controller().goToFirstDifference();
            }
            PauseTransition drawn = new PauseTransition(Duration.millis(300));
            drawn.setOnFinished(e2 -> snapshot(stage, out, done));
            drawn.play();
        });
        settle.play();
    }

    private static void snapshot(Stage stage, Path out, CompletableFuture<Void> done) {
        try {
            WritableImage image = stage.getScene().snapshot(null);
            Files.createDirectories(out.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
            done.complete(null);
        } catch (IOException | RuntimeException ex) {
            done.completeExceptionally(ex);
        }
    }

    private static boolean open(MainWindow window, String target, String program) {
        Optional<Example> example = Examples.all().stream()
                .filter(ex -> program == null || ex.program().equals(program))
                .filter(ex -> ex.objectFile().equals(target) || ex.program().equals(target))
                .findFirst();
        if (example.isPresent()) {
            return window.openExample(example.get());
        }
        if (Files.exists(Path.of(target))) {
            return window.open(Path.of(target));
        }
        return target.equals(Examples.MOTIVATING) && window.openMotivating();
    }
}

/*
 * UI speed harness (not a test): how long the first frame takes, and how long a step takes to redraw the
 * window when 500 objects are on the heap. Headless (Monocle, software renderer) like Screenshot. Run from
 * the repository root, in Maven's JVM (the "JVM start" figure then includes Maven's own start):
 *
 *   mvn -q -pl app -am test-compile exec:java -Dexec.mainClass=dev.kptrviz.app.RedrawBench \
 *       -Dexec.classpathScope=test [-Dexec.args="--steps=300 --seeks=60"]
 *
 * or in a fresh JVM, so that "JVM start -> first frame" is the real cold start of the app:
 *
 *   mvn -q -pl app -am test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *       -Dexec.args="-cp %classpath dev.kptrviz.app.RedrawBench"
 *
 * What it measures (all on the FX thread, wall clock):
 * - first frame: from JVM start (RuntimeMXBean start time), from main, and from the toolkit start, to the end
 *   of the first pulse's layout after the main window opened on the motivating example, and to the start of
 *   the pulse after it (by then the first frame has been rendered: Quantum renders a pulse before the next).
 * - step -> redraw on src/stress_500: the session is moved to where all 500 objects are live; then each
 *   action is a key event fired at the scene (F7 step, Shift+F7 step back, alternating in runs of 15) or a
 *   timeline seek to a random position among the last 2000 steps, followed by Scene.snapshot, which does the
 *   CSS, the layout and a full software render of the 1280x800 window. "action" is the key handler alone
 *   (model + views updating their nodes), "render" the snapshot, "total" both: the work one frame costs
 *   (the wait for the next pulse, up to 16.7 ms, is not included). Between actions a 25 ms pause lets real
 *   pulses run, as between key presses. The first 60 actions warm the JIT up and are not counted.
 * Percentiles are nearest-rank over the measured actions.
 */
package dev.kptrviz.app;

import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code RedrawBench [--steps=N] [--seeks=N]}: prints first-frame and step-redraw figures. */
public final class RedrawBench {
    private static final String STRESS = "stress_500";
    private static final int WARMUP = 60;
    private static final int RUN = 15;

    private RedrawBench() {
    }

    /** One kind of action's timings, in nanoseconds. */
    private record Series(String name, List<long[]> samples) {
        Series(String name) {
            this(name, new ArrayList<>());
        }

        void add(long action, long render) {
            samples.add(new long[] {action, render});
        }

        String report() {
            return String.format(Locale.ROOT, "%-14s n=%-4d total %s%n%-21s action %s%n%-21s render %s", name,
                    samples.size(), stats(2), "", stats(0), "", stats(1));
        }

        private String stats(int which) {
            long[] v = samples.stream().mapToLong(s -> which == 2 ? s[0] + s[1] : s[which]).sorted().toArray();
            if (v.length == 0) {
                return "-";
            }
            return String.format(Locale.ROOT, "p50 %6.2f  p95 %6.2f  p99 %6.2f  max %6.2f ms",
                    ms(rank(v, 50)), ms(rank(v, 95)), ms(rank(v, 99)), ms(v[v.length - 1]));
        }

        private static long rank(long[] sorted, int p) {
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }

    public static void main(String[] args) throws Exception {
        long mainNanos = System.nanoTime();
        long mainMillis = System.currentTimeMillis();
        long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        int steps = option(args, "--steps=", 300);
        int seeks = option(args, "--seeks=", 60);

        Screenshot.headless();
        Platform.setImplicitExit(false);
        CompletableFuture<String> done = new CompletableFuture<>();
        long toolkitNanos = System.nanoTime();
        Platform.startup(() -> {
            try {
                firstFrame(mainNanos, mainMillis, jvmStartMillis, toolkitNanos, window -> stress(window, steps, seeks, done));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            System.out.println(done.get(20, TimeUnit.MINUTES));
        } finally {
            Platform.exit();
        }
    }

    private static int option(String[] args, String prefix, int fallback) {
        return Arrays.stream(args).filter(a -> a.startsWith(prefix)).findFirst()
                .map(a -> Integer.parseInt(a.substring(prefix.length()))).orElse(fallback);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Builds the window as the app does, then waits for the first pulse and the one after it. */
    private static void firstFrame(long mainNanos, long mainMillis, long jvmStartMillis, long toolkitNanos,
                                   java.util.function.Consumer<MainWindow> then) {
        Stage stage = new Stage();
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(Screenshot.WIDTH);
        stage.setHeight(Screenshot.HEIGHT);
        MainWindow window = KptrVizApp.startOn(stage, List.of());
        long opened = System.nanoTime();
        Scene scene = stage.getScene();
        long[] layout = new long[1];
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            layout[0] = System.nanoTime();
            scene.removePostLayoutPulseListener(once[0]);
        };
        scene.addPostLayoutPulseListener(once[0]);
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (layout[0] == 0) {
                    return;
                }
                long rendered = System.nanoTime();
                stop();
                long jvmToMain = mainMillis - jvmStartMillis;
                System.out.printf(Locale.ROOT, "first frame (motivating example, %dx%d, Monocle + software renderer)%n",
                        Screenshot.WIDTH, Screenshot.HEIGHT);
                System.out.printf(Locale.ROOT, "  JVM start -> main            %8.1f ms%n", (double) jvmToMain);
                System.out.printf(Locale.ROOT, "  main -> toolkit start        %8.1f ms%n", ms(toolkitNanos - mainNanos));
                System.out.printf(Locale.ROOT, "  toolkit start -> window open %8.1f ms  (window built, example verified, session opened)%n",
                        ms(opened - toolkitNanos));
                System.out.printf(Locale.ROOT, "  toolkit start -> first pulse laid out %8.1f ms;  -> rendered %8.1f ms%n",
                        ms(layout[0] - toolkitNanos), ms(rendered - toolkitNanos));
                System.out.printf(Locale.ROOT, "  main -> first frame rendered %8.1f ms%n", ms(rendered - mainNanos));
                System.out.printf(Locale.ROOT, "  JVM start -> first frame rendered %8.1f ms%n",
                        jvmToMain + ms(rendered - mainNanos));
                then.accept(window);
            }
        }.start();
    }

    /** Opens stress_500, moves to where all its objects are live, then times the actions one by one. */
    private static void stress(MainWindow window, int steps, int seeks, CompletableFuture<String> done) {
        Example example = Examples.byProgram(STRESS).orElseThrow(() -> new IllegalStateException(
                "the bundled examples have no " + STRESS + " (examples.tsv)"));
        long t0 = System.nanoTime();
        if (!window.openExample(example)) {
            done.completeExceptionally(new IllegalStateException("could not open " + STRESS));
            return;
        }
        long openNanos = System.nanoTime() - t0;
        SessionController controller = window.stepping().controller();
        t0 = System.nanoTime();
        controller.seek(Long.MAX_VALUE / 4);
        long end = controller.current().orElseThrow().position();
        long seekEndNanos = System.nanoTime() - t0;
        long base = end - 40;
        controller.seek(base);
        int live = (int) controller.current().orElseThrow().graph().objects().stream().filter(o -> !o.freed()).count();

        Scene scene = window.stage().getScene();
        Random random = new Random(0x5eed);
        List<Runnable> actions = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < WARMUP + steps; i++) {
            boolean forward = (i / RUN) % 2 == 0;
            actions.add(() -> key(scene, KeyCode.F7, !forward));
            kinds.add(forward ? "step" : "step back");
        }
        for (int i = 0; i < seeks; i++) {
            long to = end - 1 - random.nextInt((int) Math.min(2000, end));
            actions.add(() -> controller.seek(to));
            kinds.add("seek");
        }
        Series fwd = new Series("F7 step");
        Series back = new Series("Shift+F7 back");
        Series seek = new Series("timeline seek");
        WritableImage[] image = new WritableImage[1];
        int[] i = new int[1];
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (i[0] == actions.size()) {
                int liveAfter = (int) controller.current().orElseThrow().graph().objects().size();
                done.complete(String.format(Locale.ROOT, "%nstep -> redraw on %s (%d of %d positions; %d live objects "
                                + "at the start, %d graph objects at the end)%n"
                                + "  open the example %8.1f ms;  seek to its end %8.1f ms%n%s%n%s%n%s",
                        STRESS, base, end, live, liveAfter, ms(openNanos), ms(seekEndNanos),
                        fwd.report(), back.report(), seek.report()));
                return;
            }
            int k = i[0]++;
            long a0 = System.nanoTime();
            actions.get(k).run();
            long a1 = System.nanoTime();
            image[0] = scene.snapshot(image[0]);
            long a2 = System.nanoTime();
            if (k >= WARMUP) {
                switch (kinds.get(k)) {
                    case "step" -> fwd.add(a1 - a0, a2 - a1);
                    case "step back" -> back.add(a1 - a0, a2 - a1);
                    default -> seek.add(a1 - a0, a2 - a1);
                }
            }
            PauseTransition gap = new PauseTransition(Duration.millis(25));
            gap.setOnFinished(e -> next[0].run());
            gap.play();
        };
        next[0].run();
    }

    /** A key press as the keyboard delivers it: the scene's accelerators (F7, Shift+F7) handle it. */
    private static void key(Scene scene, KeyCode code, boolean shift) {
        Event.fireEvent(scene, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, false, false, false));
        Event.fireEvent(scene, new KeyEvent(KeyEvent.KEY_RELEASED, "", "", code, shift, false, false, false));
    }
}

/*
 * UI speed harness (not a test): how long the first frame takes, and what a step costs to redraw when 500
 * objects are on the heap. Headless (Monocle, software renderer) like Screenshot. Run from the repository root
 * in a fresh JVM, so that "JVM start -> first frame" is the app's real cold start:
 *
 *   mvn -q -pl app -am test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *       -Dexec.args="-cp %classpath dev.kptrviz.app.RedrawBench [--steps=300] [--seeks=60]"
 *
 * or in Maven's JVM (then "JVM start -> main" is Maven's own start):
 *
 *   mvn -q -pl app -am test-compile exec:java -Dexec.mainClass=dev.kptrviz.app.RedrawBench \
 *       -Dexec.classpathScope=test [-Dexec.args="--steps=300 --seeks=60"]
 *
 * What it prints:
 * - first frame: from JVM start (RuntimeMXBean start time), from main and from the toolkit start to the end of
 *   the first pulse's layout after the main window opened on the motivating example, and to the start of the
 *   pulse after it (by then that first frame has been rendered).
 * - baseline: the real-frame figures below for F7 / Shift+F7 on the motivating example (one object).
 * - stress_500: the session is moved to where its 500 objects are live (40 steps before the end); the plan is
 *   60 warm-up actions (not counted), then --steps key events fired at the scene (F7, Shift+F7 in runs of 15)
 *   and --seeks timeline seeks to random positions among the last 2000 steps. It runs twice:
 *   real frames: after each key nothing else happens for 80 ms, in which JavaFX lays out and renders (dirty
 *     regions) as it would on screen; "frame cpu" is the CPU time the FX thread and the render thread spent in
 *     that window (it does not grow when other processes load the machine; an idle window costs about 0.6 ms),
 *     split into both threads; "key handler" is the wall time of the key's handler (model + views), "key -> laid
 *     out" the wall time to the end of the next pulse's layout (includes waiting for the pulse);
 *   forced full frames: Scene.snapshot right after the key (CSS, layout and a software render of the whole
 *     1280x800 window), wall and CPU time.
 * Percentiles are nearest-rank over the measured actions. The software renderer repaints the window in about
 * 50-60 ms of CPU whatever the program (see the baseline); the FX thread's share is the part the app controls.
 */
package dev.kptrviz.app;

import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code RedrawBench [--steps=N] [--seeks=N]}: prints first-frame and step-redraw figures. */
public final class RedrawBench {
    private static final String STRESS = "stress_500";
    private static final int WARMUP = 60;
    private static final int RUN = 15;
    /** After a key, this long with nothing else to do: the frame has been laid out and rendered by its end. */
    private static final int QUIET_MS = 80;
    /** Between two snapshot-measured keys, so real pulses run as between key presses. */
    private static final int GAP_MS = 25;

    private RedrawBench() {
    }

    /** One kind of action's measurements, in nanoseconds, one column per quantity. */
    private record Series(String name, List<String> columns, List<long[]> samples) {
        Series(String name, String... columns) {
            this(name, List.of(columns), new ArrayList<>());
        }

        void add(long... values) {
            samples.add(values);
        }

        String report() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  %-15s n=%d", name, samples.size()));
            for (int c = 0; c < columns.size(); c++) {
                out.append(String.format(Locale.ROOT, "%n    %-22s %s", columns.get(c), stats(c)));
            }
            return out.toString();
        }

        private String stats(int column) {
            long[] v = samples.stream().mapToLong(s -> s[column]).sorted().toArray();
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

    /** One user action of the plan: what it is (step, step back, seek) and how to do it. */
    private record Action(String kind, Runnable perform) {
    }

    public static void main(String[] args) throws Exception {
        long mainNanos = System.nanoTime();
        long mainMillis = System.currentTimeMillis();
        long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        int steps = option(args, "--steps=", 300);
        int seeks = option(args, "--seeks=", 60);

        Screenshot.headless(Screenshot.WIDTH);
        Platform.setImplicitExit(false);
        CompletableFuture<String> done = new CompletableFuture<>();
        long toolkitNanos = System.nanoTime();
        Platform.startup(() -> {
            try {
                firstFrame(mainNanos, mainMillis, jvmStartMillis, toolkitNanos, window -> {
                    StringBuilder report = new StringBuilder();
                    baseline(window, report, () -> stress(window, steps, seeks, report, done));
                });
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

    /** Opens stress_500, moves to where all its objects are live, then runs the plan twice: real frames, snapshots. */
    private static void stress(MainWindow window, int steps, int seeks, StringBuilder report,
                               CompletableFuture<String> done) {
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
        long live = controller.current().orElseThrow().graph().objects().stream().filter(o -> !o.freed()).count();
        Scene scene = window.stage().getScene();
        report.append(String.format(Locale.ROOT,
                "%nstep -> redraw on %s at position %d of %d: %d live objects%n"
                        + "  open the example %.1f ms;  seek to its end %.1f ms%n  %s%n",
                STRESS, base, end, live, ms(openNanos), ms(seekEndNanos), census(scene.getRoot())));

        List<Action> plan = new ArrayList<>();
        Random random = new Random(0x5eed);
        for (int i = 0; i < WARMUP + steps; i++) {
            boolean forward = (i / RUN) % 2 == 0;
            plan.add(new Action(forward ? "step" : "step back", () -> key(scene, KeyCode.F7, !forward)));
        }
        for (int i = 0; i < seeks; i++) {
            long to = end - 1 - random.nextInt((int) Math.min(2000, end));
            plan.add(new Action("seek", () -> controller.seek(to)));
        }
        long renderer = renderer();

        Map<String, Series> frames = frameSeries();
        Map<String, Series> snaps = new LinkedHashMap<>();
        for (String kind : List.of("step", "step back", "seek")) {
            snaps.put(kind, new Series(label(kind), "key -> snapshot (wall)", "key handler (wall)", "snapshot (wall)",
                    "cpu (FX+render)"));
        }
        Series idle = new Series("no action", "cpu in a quiet window");
        Runnable snapshotPass = () -> {
            controller.seek(base);
            runPlan(plan, (a, next) -> {
                long c0 = cpu(renderer);
                long a0 = System.nanoTime();
                a.action().perform().run();
                long a1 = System.nanoTime();
                scene.snapshot(null);
                long a2 = System.nanoTime();
                if (a.counted()) {
                    snaps.get(a.action().kind()).add(a2 - a0, a1 - a0, a2 - a1, cpu(renderer) - c0);
                }
                after(Duration.millis(GAP_MS), next);
            }, () -> {
                report.append("real frames (dirty-region rendering; cpu over a ").append(QUIET_MS)
                        .append(" ms quiet window after the key)\n");
                frames.values().forEach(f -> report.append(f.report()).append('\n'));
                report.append(idle.report()).append('\n');
                report.append("forced full frames (Scene.snapshot right after the key: CSS, layout, whole window)\n");
                snaps.values().forEach(f -> report.append(f.report()).append('\n'));
                done.complete(report.toString());
            });
        };
        Runnable idlePass = () -> runPlan(plan.subList(0, Math.min(plan.size(), WARMUP + 30)), (a, next) -> {
            long c0 = cpu(renderer);
            after(Duration.millis(QUIET_MS), () -> {
                if (a.counted()) {
                    idle.add(cpu(renderer) - c0);
                }
                next.run();
            });
        }, snapshotPass);
        controller.seek(base);
        runPlan(plan, realFrame(scene, renderer, frames), idlePass);
    }

    /** Measures an action by the real pulses after it: CPU until a quiet window ends, wall until laid out. */
    private static Measure realFrame(Scene scene, long renderer, Map<String, Series> into) {
        return (a, next) -> {
            long[] laidOut = new long[1];
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                laidOut[0] = System.nanoTime();
                scene.removePostLayoutPulseListener(once[0]);
            };
            long f0 = fxCpu();
            long r0 = renderCpu(renderer);
            long a0 = System.nanoTime();
            a.action().perform().run();
            long a1 = System.nanoTime();
            scene.addPostLayoutPulseListener(once[0]);
            after(Duration.millis(QUIET_MS), () -> {
                long f1 = fxCpu() - f0;
                long r1 = renderCpu(renderer) - r0;
                scene.removePostLayoutPulseListener(once[0]);
                if (a.counted()) {
                    into.get(a.action().kind()).add(f1 + r1, f1, r1, a1 - a0, laidOut[0] == 0 ? 0 : laidOut[0] - a0);
                }
                next.run();
            });
        };
    }

    private static Map<String, Series> frameSeries() {
        Map<String, Series> frames = new LinkedHashMap<>();
        for (String kind : List.of("step", "step back", "seek")) {
            frames.put(kind, new Series(label(kind), "frame cpu (FX+render)", "  FX thread cpu", "  render thread cpu",
                    "key handler (wall)", "key -> laid out (wall)"));
        }
        return frames;
    }

    private static String label(String kind) {
        return switch (kind) {
            case "step" -> "F7 step";
            case "step back" -> "Shift+F7 back";
            default -> "timeline seek";
        };
    }

    /**
     * The same real-frame measurement on the motivating example (one object), for comparison: what a step costs
     * in this window whatever the heap.
     */
    private static void baseline(MainWindow window, StringBuilder report, Runnable then) {
        Scene scene = window.stage().getScene();
        SessionController controller = window.stepping().controller();
        controller.seek(5);
        List<Action> plan = new ArrayList<>();
        for (int i = 0; i < WARMUP + 60; i++) {
            boolean forward = (i / 5) % 2 == 0;
            plan.add(new Action(forward ? "step" : "step back", () -> key(scene, KeyCode.F7, !forward)));
        }
        Map<String, Series> frames = frameSeries();
        runPlan(plan, realFrame(scene, renderer(), frames), () -> {
            report.append(String.format(Locale.ROOT, "%nbaseline: real frames on %s (position 5..10, %d object(s))%n",
                    Examples.MOTIVATING, controller.current().orElseThrow().graph().objects().size()));
            frames.values().stream().filter(f -> !f.samples().isEmpty()).forEach(f -> report.append(f.report()).append('\n'));
            then.run();
        });
    }

    private static long renderer() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).findFirst().orElse(-1);
    }

    /** An action of the plan and whether it is measured (the first {@link #WARMUP} are not). */
    private record Planned(Action action, boolean counted) {
    }

    private interface Measure {
        void run(Planned action, Runnable next);
    }

    /** Runs {@code plan} one action at a time on the FX thread, each measured by {@code measure}; then {@code then}. */
    private static void runPlan(List<Action> plan, Measure measure, Runnable then) {
        int[] i = new int[1];
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (i[0] == plan.size()) {
                then.run();
                return;
            }
            int k = i[0]++;
            measure.run(new Planned(plan.get(k), k >= WARMUP), next[0]);
        };
        next[0].run();
    }

    private static void after(Duration d, Runnable r) {
        PauseTransition p = new PauseTransition(d);
        p.setOnFinished(e -> r.run());
        p.play();
    }

    /**
     * CPU time of this (the FX) thread and of the render thread: unlike wall time it does not grow when other
     * processes compete for the cores.
     */
    private static long cpu(long renderer) {
        return fxCpu() + renderCpu(renderer);
    }

    private static long fxCpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long renderCpu(long renderer) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return renderer < 0 ? 0 : Math.max(0, threads.getThreadCpuTime(renderer));
    }

    /** How many nodes the scene holds, in total and under each node with an id that holds over 200 of them. */
    private static String census(javafx.scene.Parent root) {
        java.util.Map<String, Integer> under = new java.util.TreeMap<>();
        int total = count(root, "", under);
        StringBuilder out = new StringBuilder("scene nodes: " + total);
        under.forEach((id, n) -> {
            if (n > 200) {
                out.append("\n  under ").append(id).append(": ").append(n);
            }
        });
        return out.toString();
    }

    private static int count(javafx.scene.Node n, String path, java.util.Map<String, Integer> under) {
        String here = n.getId() == null ? path : path + "/" + n.getId();
        int c = 1;
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node child : p.getChildrenUnmodifiable()) {
                c += count(child, here, under);
            }
        }
        if (n.getId() != null) {
            under.merge(here, c, Integer::sum);
        }
        return c;
    }

    /** A key press as the keyboard delivers it: the scene's accelerators (F7, Shift+F7) handle it. */
    private static void key(Scene scene, KeyCode code, boolean shift) {
        Event.fireEvent(scene, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, false, false, false));
        Event.fireEvent(scene, new KeyEvent(KeyEvent.KEY_RELEASED, "", "", code, shift, false, false, false));
    }
}

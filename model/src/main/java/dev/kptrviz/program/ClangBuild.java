package dev.kptrviz.program;

import dev.kptrviz.LoadException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Turns a C source into a BPF object with clang, with the flags {@code src/build.sh} gives the bundled examples
 * ({@code -O2 -g -target bpf -mcpu=v3}), so that opening {@code foo.c} shows what opening the {@code foo.o} built
 * from it would. The bundled {@code kptrviz.h} is on the include path, after the source's own directory (a local
 * copy of the header wins). Every failure is a {@link LoadException}: no compiler (saying what to install), the
 * compiler's own error lines, or the time limit.
 *
 * <p>Which clang runs is decided once, by {@link #find()} ({@code $KPTRVIZ_CLANG}, else {@code clang-16} or
 * {@code clang} on the {@code PATH}), or given outright with {@link #using}; tests inject it that way rather than
 * through the environment.
 */
public final class ClangBuild {
    /** Environment variable naming the clang to use (a path, or a command looked up on the PATH). */
    public static final String ENV = "KPTRVIZ_CLANG";
    /** What {@link #find()} looks for on the PATH, in this order (the examples were built with clang 16). */
    public static final List<String> CANDIDATES = List.of("clang-16", "clang");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The command that installs a suitable compiler on Debian/Ubuntu. */
    public static final String INSTALL = "apt-get install -y clang-16 llvm-16";
    /** The flags of src/build.sh; -fno-crash-diagnostics keeps a crashing clang from leaving reproducers in /tmp. */
    static final List<String> FLAGS = List.of("-O2", "-g", "-target", "bpf", "-mcpu=v3", "-fno-crash-diagnostics");
    /** The compiler's output is quoted up to this many lines (a crash dumps hundreds). */
    static final int MAX_OUTPUT_LINES = 25;

    private final Path compiler;
    private final String missing;
    private final Duration timeout;

    private ClangBuild(Path compiler, String missing, Duration timeout) {
        this.compiler = compiler;
        this.missing = missing;
        this.timeout = timeout;
    }

    /** The clang of this environment: {@code $KPTRVIZ_CLANG} when set, else clang-16 or clang on the PATH. */
    public static ClangBuild find() {
        return find(System.getenv(), DEFAULT_TIMEOUT);
    }

    /** {@link #find()} over the given environment variables ({@code KPTRVIZ_CLANG}, {@code PATH}). */
    public static ClangBuild find(Map<String, String> env, Duration timeout) {
        String chosen = env.get(ENV);
        String path = env.getOrDefault("PATH", "");
        if (chosen != null && !chosen.isBlank()) {
            Optional<Path> found = chosen.contains("/") ? executable(Path.of(chosen)) : onPath(chosen, path);
            return found.map(p -> new ClangBuild(p, null, timeout)).orElseGet(() -> new ClangBuild(null,
                    ENV + " is set to " + chosen + ", which is not an executable program", timeout));
        }
        for (String name : CANDIDATES) {
            Optional<Path> found = onPath(name, path);
            if (found.isPresent()) {
                return new ClangBuild(found.get(), null, timeout);
            }
        }
        return new ClangBuild(null, "no clang found (looked for " + String.join(" and ", CANDIDATES)
                + " on the PATH, and " + ENV + " is not set)", timeout);
    }

    /** Exactly this compiler; when it is not an executable file, compiling says so (and what to install). */
    public static ClangBuild using(Path clang, Duration timeout) {
        return executable(clang).map(p -> new ClangBuild(p, null, timeout))
                .orElseGet(() -> new ClangBuild(null, "no clang at " + clang, timeout));
    }

    /** The compiler that will run, or empty when none was found. */
    public Optional<Path> compiler() {
        return Optional.ofNullable(compiler);
    }

    public Duration timeout() {
        return timeout;
    }

    /** Whether {@code file} is a C source by its name ({@code .c}); anything else is taken for an object. */
    public static boolean isCSource(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".c");
    }

    /**
     * Loads {@code file}: a C source is compiled first (see {@link #load}), anything else is read as a BPF
     * object by {@link Loader#load(Path)}. What the command line and the app's File ▸ Open call for a path.
     */
    public BpfObject open(Path file) throws LoadException {
        return isCSource(file) ? load(file) : Loader.load(file);
    }

    /**
     * Compiles {@code source} in a scratch directory and loads the object; the object is named as
     * {@code src/build.sh} would name it ({@code foo.c} gives {@code foo.o}), so map names match the kernel's.
     */
    public BpfObject load(Path source) throws LoadException {
        String name = fileName(source);
        Path scratch = scratch(name);
        try {
            Path object = compile(source, scratch);
            try {
                return Loader.load(Files.readAllBytes(object), object.getFileName().toString());
            } catch (IOException e) {
                throw new LoadException(name, "cannot read the compiled object: " + e.getMessage());
            }
        } finally {
            deleteQuietly(scratch);
        }
    }

    /**
     * Compiles {@code source} into {@code outDir}/NAME.o and returns that path. clang runs in the source's
     * directory on its bare file name, with that directory mapped away in the debug info (as build.sh does), so
     * the listing shows {@code foo.c:12} and no absolute path ends up in the object.
     */
    public Path compile(Path source, Path outDir) throws LoadException {
        String name = fileName(source);
        if (compiler == null) {
            throw new LoadException(name, "compiling C needs clang: " + missing
                    + ". Install it with: " + INSTALL + " (or set " + ENV + " to a clang), or open the compiled .o");
        }
        Path src = source.toAbsolutePath().normalize();
        if (!Files.isRegularFile(src)) {
            throw new LoadException(name, "cannot read the file: " + (Files.exists(src) ? "not a regular file"
                    : "no such file"));
        }
        Path dir = src.getParent();
        Path out = outDir.toAbsolutePath().resolve(name.substring(0, name.length() - 2) + ".o");
        Path include = outDir.toAbsolutePath().resolve("include");
        Path log = outDir.toAbsolutePath().resolve("clang.log");
        try {
            Files.createDirectories(include);
            Files.write(include.resolve("kptrviz.h"), Examples.bytes("kptrviz.h")
                    .orElseThrow(() -> new LoadException(name, "the bundled kptrviz.h is missing from the model jar")));
        } catch (IOException e) {
            throw new LoadException(name, "cannot prepare the build directory " + outDir + ": " + e.getMessage());
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(compiler.toString());
        cmd.addAll(FLAGS);
        cmd.add("-fdebug-prefix-map=" + dir + "=");
        cmd.add("-fdebug-prefix-map=" + include + "/=");
        cmd.add("-I" + include);
        cmd.addAll(List.of("-c", src.getFileName().toString(), "-o", out.toString()));
        int exit = run(name, cmd, dir, log);
        String output = output(log);
        if (exit != 0 || !Files.isRegularFile(out)) {
            throw new LoadException(name, compiler.getFileName() + " could not compile it (exit " + exit + "):\n"
                    + (output.isEmpty() ? "(no output)" : output));
        }
        return out;
    }

    /** Runs the compiler with its output to {@code log}; returns the exit code, or fails on the time limit. */
    private int run(String name, List<String> cmd, Path dir, Path log) throws LoadException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        } catch (IOException e) {
            throw new LoadException(name, "cannot run " + compiler + ": " + e.getMessage());
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new LoadException(name, compiler.getFileName() + " did not finish within "
                        + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms")
                        + " and was stopped");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LoadException(name, "compiling was interrupted");
        }
    }

    /** The compiler's messages, at most {@link #MAX_OUTPUT_LINES} lines. */
    private static String output(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
        if (lines.size() <= MAX_OUTPUT_LINES) {
            return String.join("\n", lines).strip();
        }
        return String.join("\n", lines.subList(0, MAX_OUTPUT_LINES)).strip()
                + "\n… (" + (lines.size() - MAX_OUTPUT_LINES) + " more lines)";
    }

    private static String fileName(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    private static Path scratch(String name) throws LoadException {
        try {
            return Files.createTempDirectory("kptrviz-clang");
        } catch (IOException e) {
            throw new LoadException(name, "cannot create a temporary build directory: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover scratch directory in the temp dir is harmless
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static Optional<Path> onPath(String command, String path) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Optional<Path> found = executable(Path.of(dir, command));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
}

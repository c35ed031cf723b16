package dev.kptrviz.tour;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.Examples;
import dev.kptrviz.session.Breakpoint;
import dev.kptrviz.session.EventKind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a tour file (format: docs/tours.md). Everything that can be checked without running a program is checked
 * here, and the first problem is a {@link TourLoadException} naming the file, the stop and the field: unknown or
 * duplicate fields, missing ones, wrong types, unknown versions, events or examples, malformed highlight keys.
 * Whether the positions are reachable and the highlighted elements exist is {@link TourResolver}'s job.
 */
public final class TourLoader {
    /** The tour of the v6.4 series shipped with KptrViz. */
    public static final String SHARED_OWNERSHIP = "shared-ownership.json";

    private static final Set<String> TOUR_FIELDS = Set.of("title", "description", "stops");
    private static final List<String> STOP_FIELDS = List.of("title", "text", "example", "file", "program", "semantics",
            "step", "runTo", "highlight");
    private static final List<String> RUN_TO_FIELDS = List.of("insn", "line", "event", "occurrence");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String source;
    /** Where {@code "file"} paths are resolved; null for a bundled tour (which may not name files). */
    private final Path base;

    private TourLoader(String source, Path base) {
        this.source = source;
        this.base = base;
    }

    /** Loads a tour file; {@code "file"} paths in it are relative to its directory. */
    public static Tour load(Path file) throws TourLoadException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new TourLoadException(file.toString(), null, null, "cannot read the file ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir);
    }

    /** A tour bundled in the model jar, e.g. {@link #SHARED_OWNERSHIP}. */
    public static Tour bundled(String name) throws TourLoadException {
        try (InputStream in = TourLoader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new TourLoadException(name, null, null, "no such bundled tour");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name, null);
        } catch (IOException e) {
            throw new TourLoadException(name, null, null, "cannot read the bundled tour (" + e.getMessage() + ")");
        }
    }

    /** Parses tour text; {@code source} names it in messages, {@code base} resolves "file" paths (null: none allowed). */
    public static Tour parse(String json, String source, Path base) throws TourLoadException {
        return new TourLoader(source, base).tour(json);
    }

    private Tour tour(String json) throws TourLoadException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            String why = e.getOriginalMessage() == null ? "" : ": " + e.getOriginalMessage().lines().findFirst().orElse("");
            throw new TourLoadException(source, null, null, where + "not valid JSON" + why);
        }
        if (root == null || !root.isObject()) {
            throw new TourLoadException(source, null, null,
                    "a tour is a JSON object with \"title\" and \"stops\"");
        }
        unknownFields(root, TOUR_FIELDS.stream().sorted().toList(), null, null);
        String title = text(root, "title", null, true);
        String description = text(root, "description", null, false);
        JsonNode stops = root.get("stops");
        if (stops == null || stops.isNull()) {
            throw new TourLoadException(source, null, "stops", "missing (a tour needs at least one stop)");
        }
        if (!stops.isArray()) {
            throw new TourLoadException(source, null, "stops", "must be a list of stops");
        }
        if (stops.isEmpty()) {
            throw new TourLoadException(source, null, "stops", "empty (a tour needs at least one stop)");
        }
        List<TourStop> out = new ArrayList<>();
        for (int i = 0; i < stops.size(); i++) {
            out.add(stop(stops.get(i), i + 1));
        }
        return new Tour(source, title, description, out);
    }

    private TourStop stop(JsonNode s, int n) throws TourLoadException {
        if (!s.isObject()) {
            throw new TourLoadException(source, n, null, "a stop is a JSON object with \"title\", \"text\", "
                    + "\"example\", \"semantics\" and \"step\" or \"runTo\"");
        }
        unknownFields(s, STOP_FIELDS, n, null);
        String title = text(s, "title", n, true);
        String text = text(s, "text", n, true);
        ExampleRef example = example(s, n);
        Semantics sem = semantics(s, n);
        StopTarget target = target(s, n);
        List<String> highlight = highlight(s, n);
        return new TourStop(title, text, example, sem, target, highlight);
    }

    private ExampleRef example(JsonNode s, int n) throws TourLoadException {
        String bundled = text(s, "example", n, false);
        String file = text(s, "file", n, false);
        String program = text(s, "program", n, false);
        if (bundled != null && file != null) {
            throw new TourLoadException(source, n, "file", "give either \"example\" (a bundled object) or \"file\" "
                    + "(a path relative to the tour), not both");
        }
        if (bundled == null && file == null) {
            throw new TourLoadException(source, n, "example", "missing (name a bundled object such as "
                    + "\"motivating.o\", or a \"file\" relative to the tour)");
        }
        if (bundled != null) {
            boolean known;
            try {
                known = Examples.all().stream().anyMatch(e -> e.objectFile().equals(bundled));
            } catch (RuntimeException e) {
                known = false;
            }
            if (!known) {
                throw new TourLoadException(source, n, "example", "no bundled example '" + bundled
                        + "' (the bundled objects are listed in examples.tsv)");
            }
            return new ExampleRef.Bundled(bundled, program);
        }
        if (base == null) {
            throw new TourLoadException(source, n, "file", "a bundled tour can only name bundled examples");
        }
        Path path;
        try {
            path = base.resolve(file).normalize();
        } catch (RuntimeException e) {
            throw new TourLoadException(source, n, "file", "not a valid path: '" + file + "'");
        }
        return new ExampleRef.OnDisk(path, program);
    }

    private Semantics semantics(JsonNode s, int n) throws TourLoadException {
        String v = text(s, "semantics", n, false);
        if (v == null) {
            throw new TourLoadException(source, n, "semantics", "missing (use \"6.3\", \"6.4\" or \"current\")");
        }
        return switch (v) {
            case "6.3" -> Semantics.V6_3;
            case "6.4" -> Semantics.V6_4;
            case "current" -> Semantics.CURRENT;
            default -> throw new TourLoadException(source, n, "semantics", "unknown version '" + v
                    + "' (use \"6.3\", \"6.4\" or \"current\")");
        };
    }

    private StopTarget target(JsonNode s, int n) throws TourLoadException {
        JsonNode step = s.get("step");
        JsonNode runTo = s.get("runTo");
        if (step != null && runTo != null) {
            throw new TourLoadException(source, n, "runTo", "give either \"step\" or \"runTo\", not both");
        }
        if (step == null && runTo == null) {
            throw new TourLoadException(source, n, "step", "missing (give \"step\": N or \"runTo\": "
                    + "\"error\" or {\"insn\"|\"line\"|\"event\": ...})");
        }
        if (step != null) {
            return new StopTarget.AtStep(whole(step, n, "step", 0));
        }
        if (runTo.isTextual()) {
            if (runTo.asText().equals("error")) {
                return new StopTarget.AtError();
            }
            throw new TourLoadException(source, n, "runTo", "unknown target '" + runTo.asText()
                    + "' (use \"error\" or an object with \"insn\", \"line\" or \"event\")");
        }
        if (!runTo.isObject()) {
            throw new TourLoadException(source, n, "runTo",
                    "must be \"error\" or an object with \"insn\", \"line\" or \"event\"");
        }
        unknownFields(runTo, RUN_TO_FIELDS, n, "runTo.");
        List<String> given = new ArrayList<>();
        for (String k : List.of("insn", "line", "event")) {
            if (runTo.has(k)) {
                given.add(k);
            }
        }
        if (given.size() != 1) {
            throw new TourLoadException(source, n, "runTo", given.isEmpty()
                    ? "needs one of \"insn\", \"line\" or \"event\""
                    : "give only one of \"insn\", \"line\" or \"event\", not " + String.join(" and ", given));
        }
        int occurrence = runTo.has("occurrence") ? (int) whole(runTo.get("occurrence"), n, "runTo.occurrence", 1) : 1;
        Breakpoint b = switch (given.get(0)) {
            case "insn" -> new Breakpoint.AtInsn((int) whole(runTo.get("insn"), n, "runTo.insn", 0));
            case "line" -> new Breakpoint.AtLine((int) whole(runTo.get("line"), n, "runTo.line", 1));
            default -> new Breakpoint.OnEvent(event(runTo.get("event"), n));
        };
        return new StopTarget.RunTo(b, occurrence);
    }

    private EventKind event(JsonNode v, int n) throws TourLoadException {
        String kinds = Arrays.stream(EventKind.values()).map(Enum::name).collect(Collectors.joining(", "));
        if (!v.isTextual()) {
            throw new TourLoadException(source, n, "runTo.event", "must be an event kind: " + kinds);
        }
        try {
            return EventKind.valueOf(v.asText());
        } catch (IllegalArgumentException e) {
            throw new TourLoadException(source, n, "runTo.event", "unknown event kind '" + v.asText()
                    + "' (use one of " + kinds + ")");
        }
    }

    private List<String> highlight(JsonNode s, int n) throws TourLoadException {
        JsonNode h = s.get("highlight");
        if (h == null || h.isNull()) {
            return List.of();
        }
        if (!h.isArray()) {
            throw new TourLoadException(source, n, "highlight", "must be a list of keys (" + Highlights.FORMS + ")");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            JsonNode k = h.get(i);
            String field = "highlight[" + (i + 1) + "]";
            if (!k.isTextual() || !Highlights.valid(k.asText())) {
                throw new TourLoadException(source, n, field, (k.isTextual() ? "'" + k.asText() + "'" : k.toString())
                        + " is not a highlight key (use " + Highlights.FORMS + ")");
            }
            out.add(k.asText());
        }
        return out;
    }

    /** A string field; {@code required}: missing or blank is an error, else null. */
    private String text(JsonNode o, String field, Integer n, boolean required) throws TourLoadException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new TourLoadException(source, n, field, "missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new TourLoadException(source, n, field, "must be a string, was " + v);
        }
        if (v.asText().isBlank()) {
            throw new TourLoadException(source, n, field, "empty");
        }
        return v.asText().strip();
    }

    /** A whole number at least {@code min}. */
    private long whole(JsonNode v, int n, String field, long min) throws TourLoadException {
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asLong() < min) {
            throw new TourLoadException(source, n, field, "must be a whole number of at least " + min + ", was " + v);
        }
        return v.asLong();
    }

    private void unknownFields(JsonNode o, List<String> allowed, Integer n, String prefix) throws TourLoadException {
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        while (it.hasNext()) {
            String name = it.next().getKey();
            if (!allowed.contains(name)) {
                String shown = prefix == null ? name : prefix + name;
                throw new TourLoadException(source, n, shown, "unknown field (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }
}

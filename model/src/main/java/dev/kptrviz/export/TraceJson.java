package dev.kptrviz.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kptrviz.session.Alarm;
import dev.kptrviz.session.Event;
import dev.kptrviz.session.RegWrite;
import dev.kptrviz.session.Session;
import dev.kptrviz.session.StepRecord;
import dev.kptrviz.verifier.Diagnostic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The trace's JSON: the one per-step shape {@code {"step","pc","insn","line","regs","events","alarms"}} that
 * {@code trace --json} prints as JSON Lines, the diagnostic and summary objects, and the whole trace as one
 * document {@code {"program","file","semantics","verdict","steps":[…],"diagnostic","summary"}}. Maps keep their
 * keys in insertion order, so the output is stable.
 */
public final class TraceJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceJson() {
    }

    /** One step; a register without a concrete value (the failing-path walk) has null value and concrete. */
    public static Map<String, Object> step(StepRecord r, IntFunction<String> insnText) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", r.step());
        m.put("pc", r.pc());
        m.put("insn", insnText.apply(r.pc()));
        m.put("line", r.line());
        Map<String, Object> regs = new LinkedHashMap<>();
        for (RegWrite w : r.regs()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("frame", w.frame());
            v.put("value", w.concrete() == null ? null : w.bits());
            v.put("concrete", w.concrete());
            v.put("abstract", w.abstractState());
            regs.put("r" + w.reg(), v);
        }
        m.put("regs", regs);
        m.put("events", r.events().stream().map(TraceJson::event).toList());
        m.put("alarms", r.alarms().stream().map(Alarm::toString).toList());
        return m;
    }

    public static Map<String, Object> event(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind().name());
        m.put("object", e.objectId());
        m.put("ref", e.refId());
        m.put("detail", e.detail());
        return m;
    }

    /** The verifier's rejection: {@code {"kind":"DIAGNOSTIC","insn","message","explanation"}}. */
    public static Map<String, Object> diagnostic(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "DIAGNOSTIC");
        m.put("insn", d.insn());
        m.put("message", d.message());
        m.put("explanation", d.explanation());
        return m;
    }

    /** {@code {"steps","verdict","retval","alarms"}}; {@code retval} is null unless the program exited. */
    public static Map<String, Object> summary(long steps, boolean accepted, Integer retval, int alarms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("verdict", verdict(accepted));
        m.put("retval", retval);
        m.put("alarms", alarms);
        return m;
    }

    /** The summary of a session at its current position. */
    public static Map<String, Object> summary(Session s) {
        return summary(s.position(), s.verdict().accepted(),
                s.status() == Session.Status.EXITED ? s.result().retval() : null, s.alarms().size());
    }

    public static String verdict(boolean accepted) {
        return accepted ? "accepted" : "rejected";
    }

    /** The whole trace as one document; {@code diagnostic} and {@code file} may be null. */
    public static Map<String, Object> document(String program, String file, String semantics, boolean accepted,
                                               List<Map<String, Object>> steps, Map<String, Object> diagnostic,
                                               Map<String, Object> summary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("program", program);
        m.put("file", file);
        m.put("semantics", semantics);
        m.put("verdict", verdict(accepted));
        m.put("steps", steps);
        m.put("diagnostic", diagnostic);
        m.put("summary", summary);
        return m;
    }

    /**
     * The document of the steps {@code s} has taken up to its current position (1 … position), with the session's
     * rejection on this path if there is one and the summary at this position. The session is only read.
     */
    public static String of(Session s, String file) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (long n = 1; n <= s.position(); n++) {
            steps.add(step(s.record(n), s::insnText));
        }
        // the rejection belongs to the document once the path has reached the refused instruction
        Map<String, Object> diag = s.rejection().filter(d -> s.rejectedAt() >= 0 && s.position() >= s.rejectedAt())
                .map(TraceJson::diagnostic).orElse(null);
        return pretty(document(s.program().name(), file, s.semantics().name(), s.verdict().accepted(), steps, diag,
                summary(s)));
    }

    /** One line of JSON. */
    public static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Indented JSON, for documents people open. */
    public static String pretty(Object o) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}

package dev.kptrviz.session;

import dev.kptrviz.session.TimelineMark.Category;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timeline's marks: events by category, the rejection, breakpoint stops, bucketing on long recordings. */
class TimelineMarksTest {
    private static List<String> summary(List<TimelineMark> marks) {
        return marks.stream().map(m -> m.position() + " " + m.category()).toList();
    }

    private static List<String> breakpointLabels(Session s) {
        return s.marks().stream().filter(m -> m.category() == Category.BREAKPOINT).map(TimelineMark::label).toList();
    }

    private static TimelineMark at(List<TimelineMark> marks, long position, Category c) {
        return marks.stream().filter(m -> m.position() == position && m.category() == c).findFirst()
                .orElseThrow(() -> new AssertionError("no " + c + " mark at " + position + " in " + marks));
    }

    @Test
    void theMotivatingExamplesEventsSitOnTheStepsThatProducedThem() {
        Session s = Sessions.open("motivating");
        s.runToEnd();
        List<TimelineMark> marks = s.marks();
        assertEquals(List.of("3 HEAP", "13 HEAP", "16 LOCK", "22 COLLECTION", "29 COLLECTION", "31 LOCK"),
                summary(marks));
        assertEquals("step 29: insert ok · call bpf_rbtree_add_impl#37", at(marks, 29, Category.COLLECTION).label());
        assertEquals(33, s.record(29).pc(), "step 29 executes the bpf_rbtree_add_impl call");
        assertEquals("step 22: insert ok · call bpf_list_push_back_impl#26", at(marks, 22, Category.COLLECTION).label());
        assertEquals("step 3: alloc · call bpf_obj_new_impl#17", at(marks, 3, Category.HEAP).label());
        assertEquals("step 13: refcount change · call bpf_refcount_acquire_impl#19", at(marks, 13, Category.HEAP).label());
        assertEquals("step 31: unlock, non-owning invalidated · call bpf_spin_unlock#94",
                at(marks, 31, Category.LOCK).label());
        assertEquals(33, s.position(), "computing the marks does not move the session");
    }

    @Test
    void theMarksGrowWithTheRecording() {
        Session s = Sessions.open("motivating");
        assertTrue(s.marks().isEmpty());
        s.run(20);
        assertEquals(List.of("3 HEAP", "13 HEAP", "16 LOCK"), summary(s.marks()));
    }

    @Test
    void doubleInsertHasAnInsertFailedMarkWithTheRefcountDrop() {
        Session s = Sessions.open("double_insert");
        s.runToEnd();
        List<TimelineMark> marks = s.marks();
        assertEquals("step 29: insert failed · call bpf_rbtree_add_impl#30", at(marks, 29, Category.COLLECTION).label());
        assertEquals("step 29: refcount change · call bpf_rbtree_add_impl#30", at(marks, 29, Category.HEAP).label());
        assertEquals("step 21: insert ok · call bpf_rbtree_add_impl#30", at(marks, 21, Category.COLLECTION).label());
        assertTrue(marks.stream().noneMatch(m -> m.category() == Category.PROBLEM));
    }

    @Test
    void theRejectionIsAProblemMarkWhereTheRunStops() {
        Session s = Sessions.open("use_after_unlock");
        s.runToEnd();
        assertEquals(Session.Status.REJECTED, s.status());
        List<TimelineMark> problems = s.marks().stream().filter(m -> m.category() == Category.PROBLEM).toList();
        assertEquals(1, problems.size());
        TimelineMark m = problems.get(0);
        assertEquals(s.position(), m.position());
        String message = s.rejection().orElseThrow().message();
        assertEquals("step " + s.position() + ": the verifier refuses insn " + s.snapshot().pc() + ": " + message,
                m.label());
        // running it anyway adds the runtime's findings, and the rejection mark stays one
        s.continueAnyway();
        s.runToEnd();
        long rejections = s.marks().stream().filter(x -> x.label().contains("refuses")).count();
        assertEquals(1, rejections);
    }

    @Test
    void breakpointStopsAreMarkedWhereTheRunWouldStop() {
        Session s = Sessions.open("double_insert");
        s.runToEnd();
        s.addBreakpoint(new Breakpoint.AtInsn(34));
        s.addBreakpoint(new Breakpoint.OnEvent(EventKind.INSERT_OK));
        assertEquals(List.of("step 21: breakpoint insert ok", "step 28: breakpoint insn 34"), breakpointLabels(s));
        // conditions are checked at the stop: before insn 25 r0 is the first add's 0, before 35 the second's -22
        s.clearBreakpoints();
        s.addBreakpoint(Breakpoint.When.parse(new Breakpoint.AtInsn(35), "r0 == 0"));
        s.addBreakpoint(Breakpoint.When.parse(new Breakpoint.AtInsn(25), "r0 == 0"));
        assertEquals(List.of("step 21: breakpoint insn 25 when r0 == 0"), breakpointLabels(s));
        assertEquals(41, s.position());
    }

    @Test
    void aLongRecordingIsBucketedUnderTheCap() {
        Session s = Sessions.open("arith_loop");
        s.runToEnd();
        s.addBreakpoint(new Breakpoint.AtInsn(22));
        List<TimelineMark> marks = s.marks();
        assertTrue(marks.size() <= TimelineMarks.MAX, marks.size() + " marks");
        assertTrue(marks.size() > 100, "still spread over the timeline: " + marks.size());
        TimelineMark first = marks.get(0);
        assertEquals(Category.BREAKPOINT, first.category());
        assertTrue(first.label().matches("steps \\d+–\\d+: \\d+ breakpoint stops; first at step \\d+: breakpoint insn 22"),
                first.label());
        long stops = marks.stream().mapToLong(m -> m.label().startsWith("step ") ? 1
                : Long.parseLong(m.label().replaceFirst("^steps \\d+–\\d+: (\\d+) .*", "$1"))).sum();
        assertEquals(8000, stops, "every iteration is counted in some bucket");
        // a conditional breakpoint on the loop: only the first candidates are checked by replay
        s.clearBreakpoints();
        s.addBreakpoint(Breakpoint.When.parse(new Breakpoint.AtInsn(22), "r1 == 100"));
        List<TimelineMark> cond = s.marks();
        assertTrue(cond.stream().anyMatch(m -> m.label().contains("(condition not checked)")));
        assertTrue(cond.size() <= TimelineMarks.MAX);
    }
}

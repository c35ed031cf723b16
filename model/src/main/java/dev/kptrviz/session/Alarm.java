package dev.kptrviz.session;

/**
 * A monitor violation: the concrete state is not inside the abstract one at {@code where} (e.g. "r6",
 * "fp-8" of frame {@code frame}). Either our model is wrong or the verifier is unsound there.
 */
public record Alarm(long step, int pc, int frame, String where, String rule, String concrete, String abstractState) {
    @Override
    public String toString() {
        return "step " + step + " insn " + pc + " frame " + frame + " " + where + ": " + rule + " (concrete "
                + concrete + ", abstract " + abstractState + ")";
    }
}

package dev.kptrviz.bench;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Examples;
import dev.kptrviz.session.Session;
import dev.kptrviz.session.SessionInputs;

/** A quick loop for profiling the traced lockstep outside JMH (run with JFR attached). */
public final class SessionProfile {
    private SessionProfile() {
    }

    public static void main(String[] args) throws Exception {
        BpfObject obj = Examples.load("arith_loop.o");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            Session s = Session.open(obj, obj.program("arith_loop").orElseThrow(), Semantics.CURRENT,
                    SessionInputs.defaults());
            long n = s.runToEnd();
            long ns = System.nanoTime() - t0;
            System.out.printf("%d steps %.1f ms %.2f M steps/s %.1f B/step%n", n, ns / 1e6, n * 1e3 / ns,
                    s.recordedBytesPerStep());
        }
    }
}

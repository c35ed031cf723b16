package dev.kptrviz.verifier;

import dev.kptrviz.btf.SpecialField;
import dev.kptrviz.absint.Rejection;

import dev.kptrviz.LoadException;
import dev.kptrviz.btf.BtfType;
import dev.kptrviz.program.Function;

import java.util.List;

/**
 * Calls to global (non-static) functions: the kernel verifies such a function once, on its
 * own, from its BTF prototype, so a caller may pass only what the prototype can describe. A
 * pointer to a struct with special fields (list/rb nodes, locks) cannot be described as plain
 * memory, which the kernel reports at the call.
 */
final class GlobalArgs {
    private GlobalArgs() {
    }

    static void check(Env env, State s, int target) throws Rejection {
        if (env.btf == null) {
            return;
        }
        List<Function> fns = env.program.functions();
        int index = 0;
        Function callee = null;
        for (int i = 0; i < fns.size(); i++) {
            if (fns.get(i).start() == target) {
                index = i;
                callee = fns.get(i);
            }
        }
        if (callee == null || callee.btfFuncId() <= 0) {
            return;
        }
        try {
            BtfType fn = env.btf.type(callee.btfFuncId());
            if (!(fn instanceof BtfType.Func f) || !(env.btf.type(f.protoType()) instanceof BtfType.FuncProto proto)) {
                return;
            }
            for (int a = 0; a < proto.params().size() && a < 5; a++) {
                BtfType pt = env.btf.resolve(proto.params().get(a).type());
                if (!(pt instanceof BtfType.Ptr ptr) || !(env.btf.resolve(ptr.type()) instanceof BtfType.Struct st)) {
                    continue;
                }
                for (BtfType.Member m : st.members()) {
                    var special = SpecialField.of(env.btf, m.type());
                    if (special.isPresent()) {
                        throw new Rejection("A global function is verified on its own from its prototype and cannot "
                                + "take a pointer to a struct with special fields; make it static.",
                                "direct access to " + special.get().structName() + " is disallowed",
                                "Caller passes invalid args into func#" + index
                                        + (env.sem.resourceLeakWording() ? " ('" + callee.name() + "')" : ""));
                    }
                }
            }
        } catch (LoadException e) {
            // the prototype was validated at load; nothing more to check
        }
    }

    /** How many parameters the global function starting at {@code start} declares (0 if unknown). */
    static int paramCount(Env env, int start) {
        if (env.btf == null) {
            return 0;
        }
        for (Function f : env.program.functions()) {
            if (f.start() == start && f.btfFuncId() > 0) {
                try {
                    if (env.btf.type(f.btfFuncId()) instanceof BtfType.Func fn
                            && env.btf.type(fn.protoType()) instanceof BtfType.FuncProto proto) {
                        return proto.params().size();
                    }
                } catch (LoadException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}

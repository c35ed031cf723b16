package dev.kptrviz.program;

import dev.kptrviz.LoadException;
import dev.kptrviz.btf.Btf;
import dev.kptrviz.btf.BtfExt;
import dev.kptrviz.btf.BtfType;
import dev.kptrviz.elf.ElfFile;
import dev.kptrviz.elf.ElfRelocation;
import dev.kptrviz.elf.ElfSection;
import dev.kptrviz.elf.ElfSymbol;
import dev.kptrviz.isa.Decoder;
import dev.kptrviz.kfunc.Kfunc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Links one entry function into a program the way libbpf does before BPF_PROG_LOAD: copy the
 * entry function, then append each {@code .text} function the first time a call or a function
 * address reaches it (depth first), and patch call/ld_imm64 immediates to be relative to the
 * linked layout. Matching libbpf's order keeps our instruction indexes equal to the kernel's.
 */
final class Linker {
    private static final int OP_CALL = 0x85;
    private static final int OP_LDDW = 0x18;
    private static final int CORE_TYPE_ID_LOCAL = 6;

    /** A function symbol: where its body lies in its section, in instruction slots. */
    record FuncSym(String name, int sectionIndex, int start, int length, boolean global) {
    }

    private final ElfFile elf;
    private final Btf btf;
    private final BtfExt ext;
    private final List<Region> regions;
    private final List<FuncSym> funcs;

    private final Map<FuncSym, Integer> placed = new LinkedHashMap<>();
    private final Map<FuncSym, Function.Kind> kinds = new HashMap<>();
    private byte[] code = new byte[0];
    private final Map<Integer, KfuncCall> kfuncCalls = new HashMap<>();
    private final Map<Integer, LdImm64Target> ldTargets = new HashMap<>();
    private final Map<Integer, Integer> callTargets = new HashMap<>();

    Linker(ElfFile elf, Btf btf, BtfExt ext, List<Region> regions, List<FuncSym> funcs) {
        this.elf = elf;
        this.btf = btf;
        this.ext = ext;
        this.regions = regions;
        this.funcs = funcs;
    }

    Program link(FuncSym entry) throws LoadException {
        kinds.put(entry, Function.Kind.MAIN);
        place(entry);
        relocate(entry);
        String section = elf.section(entry.sectionIndex()).name();
        List<Function> functions = new ArrayList<>();
        for (Map.Entry<FuncSym, Integer> e : placed.entrySet()) {
            FuncSym f = e.getKey();
            functions.add(new Function(f.name(), e.getValue(), f.length(), kinds.get(f), f.global(), funcBtfId(f)));
        }
        var insns = Decoder.decode(code, entry.name() + " (linked from " + section + ")");
        return new Program(entry.name(), section, insns, List.copyOf(functions), Map.copyOf(kfuncCalls),
                Map.copyOf(ldTargets), Map.copyOf(callTargets), lines());
    }

    private void place(FuncSym f) {
        int at = code.length / 8;
        placed.put(f, at);
        byte[] sec = elf.section(f.sectionIndex()).data();
        byte[] grown = java.util.Arrays.copyOf(code, code.length + f.length() * 8);
        System.arraycopy(sec, f.start() * 8, grown, code.length, f.length() * 8);
        code = grown;
    }

    private void relocate(FuncSym f) throws LoadException {
        ElfSection sec = elf.section(f.sectionIndex());
        Map<Integer, ElfRelocation> relocs = new HashMap<>();
        for (ElfRelocation r : elf.relocationsFor(sec.index())) {
            relocs.put((int) (r.offset() / 8), r);
        }
        Map<Integer, BtfExt.CoreRelo> core = new HashMap<>();
        if (ext != null) {
            for (BtfExt.CoreRelo c : ext.coreRelos().getOrDefault(sec.name(), List.of())) {
                core.put(c.insnOff() / 8, c);
            }
        }
        int base = placed.get(f);
        for (int i = 0; i < f.length(); i++) {
            int secIdx = f.start() + i;
            int flat = base + i;
            int op = code[flat * 8] & 0xff;
            int src = (code[flat * 8 + 1] >> 4) & 0xf;
            ElfRelocation r = relocs.get(secIdx);
            String where = "section " + sec.index() + " (" + sec.name() + "), insn " + secIdx;
            if (r != null && r.offset() % 8 != 0) {
                throw new LoadException(where, "relocation at offset 0x" + Long.toHexString(r.offset())
                        + " is not at an instruction boundary");
            }
            if (op == OP_CALL) {
                callSite(f, sec, secIdx, flat, src, r, where);
            } else if (op == OP_LDDW) {
                ldImm64(sec, secIdx, flat, r, core.get(secIdx), where);
                i++; // skip the second slot of ld_imm64
            } else if (r != null) {
                throw new LoadException(where, "relocation against '" + r.symbol().name()
                        + "' patches an instruction (opcode 0x" + Integer.toHexString(op)
                        + ") that is neither a call nor an ld_imm64");
            }
        }
    }

    private void callSite(FuncSym f, ElfSection sec, int secIdx, int flat, int src, ElfRelocation r, String where)
            throws LoadException {
        int imm = imm(flat);
        if (r != null && r.symbol().isUndefined()) {
            String name = r.symbol().name();
            if (Kfunc.byName(name).isEmpty()) {
                throw new LoadException(where, "call to unknown kfunc '" + name
                        + "': KptrViz models only the local-kptr, list, rbtree and refcount kfuncs");
            }
            int id = externFuncId(name);
            kfuncCalls.put(flat, new KfuncCall(name, id));
            setSrc(flat, 2);
            setImm(flat, id);
            return;
        }
        if (r == null && src != 1) {
            return; // helper call: imm is the helper id
        }
        int targetSection;
        int targetIdx;
        if (r != null) {
            ElfSymbol s = r.symbol();
            targetSection = s.sectionIndex();
            targetIdx = (int) (s.value() / 8) + imm + 1;
        } else {
            targetSection = sec.index();
            targetIdx = secIdx + imm + 1;
        }
        FuncSym callee = subprogAt(targetSection, targetIdx, where, "call");
        int target = placeIfNew(callee, Function.Kind.SUBPROG);
        setSrc(flat, 1);
        setImm(flat, target - flat - 1);
        callTargets.put(flat, target);
    }

    private void ldImm64(ElfSection sec, int secIdx, int flat, ElfRelocation r, BtfExt.CoreRelo core, String where)
            throws LoadException {
        if (flat * 8 + 16 > code.length) {
            throw new LoadException(where, "ld_imm64 is missing its second half at the end of the function");
        }
        if (core != null && core.kind() == CORE_TYPE_ID_LOCAL) {
            String type = btf == null ? "?" : btf.cName(core.typeId());
            ldTargets.put(flat, new LdImm64Target.LocalTypeId(core.typeId(), type));
            setImm(flat, core.typeId());
            return;
        }
        if (core != null) {
            throw new LoadException(where, "CO-RE relocation of kind " + core.kind()
                    + " is not supported (only local type ids, kind 6, as bpf_obj_new uses)");
        }
        if (r == null) {
            return;
        }
        ElfSymbol s = r.symbol();
        if (s.isUndefined()) {
            throw new LoadException(where, "ld_imm64 of extern '" + s.name()
                    + "' (a __ksym or __kconfig variable) is not supported");
        }
        if (s.sectionIndex() >= elf.sections().size()) {
            throw new LoadException(where, "ld_imm64 of '" + s.name() + "' in special section " + s.sectionIndex());
        }
        ElfSection target = elf.section(s.sectionIndex());
        long imm = imm(flat);
        if (target.isExecutable()) {
            long byteOff = s.value() + imm;
            if (byteOff % 8 != 0) {
                throw new LoadException(where, "function address " + byteOff + " is not a multiple of 8");
            }
            FuncSym callee = subprogAt(target.index(), (int) (byteOff / 8), where, "function address");
            int t = placeIfNew(callee, Function.Kind.CALLBACK);
            ldTargets.put(flat, new LdImm64Target.FunctionAddress(t, callee.name()));
            setSrc(flat, 4);
            setImm(flat, t - flat - 1);
            return;
        }
        for (Region region : regions) {
            if (region.sectionIndex() == target.index()) {
                long off = s.value() + imm;
                if (off < 0 || off > region.size()) {
                    throw new LoadException(where, "address of '" + s.name() + "' + " + imm + " lies outside "
                            + region.name() + " (size " + region.size() + ")");
                }
                ldTargets.put(flat, new LdImm64Target.GlobalAddress(region, off));
                setSrc(flat, 2);
                setImm(flat, region.index());
                setImm(flat + 1, (int) off);
                return;
            }
        }
        throw new LoadException(where, "ld_imm64 refers to '" + s.name() + "' in section " + target.name()
                + ", which is not a global data section KptrViz supports");
    }

    private FuncSym subprogAt(int sectionIndex, int idx, String where, String what) throws LoadException {
        for (FuncSym f : funcs) {
            if (f.sectionIndex() == sectionIndex && f.start() == idx) {
                if (!elf.section(sectionIndex).name().equals(".text")) {
                    throw new LoadException(where, what + " targets '" + f.name() + "' in "
                            + elf.section(sectionIndex).name() + "; sub-programs must be in .text");
                }
                return f;
            }
        }
        throw new LoadException(where, what + " targets instruction " + idx + " of section "
                + (sectionIndex < elf.sections().size() ? elf.section(sectionIndex).name() : "#" + sectionIndex)
                + ", which is not the start of a function");
    }

    private int placeIfNew(FuncSym f, Function.Kind kind) throws LoadException {
        Integer at = placed.get(f);
        if (at != null) {
            return at;
        }
        kinds.put(f, kind);
        place(f);
        relocate(f);
        return placed.get(f);
    }

    private int externFuncId(String name) {
        if (btf == null) {
            return -1;
        }
        for (BtfType t : btf.byName(name)) {
            if (t instanceof BtfType.Func) {
                return t.id();
            }
        }
        return -1;
    }

    private int funcBtfId(FuncSym f) {
        if (btf == null) {
            return -1;
        }
        for (BtfType t : btf.byName(f.name())) {
            if (t instanceof BtfType.Func fn && fn.linkage() != 2) {
                return t.id();
            }
        }
        return -1;
    }

    private LineTable lines() {
        int n = code.length / 8;
        SourceLine[] lines = new SourceLine[n];
        boolean[] starts = new boolean[n];
        if (ext == null) {
            return new LineTable(lines, starts);
        }
        for (Map.Entry<FuncSym, Integer> e : placed.entrySet()) {
            FuncSym f = e.getKey();
            String secName = elf.section(f.sectionIndex()).name();
            for (BtfExt.LineInfo li : ext.lineInfo().getOrDefault(secName, List.of())) {
                int idx = li.insnOff() / 8;
                if (li.insnOff() % 8 == 0 && idx >= f.start() && idx < f.start() + f.length()) {
                    int flat = e.getValue() + idx - f.start();
                    lines[flat] = new SourceLine(li.file(), li.line(), li.column(), li.lineText());
                    starts[flat] = true;
                }
            }
            SourceLine current = null;
            for (int i = e.getValue(); i < e.getValue() + f.length(); i++) {
                if (lines[i] != null) {
                    current = lines[i];
                } else {
                    lines[i] = current;
                }
            }
        }
        return new LineTable(lines, starts);
    }

    private int imm(int slot) {
        int p = slot * 8 + 4;
        return (code[p] & 0xff) | (code[p + 1] & 0xff) << 8 | (code[p + 2] & 0xff) << 16 | (code[p + 3] & 0xff) << 24;
    }

    private void setImm(int slot, int v) {
        int p = slot * 8 + 4;
        code[p] = (byte) v;
        code[p + 1] = (byte) (v >> 8);
        code[p + 2] = (byte) (v >> 16);
        code[p + 3] = (byte) (v >> 24);
    }

    private void setSrc(int slot, int src) {
        code[slot * 8 + 1] = (byte) ((code[slot * 8 + 1] & 0x0f) | (src << 4));
    }
}

package dev.kptrviz.btf;

import dev.kptrviz.LoadException;
import dev.kptrviz.io.ByteView;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code .BTF.ext} section: per-ELF-section function info, line info and CO-RE
 * relocations. All names and strings are looked up in the companion {@code .BTF} string table;
 * all instruction offsets are in bytes from the start of the named ELF section.
 */
public final class BtfExt {
    static final String SECTION = "section .BTF.ext";
    private static final int MAGIC = 0xeB9F;
    private static final int MIN_HEADER = 24;
    private static final int CORE_HEADER = 32;

    /** Values of the kernel's {@code enum bpf_core_relo_kind}. */
    public static final int FIELD_BYTE_OFFSET = 0, FIELD_BYTE_SIZE = 1, FIELD_EXISTS = 2, FIELD_SIGNED = 3,
            FIELD_LSHIFT_U64 = 4, FIELD_RSHIFT_U64 = 5, TYPE_ID_LOCAL = 6, TYPE_ID_TARGET = 7, TYPE_EXISTS = 8,
            TYPE_SIZE = 9, ENUMVAL_EXISTS = 10, ENUMVAL_VALUE = 11, TYPE_MATCHES = 12;
    private static final String[] RELO_KIND_NAMES = {"FIELD_BYTE_OFFSET", "FIELD_BYTE_SIZE", "FIELD_EXISTS",
        "FIELD_SIGNED", "FIELD_LSHIFT_U64", "FIELD_RSHIFT_U64", "TYPE_ID_LOCAL", "TYPE_ID_TARGET", "TYPE_EXISTS",
        "TYPE_SIZE", "ENUMVAL_EXISTS", "ENUMVAL_VALUE", "TYPE_MATCHES"};

    /** The FUNC type {@code typeId} starts at byte {@code insnOff}. */
    public record FuncInfo(int insnOff, int typeId) {}

    /** The instruction at byte {@code insnOff} comes from {@code file}:{@code line}:{@code column}, whose text is {@code lineText}. */
    public record LineInfo(int insnOff, String file, String lineText, int line, int column) {}

    /** A CO-RE relocation of the instruction at byte {@code insnOff}; {@code kind} per {@code enum bpf_core_relo_kind}. */
    public record CoreRelo(int insnOff, int typeId, String accessString, int kind) {
        /** The kind's name without the {@code BPF_CORE_} prefix, e.g. {@code TYPE_ID_LOCAL}. */
        public String kindName() {
            return BtfExt.reloKindName(kind);
        }
    }

    private final Map<String, List<FuncInfo>> funcInfo;
    private final Map<String, List<LineInfo>> lineInfo;
    private final Map<String, List<CoreRelo>> coreRelos;

    private BtfExt(Map<String, List<FuncInfo>> funcInfo, Map<String, List<LineInfo>> lineInfo,
                   Map<String, List<CoreRelo>> coreRelos) {
        this.funcInfo = funcInfo;
        this.lineInfo = lineInfo;
        this.coreRelos = coreRelos;
    }

    /** Function info by ELF section name, in section order. */
    public Map<String, List<FuncInfo>> funcInfo() {
        return funcInfo;
    }

    /** Line info by ELF section name, in section order. */
    public Map<String, List<LineInfo>> lineInfo() {
        return lineInfo;
    }

    /** CO-RE relocations by ELF section name, in section order (empty when the header predates them). */
    public Map<String, List<CoreRelo>> coreRelos() {
        return coreRelos;
    }

    public static String reloKindName(int kind) {
        return kind >= 0 && kind < RELO_KIND_NAMES.length ? RELO_KIND_NAMES[kind] : "kind " + kind;
    }

    /** Parses a {@code .BTF.ext} section; {@code btf} is the object's {@code .BTF}, for strings and type ids. */
    public static BtfExt parse(byte[] section, Btf btf) throws LoadException {
        if (section == null) {
            throw new LoadException(SECTION, "no section data");
        }
        return new Reader(new ByteView(section, SECTION), btf).read();
    }

    /** One record decoder per sub-section. */
    private interface RecordDecoder<T> {
        T decode(long p, String secName) throws LoadException;
    }

    private static final class Reader {
        private final ByteView v;
        private final Btf btf;
        private final StringTable strings;

        Reader(ByteView v, Btf btf) {
            this.v = v;
            this.btf = btf;
            this.strings = btf.stringTable();
        }

        private LoadException at(long offset, String reason) {
            return v.error(offset, reason);
        }

        BtfExt read() throws LoadException {
            int length = v.length();
            if (length < 8) {
                throw at(0, "section is " + length + " bytes, too short for a BTF.ext header");
            }
            int magic = v.u16(0);
            if (magic != MAGIC) {
                throw at(0, String.format("bad magic 0x%04x (expected 0xeb9f)", magic));
            }
            if (v.u8(2) != 1) {
                throw at(2, "unsupported BTF.ext version " + v.u8(2) + " (expected 1)");
            }
            if (v.u8(3) != 0) {
                throw at(3, "unsupported header flags 0x" + Integer.toHexString(v.u8(3)));
            }
            long hdrLen = v.u32(4);
            if (hdrLen < MIN_HEADER || hdrLen > length) {
                throw at(4, "header length " + hdrLen + " is outside " + MIN_HEADER + ".." + length);
            }
            Map<String, List<FuncInfo>> funcs = sub(hdrLen, 8, "func_info", 8, (p, sec) -> {
                int insn = insnOff(p, "func_info");
                int typeId = typeId(p + 4, "func_info");
                if (!(btf.type(typeId) instanceof BtfType.Func)) {
                    throw at(p + 4, "func_info type id " + typeId + " is not a FUNC: " + btf.describe(typeId));
                }
                return new FuncInfo(insn, typeId);
            });
            Map<String, List<LineInfo>> lines = sub(hdrLen, 16, "line_info", 16, (p, sec) -> {
                long lineCol = v.u32(p + 12);
                return new LineInfo(insnOff(p, "line_info"), str(p + 4, "line_info file name"),
                        str(p + 8, "line_info line text"), (int) (lineCol >>> 10), (int) (lineCol & 0x3ff));
            });
            Map<String, List<CoreRelo>> relos = hdrLen >= CORE_HEADER
                    ? sub(hdrLen, 24, "core_relo", 16, (p, sec) -> {
                        long kind = v.u32(p + 12);
                        if (kind >= RELO_KIND_NAMES.length) {
                            throw at(p + 12, "unknown CO-RE relocation kind " + kind);
                        }
                        return new CoreRelo(insnOff(p, "core_relo"), typeId(p + 4, "core_relo"),
                                str(p + 8, "core_relo access string"), (int) kind);
                    })
                    : Map.of();
            return new BtfExt(funcs, lines, relos);
        }

        private int insnOff(long p, String what) throws LoadException {
            long off = v.u32(p);
            if (off % 8 != 0 || off > Integer.MAX_VALUE) {
                throw at(p, what + " instruction offset " + off + " is not a multiple of 8 bytes below 2^31");
            }
            return (int) off;
        }

        private int typeId(long p, String what) throws LoadException {
            long id = v.u32(p);
            if (id >= btf.count()) {
                throw at(p, what + " type id " + id + " is beyond the last .BTF type id " + (btf.count() - 1));
            }
            return (int) id;
        }

        private String str(long p, String what) throws LoadException {
            try {
                return strings.get(v.u32(p));
            } catch (LoadException e) {
                throw at(p, what + ": " + e.reason());
            }
        }

        /**
         * Sub-section whose (offset, length) pair sits at header offset {@code field}: a record size,
         * then blocks of {sec_name_off, num_info, num_info records}.
         */
        private <T> Map<String, List<T>> sub(long hdrLen, int field, String name, int minRecord,
                                             RecordDecoder<T> decoder) throws LoadException {
            long off = v.u32(field), len = v.u32(field + 4);
            if (len == 0) {
                return Map.of();
            }
            if ((off & 3) != 0) {
                throw at(field, name + " offset " + off + " is not 4-byte aligned");
            }
            long start = hdrLen + off, end = start + len;
            if (end > v.length()) {
                throw at(field, name + " [" + off + ", +" + len + ") runs past the section data ("
                        + (v.length() - hdrLen) + " bytes after the header)");
            }
            if (len < 4) {
                throw at(start, name + " is " + len + " bytes, too short for its record size");
            }
            long recSize = v.u32(start);
            if (recSize < minRecord || (recSize & 3) != 0 || recSize > len) {
                throw at(start, name + " record size " + recSize + " is invalid (at least " + minRecord
                        + ", a multiple of 4)");
            }
            Map<String, List<T>> out = new LinkedHashMap<>();
            long p = start + 4;
            while (p < end) {
                if (end - p < 8) {
                    throw at(p, name + " block header is truncated (" + (end - p) + " bytes left)");
                }
                String secName = str(p, name + " section name");
                long num = v.u32(p + 4);
                if (num == 0) {
                    throw at(p + 4, name + " block for section '" + secName + "' has no records");
                }
                p += 8;
                if (num * recSize > end - p) {
                    throw at(p - 4, name + " block for section '" + secName + "' declares " + num + " records of "
                            + recSize + " bytes, more than the " + (end - p) + " bytes left");
                }
                List<T> list = out.computeIfAbsent(secName, k -> new ArrayList<>());
                for (long i = 0; i < num; i++, p += recSize) {
                    list.add(decoder.decode(p, secName));
                }
            }
            out.replaceAll((k, l) -> List.copyOf(l));
            return Collections.unmodifiableMap(out);
        }
    }
}

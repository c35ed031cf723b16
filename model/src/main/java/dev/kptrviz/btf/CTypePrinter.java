package dev.kptrviz.btf;

import dev.kptrviz.LoadException;

import java.util.List;

/**
 * Prints full C definitions of BTF types, pahole-style: every struct/union member carries a
 * {@code /* offset size *}{@code /} comment (byte offset from the start of the outermost type; for
 * bitfields {@code byte:bit}), holes are marked {@code /* XXX n bytes hole *}{@code /}, and a
 * summary line gives size, alignment and tail padding. Anonymous struct/union members are expanded
 * inline. Decl tags are printed as {@code __attribute__((btf_decl_tag("...")))} where they apply.
 * Nothing here throws.
 */
public final class CTypePrinter {
    private static final String INDENT = "    ";
    private static final int COMMENT_COLUMN = 44;
    private static final int MAX_INLINE_DEPTH = 8;

    private final Btf btf;
    private final StringBuilder out = new StringBuilder();

    private CTypePrinter(Btf btf) {
        this.btf = btf;
    }

    /**
     * The C definition of {@code id}: multi-line for STRUCT/UNION/ENUM/ENUM64 and DATASEC (its
     * variables), one line for TYPEDEF, FUNC, VAR and FWD, and the plain C type name otherwise.
     */
    public static String declaration(Btf btf, int id) {
        if (id < 0 || id >= btf.count()) {
            return "/* no such type id " + Integer.toUnsignedString(id) + " */";
        }
        try {
            return new CTypePrinter(btf).print(btf.types().get(id));
        } catch (RuntimeException e) {
            return "/* cannot print type id " + id + ": " + e + " */";
        }
    }

    private String print(BtfType t) {
        if (t instanceof BtfType.Struct s) {
            out.append(s.union() ? "union " : "struct ").append(s.name().isEmpty() ? "" : s.name() + " ").append("{\n");
            body(s, 0, 1);
            out.append("}").append(tags(s.id(), -1)).append(";\n");
        } else if (t instanceof BtfType.Enum e) {
            out.append("enum ").append(e.name().isEmpty() ? "" : e.name() + " ").append("{\n");
            for (BtfType.EnumValue v : e.values()) {
                out.append(INDENT).append(v.name()).append(" = ").append(CNames.enumValue(e, v.value())).append(",\n");
            }
            out.append("};\n");
        } else if (t instanceof BtfType.DataSec d) {
            out.append("SEC(\"").append(CNames.escape(d.name())).append("\") {\n");
            for (BtfType.VarSecInfo vs : d.vars()) {
                line(INDENT + storage(vs.type()) + CNames.declare(btf, vs.type(), "") + tags(vs.type(), -1) + ";",
                        comment(vs.offset(), Integer.toString(vs.size())));
            }
            out.append("};").append(d.size() == 0 ? " /* size and offsets not yet assigned (object file) */" : "")
                    .append('\n');
        } else if (t instanceof BtfType.Typedef d) {
            out.append("typedef ").append(CNames.declare(btf, d.type(), d.name())).append(tags(d.id(), -1)).append(";\n");
        } else if (t instanceof BtfType.Func || t instanceof BtfType.Var) {
            out.append(storage(t.id())).append(btf.cName(t.id())).append(tags(t.id(), -1)).append(";\n");
        } else if (t instanceof BtfType.Fwd) {
            out.append(btf.cName(t.id())).append(";\n");
        } else {
            out.append(btf.cName(t.id())).append('\n');
        }
        return out.toString();
    }

    private String storage(int id) {
        BtfType t = btf.types().get(id);
        int linkage = t instanceof BtfType.Func f ? f.linkage() : t instanceof BtfType.Var v ? v.linkage() : 1;
        return linkage == 0 ? "static " : linkage == 2 ? "extern " : "";
    }

    /** Members of {@code s}, whose first byte is at {@code base} bytes into the outermost type. */
    private void body(BtfType.Struct s, long base, int depth) {
        String indent = INDENT.repeat(depth);
        long endBits = 0;
        boolean unknownSize = false;
        List<BtfType.Member> members = s.members();
        for (int i = 0; i < members.size(); i++) {
            BtfType.Member m = members.get(i);
            long size = sizeOrMinus(m.type());
            unknownSize |= size < 0;
            long bits = m.bitfieldSize() > 0 ? m.bitfieldSize() : size < 0 ? 0 : size * 8;
            if (!s.union() && m.bitOffset() > endBits) {
                long gap = m.bitOffset() - endBits;
                out.append(indent).append(gap % 8 == 0 ? "/* XXX " + gap / 8 + " bytes hole */\n" : "/* XXX " + gap + " bits hole */\n");
            }
            long at = base + m.bitOffset() / 8;
            String sizeText = size < 0 ? "?" : Long.toString(size);
            String offsetText = m.bitfieldSize() > 0 || m.bitOffset() % 8 != 0
                    ? at + ":" + m.bitOffset() % 8 : Long.toString(at);
            BtfType mt = btf.types().get(m.type());
            if (mt instanceof BtfType.Struct inner && inner.name().isEmpty() && depth < MAX_INLINE_DEPTH) {
                out.append(indent).append(inner.union() ? "union {\n" : "struct {\n");
                body(inner, at, depth + 1);
                line(indent + "}" + (m.name().isEmpty() ? "" : " " + m.name()) + tags(s.id(), i) + ";", comment(offsetText, sizeText));
            } else {
                String decl = CNames.declare(btf, m.type(), m.name())
                        + (m.bitfieldSize() > 0 ? ":" + m.bitfieldSize() : "");
                line(indent + decl + tags(s.id(), i) + ";", comment(offsetText, sizeText));
            }
            endBits = Math.max(endBits, m.bitOffset() + bits);
        }
        if (depth == 1) {
            long tail = (long) s.size() * 8 - endBits;
            String align;
            try {
                align = Integer.toString(btf.alignOf(s.id()));
            } catch (LoadException e) {
                align = "?";
            }
            out.append('\n').append(indent).append("/* size: ").append(s.size()).append(", align: ").append(align);
            if (tail > 0 && !unknownSize) {
                out.append(", padding: ").append(tail % 8 == 0 ? tail / 8 + "" : tail + " bits");
            }
            out.append(" */\n");
        }
    }

    private long sizeOrMinus(int id) {
        try {
            return btf.sizeOf(id);
        } catch (LoadException e) {
            return -1;
        }
    }

    private static String comment(Object offset, String size) {
        return String.format("/* %6s %5s */", offset, size);
    }

    private void line(String decl, String comment) {
        out.append(decl);
        int pad = COMMENT_COLUMN - decl.length();
        out.append(" ".repeat(Math.max(1, pad))).append(comment).append('\n');
    }

    /** " __attribute__((btf_decl_tag(...)))" for each tag on {@code targetId} at {@code component}. */
    private String tags(int targetId, int component) {
        StringBuilder sb = new StringBuilder();
        for (BtfType.DeclTag dt : btf.declTags(targetId)) {
            if (dt.componentIdx() == component) {
                sb.append(' ').append(CNames.declTag(dt.name()));
            }
        }
        return sb.toString();
    }
}

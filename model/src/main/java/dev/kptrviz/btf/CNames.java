package dev.kptrviz.btf;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders BTF types as C declarators and bpftool-style text. Nothing here throws.
 *
 * <p>Rules: a declarator is built inside-out, so pointers to arrays and functions get parentheses
 * ({@code int (*)[4]}, {@code bool (*)(struct bpf_rb_node *)}); CONST/VOLATILE/RESTRICT are written
 * before a non-pointer type ({@code const char *}) and after the star of a pointer
 * ({@code int * restrict}); a TYPE_TAG is written after the type it tags, in the short form
 * {@code __NAME} when the tag is an identifier (so tag "kptr" reads {@code struct node __kptr *},
 * matching the usual {@code __kptr} macro) and as {@code __attribute__((btf_type_tag("...")))}
 * otherwise. FUNC renders as its prototype with the function name ({@code int f(void *ctx)}), VAR as
 * a declaration ({@code struct bpf_rb_root groot}), DATASEC as {@code SEC(".data.A")}, DECL_TAG as
 * its {@code __attribute__((btf_decl_tag("...")))}. Parameter names are printed when BTF has them.
 * Anonymous structs/unions/enums print as {@code struct (anon)}.
 */
final class CNames {
    static final String CYCLE = "<cycle>";
    private static final int MAX_STEPS = 4096;

    private final List<BtfType> types;
    private int steps;

    /** Thrown (and caught at the entry points) when a type chain loops or grows too big. */
    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super(null, null, false, false);
        }
    }

    private CNames(List<BtfType> types) {
        this.types = types;
    }

    /** Declaration of {@code id} with declarator {@code name} ("" for an abstract type name). */
    static String declare(Btf btf, int id, String name) {
        try {
            return new CNames(btf.types()).render(id, name, false, 0);
        } catch (TooDeep e) {
            return CYCLE;
        } catch (RuntimeException e) {
            return "<bad type id " + id + ">";
        }
    }

    private static String sp(String inner) {
        return inner.isEmpty() ? "" : " " + inner;
    }

    static String anon(String name) {
        return name.isEmpty() ? "(anon)" : name;
    }

    private String render(int id, String inner, boolean qualified, int depth) {
        if (++steps > MAX_STEPS || depth > Btf.MAX_DEPTH) {
            throw new TooDeep();
        }
        if (id < 0 || id >= types.size()) {
            return "<bad type id " + Integer.toUnsignedString(id) + ">" + sp(inner);
        }
        BtfType t = types.get(id);
        if (t instanceof BtfType.Void) {
            return "void" + sp(inner);
        } else if (t instanceof BtfType.Int || t instanceof BtfType.Float || t instanceof BtfType.Typedef) {
            return anon(t.name()) + sp(inner);
        } else if (t instanceof BtfType.Struct s) {
            return (s.union() ? "union " : "struct ") + anon(s.name()) + sp(inner);
        } else if (t instanceof BtfType.Enum e) {
            return "enum " + anon(e.name()) + sp(inner);
        } else if (t instanceof BtfType.Fwd f) {
            return (f.union() ? "union " : "struct ") + f.name() + sp(inner);
        } else if (t instanceof BtfType.Ptr p) {
            String star = "*" + (qualified ? " " + inner : inner);
            return render(p.type(), needsParens(p.type()) ? "(" + star + ")" : star, false, depth + 1);
        } else if (t instanceof BtfType.Array a) {
            return render(a.elemType(), inner + "[" + Integer.toUnsignedString(a.count()) + "]", false, depth + 1);
        } else if (t instanceof BtfType.FuncProto fp) {
            return render(fp.returnType(), inner + "(" + params(fp, depth) + ")", false, depth + 1);
        } else if (t instanceof BtfType.Modifier m) {
            String kw = m.kind().name().toLowerCase();
            if (m.type() > 0 && m.type() < types.size() && types.get(m.type()) instanceof BtfType.Ptr) {
                return render(m.type(), kw + sp(inner), true, depth + 1);
            }
            return kw + " " + render(m.type(), inner, qualified, depth + 1);
        } else if (t instanceof BtfType.TypeTag tt) {
            return render(tt.type(), typeTag(tt.name()) + sp(inner), true, depth + 1);
        } else if (t instanceof BtfType.Func f) {
            return render(f.protoType(), f.name() + inner, false, depth + 1);
        } else if (t instanceof BtfType.Var v) {
            return render(v.type(), v.name() + inner, false, depth + 1);
        } else if (t instanceof BtfType.DataSec d) {
            return "SEC(\"" + escape(d.name()) + "\")";
        } else if (t instanceof BtfType.DeclTag dt) {
            return declTag(dt.name());
        }
        return "<" + Btf.kindName(t) + ">";
    }

    /** True when a pointer to {@code id} needs parentheses: it is (under modifiers) an array or function. */
    private boolean needsParens(int id) {
        for (int i = 0; i <= Btf.MAX_DEPTH && id >= 0 && id < types.size(); i++) {
            BtfType t = types.get(id);
            if (t instanceof BtfType.Array || t instanceof BtfType.FuncProto) {
                return true;
            }
            if (!(t instanceof BtfType.Modifier) && !(t instanceof BtfType.TypeTag)) {
                return false;
            }
            id = Btf.alias(t);
        }
        return false;
    }

    private String params(BtfType.FuncProto fp, int depth) {
        List<BtfType.Param> ps = fp.params();
        if (ps.isEmpty()) {
            return "void";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ps.size(); i++) {
            BtfType.Param p = ps.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            if (i == ps.size() - 1 && p.type() == 0 && p.name().isEmpty()) {
                sb.append("...");
            } else {
                sb.append(render(p.type(), p.name(), false, depth + 1));
            }
        }
        return sb.toString();
    }

    static String typeTag(String tag) {
        return tag.matches("[A-Za-z_][A-Za-z0-9_]*") ? "__" + tag
                : "__attribute__((btf_type_tag(\"" + escape(tag) + "\")))";
    }

    static String declTag(String tag) {
        return "__attribute__((btf_decl_tag(\"" + escape(tag) + "\")))";
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String linkage(int l) {
        return switch (l) {
            case 0 -> "static";
            case 1 -> "global";
            case 2 -> "extern";
            default -> String.valueOf(l);
        };
    }

    /** {@code [7] STRUCT 'node' size=80 vlen=5}; never throws. */
    static String describe(Btf btf, int id) {
        List<BtfType> types = btf.types();
        if (id < 0 || id >= types.size()) {
            return "[" + Integer.toUnsignedString(id) + "] <no such type>";
        }
        BtfType t = types.get(id);
        if (t instanceof BtfType.Void) {
            return "[0] VOID 'void'";
        }
        String head = "[" + id + "] " + Btf.kindName(t) + " '" + escape(anon(t.name())) + "'";
        if (t instanceof BtfType.Int i) {
            String enc = switch (i.encoding()) {
                case 1 -> "SIGNED";
                case 2 -> "CHAR";
                case 4 -> "BOOL";
                default -> "(none)";
            };
            return head + " size=" + i.size() + " bits_offset=" + i.bitOffset() + " nr_bits=" + i.bits() + " encoding=" + enc;
        } else if (t instanceof BtfType.Array a) {
            return head + " type_id=" + a.elemType() + " index_type_id=" + a.indexType() + " nr_elems=" + a.count();
        } else if (t instanceof BtfType.Struct s) {
            return head + " size=" + s.size() + " vlen=" + s.members().size();
        } else if (t instanceof BtfType.Enum e) {
            return head + " encoding=" + (e.signed() ? "SIGNED" : "UNSIGNED") + " size=" + e.size() + " vlen=" + e.values().size();
        } else if (t instanceof BtfType.Fwd f) {
            return head + " fwd_kind=" + (f.union() ? "union" : "struct");
        } else if (t instanceof BtfType.Func f) {
            return head + " type_id=" + f.protoType() + " linkage=" + linkage(f.linkage());
        } else if (t instanceof BtfType.FuncProto fp) {
            return head + " ret_type_id=" + fp.returnType() + " vlen=" + fp.params().size();
        } else if (t instanceof BtfType.Var v) {
            return head + " type_id=" + v.type() + " linkage=" + linkage(v.linkage());
        } else if (t instanceof BtfType.DataSec d) {
            return head + " size=" + d.size() + " vlen=" + d.vars().size();
        } else if (t instanceof BtfType.Float f) {
            return head + " size=" + f.size();
        } else if (t instanceof BtfType.DeclTag dt) {
            return head + " type_id=" + dt.type() + " component_idx=" + dt.componentIdx();
        }
        return head + " type_id=" + (t instanceof BtfType.Ptr p ? p.type() : Btf.alias(t));
    }

    /** The per-member/value/parameter/entry lines bpftool prints under a type. */
    static List<String> detailLines(Btf btf, int id) {
        List<String> out = new ArrayList<>();
        if (id <= 0 || id >= btf.count()) {
            return out;
        }
        BtfType t = btf.types().get(id);
        if (t instanceof BtfType.Struct s) {
            for (BtfType.Member m : s.members()) {
                out.add("'" + escape(anon(m.name())) + "' type_id=" + m.type() + " bits_offset=" + m.bitOffset()
                        + (m.bitfieldSize() > 0 ? " bitfield_size=" + m.bitfieldSize() : ""));
            }
        } else if (t instanceof BtfType.Enum e) {
            for (BtfType.EnumValue v : e.values()) {
                out.add("'" + escape(v.name()) + "' val=" + enumValue(e, v.value()));
            }
        } else if (t instanceof BtfType.FuncProto fp) {
            for (BtfType.Param p : fp.params()) {
                out.add("'" + escape(anon(p.name())) + "' type_id=" + p.type());
            }
        } else if (t instanceof BtfType.DataSec d) {
            for (BtfType.VarSecInfo vs : d.vars()) {
                BtfType v = vs.type() >= 0 && vs.type() < btf.count() ? btf.types().get(vs.type()) : null;
                out.add("type_id=" + vs.type() + " offset=" + vs.offset() + " size=" + vs.size()
                        + (v == null ? "" : " (" + Btf.kindName(v) + " '" + escape(v.name()) + "')"));
            }
        }
        return out;
    }

    /** An enum value as C would write it: signed enums signed, unsigned ones unsigned (64-bit aware). */
    static String enumValue(BtfType.Enum e, long v) {
        return e.signed() ? Long.toString(v) : Long.toUnsignedString(v);
    }
}

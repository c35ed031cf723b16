package dev.kptrviz.btf;

import dev.kptrviz.LoadException;
import dev.kptrviz.elf.ElfFile;
import dev.kptrviz.elf.ElfSection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Facts about the BTF clang-16 emitted for src/test/resources/btf/*.bpf.c (objects prebuilt and
 * committed, see the rebuild line at the top of each .c).
 */
class BtfObjectsTest {
    static ElfFile graphElf;
    static Btf graph;
    static BtfExt graphExt;
    static Btf kinds;
    static BtfExt kindsExt;

    static byte[] resource(String name) throws IOException {
        try (InputStream in = BtfObjectsTest.class.getResourceAsStream("/btf/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /btf/" + name);
            }
            return in.readAllBytes();
        }
    }

    static byte[] section(ElfFile elf, String name) {
        return elf.section(name).map(ElfSection::data).orElseThrow();
    }

    @BeforeAll
    static void load() throws Exception {
        graphElf = ElfFile.parse(resource("graph.bpf.o"));
        graph = Btf.parse(section(graphElf, ".BTF"));
        graphExt = BtfExt.parse(section(graphElf, ".BTF.ext"), graph);
        ElfFile k = ElfFile.parse(resource("kinds.bpf.o"));
        kinds = Btf.parse(section(k, ".BTF"));
        kindsExt = BtfExt.parse(section(k, ".BTF.ext"), kinds);
    }

    private static int idOf(Btf btf, String name, Class<? extends BtfType> kind) {
        return btf.byName(name).stream().filter(kind::isInstance).findFirst().orElseThrow().id();
    }

    @Test
    void nodeLayoutMatchesTheCurrentKernelGraphTypes() throws LoadException {
        BtfType.Struct node = graph.structByName("node").orElseThrow();
        assertEquals(80, node.size());
        assertEquals(80, graph.sizeOf(node.id()));
        assertEquals(8, graph.alignOf(node.id()));
        assertEquals(List.of("key@0", "val@8", "rb@16", "ll@48", "ref@72"),
                node.members().stream().map(m -> m.name() + "@" + m.byteOffset()).collect(Collectors.toList()));
        assertEquals(List.of("long", "long", "struct bpf_rb_node", "struct bpf_list_node", "struct bpf_refcount"),
                node.members().stream().map(m -> graph.cName(m.type())).collect(Collectors.toList()));
        assertEquals(32, graph.sizeOf(graph.structByName("bpf_rb_node").orElseThrow().id()));
        assertEquals(24, graph.sizeOf(graph.structByName("bpf_list_node").orElseThrow().id()));
        assertEquals(4, graph.sizeOf(graph.structByName("bpf_refcount").orElseThrow().id()));
        assertEquals(4, graph.alignOf(graph.structByName("bpf_refcount").orElseThrow().id()));
        assertEquals(16, graph.sizeOf(graph.structByName("bpf_rb_root").orElseThrow().id()));
        assertEquals("[" + node.id() + "] STRUCT 'node' size=80 vlen=5", graph.describe(node.id()));
        assertEquals(43, graph.count());
    }

    @Test
    void containsTagSitsOnTheDataSectionVariable() throws LoadException {
        BtfType.DataSec sec = (BtfType.DataSec) graph.byName(".data.A").get(0);
        List<String> vars = sec.vars().stream().map(v -> graph.types().get(v.type()).name()).collect(Collectors.toList());
        assertEquals(List.of("glock", "groot"), vars);
        // clang leaves DATASEC size and every var offset 0 in the object file (libbpf fills them in)
        assertEquals(0, sec.size());
        assertTrue(sec.vars().stream().allMatch(v -> v.offset() == 0));
        assertEquals(List.of(4, 16), sec.vars().stream().map(BtfType.VarSecInfo::size).collect(Collectors.toList()));

        int groot = sec.vars().get(1).type();
        List<BtfType.DeclTag> tags = graph.declTags(groot);
        assertEquals(1, tags.size());
        assertEquals("contains:node:rb", tags.get(0).name());
        assertEquals(-1, tags.get(0).componentIdx());
        assertEquals("struct bpf_rb_root", graph.cName(((BtfType.Var) graph.type(groot)).type()));
        assertEquals(List.of(), graph.declTags(sec.vars().get(0).type()));
        assertEquals(8, graph.alignOf(sec.id()));
    }

    @Test
    void lineInfoMapsTheStoreToItsSourceLine() throws Exception {
        String src = new String(resource("graph.bpf.c"), StandardCharsets.UTF_8);
        List<String> lines = src.lines().collect(Collectors.toList());
        int markLine = 1 + lines.indexOf("\tn->key = 42; /* MARK_KEY */");
        assertEquals(52, markLine);

        BtfExt.LineInfo li = graphExt.lineInfo().get("tc").stream()
                .filter(l -> l.insnOff() == 64).findFirst().orElseThrow();
        assertEquals("./graph.bpf.c", li.file());
        assertEquals(52, li.line());
        assertEquals(9, li.column());
        assertEquals(lines.get(51), li.lineText());
        // instruction 8 of "tc" is the store: *(u64 *)(r6 + 0) = r1 (opcode 0x7b = STX | MEM | DW)
        assertEquals(0x7b, section(graphElf, "tc")[64] & 0xff);

        assertEquals(8, graphExt.lineInfo().get("tc").size());
        assertEquals(43, graphExt.lineInfo().get(".text").get(0).line());
    }

    @Test
    void funcInfoNamesEachProgramAndSubprogram() throws LoadException {
        assertEquals(List.of("tc", ".text"), List.copyOf(graphExt.funcInfo().keySet()));
        BtfExt.FuncInfo tc = graphExt.funcInfo().get("tc").get(0);
        assertEquals(0, tc.insnOff());
        assertEquals("add_node", graph.type(tc.typeId()).name());
        BtfExt.FuncInfo text = graphExt.funcInfo().get(".text").get(0);
        assertEquals("less", graph.type(text.typeId()).name());
        assertEquals("static bool less(struct bpf_rb_node *a, const struct bpf_rb_node *b);\n",
                CTypePrinter.declaration(graph, text.typeId()));
    }

    @Test
    void localTypeIdRelocationPointsAtStructNode() {
        // __builtin_btf_type_id(*(struct node *)0, 0): flag 0 asks for the LOCAL type id
        List<BtfExt.CoreRelo> relos = graphExt.coreRelos().get("tc");
        assertEquals(1, relos.size());
        BtfExt.CoreRelo r = relos.get(0);
        assertEquals(BtfExt.TYPE_ID_LOCAL, r.kind());
        assertEquals(6, r.kind());
        assertEquals("TYPE_ID_LOCAL", r.kindName());
        assertEquals(0, r.insnOff());
        assertEquals(graph.structByName("node").orElseThrow().id(), r.typeId());
        assertEquals("0", r.accessString());
        // the relocated instruction is "r1 = <id> ll" (lddw, opcode 0x18) whose imm clang already set to the id
        byte[] tc = section(graphElf, "tc");
        assertEquals(0x18, tc[0] & 0xff);
        assertEquals(r.typeId(), tc[4] & 0xff | (tc[5] & 0xff) << 8);
        assertTrue(kindsExt.coreRelos().isEmpty());
    }

    @Test
    void functionPointerParametersRenderAsC() {
        int add = idOf(graph, "bpf_rbtree_add_impl", BtfType.Func.class);
        BtfType.FuncProto proto = (BtfType.FuncProto) graph.types().get(((BtfType.Func) graph.types().get(add)).protoType());
        assertEquals("bool (*)(struct bpf_rb_node *, const struct bpf_rb_node *)", graph.cName(proto.params().get(2).type()));
        assertEquals("struct bpf_rb_node *", graph.cName(proto.params().get(1).type()));
        assertEquals("extern void *bpf_obj_new_impl(u64, void *);\n",
                CTypePrinter.declaration(graph, idOf(graph, "bpf_obj_new_impl", BtfType.Func.class)));
        assertEquals("SEC(\".ksyms\")", graph.cName(idOf(graph, ".ksyms", BtfType.DataSec.class)));
    }

    @Test
    void everyKindIsParsed() {
        java.util.Set<String> seen = kinds.types().stream().map(Btf::kindName).collect(Collectors.toSet());
        seen.addAll(graph.types().stream().map(Btf::kindName).collect(Collectors.toSet()));
        assertEquals(java.util.Set.of("VOID", "INT", "PTR", "ARRAY", "STRUCT", "UNION", "ENUM", "FWD", "TYPEDEF",
                "VOLATILE", "CONST", "RESTRICT", "FUNC", "FUNC_PROTO", "VAR", "DATASEC", "FLOAT", "DECL_TAG",
                "TYPE_TAG", "ENUM64"), seen);
    }

    @Test
    void cNamesOfEveryKind() throws LoadException {
        BtfType.Struct item = kinds.structByName("item").orElseThrow();
        String[][] expected = {
            {"next", "struct item *"},
            {"owned", "struct item __kptr *"},
            {"cv", "const volatile int"},
            {"name", "char [16]"},
            {"grid", "int [2][3]"},
            {"color", "enum color"},
            {"n", "union num"},
            {"fl", "struct flags"},
            {"op", "struct opaque *"},
            {"ou", "union opaque_u *"},
            {"cb", "int (*)(struct item *, const char *)"},
            {"ratio", "double"},
        };
        assertEquals(expected.length, item.members().size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], item.members().get(i).name());
            assertEquals(expected[i][1], kinds.cName(item.members().get(i).type()), expected[i][0]);
        }
        assertEquals("handler_t", kinds.cName(idOf(kinds, "handler_t", BtfType.Typedef.class)));
        assertEquals("int (*)(void *, ...)",
                kinds.cName(((BtfType.Typedef) kinds.byName("handler_t").get(0)).type()));
        assertEquals("int * restrict g_rp", kinds.cName(idOf(kinds, "g_rp", BtfType.Var.class)));
        assertEquals("const char g_msg[6]", kinds.cName(idOf(kinds, "g_msg", BtfType.Var.class)));
        assertEquals("long double", kinds.cName(idOf(kinds, "long double", BtfType.Float.class)));
        assertEquals("int prog(void *ctx)", kinds.cName(idOf(kinds, "prog", BtfType.Func.class)));
        assertEquals("void", kinds.cName(0));
        assertEquals("<bad type id 9999>", kinds.cName(9999));

        BtfType.TypeTag tag = (BtfType.TypeTag) kinds.byName("kptr").get(0);
        assertEquals(item.id(), tag.type());
        assertEquals(item, kinds.resolve(tag.id()));
        assertEquals(112, kinds.sizeOf(tag.id()));

        BtfType.Enum big = (BtfType.Enum) kinds.byName("big").get(0);
        assertTrue(big.is64());
        assertFalse(big.signed());
        assertEquals(0x123456789aL, big.values().get(1).value());
        BtfType.Enum delta = (BtfType.Enum) kinds.byName("delta").get(0);
        assertFalse(delta.is64());
        assertTrue(delta.signed());
        assertEquals(-3, delta.values().get(0).value());

        BtfType.Fwd ou = (BtfType.Fwd) kinds.byName("opaque_u").get(0);
        assertTrue(ou.union());
        assertThrows(LoadException.class, () -> kinds.sizeOf(ou.id()));
        assertThrows(LoadException.class, () -> kinds.alignOf(ou.id()));

        BtfType.Struct flags = kinds.structByName("flags").orElseThrow();
        assertEquals(List.of("a:0/3", "b:3/5", "c:8/10", "tail:24/0"), flags.members().stream()
                .map(m -> m.name() + ":" + m.bitOffset() + "/" + m.bitfieldSize()).collect(Collectors.toList()));
        assertEquals(4, kinds.alignOf(flags.id()));
        assertEquals(24, kinds.sizeOf(item.members().get(4).type()));
        assertEquals(4, kinds.alignOf(item.members().get(4).type()));
        assertEquals(8, kinds.alignOf(item.id()));
        assertEquals(Btf.POINTER_SIZE, kinds.sizeOf(item.members().get(10).type()));
        assertInstanceOf(BtfType.Int.class, kinds.resolve(item.members().get(2).type()));
        assertEquals("[" + tag.id() + "] TYPE_TAG 'kptr' type_id=" + item.id(), kinds.describe(tag.id()));
        assertEquals("[" + big.id() + "] ENUM64 'big' encoding=UNSIGNED size=8 vlen=2", kinds.describe(big.id()));
    }

    @Test
    void structDeclarationWithOffsetsAndHoles() {
        String expected = String.join("\n",
                "struct item {",
                "    struct item *next;                      /*      0     8 */",
                "    struct item __kptr *owned;              /*      8     8 */",
                "    const volatile int cv;                  /*     16     4 */",
                "    char name[16];                          /*     20    16 */",
                "    int grid[2][3];                         /*     36    24 */",
                "    enum color color;                       /*     60     4 */",
                "    union num n;                            /*     64     8 */",
                "    struct flags fl;                        /*     72     4 */",
                "    /* XXX 4 bytes hole */",
                "    struct opaque *op;                      /*     80     8 */",
                "    union opaque_u *ou;                     /*     88     8 */",
                "    int (*cb)(struct item *, const char *); /*     96     8 */",
                "    double ratio;                           /*    104     8 */",
                "",
                "    /* size: 112, align: 8 */",
                "};",
                "");
        assertEquals(expected, CTypePrinter.declaration(kinds, kinds.structByName("item").orElseThrow().id()));
    }

    @Test
    void bitfieldUnionAndEnumDeclarations() {
        assertEquals(String.join("\n",
                "struct flags {",
                "    unsigned int a:3;                       /*    0:0     4 */",
                "    unsigned int b:5;                       /*    0:3     4 */",
                "    int c:10;                               /*    1:0     4 */",
                "    /* XXX 6 bits hole */",
                "    unsigned char tail;                     /*      3     1 */",
                "",
                "    /* size: 4, align: 4 */",
                "};", ""), CTypePrinter.declaration(kinds, kinds.structByName("flags").orElseThrow().id()));
        assertEquals(String.join("\n",
                "union num {",
                "    int i;                                  /*      0     4 */",
                "    float f;                                /*      0     4 */",
                "    u64 u;                                  /*      0     8 */",
                "",
                "    /* size: 8, align: 8 */",
                "};", ""), CTypePrinter.declaration(kinds, kinds.byName("num").get(0).id()));
        assertEquals("enum big {\n    SMALL = 1,\n    HUGE = 78187493530,\n};\n",
                CTypePrinter.declaration(kinds, kinds.byName("big").get(0).id()));
        assertEquals("enum delta {\n    MINUS = -3,\n    PLUS = 3,\n};\n",
                CTypePrinter.declaration(kinds, kinds.byName("delta").get(0).id()));
        assertEquals("typedef int (*handler_t)(void *, ...);\n",
                CTypePrinter.declaration(kinds, kinds.byName("handler_t").get(0).id()));
        assertEquals("struct opaque;\n", CTypePrinter.declaration(kinds, kinds.byName("opaque").get(0).id()));
        assertEquals(String.join("\n",
                "struct node {",
                "    long key;                               /*      0     8 */",
                "    long val;                               /*      8     8 */",
                "    struct bpf_rb_node rb;                  /*     16    32 */",
                "    struct bpf_list_node ll;                /*     48    24 */",
                "    struct bpf_refcount ref;                /*     72     4 */",
                "",
                "    /* size: 80, align: 8, padding: 4 */",
                "};", ""), CTypePrinter.declaration(graph, graph.structByName("node").orElseThrow().id()));
        assertEquals("struct bpf_rb_root groot __attribute__((btf_decl_tag(\"contains:node:rb\")));\n",
                CTypePrinter.declaration(graph, idOf(graph, "groot", BtfType.Var.class)));
    }

    @Test
    void dumpListsEveryTypeBpftoolStyle() {
        String dump = graph.dump();
        assertTrue(dump.startsWith("[1] PTR '(anon)' type_id=0\n[2] FUNC_PROTO '(anon)' ret_type_id=3 vlen=1\n\t'ctx' type_id=1\n"));
        assertTrue(dump.contains("[36] DECL_TAG 'contains:node:rb' type_id=35 component_idx=-1\n"));
        assertTrue(dump.contains("[40] DATASEC '.data.A' size=0 vlen=2\n\ttype_id=34 offset=0 size=4 (VAR 'glock')\n"));
        assertTrue(kinds.dump().contains("\t'c' type_id=3 bits_offset=8 bitfield_size=10\n"));
    }
}

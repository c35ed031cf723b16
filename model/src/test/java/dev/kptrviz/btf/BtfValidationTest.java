package dev.kptrviz.btf;

import dev.kptrviz.LoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.Arrays;

import static dev.kptrviz.btf.BtfBlob.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-built .BTF / .BTF.ext sections: every structural rule and every cycle guard. */
class BtfValidationTest {

    private static LoadException refused(byte[] section, String reasonFragment) {
        LoadException e = assertThrows(LoadException.class, () -> Btf.parse(section));
        assertTrue(e.getMessage().contains(reasonFragment), () -> "message was: " + e.getMessage());
        return e;
    }

    private static LoadException fails(Executable call, String fragment) {
        LoadException e = assertThrows(LoadException.class, call);
        assertTrue(e.getMessage().contains(fragment), () -> "message was: " + e.getMessage());
        return e;
    }

    private static byte[] patch(byte[] b, int offset, int value) {
        byte[] c = b.clone();
        byte[] v = BtfBlob.le(4).putInt(value).array();
        System.arraycopy(v, 0, c, offset, 4);
        return c;
    }

    @Test
    void minimalSectionParses() throws LoadException {
        Btf btf = Btf.parse(new BtfBlob().int32("int").build());
        assertEquals(2, btf.count());
        assertEquals("int", btf.cName(1));
        assertEquals(4, btf.sizeOf(1));
        assertEquals("", btf.string(0));
        assertEquals("int", btf.string(1));
        assertEquals("", btf.string(4));
        fails(() -> btf.string(5), "beyond the string section");
        fails(() -> btf.string(-1), "beyond the string section");
        fails(() -> btf.type(2), "type id 2");
        fails(() -> btf.sizeOf(0), "VOID has no size");
        assertEquals("[2] <no such type>", btf.describe(2));
    }

    @Test
    void headerRules() {
        byte[] ok = new BtfBlob().int32("int").build();
        refused(new byte[10], "too short");
        refused(patch(ok, 0, 0x0001eb9f & 0xffff0000 | 0x1234), "bad magic");
        byte[] be = ok.clone();
        be[0] = (byte) 0xeb;
        be[1] = (byte) 0x9f;
        refused(be, "big-endian");
        byte[] v2 = ok.clone();
        v2[2] = 2;
        refused(v2, "version 2");
        byte[] fl = ok.clone();
        fl[3] = 1;
        refused(fl, "flags");
        refused(patch(ok, 4, 16), "header length 16");
        refused(patch(ok, 4, 1 << 30), "header length");
        refused(patch(ok, 12, 1000), "type section");
        refused(patch(ok, 20, 1000), "string section");
        refused(patch(ok, 16, 0x7ffffff0), "string section");
        refused(patch(ok, 8, 2), "aligned");
        refused(patch(patch(ok, 16, 0), 20, 5), "overlap");
        refused(patch(ok, 20, 0), "string section is empty");
    }

    @Test
    void longerHeaderIsHonoured() throws LoadException {
        BtfBlob b = new BtfBlob().int32("int");
        Btf btf = Btf.parse(b.build(32, new byte[8]));
        assertEquals("int", btf.cName(1));
        refused(b.build(32, new byte[] {0, 0, 1}), "extended header");
    }

    @Test
    void stringTableRules() {
        byte[] ok = new BtfBlob().int32("int").build();
        byte[] noNul = ok.clone();
        noNul[noNul.length - 1] = 'x';
        refused(noNul, "not NUL-terminated");
        byte[] noEmpty = ok.clone();
        noEmpty[24 + 16] = 'x';
        refused(noEmpty, "empty string");
        refused(new BtfBlob().raw(99, INT << 24, 4, 32).build(), "string offset 99");
    }

    @Test
    void typeRecordRules() {
        refused(new BtfBlob().type("x", 20, 0, false, 0).build(), "unknown BTF kind 20");
        refused(new BtfBlob().type("x", 0, 0, false, 0).build(), "unknown BTF kind 0");
        refused(new BtfBlob().int32("int").type("s", STRUCT, 3, false, 4, 0, 1, 0).build(), "needs 36 more bytes");
        refused(new BtfBlob().int32("int").type("e", ENUM, 2, false, 4, 0, 1).build(), "needs 16 more bytes");
        refused(new BtfBlob().type("x", INT, 0, false, 4).build(), "needs 4 more bytes");
        refused(new BtfBlob().type("int", INT, 0, false, 3, 32).build(), "invalid int size 3");
        refused(new BtfBlob().type("int", INT, 0, false, 4, 33).build(), "do not fit");
        refused(new BtfBlob().type("int", INT, 0, false, 4, 3 << 24 | 32).build(), "encoding 3");
        refused(new BtfBlob().type("p", PTR, 1, false, 0).build(), "vlen 1");
        refused(new BtfBlob().raw(0, PTR << 24 | 1 << 16, 0).build(), "reserved bits");
        refused(new BtfBlob().type("f", FLOAT, 0, false, 3).build(), "invalid float size");
        refused(new BtfBlob().int32("int").type("u", UNION, 1, false, 4, 0, 1, 8).build(), "non-zero bit offset");
        refused(new BtfBlob().int32("int").type("s", STRUCT, 2, false, 8, 0, 1, 32, 0, 1, 0).build(), "before the previous");
        refused(new BtfBlob().int32("int").type("s", STRUCT, 1, false, 4, 0, 1, 64).build(), "beyond the size");
        refused(new BtfBlob().int32("int").type("", ARRAY, 0, false, 0, 1, 1, -1).build(), "too large");
        refused(new BtfBlob().type("f", FUNC, 3, false, 0).build(), "linkage 3");
        refused(new BtfBlob().type("", FWD, 0, false, 0).build(), "must have a name");
    }

    @Test
    void referencesAreCheckedAfterAllTypesAreRead() throws LoadException {
        // forward references are fine
        Btf fwd = Btf.parse(new BtfBlob().type("", PTR, 0, false, 2).int32("int").build());
        assertEquals("int *", fwd.cName(1));
        LoadException e = refused(new BtfBlob().type("", PTR, 0, false, 7).build(), "type id 7");
        assertEquals("section .BTF, type id 1 (PTR '(anon)')", e.where());
        refused(new BtfBlob().int32("int").type("s", STRUCT, 1, false, 4, 0, 42, 0).build(), "member '' type refers to type id 42");
        refused(new BtfBlob().int32("int").type("s", STRUCT, 1, false, 4, 0, 0, 0).build(), "is void");
        refused(new BtfBlob().int32("int").type("f", FUNC, 1, false, 1).build(), "not a FUNC_PROTO");
        refused(new BtfBlob().int32("int").type(".data", DATASEC, 1, false, 0, 1, 0, 4).build(), "is a INT, not a VAR");
        refused(new BtfBlob().int32("int").type("", FUNC_PROTO, 2, false, 1, 0, 0, 0, 1).build(), "parameter 0 type is void");
    }

    @Test
    void declTagTargets() throws LoadException {
        BtfBlob base = new BtfBlob().int32("int").type("s", STRUCT, 1, false, 4, 0, 1, 0)
                .type("v", VAR, 0, false, 2, 1);
        Btf ok = Btf.parse(new BtfBlob().int32("int").type("s", STRUCT, 1, false, 4, 0, 1, 0)
                .type("v", VAR, 0, false, 2, 1).type("t", DECL_TAG, 0, false, 2, 0).type("u", DECL_TAG, 0, false, 3, -1).build());
        assertEquals("t", ok.declTags(2).get(0).name());
        assertEquals(0, ok.declTags(2).get(0).componentIdx());
        assertEquals("u", ok.declTags(3).get(0).name());
        refused(new BtfBlob().int32("int").type("s", STRUCT, 1, false, 4, 0, 1, 0).type("t", DECL_TAG, 0, false, 2, 1).build(),
                "component index 1 is out of range");
        refused(new BtfBlob().int32("int").type("v", VAR, 0, false, 1, 1).type("t", DECL_TAG, 0, false, 2, 0).build(),
                "no components");
        refused(new BtfBlob().int32("int").type("t", DECL_TAG, 0, false, 1, -1).build(), "expected STRUCT");
        refused(new BtfBlob().int32("int").type("t", DECL_TAG, 0, false, 1, -2).build(), "component index -2");
        refused(base.type("", DECL_TAG, 0, false, 2, -1).build(), "must have a name");
    }

    @Test
    void cyclesAreReportedNotFollowedForever() throws LoadException {
        Btf loop = Btf.parse(new BtfBlob().type("a", TYPEDEF, 0, false, 2).type("b", TYPEDEF, 0, false, 1).build());
        fails(() -> loop.resolve(1), "cyclic");
        fails(() -> loop.sizeOf(1), "deeper than 64");
        fails(() -> loop.alignOf(2), "deeper than 64");
        assertEquals("a", loop.cName(1));
        assertEquals("[1] TYPEDEF 'a' type_id=2", loop.describe(1));

        Btf self = Btf.parse(new BtfBlob().type("s", STRUCT, 1, false, 8, 0, 1, 0).build());
        LoadException e = fails(() -> self.sizeOf(1), "refers to itself");
        assertEquals("section .BTF, type id 1 (STRUCT 's')", e.where());
        fails(() -> self.alignOf(1), "deeper than 64");
        assertEquals("struct s", self.cName(1));
        assertEquals("struct s {\n    struct s;                               /*      0     ? */\n\n    /* size: 8, align: ? */\n};\n",
                CTypePrinter.declaration(self, 1));

        Btf ptr = Btf.parse(new BtfBlob().type("", PTR, 0, false, 1).build());
        assertEquals(CNames.CYCLE, ptr.cName(1));
        assertEquals(8, ptr.sizeOf(1));
        assertEquals(8, ptr.alignOf(1));

        Btf arr = Btf.parse(new BtfBlob().int32("int").type("", ARRAY, 0, false, 0, 2, 1, 4).build());
        assertEquals(CNames.CYCLE, arr.cName(2));
        fails(() -> arr.sizeOf(2), "deeper than 64");

        Btf cv = Btf.parse(new BtfBlob().type("", CONST, 0, false, 2).type("", VOLATILE, 0, false, 1).build());
        assertEquals(CNames.CYCLE, cv.cName(1));
        fails(() -> cv.resolve(2), "cyclic");
    }

    @Test
    void wideFanOutStaysFast() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            // a FUNC_PROTO with 2000 parameters, each a pointer back to the proto itself
            int[] params = new int[4000];
            for (int i = 0; i < 2000; i++) {
                params[2 * i + 1] = 2;
            }
            Btf fan = Btf.parse(new BtfBlob().type("", FUNC_PROTO, 2000, false, 2, params).type("", PTR, 0, false, 1).build());
            assertEquals(CNames.CYCLE, fan.cName(1));
            assertEquals(CNames.CYCLE, fan.cName(2));

            // ten levels of structs, each holding 1000 of the next: memoised, not 1000^10
            BtfBlob b = new BtfBlob().int32("int");
            for (int level = 0; level < 10; level++) {
                int[] members = new int[3000];
                for (int i = 0; i < 1000; i++) {
                    members[3 * i + 1] = level == 9 ? 1 : level + 3;
                    members[3 * i + 2] = 0;
                }
                b.type("s" + level, UNION, 1000, false, 4, members);
            }
            Btf wide = Btf.parse(b.build());
            assertEquals(4, wide.alignOf(2));
            assertEquals(4, wide.sizeOf(2));
        });
    }

    @Test
    void manyNamesIntoOneHugeStringAreRefusedQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            BtfBlob b = new BtfBlob();
            int base = b.str("x".repeat(200_000));
            for (int i = 0; i < 20_000; i++) {
                b.raw(base + i, PTR << 24, 0); // every pointer named by a different suffix of the string
            }
            refused(b.build(), "far more text");
            // a few such names are fine
            BtfBlob few = new BtfBlob();
            int at = few.str("y".repeat(200_000));
            few.raw(at, PTR << 24, 0).raw(at + 1, PTR << 24, 0);
            assertEquals(199_999, Btf.parse(few.build()).types().get(2).name().length());
        });
    }

    @Test
    void packedStructFallsBackToByteAlignment() throws LoadException {
        // struct { char c; int i; } __attribute__((packed)): i at byte 1, size 5
        Btf packed = Btf.parse(new BtfBlob().int32("int").type("char", INT, 0, false, 1, 1 << 24 | 8)
                .type("p", STRUCT, 2, false, 5, 0, 2, 0, 0, 1, 8).build());
        assertEquals(1, packed.alignOf(3));
        assertEquals(5, packed.sizeOf(3));
    }

    @Test
    void extRules() throws LoadException {
        BtfBlob b = new BtfBlob().int32("int");
        int text = b.str(".text");
        int file = b.str("a.c");
        int line = b.str("return 0;");
        int access = b.str("0:1");
        b.type("", FUNC_PROTO, 0, false, 1).type("main", FUNC, 1, false, 2);
        Btf btf = Btf.parse(b.build());
        int[] funcs = {8, text, 1, 0, 3};
        int[] lines = {16, text, 2, 0, file, line, 7 << 10 | 5, 8, file, line, 8 << 10};
        int[] relos = {16, text, 1, 8, 1, access, 0};

        BtfExt ext = BtfExt.parse(BtfBlob.ext(32, funcs, lines, relos), btf);
        assertEquals(java.util.List.of(new BtfExt.FuncInfo(0, 3)), ext.funcInfo().get(".text"));
        assertEquals(new BtfExt.LineInfo(0, "a.c", "return 0;", 7, 5), ext.lineInfo().get(".text").get(0));
        assertEquals(8, ext.lineInfo().get(".text").get(1).line());
        assertEquals(new BtfExt.CoreRelo(8, 1, "0:1", BtfExt.FIELD_BYTE_OFFSET), ext.coreRelos().get(".text").get(0));

        // a 24-byte header has no CO-RE sub-section
        assertTrue(BtfExt.parse(BtfBlob.ext(24, funcs, lines, null), btf).coreRelos().isEmpty());
        // larger records are allowed: the extra bytes are skipped
        BtfExt wide = BtfExt.parse(BtfBlob.ext(32, new int[] {12, text, 2, 0, 3, -1, 16, 3, -1}, null, null), btf);
        assertEquals(java.util.List.of(new BtfExt.FuncInfo(0, 3), new BtfExt.FuncInfo(16, 3)), wide.funcInfo().get(".text"));

        fails(() -> BtfExt.parse(BtfBlob.ext(32, new int[] {4, text, 1, 0}, null, null), btf), "record size 4");
        fails(() -> BtfExt.parse(BtfBlob.ext(32, new int[] {8, text, 3, 0, 3}, null, null), btf), "declares 3 records");
        fails(() -> BtfExt.parse(BtfBlob.ext(32, new int[] {8, text, 0}, null, null), btf), "no records");
        fails(() -> BtfExt.parse(BtfBlob.ext(32, new int[] {8, text, 1, 0, 1}, null, null), btf), "is not a FUNC");
        fails(() -> BtfExt.parse(BtfBlob.ext(32, new int[] {8, text, 1, 0, 99}, null, null), btf), "type id 99");
        fails(() -> BtfExt.parse(BtfBlob.ext(32, new int[] {8, 999, 1, 0, 3}, null, null), btf), "section name");
        fails(() -> BtfExt.parse(BtfBlob.ext(32, new int[] {8, text, 1, 4, 3}, null, null), btf), "multiple of 8");
        fails(() -> BtfExt.parse(BtfBlob.ext(32, new int[] {8, text, 1, 0, 3, 5}, null, null), btf), "truncated");
        fails(() -> BtfExt.parse(BtfBlob.ext(32, null, new int[] {16, text, 1, 0, 999, line, 0}, null), btf), "file name");
        fails(() -> BtfExt.parse(BtfBlob.ext(32, null, null, new int[] {16, text, 1, 0, 1, access, 13}), btf), "kind 13");

        byte[] good = BtfBlob.ext(32, funcs, lines, relos);
        byte[] bad = Arrays.copyOf(good, good.length);
        bad[0] = 0;
        fails(() -> BtfExt.parse(bad, btf), "bad magic");
        fails(() -> BtfExt.parse(Arrays.copyOf(good, 6), btf), "too short");
        fails(() -> BtfExt.parse(Arrays.copyOf(good, good.length - 4), btf), "runs past");
        byte[] shortHdr = patch(good, 4, 20);
        fails(() -> BtfExt.parse(shortHdr, btf), "header length 20");
    }
}

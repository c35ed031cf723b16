package dev.kptrviz.btf;

import dev.kptrviz.LoadException;
import dev.kptrviz.elf.ElfFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random corruption of the .BTF and .BTF.ext sections of the test objects: parsing and
 * every query must either work or throw {@link LoadException} (never another exception, never
 * hang).
 */
class BtfMutationTest {
    private static final int SEEDS = 3000;
    private static final int[] INTERESTING = {0, 1, 2, 4, 7, 8, 12, 16, 24, 32, 0xff, 0xffff, 0x10000, 0x7fffffff,
        0x80000000, 0xffffffff, 0xfffffff0, 0x0fffffff, 0x13000000, 0x84000001, 0x11000000};

    private record Sections(byte[] btf, byte[] ext) {}

    private enum Outcome { BTF_REFUSED, EXT_REFUSED, ACCEPTED }

    private static final List<Sections> OBJECTS = new ArrayList<>();
    private static final java.util.concurrent.atomic.AtomicInteger CYCLES = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void load() throws Exception {
        for (String name : List.of("graph.bpf.o", "kinds.bpf.o")) {
            ElfFile elf = ElfFile.parse(BtfObjectsTest.resource(name));
            OBJECTS.add(new Sections(BtfObjectsTest.section(elf, ".BTF"), BtfObjectsTest.section(elf, ".BTF.ext")));
        }
    }

    @Test
    void corruptedSectionsOnlyEverThrowLoadException() {
        int[] counts = new int[Outcome.values().length];
        int mutatedBtfAccepted = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            Sections o = OBJECTS.get(r.nextInt(OBJECTS.size()));
            Sections donor = OBJECTS.get(r.nextInt(OBJECTS.size()));
            int target = r.nextInt(3);
            byte[] btf = target != 1 ? mutate(r.nextInt(3) == 0 ? retarget(o.btf(), r) : o.btf(), donor.btf(), r) : o.btf();
            if (target != 1 && r.nextBoolean()) {
                btf = retarget(o.btf(), r); // structure-aware only: references rewired, often into cycles
            }
            byte[] ext = target != 0 ? mutate(o.ext(), target == 2 ? donor.btf() : donor.ext(), r) : o.ext();
            int s = seed;
            byte[] btfFinal = btf;
            Outcome out = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                try {
                    return exercise(btfFinal, ext);
                } catch (Throwable t) {
                    throw new AssertionError("seed " + s + ": " + t, t);
                }
            }, () -> "seed " + s + " hung");
            counts[out.ordinal()]++;
            if (target != 1 && out != Outcome.BTF_REFUSED) {
                mutatedBtfAccepted++;
            }
        }
        int accepted = mutatedBtfAccepted;
        assertTrue(accepted > 300, () -> "only " + accepted + " mutated .BTF sections parsed");
        assertTrue(CYCLES.get() > 50, () -> "only " + CYCLES.get() + " cyclic types met");
        // the corpus must really reach every stage, or the test proves nothing
        for (Outcome o : Outcome.values()) {
            assertTrue(counts[o.ordinal()] > 100, () -> o + " only " + counts[o.ordinal()] + " times");
        }
    }

    private static Outcome exercise(byte[] btfBytes, byte[] extBytes) {
        Btf btf;
        try {
            btf = Btf.parse(btfBytes);
        } catch (LoadException e) {
            wellFormed(e);
            return Outcome.BTF_REFUSED;
        }
        int n = btf.count();
        int[] extra = {-1, n, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (int id = 0; id < n + extra.length; id++) {
            int q = id < n ? id : extra[id - n];
            query(() -> btf.sizeOf(q));
            query(() -> btf.alignOf(q));
            query(() -> btf.resolve(q));
            query(() -> btf.type(q));
            query(() -> btf.string(q));
            String name = btf.cName(q);
            assertFalse(name.isEmpty());
            if (name.contains(CNames.CYCLE)) {
                CYCLES.incrementAndGet();
            }
            assertFalse(btf.describe(q).isEmpty());
            assertFalse(CTypePrinter.declaration(btf, q).isEmpty());
            btf.declTags(q);
        }
        btf.dump();
        for (BtfType t : btf.types()) {
            btf.byName(t.name());
            btf.structByName(t.name());
        }
        try {
            BtfExt ext = BtfExt.parse(extBytes, btf);
            ext.funcInfo().values().forEach(l -> l.forEach(f -> query(() -> btf.type(f.typeId()))));
            ext.coreRelos().values().forEach(l -> l.forEach(c -> btf.cName(c.typeId())));
            return Outcome.ACCEPTED;
        } catch (LoadException e) {
            wellFormed(e);
            return Outcome.EXT_REFUSED;
        }
    }

    private interface Query {
        Object run() throws LoadException;
    }

    private static void query(Query q) {
        try {
            q.run();
        } catch (LoadException e) {
            wellFormed(e);
        }
    }

    private static void wellFormed(LoadException e) {
        if (e.reason().contains("deeper than") || e.reason().contains("cyclic")) {
            CYCLES.incrementAndGet();
        }
        assertTrue(e.where() != null && !e.where().isEmpty() && e.reason() != null && !e.reason().isEmpty(), e::toString);
    }

    private static int u32(byte[] b, int at) {
        return b[at] & 0xff | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    /**
     * Walks the (valid) type section independently of the code under test and rewrites one type
     * reference (typedef/pointer/modifier/var target, member, array element, parameter, return type)
     * to a random id, which produces typedef loops, self-containing structs, pointers to functions...
     */
    private static byte[] retarget(byte[] in, Random r) {
        byte[] b = in.clone();
        int start = u32(b, 4) + u32(b, 8);
        int end = start + u32(b, 12);
        List<int[]> refs = new ArrayList<>(); // byte offsets of reference fields
        int count = 1;
        for (int p = start; p < end; count++) {
            int info = u32(b, p + 4);
            int kind = info >>> 24 & 0x1f;
            int vlen = info & 0xffff;
            int extra = switch (kind) {
                case 1, 14, 17 -> 4;
                case 3 -> 12;
                case 4, 5, 15, 19 -> 12 * vlen;
                case 6, 13 -> 8 * vlen;
                default -> 0;
            };
            if (kind == 2 || (kind >= 8 && kind <= 14) || kind == 18) {
                refs.add(new int[] {p + 8});
            }
            if (kind == 3) {
                refs.add(new int[] {p + 12});
            }
            for (int i = 0; (kind == 4 || kind == 5) && i < vlen; i++) {
                refs.add(new int[] {p + 12 + 12 * i + 4});
            }
            for (int i = 0; kind == 13 && i < vlen; i++) {
                refs.add(new int[] {p + 12 + 8 * i + 4});
            }
            p += 12 + extra;
        }
        int at = refs.get(r.nextInt(refs.size()))[0];
        int v = 1 + r.nextInt(count);
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private static byte[] mutate(byte[] in, byte[] donor, Random r) {
        byte[] b = in.clone();
        int ops = r.nextInt(4) == 0 ? 2 + r.nextInt(2) : 1;
        for (int op = 0; op < ops && b.length > 0; op++) {
            switch (r.nextInt(8)) {
                case 0 -> { // flip a few bytes
                    int flips = 1 + r.nextInt(8);
                    for (int i = 0; i < flips; i++) {
                        b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                    }
                }
                case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncate
                case 2 -> { // overwrite a stretch with bytes from elsewhere (same or other object)
                    byte[] src = r.nextBoolean() ? donor : b;
                    int len = 1 + r.nextInt(Math.min(64, src.length));
                    int from = r.nextInt(src.length - len + 1);
                    int to = r.nextInt(Math.max(1, b.length - len + 1));
                    System.arraycopy(src, from, b, to, Math.min(len, b.length - to));
                }
                case 3 -> { // delete or duplicate a range, shifting everything after it
                    int at = r.nextInt(b.length);
                    int len = 1 + r.nextInt(Math.min(32, b.length - at));
                    byte[] c = new byte[r.nextBoolean() ? b.length - len : b.length + len];
                    if (c.length < b.length) {
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(b, at + len, c, at, b.length - at - len);
                    } else {
                        System.arraycopy(b, 0, c, 0, at + len);
                        System.arraycopy(b, at, c, at + len, b.length - at);
                    }
                    b = c;
                }
                case 4 -> { // an interesting word at an aligned offset (hits lengths, ids, vlen/kind words)
                    if (b.length >= 4) {
                        int at = r.nextInt(b.length / 4) * 4;
                        int v = INTERESTING[r.nextInt(INTERESTING.length)];
                        if (r.nextInt(4) == 0) {
                            v = r.nextInt(b.length + 64);
                        }
                        for (int i = 0; i < 4; i++) {
                            b[at + i] = (byte) (v >>> (8 * i));
                        }
                    }
                }
                case 5 -> b[r.nextInt(Math.min(32, b.length))] ^= (byte) (1 << r.nextInt(8)); // header bit
                default -> { // retarget: a small id-like value in the type area (makes cycles, wrong kinds)
                    if (b.length >= 28) {
                        int at = 24 + r.nextInt((b.length - 24) / 4) * 4;
                        int v = r.nextInt(64);
                        for (int i = 0; i < 4; i++) {
                            b[at + i] = (byte) (v >>> (8 * i));
                        }
                    }
                }
            }
        }
        return b;
    }
}

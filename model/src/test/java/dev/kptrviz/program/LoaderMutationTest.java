package dev.kptrviz.program;

import dev.kptrviz.LoadException;
import dev.kptrviz.TestObjects;
import dev.kptrviz.elf.ElfFile;
import dev.kptrviz.elf.ElfSection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged objects must produce exactly one kind of failure: a LoadException with a place and a
 * reason. 24 seeded blocks x 500 mutations = 12,000 tries over every example object; each
 * block also guards against hangs with a timeout.
 */
class LoaderMutationTest {
    private static final int BLOCKS = 24;
    private static final int TRIES_PER_BLOCK = 500;
    private static final int[] INTERESTING = {0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0x80000000,
            8, 16, 24, 64};

    static IntStream blocks() {
        return IntStream.range(0, BLOCKS);
    }

    @ParameterizedTest(name = "mutation block {0}")
    @MethodSource("blocks")
    void damagedObjectsFailOnlyWithLoadException(int block) {
        Map<String, byte[]> objects = TestObjects.all();
        List<String> names = new ArrayList<>(objects.keySet());
        Random rnd = new Random(0x6b707472L * 31 + block);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int t = 0; t < TRIES_PER_BLOCK; t++) {
                String name = names.get(rnd.nextInt(names.size()));
                byte[] original = objects.get(name);
                byte[] mutated = mutate(original, rnd);
                try {
                    BpfObject obj = Loader.load(mutated, name);
                    // A load that succeeds must be usable: listing every program must work too.
                    for (Program p : obj.programs()) {
                        assertNotNull(Listing.of(p));
                        // a loadable object must also verify without crashing (accepted or rejected)
                        assertNotNull(dev.kptrviz.verifier.Verifier.verify(obj, p, dev.kptrviz.kfunc.Semantics.CURRENT));
                    }
                    outcomes[0]++;
                } catch (LoadException e) {
                    assertFalse(e.where().isBlank(), "a LoadException must name the place");
                    assertFalse(e.reason().isBlank(), "a LoadException must give a reason");
                    outcomes[1]++;
                } catch (RuntimeException | StackOverflowError e) {
                    fail("block " + block + " try " + t + " on " + name + ": " + e, e);
                }
            }
        });
        // Both outcomes must occur, or the mutator is not reaching past the first checks.
        assertTrue(outcomes[0] > 20 && outcomes[1] > 20, "loaded " + outcomes[0] + ", refused " + outcomes[1]);
    }

    private static byte[] mutate(byte[] original, Random rnd) throws LoadException {
        byte[] b = original.clone();
        List<ElfSection> sections = ElfFile.parse(original).sections();
        switch (rnd.nextInt(6)) {
            case 0 -> { // truncate anywhere
                return java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            case 1 -> { // flip a few random bits anywhere
                int n = 1 + rnd.nextInt(8);
                for (int i = 0; i < n; i++) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 2 -> { // an interesting 32-bit value in the ELF header or section headers
                int at = rnd.nextBoolean() ? rnd.nextInt(60) : (b.length - 64 * sections.size()
                        + rnd.nextInt(64 * sections.size() - 4));
                putInt(b, Math.max(0, Math.min(at, b.length - 4)), INTERESTING[rnd.nextInt(INTERESTING.length)]);
            }
            default -> { // damage inside one section: BTF, BTF.ext, code, symbols, relocations
                ElfSection s = sections.get(rnd.nextInt(sections.size()));
                if (s.data().length < 4) {
                    b[rnd.nextInt(b.length)] ^= (byte) 0xff;
                    break;
                }
                int base = (int) s.offset();
                int n = 1 + rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    int at = base + rnd.nextInt(s.data().length - 3);
                    if (rnd.nextBoolean()) {
                        putInt(b, at, INTERESTING[rnd.nextInt(INTERESTING.length)]);
                    } else {
                        b[at] = (byte) rnd.nextInt(256);
                    }
                }
            }
        }
        return b;
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4 && at + i < b.length; i++) {
            b[at + i] = (byte) (v >> (8 * i));
        }
    }
}

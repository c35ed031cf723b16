package dev.kptrviz.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recent-files list: order, limit, persistence, and a store that is damaged or cannot be written. */
class RecentFilesTest {
    @TempDir
    Path dir;

    private Path file(String name) {
        return dir.resolve(name);
    }

    @Test
    void mostRecentFirstWithoutDuplicatesAndAtMostTen() {
        RecentFiles r = new RecentFiles(dir.resolve("store"));
        IntStream.range(0, 12).forEach(i -> r.add(file(i + ".o")));
        r.add(file("5.o"));
        List<Path> expected = new ArrayList<>(List.of(file("5.o")));
        IntStream.iterate(11, i -> i >= 2, i -> i - 1).filter(i -> i != 5).forEach(i -> expected.add(file(i + ".o")));
        assertEquals(expected, r.list());
        assertEquals(RecentFiles.MAX, r.list().size());
    }

    @Test
    void theListSurvivesARestartAndClearEmptiesTheStore() throws IOException {
        Path store = dir.resolve("cfg/kptrviz/recent-files");
        RecentFiles first = new RecentFiles(store);
        first.add(file("a.o"));
        first.add(dir.resolve("sub/../b.c"));
        assertEquals(List.of(file("b.c").toString(), file("a.o").toString()), Files.readAllLines(store));
        assertEquals(List.of(file("b.c"), file("a.o")), new RecentFiles(store).list());

        first.remove(file("b.c"));
        assertEquals(List.of(file("a.o")), new RecentFiles(store).list());
        first.clear();
        assertEquals(List.of(), new RecentFiles(store).list());
        assertEquals(List.of(), Files.readAllLines(store));
    }

    @Test
    void listenersHearEveryChange() {
        RecentFiles r = new RecentFiles(dir.resolve("store"));
        int[] calls = new int[1];
        r.onChange(() -> calls[0]++);
        r.add(file("a.o"));
        r.remove(file("a.o"));
        r.remove(file("never-there.o"));
        r.clear();
        assertEquals(3, calls[0], "add, remove and clear; removing an absent file changes nothing");
    }

    @Test
    void aHandEditedStoreKeepsOnlyAbsolutePaths() throws IOException {
        Path store = Files.writeString(dir.resolve("store"),
                "\n" + file("a.o") + "\nrelative/b.o\n  " + file("c.o") + "  \n" + file("a.o") + "\n\0bad\n");
        assertEquals(List.of(file("a.o"), file("c.o")), new RecentFiles(store).list());
    }

    @Test
    void anUnwritableStoreOnlyCostsPersistence() throws IOException {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        RecentFiles r = new RecentFiles(notADir.resolve("recent-files"));
        r.add(file("a.o"));
        assertEquals(List.of(file("a.o")), r.list(), "kept in memory");
        assertEquals(List.of(), new RecentFiles(notADir.resolve("recent-files")).list());
    }

    @Test
    void testsKeepTheirSettingsAwayFromTheUsersHome() {
        Path store = RecentFiles.userStore();
        assertTrue(store.toString().contains("target" + java.io.File.separator + "test-config"),
                "surefire sets -D" + RecentFiles.CONFIG_DIR_PROPERTY + " so UI tests never touch ~/.config: " + store);
    }
}

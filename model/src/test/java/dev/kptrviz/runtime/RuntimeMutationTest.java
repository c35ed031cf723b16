package dev.kptrviz.runtime;

import dev.kptrviz.LoadException;
import dev.kptrviz.TestObjects;
import dev.kptrviz.elf.ElfFile;
import dev.kptrviz.elf.ElfSection;
import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Loader;
import dev.kptrviz.program.Program;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Run-anyway on damaged code: one random byte of every code section is changed; whatever still
 * loads is executed. The emulator must end every run with a verdict of its own (exit, a finding,
 * the step limit) and never with an INTERNAL_ERROR (its own exception). It once ran off the end
 * of a program into an array bound; that is now the FELL_OFF_END finding.
 */
class RuntimeMutationTest {

    @Test
    void damagedProgramsNeverCrashTheEmulator() throws LoadException {
        Map<String, byte[]> objects = TestObjects.all();
        List<String> names = new ArrayList<>(objects.keySet());
        Random rnd = new Random(0x72756e);
        int runs = 0;
        List<String> internal = new ArrayList<>();
        for (int t = 0; t < 2000; t++) {
            String name = names.get(rnd.nextInt(names.size()));
            byte[] b = objects.get(name).clone();
            for (ElfSection s : ElfFile.parse(b).sections()) {
                if (s.isExecutable() && s.data().length > 8) {
                    b[(int) s.offset() + rnd.nextInt(s.data().length)] = (byte) rnd.nextInt(256);
                }
            }
            BpfObject obj;
            try {
                obj = Loader.load(b, name);
            } catch (LoadException e) {
                continue;
            }
            for (Program p : obj.programs()) {
                RunResult r = new Machine(obj, p, RunOptions.defaults().withSemantics(Semantics.CURRENT)
                        .withStepLimit(100_000)).run();
                runs++;
                r.findings().stream().filter(f -> f.kind() == FindingKind.INTERNAL_ERROR)
                        .forEach(f -> internal.add(name + ": " + f.message()));
            }
        }
        assertEquals(List.of(), internal);
        assertTrue(runs > 200, "only " + runs + " damaged programs loaded");
    }
}

package dev.kptrviz.cli;

import dev.kptrviz.btf.SpecialField;
import dev.kptrviz.btf.Btf;
import dev.kptrviz.btf.BtfType;
import dev.kptrviz.btf.CTypePrinter;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.CollectionRoot;
import dev.kptrviz.program.Function;
import dev.kptrviz.program.Listing;
import dev.kptrviz.program.ListingLine;
import dev.kptrviz.program.Program;
import dev.kptrviz.program.Region;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dump FILE.o...}: programs with their listings and C lines, global regions, collection roots. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print every program (section, functions, listing with C source lines), the global "
                + "data regions, the types with special fields and the collection roots of BPF objects.")
final class DumpCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "BPF object files (clang -g -target bpf), or C sources (compiled with clang first)")
    List<Path> files;

    @Option(names = "--prog", paramLabel = "NAME", description = "Only this program")
    String prog;

    @Option(names = "--no-source", description = "Leave out the C source lines")
    boolean noSource;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exit = Main.EXIT_OK;
        for (Path f : files) {
            BpfObject obj = CliInput.load(f, err);
            if (obj == null) {
                exit = Main.EXIT_BAD_INPUT;
            } else {
                dump(obj, out);
            }
        }
        out.flush();
        return exit;
    }

    private void dump(BpfObject obj, PrintWriter out) {
        out.printf("%s: %d program(s), license \"%s\", %s%n", obj.fileName(), obj.programs().size(), obj.license(),
                obj.btf() == null ? "no BTF" : obj.btf().count() - 1 + " BTF types");
        for (Program p : obj.programs()) {
            if (prog != null && !prog.equals(p.name())) {
                continue;
            }
            out.println();
            out.printf("program %s  section %s  %d insns%n", p.name(), p.section(), p.size());
            for (Function fn : p.functions()) {
                out.printf("  function %-20s insns %d..%d  %s%s%n", fn.name(), fn.start(), fn.end() - 1,
                        fn.kind().name().toLowerCase(), fn.global() ? " (global)" : "");
            }
            out.println();
            for (ListingLine l : Listing.of(p)) {
                if (noSource && l.kind() == ListingLine.Kind.SOURCE) {
                    continue;
                }
                out.println(l.text());
            }
        }
        if (!obj.regions().isEmpty()) {
            out.println();
            out.println("global data regions (one map value each)");
            for (Region r : obj.regions()) {
                out.printf("  %-12s %5d bytes%s%n", r.name(), r.size(), r.readOnly() ? "  read-only" : "");
                r.vars().forEach(v -> out.printf("    +%-4d %-16s %s (%d bytes)%n", v.offset(), v.name(), v.cType(),
                        v.size()));
            }
        }
        if (obj.btf() != null) {
            dumpSpecialTypes(obj.btf(), out);
        }
        out.println();
        if (obj.roots().isEmpty()) {
            out.println("collection roots: none");
        } else {
            out.println("collection roots");
            for (CollectionRoot r : obj.roots()) {
                out.printf("  %-10s %-6s in %-12s at +%-4d holds %s%n", r.name(),
                        r.kind() == CollectionRoot.Kind.LIST ? "list" : "rbtree", r.container(), r.offset(),
                        r.containedType() == null ? "?" : "struct " + r.containedType() + "." + r.nodeField()
                                + (r.nodeOffset() >= 0 ? " (node at +" + r.nodeOffset() + ")" : ""));
                out.printf("  %-10s guarded by %s%n", "",
                        r.lockName() == null ? "no lock" : r.lockName() + " (" + r.container() + "+" + r.lockOffset() + ")");
                if (!r.valid()) {
                    out.printf("  %-10s problem: %s -> the kernel refuses this record with %s%n", "", r.problem(),
                            r.problemErrno());
                }
            }
        }
    }

    private static void dumpSpecialTypes(Btf btf, PrintWriter out) {
        boolean header = false;
        for (BtfType t : btf.types()) {
            if (t instanceof BtfType.Struct s && !s.union() && SpecialField.ofStruct(s.name()).isEmpty() && hasSpecial(btf, s)) {
                if (!header) {
                    out.println();
                    out.println("types with special fields");
                    header = true;
                }
                for (String line : CTypePrinter.declaration(btf, s.id()).split("\n")) {
                    out.println("  " + line);
                }
            }
        }
    }

    private static boolean hasSpecial(Btf btf, BtfType.Struct s) {
        return s.members().stream().anyMatch(m -> SpecialField.of(btf, m.type()).isPresent());
    }
}

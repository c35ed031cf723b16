package dev.kptrviz.app;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import dev.kptrviz.verifier.Diagnostic;
import dev.kptrviz.verifier.Verdict;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the model what it thinks of the shown program under the selected kernel rules, and
 * spreads the answer over the window: the verdict badge and banner, the listing's markers, the
 * bottom tabs and the status bar. Accepted programs are run at once; rejected ones only when
 * the user asks ("Run anyway").
 */
final class Inspector {
    private final ListingView listing;
    private final StatusBar status;
    private final ComboBox<Semantics> selector = new ComboBox<>();
    private final HBox rulesBox;
    private final VerdictBanner banner = new VerdictBanner(this::goToError, this::runAnyway);
    private Runnable onRunAnyway = () -> { };
    private final VerifierLogView log = new VerifierLogView();
    private final RunPane run = new RunPane(this::goTo, this::runAnyway);
    private final DiagnosticsTable diagnostics = new DiagnosticsTable(this::goTo);
    private final BottomPanel bottom = new BottomPanel(log, run, diagnostics);
    private BpfObject object;
    private Program program;
    private Verdict verdict;
    private Analysis.Run lastRun;
    private boolean updating;

    Inspector(ListingView listing, StatusBar status) {
        this.listing = listing;
        this.status = status;
        selector.setId("semanticsSelector");
        selector.getItems().setAll(Rules.ALL);
        selector.setCellFactory(v -> new RulesCell());
        selector.setButtonCell(new RulesCell());
        selector.getSelectionModel().select(Rules.DEFAULT);
        selector.setTooltip(new Tooltip("Which kernel's rules the verifier and the emulator apply: "
                + "6.3 (exclusive ownership), 6.4 (shared ownership, as merged) or the running 6.18 kernel"));
        selector.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!updating && now != null && now != was) {
                reinspect();
            }
        });
        Label rulesLabel = new Label("Kernel rules");
        rulesLabel.getStyleClass().add("rules-label");
        rulesBox = new HBox(6, banner.badge(), rulesLabel, selector);
        rulesBox.setAlignment(Pos.CENTER_RIGHT);
        rulesBox.getStyleClass().add("rules-box");
    }

    /** The selector and the verdict badge, for the header. */
    Node rulesBar() {
        return rulesBox;
    }

    Node banner() {
        return banner.node();
    }

    Node bottom() {
        return bottom.node();
    }

    Semantics semantics() {
        return selector.getValue();
    }

    ReadOnlyObjectProperty<Semantics> semanticsProperty() {
        return selector.getSelectionModel().selectedItemProperty();
    }

    Optional<Verdict> verdict() {
        return Optional.ofNullable(verdict);
    }

    Optional<Analysis.Run> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    /** Selects the rules (as the selector does) and re-inspects the shown program. */
    void setSemantics(Semantics semantics) {
        selector.getSelectionModel().select(semantics);
    }

    BottomPanel panel() {
        return bottom;
    }

    /** Verifies {@code shown} (of {@code obj}) under the selected rules and shows the answer. */
    void inspect(BpfObject obj, Program shown) {
        object = obj;
        program = shown;
        verdict = null;
        lastRun = null;
        Semantics sem = semantics();
        try {
            verdict = Analysis.verify(obj, shown, sem);
        } catch (RuntimeException | StackOverflowError e) {
            failed(sem, e);
            return;
        }
        banner.show(verdict);
        log.show(verdict);
        diagnostics.show(verdict);
        Diagnostic error = verdict.error().orElse(null);
        listing.mark(error == null ? -1 : error.insn(), error == null ? null : error.message(), branchNotes(error));
        if (verdict.accepted()) {
            runNow(false);
        } else {
            run.showNotRun("Not run: the verifier rejects " + shown.name() + " under " + Rules.rules(sem)
                    + ", so the kernel would never run it. Run it anyway to see what would go wrong at runtime.");
            bottom.setCounts(verdict.diagnostics().size(), "");
        }
        status.showVerdict(verdict.accepted(), verdictText(), sem);
    }

    /** "Go to error": the listing scrolls to the refused instruction and selects it. */
    void goToError() {
        verdict().flatMap(Verdict::error).filter(d -> d.insn() >= 0).ifPresent(d -> goTo(d.insn()));
    }

    /** "Run anyway": runs the program whatever the verdict and shows the Run tab. */
    void runAnyway() {
        onRunAnyway.run();
        if (program != null) {
            runNow(verdict == null || !verdict.accepted());
            bottom.select(BottomPanel.Which.RUN);
        }
    }

    /** Also told when the user asks to run anyway (the stepping session continues past the rejection). */
    void setOnRunAnyway(Runnable r) {
        onRunAnyway = r;
    }

    void goTo(int insn) {
        listing.goTo(insn);
    }

    /** The listing paragraph of instruction {@code insn}, for tests. */
    int listingLineOf(int insn) {
        return listing.lineOf(insn);
    }

    ListingView listingView() {
        return listing;
    }

    private void reinspect() {
        if (object == null) {
            return;
        }
        double y = listing.scrollY();
        int caret = listing.caretLine();
        inspect(object, program);
        listing.scrollTo(y, caret);
    }

    private void runNow(boolean anyway) {
        try {
            lastRun = Analysis.run(object, program, semantics(), anyway);
        } catch (RuntimeException | StackOverflowError e) {
            run.showNotRun("The emulator failed (a bug in KptrViz, please report it): " + describe(e));
            bottom.setCounts(verdict == null ? 0 : verdict.diagnostics().size(), "failed");
            return;
        }
        run.show(program, lastRun);
        int n = lastRun.result().findings().size();
        bottom.setCounts(verdict == null ? 0 : verdict.diagnostics().size(),
                n == 0 ? "" : n + (n == 1 ? " finding" : " findings"));
        status.showVerdict(verdict != null && verdict.accepted(), verdictText(), semantics());
    }

    private void failed(Semantics sem, Throwable e) {
        banner.showFailure(sem, describe(e));
        log.clear();
        diagnostics.clear("The verifier model failed on this program.");
        listing.mark(-1, null, Map.of());
        run.showNotRun("Not run: the verifier model failed on this program.");
        bottom.setCounts(0, "");
        status.showVerdict(false, "verifier failed", sem);
    }

    private String verdictText() {
        if (verdict == null) {
            return "verifier failed";
        }
        String text = verdict.accepted() ? "accepted, " + verdict.insnsProcessed() + " insns processed"
                : verdict.error().map(d -> d.insn() < 0 ? "rejected at load" : "rejected at insn " + d.insn())
                .orElse("rejected");
        if (lastRun != null) {
            int n = lastRun.result().findings().size();
            text += n == 0 ? "; run clean" : "; run: " + n + (n == 1 ? " finding" : " findings");
        }
        return text;
    }

    /** The margin note of each branch decision on the path to the error. */
    private static Map<Integer, String> branchNotes(Diagnostic error) {
        Map<Integer, String> notes = new LinkedHashMap<>();
        if (error != null) {
            error.path().forEach(b -> notes.put(b.from(), "on the path to the error: "
                    + (b.taken() ? "jumped to " : "fell through to ") + b.to()));
        }
        return notes;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static final class RulesCell extends ListCell<Semantics> {
        @Override
        protected void updateItem(Semantics s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty || s == null ? null : Rules.label(s));
        }
    }
}

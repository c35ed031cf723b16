package dev.kptrviz.app;

import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** The tabs under the listing: the verifier's log, the emulator's run, the diagnostics table. */
final class BottomPanel {
    enum Which { LOG, RUN, DIAGNOSTICS }

    private final TabPane tabs = new TabPane();
    private final Tab log;
    private final Tab run;
    private final Tab diagnostics;

    BottomPanel(VerifierLogView logView, RunPane runPane, DiagnosticsTable table) {
        log = tab("Verifier log", "logTab", logView.node());
        run = tab("Run", "runTab", runPane.node());
        diagnostics = tab("Diagnostics", "diagnosticsTab", table.node());
        tabs.getTabs().setAll(log, run, diagnostics);
        tabs.setId("bottomTabs");
        tabs.getStyleClass().add("bottom-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    }

    Node node() {
        return tabs;
    }

    void select(Which which) {
        tabs.getSelectionModel().select(switch (which) {
            case LOG -> log;
            case RUN -> run;
            case DIAGNOSTICS -> diagnostics;
        });
    }

    /** Adds a tab after the others (a view that belongs with the debugger rather than the verifier). */
    Tab addTab(String title, String id, Node content) {
        Tab t = tab(title, id, content);
        tabs.getTabs().add(t);
        return t;
    }

    /** Tab titles carry counts: "Diagnostics (1)", "Run (2 findings)". */
    void setCounts(int diagnosticsCount, String runNote) {
        diagnostics.setText(diagnosticsCount == 0 ? "Diagnostics" : "Diagnostics (" + diagnosticsCount + ")");
        run.setText(runNote == null || runNote.isEmpty() ? "Run" : "Run (" + runNote + ")");
    }

    private static Tab tab(String title, String id, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }
}

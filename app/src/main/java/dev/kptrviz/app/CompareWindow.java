package dev.kptrviz.app;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.StringConverter;

import java.util.Objects;

/**
 * One program under two kernels' rules, side by side (Verifier ▸ Compare rules side by side…): two rule
 * selectors (default 6.3 | 6.4), the first difference in a banner with "Go to first difference", one step bar
 * that moves both sides, the instruction just run and the next one shown once, and a {@link ComparePane} per side.
 * Keyboard as in the main window: F7 step, Shift+F7 step back, F9 run to the next difference.
 */
final class CompareWindow {
    static final double WIDTH = 1400;
    static final double HEIGHT = 800;
    static final String CSS = Objects.requireNonNull(
            CompareWindow.class.getResource("compare.css"), "compare.css missing").toExternalForm();

    private final Stage stage;
    private final BpfObject object;
    private final Program program;
    private final CompareController controller = new CompareController(this::moved, this::failed);
    private final ComboBox<Semantics> leftRules = selector("compareLeftRules");
    private final ComboBox<Semantics> rightRules = selector("compareRightRules");
    private final CompareBanner banner = new CompareBanner(controller::goToFirstDifference);
    private final CompareBar bar = new CompareBar(controller);
    private final Label lastInsn = GraphNodes.label("", "cmp-insn");
    private final Label lastSource = GraphNodes.label("", "cmp-source");
    private final Label nextInsn = GraphNodes.label("", "cmp-insn");
    private final ComparePane left = new ComparePane("left");
    private final ComparePane right = new ComparePane("right");
    private final BorderPane root;

    private CompareWindow(Stage stage, BpfObject object, Program program) {
        this.stage = stage;
        this.object = object;
        this.program = program;
        leftRules.setValue(Semantics.V6_3);
        rightRules.setValue(Semantics.V6_4);
        leftRules.valueProperty().addListener((o, was, now) -> reopen());
        rightRules.valueProperty().addListener((o, was, now) -> reopen());

        Label title = GraphNodes.label("Compare rules", "cmp-title");
        Label file = GraphNodes.label(object.fileName() + "  ›  " + program.name(), "cmp-file");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(10, title, GraphNodes.label("left", "rules-label"), leftRules,
                GraphNodes.label("⟷", "cmp-vs"), GraphNodes.label("right", "rules-label"), rightRules, gap, file);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("cmp-header");

        lastInsn.setId("compareLastInsn");
        lastSource.setId("compareLastSource");
        nextInsn.setId("compareNextInsn");
        Region gap2 = new Region();
        HBox.setHgrow(gap2, Priority.ALWAYS);
        HBox insn = new HBox(8, GraphNodes.label("just ran", "cmp-insn-label"), lastInsn, lastSource, gap2,
                GraphNodes.label("next", "cmp-insn-label"), nextInsn);
        insn.setAlignment(Pos.CENTER_LEFT);
        insn.getStyleClass().add("cmp-insn-strip");
        insn.setId("compareInstruction");

        SplitPane sides = new SplitPane(left.node(), right.node());
        sides.setOrientation(Orientation.HORIZONTAL);
        sides.setDividerPositions(0.5);
        sides.getStyleClass().add("cmp-sides");
        root = new BorderPane(sides);
        root.setTop(new VBox(header, banner.node(), bar.node(), insn));
        root.getStyleClass().addAll("main-window", "cmp-window");
        root.setId("compareWindow");
        root.getProperties().put(CompareWindow.class, this);

        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().addAll(MainWindow.CSS, CSS);
        var keys = scene.getAccelerators();
        keys.put(new KeyCodeCombination(KeyCode.F7), controller::step);
        keys.put(new KeyCodeCombination(KeyCode.F7, KeyCombination.SHIFT_DOWN), controller::stepBack);
        keys.put(new KeyCodeCombination(KeyCode.F9), controller::runToNextDifference);
        stage.setScene(scene);
        stage.setTitle("KptrViz — compare rules — " + object.fileName() + " › " + program.name());
        stage.setMinWidth(800);
        stage.setMinHeight(500);
    }

    /** Builds the window for {@code program} on {@code stage}, compares 6.3 with 6.4 and shows it. */
    static CompareWindow open(Stage stage, BpfObject object, Program program) {
        CompareWindow w = new CompareWindow(stage, object, program);
        w.reopen();
        stage.show();
        return w;
    }

    Stage stage() {
        return stage;
    }

    Parent root() {
        return root;
    }

    CompareController controller() {
        return controller;
    }

    CompareBar bar() {
        return bar;
    }

    /** Picks the rules of both sides, as the two selectors do, and re-runs the comparison. */
    void setRules(Semantics l, Semantics r) {
        leftRules.setValue(l);
        rightRules.setValue(r);
    }

    private void reopen() {
        if (leftRules.getValue() != null && rightRules.getValue() != null) {
            controller.open(object, program, leftRules.getValue(), rightRules.getValue());
        }
    }

    private static ComboBox<Semantics> selector(String id) {
        ComboBox<Semantics> box = new ComboBox<>();
        box.getItems().setAll(Rules.ALL);
        box.setId(id);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Semantics s) {
                return s == null ? "" : Rules.label(s);
            }

            @Override
            public Semantics fromString(String s) {
                return Rules.ALL.stream().filter(x -> Rules.label(x).equals(s)).findFirst().orElse(null);
            }
        });
        box.setFocusTraversable(false);
        return box;
    }

    private void moved(CompareController.View v) {
        banner.show(v);
        bar.show(v);
        lastInsn.setText(v.lastPc() < 0 ? "—" : v.lastPc() + ": " + v.lastInsn());
        lastSource.setText(v.lastSource() == null ? "" : "line " + v.lastLine() + ":  " + v.lastSource().strip());
        lastSource.setVisible(v.lastSource() != null);
        nextInsn.setText(v.nextInsn().isEmpty() ? "—" : v.nextPc() + ": " + v.nextInsn());
        boolean differs = v.here() != null;
        left.show(v.left(), differs);
        right.show(v.right(), differs);
    }

    private void failed(String message) {
        banner.show(null);
        bar.show(null);
        left.clear(message);
        right.clear(message);
    }
}

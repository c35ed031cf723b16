package dev.kptrviz.app;

import dev.kptrviz.session.Breakpoint;
import dev.kptrviz.session.EventKind;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every breakpoint of the debugger in one place (a tab under the listing): the list, each with a register
 * condition field and a remove button, Clear all; a field to add a C-line breakpoint; and one check box per
 * event kind to stop right after a step with such an event. The listing's margin sets instruction and C-line
 * breakpoints too; both edit the one {@link BreakpointSet} of the {@link SessionController}.
 */
final class BreakpointsPane {
    /** The event kinds offered, the ones about ownership first. */
    private static final List<EventKind> OFFERED = List.of(EventKind.REFCOUNT, EventKind.INSERT_OK,
            EventKind.INSERT_FAILED, EventKind.REMOVE, EventKind.FREE, EventKind.REF_ACQUIRED, EventKind.REF_RELEASED,
            EventKind.NON_OWNING_INVALIDATED, EventKind.DIAGNOSTIC, EventKind.ALARM, EventKind.LOCK, EventKind.UNLOCK,
            EventKind.ALLOC, EventKind.DRAINED, EventKind.FINDING, EventKind.CALL);

    private final SessionController controller;
    private final VBox rows = new VBox(2);
    private final Map<EventKind, CheckBox> events = new EnumMap<>(EventKind.class);
    private final TextField lineField = new TextField();
    private final Label error = GraphNodes.label("", "bp-error");
    private final StringProperty title = new SimpleStringProperty("Breakpoints");
    private final HBox box;
    private boolean updating;

    BreakpointsPane(SessionController controller) {
        this.controller = controller;
        BreakpointSet set = controller.breakpointSet();

        Button clear = new Button("Clear all");
        clear.setId("bpClearAll");
        clear.setOnAction(e -> set.clear());
        lineField.setId("bpLineField");
        lineField.setPromptText("C line, e.g. 58");
        lineField.setPrefColumnCount(7);
        lineField.setMinWidth(Region.USE_PREF_SIZE);
        lineField.setOnAction(e -> addLine());
        lineField.setTooltip(new Tooltip("Stop before the first instruction of each block of this C line"));
        Button add = new Button("Add line");
        add.setId("bpAddLine");
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.setOnAction(e -> addLine());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(6, GraphNodes.label("Breakpoints", "bp-title"), gap, lineField, add, clear);
        top.setAlignment(Pos.CENTER_LEFT);
        rows.setId("bpList");
        ScrollPane list = new ScrollPane(rows);
        list.setFitToWidth(true);
        list.getStyleClass().add("bp-scroll");
        VBox.setVgrow(list, Priority.ALWAYS);
        error.setId("bpError");
        error.setWrapText(true);
        error.setManaged(false);
        error.textProperty().addListener((o, was, now) -> error.setManaged(!now.isEmpty()));
        VBox left = new VBox(4, top, list, error);
        left.setPrefWidth(520);
        left.setMinWidth(300);
        HBox.setHgrow(left, Priority.ALWAYS);

        FlowPane checks = new FlowPane(10, 3);
        checks.setId("bpEvents");
        checks.setPrefWrapLength(440);
        for (EventKind k : OFFERED) {
            CheckBox cb = new CheckBox(k.label());
            cb.setId("bpEvent-" + k.name());
            cb.selectedProperty().addListener((o, was, now) -> {
                if (!updating) {
                    set.setEvent(k, now);
                }
            });
            events.put(k, cb);
            checks.getChildren().add(cb);
        }
        VBox kinds = new VBox(4, GraphNodes.label("Stop right after a step with", "bp-head"), checks);
        kinds.setPadding(new Insets(0, 6, 0, 0));
        ScrollPane kindsScroll = new ScrollPane(kinds);
        kindsScroll.setFitToWidth(true);
        kindsScroll.getStyleClass().add("bp-scroll");
        kindsScroll.setPrefWidth(470);
        kindsScroll.setMinWidth(Region.USE_PREF_SIZE);

        box = new HBox(14, left, kindsScroll);
        box.setId("breakpointsPane");
        box.getStyleClass().add("bp-pane");
        box.setPadding(new Insets(6, 8, 6, 8));
        set.onChange(this::refresh);
        refresh();
    }

    Node node() {
        return box;
    }

    /** "Breakpoints (3)": the tab's title. */
    ReadOnlyStringProperty title() {
        return title;
    }

    private void addLine() {
        String text = lineField.getText().strip();
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            error.setText("C line \"" + text + "\": type the line's number, e.g. 58");
            return;
        }
        controller.addLine(n).ifPresentOrElse(error::setText, () -> {
            error.setText("");
            lineField.clear();
        });
    }

    /** Redraws the list and the check boxes from the breakpoints as they are now. */
    void refresh() {
        updating = true;
        try {
            List<Breakpoint> all = controller.breakpointSet().all();
            rows.getChildren().clear();
            if (all.isEmpty()) {
                rows.getChildren().add(GraphNodes.label("No breakpoints: click the margin beside an instruction or a C "
                        + "line, type a line, or tick an event.", "bp-none"));
            }
            for (int i = 0; i < all.size(); i++) {
                rows.getChildren().add(row(i, all.get(i)));
            }
            Set<EventKind> on = controller.breakpointSet().events();
            events.forEach((k, cb) -> cb.setSelected(on.contains(k)));
            title.set(all.isEmpty() ? "Breakpoints" : "Breakpoints (" + all.size() + ")");
        } finally {
            updating = false;
        }
    }

    private HBox row(int i, Breakpoint b) {
        Label text = GraphNodes.label(controller.describe(b), "bp-text");
        text.setId("bpRow-" + i);
        text.setUserData(b);
        text.setMinWidth(60); // long C lines end in an ellipsis; the tooltip has them whole
        text.setTooltip(new Tooltip(text.getText()));
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        TextField condition = new TextField(b instanceof Breakpoint.When w ? w.condition() : "");
        condition.setId("bpCondition-" + i);
        condition.setPromptText("condition, e.g. r0 == 0");
        condition.setPrefColumnCount(10);
        condition.setMinWidth(Region.USE_PREF_SIZE);
        condition.setTooltip(new Tooltip("Stop only when this holds where the run stops (Enter to set, empty: always)"));
        condition.setOnAction(e -> controller.breakpointSet().setCondition(b, condition.getText())
                .ifPresentOrElse(error::setText, () -> error.setText("")));
        Button remove = new Button("✕");
        remove.setId("bpRemove-" + i);
        remove.getStyleClass().add("bp-remove");
        remove.setTooltip(new Tooltip("Remove this breakpoint"));
        remove.setOnAction(e -> controller.breakpointSet().remove(b));
        remove.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(8, text, condition, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("bp-row");
        return row;
    }
}

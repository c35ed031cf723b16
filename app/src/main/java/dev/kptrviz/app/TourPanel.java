package dev.kptrviz.app;

import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import dev.kptrviz.program.Program;
import dev.kptrviz.tour.ExampleRef;
import dev.kptrviz.tour.Resolution;
import dev.kptrviz.tour.ResolvedStop;
import dev.kptrviz.tour.Tour;
import dev.kptrviz.tour.TourLoadException;
import dev.kptrviz.tour.TourLoader;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A guided tour, docked at the top of the side column: the stop's title and text, progress, Previous / Next and
 * Close. Going to a stop opens its example (unless it is already shown), selects its kernel rules, seeks the session to
 * the position the model resolved, and highlights the stop's graph elements and listing lines. A tour that cannot
 * be loaded or resolved is explained in a dialog and leaves the window as it was. The tour is resolved as a whole
 * before the first stop shows, so Previous / Next never meet a broken stop.
 */
final class TourPanel {
    private final MainWindow window;
    private final VBox box = new VBox(6);
    private Consumer<Boolean> onShown = shown -> { };
    private final Label caption = GraphNodes.label("", "tour-caption");
    private final Label title = new Label();
    private final Label text = new Label();
    private final Label progressText = GraphNodes.label("", "tour-progress-text");
    private final ProgressBar progress = new ProgressBar(0);
    private final Button previous = new Button("◀ _Previous");
    private final Button next = new Button("_Next ▶");
    private final Button close = new Button("✕");
    private Tour tour;
    private List<ResolvedStop> stops = List.of();
    private int index = -1;
    /** The object the tour opened, and for which example: when the window shows another, the highlights go. */
    private BpfObject opened;
    private ExampleRef openedRef;

    TourPanel(MainWindow window) {
        this.window = window;
        caption.setId("tourCaption");
        title.setId("tourTitle");
        title.getStyleClass().add("tour-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        text.setId("tourText");
        text.getStyleClass().add("tour-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        progressText.setId("tourProgress");
        progress.setId("tourProgressBar");
        progress.getStyleClass().add("tour-progress");
        previous.setId("tourPrevious");
        next.setId("tourNext");
        close.setId("tourClose");
        previous.getStyleClass().addAll("tour-button");
        next.getStyleClass().addAll("tour-button", "tour-next");
        close.getStyleClass().add("tour-close");
        previous.setOnAction(e -> go(index - 1));
        next.setOnAction(e -> go(index + 1));
        close.setOnAction(e -> close());
        close.setTooltip(new Tooltip("Close the tour (the program and position stay as they are)"));
        Label hint = GraphNodes.label("violet outline: what this stop is about", "tour-hint");
        hint.setWrapText(true);
        hint.setMinWidth(0);
        caption.setWrapText(true);
        caption.setMinWidth(0);
        HBox head = new HBox(6, caption, close);
        head.setAlignment(Pos.TOP_LEFT);
        caption.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(caption, Priority.ALWAYS);
        HBox counter = new HBox(10, progressText, progress);
        counter.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(progress, Priority.ALWAYS);
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox buttons = new HBox(8, previous, next);
        buttons.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(next, Priority.ALWAYS);
        next.setMaxWidth(Double.MAX_VALUE);
        box.getChildren().addAll(head, counter, title, text, buttons, hint);
        VBox.setMargin(title, new Insets(6, 0, 0, 0));
        VBox.setMargin(buttons, new Insets(8, 0, 0, 0));
        box.setId("tourPanel");
        box.getStyleClass().add("tour-panel");
        setShown(false);
    }

    Node node() {
        return box;
    }

    /** Told when the panel appears or goes (the window widens its side column for it). */
    void setOnShown(Consumer<Boolean> listener) {
        onShown = listener;
    }

    List<ResolvedStop> stops() {
        return stops;
    }

    /** Help ▸ Tour of shared ownership: the tour shipped with KptrViz, at stop {@code number} (1-based). */
    boolean startShipped(int number) {
        Tour t;
        try {
            t = TourLoader.bundled(TourLoader.SHARED_OWNERSHIP);
        } catch (TourLoadException e) {
            Dialogs.tourError(window.stage(), "Cannot open the tour " + e.file(), e.getMessage());
            return false;
        }
        return start(t, number);
    }

    /** Help ▸ Open tour…: asks for a tour file, then {@link #open(Path)}. */
    void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open tour");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Tours (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(window.stage());
        if (file != null) {
            open(file.toPath());
        }
    }

    /** Loads and resolves a teacher's tour file and shows its first stop; a broken file only gets a dialog. */
    boolean open(Path file) {
        try {
            return start(TourLoader.load(file), 1);
        } catch (TourLoadException e) {
            Dialogs.tourError(window.stage(), "Cannot open the tour " + e.file(), e.getMessage());
            return false;
        }
    }

    private boolean start(Tour t, int number) {
        Resolution r;
        try {
            r = Analysis.resolveTour(t);
        } catch (RuntimeException | StackOverflowError e) {
            Dialogs.tourError(window.stage(), "Cannot open the tour " + t.source(), "KptrViz failed while "
                    + "preparing the tour (this is a bug in KptrViz, please report it): " + e);
            return false;
        }
        if (r instanceof Resolution.Failed f) {
            Dialogs.tourError(window.stage(), "The tour " + t.source() + " does not fit its examples",
                    summary(f.problems()));
            return false;
        }
        tour = t;
        stops = ((Resolution.Resolved) r).stops();
        caption.setText("TOUR  ·  " + t.title());
        caption.setTooltip(t.description() == null ? null : new Tooltip(t.description()));
        setShown(true);
        go(Math.max(0, Math.min(stops.size() - 1, number - 1)));
        return true;
    }

    /** At most a dozen problems, then how many more. */
    private static String summary(List<String> problems) {
        int shown = Math.min(12, problems.size());
        String s = String.join("\n", problems.subList(0, shown));
        return problems.size() > shown ? s + "\n… and " + (problems.size() - shown) + " more" : s;
    }

    /** Shows stop {@code i} (0-based): its example and rules, the resolved position, the highlights, the words. */
    void go(int i) {
        if (tour == null || i < 0 || i >= stops.size()) {
            return;
        }
        ResolvedStop s = stops.get(i);
        int was = index;
        index = i;
        window.setSemantics(s.stop().semantics());
        if (!showing(s) && !openExample(s)) {
            index = was; // the window explained why in a dialog; the panel stays on the stop it showed
            return;
        }
        opened = window.object().orElse(null);
        window.stepping().controller().seek(s.position());
        window.stepping().graph().highlight(Set.copyOf(s.graphKeys()));
        window.inspector().listingView().highlightTour(Set.copyOf(s.insns()), Set.copyOf(s.lines()));
        title.setText(s.stop().title());
        text.setText(s.stop().text());
        progressText.setText((i + 1) + " / " + stops.size());
        progress.setProgress((i + 1) / (double) stops.size());
        previous.setDisable(i == 0);
        next.setDisable(i == stops.size() - 1);
    }

    /** Whether the window still shows the object the tour opened for this stop's example, and its program. */
    private boolean showing(ResolvedStop s) {
        return opened != null && window.object().orElse(null) == opened && s.stop().example().equals(openedRef)
                && window.program().map(Program::name).filter(s.program()::equals).isPresent();
    }

    private boolean openExample(ResolvedStop s) {
        ExampleRef ref = s.stop().example();
        boolean ok;
        if (ref instanceof ExampleRef.OnDisk d) {
            ok = window.open(d.path(), s.program());
        } else {
            ok = bundledRow((ExampleRef.Bundled) ref, s.program()).map(window::openExample).orElse(false);
        }
        openedRef = ok ? ref : null;
        return ok;
    }

    /** The example table's row of a bundled object and program (the loader made sure the object has rows). */
    private static Optional<Example> bundledRow(ExampleRef.Bundled ref, String program) {
        List<Example> rows = Examples.all().stream().filter(e -> e.objectFile().equals(ref.file())).toList();
        return rows.stream().filter(e -> e.program().equals(program)).findFirst()
                .or(() -> rows.stream().findFirst());
    }

    /** The window now shows {@code program} of {@code object}: one the tour did not open loses the highlights. */
    void shown(BpfObject object, Program program) {
        if (tour != null && (object != opened || index < 0 || !program.name().equals(stops.get(index).program()))) {
            clearHighlights();
        }
    }

    /** Close: the tour goes, the program and the session position stay. */
    void close() {
        tour = null;
        stops = List.of();
        index = -1;
        opened = null;
        openedRef = null;
        clearHighlights();
        setShown(false);
    }

    private void clearHighlights() {
        window.stepping().graph().highlight(Set.of());
        window.inspector().listingView().highlightTour(Set.of(), Set.of());
    }

    private void setShown(boolean shown) {
        boolean was = box.isVisible();
        box.setVisible(shown);
        box.setManaged(shown);
        if (was != shown) {
            onShown.accept(shown);
        }
    }
}

package dev.kptrviz.app;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * File ▸ Open Recent: one item per recent file (name, then its directory), most recent first, and
 * "Clear list". Rebuilt whenever the list changes, so it is right whether or not the menu is open.
 */
final class RecentMenu {
    static final String MENU_ID = "openRecentMenu";
    static final String CLEAR_ID = "recentClear";
    static final String EMPTY_ID = "recentEmpty";

    private RecentMenu() {
    }

    /** The node id of the {@code i}-th recent file's item (0 = most recent). */
    static String itemId(int i) {
        return "recent-" + i;
    }

    static Menu build(RecentFiles recent, Consumer<Path> open) {
        Menu menu = new Menu("Open Recent");
        menu.setId(MENU_ID);
        fill(menu, recent, open);
        recent.onChange(() -> fill(menu, recent, open));
        return menu;
    }

    private static void fill(Menu menu, RecentFiles recent, Consumer<Path> open) {
        List<Path> files = recent.list();
        menu.getItems().clear();
        if (files.isEmpty()) {
            MenuItem none = new MenuItem("No recent files");
            none.setId(EMPTY_ID);
            none.setDisable(true);
            menu.getItems().add(none);
        }
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            Path name = file.getFileName();
            MenuItem item = new MenuItem((name == null ? file.toString() : name.toString())
                    + (file.getParent() == null ? "" : "   " + file.getParent()));
            item.setMnemonicParsing(false); // file names have underscores
            item.setId(itemId(i));
            item.setUserData(file);
            item.setOnAction(e -> open.accept(file));
            menu.getItems().add(item);
        }
        MenuItem clear = new MenuItem("Clear list");
        clear.setId(CLEAR_ID);
        clear.setDisable(files.isEmpty());
        clear.setOnAction(e -> recent.clear());
        menu.getItems().addAll(new SeparatorMenuItem(), clear);
    }
}

package org.parley.desktop;

import java.util.Set;
import java.util.TreeSet;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Follows a conversation's lines from now on: how many lines showed {@code text} at the worst
 * moment, and at which indexes it was seen, so a test sees a duplicate or a jump even when it
 * lasted only between two changes. Used on the thread that changes the list.
 */
final class LineWatch {
    private final String text;
    private int most;
    private final Set<Integer> indexes = new TreeSet<>();

    LineWatch(ObservableList<ChatLine> lines, String text) {
        this.text = text;
        record(lines);
        lines.addListener((ListChangeListener<ChatLine>) change -> record(lines));
    }

    private void record(ObservableList<ChatLine> lines) {
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).text().equals(text)) {
                count++;
                indexes.add(i);
            }
        }
        most = Math.max(most, count);
    }

    /** The most lines that showed the text at once. */
    int most() {
        return most;
    }

    /** Every index at which a line showed the text. */
    Set<Integer> indexes() {
        return indexes;
    }
}

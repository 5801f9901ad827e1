package org.parley.desktop;

import java.util.Objects;

/** Locates the app's stylesheet. */
public final class Styles {
    private Styles() {
    }

    public static String sheet() {
        return Objects.requireNonNull(Styles.class.getResource("parley.css"), "parley.css").toExternalForm();
    }
}

package org.parley.desktop;

import javafx.application.Application;

/** Entry point of {@code bin/parley gui}: starts the JavaFX desktop client. */
public final class DesktopMain {
    private DesktopMain() {
    }

    public static void main(String[] args) {
        Application.launch(ParleyApp.class, args);
    }
}

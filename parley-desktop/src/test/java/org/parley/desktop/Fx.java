package org.parley.desktop;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Window;

/** Runs code on the JavaFX thread from a test and finds windows and nodes by id. */
final class Fx {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The toolkit can be started only once per JVM, and several test classes share the JVM. */
    private static final CompletableFuture<Void> STARTED = new CompletableFuture<>();
    private static final AtomicBoolean STARTING = new AtomicBoolean();

    private Fx() {
    }

    /** Starts the toolkit once per test JVM (the tests run on the X display in DISPLAY, e.g. Xvfb). */
    static void start() throws Exception {
        if (STARTING.compareAndSet(false, true)) {
            Platform.startup(() -> STARTED.complete(null));
            Platform.setImplicitExit(false);
        }
        STARTED.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Runs {@code action} on the FX thread and waits for its result. */
    static <T> T call(Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Exception | AssertionError e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    static void run(Runnable action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** The first showing window holding a node with {@code id}. FX thread. */
    static Optional<Window> windowWith(String id) {
        return List.copyOf(Window.getWindows()).stream()
                .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().lookup("#" + id) != null)
                .findFirst();
    }

    /** The node with {@code id} in any showing window. FX thread. */
    @SuppressWarnings("unchecked")
    static <T extends Node> T node(String id) {
        return (T) windowWith(id).orElseThrow(() -> new AssertionError("no window shows #" + id))
                .getScene().lookup("#" + id);
    }

    static boolean showing(String id) {
        return windowWith(id).isPresent();
    }
}

package org.parley.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's writer thread: order kept, a full queue drops lines without waiting and says so, stop flushes. */
class BoundedAsyncAppenderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final LoggerContext context = new LoggerContext();
    private final Sink sink = new Sink();
    private final BoundedAsyncAppender appender = new BoundedAsyncAppender();

    /** Keeps every line it is given; the first one waits for {@link #release} when {@code hold} was called. */
    private static final class Sink extends AppenderBase<ILoggingEvent> {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean hold;

        @Override
        protected void append(ILoggingEvent event) {
            if (hold) {
                hold = false;
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            lines.add(event.getLevel() + " " + event.getFormattedMessage());
        }
    }

    private void start(int capacity) {
        context.setMDCAdapter(new LogbackMDCAdapter()); // a new context has none; the real one gets it at start-up
        sink.setContext(context);
        sink.start();
        appender.setContext(context);
        appender.setCapacity(capacity);
        appender.addAppender(sink);
        appender.start();
    }

    private void log(String format, Object... args) {
        appender.doAppend(new LoggingEvent(BoundedAsyncAppenderTest.class.getName(),
                context.getLogger(ConsoleLog.LOGGER_NAME), Level.INFO, format, null, args));
    }

    @AfterEach
    void stop() {
        sink.release.countDown();
        appender.stop();
    }

    @Test
    void writesEveryLineInTheOrderItWasLogged() throws Exception {
        start(128); // room for all 100: how fast the writer drains must not matter here

        for (int i = 0; i < 100; i++) {
            log("line {}", i);
        }

        assertThat(appender.flush(WAIT.toMillis())).isTrue();
        assertThat(sink.lines).hasSize(100).startsWith("INFO line 0", "INFO line 1").endsWith("INFO line 99");
        assertThat(appender.dropped()).isZero();
    }

    @Test
    void aFullQueueDropsLinesWithoutWaitingAndTheConsoleSaysHowMany() throws Exception {
        start(2);
        sink.hold = true;
        log("written while the console is stuck");
        assertThat(sink.holding.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 5; i++) {
            log("queued or dropped {}", i);
        }
        long dropped = appender.dropped();
        sink.release.countDown();

        assertThat(dropped).isEqualTo(3);
        assertThat(appender.flush(WAIT.toMillis())).isTrue();
        assertThat(sink.lines).containsExactly(
                "INFO written while the console is stuck",
                "WARN 3 log lines dropped: the log writer fell behind (queue of 2 full)",
                "INFO queued or dropped 0",
                "INFO queued or dropped 1");
    }

    @Test
    void stoppingWritesWhatIsStillQueued() throws Exception {
        start(64);
        sink.hold = true;
        log("first");
        assertThat(sink.holding.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        log("second");
        log("third");

        sink.release.countDown();
        appender.stop();

        await().atMost(WAIT).until(() -> sink.lines.size() == 3);
        assertThat(sink.lines).containsExactly("INFO first", "INFO second", "INFO third");
        assertThat(sink.isStarted()).isFalse();
    }

    @Test
    void theMessageIsFormattedWhenLoggedNotWhenWritten() throws Exception {
        start(8);
        sink.hold = true;
        log("first");
        assertThat(sink.holding.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        StringBuilder changing = new StringBuilder("before");

        log("value {}", changing);
        changing.replace(0, changing.length(), "after");
        sink.release.countDown();

        assertThat(appender.flush(WAIT.toMillis())).isTrue();
        assertThat(sink.lines).containsExactly("INFO first", "INFO value before");
    }
}

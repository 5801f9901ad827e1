package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IrcConnectionTest {
    private final FanoutSink sink = new FanoutSink();
    private final IrcConnection member = new IrcConnection("bxyz1", 1, sink, new ReadClock());
    private final EmbeddedChannel channel = new EmbeddedChannel(member);

    private static int body(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        return IrcConnection.privmsgBody(bytes, 0, bytes.length);
    }

    private void serverSends(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    private String sentByClient() {
        StringBuilder text = new StringBuilder();
        for (ByteBuf out; (out = channel.readOutbound()) != null; out.release()) {
            text.append(out.toString(StandardCharsets.US_ASCII));
        }
        return text.toString();
    }

    @Test
    void aPrivmsgsTextStartsAfterItsTargetWithOrWithoutTheColon() {
        assertThat(body(":bxyz0!~bxyz0@localhost PRIVMSG #bench :1:0:5:xx")).isEqualTo(":bxyz0!~bxyz0@localhost PRIVMSG #bench :".length());
        assertThat(body(":n!u@h PRIVMSG #bench 1:0:5:xx")).isEqualTo(":n!u@h PRIVMSG #bench ".length());
        assertThat(body("PRIVMSG #bench :text")).isEqualTo("PRIVMSG #bench :".length());
    }

    @Test
    void otherLinesAndAPrivmsgNamedOnlyInTheTextAreNotMessages() {
        assertThat(body(":server 001 bxyz1 :Welcome")).isEqualTo(-1);
        assertThat(body(":server NOTICE bxyz1 :a PRIVMSG #bench :1:0:5:")).isEqualTo(-1);
        assertThat(body(":n!u@h PRIVMSG")).isEqualTo(-1);
        assertThat(body(":n!u@h PRIVMSG #bench")).isEqualTo(-1);
        assertThat(body(":prefix-without-command")).isEqualTo(-1);
        assertThat(body("")).isEqualTo(-1);
    }

    @Test
    void aChannelMessageSplitAcrossReadsIsOneDeliveryToThisMember() {
        sink.startStep(3);
        String line = ":bxyz0!~bxyz0@localhost PRIVMSG #bench :" + new String(FanoutSink.body(3, 0, System.nanoTime(), 100),
                StandardCharsets.US_ASCII) + "\r\n";
        serverSends(line.substring(0, 50));
        assertThat(sink.delivered()).isZero();
        serverSends(line.substring(50) + line);
        assertThat(sink.delivered()).isEqualTo(2);
    }

    @Test
    void theWelcomeRegistersAndAPingIsAnsweredWithItsToken() {
        assertThat(sentByClient()).startsWith("NICK bxyz1\r\nUSER bxyz1");
        serverSends(":server 001 bxyz1 :Welcome\r\nPING :token42\r\n");
        assertThat(member.registered()).isCompletedWithValue(member);
        assertThat(sentByClient()).isEqualTo("PONG :token42\r\n");
    }

    @Test
    void aLineLongerThanTheMaximumClosesTheConnectionAndFailsRegistration() {
        serverSends("x".repeat(IrcConnection.MAX_LINE + 1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(member.registered()).isCompletedExceptionally();
    }

    @Test
    void everyReadIsReleased() {
        ByteBuf read = Unpooled.copiedBuffer(":server NOTICE * :hello\r\n", StandardCharsets.US_ASCII);
        channel.writeInbound(read);
        assertThat(read.refCnt()).isZero();
    }
}

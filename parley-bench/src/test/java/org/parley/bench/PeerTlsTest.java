package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class PeerTlsTest {

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void onLinuxX86ThePeersClientsUseBoringSslFromTheMavenArtifact() {
        assertThat(OpenSsl.isAvailable()).as("OpenSSL unavailable: %s", OpenSsl.unavailabilityCause()).isTrue();
        PeerTls.Context tls = PeerTls.fastestClientContext();
        assertThat(tls.context().isClient()).isTrue();
        assertThat(tls.provider()).startsWith("OpenSSL (BoringSSL");
        SslHandler handler = tls.context().newHandler(ByteBufAllocator.DEFAULT, "localhost", 16697);
        assertThat(handler.engine().getClass().getName()).contains("OpenSsl");
        assertThat(handler.engine().getEnabledProtocols()).contains("TLSv1.3");
        io.netty.util.ReferenceCountUtil.release(handler.engine());
    }

    @Test
    void theJdkTlsBaselineOfTheHandshakeComparisonStaysOnTheJdk() {
        SslHandler handler = PeerTls.jdkClientContext().newHandler(ByteBufAllocator.DEFAULT, "localhost", 16697);
        assertThat(handler.engine().getClass().getName()).startsWith("sun.security.ssl.");
    }

    @Test
    void theJdkChoiceSaysWhyOpenSslWasNotUsedWhenItIsMissing() {
        String jdk = PeerTls.describe(SslProvider.JDK);
        assertThat(jdk).startsWith("JDK");
        assertThat(jdk.contains("OpenSSL unavailable")).isEqualTo(!OpenSsl.isAvailable());
    }
}

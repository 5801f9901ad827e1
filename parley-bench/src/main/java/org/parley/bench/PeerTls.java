package org.parley.bench;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/**
 * TLS for the peer servers' clients, TLS 1.3 or 1.2 as the server prefers. The certificate is not
 * checked: bench/peers.sh generates a self-signed one for a server on loopback that the benchmark
 * itself started, and checking it would measure nothing more. Never use this outside the benchmark.
 *
 * <p>The fan-out and echo scenarios' clients use OpenSSL (BoringSSL, statically linked, from the
 * netty-tcnative-boringssl-static artifact) when its native library loads, else the JDK's TLS: the
 * load generator must not be the bottleneck, and the JDK's SSLEngine and AES-GCM cost it about 1.5
 * times OpenSSL's CPU per IRC delivery ({@link IrcReceiverCostMain}). The JDK-TLS handshake comparison
 * keeps {@link #jdkClientContext()}: the JDK's TLS is the baseline the issue names there.
 */
final class PeerTls {
    private PeerTls() {
    }

    /** A client context and the name of the TLS implementation behind it, for the run's output. */
    record Context(SslContext context, String provider) {
    }

    /** The fastest TLS available: OpenSSL (BoringSSL) when it loads, else the JDK's. */
    static Context fastestClientContext() {
        return clientContext(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK);
    }

    /** The JDK's own TLS (no native library, like Parley's own crypto stack). */
    static SslContext jdkClientContext() {
        return clientContext(SslProvider.JDK).context();
    }

    static Context clientContext(SslProvider provider) {
        try {
            SslContext context = SslContextBuilder.forClient().sslProvider(provider)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .protocols("TLSv1.3", "TLSv1.2").build();
            return new Context(context, describe(provider));
        } catch (SSLException e) {
            throw new IllegalStateException("TLS provider " + provider + " is not available", e);
        }
    }

    /** The line a run prints: which TLS the peers' clients use, and why not OpenSSL when it is the JDK's. */
    static String describe(SslProvider provider) {
        if (provider == SslProvider.JDK) {
            return OpenSsl.isAvailable() ? "JDK"
                    : "JDK (OpenSSL unavailable: " + OpenSsl.unavailabilityCause() + ")";
        }
        return "OpenSSL (" + OpenSsl.versionString() + ")";
    }
}

package org.parley.bench;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/**
 * TLS for the peer servers' clients: the JDK's own TLS (no native library, like Parley's own
 * crypto stack), TLS 1.3 or 1.2 as the server prefers. The certificate is not checked: bench/peers.sh
 * generates a self-signed one for a server on loopback that the benchmark itself started, and
 * checking it would measure nothing more. Never use this outside the benchmark.
 */
final class PeerTls {
    private PeerTls() {
    }

    static SslContext insecureClientContext() {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .protocols("TLSv1.3", "TLSv1.2").build();
        } catch (SSLException e) {
            throw new IllegalStateException("the JDK's TLS is not available", e);
        }
    }
}

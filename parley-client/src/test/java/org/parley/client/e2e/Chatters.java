package org.parley.client.e2e;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.parley.client.ClientOptions;
import org.parley.client.ParleyClient;
import org.parley.crypto.SigningKey;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.identity.PinStore;

/** Opens clients against one server address, trusting it on first contact, and closes them all at the end. */
final class Chatters implements AutoCloseable {
    private final PinStore pins = new InMemoryPinStore();
    private final List<ParleyClient> opened = new ArrayList<>();
    private InetSocketAddress address;

    Chatters(InetSocketAddress address) {
        this.address = address;
    }

    /** Points later connections at a restarted server. */
    void moveTo(InetSocketAddress newAddress) {
        this.address = newAddress;
    }

    Chatter connect() throws Exception {
        RecordingListener listener = new RecordingListener();
        ClientOptions options = ClientOptions.defaults("127.0.0.1", address.getPort(), pins, fingerprint -> true);
        ParleyClient client = ParleyClient.connect(options, listener).get(seconds(), TimeUnit.SECONDS);
        opened.add(client);
        return new Chatter(client, listener, null);
    }

    /** Registers on its own connection (which is then logged in) and returns that session. */
    Chatter register(String user, String password) throws Exception {
        Chatter fresh = connect();
        String name = fresh.client().register(user, password.toCharArray(), Optional.empty()).get(seconds(), TimeUnit.SECONDS);
        return new Chatter(fresh.client(), fresh.listener(), name);
    }

    /** Logs in with SCRAM on a new connection. */
    Chatter login(String user, String password) throws Exception {
        Chatter fresh = connect();
        String name = fresh.client().login(user, password.toCharArray()).get(seconds(), TimeUnit.SECONDS);
        return new Chatter(fresh.client(), fresh.listener(), name);
    }

    Chatter loginWithKey(String user, SigningKey key) throws Exception {
        Chatter fresh = connect();
        String name = fresh.client().loginWithKey(user, key).get(seconds(), TimeUnit.SECONDS);
        return new Chatter(fresh.client(), fresh.listener(), name);
    }

    static long seconds() {
        return TestServer.timeout().toSeconds();
    }

    @Override
    public void close() {
        opened.forEach(ParleyClient::close);
    }
}

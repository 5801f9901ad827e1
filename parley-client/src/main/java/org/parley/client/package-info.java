/**
 * The Parley client library, shared by the terminal and desktop clients: connect with server-key
 * pinning, log in or register, chat through {@link java.util.concurrent.CompletableFuture}s, and
 * receive pushed events on a {@link org.parley.client.ClientListener}.
 *
 * <pre>{@code
 * var pins = new KnownServersFile(KnownServersFile.defaultPath());
 * var options = ClientOptions.defaults("chat.example.org", 7443, pins, fingerprint -> askUser(fingerprint));
 * try (ParleyClient client = ParleyClient.connect(options, listener).get()) {
 *     client.login("alice", password).get();          // password (char[]) is wiped
 *     client.join("lobby").get();                        // then history arrives at the listener
 *     long id = client.sendRoom("lobby", "你好").get();  // the id the server stored it under
 * }
 * }</pre>
 *
 * <p>A user interface uses {@link org.parley.client.ParleySession}: one connection at a time,
 * first contact asked inside the handshake ({@link org.parley.client.FirstContactQuestion}),
 * automatic reconnection with {@link org.parley.client.Backoff} and a session login key, rejoined
 * rooms, and every callback on the executor the caller chose ({@link org.parley.client.SessionSettings}).
 *
 * <p>Public API: {@link org.parley.client.ParleySession}, {@link org.parley.client.SessionListener},
 * {@link org.parley.client.ServerAddress}, {@link org.parley.client.ParleyClient},
 * {@link org.parley.client.ClientOptions}, {@link org.parley.client.ClientListener},
 * {@link org.parley.client.KnownServersFile}, {@link org.parley.client.Backoff},
 * {@link org.parley.client.Blocking}, and the {@link org.parley.client.ClientException} family.
 * Everything package-private is implementation.
 */
package org.parley.client;

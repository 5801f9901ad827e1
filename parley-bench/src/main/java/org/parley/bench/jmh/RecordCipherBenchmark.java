package org.parley.bench.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parley.crypto.AuthenticationFailedException;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordOpener;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/** Sealing and opening one record per cipher and size: the per-recipient cost of every delivery. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordCipherBenchmark {
    @Param({"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305", "AES_256_CTR_HMAC_SHA256"})
    public String algorithm;

    @Param({"128", "1024", "16384"})
    public int size;

    private RecordSealer sealer;
    private RecordOpener opener;
    private final ByteBuffer aad = ByteBuffer.allocate(5);
    private ByteBuffer plaintext;
    private ByteBuffer sealed;
    private ByteBuffer opened;
    private long sequence;

    @Setup
    public void setUp() {
        RecordCipher cipher = RecordCipherAlgorithm.valueOf(algorithm).create();
        SecretBytes key = SecretBytes.copyOf(new byte[cipher.keyLength()]);
        SecretBytes iv = SecretBytes.copyOf(new byte[cipher.ivLength()]);
        sealer = cipher.sealer(key, iv);
        opener = cipher.opener(key, iv);
        plaintext = ByteBuffer.allocate(size);
        sealed = ByteBuffer.allocate(size + cipher.overhead());
        opened = ByteBuffer.allocate(size + cipher.overhead());
    }

    @Benchmark
    public int seal() {
        aad.clear();
        plaintext.clear();
        sealed.clear();
        return sealer.seal(sequence++, aad, plaintext, sealed);
    }

    @Benchmark
    public int sealThenOpen() throws AuthenticationFailedException {
        aad.clear();
        plaintext.clear();
        sealed.clear();
        long seq = sequence++;
        sealer.seal(seq, aad, plaintext, sealed);
        sealed.flip();
        aad.clear();
        opened.clear();
        return opener.open(seq, aad, sealed, opened);
    }
}

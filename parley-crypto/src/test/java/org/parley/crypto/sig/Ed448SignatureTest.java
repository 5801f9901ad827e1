package org.parley.crypto.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.parley.crypto.Bytes;

/** Ed448 against RFC 8032 section 7.4 and Wycheproof (ed448_test.json). */
class Ed448SignatureTest extends EdDsaSignatureTest {

    Ed448SignatureTest() {
        super(BcEdDsa.ed448(), "ed448_test.json");
    }

    @Override
    Stream<Arguments> rfc8032Vectors() {
        return Stream.of(
                arguments("7.4 Blank", "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b",
                        "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180", "",
                        "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980"
                        + "ff0d2028d4b18a9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4dbb61149f05a7363268c71d95808ff2e652600"),
                arguments("7.4 1 octet", "c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e",
                        "43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480", "03",
                        "26b8f91727bd62897af15e41eb43c377efb9c610d48f2335cb0bd0087810f4352541b143c4b981b7e18f62de8ccdf633fc1bf037ab7cd779805e"
                        + "0dbcc0aae1cbcee1afb2e027df36bc04dcecbf154336c19f0af7e0a6472905e799f1953d2a0ff3348ab21aa4adafd1d234441cf807c03a00"));
    }

    @Override
    String identityPoint() {
        return "01" + "00".repeat(56);
    }

    @Test
    void rejectsTheRfc8032VectorSignedWithAContext() {
        // RFC 8032 7.4 "1 octet (with context)": Parley signs and verifies with the empty context only.
        Bytes publicKey = Bytes.fromHex("43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480");
        Bytes signedWithContextFoo = Bytes.fromHex("d4f8f6131770dd46f40867d6fd5d5055de43541f8c5e35abbcd001b32a89f7d2151f7647f11d8ca2ae279fb842d607217fce6e042f6815ea000c85741de5c8da1144a6a1aba7f96de42505d7a7298524fda538fccbbb754f578c1cad10d54d0d5428407e85dcbc98a49155c13764e66c3c00");

        assertThat(Verification.accepts(scheme(), publicKey, Bytes.fromHex("03"), signedWithContextFoo)).isFalse();
    }
}

package org.parley.e2ee.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.envelope.InnerMessage;

/**
 * Every hostile room input of issue 9 is refused with its typed error and advances no state: the
 * receiver's view is unchanged and the next genuine message still decrypts.
 */
class RoomHostileInputTest {
    private static final DeviceRef ALICE = new DeviceRef("alice", 1);
    private static final DeviceRef BOB = new DeviceRef("bob", 1);

    @Test
    void aFlippedSignatureBitIsABadSignature() throws Exception {
        Setup setup = setup("signature");
        byte[] bytes = setup.envelope.toByteArray();
        bytes[bytes.length - 5] ^= 0x10;
        setup.refused(Bytes.wrapOwned(bytes), RoomError.BAD_SIGNATURE);
    }

    @Test
    void aMessageSignedByAnotherMembersChainIsABadSignature() throws Exception {
        Setup setup = setup("forge");
        RoomSession carol = setup.world.sessions.get(new DeviceRef("carol", 1));
        setup.world.deliver(new DeviceRef("carol", 1), carol.rekey(setup.world.now, setup.world.random));
        Bytes byCarol = carol.encrypt(InnerMessage.text("I am alice", Bytes.wrapOwned(new byte[16]), setup.world.now),
                setup.world.now);
        RoomEnvelope decoded = RoomEnvelope.decode(byCarol);
        RoomEnvelope relabelled = new RoomEnvelope(decoded.roomId(), ALICE, 1, 1, decoded.ciphertext(),
                decoded.signature(), Bytes.empty());
        setup.refused(relabelled.encode(), RoomError.BAD_SIGNATURE);
    }

    @Test
    void aMessageFromANonMemberIsRefused() throws Exception {
        Setup setup = setup("non-member");
        RoomEnvelope decoded = RoomEnvelope.decode(setup.envelope);
        RoomEnvelope mallory = new RoomEnvelope(decoded.roomId(), new DeviceRef("mallory", 1), decoded.epoch(),
                decoded.iteration(), decoded.ciphertext(), decoded.signature(), Bytes.empty());
        setup.refused(mallory.encode(), RoomError.NOT_A_MEMBER);
    }

    @Test
    void aMessageForAnotherRoomIsRefused() throws Exception {
        Setup setup = setup("room");
        RoomEnvelope decoded = RoomEnvelope.decode(setup.envelope);
        RoomEnvelope elsewhere = new RoomEnvelope("other-room", decoded.sender(), decoded.epoch(), decoded.iteration(),
                decoded.ciphertext(), decoded.signature(), Bytes.empty());
        setup.refused(elsewhere.encode(), RoomError.WRONG_ROOM);
    }

    @Test
    void aReplayedMessageIsADuplicate() throws Exception {
        Setup setup = setup("replay");
        setup.stillWorks();
        setup.refused(setup.world.roomWire.get(0), RoomError.DUPLICATE_MESSAGE);
    }

    @Test
    void aMessageBeyondTheSkipWindowIsRefused() throws Exception {
        RoomWorld world = RoomWorld.create("hostile window", "alice", Visibility.PRIVATE,
                new RekeyPolicy(5000, java.time.Duration.ofDays(7)));
        world.invite(ALICE, "bob");
        Setup setup = new Setup(world, world.sessions.get(BOB), world.send(ALICE, "genuine"));
        List<Bytes> sent = new java.util.ArrayList<>();
        for (int i = 0; i <= InboundChain.MAX_SKIP + 1; i++) {
            sent.add(setup.alice().encrypt(InnerMessage.text("m" + i, Bytes.wrapOwned(new byte[16]), setup.world.now),
                    setup.world.now));
        }
        RoomSecurityView before = setup.bob.view(setup.world.now);
        assertThatThrownBy(() -> setup.bob.decrypt(sent.get(sent.size() - 1))).isInstanceOfSatisfying(
                RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.OUT_OF_WINDOW));
        assertThat(setup.bob.view(setup.world.now)).isEqualTo(before);
        assertThat(setup.bob.decrypt(setup.envelope).message().text()).isEqualTo("genuine");
        assertThat(setup.bob.decrypt(sent.get(sent.size() - 2)).message().text()).isEqualTo("m1000");
        assertThat(setup.bob.decrypt(sent.get(sent.size() - 1)).message().text()).isEqualTo("m1001");
    }

    @Test
    void aMessageAtTheLastU32IterationIsRefusedSoTheReceiversStateStaysStorable() throws Exception {
        // A member hands out a chain at iteration 2^32 - 1 (a distribution may start anywhere) and
        // sends there: reading it would leave the chain at next = 2^32, which the stored form's u32
        // cannot hold, so the receiver could never store its room state again.
        Setup setup = setup("last iteration");
        DeviceRef carol = new DeviceRef("carol", 1);
        OutboundChain chain = OutboundChain.restore(RoomWorld.ROOM, carol, 7, 0xFFFF_FFFFL, new byte[32],
                org.parley.crypto.SignatureAlgorithm.ED25519.create().generate(setup.world.random), setup.world.now,
                java.util.Set.of());
        assertThat(setup.bob.accept(chain.distributeTo(BOB, setup.bob.log()),
                setup.world.devices.get(carol).keys().identity().encoded())).isTrue();
        Bytes last = chain.encrypt(InnerMessage.text("last", Bytes.wrapOwned(new byte[16]), setup.world.now));

        setup.refused(last, RoomError.OUT_OF_WINDOW);
        SecretBytes stored = RoomSessionCodec.encode(setup.bob);
        assertThat(RoomSessionCodec.encode(RoomSessionCodec.decode(stored, setup.world.log))).isEqualTo(stored);
    }

    @Test
    void truncatedOversizedAndTrailingEnvelopesAreMalformed() throws Exception {
        Setup setup = setup("sizes");
        setup.refused(setup.envelope.slice(0, setup.envelope.length() - 1), RoomError.MALFORMED);
        setup.refused(Bytes.concat(setup.envelope, Bytes.wrapOwned(new byte[1])), RoomError.MALFORMED);
        setup.refused(Bytes.wrapOwned(new byte[RoomEnvelope.MAX_LENGTH + 1]), RoomError.MALFORMED);
        setup.refused(Bytes.empty(), RoomError.MALFORMED);
    }

    @Test
    void aDistributionFromADeviceNotInTheLogIsRefused() throws Exception {
        Setup setup = setup("ghost distribution");
        SenderKeyDistribution ghost = new SenderKeyDistribution(RoomWorld.ROOM, new DeviceRef("ghost", 1), 1, 0,
                SecretBytes.wrapOwned(new byte[32]), Fixtures.device("ghost").keys().identity().signingKey(), 1,
                setup.bob.log().hashAt(0));
        assertThatThrownBy(() -> setup.bob.accept(ghost, Fixtures.device("ghost").keys().identity().encoded()))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.NOT_A_MEMBER));
        setup.stillWorks();
    }

    @Test
    void aDistributionOverASessionWithAnotherIdentityIsRefused() throws Exception {
        Setup setup = setup("wrong identity");
        SenderKeyDistribution fromAlice = setup.alice().rekey(setup.world.now, setup.world.random).get(0).content();
        Bytes notAlice = Fixtures.device("impostor").keys().identity().encoded();
        assertThatThrownBy(() -> setup.bob.accept(fromAlice, notAlice)).isInstanceOfSatisfying(RoomException.class,
                e -> assertThat(e.error()).isEqualTo(RoomError.WRONG_IDENTITY));
    }

    @Test
    void aConflictingOrOlderChainForAKnownEpochIsRefused() throws Exception {
        Setup setup = setup("stale");
        SenderKeyDistribution held = setup.alice().distributionsDue().isEmpty()
                ? null : setup.alice().distributionsDue().get(0).content();
        assertThat(held).as("alice's chain was already handed to bob").isNull();
        SenderKeyDistribution conflicting = new SenderKeyDistribution(RoomWorld.ROOM, ALICE, 1, 0,
                SecretBytes.wrapOwned(new byte[32]), Fixtures.device("other").keys().identity().signingKey(), 1,
                setup.bob.log().hashAt(0));
        assertThatThrownBy(() -> setup.bob.accept(conflicting, setup.world.devices.get(ALICE).keys().identity().encoded()))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.STALE_CHAIN));
        setup.stillWorks();
    }

    @Test
    void malformedDistributionsAndLogEntriesAreRefused() {
        assertThatThrownBy(() -> SenderKeyDistribution.decode(Bytes.wrapOwned(new byte[SenderKeyDistribution.MAX_LENGTH + 1])))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.MALFORMED));
        assertThatThrownBy(() -> SenderKeyDistribution.decode(Bytes.wrapOwned(new byte[] {2})))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.UNSUPPORTED_VERSION));
        assertThatThrownBy(() -> LogEntryCodec.decode(Bytes.wrapOwned(new byte[LogEntry.MAX_LENGTH + 1])))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.MALFORMED));
        assertThatThrownBy(() -> LogEntryCodec.decode(Bytes.wrapOwned(new byte[] {1, 0, 0})))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.MALFORMED));
        assertThatThrownBy(() -> VerifiedLog.verify(List.of()))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.MALFORMED));
    }

    private static Setup setup(String seed) throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("hostile " + seed);
        return new Setup(world, world.sessions.get(BOB), world.send(ALICE, "genuine"));
    }

    private static final class Setup {
        final RoomWorld world;
        final RoomSession bob;
        final Bytes envelope;
        boolean genuineRead;

        Setup(RoomWorld world, RoomSession bob, Bytes envelope) {
            this.world = world;
            this.bob = bob;
            this.envelope = envelope;
        }

        RoomSession alice() {
            return world.sessions.get(ALICE);
        }

        /** The input is refused with {@code error}, the view is unchanged and the genuine message still decrypts. */
        void refused(Bytes input, RoomError error) throws Exception {
            RoomSecurityView before = bob.view(world.now);
            assertThatThrownBy(() -> bob.decrypt(input)).isInstanceOfSatisfying(RoomException.class,
                    e -> assertThat(e.error()).isEqualTo(error));
            assertThat(bob.view(world.now)).isEqualTo(before);
            stillWorks();
        }

        /** The genuine message (if not yet read) and a new one decrypt. */
        void stillWorks() throws Exception {
            if (!genuineRead) {
                assertThat(bob.decrypt(envelope).message().text()).isEqualTo("genuine");
                genuineRead = true;
            }
            assertThat(bob.decrypt(world.send(ALICE, "genuine again")).message().text()).isEqualTo("genuine again");
        }
    }
}

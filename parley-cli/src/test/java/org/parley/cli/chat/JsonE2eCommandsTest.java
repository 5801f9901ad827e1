package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /verify}, {@code /devices}, {@code /accept} and the end-to-end fields in {@code --json} mode, on a real server. */
class JsonE2eCommandsTest {
    @RegisterExtension
    final JsonChatServer chat = new JsonChatServer();

    /** Each installation has its own directory, so its own end-to-end device. */
    private JsonChatClient client(String user, boolean register, String installation) {
        return chat.installation(installation, user, register);
    }

    @Test
    void bothSidesSeeTheSameSafetyNumberAndMarkingVerifiedIsReported() throws Exception {
        try (JsonChatClient alice = client("alice", true, "a"); JsonChatClient bob = client("bob", true, "b")) {
            alice.awaitEvent(JsonChatClient.type("joined"));
            bob.awaitEvent(JsonChatClient.type("joined"));

            alice.send("/verify bob");
            bob.send("/verify alice");
            JsonNode atAlice = alice.awaitEvent(JsonChatClient.type("safetyNumber"));
            JsonNode shownAtBob = bob.awaitEvent(JsonChatClient.type("safetyNumber"));
            bob.send("/verify alice --mark");
            JsonNode atBob = bob.awaitEvent(e -> e.path("type").asText().equals("safetyNumber") && e != shownAtBob);

            assertThat(atAlice.path("digits").asText()).matches("[0-9]{60}").isEqualTo(atBob.path("digits").asText());
            assertThat(atAlice.path("qrPayload").asText()).hasSize(130).isEqualTo(atBob.path("qrPayload").asText());
            assertThat(atAlice.path("user").asText()).isEqualTo("bob");
            assertThat(atAlice.path("verified").asBoolean()).isFalse();
            assertThat(shownAtBob.path("verified").asBoolean()).isFalse();
            assertThat(atBob.path("verified").asBoolean()).isTrue();
            assertThat(atBob.path("digits").asText()).isEqualTo(shownAtBob.path("digits").asText());
        }
    }

    @Test
    void markMarksOnlyTheNumberShownAndANumberThatChangedMeanwhileIsRefusedAndShownAnew() throws Exception {
        try (JsonChatClient alice = client("alice", true, "a"); JsonChatClient bob = client("bob", true, "b")) {
            alice.awaitEvent(JsonChatClient.type("joined"));
            bob.awaitEvent(JsonChatClient.type("joined"));

            alice.send("/verify bob --mark");
            JsonNode notCompared = alice.awaitEvent(JsonChatClient.type("error"));
            JsonNode first = alice.awaitEvent(JsonChatClient.type("safetyNumber"));
            assertThat(notCompared.path("code").asText()).isEqualTo("NOT_COMPARED");
            assertThat(first.path("verified").asBoolean()).as("nothing is marked before a number was shown").isFalse();

            try (JsonChatClient bobsPhone = client("bob", false, "b-phone")) {
                bobsPhone.awaitEvent(JsonChatClient.type("joined"));
                // Sending lists bob's devices again: alice's device records the phone.
                alice.send("/msg bob recorded");
                bobsPhone.awaitEvent(e -> e.path("type").asText().equals("private") && e.path("text").asText().equals("recorded"));

                alice.send("/verify bob --mark");
                JsonNode changed = alice.awaitEvent(e -> e.path("type").asText().equals("error") && e != notCompared);
                JsonNode anew = alice.awaitEvent(e -> e.path("type").asText().equals("safetyNumber") && e != first);
                assertThat(changed.path("code").asText()).isEqualTo("SAFETY_NUMBER_CHANGED");
                assertThat(anew.path("digits").asText()).isNotEqualTo(first.path("digits").asText());
                assertThat(anew.path("verified").asBoolean()).isFalse();

                alice.send("/verify bob --mark");
                JsonNode marked = alice.awaitEvent(e -> e.path("type").asText().equals("safetyNumber") && e.path("verified").asBoolean());
                assertThat(marked.path("digits").asText()).isEqualTo(anew.path("digits").asText());
            }
        }
    }

    @Test
    void theOtherInstallationIsListedAsNotAcceptedUntilAcceptWithTheOwnName() throws Exception {
        try (JsonChatClient laptop = client("alice", true, "laptop")) {
            laptop.awaitEvent(JsonChatClient.type("joined"));
            try (JsonChatClient phone = client("alice", false, "phone")) {
                phone.awaitEvent(JsonChatClient.type("joined"));
                phone.send("/devices");
                JsonNode before = phone.awaitEvent(JsonChatClient.type("devices"));
                phone.send("/accept alice");
                phone.awaitEvent(e -> e.path("type").asText().equals("ok") && e.path("command").asText().equals("accept"));
                phone.send("/devices");
                JsonNode after = phone.awaitEvent(e -> e.path("type").asText().equals("devices") && e != before);

                assertThat(before.path("devices").findValuesAsText("accepted")).containsExactlyInAnyOrder("true", "false");
                assertThat(after.path("devices").findValuesAsText("accepted")).containsExactly("true", "true");
            }
        }
    }

    @Test
    void devicesListsBothInstallationsOfTheAccountAndRemoveTakesOneAway() throws Exception {
        try (JsonChatClient laptop = client("alice", true, "laptop")) {
            laptop.awaitEvent(JsonChatClient.type("joined"));
            try (JsonChatClient phone = client("alice", false, "phone")) {
                phone.awaitEvent(JsonChatClient.type("joined"));
                phone.send("/devices");
                JsonNode listed = phone.awaitEvent(JsonChatClient.type("devices"));

                assertThat(listed.path("devices")).hasSize(2);
                assertThat(listed.path("devices").findValuesAsText("current")).containsExactlyInAnyOrder("true", "false");
                long other = 0;
                for (JsonNode device : listed.path("devices")) {
                    if (!device.path("current").asBoolean()) {
                        other = device.path("id").asLong();
                    }
                }
                phone.send("/devices remove " + other);
                phone.awaitEvent(e -> e.path("type").asText().equals("ok") && e.path("command").asText().equals("devices.remove"));
                phone.send("/devices");
                phone.awaitEvent(e -> e.path("type").asText().equals("devices") && e.path("devices").size() == 1);
            }
        }
    }

    @Test
    void aVerifiedContactsNewDeviceStopsSendingUntilAccepted() throws Exception {
        try (JsonChatClient alice = client("alice", true, "a"); JsonChatClient bob = client("bob", true, "b")) {
            alice.awaitEvent(JsonChatClient.type("joined"));
            bob.awaitEvent(JsonChatClient.type("joined"));
            alice.send("/msg bob first");
            bob.awaitEvent(e -> e.path("type").asText().equals("private") && e.path("text").asText().equals("first"));
            alice.send("/verify bob");
            alice.awaitEvent(JsonChatClient.type("safetyNumber"));
            alice.send("/verify bob --mark");
            alice.awaitEvent(e -> e.path("type").asText().equals("safetyNumber") && e.path("verified").asBoolean());

            try (JsonChatClient bobsPhone = client("bob", false, "b-phone")) {
                bobsPhone.awaitEvent(JsonChatClient.type("joined"));
                alice.send("/msg bob second");
                JsonNode refused = alice.awaitEvent(JsonChatClient.type("error"));
                assertThat(refused.path("code").asText()).isEqualTo("UNACCEPTED_CHANGES");

                alice.send("/accept bob");
                alice.awaitEvent(e -> e.path("type").asText().equals("ok") && e.path("command").asText().equals("accept"));
                alice.send("/msg bob third");
                JsonNode atPhone = bobsPhone.awaitEvent(e -> e.path("type").asText().equals("private")
                        && e.path("text").asText().equals("third"));
                assertThat(atPhone.path("e2e").asBoolean()).isTrue();
                assertThat(alice.ofType("device")).anyMatch(e -> e.path("user").asText().equals("bob")
                        && e.path("change").asText().equals("added"));
                assertThat(bob.ofType("private")).noneMatch(e -> e.path("text").asText().equals("second"));
            }
        }
    }

    /** An invitation into an encrypted room names the invitee's devices: a verified contact's new one is asked about first. */
    @Test
    void invitingAVerifiedContactWhoseDevicesChangedIsRefusedUntilAccepted() throws Exception {
        try (JsonChatClient alice = client("alice", true, "a"); JsonChatClient bob = client("bob", true, "b")) {
            alice.awaitEvent(JsonChatClient.type("joined"));
            bob.awaitEvent(JsonChatClient.type("joined"));
            alice.send("/verify bob");
            alice.awaitEvent(JsonChatClient.type("safetyNumber"));
            alice.send("/verify bob --mark");
            alice.awaitEvent(e -> e.path("type").asText().equals("safetyNumber") && e.path("verified").asBoolean());
            alice.send("/create den --private");
            alice.awaitEvent(e -> e.path("type").asText().equals("joined") && e.path("room").asText().equals("den"));

            try (JsonChatClient bobsPhone = client("bob", false, "b-phone")) {
                bobsPhone.awaitEvent(JsonChatClient.type("joined"));
                alice.send("/invite bob");
                JsonNode refused = alice.awaitEvent(JsonChatClient.type("error"));
                assertThat(refused.path("code").asText()).isEqualTo("UNACCEPTED_CHANGES_INVITE");
                assertThat(refused.path("message").asText()).isEqualTo("bob");

                alice.send("/accept bob");
                alice.awaitEvent(e -> e.path("type").asText().equals("ok") && e.path("command").asText().equals("accept"));
                alice.send("/invite bob");
                alice.awaitEvent(e -> e.path("type").asText().equals("ok") && e.path("command").asText().equals("invite"));
                bobsPhone.send("/join den");
                bobsPhone.awaitEvent(e -> e.path("type").asText().equals("joined") && e.path("room").asText().equals("den"));
            }
        }
    }
}

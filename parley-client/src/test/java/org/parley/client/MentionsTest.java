package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void anAtNameMentionsThatUserIgnoringCaseAnywhereInTheText() {
        assertThat(Mentions.mentions("hi @Alice, lunch?", "alice")).isTrue();
        assertThat(Mentions.mentions("@alice", "alice")).isTrue();
        assertThat(Mentions.mentions("你好 @张伟 ！", "张伟")).isTrue();
        assertThat(Mentions.find("@bob and @bob.", "bob")).containsExactly(new Mentions.Span(0, 4), new Mentions.Span(9, 13));
    }

    @Test
    void aLongerNameAnEmailAddressOrAnEmptyNameIsNotAMention() {
        assertThat(Mentions.mentions("hi @alicea", "alice")).isFalse();
        assertThat(Mentions.mentions("hi @alice_2", "alice")).isFalse();
        assertThat(Mentions.mentions("mail bob@alice.example", "alice")).isFalse();
        assertThat(Mentions.mentions("write to @alice.example", "alice")).isFalse();
        assertThat(Mentions.mentions("just alice", "alice")).isFalse();
        assertThat(Mentions.mentions("@ anyone", "")).isFalse();
    }
}

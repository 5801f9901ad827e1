package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.parley.desktop.Links.Segment;

class LinksTest {

    @Test
    void plainTextIsOneSegment() {
        assertThat(Links.split("你好，没有链接 🎉")).containsExactly(new Segment("你好，没有链接 🎉", false));
    }

    @Test
    void aLinkInTheMiddleOfASentenceIsSplitOut() {
        assertThat(Links.split("see https://example.org/a?b=1#c for details")).containsExactly(
                new Segment("see ", false), new Segment("https://example.org/a?b=1#c", true), new Segment(" for details", false));
    }

    @Test
    void sentencePunctuationAfterALinkIsNotPartOfIt() {
        assertThat(links("Read https://example.org/docs. Then http://example.com/x, ok? 看 https://例子.中国/页面。"))
                .containsExactly("https://example.org/docs", "http://example.com/x", "https://例子.中国/页面");
    }

    @Test
    void balancedParenthesesStayInsideTheLinkButAClosingOneAroundItDoesNot() {
        assertThat(links("(see https://en.wikipedia.org/wiki/Noise_(signal))"))
                .containsExactly("https://en.wikipedia.org/wiki/Noise_(signal)");
    }

    @Test
    void schemesOtherThanHttpAndHttpsStayPlainText() {
        assertThat(links("file:///etc/passwd javascript:alert(1) ftp://example.org smb://host/share")).isEmpty();
    }

    @Test
    void aUrlWithoutAHostIsNotALink() {
        assertThat(links("http:// nothing here, https:///path")).isEmpty();
    }

    @Test
    void joiningTheSegmentsGivesBackTheMessage() {
        String text = "a https://x.org/1 b https://y.org/2. c (https://z.org/3) 终";

        assertThat(Links.split(text).stream().map(Segment::text).collect(Collectors.joining())).isEqualTo(text);
    }

    @Test
    void onlyTheFirstFiftyLinksOfAMessageAreClickable() {
        String text = "https://example.org/n ".repeat(60);

        List<Segment> segments = Links.split(text);

        assertThat(segments.stream().filter(Segment::link).count()).isEqualTo(Links.MAX_LINKS);
        assertThat(segments.stream().map(Segment::text).collect(Collectors.joining())).isEqualTo(text);
    }

    private static List<String> links(String text) {
        return Links.split(text).stream().filter(Segment::link).map(Segment::text).toList();
    }
}

package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.parley.desktop.Links.Segment;

/**
 * Fuzzes {@link Links#split} with arbitrary message text (it comes from other users): it never
 * throws, joining the segments gives back the text, plain and link segments alternate sensibly
 * (no empty segment), every link is an http(s) URL with a host that the parser itself accepts,
 * and no message yields more than {@link Links#MAX_LINKS} links.
 */
class LinksFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void splitKeepsTheTextAndOnlyMakesWebLinksClickable(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();

        List<Segment> segments = Links.split(text);

        assertThat(segments.stream().map(Segment::text).collect(Collectors.joining())).isEqualTo(text);
        assertThat(segments).noneMatch(segment -> segment.text().isEmpty());
        List<Segment> links = segments.stream().filter(Segment::link).toList();
        assertThat(links).hasSizeLessThanOrEqualTo(Links.MAX_LINKS);
        for (Segment link : links) {
            assertThat(link.text().toLowerCase(Locale.ROOT)).matches("https?://.+");
            assertThat(Links.isWebLink(link.text())).isTrue();
        }
    }
}

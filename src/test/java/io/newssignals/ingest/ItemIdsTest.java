package io.newssignals.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ItemIdsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://example.com/a                                       | https://example.com/a",
        "HTTPS://Example.COM/News/AI                                 | https://example.com/News/AI",
        "http://example.com:80/a                                     | http://example.com/a",
        "https://example.com:443/a                                   | https://example.com/a",
        "http://example.com:443/a                                    | http://example.com:443/a",
        "https://example.com:8443/a                                  | https://example.com:8443/a",
        "https://example.com                                         | https://example.com/",
        "https://example.com/a#comments                              | https://example.com/a",
        "https://example.com/a?utm_source=x&utm_medium=y             | https://example.com/a",
        "https://example.com/a?b=2&utm_campaign=z&a=1                | https://example.com/a?b=2&a=1",
        "https://example.com/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&p=5 | https://example.com/a?p=5",
        "https://example.com/a?ref_src=twsrc&UTM_Content=x&q=a%20b  | https://example.com/a?q=a%20b",
        "https://example.com/a?reference=1&utm=2                     | https://example.com/a?reference=1&utm=2",
        "'  https://example.com/a?&&x=1  '                           | https://example.com/a?x=1",
      })
  void canonicalUrl(String url, String expected) {
    assertEquals(expected, ItemIds.canonicalUrl(url));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://exa mple.com/                 | invalid URL 'https://exa mple.com/': Illegal character in authority at index 8: https://exa mple.com/",
        "ftp://example.com/a                   | invalid URL 'ftp://example.com/a': not an http(s) URL",
        "/news/a                               | invalid URL '/news/a': not an http(s) URL",
        "https:///a                            | invalid URL 'https:///a': no host",
      })
  void invalidUrlsAreRejectedWithTheReason(String url, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ItemIds.canonicalUrl(url));
    assertEquals(message, e.getMessage());
  }

  @Test
  void missingUrlIsRejected() {
    assertEquals(
        "URL is missing",
        assertThrows(IllegalArgumentException.class, () -> ItemIds.canonicalUrl(null))
            .getMessage());
  }

  @Test
  void urlIdIsTheSha256OfTheCanonicalUrl() {
    // printf '%s' 'https://example.com/news/ai?id=7' | sha256sum
    assertEquals(
        "4be442d377efcd64bd06059cc6bc3bd651cba2245679324f17d82164808a2429",
        ItemIds.forUrl("HTTPS://EXAMPLE.com:443/news/ai?utm_source=x&id=7#top"));
  }

  @Test
  void equivalentUrlsShareAnIdAndOthersDoNot() {
    String id = ItemIds.forUrl("https://example.com/news/ai?id=7");
    assertEquals(id, ItemIds.forUrl("https://Example.com/news/ai?id=7&fbclid=abc"));
    assertNotEquals(id, ItemIds.forUrl("https://example.com/news/AI?id=7"));
    assertNotEquals(id, ItemIds.forUrl("https://example.com/news/ai?id=8"));
    assertNotEquals(id, ItemIds.forUrl("http://example.com/news/ai?id=7"));
  }

  @Test
  void textIdIsTheSha256OfTheNormalisedText() {
    // printf '%s' $'openai raises funding\nthe round values the company at $300 billion.' | sha256sum
    assertEquals(
        "3c78bbe804ec617c621c225ef036f20848ca20c1ae7c68eda4dbdc4aaa475935",
        ItemIds.forText(
            "  OpenAI\u00a0raises   funding ",
            "The round values\n\tthe company at \uff04300 billion."));
  }

  @Test
  void textIdsDifferWhenTheTextDiffers() {
    assertEquals(ItemIds.forText("A  b", null), ItemIds.forText("a b", ""));
    assertNotEquals(ItemIds.forText("a", "b"), ItemIds.forText("a b", ""));
    assertNotEquals(ItemIds.forText("a", "b"), ItemIds.forText("a", "c"));
  }
}

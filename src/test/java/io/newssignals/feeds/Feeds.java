package io.newssignals.feeds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Feed documents and a settable clock for the feed tests. */
final class Feeds {

  private Feeds() {}

  /** An RSS 2.0 item: link, title and description (given as escaped HTML, as feeds do). */
  static String rssItem(String link, String title, String description) {
    return "<item><title>" + title + "</title><link>" + link + "</link>"
        + "<description>&lt;p&gt;" + description + "&lt;/p&gt;</description>"
        + "<pubDate>Tue, 03 Mar 2026 09:30:00 GMT</pubDate></item>";
  }

  static String rss(String... items) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>Test feed</title><link>https://news.example/</link><language>en-us</language>"
        + "<description>d</description>" + String.join("", items) + "</channel></rss>";
  }

  static String atom(String... entries) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
        + "<title>Atom test</title><id>urn:test</id><updated>2026-03-03T10:00:00Z</updated>"
        + String.join("", entries) + "</feed>";
  }

  static String atomEntry(String link, String title, String content) {
    return "<entry><title>" + title + "</title><link href=\"" + link + "\"/><id>" + link + "</id>"
        + "<updated>2026-03-03T10:00:00Z</updated><published>2026-03-03T09:00:00+01:00</published>"
        + "<content type=\"html\">&lt;p&gt;" + content + "&lt;/p&gt;</content></entry>";
  }

  /** A clock that stands still until moved. */
  static final class SettableClock extends Clock {
    private Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("tests use UTC");
    }
  }
}

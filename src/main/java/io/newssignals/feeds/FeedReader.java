package io.newssignals.feeds;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;
import io.newssignals.avro.NewsItem;
import io.newssignals.ingest.ItemIds;
import io.newssignals.ingest.Rejection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.jsoup.Jsoup;
import org.xml.sax.InputSource;

/**
 * Turns the bytes of an RSS (0.9x, 1.0, 2.0) or Atom (0.3, 1.0) document into news items, with
 * Rome. Doctypes are refused (Rome's default), so no external entity is ever fetched.
 *
 * <p>Per entry: the URL is the entry's link, resolved against the feed URL and canonicalised
 * ({@link ItemIds#canonicalUrl}); the title and the body are plain text (HTML removed with jsoup),
 * the body being the longest of the entry's contents and description; {@code publishedAt} is the
 * published date, else the updated date; the language is the source's hint, else the feed's
 * {@code <language>} cut to its primary subtag; the id comes from the URL, or the text without
 * one. An entry with neither title nor text, an invalid link, or over the size limit (UTF-8 bytes
 * of title and body) is a {@link Rejection} whose origin is {@code <feed URL>#entry-<n>} (from 1,
 * in document order) and whose bytes are the entry's XML.
 *
 * <p>Thread-safe.
 */
public final class FeedReader {

  /**
   * What one document held, in document order.
   *
   * @param items accepted entries
   * @param rejections rejected entries
   * @param language the feed's own language code, or null
   */
  public record Entries(List<NewsItem> items, List<Rejection> rejections, String language) {}

  private final Clock clock;
  private final int maxItemBytes;

  /**
   * @param clock gives {@code ingestedAt}
   * @param maxItemBytes the most UTF-8 bytes of title plus body an item may have
   */
  public FeedReader(Clock clock, int maxItemBytes) {
    this.clock = clock;
    this.maxItemBytes = maxItemBytes;
  }

  /** @return the most UTF-8 bytes of title plus body an item may have */
  public int maxItemBytes() {
    return maxItemBytes;
  }

  /**
   * @param source the feed, for its name, URL and language hint
   * @param bytes the document as served
   * @param contentType the HTTP {@code Content-Type}, or null; its charset wins over the XML
   *     prolog's, as RFC 3023 says
   * @return its entries
   * @throws IllegalArgumentException if the bytes are not an RSS or Atom document; the message
   *     says why
   */
  public Entries read(FeedSource source, byte[] bytes, String contentType) {
    Document document;
    SyndFeed feed;
    try (XmlReader reader = new XmlReader(new ByteArrayInputStream(bytes), contentType, true)) {
      document = new SecureParser().parse(reader);
      feed = new SyndFeedInput().build(document);
    } catch (IOException | JDOMException | FeedException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an RSS or Atom feed: " + e.getMessage(), e);
    }
    List<Element> elements = entryElements(document);
    List<SyndEntry> entries = feed.getEntries();
    String feedLanguage = primarySubtag(feed.getLanguage());
    String language = source.language() != null ? source.language() : feedLanguage;
    List<NewsItem> items = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String origin = source.url() + "#entry-" + (i + 1);
      try {
        items.add(item(source, entries.get(i), language));
      } catch (IllegalArgumentException e) {
        // Rome and the document list entries in the same order; the XML is kept only when the
        // counts agree, so it is never another entry's.
        byte[] xml = elements.size() == entries.size()
            ? new XMLOutputter(Format.getRawFormat()).outputString(elements.get(i))
                .getBytes(StandardCharsets.UTF_8)
            : new byte[0];
        rejections.add(new Rejection(origin, e.getMessage(), xml));
      }
    }
    return new Entries(items, rejections, feedLanguage);
  }

  private NewsItem item(FeedSource source, SyndEntry entry, String language) {
    String url = null;
    if (entry.getLink() != null && !entry.getLink().isBlank()) {
      String link = entry.getLink().strip();
      try {
        url = ItemIds.canonicalUrl(source.url().resolve(new URI(link)).toString());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "entry link: invalid URL '" + link + "': " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entry link: " + e.getMessage(), e);
      }
    }
    String title = plain(entry.getTitle());
    String body = body(entry);
    if (title.isEmpty() && body.isEmpty()) {
      throw new IllegalArgumentException("entry has no title and no text");
    }
    int bytes = (title + body).getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxItemBytes) {
      throw new IllegalArgumentException("item is over the size limit of " + maxItemBytes + " bytes");
    }
    Date published = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
    return NewsItem.newBuilder()
        .setId(url != null ? ItemIds.forUrl(url) : ItemIds.forText(title, body))
        .setUrl(url)
        .setSource(source.name())
        .setTitle(title)
        .setBody(body)
        .setLanguage(language)
        .setPublishedAt(published == null ? null : Instant.ofEpochMilli(published.getTime()))
        .setIngestedAt(Instant.ofEpochMilli(clock.millis()))
        .build();
  }

  private static String body(SyndEntry entry) {
    String longest = "";
    List<SyndContent> candidates = new ArrayList<>(entry.getContents());
    if (entry.getDescription() != null) {
      candidates.add(entry.getDescription());
    }
    for (SyndContent content : candidates) {
      String text = plain(content.getValue());
      if (text.length() > longest.length()) {
        longest = text;
      }
    }
    return longest;
  }

  /** Feeds escape HTML inside titles and descriptions; jsoup unescapes and strips it. */
  private static String plain(String html) {
    return html == null ? "" : Jsoup.parse(html).text().strip();
  }

  private static String primarySubtag(String language) {
    if (language == null || language.isBlank()) {
      return null;
    }
    String primary = language.strip().split("[-_]")[0].toLowerCase(Locale.ROOT);
    return primary.matches("[a-z]{2}") ? primary : null;
  }

  /** The entry elements in document order: Atom's {@code entry}, RSS's {@code item}. */
  private static List<Element> entryElements(Document document) {
    Element root = document.getRootElement();
    List<Element> found = new ArrayList<>();
    if (root.getName().equals("feed")) {
      found.addAll(children(root, "entry"));
    } else {
      for (Element channel : children(root, "channel")) {
        found.addAll(children(channel, "item"));
      }
      // RSS 0.90 and 1.0 put items beside the channel.
      found.addAll(children(root, "item"));
    }
    return found;
  }

  private static List<Element> children(Element parent, String name) {
    return parent.getChildren().stream().filter(child -> child.getName().equals(name)).toList();
  }

  /** Rome's own hardened SAX builder, which its {@code createSAXBuilder} keeps protected. */
  private static final class SecureParser extends WireFeedInput {
    Document parse(XmlReader reader) throws JDOMException, IOException {
      return createSAXBuilder().build(new InputSource(reader));
    }
  }
}

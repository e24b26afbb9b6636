package io.newssignals.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newssignals.avro.NewsItem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsFilesTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final String HTML =
      """
      <!DOCTYPE html>
      <html><head><title> Anthropic opens
        Tokyo office </title>
      <link rel="canonical" href="https://Example.com/news/tokyo?utm_source=rss#top">
      <style>p { color: red }</style>
      <script>var tracking = 1;</script></head>
      <body>
      <header><h1>Site header</h1><nav><a href="/">Home</a> <a href="/ai">AI</a></nav></header>
      <article>
        <h2>Anthropic opens   Tokyo office</h2>
        <p>The company will hire <b>engineers</b>
           and sales staff.</p>
        <script>alert("x")</script>
        <aside>Related: other news</aside>
        <p>Line one<br>line two</p>
        <ul><li>First</li><li>Second</li></ul>
      </article>
      <footer>&copy; 2025</footer>
      </body></html>
      """;

  @TempDir Path dir;

  /** What a read produced, in order; origins relative to the temp folder. */
  private final class Recorder implements NewsFiles.Sink {
    final List<String> events = new ArrayList<>();
    final Map<String, NewsItem> accepted = new LinkedHashMap<>();
    final Map<String, Rejection> rejected = new LinkedHashMap<>();

    @Override
    public void accepted(String origin, NewsItem item) {
      events.add("accepted " + relative(origin));
      accepted.put(relative(origin), item);
    }

    @Override
    public void rejected(Rejection rejection) {
      events.add("rejected " + relative(rejection.origin()) + ": " + rejection.reason());
      rejected.put(relative(rejection.origin()), rejection);
    }

    @Override
    public void skipped(Path file, String reason) {
      events.add("skipped " + relative(file.toString()) + ": " + reason);
    }

    private String relative(String origin) {
      return origin.startsWith(dir.toString()) ? origin.substring(dir.toString().length() + 1) : origin;
    }
  }

  @Test
  void readsAFolderOfEveryFormatInPathOrder() throws IOException {
    write("a.txt", "\n  OpenAI raises $40B  \r\n\r\nThe round is led by SoftBank.\nMore text.\n");
    write("b.html", HTML);
    write("big.txt", "Big\n" + "x".repeat(5000));
    Files.write(dir.resolve("binary.txt"), new byte[] {'a', 'b', 'c', 'd', 0, 1, 2});
    write(
        "c.jsonl",
        "{\"title\":\"one\",\"url\":\"https://a.example/1\"}\n"
            + "not json\n"
            + "{\"title\":\"three\",\"source\":\"feed\"}\r\n"
            + "   \n"
            + "{\"language\":\"en\"}\n"
            + "{\"body\":\"six\"}");
    gzip("d.jsonl.gz", "{\"title\":\"gzipped line\"}\n");
    gzip("e.txt.gz", "Gzipped title\nGzipped body");
    Files.write(dir.resolve("invalid-utf8.txt"), bytes("Title\nBad ", 0xC3, 0x28, " byte"));
    write("README.md", "# not news");
    Files.createDirectory(dir.resolve("sub"));
    write(
        "sub/g.htm",
        "<html><body><header><h1>Cohere hires</h1></header><nav>menu</nav>"
            + "<div>Cohere is hiring 50 people.</div><footer>f</footer></body></html>");

    Recorder recorder = new Recorder();
    new NewsFiles(CLOCK, 4096).read(dir, recorder);

    assertEquals(
        List.of(
            "skipped README.md: not a .txt, .html, .htm or .jsonl file",
            "accepted a.txt",
            "accepted b.html",
            "rejected big.txt: item is over the size limit of 4096 bytes",
            "rejected binary.txt: binary content: NUL byte at offset 4",
            "accepted c.jsonl:1",
            "rejected c.jsonl:2: invalid JSON: Unrecognized token 'not': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            "accepted c.jsonl:3",
            "rejected c.jsonl:5: item has neither 'title' nor 'body'",
            "accepted c.jsonl:6",
            "accepted d.jsonl.gz:1",
            "accepted e.txt.gz",
            "rejected invalid-utf8.txt: invalid UTF-8 at byte offset 10",
            "accepted sub/g.htm"),
        recorder.events);

    assertEquals(
        item(null, "OpenAI raises $40B", "The round is led by SoftBank.\nMore text.", "a.txt"),
        recorder.accepted.get("a.txt"));
    assertEquals(
        item(
            "https://example.com/news/tokyo",
            "Anthropic opens Tokyo office",
            "Anthropic opens Tokyo office\n"
                + "The company will hire engineers and sales staff.\n"
                + "Line one\n"
                + "line two\n"
                + "First\n"
                + "Second",
            "b.html"),
        recorder.accepted.get("b.html"));
    assertEquals(
        item(null, "Cohere hires", "Cohere is hiring 50 people.", "sub/g.htm"),
        recorder.accepted.get("sub/g.htm"));
    assertEquals(
        item(null, "Gzipped title", "Gzipped body", "e.txt.gz"), recorder.accepted.get("e.txt.gz"));

    NewsItem first = recorder.accepted.get("c.jsonl:1");
    assertEquals(ItemIds.forUrl("https://a.example/1"), first.getId());
    assertEquals(dir.resolve("c.jsonl").toString(), first.getSource());
    assertEquals("feed", recorder.accepted.get("c.jsonl:3").getSource());
    assertEquals("six", recorder.accepted.get("c.jsonl:6").getBody());
    assertEquals("gzipped line", recorder.accepted.get("d.jsonl.gz:1").getTitle());

    assertArrayEquals("not json".getBytes(UTF_8), recorder.rejected.get("c.jsonl:2").bytes());
    assertArrayEquals("{\"language\":\"en\"}".getBytes(UTF_8), recorder.rejected.get("c.jsonl:5").bytes());
    assertArrayEquals(
        new byte[] {'a', 'b', 'c', 'd', 0, 1, 2}, recorder.rejected.get("binary.txt").bytes());
    assertArrayEquals(
        Arrays.copyOf(Files.readAllBytes(dir.resolve("big.txt")), 4096),
        recorder.rejected.get("big.txt").bytes());
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("invalid-utf8.txt")),
        recorder.rejected.get("invalid-utf8.txt").bytes());
  }

  @Test
  void aLongJsonLineIsRejectedAndTheNextOneRead() throws IOException {
    write("long.jsonl", "{\"title\":\"" + "x".repeat(100) + "\"}\n{\"title\":\"short\"}\n");
    Recorder recorder = new Recorder();
    new NewsFiles(CLOCK, 64).read(dir.resolve("long.jsonl"), recorder);

    assertEquals(
        List.of(
            "rejected long.jsonl:1: item is over the size limit of 64 bytes",
            "accepted long.jsonl:2"),
        recorder.events);
    assertArrayEquals(
        ("{\"title\":\"" + "x".repeat(54)).getBytes(UTF_8),
        recorder.rejected.get("long.jsonl:1").bytes());
  }

  @Test
  void namedFilesThatCannotBeReadAreRejected() throws IOException {
    write("notes.md", "# notes");
    write("empty.txt", " \n\n");
    Files.write(dir.resolve("broken.jsonl.gz"), "not gzip".getBytes(UTF_8));
    write("bad-link.html", "<link rel=canonical href='/relative'><p>text</p>");
    Recorder recorder = new Recorder();
    NewsFiles files = new NewsFiles(CLOCK);
    for (String name : List.of("notes.md", "missing.txt", "empty.txt", "broken.jsonl.gz", "bad-link.html")) {
      files.read(dir.resolve(name), recorder);
    }

    assertEquals(
        List.of(
            "rejected notes.md: unknown file type: expected .txt, .html, .htm or .jsonl, each"
                + " optionally .gz",
            "rejected missing.txt: no such file or folder",
            "rejected empty.txt: no title and no text",
            "rejected broken.jsonl.gz: cannot read: java.util.zip.ZipException: Not in GZIP format",
            "rejected bad-link.html: canonical link: invalid URL '/relative': not an http(s) URL"),
        recorder.events);
  }

  @Test
  void inAFolderLinksToFilesAreReadAndOtherLinksSkippedWithTheirReason() throws IOException {
    write("outside/b.txt", "Linked title\nLinked body");
    write("outside/folder/c.txt", "In a linked folder\nNot read through the link");
    write("news/a.txt", "Plain title\nPlain body");
    Files.createSymbolicLink(dir.resolve("news/b.txt"), dir.resolve("outside/b.txt"));
    Files.createSymbolicLink(dir.resolve("news/gone.txt"), dir.resolve("outside/missing.txt"));
    Files.createSymbolicLink(dir.resolve("news/linked"), dir.resolve("outside/folder"));
    Recorder recorder = new Recorder();

    new NewsFiles(CLOCK).read(dir.resolve("news"), recorder);

    assertEquals(
        List.of(
            "accepted news/a.txt",
            "accepted news/b.txt",
            "skipped news/gone.txt: dangling symbolic link",
            "skipped news/linked: symbolic link to a folder, not followed"),
        recorder.events);
  }

  @Test
  void namedDirectlyALinkToAFolderIsFollowedAndADanglingLinkRejected() throws IOException {
    write("outside/folder/c.txt", "In a linked folder\nRead through the link");
    Files.createDirectory(dir.resolve("news"));
    Files.createSymbolicLink(dir.resolve("news/gone.txt"), dir.resolve("outside/missing.txt"));
    Files.createSymbolicLink(dir.resolve("news/linked"), dir.resolve("outside/folder"));
    Recorder recorder = new Recorder();
    NewsFiles files = new NewsFiles(CLOCK);

    files.read(dir.resolve("news/linked"), recorder);
    files.read(dir.resolve("news/gone.txt"), recorder);

    assertEquals(
        List.of("accepted news/linked/c.txt", "rejected news/gone.txt: dangling symbolic link"),
        recorder.events);
  }

  @Test
  void aFifoIsSkippedInAFolderAndRejectedWhenNamedWithoutBeingOpened() throws Exception {
    write("news/a.txt", "Plain title\nPlain body");
    Path fifo = dir.resolve("news/pipe.txt");
    mkfifo(fifo);
    Recorder recorder = new Recorder();
    NewsFiles files = new NewsFiles(CLOCK);

    // Opening a FIFO blocks until a writer comes: a regression would hang, not fail.
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      files.read(dir.resolve("news"), recorder);
      files.read(fifo, recorder);
    });

    assertEquals(
        List.of(
            "accepted news/a.txt",
            "skipped news/pipe.txt: not a regular file (a FIFO, socket or device)",
            "rejected news/pipe.txt: not a regular file (a FIFO, socket or device)"),
        recorder.events);
  }

  /** Makes a FIFO with mkfifo(1); the test is skipped where that command does not exist. */
  static void mkfifo(Path path) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
    } catch (IOException noMkfifo) {
      assumeTrue(false, "mkfifo is not available: " + noMkfifo.getMessage());
      return;
    }
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertEquals(0, process.waitFor(), output);
  }

  @Test
  void readsAStreamSuchAsStandardInput() {
    byte[] input = "\uFEFF{\"title\":\"from stdin\"}\n\n[]\n".getBytes(UTF_8);
    Recorder recorder = new Recorder();
    new NewsFiles(CLOCK)
        .read(new ByteArrayInputStream(input), "stdin", NewsFiles.Format.JSON_LINES, recorder);

    assertEquals(
        List.of("accepted stdin:1", "rejected stdin:3: not a JSON object: got array"),
        recorder.events);
    assertEquals("stdin", recorder.accepted.get("stdin:1").getSource());
  }

  @Test
  void formatsAreKnownByTheirEnding() {
    assertEquals(NewsFiles.Format.HTML, NewsFiles.Format.ofFileName("Page.HTM.GZ").orElseThrow());
    assertEquals(NewsFiles.Format.TEXT, NewsFiles.Format.ofFileName("a.txt").orElseThrow());
    assertEquals(
        NewsFiles.Format.JSON_LINES, NewsFiles.Format.ofFileName("x.jsonl.gz").orElseThrow());
    assertFalse(NewsFiles.Format.ofFileName("x.json").isPresent());
    assertFalse(NewsFiles.Format.ofFileName("x.gz").isPresent());
  }

  private NewsItem item(String url, String title, String body, String file) {
    return NewsItem.newBuilder()
        .setId(url != null ? ItemIds.forUrl(url) : ItemIds.forText(title, body))
        .setUrl(url)
        .setSource(dir.resolve(file).toString())
        .setTitle(title)
        .setBody(body)
        .setIngestedAt(NOW)
        .build();
  }

  private void write(String name, String text) throws IOException {
    Files.createDirectories(dir.resolve(name).getParent());
    Files.writeString(dir.resolve(name), text);
  }

  private void gzip(String name, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
      out.write(text.getBytes(UTF_8));
    }
  }

  /** Concatenates strings (as UTF-8) and single bytes given as ints. */
  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String text) {
        out.writeBytes(text.getBytes(UTF_8));
      } else {
        out.write((Integer) part);
      }
    }
    return out.toByteArray();
  }
}

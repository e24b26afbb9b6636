package io.newssignals.ingest;

import io.newssignals.avro.NewsItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Reads news files into {@link NewsItem}s, one item at a time: besides the list of a folder's
 * file paths, only the current item (at most the size limit) is held in memory.
 *
 * <p>Formats, by file name ending (case-insensitive), each also gzipped with a further {@code .gz}:
 *
 * <ul>
 *   <li>{@code .txt}: one item; the first non-blank line is the title, the rest the body.
 *   <li>{@code .html}, {@code .htm}: one item; the title is {@code <title>}, else the first {@code
 *       <h1>}; the body is the text of {@code <article>}, else {@code <main>}, else {@code <body>},
 *       without {@code script, style, nav, header, footer, aside}, one line per block element; the
 *       URL is {@code <link rel=canonical>}, if any.
 *   <li>{@code .jsonl}: one item per line, in the {@link NewsItemJson} shape; blank lines skipped.
 * </ul>
 *
 * <p>The source of a file's items is its path, unless a JSON line names one. Their id comes from
 * {@link ItemIds}. Files must be UTF-8; an item that is not valid UTF-8, holds a NUL byte (a
 * binary file), is over the size limit, or cannot be parsed becomes a {@link Rejection}, and
 * reading goes on with the next line or file. No method throws for bad input or I/O errors: those
 * become rejections too. An HTML page in another charset than UTF-8 is therefore rejected.
 *
 * <p>Thread-safe: the reader keeps no state between calls, and calls the sink on the caller's
 * thread.
 */
public final class NewsFiles {

  /** Default limit of one item's bytes (1 MiB): a whole file, or one line of a .jsonl file. */
  public static final int DEFAULT_MAX_ITEM_BYTES = 1 << 20;

  /** Why a folder's file was skipped: its name has no known format. */
  public static final String SKIPPED_UNKNOWN_FORMAT = "not a .txt, .html, .htm or .jsonl file";

  /** Why a folder entry was skipped: a symbolic link to a folder, not followed. */
  public static final String SKIPPED_LINKED_FOLDER = "symbolic link to a folder, not followed";

  /** Why a path was skipped (in a folder) or rejected (named directly): a link to nothing. */
  public static final String DANGLING_LINK = "dangling symbolic link";

  /** Why a path was skipped (in a folder) or rejected (named directly): nothing to read as a file. */
  public static final String NOT_A_REGULAR_FILE = "not a regular file (a FIFO, socket or device)";

  private static final String GZIP_SUFFIX = ".gz";
  private static final byte[] NO_BYTES = new byte[0];
  private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");
  private static final String DROPPED_ELEMENTS = "script, style, nav, header, footer, aside";

  /** The format of a news file, from its name. */
  public enum Format {
    TEXT(".txt"),
    HTML(".html", ".htm"),
    JSON_LINES(".jsonl");

    private final List<String> suffixes;

    Format(String... suffixes) {
      this.suffixes = List.of(suffixes);
    }

    /**
     * @param fileName a file name, compared case-insensitively; a trailing {@code .gz} is ignored
     * @return the format its ending names, or empty
     */
    public static Optional<Format> ofFileName(String fileName) {
      String name = withoutGzipSuffix(fileName.toLowerCase(Locale.ROOT));
      return Arrays.stream(values())
          .filter(format -> format.suffixes.stream().anyMatch(name::endsWith))
          .findFirst();
    }
  }

  /** Receives what the reader finds, in file and line order. */
  public interface Sink {

    /**
     * @param origin the path, or {@code path:line} for a .jsonl line
     * @param item the parsed item
     */
    void accepted(String origin, NewsItem item);

    /** @param rejection an item that could not be read or parsed */
    void rejected(Rejection rejection);

    /**
     * @param file an entry of a folder that was not read
     * @param reason why, one of the {@code SKIPPED_*} reasons of {@link NewsFiles}
     */
    void skipped(Path file, String reason);
  }

  private final Clock clock;
  private final int maxItemBytes;
  private final NewsItemJson json;

  /** A reader with the default size limit of {@value #DEFAULT_MAX_ITEM_BYTES} bytes per item. */
  public NewsFiles(Clock clock) {
    this(clock, DEFAULT_MAX_ITEM_BYTES);
  }

  /**
   * @param clock gives each item's {@code ingestedAt}
   * @param maxItemBytes the most bytes one item may have (a whole .txt or .html file after gunzip,
   *     or one .jsonl line without its line end)
   * @throws IllegalArgumentException if the limit is not positive or is {@code
   *     Integer.MAX_VALUE}
   */
  public NewsFiles(Clock clock, int maxItemBytes) {
    if (maxItemBytes <= 0 || maxItemBytes == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("maxItemBytes must be in 1.." + (Integer.MAX_VALUE - 1));
    }
    this.clock = clock;
    this.maxItemBytes = maxItemBytes;
    this.json = new NewsItemJson(clock);
  }

  /**
   * Reads a file, or every file under a folder (recursively, in path order). Symbolic links to
   * files are read; in a folder, links to folders are not followed (no cycles, nothing outside the
   * folder), but a path named directly may be one.
   *
   * <p>In a folder, these entries are {@link Sink#skipped skipped} with their reason: a file whose
   * name has no known format ({@value #SKIPPED_UNKNOWN_FORMAT}), a link to a folder ({@value
   * #SKIPPED_LINKED_FOLDER}), a link to nothing ({@value #DANGLING_LINK}), and anything else that
   * is not a regular file, such as a FIFO ({@value #NOT_A_REGULAR_FILE}). Named directly, a path
   * that does not exist, is not a regular file or has no known format is rejected; a FIFO is
   * never opened, so the reader cannot hang waiting for a writer.
   */
  public void read(Path path, Sink sink) {
    if (Files.isDirectory(path)) {
      readFolder(path, sink);
      return;
    }
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      sink.rejected(new Rejection(path.toString(), "no such file or folder", NO_BYTES));
      return;
    }
    String notAFile = notARegularFile(path);
    Optional<Format> format = Format.ofFileName(path.getFileName().toString());
    if (notAFile != null) {
      sink.rejected(new Rejection(path.toString(), notAFile, NO_BYTES));
    } else if (format.isPresent()) {
      readFile(path, format.get(), sink);
    } else {
      sink.rejected(
          new Rejection(
              path.toString(),
              "unknown file type: expected .txt, .html, .htm or .jsonl, each optionally .gz",
              NO_BYTES));
    }
  }

  /**
   * Reads a stream of one format, uncompressed, such as standard input. The stream is read to its
   * end and not closed.
   *
   * @param name stands for the path in origins and as the items' source, e.g. {@code stdin}
   */
  public void read(InputStream in, String name, Format format, Sink sink) {
    try {
      readStream(in, name, format, sink);
    } catch (IOException e) {
      sink.rejected(new Rejection(name, "cannot read: " + e, NO_BYTES));
    }
  }

  private void readFolder(Path folder, Sink sink) {
    List<Path> entries;
    // walk() follows no link, not even the folder's own if it is one (named directly, it is
    // followed): walk the real folder, and name each entry under the path given. Inside, a link to
    // a folder is one entry, like a file.
    try {
      Path start = folder.toRealPath();
      try (Stream<Path> walk = Files.walk(start)) {
        entries = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
            .map(p -> folder.resolve(start.relativize(p)))
            .sorted()
            .toList();
      }
    } catch (IOException | UncheckedIOException e) {
      sink.rejected(new Rejection(folder.toString(), "cannot list folder: " + e, NO_BYTES));
      return;
    }
    for (Path entry : entries) {
      String notAFile = Files.isDirectory(entry) ? SKIPPED_LINKED_FOLDER : notARegularFile(entry);
      Optional<Format> format = Format.ofFileName(entry.getFileName().toString());
      if (notAFile != null) {
        sink.skipped(entry, notAFile);
      } else if (format.isPresent()) {
        readFile(entry, format.get(), sink);
      } else {
        sink.skipped(entry, SKIPPED_UNKNOWN_FORMAT);
      }
    }
  }

  /**
   * @param path an existing path that is not a folder, or a link
   * @return why it cannot be read as a file, or null for a regular file or a link to one
   */
  private static String notARegularFile(Path path) {
    if (Files.isRegularFile(path)) {
      return null;
    }
    return Files.isSymbolicLink(path) && !Files.exists(path) ? DANGLING_LINK : NOT_A_REGULAR_FILE;
  }

  private void readFile(Path file, Format format, Sink sink) {
    String name = file.toString();
    boolean gzipped = name.toLowerCase(Locale.ROOT).endsWith(GZIP_SUFFIX);
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = gzipped ? new GZIPInputStream(raw, 64 * 1024) : raw) {
      readStream(in, name, format, sink);
    } catch (IOException e) {
      sink.rejected(new Rejection(name, "cannot read: " + e, NO_BYTES));
    }
  }

  private void readStream(InputStream in, String name, Format format, Sink sink)
      throws IOException {
    if (format == Format.JSON_LINES) {
      readJsonLines(in, name, sink);
      return;
    }
    byte[] bytes = in.readNBytes(maxItemBytes + 1);
    String problem = checkBytes(bytes);
    if (problem != null) {
      sink.rejected(new Rejection(name, problem, withinLimit(bytes)));
      return;
    }
    try {
      String text = decodeUtf8(bytes);
      NewsItem item = format == Format.TEXT ? fromText(text, name) : fromHtml(text, name);
      sink.accepted(name, item);
    } catch (IllegalArgumentException e) {
      sink.rejected(new Rejection(name, e.getMessage(), bytes));
    }
  }

  private void readJsonLines(InputStream in, String name, Sink sink) throws IOException {
    LineReader lines = new LineReader(in, maxItemBytes);
    int number = 0;
    for (byte[] line = lines.next(); line != null; line = lines.next()) {
      number++;
      if (isBlank(line)) {
        continue;
      }
      String origin = name + ":" + number;
      String problem = checkBytes(line);
      if (problem != null) {
        sink.rejected(new Rejection(origin, problem, withinLimit(line)));
        continue;
      }
      try {
        NewsItem item = json.parse(decodeUtf8(line));
        if (item.getSource() == null) {
          item.setSource(name);
        }
        sink.accepted(origin, item);
      } catch (IllegalArgumentException e) {
        sink.rejected(new Rejection(origin, e.getMessage(), line));
      }
    }
  }

  /** @return why these bytes cannot be an item (over the limit, or binary), or null */
  private String checkBytes(byte[] bytes) {
    if (bytes.length > maxItemBytes) {
      return "item is over the size limit of " + maxItemBytes + " bytes";
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return "binary content: NUL byte at offset " + i;
      }
    }
    return null;
  }

  /**
   * Strict UTF-8, so that mis-encoded text is rejected rather than silently replaced.
   *
   * @throws IllegalArgumentException naming the byte offset of the first bad sequence
   */
  private static String decodeUtf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    String text;
    try {
      text = decoder.decode(buffer).toString();
    } catch (CharacterCodingException e) {
      // decode() stops with the position at the start of the bad sequence.
      throw new IllegalArgumentException("invalid UTF-8 at byte offset " + buffer.position(), e);
    }
    // A byte order mark is allowed by the UTF-8 spec but is not text.
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private NewsItem fromText(String text, String name) {
    String normalised = text.replace("\r\n", "\n").replace('\r', '\n').strip();
    if (normalised.isEmpty()) {
      throw new IllegalArgumentException("no title and no text");
    }
    int lineEnd = normalised.indexOf('\n');
    String title = lineEnd < 0 ? normalised : normalised.substring(0, lineEnd).strip();
    String body = lineEnd < 0 ? "" : normalised.substring(lineEnd + 1).strip();
    return item(null, title, body, name);
  }

  private NewsItem fromHtml(String html, String name) {
    Document document = Jsoup.parse(html);
    // Before anything is dropped: the first <h1> is often inside a <header>.
    String title = document.title();
    if (title.isBlank()) {
      Element heading = document.selectFirst("h1");
      title = heading == null ? "" : heading.text();
    }
    Element link = document.selectFirst("link[rel=canonical][href]");
    String url = null;
    if (link != null) {
      try {
        url = ItemIds.canonicalUrl(link.attr("href"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("canonical link: " + e.getMessage(), e);
      }
    }
    Element main = document.selectFirst("article");
    if (main == null) {
      main = document.selectFirst("main");
    }
    if (main == null) {
      main = document.body();
    }
    main.select(DROPPED_ELEMENTS).remove();
    String body = blockText(main);
    if (title.isBlank() && body.isEmpty()) {
      throw new IllegalArgumentException("no title and no text");
    }
    return item(url, title.strip(), body, name);
  }

  /** The element's text, one line per block element or {@code <br>}, blank lines dropped. */
  private static String blockText(Element root) {
    StringBuilder text = new StringBuilder();
    new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode textNode) {
          text.append(textNode.text());
        } else if (node instanceof Element element
            && (element.isBlock() || element.nameIs("br"))) {
          text.append('\n');
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element element && element.isBlock()) {
          text.append('\n');
        }
      }
    }.traverse(root);
    return Arrays.stream(text.toString().split("\n"))
        .map(line -> WHITESPACE.matcher(line).replaceAll(" ").strip())
        .filter(line -> !line.isEmpty())
        .collect(Collectors.joining("\n"));
  }

  private NewsItem item(String url, String title, String body, String source) {
    return NewsItem.newBuilder()
        .setId(url != null ? ItemIds.forUrl(url) : ItemIds.forText(title, body))
        .setUrl(url)
        .setSource(source)
        .setTitle(title)
        .setBody(body)
        .setIngestedAt(Instant.ofEpochMilli(clock.millis()))
        .build();
  }

  /** An over-limit item keeps only its first {@code maxItemBytes} bytes for the dead letter. */
  private byte[] withinLimit(byte[] bytes) {
    return bytes.length > maxItemBytes ? Arrays.copyOf(bytes, maxItemBytes) : bytes;
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String withoutGzipSuffix(String name) {
    return name.endsWith(GZIP_SUFFIX)
        ? name.substring(0, name.length() - GZIP_SUFFIX.length())
        : name;
  }

  /**
   * Splits a stream into lines at {@code \n}, dropping a trailing {@code \r}. A line longer than
   * the limit comes back with {@code limit + 1} bytes, the rest of it read and discarded, so an
   * endless line cannot exhaust memory.
   */
  private static final class LineReader {
    private final InputStream in;
    private final int limit;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int end;

    LineReader(InputStream in, int limit) {
      this.in = in;
      this.limit = limit;
    }

    /** @return the next line without its line end, or null at the end of the stream */
    byte[] next() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean readAny = false;
      while (true) {
        if (position == end) {
          end = Math.max(in.read(buffer), 0);
          position = 0;
          if (end == 0) {
            return readAny ? withoutCarriageReturn(line.toByteArray()) : null;
          }
        }
        readAny = true;
        int newline = indexOfNewline();
        int stop = newline < 0 ? end : newline;
        line.write(buffer, position, Math.min(stop - position, limit + 1 - line.size()));
        position = newline < 0 ? end : newline + 1;
        if (newline >= 0) {
          return withoutCarriageReturn(line.toByteArray());
        }
      }
    }

    private int indexOfNewline() {
      for (int i = position; i < end; i++) {
        if (buffer[i] == '\n') {
          return i;
        }
      }
      return -1;
    }

    private static byte[] withoutCarriageReturn(byte[] line) {
      int length = line.length;
      return length > 0 && line[length - 1] == '\r' ? Arrays.copyOf(line, length - 1) : line;
    }
  }
}

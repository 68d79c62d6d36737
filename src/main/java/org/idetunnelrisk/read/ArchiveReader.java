package org.idetunnelrisk.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The records of every file in a zip or tar archive (a {@code .tar.gz} or {@code .tgz} too: {@link Readers}
 * unzips the gzip layer first), member by member, in archive order, never extracted to disk. Each member is
 * read as {@link Readers} reads a file, its format sniffed from its own content, named {@code archive:member}
 * in every record and message ({@code logs.zip:day1/events.jsonl:12: ...}).
 *
 * <p>Passed over: directories, links, and hidden members (under {@code __MACOSX/}, or any path part starting
 * with a dot, so {@code ._x.json} resource forks), counted in one note ({@link #notes()}). Reported and
 * passed over, reading going on with the next member: a member whose content scan does not read (an
 * archive inside the archive included: archives are opened one level deep), a member name longer than
 * {@value #MAX_NAME} characters, a member its reader gave up on. Fatal: damaged archive data, more than
 * {@value #MAX_MEMBERS} members, and a zip bomb: more than {@value #BOMB_FLOOR} bytes of members that are
 * also more than {@value #MAX_RATIO} times the bytes of the file read so far. Memory does not grow with the
 * archive: one member is open at a time, and readers stream. Not thread-safe.
 */
final class ArchiveReader implements RecordReader {
  static final int MAX_MEMBERS = 100_000;
  static final int MAX_NAME = 1024;
  static final long BOMB_FLOOR = 256L * 1024 * 1024;
  static final int MAX_RATIO = 1000;

  /** Where the archive's next member comes from. */
  private interface Members {
    TarMembers.Member next() throws IOException;
  }

  private final String origin;
  private final String kind;
  private final ReadLimits limits;
  private final Members members;
  private final InputStream archive;
  private final Readers.Counting fileBytes;
  private final List<String> notes = new ArrayList<>(1);
  private RawFilters filters;
  private RecordReader current;
  /** The member being read ({@code archive:member}), and its format after the archive's ({@code zip/jsonl}). */
  private String currentOrigin;
  private String currentFormat;
  private final Map<String, Long> memberSkipped = new LinkedHashMap<>();
  private long memberBytes;
  private int count;
  private int hidden;
  private long skipped;
  private boolean done;
  private final long bombFloor;
  private final int maxRatio;

  /** {@code kind} is {@code zip} or {@code tar}; {@code fileBytes} counts the bytes of the file itself. */
  ArchiveReader(InputStream in, String origin, ReadLimits limits, String kind, Readers.Counting fileBytes) {
    this(in, origin, limits, kind, fileBytes, BOMB_FLOOR, MAX_RATIO);
  }

  /** As above, with the zip-bomb bound's floor and ratio given (tests use small ones). */
  ArchiveReader(InputStream in, String origin, ReadLimits limits, String kind, Readers.Counting fileBytes,
      long bombFloor, int maxRatio) {
    this.bombFloor = bombFloor;
    this.maxRatio = maxRatio;
    this.origin = origin;
    this.kind = kind;
    this.limits = limits;
    this.fileBytes = fileBytes;
    if (kind.equals("zip")) {
      ZipInputStream zip = new ZipInputStream(in);
      this.archive = zip;
      this.members = () -> {
        ZipEntry e;
        try {
          while ((e = zip.getNextEntry()) != null && e.isDirectory()) {
            // folders hold nothing to read
          }
        } catch (IllegalArgumentException bad) { // a member name that is not valid in its encoding
          throw new IOException("member name: " + bad.getMessage(), bad);
        }
        return e == null ? null : new TarMembers.Member(e.getName(), zip);
      };
    } else {
      TarMembers tar = new TarMembers(in);
      this.archive = in;
      this.members = tar::next;
    }
  }

  /** Applies {@code f} to each member as {@link Readers} applies it to a file. */
  void filters(RawFilters f) {
    this.filters = f;
  }

  @Override
  public Record next() throws IOException {
    while (!done) {
      if (current == null) {
        openNext();
        continue;
      }
      Record r;
      try {
        r = current.next();
      } catch (InputException e) {
        if (e.recoverable() || done) {
          throw e; // a bad record of the member, or the archive's own end (a zip bomb)
        }
        finishMember();
        throw new InputException(e.getMessage() + " (the rest of this member is skipped)", true, e);
      } catch (IOException e) {
        throw fatal(e);
      }
      if (r != null) {
        return r;
      }
      finishMember();
    }
    return null;
  }

  private void openNext() throws IOException {
    TarMembers.Member m;
    try {
      m = members.next();
    } catch (IOException e) {
      throw fatal(e);
    }
    if (m == null) {
      done = true;
      if (hidden > 0) {
        notes.add(origin + ": skipped " + hidden + " hidden member" + (hidden == 1 ? "" : "s")
            + " (__MACOSX/, ._* resource forks, dot files)");
      }
      return;
    }
    if (++count > MAX_MEMBERS) {
      done = true;
      throw new InputException(origin + ": more than " + MAX_MEMBERS + " members; reading stopped", false);
    }
    String name = printable(m.name());
    if (hidden(name)) {
      hidden++;
      return;
    }
    if (name.length() > MAX_NAME) {
      throw new InputException(origin + ": a member name of " + name.length() + " characters, longer than the limit of "
          + MAX_NAME + "; member skipped", true);
    }
    InputStream data = new Budget(m.data());
    try {
      currentOrigin = origin + ":" + name;
      current = Readers.openMember(data, currentOrigin, limits, filters);
      currentFormat = kind + "/" + current.format();
    } catch (InputException e) {
      if (done) {
        throw e; // the zip-bomb bound, met while the member's first bytes were sniffed
      }
      throw new InputException(e.getMessage() + "; member skipped", true, e);
    } catch (IOException e) {
      throw fatal(e); // the archive's data, damaged within the member's first bytes
    }
  }

  private void finishMember() {
    if (current != null) {
      skipped += current.skipped();
      if (current.skipped() > 0) {
        memberSkipped.merge(currentOrigin, current.skipped(), Long::sum);
      }
      notes.addAll(current.notes());
      current = null;
    }
  }

  /** Hidden: under {@code __MACOSX/}, or a path part that starts with a dot ({@code ._x}, {@code .DS_Store}). */
  static boolean hidden(String name) {
    for (String part : name.split("/")) {
      if (Readers.hidden(part)) {
        return true;
      }
    }
    return false;
  }

  private static String printable(String name) {
    StringBuilder s = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      s.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return s.toString();
  }

  private InputException fatal(IOException e) {
    done = true;
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new InputException(origin + ": damaged " + kind + " data: " + why + "; reading stopped", false, e);
  }

  /** A member's bytes, counted against the zip-bomb bound; closing it leaves the archive open. */
  private final class Budget extends FilterInputStream {
    Budget(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = in.read();
      if (c >= 0) {
        charge(1);
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        charge(n);
      }
      return n;
    }

    private void charge(int n) {
      memberBytes += n;
      if (memberBytes > bombFloor && memberBytes / maxRatio > fileBytes.count()) {
        done = true;
        throw new InputException(origin + ": " + memberBytes + " bytes of members from " + fileBytes.count()
            + " bytes of archive, more than " + maxRatio + " to 1: a zip bomb? Reading stopped", false);
      }
    }

    @Override
    public void close() {
      // the member ends here, the archive does not
    }
  }

  @Override
  public long skipped() {
    return skipped + (current == null ? 0 : current.skipped());
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public String format() {
    return kind;
  }

  @Override
  public String recordFormat() {
    return current == null ? kind : currentFormat;
  }

  @Override
  public Map<String, Long> skippedByMember() {
    return memberSkipped;
  }

  @Override
  public void close() throws IOException {
    done = true;
    current = null;
    archive.close();
  }
}

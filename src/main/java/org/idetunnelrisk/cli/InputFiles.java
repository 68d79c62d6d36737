package org.idetunnelrisk.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.idetunnelrisk.read.Readers;

/**
 * The inputs {@code scan} reads, from its arguments: a file (or {@code -}) as given, and a folder as the files in
 * it. Without {@code --recursive} a folder gives its own files; with it, those of its subfolders too. Within a
 * folder entries are taken in the order of their names (plain {@link String} order), files and subfolders
 * interleaved as they sort, so two runs over the same tree read it in the same order. Each file keeps its path
 * ({@code DIR/day1/events.jsonl}), which every location names.
 *
 * <p>Passed over and counted in one note per folder argument: hidden entries ({@link Readers#hidden(String)}: dot
 * files and folders, {@code ._*} resource forks, {@code __MACOSX}), and, without {@code --recursive}, subfolders.
 * A link to a folder is followed, but never into a folder already on the walk (a link back up is counted in the
 * note and not followed, so a loop cannot hang the walk), and a folder is walked {@value #MAX_DEPTH} levels deep
 * at most. A folder argument that gives no file, and a folder that
 * cannot be listed, are problems ({@code DIR: ...}); a named file is read even when hidden. Stateless.
 */
final class InputFiles {
  /** Deepest folder level read below a folder argument with {@code --recursive}. */
  static final int MAX_DEPTH = 64;

  /**
   * What the arguments name.
   *
   * @param files the inputs in reading order ({@code -} for standard input)
   * @param problems one line each, naming the folder: a folder with no file to read, one that cannot be listed
   * @param notes one line each, naming the folder argument: what was passed over
   */
  record Listing(List<String> files, List<String> problems, List<String> notes) {}

  private InputFiles() {}

  static Listing of(List<String> args, boolean recursive) {
    List<String> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String a : args) {
      Path p = a.equals("-") ? null : Path.of(a);
      if (p == null || !Files.isDirectory(p)) {
        files.add(a); // a file, or a name that is neither: the reader says which
        continue;
      }
      Walk w = new Walk(recursive, problems);
      int before = files.size();
      w.folder(p, 0, files, new HashSet<>());
      if (w.hidden > 0 || w.subfolders > 0 || w.loops > 0) {
        notes.add(a + ": " + passedOver(w));
      }
      if (files.size() == before && problems.size() == w.problemsAtStart) {
        problems.add(a + ": a folder with no file to read" + (w.subfolders > 0
            ? " (it has " + w.subfolders + (w.subfolders == 1 ? " subfolder" : " subfolders")
                + "; --recursive reads them)" : ""));
      }
    }
    return new Listing(files, problems, notes);
  }

  private static String passedOver(Walk w) {
    List<String> parts = new ArrayList<>(3);
    if (w.hidden > 0) {
      parts.add(w.hidden + " hidden " + (w.hidden == 1 ? "entry" : "entries")
          + " (dot files, ._* resource forks, __MACOSX)");
    }
    if (w.subfolders > 0) {
      parts.add(w.subfolders + (w.subfolders == 1 ? " subfolder" : " subfolders") + " (--recursive reads them)");
    }
    if (w.loops > 0) {
      parts.add(w.loops + (w.loops == 1 ? " link" : " links") + " back to a folder being read (not followed)");
    }
    return "skipped " + String.join(", ", parts);
  }

  /** One folder argument's walk: its counts, and where its problems go. */
  private static final class Walk {
    final boolean recursive;
    final List<String> problems;
    final int problemsAtStart;
    int hidden;
    int subfolders;
    int loops;

    Walk(boolean recursive, List<String> problems) {
      this.recursive = recursive;
      this.problems = problems;
      this.problemsAtStart = problems.size();
    }

    /** Adds the files of {@code dir}, and of its subfolders when recursive; {@code onWalk} holds real paths. */
    void folder(Path dir, int depth, List<String> files, Set<Path> onWalk) {
      Path real;
      List<Path> entries = new ArrayList<>();
      try {
        real = dir.toRealPath();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
          s.forEach(entries::add);
        }
      } catch (IOException | SecurityException e) {
        problems.add(dir + ": cannot list this folder: " + describe(e));
        return;
      }
      if (!onWalk.add(real)) {
        loops++; // a link back to a folder on the walk: following it would never end
        return;
      }
      entries.sort((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString()));
      for (Path e : entries) {
        if (Readers.hidden(e.getFileName().toString())) {
          hidden++;
        } else if (Files.isDirectory(e)) {
          if (!recursive) {
            subfolders++;
          } else if (depth + 1 > MAX_DEPTH) {
            problems.add(e + ": deeper than " + MAX_DEPTH + " folder levels; not read");
          } else {
            folder(e, depth + 1, files, onWalk);
          }
        } else {
          files.add(e.toString());
        }
      }
      onWalk.remove(real);
    }
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}

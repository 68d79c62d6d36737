package org.idetunnelrisk.splunk;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Checkpoints as one JSON file per key in {@code checkpoint_dir} (the directory splunkd gives a modular
 * input). A save writes a temporary file in the same directory, fsyncs it, renames it over the old file
 * with {@code ATOMIC_MOVE}, then fsyncs the directory where the platform allows; a reader sees the old or
 * the new checkpoint, never a mix. File names keep {@code [A-Za-z0-9_.-]} and write other characters as
 * {@code %XX} (UTF-8). Thread-safe (saves are serialized).
 */
public final class FileCheckpoints implements CheckpointStore {
  private final Path dir;

  public FileCheckpoints(Path dir) {
    this.dir = dir;
  }

  /** The file that holds the key's checkpoint. */
  public Path fileFor(String key) {
    StringBuilder name = new StringBuilder();
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
          || (c == '.' && name.length() > 0)) {
        name.append(c);
      } else {
        name.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return dir.resolve(name + ".json");
  }

  @Override
  public Optional<Checkpoint> load(String key) throws CheckpointException {
    Path file = fileFor(key);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new CheckpointException("cannot read checkpoint file " + file + ": " + e.getMessage(), e);
    }
    try {
      JsonObject o = JsonParser.parseString(text).getAsJsonObject();
      return Optional.of(Checkpoint.fromJson(key, o));
    } catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
      throw new CheckpointException("checkpoint file " + file + " is not a checkpoint record: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void save(Checkpoint checkpoint) throws CheckpointException {
    Path file = fileFor(checkpoint.key());
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, ".checkpoint-", ".tmp");
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap((checkpoint.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          ch.write(bytes);
        }
        ch.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot rename atomically", e);
      }
      temp = null;
      syncDirectory();
    } catch (IOException e) {
      throw new CheckpointException("cannot write checkpoint file " + file + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the temporary file is left behind; the checkpoint itself is unchanged
        }
      }
    }
  }

  /** Makes the rename durable; not possible on every platform (Windows), where it is skipped. */
  private void syncDirectory() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // directories cannot be opened for sync here; the rename is still atomic
    }
  }
}

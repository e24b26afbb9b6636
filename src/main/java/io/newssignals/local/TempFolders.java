package io.newssignals.local;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes temp folders: the local default's parts' when they stop, and a bench run's state. */
public final class TempFolders {

  private static final Logger log = LoggerFactory.getLogger(TempFolders.class);

  private TempFolders() {}

  /**
   * Deletes {@code folder} and everything in it; a failure is logged, not thrown, since it only
   * leaves a temp folder behind. A null folder (never created) is ignored.
   *
   * @param what names the folder in the log, e.g. {@code Kafka data folder}
   */
  public static void delete(Path folder, String what) {
    if (folder == null) {
      return;
    }
    try {
      Utils.delete(folder.toFile());
    } catch (IOException e) {
      log.warn("Could not delete {} {}: {}", what, folder, e.toString());
    }
  }
}

package org.ssrlink;

/** SSRLINK_LOG_* as passed to the log callback. */
public enum LogLevel {
  DEBUG,
  INFO,
  WARNING,
  ERROR;

  /** A level from the library; a level appended after this binding was written counts as ERROR. */
  static LogLevel of(int level) {
    return switch (level) {
      case SsrlinkLibrary.LOG_DEBUG -> DEBUG;
      case SsrlinkLibrary.LOG_INFO -> INFO;
      case SsrlinkLibrary.LOG_WARNING -> WARNING;
      default -> ERROR;
    };
  }
}

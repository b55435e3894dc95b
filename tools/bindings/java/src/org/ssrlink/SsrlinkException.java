package org.ssrlink;

import java.util.Map;

/**
 * A capability or ssrlink_open did not return SSRLINK_OK. Carries the status code, its name
 * ("SSRLINK_INVALID_ARGUMENT") and the library's sentence, which is written for a person to act
 * on and never holds a secret, so a host may show it. {@link #getMessage()} is "NAME: sentence".
 */
public final class SsrlinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String statusName;
  private final String sentence;
  private final transient Map<String, Object> result;

  SsrlinkException(int status, String statusName, String sentence, Map<String, Object> result) {
    super(statusName + ": " + sentence);
    this.status = status;
    this.statusName = statusName;
    this.sentence = sentence;
    this.result = result;
  }

  /** The status code (SsrlinkLibrary.INVALID_ARGUMENT, ...); unknown codes mean "internal". */
  public int status() {
    return status;
  }

  /** The code's name from ssrlink_status_name, e.g. "SSRLINK_DATABASE". */
  public String statusName() {
    return statusName;
  }

  /** The result's "error" sentence. */
  public String sentence() {
    return sentence;
  }

  /** The whole result object (at least {"error": ...}); empty when no buffer could be made. */
  public Map<String, Object> result() {
    return result;
  }
}

package org.ssrlink;

/** The capability calls of the C ABI; each takes a request object and returns a result object. */
public enum Capability {
  REPORTS("ssrlink_reports"),
  CREDENTIALS_PUT("ssrlink_credentials_put"),
  CREDENTIALS_STATUS("ssrlink_credentials_status"),
  TEST_CONNECTION("ssrlink_test_connection"),
  SWEEP("ssrlink_sweep"),
  /** Added in 1.1. */
  CREDENTIALS_RESEAL("ssrlink_credentials_reseal"),
  /** Added in 1.1. */
  NOTIFICATIONS_LIST("ssrlink_notifications_list"),
  /** Added in 1.1. */
  NOTIFICATION_QUEUE("ssrlink_notification_queue"),
  /** Added in 1.2. */
  CHECK_MAPPING("ssrlink_check_mapping"),
  /** Added in 1.3. */
  ETS_PROBE("ssrlink_ets_probe"),
  /** Added in 1.4. */
  SETTINGS_GET("ssrlink_settings_get"),
  /** Added in 1.4. */
  SETTINGS_PUT("ssrlink_settings_put");

  private final String function;

  Capability(String function) {
    this.function = function;
  }

  /** The exported C function, e.g. "ssrlink_reports". */
  public String function() {
    return function;
  }
}

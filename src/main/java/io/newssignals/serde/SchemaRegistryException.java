package io.newssignals.serde;

/** A schema registry call failed: unreachable, or answered with an error status. */
public class SchemaRegistryException extends RuntimeException {

  /** HTTP status of the registry's answer, or -1 when it could not be reached. */
  private final int status;

  /**
   * @param message what was asked and what went wrong, including the registry URL
   * @param status HTTP status, or -1 when the registry could not be reached
   * @param cause the underlying error, may be null
   */
  public SchemaRegistryException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** @return HTTP status of the registry's answer, or -1 when it could not be reached */
  public int status() {
    return status;
  }
}

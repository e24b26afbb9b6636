package io.newssignals.topology;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The body size rule counts UTF-8 bytes, with or without encoding the body. */
class ValidateProcessorTest {

  @Test
  void utf8SizeIsDecidedByLengthWhereLengthAloneTells() {
    // Three chars can take no more than 9 bytes, and eleven take at least 11.
    assertFalse(ValidateProcessor.overUtf8Bytes("€€€", 9));
    assertTrue(ValidateProcessor.overUtf8Bytes("abcdefghijk", 10));
  }

  @Test
  void utf8SizeIsCountedInBetween() {
    // '€' is 3 bytes; U+1F600 is a surrogate pair of 4 bytes.
    assertTrue(ValidateProcessor.overUtf8Bytes("€€€", 8));
    assertFalse(ValidateProcessor.overUtf8Bytes("abc", 8));
    assertTrue(ValidateProcessor.overUtf8Bytes("\uD83D\uDE00", 3));
    assertFalse(ValidateProcessor.overUtf8Bytes("\uD83D\uDE00", 4));
  }
}

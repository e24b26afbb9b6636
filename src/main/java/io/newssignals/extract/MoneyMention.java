package io.newssignals.extract;

import io.newssignals.avro.Money;

/**
 * A sum of money found in a text.
 *
 * @param money value in major units, ISO 4217 currency and the text as written
 * @param start offset of its first char in the parsed text, UTF-16 code units, inclusive
 * @param end offset after its last char, exclusive
 */
public record MoneyMention(Money money, int start, int end) {}

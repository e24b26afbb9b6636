package io.newssignals.extract;

import io.newssignals.avro.Location;

/**
 * A place found in a text.
 *
 * @param location the place: text as written, English name, kind, ISO 3166-1 alpha-2 country
 * @param start offset of its first char in the searched text, UTF-16 code units, inclusive
 * @param end offset after its last char, exclusive
 */
public record PlaceMention(Location location, int start, int end) {}

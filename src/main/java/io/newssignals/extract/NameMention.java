package io.newssignals.extract;

/**
 * A run of capitalised words in a sentence, a candidate proper name.
 *
 * @param text the name as written
 * @param start offset in the sentence, inclusive
 * @param end offset in the sentence, exclusive
 * @param tokens how many words it has
 * @param sentenceInitial whether nothing but punctuation or symbols precedes it in the sentence,
 *     where any word is capitalised
 * @param id the text as a company id ({@link CompanyIds#normalise}), computed once: the rules
 *     compare names by id many times
 */
record NameMention(String text, int start, int end, int tokens, boolean sentenceInitial, String id) {}

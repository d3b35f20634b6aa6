/**
 * Keyword search over item names and codes (issue 3): Chinese has no spaces, so the index is character bigrams of
 * the normalized text. A query is answered from the postings of its rarest bigram, filtered by the whole query.
 */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/[^\p{Script=Han}a-z0-9]/gu, "");
}

export function searchText(item: { name: string; code: string }): string {
  return `${normalize(item.name)} ${normalize(item.code)}`;
}

/** The distinct bigrams of each word of `text` (words are separated by spaces after normalization). */
export function bigrams(text: string): string[] {
  const grams = new Set<string>();
  for (const word of text.split(" ")) {
    const chars = [...word];
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  }
  return [...grams];
}

/** The bigrams of a query: fewer than two characters cannot be searched. */
export function queryBigrams(query: string): { normalized: string; grams: string[] } {
  const normalized = normalize(query);
  return { normalized, grams: bigrams(normalized) };
}

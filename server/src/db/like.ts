/** A LIKE/ILIKE pattern matching `text` anywhere, with the user's % _ \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

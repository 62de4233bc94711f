// The interface speaks Swedish by default and English to English-locale users.

export type Locale = 'sv' | 'en';

/** Whatever an activity carries as its locale (a tag, nothing, or something odd): Swedish unless English. */
export function localeFrom(tag: unknown): Locale {
  return typeof tag === 'string' && /^en\b/i.test(tag.trim()) ? 'en' : 'sv';
}

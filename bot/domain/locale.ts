// The interface speaks Swedish by default and English to English-locale users.

export type Locale = 'sv' | 'en';

export function localeFrom(tag: string | undefined | null): Locale {
  return tag && /^en\b/i.test(tag.trim()) ? 'en' : 'sv';
}

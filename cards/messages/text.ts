// Small helpers for the text that the catalogue's sentences are built from.

import type { Locale } from '../../bot/domain/locale';

/** Words that stand inside a sentence: "Status och …" reads "status och …" there. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Escapes Markdown so that text from one person renders literally in a message to another. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_{}\[\]()#|<>~])/g, '\\$1')
    .replace(/^(\s*)([-+]|\d+\.)(?=\s)/gm, (_m, space: string, marker: string) => `${space}${marker.replace(/([-+.])/, '\\$1')}`);
}

const COUNT_WORDS: Record<Locale, readonly string[]> = {
  sv: ['noll', 'ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
};

/** A count of sections as a sentence reads it: "fem" / "five" up to twelve, digits above. */
export function countWord(count: number, locale: Locale): string {
  return COUNT_WORDS[locale][count] ?? String(count);
}

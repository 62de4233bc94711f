// Small helpers for the text that the catalogue's sentences are built from.

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

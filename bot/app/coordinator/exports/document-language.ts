// The council document and the CSV export are the council's papers: written in Swedish whoever
// asks for them, in the catalogue's words.

import { t, type MessageKey } from '../../../../cards/messages/index';
import type { Locale } from '../../../domain/locale';

export const DOCUMENT_LOCALE: Locale = 'sv';

/** A sentence of the catalogue in the documents' language. */
export function documentText(key: MessageKey, params?: Record<string, string | number>): string {
  return t(DOCUMENT_LOCALE, key, params);
}

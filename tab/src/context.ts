// What every part of the page reads: the texts and dates of its language, and the API as the
// signed-in user.

import { createContext, useContext } from 'react';
import type { TabApi } from './api';
import type { Formats } from './format';
import type { Translate } from './messages';

export interface PageContext {
  t: Translate;
  formats: Formats;
  api: TabApi;
}

export const Page = createContext<PageContext | undefined>(undefined);

export function usePage(): PageContext {
  const page = useContext(Page);
  if (!page) throw new Error('usePage outside <Page.Provider>');
  return page;
}

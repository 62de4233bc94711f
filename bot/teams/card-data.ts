// Reading what a card sends back. Teams delivers the inputs as strings, but an activity's value
// is whatever JSON the sender put there: an object where text is expected, or one with its own
// `toString`, on which String() and Number() throw. Only strings and numbers are read here.
// Every card verb's handler takes the same request and answers with a CardReply.

import type { AppDeps } from '../app/deps';
import type { Locale } from '../domain/locale';
import type { Actor } from '../domain/permissions';
import type { CardReply } from './replies';

/** A pressed button as its handler receives it. */
export interface CardActionRequest {
  actor: Actor;
  /** The action's data merged with the card's inputs, as Teams delivers them. */
  data: Record<string, unknown>;
  /** The card's language (see cardLocale). */
  locale: Locale;
  /** The activity that carried the action, when Teams gave it an id. */
  activityId: string | undefined;
}

/** What one card verb does. */
export type CardActionHandler = (deps: AppDeps, request: CardActionRequest) => Promise<CardReply>;

/** The text at `key`, or '' when it is anything but a string. */
export function textIn(data: Record<string, unknown>, key: string): string {
  const value = Object.hasOwn(data, key) ? data[key] : undefined;
  return typeof value === 'string' ? value : '';
}

/** The number at `key` (a number, or a string of one), or NaN. */
export function numberIn(data: Record<string, unknown>, key: string): number {
  const value = Object.hasOwn(data, key) ? data[key] : undefined;
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
}

/** A whole number of at least 0 at `key`, or `fallback`. */
export function countIn(data: Record<string, unknown>, key: string, fallback: number): number {
  const n = numberIn(data, key);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

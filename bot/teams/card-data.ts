// Every card verb's handler takes the same request (the card's data read with
// bot/domain/card-input.ts) and answers with a CardReply.

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

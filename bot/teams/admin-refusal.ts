// The sentence a coordinator's card action answers with when it is refused: the same for the
// plans, the rounds and an uploaded register's preview.

import type { AdminRefusal } from '../app/access';
import type { Locale } from '../domain/locale';
import { t } from '../../cards/messages/index';
import type { CardReply } from './replies';

export function adminRefusalReply(refused: AdminRefusal, locale: Locale): CardReply {
  return { kind: 'text', text: t(locale, refused.reason === 'no-register' ? 'noRegister' : 'notCoordinator') };
}

// A status's colour, from the template's level ('good', 'warning', 'attention'), as a chart's fill
// and as a badge: the same colour names in both, Fluent's tokens, so that each theme (high
// contrast too) gives its own.

import { tokens, type BadgeProps } from '@fluentui/react-components';
import type { TabPlanRow, TabStatusView } from '../../bot/domain/tab-views';

type BadgeColour = NonNullable<BadgeProps['color']>;

const FILLS: Record<string, string> = {
  good: tokens.colorPaletteGreenBackground3,
  warning: tokens.colorPaletteMarigoldBackground3,
  attention: tokens.colorPaletteRedBackground3,
};
/** The columns that are not the template's levels (bot/domain/summary.ts names them so). */
const PENDING_FILLS: Record<string, string> = {
  draft: tokens.colorPaletteBlueBorderActive,
  unanswered: tokens.colorNeutralStrokeAccessible,
};
const BADGES: Record<string, BadgeColour> = { good: 'success', warning: 'warning', attention: 'danger' };

/** The fill of a status's bar: its level's colour, else neutral (draft, unanswered, no status). */
export function statusFill(status: TabStatusView): string {
  return (status.colour && FILLS[status.colour]) || PENDING_FILLS[status.id] || tokens.colorNeutralForeground3;
}

export function statusBadge(row: TabPlanRow, statuses: Map<string, TabStatusView>): BadgeColour {
  if (row.state === 'draft') return 'informative';
  if (row.state === 'unanswered') return 'subtle';
  const colour = statuses.get(row.status)?.colour;
  return (colour && BADGES[colour]) || 'brand';
}

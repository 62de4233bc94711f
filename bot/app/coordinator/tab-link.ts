// The address that opens the Teams tab at a round: in Teams a deep link to the personal tab with
// the round as its sub-entity (the page reads it as `page.subPageId`); in local mode the tab's
// own page on the bot's server, the round in its query.

/** The personal tab's entityId in the app manifest (manifest/manifest.template.json). */
export const TAB_ENTITY_ID = 'dashboard';

/** `appId`: the Teams app's id (the manifest's `id`, the bot's app id); none in local mode. */
export function tabLinkFor(appId: string | undefined, baseUrl: () => string): (roundId: string) => string {
  if (!appId) return (roundId) => `${baseUrl()}/tab/?round=${encodeURIComponent(roundId)}`;
  return (roundId) =>
    `https://teams.microsoft.com/l/entity/${appId}/${TAB_ENTITY_ID}?context=${encodeURIComponent(JSON.stringify({ subEntityId: roundId }))}`;
}

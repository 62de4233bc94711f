// What a coordinator reads about a round: the channel, the summary posted there, `läge` and the
// exports.

import type { EnglishOf } from './area';

export const sv = {
  // The coordinator's commands
  bindInChannel: 'Nämn mig med **koppla kanal** i den kanal där sammanställningarna ska postas.',
  channelBound: 'Klart! Sammanställningar och veckorapporter postas i den här kanalen.',
  noRound: 'Jag hittar ingen omgång som heter "{round}". Skriv omgångens id eller titel.',
  noChannel: 'Ingen kanal är kopplad ännu. Nämn mig med **koppla kanal** i kanalen där sammanställningen ska postas.',
  summaryPosting: 'Sammanställningen av **{round}** läggs ut i samordnarkanalen inom någon minut. En stor sammanställning tar längre tid, eftersom Teams tar emot högst 60 meddelanden per halvminut i en kanal. Jag säger till när den är postad.',
  summaryPosted: 'Sammanställningen av **{round}** är postad i samordnarkanalen ({count} meddelanden).',
  summaryPostedAlready: 'Sammanställningen av **{round}** är postad i samordnarkanalen.',
  summaryFailed: 'Sammanställningen av **{round}** kunde inte postas i samordnarkanalen, inte ens efter tre försök. Skriv **sammanställning** igen om en stund.',
  exportReady: 'Här är [{file}]({link}). Länken gäller i {minutes} minuter.',
  exportInPersonal: 'Skriv **exportera** till mig i en personlig chatt, så når länken bara dig.',

  // Progress: `läge`
  progressHeading: '**{round}**: {submitted} av {total} planer inskickade, svar senast {due}.',
  progressOverdue: 'Sista svarsdag har passerat.',
  progressDrafts: 'Utkast, inte inskickade:',
  progressDraftItem: '{label}: utkast sparat {at}, {filled} av {total} avsnitt ifyllda',
  progressMissing: 'Inte besvarade:',
  progressUnreachable: 'Kan inte nås av boten (har inte appen):',
  progressAbsent: 'Frånvarande:',
  progressAbsentItem: '{name}, till och med {date}',
  progressMore: '… och {count} till. Hela listan finns i exporten: skriv **exportera csv**.',

  // The coordinator's summary
  summaryHeading: 'Sammanställning',
  summaryContinued: '(forts.)',
  summaryAnswered: '{answered} av {total} planer besvarade',
  summaryTotal: 'Totalt',
  summaryPlans: 'Planer',
  summaryOfficer: 'Ansvarig',
  summarySubmitted: 'Inskickad {at} av {name}.',
  summaryDraftOnly: 'Utkast sparat {at}, inte inskickat.',
  summaryNewerDraft: 'Ett nyare utkast sparades {at} men är inte inskickat.',
  summaryChartTitle: 'Planerna per status',
  summaryMorePlans: 'och {count} till',
  summaryOpenTab: 'Öppna i fliken',
  // The counts by kind (seed 003's Måluppfyllelse table): a row per kind of item, then the total
  summaryByKind: 'Per typ',
  kindPlan: 'Planer',
  kindGoal: 'Nämndsmål',
  kindActivity: 'Aktiviteter',
  kindAssignment: 'Uppdrag',
  kindsTotal: 'Totalt',
  kindsColumn: 'Typ',
  summaryFullText: 'Svaret är avkortat här. Hela texten finns i exporten: skriv exportera.',
  summaryDraft: 'Utkast',
  summaryDraftNotSubmitted: 'Utkast, inte inskickat',
  summaryDraftBanner: 'UTKAST, inte inskickat (sparat {at}). Texten räknas inte som svar och kommer inte med i tjänsteskrivelsen förrän den skickas in.',
};

export const en: EnglishOf<typeof sv> = {
  // The coordinator's commands
  bindInChannel: 'Mention me with **bind channel** in the channel where summaries should be posted.',
  channelBound: 'Done! Summaries and weekly digests will be posted in this channel.',
  noRound: 'I cannot find a round called "{round}". Give the round\'s id or title.',
  noChannel: 'No channel is bound yet. Mention me with **bind channel** in the channel where the summary should go.',
  summaryPosting: 'The summary of **{round}** will be posted in the coordinator channel within a minute or so. A large summary takes longer, as Teams accepts at most 60 messages per half minute in a channel. I will tell you when it is posted.',
  summaryPosted: 'The summary of **{round}** has been posted in the coordinator channel ({count} messages).',
  summaryPostedAlready: 'The summary of **{round}** has been posted in the coordinator channel.',
  summaryFailed: 'The summary of **{round}** could not be posted in the coordinator channel, even after three attempts. Type **summary** again in a while.',
  exportReady: 'Here is [{file}]({link}). The link is valid for {minutes} minutes.',
  exportInPersonal: 'Write **export** to me in a personal chat, so that the link reaches only you.',

  // Progress: `progress`
  progressHeading: '**{round}**: {submitted} of {total} plans submitted, due {due}.',
  progressOverdue: 'The due date has passed.',
  progressDrafts: 'Drafts, not submitted:',
  progressDraftItem: '{label}: draft saved {at}, {filled} of {total} sections filled in',
  progressMissing: 'Not answered:',
  progressUnreachable: 'Cannot be reached by the bot (does not have the app):',
  progressAbsent: 'Out of office:',
  progressAbsentItem: '{name}, until and including {date}',
  progressMore: '… and {count} more. The whole list is in the export: type **export csv**.',

  // The coordinator's summary
  summaryHeading: 'Summary',
  summaryContinued: '(cont.)',
  summaryAnswered: '{answered} of {total} plans answered',
  summaryTotal: 'Total',
  summaryPlans: 'Plans',
  summaryOfficer: 'Responsible officer',
  summarySubmitted: 'Submitted {at} by {name}.',
  summaryDraftOnly: 'Draft saved {at}, not submitted.',
  summaryNewerDraft: 'A newer draft was saved {at} but has not been submitted.',
  summaryChartTitle: 'Plans by status',
  summaryMorePlans: 'and {count} more',
  summaryOpenTab: 'Open in the tab',
  summaryByKind: 'By kind',
  kindPlan: 'Plans',
  kindGoal: 'Committee goals',
  kindActivity: 'Activities',
  kindAssignment: 'Assignments',
  kindsTotal: 'Total',
  kindsColumn: 'Kind',
  summaryFullText: 'The answer is shortened here. The full text is in the export: type export.',
  summaryDraft: 'Draft',
  summaryDraftNotSubmitted: 'Draft, not submitted',
  summaryDraftBanner: 'DRAFT, not submitted (saved {at}). The text does not count as an answer and is not in the council document until it is submitted.',
};

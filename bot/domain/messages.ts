// Every sentence the bot says to a person, in Swedish and English. Parameters are plain
// values; callers that put officer text into Markdown must escape it first.

import type { Locale } from './locale';

const sv = {
  help: [
    'Jag samlar in uppföljningen av handlingsplaner och program.',
    '',
    '- **mina planer** (eller **status**): dina planer i den öppna omgången och hur långt du kommit',
    '- **svara**: skickar korten igen för det du inte har skickat in',
    '- **hjälp**: den här texten',
    '',
    'När en omgång öppnar får du ett kort per plan. Du kan spara ett utkast och ändra ditt svar tills omgången stänger.',
    '',
    'För samordnare: **sammanställning**, **läge**, **påminn** och **exportera** (word, csv eller json), följt av omgångens namn om det inte gäller den öppna. Nämn mig med **koppla kanal** i den kanal där sammanställningarna ska postas.',
  ].join('\n'),
  unknownCommand: 'Det förstod jag inte. Skriv **hjälp** för att se vad jag kan.',
  personalOnly: 'Skriv till mig i en personlig chatt, så svarar jag där. Dina planer och svar visas inte här.',
  welcomePersonal:
    'Hej! Jag är Uppföljning. När en uppföljningsomgång öppnar skickar jag dig ett kort per handlingsplan eller program som du ansvarar för, med de fem frågorna. Skriv **hjälp** för att se vad jag kan.',
  welcomeTeam:
    'Hej! Jag är Uppföljning och samlar in uppföljningen av handlingsplaner och program. De ansvariga tjänstepersonerna i teamet får sina frågor av mig i en personlig chatt. Nämn mig med **hjälp** för att se vad jag kan.',
  noOpenRound: 'Det finns ingen öppen uppföljningsomgång just nu.',
  noPlans: 'Du är inte ansvarig för någon plan i {round}.',
  myPlansHeading: '**{round}**, svar senast {due}:',
  stateUnanswered: 'inte besvarad',
  stateDraft: 'utkast sparat {at}',
  stateSubmitted: 'inskickad {at}',
  nothingToAnswer: 'Du har skickat in svar för alla dina planer i {round}. Tack!',
  cardsComing: 'Här kommer {count} kort att besvara.',
  notRegistered:
    'Jag hittar dig inte i registret över planer och ansvariga. Kontakta samordnaren om du borde ha planer att följa upp.',
  // The answer card
  cardRound: 'Omgång',
  cardDue: 'Svara senast',
  cardPeriod: 'Genomförandetid',
  cardNote: 'Notering',
  cardStatusLabel: 'Sammanfattande status',
  cardPlaceholder: 'Skriv ditt svar här',
  submit: 'Skicka in',
  saveDraft: 'Spara utkast',
  edit: 'Ändra',
  required: 'Fyll i "{label}".',
  tooLong: '"{label}" är för långt: högst {max} tecken.',
  statusRequired: 'Välj en sammanfattande status.',
  tooLongTotal: 'Svaren är för långa tillsammans för ett kort i Teams. Korta ner något av dem.',
  fixErrors: 'Svaret är inte inskickat ännu:',
  draftBasedOn: 'Utkast sparat {at}. Skicka in när du är klar.',
  conflict:
    '{name} sparade en ny version {at} medan du skrev. Din text finns kvar nedan; skicka in igen för att ersätta den, eller skriv **svara** för att se den senaste versionen.',
  // The confirmation card
  confirmSubmitted: 'Tack! Ditt svar är inskickat.',
  confirmDraft: 'Utkastet är sparat.',
  confirmMeta: 'Version {version}, sparad {at} av {name}.',
  confirmEditUntil: 'Du kan ändra svaret till och med {closes}.',
  confirmClosed: 'Omgången är stängd och svaret kan inte längre ändras.',
  statusHeading: 'Status',
  notAnswered: 'Ej besvarad',
  // The coordinator's commands
  notCoordinator: 'Bara samordnare kan göra det. Kontakta samordnaren om du behöver en sammanställning.',
  bindInChannel: 'Nämn mig med **koppla kanal** i den kanal där sammanställningarna ska postas.',
  channelBound: 'Klart! Sammanställningar och veckorapporter postas i den här kanalen.',
  noRound: 'Jag hittar ingen omgång som heter "{round}". Skriv omgångens id eller titel.',
  noChannel: 'Ingen kanal är kopplad ännu. Nämn mig med **koppla kanal** i kanalen där sammanställningen ska postas.',
  summaryPosting: 'Jag postar sammanställningen av **{round}** i samordnarkanalen: {count} meddelanden, det kan ta en stund.',
  summaryPosted: 'Sammanställningen av **{round}** är postad i samordnarkanalen ({count} meddelanden).',
  reminded: 'Påminnelser för **{round}**: skickade till {sent}, {unreachable} kunde inte nås.',
  reminderNotice: 'Påminnelse: svaret ska vara inskickat senast {due}.',
  exportReady: 'Här är [{file}]({link}). Länken gäller i {minutes} minuter.',
  exportInPersonal: 'Skriv **exportera** till mig i en personlig chatt, så når länken bara dig.',
  progressHeading: '**{round}**: {submitted} av {total} planer inskickade, svar senast {due}.',
  progressOverdue: 'Sista svarsdag har passerat.',
  progressDrafts: 'Utkast, inte inskickade:',
  progressMissing: 'Inte besvarade:',
  progressUnreachable: 'Kan inte nås av boten (har inte appen):',
  progressMore: '… och {count} till. Hela listan finns i exporten: skriv **exportera csv**.',
  // Refusals
  notPermitted: 'Du kan inte svara för den här planen. Bara den ansvariga tjänstepersonen eller en samordnare kan det.',
  roundNotOpen: 'Omgången {round} är inte öppen för svar.',
  unknownPlan: 'Planen finns inte längre i registret. Kontakta samordnaren.',
  unknownRound: 'Omgången finns inte. Kontakta samordnaren.',
  failed: 'Något gick fel och svaret är inte sparat. Försök igen om en stund.',
  commandFailed: 'Något gick fel. Försök igen om en stund.',
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
  summaryExcluded: 'Redovisas inte här',
  summaryFullText: 'Svaret är avkortat här. Hela texten finns i exporten: skriv exportera.',
};

type Catalogue = typeof sv;
export type MessageKey = keyof Catalogue;

const en: Catalogue = {
  help: [
    'I collect the follow-up of action plans and programmes.',
    '',
    '- **my plans** (or **status**): your plans in the open round and how far you have come',
    '- **answer**: sends the cards again for what you have not submitted',
    '- **help**: this text',
    '',
    'When a round opens you get one card per plan. You can save a draft and change your answer until the round closes.',
    '',
    "For coordinators: **summary**, **progress**, **remind** and **export** (word, csv or json), followed by the round's name unless it is the open one. Mention me with **bind channel** in the channel where summaries should be posted.",
  ].join('\n'),
  unknownCommand: "I didn't understand that. Type **help** to see what I can do.",
  personalOnly: 'Write to me in a personal chat and I will answer there. Your plans and answers are not shown here.',
  welcomePersonal:
    "Hi! I'm Uppföljning. When a follow-up round opens I send you one card for each action plan or programme you are responsible for, with the five questions. Type **help** to see what I can do.",
  welcomeTeam:
    "Hi! I'm Uppföljning and I collect the follow-up of action plans and programmes. The responsible officers in this team get their questions from me in a personal chat. Mention me with **help** to see what I can do.",
  noOpenRound: 'There is no open follow-up round right now.',
  noPlans: 'You are not responsible for any plan in {round}.',
  myPlansHeading: '**{round}**, due {due}:',
  stateUnanswered: 'not answered',
  stateDraft: 'draft saved {at}',
  stateSubmitted: 'submitted {at}',
  nothingToAnswer: 'You have submitted answers for all your plans in {round}. Thank you!',
  cardsComing: 'Here are {count} cards to answer.',
  notRegistered:
    "I can't find you in the register of plans and officers. Contact the coordinator if you should have plans to follow up.",
  cardRound: 'Round',
  cardDue: 'Due',
  cardPeriod: 'Implementation period',
  cardNote: 'Note',
  cardStatusLabel: 'Overall status',
  cardPlaceholder: 'Write your answer here',
  submit: 'Submit',
  saveDraft: 'Save draft',
  edit: 'Edit',
  required: 'Fill in "{label}".',
  tooLong: '"{label}" is too long: at most {max} characters.',
  statusRequired: 'Choose an overall status.',
  tooLongTotal: 'Together the answers are too long for a card in Teams. Please shorten one of them.',
  fixErrors: 'Your answer has not been submitted yet:',
  draftBasedOn: 'Draft saved {at}. Submit when you are done.',
  conflict:
    '{name} saved a new version {at} while you were writing. Your text is kept below; submit again to replace it, or type **answer** to see the latest version.',
  confirmSubmitted: 'Thank you! Your answer has been submitted.',
  confirmDraft: 'Your draft has been saved.',
  confirmMeta: 'Version {version}, saved {at} by {name}.',
  confirmEditUntil: 'You can change the answer until {closes}.',
  confirmClosed: 'The round is closed and the answer can no longer be changed.',
  statusHeading: 'Status',
  notAnswered: 'Not answered',
  notCoordinator: 'Only coordinators can do that. Contact the coordinator if you need a summary.',
  bindInChannel: 'Mention me with **bind channel** in the channel where summaries should be posted.',
  channelBound: 'Done! Summaries and weekly digests will be posted in this channel.',
  noRound: 'I cannot find a round called "{round}". Give the round\'s id or title.',
  noChannel: 'No channel is bound yet. Mention me with **bind channel** in the channel where the summary should go.',
  summaryPosting: 'I am posting the summary of **{round}** in the coordinator channel: {count} messages, which may take a while.',
  summaryPosted: 'The summary of **{round}** has been posted in the coordinator channel ({count} messages).',
  reminded: 'Reminders for **{round}**: sent to {sent}, {unreachable} could not be reached.',
  reminderNotice: 'Reminder: the answer is due by {due}.',
  exportReady: 'Here is [{file}]({link}). The link is valid for {minutes} minutes.',
  exportInPersonal: 'Write **export** to me in a personal chat, so that the link reaches only you.',
  progressHeading: '**{round}**: {submitted} of {total} plans submitted, due {due}.',
  progressOverdue: 'The due date has passed.',
  progressDrafts: 'Drafts, not submitted:',
  progressMissing: 'Not answered:',
  progressUnreachable: 'Cannot be reached by the bot (does not have the app):',
  progressMore: '… and {count} more. The whole list is in the export: type **export csv**.',
  notPermitted: 'You cannot answer for this plan. Only the responsible officer or a coordinator can.',
  roundNotOpen: 'The round {round} is not open for answers.',
  unknownPlan: 'The plan is no longer in the register. Contact the coordinator.',
  unknownRound: 'The round does not exist. Contact the coordinator.',
  failed: 'Something went wrong and the answer was not saved. Please try again in a moment.',
  commandFailed: 'Something went wrong. Please try again in a moment.',
  summaryHeading: 'Summary',
  summaryContinued: '(cont.)',
  summaryAnswered: '{answered} of {total} plans answered',
  summaryTotal: 'Total',
  summaryPlans: 'Plans',
  summaryOfficer: 'Responsible officer',
  summarySubmitted: 'Submitted {at} by {name}.',
  summaryDraftOnly: 'Draft saved {at}, not submitted.',
  summaryNewerDraft: 'A newer draft was saved {at} but has not been submitted.',
  summaryExcluded: 'Not reported here',
  summaryFullText: 'The answer is shortened here. The full text is in the export: type export.',
};

const CATALOGUES: Record<Locale, Catalogue> = { sv, en };

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Escapes Markdown so that text from one person renders literally in a message to another. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_{}\[\]()#|<>~])/g, '\\$1')
    .replace(/^(\s*)([-+]|\d+\.)(?=\s)/gm, (_m, space: string, marker: string) => `${space}${marker.replace(/([-+.])/, '\\$1')}`);
}

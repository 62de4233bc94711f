// What anyone talking to the bot may read, whatever they came for: help, welcomes, the refusals
// every command shares, and notices about the bot itself.

import type { EnglishOf } from './area';

export const sv = {
  help: [
    'Jag samlar in uppföljningen av handlingsplaner och program.',
    '',
    '- **mina planer** (eller **status**): dina planer i den öppna omgången och hur långt du kommit',
    '- **svara**: skickar korten igen för det du inte har skickat in',
    '- **hjälp**: den här texten',
    '',
    'När en omgång öppnar får du ett kort per plan. Du kan spara ett utkast och ändra ditt svar tills omgången stänger.',
    '',
    'För samordnare: **sammanställning**, **läge**, **påminn** och **exportera** (word, csv eller json), följt av omgångens namn om det inte gäller den öppna. Nämn mig med **koppla kanal** i den kanal där sammanställningarna ska postas. Sammanställningen är ett översiktskort som hålls aktuellt; varje plans kort följer bara i en liten omgång, eller när du skriver **sammanställning alla**.',
    '',
    'Registret och omgångarna sköter du här i chatten: skicka registerfilen (csv eller xlsx) till mig för att byta register, **planer** visar och ändrar planerna, **ny omgång** lägger upp en omgång och **omgångar** visar dem, så att du kan öppna, skjuta upp eller stänga en. **exportera register** (csv eller xlsx) ger dig registret att ändra i Excel och ladda upp igen, och **historik** visar de senaste ändringarna.',
  ].join('\n'),
  unknownCommand: 'Det förstod jag inte. Skriv **hjälp** för att se vad jag kan.',
  personalOnly: 'Skriv till mig i en personlig chatt, så svarar jag där. Dina planer och svar visas inte här.',
  welcomePersonal:
    'Hej! Jag är Uppföljning. När en uppföljningsomgång öppnar skickar jag dig ett kort per handlingsplan eller program som du ansvarar för, med de fem frågorna. Skriv **hjälp** för att se vad jag kan.',
  welcomeTeam:
    'Hej! Jag är Uppföljning och samlar in uppföljningen av handlingsplaner och program. De ansvariga tjänstepersonerna i teamet får sina frågor av mig i en personlig chatt. Nämn mig med **hjälp** för att se vad jag kan.',

  // Refusals
  notCoordinator: 'Bara samordnare kan göra det. Kontakta samordnaren om du behöver en sammanställning.',
  notPermitted: 'Du kan inte svara för den här planen. Bara den ansvariga tjänstepersonen, planens ersättare, den som planen är delegerad till eller en samordnare kan det.',
  roundNotOpen: 'Omgången {round} är inte öppen för svar.',
  unknownPlan: 'Planen finns inte längre i registret. Kontakta samordnaren.',
  unknownRound: 'Omgången finns inte. Kontakta samordnaren.',
  failed: 'Något gick fel och svaret är inte sparat. Försök igen om en stund.',
  commandFailed: 'Något gick fel. Försök igen om en stund.',

  // Notices about the bot's own storage (bot/app/storage-incident.ts, bot/app/unreadable-rows.ts)
  storageRestartedNotice:
    'Botens inbyggda lagring stannade oväntat den {stopped} och startades om den {restarted}. Inget som bekräftats före avbrottet har gått förlorat. Den som fick ett felmeddelande när hen sparade under avbrottet behöver spara igen.',
  unreadableRowNotice:
    'En sparad rad i tabellen {table} kunde inte läsas och har hoppats över. I övrigt fungerar boten som vanligt. Raden finns kvar orörd och händelsen står i granskningsloggen; be den som sköter driften att titta på den.',
};

export const en: EnglishOf<typeof sv> = {
  help: [
    'I collect the follow-up of action plans and programmes.',
    '',
    '- **my plans** (or **status**): your plans in the open round and how far you have come',
    '- **answer**: sends the cards again for what you have not submitted',
    '- **help**: this text',
    '',
    'When a round opens you get one card per plan. You can save a draft and change your answer until the round closes.',
    '',
    "For coordinators: **summary**, **progress**, **remind** and **export** (word, csv or json), followed by the round's name unless it is the open one. Mention me with **bind channel** in the channel where summaries should be posted. The summary is one overview card kept up to date; each plan's card follows only in a small round, or when you type **summary all**.",
    '',
    'You manage the register and the rounds here in the chat: send me the register file (csv or xlsx) to replace the register, **plans** lists and edits the plans, **new round** sets up a round and **rounds** lists them, so that you can open, postpone or close one. **export register** (csv or xlsx) gives you the register to edit in Excel and upload again, and **history** shows the latest changes.',
  ].join('\n'),
  unknownCommand: "I didn't understand that. Type **help** to see what I can do.",
  personalOnly: 'Write to me in a personal chat and I will answer there. Your plans and answers are not shown here.',
  welcomePersonal:
    "Hi! I'm Uppföljning. When a follow-up round opens I send you one card for each action plan or programme you are responsible for, with the five questions. Type **help** to see what I can do.",
  welcomeTeam:
    "Hi! I'm Uppföljning and I collect the follow-up of action plans and programmes. The responsible officers in this team get their questions from me in a personal chat. Mention me with **help** to see what I can do.",

  // Refusals
  notCoordinator: 'Only coordinators can do that. Contact the coordinator if you need a summary.',
  notPermitted: "You cannot answer for this plan. Only the responsible officer, the plan's deputy, the person it is delegated to, or a coordinator can.",
  roundNotOpen: 'The round {round} is not open for answers.',
  unknownPlan: 'The plan is no longer in the register. Contact the coordinator.',
  unknownRound: 'The round does not exist. Contact the coordinator.',
  failed: 'Something went wrong and the answer was not saved. Please try again in a moment.',
  commandFailed: 'Something went wrong. Please try again in a moment.',

  // Notices about the bot's own storage (bot/app/storage-incident.ts, bot/app/unreadable-rows.ts)
  storageRestartedNotice:
    "The bot's embedded storage stopped unexpectedly on {stopped} and was restarted on {restarted}. Nothing confirmed before the stop was lost. Anyone who got an error message while saving during the stop needs to save again.",
  unreadableRowNotice:
    'A stored row in the table {table} could not be read and has been skipped. Otherwise the bot works as usual. The row is kept untouched and the event is in the audit log; ask whoever runs the bot to look at it.',
};

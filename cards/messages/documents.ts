// The wording of the council document, the tjänsteskrivelse with one appendix per plan (seed
// `000_…`): its form (bot/app/coordinator/exports/council-document.ts) and the sentences a round
// fills it with (exports/export-round.ts), and the column headers of the CSV export. Both are
// written in Swedish whoever asks for them; the English is what every area has.

import type { EnglishOf } from './area';

export const sv = {
  councilDocumentType: 'TJÄNSTESKRIVELSE',
  councilHandlaggare: 'Handläggare',
  councilDate: 'Datum',
  councilCaseNumber: 'Ärendebeteckning',
  councilSwitchboard: 'Tel {number} vx',
  councilPage: 'Sida',
  councilProposal: 'Förslag till beslut',
  councilBackground: 'Bakgrund',
  councilExcluded: 'Övriga handlingsplaner och program vars uppföljning inte redovisas här:',
  councilAppendices: 'Bilagor',
  councilAppendix: 'Bilaga {number}',
  councilAppendixPageHeader: 'Bilaga {number} – {appendix}',
  councilAppendixHeading: 'Uppföljning av {plan}',
  councilPeriod: 'Genomförandetid:',
  councilPeriodMissing: 'ej angiven',
  // What a round fills the form with
  councilTitle: 'Uppföljning av handlingsplaner och program {year}',
  councilProposalText: '{addressee} lägger uppföljningen av handlingsplaner och program till handlingarna.',
  councilBackgroundDefault: '{round}: en samlad uppföljning av tidigare beslutade handlingsplaner och program.',
  councilBackgroundOfficers:
    'Respektive ansvarig tjänsteperson har i bifogade dokument gjort en kortfattad uppföljning/lägesrapport av hur arbetet fortlöper, status nuläge, risker/svårigheter, m.m.',
  councilPlansHeading: 'Aktuella gällande handlingsplaner och program:',
  councilAppendixTitle: '{plan} uppföljning {round}',
  councilFulfilment: 'Måluppfyllelse',
  councilFulfilmentTotal: 'Totalt',
  councilNothingToReport: 'Inget att rapportera',
  // The CSV export's columns (the five questions follow their own labels)
  csvPlan: 'Plan',
  csvPeriod: 'Genomförandetid',
  csvOfficer: 'Ansvarig',
  csvStatus: 'Status',
  csvSubmittedAt: 'Inskickad',
  csvDraftAt: 'Utkast sparat',
};

export const en: EnglishOf<typeof sv> = {
  councilDocumentType: 'MEMORANDUM',
  councilHandlaggare: 'Case officer',
  councilDate: 'Date',
  councilCaseNumber: 'Case number',
  councilSwitchboard: 'Tel {number} (switchboard)',
  councilPage: 'Page',
  councilProposal: 'Proposed decision',
  councilBackground: 'Background',
  councilExcluded: 'Other action plans and programmes whose follow-up is not reported here:',
  councilAppendices: 'Appendices',
  councilAppendix: 'Appendix {number}',
  councilAppendixPageHeader: 'Appendix {number} – {appendix}',
  councilAppendixHeading: 'Follow-up of {plan}',
  councilPeriod: 'Implementation period:',
  councilPeriodMissing: 'not stated',
  // What a round fills the form with
  councilTitle: 'Follow-up of action plans and programmes {year}',
  councilProposalText: '{addressee} places the follow-up of action plans and programmes on file.',
  councilBackgroundDefault: '{round}: a joint follow-up of action plans and programmes decided earlier.',
  councilBackgroundOfficers:
    'In the attached documents, each responsible officer has made a brief follow-up or progress report on how the work is going: the current status, risks and difficulties, and so on.',
  councilPlansHeading: 'Action plans and programmes currently in force:',
  councilAppendixTitle: '{plan} follow-up {round}',
  councilFulfilment: 'Goal fulfilment',
  councilFulfilmentTotal: 'Total',
  councilNothingToReport: 'Nothing to report',
  // The CSV export's columns (the five questions follow their own labels)
  csvPlan: 'Plan',
  csvPeriod: 'Implementation period',
  csvOfficer: 'Responsible officer',
  csvStatus: 'Status',
  csvSubmittedAt: 'Submitted',
  csvDraftAt: 'Draft saved',
};

// The fixed wording of the council document, the tjänsteskrivelse with one appendix per plan
// (seed `000_…`; bot/app/coordinator/exports/council-document.ts). The document is the council's
// and is written in Swedish whoever asks for it; the English is what every area has.

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
};

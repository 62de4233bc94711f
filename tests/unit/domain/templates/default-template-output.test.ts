// The five-question follow-up is one template among others now, and must read exactly as before:
// the answer card, the confirmation card, the summary cards and the three exports of a round on
// the default template are compared with snapshots recorded from the code before templates
// existed (the same fixed inputs, both locales).

import AdmZip from 'adm-zip';
import { exportRound, type DocumentSettings } from '../../../../bot/app/coordinator/exports/export-round';
import { summarise } from '../../../../bot/app/coordinator/summary';
import type { AnswerContent, AnswerVersion } from '../../../../bot/domain/answer';
import { buildAnswerCard } from '../../../../cards/answer-card';
import { buildConfirmationCard } from '../../../../cards/confirmation-card';
import { buildSummaryMessages } from '../../../../cards/summary-cards';
import { appFixture, register } from '../../../support/app-fixture';

const LOCALES = ['sv', 'en'] as const;

const DOCUMENT: DocumentSettings = {
  organisation: 'Kalmar kommun',
  department: 'Kommunledningskontoret',
  handlaggare: { name: 'Sara Samordnare', title: 'verksamhetsutvecklare', phone: '50010', email: 'sara@kalmar.se' },
  addressee: 'Kommunfullmäktige',
  caseNumber: 'KS 2019/0408',
  switchboard: '0480-45 00 00',
};

const full: AnswerContent = {
  texts: { status: 'Pågår enligt plan.', done: 'Tillsyn av *alla* krogar.', current: 'Ny undersökning\nmed två rader.', risks: '', completion: '2020.' },
  status: 'at-risk',
};

function version(planId: string, v: number, state: AnswerVersion['state'], content: AnswerContent, at: string): AnswerVersion {
  return { roundId: 'uppfoljning-kf-2019', planId, version: v, state, content, answeredBy: 'anna@kalmar.se', answeredByName: 'Anna Andersson', at: new Date(at) };
}

async function roundWithAnswers() {
  const f = await appFixture({ now: '2019-03-20T09:00:00Z' });
  // drog: submitted, then a newer draft; vald: a draft only; vatten: nothing.
  await f.stores.answers.append(version('drog', 1, 'submitted', full, '2019-03-10T10:00:00Z'), null);
  await f.stores.answers.append(version('drog', 2, 'draft', { texts: { ...full.texts, risks: 'Personalbrist.' }, status: 'delayed' }, '2019-03-12T10:00:00Z'), (await f.stores.answers.current(f.round.id, 'drog'))!.etag);
  await f.stores.answers.append(version('vald', 1, 'draft', { texts: { status: 'Revideras.', done: '', current: '', risks: '', completion: '' } }, '2019-03-11T10:00:00Z'), null);
  return f;
}

describe('the default template reads exactly as the five questions did', () => {
  it('gives the same answer card, empty, filled in and refused', async () => {
    const { round } = await appFixture();
    const plan = register.plans[1];
    for (const locale of LOCALES) {
      expect(buildAnswerCard({ locale, round, plan, content: { texts: { status: '', done: '', current: '', risks: '', completion: '' } }, baseVersion: 0 })).toMatchSnapshot(`empty ${locale}`);
      expect(buildAnswerCard({ locale, round, plan, content: full, baseVersion: 3, notice: 'Utkast sparat.', errors: ['Rätta felen:'], now: new Date('2019-03-20T09:00:00Z') })).toMatchSnapshot(`filled ${locale}`);
    }
  });

  it('gives the same confirmation card', async () => {
    const { round } = await appFixture();
    const answer = version('drog', 1, 'submitted', full, '2019-03-10T10:00:00Z');
    for (const locale of LOCALES) {
      expect(buildConfirmationCard({ locale, round, plan: register.plans[0], answer, canEdit: true })).toMatchSnapshot(`submitted ${locale}`);
      expect(buildConfirmationCard({ locale, round, plan: register.plans[0], answer: { ...answer, state: 'draft', content: { texts: full.texts } }, canEdit: false })).toMatchSnapshot(`draft ${locale}`);
    }
  });

  it('gives the same summary cards', async () => {
    const f = await roundWithAnswers();
    const summary = await summarise(f.deps, f.round);
    for (const locale of LOCALES) {
      expect(buildSummaryMessages(summary, locale, { fullTextNote: 'Hela texten finns i exporten.' })).toMatchSnapshot(`summary ${locale}`);
    }
  });

  it('gives the same CSV, JSON archive and council document', async () => {
    const f = await roundWithAnswers();
    const csv = await exportRound(f.deps, f.round, 'csv', 'samordnare@kalmar.se', DOCUMENT);
    expect(csv.bytes.toString('utf8')).toMatchSnapshot('csv');
    const json = await exportRound(f.deps, f.round, 'json', 'samordnare@kalmar.se', DOCUMENT);
    expect(json.bytes.toString('utf8')).toMatchSnapshot('json');
    const word = await exportRound(f.deps, f.round, 'word', 'samordnare@kalmar.se', DOCUMENT);
    // The docx library stamps core.xml with the wall clock, whatever the round's clock says.
    const undated = (xml: string) => xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, '$1…');
    const parts = new AdmZip(word.bytes).getEntries().map((e) => [e.entryName, undated(e.getData().toString('utf8'))]);
    expect(Object.fromEntries(parts)).toMatchSnapshot('docx parts');
  });
});

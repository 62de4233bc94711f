import { parseCommand } from '../../../bot/teams/commands';

describe('reading typed commands', () => {
  it.each([
    ['hjälp', { name: 'help' }],
    ['  Mina   planer. ', { name: 'myPlans' }],
    ['svara', { name: 'answer' }],
    ['koppla kanal', { name: 'bindChannel' }],
    ['sammanställning', { name: 'summary', round: undefined }],
    ['Sammanställning Uppföljning KF 2019', { name: 'summary', round: 'Uppföljning KF 2019' }],
    ['sammanställning alla', { name: 'summary', round: undefined, all: true }],
    ['Sammanställning Alla Uppföljning KF 2019', { name: 'summary', round: 'Uppföljning KF 2019', all: true }],
    ['summary all', { name: 'summary', round: undefined, all: true }],
    ['sammanställning allaplaner', { name: 'summary', round: 'allaplaner' }],
    ['läge', { name: 'progress', round: undefined }],
    ['påminn uppfoljning-kf-2019', { name: 'remind', round: 'uppfoljning-kf-2019' }],
    ['exportera', { name: 'export', round: undefined, format: 'word' }],
    ['exportera csv', { name: 'export', round: undefined, format: 'csv' }],
    ['Exportera Uppföljning KF 2019 JSON', { name: 'export', round: 'Uppföljning KF 2019', format: 'json' }],
    ['export summary', { name: 'export', round: 'summary', format: 'word' }],
    ['summary', { name: 'summary', round: undefined }],
    ['radera allt', { name: 'unknown' }],
  ])('"%s"', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});

// The coordinator's commands for the register's export and the admin history.

import { parseCommand } from '../../../bot/teams/commands';
import { isCoordinatorCommand } from '../../../bot/teams/command-table';

describe('exportera register and historik', () => {
  it.each([
    ['exportera register', 'csv'],
    ['Exportera Register CSV', 'csv'],
    ['exportera register xlsx', 'xlsx'],
    ['exportera register excel', 'xlsx'],
    ['export register', 'csv'],
    ['export register xlsx.', 'xlsx'],
  ])('reads "%s" as the register in %s', (text, format) => {
    expect(parseCommand(text)).toEqual({ name: 'exportRegister', format });
  });

  it('still exports rounds, also one whose title begins with "register"', () => {
    expect(parseCommand('exportera')).toEqual({ name: 'export', round: undefined, format: 'word' });
    expect(parseCommand('exportera csv')).toEqual({ name: 'export', round: undefined, format: 'csv' });
    expect(parseCommand('exportera Uppföljning KF 2026 json')).toEqual({ name: 'export', round: 'Uppföljning KF 2026', format: 'json' });
    // A round titled "Register" is named together with a round format.
    expect(parseCommand('exportera Register word')).toEqual({ name: 'export', round: 'Register', format: 'word' });
    expect(parseCommand('exportera register 2026 csv')).toEqual({ name: 'export', round: 'register 2026', format: 'csv' });
  });

  it.each(['historik', 'Historik', 'history'])('reads "%s" as the history', (text) => {
    expect(parseCommand(text)).toEqual({ name: 'history' });
  });

  it('treats both as coordinator commands, answered only to coordinators', () => {
    expect(isCoordinatorCommand(parseCommand('historik'))).toBe(true);
    expect(isCoordinatorCommand(parseCommand('exportera register'))).toBe(true);
  });
});

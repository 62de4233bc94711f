// The real entry point (`node dist/bot/index.js`, what `npm start` runs) refuses a bad
// configuration before it listens: exit code 2 and one message listing every problem.

import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..', '..');

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/bot/index.js'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('starting the bot', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
  });

  it('refuses to listen on a public address without app credentials', async () => {
    const { code, stderr } = await start({ HOST: '0.0.0.0', PORT: '0' });
    expect(code).toBe(2);
    expect(stderr).toContain('HOST is 0.0.0.0 but MicrosoftAppId is not set');
  });

  it('lists every missing production setting at once', async () => {
    const { code, stderr } = await start({ HOST: '0.0.0.0', PORT: '0', MicrosoftAppId: '2f1c3a40-1b2c-4d5e-8f90-a1b2c3d4e5f6' });
    expect(code).toBe(2);
    for (const variable of ['MicrosoftAppPassword', 'MicrosoftAppTenantId', 'STORAGE_CONNECTION_STRING', 'PUBLIC_BASE_URL', 'DOWNLOAD_SIGNING_KEY']) {
      expect(stderr).toContain(variable);
    }
  });
});

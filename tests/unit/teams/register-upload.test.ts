import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_DOWNLOAD_RULES, downloadFile, registerFileOf } from '../../../bot/teams/register-upload';

describe('fetching a register file sent in Teams', () => {
  let server: http.Server;
  let base: string;
  let port: number;
  const hits: string[] = [];
  /** The local stand-in: plain http, any host. */
  const local = { ...DEFAULT_DOWNLOAD_RULES, allowHttp: true, allowedHosts: 'any' as const };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      const redirect = (location: string) => {
        res.writeHead(302, { location });
        res.end();
      };
      if (req.url === '/to-internal') return redirect(`http://localhost:${port}/internal`);
      if (req.url === '/to-file') return redirect('/file.csv');
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000).unref();
      if (req.url === '/chunked') {
        // No length header: the cap is counted while reading.
        res.writeHead(200);
        res.write(Buffer.alloc(600));
        res.end(Buffer.alloc(600));
        return;
      }
      res.end('Plan-id;Plan');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('refuses plain http unless the rules allow it (local mode only)', async () => {
    await expect(downloadFile(`${base}/file.csv`, DEFAULT_DOWNLOAD_RULES)).rejects.toMatchObject({ problem: 'not-allowed' });
    await expect(downloadFile('file:///etc/passwd', local)).rejects.toMatchObject({ problem: 'not-allowed' });
    expect((await downloadFile(`${base}/file.csv`, local)).toString()).toBe('Plan-id;Plan');
  });

  it("downloads only from Teams' file hosts, so a message cannot point the bot at internal addresses", async () => {
    for (const url of [
      'https://127.0.0.1/admin',
      'https://169.254.169.254/metadata/instance',
      'https://[::1]/',
      'https://10.0.0.5/',
      'https://intranet.kommun.local/register.csv',
      'https://kalmar.sharepoint.com.evil.example/register.csv',
      'https://evilsharepoint.com/register.csv',
      'https://kalmar-my.sharepoint.com@10.0.0.5/register.csv',
    ]) {
      await expect(downloadFile(url, DEFAULT_DOWNLOAD_RULES)).rejects.toMatchObject({ problem: 'not-allowed' });
    }
  });

  it('checks every redirect before following it, and follows one to an allowed host', async () => {
    const rules = { ...DEFAULT_DOWNLOAD_RULES, allowHttp: true, allowedHosts: ['127.0.0.1'] };
    hits.length = 0;
    await expect(downloadFile(`${base}/to-internal`, rules)).rejects.toMatchObject({ problem: 'not-allowed' });
    expect(hits).toEqual(['/to-internal']);
    expect((await downloadFile(`${base}/to-file`, rules)).toString()).toBe('Plan-id;Plan');
  });

  it('stops reading at the size cap and gives up after the timeout', async () => {
    // The size cap is checked with a generous timeout, so that a busy machine cannot turn it into a timeout.
    await expect(downloadFile(`${base}/chunked`, { ...local, maxBytes: 1000, timeoutMs: 10_000 })).rejects.toMatchObject({
      problem: 'too-large',
    });
    await expect(downloadFile(`${base}/slow`, { ...local, maxBytes: 1000, timeoutMs: 200 })).rejects.toMatchObject({
      problem: 'timeout',
    });
  });

  it('finds the file in a message only in a file.download.info attachment', () => {
    expect(registerFileOf({ attachments: [{ contentType: 'text/html', content: '<p>hej</p>' }] })).toBeUndefined();
    expect(
      registerFileOf({
        attachments: [
          { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'register.xlsx', content: { downloadUrl: 'https://x/y', fileType: 'xlsx' } },
        ],
      }),
    ).toEqual({ name: 'register.xlsx', downloadUrl: 'https://x/y', fileType: 'xlsx' });
  });
});

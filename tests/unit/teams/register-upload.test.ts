import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_DOWNLOAD_RULES, downloadFile, registerFileOf } from '../../../bot/teams/register-upload';

describe('fetching a register file sent in Teams', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
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
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('refuses plain http unless the rules allow it (local mode only)', async () => {
    await expect(downloadFile(`${base}/file.csv`, DEFAULT_DOWNLOAD_RULES)).rejects.toMatchObject({ problem: 'not-allowed' });
    await expect(downloadFile('file:///etc/passwd', { ...DEFAULT_DOWNLOAD_RULES, allowHttp: true })).rejects.toMatchObject({ problem: 'not-allowed' });
    expect((await downloadFile(`${base}/file.csv`, { ...DEFAULT_DOWNLOAD_RULES, allowHttp: true })).toString()).toBe('Plan-id;Plan');
  });

  it('stops reading at the size cap and gives up after the timeout', async () => {
    const rules = { allowHttp: true, maxBytes: 1000, timeoutMs: 200 };
    await expect(downloadFile(`${base}/chunked`, rules)).rejects.toMatchObject({ problem: 'too-large' });
    await expect(downloadFile(`${base}/slow`, rules)).rejects.toMatchObject({ problem: 'timeout' });
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

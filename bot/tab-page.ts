// The Teams tab's web page (built by Vite from tab/ into dist/tab/), served by the bot's own
// server at /tab/: the hashed assets with a long cache, index.html for every other path (the page
// reads its own address: /tab/config is the configuration page), never cached so that a new
// build is seen at once. Every answer says what may frame it (Teams, Outlook and Microsoft 365 only) and
// that only the page's own scripts run.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type restify from 'restify';
import type { Logger } from './app/logger';

/** The hosts that show a Teams tab in a frame (Teams on the web and desktop, Outlook, Microsoft 365). */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.skype.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.microsoft365.com',
];

/**
 * The sha-256 of nothing: Fluent UI (Griffel) adds empty <style> elements and fills them through
 * the CSSOM (insertRule), which CSP does not check; allowing only the empty inline style lets it,
 * while any <style> with content, like any inline script, is refused.
 */
const EMPTY_INLINE_STYLE = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/** No inline or foreign script; the API on the same origin only. */
const TAB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${EMPTY_INLINE_STYLE}`,
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Vite names what it builds under assets/ by a hash of the content: it never changes. */
const ASSETS = 'assets/';
const LONG_CACHE = 'public, max-age=31536000, immutable';

/** Adds GET /tab and /tab/* to the server, serving what is built in `dir`. */
export function serveTabPage(server: restify.Server, dir: string, log: Logger): void {
  const root = path.resolve(dir);
  // restify takes a handler that calls next() or an async one: this one answers at once.
  server.get('/tab', async (_req: restify.Request, res: restify.Response) => {
    res.writeHead(301, { location: '/tab/' });
    res.end();
  });
  const servePage = async (req: restify.Request, res: restify.Response) => {
    const wanted = decodedPath(req.url ?? '');
    const file = wanted === undefined ? undefined : path.resolve(root, wanted || 'index.html');
    if (wanted === undefined || file === undefined || !file.startsWith(root + path.sep)) return notFound(res);
    if (wanted.startsWith(ASSETS)) {
      const bytes = await readOrUndefined(file);
      return bytes ? answer(res, 200, contentTypeOf(file), LONG_CACHE, bytes) : notFound(res);
    }
    // Every other path is one of the page's own (it reads its address), or a file beside it.
    const asked = path.extname(file) && path.basename(file) !== 'index.html' ? await readOrUndefined(file) : undefined;
    if (asked) return answer(res, 200, contentTypeOf(file), 'no-cache', asked);
    const page = await readOrUndefined(path.join(root, 'index.html'));
    if (!page) {
      log.error('tab.not-built', { dir: root });
      return answer(res, 503, PLAIN_TEXT, 'no-store', Buffer.from('The tab is not built: run npm run build'));
    }
    return answer(res, 200, CONTENT_TYPES['.html'], 'no-cache', page);
  };
  // HEAD as well, for what checks a page is there (a proxy, a monitor) without its body.
  server.get('/tab/*', servePage);
  server.head('/tab/*', servePage);
}

/** The path below /tab/ without the query, or undefined when it does not decode. */
function decodedPath(url: string): string | undefined {
  const pathname = url.split(/[?#]/)[0].replace(/^\/tab\/?/, '');
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

const PLAIN_TEXT = 'text/plain; charset=utf-8';

function notFound(res: restify.Response): void {
  answer(res, 404, PLAIN_TEXT, 'no-store', Buffer.from('Not found'));
}

function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function readOrUndefined(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

function answer(res: restify.Response, status: number, contentType: string, cacheControl: string, body: Buffer): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': body.length,
    'cache-control': cacheControl,
    'content-security-policy': TAB_CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

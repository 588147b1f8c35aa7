import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors.ts';

/** Where `npm run build:web` puts the single-page app (web/vite.config.ts). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths that belong to the server itself; everything else under GET is the web UI's to route. */
const SERVER_PATHS = /^\/(api|healthz|readyz|metrics)(\/|$)/;

/** Hidden from OpenAPI (so the isolation matrix ignores them) and reachable without a session. */
const routeOptions = { config: { public: true }, schema: { hide: true } } as const;

/** Hashed file names change with their content, so browsers may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Bastei</title></head>
<body><h1>Bastei</h1>
<p>Die Weboberfläche ist noch nicht gebaut. Bitte <code>npm run build:web</code> ausführen und den Server neu starten
(oder <code>npm start</code>, das beides erledigt). Die API unter <a href="/api/openapi.json">/api/openapi.json</a> läuft.</p>
<p lang="en">The web UI has not been built. Run <code>npm run build:web</code> and restart the server.</p>
</body></html>
`;

/**
 * Serves the built web UI: hashed files under /assets/ cached for a year, index.html (and any
 * other top-level file) revalidated on every load, and index.html for every other GET that is
 * not a server path, so the SPA's deep links and reloads work. Pre-compressed `.br`/`.gz`
 * siblings written by the build are sent when the browser accepts them.
 * Without a build the server still starts and answers with a short page saying what to run.
 */
export async function registerWebUi(app: FastifyInstance, root: string = DEFAULT_WEB_ROOT): Promise<void> {
  const built = existsSync(join(root, 'index.html'));
  if (!built) {
    app.log.warn({ root }, 'web UI not built: run `npm run build:web`');
    const notBuilt = async (_request: unknown, reply: FastifyReply) =>
      reply
        .code(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(NOT_BUILT_PAGE);
    app.get('/', routeOptions, notBuilt);
    app.get('/*', routeOptions, async (request, reply) => {
      if (SERVER_PATHS.test(request.url)) throw new AppError('not-found');
      return notBuilt(request, reply);
    });
    return;
  }

  // Cache-Control is set here, not by @fastify/send: its fallback from a missing `.br`/`.gz`
  // sibling to the plain file forgets per-call options and would send `max-age=0`.
  await app.register(fastifyStatic, {
    root,
    serve: false,
    preCompressed: true,
    index: false,
    cacheControl: false,
  });

  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');

  app.get('/assets/*', routeOptions, (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    const file = `assets/${name}`;
    // A missing asset is a 404 problem, never index.html, and never cached for a year.
    if (!isFileIn(join(root, 'assets'), name)) throw new AppError('not-found');
    return reply.header('cache-control', IMMUTABLE).sendFile(file);
  });
  app.get('/', routeOptions, (_request, reply) => sendIndex(reply));
  app.get('/*', routeOptions, (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (SERVER_PATHS.test(path)) throw new AppError('not-found');
    // Top-level files of the build (favicon, robots.txt): served as they are, revalidated.
    const name = (request.params as { '*': string })['*'];
    if (/^[\w.-]+\.[a-z0-9]+$/i.test(name) && name !== 'index.html' && isFileIn(root, name)) {
      return reply.header('cache-control', 'no-cache').sendFile(name);
    }
    return sendIndex(reply);
  });
}

/** Whether `relative` names a regular file inside `root` (no way out through `..`). */
function isFileIn(root: string, relative: string): boolean {
  const base = resolve(root);
  const full = resolve(base, relative);
  if (!full.startsWith(base + sep)) return false;
  try {
    return statSync(full).isFile();
  } catch {
    return false;
  }
}

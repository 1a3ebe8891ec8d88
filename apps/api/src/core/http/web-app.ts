import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built Angular app from the API process: real files by path, and index.html for
 * any other browser navigation, so client-side routes survive a reload. API paths never fall
 * through to the page.
 */
export async function serveWebApp(fastify: FastifyInstance, distDir: string): Promise<boolean> {
  if (!existsSync(join(distDir, 'index.html'))) return false;
  await fastify.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    wildcard: false,
    index: false,
    // Hashed bundles can be cached for good; index.html must always be revalidated.
    setHeaders: (res, path) => {
      res.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
  const sendIndex = (_req: unknown, reply: { header(n: string, v: string): unknown; sendFile(f: string): unknown }) => {
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  };
  fastify.get('/', sendIndex);
  fastify.get('/*', (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send({ statusCode: 404, error: 'not_found', message: 'Not found' });
    }
    return sendIndex(request, reply);
  });
  return true;
}

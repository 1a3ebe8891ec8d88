import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startApi } from './lib/api-process.mjs';
import { CHROMIUM, ROOT, WEB_DIST } from './lib/paths.mjs';
import { signIn } from './lib/sign-in.mjs';
import { kib, ms, summarize } from './lib/stats.mjs';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const QUEUE_PAGE = { path: '/escalations', ready: 'app-escalation-card', name: 'escalation queue (/escalations), first card visible' };
const HOME_PAGE = { path: '/', ready: 'main h1', name: 'home page (/), heading visible' };

/**
 * The JS a browser must fetch before the app starts: the entry scripts and modulepreloads named
 * in index.html and, transitively, every chunk they import statically (the builder lists only
 * some of them as modulepreloads). Lazy routes (`import("./chunk…")`) are left out.
 */
export function initialScripts(html, read) {
  const entries = new Set();
  for (const [, src] of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"[^>]*>/g)) entries.add(src);
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    if (/\brel="modulepreload"/.test(tag)) entries.add(/\bhref="([^"]+)"/.exec(tag)[1]);
  }
  const files = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, imported] of read(file).toString('utf8').matchAll(/(?:\bfrom|\bimport)\s*"\.\/([^"]+\.js)"/g)) visit(imported);
  };
  for (const entry of entries) visit(entry);
  return [...files];
}

function initialSize() {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const read = (file) => readFileSync(join(WEB_DIST, file));
  const files = initialScripts(html, read);
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const content = read(file);
    raw += content.length;
    gzipped += gzipSync(content, { level: 9 }).length;
  }
  const budget = JSON.parse(readFileSync(join(ROOT, 'angular.json'), 'utf8')).projects?.web?.architect?.build?.configurations?.production?.budgets?.find((b) => b.type === 'initial');
  return { files: files.length, raw, gzipped, budget };
}

/**
 * Figure 6: the initial JS (gzip -9 of the entry script and everything it imports statically) and
 * the time from navigation start to the queue page's first card being visible, signed in, in a
 * fresh browser context per run (cold cache), median of `webRuns`.
 */
export async function runWeb(ctx) {
  const { settings, owner, data } = ctx;
  const section = ctx.report.section('6. Web');
  const size = initialSize();
  section.row({
    figure: `initial JS, gzipped (${size.files} files)`,
    value: kib(size.gzipped),
    baseline: size.budget ? `${kib(size.raw)} raw; budget ${size.budget.maximumWarning} raw` : `${kib(size.raw)} raw`,
  });

  const api = await startApi({ databaseUrl: ctx.database.url, settings, label: 'api-web' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    let page = QUEUE_PAGE;
    const times = [];
    const paints = [];
    for (let run = 0; run < settings.webRuns; run += 1) {
      // A refresh token is single-use (rotation), so every cold start gets a fresh sign-in.
      const { refreshToken } = (await signIn(api.baseUrl, owner, [data.queue.web.email])).get(data.queue.web.email);
      const context = await browser.newContext();
      await context.addCookies([{ name: 'rf_refresh', value: refreshToken, domain: '127.0.0.1', path: '/api/v1/auth', httpOnly: true, secure: false, sameSite: 'Lax' }]);
      const tab = await context.newPage();
      try {
        const result = await timeToVisible(tab, `${api.baseUrl}${page.path}`, page.ready);
        if (result.notFound && page === QUEUE_PAGE) {
          // The queue page is not in this build: measure the home page instead, and say so.
          page = HOME_PAGE;
          run -= 1;
          continue;
        }
        if (result.notFound) throw new Error(`${page.path} answered the not-found page`);
        times.push(result.visibleMs);
        if (Number.isFinite(result.fcpMs)) paints.push(result.fcpMs);
      } finally {
        await context.close();
      }
    }
    const render = summarize(times);
    section.row({ figure: `time to first render: ${page.name}, median of ${times.length}`, value: ms(render.p50), baseline: paints.length ? `first contentful paint ${ms(summarize(paints).p50)}` : undefined });
    section.note(`Runs: ${times.map((t) => ms(t)).join(', ')} — from navigation start, signed in through the refresh cookie, fresh context (cold cache) each run, API on the same machine.`);
    if (page === HOME_PAGE) section.note('The escalation queue page (/escalations) is not in this build; the home page was measured instead.');
  } finally {
    await browser.close();
    await api.stop();
  }
}

async function timeToVisible(tab, url, selector) {
  await tab.goto(url, { waitUntil: 'commit' });
  const handle = await tab.waitForFunction(
    (sel) => {
      if (document.title.startsWith('Page not found')) return { notFound: true };
      const el = document.querySelector(sel);
      if (!el) return false;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return false;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { notFound: false, visibleMs: performance.now(), fcpMs: fcp ? fcp.startTime : NaN };
    },
    selector,
    { polling: 'raf', timeout: 30_000 },
  );
  return handle.jsonValue();
}

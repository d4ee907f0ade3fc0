import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { bridgeInfo, callMain, screenUrl } from '../helpers/e2e/bridge.js';

/*
 * Scale: the preview table and the report table of a 1,000,000-client import show their first rows in
 * under a second. The report table pages `runs:get` from SQLite; the preview answers its first page
 * as soon as those clients are planned (`progressive`), while the rest are still being planned. The
 * import and a completed run over it are seeded straight into the bridge's database (importing and
 * syncing a million clients for real would take many minutes) and removed afterwards, so other specs
 * never see them.
 */
const ROWS = 1_000_000;
const GROUP = 'Мащабна група';
let runId = 0;
let importId = 0;
let firstClient = 0;

/** Settings this spec changes, with their values before it, restored afterwards. */
const restore: Array<{ key: 'mailchimp.listId'; value: string }> = [];

function unwrap<T>(res: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return res.value;
}

/** Mailchimp connected to the bridge's simulator with an audience chosen (as after the wizard), and the seeded group mapped. */
async function connectAndMap(): Promise<void> {
  const settings = unwrap(await callMain('settings:get', {}));
  if (!settings.values['mailchimp.listId']) {
    const sim = bridgeInfo().simulator;
    if (!sim) throw new Error('the bridge runs without the simulator');
    restore.push({ key: 'mailchimp.listId', value: '' });
    const { audiences } = unwrap(await callMain('mailchimp:connect', { apiKey: sim.apiKey, baseUrl: sim.baseUrl }));
    unwrap(await callMain('settings:set', { key: 'mailchimp.listId', value: audiences[0]!.id }));
  }
  const { categories } = unwrap(await callMain('mailchimp:audience', {}));
  let interest = categories.flatMap((c) => c.interests)[0];
  if (!interest) {
    const category = unwrap(await callMain('mailchimp:createCategory', { title: 'Групи' }));
    interest = unwrap(await callMain('mailchimp:createInterest', { categoryId: category.id, name: GROUP }));
  }
  unwrap(await callMain('mapping:setGroup', { barsyGroup: GROUP, interestId: interest.id }));
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const t0 = Date.now();
  const db = new Database(bridgeInfo().dbPath, { timeout: 30_000 });
  try {
    db.transaction(() => {
      const now = new Date().toISOString();
      importId = Number(
        db
          .prepare(
            `INSERT INTO imports (file_name, file_path, file_size, sha256, encoding, delimiter, column_mapping, rows, client_count, representative_count,
               duplicates, created_at, used_seq, reason_counts)
             VALUES ('scale.csv', '/tmp/scale.csv', 1, 'scale', 'utf8', ';', '[]', ?, ?, 0, 0, ?, (SELECT COALESCE(MAX(used_seq), 0) + 1 FROM imports), ?)`,
          )
          .run(ROWS, ROWS, now, JSON.stringify([[GROUP, [], ROWS]])).lastInsertRowid,
      );
      db.prepare('INSERT INTO client_groups (import_id, name, client_count) VALUES (?, ?, ?)').run(importId, GROUP, ROWS);
      firstClient = (db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM clients').get() as { id: number }).id;
      // One statement each, generated inside SQLite: a million rows in seconds.
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO clients (id, import_id, line, barsy_id, code, name, company, email, group_name, subscribed, deleted, extra, reasons)
         SELECT ? + i - 1, ?, i + 1, 'B' || i, 'C' || i, 'Клиент Номер' || i, '', 'client' || i || '@shop.bg', ?, 1, 0, '{}', '[]' FROM n`,
      ).run(ROWS, firstClient, importId, GROUP);
      // An import's clients are its id range (migration 076), as the importer records it.
      db.prepare('UPDATE imports SET first_client_id = ?, last_client_id = ? WHERE id = ?').run(firstClient, firstClient + ROWS - 1, importId);
      runId = Number(
        db
          .prepare(
            `INSERT INTO sync_runs (list_id, audience_name, import_id, dry_run, status, removal_policy, started_at, finished_at, duration_ms)
             VALUES ('scale-list', 'Мащабна аудитория', ?, 0, 'completed', 'leave', ?, ?, 60000)`,
          )
          .run(importId, now, now).lastInsertRowid,
      );
      db.prepare(
        `INSERT INTO run_items (run_id, client_id, line, name, email, email_hash, group_name, action, state, outcome)
         SELECT ?, id, line, name, email, NULL, group_name, 'create', 'done', 'created' FROM clients WHERE id BETWEEN ? AND ?`,
      ).run(runId, firstClient, firstClient + ROWS - 1);
    })();
  } finally {
    db.close();
  }
  process.stdout.write(`seeded an import of ${ROWS} clients and a run over it in ${Date.now() - t0} ms\n`);
  await callMain('settings:set', { key: 'ui.wizardStep', value: 'done' });
  await connectAndMap();
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  const db = new Database(bridgeInfo().dbPath, { timeout: 30_000 });
  try {
    db.transaction(() => {
      db.prepare('DELETE FROM run_items WHERE run_id = ?').run(runId);
      db.prepare('DELETE FROM run_reports WHERE run_id = ?').run(runId);
      db.prepare('DELETE FROM sync_runs WHERE id = ?').run(runId);
      db.prepare('DELETE FROM clients WHERE id BETWEEN ? AND ?').run(firstClient, firstClient + ROWS - 1);
      db.prepare('DELETE FROM client_groups WHERE import_id = ?').run(importId);
      db.prepare('DELETE FROM imports WHERE id = ?').run(importId);
    })();
  } finally {
    db.close();
  }
  for (const { key, value } of restore) await callMain('settings:set', { key, value });
});

/** What the page-side check below uses of the DOM (this file is type-checked without the DOM library). */
type PageDocument = { querySelectorAll(selector: string): Iterable<{ textContent: string | null; checkVisibility(): boolean }> };

/**
 * Milliseconds from navigation to the first data row of the screen's virtual table being in the page and
 * visible. Checked in the page at every animation frame: Playwright's own `waitFor` (and `expect`)
 * re-check at 0, 20, 50, 100, 100 ms and then only every 500 ms, so rows that appear 0.3 s after the
 * navigation would be reported up to half a second late.
 */
async function firstRowsMs(page: Page, hash: string, firstCell: string): Promise<number> {
  await page.goto(screenUrl('home'));
  await page.waitForLoadState('networkidle');
  const t0 = Date.now();
  await page.goto(screenUrl(hash));
  await page.waitForFunction(
    (text) => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      return [...doc.querySelectorAll('[role="cell"]')].some((cell) => cell.textContent?.trim() === text && cell.checkVisibility());
    },
    firstCell,
    { polling: 'raf', timeout: 60_000 },
  );
  return Date.now() - t0;
}

/** See the assertions: the 1 s target is measured and printed; the test guards against loading every row. */
const FIRST_ROWS_GUARD_MS = 3_000;

/** The virtual table that knows it has a row per client of the run (plus its header row). */
const bigTable = (page: Page) => page.locator(`[role="table"][aria-rowcount="${ROWS + 1}"]`);

test('the preview table of a 1M-client import shows its first rows at once (paged), while the rest is planned', async ({ page }) => {
  const ms = await firstRowsMs(page, 'preview', 'client1@shop.bg');
  test.info().annotations.push({ type: 'first rows', description: `${ms} ms for ${ROWS} clients` });
  process.stdout.write(`preview table of ${ROWS} clients: first rows after ${ms} ms\n`);
  // The figure (target < 1 s) goes to the README; the assertion is a guard with room for a loaded CI
  // machine: reading or planning every client before the first rows takes many seconds, not three.
  expect(ms).toBeLessThan(FIRST_ROWS_GUARD_MS);
  await expect(bigTable(page)).toBeVisible();
  // The rest is still being planned, and the screen says how far it got (in either UI language), moving on
  // as main pushes its progress (`preview:progress`; the screen does not poll).
  const planning = page.getByTestId('preview-planning');
  await expect(planning).toContainText(/1\D000\D000/);
  const before = await planning.textContent();
  await expect(planning).not.toHaveText(before ?? '', { timeout: 15_000 });
  await expect(planning).toContainText(/1\D000\D000/);
});

test('the report table of a 1M-client run shows its first rows at once (paged), and rows deep in the run on demand', async ({ page }) => {
  const t0 = Date.now();
  unwrap(await callMain('runs:get', { runId, limit: 100 }));
  process.stdout.write(`runs:get of a ${ROWS}-row run, first page: ${Date.now() - t0} ms\n`);
  const ms = await firstRowsMs(page, `reports/${runId}`, 'client1@shop.bg');
  test.info().annotations.push({ type: 'first rows', description: `${ms} ms for ${ROWS} rows` });
  process.stdout.write(`report table of ${ROWS} rows: first rows after ${ms} ms\n`);
  expect(ms).toBeLessThan(FIRST_ROWS_GUARD_MS);
  await expect(bigTable(page)).toBeVisible();
  // The keys move the rows by what they say even where a scrolled pixel stands for more than one (past the
  // cap): Page Down shows the next screenful (rows ~9–18), not one three screens on.
  const cell = (n: number) => page.getByRole('cell', { name: `client${n}@shop.bg`, exact: true });
  await expect(cell(15)).not.toBeInViewport();
  await bigTable(page).locator('.barsy-vt-scroll').focus();
  await page.keyboard.press('PageDown');
  // Once the scroll has settled (the browser may animate it): the next screenful, and no further.
  let lastTop = -1;
  await expect
    .poll(async () => {
      const top = await bigTable(page).locator('.barsy-vt-scroll').evaluate((el) => (el as unknown as { scrollTop: number }).scrollTop);
      const settled = top === lastTop && top > 0;
      lastTop = top;
      return settled;
    }, { intervals: [150] })
    .toBe(true);
  await expect(cell(15)).toBeInViewport();
  await expect(cell(30)).not.toBeInViewport();
  // Scrolled to the end, the table asks for a page deep in the run (from the run's line index), not the
  // whole run, and shows the last client: past the height a browser allows a scroll area (~33.5 million
  // pixels in Chromium, ~700,000 rows of 48 pixels) the scroll position maps proportionally onto the rows.
  const t1 = Date.now();
  await bigTable(page)
    .locator('.barsy-vt-scroll')
    .evaluate((el) => {
      const box = el as unknown as { scrollTop: number; scrollHeight: number };
      box.scrollTop = box.scrollHeight;
    });
  await expect(cell(ROWS)).toBeInViewport({ timeout: 15_000 });
  process.stdout.write(`report table scrolled to the end: client ${ROWS} shown after ${Date.now() - t1} ms\n`);
  // Every row up to the end is reachable: half-way down the scroll shows the clients half-way through the run.
  await bigTable(page)
    .locator('.barsy-vt-scroll')
    .evaluate((el) => {
      const box = el as unknown as { scrollTop: number; scrollHeight: number; clientHeight: number };
      box.scrollTop = (box.scrollHeight - box.clientHeight) / 2;
    });
  await expect(cell(ROWS / 2)).toBeInViewport({ timeout: 15_000 });
});

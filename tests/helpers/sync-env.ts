import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTempApp, type TempApp } from './temp-context.js';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../main/mailchimp-simulator/index.js';
import { createMailchimpClient } from '../../main/mailchimp/sdk-client.js';
import { subscriberHash } from '../../main/mailchimp/subscriber-hash.js';
import type { MailchimpApi, Member } from '../../main/mailchimp/mailchimp-api.js';
import { startSync } from '../../main/sync/engine.js';
import type { SyncOptions } from '../../main/sync/sync-options.js';
import { loadRunItems } from '../../main/runs/load-run.js';
import type { RunItem, RunSummary } from '../../shared/domain/sync.js';
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/ipc-contract.js';

/** One client row of a generated Barsy export (UTF-8, ";"-separated, the sample's headers). */
export type Row = {
  id: number;
  name: string;
  email: string;
  group: string;
  subscribed?: boolean;
  deleted?: boolean;
  company?: string;
  phone?: string;
  note?: string;
  manager?: [string, string];
  accountant?: [string, string];
};

const HEADERS = ['ID', 'Код', 'Име', 'Фирма', 'Email', 'Група', 'Maillist абонамент', 'Изтрит', 'Телефон', 'Бележка', 'Управител: Име', 'Управител: Телефон', 'Счетоводител: Име', 'Счетоводител: Телефон'];
const cell = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes rows as a Barsy-like CSV and returns its path. */
export function writeCsv(dir: string, rows: readonly Row[], name = `clients-${Date.now()}-${Math.random().toString(36).slice(2)}.csv`): string {
  const lines = [HEADERS.join(';')];
  for (const r of rows) {
    lines.push(
      [String(r.id), `C${r.id}`, r.name, r.company ?? '', r.email, r.group, r.subscribed === false ? 'Не' : 'Да', r.deleted ? 'Да' : 'Не', r.phone ?? '', r.note ?? '', ...(r.manager ?? ['', '']), ...(r.accountant ?? ['', ''])]
        .map(cell)
        .join(';'),
    );
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`, 'utf8');
  return file;
}

/** `n` generated clients spread over the demo audience's four groups. */
export function manyRows(n: number, start = 1): Row[] {
  const groups = ['Редовни клиенти', 'VIP', 'Заведения', 'Фирми'];
  return Array.from({ length: n }, (_, i) => {
    const id = start + i;
    return { id, name: `Клиент Номер${id}`, email: `client${id}@shop-${id % 97}.bg`, group: groups[id % groups.length]!, note: `бележка ${id}` };
  });
}

export type SyncEnv = {
  app: TempApp;
  sim: SimulatorHandle;
  /** A client with short retry delays, for the engine and for reading the audience like a client would. */
  api: MailchimpApi;
  listId: string;
  /** Calls a channel through the dispatcher; a failure throws. */
  call<C extends ChannelName>(channel: C, req: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Imports rows (a new import becomes the current one). */
  importRows(rows: readonly Row[]): Promise<void>;
  /** Maps every group and field by name, as `map auto` does. */
  autoMap(): Promise<void>;
  /** Runs a sync to its end. */
  sync(opts?: Partial<SyncOptions>): Promise<RunSummary>;
  items(runId: number): RunItem[];
  /** Every member (archived ones too), sorted by email. */
  members(): Promise<Member[]>;
  interestId(name: string): Promise<string>;
  memberHash(email: string): string;
  writes(): number;
  cleanup(): Promise<void>;
};

/** A temp database, an in-process simulator (seeded demo audience) and the settings pointing at it. */
export async function createSyncEnv(simOpts: SimulatorOptions = {}, opts: { reportEmail?: boolean } = {}): Promise<SyncEnv> {
  const app = createTempApp('barsy-sync-');
  const sim = await startSimulator({ port: 0, ...simOpts });
  const s = app.ctx.settings;
  s.set('mailchimp.apiKey', sim.apiKey);
  s.set('mailchimp.baseUrl', sim.baseUrl);
  s.set('mailchimp.listId', sim.listId);
  if (opts.reportEmail !== false) s.set('report.email', 'owner@magazin.bg');
  const api = createMailchimpClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, concurrency: 10, retry: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 40 } });
  const call = async <C extends ChannelName>(channel: C, req: RequestOf<C>): Promise<ResponseOf<C>> => {
    const res = await app.dispatch(channel, req);
    if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(res.error)}`);
    return res.value as ResponseOf<C>;
  };
  return {
    app,
    call,
    sim,
    api,
    listId: sim.listId,
    async importRows(rows) {
      await call('import:run', { path: writeCsv(app.dir, rows) });
    },
    async autoMap() {
      await call('mapping:auto', {});
    },
    async sync(o = {}) {
      const { done } = await startSync(app.ctx, { dryRun: false, api, ...o });
      return done;
    },
    items: (runId) => loadRunItems(app.ctx.db, runId).items,
    async members() {
      const [live, archived] = await Promise.all([api.listMembers(sim.listId), api.listMembers(sim.listId, { status: 'archived' })]);
      return [...live, ...archived].sort((a, b) => a.email_address.localeCompare(b.email_address));
    },
    async interestId(name) {
      for (const c of await api.listInterestCategories(sim.listId)) {
        const hit = (await api.listInterests(sim.listId, c.id)).find((i) => i.name === name);
        if (hit) return hit.id;
      }
      throw new Error(`no interest ${name}`);
    },
    memberHash: (email) => subscriberHash(email),
    writes: () => sim.stats().writes,
    async cleanup() {
      await app.cleanup();
      await sim.close();
    },
  };
}

/** The demo audience's seeded members as export rows, all subscribed in Barsy. */
export const SEEDED: Row[] = [
  { id: 1, name: 'Иван Петров', email: 'ivan.petrov@abv.bg', group: 'Редовни клиенти', phone: '0888 123 456' },
  { id: 2, name: 'Мария Иванова', email: 'maria.ivanova@gmail.com', group: 'VIP' },
  { id: 3, name: 'Ресторант Липа', email: 'restorant.lipa@abv.bg', group: 'Заведения', company: 'Липа ЕООД', manager: ['Стоян Липов', '0888 555 111'], accountant: ['Ваня Маркова', '0899 222 333'] },
  { id: 4, name: 'Георги Димитров', email: 'georgi.dimitrov@abv.bg', group: 'Редовни клиенти' },
  { id: 5, name: 'Елена Стоянова', email: 'elena.stoyanova@gmail.com', group: 'VIP' },
  { id: 6, name: 'Петър Николов', email: 'petar.nikolov@abv.bg', group: 'Редовни клиенти' },
  { id: 7, name: 'Десислава Георгиева', email: 'desislava.georgieva@gmail.com', group: 'VIP' },
  { id: 8, name: 'Николай Тодоров', email: 'nikolay.todorov@abv.bg', group: 'Фирми' },
  { id: 9, name: 'Стефан Колев', email: 'stefan.kolev@gmail.com', group: 'Редовни клиенти' },
  { id: 10, name: 'Нов Клиент', email: 'nov.klient@abv.bg', group: 'VIP', note: 'Предпочита SMS' },
];

/** The member with this email. */
export function memberOf(members: readonly Member[], email: string): Member {
  const m = members.find((x) => x.email_address.toLowerCase() === email.toLowerCase());
  if (!m) throw new Error(`no member ${email}`);
  return m;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

export type CliResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Runs `barsy-sync ARGS` (English messages) in a child process; `onSpawn` gets its pid. */
export function runCli(args: string[], onSpawn?: (pid: number) => void): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/barsy-sync.mjs'), ...args], { cwd: ROOT, env: { ...process.env, BARSY_SYNC_LANG: 'en' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (child.pid) onSpawn?.(child.pid);
  });
}

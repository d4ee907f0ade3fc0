import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimClient } from '../helpers/simulator/sim-client.js';

/** The issue-12 switches as a user passes them to `barsy-sync simulator` (a real child process). */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/barsy-sync.mjs');

describe('barsy-sync simulator switches', () => {
  it('--gdpr --review --locale de --neighbour --too-many-signups --deleted-as-compliance --batch-delay', async () => {
    const args = ['simulator', '--port', '0', '--json', '--gdpr', '--review', '--locale', 'de', '--neighbour', '3'];
    args.push('--too-many-signups', 'busy@abv.bg', '--deleted-as-compliance', '--batch-delay', '0');
    const child = spawn(process.execPath, [bin, '--db', '/nonexistent-barsy/db.sqlite', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          if (buf.includes('\n')) resolve(buf.slice(0, buf.indexOf('\n')));
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const { baseUrl, apiKey, listId } = JSON.parse(line) as { baseUrl: string; apiKey: string; listId: string };
      const api = new SimClient(baseUrl, apiKey);
      const list = `/lists/${listId}`;
      expect((await api.get(list)).body.marketing_permissions).toBe(true);
      const created = await api.put(`${list}/members/neu@abv.bg`, { email_address: 'neu@abv.bg', status_if_new: 'subscribed' });
      expect(created.body.status).toBe('pending');
      expect((await api.put(`${list}/members/x@bar.com`, { email_address: 'x@bar.com', status_if_new: 'subscribed' })).body.detail).toContain('scheint gefälscht');
      expect((await api.put(`${list}/members/busy@abv.bg`, { email_address: 'busy@abv.bg', status_if_new: 'subscribed' })).body.detail).toContain('sehr vielen Listen');
      expect((await api.put(`${list}/members/stefan.kolev@gmail.com`, { email_address: 'stefan.kolev@gmail.com', status_if_new: 'subscribed' })).body.title).toBe('Member In Compliance State');
      const stats = await fetch(baseUrl.replace('/3.0', '/__simulator/stats'), { headers: { Authorization: `Basic ${Buffer.from(`x:${apiKey}`).toString('base64')}` } });
      expect(((await stats.json()) as { neighbour: { connections: number } }).neighbour.connections).toBe(3);
      expect(api.violations).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses an unknown locale with a one-line reason', async () => {
    const child = spawn(process.execPath, [bin, 'simulator', '--port', '0', '--locale', 'fr'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toContain('expected en or de');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

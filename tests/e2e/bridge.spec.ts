import fs from 'node:fs';
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { bridgeInfo } from '../helpers/e2e/bridge.js';

/** A raw request, so the Host header can be forged (fetch does not allow it). */
function request(opts: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<{ status: number; body: string }> {
  const { port } = bridgeInfo();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method, path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

test.describe('browser test bridge', () => {
  test('refuses calls, uploads and the page without the token, and a foreign Host', async () => {
    const { token } = bridgeInfo();
    expect((await request({ method: 'POST', path: '/ipc/app:info', body: '{}' })).status).toBe(401);
    expect((await request({ method: 'POST', path: '/ipc/app:info', headers: { 'x-barsy-token': 'wrong' }, body: '{}' })).status).toBe(401);
    expect((await request({ method: 'POST', path: '/upload?name=a.csv', body: 'x' })).status).toBe(401);
    expect((await request({ method: 'GET', path: '/' })).status).toBe(401);
    const rebinding = await request({ method: 'POST', path: '/ipc/app:info', headers: { 'x-barsy-token': token, host: 'evil.example:80' }, body: '{}' });
    expect(rebinding.status).toBe(403);
  });

  test('answers with the same WireResult as the app, including unknown channels and bad requests', async () => {
    const { token } = bridgeInfo();
    const headers = { 'x-barsy-token': token, 'content-type': 'application/json' };
    const info = JSON.parse((await request({ method: 'POST', path: '/ipc/app:info', headers, body: '{}' })).body);
    expect(info.ok).toBe(true);
    const unknown = JSON.parse((await request({ method: 'POST', path: '/ipc/no:such', headers, body: '{}' })).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'ipc_unknown_channel' } });
    const invalid = JSON.parse((await request({ method: 'POST', path: '/ipc/settings:set', headers, body: '{"key":"nope","value":"x"}' })).body);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'ipc_invalid_request' } });
  });

  test('stores an upload under a safe name and returns its path', async () => {
    const { token } = bridgeInfo();
    const res = await request({ method: 'POST', path: `/upload?name=${encodeURIComponent('../../клиенти:1.csv')}`, headers: { 'x-barsy-token': token }, body: Buffer.from('a;b\r\n1;2\r\n') });
    const { path } = JSON.parse(res.body) as { path: string };
    expect(path).toMatch(/клиенти_1\.csv$/);
    expect(fs.readFileSync(path, 'utf8')).toBe('a;b\r\n1;2\r\n');
  });
});

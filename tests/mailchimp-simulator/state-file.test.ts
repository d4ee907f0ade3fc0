import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestSim } from '../helpers/simulator/sim-client.js';

/** State survives a restart through the JSON state file, read back through the API. */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-sim-state-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'state.json');
}

describe('state save and load', () => {
  it('saves on close and loads at start: key, audience, members, groups and forgotten addresses', async () => {
    const file = tempFile();
    const first = await startTestSim({ stateFile: file, seed: 42 });
    const cat = await first.api.post(`${first.list}/interest-categories`, { title: 'Запазени', type: 'checkboxes' });
    const interest = await first.api.post(`${first.list}/interest-categories/${cat.body.id}/interests`, { name: 'Постоянни' });
    const saved = await first.api.put(`${first.list}/members/keep@abv.bg`, {
      email_address: 'keep@abv.bg',
      status_if_new: 'subscribed',
      merge_fields: { FNAME: 'Пазя', ADDRESS: { addr1: 'ул. Шипка 5', city: 'Пловдив', state: '', zip: '4000', country: 'BG' } },
      interests: { [interest.body.id]: true },
    });
    await first.api.post(`${first.list}/members/ivan.petrov@abv.bg/actions/delete-permanent`);
    expect(first.api.violations).toEqual([]);
    await first.sim.close();
    expect(fs.existsSync(file)).toBe(true);

    const second = await startTestSim({ stateFile: file });
    try {
      expect(second.sim.apiKey).toBe(first.sim.apiKey);
      expect(second.sim.listId).toBe(first.sim.listId);
      const again = await second.api.get(`${second.list}/members/keep@abv.bg`);
      expect(again.body).toEqual({ ...saved.body, _links: again.body._links });
      const gone = await second.api.put(`${second.list}/members/ivan.petrov@abv.bg`, { email_address: 'ivan.petrov@abv.bg', status_if_new: 'subscribed' });
      expect(gone.body.title).toBe('Forgotten Email Not Subscribed');
      // Ids keep counting from where they were: a new category does not reuse an old id.
      const next = await second.api.post(`${second.list}/interest-categories`, { title: 'Нова', type: 'checkboxes' });
      expect(next.body.id).not.toBe(cat.body.id);
      expect(second.api.violations).toEqual([]);
    } finally {
      await second.sim.close();
    }
  });

  it('saves on demand to another file, and the same seed gives the same account without a file', async () => {
    const a = await startTestSim({ seed: 5 });
    const b = await startTestSim({ seed: 5 });
    const c = await startTestSim({ seed: 6 });
    try {
      expect([b.sim.apiKey, b.sim.listId]).toEqual([a.sim.apiKey, a.sim.listId]);
      expect(c.sim.apiKey).not.toBe(a.sim.apiKey);
      const file = tempFile();
      await a.sim.save(file);
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ format: 'barsy-mailchimp-simulator-state', version: 1, apiKey: a.sim.apiKey });
      await expect(b.sim.save()).rejects.toThrow(/no state file/);
    } finally {
      await Promise.all([a.sim.close(), b.sim.close(), c.sim.close()]);
    }
  });
});

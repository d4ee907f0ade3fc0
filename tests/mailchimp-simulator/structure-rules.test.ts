import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/simulator/sim-client.js';

/** Merge fields, interest categories, interests and paging (NOTES §2, §3, §10.4–10.6). */
let t: TestSim;

beforeEach(async () => {
  t = await startTestSim({ seedDemo: false });
});
afterEach(async () => {
  expect(t.api.violations).toEqual([]);
  await t.sim.close();
});

describe('merge fields', () => {
  it('starts an empty audience with Mailchimp default fields', async () => {
    const res = await t.api.get(`${t.list}/merge-fields`);
    expect(res.body.merge_fields.map((f: { tag: string; type: string }) => `${f.tag}:${f.type}`)).toEqual(['FNAME:text', 'LNAME:text', 'ADDRESS:address', 'PHONE:phone']);
    expect((await t.api.get(`${t.list}/members`)).body.total_items).toBe(0);
  });

  it('assigns MMERGE<n> without a tag, upper-cases tags and refuses bad or duplicate ones', async () => {
    const auto = await t.api.post(`${t.list}/merge-fields`, { name: 'Бележка', type: 'text' });
    expect(auto.body).toMatchObject({ tag: 'MMERGE5', merge_id: 5 });
    expect((await t.api.post(`${t.list}/merge-fields`, { name: 'Карта', type: 'text', tag: 'card_no' })).body.tag).toBe('CARD_NO');
    for (const tag of ['ELEVENCHARS', 'ГРАД', 'A-B']) {
      const bad = await t.api.post(`${t.list}/merge-fields`, { name: 'x', type: 'text', tag });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('tag');
    }
    const dup = await t.api.post(`${t.list}/merge-fields`, { name: 'Отново', type: 'text', tag: 'FNAME' });
    expect(dup.status).toBe(400);
    expect(dup.body.detail).toBe('A Merge Field with the tag "FNAME" already exists for this list.');
    const badType = await t.api.post(`${t.list}/merge-fields`, { name: 'x', type: 'colour' });
    expect(badType.body.errors).toEqual([{ field: 'type', message: 'Value is not one of enum list' }]);
    expect((await t.api.post(`${t.list}/merge-fields`, { name: 'x' })).body.errors).toEqual([{ field: 'type', message: 'This value should not be blank.' }]);
  });

  it('filters by type and required, and enforces the field cap', async () => {
    await t.api.post(`${t.list}/merge-fields`, { name: 'Точки', type: 'number', required: true });
    await t.api.post(`${t.list}/merge-fields`, { name: 'Ден', type: 'date' });
    expect((await t.api.get(`${t.list}/merge-fields`, { type: 'text' })).body.total_items).toBe(2);
    const required = await t.api.get(`${t.list}/merge-fields`, { required: true });
    expect(required.body.merge_fields.map((f: { name: string }) => f.name)).toEqual(['Точки']);
    expect((await t.api.get(`${t.list}/merge-fields`, { required: false })).body.total_items).toBe(5);
    for (let i = 7; i <= 30; i += 1) expect((await t.api.post(`${t.list}/merge-fields`, { name: `F${i}`, type: 'text' })).status).toBe(200);
    const over = await t.api.post(`${t.list}/merge-fields`, { name: 'F31', type: 'text' });
    expect(over.status).toBe(400);
    expect(over.body.title).toBe('Invalid Resource');
  });
});

describe('interest categories and interests', () => {
  it('refuses duplicate category titles and interest names with Mailchimp messages', async () => {
    const cat = await t.api.post(`${t.list}/interest-categories`, { title: 'Групи', type: 'checkboxes' });
    const dupCat = await t.api.post(`${t.list}/interest-categories`, { title: 'Групи', type: 'radio' });
    expect(dupCat.body).toMatchObject({ status: 400, detail: "An interest category with the title 'Групи' already exists." });
    const other = await t.api.post(`${t.list}/interest-categories`, { title: 'Други', type: 'hidden' });
    await t.api.post(`${t.list}/interest-categories/${cat.body.id}/interests`, { name: 'VIP' });
    const dup = await t.api.post(`${t.list}/interest-categories/${other.body.id}/interests`, { name: 'VIP' });
    expect(dup.body).toMatchObject({ status: 400, detail: 'Cannot add "VIP" because it already exists on the list.' });
    expect((await t.api.post(`${t.list}/interest-categories/nope/interests`, { name: 'X' })).status).toBe(404);
  });

  it('holds at most 60 interests across all categories', async () => {
    const a = await t.api.post(`${t.list}/interest-categories`, { title: 'A', type: 'checkboxes' });
    const b = await t.api.post(`${t.list}/interest-categories`, { title: 'B', type: 'checkboxes' });
    for (let i = 0; i < 60; i += 1) {
      const cat = i % 2 === 0 ? a : b;
      expect((await t.api.post(`${t.list}/interest-categories/${cat.body.id}/interests`, { name: `Група ${i}` })).status).toBe(200);
    }
    const over = await t.api.post(`${t.list}/interest-categories/${a.body.id}/interests`, { name: 'Група 60' });
    expect(over.status).toBe(400);
    expect(over.body.detail).toBe('Cannot have more than 60 interests per list (across all categories).');
  });

  it('pages with count (default 10, max 1000), offset and total_items', async () => {
    const cat = await t.api.post(`${t.list}/interest-categories`, { title: 'Много', type: 'checkboxes' });
    for (let i = 0; i < 25; i += 1) await t.api.post(`${t.list}/interest-categories/${cat.body.id}/interests`, { name: `И${String(i).padStart(2, '0')}` });
    const path = `${t.list}/interest-categories/${cat.body.id}/interests`;
    const first = await t.api.get(path);
    expect(first.body.interests).toHaveLength(10);
    expect(first.body.total_items).toBe(25);
    const last = await t.api.get(path, { offset: 20 });
    expect(last.body.interests.map((i: { name: string }) => i.name)).toEqual(['И20', 'И21', 'И22', 'И23', 'И24']);
    expect((await t.api.get(path, { count: 5000 })).body.interests).toHaveLength(25);
    expect((await t.api.get(path, { count: 3, offset: 24 })).body.interests).toHaveLength(1);
  });
});

describe('member paging', () => {
  it('pages members past the default 10 and caps count at 1000', async () => {
    const members = Array.from({ length: 1005 }, (_, i) => ({ email_address: `p${i}@abv.bg`, status: 'subscribed' }));
    await t.api.post(t.list, { members: members.slice(0, 500) });
    await t.api.post(t.list, { members: members.slice(500, 1000) });
    await t.api.post(t.list, { members: members.slice(1000) });
    const firstPage = await t.api.get(`${t.list}/members`);
    expect(firstPage.body.members).toHaveLength(10);
    expect(firstPage.body.total_items).toBe(1005);
    expect((await t.api.get(`${t.list}/members`, { count: 1000 })).body.members).toHaveLength(1000);
    expect((await t.api.get(`${t.list}/members`, { count: 2000 })).body.members).toHaveLength(1000);
    const tail = await t.api.get(`${t.list}/members`, { count: 1000, offset: 1000, fields: 'members.email_address' });
    expect(tail.body.members.map((m: { email_address: string }) => m.email_address)).toEqual(['p1000@abv.bg', 'p1001@abv.bg', 'p1002@abv.bg', 'p1003@abv.bg', 'p1004@abv.bg']);
  });
});

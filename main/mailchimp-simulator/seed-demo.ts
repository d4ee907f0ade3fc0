import { nextId, nextWebId, seededHex } from './ids.js';
import { addCategory, addInterest, addMergeField, type NewMergeField } from './list-ops.js';
import { archiveMember, forgetMember, writeMember } from './member-ops.js';
import type { RequestStatus, SimList, SimState } from './types.js';

/**
 * The initial account: one audience of a small Bulgarian shop. Everything is derived from the seed and
 * fixed dates, so the same seed always gives the same key, ids and members.
 */

const CREATED = Date.UTC(2024, 0, 15, 9, 0, 0);

/** Mailchimp's default fields of a new audience (NOTES §3). */
const DEFAULT_FIELDS: NewMergeField[] = [
  { tag: 'FNAME', name: 'Име', type: 'text' },
  { tag: 'LNAME', name: 'Фамилия', type: 'text' },
  { tag: 'ADDRESS', name: 'Адрес', type: 'address' },
  { tag: 'PHONE', name: 'Телефон', type: 'phone' },
];

const DEMO_FIELDS: NewMergeField[] = [
  { tag: 'BIRTHDAY', name: 'Рожден ден', type: 'birthday' },
  { tag: 'POINTS', name: 'Точки', type: 'number' },
  { tag: 'REPRES', name: 'Представители', type: 'text' },
  { tag: 'NOTE', name: 'Бележка', type: 'text' },
  // No tag: Mailchimp assigns MMERGE<merge_id>, which the mapping grid must cope with.
  { name: 'Фирма', type: 'text' },
];

const DEMO_GROUPS: Array<{ title: string; interests: string[] }> = [
  { title: 'Клиентски групи', interests: ['Редовни клиенти', 'VIP', 'Заведения', 'Фирми'] },
  { title: 'Бюлетин', interests: ['Промоции', 'Нови продукти', 'Събития'] },
];

type DemoMember = { email: string; status: RequestStatus | 'archived' | 'forgotten'; merge: Record<string, unknown>; groups: string[] };

const DEMO_MEMBERS: DemoMember[] = [
  { email: 'ivan.petrov@abv.bg', status: 'subscribed', merge: { FNAME: 'Иван', LNAME: 'Петров', PHONE: '0888 123 456', POINTS: 120 }, groups: ['Редовни клиенти', 'Промоции'] },
  { email: 'maria.ivanova@gmail.com', status: 'subscribed', merge: { FNAME: 'Мария', LNAME: 'Иванова', BIRTHDAY: '05/14' }, groups: ['VIP'] },
  { email: 'restorant.lipa@abv.bg', status: 'subscribed', merge: { FNAME: 'Ресторант', LNAME: 'Липа', MMERGE9: 'Липа ЕООД' }, groups: ['Заведения'] },
  { email: 'georgi.dimitrov@abv.bg', status: 'unsubscribed', merge: { FNAME: 'Георги', LNAME: 'Димитров' }, groups: ['Редовни клиенти'] },
  { email: 'elena.stoyanova@gmail.com', status: 'cleaned', merge: { FNAME: 'Елена', LNAME: 'Стоянова' }, groups: [] },
  { email: 'petar.nikolov@abv.bg', status: 'pending', merge: { FNAME: 'Петър', LNAME: 'Николов' }, groups: ['Нови продукти'] },
  { email: 'desislava.georgieva@gmail.com', status: 'transactional', merge: { FNAME: 'Десислава', LNAME: 'Георгиева' }, groups: [] },
  { email: 'nikolay.todorov@abv.bg', status: 'archived', merge: { FNAME: 'Николай', LNAME: 'Тодоров' }, groups: ['Фирми'] },
  { email: 'stefan.kolev@gmail.com', status: 'forgotten', merge: { FNAME: 'Стефан', LNAME: 'Колев' }, groups: [] },
];

function emptyList(state: SimState, name: string): SimList {
  return {
    id: nextId(state, 'list'),
    web_id: nextWebId(state),
    name,
    contact: { company: 'Демо магазин ООД', address1: 'ул. Витоша 1', address2: '', city: 'София', state: '', zip: '1000', country: 'BG', phone: '+359 2 123 4567' },
    permission_reminder: 'Получавате този бюлетин, защото сте клиент на Демо магазин.',
    from_name: 'Демо магазин',
    from_email: 'office@demo-magazin.bg',
    date_created: '2024-01-15T09:00:00+00:00',
    merge_fields: [],
    next_merge_id: 1,
    categories: [],
    interests: [],
    members: new Map(),
    forgotten: new Set(),
  };
}

function addDemoContent(state: SimState, list: SimList): void {
  for (const f of DEMO_FIELDS) addMergeField(list, f, Infinity);
  for (const g of DEMO_GROUPS) {
    const category = addCategory(state, list, { title: g.title, type: 'checkboxes' });
    for (const name of g.interests) addInterest(state, list, category.id, { name }, Infinity);
  }
  const idOf = new Map(list.interests.map((i) => [i.name, i.id]));
  DEMO_MEMBERS.forEach((d, i) => {
    const now = CREATED + (i + 1) * 3_600_000;
    const status = d.status === 'archived' || d.status === 'forgotten' ? 'subscribed' : d.status;
    const interests = Object.fromEntries(d.groups.map((g) => [idOf.get(g) ?? g, true]));
    const input = { merge_fields: d.merge, interests, ip_signup: '', timestamp_signup: '' };
    const opts = { fakeDomains: [], overflow: 'clip' as const, skipMergeValidation: true, now };
    const m = writeMember(state, list, undefined, { email: d.email, newStatus: status, input }, opts);
    if (d.status === 'archived') archiveMember(list, m, now);
    if (d.status === 'forgotten') forgetMember(list, m);
  });
}

/** A fresh account with one audience: the demo shop when `demo`, else an empty audience with default fields. */
export function createState(seed: number, demo: boolean): SimState {
  const state: SimState = {
    seed,
    apiKey: `${seededHex(seed, 'apikey')}-us1`,
    account: {
      account_id: seededHex(seed, 'account').slice(0, 25),
      login_id: String(10_000_000 + (parseInt(seededHex(seed, 'login').slice(0, 6), 16) % 90_000_000)),
      account_name: 'Демо магазин ООД',
      email: 'office@demo-magazin.bg',
      first_name: 'Демо',
      last_name: 'Магазин',
      username: 'demo-magazin',
      member_since: '2024-01-15T09:00:00+00:00',
    },
    counter: 0,
    lists: new Map(),
  };
  const list = emptyList(state, demo ? 'Демо аудитория' : 'Аудитория');
  for (const f of DEFAULT_FIELDS) addMergeField(list, f, Infinity);
  if (demo) addDemoContent(state, list);
  state.lists.set(list.id, list);
  return state;
}

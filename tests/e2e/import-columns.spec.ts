import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { callMain, screenUrl } from '../helpers/e2e/bridge.js';
import { chooseFile } from '../helpers/e2e/ui.js';

/*
 * A wrong or unrecognisable column fixed through the column tables of the import screen, for the
 * clients file and the representatives file alike; the corrections are remembered for the same headers.
 */
test.describe.configure({ mode: 'serial' });

let dir: string;
let clients: string;
let reps: string;
let page: Page;

test.beforeAll(async ({ browser }) => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-e2e-columns-'));
  clients = path.join(dir, 'klienti-koloni.csv');
  // Two email-looking columns: the shop keeps an old address in "Email" and the right one in "Личен имейл".
  fs.writeFileSync(
    clients,
    'Код клиент;Имена на клиент;Email;Личен имейл;Група на клиента;Абонамент за Maillist\n' +
      'K1;Иван Петров;old1@abv.bg;ivan.petrov@abv.bg;VIP;Да\n' +
      'K2;Мария Колева;old2@abv.bg;maria.koleva@abv.bg;VIP;Да\n',
  );
  // "Чий" (whose) says nothing a program can recognise: the client column must be chosen by hand.
  reps = path.join(dir, 'predstaviteli-koloni.csv');
  fs.writeFileSync(reps, 'Чий;Вид;Име;Телефон\nK1;Управител;Стоян Липов;0888 111 222\nK2;Счетоводител;Ваня Маркова;\n');
  page = await (await browser.newContext()).newPage();
});

test.afterAll(async () => {
  // The journey that follows starts from an empty cache.
  await callMain('cache:clear', {});
  await page?.context().close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const clientsSelect = (column: string) => page.getByLabel(`Значение на колоната „${column}“`, { exact: true });
const repSelect = (column: string) => page.getByLabel(`Значение на колоната „${column}“ във файла с представители`, { exact: true });

test('an ambiguous email column and an unknown client column are fixed in the column tables, then imported', async () => {
  await page.goto(screenUrl('import'));
  await chooseFile(page, clients, 'Избери файл…');
  await expect(page.getByRole('heading', { name: 'klienti-koloni.csv' })).toBeVisible();
  // Recognised by meaning: code, name, group and the Maillist flag; the email is ambiguous and says so.
  await expect(clientsSelect('Код клиент')).toHaveValue('field:code');
  await expect(clientsSelect('Имена на клиент')).toHaveValue('field:name');
  await expect(clientsSelect('Група на клиента')).toHaveValue('field:group');
  await expect(clientsSelect('Абонамент за Maillist')).toHaveValue('field:subscribed');
  await expect(page.getByRole('alert')).toContainText('не е ясно коя колона е имейлът: „Email“, „Личен имейл“');

  await clientsSelect('Личен имейл').selectOption('field:email');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await chooseFile(page, reps, 'Избери файл с представители…');
  await expect(page.getByTestId('rep-file')).toContainText('predstaviteli-koloni.csv');
  await expect(page.getByRole('alert')).toContainText('не е намерена колона, в която е клиентът (ID или код)');
  await expect(repSelect('Вид')).toHaveValue('kind');
  await expect(repSelect('Чий')).toHaveValue('data');
  await repSelect('Чий').selectOption('client');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.getByRole('button', { name: 'Импортирай', exact: true }).click();
  await expect(page.getByTestId('import-result')).toBeVisible();
  await expect(page.getByTestId('count-clients')).toContainText('2');
  await expect(page.getByTestId('count-representatives')).toContainText('2');

  const list = await callMain('clients:list', { filter: 'all', offset: 0, limit: 10 });
  if (!list.ok) throw new Error(JSON.stringify(list.error));
  expect(list.value.items.map((c) => [c.code, c.email, c.representatives.map((r) => r.kind)])).toEqual([
    ['K1', 'ivan.petrov@abv.bg', ['Управител']],
    ['K2', 'maria.koleva@abv.bg', ['Счетоводител']],
  ]);
});

test('the corrections are remembered for files with the same headers', async () => {
  await page.goto(screenUrl('import'));
  await chooseFile(page, clients, 'Избери файл…');
  await expect(clientsSelect('Личен имейл')).toHaveValue('field:email');
  await expect(clientsSelect('Email')).not.toHaveValue('field:email');
  await chooseFile(page, reps, 'Избери файл с представители…');
  await expect(repSelect('Чий')).toHaveValue('client');
  await expect(page.getByTestId('rep-file').getByRole('alert')).toHaveCount(0);
});

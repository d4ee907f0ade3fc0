import type { Command } from 'commander';
import { autoMap, createInterestForGroup } from '../../mapping/mapping-service.js';
import type { CliRuntime } from '../cli-context.js';

type Open = (cmd: Command) => CliRuntime;

const noneToNull = (v: string): string | null => (v.trim().toLowerCase() === 'none' ? null : v.trim());

/**
 * `barsy-sync map group "<Barsy group>" <interestId>|none [--create-in <categoryId>]`,
 * `map field "<source>" <TAG>|none`, `map permission [<id>|none] [--json]`, `map auto [--create-in <categoryId>]`, `map list [--json]`.
 */
export function registerMapCommand(program: Command, open: Open): void {
  const map = program.command('map').description('map Barsy groups to Mailchimp groups (interests) and fields to merge tags');
  map
    .command('group <group> [interestId]')
    .description('map a Barsy client group to an interest id, or "none" (do not sync the group)')
    .option('--create-in <categoryId>', 'create an interest named like the group in this category and map to it')
    .action(async (group: string, interestId: string | undefined, opts: { createIn?: string }, cmd: Command) => {
      const rt = open(cmd);
      if (opts.createIn) {
        const id = await createInterestForGroup(rt.ctx, group, opts.createIn);
        process.stdout.write(`${group} → ${id}\n`);
        return;
      }
      await rt.call('mapping:setGroup', { barsyGroup: group, interestId: noneToNull(interestId ?? 'none') });
    });
  map
    .command('field <source> <tag>')
    .description('map a source (name, email, a CSV column header, or "<kind>: <field>") to a TEXT merge tag, or "none"')
    .action(async (source: string, tag: string, _opts: unknown, cmd: Command) => {
      const rt = open(cmd);
      await rt.call('mapping:setField', { source, tag: noneToNull(tag) });
    });
  map
    .command('permission [permissionId]')
    .description('marketing permission (GDPR) that members created by a sync get: an id, or "none"; without an argument, list the audience\'s permissions')
    .option('--json', 'print the permissions as JSON')
    .action(async (permissionId: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      const rt = open(cmd);
      if (permissionId !== undefined) return void (await rt.call('mapping:setPermission', { permissionId: noneToNull(permissionId) }));
      const p = await rt.call('mapping:permissions', {});
      if (opts.json) return void process.stdout.write(`${JSON.stringify(p)}\n`);
      if (!p.enabled) return void process.stdout.write('the audience has no marketing permissions (GDPR fields)\n');
      const mapped = p.mapping?.permissionId;
      for (const x of p.permissions) process.stdout.write(`${x.id === mapped ? '*' : ' '} ${x.id}  ${x.text}\n`);
      process.stdout.write(`new members get: ${p.mapping === null ? '(not decided)' : (p.mapping.permissionText ?? 'none')}${p.missingInMailchimp ? '  [!missing in Mailchimp]' : ''}\n`);
    });
  map
    .command('auto')
    .description('map undecided groups and fields by name (case, spacing and Cyrillic/Latin look-alikes do not matter)')
    .option('--create-in <categoryId>', 'create an interest for each group with no match in this category')
    .option('--json', 'print JSON')
    .action(async (opts: { createIn?: string; json?: boolean }, cmd: Command) => {
      const rt = open(cmd);
      const r = opts.createIn ? await autoMap(rt.ctx, { createInCategory: opts.createIn }) : await rt.call('mapping:auto', {});
      if (opts.json) process.stdout.write(`${JSON.stringify(r)}\n`);
      else process.stdout.write(`groups ${r.groupsMatched}, fields ${r.fieldsMatched}${'interestsCreated' in r ? `, new interests ${r.interestsCreated}` : ''}\n`);
    });
  map
    .command('list')
    .description('show the group and field mappings of the audience')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const rt = open(cmd);
      const m = await rt.call('mapping:get', {});
      if (opts.json) return void process.stdout.write(`${JSON.stringify(m)}\n`);
      const flag = (missing: boolean, notText = false) => (missing ? '  [!missing in Mailchimp]' : notText ? '  [!not TEXT]' : '');
      process.stdout.write('groups:\n');
      for (const g of m.groups) {
        const target = !g.mapped ? '(not mapped)' : g.interestId === null ? 'none' : `${g.interestId} ${g.interestName ?? ''}`;
        process.stdout.write(`  ${JSON.stringify(g.barsyGroup)} (${g.clientCount}) → ${target}${flag(g.missingInMailchimp)}\n`);
      }
      process.stdout.write('fields:\n');
      for (const f of m.fields) {
        const target = f.tag ?? (f.mapped ? 'none' : '(not mapped)');
        process.stdout.write(`  ${JSON.stringify(f.source)} → ${target}${f.mapped || !f.tag ? '' : ' (default)'}${flag(f.missingInMailchimp, f.notText)}\n`);
      }
    });
}

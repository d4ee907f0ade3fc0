import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One call a fake OS tool received. `xml`: the task file `schtasks /Create /XML` was given, read while it existed. */
export type ToolCall = { tool: string; args: string[]; stdin?: string; xml?: string };

/**
 * A fake `schtasks`, `launchctl`, `systemctl` and `crontab` in a temporary folder put first on PATH.
 * Each records its arguments (and stdin) and keeps just enough state to answer like the real tool:
 * a registered task, loaded agents, enabled units, the user's crontab.
 */
const SCRIPT = `#!${process.execPath}
const fs = require('node:fs');
const path = require('node:path');
const tool = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const state = process.env.FAKE_TOOLS_STATE;
const log = (extra) => fs.appendFileSync(path.join(state, 'calls.jsonl'), JSON.stringify({ tool, args, ...extra }) + '\\n');
const flag = (name) => path.join(state, name);
const has = (name) => fs.existsSync(flag(name));
const exit = (code, err) => { if (err) process.stderr.write(err + '\\n'); process.exit(code); };
if (tool === 'schtasks') {
  const at = args.indexOf('/XML');
  if (args[0] === '/Create') {
    const xml = fs.readFileSync(args[at + 1]).toString('base64');
    log({ xml });
    fs.writeFileSync(flag('task'), '');
    exit(0);
  }
  log({});
  if (args[0] === '/Delete') { if (!has('task')) exit(1, 'ERROR: The system cannot find the file specified.'); fs.rmSync(flag('task')); exit(0); }
  if (args[0] === '/Query') exit(has('task') ? 0 : 1, has('task') ? '' : 'ERROR: The system cannot find the file specified.');
  exit(1, 'unexpected');
} else if (tool === 'launchctl') {
  log({});
  if (args[0] === 'bootstrap') { if (!fs.existsSync(args[2])) exit(5, 'Bootstrap failed: 5: Input/output error'); fs.writeFileSync(flag('agent'), args[2]); exit(0); }
  if (args[0] === 'bootout') { if (!has('agent')) exit(3, 'Boot-out failed: 3: No such process'); fs.rmSync(flag('agent')); exit(0); }
  exit(1, 'unexpected');
} else if (tool === 'systemctl') {
  log({});
  if (args[1] === 'show-environment') exit(process.env.FAKE_SYSTEMD === 'absent' ? 1 : 0, process.env.FAKE_SYSTEMD === 'absent' ? 'Failed to connect to bus: No medium found' : '');
  if (args[1] === 'enable') { fs.writeFileSync(flag('timer-enabled'), ''); exit(0); }
  if (args[1] === 'disable') { fs.rmSync(flag('timer-enabled'), { force: true }); exit(0); }
  exit(0);
} else if (tool === 'crontab') {
  if (args[0] === '-l') { log({}); if (!has('crontab')) exit(1, 'no crontab for ' + (process.env.USER || 'user')); process.stdout.write(fs.readFileSync(flag('crontab'), 'utf8')); exit(0); }
  if (args[0] === '-') { const stdin = fs.readFileSync(0, 'utf8'); log({ stdin }); fs.writeFileSync(flag('crontab'), stdin); exit(0); }
  exit(1, 'unexpected');
}
`;

export type FakeTools = {
  dir: string;
  home: string;
  env: NodeJS.ProcessEnv;
  calls(): ToolCall[];
  /** The user's crontab as the fake holds it (undefined: none). */
  crontab(): string | undefined;
  setCrontab(text: string): void;
  cleanup(): void;
};

/** Creates the fake tools and an environment (PATH first, a temporary HOME) for code under test. */
export function createFakeTools(opts: { systemd?: 'present' | 'absent' } = {}): FakeTools {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-fake-os-'));
  const bin = path.join(root, 'bin');
  const state = path.join(root, 'state');
  const home = path.join(root, 'home dir');
  for (const d of [bin, state, home]) fs.mkdirSync(d, { recursive: true });
  for (const tool of ['schtasks', 'launchctl', 'systemctl', 'crontab']) fs.writeFileSync(path.join(bin, tool), SCRIPT, { mode: 0o755 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    FAKE_TOOLS_STATE: state,
    FAKE_SYSTEMD: opts.systemd ?? 'present',
  };
  const callsFile = path.join(state, 'calls.jsonl');
  return {
    dir: root,
    home,
    env,
    calls: () => (fs.existsSync(callsFile) ? fs.readFileSync(callsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as ToolCall) : []),
    crontab: () => (fs.existsSync(path.join(state, 'crontab')) ? fs.readFileSync(path.join(state, 'crontab'), 'utf8') : undefined),
    setCrontab: (text) => fs.writeFileSync(path.join(state, 'crontab'), text),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

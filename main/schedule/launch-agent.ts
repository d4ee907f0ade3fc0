import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScheduledCommand } from './scheduled-command.js';
import { weekdayIndex, type ScheduleSpec } from './schedule-spec.js';
import { mustRun, runTool } from './run-tool.js';
import { xmlEscape } from './xml-text.js';

export const AGENT_LABEL = 'bg.barsy-sync.app.schedule';

/** `~/Library/LaunchAgents/<label>.plist`: per user, loaded at login, no admin rights. */
export function agentPath(home: string = os.homedir()): string {
  return path.join(home, 'Library', 'LaunchAgents', `${AGENT_LABEL}.plist`);
}

/**
 * The LaunchAgent. `StartCalendarInterval` (launchd counts Sunday as 0) also runs a time missed during
 * sleep once the Mac wakes; `RunAtLoad` false, so logging in does not start a sync.
 */
export function agentPlist(spec: ScheduleSpec, cmd: ScheduledCommand): string {
  const when = [
    ...(spec.kind === 'weekly' ? [`<key>Weekday</key><integer>${weekdayIndex(spec.day)}</integer>`] : []),
    `<key>Hour</key><integer>${spec.hour}</integer>`,
    `<key>Minute</key><integer>${spec.minute}</integer>`,
  ];
  const args = [cmd.program, ...cmd.args].map((a) => `    <string>${xmlEscape(a)}</string>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${AGENT_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>StartCalendarInterval</key>
  <dict>
    ${when.join('\n    ')}
  </dict>
  <key>RunAtLoad</key>
  <false/>
  <key>ProcessType</key>
  <string>Background</string>
</dict>
</plist>
`;
}

const domain = () => `gui/${process.getuid?.() ?? 501}`;

/** Writes the plist and (re)loads it into the user's launchd session. */
export async function installLaunchAgent(spec: ScheduleSpec, cmd: ScheduledCommand, o: { home?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const file = agentPath(o.home);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // An agent loaded from an earlier schedule must be unloaded first, or bootstrap refuses the new one.
  await runTool('launchctl', ['bootout', `${domain()}/${AGENT_LABEL}`], { env: o.env });
  fs.writeFileSync(file, agentPlist(spec, cmd), { mode: 0o644 });
  await mustRun('launchctl', ['bootstrap', domain(), file], { env: o.env });
  return file;
}

/** Unloads the agent (if loaded) and deletes its plist. */
export async function removeLaunchAgent(o: { home?: string; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  await runTool('launchctl', ['bootout', `${domain()}/${AGENT_LABEL}`], { env: o.env });
  fs.rmSync(agentPath(o.home), { force: true });
}

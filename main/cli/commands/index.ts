import type { Command } from 'commander';
import type { CliRuntime } from '../cli-context.js';

export type OpenRuntime = (cmd: Command) => CliRuntime;

/** Registers the domain commands. Each domain owns its own `*-command.ts` file. */
export function registerCommands(_program: Command, _open: OpenRuntime): void {
  // import, clients, simulator, map, sync, runs, report, demo: added by their domains.
}

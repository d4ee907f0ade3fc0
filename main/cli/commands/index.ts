import type { Command } from 'commander';
import type { CliRuntime } from '../cli-context.js';
import { registerDemoCommand } from './demo-command.js';
import { registerImportCommands } from './import-command.js';
import { registerMapCommand } from './map-command.js';
import { registerReportCommand } from './report-command.js';
import { registerRunsCommand } from './runs-command.js';
import { registerSimulatorCommand } from './simulator-command.js';
import { registerSyncCommand } from './sync-command.js';

export type OpenRuntime = (cmd: Command) => CliRuntime;

/** Registers the domain commands. Each domain owns its own `*-command.ts` file. */
export function registerCommands(_program: Command, _open: OpenRuntime): void {
  // import, clients, simulator, map, sync, runs, report, demo: added by their domains.
  registerImportCommands(_program, _open);
  registerReportCommand(_program, _open);
  registerSimulatorCommand(_program);
  registerMapCommand(_program, _open);
  registerSyncCommand(_program, _open);
  registerRunsCommand(_program, _open);
  registerDemoCommand(_program);
}

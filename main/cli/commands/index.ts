import type { Command } from 'commander';
import type { OpenRuntime } from '../cli-context.js';
import { registerDemoCommand } from './demo-command.js';
import { registerDoctorCommand } from './doctor-command.js';
import { registerImportCommands } from './import-command.js';
import { registerMapCommand } from './map-command.js';
import { registerReportCommand } from './report-command.js';
import { registerRunsCommand } from './runs-command.js';
import { registerScheduleCommand } from './schedule-command.js';
import { registerWatchCommand } from './watch-command.js';
import { registerSimulatorCommand } from './simulator-command.js';
import { registerSyncCommand } from './sync-command.js';

/** Registers the domain commands. Each domain owns its own `*-command.ts` file. */
export function registerCommands(_program: Command, _open: OpenRuntime): void {
  registerImportCommands(_program, _open);
  registerReportCommand(_program, _open);
  registerSimulatorCommand(_program);
  registerMapCommand(_program, _open);
  registerSyncCommand(_program, _open);
  registerRunsCommand(_program, _open);
  registerScheduleCommand(_program, _open);
  registerWatchCommand(_program, _open);
  registerDemoCommand(_program);
  registerDoctorCommand(_program);
}

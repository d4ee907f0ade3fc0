import type { Command } from 'commander';
import type { OpenRuntime } from '../cli-context.js';

type Register = (program: Command, open: OpenRuntime) => void;

/**
 * Each top-level command and the module that registers it. Only the module of the command being run is
 * loaded (all of them for `--help`), so `barsy-sync runs` does not pay for the importer, the simulator or
 * the mailer. Each domain owns its own `*-command.ts` file.
 */
const COMMANDS: ReadonlyArray<{ names: readonly string[]; load: () => Promise<Register> }> = [
  { names: ['settings'], load: async () => (await import('./settings-command.js')).registerSettingsCommand },
  { names: ['import', 'clients'], load: async () => (await import('./import-command.js')).registerImportCommands },
  { names: ['map'], load: async () => (await import('./map-command.js')).registerMapCommand },
  { names: ['sync'], load: async () => (await import('./sync-command.js')).registerSyncCommand },
  { names: ['runs'], load: async () => (await import('./runs-command.js')).registerRunsCommand },
  { names: ['report', 'smtp'], load: async () => (await import('./report-command.js')).registerReportCommand },
  { names: ['schedule'], load: async () => (await import('./schedule-command.js')).registerScheduleCommand },
  { names: ['watch'], load: async () => (await import('./watch-command.js')).registerWatchCommand },
  { names: ['demo'], load: async () => (await import('./demo-command.js')).registerDemoCommand },
  { names: ['doctor'], load: async () => (await import('./doctor-command.js')).registerDoctorCommand },
  { names: ['simulator'], load: async () => (await import('./simulator-command.js')).registerSimulatorCommand },
];

/** Registers the command named `only` (every command when it is unknown or absent, e.g. for `--help`). */
export async function registerCommands(program: Command, open: OpenRuntime, only?: string): Promise<void> {
  const one = only === undefined ? undefined : COMMANDS.find((c) => c.names.includes(only));
  for (const c of one ? [one] : COMMANDS) (await c.load())(program, open);
}

import { Command, CommanderError } from 'commander';
import { registerSimulatorCommand } from './commands/simulator-command.js';

/** `barsy-sync simulator …` on its own: the same command and options, without the engine loaded. */
export async function runCli(argv: string[], _version?: string): Promise<number> {
  const program = new Command()
    .name('barsy-sync')
    .option('--db <path>', 'ignored by the simulator')
    .option('--lang <bg|en>', 'ignored by the simulator')
    .exitOverride();
  registerSimulatorCommand(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/** The `tttb` command line. Every command prints one JSON object (or runs the service). */
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands.ts';
import { EXIT, reportFailure } from './output.ts';
import { loadConfig, type Config } from '../config.ts';

const program = new Command('tttb')
  .description('tttb — xác thực thông tin thuê bao di động (mobile subscriber verification campaign)')
  .version('0.1.0');
for (const command of COMMANDS) program.addCommand(command());

/** Commands added with addCommand do not inherit these settings, so they are applied to every one. */
function configureTree(command: Command): void {
  command.showHelpAfterError('(dùng --help để xem hướng dẫn)').exitOverride();
  command.commands.forEach(configureTree);
}
configureTree(program);

let config: Config | undefined;
try {
  // Validate the environment up front so a bad variable stops every command with its name.
  config = loadConfig();
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // commander has already printed its message (help and version exit 0).
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    process.exitCode = reportFailure(error, config?.debug);
  }
}

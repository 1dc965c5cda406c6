// The `tongban` operator command. Every command takes --json and exits non-zero on failure.
import { Command } from 'commander';
import { registerCoreCommands } from './cli/core-commands.js';

const program = new Command();
program.name('tongban').description('通办 Tongban 运维命令 (operator command)').showHelpAfterError();
registerCoreCommands(program);

await program.parseAsync(process.argv);

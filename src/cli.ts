// The `tongban` operator command. Every command takes --json and exits non-zero on failure.
import { Command } from 'commander';
import { registerArchiveCommands } from './cli/archive-commands.js';
import { registerAuditCommands } from './cli/audit-commands.js';
import { registerCalendarCommands } from './cli/calendar-commands.js';
import { registerCatalogCommands } from './cli/catalog-commands.js';
import { registerCoreCommands } from './cli/core-commands.js';
import { registerGuideCommands } from './cli/guide-commands.js';
import { registerIdCommands } from './cli/id-commands.js';
import { registerLicenceCommands } from './cli/licence-commands.js';
import { registerSearchCommands } from './cli/search-commands.js';

const program = new Command();
program.name('tongban').description('通办 Tongban 运维命令 (operator command)').showHelpAfterError();
registerCoreCommands(program);
registerGuideCommands(program);
registerCalendarCommands(program);
registerCatalogCommands(program);
registerIdCommands(program);
registerLicenceCommands(program);
registerSearchCommands(program);
registerAuditCommands(program);
registerArchiveCommands(program);

await program.parseAsync(process.argv);

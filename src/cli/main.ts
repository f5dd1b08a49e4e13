import { Command } from 'commander';
import { ConfigError } from '../config.js';
import { AppError } from '../domain/errors.js';
import { ParseError } from '../parsers/cycler-parser.js';
import { exitCodeOf } from './exit-codes.js';
import { registerCommands } from './commands.js';

const program = new Command('liionsden').description('Liionsden: lithium-ion battery test data platform').showHelpAfterError();

/** The one place that turns an error into a message on stderr and an exit code. */
function exitWith(err: unknown): never {
  if (err instanceof ParseError || err instanceof AppError) {
    process.stderr.write(`liionsden: ${err.message}\n`);
    process.exit(exitCodeOf[err.code]);
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`liionsden: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`liionsden: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}

registerCommands(program, process.argv[2])
  .then(() => program.parseAsync(process.argv))
  .catch(exitWith);

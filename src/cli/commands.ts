import type { Command } from 'commander';
import { registerDemoCommand } from './demo.command.js';
import { registerParseCommand } from './parse.command.js';
import { registerServeCommand } from './serve.command.js';
import { registerUserCommand } from './user.command.js';
import { registerExportCommand } from './export.command.js';
import { registerWorkerCommand } from './worker.command.js';
import { registerIngestCommand } from './ingest.command.js';

/** Every CLI command, one file each; add yours here. */
export function registerCommands(program: Command): void {
  registerServeCommand(program);
  registerParseCommand(program);
  registerUserCommand(program);
  registerExportCommand(program);
  registerWorkerCommand(program);
  registerIngestCommand(program);
  registerDemoCommand(program);
}

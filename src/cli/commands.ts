import type { Command } from 'commander';
import { registerServeCommand } from './serve.command.js';
import { registerUserCommand } from './user.command.js';

/** Every CLI command, one file each; add yours here. */
export function registerCommands(program: Command): void {
  registerServeCommand(program);
  registerUserCommand(program);
}

import type { Command } from 'commander';

type Register = (program: Command) => void;

// Loaded on demand: `liionsden parse` should not pay for the server, DuckDB and the S3 SDK.
const commandModules: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./serve.command.js')).registerServeCommand,
  parse: async () => (await import('./parse.command.js')).registerParseCommand,
  user: async () => (await import('./user.command.js')).registerUserCommand,
  export: async () => (await import('./export.command.js')).registerExportCommand,
  worker: async () => (await import('./worker.command.js')).registerWorkerCommand,
  ingest: async () => (await import('./ingest.command.js')).registerIngestCommand,
  demo: async () => (await import('./demo.command.js')).registerDemoCommand,
  harvest: async () => (await import('./harvest.command.js')).registerHarvestCommand,
};

/** Registers every CLI command (one file each; add yours here), or only `wanted` when it names one. */
export async function registerCommands(program: Command, wanted?: string): Promise<void> {
  const names = wanted !== undefined && wanted in commandModules ? [wanted] : Object.keys(commandModules);
  for (const register of await Promise.all(names.map((n) => commandModules[n]()))) register(program);
}

import type { Command } from 'commander';
import type { ZavaApp } from '../app/openZava.js';
import { parsePort } from './optionParsers.js';
import { doorWarning, psqlCommand } from './wireDoorText.js';

export interface WireDoorFlags {
  pgPort?: number;
  pgHost: string;
}

/** serve's options for the wire-protocol door beside the MCP server. */
export function addWireDoorOptions(command: Command): Command {
  return command
    .option('--pg-port <port>', "also open the database to psql and other PostgreSQL clients on this port (the owner's door; 0 picks a free port)", parsePort)
    .option('--pg-host <address>', 'address of that door; anything but a loopback address opens it, without a password, to the network', '127.0.0.1');
}

/**
 * Opens the door when --pg-port asks for it, so that a learner can watch the
 * database while the assistant works; the banner notes say where and what it is.
 * It closes with the app.
 */
export async function openWireDoorBeside(app: ZavaApp, flags: WireDoorFlags): Promise<string[]> {
  if (flags.pgPort === undefined) return [];
  const door = await app.openWireDoor({ host: flags.pgHost, port: flags.pgPort });
  return [`wire door ${psqlCommand(door)}`, `wire door ${doorWarning(door)}`];
}

import type { WireDoor } from '../db/port.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Whether only this machine can reach the door. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** The ready command, quoted for a POSIX shell. */
export function psqlCommand(door: WireDoor): string {
  return `psql '${door.url}'`;
}

/**
 * Said wherever a door opens: it is the owner's door. PGlite has no logins or
 * passwords, so whoever connects is the superuser; row-level security applies
 * only after SET ROLE mcp_user.
 */
export function doorWarning(door: WireDoor): string {
  if (isLoopback(door.host)) {
    return `the owner's door: no password, every client is the superuser (SET ROLE mcp_user to see row-level security); only this machine can connect (${door.host})`;
  }
  return `the owner's door, OPEN TO THE NETWORK on ${door.host}: no password, anyone who reaches this port is the superuser and can read and change everything`;
}

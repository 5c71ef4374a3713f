import { createInterface } from 'node:readline/promises';
import { ZavaError } from '../errors.js';

/**
 * Asks before something that cannot be undone: on a terminal the user types yes;
 * a script says --yes beforehand, and without it nothing happens.
 */
export async function confirmed(question: string, yes: boolean, flag = '--yes'): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY || !process.stderr.isTTY) throw new ZavaError('usage', `${question.replace(/\?$/, '')}: pass ${flag} to confirm (no terminal to ask on)`);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${question} Type yes to go on: `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

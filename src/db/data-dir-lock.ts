/**
 * The embedded database belongs to one process at a time. PGlite keeps the database in its own
 * memory and writes it back to the folder, so a second process on the same folder (the command
 * line while the server runs) would work on a copy that one of them later overwrites: changes
 * would be lost. A lock file beside the folder, naming the process that holds it, refuses the
 * second opener with an error that says what to do. A lock left by a process that is gone (a
 * crash, `kill -9`) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export class DataDirBusy extends Error {
  constructor(
    readonly folder: string,
    readonly holder: { pid: number; command: string },
  ) {
    super(
      `The embedded database in ${folder} is in use by another igualdad process ` +
        `(pid ${holder.pid}: ${holder.command}). Only one process can open it at a time: stop ` +
        'that process (the server), run this command, then start the server again. With ' +
        'PostgreSQL (DATABASE_URL), commands can run while the servers serve.',
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): { pid: number; command: string } | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; command?: unknown };
    return typeof holder.pid === 'number'
      ? { pid: holder.pid, command: String(holder.command ?? 'igualdad') }
      : undefined;
  } catch {
    return undefined; // missing, or half-written by a process that died: treat as stale
  }
}

/** Takes the lock for `folder` or throws DataDirBusy; returns the function that releases it. */
export function lockDataDir(folder: string, command = process.argv.slice(2).join(' ')) {
  const file = `${folder}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, command: command || 'igualdad' }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (readHolder(file)?.pid === process.pid) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      // This very process counts too: two PGlite instances on one folder lose changes alike.
      if (holder && alive(holder.pid)) throw new DataDirBusy(folder, holder);
      try {
        unlinkSync(file); // stale: its process is gone
      } catch {
        // someone else removed it first; try again
      }
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

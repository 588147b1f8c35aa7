import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.ts';

/**
 * PGlite is an in-process database: two processes opening one data folder would corrupt it.
 * A lock file with the owner's pid keeps a second server or CLI run out; a stale lock (its
 * process is gone) is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = join(dataDir, 'bastei.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new AppError('data-dir-locked', {
          detail: `The data folder ${dataDir} is in use by process ${owner}. Stop that process (e.g. the running server) first, or point DATABASE_URL at a PostgreSQL server to share one database between processes.`,
        });
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('data-dir-locked', { detail: `Could not lock the data folder ${dataDir}.` });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

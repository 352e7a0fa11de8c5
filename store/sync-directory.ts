// Makes renames and removals in a directory durable (fsync on the directory itself).
import { closeSync, fsyncSync, openSync } from 'node:fs';

export async function syncDirectory(dir: string): Promise<void> {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

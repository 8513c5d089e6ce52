import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A small ext4 filesystem on a loop device, for tests that cut the power under the database or
 * fill its disk. Needs root, losetup, mkfs.ext4 and python3 (for the shutdown ioctl); tests
 * ask `ext4VolumeUnavailable()` first and skip with its reason.
 */
export interface Ext4Volume {
  /** where it is mounted */
  dir: string;
  /**
   * A power cut as the disk sees it: EXT4_IOC_SHUTDOWN with EXT4_GOING_FLAGS_NOLOGFLUSH. Every
   * write after it fails, and what was not committed to the journal (anything not fsynced) is
   * gone once the filesystem is mounted again.
   */
  cut(): void;
  /** unmounts and mounts again: what survives is what reached the disk before the cut */
  remount(): void;
  /**
   * Freezes the filesystem (fsfreeze): every write then waits, in the kernel, until `thaw` — a
   * disk that stops answering rather than failing. `dispose` thaws first.
   */
  freeze(): void;
  thaw(): void;
  /** fills the disk to the last byte with a file; returns how to free that space again */
  fill(): () => void;
  dispose(): void;
}

// _IOR('X', 125, __u32) and its "do not flush the journal" flag, from linux/ext4.h.
const EXT4_IOC_SHUTDOWN = 0x8004587d;
const EXT4_GOING_FLAGS_NOLOGFLUSH = 2;

/** Why these tests cannot run here, or null when they can. */
export function ext4VolumeUnavailable(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not root (a loop device and mount need root)';
  for (const tool of ['losetup', 'mkfs.ext4', 'mount', 'umount', 'python3', 'fsfreeze']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed`;
    }
  }
  if (!fs.existsSync('/dev/loop-control')) return 'no loop device support (/dev/loop-control)';
  return null;
}

export function createExt4Volume(sizeMb: number): Ext4Volume {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tansiq-ext4-'));
  const image = path.join(base, 'disk.img');
  const dir = path.join(base, 'mnt');
  fs.mkdirSync(dir);
  run('truncate', ['-s', `${sizeMb}M`, image]);
  run('mkfs.ext4', ['-q', '-F', image]);
  const device = run('losetup', ['-f', '--show', image]).trim();
  const mount = () => run('mount', [device, dir]);
  const unmount = () => run('umount', [dir]);
  mount();
  let mounted = true;
  let frozen = false;
  return {
    dir,
    cut() {
      run('python3', [
        '-c',
        `import fcntl, os, struct; fd = os.open(${JSON.stringify(dir)}, os.O_RDONLY); fcntl.ioctl(fd, ${EXT4_IOC_SHUTDOWN}, struct.pack('I', ${EXT4_GOING_FLAGS_NOLOGFLUSH}))`,
      ]);
    },
    freeze() {
      run('fsfreeze', ['-f', dir]);
      frozen = true;
    },
    thaw() {
      if (frozen) run('fsfreeze', ['-u', dir]);
      frozen = false;
    },
    remount() {
      unmount();
      mount();
    },
    fill() {
      const filler = path.join(dir, 'filler');
      const fd = fs.openSync(filler, 'w');
      const chunk = Buffer.alloc(1024 * 1024);
      try {
        for (let size = chunk.length; size >= 512; ) {
          try {
            fs.writeSync(fd, chunk, 0, size);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
            size = Math.floor(size / 2);
          }
        }
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      return () => {
        fs.rmSync(filler, { force: true });
        // Made durable at once: a later cut (a test's next fault) must not bring the filler back.
        run('sync', ['-f', dir]);
      };
    },
    dispose() {
      if (frozen) run('fsfreeze', ['-u', dir]);
      frozen = false;
      if (mounted) {
        try {
          unmount();
        } catch {
          run('umount', ['-l', dir]);
        }
        mounted = false;
      }
      run('losetup', ['-d', device]);
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

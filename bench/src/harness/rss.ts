import { readFileSync, writeFileSync } from 'node:fs';

/** Resident set size now and at its highest (Linux: VmRSS and VmHWM of /proc/<pid>/status), in MB (10⁶ bytes). */
export function residentMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(match[1]);
  };
  return { rssMb: (kb('VmRSS') * 1024) / 1e6, peakMb: (kb('VmHWM') * 1024) / 1e6 };
}

/**
 * The peak RSS of a process over a window of time. The kernel keeps the high-water mark itself
 * (VmHWM), so no spike between samples is missed; writing 5 to clear_refs starts the window by
 * resetting it to the current RSS. Where that is refused, the peak is the largest of samples taken
 * every 100 ms instead, and `exact` says so.
 */
export class PeakMeter {
  private sampled = 0;
  private timer: NodeJS.Timeout | undefined;
  private exact = true;

  constructor(private readonly pid: number) {}

  start(): void {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      this.exact = true;
    } catch {
      this.exact = false;
    }
    this.sampled = residentMemory(this.pid).rssMb;
    this.timer = setInterval(() => {
      this.sampled = Math.max(this.sampled, residentMemory(this.pid).rssMb);
    }, 100);
  }

  /** Ends the window: its peak in MB, and whether it is the kernel's exact high-water mark. */
  stop(): { peakMb: number; exact: boolean } {
    clearInterval(this.timer);
    const now = residentMemory(this.pid);
    this.sampled = Math.max(this.sampled, now.rssMb);
    return { peakMb: this.exact ? Math.max(now.peakMb, this.sampled) : this.sampled, exact: this.exact };
  }
}

/** /proc readings for the benches (Linux): memory and CPU of the processes under test. */
import { readdirSync, readFileSync } from 'node:fs';

export function procStatusKb(pid: number | 'self', field: 'VmHWM' | 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}
/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number | 'self'): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (CLK_TCK 100)
  } catch {
    return Number.NaN;
  }
}
/** The local services, to see which process the time goes to. Read only. */
export function findPid(...needles: string[]): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (needles.every((n) => cmd.includes(n))) return Number(entry);
    } catch {}
  }
  return null;
}

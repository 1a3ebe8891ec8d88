import { readFileSync } from 'node:fs';

// Linux reports process times in clock ticks; 100 per second on every mainstream kernel build.
const TICKS_PER_SECOND = 100;

/** User + system CPU time a process has used so far, in ms (null when it cannot be read). */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * CPU used by the PostgreSQL backends serving connections named `applicationName%`, in ms,
 * keyed by backend pid (PostgreSQL on this machine only; empty when its processes are not visible).
 */
export async function backendsCpu(owner, applicationName) {
  const { rows } = await owner.query(`select pid from pg_stat_activity where application_name like $1`, [`${applicationName}%`]);
  const byPid = new Map();
  for (const { pid } of rows) {
    const cpu = processCpuMs(pid);
    if (cpu !== null) byPid.set(pid, cpu);
  }
  return byPid;
}

/** CPU spent between two backendsCpu() readings (a backend that appeared meanwhile counts whole). */
export function backendsDelta(before, after) {
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return after.size ? total : null;
}

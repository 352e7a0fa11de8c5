// CPU time of a child process by thread, read from /proc (Linux): its main thread (the event loop that answers
// requests) apart from all its other threads (the view round worker, libuv's pool running write and fdatasync, V8's
// helpers). With the load generator's own CPU it bounds what a CPU-bound HTTP stage can reach on this machine.
import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadCpu {
  /** CPU milliseconds of the main thread (the thread whose id is the process id). */
  readonly mainMs: number;
  /** CPU milliseconds of every other thread together. */
  readonly othersMs: number;
}

/** Kernel clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

function ticksOf(pid: number, tid: string): number {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15 (1-based).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The CPU time `pid`'s threads have used so far (threads that ended are no longer counted). */
export function threadCpu(pid: number): ThreadCpu {
  let main = 0;
  let others = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let ticks: number;
    try {
      ticks = ticksOf(pid, tid);
    } catch {
      continue; // the thread ended while the list was read
    }
    if (Number(tid) === pid) main += ticks;
    else others += ticks;
  }
  return { mainMs: main * TICK_MS, othersMs: others * TICK_MS };
}

/** CPU microseconds per request over a load: the server's main thread, its other threads, and the load generator. */
export interface CpuPerRequest {
  readonly serverMainUs: number;
  readonly serverOthersUs: number;
  readonly loaderUs: number;
}

/** Runs `load` and divides the CPU used meanwhile by the requests it completed (`requestsOf` its result). */
export async function cpuPerRequest<R>(pid: number, load: () => Promise<R>, requestsOf: (result: R) => number): Promise<{ result: R; cpu: CpuPerRequest }> {
  const server = threadCpu(pid);
  const loader = process.cpuUsage();
  const result = await load();
  const requests = requestsOf(result);
  const serverAfter = threadCpu(pid);
  const loaderAfter = process.cpuUsage(loader);
  const per = (ms: number): number => Math.round((ms * 1000) / Math.max(1, requests) * 10) / 10;
  return {
    result,
    cpu: {
      serverMainUs: per(serverAfter.mainMs - server.mainMs),
      serverOthersUs: per(serverAfter.othersMs - server.othersMs),
      loaderUs: per((loaderAfter.user + loaderAfter.system) / 1000),
    },
  };
}

/**
 * The most requests/s a stage costing `cpu` per request can reach here: every request costs the server and the load
 * generator their CPU on the same `cores`, and the server's main thread runs on one core.
 */
export function cpuBoundRate(cpu: CpuPerRequest, cores: number): number {
  const total = cpu.serverMainUs + cpu.serverOthersUs + cpu.loaderUs;
  return Math.min((cores * 1e6) / total, 1e6 / cpu.serverMainUs);
}

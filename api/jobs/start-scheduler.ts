/**
 * Runs the scheduled jobs (mail delivery, reminders, retention) inside the server. Each run first
 * takes the job's lease in the database, so with several instances against one database a job
 * runs on one of them at a time; the jobs themselves are idempotent, so a run that repeats after
 * a crash does no harm.
 *
 * @example
 *   const stop = startScheduler({ db, holder: 'instance-1', logger, jobs: [{ name: 'mail', everyMs: 5000, run }] });
 *   await stop();
 */
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { acquireLease, releaseLease } from './acquire-lease.ts';

export interface Job {
  name: string;
  everyMs: number;
  run(now: number): Promise<unknown>;
}

export function startScheduler(o: { db: Db; holder: string; logger: Logger; jobs: Job[]; clock?: () => number }): () => Promise<void> {
  const clock = o.clock ?? Date.now;
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;

  for (const job of o.jobs) {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const p = (async () => {
        try {
          const now = clock();
          // The lease outlives a slow run a little, and a crashed holder loses it soon after.
          if (await acquireLease(o.db, job.name, o.holder, Math.max(job.everyMs * 3, 15_000), now)) {
            const result = await job.run(now);
            o.logger.debug({ job: job.name, result }, 'job ran');
          }
        } catch (err) {
          // A failing job (database busy, SMTP down) is logged and tried again at the next tick.
          o.logger.warn({ job: job.name, err: { name: (err as Error).name, code: (err as { code?: string }).code } }, 'job failed');
        } finally {
          busy = false;
        }
      })();
      running.add(p);
      void p.finally(() => running.delete(p));
    };
    timers.push(setInterval(tick, job.everyMs));
    setImmediate(tick);
  }

  return async () => {
    stopped = true;
    for (const t of timers) clearInterval(t);
    await Promise.all(running);
    await Promise.all(o.jobs.map((j) => releaseLease(o.db, j.name, o.holder).catch(() => undefined)));
  };
}

import { SingleBar, Presets } from 'cli-progress';
import type { CliIo } from './io.js';

/** `detail` is shown after the bar, e.g. the running loss. */
export type ProgressCallback = (done: number, total: number, detail?: string) => void;

export interface Progress {
  update: ProgressCallback;
  stop(): void;
}

const quiet: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on stderr, shown only on a terminal, only when not printing JSON,
 * and only once the work has run for a second (quick commands stay quiet).
 */
export function startProgress(io: CliIo, label: string, json: boolean): Progress {
  if (!io.interactive || json) return quiet;
  const started = Date.now();
  let bar: SingleBar | undefined;
  return {
    update(done, total, detail = '') {
      if (!bar) {
        if (Date.now() - started < 1000) return;
        bar = new SingleBar(
          {
            format: `${label} [{bar}] {percentage}% | {eta_formatted} left`,
            hideCursor: true,
            clearOnComplete: true,
          },
          Presets.shades_classic,
        );
        bar.start(total, done, { detail });
      }
      bar.setTotal(total);
      bar.update(done, { detail });
    },
    stop() {
      bar?.stop();
    },
  };
}

import { Presets, SingleBar } from 'cli-progress';

export interface ProgressBar {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A progress bar for long runs, on stderr (stdout carries the command's JSON answer). It starts
 * at the first update, so a run that resumes half-way shows where it resumed; `stop` is safe to
 * call more than once.
 */
export function progressBar(label: string, unit = 'thuê bao'): ProgressBar {
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | còn {eta_formatted}`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let running = false;
  return {
    update(done, total) {
      if (!running) bar.start(total, done);
      running = true;
      bar.update(done);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

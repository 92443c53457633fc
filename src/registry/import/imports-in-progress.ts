/**
 * The imports this process is running, with their latest progress: the history's answer carries
 * it, so the page that sent a file can show how far the service has read it while the upload's own
 * request waits for the report. Another process's run shows its committed row count only.
 */
import type { ImportProgress } from './subscriber-import.service.ts';

export type RunProgress = Pick<ImportProgress, 'phase' | 'rowsCommitted' | 'bytesRead' | 'totalBytes'>;

export class ImportsInProgress {
  readonly #runs = new Map<number, RunProgress>();

  /** Progress of run `id`, or null when it is not running here. */
  of(id: number): RunProgress | null {
    return this.#runs.get(id) ?? null;
  }

  /**
   * Runs `work` with an `onProgress` that records the run's progress; the run is forgotten once the
   * work ends, however it ends.
   */
  async track<T>(work: (onProgress: (progress: ImportProgress) => void) => Promise<T>): Promise<T> {
    let id: number | null = null;
    try {
      return await work((progress) => {
        if (progress.importId === null) return;
        id = progress.importId;
        const { phase, rowsCommitted, bytesRead, totalBytes } = progress;
        this.#runs.set(id, { phase, rowsCommitted, bytesRead, totalBytes });
      });
    } finally {
      if (id !== null) this.#runs.delete(id);
    }
  }
}

/** Where a build is, as told to `onProgress` at each phase and after each render run. */
export interface BuildProgress {
  /**
   * Loading content, planning pages, rendering them, writing the last of
   * them, or indexing them for search (only when the build indexes).
   */
  readonly phase: 'load' | 'plan' | 'render' | 'write' | 'index';
  /** Content files found; null until the loader has looked. */
  readonly files: number | null;
  /** HTML pages this build renders (the changed ones on an update); 0 until planned. */
  readonly total: number;
  /** HTML pages rendered so far. A render worker's pages count when its runs are done. */
  readonly rendered: number;
}

/** Keeps a build's progress and tells a listener of every change. */
export class ProgressTracker {
  #state: BuildProgress = { phase: 'load', files: null, total: 0, rendered: 0 };

  constructor(private readonly listener?: (progress: BuildProgress) => void) {}

  /** Moves to `phase`, with whatever else is now known. */
  enter(phase: BuildProgress['phase'], known: Partial<Omit<BuildProgress, 'phase'>> = {}): void {
    this.#update({ ...known, phase });
  }

  /** Counts `pages` more HTML pages rendered. */
  rendered(pages: number): void {
    this.#update({ rendered: this.#state.rendered + pages });
  }

  #update(change: Partial<BuildProgress>): void {
    if (this.listener === undefined) return;
    this.#state = { ...this.#state, ...change };
    this.listener(this.#state);
  }
}

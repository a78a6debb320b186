/**
 * Autosave for a draft that must never lose typing.
 *
 * Every edit goes to a local copy (localStorage, keyed by the case) at once and
 * to the server after a pause. The server takes a save only against the
 * revision the client last saw; a stale revision (409) means someone else
 * saved meanwhile. Then the latest version is fetched: if it differs only in
 * its revision (an upload, a sign-off), the save is simply retried; if its
 * content changed, the user is shown both and chooses — their own edits are
 * re-applied on top of the new revision, or the server's version is taken.
 * Nothing is dropped without the user saying so.
 *
 * A plain class, so that the rules are tested without React; `useAutosave`
 * wraps it for components.
 */
export type AutosaveStatus = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict' | 'locked';

export interface LocalCopy<T> {
  /** What the user had typed. */
  values: T;
  /** The server's content those edits were made on, and its revision. */
  base: T;
  baseRevision: number;
  /** When it was written (ms since epoch). */
  savedAt: number;
}

export interface AutosaveConflict<T> {
  theirs: T;
  revision: number;
  /** Fields the server's version changed. */
  changed: (keyof T)[];
  /** Of those, the fields the user changed too (their edit wins if they keep theirs). */
  overlapping: (keyof T)[];
}

export interface AutosaveSnapshot<T> {
  values: T;
  revision: number;
  status: AutosaveStatus;
  /** When the server last confirmed a save. */
  savedAt: Date | null;
  error: string | null;
  conflict: AutosaveConflict<T> | null;
  /** A local copy from an earlier visit with edits the server never got. */
  restore: LocalCopy<T> | null;
  /** Changed fields held back because they are not complete enough to send (kept locally). */
  held: (keyof T)[];
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface AutosaveOptions<T> {
  storageKey: string;
  values: T;
  revision: number;
  /** Sends the changed fields; resolves to the new revision. */
  save: (changes: Partial<T>, revision: number) => Promise<number>;
  /** The server's current content and revision (after a conflict). */
  loadLatest: () => Promise<{ values: T; revision: number }>;
  isConflict: (error: unknown) => boolean;
  /** The case can no longer be edited (submitted meanwhile): stop, keep the local copy. */
  isLocked?: (error: unknown) => boolean;
  messageOf?: (error: unknown) => string;
  /** Whether a field's value may be sent yet (e.g. a half-typed student row may not). */
  ready?: (key: keyof T, value: T[keyof T]) => boolean;
  delay?: number;
  storage?: KeyValueStorage | null;
  now?: () => number;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function changedKeys<T extends object>(next: T, base: T): (keyof T)[] {
  const keys = new Set([...Object.keys(next), ...Object.keys(base)] as (keyof T)[]);
  return [...keys].filter((k) => !same(next[k], base[k]));
}

const RETRY_DELAYS = [3_000, 10_000, 30_000, 60_000];

export class AutosaveController<T extends object> {
  private readonly o: Required<Omit<AutosaveOptions<T>, 'storage'>> & { storage: KeyValueStorage | null };
  private values: T;
  /** The server's content as last confirmed (what `revision` holds). */
  private base: T;
  private revision: number;
  private status: AutosaveStatus = 'saved';
  private savedAt: Date | null = null;
  private error: string | null = null;
  private conflict: AutosaveConflict<T> | null = null;
  private restore: LocalCopy<T> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private chain: Promise<boolean> = Promise.resolve(true);
  private snapshot: AutosaveSnapshot<T>;
  private readonly listeners = new Set<() => void>();
  private disposed = false;

  constructor(options: AutosaveOptions<T>) {
    this.o = {
      delay: 1500,
      isLocked: () => false,
      ready: () => true,
      messageOf: () => '保存失败',
      now: () => Date.now(),
      ...options,
      storage: options.storage === undefined ? (typeof localStorage === 'undefined' ? null : localStorage) : options.storage,
    };
    this.values = options.values;
    this.base = options.values;
    this.revision = options.revision;
    this.restore = this.readLocal();
    if (this.restore && changedKeys(this.restore.values, options.values).length === 0) {
      // The server already has it (the last save went through after all).
      this.removeLocal();
      this.restore = null;
    }
    this.snapshot = this.makeSnapshot();
  }

  // ---- reading

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): AutosaveSnapshot<T> => this.snapshot;

  /** Anything not yet confirmed by the server. */
  get pending(): boolean {
    return changedKeys(this.values, this.base).length > 0;
  }

  get storageKey(): string {
    return this.o.storageKey;
  }

  private heldKeys(): (keyof T)[] {
    return changedKeys(this.values, this.base).filter((k) => !this.o.ready(k, this.values[k]));
  }

  // ---- editing

  update(patch: Partial<T>): void {
    this.values = { ...this.values, ...patch };
    this.writeLocal();
    if (this.status !== 'conflict' && this.status !== 'locked') {
      this.status = this.pending ? 'dirty' : 'saved';
      this.schedule(this.o.delay);
    }
    this.emit();
  }

  /** Saves now (before sign-off or submit); resolves true when the server has everything. */
  flush(): Promise<boolean> {
    this.clearTimer();
    this.chain = this.chain.then(() => this.saveOnce(0));
    return this.chain;
  }

  /**
   * The server moved on without a content change (an upload, an activity):
   * take its revision so the next save is not refused as stale.
   */
  syncRevision(revision: number): void {
    if (revision > this.revision) this.revision = revision;
    this.emit();
  }

  // ---- the user's choices

  /** Re-apply my edits on top of the server's newer version; fields I did not touch take theirs. */
  keepMine(): void {
    const c = this.conflict;
    if (!c) return;
    const merged = { ...this.values };
    for (const key of c.changed) if (!c.overlapping.includes(key)) merged[key] = c.theirs[key];
    this.values = merged;
    this.base = c.theirs;
    this.revision = c.revision;
    this.conflict = null;
    this.status = this.pending ? 'dirty' : 'saved';
    this.writeLocal();
    this.emit();
    void this.flush();
  }

  /** Take the server's version and drop my unsaved edits (the user chose this). */
  takeTheirs(): void {
    const c = this.conflict;
    if (!c) return;
    this.values = c.theirs;
    this.base = c.theirs;
    this.revision = c.revision;
    this.conflict = null;
    this.status = 'saved';
    this.removeLocal();
    this.emit();
  }

  /** Bring back the edits of an earlier visit (over fields the server changed meanwhile, only where the user edited). */
  acceptRestore(): void {
    const local = this.restore;
    if (!local) return;
    const merged = { ...this.values };
    for (const key of changedKeys(local.values, local.base)) merged[key] = local.values[key];
    this.restore = null;
    this.values = merged;
    this.status = this.pending ? 'dirty' : 'saved';
    this.writeLocal();
    this.emit();
    void this.flush();
  }

  discardRestore(): void {
    this.restore = null;
    this.removeLocal();
    this.emit();
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.listeners.clear();
  }

  // ---- internals

  private async saveOnce(attempt: number): Promise<boolean> {
    if (this.disposed || this.status === 'conflict' || this.status === 'locked') return false;
    const keys = changedKeys(this.values, this.base).filter((k) => this.o.ready(k, this.values[k]));
    if (keys.length === 0) {
      if (this.pending) {
        // Only fields still being filled in: keep them locally until they are complete.
        this.status = 'dirty';
        this.emit();
        return false;
      }
      this.status = 'saved';
      this.error = null;
      this.removeLocal();
      this.emit();
      return true;
    }
    const sending = this.values;
    const changes: Partial<T> = {};
    for (const key of keys) changes[key] = sending[key];
    this.status = 'saving';
    this.emit();
    try {
      const revision = await this.o.save(changes, this.revision);
      this.base = { ...this.base, ...changes };
      this.revision = Math.max(revision, this.revision);
      this.savedAt = new Date(this.o.now());
      this.failures = 0;
      this.error = null;
      if (this.pending) {
        // More typing arrived while saving (or a field is held back): keep it locally, save it next.
        this.status = 'dirty';
        this.writeLocal();
        if (this.heldKeys().length < changedKeys(this.values, this.base).length) this.schedule(this.o.delay);
      } else {
        this.status = 'saved';
        this.removeLocal();
      }
      this.emit();
      return !this.pending;
    } catch (error) {
      return this.failed(error, attempt);
    }
  }

  private async failed(error: unknown, attempt: number): Promise<boolean> {
    if (this.o.isConflict(error)) {
      try {
        const latest = await this.o.loadLatest();
        const changed = changedKeys(latest.values, this.base);
        if (changed.length === 0 && attempt < 3) {
          // Only the revision moved (an upload, a sign-off): same content, save again on top of it.
          this.revision = latest.revision;
          return this.saveOnce(attempt + 1);
        }
        const mine = changedKeys(this.values, this.base);
        this.conflict = {
          theirs: latest.values,
          revision: latest.revision,
          changed,
          overlapping: changed.filter((k) => mine.includes(k)),
        };
        this.status = 'conflict';
        this.emit();
        return false;
      } catch (loadError) {
        return this.failed(loadError, attempt);
      }
    }
    this.error = this.o.messageOf(error);
    if (this.o.isLocked(error)) {
      this.status = 'locked';
      this.emit();
      return false;
    }
    this.status = 'error';
    this.schedule(RETRY_DELAYS[Math.min(this.failures, RETRY_DELAYS.length - 1)]!);
    this.failures += 1;
    this.emit();
    return false;
  }

  private schedule(delay: number): void {
    this.clearTimer();
    if (this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private readLocal(): LocalCopy<T> | null {
    try {
      const raw = this.o.storage?.getItem(this.o.storageKey);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as LocalCopy<T>;
      return parsed && typeof parsed === 'object' && parsed.values && parsed.base ? parsed : null;
    } catch {
      return null;
    }
  }

  private writeLocal(): void {
    try {
      const copy: LocalCopy<T> = { values: this.values, base: this.base, baseRevision: this.revision, savedAt: this.o.now() };
      this.o.storage?.setItem(this.o.storageKey, JSON.stringify(copy));
    } catch {
      // Storage full or disabled: the server save still runs; nothing else to do.
    }
  }

  private removeLocal(): void {
    try {
      this.o.storage?.removeItem(this.o.storageKey);
    } catch {
      /* see writeLocal */
    }
  }

  private makeSnapshot(): AutosaveSnapshot<T> {
    return {
      values: this.values,
      revision: this.revision,
      status: this.status,
      savedAt: this.savedAt,
      error: this.error,
      conflict: this.conflict,
      restore: this.restore,
      held: this.heldKeys(),
    };
  }

  private emit(): void {
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }
}

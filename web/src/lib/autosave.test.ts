import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutosaveController, type AutosaveOptions, type KeyValueStorage } from './autosave.ts';

type Content = { title: string; sections: Record<string, string>; students: string[] };
const server0: Content = { title: '原标题', sections: { background: '', practice: '' }, students: [] };

class MemoryStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

class StaleRevision extends Error {}
class Offline extends Error {}

/** A stand-in for the server's revision rule: a save against an old revision is refused. */
function fakeServer(initial: Content) {
  const state = {
    values: structuredClone(initial),
    revision: 1,
    saves: [] as { changes: Partial<Content>; revision: number }[],
    offline: false,
  };
  return {
    state,
    save: async (changes: Partial<Content>, revision: number) => {
      state.saves.push({ changes, revision });
      if (state.offline) throw new Offline('无法连接服务器');
      if (revision !== state.revision) throw new StaleRevision();
      state.values = { ...state.values, ...structuredClone(changes) };
      state.revision += 1;
      return state.revision;
    },
    loadLatest: async () => ({ values: structuredClone(state.values), revision: state.revision }),
  };
}

function controllerFor(server: ReturnType<typeof fakeServer>, storage: KeyValueStorage, extra: Partial<AutosaveOptions<Content>> = {}) {
  return new AutosaveController<Content>({
    storageKey: 'draft:1',
    values: structuredClone(server.state.values),
    revision: server.state.revision,
    save: server.save,
    loadLatest: server.loadLatest,
    isConflict: (e) => e instanceof StaleRevision,
    messageOf: (e) => (e instanceof Error ? e.message : '保存失败'),
    storage,
    ...extra,
  });
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('autosave', () => {
  it('waits for a pause in typing, then sends only what changed, with the revision it last saw', async () => {
    const server = fakeServer(server0);
    const c = controllerFor(server, new MemoryStorage());
    c.update({ title: '新' });
    await vi.advanceTimersByTimeAsync(1000);
    c.update({ title: '新标题' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.state.saves).toHaveLength(0);
    expect(c.getSnapshot().status).toBe('dirty');
    await vi.advanceTimersByTimeAsync(600);
    expect(server.state.saves).toEqual([{ changes: { title: '新标题' }, revision: 1 }]);
    expect(c.getSnapshot()).toMatchObject({ status: 'saved', revision: 2 });
    expect(c.getSnapshot().savedAt).not.toBeNull();
  });

  it('keeps every keystroke on this computer until the server has it, and forgets it after', async () => {
    const server = fakeServer(server0);
    const storage = new MemoryStorage();
    const c = controllerFor(server, storage);
    c.update({ sections: { background: '我院', practice: '' } });
    expect(JSON.parse(storage.getItem('draft:1')!).values.sections.background).toBe('我院');
    await vi.advanceTimersByTimeAsync(1500);
    expect(storage.getItem('draft:1')).toBeNull();
  });

  it('a failed save loses nothing: the next visit offers the local copy and restoring it saves it', async () => {
    const server = fakeServer(server0);
    const storage = new MemoryStorage();
    server.state.offline = true;
    const first = controllerFor(server, storage);
    first.update({ title: '断网时写的标题' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(first.getSnapshot()).toMatchObject({ status: 'error', error: '无法连接服务器' });
    first.dispose(); // the tab is closed

    server.state.offline = false;
    const second = controllerFor(server, storage);
    expect(second.getSnapshot().values.title).toBe('原标题');
    expect(second.getSnapshot().restore?.values.title).toBe('断网时写的标题');
    second.acceptRestore();
    expect(second.getSnapshot().values.title).toBe('断网时写的标题');
    await vi.advanceTimersByTimeAsync(0);
    expect(server.state.values.title).toBe('断网时写的标题');
    expect(storage.getItem('draft:1')).toBeNull();
  });

  it('retries by itself after a failure', async () => {
    const server = fakeServer(server0);
    const c = controllerFor(server, new MemoryStorage());
    server.state.offline = true;
    c.update({ title: '重试' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(c.getSnapshot().status).toBe('error');
    server.state.offline = false;
    await vi.advanceTimersByTimeAsync(3000);
    expect(c.getSnapshot().status).toBe('saved');
    expect(server.state.values.title).toBe('重试');
  });

  it('offers nothing when the local copy is what the server already has', () => {
    const server = fakeServer(server0);
    const storage = new MemoryStorage();
    storage.setItem('draft:1', JSON.stringify({ values: server0, base: server0, baseRevision: 1, savedAt: 0 }));
    const c = controllerFor(server, storage);
    expect(c.getSnapshot().restore).toBeNull();
    expect(storage.getItem('draft:1')).toBeNull();
  });

  it('when only the revision moved (an upload), saves again on top of it without asking', async () => {
    const server = fakeServer(server0);
    const c = controllerFor(server, new MemoryStorage());
    server.state.revision = 5; // an attachment was added meanwhile
    c.update({ title: '上传后改的标题' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(c.getSnapshot()).toMatchObject({ status: 'saved', conflict: null, revision: 6 });
    expect(server.state.values.title).toBe('上传后改的标题');
  });

  it('when someone else changed the content, shows both and re-applies mine on top if I keep it', async () => {
    const server = fakeServer(server0);
    const c = controllerFor(server, new MemoryStorage());
    // A colleague saves a section and the title.
    server.state.values = { ...server.state.values, title: '同事的标题', sections: { background: '同事写的背景', practice: '' } };
    server.state.revision = 2;
    c.update({ title: '我的标题' });
    await vi.advanceTimersByTimeAsync(1500);
    const { conflict, status, values } = c.getSnapshot();
    expect(status).toBe('conflict');
    expect(values.title).toBe('我的标题'); // never silently dropped
    expect(conflict).toMatchObject({ revision: 2, changed: ['title', 'sections'], overlapping: ['title'] });

    c.keepMine();
    await vi.advanceTimersByTimeAsync(0);
    // Mine wins where I typed; what only they changed is kept.
    expect(server.state.values).toMatchObject({ title: '我的标题', sections: { background: '同事写的背景' } });
    expect(c.getSnapshot()).toMatchObject({ status: 'saved', revision: 3 });
  });

  it('taking the other version replaces mine and clears the local copy', async () => {
    const server = fakeServer(server0);
    const storage = new MemoryStorage();
    const c = controllerFor(server, storage);
    server.state.values = { ...server.state.values, title: '同事的标题' };
    server.state.revision = 2;
    c.update({ title: '我的标题' });
    await vi.advanceTimersByTimeAsync(1500);
    c.takeTheirs();
    expect(c.getSnapshot()).toMatchObject({ status: 'saved', revision: 2, values: { title: '同事的标题' } });
    expect(storage.getItem('draft:1')).toBeNull();
  });

  it('holds back a field that is not complete yet, keeping it locally, and sends the rest', async () => {
    const server = fakeServer(server0);
    const storage = new MemoryStorage();
    const c = controllerFor(server, storage, { ready: (key, value) => key !== 'students' || (value as string[]).every((s) => s !== '') });
    c.update({ title: '标题', students: [''] });
    await vi.advanceTimersByTimeAsync(1500);
    expect(server.state.saves.map((s) => s.changes)).toEqual([{ title: '标题' }]);
    expect(c.getSnapshot()).toMatchObject({ status: 'dirty', held: ['students'] });
    expect(JSON.parse(storage.getItem('draft:1')!).values.students).toEqual(['']);
    c.update({ students: ['李同学'] });
    await vi.advanceTimersByTimeAsync(1500);
    expect(server.state.values.students).toEqual(['李同学']);
    expect(c.getSnapshot().status).toBe('saved');
  });

  it('flush() saves at once, before a sign-off or a submission', async () => {
    const server = fakeServer(server0);
    const c = controllerFor(server, new MemoryStorage());
    c.update({ title: '马上保存' });
    await expect(c.flush()).resolves.toBe(true);
    expect(server.state.values.title).toBe('马上保存');
  });
});

import { useEffect, useState, useSyncExternalStore } from 'react';
import { AutosaveController, type AutosaveOptions, type AutosaveSnapshot } from './autosave.ts';

/**
 * One autosave controller per case (created from the first server copy, kept
 * across refetches: later server copies only matter through conflicts).
 * While anything is unsaved, closing the tab asks first and a hidden tab
 * saves at once.
 */
export function useAutosave<T extends object>(
  options: AutosaveOptions<T> | null,
): { controller: AutosaveController<T>; snapshot: AutosaveSnapshot<T> } | null {
  const key = options?.storageKey ?? null;
  const [controller, setController] = useState<AutosaveController<T> | null>(null);

  useEffect(() => {
    if (!options) return;
    const next = new AutosaveController(options);
    setController(next);
    return () => {
      // Leaving the page: what is unsaved goes to the server now (the local copy stays until it lands).
      if (next.pending) void next.flush().finally(() => next.dispose());
      else next.dispose();
    };
    // Only a different case makes a new controller; options are read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, options !== null]);

  useEffect(() => {
    if (!controller) return;
    const onHide = () => {
      if (document.visibilityState === 'hidden' && controller.pending) void controller.flush();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (controller.pending) event.preventDefault();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [controller]);

  const snapshot = useSyncExternalStore(
    controller?.subscribe ?? noopSubscribe,
    controller?.getSnapshot ?? nullSnapshot,
  ) as AutosaveSnapshot<T> | null;
  // Right after switching cases, the previous case's controller must not show.
  return controller && snapshot && controller.storageKey === key ? { controller, snapshot } : null;
}

const noopSubscribe = () => () => undefined;
const nullSnapshot = () => null;

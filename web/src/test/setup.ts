/**
 * jsdom lacks a few browser APIs antd relies on; these stand-ins are enough
 * for components to render and respond in tests.
 */
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

afterEach(() => cleanup());

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

if (!('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  (window as unknown as { ResizeObserver: typeof ResizeObserverStub }).ResizeObserver = ResizeObserverStub;
}

// jsdom's getComputedStyle throws on pseudo-elements, which antd asks about.
const original = window.getComputedStyle.bind(window);
window.getComputedStyle = ((element: Element) => original(element)) as typeof window.getComputedStyle;

import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { WordCounter, wordLimitState } from './word-counter.tsx';

describe('WordCounter', () => {
  it('counts Chinese characters and Latin words, and says how many are missing', () => {
    render(<WordCounter text="帮助学生 career 规划 2024" minWords={10} maxWords={20} />);
    const counter = screen.getByTestId('word-counter');
    expect(counter.textContent).toBe('8 字 · 要求 10–20 字,还差 2 字');
    expect(counter.dataset.state).toBe('short');
    expect(counter.className).toContain('danger');
  });

  it('turns green inside the limits and red again above the maximum', () => {
    const { rerender } = render(<WordCounter text={'字'.repeat(15)} minWords={10} maxWords={20} />);
    expect(screen.getByTestId('word-counter').className).toContain('success');
    rerender(<WordCounter text={'字'.repeat(23)} minWords={10} maxWords={20} />);
    expect(screen.getByTestId('word-counter').textContent).toBe('23 字 · 要求 10–20 字,超出 3 字');
    expect(screen.getByTestId('word-counter').className).toContain('danger');
  });

  it('an empty section is neither red nor green; a section without a maximum has no upper limit', () => {
    expect(wordLimitState(0, 300, 1500)).toBe('empty');
    expect(wordLimitState(99_999, 300, null)).toBe('ok');
    render(<WordCounter text="" minWords={0} maxWords={null} />);
    expect(screen.getByTestId('word-counter').textContent).toBe('0 字 · 要求 不限字数');
  });
});

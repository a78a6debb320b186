import { Typography } from 'antd';
import { countWords } from '../../../../../contracts/form-template.ts';

export type WordLimitState = 'empty' | 'short' | 'long' | 'ok';

/** Where a text stands against its limits (the same counting the server's submit check uses). */
export function wordLimitState(words: number, minWords: number, maxWords: number | null): WordLimitState {
  if (words === 0) return 'empty';
  if (words < minWords) return 'short';
  if (maxWords !== null && words > maxWords) return 'long';
  return 'ok';
}

export function limitText(minWords: number, maxWords: number | null): string {
  if (maxWords === null) return minWords > 0 ? `至少 ${minWords} 字` : '不限字数';
  return minWords > 0 ? `${minWords}–${maxWords} 字` : `不超过 ${maxWords} 字`;
}

/** Live count under a section: red outside the limits, with how far off it is. */
export function WordCounter({ text, minWords, maxWords }: { text: string; minWords: number; maxWords: number | null }) {
  const words = countWords(text);
  const state = wordLimitState(words, minWords, maxWords);
  const hint =
    state === 'short' ? `,还差 ${minWords - words} 字` : state === 'long' && maxWords !== null ? `,超出 ${words - maxWords} 字` : '';
  const type = state === 'short' || state === 'long' ? 'danger' : state === 'ok' ? 'success' : 'secondary';
  return (
    <Typography.Text type={type} style={{ fontSize: 12 }} data-testid="word-counter" data-state={state}>
      {words} 字 · 要求 {limitText(minWords, maxWords)}
      {hint}
    </Typography.Text>
  );
}

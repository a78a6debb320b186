export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * Splits Chinese prose into sentences, each keeping its closing mark (。！？!?；;)
 * or line break, so that joining the pieces gives the text back unchanged.
 */
export function splitSentences(text: string): string[] {
  return text.match(/[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』)）]?|\n|$)/g)?.filter((s) => s !== '') ?? [];
}

/**
 * Sentence-level diff by longest common subsequence: what a reader compares
 * when a unit revises a case. Adjacent pieces of the same kind are merged.
 * O(n·m) in sentences, fine for case texts (a few hundred sentences at most).
 */
export function diffText(before: string, after: string): DiffOp[] {
  const a = splitSentences(before);
  const b = splitSentences(after);
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: DiffOp[] = [];
  const push = (op: DiffOp['op'], text: string) => {
    const last = ops[ops.length - 1];
    if (last?.op === op) last.text += text;
    else ops.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push('equal', a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      push('delete', a[i++]!);
    } else {
      push('insert', b[j++]!);
    }
  }
  while (i < n) push('delete', a[i++]!);
  while (j < m) push('insert', b[j++]!);
  return ops;
}

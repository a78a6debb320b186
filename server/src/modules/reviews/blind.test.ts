import { describe, expect, it } from 'vitest';
import { findUnitMentions, unitNamesOf } from './reviews.service.ts';

describe('blind review: where the text names its unit', () => {
  const names = unitNamesOf({ name: '南京工程分院', code: 'NJGC' });

  it('looks for the full name, the name without 分院 and a letter code', () => {
    expect(names).toEqual(['南京工程分院', '南京工程', 'NJGC']);
    expect(unitNamesOf({ name: '宜兴分院', code: '07' })).toEqual(['宜兴分院', '宜兴']);
  });

  it('finds the mentions with some context (the short name and the code too), each excerpt once', () => {
    const mentions = findUnitMentions(
      [
        { where: '主要做法', text: '我们南京工程分院的老师与学生结对。' },
        { where: '成效', text: '南京工程的经验被 njgc 校友会推广。' },
        { where: '背景', text: '学院高度重视资助工作。' },
      ],
      names,
    );
    expect(mentions).toEqual([
      { where: '主要做法', excerpt: '我们南京工程分院的老师与学生结对。' },
      { where: '成效', excerpt: '南京工程的经验被 njgc 校友会推广。' },
    ]);
  });
});

import { Tag } from 'antd';
import type { CoverageCell, CoverageGrade } from '../../../../../contracts/coverage.ts';

export const gradeColors: Record<CoverageGrade, string> = { green: 'success', amber: 'warning', red: 'error', none: 'default' };
export const gradeLabels: Record<CoverageGrade, string> = { green: '已覆盖', amber: '部分覆盖', red: '未覆盖', none: '无对象' };

/** One measure of one unit: the colour says the grade, the text the figures (the label is for screen readers and colour-blind users). */
export function CoverageTag({ cell, onClick }: { cell: CoverageCell; onClick?: () => void }) {
  return (
    <Tag
      color={gradeColors[cell.grade]}
      role={onClick ? 'button' : undefined}
      tabIndex={onClick ? 0 : undefined}
      aria-label={`${gradeLabels[cell.grade]}:${cell.text}`}
      data-grade={cell.grade}
      onClick={onClick}
      onKeyDown={(e) => {
        if (onClick && (e.key === 'Enter' || e.key === ' ')) onClick();
      }}
      style={{ cursor: onClick ? 'pointer' : undefined, marginInlineEnd: 0 }}
    >
      {cell.text}
    </Tag>
  );
}

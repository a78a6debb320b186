/**
 * The scores workbook of one track (评分汇总表): 排名, 评分明细, 专家统计.
 * Built from the same data as the ranking page; the cases a coordinator has a
 * conflict with show no scores and none of their reviews are listed.
 */
import ExcelJS from 'exceljs';
import { rankingFlagLabels } from '../../../../contracts/review-ranking.ts';
import { rubricOf } from '../../../../contracts/review.ts';
import { formatShanghaiMinute } from '../../lib/shanghai-time.ts';
import { reviewKey, round2 } from './aggregation.ts';
import { rankedCasesOf, type TrackReviewData } from './ranking.service.ts';

export const rankingHeaders = ['排名', '受理号', '案例名称', '申报单位', '评审数', '平均分', '标准化得分', '分差', '提示'] as const;
export const statsHeaders = ['评审专家', '评审数', '平均分', '标准差'] as const;

const bold = (row: ExcelJS.Row) => {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
};

function mean(xs: number[]) {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

export async function scoresWorkbook(data: TrackReviewData, hiddenUnits: ReadonlySet<number>): Promise<Buffer> {
  const rubric = rubricOf({ kind: data.track.kind, rubric: data.track.rubric });
  const wb = new ExcelJS.Workbook();
  wb.creator = '永助';
  const title = `${data.track.campaign_title} ${data.track.name} 评分汇总`;

  // 排名
  const ranking = wb.addWorksheet('排名', { views: [{ state: 'frozen', ySplit: 2 }] });
  ranking.addRow([title]).font = { bold: true, size: 13 };
  ranking.mergeCells(1, 1, 1, rankingHeaders.length);
  bold(ranking.addRow([...rankingHeaders]));
  for (const c of rankedCasesOf(data, hiddenUnits)) {
    ranking.addRow([
      c.rank,
      c.receiptNo,
      c.title,
      c.unitName,
      `${c.reviewCount}/${c.expectedReviews}`,
      c.mean,
      c.normalised,
      c.spread,
      [...c.flags.map((f) => rankingFlagLabels[f]), ...(c.scoresVisible ? [] : ['回避,不显示评分'])].join('、'),
    ]);
  }
  [6, 16, 40, 18, 8, 10, 12, 8, 24].forEach((w, i) => (ranking.getColumn(i + 1).width = w));

  // 评分明细
  const detail = wb.addWorksheet('评分明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  bold(
    detail.addRow([
      '受理号',
      '案例名称',
      '评审专家',
      ...rubric.criteria.map((k) => `${k.label}(满分${k.scale},权重${k.weight})`),
      '总分',
      '标准化总分',
      '提交时间',
    ]),
  );
  const caseOf = new Map(data.aggregation.cases.map((a) => [a.case.submissionId, a.case]));
  const visible = data.reviews.filter((r) => {
    const c = caseOf.get(r.submissionId);
    return c !== undefined && !hiddenUnits.has(c.unitId);
  });
  const order = new Map(data.aggregation.cases.map((a, i) => [a.case.submissionId, i]));
  visible.sort((a, b) => order.get(a.submissionId)! - order.get(b.submissionId)! || a.reviewerName.localeCompare(b.reviewerName, 'zh'));
  for (const r of visible) {
    const c = caseOf.get(r.submissionId)!;
    detail.addRow([
      c.receiptNo,
      c.title,
      r.reviewerName,
      ...rubric.criteria.map((k) => r.scores[k.key] ?? null),
      r.total,
      round2(data.aggregation.normalisedTotals.get(reviewKey(r.submissionId, r.reviewerId)) ?? r.total),
      formatShanghaiMinute(r.submittedAt),
    ]);
  }
  detail.getColumn(1).width = 16;
  detail.getColumn(2).width = 36;
  detail.getColumn(3).width = 12;
  for (let i = 0; i < rubric.criteria.length + 3; i++) detail.getColumn(4 + i).width = 14;
  detail.getColumn(rubric.criteria.length + 6).width = 18;

  // 专家统计 (over the reviews the viewer may see)
  const stats = wb.addWorksheet('专家统计', { views: [{ state: 'frozen', ySplit: 1 }] });
  bold(stats.addRow([...statsHeaders]));
  const byReviewer = new Map<number, { name: string; totals: number[] }>();
  for (const r of visible) {
    const s = byReviewer.get(r.reviewerId) ?? { name: r.reviewerName, totals: [] };
    s.totals.push(r.total);
    byReviewer.set(r.reviewerId, s);
  }
  for (const s of [...byReviewer.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh'))) {
    const m = mean(s.totals);
    const sd = Math.sqrt(s.totals.reduce((acc, x) => acc + (x - m) ** 2, 0) / s.totals.length);
    stats.addRow([s.name, s.totals.length, round2(m), round2(sd)]);
  }
  [16, 8, 10, 10].forEach((w, i) => (stats.getColumn(i + 1).width = w));

  return Buffer.from(await wb.xlsx.writeBuffer());
}

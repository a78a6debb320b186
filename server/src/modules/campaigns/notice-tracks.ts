import type { TrackKind } from '../../../../contracts/campaigns.ts';

/**
 * The four tracks of the 2024 notice, the one definition every new campaign
 * (and the demo) starts from. Host units, coordinators and deadlines are left
 * empty: they change every year and are set on the settings page.
 */
export interface NoticeTrack {
  code: string;
  name: string;
  kind: TrackKind;
  description: string | null;
  subtypes: { code: string; name: string; description: string | null }[];
}

export const NOTICE_DEFAULT_QUOTA = 2;
export const NOTICE_UPWARD_QUOTA = 3;

export const noticeTracks: readonly NoticeTrack[] = [
  {
    code: 'FZ',
    name: '发展型资助育人优秀案例',
    kind: 'case',
    description: '建立发展型资助机制、培育示范性资助育人做法的优秀案例。',
    subtypes: [
      { code: 'SYS', name: '系统性发展型资助制度及其实施', description: null },
      { code: 'PRJ', name: '某个或某类发展型资助项目', description: '生涯规划指导和研学实践案例除外' },
      { code: 'MEN', name: '育人导师或导师团队的发展型资助育人个案', description: null },
    ],
  },
  {
    code: 'SY',
    name: '生涯规划指导优秀案例',
    kind: 'case',
    description: '帮助学生认识自我、认识社会、形成生涯发展意向的指导案例。',
    subtypes: [],
  },
  {
    code: 'YX',
    name: '研学实践优秀案例',
    kind: 'case',
    description: '综合实践、研究性学习、勤工助学、社会服务、研学旅行等研学实践案例。',
    subtypes: [],
  },
  {
    code: 'DS',
    name: '江苏学生资助宣传大使',
    kind: 'ambassador',
    description: '推荐受助学生担任江苏学生资助宣传大使。',
    subtypes: [],
  },
];

export function noticeTrack(code: string): NoticeTrack {
  const track = noticeTracks.find((t) => t.code === code);
  if (!track) throw new Error(`no notice track ${code}`);
  return track;
}

import type { DbOrTrx } from '../db/database.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { insertPairing, insertUnit } from '../modules/units/units.repository.ts';
import { insertUser } from '../modules/users/users.repository.ts';
import { recordAudit } from '../modules/audit/audit.repository.ts';
import { insertSubmission, replaceStudents, updateSubmissionContent } from '../modules/submissions/submissions.repository.ts';
import { defaultFormTemplate } from '../../../contracts/form-template.ts';
import { noticeTrack } from '../modules/campaigns/notice-tracks.ts';
import { demoAccountSpecs, DEMO_PASSWORD } from './demo-accounts.ts';
import { DEMO_REVIEW_TRACK, seedDemoReview } from './demo-review.ts';
import { dayFromNow, daysFromNow } from './demo-dates.ts';
import { defaultColumns, defaultDeadline } from '../modules/statistics/statistics.repository.ts';
import { schoolYearOf } from '../../../contracts/school-year.ts';

/** The institute, the notice's four host units and more units over 苏南/苏中/苏北. */
const demoUnits = [
  { code: 'JSLH', name: '江苏联合职业技术学院', kind: 'institute', city: '南京' },
  { code: 'XZJM', name: '徐州经贸分院', kind: 'branch', city: '徐州' },
  { code: 'NJWS', name: '南京卫生分院', kind: 'branch', city: '南京' },
  { code: 'YXFY', name: '宜兴分院', kind: 'branch', city: '无锡' },
  { code: 'YZFY', name: '扬州分院', kind: 'branch', city: '扬州' },
  { code: 'NJGC', name: '南京工程分院', kind: 'branch', city: '南京' },
  { code: 'SZFY', name: '苏州分院', kind: 'branch', city: '苏州' },
  { code: 'WXJD', name: '无锡机电分院', kind: 'branch', city: '无锡' },
  { code: 'CZLG', name: '常州刘国钧分院', kind: 'branch', city: '常州' },
  { code: 'ZJFY', name: '镇江分院', kind: 'branch', city: '镇江' },
  { code: 'NTFY', name: '南通分院', kind: 'branch', city: '南通' },
  { code: 'TZJD', name: '泰州机电分院', kind: 'branch', city: '泰州' },
  { code: 'YZGY', name: '扬州工业分院', kind: 'branch', city: '扬州' },
  { code: 'LYGF', name: '连云港分院', kind: 'branch', city: '连云港' },
  { code: 'HASW', name: '淮安生物工程分院', kind: 'branch', city: '淮安' },
  { code: 'YCSW', name: '盐城生物工程分院', kind: 'branch', city: '盐城' },
  { code: 'SQJM', name: '宿迁经贸分院', kind: 'branch', city: '宿迁' },
  { code: 'XZCJ', name: '徐州财经分院', kind: 'branch', city: '徐州' },
  { code: 'NJGZ', name: '南京高等职业技术学校办学点', kind: 'site', city: '南京' },
  { code: 'TXZZ', name: '泰兴中等专业学校办学点', kind: 'site', city: '泰州' },
] as const;

const demoPairings = [
  { kind: 'north_south', a: 'NJGC', b: 'SQJM', startedOn: '2023-09-01', note: '南京工程分院与宿迁经贸分院结对帮扶' },
  { kind: 'north_south', a: 'SZFY', b: 'LYGF', startedOn: '2023-03-01', note: '苏州分院与连云港分院共建研学实践基地' },
  { kind: 'urban_rural', a: 'WXJD', b: 'YXFY', startedOn: '2024-02-20', note: '城乡结对:勤工助学岗位共享' },
] as const;

/** Summary of the 2024 notice, without the contact details it printed. */
const noticeText = `江苏联合职业技术学院关于开展2024年“苏乡永助”资助育人主题活动的通知(示例摘要)

一、活动目的:推动建立全员参与、各部门配合、教育教学各环节协调联动的发展型资助机制,培育和发掘一批示范性、可借鉴的资助育人优秀案例。
二、活动对象:学院五年制高职四、五年级学生和教师。
三、活动内容:(一)发展型资助育人优秀案例征集;(二)生涯规划指导优秀案例征集;(三)研学实践优秀案例征集;(四)推荐“江苏学生资助宣传大使”。
四、工作要求:建立学生发展支持中心、先家访后认定、记录资助成长档案,普遍建立成长奖励制度、为重点帮扶对象配备育人导师,围绕学生成长开展常态化研讨(“六个全覆盖”)。尚待实施的案例须提供可行性论证材料;集体项目应由分管领导牵头负责。
五、报送:以学校为单位报送并列出推荐清单(项目类别、项目名称、申报单位、联系人、联系方式);9月20日前报送总结报告和《资助育人主题活动开展情况统计表》。`;

/** The notice's four tracks (one definition: notice-tracks.ts) with the demo's host units and coordinators. */
const demoTracks = [
  { ...noticeTrack('FZ'), host: 'XZJM', coordinator: 'coord-fz', contactPhone: '0516-8000 0001' },
  { ...noticeTrack('SY'), host: 'NJWS', coordinator: 'coord-sy', contactPhone: '025-8000 0002' },
  { ...noticeTrack('YX'), host: 'YXFY', coordinator: 'coord-yx', contactPhone: '0510-8000 0003' },
  { ...noticeTrack('DS'), host: 'YZFY', coordinator: 'coord-ds', contactPhone: '0514-8000 0004' },
];

/** Fills an empty database with the demo organisation, accounts and the 2024 campaign skeleton. */
export async function seedDemoData(db: DbOrTrx): Promise<void> {
  const unitIds = new Map<string, number>();
  for (const u of demoUnits) unitIds.set(u.code, await insertUnit(db, { ...u, address: null }));
  const unitId = (code: string) => {
    const id = unitIds.get(code);
    if (id === undefined) throw new Error(`demo unit ${code} missing`);
    return id;
  };
  for (const p of demoPairings) {
    await insertPairing(db, { kind: p.kind, unit_a_id: unitId(p.a), unit_b_id: unitId(p.b), started_on: p.startedOn, note: p.note });
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, number>();
  for (const a of demoAccountSpecs) {
    const id = await insertUser(
      db,
      {
        username: a.username,
        display_name: a.displayName,
        email: a.email,
        phone: a.phone,
        unit_id: a.unitCode ? unitId(a.unitCode) : null,
        password_hash: passwordHash,
      },
      a.roles,
    );
    userIds.set(a.username, id);
  }

  const summaryDueOn = dayFromNow(60);
  const campaign = await db
    .insertInto('campaigns')
    .values({
      year: 2024,
      title: '2024年“苏乡永助”资助育人主题活动',
      status: 'open',
      notice_text: noticeText,
      // 总结报告与统计表: due in two months, so a unit can file it whenever the demo is tried.
      summary_due_on: summaryDueOn,
      settings: JSON.stringify({ eligibility: { programme: '五年制高职', grades: [4, 5] } }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const trackIds = new Map<string, number>();
  for (const [i, t] of demoTracks.entries()) {
    const coordinator = demoAccountSpecs.find((a) => a.username === t.coordinator);
    const track = await db
      .insertInto('tracks')
      .values({
        campaign_id: campaign.id,
        code: t.code,
        name: t.name,
        kind: t.kind,
        host_unit_id: unitId(t.host),
        coordinator_user_id: userIds.get(t.coordinator) ?? null,
        contact_name: coordinator?.displayName ?? null,
        contact_email: coordinator?.email ?? null,
        contact_phone: t.contactPhone,
        sort_order: i,
        description: t.description,
        // Dates relative to today, so the demo campaign is open whenever it is tried.
        opens_at: daysFromNow(-30),
        submission_closes_at: daysFromNow(21),
        revision_closes_at: daysFromNow(35),
        default_quota: 2,
        upward_quota: 3,
        form_template: JSON.stringify(defaultFormTemplate(t.code, t.kind)),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [j, s] of t.subtypes.entries()) {
      await db
        .insertInto('track_subtypes')
        .values({ track_id: track.id, code: s.code, name: s.name, description: 'description' in s ? s.description : null, sort_order: j })
        .execute();
    }
    trackIds.set(t.code, track.id);
  }
  await seedDemoDrafts(db, { campaignId: campaign.id, trackIds, unitId: unitId('NJGC'), userIds });
  await seedDemoReview(db, { campaignId: campaign.id, year: 2024, trackId: trackIds.get(DEMO_REVIEW_TRACK)!, unitId, userIds });
  // The demo's records are dated this school year (relative to today): the statistics table counts that year.
  await db
    .insertInto('statistics_layouts')
    .values({
      campaign_id: campaign.id,
      columns: JSON.stringify(defaultColumns()),
      deadline_at: defaultDeadline({ year: 2024, summary_due_on: summaryDueOn }),
      school_year: schoolYearOf(new Date()),
    })
    .execute();
  await recordAudit(
    db,
    { actorId: null, ip: null },
    { action: 'system.demo_seeded', entityType: 'system', summary: { note: '写入演示数据' } },
  );
}

/** Two drafts in 南京工程分院 (the unit of the demo officer, leader and mentor): a half-written case and a nomination. */
async function seedDemoDrafts(
  db: DbOrTrx,
  ids: { campaignId: number; trackIds: Map<string, number>; unitId: number; userIds: Map<string, number> },
): Promise<void> {
  const mentor = ids.userIds.get('mentor');
  const officer = ids.userIds.get('officer');
  const fz = ids.trackIds.get('FZ');
  const ds = ids.trackIds.get('DS');
  if (!mentor || !officer || !fz || !ds) return;
  const caseId = await insertSubmission(db, {
    campaignId: ids.campaignId,
    trackId: fz,
    subtypeId: null,
    unitId: ids.unitId,
    createdBy: mentor,
    title: '“一生一策”导师团队帮扶困难学生成长',
  });
  await updateSubmissionContent(db, caseId, null, {
    summary: '育人导师团队为重点帮扶学生制定个人成长计划,结合心理辅导、学业帮扶与勤工助学,帮助学生走出困境。',
    sections: JSON.stringify({
      background: '我院家庭经济困难学生中,部分学生同时面临学业落后与心理压力。(草稿:待补充)',
    }),
    implementation: 'implemented',
    priority_tags: JSON.stringify([{ tag: 'real_hardship', justification: '' }]),
    contact_name: '孙导师',
  });
  const nominationId = await insertSubmission(db, {
    campaignId: ids.campaignId,
    trackId: ds,
    subtypeId: null,
    unitId: ids.unitId,
    createdBy: officer,
    title: '宣传大使推荐:王同学',
  });
  await replaceStudents(db, nominationId, 'nominee', [
    {
      name: '王同学',
      studentNo: 'NJGC2020001',
      programme: '五年制高职',
      grade: 4,
      major: '机电一体化',
      className: '机电2001',
      consentAt: null,
    },
  ]);
}

import type { DbOrTrx } from '../db/database.ts';
import { insertEvent } from '../modules/submissions/submissions.repository.ts';
import { daysFromNow } from './demo-dates.ts';

/**
 * The demo's review round (issue 4): the 研学实践 track has closed for submissions and
 * holds eight accepted cases from eight units, waiting for reviewers. Its pool has
 * four reviewers (周评审 and three experts, one external without a unit) and no
 * assignments: a new user runs 自动分配 in 评审管理 and sees the plan.
 *
 * YX is the track the e2e journeys only draft in (none submits there), so closing
 * its window disturbs none of them.
 */
export const DEMO_REVIEW_TRACK = 'YX';

export const demoReviewerUsernames = ['reviewer', 'expert1', 'expert2', 'expert3'] as const;

interface DemoCase {
  unit: string;
  title: string;
  summary: string;
  implementation: 'implemented' | 'planned';
  tags: { tag: string; justification: string }[];
  contactName: string;
  contactPhone: string;
  /** What makes this case itself: the place, the activity, the numbers. */
  place: string;
  activity: string;
  students: number;
  result: string;
}

const demoCases: DemoCase[] = [
  {
    unit: 'NJWS',
    title: '“白衣天使”社区健康研学:困难学生走进社区卫生服务中心',
    summary: '组织护理专业家庭经济困难学生到社区卫生服务中心开展健康宣教研学,以勤工助学岗位支持学生在实践中提升专业能力和自信。',
    implementation: 'implemented',
    tags: [
      { tag: 'real_hardship', justification: '研学期间设立带薪勤工助学岗位,缓解学生生活费压力。' },
      { tag: 'social_resources', justification: '联合 6 家社区卫生服务中心共建研学基地。' },
    ],
    contactName: '刘老师',
    contactPhone: '025-8000 2101',
    place: '南京市六个社区卫生服务中心',
    activity: '健康宣教、慢病随访和老年人用药指导',
    students: 46,
    result: '参与学生护士执业资格考试通过率提高 12 个百分点',
  },
  {
    unit: 'WXJD',
    title: '“匠心研学”:走进无锡智能制造企业的勤工助学实践',
    summary: '依托城乡结对,带领宜兴、无锡两地困难学生走进智能制造企业研学,企业提供实践岗位和成长奖学金。',
    implementation: 'implemented',
    tags: [
      { tag: 'urban_rural_pairing', justification: '与宜兴分院城乡结对,共享企业研学岗位。' },
      { tag: 'social_resources', justification: '三家合作企业设立成长奖学金。' },
    ],
    contactName: '钱老师',
    contactPhone: '0510-8000 2102',
    place: '无锡三家智能制造合作企业',
    activity: '工业机器人操作体验、产线工艺研学和企业导师讲堂',
    students: 58,
    result: '21 名学生获得企业成长奖学金,9 名学生签订订单培养协议',
  },
  {
    unit: 'CZLG',
    title: '“追寻刘国钧足迹”红色实业研学与生涯启航',
    summary: '以刘国钧实业报国事迹为主线,设计红色研学线路,帮助困难学生在研学中树立实业报国志向、明确生涯方向。',
    implementation: 'implemented',
    tags: [
      { tag: 'common_prosperity', justification: '研学成果在全校分享,营造共同富裕校园文化。' },
      { tag: 'institution_building', justification: '形成“研学—反思—生涯档案”三段式制度。' },
    ],
    contactName: '周老师',
    contactPhone: '0519-8000 2103',
    place: '常州近代工业遗址和刘国钧纪念馆',
    activity: '实业史研学、校友企业家访谈和生涯规划工作坊',
    students: 40,
    result: '全部参与学生建立生涯档案,35 人明确了升学或就业目标',
  },
  {
    unit: 'NTFY',
    title: '江海研学行:困难学生走进南通非遗工坊',
    summary: '组织困难学生走进蓝印花布等非遗工坊研学并参与文创产品设计,作品义卖所得设立互助基金。',
    implementation: 'implemented',
    tags: [
      { tag: 'real_hardship', justification: '文创义卖所得全部用于学生互助基金。' },
      { tag: 'common_prosperity', justification: '互助基金由受助学生共同管理,传递互助精神。' },
    ],
    contactName: '吴老师',
    contactPhone: '0513-8000 2104',
    place: '南通四家非遗传承工坊',
    activity: '蓝印花布、扎染工艺研学和文创产品设计',
    students: 36,
    result: '设计文创产品 28 件,义卖筹得互助基金 2.6 万元',
  },
  {
    unit: 'LYGF',
    title: '南北结对“海港研学”:连云港与苏州学子共成长',
    summary: '与苏州分院南北结对,两地困难学生结成研学小组,走进连云港港口和苏州工业园区开展互访研学。',
    implementation: 'implemented',
    tags: [
      { tag: 'north_south_pairing', justification: '与苏州分院南北结对,两地学生互访研学。' },
      { tag: 'social_resources', justification: '港口企业和园区企业共同承担研学费用。' },
    ],
    contactName: '郑老师',
    contactPhone: '0518-8000 2105',
    place: '连云港港口和苏州工业园区',
    activity: '港口物流研学、园区企业参访和两地学生结对交流',
    students: 64,
    result: '两地 32 对学生结成长期成长伙伴,研学报告获评市级优秀成果',
  },
  {
    unit: 'HASW',
    title: '“田野课堂”:农业生物技术研学助力乡村振兴',
    summary: '带领农村困难学生回到家乡田野开展农业生物技术研学,把专业所学用于家乡特色农产品种植改良。',
    implementation: 'planned',
    tags: [
      { tag: 'real_hardship', justification: '研学与家庭农业生产结合,帮助学生家庭增收。' },
      { tag: 'urban_rural_pairing', justification: '与城区分院结对,共享实验室资源。' },
    ],
    contactName: '王老师',
    contactPhone: '0517-8000 2106',
    place: '淮安三个乡镇的农业合作社',
    activity: '土壤检测、育苗技术和农产品电商研学',
    students: 30,
    result: '预计帮助 30 户学生家庭改良种植技术,并形成可推广的研学方案',
  },
  {
    unit: 'SZFY',
    title: '“园林里的思政课”:苏州古典园林研学与勤工助学',
    summary: '在苏州古典园林设立讲解志愿与勤工助学岗位,困难学生在研学中学习传统文化并获得稳定的助学收入。',
    implementation: 'implemented',
    tags: [
      { tag: 'real_hardship', justification: '讲解岗位提供稳定的勤工助学收入。' },
      { tag: 'institution_building', justification: '与园林管理处签订长期合作协议。' },
    ],
    contactName: '陆老师',
    contactPhone: '0512-8000 2107',
    place: '苏州四座古典园林',
    activity: '园林讲解志愿服务、传统建筑测绘和双语讲解训练',
    students: 52,
    result: '学生累计提供讲解服务 3200 小时,人均勤工助学收入 4800 元',
  },
  {
    unit: 'YXFY',
    title: '紫砂研学工坊:非遗传承与困难学生技能成长',
    summary: '联合紫砂非遗传承人设立研学工坊,困难学生在研学中掌握紫砂制作技能,优秀作品进入校企合作销售渠道。',
    implementation: 'implemented',
    tags: [
      { tag: 'social_resources', justification: '非遗传承人和企业共同提供技艺指导与销售渠道。' },
      { tag: 'common_prosperity', justification: '作品收益按比例回馈学生互助基金。' },
    ],
    contactName: '蒋老师',
    contactPhone: '0510-8000 2108',
    place: '宜兴丁蜀镇紫砂非遗工坊',
    activity: '紫砂制作技艺研学、非遗口述史采访和作品展销',
    students: 34,
    result: '12 名学生作品入选校企合作展销,获得收入 3.1 万元',
  },
];

/** Four sections written from the case's own facts, long enough to read like a real case. */
function sectionsOf(c: DemoCase): Record<string, string> {
  const background = [
    `本单位家庭经济困难学生中,相当一部分来自农村和城市低收入家庭,课余时间多用于打工补贴生活,参加研学实践的机会很少,专业视野和社会阅历明显不足。`,
    `调查显示,困难学生普遍存在“想参加、怕花钱、怕耽误打工”的顾虑,一些学生因此错过了最能帮助他们认识社会、认识自我的实践机会。`,
    `为此,我们以${c.place}为依托,把研学实践与勤工助学、专业学习和生涯规划结合起来,让困难学生“研学不花钱、实践有收获、成长有方向”。`,
    `项目面向四、五年级学生,首期覆盖${c.students}名学生,其中建档立卡和低保家庭学生占六成以上。项目目标是:人人参与一次高质量研学,人人形成一份研学成长报告,人人获得一项可迁移的实践能力。`,
    `项目启动前,资助中心逐一走访了参与学生的家庭,听取学生和家长的意见,确定了研学时间安排在周末和假期,不影响学生的正常学习和原有勤工助学安排。`,
  ].join('');
  const practice = [
    `一、整合资源,建设稳定的研学基地。我们与${c.place}签订合作协议,明确双方在研学内容、安全保障和经费分担上的责任,基地为学生提供实践岗位和专业指导,学校承担交通和保险费用,困难学生参加研学不承担任何费用。`,
    `二、精心设计研学课程。围绕${c.activity},研学课程分为“走进现场—动手实践—反思分享”三个阶段,每个阶段都有明确的学习任务和成果要求。专业教师和基地导师共同备课,把专业知识点融入研学任务,让学生在真实情境中学习。`,
    `三、研学与勤工助学相结合。在研学基地设立勤工助学岗位,学生在研学期间承担讲解、记录、协助等工作并按规定获得报酬,既缓解了经济压力,又让实践更加深入。岗位安排充分尊重学生意愿,不给学生增加额外负担。`,
    `四、育人导师全程陪伴。每个研学小组配备一名育人导师,导师在研学前与学生谈心谈话,了解学生的困难和期待;研学中关注学生的表现和情绪;研学后指导学生撰写研学成长报告,并把研学收获记入资助成长档案。`,
    `五、注重隐私保护和心理关怀。研学分组和岗位安排不以家庭经济状况为依据公开区分学生,宣传报道中不出现学生的家庭信息,避免给困难学生带来心理压力。对性格内向的学生,导师有意识地安排其承担小组任务,帮助其建立自信。`,
    `六、建立研学成果分享机制。每期研学结束后举办成果分享会,学生以展板、视频、报告等形式展示研学收获,优秀成果在全校展示,并邀请家长和基地导师参加,让学生的成长被看见、被肯定。`,
    `七、完善保障制度。学校出台研学实践管理办法,明确研学经费、安全预案、导师职责和学生评价办法,把研学实践纳入学生综合素质评价和资助育人工作考核,确保项目长期稳定开展。`,
    `八、动态跟踪,持续改进。资助中心为每名参与学生建立研学档案,记录参与情况、导师评价和学生反思,每学期召开一次专题研讨会,分析问题,改进研学课程和组织方式。`,
  ].join('');
  const outcomes = [
    `项目实施以来,${c.students}名困难学生全部参加了研学实践,${c.result}。`,
    `学生在研学报告中普遍写到,研学让他们第一次真正了解了所学专业在社会中的价值,对未来的学习和就业更有信心。参与学生的课程平均成绩、活动参与率和综合素质评价等级均高于项目实施前。`,
    `研学基地和合作单位对学生的表现给予高度评价,部分单位主动提出扩大合作规模、增加实践岗位。项目做法被当地媒体报道,在兄弟院校中产生了良好的示范效应。`,
  ].join('');
  const lessons = [
    `一是研学实践要与资助育人目标紧密结合,不能把研学简单等同于参观游览,而要让困难学生在实践中获得能力、收获自信。二是要统筹政府、企业、社会等各方资源,建立稳定的研学基地和经费保障机制。`,
    `三是要把育人导师的陪伴贯穿研学全过程,关注学生的心理感受,保护学生隐私。四是要建立制度、形成机制,让好的做法可复制、可推广。`,
  ].join('');
  return { background, practice, outcomes, lessons };
}

/**
 * Closes the YX track's window (review deadline in two weeks), writes its eight
 * accepted cases and fills its reviewer pool. Called by seedDemoData.
 */
export async function seedDemoReview(
  db: DbOrTrx,
  ids: { campaignId: number; year: number; trackId: number; unitId: (code: string) => number; userIds: Map<string, number> },
): Promise<void> {
  const admin = ids.userIds.get('admin')!;
  const coordinator = ids.userIds.get('coord-yx')!;
  await db
    .updateTable('tracks')
    .set({
      opens_at: daysFromNow(-45),
      submission_closes_at: daysFromNow(-12),
      revision_closes_at: daysFromNow(-5),
      review_closes_at: daysFromNow(14),
      reviewers_per_case: 3,
      next_receipt_no: demoCases.length + 1,
    })
    .where('id', '=', ids.trackId)
    .execute();

  for (const [i, c] of demoCases.entries()) {
    const receiptNo = `${ids.year}-${DEMO_REVIEW_TRACK}-${String(i + 1).padStart(4, '0')}`;
    const submittedAt = daysFromNow(-20 + i);
    const acceptedAt = daysFromNow(-8 + Math.floor(i / 3));
    const row = await db
      .insertInto('submissions')
      .values({
        campaign_id: ids.campaignId,
        track_id: ids.trackId,
        subtype_id: null,
        unit_id: ids.unitId(c.unit),
        created_by: admin,
        title: c.title,
        summary: c.summary,
        sections: JSON.stringify(sectionsOf(c)),
        implementation: c.implementation,
        is_collective: false,
        priority_tags: JSON.stringify(c.tags),
        contact_name: c.contactName,
        contact_phone: c.contactPhone,
        revision: 1,
        selected_at: submittedAt,
        approved_at: submittedAt,
        approved_revision: 1,
        receipt_no: receiptNo,
        submitted_at: submittedAt,
        accepted_at: acceptedAt,
        accepted_by: coordinator,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertEvent(db, row.id, 'submitted', admin, `${receiptNo} 第 1 版`);
    await insertEvent(db, row.id, 'accepted', coordinator);
  }

  for (const username of demoReviewerUsernames) {
    const userId = ids.userIds.get(username);
    if (userId === undefined) throw new Error(`demo reviewer ${username} missing`);
    const external = (await db.selectFrom('users').select('unit_id').where('id', '=', userId).executeTakeFirstOrThrow()).unit_id === null;
    await db
      .insertInto('review_pool')
      .values({ track_id: ids.trackId, user_id: userId, kind: external ? 'external' : 'staff', added_by: admin })
      .execute();
  }
}

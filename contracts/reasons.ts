/**
 * The closed vocabulary of reasons the server gives for refusing a request.
 * Each code maps once to an HTTP status and a Chinese message that tells the
 * user what to do; policies return codes, the error handler turns them into
 * responses, and the web client shows the message. Add a code here, never a
 * free-text error elsewhere.
 */
export const reasons = {
  // request shape
  bad_request: { status: 400, message: '请求内容有误,请检查后重试。' },
  validation_failed: { status: 400, message: '填写的内容有误,请按提示修改后重试。' },
  malformed_json: { status: 400, message: '请求格式不是有效的 JSON,请刷新页面后重试。' },
  payload_too_large: { status: 413, message: '提交的内容过大,请缩小文件或分批提交。' },
  unsupported_media_type: { status: 415, message: '不支持的请求类型,请通过页面操作提交。' },
  not_found: { status: 404, message: '要访问的内容不存在或已被删除。' },
  route_not_found: { status: 404, message: '接口不存在,请检查地址是否正确。' },
  conflict: { status: 409, message: '该记录已被他人修改,请刷新后重试。' },
  rate_limited: { status: 429, message: '操作过于频繁,请稍后再试。' },
  internal_error: { status: 500, message: '服务器出现错误,您的数据未丢失,请稍后重试或联系管理员。' },
  service_unavailable: { status: 503, message: '服务暂时不可用,请稍后重试。' },

  // authentication
  unauthenticated: { status: 401, message: '尚未登录或登录已过期,请重新登录。' },
  invalid_credentials: { status: 401, message: '账号或密码错误。' },
  account_locked: { status: 423, message: '连续登录失败次数过多,账号已暂时锁定,请在解锁时间后再试。' },
  account_disabled: { status: 403, message: '账号已被停用,请联系学院管理员。' },
  password_change_required: { status: 403, message: '首次登录或密码被重置后,请先修改密码。' },
  wrong_current_password: { status: 400, message: '当前密码不正确,请重新输入。' },
  weak_password: { status: 400, message: '新密码至少 10 位,且须同时包含字母和数字。' },
  password_reused: { status: 400, message: '新密码不能与当前密码相同。' },
  csrf_invalid: { status: 403, message: '页面已过期(安全校验失败),请刷新页面后重试。' },

  // authorization
  forbidden: { status: 403, message: '您没有执行此操作的权限。' },
  not_institute_admin: { status: 403, message: '仅学院管理员可以执行此操作。' },
  not_own_unit: { status: 403, message: '只能查看或操作本单位的数据。' },
  cannot_disable_self: { status: 403, message: '不能停用自己的账号,请由其他管理员操作。' },
  cannot_remove_own_admin: { status: 403, message: '不能移除自己的学院管理员角色,请由其他管理员操作。' },

  // organisation rules
  username_taken: { status: 409, message: '用户名已被使用,请换一个。' },
  email_taken: { status: 409, message: '该电子邮箱已被其他账号使用。' },
  phone_taken: { status: 409, message: '该手机号已被其他账号使用。' },
  unit_required_for_role: { status: 400, message: '类别牵头人、单位资助管理员、分管领导和育人导师/班主任必须指定所属单位。' },
  unit_code_taken: { status: 409, message: '单位代码已被使用,请换一个。' },
  unit_name_taken: { status: 409, message: '单位名称已存在。' },
  unknown_city: { status: 400, message: '请选择江苏省的设区市(县级市请选所属设区市)。' },
  unit_in_use: { status: 409, message: '该单位下仍有用户或记录,不能删除,可改为停用。' },
  pairing_same_unit: { status: 400, message: '结对双方不能是同一单位。' },
  pairing_not_north_south: { status: 400, message: '南北结对须由一个苏南单位和一个苏北单位组成。' },
  pairing_exists: { status: 409, message: '这两个单位已有同类结对。' },
  already_disabled: { status: 409, message: '该账号已是停用状态。' },
  already_enabled: { status: 409, message: '该账号已是启用状态。' },

  // campaign setup (campaigns module)
  campaign_year_taken: { status: 409, message: '该年份的主题活动已存在,每年只能有一个活动;请换一个年份,或直接修改已有活动。' },
  campaign_status_invalid: { status: 409, message: '活动当前所处阶段不能执行此操作,请刷新页面查看最新状态。' },
  campaign_not_draft: { status: 409, message: '活动已开始申报,不能再增删类别或删除活动;如需调整,请修改现有类别的设置。' },
  campaign_closed: { status: 409, message: '活动已结束,设置已归档,不能再修改。' },
  campaign_has_submissions: { status: 409, message: '该活动已有申报记录,不能删除。' },
  campaign_not_ready: { status: 409, message: '活动还不能开始申报:请先补齐各类别的设置(见下方列表)后再开始。' },
  campaign_no_tracks: { status: 409, message: '活动还没有任何类别,请先在“类别设置”中添加类别。' },
  track_deadlines_missing: { status: 409, message: '请设置该类别的开放时间、提交截止时间和修改截止时间。' },
  track_deadlines_order: { status: 400, message: '时间顺序不正确:开放时间须早于提交截止时间,修改截止时间不能早于提交截止时间。' },
  track_host_missing: { status: 409, message: '请为该类别选择牵头单位。' },
  track_coordinator_missing: { status: 409, message: '请为该类别指定类别牵头人。' },
  coordinator_not_eligible: {
    status: 400,
    message: '所选牵头人不是启用状态的“类别牵头人”账号,请先在用户管理中启用该账号并为其添加“类别牵头人”角色。',
  },
  track_code_taken: { status: 409, message: '本活动中已有相同代码的类别,请换一个代码。' },
  track_has_submissions: { status: 409, message: '该类别已有申报记录,不能删除,也不能修改类别代码和类型。' },
  track_order_mismatch: { status: 400, message: '排序须包含本活动的全部类别且不重复,请刷新页面后重试。' },
  subtype_code_taken: { status: 409, message: '该类别下已有相同代码的子类,请换一个代码。' },
  subtype_in_use: { status: 409, message: '已有申报选择了该子类,不能删除;可以修改其名称。' },
  not_progress_viewer: { status: 403, message: '仅学院管理员、类别牵头人和单位资助管理员可以查看申报进度。' },

  // files and imports
  file_required: { status: 400, message: '请选择要上传的文件。' },
  file_type_not_allowed: { status: 415, message: '文件类型不符合要求,请上传 Excel(.xlsx)文件。' },
  import_has_errors: { status: 422, message: '导入文件中有错误行,未导入任何数据。请下载错误报告,修改后重新导入。' },
  import_empty: { status: 422, message: '导入文件中没有数据行。请使用模板填写后再导入。' },

  // submissions: drafting, selection, sign-off, submission (submissions module)
  not_unit_staff: { status: 403, message: '只有本单位的育人导师/班主任、资助管理员或分管领导可以起草和修改申报。' },
  not_own_draft: { status: 403, message: '育人导师/班主任只能修改自己创建的草稿;如需修改他人的草稿,请联系本单位资助管理员。' },
  not_unit_officer: { status: 403, message: '仅本单位资助管理员可以遴选、提交或撤回申报。' },
  not_unit_leader: { status: 403, message: '仅本单位分管领导可以签批推荐清单。' },
  draft_private: { status: 403, message: '该申报尚未提交,仅申报单位内部可见。' },
  own_unit_conflict: { status: 403, message: '该申报来自您所在的单位,按回避规定由学院管理员处理。' },
  submission_locked: { status: 409, message: '该申报已提交,已锁定不能修改;如需修改,请在截止前撤回,或等待牵头人退回。' },
  not_submitted: { status: 409, message: '该申报尚未提交,无需撤回。' },
  campaign_not_open: { status: 409, message: '该主题活动不在申报期内,暂不能新建或提交申报。' },
  track_not_open: { status: 409, message: '该类别尚未开放申报,请在开放时间后再提交。' },
  deadline_passed: { status: 409, message: '该类别的申报截止时间已过,不能再提交或撤回。' },
  revision_deadline_passed: { status: 409, message: '修改后重新提交的截止时间已过,请联系类别牵头人。' },
  quota_full: { status: 409, message: '本单位在该类别的推荐名额已用完。请撤回一项已提交的申报腾出名额,或取消本项推荐。' },
  not_selected: { status: 409, message: '该申报尚未列入本单位推荐清单,请资助管理员先“遴选推荐”后再提交。' },
  not_approved: { status: 409, message: '推荐清单尚未经分管领导签批,请分管领导签批后再提交。' },
  approval_outdated: { status: 409, message: '签批后内容又有修改,签批已失效,请分管领导重新签批后再提交。' },
  title_missing: { status: 422, message: '请填写项目名称。' },
  subtype_missing: { status: 422, message: '请选择案例子类。' },
  subtype_invalid: { status: 400, message: '所选子类不属于该类别,请重新选择。' },
  contact_missing: { status: 422, message: '请填写联系人和联系方式(推荐清单需要)。' },
  section_missing: { status: 422, message: '有必填栏目未填写,请补充后再提交。' },
  word_limit: { status: 422, message: '有栏目字数不符合要求,请按字数限制修改后再提交。' },
  implementation_missing: { status: 422, message: '请选择实施情况:已实施或尚待实施。' },
  attachment_missing: { status: 422, message: '有必传附件未上传,请上传后再提交。' },
  feasibility_missing: { status: 422, message: '尚待实施的案例须上传可行性论证材料。' },
  collective_leader_missing: { status: 422, message: '集体项目须填写牵头负责的分管领导姓名。' },
  tag_justification_missing: { status: 422, message: '所选的每个重点方向都须填写简要说明。' },
  student_ineligible: { status: 422, message: '有学生不在本次活动对象范围内(五年制高职四、五年级),请核对学制和年级。' },
  consent_missing: { status: 422, message: '有学生未记录同意公开宣传的日期,请取得本人同意并填写后再提交。' },
  nominee_missing: { status: 422, message: '请填写被推荐的宣传大使学生(一名)。' },
  nominee_duplicate: { status: 409, message: '该学生已在本次活动中被推荐为宣传大使,同一学生只能推荐一次。' },
  not_ambassador_track: { status: 400, message: '宣传活动记录只适用于“江苏学生资助宣传大使”推荐。' },
  unknown_slot: { status: 400, message: '该附件栏目不存在,请刷新页面后重试。' },
  file_too_large: { status: 413, message: '文件超过大小限制,请压缩后重新上传。' },
  too_many_files: { status: 409, message: '该附件栏目的文件数已达上限,请先删除已有文件再上传。' },
  upload_interrupted: { status: 400, message: '文件上传中断,未保存任何内容,请重新上传。' },

  // privacy check before submission (submissions module, PII scanner)
  pii_found: {
    status: 422,
    message:
      '申报内容或附件中有个人敏感信息(身份证号、手机号码、银行卡号、出生日期或住址),请删除;如确需保留,请在“隐私检查”中说明原因并确认。',
  },
  pii_finding_gone: { status: 409, message: '该条检测结果已不存在(内容可能已被修改),请刷新页面查看最新的隐私检查结果。' },
  // an attachment whose scan has not finished (deadline-rush: scans run in worker threads)
  pii_scan_pending: { status: 422, message: '附件的隐私检查尚未完成,请稍候几秒再提交;如一直未完成,请删除该附件后重新上传。' },

  // form check (形式审查) and exports (form-check, exports modules)
  not_form_checker: { status: 403, message: '形式审查仅由类别牵头人和学院管理员进行;如需查看本单位的申报,请到“申报管理”中查看。' },
  not_track_coordinator: { status: 403, message: '您不是该类别的牵头人,只能审查您牵头类别的申报;如有疑问请联系学院管理员。' },
  already_accepted: { status: 409, message: '该申报已通过形式审查,不能再次通过或退回。' },
  already_returned: { status: 409, message: '该申报已退回单位修改,请等待单位修改后重新提交再审查。' },
  return_after_revision_deadline: {
    status: 409,
    message: '修改截止时间已过,退回后申报单位将无法重新提交;请直接作出审查结论,或请学院管理员延长修改截止时间。',
  },
  not_unit_manager: { status: 403, message: '推荐清单仅本单位资助管理员、分管领导和学院管理员可以导出。' },

  // students and their privacy (students module)
  student_records_forbidden: { status: 403, message: '您的角色不能查看学生档案。学生信息仅对本单位资助工作人员及其班主任、育人导师开放。' },
  not_own_student: { status: 403, message: '只能查看您担任班主任的班级或结对帮扶的学生。如需查看其他学生,请联系本单位资助管理员。' },
  reveal_not_allowed: {
    status: 403,
    message: '您的角色不能查看该字段的完整内容。如确有工作需要,请联系本单位资助管理员。',
  },
  not_roster_manager: { status: 403, message: '学生名册由本单位资助管理员维护,请联系资助管理员修改。' },
  student_no_taken: { status: 409, message: '本单位已有该学号的学生,请核对学号,或直接修改已有的学生记录。' },

  // roster import, class teachers and grade promotion (roster module)
  roster_import_running: {
    status: 409,
    message: '本单位已有一次名册导入正在进行,请等它完成(或取消)后再开始新的导入。',
  },
  roster_import_not_startable: {
    status: 409,
    message: '这次导入已经开始或已经结束,不能再次开始。如需再导入,请重新上传文件(按学号更新,不会产生重复学生)。',
  },
  roster_import_not_running: { status: 409, message: '这次导入没有在进行,无需取消。' },
  roster_file_expired: { status: 409, message: '上传的文件超过 24 小时未导入,已按隐私要求删除。请重新上传。' },
  roster_file_unreadable: {
    status: 422,
    message: '无法读取这个 Excel 文件。请用 Excel 或 WPS 打开后“另存为”.xlsx 格式再上传;名册应在第一个工作表中。',
  },
  roster_file_too_complex: {
    status: 422,
    message: '文件过大或内容过于复杂,无法一次读取。请把名册拆成几个文件(例如按年级)分别导入。',
  },
  roster_header_not_found: {
    status: 422,
    message: '没有找到表头行(含“学号”“姓名”等列名的那一行)。请在下方指定表头所在的行号,或下载导入模板按模板填写。',
  },
  roster_mapping_incomplete: { status: 422, message: '还有必填的列没有对应:学号、姓名、专业、年级各须选择一列。' },
  roster_mapping_duplicate: { status: 400, message: '同一列被对应到了两个字段,请检查列对应。' },
  roster_mapping_out_of_range: { status: 400, message: '所选的列不在表格中,请重新选择。' },
  roster_import_interrupted: {
    status: 409,
    message: '导入因服务器重启而中断。已导入的学生都已保存;请重新上传同一文件导入,已导入的学生只会更新,不会重复。',
  },
  roster_class_unknown: { status: 404, message: '本单位名册中没有这个班级。请核对班级名称,或先导入该班学生。' },
  class_teacher_not_eligible: {
    status: 400,
    message: '班主任须为本单位启用中的“育人导师/班主任”账号。如名单中没有该教师,请联系学院管理员开通账号和角色。',
  },
  promotion_already_done: {
    status: 409,
    message: '本单位本学年已经执行过年级升级,不能重复执行。如个别学生年级有误,请在学生信息中单独修改。',
  },
  promotion_wrong_year: { status: 409, message: '只能为当前学年执行年级升级。请刷新页面,核对学年后再确认。' },
  promotion_nothing_to_do: { status: 422, message: '名册中没有在读学生,无需升级。请先导入学生名册。' },

  // key support targets and mentors (key-targets module)
  not_key_target_manager: { status: 403, message: '重点帮扶对象和育人导师由本单位资助管理员标记和安排,请联系资助管理员。' },
  student_not_identified: {
    status: 409,
    message: '该学生本学年尚未完成家庭经济困难认定(须经学院复核确认),不能标记为重点帮扶对象。请先完成认定。',
  },
  key_target_flag_exists: { status: 409, message: '该学生本学年已有这一项帮扶标记,无需重复添加。' },
  flag_already_cleared: { status: 409, message: '该标记已解除。' },
  mentor_not_eligible: { status: 400, message: '育人导师须为本单位在职的育人导师/班主任账号,请重新选择。' },
  mentor_already_assigned: { status: 409, message: '该教师已是这名学生的育人导师。' },
  mentor_assignment_ended: { status: 409, message: '该导师安排已结束。' },
  coverage_not_allowed: { status: 403, message: '“六个全覆盖”情况仅学院管理员和各单位资助管理员、分管领导可以查看。' },

  // home visits (家访) and difficulty identification (家庭经济困难认定) with its 公示 (home-visits, identifications modules)
  not_visit_recorder: {
    status: 403,
    message: '家访记录由学生的班主任、育人导师或本单位资助管理员填写。如需为该学生记录家访,请联系本单位资助管理员。',
  },
  home_visit_not_author: { status: 403, message: '家访草稿只能由填写人本人修改、完成或删除;已完成的家访对有权查看该学生的老师可见。' },
  home_visit_completed: { status: 409, message: '该家访记录已完成,不能再修改或删除。如有补充,请新建一条家访记录。' },
  home_visit_incomplete: { status: 422, message: '家访记录还不完整:请按提示补充后再点“完成”(草稿已保存,不会丢失)。' },
  visit_date_in_future: { status: 400, message: '家访日期不能晚于今天,请核对日期。' },
  visit_photo_limit: { status: 409, message: '每次家访最多上传 12 张照片,请先删除不需要的照片再上传。' },
  visit_photo_type: { status: 415, message: '家访照片只接受 JPG 或 PNG 图片(按文件内容识别,改扩展名无效)。' },
  not_identification_recorder: {
    status: 403,
    message: '认定申请和民主评议结果由学生的班主任、育人导师或本单位资助管理员录入。',
  },
  not_identification_reviewer: { status: 403, message: '单位审核由本单位资助管理员办理,请联系资助管理员。' },
  identification_exists: { status: 409, message: '该学生本学年已有认定记录,请在“困难认定”列表中继续办理,不要重复申请。' },
  identification_step_invalid: { status: 409, message: '该认定当前所处的步骤不能执行此操作,请刷新页面查看最新状态。' },
  school_year_not_open: { status: 400, message: '只能办理本学年或以前学年的认定,请选择正确的学年。' },
  home_visit_required: {
    status: 409,
    message:
      '先家访后认定:该学生本学年还没有已完成的家访记录,不能审核通过。请先在“家访记录”中记录家访并点“完成”,系统会自动关联到本认定,然后再审核。',
  },
  home_visit_not_linkable: {
    status: 400,
    message: '只能关联该学生在本认定学年内、已完成的家访记录。上一学年或未完成的家访不计入本学年的认定。',
  },
  appraisal_missing: { status: 409, message: '请先录入班级民主评议结果,再进行单位审核。' },
  level_unavailable: { status: 400, message: '所选困难等级不存在或已停用,请重新选择。' },
  level_name_taken: { status: 409, message: '已有同名的困难等级,请换一个名称。' },
  level_unchanged: { status: 400, message: '调整后的等级与当前等级相同,请选择其他等级。' },
  notice_nothing_to_publish: {
    status: 409,
    message: '本单位该学年没有待公示的认定(须经学院复核确认)。请等学院复核后再发布公示。',
  },
  notice_too_short: {
    status: 400,
    message: '公示期不少于 5 个工作日(按周一至周五计算);期间如有法定节假日,请相应顺延结束日期。',
  },
  notice_start_in_past: { status: 400, message: '公示开始日期不能早于今天。' },
  not_notice_viewer: { status: 403, message: '公示名单仅对本单位和学院的登录用户开放。' },
  not_notice_manager: { status: 403, message: '公示由本单位资助管理员发布、处理异议和归档。' },
  notice_not_started: { status: 404, message: '该公示尚未开始,开始日期后才能查看。' },
  notice_expired: { status: 410, message: '该公示已过公示期,名单不再公开。' },
  notice_not_finished: { status: 409, message: '公示期尚未结束,期满后才能归档。' },
  notice_archived: { status: 409, message: '该公示已归档,不能再提出或处理异议。' },
  objection_open: { status: 409, message: '还有未处理的异议,请先逐条处理(填写处理意见)后再归档。' },
  objection_resolved: { status: 409, message: '该异议已处理,不能重复处理。' },
  objection_entry_invalid: { status: 400, message: '所指名单行不存在,请在名单中重新选择。' },

  // growth archives and unit registries (growth-archive, registries modules)
  not_archive_writer: { status: 403, message: '成长档案由本单位资助管理员和学生的班主任、育人导师填写。' },
  archive_kind_officer_only: {
    status: 403,
    message: '受助记录和成长奖励由本单位资助管理员登记;班主任和育人导师可以填写发展活动、导师记录和成长目标。',
  },
  not_own_archive_entry: { status: 403, message: '只能修改或删除自己填写的档案记录;如需更正他人的记录,请联系本单位资助管理员。' },
  archive_entry_from_award: {
    status: 409,
    message: '这条奖励来自本单位成长奖励制度的发放记录,请到“单位工作台账—成长奖励制度”中撤销或重新发放。',
  },
  archive_kind_mismatch: { status: 400, message: '不能改变档案记录的类型;如需改为其他类型,请删除后重新添加。' },
  text_contains_pii: {
    status: 422,
    message:
      '填写的内容中含有身份证号、手机号、银行卡号、出生日期或住址等敏感信息,这里不能保存。请删除后再保存(学生的敏感信息已在学生信息中加密保存)。',
  },
  registries_forbidden: { status: 403, message: '单位工作台账仅对本单位资助管理员、分管领导、班主任/育人导师和学院管理员开放。' },
  not_registry_keeper: { status: 403, message: '单位工作台账由本单位资助管理员维护,请联系资助管理员修改。' },
  registry_unit_required: { status: 400, message: '请先选择要查看的单位。' },
  reward_scheme_missing: { status: 409, message: '本单位尚未登记成长奖励制度,请先填写制度名称和通过日期并保存,再添加奖励项目或发放奖励。' },
  reward_item_name_taken: { status: 409, message: '本单位已有同名的奖励项目,请换一个名称。' },
  reward_item_in_use: { status: 409, message: '该奖励项目已有发放记录,不能删除;可以修改其名称和评选条件。' },
  award_duplicate: { status: 409, message: '该学生在同一天已获得此项奖励,请勿重复登记。' },

  // statistics table (附件5) and summary reports (statistics module)
  statistics_forbidden: { status: 403, message: '统计表和总结报告仅对本单位资助管理员、分管领导和学院管理员开放。' },
  statistics_not_officer: { status: 403, message: '统计表和总结报告由本单位资助管理员填写和报送,请联系资助管理员。' },
  statistics_not_leader: { status: 403, message: '统计表须由本单位分管领导签批,请联系分管领导。' },
  statistics_filing_locked: { status: 409, message: '统计表已报送并锁定,不能再修改;如需更正,请联系学院管理员重新开放。' },
  statistics_deadline_passed: { status: 409, message: '统计表报送已截止,不能再填写或报送;如确需补报,请联系学院管理员为本单位重新开放。' },
  statistics_not_signed_off: { status: 422, message: '当前版本尚未经分管领导签批(签批后又有修改的须重新签批),请先请分管领导签批。' },
  statistics_report_missing: { status: 422, message: '尚未填写或上传总结报告,请先填写报告正文或上传 Word/PDF 文件。' },
  statistics_entries_missing: { status: 422, message: '还有需要填报的栏目未填写,请补齐后再报送(没有的填 0 或"无")。' },
  statistics_already_signed: { status: 409, message: '当前版本已经签批,无需重复签批。' },
  statistics_not_submitted: { status: 409, message: '该单位尚未报送,无需重新开放。' },
  statistics_column_not_computed: { status: 400, message: '只有自动统计的栏目可以更正;填报栏目请直接修改数值。' },
  statistics_column_unknown: { status: 400, message: '统计表中没有这一栏,请刷新页面后重试。' },
  statistics_metric_unknown: { status: 400, message: '所选统计指标不存在,请从指标列表中选择。' },
  statistics_unit_required: { status: 400, message: '请选择要填报统计表的单位(学院本部不填报)。' },

  // review assignment: settings, reviewer pool, conflicts (回避), assignment (review-pool module)
  not_review_manager: { status: 403, message: '评审管理仅对学院管理员和该类别的牵头人开放。' },
  review_coordinator_conflict: {
    status: 403,
    message: '您与该申报单位存在回避关系(本单位或已申报回避),不能分配或调整该案例的评审专家,请由学院管理员处理。',
  },
  review_rubric_locked: {
    status: 409,
    message: '已有专家提交评审意见,修改评分细则会使已提交的分数无法汇总,因此不能再修改;其他评审设置仍可修改。',
  },
  review_closes_in_past: { status: 400, message: '评审截止时间须晚于当前时间,请重新选择。' },
  reviewer_not_eligible: { status: 400, message: '所选用户不是启用状态的“评审专家”账号,请先在用户管理中为其添加“评审专家”角色。' },
  reviewer_staff_needs_unit: { status: 400, message: '没有所属单位的账号只能作为校外专家加入专家库。' },
  reviewer_already_in_pool: { status: 409, message: '该专家已在本类别的专家库中。' },
  reviewer_not_in_pool: { status: 409, message: '该专家不在本类别的专家库中,请先将其加入专家库。' },
  reviewer_has_submitted_reviews: {
    status: 409,
    message: '该专家在本类别已有提交的评审意见,不能移出专家库;如确需调整,请联系学院管理员。',
  },
  conflict_person_not_eligible: { status: 400, message: '回避关系只能登记给评审专家或类别牵头人。' },
  conflict_only_own: { status: 403, message: '您只能为自己申报回避关系;为他人登记请联系学院管理员。' },
  conflict_exists: { status: 409, message: '该回避关系已经登记过了。' },
  conflict_own_unit_automatic: { status: 400, message: '本单位的案例自动回避,无需登记。' },
  review_conflict: { status: 409, message: '该专家与申报单位存在回避关系(本单位或已申报回避),不能评审该案例,请换一位专家。' },
  case_not_assignable: { status: 409, message: '只有通过形式审查(已受理)的案例才能分配评审专家。' },
  assignment_exists: { status: 409, message: '该专家已分配到这个案例,无需重复分配。' },
  assignment_review_submitted: { status: 409, message: '该专家已提交这个案例的评审意见,不能再取消分配。' },
  assignment_plan_stale: { status: 409, message: '预览之后分配情况有变化(专家库、回避关系或已有分配被修改),请重新预览后再确认。' },
  auto_assign_pool_too_small: { status: 409, message: '专家库人数少于每个案例所需的专家数,请先在“专家库”中添加专家。' },
  auto_assign_conflicts_block: { status: 409, message: '扣除回避关系后,可评审该案例的专家不足,请添加其他单位的专家或校外专家。' },
  assignment_row_invalid: { status: 400, message: '分配表中有错误行,请按错误报告修改后重新上传。' },

  // decisions, the campaign's public notice (公示) and the upward package (decisions module)
  decision_case_not_accepted: { status: 409, message: '只有通过形式审查的案例才能作出评审结果,请先完成形式审查。' },
  decision_released: {
    status: 409,
    message: '该案例的评审结果已发布并通知了申报单位,不能再修改。如确需更正,请撤回本类别的发布后重新发布。',
  },
  upward_quota_full: {
    status: 409,
    message: '推荐省级名额已用完(暂存和已发布的都计入),剩余 0 项。请先将其他案例改为“学院优秀”或“未入选”,再推荐本案例。',
  },
  decision_nothing_staged: { status: 409, message: '本类别没有待发布的评审结果,请先为案例选择评审结果。' },
  decision_not_released: { status: 409, message: '本类别没有已发布的评审结果,无需撤回。' },
  review_results_unit_only: { status: 403, message: '评审结果由本单位的工作人员查看;学院管理员请在“评审结果与推荐”中查看。' },
  campaign_notice_nothing: { status: 409, message: '还没有已发布的“推荐省级”结果可以公示,请先在各类别发布评审结果。' },
  campaign_notice_start_in_past: { status: 400, message: '公示开始日期不能早于今天(北京时间)。' },
  campaign_notice_not_found: { status: 404, message: '该公示不存在,或尚未开始。' },
  campaign_notice_ended: { status: 410, message: '公示已结束。' },
  campaign_notice_taken_down: { status: 409, message: '该公示已撤下,不能再操作。' },
  objection_not_on_notice: { status: 400, message: '所选案例不在本次公示名单中,请重新选择或不选。' },
  objection_answered: { status: 409, message: '该异议已答复,不能重复答复。' },
  package_nothing: { status: 409, message: '本类别还没有已发布的“推荐省级”案例,发布评审结果后才能下载上报材料。' },

  // review scoring (reviews module)
  not_reviewer: { status: 403, message: '仅评审专家可以查看评审任务,如需参与评审请联系学院管理员。' },
  review_not_assigned: { status: 403, message: '您没有被分配评审该案例;评审任务以“评审任务”页面列出的为准。' },
  reviewer_conflict: { status: 403, message: '您与该案例的申报单位存在回避关系,不能评审、查看其评分或参与讨论;请联系学院管理员。' },
  review_case_not_accepted: { status: 409, message: '该案例尚未通过形式审查或已撤回,暂不能评审。' },
  review_closed: { status: 409, message: '本类别评审已截止,评分不能再修改;如确需更正,请联系学院管理员。' },
  review_criterion_unknown: { status: 400, message: '评分表中没有这一评分项,请刷新页面后重试。' },
  review_score_out_of_range: { status: 400, message: '评分超出该项的分值范围,请按评分项的满分填写。' },
  review_scores_incomplete: { status: 422, message: '还有评分项未打分,请为每一项打分后再提交。' },
  review_comment_missing: { status: 422, message: '请填写总体评价意见后再提交。' },
  review_others_hidden: { status: 403, message: '请先提交您自己的评审意见,再查看其他专家的评分和讨论。' },
  not_ranking_viewer: { status: 403, message: '评审排名和评分仅学院管理员与本类别牵头人可以查看。' },
  review_scores_of_unit: { status: 403, message: '评审评分不向申报单位公开,请在结果发布后查看评审结果。' },
  review_comment_empty: { status: 400, message: '请填写讨论内容。' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ReasonCode = keyof typeof reasons;

export const reasonCodes = Object.keys(reasons) as ReasonCode[];

/** The body of every error response. */
export interface ErrorBody {
  code: ReasonCode;
  message: string;
  /** Field-level problems, e.g. `{ path: 'email', message: '…' }`. */
  issues?: { path: string; message: string }[];
  /** Extra facts for the UI, e.g. `unlockAt` for a locked account. */
  details?: Record<string, unknown>;
}

export function messageFor(code: ReasonCode): string {
  return reasons[code].message;
}

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

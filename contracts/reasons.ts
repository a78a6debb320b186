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

  // files and imports
  file_required: { status: 400, message: '请选择要上传的文件。' },
  file_type_not_allowed: { status: 415, message: '文件类型不符合要求,请上传 Excel(.xlsx)文件。' },
  import_has_errors: { status: 422, message: '导入文件中有错误行,未导入任何数据。请下载错误报告,修改后重新导入。' },
  import_empty: { status: 422, message: '导入文件中没有数据行。请使用模板填写后再导入。' },
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

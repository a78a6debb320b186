/** App strings that appear in more than one place. Domain labels live in contracts/. */
export const t = {
  productName: '永助',
  productTitle: '永助 · 苏乡永助资助育人平台',
  productSubject: '苏乡永助资助育人平台',
  productSubtitle: '江苏联合职业技术学院 · 发展型资助育人',

  save: '保存',
  cancel: '取消',
  confirm: '确定',
  create: '新建',
  edit: '编辑',
  delete: '删除',
  search: '搜索',
  reset: '重置',
  close: '关闭',
  copy: '复制',
  copied: '已复制',
  retry: '重试',
  actions: '操作',
  none: '—',
  all: '全部',
  saved: '已保存',
  loading: '加载中…',
  totalItems: (n: number) => `共 ${n} 条`,

  menu: {
    dashboard: '工作台',
    campaigns: '活动概览',
    users: '用户管理',
    units: '单位与结对',
    audit: '审计日志',
    password: '账号安全',
    inbox: '我的消息',
    mails: '邮件记录',
    submissions: '本单位申报',
  },

  changePassword: '修改密码',
  logout: '退出登录',
  loggedOut: '您已安全退出',

  userStatus: { active: '启用', disabled: '停用' } as Record<string, string>,

  forbidden: {
    title: '无权访问',
    subtitle: '您的角色没有访问此页面的权限。如需开通,请联系学院管理员。',
  },
  notFound: {
    title: '页面不存在',
    subtitle: '您访问的页面不存在或已被移除。',
  },
  backHome: '返回工作台',

  temporaryPassword: {
    title: '一次性密码',
    hint: '请将此密码通过安全渠道告知本人。该密码只显示这一次,对方首次登录后须立即修改。',
  },
} as const;

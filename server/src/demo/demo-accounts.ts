import type { DemoAccount } from '../../../contracts/auth.ts';

/**
 * Demo accounts, created with the demo data and listed on the login page in
 * demo mode only. Passwords are public by design; production never seeds them.
 * People and contacts are fictitious (example.edu.cn).
 */
export const DEMO_PASSWORD = 'Yongzhu2024';

export interface DemoAccountSpec extends DemoAccount {
  unitCode: string | null;
  email: string;
  phone: string | null;
}

const spec = (s: Omit<DemoAccountSpec, 'password'>): DemoAccountSpec => ({ ...s, password: DEMO_PASSWORD });

export const demoAccountSpecs: DemoAccountSpec[] = [
  spec({
    username: 'admin',
    displayName: '王学管',
    roles: ['institute_admin'],
    unitCode: 'JSLH',
    unitName: '江苏联合职业技术学院',
    email: 'admin@example.edu.cn',
    phone: null,
  }),
  spec({
    username: 'coord-fz',
    displayName: '陈协调',
    roles: ['track_coordinator', 'unit_officer'],
    unitCode: 'XZJM',
    unitName: '徐州经贸分院',
    email: 'coord-fz@example.edu.cn',
    phone: null,
  }),
  spec({
    username: 'coord-sy',
    displayName: '刘牵头',
    roles: ['track_coordinator'],
    unitCode: 'NJWS',
    unitName: '南京卫生分院',
    email: 'coord-sy@example.edu.cn',
    phone: null,
  }),
  spec({
    username: 'coord-yx',
    displayName: '刘研学',
    roles: ['track_coordinator'],
    unitCode: 'YXFY',
    unitName: '宜兴分院',
    email: 'coord-yx@example.edu.cn',
    phone: null,
  }),
  spec({
    username: 'coord-ds',
    displayName: '沈宣传',
    roles: ['track_coordinator'],
    unitCode: 'YZFY',
    unitName: '扬州分院',
    email: 'coord-ds@example.edu.cn',
    phone: null,
  }),
  spec({
    username: 'reviewer',
    displayName: '周评审',
    roles: ['reviewer'],
    unitCode: 'SZFY',
    unitName: '苏州分院',
    email: 'reviewer@example.edu.cn',
    phone: null,
  }),
  // The review round's experts (demo-review.ts): two from other units, one external without a unit.
  spec({
    username: 'expert1',
    displayName: '钱专家',
    roles: ['reviewer'],
    unitCode: 'CZLG',
    unitName: '常州刘国钧分院',
    email: 'expert1@example.edu.cn',
    phone: null,
  }),
  spec({
    username: 'expert2',
    displayName: '孙专家',
    roles: ['reviewer'],
    unitCode: 'ZJFY',
    unitName: '镇江分院',
    email: 'expert2@example.edu.cn',
    phone: null,
  }),
  spec({
    username: 'expert3',
    displayName: '李教授(校外)',
    roles: ['reviewer'],
    unitCode: null,
    unitName: null,
    email: 'expert3@example.edu.cn',
    phone: null,
  }),
  spec({
    username: 'officer',
    displayName: '李资助',
    roles: ['unit_officer'],
    unitCode: 'NJGC',
    unitName: '南京工程分院',
    email: 'officer@example.edu.cn',
    phone: null,
  }),
  spec({
    username: 'leader',
    displayName: '赵分管',
    roles: ['unit_leader'],
    unitCode: 'NJGC',
    unitName: '南京工程分院',
    email: 'leader@example.edu.cn',
    phone: null,
  }),
  spec({
    username: 'mentor',
    displayName: '孙导师',
    roles: ['mentor'],
    unitCode: 'NJGC',
    unitName: '南京工程分院',
    email: 'mentor@example.edu.cn',
    phone: null,
  }),
];

export const demoAccounts: DemoAccount[] = demoAccountSpecs.map(({ username, password, displayName, roles, unitName }) => ({
  username,
  password,
  displayName,
  roles,
  unitName,
}));

// The sample firm's organisation: department tree, site/building/floor/room tree, and the tables
// people's names are drawn from.

/** What a department does, which decides the equipment it holds. */
export type DeptKind = 'exec' | 'office' | 'finance' | 'it' | 'rd' | 'production' | 'sales' | 'warehouse';

export interface DeptSpec {
  code: string;
  name: string;
  kind: DeptKind;
  /** Relative headcount (custodians are spread by it). */
  staff: number;
  /** Room codes where its people and equipment sit. */
  rooms: string[];
  children?: DeptSpec[];
}

export const DEPARTMENTS: DeptSpec[] = [
  { code: 'D01', name: '总经理办公室', kind: 'exec', staff: 3, rooms: ['HQ-A-302', 'HQ-A-303'] },
  { code: 'D02', name: '财务部', kind: 'finance', staff: 5, rooms: ['HQ-A-201', 'HQ-A-203'] },
  {
    code: 'D03',
    name: '行政部',
    kind: 'office',
    staff: 5,
    rooms: ['HQ-A-102', 'HQ-A-101', 'HQ-A-301', 'HQ-A-401'],
  },
  { code: 'D04', name: '人力资源部', kind: 'office', staff: 4, rooms: ['HQ-A-202', 'HQ-A-402'] },
  { code: 'D05', name: '信息技术部', kind: 'it', staff: 4, rooms: ['HQ-B-101', 'HQ-B-102'] },
  {
    code: 'D06',
    name: '研发中心',
    kind: 'rd',
    staff: 2,
    rooms: ['HQ-B-305'],
    children: [
      { code: 'D0601', name: '软件开发组', kind: 'rd', staff: 14, rooms: ['HQ-B-201', 'HQ-B-202'] },
      { code: 'D0602', name: '硬件开发组', kind: 'rd', staff: 8, rooms: ['HQ-B-301', 'HQ-B-103'] },
      { code: 'D0603', name: '测试组', kind: 'rd', staff: 6, rooms: ['HQ-B-103', 'HQ-B-202'] },
      { code: 'D0604', name: '产品设计组', kind: 'rd', staff: 4, rooms: ['HQ-B-306'] },
    ],
  },
  {
    code: 'D07',
    name: '生产部',
    kind: 'production',
    staff: 2,
    rooms: ['HQ-C-103'],
    children: [
      { code: 'D0701', name: '一车间', kind: 'production', staff: 14, rooms: ['HQ-C-101'] },
      { code: 'D0702', name: '二车间', kind: 'production', staff: 12, rooms: ['HQ-C-102'] },
      { code: 'D0703', name: '质检科', kind: 'production', staff: 4, rooms: ['HQ-C-103'] },
    ],
  },
  {
    code: 'D08',
    name: '销售部',
    kind: 'sales',
    staff: 2,
    rooms: ['HQ-A-304'],
    children: [
      { code: 'D0801', name: '华东区', kind: 'sales', staff: 6, rooms: ['HQ-A-304'] },
      { code: 'D0802', name: '华南区', kind: 'sales', staff: 5, rooms: ['SZ-1-1201'] },
      { code: 'D0803', name: '华北区', kind: 'sales', staff: 5, rooms: ['HQ-A-403'] },
      { code: 'D0804', name: '西南区', kind: 'sales', staff: 3, rooms: ['HQ-A-403'] },
    ],
  },
  { code: 'D09', name: '采购部', kind: 'office', staff: 3, rooms: ['HQ-A-204'] },
  {
    code: 'D10',
    name: '仓储物流部',
    kind: 'warehouse',
    staff: 6,
    rooms: ['HQ-C-201', 'HQ-C-202', 'HQ-C-204'],
  },
];

export interface LocationSpec {
  code: string;
  name: string;
  kind: 'site' | 'building' | 'floor' | 'room';
  children?: LocationSpec[];
}

const room = (code: string, name: string): LocationSpec => ({ code, name, kind: 'room' });
const floor = (code: string, name: string, rooms: LocationSpec[]): LocationSpec => ({
  code,
  name,
  kind: 'floor',
  children: rooms,
});

export const LOCATIONS: LocationSpec[] = [
  {
    code: 'HQ',
    name: '总部园区',
    kind: 'site',
    children: [
      {
        code: 'HQ-A',
        name: '1号办公楼',
        kind: 'building',
        children: [
          floor('HQ-A-1F', '1层', [room('HQ-A-101', '101接待室'), room('HQ-A-102', '102行政办公室')]),
          floor('HQ-A-2F', '2层', [
            room('HQ-A-201', '201财务室'),
            room('HQ-A-202', '202人力资源办公室'),
            room('HQ-A-203', '203档案室'),
            room('HQ-A-204', '204采购办公室'),
          ]),
          floor('HQ-A-3F', '3层', [
            room('HQ-A-301', '301会议室'),
            room('HQ-A-302', '302总经理办公室'),
            room('HQ-A-303', '303副总经理办公室'),
            room('HQ-A-304', '304销售办公区'),
          ]),
          floor('HQ-A-4F', '4层', [
            room('HQ-A-401', '401大会议室'),
            room('HQ-A-402', '402培训室'),
            room('HQ-A-403', '403销售办公区B'),
          ]),
        ],
      },
      {
        code: 'HQ-B',
        name: '2号研发楼',
        kind: 'building',
        children: [
          floor('HQ-B-1F', '1层', [
            room('HQ-B-101', '机房'),
            room('HQ-B-102', '102网络运维室'),
            room('HQ-B-103', '103测试实验室'),
          ]),
          floor('HQ-B-2F', '2层', [room('HQ-B-201', '研发办公区A'), room('HQ-B-202', '研发办公区B')]),
          floor('HQ-B-3F', '3层', [
            room('HQ-B-301', '研发办公区C'),
            room('HQ-B-305', '305会议室'),
            room('HQ-B-306', '306产品设计室'),
          ]),
        ],
      },
      {
        code: 'HQ-C',
        name: '3号厂房',
        kind: 'building',
        children: [
          floor('HQ-C-1F', '1层', [
            room('HQ-C-101', '一车间'),
            room('HQ-C-102', '二车间'),
            room('HQ-C-103', '质检室'),
          ]),
          floor('HQ-C-2F', '2层', [
            room('HQ-C-201', '仓库A（原材料）'),
            room('HQ-C-202', '仓库B（成品）'),
            room('HQ-C-203', '设备仓库'),
            room('HQ-C-204', '物流办公室'),
          ]),
        ],
      },
      { code: 'HQ-P', name: '地面停车场', kind: 'building', children: [room('HQ-P-01', '停车场A区')] },
    ],
  },
  {
    code: 'SZ',
    name: '深圳办事处',
    kind: 'site',
    children: [
      {
        code: 'SZ-1',
        name: '科技园大厦',
        kind: 'building',
        children: [floor('SZ-1-12F', '12层', [room('SZ-1-1201', '1201办公室')])],
      },
    ],
  },
];

/** Where idle and retired equipment waits, and where vehicles park. */
export const STORE_ROOM = 'HQ-C-203';
export const PARKING = 'HQ-P-01';
export const SERVER_ROOM = 'HQ-B-101';

// The most common surnames, roughly by frequency (weights), and given-name characters.
export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
  '欧阳',
  '司马',
];
/** Weight of the i-th surname: the first few are far more common. */
export const surnameWeight = (i: number) => 1 / (i + 4);

export const GIVEN_CHARS =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍鹏辉建国文斌宇浩凯晨子轩梓涵欣怡思雨佳琪晓婷雪梅志红海燕波鑫俊峰林龙宁飞颖琳倩慧瑶璐丹洁彬博昊天睿一诺嘉铭泽远立新春晖永胜秀云凤婧楠雅蕾薇宏亮振东卫民德明家豪';

// Base settings for ledger tests (categories, locations, departments, custodians, suppliers),
// written straight into the database so asset tests do not depend on the settings screens' API.
import type { Sqlite } from '../../src/main/db/client';

export interface LedgerFixtures {
  cat: { equipment: number; computers: number; laptops: number; furniture: number; inactive: number };
  loc: { hq: number; floor3: number; room301: number; warehouse: number };
  dept: { company: number; it: number; finance: number; inactive: number };
  person: { zhang: number; li: number; wang: number };
  supplier: { lenovo: number };
}

const NOW = '2024-01-01T00:00:00.000Z';

export function seedLedger(sqlite: Sqlite): LedgerFixtures {
  const cat = sqlite.prepare(
    `INSERT INTO categories (parent_id, code, name, life_months, residual_rate_bp, method, tax_class, active, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'electronic', ?, ?, ?)`,
  );
  const tree = (table: string) =>
    sqlite.prepare(
      `INSERT INTO ${table} (parent_id, code, name, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
  const id = (r: { lastInsertRowid: number | bigint }) => Number(r.lastInsertRowid);

  const equipment = id(cat.run(null, 'XEQ', '通用设备', 120, 500, 'straight_line', 1, NOW, NOW));
  const computers = id(cat.run(equipment, 'XPC', '计算机设备', 60, 300, 'double_declining', 1, NOW, NOW));
  const laptops = id(cat.run(computers, 'XNB', '笔记本电脑', 36, 100, 'straight_line', 1, NOW, NOW));
  const furniture = id(cat.run(null, 'XFU', '家具用具', 60, 0, 'straight_line', 1, NOW, NOW));
  const inactive = id(cat.run(null, 'XOLD', '停用类别', 60, 0, 'straight_line', 0, NOW, NOW));

  const loc = tree('locations');
  const hq = id(loc.run(null, 'XHQ', '总部大楼', 1, NOW, NOW));
  const floor3 = id(loc.run(hq, 'XHQ-3F', '三楼', 1, NOW, NOW));
  const room301 = id(loc.run(floor3, 'XHQ-301', '301室', 1, NOW, NOW));
  const warehouse = id(loc.run(null, 'XWH', '仓库', 1, NOW, NOW));

  const dep = tree('departments');
  const company = id(dep.run(null, 'XD00', '总经办', 1, NOW, NOW));
  const it = id(dep.run(company, 'XD01', '信息技术部', 1, NOW, NOW));
  const finance = id(dep.run(company, 'XD02', '财务部', 1, NOW, NOW));
  const deptInactive = id(dep.run(null, 'XD99', '已撤销部门', 0, NOW, NOW));

  const person = sqlite.prepare(
    `INSERT INTO custodians (code, name, department_id, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)`,
  );
  const zhang = id(person.run('XE001', '张伟', it, NOW, NOW));
  const li = id(person.run('XE002', '李娜', finance, NOW, NOW));
  const wang = id(person.run('XE003', '王芳', it, NOW, NOW));

  const lenovo = id(
    sqlite
      .prepare(
        `INSERT INTO suppliers (code, name, active, created_at, updated_at) VALUES ('XS01', '联想集团', 1, ?, ?)`,
      )
      .run(NOW, NOW),
  );

  return {
    cat: { equipment, computers, laptops, furniture, inactive },
    loc: { hq, floor3, room301, warehouse },
    dept: { company, it, finance, inactive: deptInactive },
    person: { zhang, li, wang },
    supplier: { lenovo },
  };
}

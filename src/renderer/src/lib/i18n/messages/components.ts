// Words of the shared components (pickers, tables, dialogs, money input).
export const messages = {
  'zh-CN': {
    'picker.choose': '请选择',
    'picker.search': '输入名称搜索…',
    'picker.typeToSearch': '输入姓名或编号搜索…',
    'picker.clear': '清除选择',
    'picker.noMatch': '没有匹配项',
    'table.selectAll': '选择当前可见的行',
    'table.selectRow': '选择此行',
    'table.sortHint': '点击排序，按住 Shift 点击可多列排序',
    'money.invalid': '请输入金额，如 1234.56',
  },
  en: {
    'picker.choose': 'Choose…',
    'picker.search': 'Type to filter…',
    'picker.typeToSearch': 'Type a name or code…',
    'picker.clear': 'Clear',
    'picker.noMatch': 'No matches',
    'table.selectAll': 'Select the rows in view',
    'table.selectRow': 'Select this row',
    'table.sortHint': 'Click to sort; Shift-click to add a sort column',
    'money.invalid': 'Enter an amount such as 1234.56',
  },
};

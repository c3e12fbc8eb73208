// Enumerations shared by core and renderer without pulling zod into the renderer bundle.

export const DEPRECIATION_METHODS = [
  'straight_line',
  'double_declining',
  'sum_of_years',
  'units_of_production',
] as const;
export type DepreciationMethod = (typeof DEPRECIATION_METHODS)[number];

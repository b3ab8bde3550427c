import { shanghai2026Pack } from '../shanghai-2026/pack';

/** 上海 区级部门预算 2026 (预算主管部门: 本部 and its units), the layout of 普陀区's templates. */
export const shanghai2026Department = shanghai2026Pack('department');

import { shanghai2026Pack } from '../shanghai-2026/pack';

/** 上海 区级单位预算 2026 (one budget unit), the layout of 普陀区's templates. */
export const shanghai2026Unit = shanghai2026Pack('unit');

export * from './canonical';
export * from './diff';
export * from './labels';
export * from './signoff';
export * from './states';

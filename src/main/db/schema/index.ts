export * from './users';
export * from './settings';
export * from './assets';
export * from './audit';
export * from './depreciation';
export * from './devices';
export * from './labels';

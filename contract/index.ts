export * from './bridge';
export * from './channels';
export * from './commands';
export * from './events';
export * from './hosts';
export * from './signals';
export * from './validate';
export * from './wire';

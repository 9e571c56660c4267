export * from './event.ts';
export * from './retention.ts';

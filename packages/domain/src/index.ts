export * from './auth/password.ts';
export * from './auth/roles.ts';
export * from './codes/admin-division.ts';
export * from './codes/grid-code.ts';
export * from './geo/polygon.ts';
export * from './identity/id-number.ts';
export * from './identity/phone.ts';
export * from './org/hierarchy.ts';

export * from './accounts.js';
export * from './admin.js';
export * from './auth.js';
export * from './config.js';
export * from './errors.js';
export * from './health.js';
export * from './pagination.js';

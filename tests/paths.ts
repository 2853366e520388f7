import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..');
/** Where the global setup built the app; IPC_SCOPE_OUT moves it for parallel runs. */
export const outDir = path.resolve(repoRoot, process.env.IPC_SCOPE_OUT ?? 'out');
export const childrenDir = path.join(outDir, 'children');

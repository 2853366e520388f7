import { readFile } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Reads a file of the built renderer for either host; null for anything outside it or missing. */
export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | null> {
  try {
    const relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
    const root = path.resolve(rootDir);
    const file = path.resolve(root, `.${relative}`);
    if (!file.startsWith(root + path.sep)) return null;
    const body = await readFile(file);
    return { body, contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}

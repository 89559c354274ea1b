/** Finding the input files of an ingest: files as given, folders walked for supported types. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';

/** Extensions ingest reads. Anything else in a folder is skipped silently; named explicitly, it is reported. */
export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.docx', '.doc', '.wps', '.xls', '.pdf', '.ofd', '.png', '.jpg', '.jpeg', '.tif', '.tiff'];

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Document id: the file name. */
  id: string;
}

export interface ScanResult {
  files: InputFile[];
  /** Absolute folders that were walked: documents indexed from them but gone now are dropped. */
  scannedDirs: string[];
  /** Absolute paths that do not exist. */
  missing: string[];
}

/** Expands `paths` into input files (folders recursively, hidden entries skipped), sorted by id. */
export function scanInputs(paths: string[]): ScanResult {
  const files: InputFile[] = [];
  const scannedDirs: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && SUPPORTED_EXTENSIONS.includes(extname(entry.name).toLowerCase())) files.push({ path: p, id: entry.name });
    }
  };
  for (const raw of paths) {
    const p = resolve(raw);
    if (!existsSync(p)) {
      missing.push(p);
      continue;
    }
    if (statSync(p).isDirectory()) {
      scannedDirs.push(p);
      walk(p);
    } else {
      files.push({ path: p, id: basename(p) });
    }
  }
  files.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.path.localeCompare(b.path)));
  return { files, scannedDirs, missing };
}

/** True when `path` lies inside folder `dir`. */
export function isInside(path: string, dir: string): boolean {
  const d = dir.endsWith('/') ? dir : `${dir}/`;
  return path.startsWith(d);
}

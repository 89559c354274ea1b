/** Command-line options of `npm run bench` (pure parsing, so it is testable). */

/** Options of the benchmark. */
export interface BenchOptions {
  /** Synthetic corpus size in chunks. Default 100,000; 0 skips the synthetic run. */
  chunks: number;
  /** Queries per corpus (at least 1). Default 1,000. */
  queries: number;
  /** One JSON document on stdout instead of the table. Default false. */
  json: boolean;
  /** Folder for the saved indexes; default a temporary folder, removed afterwards. */
  out: string | null;
  /** Skip the MiniSearch baseline (it is the memory-heaviest part). Default false. */
  noMinisearch: boolean;
  /**
   * Query-time budget of each slow baseline (brute-force cosine, MiniSearch) per corpus, in
   * seconds: they answer the queries in order until it is spent (at least 50). Default 30;
   * 0 = no budget (every query).
   */
  baselineSeconds: number;
}

/** Documented defaults of {@link BenchOptions}. */
export const defaultBenchOptions: BenchOptions = { chunks: 100_000, queries: 1000, json: false, out: null, noMinisearch: false, baselineSeconds: 30 };

/** Usage text printed for `--help` and after an error. */
export const USAGE = `Usage: npm run bench -- [--chunks N] [--queries N] [--json] [--out DIR] [--no-minisearch] [--baseline-seconds S]
  --chunks N        synthetic corpus size (default 100000; 0 = corpus/ only)
  --queries N       queries per corpus (default 1000)
  --json            print one JSON document on stdout (progress stays on stderr)
  --out DIR         keep the saved indexes in DIR (default: a temporary folder, removed afterwards)
  --no-minisearch   skip the MiniSearch baseline
  --baseline-seconds S  query-time budget of brute force and MiniSearch per corpus (default 30; 0 = all queries)`;

function positiveInteger(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value.replace(/_/g, '')) || !Number.isSafeInteger(n) || n < min) {
    throw new Error(`${name} needs an integer ≥ ${min}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  }
  return n;
}

/** Parses argv (without node and script); throws an Error with a readable message on bad input. `--help` returns null. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | null {
  const o: BenchOptions = { ...defaultBenchOptions };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--chunks':
        o.chunks = positiveInteger('--chunks', value()?.replace(/_/g, ''), 0);
        break;
      case '--queries':
        o.queries = positiveInteger('--queries', value()?.replace(/_/g, ''), 1);
        break;
      case '--json':
        o.json = true;
        break;
      case '--baseline-seconds':
        o.baselineSeconds = positiveInteger('--baseline-seconds', value()?.replace(/_/g, ''), 0);
        break;
      case '--no-minisearch':
        o.noMinisearch = true;
        break;
      case '--out': {
        const v = value();
        if (!v || v.startsWith('--')) throw new Error('--out needs a folder');
        o.out = v;
        break;
      }
      case '--help':
      case '-h':
        return null;
      default:
        throw new Error(`Unknown option ${a}`);
    }
  }
  return o;
}

/**
 * Entry of the workspace's worker threads (see `pool.ts`): ingest, alignment and extractive
 * questions and searches run here, off the server's event loop. Alignment and queries read the
 * served generation from disk once per generation.
 */
import { exposeTasks } from './pool.js';
import { loadAlignIndex, runAlignTask, runIngestTask, runQueryTask, type AlignTask, type IngestProgress, type IngestTask, type QueryTask } from './tasks.js';

exposeTasks({
  ingest: (task: IngestTask, emit: (event: IngestProgress) => void) => runIngestTask(task, emit),
  align: (task: AlignTask) => runAlignTask(loadAlignIndex(task.indexDir, task.generation), task),
  query: (task: QueryTask) => runQueryTask(task),
});

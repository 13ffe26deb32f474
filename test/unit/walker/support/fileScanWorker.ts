// A worker for the shared-file-scan tests: the CLI's own (server/src/cli/scanWorker.ts), run from
// the sources.
import '../../../../server/src/cli/scanWorker';

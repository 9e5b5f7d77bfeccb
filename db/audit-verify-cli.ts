// `npm run audit:verify`: recomputes the audit trail's hash chain and names the first broken row.
// Exit 0: intact (prints the row count and the head hash, worth keeping elsewhere); exit 1: broken.
import { verifyAuditChain } from '../api/audit/verify-audit-chain.ts';
import { loadConfigOrExit } from '../api/config.ts';
import { openDatabase } from './client.ts';

const config = loadConfigOrExit();
const db = await openDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
try {
  const result = await verifyAuditChain(db);
  if (result.ok) {
    console.log(`audit trail intact: ${result.rows} rows, head ${result.head}`);
  } else {
    console.error(`audit trail BROKEN at row ${result.firstBrokenSeq} (${result.reason}): ${result.detail}`);
    process.exitCode = 1;
  }
} finally {
  db.$client.close();
}

/** The year's check-in records in one bulk read (for the health figures and the export). */
import { type CheckInRecord, checkInRecordSchema } from '../mailing/checkIns.ts';
import type { RecordsStore } from '../records/ports.ts';

/** Every readable check-in of the year; files that do not read are named in `skipped` (paths only). */
export async function loadCheckIns(store: RecordsStore, programYear: string): Promise<{ checkIns: CheckInRecord[]; skipped: string[] }> {
  const checkIns: CheckInRecord[] = [];
  const skipped: string[] = [];
  for (const [path, file] of await store.readFolder(`check-ins/${programYear}`)) {
    if (!path.endsWith('.json')) continue;
    try {
      checkIns.push(checkInRecordSchema.parse(JSON.parse(file.content)));
    } catch {
      skipped.push(path);
    }
  }
  return { checkIns, skipped };
}
